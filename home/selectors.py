"""Reads of pages that every page shows (the main menu), and the filter that keeps listings public."""

from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from wagtail.models import PageViewRestriction


def live_public(pages):
    """Live pages that no view restriction (on them or above them) hides, decided inside the same query.

    Wagtail's ``public()`` first lists every restriction in a query of its own.
    """
    restricted = PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
    return pages.live().filter(~Exists(restricted))


def menu_pages(*, site):
    """The site root's live, public children marked "show in menus", in tree order."""
    return live_public(site.root_page.get_children().in_menu())
