"""The "Reader comments" moderation queue in Wagtail's admin (a SnippetViewSet over xtd's comments).

Named "Reader comments" so it is never confused with Wagtail's own editorial comments on pages.
Every view and bulk action needs ``comments.moderate_comments``; e-mail and IP addresses additionally
need ``comments.view_commenter_contact``.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import Truncator
from django_comments_xtd.models import XtdComment
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, TitleColumn
from wagtail.admin.widgets.button import Button
from wagtail.models import Page
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from news.comments import ids, queries, services
from news.comments.admin.comment_screen import CommentScreenView
from news.comments.admin.forms import DecisionForm, SpamForm, StaffReplyForm
from news.comments.admin.panels import ReaderCommentsMenuItem, can_moderate, can_view_contact
from news.comments.admin.rows import (
    ExportRows,
    actions_for,
    reason_label,
    reports_label,
    status_label,
    with_pages_and_reports,
)
from news.comments.admin.safeguarding import return_from_safeguarding
from news.comments.models import CommentModeration, CommentReport
from news.comments.text import render_comment_text

# The queues, named by why a comment is there (news.comments.queries.MODERATION_STATUSES).
STATUS_CHOICES = [
    ("awaiting", "Awaiting: new commenters"),
    ("held", "Held by a rule"),
    ("reported", "Reported"),
    ("spam", "Spam"),
    ("published", "Published"),
    ("featured", "Featured"),
    ("removed", "Removed or unpublished"),
    ("safeguarding", "Held for safeguarding"),
    ("all", "All"),
]
Decision = CommentModeration.Decision


def not_a_moderator(request):
    """A real 403 (Wagtail's own refusal is a redirect to the dashboard)."""
    return TemplateResponse(request, "reader_comments/admin/not_a_moderator.html", status=403)


def moderators_only(view):
    def wrapped(request, *args, **kwargs):
        if not can_moderate(request.user):
            return not_a_moderator(request)
        return view(request, *args, **kwargs)

    return wrapped


class ModerationPermissionPolicy(ModelPermissionPolicy):
    """One permission opens the whole queue. Nobody creates reader comments from the admin, and deleting
    goes only through the queue's own Delete (which deals with replies), not Wagtail's generic one."""

    ALLOWED_ACTIONS = {"view", "change"}

    def user_has_permission(self, user, action):
        return action in self.ALLOWED_ACTIONS and can_moderate(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True)
                | Q(groups__permissions__codename="moderate_comments")
                | Q(user_permissions__codename="moderate_comments"),
                is_active=True,
            )
            .distinct()
        )


register_permission_policy(XtdComment, ModerationPermissionPolicy(XtdComment), exact_class=True)
# Registering comments as a snippet would also put them in Wagtail's reference index ("usage" of users and
# sites): four queries and a task on every comment saved, for nothing an editor needs. Wagtail's own switch.
XtdComment.wagtail_reference_index_ignore = True


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, method="filter_status", empty_label=None
    )
    page_id = django_filters.ModelChoiceFilter(
        label="Page", queryset=Page.objects.none(), method="filter_page", empty_label="All pages"
    )
    submit_date = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)
    commenter = django_filters.NumberFilter(
        label="By the writer of comment number", method="filter_commenter", min_value=1
    )

    class Meta:
        model = XtdComment
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and not data.get("status"):
            # The queue opens on what needs a decision; one commenter's comments, on all of them.
            data["status"] = "all" if data.get("commenter") else "awaiting"
        super().__init__(data, *args, **kwargs)
        commented = XtdComment.norel_objects.values_list("object_pk", flat=True).distinct()
        self.filters["page_id"].queryset = Page.objects.filter(
            pk__in=[int(pk) for pk in commented if pk.isdigit()]
        ).order_by("title")

    def filter_status(self, queryset, name, value):
        return queries.comments_with_status(value, queryset)

    def filter_page(self, queryset, name, value):
        return queryset.filter(object_pk=str(value.pk)) if value else queryset

    def filter_commenter(self, queryset, name, value):
        """Every comment sent under the same address as this one: the address never appears in the URL."""
        if value is None:
            return queryset
        return queries.comments_by_writer_of(int(value), queryset) if ids.is_storable(int(value)) else queryset.none()


