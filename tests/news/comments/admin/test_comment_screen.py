"""A comment in context: everything a moderator needs on one screen, and every decision taken from it."""

from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django_comments_xtd.models import XtdComment
from wagtail.models import ModelLogEntry

from news.comments import services
from news.comments.factories import CommentFactory
from news.comments.models import CommenterStanding, CommentModeration, CommentReport, CommentSettings
from news.factories import NewsArticlePageFactory
from tests.news.comments.test_admin_queue import make_user
from tests.utils import build_site_tree

Decision = CommentModeration.Decision


def screen(comment):
    return f"/admin/reader-comments/comment/{comment.pk}/"


class CommentScreenTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.site = tree.home.get_site()
        cls.article = NewsArticlePageFactory(parent=tree.news_index, title="On prevention")
        cls.question = CommentFactory(page=cls.article, comment="Who runs the helpline?", user_name="Sam")
        cls.comment = CommentFactory(
            page=cls.article,
            parent=cls.question,
            comment="Buy cheap pills at https://pills.example",
            user_name="Rob",
            user_email="rob@pills.example",
            ip_address="192.0.2.9",
        )
        CommentModeration.objects.create(comment=cls.comment, decision=Decision.PUBLISHED, reason="published: x")
        cls.other = CommentFactory(
            page=cls.article, comment="Earlier words", user_name="Rob2", user_email="ROB@pills.example"
        )
        CommentReport.objects.create(comment=cls.comment, reason="spam", note="Selling pills", ip_address="192.0.2.1")
        CommentReport.objects.create(comment=cls.comment, reason="abuse", note="", ip_address="192.0.2.2")
        cls.moderator = make_user("moderator", groups=["Comment moderators"])
        cls.contact = make_user(
            "contact", groups=["Comment moderators"], permissions=[("comments", "view_commenter_contact")]
        )
        cls.superuser = make_user("super", superuser=True)
        cls.editor = make_user("editor", permissions=[("wagtailadmin", "access_admin")])

    def setUp(self):
        self.client.force_login(self.moderator)

    def act(self, action, on=None, **data):
        return self.client.post(screen(on or self.comment), {"action": action, **data})

    def test_the_screen_shows_the_comment_in_its_context(self):
        response = self.client.get(screen(self.comment))
        self.assertContains(response, 'href="https://pills.example"')  # as readers see it: the link made
        self.assertContains(response, "Selling pills")
        self.assertContains(response, "Spam")
        self.assertContains(response, "Abusive or harmful")
        self.assertContains(response, "Reports (2)")
        self.assertContains(response, "Who runs the helpline?")  # what it answers
        self.assertContains(response, f'href="{self.article.url}#c{self.comment.pk}"')
        self.assertContains(response, "1 other comment by this writer")
        self.assertContains(response, f"?status=all&amp;commenter={self.comment.pk}")
        self.assertContains(response, "published: x")

    def test_contact_details_and_the_page_editor_only_for_those_allowed(self):
        response = self.client.get(screen(self.comment))
        for hidden in ("rob@pills.example", "192.0.2.9", f"/admin/pages/{self.article.pk}/edit/"):
            self.assertNotContains(response, hidden)
        self.client.force_login(self.contact)
        response = self.client.get(screen(self.comment))
        self.assertContains(response, "rob@pills.example")
        self.assertContains(response, "192.0.2.9")
        self.client.force_login(self.superuser)
        self.assertContains(self.client.get(screen(self.comment)), f"/admin/pages/{self.article.pk}/edit/")

    def test_the_writers_other_comments_are_one_filtered_listing(self):
        response = self.client.get(f"/admin/reader-comments/?status=all&commenter={self.comment.pk}")
        self.assertContains(response, "Earlier words")
        self.assertContains(response, "Buy cheap pills")
        self.assertNotContains(response, "Who runs the helpline?")

    def test_only_moderators_reach_it_and_bad_ids_are_404(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(screen(self.comment)).status_code, 403)
        self.client.force_login(self.moderator)
        for bad in ("99999999", "123456789012345678901234", "abc"):
            with self.subTest(bad):
                self.assertEqual(self.client.get(f"/admin/reader-comments/comment/{bad}/").status_code, 404)

    def test_approve_with_a_reason_records_it_on_the_comment_and_in_the_history(self):
        held = CommentFactory(page=self.article, comment="Held one", is_public=False)
        response = self.act("approve", on=held, note="Checked the source")
        self.assertRedirects(response, screen(held), fetch_redirect_response=False)
        held.refresh_from_db()
        self.assertTrue(held.is_public)
        self.assertEqual(held.moderation.reason, "approved by moderator: Checked the source")
        entry = ModelLogEntry.objects.get(object_id=str(held.pk), action="comments.approve")
        self.assertEqual(entry.data, {"note": "Checked the source"})
        self.assertContains(self.client.get(screen(held)), "Checked the source")

    def test_spam_with_a_block_of_the_address_in_one_step(self):
        self.act("spam", block="address", note="pill spam")
        self.comment.refresh_from_db()
        self.assertEqual((self.comment.is_public, self.comment.is_removed), (False, True))
        self.assertEqual(self.comment.moderation.decision, Decision.SPAM)
        self.assertFalse(CommentReport.objects.filter(comment=self.comment, resolved=False).exists())
        standing = CommenterStanding.objects.get()
        self.assertEqual((standing.email, standing.standing), ("rob@pills.example", "blocked"))
        listed = self.client.get("/admin/reader-comments/?status=spam").content.decode()
        self.assertIn("Buy cheap pills", listed)
        self.assertNotIn("Buy cheap pills", self.client.get("/admin/reader-comments/?status=removed").content.decode())

    def test_spam_with_a_block_of_the_domain_adds_it_to_the_settings(self):
        self.act("spam", block="domain")
        self.assertEqual(CommentSettings.for_site(self.site).blocked_domains, "pills.example")
        self.assertTrue(ModelLogEntry.objects.filter(action="comments.block_domain").exists())

    def test_feature_and_stop_featuring(self):
        self.act("feature")
        self.assertTrue(CommentModeration.objects.get(comment=self.comment).is_featured)
        self.assertContains(self.client.get("/admin/reader-comments/?status=featured"), "Buy cheap pills")
        page = self.client_class().get(self.article.url).content.decode()
        featured = page.index("Featured comments")
        self.assertLess(featured, page.index(f'id="c{self.question.pk}"'))  # first, before the conversations
        self.act("unfeature")
        self.assertFalse(CommentModeration.objects.get(comment=self.comment).is_featured)
        self.assertNotIn("Featured comments", self.client_class().get(self.article.url).content.decode())

    def test_a_reply_as_the_sites_team_is_published_with_the_badge(self):
        response = self.act("reply", on=self.question, comment="Our helpline is run by trained staff.")
        reply = XtdComment.objects.get(comment="Our helpline is run by trained staff.")
        self.assertRedirects(response, screen(reply), fetch_redirect_response=False)
        self.assertTrue(reply.moderation.is_staff_reply)
        self.assertEqual(reply.parent_id, self.question.pk)
        page = BeautifulSoup(self.client_class().get(self.article.url).content, "html.parser")
        self.assertIn("From the site's team", page.select_one(f"#c{reply.pk} .comment__meta").get_text())

    def test_an_empty_reply_comes_back_with_its_error_and_other_text_kept(self):
        response = self.act("reply", on=self.question, comment="")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "This field is required", status_code=400)

    def test_setting_the_writers_standing_from_the_screen(self):
        response = self.act("standing", standing="premoderate", note="Keeps posting links")
        self.assertRedirects(response, screen(self.comment), fetch_redirect_response=False)
        standing = CommenterStanding.objects.get()
        self.assertEqual(
            (standing.email, standing.standing, standing.note),
            ("rob@pills.example", "premoderate", "Keeps posting links"),
        )
        self.assertContains(self.client.get(screen(self.comment)), "Always pre-moderated")

    def test_actions_match_the_comments_state(self):
        published = self.client.get(screen(self.question)).content.decode()
        self.assertNotIn('value="approve"', published)
        self.assertIn('value="unpublish"', published)
        self.assertNotIn('value="resolve-reports"', published)  # no reports to deal with
        reported = self.client.get(screen(self.comment)).content.decode()
        self.assertIn('value="resolve-reports"', reported)
        services.mark_spam(comments=[self.comment], user=self.moderator)
        spam = self.client.get(screen(self.comment)).content.decode()
        self.assertIn('value="approve"', spam)
        self.assertNotIn('value="spam"', spam)
        self.assertNotIn('value="feature"', spam)

    def test_an_unknown_action_is_a_400(self):
        self.assertEqual(self.act("launch").status_code, 400)

    def test_the_moderators_mail_links_to_the_screen(self):
        with self.captureOnCommitCallbacks(execute=True):
            services.report_comment(
                comment=self.question,
                reason="abuse",
                note="",
                ip_address="192.0.2.50",
                comment_settings=CommentSettings(reports_to_hide=1),
            )
        from tests.news.comments.helpers import run_mail_worker

        run_mail_worker()
        bodies = [message.body for message in mail.outbox]
        self.assertTrue(any(f"/admin/reader-comments/comment/{self.question.pk}/" in body for body in bodies), bodies)


