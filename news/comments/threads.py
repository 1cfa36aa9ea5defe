"""A page of a page's conversations, as one reader sees it, in one query whatever its size."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

import config.caching as caching
from home.paging import page_or_404, requested_page_number
from news.comments.clients import is_author
from news.comments.queries import PUBLISHED, comments_on, shown_thread_roots


@dataclass(slots=True)
class CommentNode:
    """A comment in its thread, as one reader sees it.

    Published comments are shown to everyone; a held one only to its author
    (``awaiting``); a hidden one with visible replies stays as a placeholder.
    """

    pk: int
    level: int
    name: str
    submit_date: datetime.datetime
    text: str
    is_published: bool
    awaiting: bool = False
    own: bool = False
    editable: bool = False
    edited: str = ""  # "", "by the author" or "by moderators"
    staff_reply: bool = False
    featured: bool = False
    children: list = field(default_factory=list)
    shows_something: bool = False  # it, or a reply below it, is visible

    @property
    def is_visible(self):
        return self.is_published or self.awaiting


@dataclass
class CommentsPage:
    """One page of a page's conversations: the trees to show, the paging, the published count."""

    threads: object  # django.core.paginator.Page over the conversations shown on the page
    roots: list  # CommentNode of each conversation with something to show, oldest first
    count: int
    kept_as: str = ""  # the key it is kept under when every reader without comments here sees it
    featured: list = field(default_factory=list)  # CommentNode of each featured comment, first on page 1


# What a page of comments shows of each row: no address, no IP, no user.
SHOWN_FIELDS = (
    "pk",
    "parent_id",
    "level",
    "user_name",
    "submit_date",
    "comment",
    "is_public",
    "is_removed",
    "nested_count",
)
SHOWN_RECORD_FIELDS = (
    "moderation__author_key_hash",
    "moderation__edited_at",
    "moderation__edited_by_moderator",
    "moderation__is_staff_reply",
    "moderation__is_featured",
)


def comments_page(*, page, number, per_page, author_keys=None, edit_window_minutes=0):
    """The conversations on one page of comments, in one query whatever their size.

    The rows of the page's conversations carry the number of conversations (for the paging) and of
    published comments (for the heading). ``author_keys`` (from this browser's authorship cookie)
    reveal the reader's own held comments to them and mark their comments still open to editing.
    """
    author_keys = author_keys or {}
    start = (_page_number(number) - 1) * per_page

    def build():
        rows = _page_rows(page=page, start=start, per_page=per_page, author_keys=author_keys)
        return _build_page(
            rows,
            featured_rows=_featured_rows(page) if start == 0 and rows and rows[0][-1] else [],
            number=number,
            per_page=per_page,
            author_keys=author_keys,
            kept_as=kept_as,
            edit_window_minutes=edit_window_minutes,
        )

    # Readers with no comment of their own here all see the same conversations: they are kept, built,
    # until the page's comments change (config.caching); a reader with comments of their own always gets
    # them fresh (their own held comments, their edit links).
    kept_as = "" if author_keys else f"comment-threads:{start}:{per_page}"
    return caching.kept_for_page(page_pk=page.pk, key=kept_as, compute=build) if kept_as else build()


def _build_page(rows, *, featured_rows, number, per_page, author_keys, kept_as, edit_window_minutes):
    """The trees of conversations from their rows, as one reader sees them."""
    edit_since = timezone.now() - datetime.timedelta(minutes=edit_window_minutes)
    nodes, tops, totals = {}, [], (0, 0, 0)
    for pk, parent_id, level, name, submitted, text, public, removed, nested, key_hash, edited_at, *more in rows:
        by_moderator, staff_reply, featured, *totals = more
        published = public and not removed
        if level == 0 and not (published or nested or (pk in author_keys and not removed)):
            continue  # between two shown conversations, not one itself (see shown_thread_roots)
        node = CommentNode(pk, level, name, submitted, text, published, staff_reply=bool(staff_reply))
        node.featured = bool(featured) and published
        node.own = pk in author_keys and is_author(author_keys, node, key_hash or "")
        node.awaiting = node.own and not public and not removed
        node.editable = node.own and not removed and submitted >= edit_since
        node.edited = "by moderators" if by_moderator else "by the author" if edited_at else ""
        nodes[pk] = node
        if level == 0:
            tops.append(node)
        elif parent_id in nodes:
            nodes[parent_id].children.append(node)
    # No rows: no conversation on this page, and no published comment either (each has a shown root).
    thread_total, published_total, _featured_total = totals
    threads = page_or_404(range(thread_total), per_page=per_page, number=number)
    roots = [node for node in tops if _mark_shown(node)]
    featured = [_featured_node(row) for row in featured_rows]
    return CommentsPage(threads=threads, roots=roots, count=published_total, kept_as=kept_as, featured=featured)


# Featured comments are few: the first page of comments shows at most this many, newest featured first.
FEATURED_SHOWN = 10


def _featured_rows(page):
    """The page's featured published comments. Asked only when the first page's rows say the page has any
    featured comment: those rows carry the count of featured ones (``featured_total``)."""
    featured = comments_on(page).filter(PUBLISHED, moderation__is_featured=True).order_by("-submit_date", "-pk")
    return list(
        featured.values_list("pk", "level", "user_name", "submit_date", "comment", "moderation__is_staff_reply")[
            :FEATURED_SHOWN
        ]
    )


def _featured_node(row):
    pk, level, name, submitted, text, staff_reply = row
    return CommentNode(pk, level, name, submitted, text, True, staff_reply=bool(staff_reply), featured=True)


def _page_rows(*, page, start, per_page, author_keys):
    """The rows of the conversations on one page of comments (the reader's own held ones included)."""
    comments = comments_on(page)
    own_held = Q(pk__in=list(author_keys), is_removed=False)
    roots = shown_thread_roots(comments, also=own_held).values("pk")
    # The page's conversations are the threads from its first root up to the next page's first root,
    # values the database works out once (a LIMIT subquery inside IN can be run once per row).
    next_first = Coalesce(Subquery(roots[start + per_page : start + per_page + 1]), Value(LAST_THREAD_ID))
    shown = comments.filter(thread_id__lt=next_first)
    if start:
        shown = shown.filter(thread_id__gte=Subquery(roots[start : start + 1]))
    return list(
        shown.annotate(
            thread_total=_count(roots),
            published_total=_count(comments.filter(PUBLISHED)),
            featured_total=_count(comments.filter(PUBLISHED, moderation__is_featured=True)),
        )
        .order_by("thread_id", "order")
        .values_list(*SHOWN_FIELDS, *SHOWN_RECORD_FIELDS, "thread_total", "published_total", "featured_total")
    )


def _mark_shown(node):
    """Whether the node or a reply below it is visible, noted on every node of the tree."""
    shown_below = [_mark_shown(child) for child in node.children]  # every child, to mark each subtree
    node.shows_something = node.is_visible or any(shown_below)
    return node.shows_something


# Pages past this one cannot exist (and their offset would not fit in a database integer).
LAST_POSSIBLE_PAGE = 2**31
LAST_THREAD_ID = 2**31 - 1  # thread ids are comment ids, database integers


def _page_number(number):
    """The page asked for, as home.paging reads it: a non-number is the first page; the paging 404s the rest."""
    number = requested_page_number(number)
    if not 1 <= number <= LAST_POSSIBLE_PAGE:
        raise Http404("There is no such page.")
    return number


def _count(comments):
    """How many rows ``comments`` has, as a subquery (one page's comments, so one group)."""
    counted = comments.values("object_pk").order_by().annotate(total=Count("pk")).values("total")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
