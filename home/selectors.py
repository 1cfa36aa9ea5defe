"""Reads of what every page shows (the menu, site settings), and the filter that keeps listings public."""

from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from wagtail.models import PageViewRestriction, Site

import config.caching as caching


def live_public(pages):
    """Live pages that no view restriction (on them or above them) hides, decided inside the same query.

    Wagtail's ``public()`` first lists every restriction in a query of its own.
    """
    restricted = PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
    return pages.live().filter(~Exists(restricted))


def menu_pages(*, site):
    """The site root's live, public children marked "show in menus", in tree order."""
    return live_public(site.root_page.get_children().in_menu())


def load_site_settings(*models, request):
    """Put each site setting on the request, from this worker's copy, where ``for_request`` looks first.

    Wagtail reads a setting once per request; it changes only when an editor saves it (config.caching).
    """
    site = Site.find_for_request(request)
    if site is None:
        return
    for model in models:
        if hasattr(request, model.get_cache_attr_name()):
            continue
        key = ("site-setting", model._meta.label, site.pk)
        setting = caching.remembered(request, key, lambda model=model: model.for_site(site))
        setting._request = request  # as for_request leaves it, for page_url
        setattr(request, model.get_cache_attr_name(), setting)
