"""The campaign's patterns per category (with the help message its writers see), and the "Try a text" box.

One row per category, made from the shipped defaults the first time the list is opened; the leads edit
them. "Try a text" runs the check as a new comment would, with the patterns saved now, and says which
category (if any) a sample falls in, and why; nothing typed there is stored.
"""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import register_permission_policy

from news.safeguarding import checks, selectors
from news.safeguarding.admin.forms import TryTextForm
from news.safeguarding.admin.permissions import LeadsOnlyPolicy, is_safeguarding_lead
from news.safeguarding.categories import PERSONAL_DETAILS, Category
from news.safeguarding.models import SafeguardingRule

register_permission_policy(SafeguardingRule, LeadsOnlyPolicy(SafeguardingRule, actions={"view", "change"}))


def pattern_count(rule):
    return len(checks.compile_patterns(rule.patterns))


class RuleIndexView(IndexView):
    page_title = "Safeguarding patterns"

    def get_base_queryset(self):
        selectors.rules()  # a category without its row gets the shipped patterns
        return super().get_base_queryset().select_related("help_message")

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton("Try a text", reverse("safeguarding_rules:try"), icon_name="search"),
        ]

    @cached_property
    def columns(self):
        return [
            TitleColumn("category", label="Category", accessor="get_category_display", get_url=self.get_edit_url),
            Column("patterns", label="Patterns", accessor=pattern_count),
            Column("help_message", label="Help message shown", accessor=lambda r: r.help_message or "—"),
        ]


class TryTextView(WagtailAdminTemplateMixin, FormView):
    """Which category a sample falls in, and why, with the patterns saved now."""

    template_name = "safeguarding/admin/try_text.html"
    form_class = TryTextForm
    page_title = "Try a text"
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not is_safeguarding_lead(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("safeguarding_rules:index"), "label": "Safeguarding patterns"},
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form):
        patterns = selectors.patterns_by_category()
        text, name = form.cleaned_data["text"], form.cleaned_data["name"]
        finding = checks.find_category(text=text, name=name, patterns_by_category=patterns)
        details = [] if finding else checks.find_personal_details(text=text, patterns=patterns[PERSONAL_DETAILS])
        context = self.get_context_data(
            form=form,
            tried=True,
            finding=finding,
            category_label=Category(finding.category).label if finding else "",
            help_message=selectors.help_message_for(finding.category) if finding else None,
            details=details,
            folded=checks.fold(text),
        )
        return self.render_to_response(context)


class SafeguardingRuleViewSet(ModelViewSet):
    model = SafeguardingRule
    icon = "list-ul"
    menu_label = "Patterns"
    url_prefix = "safeguarding/patterns"
    url_namespace = "safeguarding_rules"
    index_view_class = RuleIndexView
    form_fields = ["patterns", "help_message"]
    inspect_view_enabled = False
    copy_view_enabled = False
    menu_order = 200

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("try/", TryTextView.as_view(), name="try")]
