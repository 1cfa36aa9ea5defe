"""The Safeguarding queue and the case screen, for the safeguarding leads only.

A case holds what a comment said and who wrote it; the comment's own row holds neither, so the moderators'
queue shows only that a comment is "held for safeguarding". Every lead's action is recorded with its time
and notes (``CaseAction``); closed cases are erased after the retention period (``services.erase_expired_cases``).
"""

import django_filters
from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from news.safeguarding import selectors, services
from news.safeguarding.admin.forms import ActionForm, NoteForm
from news.safeguarding.admin.patterns import SafeguardingRuleViewSet
from news.safeguarding.admin.permissions import LeadsOnlyPolicy, is_safeguarding_lead
from news.safeguarding.models import SafeguardingCase

Status = SafeguardingCase.Status
STATUS_CHOICES = [(Status.OPEN, "Open"), (Status.CLOSED, "Closed"), (Status.ERASED, "Erased"), ("all", "All")]

register_permission_policy(SafeguardingCase, LeadsOnlyPolicy(SafeguardingCase, actions={"view"}))


class CaseFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, method="filter_status", empty_label=None
    )
    category = django_filters.ChoiceFilter(
        label="Category", choices=SafeguardingCase._meta.get_field("category").choices
    )

    class Meta:
        model = SafeguardingCase
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and not data.get("status"):
            data["status"] = Status.OPEN  # the queue opens on what needs a lead
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        return queryset if value == "all" else queryset.filter(status=value)


class CaseIndexView(IndexView):
    page_title = "Safeguarding cases"

    def get_base_queryset(self):
        return SafeguardingCase.objects.select_related("page").order_by("-opened_at", "-pk")

    @cached_property
    def columns(self):
        return [
            TitleColumn("case", label="Case", accessor=str, get_url=lambda case: case_url(case)),
            Column("category", label="Category", accessor="get_category_display"),
            Column("page", label="Page", accessor=lambda case: case.page.title if case.page else "—"),
            DateColumn("opened_at", label="Opened", sort_key="opened_at"),
            Column("status", label="Status", accessor="get_status_display"),
            Column("from_edit", label="From", accessor=lambda case: "an edit" if case.from_edit else "a new comment"),
        ]


def case_url(case):
    return reverse("safeguarding_cases:case", args=[case.pk])


class CaseView(WagtailAdminTemplateMixin, TemplateView):
    """One case: what was written and by whom, why it was held, where, and everything the leads did."""

    template_name = "safeguarding/admin/case.html"
    header_icon = "help"

    def dispatch(self, request, *args, pk, **kwargs):
        if not is_safeguarding_lead(request.user):
            return permission_denied(request)
        self.case = get_object_or_404(SafeguardingCase.objects.select_related("page", "comment"), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.case)

    def get_page_subtitle(self):
        return self.case.get_category_display()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("safeguarding_cases:index"), "label": "Safeguarding cases"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        case = self.case
        page = case.page.specific if case.page else None
        return super().get_context_data(
            case=case,
            page=page,
            live_url=page.full_url if page and page.live else "",
            actions=case.actions.select_related("user"),
            help_message=selectors.help_message_for(case.category),
            action_form=kwargs.pop("action_form", None) or ActionForm(auto_id="action_%s"),
            close_form=kwargs.pop("close_form", None) or NoteForm(auto_id="close_%s"),
            return_form=kwargs.pop("return_form", None) or NoteForm(auto_id="return_%s"),
            reopen_form=NoteForm(auto_id="reopen_%s"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        """One step per POST (``do``), then back to the case with what happened."""
        do = request.POST.get("do", "")
        if do not in STEPS:
            return HttpResponseBadRequest("There is no such step.")
        form_class, context_name, take, done = STEPS[do]
        form = form_class(request.POST, auto_id=f"{context_name.removesuffix('_form')}_%s")
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(**{context_name: form}), status=400)
        try:
            take(case=self.case, user=request.user, **form.cleaned_data)
        except services.CaseClosed as closed:
            messages.error(request, str(closed))
        else:
            messages.success(request, done)
        return redirect("safeguarding_cases:case", self.case.pk)


STEPS = {
    "record": (ActionForm, "action_form", services.record_action, "Recorded."),
    "close": (
        NoteForm,
        "close_form",
        lambda *, case, user, note: services.record_action(case=case, user=user, note=note, action="closed"),
        "The case is closed. It will be erased after the retention period.",
    ),
    "reopen": (NoteForm, "reopen_form", services.reopen_case, "The case is open again."),
}


class SafeguardingCaseViewSet(ModelViewSet):
    model = SafeguardingCase
    icon = "help"
    menu_label = "Cases"
    url_prefix = "safeguarding/cases"
    url_namespace = "safeguarding_cases"
    index_view_class = CaseIndexView
    filterset_class = CaseFilterSet
    inspect_view_enabled = False
    copy_view_enabled = False
    form_fields = ["category"]  # never edited here: cases change only through the steps on the case screen
    menu_order = 100

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/", CaseView.as_view(), name="case")]


class SafeguardingViewSetGroup(ViewSetGroup):
    """The admin menu's "Safeguarding": shown to the leads only (their permission, not a superuser's)."""

    items = (SafeguardingCaseViewSet("safeguarding_cases"), SafeguardingRuleViewSet("safeguarding_rules"))
    menu_label = "Safeguarding"
    menu_icon = "help"
    menu_order = 250


@hooks.register("register_admin_viewset")
def register_safeguarding():
    return SafeguardingViewSetGroup()


class SafeguardingDashboardPanel(Component):
    """Tells a lead on arrival how many cases are open, and takes them straight there."""

    name = "safeguarding_cases"
    template_name = "safeguarding/admin/dashboard_panel.html"
    order = 40  # first: a case may be a child at risk now

    def get_context_data(self, parent_context=None):
        return {
            "open_cases": SafeguardingCase.objects.filter(status=Status.OPEN).count(),
            "url": reverse("safeguarding_cases:index"),
        }


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    if is_safeguarding_lead(request.user):
        panels.append(SafeguardingDashboardPanel())
