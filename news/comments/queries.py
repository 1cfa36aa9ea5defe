"""Reads of reader comments: each a fixed number of queries, whatever the number of comments.

A page of threads is built in ``news.comments.threads``; this module answers everything else.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce, Upper
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.models import Page, get_page_models

from news.comments.clients import is_author
from news.comments.models import CommentModeration, CommentReport, CommentsMode

PUBLISHED = Q(is_public=True, is_removed=False)


def comments_on(page):
    """Every comment row stored for this page, whatever its state."""
    return XtdComment.norel_objects.filter(content_type=ContentType.objects.get_for_model(page), object_pk=str(page.pk))


def annotate_comment_counts(queryset):
    """Add ``comment_count`` (published comments) to a page queryset, in the same query."""
    content_type = ContentType.objects.get_for_model(queryset.model)
    counts = (
        XtdComment.norel_objects.filter(
            PUBLISHED, content_type=content_type, object_pk=Cast(OuterRef("pk"), output_field=CharField())
        )
        .order_by()
        .values("object_pk")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(comment_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0))


def shown_thread_roots(comments, *, also=None):
    """Top-level comments that are shown (or ``also`` match) or still hold replies, oldest conversation first."""
    shown = PUBLISHED | Q(nested_count__gt=0)
    if also is not None:
        shown |= also
    return comments.filter(level=0).filter(shown).order_by("thread_id")


def published_comment(*, page, comment_id):
    """A published comment on this page, or None."""
    return comments_on(page).filter(PUBLISHED, pk=comment_id).first()


def comments_page_number(*, comment, per_page):
    """Which page of comments holds this comment's conversation.

    The conversations before it are counted from the page's published comments alone, through their index
    (news.comments migration 0005), never from its held ones (a burst of new comments may be thousands):
    its published first comments, plus the hidden first comments that a published reply keeps on the
    page as a placeholder. A hidden first comment whose replies are all hidden shows nothing and is not
    counted here, though the paging still gives it a place (so in that rare case the page can be one too
    low). Each row of one table is matched to the other by its primary key in a scalar subquery, which
    the database can't turn into another kind of join: right after a burst of comments its statistics can
    be minutes old, and the ORM's joins then read the page's comments once per conversation. Written in
    SQL, as the ORM's version cost more to compose than to run (every comment posted asks it).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            _PAGE_NUMBER_SQL,
            {"content_type": comment.content_type_id, "object_pk": str(comment.object_pk), "before": comment.thread_id},
        )
        (earlier,) = cursor.fetchone()
    return earlier // per_page + 1


# The comments library's tables: django_comments (the comment) and django_comments_xtd_xtdcomment (its thread).
_PAGE_NUMBER_SQL = """
SELECT
  (SELECT COUNT(*) FROM django_comments c
    WHERE c.content_type_id = %(content_type)s AND c.object_pk = %(object_pk)s AND c.id < %(before)s
      AND c.is_public AND NOT c.is_removed
      AND (SELECT x.level FROM django_comments_xtd_xtdcomment x WHERE x.comment_ptr_id = c.id) = 0)
  +
  (SELECT COUNT(DISTINCT replied.thread_id) FROM
    (SELECT (SELECT x.thread_id FROM django_comments_xtd_xtdcomment x
             WHERE x.comment_ptr_id = c.id AND x.level > 0) AS thread_id
       FROM django_comments c
      WHERE c.content_type_id = %(content_type)s AND c.object_pk = %(object_pk)s
        AND c.is_public AND NOT c.is_removed) replied
    WHERE replied.thread_id < %(before)s
      AND (SELECT NOT (first.is_public AND NOT first.is_removed) FROM django_comments first
           WHERE first.id = replied.thread_id))
"""


def own_editable_comment(*, page, comment_id, author_keys, edit_window_minutes):
    """The comment if this browser posted it, it is not deleted, and the edit window is still open."""
    if comment_id not in author_keys:
        return None
    comment = (
        comments_on(page)
        .filter(pk=comment_id, is_removed=False)
        .filter(submit_date__gte=timezone.now() - datetime.timedelta(minutes=edit_window_minutes))
        .select_related("moderation")
        .first()
    )
    record = getattr(comment, "moderation", None) if comment else None
    if comment is None or record is None or not is_author(author_keys, comment, record.author_key_hash):
        return None
    return comment


