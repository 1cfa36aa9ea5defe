"""Absolute links come from the Wagtail Site and WAGTAILADMIN_BASE_URL, never from the request's Host header.

Issue 13, defect 12: feeds, the sitemap, ``canonical``, ``og:url``/``og:image`` and the commenter data export
said ``http://localhost/`` in development, and mail links said port 8000 whatever ``PORT`` was. Here the
default Site is where `make run` puts it (127.0.0.1 and its port), every request carries another allowed
Host (a forged Host must not change the links a response gives, nor what a cache keeps of it), and each
link must still be the Site's. Links to the admin in mail follow WAGTAILADMIN_BASE_URL.
"""

import json
import os
import subprocess
import sys
from io import StringIO
from unittest import mock

from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.models import Site

from home.factories import ImageFactory
from news.comments import notifications
from news.comments.factories import CommentFactory
from news.comments.models import CommentModeration
from news.factories import NewsArticlePageFactory
from tests.news.comments.helpers import run_mail_worker
from tests.utils import build_site_tree, ensure_migrated_data

SITE = "http://127.0.0.1:8123"
OTHER_HOST = "other.example:8080"  # allowed (the test settings allow any host), but no Site's
ADMIN_BASE_URL = "https://editors.example.org:9443"
ATOM_LINK = "{http://www.w3.org/2005/Atom}link"
SITEMAP_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def serve_site_on(hostname, port):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = hostname, port
    site.save()
    return site


class SiteAddressTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        serve_site_on("127.0.0.1", 8123)
        cls.article = NewsArticlePageFactory(
            parent=cls.tree.news_index, slug="on-prevention", title="On prevention", social_image=ImageFactory()
        )
        cls.comment = CommentFactory(page=cls.article, user_email="reader@example.org")

    def get(self, url, **kwargs):
        response = self.client.get(url, headers={"Host": OTHER_HOST}, **kwargs)
        self.assertEqual(response.status_code, 200, url)
        self.assertNotIn("other.example", response.content.decode())
        return response

    def assert_on_site(self, urls):
        self.assertTrue(urls)
        for url in urls:
            self.assertTrue(url.startswith(SITE + "/"), url)


class FeedAndPageLinkTests(SiteAddressTestCase):
    def feed_links(self, url):
        channel = ET.fromstring(self.get(url).content).find("channel")
        links = [channel.findtext("link"), channel.find(ATOM_LINK).get("href")]
        for item in channel.findall("item"):
            links += [item.findtext("link"), item.findtext("guid")]
        return links

    def test_news_feed(self):
        links = self.feed_links("/news/feed/")
        self.assert_on_site(links)
        self.assertIn(f"{SITE}/news/feed/", links)
        self.assertIn(f"{SITE}/news/on-prevention/", links)

    def test_page_comment_feed(self):
        links = self.feed_links("/news/on-prevention/comments/feed/")
        self.assert_on_site(links)
        self.assertIn(f"{SITE}/news/on-prevention/comments/feed/", links)
        self.assertIn(f"{SITE}/news/on-prevention/comments/{self.comment.pk}/", links)

    def test_latest_comments_feed(self):
        links = self.feed_links("/comments/feed/")
        self.assert_on_site(links)
        self.assertEqual(links[:2], [f"{SITE}/", f"{SITE}/comments/feed/"])

    def test_sitemap(self):
        locations = [loc.text for loc in ET.fromstring(self.get("/sitemap.xml").content).iter(SITEMAP_LOC)]
        self.assert_on_site(locations)
        self.assertIn(f"{SITE}/news/on-prevention/", locations)

    def test_canonical_og_url_and_og_image(self):
        soup = BeautifulSoup(self.get("/news/on-prevention/").content, "html.parser")
        canonical = soup.find("link", rel="canonical")["href"]
        og_url = soup.find("meta", property="og:url")["content"]
        images = [
            soup.find("meta", property="og:image")["content"],
            soup.find("meta", attrs={"name": "twitter:image"})["content"],
        ]
        self.assertEqual(canonical, f"{SITE}/news/on-prevention/")
        self.assertEqual(og_url, canonical)
        self.assert_on_site(images)
        self.assertTrue(images[0].startswith(f"{SITE}{settings.MEDIA_URL}"), images[0])


class ExportLinkTests(SiteAddressTestCase):
    def test_export_from_the_admin_gives_the_sites_address(self):
        admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
        self.client.force_login(admin)
        response = self.client.post(
            "/admin/reader-comments-data/",
            {"email": "reader@example.org", "action": "export"},
            headers={"Host": OTHER_HOST},
        )
        self.assertEqual(response.status_code, 200)
        (entry,) = json.loads(response.content)["comments"]
        self.assertEqual(entry["page_url"], f"{SITE}/news/on-prevention/")

    def test_export_command_gives_the_sites_address(self):
        out = StringIO()
        call_command("export_commenter_data", "reader@example.org", stdout=out)
        (entry,) = json.loads(out.getvalue())["comments"]
        self.assertEqual(entry["page_url"], f"{SITE}/news/on-prevention/")


