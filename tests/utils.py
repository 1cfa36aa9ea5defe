"""Shared builders for tests: a site tree like the real one, built once per test class."""

from types import SimpleNamespace

from home.factories import home_page_as_site_root
from news.factories import CampaignIndexPageFactory, NewsIndexPageFactory


def build_site_tree():
    """Home page at the default site's root, with a news index and a campaign index under it."""
    home = home_page_as_site_root()
    news_index = NewsIndexPageFactory(parent=home, show_in_menus=True)
    campaign_index = CampaignIndexPageFactory(parent=home, show_in_menus=True)
    return SimpleNamespace(home=home, news_index=news_index, campaign_index=campaign_index)
