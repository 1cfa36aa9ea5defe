"""Whole pages kept for anonymous readers: in each worker for half a second, and in the shared cache.

Views opt a response in with ``mark_public``; ``PageCacheMiddleware`` keeps such responses in Django's
cache (Redis in production, files on one machine) under the page's one key (``config.caching.keys``)
and answers repeats before the session, the user or the database are touched. Every stored copy of a
path lives under that path's generation: purging the path (``config.caching.frontend``, called through
Wagtail's frontend cache like nginx's purge) moves it on and drops every copy at once.

A reader whose request carries a session, a flash message or the authorship cookie of a comment they
posted always gets a page made for them, never a stored one (and never stored for anyone else). An
address with query parameters a page does not read is answered, and marked private, never stored.
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse, parse_cookie
from django.utils import timezone
from django.utils.cache import patch_cache_control

from config.caching import generations, keys, structure

STATUS_HEADER = "X-Page-Cache"  # "hit" on answers from this cache (a miss says nothing: nginx keeps it)
EVERYTHING_KEY = "page-cache:generation"
# Headers that belong to one reader's response, never to a copy served to others.
PERSONAL_HEADERS = {"set-cookie"}


def is_cacheable_request(request):
    """An anonymous reader's GET with nothing personal about it: the only kind a cached page may answer."""
    return _is_impersonal(request.META, request.COOKIES)


def _is_impersonal(environ, cookies):
    """``is_cacheable_request`` on the WSGI environ (a request's META) and the request's cookies."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in environ:
        return False
    return not any(name in cookies for name in settings.PAGE_CACHE_BYPASS_COOKIES)


def mark_public(request, response, *, until=None):
    """Let shared caches keep this response for anonymous readers (``private`` for everyone else).

    ``until``: a moment when the page will change by itself (e.g. its comments close); it is not kept
    past it.
    """
    seconds = settings.PAGE_CACHE_SECONDS
    if until is not None:
        seconds = min(seconds, int((until - timezone.now()).total_seconds()))
    cacheable = (
        seconds > 0
        and response.status_code == 200
        and is_cacheable_request(request)
        and not getattr(request, "is_preview", False)
        and not response.cookies
        and keys.page_query(request.META.get("QUERY_STRING", "")) is not None
    )
    if cacheable:
        # Browsers check again every time; shared caches keep it until it is purged (or expires).
        patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
        response["X-Accel-Expires"] = str(seconds)  # nginx's own instruction, not passed on to browsers
    else:
        patch_cache_control(response, private=True)
    return response


def public_view(view):
    """A view whose responses anonymous readers' caches may keep (see ``mark_public``)."""

    @functools.wraps(view)
    def public(request, *args, **kwargs):
        return mark_public(request, view(request, *args, **kwargs))

    return public


def _is_marked_public(response):
    return "public" in response.get("Cache-Control", "") and "X-Accel-Expires" in response


def _entry_key(request):
    """The cache key of this address under the current generations, or None when it is not stored."""
    everything, path, structure_generation = generations.current(
        [EVERYTHING_KEY, keys.path_generation_key(request.path), structure.GENERATION_KEY]
    )
    structure.entries_for(request, generation=structure_generation)
    host = canonical_host(request)
    key = keys.page_key(host=host, path=request.path, query_string=request.META.get("QUERY_STRING", ""))
    return None if key is None else f"page-cache:entry:{everything}:{path}:{key}"


def canonical_host(request):
    """The host of the Wagtail Site that answers this request (the host asked for when no Site does)."""
    asked = request.get_host()

    def site_host():
        from wagtail.models import Site  # models are loaded after this package (it is an installed app)

        site = Site.find_for_request(request)
        return site.root_url.split("://", 1)[-1] if site is not None else asked

    try:
        return structure.remembered(request, ("canonical-host", asked), site_host)
    except DatabaseError:  # an outage: the view will answer it (config.outage); nothing is found or kept
        return asked


