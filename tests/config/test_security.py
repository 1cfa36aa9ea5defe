"""Security headers, the Content-Security-Policy, admin login lockout, documents and uploads."""

import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import TestCase, override_settings
from wagtail.documents.models import Document
from wagtail.images.models import Image

from news.comments.factories import CommentFactory
from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree

ROOT = Path(__file__).resolve().parents[2]


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


class PublicPagesPolicyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        cls.article = NewsArticlePageFactory(parent=tree.news_index)
        cls.comment = CommentFactory(page=cls.article)

    def public_urls(self):
        return [
            "/",
            "/news/",
            self.article.url,
            f"{self.article.url}comments/reply/{self.comment.pk}/",
            f"{self.article.url}comments/{self.comment.pk}/report/",
            "/campaigns/",
            "/search/?query=article",
            "/no-such-page/",
        ]

    def test_public_pages_allow_no_inline_script(self):
        for url in self.public_urls():
            with self.subTest(url):
                response = self.client.get(url)
                policy = directives(response["Content-Security-Policy"])
                self.assertEqual(policy["script-src"], ["'self'"])
                self.assertEqual(policy["object-src"], ["'none'"])
                self.assertIn("frame-ancestors", policy)
                soup = BeautifulSoup(response.content, "html.parser")
                inline = [s for s in soup.find_all("script") if not s.get("src")]
                self.assertEqual(inline, [], "public pages must not carry inline scripts")

    def test_other_security_headers(self):
        response = self.client.get("/")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "strict-origin-when-cross-origin")
        self.assertEqual(response["X-Frame-Options"], "DENY")

    def test_the_admin_has_its_own_policy(self):
        user = get_user_model().objects.create_superuser("admin", "admin@staff.example", "pw")
        self.client.force_login(user)
        response = self.client.get("/admin/")
        policy = directives(response["Content-Security-Policy"])
        self.assertIn("'unsafe-inline'", policy["script-src"])
        self.assertEqual(policy["object-src"], ["'none'"])
        self.assertEqual(response.status_code, 200)


@override_settings(AXES_ENABLED=True)
class AdminLoginLockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = get_user_model().objects.create_superuser("editor", "editor@staff.example", "the-right-password")

    def attempt(self, password, username="editor"):
        return self.client.post("/admin/login/", {"username": username, "password": password})

    def test_five_wrong_passwords_lock_the_account_from_that_address(self):
        for _ in range(4):
            self.assertEqual(self.attempt("wrong").status_code, 200)
        locked = self.attempt("wrong")
        self.assertEqual(locked.status_code, 429)
        self.assertContains(locked, "Too many failed log-in attempts", status_code=429)
        self.assertEqual(self.attempt("the-right-password").status_code, 429)  # even the right one, for now
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_success_before_the_limit_resets_the_count(self):
        for _ in range(4):
            self.attempt("wrong")
        self.assertEqual(self.attempt("the-right-password").status_code, 302)
        self.client.logout()
        for _ in range(4):
            self.assertEqual(self.attempt("wrong").status_code, 200)


class UploadTests(TestCase):
    def setUp(self):
        build_site_tree()
        user = get_user_model().objects.create_superuser("admin", "admin@staff.example", "pw")
        self.client.force_login(user)

    def test_svg_images_are_refused(self):
        svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
        response = self.client.post(
            "/admin/images/add/", {"title": "Logo", "file": ContentFile(svg, name="logo.svg"), "collection": 1}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Not a supported image format")
        self.assertFalse(Image.objects.exists())

    def test_documents_are_downloads_that_cannot_run_content(self):
        document = Document.objects.create(title="Report", file=ContentFile(b"%PDF-1.4 test", name="report.pdf"))
        response = self.client.get(document.url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Disposition"].startswith("attachment"))
        self.assertIn("default-src 'none'", response["Content-Security-Policy"])


def test_the_admin_path_is_configurable():
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")}
    code = (
        "import sys; sys.path.insert(0, 'site'); import os;"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.dev';"
        "import django; django.setup(); from django.urls import reverse; print(reverse('wagtailadmin_home'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "WAGTAIL_ADMIN_PATH": "editorial-desk"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip().endswith("/editorial-desk/"), result.stderr