class PageColumn(Column):
    """Links to the live page at the comment's anchor and to the page's edit view."""

    def get_value(self, instance):
        page = getattr(instance, "commented_page", None)
        if page is None:
            return "—"
        live = format_html(
            '<a href="{}#c{}" target="_blank" rel="noopener">{}</a>', page.url or "", instance.pk, page.title
        )
        edit = format_html('<a href="{}">edit page</a>', reverse("wagtailadmin_pages:edit", args=[page.pk]))
        return format_html("{} ({})", live, edit)


class CommentIndexView(IndexView):
    page_title = "Reader comments"

    def get_base_queryset(self):
        open_reports = (
            CommentReport.objects.filter(comment=OuterRef("pk"), resolved=False)
            .order_by()
            .values("comment")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            XtdComment.norel_objects.select_related("moderation")
            .annotate(open_reports=Coalesce(Subquery(open_reports, output_field=IntegerField()), 0))
            .order_by("-submit_date", "-pk")
        )

    @cached_property
    def search_fields(self):
        # Searching by e-mail would reveal who wrote what to someone not allowed to see addresses.
        fields = ["comment", "user_name"]
        return [*fields, "user_email"] if can_view_contact(self.request.user) else fields

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)  # with the row's action buttons
        columns = [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="snippet"),
            title_column_class(
                "excerpt",
                label="Comment",
                accessor=lambda c: Truncator(c.comment).chars(90) or "(no text)",
                get_url=self.get_edit_url,
                get_title_id=lambda c: f"snippet_{quote(c.pk)}_title",
            ),
            Column("user_name", label="Author"),
            PageColumn("page", label="Page"),
            DateColumn("submit_date", label="Date", sort_key="submit_date"),
            Column("status", label="Status", accessor=status_label),
            Column("reason", label="Why", accessor=reason_label),
            Column("reports", label="Open reports", accessor=reports_label),
            Column("level", label="Reply depth", accessor=lambda c: c.level),
        ]
        if can_view_contact(self.request.user):
            columns += [Column("user_email", label="E-mail"), Column("ip_address", label="IP address")]
        return columns

    def get_edit_url(self, instance):
        """A row's title opens the comment in context, where every decision is taken."""
        return reverse("reader_comments:screen", args=[instance.pk])

    def get_table(self, object_list):
        return super().get_table(with_pages_and_reports(list(object_list)))

    def get_list_more_buttons(self, instance):
        buttons = [Button("Edit text", reverse("reader_comments:edit", args=[quote(instance.pk)]), icon_name="edit")]
        for action, label, icon in actions_for(instance):
            url = reverse("wagtail_bulk_action", args=["django_comments_xtd", "xtdcomment", action])
            link = f"{url}?id={quote(instance.pk)}&next={self.request.get_full_path()}"
            buttons.append(Button(label, link, icon_name=icon, priority=40))
        if instance.is_public and not instance.is_removed:
            reply_url = reverse("reader_comments:reply", args=[instance.pk])
            buttons.append(Button("Reply as staff", reply_url, icon_name="comment", priority=50))
        return buttons

    # Export (CSV and XLSX, from the listing's header): the rows of the queue as filtered.
    export_filename = "reader-comments"

    @cached_property
    def list_export(self):
        fields = ["pk", "submit_date", "user_name", "page_title", "page_url", "status", "reason", "reports", "text"]
        return [*fields, "user_email", "ip_address"] if can_view_contact(self.request.user) else fields

    export_headings = {
        "pk": "Comment",
        "submit_date": "Date",
        "user_name": "Name",
        "page_title": "Page",
        "page_url": "Address",
        "status": "Status",
        "reason": "Why",
        "reports": "Open reports",
        "text": "Text",
        "user_email": "E-mail",
        "ip_address": "IP address",
    }

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(ExportRows(queryset), spreadsheet_format)

    def to_row_dict(self, item):
        page = item.commented_page
        values = {
            "pk": item.pk,
            "submit_date": item.submit_date,
            "user_name": item.user_name,
            "page_title": page.title if page else "",
            "page_url": page.full_url if page else "",
            "status": status_label(item),
            "reason": reason_label(item),
            "reports": reports_label(item),
            "text": item.comment,
            "user_email": item.user_email,
            "ip_address": item.ip_address or "",
        }
        return {field: values[field] for field in self.list_export}

    def preprocess_field_value(self, field, value, export_format):
        """A spreadsheet must not run what a commenter typed: text that a spreadsheet would read as a formula
        (=, +, -, @) is written with a leading apostrophe, in CSV too."""
        value = super().preprocess_field_value(field, value, export_format)
        if isinstance(value, str) and value[:1] in FORMULA_STARTS:
            return "'" + value
        return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CommentEditForm(forms.ModelForm):
    class Meta:
        model = XtdComment
        fields = ["comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 10})}
        help_texts = {"comment": "The page will say the comment was edited by moderators."}


class CommentEditView(EditView):
    def get_object(self, queryset=None):
        pk = unquote(str(self.kwargs[self.pk_url_kwarg]))
        if not (pk.isdecimal() and len(pk) < 20 and ids.is_storable(int(pk))):
            raise Http404("There is no such comment.")
        return super().get_object(queryset)

    def save_instance(self):
        comment = self.form.instance
        services.moderator_edit(comment=comment, text=self.form.cleaned_data["comment"], user=self.request.user)
        comment.refresh_from_db()
        return comment


def staff_reply_view(request, pk):
    """Answer a comment as the site's team: published at once and marked as such."""
    parent = get_object_or_404(XtdComment.norel_objects, pk=ids.comment_id_or_404(pk))
    form = StaffReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.staff_reply(parent=parent, text=form.cleaned_data["comment"], user=request.user)
        messages.success(request, "Your reply is published.")
        return redirect("reader_comments:list")
    context = {"parent": parent, "parent_html": render_comment_text(parent.comment), "form": form}
    return TemplateResponse(request, "reader_comments/admin/staff_reply.html", context)


class ReaderCommentViewSet(SnippetViewSet):
    model = XtdComment
    icon = "comment"
    menu_label = "Reader comments"
    menu_name = "reader-comments"
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "reader-comments"
    url_namespace = "reader_comments"
    index_view_class = CommentIndexView
    edit_view_class = CommentEditView
    filterset_class = CommentFilterSet
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False

    @cached_property
    def menu_item_class(self):
        return ReaderCommentsMenuItem

    def get_form_class(self, for_update=False):
        return CommentEditForm

    def get_urlpatterns(self):
        patterns = [
            *super().get_urlpatterns(),
            path("reply/<int:pk>/", staff_reply_view, name="reply"),
            path("comment/<str:pk>/", CommentScreenView.as_view(), name="screen"),
        ]
        for pattern in patterns:
            pattern.callback = moderators_only(pattern.callback)
        # The safeguarding leads' step, which ordinary moderators may not take.
        return [
            *patterns,
            path("safeguarding/<int:case_pk>/return/", return_from_safeguarding, name="return_from_safeguarding"),
        ]


class CommentBulkAction(SnippetBulkAction):
    """Shared by the queue's actions: only moderators, only reader comments."""

    models = [XtdComment]
    template_name = "reader_comments/admin/confirm_bulk_action.html"
    form_class = DecisionForm
    question = ""

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            return not_a_moderator(request)
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        return can_moderate(self.request.user)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "question": self.question,
            "action_label": self.display_name,
            "action_button_text": f"Yes, {self.display_name.lower()}",
        }

    def object_context(self, obj):
        return {**super().object_context(obj), "excerpt": Truncator(obj.comment).chars(120)}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        view = kwargs["self"]
        options = view.cleaned_form.cleaned_data if view.cleaned_form is not None else {}
        return cls.service(comments=list(objects), user=view.request.user, **options), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        count = len(self.actionable_objects)
        return f"{self.done} {count} comment{'s' if count != 1 else ''}."


