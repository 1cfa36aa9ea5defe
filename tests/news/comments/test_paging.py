"""Long discussions are paged by conversation; a permalink finds the page that holds its comment."""

from django.test import TestCase

from news.comments.factories import CommentFactory
from news.comments.models import CommentSettings
from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree


class CommentPagingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        settings = CommentSettings.for_site(cls.tree.home.get_site())
        settings.comments_per_page = 5
        settings.save()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)
        cls.threads = [CommentFactory(page=cls.article, comment=f"Conversation {n:02d}") for n in range(12)]
        cls.late_reply = CommentFactory(page=cls.article, parent=cls.threads[1], comment="A late reply")

    def test_first_page_holds_the_first_five_conversations_with_their_replies(self):
        response = self.client.get(self.article.url)
        for n in range(5):
            self.assertContains(response, f"Conversation {n:02d}")
        self.assertContains(response, "A late reply")
        self.assertNotContains(response, "Conversation 05")
        self.assertContains(response, 'href="?cpage=2#comments"')
        self.assertContains(response, "Comments page 1 of 3")
        self.assertContains(response, "13 comments")

    def test_last_page_and_previous_link(self):
        response = self.client.get(self.article.url + "?cpage=3")
        self.assertContains(response, "Conversation 11")
        self.assertNotContains(response, "Conversation 09")
        self.assertContains(response, 'href="?cpage=2#comments"')

    def test_permalink_leads_to_the_page_holding_the_comment(self):
        expected_pages = [(self.threads[0], 1), (self.threads[7], 2), (self.late_reply, 1), (self.threads[11], 3)]
        for comment, number in expected_pages:
            with self.subTest(comment=comment.comment):
                response = self.client.get(f"{self.article.url}comments/{comment.pk}/")
                self.assertRedirects(
                    response, f"{self.article.url}?cpage={number}#c{comment.pk}", fetch_redirect_response=False
                )
                self.assertContains(self.client.get(response["Location"]), f'id="c{comment.pk}"')

    def test_bad_comment_page_values(self):
        cases = {"abc": 200, "0": 404, "-1": 404, "4": 404, "99999999999999999999": 404, "%00": 200}
        for query, status in cases.items():
            with self.subTest(cpage=query):
                self.assertEqual(self.client.get(f"{self.article.url}?cpage={query}").status_code, status)
        self.assertEqual(self.client.get(f"{self.article.url}comments/123456789/").status_code, 404)

    def test_the_page_of_a_comment_counts_shown_conversations_only(self):
        """Removed conversations that still hold replies take their place; held ones (shown to no one) don't."""
        for n in range(3):
            removed = CommentFactory(page=self.article, comment=f"Removed {n}", is_removed=True)
            CommentFactory(page=self.article, parent=removed, comment=f"Reply kept {n}")
        for n in range(5):
            CommentFactory(page=self.article, comment=f"Held {n}", is_public=False)
        newest = CommentFactory(page=self.article, comment="The newest conversation")
        response = self.client.get(f"{self.article.url}comments/{newest.pk}/")
        # 12 published and 3 placeholder conversations come before it: page 4 of 5 a page.
        self.assertRedirects(response, f"{self.article.url}?cpage=4#c{newest.pk}", fetch_redirect_response=False)
        self.assertContains(self.client.get(response["Location"]), "The newest conversation")
