"""A commenter's standing, set by a moderator, decides what happens to everything they post next."""

from django.contrib.auth import get_user_model
from django.test import Client, TestCase
from django_comments_xtd.models import XtdComment

from news.comments import services
from news.comments.models import CommenterStanding, CommentModeration
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import post_comment
from tests.utils import build_site_tree, set_comment_rules

Standing = CommenterStanding.Standing
LINKS = "See https://example.org/a and https://example.org/b"


class StandingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.site = cls.tree.home.get_site()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)
        cls.moderator = get_user_model().objects.create_superuser("mod", "mod@staff.example", "pw")

    def stored(self, text):
        comment = XtdComment.objects.get(comment=text)
        record = CommentModeration.objects.get(comment=comment)
        return comment.is_public, record.reason, record.held_by

    def approved_first_comment(self, client, email):
        """This browser's first comment, approved by a moderator: its proof that the address is its own."""
        post_comment(client, self.article, email=email, comment="My first visit")
        first = XtdComment.objects.get(comment="My first visit")
        services.approve_comments(comments=[first], user=self.moderator)
        return first

    def test_a_trusted_commenter_who_proves_the_address_is_published_past_the_spam_rules(self):
        self.approved_first_comment(self.client, "trusted@example.org")
        services.set_standing(email="Trusted@Example.org", standing=Standing.TRUSTED, user=self.moderator)
        post_comment(self.client, self.article, email="trusted@example.org", comment=LINKS, age=1)
        self.assertEqual(self.stored(LINKS), (True, "published: trusted commenter", ""))

    def test_trust_is_not_granted_by_typing_a_trusted_address(self):
        services.set_standing(email="trusted@example.org", standing=Standing.TRUSTED, user=self.moderator)
        post_comment(Client(), self.article, email="trusted@example.org", comment="Pretending")
        self.assertEqual(self.stored("Pretending"), (False, "held: pre-moderation of a new commenter", "new_commenter"))

    def test_an_always_premoderated_commenter_is_held_even_when_returning(self):
        self.approved_first_comment(self.client, "watched@example.org")
        services.set_standing(email="watched@example.org", standing=Standing.PREMODERATE, user=self.moderator)
        post_comment(self.client, self.article, email="watched@example.org", comment="Again")
        self.assertEqual(self.stored("Again"), (False, "held: this commenter is always pre-moderated", "standing"))

    def test_a_blocked_commenter_is_refused_politely_and_keeps_the_text(self):
        services.set_standing(email="blocked@example.org", standing=Standing.BLOCKED, user=self.moderator)
        response = post_comment(self.client, self.article, email="BLOCKED@example.org", comment="Let me in")
        self.assertContains(response, "We cannot publish comments from you on this site.", status_code=400)
        self.assertContains(response, "Let me in", status_code=400)
        self.assertFalse(XtdComment.objects.filter(comment="Let me in").exists())

    def test_a_block_follows_the_browser_to_a_new_address(self):
        set_comment_rules(self.site, premoderate_anonymous=False)
        post_comment(self.client, self.article, email="first@example.org", comment="Before the block")
        services.set_standing(email="first@example.org", standing=Standing.BLOCKED, user=self.moderator)
        response = post_comment(self.client, self.article, email="second@example.org", comment="New address")
        self.assertContains(response, "We cannot publish comments from you on this site.", status_code=400)
        post_comment(Client(), self.article, email="second@example.org", comment="Someone else")
        self.assertTrue(XtdComment.objects.filter(comment="Someone else").exists())

    def test_a_blocked_commenter_cannot_edit_either(self):
        set_comment_rules(self.site, premoderate_anonymous=False)
        post_comment(self.client, self.article, email="edits@example.org", comment="Original")
        comment = XtdComment.objects.get(comment="Original")
        services.set_standing(email="edits@example.org", standing=Standing.BLOCKED, user=self.moderator)
        response = self.client.post(
            self.article.url + self.article.reverse_subpage("edit_comment", args=[comment.pk]), {"comment": "Changed"}
        )
        self.assertContains(response, "We cannot publish comments from you", status_code=400)
        comment.refresh_from_db()
        self.assertEqual(comment.comment, "Original")

    def test_a_block_can_remove_everything_they_wrote(self):
        set_comment_rules(self.site, premoderate_anonymous=False)
        for text in ("One", "Two"):
            post_comment(self.client, self.article, email="ban@example.org", comment=text)
        post_comment(Client(), self.article, email="other@example.org", comment="Three")
        removed = services.set_standing(
            email="ban@example.org", standing=Standing.BLOCKED, user=self.moderator, remove_existing=True
        )
        self.assertEqual(removed, 2)
        self.assertEqual(
            set(XtdComment.objects.filter(is_removed=True).values_list("comment", flat=True)), {"One", "Two"}
        )
        page = self.client_class().get(self.article.url).content.decode()
        self.assertNotIn("One", page.split('id="comments"')[-1])
        self.assertIn("Three", page)
        self.assertEqual(
            set(CommentModeration.objects.filter(decision="removed").values_list("reason", flat=True)),
            {"removed by mod: the commenter is blocked"},
        )

    def test_clearing_a_standing_returns_the_commenter_to_the_rules(self):
        services.set_standing(email="back@example.org", standing=Standing.BLOCKED, user=self.moderator)
        services.set_standing(email="back@example.org", standing="", user=self.moderator)
        self.assertFalse(CommenterStanding.objects.exists())
        post_comment(self.client, self.article, email="back@example.org", comment="Allowed again")
        self.assertTrue(XtdComment.objects.filter(comment="Allowed again").exists())
