"""The moderation rules: refuse, hold or publish a comment, always with the reason why."""

import re
from dataclasses import dataclass

from django_comments_xtd.models import BlackListedDomain, XtdComment

from news.comments.text import render_comment_text

BANNED_MESSAGE = "Your comment includes language we do not publish here. Please rephrase it and send it again."
BLOCKED_DOMAIN_MESSAGE = "We cannot accept comments from this e-mail address. Please use another address."


@dataclass(frozen=True)
class Decision:
    publish: bool
    reason: str


def count_links(text):
    """Links as readers would see them: the renderer decides what becomes a link."""
    return str(render_comment_text(text)).count("<a ")


def _first_listed_word(text, words):
    lowered = text.lower()
    for word in words:
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lowered):
            return word
    return None


def email_domain_blocked(email):
    """True when the address's domain, or a domain above it, is on the blocked list."""
    domain = email.rsplit("@", 1)[-1].lower().strip(".")
    parts = domain.split(".")
    candidates = [".".join(parts[i:]) for i in range(len(parts) - 1)]
    return BlackListedDomain.objects.filter(domain__in=candidates).exists()


def refusal(*, comment_settings, text, email):
    """The message for a comment that must not be stored at all, or None."""
    if _first_listed_word(text, comment_settings.word_list(comment_settings.banned_words)):
        return BANNED_MESSAGE
    if email_domain_blocked(email):
        return BLOCKED_DOMAIN_MESSAGE
    return None


def has_approved_comment(*, email, excluding=None):
    approved = XtdComment.norel_objects.filter(user_email__iexact=email, is_public=True, is_removed=False)
    if excluding is not None:
        approved = approved.exclude(pk=excluding)
    return approved.exists()


def decide(*, comment_settings, text, email, is_authenticated, seconds_to_write=None, comment_pk=None):
    """Publish or hold. Signs of spam hold even returning commenters; then pre-moderation applies."""
    if seconds_to_write is not None and seconds_to_write < comment_settings.min_seconds_to_write:
        return Decision(False, f"held: sent {max(seconds_to_write, 0)} s after the form was shown")
    links = count_links(text)
    if comment_settings.hold_link_count and links >= comment_settings.hold_link_count:
        return Decision(False, f"held: {links} links")
    word = _first_listed_word(text, comment_settings.word_list(comment_settings.hold_words))
    if word:
        return Decision(False, f"held: contains “{word}”")
    if is_authenticated:
        return Decision(True, "published: logged-in user")
    if not comment_settings.premoderate_anonymous:
        return Decision(True, "published: pre-moderation is off")
    if comment_settings.approve_returning_commenters and has_approved_comment(email=email, excluding=comment_pk):
        return Decision(True, "published: returning commenter")
    return Decision(False, "held: pre-moderation of a new commenter")
