"""Two readers hold a threaded conversation under an article in Chromium."""

import pytest

from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree, open_comment_rules

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_comments_and_another_replies(live_server, browser):
    tree = build_site_tree()
    open_comment_rules(tree.home.get_site())
    article = NewsArticlePageFactory(parent=tree.news_index, title="Helpline calls rise")

    first = browser.new_context().new_page()
    first.goto(live_server.url + article.url)
    first.get_by_label("Your name").fill("Ann")
    first.get_by_label("E-mail").fill("ann.reader@example.org")
    first.get_by_label("Comment", exact=True).fill("This matters.\n\nMore at https://example.org/report")
    first.get_by_role("button", name="Send comment").click()
    first.wait_for_url("**#c*")
    ann = first.locator(".comment").filter(has_text="This matters.").first
    assert ann.locator(".comment__author").inner_text() == "Ann"
    assert ann.locator(".comment__body p").count() == 2
    assert ann.locator(".comment__body a").get_attribute("rel") == "nofollow ugc noopener"
    ann_id = ann.get_attribute("id")

    second = browser.new_context().new_page()
    second.goto(live_server.url + article.url)
    second.locator(f"#{ann_id} .comment__reply").first.click()  # JavaScript opens the form under Ann's comment
    assert second.locator(f"#{ann_id} #comment-form").count() == 1
    second.get_by_label("Your name").fill("Bo")
    second.get_by_label("E-mail").fill("bo.reader@example.org")
    second.get_by_label("Comment", exact=True).fill("Agreed, thank you.")
    second.get_by_role("button", name="Send comment").click()
    second.wait_for_url("**#c*")
    assert "Your comment is published." in second.content()

    first.reload()
    reply = first.locator(f"#{ann_id} .comment").filter(has_text="Agreed, thank you.")
    assert reply.count() == 1
    assert reply.locator(".comment__author").inner_text() == "Bo"
    page_html = first.content()
    assert "ann.reader@example.org" not in page_html
    assert "bo.reader@example.org" not in page_html