class PageCacheMiddleware:
    """Answer anonymous readers from the cache; keep what ``mark_public`` allowed.

    It sits near the top of MIDDLEWARE so that a hit costs no session, user or database work. The key
    is taken before the view runs: a page rendered while a purge happens is stored under the old
    generation, where no one will read it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0 or request.method != "GET" or not is_cacheable_request(request):
            return self.get_response(request)
        key = _entry_key(request)
        if key is None:  # an address no page reads (mark_public makes its answer private)
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None:
            return _response_from(stored)
        response = self.get_response(request)
        if response.status_code == 200 and _is_marked_public(response) and not response.cookies:
            cache.set(key, _stored_form(response), int(response["X-Accel-Expires"]))
        return response


def _stored_form(response):
    headers = [(name, value) for name, value in response.items() if name.lower() not in PERSONAL_HEADERS]
    return response.status_code, headers, response.content


def _response_from(stored):
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[STATUS_HEADER] = "hit"
    return response


def purge_paths(paths):
    """Drop every stored copy of these paths (all query strings, all hosts)."""
    generations.move_on([keys.path_generation_key(path) for path in paths])
    WorkerPageCache.forget_everything()


def purge_everything():
    """Drop every cached page of the Django cache (e.g. after a change to the menu or the site's settings)."""
    generations.move_on([EVERYTHING_KEY])
    WorkerPageCache.forget_everything()


class WorkerPageCache:
    """WSGI wrapper: each worker answers repeats of a public page from its own memory for half a second.

    Under load most requests are repeats of a few pages; answering them before Django's handler, with
    no round trip to Redis, is what lets the app server keep up with a minimal view. Its key is the page's
    one key (``config.caching.keys``) under the host asked for. A purge
    empties this worker's copies at once; other workers' copies are at most ``PAGE_CACHE_WORKER_SECONDS``
    old (0.5 s), and caches in front are told not to keep them. Only responses ``mark_public`` allowed are
    kept, and a request carrying any of the bypass cookies (or credentials) always goes through to Django.
    """

    instances = []

    def __init__(self, application, *, seconds, max_entries=256):
        self.application = application
        self.seconds = seconds
        self.max_entries = max_entries
        self.entries = {}
        WorkerPageCache.instances.append(self)

    @classmethod
    def forget_everything(cls):
        for instance in cls.instances:
            instance.entries.clear()

    def __call__(self, environ, start_response):
        if self.seconds <= 0 or environ.get("REQUEST_METHOD") != "GET":
            return self.application(environ, start_response)
        if not _is_impersonal(environ, parse_cookie(environ.get("HTTP_COOKIE", ""))):
            return self.application(environ, start_response)
        key = keys.page_key(
            host=f"{environ.get('wsgi.url_scheme')}://{environ.get('HTTP_HOST')}",
            path=environ.get("PATH_INFO", "/"),
            query_string=environ.get("QUERY_STRING", ""),
        )
        if key is None:
            return self.application(environ, start_response)
        entry = self.entries.get(key)
        if entry is not None and entry[0] > time.monotonic():
            _expires, status, headers, body = entry
            start_response(status, headers)
            return [body]
        seen = {}

        def remember_start(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.application(environ, remember_start)
        if not self._keepable(seen):
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        if len(self.entries) >= self.max_entries:
            self.entries.clear()
        # A worker's copy may be up to a second behind a purge: caches in front (nginx) must not keep it.
        replaced = {STATUS_HEADER.lower(), "cache-control", "x-accel-expires"}
        headers = [(name, value) for name, value in seen["headers"] if name.lower() not in replaced]
        headers += [(STATUS_HEADER, "hit"), ("Cache-Control", "public, max-age=0, s-maxage=0")]
        headers.append(("X-Accel-Expires", "0"))
        self.entries[key] = (time.monotonic() + self.seconds, seen["status"], headers, body)
        return [body]

    @staticmethod
    def _keepable(seen):
        if not seen.get("status", "").startswith("200"):
            return False
        names = {name.lower(): value for name, value in seen["headers"]}
        return "set-cookie" not in names and "public" in names.get("cache-control", "")
