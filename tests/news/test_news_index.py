"""The news index: newest first, ten a page, filtered by tag, and calm about bad query values."""

import datetime

from django.test import TestCase, override_settings

from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree


class NewsIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        start = datetime.date(2026, 1, 1)
        cls.articles = [
            NewsArticlePageFactory(
                parent=cls.tree.news_index, title=f"Story {n:02d}", date=start + datetime.timedelta(days=n)
            )
            for n in range(12)
        ]
        for article in cls.articles[:3]:
            article.tags.add("policing")
            article.save()
        draft = NewsArticlePageFactory(parent=cls.tree.news_index, title="Unpublished draft", live=False)
        draft.tags.add("policing")
        draft.save()

    def titles(self, response):
        return [article.title for article in response.context["articles"]]

    def test_first_page_lists_ten_newest_first(self):
        response = self.client.get("/news/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.titles(response), [f"Story {n:02d}" for n in range(11, 1, -1)])
        self.assertContains(response, 'rel="next"')

    def test_second_page_has_the_rest(self):
        response = self.client.get("/news/?page=2")
        self.assertEqual(self.titles(response), ["Story 01", "Story 00"])
        self.assertContains(response, 'rel="prev"')

    def test_drafts_are_never_listed(self):
        self.assertNotContains(self.client.get("/news/"), "Unpublished draft")
        self.assertNotContains(self.client.get("/news/?tag=policing"), "Unpublished draft")

    def test_tag_filter(self):
        response = self.client.get("/news/?tag=policing")
        self.assertEqual(self.titles(response), ["Story 02", "Story 01", "Story 00"])
        self.assertContains(response, "<h1>News: policing</h1>", html=True)

    def test_paging_keeps_the_tag(self):
        for n in range(3, 12):
            self.articles[n].tags.add("policing")
            self.articles[n].save_revision().publish()
        response = self.client.get("/news/?tag=policing")
        self.assertContains(response, 'href="?tag=policing&amp;page=2"')

    def test_bad_query_values_never_cause_a_server_error(self):
        cases = {
            "?page=abc": 200,
            "?page=-1": 404,
            "?page=0": 404,
            "?page=99999": 404,
            "?page=1e9": 200,
            "?page=%00": 200,
            "?tag=no-such-tag": 404,
            "?tag=%00": 404,
            "?tag=" + "x" * 5000: 404,
            "?tag=": 200,
            "?page=2&page=abc": 200,
        }
        for query, status in cases.items():
            with self.subTest(query=query[:40]):
                self.assertEqual(self.client.get("/news/" + query).status_code, status)

    def test_feed_is_linked_from_the_page_head(self):
        self.assertContains(
            self.client.get("/news/"),
            '<link rel="alternate" type="application/rss+xml" title="Latest news" href="/news/feed/">',
            html=True,
        )

    @override_settings(PAGE_CACHE_SECONDS=0)  # the listing's own queries, not the page cache's
    def test_listing_query_count_does_not_grow_with_articles(self):
        self.client.get("/news/")  # warm per-process caches
        with self.assertNumQueries(9):
            self.client.get("/news/")
        for n in range(10):
            NewsArticlePageFactory(parent=self.tree.news_index, title=f"More {n}").tags.add("extra")
        self.client.get("/news/")  # the new pages moved the structure on: warm again
        with self.assertNumQueries(9):
            self.client.get("/news/")