@override_settings(WAGTAILADMIN_BASE_URL=ADMIN_BASE_URL)
class MailLinkTests(SiteAddressTestCase):
    """Public links in mail are the page's Site's; the link to the admin follows WAGTAILADMIN_BASE_URL."""

    def setUp(self):
        get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")

    def links_in_mail(self):
        run_mail_worker()
        return {message.subject: message for message in mail.outbox}

    def test_moderators_mail_links_to_the_admin_at_its_base_url(self):
        with self.captureOnCommitCallbacks(execute=True):
            notifications.notify_moderators_of_held_comment(comment=self.comment, page=self.article, reason="held")
        (message,) = self.links_in_mail().values()
        edit = reverse("reader_comments:screen", args=[self.comment.pk])
        self.assertIn(f"Review it: {ADMIN_BASE_URL}{edit}\n", message.body)

    def test_reply_and_confirmation_mail_link_to_the_sites_address(self):
        parent = CommentFactory(page=self.article, followup=True)
        CommentModeration.objects.create(comment=parent, unsubscribe_token="u" * 40)
        reply = CommentFactory(page=self.article, parent=parent)
        with self.captureOnCommitCallbacks(execute=True):
            notifications.notify_author_of_reply(
                reply=reply, parent=parent, page=self.article, unsubscribe_token="u" * 40
            )
            notifications.ask_to_confirm(comment=reply, page=self.article, confirmation_token="c" * 40)
        messages = list(self.links_in_mail().values())
        self.assertEqual(len(messages), 2)
        bodies = "\n".join(message.body for message in messages)
        self.assertIn(f"{SITE}/news/on-prevention/comments/{reply.pk}/", bodies)
        self.assertIn(f"{SITE}/comments/unsubscribe/{'u' * 40}/", bodies)
        self.assertIn(f"{SITE}/comments/confirm/{'c' * 40}/", bodies)
        self.assertNotIn(ADMIN_BASE_URL, bodies)
        reply_mail = next(message for message in messages if "replied" in message.subject)
        self.assertEqual(reply_mail.extra_headers["List-Unsubscribe"], f"<{SITE}/comments/unsubscribe/{'u' * 40}/>")


class SetSiteAddressCommandTests(TestCase):
    """`make run` points the default Site at the address it serves."""

    @classmethod
    def setUpTestData(cls):
        build_site_tree()

    def site(self):
        return Site.objects.get(is_default_site=True)

    def test_port_from_the_environment(self):
        with mock.patch.dict(os.environ, {"PORT": "8123"}):
            call_command("set_site_address", stdout=StringIO())
        self.assertEqual((self.site().hostname, self.site().port), ("127.0.0.1", 8123))
        self.assertEqual(self.site().root_url, SITE)

    def test_port_option_and_default(self):
        call_command("set_site_address", "--port", "9001", stdout=StringIO())
        self.assertEqual(self.site().port, 9001)
        with mock.patch.dict(os.environ, {"PORT": ""}):
            call_command("set_site_address", stdout=StringIO())
        self.assertEqual(self.site().port, 8000)

    def test_a_bad_port_is_refused(self):
        with mock.patch.dict(os.environ, {"PORT": "eighty"}), self.assertRaises(CommandError):
            call_command("set_site_address", stdout=StringIO())
        self.assertEqual(self.site().port, 80)

    def test_links_follow_at_once(self):
        call_command("set_site_address", "--port", "8123", stdout=StringIO())
        channel = ET.fromstring(self.client.get("/news/feed/").content).find("channel")
        self.assertEqual(channel.findtext("link"), f"{SITE}/news/")


class MakeRunTests(TestCase):
    def test_load_demo_content_keeps_the_sites_address(self):
        """make run's order, run twice: the second load_demo_content must not put the Site back on port 80."""
        ensure_migrated_data()
        for _ in range(2):
            call_command("load_demo_content", stdout=StringIO())
            with mock.patch.dict(os.environ, {"PORT": "8123"}):
                call_command("set_site_address", stdout=StringIO())
        call_command("load_demo_content", stdout=StringIO())
        site = Site.objects.get(is_default_site=True)
        self.assertEqual(site.root_url, SITE)
        channel = ET.fromstring(self.client.get("/news/feed/").content).find("channel")
        self.assertEqual(channel.findtext("link"), f"{SITE}/news/")

    def test_make_run_sets_the_site_and_serves_on_the_same_port(self):
        result = subprocess.run(
            ["make", "--dry-run", "run", "PORT=8123"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
        )
        commands = [line.strip() for line in result.stdout.splitlines() if "manage.py" in line]
        # runserver_with_login points the Site at the address it binds (tests/home/test_run_command.py)
        server = next(i for i, line in enumerate(commands) if "runserver_with_login" in line)
        self.assertLess(commands.index(next(c for c in commands if "load_demo_content" in c)), server)
        self.assertEqual(server, len(commands) - 1)
        self.assertTrue(commands[server].startswith("PORT=8123 "), commands[server])
        self.assertIn("127.0.0.1:8123", commands[server])


def dev_setting(name, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE", "PORT", "WAGTAILADMIN_BASE_URL")
    }
    code = (
        "import sys; sys.path.insert(0, 'site'); import os;"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.dev';"
        f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env={**environment, **env}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_dev_admin_base_url_follows_port():
    assert dev_setting("WAGTAILADMIN_BASE_URL", PORT="8123") == SITE
    assert dev_setting("WAGTAILADMIN_BASE_URL") == "http://127.0.0.1:8000"
    assert dev_setting("WAGTAILADMIN_BASE_URL", PORT="8123", WAGTAILADMIN_BASE_URL=ADMIN_BASE_URL) == ADMIN_BASE_URL
