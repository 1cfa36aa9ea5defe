"""Shared builders for tests: a site tree like the real one, built once per test class."""

from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page

from home.factories import home_page_as_site_root
from news.comments.groups import ensure_moderators_group
from news.comments.models import CommentSettings
from news.factories import CampaignIndexPageFactory, NewsIndexPageFactory
from news.safeguarding.groups import ensure_leads_group


def ensure_migrated_data():
    """The locale, root page, root collection, moderators and leads groups that migrations create.

    Transactional tests (the browser tests) flush the database afterwards, taking these rows with it.
    """
    ensure_moderators_group(group_model=Group, permission_model=Permission)
    ensure_leads_group(group_model=Group, permission_model=Permission)
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", draft_title="Root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def build_site_tree():
    """Home page at the default site's root, with a news index and a campaign index under it."""
    ensure_migrated_data()
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
