"""The moderation rules: refuse, hold or publish a comment, always with the reason why."""

import functools
import re
import unicodedata
from dataclasses import dataclass

from confusables import confusable_regex
from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.crypto import constant_time_compare
from django_comments_xtd.models import XtdComment

from news.comments.clients import hash_key
from news.comments.models import CommenterStanding, CommentModeration
from news.comments.text import render_comment_text, strip_control_characters

BANNED_MESSAGE = "Your comment includes language we do not publish here. Please rephrase it and send it again."
BLOCKED_DOMAIN_MESSAGE = "We cannot accept comments from this e-mail address. Please use another address."
BLOCKED_COMMENTER_MESSAGE = (
    "We cannot publish comments from you on this site. If you think this is a mistake, please contact us."
)
IMITATION_MESSAGE = (
    "Please choose another name: “{name}” looks like the name of this site or its team, and readers would "
    "take your comment for one of ours."
)
HeldBy = CommentModeration.HeldBy
Standing = CommenterStanding.Standing


@dataclass(frozen=True)
class Decision:
    publish: bool
    reason: str
    held_by: str = ""  # CommentModeration.HeldBy, when held


@dataclass(frozen=True)
class Refusal:
    """Why a comment cannot be stored, for the reader, and the form field it concerns (None: the whole form)."""

    message: str
    field: str | None = None


def count_links(text):
    """Links as readers would see them: the renderer decides what becomes a link."""
    return str(render_comment_text(text)).count("<a ")


def _first_listed_word(text, words):
    lowered = text.lower()
    for word in words:
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lowered):
            return word
    return None


def email_domain(email):
    return email.rsplit("@", 1)[-1].lower().strip(".")


def email_domain_blocked(email, *, comment_settings):
    """True when the address's domain, or a domain above it, is on the settings' blocked list."""
    parts = email_domain(email).split(".")
    candidates = {".".join(parts[i:]) for i in range(len(parts) - 1)}
    blocked = {domain.lstrip("@.") for domain in comment_settings.word_list(comment_settings.blocked_domains)}
    return not candidates.isdisjoint(blocked)