class ApproveBulkAction(CommentBulkAction):
    display_name = "Approve"
    action_type = "approve"
    aria_label = "Approve selected comments"
    question = "Publish these comments and clear their reports?"
    done = "Approved"
    service = staticmethod(services.approve_comments)
    action_priority = 10


class UnpublishBulkAction(CommentBulkAction):
    display_name = "Unpublish"
    action_type = "unpublish"
    aria_label = "Unpublish selected comments"
    question = "Take these comments off the site? They stay in the queue and can be approved again."
    done = "Unpublished"
    service = staticmethod(services.unpublish_comments)
    action_priority = 20


class RemoveBulkAction(CommentBulkAction):
    display_name = "Remove"
    action_type = "remove"
    aria_label = "Remove selected comments"
    question = (
        "Remove these comments? Their text is no longer shown; replies to them stay, under “This comment is not shown.”"
    )
    done = "Removed"
    service = staticmethod(services.remove_comments)
    action_priority = 30


class ResolveReportsBulkAction(CommentBulkAction):
    display_name = "Mark reports as dealt with"
    action_type = "resolve-reports"
    form_class = forms.Form
    aria_label = "Mark the reports on selected comments as dealt with"
    question = "Mark every open report on these comments as dealt with? The comments do not change."
    done = "Dealt with the reports on"
    service = staticmethod(services.resolve_reports)
    action_priority = 40


