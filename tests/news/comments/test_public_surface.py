"""The library's own public endpoints and templates are not reachable; pages cost a fixed number of queries."""

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from news.comments.factories import CommentFactory
from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree


class LibraryEndpointsTests(TestCase):
    def test_xtd_and_contrib_comment_urls_are_not_mounted(self):
        for name in (
            "comments-xtd-api-list",
            "comments-xtd-api-create",
            "comments-xtd-api-preview",
            "comments-xtd-confirm",
            "comments-xtd-mute",
            "comments-xtd-reply",
            "comments-xtd-sent",
            "comments-post-comment",
            "comments-flag",
        ):
            with self.subTest(name), self.assertRaises(NoReverseMatch):
                reverse(name, kwargs={})

    def test_library_paths_answer_404(self):
        build_site_tree()
        for path in ("/comments/post/", "/comments/api/preview/", "/comments/sent/", "/comments/confirm/x/"):
            with self.subTest(path):
                self.assertEqual(self.client.post(path, {"email": "a@example.org"}).status_code, 404)


@override_settings(PAGE_CACHE_SECONDS=0)  # the rendering's own queries, not the page cache's
class ArticleQueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)

    def queries_for_article(self):
        # Warm per-process caches (site root, content types, home.structure). The very first view makes the
        # site's settings rows, and with them a new structure generation: so twice.
        self.client.get(self.article.url)
        self.client.get(self.article.url)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(self.article.url).status_code, 200)
        return len(queries)

    def test_queries_do_not_grow_with_the_number_of_comments(self):
        CommentFactory(page=self.article)
        with_one_comment = self.queries_for_article()
        for _ in range(20):
            top = CommentFactory(page=self.article)
            reply = CommentFactory(page=self.article, parent=top)
            CommentFactory(page=self.article, parent=reply)
        self.assertEqual(self.queries_for_article(), with_one_comment)
        self.assertLessEqual(with_one_comment, 21)
