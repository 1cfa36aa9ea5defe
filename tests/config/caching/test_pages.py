"""The page cache: anonymous readers get stored pages at no SQL cost; nobody else ever does."""

import http.server
import threading
import time
from datetime import timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client, SimpleTestCase, TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from config.caching import frontend, keys, pages
from news.comments.clients import AUTHORSHIP_COOKIE
from news.comments.factories import CommentFactory
from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree


class PageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index, title="Cached article")
        CommentFactory(page=cls.article, comment="A published comment.")
        cls.reader = get_user_model().objects.create_user("reader", password="x")  # noqa: S106

    def get(self, url, client=None, **kwargs):
        return (client or Client()).get(url, **kwargs)

    def test_a_repeated_anonymous_get_costs_no_sql_query(self):
        first = self.get(self.article.url)
        self.assertNotIn("X-Page-Cache", first)
        with CaptureQueriesContext(connection) as queries:
            again = self.get(self.article.url)
        self.assertEqual(len(queries), 0, [q["sql"] for q in queries])
        self.assertEqual(again["X-Page-Cache"], "hit")
        self.assertEqual(again.content, first.content)
        self.assertIn("A published comment.", again.content.decode())

    def test_cached_pages_tell_shared_caches_how_long_and_browsers_to_check_again(self):
        response = self.get(self.article.url)
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("max-age=0", response["Cache-Control"])
        self.assertIn("s-maxage=600", response["Cache-Control"])
        self.assertEqual(response["X-Accel-Expires"], "600")
        self.assertFalse(response.cookies, "a cached page sets no cookie")
        self.assertNotIn("csrfmiddlewaretoken", response.content.decode())

    def test_every_public_page_type_and_feed_is_cached(self):
        urls = [
            self.tree.home.url,
            self.tree.news_index.url,
            self.tree.news_index.url + "?page=1",
            self.tree.news_index.url + "feed/",
            self.tree.campaign_index.url,
            self.article.url,
            self.article.url + "comments/feed/",
            "/comments/feed/",
        ]
        for url in urls:
            with self.subTest(url):
                self.assertEqual(self.get(url).status_code, 200)
                with self.assertNumQueries(0):
                    self.assertEqual(self.get(url)["X-Page-Cache"], "hit")

    def test_readers_with_a_session_messages_or_their_own_comments_never_get_a_cached_page(self):
        self.get(self.article.url)  # now cached for anonymous readers
        logged_in = Client()
        logged_in.force_login(self.reader)
        for name in ("messages", AUTHORSHIP_COOKIE):
            client = Client()
            client.cookies[name] = "anything"
            with self.subTest(cookie=name):
                response = self.get(self.article.url, client)
                self.assertNotIn("X-Page-Cache", response)
                self.assertIn("private", response["Cache-Control"])
        response = self.get(self.article.url, logged_in)
        self.assertNotIn("X-Page-Cache", response)
        self.assertIn("private", response["Cache-Control"])
        self.assertContains(response, 'name="csrfmiddlewaretoken"')

    def test_a_page_made_for_one_reader_is_never_served_to_another(self):
        logged_in = Client()
        logged_in.force_login(self.reader)
        self.get(self.article.url, logged_in)
        response = self.get(self.article.url)
        self.assertNotIn("X-Page-Cache", response)
        self.assertNotContains(response, 'name="csrfmiddlewaretoken"')

    def test_the_bypass_cookies_are_the_real_cookie_names(self):
        from django.conf import settings

        self.assertEqual(
            set(settings.PAGE_CACHE_BYPASS_COOKIES),
            {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name, AUTHORSHIP_COOKIE},
        )

    def test_what_is_not_cached(self):
        cases = {
            "search results": "/search/?query=police",
            "a missing page": "/no-such-page/",
            "the reply form": f"{self.article.url}comments/reply/1/",
            "the sitemap": "/sitemap.xml",
        }
        for name, url in cases.items():
            with self.subTest(name):
                self.get(url)
                self.assertNotEqual(self.get(url).get("X-Page-Cache"), "hit")

    def test_every_spelling_of_a_page_is_one_stored_copy_that_one_purge_removes(self):
        """Issue 13, defect 5 (the app's side): one key a page, whatever the spelling of its address."""
        index = self.tree.news_index.url
        self.get(index + "?page=1&tag=")
        spellings = [
            index + "?tag=&page=1",
            index.replace("/news/", "/%6Eews/") + "?page=1&tag=",
            index.replace("/news/", "/news//") + "?page=1&tag=",
        ]
        for url in spellings:
            with self.subTest(url):
                self.assertEqual(self.get(url).get("X-Page-Cache"), "hit")
        self.get(self.article.url)
        response = self.get(self.article.url + "?", HTTP_HOST="127.0.0.1")
        self.assertEqual(response.get("X-Page-Cache"), "hit", response.status_code)
        pages.purge_paths([index])
        for url in spellings:
            with self.subTest(after_purge=url):
                self.assertNotIn("X-Page-Cache", self.get(url))
                break  # stored again by this request: the next spelling is its one copy
        self.assertEqual(self.get(spellings[-1]).get("X-Page-Cache"), "hit")

    def test_an_address_with_a_parameter_no_page_reads_is_answered_and_never_stored(self):
        """Issue 13, defect 7: a flood of made-up addresses (?flood=N) stores nothing anywhere."""
        from django.core.cache import cache

        self.get(self.article.url)  # the page itself is stored; its made-up variants are not
        for url in (self.article.url + "?flood=1", self.article.url + "?cpage=1&flood=2", "/news/?utm_source=x"):
            with self.subTest(url):
                with mock.patch.object(cache, "set", wraps=cache.set) as stored:
                    first, second = self.get(url), self.get(url)
                self.assertEqual(first.status_code, 200)
                self.assertNotIn("X-Page-Cache", second)
                self.assertIn("private", first["Cache-Control"])
                self.assertNotIn("X-Accel-Expires", first)
                self.assertFalse([call for call in stored.call_args_list if "page-cache:entry" in str(call.args[0])])

    def test_a_page_scheduled_to_unpublish_is_not_kept_past_that_moment(self):
        from django.utils import timezone

        type(self.article).objects.filter(pk=self.article.pk).update(expire_at=timezone.now() + timedelta(seconds=90))
        response = self.get(self.article.url + "?cpage=1")
        self.assertLessEqual(int(response["X-Accel-Expires"]), 90)
        self.assertGreater(int(response["X-Accel-Expires"]), 0)

    def test_a_post_is_never_answered_from_the_cache(self):
        self.get(self.article.url)
        response = Client().post(self.article.url)
        self.assertNotIn("X-Page-Cache", response)

    def test_purging_a_path_drops_all_its_query_string_variants_and_nothing_else(self):
        index = self.tree.news_index.url
        for url in (index, index + "?page=1", self.article.url):
            self.get(url)
        pages.purge_paths([index])
        self.assertNotIn("X-Page-Cache", self.get(index))
        self.assertNotIn("X-Page-Cache", self.get(index + "?page=1"))
        self.assertEqual(self.get(self.article.url)["X-Page-Cache"], "hit")

    def test_a_lost_generation_never_brings_back_pages_stored_before_a_purge(self):
        """Caches may evict keys (Redis under memory pressure, the file cache's culling)."""
        from django.core.cache import cache

        self.get(self.article.url)
        pages.purge_paths([self.article.url])
        cache.delete(keys.path_generation_key(self.article.url))
        self.assertNotIn("X-Page-Cache", self.get(self.article.url))

    def test_purging_everything(self):
        self.get(self.article.url)
        pages.purge_everything()
        self.assertNotIn("X-Page-Cache", self.get(self.article.url))

    @override_settings(PAGE_CACHE_SECONDS=0)
    def test_it_can_be_turned_off(self):
        self.get(self.article.url)
        response = self.get(self.article.url)
        self.assertNotIn("X-Page-Cache", response)
        self.assertNotIn("public", response["Cache-Control"])


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    """A stand-in for nginx's purge server on loopback: records each PURGE, answers 200 or 404."""

    seen = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.seen.append((self.path, self.headers["Host"]))
        self.send_response(404 if self.path.startswith("/never-cached/") else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


class NginxPurgeBackendTests(TestCase):
    def setUp(self):
        PurgeRecorder.seen = []
        self.server = http.server.HTTPServer(("127.0.0.1", 0), PurgeRecorder)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.addCleanup(self.server.server_close)
        self.addCleanup(self.server.shutdown)
        self.backend = frontend.NginxPurgeBackend({"LOCATION": f"http://127.0.0.1:{self.server.server_port}"})

    def test_it_sends_purge_for_the_path_with_the_public_host(self):
        self.backend.purge("http://news.example.org/news/article/?page=2")
        self.assertEqual(PurgeRecorder.seen, [("/news/article/", "news.example.org")])

    def test_a_page_nginx_had_not_cached_is_not_an_error(self):
        with self.assertNoLogs("wagtail.frontendcache", level="ERROR"):
            self.backend.purge("http://news.example.org/never-cached/")

    def test_an_unreachable_nginx_is_logged_not_raised(self):
        backend = frontend.NginxPurgeBackend({"LOCATION": "http://127.0.0.1:9", "TIMEOUT": 1})
        with self.assertLogs("wagtail.frontendcache", level="ERROR"):
            backend.purge("http://news.example.org/news/")


class CountingApp:
    """A WSGI application that answers like Django would and counts how often it was asked."""

    def __init__(self, headers):
        self.headers = headers
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        start_response("200 OK", list(self.headers))
        return [b"page ", str(self.calls).encode()]


PUBLIC = [("Content-Type", "text/html"), ("Cache-Control", "public, max-age=0, s-maxage=600")]


class WorkerPageCacheTests(SimpleTestCase):
    def get(self, cache, *, method="GET", path="/news/", query="", cookie=None):
        environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query}
        environ |= {"wsgi.url_scheme": "https", "HTTP_HOST": "news.example.org"}
        if cookie:
            environ["HTTP_COOKIE"] = cookie
        started = []
        body = b"".join(cache(environ, lambda status, headers, exc_info=None: started.append((status, headers))))
        self.last_headers = dict(started[0][1])
        return started[0][0], body

    def test_a_worker_answers_repeats_of_a_public_page_from_memory_for_a_second(self):
        app = CountingApp(PUBLIC)
        cache = pages.WorkerPageCache(app, seconds=0.2)
        self.assertEqual(self.get(cache), ("200 OK", b"page 1"))
        self.assertNotIn("X-Page-Cache", self.last_headers)
        self.assertEqual(self.get(cache), ("200 OK", b"page 1"))
        self.assertEqual(self.last_headers["X-Page-Cache"], "hit")
        # a copy that may be a second behind a purge is not for nginx (or any shared cache) to keep
        self.assertEqual(self.last_headers["X-Accel-Expires"], "0")
        self.assertIn("s-maxage=0", self.last_headers["Cache-Control"])
        self.assertEqual(self.get(cache, query="page=2"), ("200 OK", b"page 2"), "another address")
        time.sleep(0.25)
        self.assertEqual(self.get(cache), ("200 OK", b"page 3"), "kept no longer than its seconds")

    def test_a_purge_empties_this_workers_copies_at_once(self):
        app = CountingApp(PUBLIC)
        cache = pages.WorkerPageCache(app, seconds=60)
        self.get(cache)
        pages.purge_paths(["/somewhere-else/"])
        self.assertEqual(self.get(cache)[1], b"page 2")

    def test_readers_with_a_session_messages_or_own_comments_and_posts_always_reach_django(self):
        app = CountingApp(PUBLIC)
        cache = pages.WorkerPageCache(app, seconds=60)
        self.get(cache)
        for cookie in ("sessionid=abc", "theme=dark; messages=xyz", f"{AUTHORSHIP_COOKIE}=k"):
            with self.subTest(cookie):
                before = app.calls
                self.get(cache, cookie=cookie)
                self.assertEqual(app.calls, before + 1)
        before = app.calls
        self.get(cache, method="POST")
        self.assertEqual(app.calls, before + 1)

    def test_only_responses_marked_public_and_setting_no_cookie_are_kept(self):
        for headers in (
            [("Content-Type", "text/html"), ("Cache-Control", "private")],
            [*PUBLIC, ("Set-Cookie", "csrftoken=x")],
            [("Content-Type", "text/html")],
        ):
            with self.subTest(headers):
                app = CountingApp(headers)
                cache = pages.WorkerPageCache(app, seconds=60)
                self.get(cache)
                self.get(cache)
                self.assertEqual(app.calls, 2)

    def test_the_wsgi_application_is_wrapped(self):
        from config.wsgi import application

        self.assertIsInstance(application, pages.WorkerPageCache)
        self.assertEqual(application.seconds, 0.5)