def _fold(text):
    """A name as readers compare it: compatibility forms, case, invisible characters and spacing folded."""
    text = unicodedata.normalize("NFKC", strip_control_characters(text)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@functools.lru_cache(maxsize=32)
def _imitation_patterns(names):
    """One pattern per reserved name: each letter may be any look-alike (Unicode's confusables), with dots,
    dashes or nothing between letters and words; it must not sit inside a longer word ("admin" is not in
    "badminton")."""
    patterns = []
    for name in names:
        words = [confusable_regex(word, include_character_padding=True) for word in _fold(name).split()]
        if words:
            patterns.append((name, re.compile(r"(?<![^\W\d_])" + r"[\W_]*".join(words) + r"(?![^\W\d_])")))
    return patterns


def reserved_names(*, comment_settings, site_name=""):
    """The site's own names, which no reader may take: the site, its team and the settings' list."""
    names = [site_name, settings.WAGTAIL_SITE_NAME, settings.COMMENTS_STAFF_NAME]
    return tuple(dict.fromkeys(n for n in [*names, *comment_settings.word_list(comment_settings.reserved_names)] if n))


def imitated_name(name, *, names):
    """The reserved name that ``name`` imitates, or None."""
    folded = _fold(name)
    joined = folded.replace(" ", "")  # "A.d.m.i.n" spelled out with dots or spaces between its letters
    return next(
        (
            reserved
            for reserved, pattern in _imitation_patterns(names)
            if pattern.search(folded) or pattern.search(joined)
        ),
        None,
    )


def commenter_standing(*, email, author_keys=None, email_proven=False):
    """The standing that applies to this commenter's next comment (``CommenterStanding.Standing``), or None.

    A block reaches the address typed and every address this browser has commented under (its authorship
    cookie), so a new address does not lift it. Trust needs proof that the address is the writer's own: the
    e-mailed confirmation link, or this browser's key of an approved comment under that address.
    """
    author_pks = list(author_keys or ())
    own_addresses = XtdComment.norel_objects.filter(pk__in=author_pks).annotate(address=Lower("user_email"))
    condition = Q(email=email.lower())
    if author_pks:
        condition |= Q(standing=Standing.BLOCKED, email__in=own_addresses.values("address"))
    rows = list(CommenterStanding.objects.filter(condition).values_list("email", "standing"))
    if any(standing == Standing.BLOCKED for _, standing in rows):
        return Standing.BLOCKED
    standing = next((standing for address, standing in rows if address == email.lower()), None)
    if standing == Standing.TRUSTED and not (
        email_proven or browser_has_approved_comment(author_keys=author_keys or {}, email=email)
    ):
        return None
    return standing


def refusal(*, comment_settings, text, email, name=None, standing=None, site_name=""):
    """Why a comment must not be stored at all (a ``Refusal``), or None."""
    if _first_listed_word(text, comment_settings.word_list(comment_settings.banned_words)):
        return Refusal(BANNED_MESSAGE, "comment")
    if email_domain_blocked(email, comment_settings=comment_settings):
        return Refusal(BLOCKED_DOMAIN_MESSAGE, "email")
    if standing == Standing.BLOCKED:
        return Refusal(BLOCKED_COMMENTER_MESSAGE)
    if name is not None and imitated_name(
        name, names=reserved_names(comment_settings=comment_settings, site_name=site_name)
    ):
        return Refusal(IMITATION_MESSAGE.format(name=name), "name")
    return None


def has_approved_comment(*, email, excluding=None):
    approved = XtdComment.norel_objects.filter(user_email__iexact=email, is_public=True, is_removed=False)
    if excluding is not None:
        approved = approved.exclude(pk=excluding)
    return approved.exists()


def browser_has_approved_comment(*, author_keys, excluding=None, email=None):
    """True when this browser holds the key (its signed authorship cookie) of a comment it posted that is now
    approved: published and not removed (and, given ``email``, sent under that address)."""
    pks = [pk for pk in author_keys if pk != excluding]
    if not pks:
        return False
    approved = CommentModeration.objects.filter(comment_id__in=pks, comment__is_public=True, comment__is_removed=False)
    if email is not None:
        approved = approved.filter(comment__user_email__iexact=email)
    key_hashes = approved.exclude(author_key_hash="").values_list("comment_id", "author_key_hash")
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
    standing=None,
):
    """Publish or hold. A commenter the moderators trust is published at once; signs of spam hold everyone
    else, returning commenters included; then the commenter's standing and pre-moderation apply.

    ``author_keys`` are the browser's keys of its own comments (news.comments.clients); ``email_proven`` says
    the decision applies only once the commenter has confirmed the address by the e-mailed link; ``standing``
    is what ``commenter_standing`` found.
    """
    if standing == Standing.TRUSTED:
        return Decision(True, "published: trusted commenter")
    if seconds_to_write is not None and seconds_to_write < comment_settings.min_seconds_to_write:
        return Decision(False, f"held: sent {max(seconds_to_write, 0)} s after the form was shown", HeldBy.TOO_FAST)
    links = count_links(text)
    if comment_settings.hold_link_count and links >= comment_settings.hold_link_count:
        return Decision(False, f"held: {links} links", HeldBy.LINKS)
    word = _first_listed_word(text, comment_settings.word_list(comment_settings.hold_words))
    if word:
        return Decision(False, f"held: contains “{word}”", HeldBy.WORDS)
    if standing == Standing.PREMODERATE:
        return Decision(False, "held: this commenter is always pre-moderated", HeldBy.STANDING)
    if is_authenticated:
        return Decision(True, "published: logged-in user")
    if not comment_settings.premoderate_anonymous:
        return Decision(True, "published: pre-moderation is off")
    if comment_settings.approve_returning_commenters and is_returning_commenter(
        author_keys=author_keys, email=email, email_proven=email_proven, excluding=comment_pk
    ):
        return Decision(True, "published: returning commenter")
    return Decision(False, "held: pre-moderation of a new commenter", HeldBy.NEW_COMMENTER)
