"""The one owner of caching: every way content changes reaches every place a page or its rows are kept.

Write paths (services, admin actions, management commands) and the receivers that translate Wagtail's and
Django's signals call the event API below; nobody else names the layers it drives:

- each worker's copies of whole pages (``pages.WorkerPageCache``, half a second) and of the site's
  structure (``structure``: the Site of a host, settings, the menu);
- the shared cache (Redis in production, files for ``make run``): whole pages for anonymous readers
  (``pages.PageCacheMiddleware``) and data kept per page (``kept_for_page``, e.g. its rows of comments);
- caches in front (nginx), purged through Wagtail's frontend cache (``frontend``).

Pages declare where they are shown (``get_pages_showing_this``, ``get_urls_showing_this``,
``is_shown_on_every_page``); the events ask them, never their types.

Purges run at once and again when the transaction commits: at once so the next reader in the same process
sees the change, after the commit so that a reader who rendered the old version in between cannot leave
it cached.
"""

import copy
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from config.caching import generations, pages, structure
from config.caching.pages import mark_public, public_view

__all__ = [
    "comments_changed",
    "everything_changed",
    "kept_briefly",
    "kept_for_page",
    "mark_public",
    "page_changed",
    "public_view",
    "remembered",
    "structure_changed",
    "subtree_changed",
]

KEPT_SECONDS = 3600  # data kept per page is dropped by its generation; this only bounds what a cache holds
PAGE_DATA_EVERYTHING_KEY = "page-data:generation"


def page_changed(*, page):
    """A page was published, unpublished or deleted: it, the pages that show it and their feeds change."""
    structure_changed()
    _forget_page_data([page.pk])
    page = page.specific_deferred
    if _is_shown_on_every_page(page):
        everything_changed()
        return
    batch = PurgeBatch()
    batch.add_urls(_cached_urls(page))
    _add_pages_showing(batch, page)
    _purge(batch)


def subtree_changed(*, page, old_url_path=None):
    """Who may see a page, its place or its address changed: it and every page below it, at old and new addresses."""
    structure_changed()
    from wagtail.models import Page  # models are loaded after this package (it is an installed app)

    below = list(Page.objects.descendant_of(page, inclusive=True).live().specific(defer=True))
    _forget_page_data([item.pk for item in below])
    if any(_is_shown_on_every_page(item) for item in below):
        everything_changed()
    batch = PurgeBatch()
    for item in below:
        batch.add_urls(_cached_urls(item))
        if old_url_path and item.url_path.startswith(page.url_path):
            batch.add_urls(_cached_urls(item, url_path=old_url_path + item.url_path[len(page.url_path) :]))
    _add_pages_showing(batch, page.specific_deferred)
    _purge(batch)


def comments_changed(*, pages=(), page_pks=()):
    """What readers see of these pages' comments changed: their threads, feeds and the counts on their cards.

    Which addresses show a page's comments is kept in the shared cache under the structure generation
    (any page saved, moved or restricted moves it on), so a burst of comments on one page asks the
    database once, not once a comment.
    """
    page_pks = {page.pk for page in pages} | set(page_pks)
    if not page_pks:
        return
    batch = PurgeBatch()
    showing = set()
    for urls, showing_pks in _comment_addresses(page_pks):
        batch.add_urls(urls)
        showing.update(showing_pks)
    _forget_page_data(sorted(page_pks | showing))
    _purge(batch)


def _comment_addresses(page_pks):
    """For each page: the addresses that show its comments, and the pages among them (kept, see above)."""
    (generation,) = generations.current([structure.GENERATION_KEY])
    keys = {pk: f"comment-addresses:{generation}:{pk}" for pk in page_pks}
    kept = cache.get_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in kept]
    if missing:
        from wagtail.models import Page

        found = {page.pk: page for page in Page.objects.filter(pk__in=missing).specific(defer=True)}
        made = {}
        for pk in missing:
            page = found.get(pk)
            showing = [item.specific_deferred for item in _pages_showing(page)] if page else []
            urls = _cached_urls(page) + [url for item in showing for url in _cached_urls(item)] if page else []
            urls += list(getattr(page, "get_urls_showing_this", list)())
            made[keys[pk]] = (urls, [item.pk for item in showing])
        cache.set_many(made, KEPT_SECONDS)
        kept.update(made)
    return [kept[key] for key in keys.values()]


