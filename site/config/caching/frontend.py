"""Wagtail frontend-cache backends: the app's own page cache and nginx's, purged address by address.

``config.caching`` hands every changed address to Wagtail's ``PurgeBatch``, which calls each backend
named in ``WAGTAILFRONTENDCACHE``. nginx keys a page on the Site's host and the decoded path (as
``config.caching.keys`` does), so one purge of a path removes every copy a reader could be served.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import unquote, urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import BaseBackend, HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest

from config.caching import pages

logger = logging.getLogger("wagtail.frontendcache")


class DjangoCacheBackend(BaseBackend):
    """The app's page cache: a purged URL drops every stored copy of its path."""

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        # Pages are kept under the decoded path (``request.path``); Wagtail's URLs of non-ASCII slugs are encoded.
        pages.purge_paths([unquote(urlsplit(url).path) or "/" for url in urls])


class NginxPurgeBackend(HTTPBackend):
    """Wagtail's HTTP purge for nginx's cache_purge module, with a timeout.

    nginx answers 404 for a page it had not cached: that is not a failure. Its key has no query string
    (nginx stores only addresses without one; the app's cache keeps the rest).
    """

    def __init__(self, params):
        self.timeout = params.pop("TIMEOUT", 2)
        super().__init__(params)

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        target = urlunsplit([self.cache_scheme, self.cache_netloc, parts.path or "/", "", ""])
        agent = f"Wagtail-frontendcache/{wagtail_version}"
        request = PurgeRequest(url=target, headers={"Host": host, "User-Agent": agent})
        try:
            urlopen(request, timeout=self.timeout)  # noqa: S310 - the scheme comes from our own setting
        except HTTPError as error:
            if error.code != 404:
                logger.error("Couldn't purge '%s' from nginx: HTTP %d %s", url, error.code, error.reason)
        except (URLError, OSError) as error:
            logger.error("Couldn't purge '%s' from nginx: %s", url, getattr(error, "reason", error))
