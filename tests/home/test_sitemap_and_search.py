"""sitemap.xml lists live public pages only; site search finds pages by their body text."""

from defusedxml import ElementTree as ET
from django.test import TestCase
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from home.factories import StandardPageFactory
from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.live = NewsArticlePageFactory(parent=cls.tree.news_index, slug="live-story")
        cls.draft = NewsArticlePageFactory(parent=cls.tree.news_index, slug="draft-story", live=False)
        cls.private = StandardPageFactory(parent=cls.tree.home, slug="members-only")
        PageViewRestriction.objects.create(page=cls.private, restriction_type="password", password="secret")

    def test_lists_live_public_pages_only(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        locations = [loc.text for loc in ET.fromstring(response.content).findall(".//sm:loc", SITEMAP_NS)]
        self.assertIn("http://localhost/news/live-story/", locations)
        self.assertIn("http://localhost/", locations)
        self.assertNotIn("http://localhost/news/draft-story/", locations)
        self.assertNotIn("http://localhost/members-only/", locations)


class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        NewsArticlePageFactory(
            parent=cls.tree.news_index,
            title="Helpline figures",
            body=[("paragraph", RichText("<p>Calls to the confidential helpline rose sharply.</p>"))],
        )
        NewsArticlePageFactory(
            parent=cls.tree.news_index,
            title="Hidden draft",
            live=False,
            body=[("paragraph", RichText("<p>The helpline draft must not be found.</p>"))],
        )

    def test_finds_an_article_by_a_word_of_its_body(self):
        response = self.client.get("/search/", {"query": "helpline"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Helpline figures")
        self.assertNotContains(response, "Hidden draft")

    def test_empty_and_hostile_queries(self):
        for query in ("", "   ", "\x00", "<script>alert(1)</script>", "x" * 10_000, "'; DROP TABLE x; --"):
            with self.subTest(query=query[:20]):
                response = self.client.get("/search/", {"query": query})
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertEqual(self.client.get("/search/", {"query": "helpline", "page": "9"}).status_code, 404)
