"""The help messages' daily counts as a Wagtail report (a chart and a table, with CSV export).

Reports → Help messages: one row per day, message and placement with its impressions, clicks and click rate,
filtered by dates, message and placement; above the table, a chart of the filtered rows' daily impressions and
clicks (inline SVG drawn by the template from the points worked out here: no script, no outside request) with
its figures as a table for screen readers. Wagtail's export gives the rows as CSV or XLSX.

Seen by superusers and by whoever has ``safeguarding.view_helpmessagecount`` (the Safeguarding leads).
"""

import datetime

import django_filters
from django.contrib.auth.models import Permission
from django.db.models import F, FloatField, Sum
from django.db.models.functions import Cast, NullIf
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from home.models import HelpMessage
from news.safeguarding.models import HelpMessageCount

PERMISSION = "safeguarding.view_helpmessagecount"
URL_NAME = "safeguarding_help_message_counts"
CHART_MAX_DAYS = 366  # a longer range charts its latest year; the table still has every row
CHART_WIDTH, CHART_HEIGHT = 720, 240
CHART_MARGIN = {"top": 16, "right": 16, "bottom": 32, "left": 56}


class HelpMessageCountFilterSet(WagtailFilterSet):
    day = django_filters.DateFromToRangeFilter(label="Dates", widget=DateRangePickerWidget)
    help_message = django_filters.ModelChoiceFilter(label="Message", queryset=HelpMessage.objects.all())
    placement = django_filters.ChoiceFilter(label="Placement", choices=HelpMessageCount.Placement.choices)

    class Meta:
        model = HelpMessageCount
        fields = ["day", "help_message", "placement"]


def percent(value):
    """A click rate for people: one decimal and a percent sign, or an empty cell when nothing was seen."""
    return "" if value is None else f"{value:.1f}%"


class HelpMessageCountsReport(ReportView):
    page_title = "Help messages"
    header_icon = "help"
    model = HelpMessageCount
    permission_policy = ModelPermissionPolicy(HelpMessageCount)
    permission_required = "view"
    filterset_class = HelpMessageCountFilterSet
    results_template_name = "safeguarding/admin/help_message_counts_results.html"
    index_url_name = URL_NAME
    index_results_url_name = f"{URL_NAME}_results"
    paginate_by = 100
    export_filename = "help-message-counts"
    no_results_message = "No help message has been seen in these dates yet."
    columns = [
        Column("day", label="Day"),
        Column("help_message", label="Message"),
        Column("placement", label="Placement", accessor="get_placement_display"),
        NumberColumn("impressions", label="Impressions"),
        NumberColumn("clicks", label="Clicks"),
        Column("click_rate", label="Click rate", accessor=lambda row: percent(row.click_rate)),
    ]
    list_export = ["day", "help_message.name", "get_placement_display", "impressions", "clicks", "click_rate"]
    export_headings = {
        "day": "Day",
        "help_message.name": "Message",
        "get_placement_display": "Placement",
        "impressions": "Impressions",
        "clicks": "Clicks",
        "click_rate": "Click rate (%)",
    }
    custom_field_preprocess = {
        "click_rate": {
            ReportView.FORMAT_CSV: lambda value: "" if value is None else f"{value:.1f}",
            ReportView.FORMAT_XLSX: lambda value: None if value is None else round(value, 1),
        }
    }

    def get_base_queryset(self):
        rate = Cast(F("clicks"), FloatField()) * 100 / NullIf(Cast(F("impressions"), FloatField()), 0.0)
        return (
            HelpMessageCount.objects.select_related("help_message")
            .annotate(click_rate=rate)
            .order_by("-day", "help_message__name", "placement")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            context["chart"] = daily_chart(self.object_list)
        return context


def daily_chart(rows):
    """The filtered rows' daily totals and the SVG coordinates of their two lines (every day in the range, a
    day without counts as zero), or None when there is nothing to draw."""
    totals = {
        item["day"]: item
        for item in rows.order_by().values("day").annotate(impressions=Sum("impressions"), clicks=Sum("clicks"))
    }
    if not totals:
        return None
    last = max(totals)
    first = max(min(totals), last - datetime.timedelta(days=CHART_MAX_DAYS - 1))
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    figures = [
        {
            "day": day,
            "impressions": totals[day]["impressions"] if day in totals else 0,
            "clicks": totals[day]["clicks"] if day in totals else 0,
        }
        for day in days
    ]
    top = max(max(figure["impressions"] for figure in figures), 1)
    left, right, upper = CHART_MARGIN["left"], CHART_WIDTH - CHART_MARGIN["right"], CHART_MARGIN["top"]
    bottom = CHART_HEIGHT - CHART_MARGIN["bottom"]
    step = (right - left) / (len(days) - 1) if len(days) > 1 else 0

    def x(index):
        return round(left + index * step if len(days) > 1 else (left + right) / 2, 1)

    def y(value):
        return round(bottom - (bottom - upper) * value / top, 1)

    for index, figure in enumerate(figures):
        figure.update(x=x(index), y_impressions=y(figure["impressions"]), y_clicks=y(figure["clicks"]))
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": left,
        "right": right,
        "top": upper,
        "bottom": bottom,
        "figures": figures,
        "impressions_points": " ".join(f"{f['x']},{f['y_impressions']}" for f in figures),
        "clicks_points": " ".join(f"{f['x']},{f['y_clicks']}" for f in figures),
        "ticks": [{"value": value, "y": y(value)} for value in sorted({0, top // 2, top})],
        "first": first,
        "last": last,
        "shortened": min(totals) < first,
        "total_impressions": sum(figure["impressions"] for figure in figures),
        "total_clicks": sum(figure["clicks"] for figure in figures),
    }


class HelpMessagesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_help_message_counts_urls():
    return [
        path("reports/help-messages/", HelpMessageCountsReport.as_view(), name=URL_NAME),
        path(
            "reports/help-messages/results/",
            HelpMessageCountsReport.as_view(results_only=True),
            name=f"{URL_NAME}_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_help_message_counts_menu_item():
    return HelpMessagesMenuItem("Help messages", reverse(URL_NAME), name="help-messages", icon_name="help", order=1400)


@hooks.register("register_permissions")
def register_help_message_counts_permission():
    """So the permission can be given to a group in Settings → Groups."""
    app_label, codename = PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
