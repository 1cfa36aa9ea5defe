"""A moderator approves two held comments in bulk from Wagtail's admin; they appear on the article."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from news.comments.factories import CommentFactory
from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_moderator_bulk_approves_from_the_queue(live_server, page, tmp_path):
    tree = build_site_tree()
    article = NewsArticlePageFactory(parent=tree.news_index, title="Helpline figures")
    CommentFactory(page=article, comment="Held for a first-time commenter", is_public=False)
    CommentFactory(page=article, comment="Another held comment", is_public=False)
    moderator = get_user_model().objects.create_user("mod", "mod@staff.example", "a-long-password-9")
    moderator.groups.add(Group.objects.get(name="Comment moderators"))

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "mod")
    page.fill("#id_password", "a-long-password-9")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.get_by_role("link", name="Reader comments").first.click()
    page.wait_for_url("**/admin/reader-comments/")
    assert page.locator('[id^="snippet_"][id$="_title"]').count() == 2
    page.locator("input[data-bulk-action-select-all-checkbox]").first.check()
    page.screenshot(path=str(tmp_path / "moderation-queue.png"), full_page=True)
    page.locator("[data-bulk-action-footer] a, [data-bulk-action-footer] button").filter(
        has_text="Approve"
    ).first.click()
    page.get_by_role("button", name="Yes, approve").click()
    page.wait_for_url("**/admin/reader-comments/**")
    assert "Approved 2 comments." in page.content()
    page.screenshot(path=str(tmp_path / "after-approval.png"), full_page=True)
    print(f"\nScreenshots: {tmp_path}/moderation-queue.png, after-approval.png")

    page.goto(live_server.url + article.url)
    assert page.get_by_text("Held for a first-time commenter").is_visible()
    assert page.get_by_text("Another held comment").is_visible()
