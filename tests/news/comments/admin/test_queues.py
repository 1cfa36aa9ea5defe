"""The queues are named by why a comment is there; rows offer what fits their state; the queue exports."""

import csv
import io

from bs4 import BeautifulSoup
from django.test import TestCase
from openpyxl import load_workbook

from news.comments import services
from news.comments.factories import CommentFactory
from news.comments.models import CommenterStanding, CommentModeration, CommentReport
from news.factories import NewsArticlePageFactory
from tests.news.comments.test_admin_queue import bulk_url, make_user
from tests.utils import build_site_tree

QUEUE = "/admin/reader-comments/"
Decision, HeldBy = CommentModeration.Decision, CommentModeration.HeldBy


class QueueTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=tree.news_index, title="On prevention")

        def comment(text, *, decision, held_by="", public=False, removed=False, featured=False, **fields):
            made = CommentFactory(page=cls.article, comment=text, is_public=public, is_removed=removed, **fields)
            CommentModeration.objects.create(comment=made, decision=decision, held_by=held_by, is_featured=featured)
            return made

        cls.new = comment("From a newcomer", decision=Decision.HELD, held_by=HeldBy.NEW_COMMENTER)
        cls.links = comment("Many links", decision=Decision.HELD, held_by=HeldBy.LINKS)
        cls.fast = comment("Too fast", decision=Decision.HELD, held_by=HeldBy.TOO_FAST)
        cls.published = comment("Plain published", decision=Decision.PUBLISHED, public=True)
        cls.featured = comment("Worth reading", decision=Decision.PUBLISHED, public=True, featured=True)
        cls.reported = comment(
            '=HYPERLINK("http://evil.example")',
            decision=Decision.PUBLISHED,
            public=True,
            user_email="writer@example.org",
            ip_address="192.0.2.77",
        )
        for ip, reason in (("192.0.2.1", "abuse"), ("192.0.2.2", "abuse"), ("192.0.2.3", "spam")):
            CommentReport.objects.create(comment=cls.reported, reason=reason, ip_address=ip)
        cls.spam = comment("Cheap pills", decision=Decision.SPAM, removed=True)
        cls.removed = comment("Taken down", decision=Decision.REMOVED, removed=True)
        cls.unpublished = comment("Taken off", decision=Decision.UNPUBLISHED)
        cls.moderator = make_user("moderator", groups=["Comment moderators"])
        cls.contact = make_user(
            "contact", groups=["Comment moderators"], permissions=[("comments", "view_commenter_contact")]
        )

    def setUp(self):
        self.client.force_login(self.moderator)

    def listed(self, status):
        soup = BeautifulSoup(self.client.get(f"{QUEUE}?status={status}").content, "html.parser")
        return {title.get_text(strip=True) for title in soup.select('[id^="snippet_"][id$="_title"]')}

    def test_each_queue_holds_the_comments_there_for_its_reason(self):
        expected = {
            "awaiting": {"From a newcomer"},
            "held": {"Many links", "Too fast"},
            "reported": {'=HYPERLINK("http://evil.example")'},
            "spam": {"Cheap pills"},
            "featured": {"Worth reading"},
            "removed": {"Taken down", "Taken off"},
            "published": {"Plain published", "Worth reading", '=HYPERLINK("http://evil.example")'},
        }
        for status, texts in expected.items():
            with self.subTest(status):
                self.assertEqual(self.listed(status), texts)

    def test_the_reported_queue_shows_the_reasons_with_their_counts(self):
        self.assertContains(self.client.get(f"{QUEUE}?status=reported"), "Abusive or harmful ×2, Spam ×1")

    def test_the_held_queue_says_which_rule_held_each(self):
        response = self.client.get(f"{QUEUE}?status=held")
        self.assertContains(response, "Held: too many links")
        self.assertContains(response, "Held: sent too fast")

    def row_actions(self, comment, status):
        soup = BeautifulSoup(self.client.get(f"{QUEUE}?status={status}").content, "html.parser")
        row = soup.find(id=f"snippet_{comment.pk}_title").find_parent("tr")
        return {link.get_text(strip=True) for link in row.select("a")}

    def test_row_actions_match_the_rows_state(self):
        held = self.row_actions(self.new, "awaiting")
        self.assertIn("Approve", held)
        self.assertNotIn("Unpublish", held)
        self.assertNotIn("Mark reports as dealt with", held)
        self.assertNotIn("Feature", held)
        reported = self.row_actions(self.reported, "reported")
        self.assertTrue({"Mark reports as dealt with", "Unpublish", "Feature", "Mark as spam"} <= reported)
        self.assertNotIn("Approve", reported)
        self.assertIn("Stop featuring", self.row_actions(self.featured, "featured"))
        spam = self.row_actions(self.spam, "spam")
        self.assertIn("Approve", spam)
        self.assertNotIn("Mark as spam", spam)

    def test_the_spam_bulk_action_can_block_the_address_in_the_same_step(self):
        confirm = self.client.get(bulk_url("spam", self.reported))
        self.assertContains(confirm, "Block the commenter&#x27;s address")
        response = self.client.post(bulk_url("spam", self.reported), {"block": "address", "note": "pills"})
        self.assertEqual(response.status_code, 302)
        self.reported.refresh_from_db()
        self.assertEqual(self.reported.moderation.decision, Decision.SPAM)
        self.assertEqual(self.reported.moderation.reason, "marked as spam by moderator: pills")
        self.assertEqual(CommenterStanding.objects.get().email, "writer@example.org")

    def test_the_feature_bulk_action_features_only_published_comments(self):
        self.client.post(bulk_url("feature", self.published, self.new))
        featured = set(CommentModeration.objects.filter(is_featured=True).values_list("comment_id", flat=True))
        self.assertEqual(featured, {self.featured.pk, self.published.pk})

    def export(self, export_format, status="all"):
        response = self.client.get(f"{QUEUE}?status={status}&export={export_format}")
        self.assertEqual(response.status_code, 200)
        return response

    def test_the_csv_export_has_the_queues_rows_and_no_contact_columns(self):
        rows = list(csv.reader(io.StringIO(b"".join(self.export("csv").streaming_content).decode())))
        self.assertEqual(
            rows[0], ["Comment", "Date", "Name", "Page", "Address", "Status", "Why", "Open reports", "Text"]
        )
        self.assertEqual(len(rows), 1 + 9)
        body = "\n".join(",".join(row) for row in rows)
        self.assertNotIn("writer@example.org", body)
        self.assertNotIn("192.0.2.77", body)
        reported = next(row for row in rows if row[0] == str(self.reported.pk))
        self.assertEqual(reported[-1], '\'=HYPERLINK("http://evil.example")')  # never a live formula
        self.assertEqual(reported[7], "Abusive or harmful ×2, Spam ×1")

    def test_the_export_follows_the_queue_filter(self):
        rows = list(csv.reader(io.StringIO(b"".join(self.export("csv", "held").streaming_content).decode())))
        self.assertEqual({row[-1] for row in rows[1:]}, {"Many links", "Too fast"})

    def test_the_xlsx_export_has_contact_columns_only_with_the_contact_permission(self):
        sheet = load_workbook(io.BytesIO(b"".join(self.export("xlsx").streaming_content))).active
        self.assertNotIn("E-mail", [cell.value for cell in sheet[1]])
        self.client.force_login(self.contact)
        sheet = load_workbook(io.BytesIO(b"".join(self.export("xlsx").streaming_content))).active
        headings = [cell.value for cell in sheet[1]]
        self.assertEqual(headings[-2:], ["E-mail", "IP address"])
        self.assertIn("writer@example.org", [row[-2] for row in sheet.iter_rows(min_row=2, values_only=True)])


class StandingSettingsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        article = NewsArticlePageFactory(parent=tree.news_index)
        CommentFactory(page=article, user_name="Rob", user_email="Rob@Example.org")
        cls.moderator = make_user("moderator", groups=["Comment moderators"])
        cls.contact = make_user(
            "contact", groups=["Comment moderators"], permissions=[("comments", "view_commenter_contact")]
        )
        cls.editor = make_user("editor", permissions=[("wagtailadmin", "access_admin")])
        services.set_standing(email="rob@example.org", standing="blocked", user=cls.moderator, note="abuse")

    def test_moderators_see_names_and_counts_never_the_address(self):
        self.client.force_login(self.moderator)
        response = self.client.get("/admin/commenters-standing/")
        self.assertContains(response, "Blocked: comments are refused")
        self.assertContains(response, "Rob")
        self.assertNotContains(response, "rob@example.org")
        edit = self.client.get(f"/admin/commenters-standing/edit/{CommenterStanding.objects.get().pk}/")
        self.assertNotContains(edit, "rob@example.org")

    def test_the_contact_permission_shows_the_address(self):
        self.client.force_login(self.contact)
        self.assertContains(self.client.get("/admin/commenters-standing/"), "rob@example.org")

    def test_adding_a_standing_goes_through_the_service(self):
        self.client.force_login(self.moderator)
        response = self.client.post(
            "/admin/commenters-standing/new/", {"email": "New@Example.org", "standing": "premoderate", "note": "x"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(CommenterStanding.objects.get(email="new@example.org").standing, "premoderate")

    def test_editors_cannot_see_it(self):
        self.client.force_login(self.editor)
        self.assertNotEqual(self.client.get("/admin/commenters-standing/").status_code, 200)