class CommentScreenQueryTests(TestCase):
    """The screen's queries do not grow with the conversation, the reports, the history or the writer's comments."""

    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=tree.news_index)
        cls.moderator = make_user("moderator", groups=["Comment moderators"])
        cls.small = cls.comment_with(others=1, email="small@example.org")
        cls.large = cls.comment_with(others=12, email="large@example.org")

    @classmethod
    def comment_with(cls, *, others, email):
        root = CommentFactory(page=cls.article, user_email=email)
        for _ in range(others):
            CommentFactory(page=cls.article, parent=root, user_email=email)
        comment = CommentFactory(page=cls.article, parent=root, user_email=email)
        CommentModeration.objects.create(comment=comment, decision=Decision.PUBLISHED, reason="published: x")
        for number in range(others):
            CommentReport.objects.create(comment=comment, reason="abuse", ip_address=f"192.0.2.{number + 1}")
        services.approve_comments(comments=[comment], user=cls.moderator, note="fine")
        services.set_featured(comments=[comment], user=cls.moderator, featured=True)
        return comment

    def queries_to_show(self, comment):
        self.client.get(screen(comment))  # caches (content types, site root paths) filled once
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(screen(comment))
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_a_long_conversation_costs_no_more_queries_than_a_short_one(self):
        self.client.force_login(self.moderator)
        self.assertEqual(self.queries_to_show(self.large), self.queries_to_show(self.small))
