"""Reports → Help messages (issue 15): the daily counts per message and placement, with their click rate, a
chart of daily impressions and clicks (inline SVG with its figures as a table), filters and CSV/XLSX export;
for superusers and the Safeguarding leads only."""

import csv
import datetime
import importlib
import io
import re

import openpyxl
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory, TestCase
from django.urls import reverse

from home.factories import HelpMessageFactory
from news.safeguarding.admin import reports
from news.safeguarding.groups import LEAD_PERMISSIONS
from news.safeguarding.models import HelpMessageCount
from tests.utils import build_site_tree

DAY = datetime.date(2026, 11, 2)
SEARCH, PAGE, HOLD = "search", "page", "comment_hold"


def day(offset):
    return DAY + datetime.timedelta(days=offset)


class HelpMessageReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site_tree()  # also the moderators' and leads' groups
        cls.stop = HelpMessageFactory(name="Stop it now")
        cls.childline = HelpMessageFactory(name="Childline")
        rows = [
            (day(0), cls.stop, SEARCH, 40, 10),
            (day(0), cls.stop, PAGE, 60, 3),
            (day(0), cls.childline, HOLD, 2, 1),
            (day(1), cls.stop, SEARCH, 8, 0),
            # day(2): nothing at all
            (day(3), cls.childline, PAGE, 0, 0),
            (day(3), cls.stop, PAGE, 12, 6),
        ]
        for when, message, placement, impressions, clicks in rows:
            HelpMessageCount.objects.create(
                day=when, help_message=message, placement=placement, impressions=impressions, clicks=clicks
            )
        User = get_user_model()
        cls.superuser = User.objects.create_superuser("boss", "boss@staff.example", "pw")
        cls.lead = User.objects.create_user("lead", "lead@staff.example", "pw")
        cls.lead.groups.add(Group.objects.get(name=settings.SAFEGUARDING_LEADS_GROUP))
        cls.moderator = User.objects.create_user("moderator", "moderator@staff.example", "pw")
        cls.moderator.groups.add(Group.objects.get(name=settings.COMMENT_MODERATORS_GROUP))
        cls.url = reverse(reports.URL_NAME)

    def get(self, user, **params):
        self.client.force_login(user)
        return self.client.get(self.url, params)

    def rows(self, response):
        """The table's rows as lists of cell texts."""
        table = response.content.decode().split('<table class="listing', 2)[-1]
        cells = []
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>", 1)[-1], re.S):
            texts = [
                re.sub(r"<[^>]+>|\s+", " ", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            ]
            if texts:
                cells.append(texts)
        return cells

    def test_the_table_lists_each_day_message_and_placement_with_its_click_rate(self):
        response = self.get(self.superuser)
        self.assertEqual(response.status_code, 200)
        rows = self.rows(response)
        self.assertEqual(len(rows), 6)
        self.assertIn(["3 Nov 2026", "Stop it now", "Above search results", "8", "0", "0.0%"], rows)
        self.assertIn(["2 Nov 2026", "Stop it now", "Above search results", "40", "10", "25.0%"], rows)
        self.assertIn(["2 Nov 2026", "Childline", "After a comment held for safeguarding", "2", "1", "50.0%"], rows)
        self.assertIn(["5 Nov 2026", "Childline", "On a page", "0", "0", ""], rows)  # no rate without impressions
        self.assertEqual(rows[0][0], "5 Nov 2026")  # latest day first

    def test_the_chart_draws_the_daily_totals_with_its_figures_as_a_table(self):
        html = self.get(self.superuser).content.decode()
        chart = html[html.index('class="nice-padding help-message-chart"') : html.index("</section>")]
        self.assertIn('role="img"', chart)
        self.assertIn("<title", chart)
        self.assertIn("<desc", chart)
        self.assertIn("122 impressions and 20 clicks", chart)  # the totals of every row
        impressions = re.search(r'data-series="impressions" points="([^"]+)"', chart).group(1).split()
        clicks = re.search(r'data-series="clicks" points="([^"]+)"', chart).group(1).split()
        self.assertEqual(len(impressions), 4)  # every day from the first to the last, the empty one included
        self.assertEqual(len(clicks), 4)
        heights = [float(point.split(",")[1]) for point in impressions]
        self.assertEqual(heights[0], reports.CHART_MARGIN["top"])  # day 0 (102 impressions) is the top
        self.assertEqual(heights[2], reports.CHART_HEIGHT - reports.CHART_MARGIN["bottom"])  # day 2: zero
        figures = chart[chart.index("data-help-message-chart-figures") :]
        found = re.findall(r'<th scope="row">([\d-]+)</th><td>(\d+)</td><td>(\d+)</td>', figures)
        self.assertEqual(
            found,
            [
                ("2026-11-02", "102", "14"),
                ("2026-11-03", "8", "0"),
                ("2026-11-04", "0", "0"),
                ("2026-11-05", "12", "6"),
            ],
        )
        self.assertNotIn("<script", chart)
        self.assertNotRegex(chart, r'(src|href)="(https?:)?//')

    def test_filters_for_dates_message_and_placement(self):
        only_search = self.rows(self.get(self.superuser, placement=SEARCH))
        self.assertEqual({row[2] for row in only_search}, {"Above search results"})
        self.assertEqual(len(only_search), 2)
        childline = self.rows(self.get(self.superuser, help_message=self.childline.pk))
        self.assertEqual({row[1] for row in childline}, {"Childline"})
        dates = self.rows(self.get(self.superuser, day_from="2026-11-03", day_to="2026-11-04"))
        self.assertEqual(dates, [["3 Nov 2026", "Stop it now", "Above search results", "8", "0", "0.0%"]])
        response = self.get(self.superuser, placement=PAGE, help_message=self.stop.pk)
        self.assertContains(response, "72 impressions and 9 clicks")  # the chart follows the filters

    def test_csv_export(self):
        response = self.get(self.superuser, export="csv", placement=SEARCH)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        text = b"".join(response.streaming_content).decode()
        rows = list(csv.reader(io.StringIO(text)))
        self.assertEqual(rows[0], ["Day", "Message", "Placement", "Impressions", "Clicks", "Click rate (%)"])
        self.assertEqual(
            rows[1:],
            [
                ["2026-11-03", "Stop it now", "Above search results", "8", "0", "0.0"],
                ["2026-11-02", "Stop it now", "Above search results", "40", "10", "25.0"],
            ],
        )

    def test_xlsx_export(self):
        response = self.get(self.superuser, export="xlsx")
        self.assertEqual(response.status_code, 200)
        workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        values = list(workbook.active.iter_rows(values_only=True))
        self.assertEqual(values[0], ("Day", "Message", "Placement", "Impressions", "Clicks", "Click rate (%)"))
        self.assertEqual(len(values), 7)
        self.assertIn(("Childline", "After a comment held for safeguarding", 2, 1, 50.0), [row[1:] for row in values])

    def test_the_leads_see_it_and_a_moderator_does_not(self):
        self.assertEqual(self.get(self.lead).status_code, 200)
        for export in ("", "csv"):
            with self.subTest(export=export):
                response = self.get(self.moderator, **({"export": export} if export else {}))
                self.assertIn(response.status_code, (302, 403))
                self.assertNotIn(b"Stop it now", b"".join(getattr(response, "streaming_content", [response.content])))
        self.assertIn(self.get(self.moderator).status_code, (302, 403))
        self.client.logout()
        self.assertEqual(self.client.get(self.url).status_code, 302)  # to the admin's login

    def test_the_reports_menu_offers_it_to_those_who_may_see_it(self):
        item = reports.register_help_message_counts_menu_item()
        self.assertEqual(item.label, "Help messages")
        request = RequestFactory().get("/admin/")
        for user, shown in ((self.superuser, True), (self.lead, True), (self.moderator, False)):
            with self.subTest(user=user.username):
                request.user = user
                self.assertIs(item.is_shown(request), shown)

    def test_the_migration_grants_the_permission_to_the_leads(self):
        group = Group.objects.get(name=settings.SAFEGUARDING_LEADS_GROUP)
        permission = Permission.objects.get(content_type__app_label="safeguarding", codename="view_helpmessagecount")
        group.permissions.remove(permission)
        migration = importlib.import_module("news.safeguarding.migrations.0003_leads_see_help_message_counts")
        migration.grant(apps, None)
        self.assertIn(permission, group.permissions.all())
        migration.revoke(apps, None)
        self.assertNotIn(permission, group.permissions.all())
        self.assertIn(("safeguarding", "view_helpmessagecount"), LEAD_PERMISSIONS)

    def test_the_permission_can_be_given_to_a_group_in_the_admin(self):
        self.client.force_login(self.superuser)
        response = self.client.get(reverse("wagtailusers_groups:add"))
        self.assertEqual(response.status_code, 200)
        permission = Permission.objects.get(content_type__app_label="safeguarding", codename="view_helpmessagecount")
        self.assertContains(response, f'value="{permission.pk}"')
