"""Each worker's copy of what every page request looks up first: its site, the site's settings and the page.

Wagtail asks the database for these on every request (the site by host name, the root page, the pages
an address names, the page in its specific form, each site setting), though they change only when an
editor publishes, moves or deletes a page or saves a site, its settings or an image. Each worker keeps
what it looked up under the *structure generation*, one key of the shared cache (Redis in production):
any such change moves the generation on (``forget``, called by news.invalidation), and every worker
drops its copies on its next request. A request reads the generation once, so a change made through
one worker reaches the others at once. This is the object cache WordPress keeps of its options and
Drupal of its routes; the page itself is still made for each request.

Every request gets its own shallow copies: what one request sets on a page or a setting can't reach
the next. A generation read between a change and its commit is moved on again after the commit
(news.invalidation), so nothing read from the old rows can outlive it.
"""

import copy

from django.http import Http404
from django.http.request import split_domain_port

from config import generations

GENERATION_KEY = "structure:generation"
MAX_ENTRIES = 2_000  # addresses are readers' input: a flood of unknown ones must not grow a worker
_NOT_FOUND = object()
_NOT_FOUND_PAGE = object()


class _Memo:
    """The entries kept under one generation (replaced whole, so threads never see a half-cleared one)."""

    def __init__(self, generation=None):
        self.generation = generation
        self.entries = {}


_memo = _Memo()


def forget():
    """The site's structure changed: every worker drops its copies on its next request."""
    generations.move_on([GENERATION_KEY])


def _entries(request):
    """This worker's entries, checked against the shared generation once per request."""
    global _memo
    if request is None:  # outside a request nothing is kept
        return {}
    entries = getattr(request, "_structure_entries", None)
    if entries is not None:
        return entries
    (generation,) = generations.current([GENERATION_KEY])
    memo = _memo
    if memo.generation != generation or not generation or len(memo.entries) > MAX_ENTRIES:
        memo = _memo = _Memo(generation)
    request._structure_entries = memo.entries
    return memo.entries


def remembered(request, key, compute):
    """``compute()``'s answer for ``key``, kept until the structure changes. ``Http404`` is kept too."""
    entries = _entries(request)
    value = entries.get(key, _NOT_FOUND)
    if value is _NOT_FOUND:
        try:
            value = compute()
        except Http404:
            value = _NOT_FOUND_PAGE
        entries[key] = value
    if value is _NOT_FOUND_PAGE:
        raise Http404  # a new one each time: a kept exception would carry every earlier traceback
    return value


def own_copy(instance):
    """A shallow copy of a kept model instance for one request (related objects it holds are shared)."""
    return copy.copy(instance)


class SiteMiddleware:
    """Hand each request the Wagtail site it is for (``Site.find_for_request``) from this worker's copies.

    A site this worker has not kept yet is looked up by Wagtail as usual, when something asks for it, and
    kept after the response: a request that never asks (a static file, an error) costs no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request._get_raw_host())[0]  # as Site._find_for_request reads them
        key = ("site", hostname, request.get_port())
        entries = _entries(request)
        if key in entries:
            request._wagtail_site = own_copy(entries[key]) if entries[key] is not None else None
        response = self.get_response(request)
        if key not in entries and hasattr(request, "_wagtail_site"):
            entries[key] = request._wagtail_site
        return response
