"""Shared builders for tests: a site tree like the real one, built once per test class."""

from types import SimpleNamespace

from home.factories import home_page_as_site_root
from news.comments.models import CommentSettings
from news.factories import CampaignIndexPageFactory, NewsIndexPageFactory


def build_site_tree():
    """Home page at the default site's root, with a news index and a campaign index under it."""
    home = home_page_as_site_root()
    news_index = NewsIndexPageFactory(parent=home, show_in_menus=True)
    campaign_index = CampaignIndexPageFactory(parent=home, show_in_menus=True)
    return SimpleNamespace(home=home, news_index=news_index, campaign_index=campaign_index)


def set_comment_rules(site, **values):
    """Change the site's Comments setting (e.g. premoderate_anonymous=False) and return it."""
    comment_settings = CommentSettings.for_site(site)
    for name, value in values.items():
        setattr(comment_settings, name, value)
    comment_settings.save()
    return comment_settings


def open_comment_rules(site):
    """Publish readers' comments at once and allow many per address: for tests about display, not moderation."""
    return set_comment_rules(site, premoderate_anonymous=False, min_seconds_to_write=0, rate_limit_count=10_000)