def structure_changed():
    """A page, its place or its restrictions, a site, its settings or an image changed: workers look again."""
    _now_and_after_commit(structure.forget)


def everything_changed():
    """Something every page shows changed (the menu, site-wide settings): drop every kept page."""
    structure_changed()
    _now_and_after_commit(pages.purge_everything)
    _now_and_after_commit(lambda: generations.move_on([PAGE_DATA_EVERYTHING_KEY]))
    shared_caches = [name for name in settings.WAGTAILFRONTENDCACHE if name != "django"]
    if shared_caches:  # they purge address by address: every live page's
        from wagtail.models import Page

        batch = PurgeBatch()
        for page in Page.objects.live().specific(defer=True).iterator():
            batch.add_urls(_cached_urls(page))
        _now_and_after_commit(lambda: batch.purge(backends=shared_caches))


def kept_for_page(*, page_pk, key, compute):
    """``compute()``'s answer for this page, kept in the shared cache until the page, its comments or a page
    it shows change (or everything does).

    Like WordPress's object cache: each page is still made for its reader, from data read once per change
    instead of once per request. Each call gets its own copy (the cache pickles).
    """
    everything, generation = generations.current([PAGE_DATA_EVERYTHING_KEY, _page_data_generation_key(page_pk)])
    cache_key = f"page-data:{page_pk}:{everything}:{generation}:{key}"
    kept = cache.get(cache_key)
    if kept is None:
        kept = (compute(),)
        cache.set(cache_key, kept, KEPT_SECONDS)
    return kept[0]


def page_data_changed(*, page_pks):
    """Data kept for these pages is read afresh (a write readers don't see yet, e.g. a held comment's row)."""
    _forget_page_data(page_pks)


def kept_briefly(*, parts, seconds, compute):
    """``compute()``'s answer kept for ``seconds`` under everything it depends on (``parts``), e.g. a userbar."""
    key = "kept-briefly:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    kept = cache.get(key)
    if kept is None:
        kept = compute()
        cache.set(key, kept, seconds)
    return kept


remembered = structure.remembered


def _forget_page_data(page_pks):
    keys = [_page_data_generation_key(pk) for pk in page_pks]
    _now_and_after_commit(lambda: generations.move_on(keys))


def _page_data_generation_key(page_pk):
    return f"page-data:{page_pk}:generation"


def _is_shown_on_every_page(page):
    declared = getattr(page, "is_shown_on_every_page", None)
    return bool(declared and declared())


def _cached_urls(page, *, url_path=None):
    """Every address of the page that a cache may keep (its ``get_cached_paths``), at ``url_path`` if given."""
    if url_path is not None:
        page = _at(page, url_path)
    page_url = page.get_full_url()
    if page_url is None:  # not routable from any site
        return []
    return [page_url + path.lstrip("/") for path in page.get_cached_paths()]


def _at(page, url_path):
    """A copy of the page as it stood at another address (for purging where it was before a move)."""
    moved = copy.copy(page)
    moved.url_path = url_path
    return moved


def _pages_showing(page):
    return getattr(page, "get_pages_showing_this", list)()


def _add_pages_showing(batch, page):
    """The pages that show this one: their stored copies and the data kept for them change with it."""
    showing = [item.specific_deferred for item in _pages_showing(page)]
    for item in showing:
        batch.add_urls(_cached_urls(item))
    _forget_page_data([item.pk for item in showing])
    batch.add_urls(getattr(page, "get_urls_showing_this", list)())


def _purge(batch):
    _now_and_after_commit(batch.purge)


def _now_and_after_commit(purge):
    purge()
    if connection.in_atomic_block:
        transaction.on_commit(purge)
