"""Where things are kept: what must never be evicted is not in the page cache, and `make run` shares its cache.

Issue 13, defect 7: a flood of unique addresses filled Redis and evicted every rate-limit counter and every
session. Defect 11: on `make run` a change made outside the server process (the shell, a management
command) was not seen for up to ten minutes, because each process kept its own cache.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from unittest import skipUnless

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client, SimpleTestCase, TestCase
from django_redis import get_redis_connection

from news.comments.clients import take_from_allowance
from news.factories import NewsArticlePageFactory
from tests.postgres import free_port
from tests.utils import build_site_tree

ROOT = Path(__file__).resolve().parents[3]


@skipUnless(os.environ.get("REDIS_URL") and os.environ.get("STATE_REDIS_URL"), "needs the test command's two Redis")
class FloodTests(TestCase):
    """On the real Redis servers the test command starts: the cache evicts, the state store never does."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=cls.tree.news_index, title="Flooded article")
        cls.reader = get_user_model().objects.create_user("reader", "reader@example.org", "x")

    def setUp(self):
        self.redis = get_redis_connection("default")
        self.maxmemory = self.redis.config_get("maxmemory")["maxmemory"]
        self.redis.config_set("maxmemory", "4mb")  # small, so that a short flood fills it
        self.addCleanup(self.redis.config_set, "maxmemory", self.maxmemory)

    def test_a_flood_that_fills_the_page_cache_evicts_no_session_and_no_rate_limit(self):
        reader = Client()
        self.assertTrue(reader.login(username="reader", password="x"))
        for _ in range(3):
            take_from_allowance(key="post:192.0.2.1", limit=3, window_seconds=600)
        evicted_before = self.redis.info("stats")["evicted_keys"]
        filler = "x" * 50_000
        for number in range(400):  # 20 MB of pages into a 4 MB cache
            caches["default"].set(f"page-cache:entry:flood:{number}", filler, 600)
            Client().get(f"{self.article.url}?flood={number}")  # and readers' made-up addresses
        self.assertGreater(self.redis.info("stats")["evicted_keys"], evicted_before, "the cache was full")
        response = reader.get(self.article.url)
        self.assertEqual(response.wsgi_request.user.username, "reader", "the reader is still logged in")
        self.assertFalse(
            take_from_allowance(key="post:192.0.2.1", limit=3, window_seconds=600), "the limit still holds"
        )

    def test_the_state_store_never_evicts(self):
        state = get_redis_connection("state")
        self.assertEqual(state.config_get("maxmemory-policy")["maxmemory-policy"], "noeviction")
        self.assertEqual(settings.SESSION_CACHE_ALIAS, "state")
        self.assertNotEqual(
            settings.CACHES["state"]["LOCATION"], settings.CACHES["default"]["LOCATION"], "a store of its own"
        )


class EmbeddedDefaultTests(SimpleTestCase):
    """`make run` as a new user runs it: SQLite, the dev settings, the dev server, and the shell beside it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workdir = Path(tempfile.mkdtemp(prefix="newsroom-make-run-"))
        cls.port = free_port()
        cls.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("REDIS_URL", "STATE_REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
        }
        cls.env |= {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{cls.workdir / 'db.sqlite3'}",
            "CACHE_DIR": str(cls.workdir / "cache"),
            "MEDIA_ROOT": str(cls.workdir / "media"),
            "PORT": str(cls.port),
        }
        for command in (["migrate", "--noinput"], ["load_demo_content"]):
            cls.manage(*command)
        cls.server = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{cls.port}", "--noreload"],
            cwd=ROOT,
            env=cls.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(200):
            try:
                cls.get("/")
                break
            except OSError:
                time.sleep(0.1)

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=10)
        shutil.rmtree(cls.workdir, ignore_errors=True)
        super().tearDownClass()

    @classmethod
    def manage(cls, *args):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args], cwd=ROOT, env=cls.env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    @classmethod
    def get(cls, path):
        with urllib.request.urlopen(f"http://127.0.0.1:{cls.port}{path}", timeout=10) as response:  # noqa: S310
            return response.headers.get("X-Page-Cache"), response.read().decode()

    def test_an_erasure_from_the_shell_is_seen_by_the_running_site_within_a_second(self):
        article = "/news/police-lead-urges-focus-on-highest-risk-offenders/"
        found = self.manage(
            "shell",
            "-c",
            "from django_comments_xtd.models import XtdComment\n"
            "c = XtdComment.objects.filter(is_public=True, is_removed=False).order_by('pk').first()\n"
            "print(c.user_email); print(c.comment[:40])",
        ).splitlines()
        email, text = found[-2], found[-1]
        self.get(article)
        time.sleep(0.6)  # past the worker's own half-second copy: the next answer comes from the shared cache
        cached, body = self.get(article)
        self.assertEqual(cached, "hit")
        self.assertIn(text, body)
        self.manage("erase_commenter_data", email, "--remove-text")
        time.sleep(1)
        _cached, body = self.get(article)
        self.assertNotIn(text, body)
