"""The moderation rules, with their defaults: each decision is taken and recorded with its reason."""

import re

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client, TestCase
from django_comments_xtd.models import XtdComment

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

    def come_back_approved(self):
        """This browser posted a comment that a moderator then approved: the proof of a returning commenter."""
        post_comment(self.client, self.article, email="returning@example.org", comment="My first visit")
        XtdComment.objects.filter(comment="My first visit").update(is_public=True)

    def test_a_returning_commenter_is_published_at_once(self):
        self.come_back_approved()
        post_comment(self.client, self.article, email="returning@example.org", comment="Back again")
        self.assertEqual(self.stored("Back again"), (True, "published: returning commenter"))

    def test_returning_rule_can_be_switched_off(self):
        set_comment_rules(self.site, approve_returning_commenters=False)
        self.come_back_approved()
        post_comment(self.client, self.article, email="returning@example.org", comment="Back again")
        self.assertEqual(self.stored("Back again")[0], False)

    def test_a_comment_with_two_links_is_held_even_from_a_returning_commenter(self):
        self.come_back_approved()
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
        set_comment_rules(self.site, blocked_domains="spam.example\n")
        for email in ("bot@spam.example", "bot@mail.spam.example"):
            with self.subTest(email):
                response = post_comment(self.client, self.article, email=email)
                self.assertContains(response, "We cannot accept comments from this e-mail address", status_code=400)
        post_comment(self.client, self.article, email="person@notspam.example", comment="Fine")
        self.assertEqual(XtdComment.objects.count(), 1)

    def test_a_form_sent_within_three_seconds_is_held_not_refused(self):
        set_comment_rules(self.site, premoderate_anonymous=False)
        post_comment(self.client, self.article, comment="Too quick", age=1)
        is_public, reason = self.stored("Too quick")
        self.assertFalse(is_public)
        # the form is a second old; a busy machine may take another second before the post is read
        self.assertRegex(reason, r"^held: sent [12] s after the form was shown$")

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

    def test_the_same_text_from_the_same_address_on_another_page_is_a_new_comment(self):
        set_comment_rules(self.site, premoderate_anonymous=False)
        other_article = NewsArticlePageFactory(parent=self.tree.news_index)
        post_comment(self.client, self.article, comment="Said on two pages")
        response = post_comment(self.client, other_article, comment="Said on two pages")
        stored = XtdComment.objects.filter(comment="Said on two pages")
        self.assertEqual(
            sorted(stored.values_list("object_pk", flat=True)), sorted([str(self.article.pk), str(other_article.pk)])
        )
        self.assertTrue(response["Location"].startswith(other_article.url))
        self.assertContains(self.client_class().get(other_article.url), "Said on two pages")

    def test_a_reply_to_a_removed_comment_is_refused(self):
        set_comment_rules(self.site, premoderate_anonymous=False)
        removed = CommentFactory(page=self.article, comment="Removed by a moderator", is_public=True, is_removed=True)
        response = post_comment(self.client, self.article, reply_to=removed.pk, comment="Answering the removed one")
        self.assertContains(response, "That comment can no longer be replied to.", status_code=400)
        self.assertContains(response, "Answering the removed one", status_code=400)  # the text is kept
        self.assertFalse(XtdComment.objects.filter(comment="Answering the removed one").exists())
        self.assertEqual(self.client.get(f"{self.article.url}comments/reply/{removed.pk}/").status_code, 404)