def latest_published_comments(*, page=None, limit):
    """Newest published comments on one page, or on any live public page whose comments are not hidden.

    One query for the site-wide list: the hidden pages are a subquery per commentable page type (those
    with a ``comments_mode`` field; the auto-close rule never makes comments hidden). A page's own list
    is asked for only once its feed or page has checked its comments mode.
    """
    if page is not None:
        comments = comments_on(page)
    else:
        hidden = Q()
        for model in get_page_models():
            if not model._meta.abstract and "comments_mode" in {f.name for f in model._meta.concrete_fields}:
                hidden |= Q(pk__in=model.objects.filter(comments_mode=CommentsMode.HIDDEN).values("pk"))
        shown_pages = Page.objects.live().public().exclude(hidden) if hidden else Page.objects.live().public()
        shown_ids = shown_pages.annotate(pk_text=Cast("pk", output_field=CharField())).values("pk_text")
        comments = XtdComment.norel_objects.filter(object_pk__in=shown_ids)
    return comments.filter(PUBLISHED).order_by("-submit_date", "-pk")[:limit]


# The moderation queues, named by why a comment is there (Coral's queues). "Awaiting" is a new commenter's
# comment held by pre-moderation (or one stored without a record, from the shell); "held" is one a rule held
# (links, words, too fast, the commenter's standing, an edit) or readers' reports hid; "reported" has open
# reports, whatever its state. Comments whose author has not yet confirmed them by e-mail are in none of
# the first two. Spam is its own state, apart from removed.
_Decision = CommentModeration.Decision
_NEW_COMMENTER = ("", CommentModeration.HeldBy.NEW_COMMENTER)
_HELD = Q(is_public=False, is_removed=False, moderation__decision=_Decision.HELD)
MODERATION_STATUSES = {
    "awaiting": (
        Q(is_public=False, is_removed=False, moderation__isnull=True)
        | (_HELD & Q(moderation__held_by__in=_NEW_COMMENTER))
    ),
    "held": Q(is_public=False, is_removed=False)
    & ((_HELD & ~Q(moderation__held_by__in=_NEW_COMMENTER)) | Q(moderation__decision=_Decision.HIDDEN_BY_REPORTS)),
    "reported": Q(reports__resolved=False),
    "spam": Q(moderation__decision=_Decision.SPAM),
    "published": PUBLISHED,
    "featured": PUBLISHED & Q(moderation__is_featured=True),
    "removed": (Q(is_removed=True) | Q(is_public=False, moderation__decision=_Decision.UNPUBLISHED))
    & ~Q(moderation__decision__in=[_Decision.SPAM, _Decision.SAFEGUARDING]),
    # Only that they are there: their text and writer are in the safeguarding leads' cases (news.safeguarding).
    "safeguarding": Q(moderation__decision=_Decision.SAFEGUARDING),
}
# What the menu's badge counts: the comments that wait for a moderator's decision.
NEEDS_DECISION = ("awaiting", "held", "reported")


def comments_with_status(status, comments=None):
    """Comments in one of the queue's states ("all" or an unknown status: every comment)."""
    comments = XtdComment.norel_objects.all() if comments is None else comments
    condition = MODERATION_STATUSES.get(status)
    return comments if condition is None else comments.filter(condition).distinct()


def moderation_counts(comments=None):
    """How many comments are in each state of the queue, in one query."""
    comments = XtdComment.norel_objects.all() if comments is None else comments
    return comments.aggregate(
        **{status: Count("pk", filter=condition, distinct=True) for status, condition in MODERATION_STATUSES.items()}
    )


def page_moderation_counts(*, page):
    return moderation_counts(comments_on(page))


def comments_by_writer_of(comment_id, comments=None):
    """Every comment sent under the same address as comment ``comment_id`` (none if there is no such comment)."""
    comments = XtdComment.norel_objects.all() if comments is None else comments
    address = XtdComment.norel_objects.filter(pk=comment_id).exclude(user_email="").annotate(key=Upper("user_email"))
    # UPPER(user_email) is what the address index holds (news.comments migration 0005).
    return comments.annotate(writer_key=Upper("user_email")).filter(writer_key=Subquery(address.values("key")[:1]))


def open_report_reasons(*, comment_ids):
    """Each comment's open reports by reason, most frequent first: {comment id: [(reason label, count)]}."""
    labels = dict(CommentReport.Reason.choices)
    rows = (
        CommentReport.objects.filter(comment_id__in=comment_ids, resolved=False)
        .values_list("comment_id", "reason")
        .annotate(count=Count("pk"))
        .order_by("comment_id", "-count", "reason")
    )
    reasons = {}
    for comment_id, reason, count in rows:
        reasons.setdefault(comment_id, []).append((labels.get(reason, reason), count))
    return reasons
