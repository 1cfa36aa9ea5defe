"""Reads of reader comments, in a fixed number of queries whatever the thread size."""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from home.paging import page_or_404
from news.comments.clients import is_author
from news.comments.text import render_comment_text

PUBLISHED = Q(is_public=True, is_removed=False)


def comments_on(page):
    """Every comment row stored for this page, whatever its state."""
    return XtdComment.norel_objects.filter(content_type=ContentType.objects.get_for_model(page), object_pk=str(page.pk))


def published_comment_count(*, page):
    return comments_on(page).filter(PUBLISHED).count()


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


@dataclass
class CommentNode:
    """A comment in its thread, as one reader sees it.

    Published comments are shown to everyone; a held one only to its author
    (``awaiting``); a hidden one with visible replies stays as a placeholder.
    """

    comment: XtdComment
    children: list = field(default_factory=list)
    own: bool = False
    editable: bool = False

    @property
    def is_published(self):
        return self.comment.is_public and not self.comment.is_removed

    @property
    def awaiting(self):
        return self.own and not self.comment.is_public and not self.comment.is_removed

    @property
    def is_visible(self):
        return self.is_published or self.awaiting

    @property
    def record(self):
        return getattr(self.comment, "moderation", None)

    @property
    def pk(self):
        return self.comment.pk

    @property
    def level(self):
        return self.comment.level

    def has_visible(self):
        return self.is_visible or any(child.has_visible() for child in self.children)


@dataclass
class CommentStep:
    """One step of a flat walk through the tree: open a comment's element, or close it."""

    node: CommentNode
    opens: bool
    html: str = ""


@dataclass
class CommentsPage:
    """One page of a page's conversations, ready for a single flat template loop."""

    threads: object  # django.core.paginator.Page of top-level comments
    steps: list
    count: int


def shown_thread_roots(comments, *, also=None):
    """Top-level comments that are shown (or ``also`` match) or still hold replies, oldest conversation first."""
    shown = PUBLISHED | Q(nested_count__gt=0)
    if also is not None:
        shown |= also
    return comments.filter(level=0).filter(shown).order_by("thread_id")


def comments_page(*, page, number, per_page, author_keys=None, edit_window_minutes=0):
    """The conversations on one page of comments, walked in thread order (3 queries).

    ``author_keys`` (from this browser's authorship cookie) reveal the reader's
    own held comments to them and mark their comments still open to editing.
    """
    author_keys = author_keys or {}
    own_held = Q(pk__in=list(author_keys), is_removed=False)
    roots = shown_thread_roots(comments_on(page), also=own_held)
    threads = page_or_404(roots.only("pk"), per_page=per_page, number=number)
    thread_ids = [root.pk for root in threads]
    rows = (
        list(
            comments_on(page)
            .filter(thread_id__in=thread_ids)
            .select_related("moderation")
            .order_by("thread_id", "order")
        )
        if thread_ids
        else []
    )
    edit_since = timezone.now() - datetime.timedelta(minutes=edit_window_minutes)
    nodes = {}
    for row in rows:
        record = getattr(row, "moderation", None)
        own = row.pk in author_keys and is_author(author_keys, row, record.author_key_hash if record else "")
        nodes[row.pk] = CommentNode(row, own=own, editable=own and not row.is_removed and row.submit_date >= edit_since)
    roots = []
    for row in rows:
        node = nodes[row.pk]
        if row.level == 0:
            roots.append(node)
        elif row.parent_id in nodes:
            nodes[row.parent_id].children.append(node)
    steps = []
    for root in roots:
        _walk(root, steps)
    return CommentsPage(threads=threads, steps=steps, count=published_comment_count(page=page))


def _walk(node, steps):
    if not node.has_visible():
        return
    html = render_comment_text(node.comment.comment) if node.is_visible else ""
    steps.append(CommentStep(node, opens=True, html=html))
    for child in node.children:
        _walk(child, steps)
    steps.append(CommentStep(node, opens=False))


def published_comment(*, page, comment_id):
    """A published comment on this page, or None."""
    return comments_on(page).filter(PUBLISHED, pk=comment_id).first()


def comments_page_number(*, comment, per_page):
    """Which page of comments holds this comment's conversation."""
    same_page = XtdComment.norel_objects.filter(content_type_id=comment.content_type_id, object_pk=comment.object_pk)
    earlier = shown_thread_roots(same_page).filter(thread_id__lt=comment.thread_id).count()
    return earlier // per_page + 1


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
    """Newest published comments on one page, or on any live public page of the site."""
    if page is not None:
        comments = comments_on(page)
    else:
        live_ids = Page.objects.live().public().annotate(pk_text=Cast("pk", output_field=CharField()))
        comments = XtdComment.norel_objects.filter(object_pk__in=live_ids.values("pk_text"))
    return comments.filter(PUBLISHED).order_by("-submit_date", "-pk")[:limit]


# The moderation queue's views of comments. "Reported" means open (unresolved) reports, whatever the state;
# "awaiting" leaves out comments whose author has not yet confirmed them by e-mail.
MODERATION_STATUSES = {
    "awaiting": Q(is_public=False, is_removed=False) & ~Q(moderation__confirmation_token__gt=""),
    "published": PUBLISHED,
    "reported": Q(reports__resolved=False),
    "removed": Q(is_removed=True),
}


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
