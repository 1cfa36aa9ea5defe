"""Comment counts in Wagtail's page explorer: one column per state, for commentable pages only."""

from bs4 import BeautifulSoup
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from news.comments.factories import CommentFactory
from news.comments.models import CommentReport
from news.factories import CampaignPageFactory, NewsArticlePageFactory, NewsIndexPageFactory
from tests.news.comments.test_admin_panels import StaffMixin, make_user
from tests.utils import build_site_tree


def count_cells(response):
    """{page title: (published cell, awaiting cell)} as BeautifulSoup cells, one per listed page."""
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {}
    for row in soup.select("table tbody tr"):
        published, awaiting = row.select_one("td.comments-published"), row.select_one("td.comments-awaiting")
        if published is not None:
            rows[row.select_one("td.title a").get_text(strip=True)] = (published, awaiting)
    return rows


class ExplorerCommentCountsTests(StaffMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.busy = NewsArticlePageFactory(parent=cls.tree.news_index, title="Busy article")
        cls.quiet = NewsArticlePageFactory(parent=cls.tree.news_index, title="Quiet article")
        CommentFactory.create_batch(3, page=cls.busy)  # published
        CommentFactory.create_batch(2, page=cls.busy, is_public=False)  # awaiting
        CommentFactory(page=cls.busy, is_public=False, is_removed=True)  # removed: in neither column
        reported = CommentFactory(page=cls.busy)  # published and reported: counted once
        CommentReport.objects.create(comment=reported, reason=CommentReport.Reason.SPAM)
        CommentReport.objects.create(comment=reported, reason=CommentReport.Reason.ABUSE)
        cls.campaign = CampaignPageFactory(parent=cls.tree.campaign_index, title="A campaign")
        CommentFactory(page=cls.campaign, is_public=False)
        cls.make_staff()
        # May edit pages (Wagtail's "Editors" group) but not moderate comments.
        cls.page_editor = make_user("page-editor", groups=["Editors"])

    def explore(self, page, user=None):
        self.client.force_login(user or self.superuser)
        response = self.client.get(f"/admin/pages/{page.pk}/")
        self.assertEqual(response.status_code, 200)
        return response

    def test_each_listed_article_shows_its_published_and_awaiting_counts(self):
        response = self.explore(self.tree.news_index)
        shown = {
            title: tuple(cell.get_text(strip=True) for cell in cells) for title, cells in count_cells(response).items()
        }
        self.assertEqual(shown, {"Busy article": ("4", "2"), "Quiet article": ("0", "0")})
        self.assertContains(response, "Published comments")
        self.assertContains(response, "Awaiting moderation")

    def test_the_awaiting_count_links_to_the_queue_filtered_by_that_page(self):
        cells = count_cells(self.explore(self.tree.news_index))
        self.assertEqual(
            cells["Busy article"][1].a["href"], f"/admin/reader-comments/?status=awaiting&page_id={self.busy.pk}"
        )
        self.assertEqual(cells["Busy article"][1].a["aria-label"], "2 awaiting moderation: Busy article")
        self.assertIsNone(cells["Busy article"][0].a)  # published is a plain number
        self.assertIsNone(cells["Quiet article"][1].a)  # nothing awaiting, nothing to follow

    def test_campaigns_are_counted_too(self):
        cells = count_cells(self.explore(self.tree.campaign_index))
        self.assertEqual(cells["A campaign"][1].get_text(strip=True), "1")

    def test_editors_who_cannot_moderate_see_the_counts_without_a_link_to_the_queue(self):
        cells = count_cells(self.explore(self.tree.news_index, user=self.page_editor))
        self.assertEqual(cells["Busy article"][1].get_text(strip=True), "2")
        self.assertIsNone(cells["Busy article"][1].a)

    def test_a_listing_of_pages_readers_cannot_comment_on_shows_no_counts(self):
        response = self.explore(self.tree.home)  # the news and campaign indexes
        self.assertContains(response, self.tree.news_index.title)
        self.assertEqual(count_cells(response), {})
        self.assertNotContains(response, "Awaiting moderation")
        self.assertNotContains(response, "Published comments")

    def test_the_list_of_every_page_of_a_type_shows_the_counts_too(self):
        self.client.force_login(self.superuser)
        response = self.client.get("/admin/pages/usage/news/newsarticlepage/")  # Reports › Page types usage
        shown = {title: cells[1].get_text(strip=True) for title, cells in count_cells(response).items()}
        self.assertEqual(shown, {"Busy article": "2", "Quiet article": "0"})

    def test_searching_the_news_index_keeps_the_counts(self):
        self.client.force_login(self.superuser)
        response = self.client.get(f"/admin/pages/{self.tree.news_index.pk}/", {"q": "Busy"})
        cells = count_cells(response)
        self.assertEqual(list(cells), ["Busy article"])
        self.assertEqual(cells["Busy article"][0].get_text(strip=True), "4")


class ExplorerCommentCountsCostTests(StaffMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.small = tree.news_index
        cls.large = NewsIndexPageFactory(parent=tree.home, title="More news", slug="more-news")
        for parent, count in ((cls.small, 1), (cls.large, 8)):
            for article in NewsArticlePageFactory.create_batch(count, parent=parent):
                CommentFactory(page=article)
                CommentFactory(page=article, is_public=False)
        cls.make_staff()

    def queries_to_list(self, parent):
        self.client.get(f"/admin/pages/{parent.pk}/")  # caches (content types, site root paths) filled once
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(f"/admin/pages/{parent.pk}/")
        self.assertEqual(len(count_cells(response)), parent.get_children().count())
        return len(queries)

    def test_listing_eight_articles_costs_no_more_queries_than_listing_one(self):
        self.client.force_login(self.superuser)
        self.assertEqual(self.queries_to_list(self.large), self.queries_to_list(self.small))
