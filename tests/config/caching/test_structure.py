"""What each worker keeps of the site's structure: never what an editor has changed since.

Every request here is a logged-in reader's (no page cache), so what it shows comes from the worker's
copies (config.caching.structure: settings, the menu, the Site of a host) or from the database. A change
through the admin or a service moves the shared generation on; the next request, in this worker or any
other, looks everything up again.
"""

import datetime
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from config.caching import structure
from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree, set_comment_rules


class StructureCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.site = cls.tree.home.get_site()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index, title="Police priorities")
        published = datetime.datetime(2020, 1, 6, 9, 0, tzinfo=datetime.UTC)
        type(cls.article).objects.filter(pk=cls.article.pk).update(first_published_at=published)
        cls.reader = get_user_model().objects.create_user("reader", "reader@example.org")

    def setUp(self):
        self.client.force_login(self.reader)

    def queries_for(self, url):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        return response, len(queries)

    def test_a_worker_looks_up_the_settings_and_the_menu_once(self):
        self.client.get(self.article.url)
        self.client.get(self.article.url)
        _first, kept = self.queries_for(self.article.url)
        structure.forget()
        _cold, cold = self.queries_for(self.article.url)
        self.assertEqual(cold - kept, 3, "both settings and the menu")

    def test_publishing_a_new_title_shows_it_at_once(self):
        self.assertContains(self.client.get(self.article.url), "Police priorities")
        self.article.title = "Police priorities, updated"
        self.article.save_revision().publish()
        self.assertContains(self.client.get(self.article.url), "Police priorities, updated")

    def test_an_unpublished_page_is_gone_at_once(self):
        self.assertEqual(self.client.get(self.article.url).status_code, 200)
        self.article.unpublish()
        self.assertEqual(self.client.get(self.article.url).status_code, 404)

    def test_a_moved_page_answers_at_its_new_address_only(self):
        old_url = self.article.url
        self.assertEqual(self.client.get(old_url).status_code, 200)
        self.article.slug = "police-priorities-2027"
        self.article.save_revision().publish()
        self.assertEqual(self.client.get(old_url).status_code, 404)
        self.assertContains(self.client.get("/news/police-priorities-2027/"), "Police priorities")

    def test_a_new_view_restriction_applies_at_once(self):
        self.assertEqual(self.client.get(self.article.url).status_code, 200)
        restriction = PageViewRestriction.objects.create(page=self.tree.news_index, restriction_type="groups")
        restriction.groups.add(Group.objects.create(name="Staff only"))
        response = self.client.get(self.article.url)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotContains(response, "Police priorities", status_code=response.status_code)

    def test_changed_comment_settings_apply_at_once(self):
        self.assertContains(self.client.get(self.article.url), 'id="comment-form"')
        set_comment_rules(self.site, auto_close_days=1)  # the article was first published in 2020
        self.assertNotContains(self.client.get(self.article.url), 'id="comment-form"')

    def test_a_lost_generation_never_brings_back_old_copies(self):
        self.client.get(self.article.url)
        cache.delete(structure.GENERATION_KEY)  # evicted: the next request starts a new generation
        type(self.article).objects.filter(pk=self.article.pk).update(title="Renamed behind the cache's back")
        self.assertContains(self.client.get(self.article.url), "Renamed behind the cache")

    def test_what_a_request_sets_on_its_page_never_reaches_the_next(self):
        first = self.client.get(self.article.url)
        first.context["page"].title = "Changed by one request"
        self.assertNotContains(self.client.get(self.article.url), "Changed by one request")

    def test_a_flood_of_host_names_does_not_grow_a_worker_without_bound(self):
        anonymous = Client()
        with mock.patch.object(structure, "MAX_ENTRIES", 20):
            for number in range(70):
                response = anonymous.get(self.article.url, HTTP_HOST=f"host-{number}.example.org")
                self.assertEqual(response.status_code, 200)
            self.assertLessEqual(len(structure._memo.entries), 20 + 5)  # one request adds a few
        self.assertEqual(self.client.get(self.article.url).status_code, 200)

    def test_nothing_kept_is_shared_between_requests(self):
        """Each call hands out its own copy: what one request changes on a kept setting never reaches another."""
        self.client.get(self.article.url)
        first = self.client.get(self.article.url).wsgi_request
        from home.models import SiteSettings

        SiteSettings.for_request(first).privacy_policy_page = self.article
        second = self.client.get(self.article.url).wsgi_request
        self.assertIsNot(SiteSettings.for_request(second), SiteSettings.for_request(first))
        self.assertIsNone(SiteSettings.for_request(second).privacy_policy_page)
