"""The moderation rules, with their defaults: each decision is taken and recorded with its reason."""

from django.contrib.auth import get_user_model
from django.test import TestCase
from django_comments_xtd.models import BlackListedDomain, XtdComment

from news.comments.factories import CommentFactory
from news.comments.models import CommentModeration, CommentSettings
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import post_comment
from tests.utils import build_site_tree, set_comment_rules


class DefaultRulesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.site = cls.tree.home.get_site()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)

    def stored(self, text):
        comment = XtdComment.objects.get(comment=text)
        return comment.is_public, CommentModeration.objects.get(comment=comment).reason

    def test_defaults(self):
        rules = CommentSettings.for_site(self.site)
        self.assertTrue(rules.premoderate_anonymous)
        self.assertTrue(rules.approve_returning_commenters)
        self.assertEqual(
            (rules.hold_link_count, rules.min_seconds_to_write, rules.rate_limit_count, rules.rate_limit_minutes),
            (2, 3, 5, 10),
        )
        self.assertEqual((rules.reports_to_hide, rules.edit_window_minutes, rules.ip_retention_days), (3, 15, 30))
        self.assertFalse(rules.confirm_anonymous_by_email)

    def test_a_new_anonymous_commenter_is_held_and_sees_it_awaiting_moderation(self):
        response = post_comment(self.client, self.article, comment="My first words here")
        self.assertEqual(self.stored("My first words here"), (False, "held: pre-moderation of a new commenter"))
        own_view = self.client.get(response["Location"])
        self.assertContains(own_view, "Awaiting moderation: only you can see this")
        self.assertContains(own_view, "My first words here")
        self.assertNotContains(self.client_class().get(self.article.url), "My first words here")

    def test_a_returning_commenter_is_published_at_once(self):
        CommentFactory(page=self.article, user_email="Returning@Example.org")
        post_comment(self.client, self.article, email="returning@example.org", comment="Back again")
        self.assertEqual(self.stored("Back again"), (True, "published: returning commenter"))

    def test_returning_rule_can_be_switched_off(self):
        set_comment_rules(self.site, approve_returning_commenters=False)
        CommentFactory(page=self.article, user_email="returning@example.org")
        post_comment(self.client, self.article, email="returning@example.org", comment="Back again")
        self.assertEqual(self.stored("Back again")[0], False)

    def test_a_comment_with_two_links_is_held_even_from_a_returning_commenter(self):
        CommentFactory(page=self.article, user_email="returning@example.org")
        text = "See https://example.org/a and www.example.net"
        post_comment(self.client, self.article, email="returning@example.org", comment=text)
        self.assertEqual(self.stored(text), (False, "held: 2 links"))
        post_comment(self.client, self.article, email="returning@example.org", comment="One https://example.org/b")
        self.assertEqual(self.stored("One https://example.org/b")[0], True)

    def test_hold_words(self):
        set_comment_rules(self.site, premoderate_anonymous=False, hold_words="Casino\nquick money")
        post_comment(self.client, self.article, comment="Try the CASINO tonight")
        self.assertEqual(self.stored("Try the CASINO tonight"), (False, "held: contains “casino”"))
        post_comment(self.client, self.article, comment="Occasional thoughts")  # not a whole word
        self.assertEqual(self.stored("Occasional thoughts")[0], True)

    def test_banned_words_are_refused_politely_and_the_text_kept(self):
        set_comment_rules(self.site, banned_words="slur\n")
        response = post_comment(self.client, self.article, comment="You are a SLUR indeed")
        self.assertContains(response, "Please rephrase it and send it again.", status_code=400)
        self.assertContains(response, "You are a SLUR indeed", status_code=400)
        self.assertFalse(XtdComment.objects.exists())

    def test_blocked_email_domains_are_refused(self):
        BlackListedDomain.objects.create(domain="spam.example")
        for email in ("bot@spam.example", "bot@mail.spam.example"):
            with self.subTest(email):
                response = post_comment(self.client, self.article, email=email)
                self.assertContains(response, "We cannot accept comments from this e-mail address", status_code=400)
        post_comment(self.client, self.article, email="person@notspam.example", comment="Fine")
        self.assertEqual(XtdComment.objects.count(), 1)

    def test_a_form_sent_within_three_seconds_is_held_not_refused(self):
        set_comment_rules(self.site, premoderate_anonymous=False)
        post_comment(self.client, self.article, comment="Too quick", age=1)
        self.assertEqual(self.stored("Too quick"), (False, "held: sent 1 s after the form was shown"))

    def test_logged_in_users_are_not_premoderated(self):
        user = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
        self.client.force_login(user)
        post_comment(self.client, self.article, comment="From an account")
        comment = XtdComment.objects.get()
        self.assertEqual((comment.is_public, comment.user_id), (True, user.pk))

    def test_the_same_text_from_the_same_address_on_the_same_page_is_stored_once(self):
        set_comment_rules(self.site, premoderate_anonymous=False)
        first = post_comment(self.client, self.article, comment="Said twice")
        second = post_comment(self.client, self.article, comment="Said twice")
        post_comment(self.client, self.article, comment="Said twice", email="Ann@Example.ORG")  # the same address
        self.assertEqual(XtdComment.objects.filter(comment="Said twice").count(), 1)
        self.assertEqual(first["Location"], second["Location"])
        post_comment(self.client, self.article, comment="Said twice", email="other@example.org")
        self.assertEqual(XtdComment.objects.filter(comment="Said twice").count(), 2)
