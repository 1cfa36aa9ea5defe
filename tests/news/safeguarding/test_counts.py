"""The help messages' daily counts (issue 15): the beacon counts an impression and the redirect a click, per
message and placement, as today's totals only. Nothing about the visitor is read or kept: no cookie is set,
the answer does not vary by cookie, and the row has no place for an address or a user agent."""

import datetime
from unittest import mock

from django.conf import settings
from django.test import TestCase
from django.utils import timezone

from home.factories import HelpMessageFactory
from news.safeguarding.models import HelpMessageCount, SafeguardingSettings
from news.safeguarding.views import PIXEL
from tests.utils import build_site_tree

VISITOR = {"REMOTE_ADDR": "203.0.113.9", "HTTP_USER_AGENT": "Visitor's browser/1.0", "HTTP_REFERER": "/search/"}


def totals():
    """{(message pk, placement): (impressions, clicks)} of today's rows."""
    rows = HelpMessageCount.objects.filter(day=timezone.localdate())
    return {(row.help_message_id, row.placement): (row.impressions, row.clicks) for row in rows}


class CountingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.message = HelpMessageFactory(name="Stop it now", link_url="https://example.org/get-help")
        cls.other = HelpMessageFactory(name="Childline", link_url="https://example.org/childline")
        cls.phone_only = HelpMessageFactory(name="Phone only", link_url="", phone_number="0800 1111")

    def seen(self, message, placement, **extra):
        return self.client.get(f"/help/{message.pk}/{placement}/seen.gif", **VISITOR, **extra)

    def follow(self, message, placement, **extra):
        return self.client.get(f"/help/{message.pk}/{placement}/", **VISITOR, **extra)

    def test_impressions_and_clicks_add_to_todays_totals_per_message_and_placement(self):
        for _ in range(3):
            self.assertEqual(self.seen(self.message, "search").status_code, 200)
        self.seen(self.message, "page")
        self.seen(self.other, "comment_hold")
        self.follow(self.message, "search")
        self.follow(self.other, "comment_hold")
        self.follow(self.other, "comment_hold")
        self.assertEqual(
            totals(),
            {
                (self.message.pk, "search"): (3, 1),
                (self.message.pk, "page"): (1, 0),
                (self.other.pk, "comment_hold"): (1, 2),
            },
        )

    def test_each_day_has_its_own_totals(self):
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        with mock.patch("django.utils.timezone.localdate", return_value=yesterday):
            self.seen(self.message, "page")
            self.seen(self.message, "page")
        self.seen(self.message, "page")
        rows = dict(HelpMessageCount.objects.filter(help_message=self.message).values_list("day", "impressions"))
        self.assertEqual(rows, {yesterday: 2, timezone.localdate(): 1})

    def test_the_beacon_is_a_gif_that_no_cache_keeps(self):
        response = self.seen(self.message, "page")
        self.assertEqual(response["Content-Type"], "image/gif")
        self.assertEqual(response.content, PIXEL)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertNotIn("X-Accel-Expires", response)
        self.seen(self.message, "page")
        self.assertEqual(totals()[(self.message.pk, "page")], (2, 0))  # the second was counted, not served kept

    def test_the_redirect_goes_to_the_messages_own_link_only(self):
        url = f"/help/{self.message.pk}/search/?next=https://evil.example/&url=//evil.example"
        response = self.client.get(url, **VISITOR)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "https://example.org/get-help")
        self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(self.follow(self.other, "page")["Location"], "https://example.org/childline")

    def test_no_cookie_is_set_and_nothing_varies_by_cookie(self):
        self.client.cookies["sessionid"] = "somebodys-session"
        for response in (self.seen(self.message, "page"), self.follow(self.message, "page")):
            with self.subTest(response.status_code):
                self.assertEqual(response.cookies, {})
                self.assertNotIn("Set-Cookie", response)
                self.assertNotIn("cookie", response.get("Vary", "").lower())

    def test_the_row_keeps_only_the_day_the_message_the_placement_and_two_counts(self):
        self.seen(self.message, "page")
        self.follow(self.message, "page")
        fields = {field.name for field in HelpMessageCount._meta.concrete_fields}
        self.assertEqual(fields, {"id", "day", "help_message", "placement", "impressions", "clicks"})
        row = HelpMessageCount.objects.values().get()
        self.assertEqual(
            row,
            {
                "id": row["id"],
                "day": timezone.localdate(),
                "help_message_id": self.message.pk,
                "placement": "page",
                "impressions": 1,
                "clicks": 1,
            },
        )
        for value in VISITOR.values():
            self.assertNotIn(value, repr(row))

    def test_unknown_placements_and_messages_are_404_and_count_nothing(self):
        missing = self.message.pk + self.other.pk + self.phone_only.pk + 1000
        cases = [
            f"/help/{self.message.pk}/sidebar/seen.gif",
            f"/help/{self.message.pk}/sidebar/",
            f"/help/{self.message.pk}/SEARCH/",
            f"/help/{missing}/page/seen.gif",
            f"/help/{missing}/page/",
            f"/help/{'9' * 30}/page/seen.gif",
            f"/help/{self.phone_only.pk}/page/",  # no link to go to
        ]
        for url in cases:
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(HelpMessageCount.objects.count(), 0)

    def test_only_get_counts(self):
        self.assertEqual(self.client.post(f"/help/{self.message.pk}/page/seen.gif").status_code, 405)
        self.assertEqual(self.client.post(f"/help/{self.message.pk}/page/").status_code, 405)
        self.assertEqual(HelpMessageCount.objects.count(), 0)

    def test_a_deterrent_search_counts_through_its_beacon_and_link_in_the_search_placement(self):
        """The markup a search shows points at the counting URLs of the "search" placement."""
        site_settings = SafeguardingSettings.load()
        site_settings.search_help_message = self.message
        site_settings.save()
        html = self.client.get("/search/", {"query": "jailbait"}).content.decode()
        beacon = f"/help/{self.message.pk}/search/seen.gif"
        link = f"/help/{self.message.pk}/search/"
        self.assertIn(f'src="{beacon}"', html)
        self.assertIn(f'href="{link}"', html)
        self.assertEqual(totals(), {})  # rendering counts nothing: the browser's request for the image does
        self.client.get(beacon)
        self.client.get(link)
        self.assertEqual(totals(), {(self.message.pk, "search"): (1, 1)})

    def test_the_content_security_policy_lets_pages_load_the_beacon(self):
        """The beacon is a same-origin image: the site's policy allows img-src 'self'."""
        self.assertIn("'self'", settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"])
        response = self.client.get("/search/", {"query": "helpline"})
        policy = dict(
            part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip()
        )
        self.assertIn("'self'", policy["img-src"].split())
