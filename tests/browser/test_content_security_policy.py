"""Under the real headers in Chromium, public pages and the admin load without a single CSP violation."""

import pytest
from django.contrib.auth import get_user_model

from news.comments.factories import CommentFactory
from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_csp_violations_on_public_pages_or_in_the_admin(live_server, page):
    tree = build_site_tree()
    article = NewsArticlePageFactory(parent=tree.news_index, title="Under policy")
    CommentFactory(page=article, comment="A comment to render")
    get_user_model().objects.create_superuser("admin", "admin@staff.example", "a-long-password-9")
    violations = []

    def record_violation(message):
        if "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", record_violation)

    for url in ("/", "/news/", "/campaigns/", article.url):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
    page.locator(".comment__reply").first.click()  # the inline-reply script runs under the policy
    assert page.locator(".comment #comment-form").count() == 1

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "a-long-password-9")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    for url in ("/admin/", "/admin/reader-comments/", f"/admin/pages/{article.pk}/edit/"):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
    assert violations == []
