"""What safeguarding tells the discussion without importing it: a lead found a case was not a safeguarding
matter, so the comment goes back to ordinary moderation with its text (news.comments' receiver does that)."""

from django.dispatch import Signal

# Sent with case=, text=, name=, email=, user= once the case has been recorded as returned.
case_returned_to_moderation = Signal()
