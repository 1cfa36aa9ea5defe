"""The moderation rules: refuse, hold or publish a comment, always with the reason why."""

import re
from dataclasses import dataclass

from django.utils.crypto import constant_time_compare
from django_comments_xtd.models import BlackListedDomain, XtdComment

from news.comments.clients import hash_key
from news.comments.models import CommentModeration
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


def browser_has_approved_comment(*, author_keys, excluding=None):
    """True when this browser holds the key (its signed authorship cookie) of a comment it posted that is now
    approved: published and not removed."""
    pks = [pk for pk in author_keys if pk != excluding]
    if not pks:
        return False
    key_hashes = (
        CommentModeration.objects.filter(comment_id__in=pks, comment__is_public=True, comment__is_removed=False)
        .exclude(author_key_hash="")
        .values_list("comment_id", "author_key_hash")
    )
    return any(constant_time_compare(hash_key(author_keys[pk]), key_hash) for pk, key_hash in key_hashes)


def is_returning_commenter(*, author_keys, email, email_proven, excluding=None):
    """Whether the commenter proved they have an approved comment here. A typed address proves nothing (anyone
    can type anyone's); it counts only once proven by the e-mailed confirmation link (``email_proven``)."""
    if browser_has_approved_comment(author_keys=author_keys or {}, excluding=excluding):
        return True
    return email_proven and has_approved_comment(email=email, excluding=excluding)


def decide(
    *,
    comment_settings,
    text,
    email,
    is_authenticated,
    seconds_to_write=None,
    comment_pk=None,
    author_keys=None,
    email_proven=False,
):
    """Publish or hold. Signs of spam hold even returning commenters; then pre-moderation applies.

    ``author_keys`` are the browser's keys of its own comments (news.comments.clients); ``email_proven`` says
    the decision applies only once the commenter has confirmed the address by the e-mailed link.
    """
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
    if comment_settings.approve_returning_commenters and is_returning_commenter(
        author_keys=author_keys, email=email, email_proven=email_proven, excluding=comment_pk
    ):
        return Decision(True, "published: returning commenter")
    return Decision(False, "held: pre-moderation of a new commenter")
