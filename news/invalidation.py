"""Which cached addresses a change alters, handed to Wagtail's frontend cache (Django's cache and nginx).

Anonymous readers get cached pages (config.page_cache). A page's own addresses are its
``get_cached_paths()``; on top of those, a change reaches every listing that shows the page as a card
(cards show the comment count too) and the comment feeds. Nothing else is purged, except after a change
that every page shows (the main menu, site-wide settings, help messages), which purges everything.

Purges run at once and again when the transaction commits: at once so the next reader in the same
process (and the test client) sees the change, after the commit so that a reader who rendered the old
version in between cannot leave it cached.
"""

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch, purge_pages_from_cache
from wagtail.models import Page, Site

from config import generations
from config.page_cache import purge_everything
from home import structure
from news.comments import selectors


def page_changed(*, page):
    """A page was published, unpublished or deleted: it, the listings that show it and its feeds change."""
    structure_changed()
    page = page.specific
    if _in_main_menu(page):
        everything_changed()
        return
    batch = PurgeBatch()
    batch.add_page(page)
    parent = page.get_parent()
    if parent.depth > 1:
        batch.add_page(parent)  # its listing, and its feed when it has one (Wagtail asks its specific page)
    for listing in _listings_showing(page, changed_page=True):
        batch.add_url(listing.get_full_url())
    if hasattr(page, "effective_comments_mode"):
        _add_site_comment_feed(batch, page)
    _purge(batch)


def comments_changed(*, pages):
    """Published comments changed on these pages: their threads, feeds and the counts on their cards."""
    pages = {page.pk: page for page in pages}
    comment_rows_changed(page_pks=list(pages))
    batch = PurgeBatch()
    for page in (page.specific for page in pages.values()):
        batch.add_page(page)
        for listing in [page.get_parent(), *_listings_showing(page)]:
            if listing.depth > 1:
                batch.add_url(listing.get_full_url())
        _add_site_comment_feed(batch, page)
    _purge(batch)


def comment_rows_changed(*, page_pks):
    """Comment rows of these pages were written: the rows kept for their readers are read afresh."""
    keys = [selectors.kept_rows_generation_key(pk) for pk in page_pks]
    _now_and_after_commit(lambda: generations.move_on(keys))


def comments_changed_on(*, comments):
    """``comments_changed`` for the pages these comment rows belong to."""
    page_ids = {int(comment.object_pk) for comment in comments if str(comment.object_pk).isdigit()}
    if page_ids:
        comments_changed(pages=Page.objects.filter(pk__in=page_ids).specific())


def everything_changed():
    """Something every page shows changed: drop every cached page."""
    structure_changed()
    _now_and_after_commit(purge_everything)
    shared_caches = [name for name in settings.WAGTAILFRONTENDCACHE if name != "django"]
    if shared_caches:  # they purge address by address: every live page's
        pages = Page.objects.live().public().specific()
        _now_and_after_commit(lambda: purge_pages_from_cache(pages, backends=shared_caches))


def structure_changed():
    """A page, its place or its restrictions, a site or its settings changed: workers look them up again."""
    _now_and_after_commit(structure.forget)


def _purge(batch):
    _now_and_after_commit(batch.purge)


def _now_and_after_commit(purge):
    purge()
    if connection.in_atomic_block:
        transaction.on_commit(purge)


def _in_main_menu(page):
    """The main menu lists a site root's children that are shown in menus (see navigation_tags)."""
    return page.show_in_menus and Site.objects.filter(root_page_id=page.get_parent().pk).exists()


def _add_site_comment_feed(batch, page):
    site = page.get_site()
    if site is not None:
        batch.add_url(site.root_url + reverse("latest_comments_feed"))


def _listings_showing(page, *, changed_page=False):
    """Pages other than the parent that may show this page as a card (with its comment count)."""
    from home.models import HOME_LATEST_ARTICLES, HomeFeaturedCampaign, HomePage
    from news.models import CampaignPage, NewsArticlePage

    if isinstance(page, NewsArticlePage):
        tag_ids = list(page.tags.values_list("pk", flat=True))
        related = Q(related_news=page) | Q(pk__in=page.related_campaigns.values("pk"))
        if tag_ids:
            related |= Q(tags__in=tag_ids)
        listings = list(CampaignPage.objects.live().filter(related).distinct())
        if _among_latest(page, limit=HOME_LATEST_ARTICLES, changed_page=changed_page):
            listings += list(HomePage.objects.live())
        return listings
    if isinstance(page, CampaignPage):
        featuring = HomeFeaturedCampaign.objects.filter(campaign=page).values("page_id")
        return [
            *NewsArticlePage.objects.live().filter(related_campaigns=page),
            *HomePage.objects.live().filter(pk__in=featuring),
        ]
    return []


def _among_latest(article, *, limit, changed_page):
    """Whether the home page's latest news shows the article (or did, or now does, when it was (un)published)."""
    from news import selectors

    latest = selectors.latest_articles(limit=limit)
    if any(item.pk == article.pk for item in latest):
        return True
    if not changed_page:
        return False
    if len(latest) < limit:
        return True
    last = latest[-1]
    return (article.date, article.pk) >= (last.date, last.pk)
