"""The reader comments' smaller admin surfaces: dashboard panel, menu count, page editor panel, data rights.

The moderation queue itself lives in ``queue``; these only link to it. Their hooks are registered
in ``news.comments.wagtail_hooks`` (``news.models`` imports ``CommentCountsPanel`` from here).
"""

from django import forms
from django.db.models import Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from django_comments_xtd.models import XtdComment
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import Panel
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from news.comments.data_rights import REMOVED_TEXT, comments_of, erase_commenter_data, export_as_json
from news.comments.models import CommentReport
from news.comments.queries import MODERATION_STATUSES, moderation_counts, page_moderation_counts

MODERATE_PERMISSION = "comments.moderate_comments"
CONTACT_PERMISSION = "comments.view_commenter_contact"
TEMPLATES = "reader_comments/admin/"


def queue_url(*, status=None, page_id=None):
    """The moderation queue, optionally filtered; resolved at call time since the queue registers its own URLs."""
    query = {key: value for key, value in (("status", status), ("page_id", page_id)) if value is not None}
    url = reverse("reader_comments:list")
    return f"{url}?{urlencode(query)}" if query else url


def can_moderate(user):
    return user.has_perm(MODERATE_PERMISSION)


def can_view_contact(user):
    return user.has_perm(CONTACT_PERMISSION)


# Dashboard


class ReaderCommentsDashboardPanel(Component):
    """Tells moderators on arrival how much is waiting for them, and takes them straight there."""

    name = "reader_comments"
    template_name = TEMPLATES + "dashboard_panel.html"
    order = 50  # before Wagtail's own panels (workflow reviews are at 210 and up)

    def get_context_data(self, parent_context=None):
        counts = moderation_counts()
        return {
            "items": [
                {"count": counts["awaiting"], "label": "awaiting moderation", "url": queue_url(status="awaiting")},
                {"count": counts["held"], "label": "held by a rule", "url": queue_url(status="held")},
                {"count": counts["reported"], "label": "reported", "url": queue_url(status="reported")},
            ]
        }


def add_dashboard_panel(request, panels):
    if can_moderate(request.user):
        panels.append(ReaderCommentsDashboardPanel())


# Main menu


def pending_count():
    """Comments that wait for a moderator's decision (awaiting, held by a rule or reported): one COUNT, as it
    runs on every admin page that shows the menu."""
    reported = CommentReport.objects.filter(resolved=False).values("comment_id")
    waiting = MODERATION_STATUSES["awaiting"] | MODERATION_STATUSES["held"] | Q(pk__in=reported)
    return XtdComment.norel_objects.filter(waiting).count()


def badge(count):
    """A count that stays readable in the menu's narrow column: exact up to 999, then "999+"."""
    return f"{count:,}" if count < 1000 else "999+"


class ReaderCommentsMenuItem(MenuItem):
    """The queue's menu item: shown to moderators only, with the pending count in its label."""

    def is_shown(self, request):
        return can_moderate(request.user)

    def render_component(self, request):
        # Menu items are built once per process: count per request, never store the label on self.
        component = super().render_component(request)
        count = pending_count()
        if count:
            component.label = f"{self.label} ({badge(count)})"
        return component


# Page editor


class CommentCountsPanel(Panel):
    """Read-only counts in the page's settings tab, so editors see a page's conversation without leaving it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = TEMPLATES + "comment_counts_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["saved"] = bool(page and page.pk)
            if not context["saved"]:
                return context
            counts = page_moderation_counts(page=page)
            show_links = self.request is not None and can_moderate(self.request.user)
            context["any_comments"] = any(counts.values())
            context["queue_url"] = queue_url(page_id=page.pk) if show_links else ""
            context["items"] = [
                {
                    "count": counts[status],
                    "label": label,
                    "url": queue_url(status=status, page_id=page.pk) if show_links else "",
                }
                for status, label in (
                    ("awaiting", "Awaiting moderation"),
                    ("published", "Published"),
                    ("reported", "Reported"),
                    ("removed", "Removed"),
                )
            ]
            return context


# Commenters' data (export and erasure on request)


class CommenterForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        help_text="The address the commenter gave with their comments (case does not matter).",
    )


class EraseForm(CommenterForm):
    remove_text = forms.BooleanField(required=False, label=f"Also replace the text with {REMOVED_TEXT}")


class CommentersDataView(WagtailAdminTemplateMixin, TemplateView):
    """Answer a commenter's request for their data or its erasure, without shell access.

    Every change is a POST, and erasing takes a second, confirming POST.
    """

    template_name = TEMPLATES + "commenters_data.html"
    confirm_template_name = TEMPLATES + "commenters_data_confirm.html"
    forbidden_template_name = TEMPLATES + "forbidden.html"
    page_title = "Commenters' data"
    header_icon = "user"
    actions = ("export", "anonymise", "confirm")

    def dispatch(self, request, *args, **kwargs):
        # A real 403, not Wagtail's redirect to the dashboard: this page holds personal data.
        if not can_view_contact(request.user):
            return TemplateResponse(request, self.forbidden_template_name, self.get_context_data(), status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=kwargs.pop("form", None) or CommenterForm(), **kwargs)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action not in self.actions:
            return HttpResponseBadRequest("Unknown action.")
        form = (EraseForm if action == "confirm" else CommenterForm)(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        email = form.cleaned_data["email"]
        if action == "export":
            return self.export(email)
        if action == "anonymise":
            context = self.get_context_data(
                form=EraseForm(initial={"email": email}), email=email, count=comments_of(email).count()
            )
            return TemplateResponse(request, self.confirm_template_name, context)
        count = erase_commenter_data(email=email, remove_text=form.cleaned_data["remove_text"])
        message = ngettext("Anonymised %(count)d comment.", "Anonymised %(count)d comments.", count)
        messages.success(request, message % {"count": count})
        return redirect("reader_comments_data")

    def export(self, email):
        response = HttpResponse(export_as_json(email=email), content_type="application/json; charset=utf-8")
        filename = f"commenter-data-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        add_never_cache_headers(response)  # personal data: no copies in caches
        return response


def register_commenters_data_url():
    return [path("reader-comments-data/", CommentersDataView.as_view(), name="reader_comments_data")]


class CommentersDataMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_contact(request.user)


def register_commenters_data_menu_item():
    return CommentersDataMenuItem(
        "Commenters' data", reverse("reader_comments_data"), name="commenters-data", icon_name="user", order=900
    )
