"""Invalidation: a change reaches the next anonymous reader at once, on exactly the pages that show it."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext

from home.models import HelpMessage
from news.comments import services
from news.comments.factories import CommentFactory
from news.comments.models import CommentSettings, CommentsMode
from news.factories import CampaignPageFactory, NewsArticlePageFactory
from tests.news.comments.helpers import post_comment
from tests.utils import build_site_tree, open_comment_rules, set_comment_rules


class InvalidationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.site = cls.tree.home.get_site()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index, title="Police priorities")
        cls.article.tags.add("policing")
        cls.article.save_revision().publish()
        cls.other = NewsArticlePageFactory(parent=cls.tree.news_index, title="Unrelated article")
        cls.campaign = CampaignPageFactory(parent=cls.tree.campaign_index, title="Safer online")
        cls.campaign.tags.add("policing")
        cls.campaign.save_revision().publish()
        cls.unrelated_campaign = CampaignPageFactory(parent=cls.tree.campaign_index, title="Another campaign")
        cls.moderator = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
        cls.published = CommentFactory(page=cls.article, comment="Already here.")
        cls.help_message = HelpMessage.objects.create(name="Helpline", message="Call us.")

    def setUp(self):
        self.anonymous = Client()

    def read(self, url):
        """What the next anonymous reader gets, and whether it came from the cache."""
        response = self.anonymous.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode(), response.get("X-Page-Cache", "miss")

    def warm(self, *urls):
        for url in urls:
            self.read(url)
            self.assertEqual(self.read(url)[1], "hit", url)

    def assert_still_cached(self, *urls):
        for url in urls:
            self.assertEqual(self.read(url)[1], "hit", f"{url} was purged but nothing on it changed")

    @property
    def article_urls(self):
        return [self.article.url, self.article.url + "comments/feed/", "/comments/feed/"]

    @property
    def bystanders(self):
        """Pages that show nothing of the article or its comments."""
        return [self.other.url, self.unrelated_campaign.url, self.tree.campaign_index.url]

    def held_comment(self, text):
        return CommentFactory(page=self.article, comment=text, is_public=False)

    def test_approving_a_comment_shows_it_on_the_page_its_feeds_and_its_listings(self):
        comment = self.held_comment("Approved just now.")
        self.warm(*self.article_urls, self.tree.news_index.url, self.campaign.url, self.tree.home.url, *self.bystanders)
        services.approve_comments(comments=[comment], user=self.moderator)
        for url in self.article_urls:
            with self.subTest(url):
                body, status = self.read(url)
                self.assertEqual(status, "miss")
                self.assertIn("Approved just now.", body)
        for listing in (self.tree.news_index.url, self.campaign.url, self.tree.home.url):
            with self.subTest(listing):
                body, status = self.read(listing)
                self.assertEqual(status, "miss", "its card shows the comment count")
                self.assertIn("2 comments", body)
        self.assert_still_cached(*self.bystanders)

    def test_editing_removing_and_hiding_a_comment_reach_the_next_reader(self):
        changes = {
            "moderator edit": lambda c: services.moderator_edit(comment=c, text="Edited text.", user=self.moderator),
            "removal": lambda c: services.remove_comments(comments=[c], user=self.moderator),
            "unpublishing": lambda c: services.unpublish_comments(comments=[c], user=self.moderator),
            "hard delete": lambda c: services.delete_comments(comments=[c], user=self.moderator),
        }
        for name, change in changes.items():
            with self.subTest(name):
                comment = CommentFactory(page=self.article, comment=f"Before the {name}.")
                self.warm(*self.article_urls, *self.bystanders)
                change(comment)
                for url in self.article_urls:
                    self.assertNotIn(f"Before the {name}.", self.read(url)[0], url)
                self.assert_still_cached(*self.bystanders)

    def test_every_comment_change_reaches_a_logged_in_reader_at_once(self):
        """No page cache for them: the page's kept rows of comments (news.comments.selectors) are read afresh."""
        reader = Client()
        reader.force_login(get_user_model().objects.create_user("reader", "reader@example.org"))
        held = self.held_comment("Approved for the logged-in reader.")
        self.assertNotContains(reader.get(self.article.url), "Approved for the logged-in reader.")
        services.approve_comments(comments=[held], user=self.moderator)
        self.assertContains(reader.get(self.article.url), "Approved for the logged-in reader.")
        changes = {
            "moderator edit": lambda c: services.moderator_edit(comment=c, text="Edited text.", user=self.moderator),
            "removal": lambda c: services.remove_comments(comments=[c], user=self.moderator),
            "unpublishing": lambda c: services.unpublish_comments(comments=[c], user=self.moderator),
            "hard delete": lambda c: services.delete_comments(comments=[c], user=self.moderator),
            "a raw save (the Django admin)": lambda c: type(c).objects.filter(pk=c.pk).get().delete(),
        }
        for name, change in changes.items():
            with self.subTest(name):
                comment = CommentFactory(page=self.article, comment=f"Before the {name}.")
                for _ in range(2):
                    self.assertContains(reader.get(self.article.url), f"Before the {name}.")
                change(comment)
                self.assertNotContains(reader.get(self.article.url), f"Before the {name}.")

    def test_closing_comments_takes_the_reply_links_off_the_kept_comment_list(self):
        """The markup kept for readers without comments of their own is kept per comments mode."""
        reader = Client()
        reader.force_login(get_user_model().objects.create_user("reader", "reader@example.org"))
        for _ in range(2):
            self.assertContains(reader.get(self.article.url), 'class="comment__reply"')
        self.article.comments_mode = CommentsMode.CLOSED
        self.article.save_revision().publish()
        response = reader.get(self.article.url)
        self.assertContains(response, "Already here.")
        self.assertNotContains(response, 'class="comment__reply"')

    def test_a_held_new_conversation_keeps_the_rows_others_read(self):
        """Only its author sees it (their rows are always fresh): other readers' kept rows stand."""
        reader = Client()
        reader.force_login(get_user_model().objects.create_user("reader", "reader@example.org"))
        for _ in range(2):
            reader.get(self.article.url)
        with CaptureQueriesContext(connection) as before:
            reader.get(self.article.url)
        author = Client()
        post_comment(author, self.article, comment="Held, for my eyes only.")
        with CaptureQueriesContext(connection) as after:
            self.assertNotContains(reader.get(self.article.url), "Held, for my eyes only.")
        self.assertEqual(len(after), len(before), "the page's rows were read again")
        self.assertContains(author.get(self.article.url), "Held, for my eyes only.")

    def test_reports_that_hide_a_comment_reach_the_next_reader(self):
        comment_settings = set_comment_rules(self.site, reports_to_hide=1)
        comment = CommentFactory(page=self.article, comment="Reported away.")
        self.warm(self.article.url)
        services.report_comment(
            comment=comment, reason="abuse", note="", ip_address="192.0.2.1", comment_settings=comment_settings
        )
        self.assertNotIn("Reported away.", self.read(self.article.url)[0])

    def test_a_comment_published_at_once_is_shown_and_a_held_one_purges_nothing(self):
        self.warm(self.article.url, "/comments/feed/")
        post_comment(Client(), self.article, comment="Held for a moderator.")
        self.assert_still_cached(self.article.url, "/comments/feed/")
        open_comment_rules(self.site)  # settings changed: every page is purged
        self.warm(self.article.url)
        post_comment(Client(), self.article, comment="Published at once.")
        self.assertIn("Published at once.", self.read(self.article.url)[0])

    def test_an_author_editing_their_comment_reaches_the_next_reader(self):
        open_comment_rules(self.site)
        author = Client()
        post_comment(author, self.article, comment="My first words.")
        comment = self.article_comment("My first words.")
        self.warm(self.article.url)
        author.post(f"{self.article.url}comments/{comment.pk}/edit/", {"comment": "My second thoughts."})
        body = self.read(self.article.url)[0]
        self.assertIn("My second thoughts.", body)
        self.assertNotIn("My first words.", body)

    def article_comment(self, text):
        from django_comments_xtd.models import XtdComment

        return XtdComment.objects.get(comment=text)

    def test_the_author_of_a_held_comment_sees_it_while_others_get_the_cached_page(self):
        self.warm(self.article.url)
        author = Client()
        response = post_comment(author, self.article, comment="Waiting for a moderator.")
        self.assertEqual(response.status_code, 302)
        own_view = author.get(self.article.url)
        self.assertNotIn("X-Page-Cache", own_view)
        self.assertContains(own_view, "Waiting for a moderator.")
        body, status = self.read(self.article.url)
        self.assertEqual(status, "hit")
        self.assertNotIn("Waiting for a moderator.", body)

    def test_publishing_an_article_shows_it_in_its_listings_and_feed_and_purges_nothing_else(self):
        new = NewsArticlePageFactory(parent=self.tree.news_index, title="Fresh report", live=False)
        new.tags.add("policing")
        new.save_revision()
        listings = [self.tree.news_index.url, self.tree.news_index.url + "feed/", self.tree.home.url, self.campaign.url]
        self.warm(*listings, self.tree.news_index.url + "?tag=policing", *self.bystanders, self.article.url)
        new.get_latest_revision().publish()
        for url in [*listings, self.tree.news_index.url + "?tag=policing"]:
            with self.subTest(url):
                self.assertIn("Fresh report", self.read(url)[0])
        self.assert_still_cached(*self.bystanders, self.article.url)

    def test_unpublishing_an_article_takes_it_out_of_its_listings(self):
        self.warm(self.tree.news_index.url, self.campaign.url, self.tree.news_index.url + "feed/", *self.bystanders)
        self.article.unpublish()
        self.assertEqual(self.anonymous.get(self.article.url).status_code, 404)
        for url in (self.tree.news_index.url, self.campaign.url, self.tree.news_index.url + "feed/"):
            with self.subTest(url):
                self.assertNotIn("Police priorities", self.read(url)[0])
        self.assert_still_cached(*self.bystanders)

    def test_a_change_every_page_shows_purges_every_page(self):
        changes = {
            "menu page published": lambda: self.tree.campaign_index.save_revision().publish(),
            "comment settings": lambda: CommentSettings.for_site(self.site).save(),
            "help message": lambda: self.help_message.save(),
        }
        for name, change in changes.items():
            with self.subTest(name):
                self.warm(self.article.url, self.other.url)
                change()
                self.assertEqual(self.read(self.article.url)[1], "miss")
                self.assertEqual(self.read(self.other.url)[1], "miss")
