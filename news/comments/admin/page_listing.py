"""Comment counts (published, awaiting moderation) as columns of Wagtail's page explorer.

Wagtail routes the explorer of a parent page to the ``PageViewSet`` of the one child type that parent
allows (``PageViewSet.parent_models``), so each commentable page type gets a viewset whose listings add
the columns; other listings are Wagtail's own. The counts of the listed rows are read in one query once
the listing is paged, so a longer listing costs no more queries.
"""

from django.db.models import Count
from django_comments_xtd.models import XtdComment
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.usage import ContentTypeUseView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import get_page_models

from news.comments.admin.panels import can_moderate, queue_url
from news.comments.queries import MODERATION_STATUSES
from news.comments.routes import CommentablePageMixin

COUNTED_STATUSES = ("published", "awaiting")
NO_COUNTS = dict.fromkeys(COUNTED_STATUSES, 0)


def comment_counts_by_page(pages):
    """``{page id: {"published": n, "awaiting": n}}`` for the commentable ones of these pages, in one query."""
    commentable = [page for page in pages if isinstance(page, CommentablePageMixin)]
    if not commentable:
        return {}
    rows = (
        XtdComment.norel_objects.filter(
            content_type_id__in={page.content_type_id for page in commentable},
            object_pk__in=[str(page.pk) for page in commentable],
        )
        .order_by()
        .values("content_type_id", "object_pk")
        .annotate(
            **{status: Count("pk", filter=MODERATION_STATUSES[status], distinct=True) for status in COUNTED_STATUSES}
        )
    )
    found = {(row["content_type_id"], row["object_pk"]): row for row in rows}
    counts = {}
    for page in commentable:
        row = found.get((page.content_type_id, str(page.pk)), NO_COUNTS)
        counts[page.pk] = {status: row[status] for status in COUNTED_STATUSES}
    return counts


class CommentCountColumn(Column):
    """One status's count; "—" for a page readers can't comment on. Awaiting links moderators to the queue."""

    cell_template_name = "reader_comments/admin/page_listing_count_cell.html"

    def __init__(self, name, *, status, linked=False, **kwargs):
        super().__init__(name, **kwargs)
        self.status = status
        self.linked = linked

    def get_value(self, instance):
        counts = getattr(instance, "reader_comment_counts", None)
        return None if counts is None else counts[self.status]

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if self.linked and context["raw_value"] and request is not None and can_moderate(request.user):
            context["url"] = queue_url(status=self.status, page_id=instance.pk)
        return context


COMMENT_COLUMNS = [
    CommentCountColumn(
        "published_comments", status="published", label="Published comments", classname="comments-published"
    ),
    CommentCountColumn(
        "awaiting_comments", status="awaiting", label="Awaiting moderation", classname="comments-awaiting", linked=True
    ),
]


class CommentCountsMixin:
    """Hands the listed pages their counts before the table renders them."""

    def get_table(self, object_list):
        counts = comment_counts_by_page(object_list)
        for page in object_list:
            if page.pk in counts:
                page.reader_comment_counts = counts[page.pk]
        return super().get_table(object_list)


class CommentablePagesIndexView(CommentCountsMixin, ExplorableIndexView):
    pass


class CommentablePagesTypeUseView(CommentCountsMixin, ContentTypeUseView):
    pass


class CommentablePageViewSet(PageViewSet):
    index_view_class = CommentablePagesIndexView
    content_type_use_view_class = CommentablePagesTypeUseView
    columns = [*ExplorableIndexView.base_columns, *COMMENT_COLUMNS]


def commentable_page_viewsets():
    """A viewset for each page type readers comment on (found by its mixin, as ``news.models`` is off limits)."""
    return [
        CommentablePageViewSet(model._meta.model_name, model=model)
        for model in get_page_models()
        if issubclass(model, CommentablePageMixin) and not model._meta.abstract
    ]
