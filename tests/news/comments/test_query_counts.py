"""A commentable page costs the same few queries whatever the size of its discussion, for everyone.

Each page here is a full one: a lead image, tags, a related campaign, the default help message,
nested conversations by anonymous and logged-in commenters. One request with another query string
first warms what Wagtail keeps in the cache between requests (site root paths, image renditions);
an address with a query parameter no page reads is never stored, so the measured request is rendered,
as after a purge. Each is measured twice: as usual, with what config.caching keeps, and cold, as right
after an editor or a moderator changed something and it was dropped.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from wagtail.rich_text import RichText

import config.caching as caching
from home.factories import HelpMessageFactory, ImageFactory, StandardPageFactory
from home.models import SiteSettings
from news.comments.factories import bulk_threads
from news.factories import CampaignPageFactory, NewsArticlePageFactory
from tests.utils import build_site_tree

SIZES = (0, 100, 1000)
# Through Wagtail's own routing: the site, the site root, two queries for each page on the address
# (the page, then its specific row) and two for its view restrictions (its ancestors, then their
# restrictions). Everything else (settings, menu, the page's tags or aims, image, related pages, rows
# of comments) is kept until it changes (config.caching). The bound: 8.
READER_QUERIES = 8
# Right after an editor's or a moderator's change: those are read again (the bound: 16).
COLD_READER_QUERIES = 15
# The same, plus the user (the session is in the "state" store); the userbar is kept for a minute.
LOGGED_IN_QUERIES = READER_QUERIES + 1
COLD_LOGGED_IN_QUERIES = COLD_READER_QUERIES + 1
# A moderator's first look at a page: Wagtail's userbar checks permissions, profile and workflow states.
FIRST_USERBAR_QUERIES = 7
# Any reader's first look at a page: its tags or aims, image, related pages and rows of comments.
FIRST_VIEW_QUERIES = 4


class QueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        site = cls.tree.home.get_site()
        SiteSettings.objects.update_or_create(
            site=site,
            defaults={
                "default_help_message": HelpMessageFactory(),
                "privacy_policy_page": StandardPageFactory(parent=cls.tree.home, title="Privacy"),
            },
        )
        users = get_user_model()
        commenters = [users.objects.create_user(f"commenter{n}", f"commenter{n}@example.org") for n in range(3)]
        cls.moderator = users.objects.create_user("moderator", "moderator@example.org")
        cls.moderator.groups.add(Group.objects.get(name=settings.COMMENT_MODERATORS_GROUP))
        cls.reader = commenters[0]
        image = ImageFactory()
        cls.campaign = CampaignPageFactory(parent=cls.tree.campaign_index, hero_image=image)
        cls.articles, cls.campaigns = {}, {}
        for size in SIZES:
            article = NewsArticlePageFactory(
                parent=cls.tree.news_index,
                lead_image=image,
                body=[("paragraph", RichText("<p>The body.</p>"))],
            )
            article.tags.add("policing", "policy")
            article.related_campaigns.add(cls.campaign)
            article.save()
            bulk_threads(page=article, count=size, users=commenters)
            cls.articles[size] = article
            campaign = CampaignPageFactory(parent=cls.tree.campaign_index, hero_image=image)
            campaign.aims.create(text="Fund the helpline")
            campaign.related_news.add(article)
            campaign.save()
            bulk_threads(page=campaign, count=size, users=commenters)
            cls.campaigns[size] = campaign

    def assert_queries(self, expected, url, *, cold_expected, page):
        self.client.get(url + ("&" if "?" in url else "?") + "warm")
        with self.assertNumQueries(expected):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        caching.structure_changed()  # as after an editor's or a moderator's change
        caching.comments_changed(pages=[page])
        with self.assertNumQueries(cold_expected):
            cold = self.client.get(url + ("&" if "?" in url else "?") + "cold")
        self.assertEqual(cold.status_code, 200)
        return response

    def each_page(self):
        for size in SIZES:
            yield f"article, {size} comments", self.articles[size], self.articles[size].url
            yield f"campaign, {size} comments", self.campaigns[size], self.campaigns[size].url
        yield (
            "article, 1000 comments, second page of comments",
            self.articles[1000],
            self.articles[1000].url + "?cpage=2",
        )
        yield (
            "campaign, 1000 comments, last page of comments",
            self.campaigns[1000],
            self.campaigns[1000].url + "?cpage=5",
        )

    def test_an_anonymous_reader_costs_the_same_queries_whatever_the_discussion(self):
        for name, page, url in self.each_page():
            with self.subTest(name):
                self.assert_queries(READER_QUERIES, url, cold_expected=COLD_READER_QUERIES, page=page)

    def test_a_moderator_costs_the_same_queries_whatever_the_discussion(self):
        self.client.force_login(self.moderator)
        for name, page, url in self.each_page():
            with self.subTest(name):
                response = self.assert_queries(LOGGED_IN_QUERIES, url, cold_expected=COLD_LOGGED_IN_QUERIES, page=page)
                self.assertContains(response, "wagtail-userbar")

    def test_a_logged_in_reader_costs_the_same_queries_and_sees_no_userbar(self):
        self.client.force_login(self.reader)
        for name, page, url in self.each_page():
            with self.subTest(name):
                response = self.assert_queries(LOGGED_IN_QUERIES, url, cold_expected=COLD_LOGGED_IN_QUERIES, page=page)
                self.assertNotContains(response, "wagtail-userbar")

    def test_the_userbar_costs_its_queries_on_a_moderators_first_view_of_a_page(self):
        self.client.force_login(self.moderator)
        url = self.articles[100].url
        self.client.get(self.articles[0].url)  # the site's shared caches are warm; this page's userbar is not
        with self.assertNumQueries(LOGGED_IN_QUERIES + FIRST_VIEW_QUERIES + FIRST_USERBAR_QUERIES):
            self.client.get(url)
        with self.assertNumQueries(LOGGED_IN_QUERIES):
            self.assertContains(self.client.get(url + "?cpage=1"), "wagtail-userbar")

    def test_the_measured_pages_show_their_whole_discussion(self):
        response = self.client.get(self.articles[1000].url + "?cpage=5")
        self.assertContains(response, "1000 comments")
        self.assertContains(response, "Comments page 5 of 5")
        self.assertEqual(response.content.count(b'<article class="comment '), 200)
        self.assertContains(response, "comment--level-2")
