"""A commenter may edit or delete their own comment from the same browser for a while, without an account."""

import datetime

from django.test import Client, TestCase
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from news.comments.factories import CommentFactory
from news.comments.models import CommentModeration
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import post_comment
from tests.utils import build_site_tree, set_comment_rules


class SelfEditingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.site = cls.tree.home.get_site()
        set_comment_rules(cls.site, premoderate_anonymous=False)
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)

    def setUp(self):
        post_comment(self.client, self.article, comment="Original words")
        self.comment = XtdComment.objects.get(comment="Original words")
        self.edit_url = f"{self.article.url}comments/{self.comment.pk}/edit/"
        self.delete_url = f"{self.article.url}comments/{self.comment.pk}/delete/"

    def test_the_author_sees_edit_and_delete_controls_others_do_not(self):
        self.assertContains(self.client.get(self.article.url), self.edit_url)
        self.assertNotContains(Client().get(self.article.url), self.edit_url)

    def test_edit_inside_the_window_shows_edited(self):
        self.assertContains(self.client.get(self.edit_url), "Original words")
        response = self.client.post(self.edit_url, {"comment": "Better words"})
        self.assertRedirects(response, f"{self.article.url}#c{self.comment.pk}", fetch_redirect_response=False)
        page = Client().get(self.article.url)
        self.assertContains(page, "Better words")
        self.assertContains(page, '<span class="comment__edited">edited</span>', html=True)
        self.assertIsNotNone(CommentModeration.objects.get(comment=self.comment).edited_at)

    def test_an_edit_that_the_rules_hold_hides_the_comment(self):
        self.client.post(self.edit_url, {"comment": "Now see https://a.example and https://b.example"})
        self.comment.refresh_from_db()
        self.assertFalse(self.comment.is_public)
        self.assertEqual(CommentModeration.objects.get(comment=self.comment).reason, "edited; held: 2 links")
        self.assertNotContains(Client().get(self.article.url), "b.example")
        self.assertContains(self.client.get(self.article.url), "Awaiting moderation")

    def test_a_banned_edit_is_refused_and_the_original_kept(self):
        set_comment_rules(self.site, banned_words="forbidden")
        response = self.client.post(self.edit_url, {"comment": "forbidden text"})
        self.assertContains(response, "Please rephrase it", status_code=400)
        self.comment.refresh_from_db()
        self.assertEqual(self.comment.comment, "Original words")

    def test_outside_the_window_nothing_can_be_changed(self):
        XtdComment.objects.filter(pk=self.comment.pk).update(
            submit_date=timezone.now() - datetime.timedelta(minutes=16)
        )
        self.assertEqual(self.client.get(self.edit_url).status_code, 404)
        self.assertEqual(self.client.post(self.edit_url, {"comment": "Late"}).status_code, 404)
        self.assertEqual(self.client.post(self.delete_url).status_code, 404)
        self.assertNotContains(self.client.get(self.article.url), self.edit_url)

    def test_another_browser_cannot_edit_or_delete(self):
        other = Client()
        self.assertEqual(other.get(self.edit_url).status_code, 404)
        self.assertEqual(other.post(self.edit_url, {"comment": "Hijacked"}).status_code, 404)
        self.assertEqual(other.post(self.delete_url).status_code, 404)
        genuine = self.client.cookies["comment_authorship"].value
        other.cookies["comment_authorship"] = genuine[:-1] + ("A" if genuine[-1] != "A" else "B")  # bad signature
        self.assertEqual(other.post(self.edit_url, {"comment": "Forged cookie"}).status_code, 404)
        self.comment.refresh_from_db()
        self.assertEqual(self.comment.comment, "Original words")

    def test_another_comment_id_with_this_browsers_cookie_is_refused(self):
        someone_else = CommentFactory(page=self.article)
        url = f"{self.article.url}comments/{someone_else.pk}/edit/"
        self.assertEqual(self.client.post(url, {"comment": "Not mine"}).status_code, 404)

    def test_delete_asks_first_then_keeps_the_thread_shape(self):
        reply = CommentFactory(page=self.article, parent=self.comment, comment="A reply stays")
        self.assertContains(self.client.get(self.delete_url), "Delete your comment?")
        self.comment.refresh_from_db()
        self.assertFalse(self.comment.is_removed)
        self.client.post(self.delete_url)
        self.comment.refresh_from_db()
        self.assertTrue(self.comment.is_removed)
        self.assertEqual(self.comment.comment, "")
        page = Client().get(self.article.url)
        self.assertContains(page, "This comment is not shown.")
        self.assertContains(page, "A reply stays")
        self.assertContains(page, f'id="c{reply.pk}"')

    def test_get_on_edit_and_delete_changes_nothing(self):
        self.client.get(self.edit_url + "?comment=Changed")
        self.client.get(self.delete_url)
        self.comment.refresh_from_db()
        self.assertEqual((self.comment.comment, self.comment.is_removed), ("Original words", False))
