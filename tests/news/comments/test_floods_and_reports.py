"""Flood control per client address, and readers' reports that hide a comment pending review."""

from django.test import Client, TestCase, override_settings
from django_comments_xtd.models import XtdComment

from news.comments.factories import CommentFactory
from news.comments.models import CommentModeration, CommentReport
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import comment_form_data
from tests.utils import build_site_tree, set_comment_rules


class RateLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        set_comment_rules(cls.tree.home.get_site(), premoderate_anonymous=False)
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)

    def post(self, client, n, **meta):
        data = comment_form_data(self.article, comment=f"Comment {n}", email=f"r{n}@example.org")
        return client.post(self.article.url + "comments/", data, **meta)

    def test_five_comments_per_ten_minutes_per_address_counted_across_clients(self):
        """Two browsers (two test clients) from one address share one allowance in the shared cache."""
        first, second = Client(), Client()
        for n in range(5):
            self.assertEqual(self.post(first if n % 2 else second, n).status_code, 302)
        response = self.post(first, 5)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Please wait a few minutes", status_code=429)
        self.assertContains(response, "Comment 5", status_code=429)  # the text is kept
        self.assertEqual(self.post(second, 6).status_code, 429)
        self.assertEqual(XtdComment.objects.count(), 5)
        self.assertEqual(self.post(Client(), 7, REMOTE_ADDR="198.51.100.7").status_code, 302)

    def test_forwarded_for_is_ignored_from_untrusted_peers(self):
        for n in range(5):
            self.post(self.client, n, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        self.assertEqual(self.post(self.client, 5, HTTP_X_FORWARDED_FOR="203.0.113.99").status_code, 429)
        self.assertEqual(XtdComment.objects.filter(ip_address="127.0.0.1").count(), 5)

    @override_settings(TRUSTED_PROXIES=["127.0.0.1"])
    def test_forwarded_for_counts_behind_a_trusted_proxy(self):
        for n in range(6):
            self.assertEqual(
                self.post(self.client, n, HTTP_X_FORWARDED_FOR=f"10.9.9.1, 203.0.113.{n}").status_code, 302
            )
        self.assertEqual(XtdComment.objects.get(comment="Comment 3").ip_address, "203.0.113.3")
        for n in range(6, 11):
            self.post(self.client, n, HTTP_X_FORWARDED_FOR="203.0.113.50")
        self.assertEqual(self.post(self.client, 11, HTTP_X_FORWARDED_FOR="203.0.113.50").status_code, 429)


class ReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)
        cls.comment = CommentFactory(page=cls.article, comment="Something harmful")

    def report(self, ip, reason="abuse", note=""):
        url = f"{self.article.url}comments/{self.comment.pk}/report/"
        return self.client.post(url, {"reason": reason, "note": note}, REMOTE_ADDR=ip)

    def test_report_form_offers_the_reasons(self):
        response = self.client.get(f"{self.article.url}comments/{self.comment.pk}/report/")
        for label in ("Spam", "Abusive or harmful", "It shares personal information", "Something else"):
            self.assertContains(response, label)
        self.assertContains(self.client.get(self.article.url), f"comments/{self.comment.pk}/report/")

    def test_three_reports_from_different_readers_hide_the_comment_pending_review(self):
        self.assertEqual(self.report("192.0.2.1").status_code, 302)
        self.assertEqual(self.report("192.0.2.1", reason="spam").status_code, 302)  # same reader: counted once
        self.report("192.0.2.2", reason="personal", note="It names a child's school")
        self.assertContains(self.client.get(self.article.url), "Something harmful")
        self.report("192.0.2.3", reason="other")
        self.comment.refresh_from_db()
        self.assertFalse(self.comment.is_public)
        self.assertEqual(CommentModeration.objects.get(comment=self.comment).reason, "hidden: reported ×3")
        self.assertNotContains(self.client.get(self.article.url), "Something harmful")
        self.assertEqual(CommentReport.objects.filter(comment=self.comment).count(), 3)

    def test_reporters_are_never_shown(self):
        self.report("192.0.2.1", note="Reported by Jo Bloggs")
        page = self.client.get(self.article.url).content.decode()
        self.assertNotIn("Jo Bloggs", page)
        self.assertNotIn("192.0.2.1", page)

    def test_reports_are_rate_limited_and_validated(self):
        self.assertEqual(self.report("192.0.2.9", reason="nonsense").status_code, 400)
        for _ in range(10):
            other = CommentFactory(page=self.article)
            self.client.post(
                f"{self.article.url}comments/{other.pk}/report/", {"reason": "spam"}, REMOTE_ADDR="192.0.2.9"
            )
        self.assertEqual(self.report("192.0.2.9").status_code, 429)

    def test_only_published_comments_can_be_reported_and_get_changes_nothing(self):
        held = CommentFactory(page=self.article, is_public=False)
        self.assertEqual(self.client.get(f"{self.article.url}comments/{held.pk}/report/").status_code, 404)
        self.client.get(f"{self.article.url}comments/{self.comment.pk}/report/?reason=spam")
        self.assertFalse(CommentReport.objects.exists())
