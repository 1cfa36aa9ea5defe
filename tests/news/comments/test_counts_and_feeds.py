"""Published-comment counts in the article header and listings; the comment feeds."""

from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET
from django.test import TestCase

from home.models import HomeFeaturedCampaign
from news.comments.factories import CommentFactory
from news.comments.models import CommentsMode
from news.factories import CampaignPageFactory, NewsArticlePageFactory
from tests.utils import build_site_tree


class CommentCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index, title="Busy article")
        cls.quiet = NewsArticlePageFactory(parent=cls.tree.news_index, title="Quiet article")
        top = CommentFactory(page=cls.article)
        CommentFactory(page=cls.article, parent=top)
        CommentFactory(page=cls.article)
        CommentFactory(page=cls.article, is_public=False)
        CommentFactory(page=cls.article, is_removed=True)
        CommentFactory(page=cls.quiet)
        cls.campaign = CampaignPageFactory(parent=cls.tree.campaign_index, title="A campaign")
        CommentFactory(page=cls.campaign)
        HomeFeaturedCampaign.objects.create(page=cls.tree.home, campaign=cls.campaign)

    def card_counts(self, url):
        soup = BeautifulSoup(self.client.get(url).content, "html.parser")
        return {
            card.find(class_="card__title").get_text(strip=True): card.find(class_="comment-count").get_text()
            for card in soup.find_all(class_="card")
        }

    def test_article_header_counts_published_comments_only(self):
        soup = BeautifulSoup(self.client.get(self.article.url).content, "html.parser")
        self.assertEqual(soup.find(class_="article__meta").find(class_="comment-count").get_text(), "3 comments")
        self.assertEqual(soup.find(id="comments-heading").get_text(strip=True), "3 comments")

    def test_listings_show_counts(self):
        self.assertEqual(self.card_counts("/news/"), {"Busy article": "3 comments", "Quiet article": "1 comment"})
        self.assertEqual(self.card_counts("/campaigns/"), {"A campaign": "1 comment"})
        home = self.card_counts("/")
        self.assertEqual(home["Busy article"], "3 comments")
        self.assertEqual(home["A campaign"], "1 comment")

    def test_hidden_pages_show_no_count(self):
        type(self.quiet).objects.filter(pk=self.quiet.pk).update(comments_mode=CommentsMode.HIDDEN)
        soup = BeautifulSoup(self.client.get("/news/").content, "html.parser")
        quiet = next(c for c in soup.find_all(class_="card") if "Quiet" in c.get_text())
        self.assertIsNone(quiet.find(class_="comment-count"))


class CommentFeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index, title="Commented")
        cls.draft = NewsArticlePageFactory(parent=cls.tree.news_index, title="Draft", live=False)
        cls.first = CommentFactory(
            page=cls.article, user_name="Bea", comment="First <b>words</b>\n\nhttps://example.org"
        )
        cls.held = CommentFactory(page=cls.article, comment="Held back", is_public=False)
        cls.on_draft = CommentFactory(page=cls.draft, comment="On a draft")

    def items(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/rss+xml"))
        return ET.fromstring(response.content).findall("./channel/item")

    def test_page_feed_lists_published_comments_with_name_date_text_and_permalink(self):
        (item,) = self.items(self.article.url + "comments/feed/")
        self.assertEqual(item.findtext("title"), "Bea on Commented")
        self.assertEqual(item.findtext("link"), f"http://localhost{self.article.url}comments/{self.first.pk}/")
        self.assertIn("&lt;b&gt;words&lt;/b&gt;", item.findtext("description"))
        self.assertIn('rel="nofollow ugc noopener"', item.findtext("description"))
        self.assertIsNotNone(item.findtext("pubDate"))
        self.assertNotIn("@", ET.tostring(item, encoding="unicode").replace("example.org<", ""))

    def test_site_feed_lists_published_comments_on_live_pages_only(self):
        titles = [item.findtext("title") for item in self.items("/comments/feed/")]
        self.assertEqual(titles, ["Bea on Commented"])

    def test_feeds_are_linked(self):
        self.assertContains(self.client.get(self.article.url), f'href="{self.article.url}comments/feed/"')