class ReturningCommenterProofTests(TestCase):
    """A commenter is "returning" only with proof: this browser's signed author cookie of one of its comments
    that is approved, or an address proven through the e-mailed confirmation link. A typed address is no proof,
    and the answer to a post never tells whether an address has commented here before."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.site = cls.tree.home.get_site()
        set_comment_rules(cls.site, rate_limit_count=100)
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)
        cls.known = CommentFactory(page=cls.article, user_email="known@example.org", comment="Approved long ago")

    def stored(self, text):
        comment = XtdComment.objects.get(comment=text)
        return comment.is_public, CommentModeration.objects.get(comment=comment).reason

    def answer(self, *, email, comment):
        """What a fresh browser is told after posting: status, redirect shape, messages and cookies set."""
        response = post_comment(Client(), self.article, email=email, comment=comment)
        shape = re.sub(r"(cpage=|#c)\d+", r"\1N", response.get("Location", ""))
        told = [(message.level_tag, message.message) for message in get_messages(response.wsgi_request)]
        return response.status_code, shape, told, sorted(response.cookies)

    def test_a_typed_address_that_has_an_approved_comment_is_no_proof(self):
        post_comment(Client(), self.article, email="KNOWN@example.org", comment="Claiming to be someone")
        self.assertEqual(self.stored("Claiming to be someone"), (False, "held: pre-moderation of a new commenter"))
        self.assertNotContains(Client().get(self.article.url), "Claiming to be someone")

    def test_the_answer_reads_the_same_whether_or_not_the_address_ever_commented(self):
        known = self.answer(email="known@example.org", comment="Posted with a known address")
        unknown = self.answer(email="never.seen@example.org", comment="Posted with a new address")
        self.assertEqual(known, unknown)
        status, shape, told, _cookies = known
        self.assertEqual((status, shape), (302, f"{self.article.url}?cpage=N#cN"))
        self.assertEqual(
            told, [("info", "Your comment is awaiting moderation. It will appear once a moderator approves it.")]
        )

    def test_a_duplicate_of_someone_elses_comment_reads_like_a_new_post(self):
        """The duplicate check (same text, address and page) answers only for this browser's own comments: copying
        a published comment's text with a guessed address must not tell whether the guess was right."""
        writer = Client()
        post_comment(writer, self.article, email="writer@example.org", comment="Words everyone can read")
        XtdComment.objects.filter(comment="Words everyone can read").update(is_public=True)
        guessed = self.answer(email="writer@example.org", comment="Words everyone can read")
        wrong_guess = self.answer(email="someone.else@example.org", comment="Words everyone can read")
        self.assertEqual(guessed, wrong_guess)
        self.assertEqual(guessed[2][0][0], "info")
        self.assertEqual(XtdComment.objects.filter(comment="Words everyone can read", is_public=False).count(), 2)

    def test_only_an_approved_comment_of_this_browser_is_proof(self):
        browser = Client()
        post_comment(browser, self.article, email="ria@example.org", comment="Held first")
        post_comment(browser, self.article, email="ria@example.org", comment="Still held")
        self.assertEqual(self.stored("Still held")[0], False, "a held comment of this browser is no proof")
        first = XtdComment.objects.get(comment="Held first")
        XtdComment.objects.filter(pk=first.pk).update(is_public=True, is_removed=True)
        post_comment(browser, self.article, email="ria@example.org", comment="After a removal")
        self.assertEqual(self.stored("After a removal")[0], False, "a removed comment is no proof")
        XtdComment.objects.filter(pk=first.pk).update(is_removed=False)
        post_comment(browser, self.article, email="ria@example.org", comment="Approved now")
        self.assertEqual(self.stored("Approved now"), (True, "published: returning commenter"))
        post_comment(Client(), self.article, email="ria@example.org", comment="Same address, other browser")
        self.assertEqual(self.stored("Same address, other browser")[0], False)

    def test_an_address_proven_by_the_confirmation_link_may_use_its_approved_comments(self):
        set_comment_rules(self.site, confirm_anonymous_by_email=True)
        known = self.answer(email="known@example.org", comment="Known, to confirm")
        unknown = self.answer(email="new.reader@example.org", comment="New, to confirm")
        self.assertEqual(known, unknown)
        self.assertIn("Please confirm your comment", known[2][0][1])
        for text in ("Known, to confirm", "New, to confirm"):
            token = CommentModeration.objects.get(comment__comment=text).confirmation_token
            self.assertEqual(Client().post(f"/comments/confirm/{token}/").status_code, 302)
        self.assertEqual(self.stored("Known, to confirm"), (True, "published: returning commenter"))
        self.assertEqual(self.stored("New, to confirm"), (False, "held: pre-moderation of a new commenter"))

    def test_a_returning_commenters_edit_stays_published(self):
        browser = Client()
        post_comment(browser, self.article, email="ria@example.org", comment="Approved by a moderator")
        XtdComment.objects.filter(comment="Approved by a moderator").update(is_public=True)
        post_comment(browser, self.article, email="ria@example.org", comment="Published as returning")
        comment = XtdComment.objects.get(comment="Published as returning")
        self.assertTrue(comment.is_public)
        browser.post(f"{self.article.url}comments/{comment.pk}/edit/", {"comment": "Published, then edited"})
        self.assertEqual(self.stored("Published, then edited"), (True, "edited; published: returning commenter"))

    def test_the_setting_says_what_proof_counts(self):
        help_text = CommentSettings._meta.get_field("approve_returning_commenters").help_text
        self.assertIn("same browser", help_text)
        self.assertIn("confirm", help_text)
        self.assertIn("typed", help_text)
