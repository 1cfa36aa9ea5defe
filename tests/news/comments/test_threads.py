"""Threads: replies nest inside their parent, the depth limit holds, forged replies are refused."""

from bs4 import BeautifulSoup
from django.test import TestCase
from django_comments_xtd.models import XtdComment

from news.comments.factories import CommentFactory
from news.comments.models import CommentSettings
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import comment_form_data, post_comment
from tests.utils import build_site_tree, open_comment_rules


class ThreadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        open_comment_rules(cls.tree.home.get_site())
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)
        cls.other_article = NewsArticlePageFactory(parent=cls.tree.news_index)
        cls.top = CommentFactory(page=cls.article, comment="Top")
        cls.reply = CommentFactory(page=cls.article, parent=cls.top, comment="Reply")
        cls.deepest = CommentFactory(page=cls.article, parent=cls.reply, comment="Deepest")
        cls.second = CommentFactory(page=cls.article, comment="Second conversation")

    def soup(self):
        return BeautifulSoup(self.client.get(self.article.url).content, "html.parser")

    def test_replies_are_nested_inside_their_parents_element(self):
        soup = self.soup()
        top = soup.find(id=f"c{self.top.pk}")
        self.assertIn("Top", top.find(class_="comment__body").get_text())
        self.assertIsNotNone(top.find(id=f"c{self.reply.pk}"))
        self.assertIsNotNone(top.find(id=f"c{self.reply.pk}").find(id=f"c{self.deepest.pk}"))
        self.assertIsNone(top.find(id=f"c{self.second.pk}"))
        self.assertEqual(soup.find(id=f"c{self.second.pk}").parent["class"], ["comment-list"])

    def test_every_comment_has_a_permalink_and_reply_control_except_at_the_maximum_depth(self):
        soup = self.soup()
        for comment in (self.top, self.reply, self.second):
            element = soup.find(id=f"c{comment.pk}")
            self.assertEqual(
                element.find(class_="comment__permalink")["href"], f"{self.article.url}comments/{comment.pk}/"
            )
            self.assertEqual(
                element.find(class_="comment__reply")["href"], f"{self.article.url}comments/reply/{comment.pk}/"
            )
        deepest = soup.find(id=f"c{self.deepest.pk}")
        self.assertIsNotNone(deepest.find(class_="comment__permalink"))
        self.assertIsNone(deepest.find(class_="comment__reply"))

    def test_reply_page_names_the_comment_and_posts_a_nested_reply(self):
        response = self.client.get(f"{self.article.url}comments/reply/{self.top.pk}/")
        self.assertContains(response, f"Reply to {self.top.user_name}")
        self.assertContains(response, f'name="reply_to" value="{self.top.pk}"')
        self.assertContains(response, '<meta name="robots" content="noindex">', html=True)
        response = post_comment(self.client, self.article, reply_to=self.top.pk, comment="A second reply")
        reply = XtdComment.objects.get(comment="A second reply")
        self.assertEqual((reply.parent_id, reply.thread_id, reply.level), (self.top.pk, self.top.pk, 1))
        self.assertIn(f"#c{reply.pk}", response["Location"])
        top = self.soup().find(id=f"c{self.top.pk}")
        self.assertIsNotNone(top.find(id=f"c{reply.pk}"))

    def test_depth_follows_the_site_setting(self):
        settings = CommentSettings.for_site(self.tree.home.get_site())
        settings.max_thread_depth = 2
        settings.save()
        reply = self.soup().find(id=f"c{self.reply.pk}")
        self.assertIsNone(reply.find(class_="comment__reply"))
        response = post_comment(self.client, self.article, reply_to=self.reply.pk, comment="Too deep now")
        self.assertContains(response, "cannot go any deeper", status_code=400)

    def test_forged_replies_are_refused_with_a_clear_message(self):
        on_other_page = CommentFactory(page=self.other_article)
        hidden = CommentFactory(page=self.article, is_public=False)
        cases = {
            "deeper than allowed": (self.deepest.pk, "cannot go any deeper"),
            "comment on another page": (on_other_page.pk, "not on this page"),
            "no such comment": (987654, "not on this page"),
            "unpublished comment": (hidden.pk, "can no longer be replied to"),
            "negative": (-4, "not on this page"),
            "out of range": (2**40, "not on this page"),
        }
        for label, (reply_to, message) in cases.items():
            with self.subTest(label):
                response = post_comment(self.client, self.article, reply_to=reply_to, comment=f"Forged {label}")
                self.assertContains(response, message, status_code=400)
                self.assertContains(response, f"Forged {label}", status_code=400)
        for bad in ("abc", "1.5", ""):
            with self.subTest(reply_to=bad):
                data = comment_form_data(self.article, reply_to=bad, comment="Forged value")
                response = self.client.post(self.article.url + "comments/", data)
                self.assertEqual(response.status_code, 400)
        self.assertFalse(XtdComment.objects.filter(comment__startswith="Forged").exists())

    def test_reply_page_for_a_comment_elsewhere_or_too_deep(self):
        other = CommentFactory(page=self.other_article)
        self.assertEqual(self.client.get(f"{self.article.url}comments/reply/{other.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"{self.article.url}comments/reply/999999/").status_code, 404)
        response = self.client.get(f"{self.article.url}comments/reply/{self.deepest.pk}/")
        self.assertContains(response, "cannot go any deeper", status_code=400)

    def test_a_hidden_comment_with_visible_replies_keeps_the_thread_shape(self):
        XtdComment.objects.filter(pk=self.reply.pk).update(is_public=False)
        soup = self.soup()
        placeholder = soup.find(id=f"c{self.reply.pk}")
        self.assertIn("This comment is not shown.", placeholder.get_text())
        self.assertNotIn(self.reply.user_name, placeholder.find(class_="comment__body").get_text())
        self.assertIsNotNone(placeholder.find(id=f"c{self.deepest.pk}"))
