"""Comments modes: open, closed, hidden; the site default and auto-close after N days."""

import datetime

from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from news.comments.factories import CommentFactory
from news.comments.models import CommentReport, CommentSettings, CommentsMode
from news.factories import CampaignPageFactory, NewsArticlePageFactory
from news.models import NewsArticlePage
from tests.news.comments.helpers import post_comment
from tests.utils import build_site_tree, open_comment_rules


class CommentsModeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        open_comment_rules(cls.tree.home.get_site())
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index)
        cls.comment = CommentFactory(page=cls.article, comment="An earlier comment")

    def set_mode(self, mode):
        NewsArticlePage.objects.filter(pk=self.article.pk).update(comments_mode=mode)

    def test_open_shows_list_and_form(self):
        response = self.client.get(self.article.url)
        self.assertContains(response, "An earlier comment")
        self.assertContains(response, 'id="comment-form"')

    def test_closed_shows_list_without_form_and_refuses_posts(self):
        self.set_mode(CommentsMode.CLOSED)
        response = self.client.get(self.article.url)
        self.assertContains(response, "An earlier comment")
        self.assertContains(response, "Comments are closed.")
        self.assertNotContains(response, 'id="comment-form"')
        self.assertNotContains(response, "comment__reply")
        self.assertContains(post_comment(self.client, self.article), "Comments are closed.", status_code=403)
        self.assertEqual(XtdComment.objects.count(), 1)

    def test_hidden_shows_nothing_and_refuses_posts(self):
        self.set_mode(CommentsMode.HIDDEN)
        response = self.client.get(self.article.url)
        self.assertNotContains(response, "An earlier comment")
        self.assertNotContains(response, 'id="comments"')
        self.assertNotContains(response, "1 comment")
        self.assertEqual(post_comment(self.client, self.article).status_code, 404)
        self.assertEqual(self.client.get(f"{self.article.url}comments/{self.comment.pk}/").status_code, 404)
        self.assertEqual(XtdComment.objects.count(), 1)

    def test_hidden_refuses_the_authors_edit_and_delete_and_any_report(self):
        post_comment(self.client, self.article, comment="Mine, still inside the edit window")
        mine = XtdComment.objects.get(comment="Mine, still inside the edit window")
        self.assertEqual(self.client.get(f"{self.article.url}comments/{mine.pk}/edit/").status_code, 200)
        self.set_mode(CommentsMode.HIDDEN)
        for url, data in (
            (f"{self.article.url}comments/{mine.pk}/edit/", {"comment": "Changed while hidden"}),
            (f"{self.article.url}comments/{mine.pk}/delete/", {}),
            (f"{self.article.url}comments/{self.comment.pk}/report/", {"reason": "spam"}),
            (f"{self.article.url}comments/{mine.pk}/report/", {"reason": "spam"}),
        ):
            for method in ("get", "post"):
                with self.subTest(url=url, method=method):
                    self.assertEqual(getattr(self.client, method)(url, data).status_code, 404)
        mine.refresh_from_db()
        self.assertEqual((mine.comment, mine.is_removed), ("Mine, still inside the edit window", False))
        self.assertFalse(CommentReport.objects.exists())

    def test_hidden_comments_are_in_no_feed_closed_ones_still_are(self):
        other = NewsArticlePageFactory(parent=self.tree.news_index, title="Another article")
        CommentFactory(page=other, comment="On another article")

        def site_feed():
            response = self.client.get("/comments/feed/")
            self.assertEqual(response.status_code, 200)
            return response.content.decode()

        page_feed = f"{self.article.url}comments/feed/"
        self.set_mode(CommentsMode.CLOSED)
        self.assertContains(self.client.get(page_feed), "An earlier comment")
        self.assertIn("An earlier comment", site_feed())
        self.set_mode(CommentsMode.HIDDEN)
        cache.clear()  # a freshly rendered feed (the purge on a change of mode is the caching package's part)
        self.assertEqual(self.client.get(page_feed).status_code, 404)
        feed = site_feed()
        self.assertNotIn("An earlier comment", feed)
        self.assertIn("On another article", feed)

    def test_new_pages_start_in_the_sites_default_mode(self):
        settings = CommentSettings.for_site(self.tree.home.get_site())
        settings.default_comments_mode = CommentsMode.CLOSED
        settings.save()
        self.assertEqual(NewsArticlePage().comments_mode, CommentsMode.CLOSED)
        campaign = CampaignPageFactory(parent=self.tree.campaign_index)
        self.assertEqual(campaign.comments_mode, CommentsMode.CLOSED)

    def test_auto_close_after_n_days_from_publication(self):
        settings = CommentSettings.for_site(self.tree.home.get_site())
        settings.auto_close_days = 30
        settings.save()
        self.assertContains(self.client.get(self.article.url), 'id="comment-form"')
        NewsArticlePage.objects.filter(pk=self.article.pk).update(
            first_published_at=timezone.now() - datetime.timedelta(days=31)
        )
        cache.clear()  # as if the 30 days had passed: cached copies of the page expire when comments close
        response = self.client.get(self.article.url)
        self.assertContains(response, "Comments are closed.")
        self.assertEqual(post_comment(self.client, self.article).status_code, 403)

    def test_a_cached_page_is_not_kept_past_the_moment_its_comments_close(self):
        settings = CommentSettings.for_site(self.tree.home.get_site())
        settings.auto_close_days = 30
        settings.save()
        NewsArticlePage.objects.filter(pk=self.article.pk).update(
            first_published_at=timezone.now() - datetime.timedelta(days=30) + datetime.timedelta(minutes=5)
        )
        response = self.client.get(self.article.url)
        self.assertContains(response, 'id="comment-form"')
        self.assertLessEqual(int(response["X-Accel-Expires"]), 300)
        self.assertGreater(int(response["X-Accel-Expires"]), 250)

    def test_campaign_pages_are_commentable_too(self):
        campaign = CampaignPageFactory(parent=self.tree.campaign_index)
        response = post_comment(self.client, campaign, comment="Count me in")
        self.assertEqual(response.status_code, 302)
        self.assertContains(self.client.get(campaign.url), "Count me in")
