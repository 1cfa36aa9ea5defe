"""A reader opens the home page in Chromium, follows a link to an article and reads its title."""

import pytest

from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_follows_a_link_from_home_to_an_article(live_server, page):
    tree = build_site_tree()
    site = tree.home.get_site()
    site.port = live_server.url.rsplit(":", 1)[1]
    site.hostname = "localhost"
    site.save()
    NewsArticlePageFactory(parent=tree.news_index, title="Police call for focus on high-risk offenders")

    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Protecting children, online and off"
    page.get_by_role("link", name="Police call for focus on high-risk offenders").click()
    page.wait_for_url("**/news/police-call-for-focus-on-high-risk-offenders/")
    assert page.locator("h1").inner_text() == "Police call for focus on high-risk offenders"
    assert page.title().startswith("Police call for focus on high-risk offenders")
