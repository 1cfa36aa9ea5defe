"""Reads of reader comments, in a fixed number of queries whatever the thread size."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import CharField, Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.http import Http404
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.models import Page, Site

from config import generations
from home import structure
from home.paging import page_or_404, requested_page_number
from news.comments.clients import is_author

PUBLISHED = Q(is_public=True, is_removed=False)


def load_site_settings(*, request):
    """The comment settings and the site-wide settings, kept on the request for ``for_request``.

    A commentable page shows both; Wagtail would spend a query on each. Here they come in one query,
    and each worker keeps them until they change (home.structure).
    """
    from news.comments.models import CommentSettings

    site = Site.find_for_request(request)
    if site is None or hasattr(request, CommentSettings.get_cache_attr_name()):
        return
    for setting in structure.remembered(request, ("settings", site.pk), lambda: _both_settings(site)):
        setting = structure.own_copy(setting)
        setting._request = request  # as for_request leaves it, for page_url
        setattr(request, type(setting).get_cache_attr_name(), setting)


def _both_settings(site):
    from home.models import SiteSettings
    from news.comments.models import CommentSettings

    along = [f"site__sitesettings__{name}" for name in SiteSettings.select_related or ()]
    comment_settings = CommentSettings.objects.filter(site=site).select_related("site__sitesettings", *along).first()
    site_settings = getattr(comment_settings.site, "sitesettings", None) if comment_settings else None
    # Not made yet (a new site): made with their defaults, as for_request would.
    return comment_settings or CommentSettings.for_site(site), site_settings or SiteSettings.for_site(site)


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


def shown_thread_roots(comments, *, also=None):
    """Top-level comments that are shown (or ``also`` match) or still hold replies, oldest conversation first."""
    shown = PUBLISHED | Q(nested_count__gt=0)
    if also is not None:
        shown |= also
    return comments.filter(level=0).filter(shown).order_by("thread_id")


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
)


def comments_page(*, page, number, per_page, author_keys=None, edit_window_minutes=0):
    """The conversations on one page of comments, in one query whatever their size.

    The rows of the page's conversations carry the number of conversations (for the paging) and of
    published comments (for the heading). ``author_keys`` (from this browser's authorship cookie)
    reveal the reader's own held comments to them and mark their comments still open to editing.
    """
    author_keys = author_keys or {}
    start = (_page_number(number) - 1) * per_page

    def read_rows():
        return _page_rows(page=page, start=start, per_page=per_page, author_keys=author_keys)

    # Readers with no comment of their own here all see the same rows: those are kept.
    rows = read_rows() if author_keys else _kept(read_rows, key=f"{page.pk}:{start}:{per_page}", page_pk=page.pk)
    edit_since = timezone.now() - datetime.timedelta(minutes=edit_window_minutes)
    nodes, tops, totals = {}, [], (0, 0)
    for pk, parent_id, level, name, submitted, text, public, removed, nested, key_hash, edited_at, *more in rows:
        by_moderator, staff_reply, *totals = more
        published = public and not removed
        if level == 0 and not (published or nested or (pk in author_keys and not removed)):
            continue  # between two shown conversations, not one itself (see shown_thread_roots)
        node = CommentNode(pk, level, name, submitted, text, published, staff_reply=bool(staff_reply))
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
    thread_total, published_total = totals
    threads = page_or_404(range(thread_total), per_page=per_page, number=number)
    return CommentsPage(threads=threads, roots=[node for node in tops if _mark_shown(node)], count=published_total)


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
        shown.annotate(thread_total=_count(roots), published_total=_count(comments.filter(PUBLISHED)))
        .order_by("thread_id", "order")
        .values_list(*SHOWN_FIELDS, *SHOWN_RECORD_FIELDS, "thread_total", "published_total")
    )


def kept_rows_generation_key(page_pk):
    """The generation of a page's kept rows of comments: moved on when a comment of the page is written."""
    return f"comments:rows-generation:{page_pk}"


def _kept(read_rows, *, key, page_pk):
    """``read_rows()``, kept in the shared cache until the page's comments change (news.invalidation).

    Like WordPress's object cache of comment queries: each page is still made for its reader, from rows
    read once per change instead of once per request. A reader with comments of their own (held ones
    may show to them) always gets the rows fresh.
    """
    (generation,) = generations.current([kept_rows_generation_key(page_pk)])
    cache_key = f"comments:rows:{generation}:{key}"
    kept = cache.get(cache_key)
    if kept is None:
        kept = read_rows()
        cache.set(cache_key, kept, settings.PAGE_CACHE_SECONDS)
    return kept


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
