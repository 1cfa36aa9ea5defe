"""The RSS 2.0 feed of the latest articles."""

from defusedxml import ElementTree as ET
from django.test import TestCase

from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree


class LatestArticlesFeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        for n in range(22):
            NewsArticlePageFactory(parent=cls.tree.news_index, title=f"Live {n:02d}")
        NewsArticlePageFactory(parent=cls.tree.news_index, title="Draft article", live=False)

    def test_feed_is_valid_rss_with_the_latest_twenty_live_articles(self):
        response = self.client.get("/news/feed/")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/rss+xml"))
        root = ET.fromstring(response.content)
        self.assertEqual(root.tag, "rss")
        self.assertEqual(root.attrib["version"], "2.0")
        items = root.findall("./channel/item")
        self.assertEqual(len(items), 20)
        titles = [item.findtext("title") for item in items]
        self.assertEqual(titles[0], "Live 21")
        self.assertNotIn("Draft article", titles)
        self.assertNotIn("Live 00", titles)
        self.assertEqual(items[0].findtext("link"), "http://localhost/news/live-21/")
        self.assertIsNotNone(items[0].findtext("pubDate"))
