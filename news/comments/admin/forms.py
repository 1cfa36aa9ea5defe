"""The desk's forms: every decision may carry a reason; spam may block; standing; a staff reply."""

from django import forms

from news.comments import services
from news.comments.models import CommenterStanding


class DecisionForm(forms.Form):
    """Every decision may carry the moderator's reason, kept with the comment and in the history."""

    note = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=150,
        help_text="Kept with the decision and in the history; commenters never see it.",
    )


class SpamForm(DecisionForm):
    block = forms.ChoiceField(
        label="Also block",
        choices=services.Block.choices,
        required=False,
        initial=services.Block.NOTHING,
        widget=forms.RadioSelect,
        help_text="A blocked commenter's next comments are refused politely (Settings → Commenters' standing; "
        "blocked domains are in Settings → Comments).",
    )


class StaffReplyForm(forms.Form):
    comment = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"rows": 8}), max_length=3000)


class StandingForm(forms.Form):
    standing = forms.ChoiceField(
        label="This commenter's next comments",
        choices=[("", "Follow the site's rules"), *CommenterStanding.Standing.choices],
        required=False,
    )
    note = forms.CharField(label="Why", required=False, max_length=500)
    remove_existing = forms.BooleanField(
        label="When blocking, also remove everything they have written here", required=False
    )