class SpamBulkAction(CommentBulkAction):
    display_name = "Mark as spam"
    action_type = "spam"
    aria_label = "Mark selected comments as spam"
    form_class = SpamForm
    question = (
        "Mark these comments as spam? They leave the site and go to the spam queue; their reports are dealt with."
    )
    done = "Marked as spam"
    service = staticmethod(services.mark_spam)
    action_priority = 35


class FeatureBulkAction(CommentBulkAction):
    display_name = "Feature"
    action_type = "feature"
    aria_label = "Feature selected comments"
    form_class = forms.Form
    question = "Feature these comments? Readers see featured comments first, marked. Only published ones can be."
    done = "Featured"
    action_priority = 15

    @staticmethod
    def service(*, comments, user):
        return services.set_featured(comments=comments, user=user, featured=True)


class UnfeatureBulkAction(FeatureBulkAction):
    display_name = "Stop featuring"
    action_type = "unfeature"
    aria_label = "Stop featuring selected comments"
    question = "Stop featuring these comments? They stay published, in their place in the conversation."
    done = "Stopped featuring"
    action_priority = 16

    @staticmethod
    def service(*, comments, user):
        return services.set_featured(comments=comments, user=user, featured=False)


class HardDeleteBulkAction(CommentBulkAction):
    display_name = "Delete"
    action_type = "hard-delete"
    aria_label = "Delete selected comments for good"
    classes = {"serious"}
    form_class = forms.Form
    done = "Deleted"
    action_priority = 50

    @property
    def question(self):
        objects = self.get_actionable_objects()[0]
        replies = (
            set().union(*(services.replies_of(c) for c in objects)) - {c.pk for c in objects} if objects else set()
        )
        warning = (
            f" Their {len(replies)} repl{'y' if len(replies) == 1 else 'ies'} will be deleted too."
            if replies
            else " They have no replies."
        )
        return "Delete these comments for good? This cannot be undone." + warning

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return services.delete_comments(comments=list(objects), user=kwargs["self"].request.user)

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = f"Deleted {num_parent_objects} comment{'s' if num_parent_objects != 1 else ''}"
        if num_child_objects:
            message += f" and {num_child_objects} repl{'y' if num_child_objects == 1 else 'ies'} to them"
        return message + "."


BULK_ACTIONS = [
    ApproveBulkAction,
    FeatureBulkAction,
    UnfeatureBulkAction,
    UnpublishBulkAction,
    RemoveBulkAction,
    SpamBulkAction,
    ResolveReportsBulkAction,
    HardDeleteBulkAction,
]
