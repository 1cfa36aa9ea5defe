"""Answer 503 with a friendly page while the database is unreachable, instead of a 500.

``DatabaseOutageMiddleware`` sits near the top of ``MIDDLEWARE`` (just inside
``SecurityMiddleware``, so the security headers still apply). When handling a
request raises ``django.db.OperationalError`` or ``django.db.InterfaceError``,
the reader gets ``site/templates/503.html`` (self-contained: no database, no
request context, no traceback) with ``Retry-After: 30``.

Two paths lead here:

* an exception from the view (or a template response rendered by it) reaches
  ``process_exception``, which answers at once;
* an exception raised anywhere else inside the stack (another middleware, a
  lazily loaded session) has already been turned into a 500 by Django's
  per-middleware handler; Django then sends ``got_request_exception`` while the
  exception is current, the receiver below marks the request, and ``__call__``
  swaps that 500 for the 503.

Reconnecting needs nothing here: ``CONN_MAX_AGE`` with ``conn_health_checks``
makes Django drop a broken persistent connection and open a new one on the
next request once the database is back.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
TEMPLATE_NAME = "503.html"
_MARK = "_database_outage"

# Used only if the template itself cannot be loaded: the reader still gets a page, never a traceback.
FALLBACK_HTML = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
    "<title>Back soon | Campaign newsroom</title></head><body><main>"
    "<h1>We will be back in a moment</h1>"
    "<p>The site is having a short break. Please try again in a minute.</p>"
    "</main></body></html>"
)


def outage_response():
    """The 503 page: rendered without a request, so no context processor can touch the database."""
    try:
        content = loader.get_template(TEMPLATE_NAME).render()
    except Exception:  # a broken template must not turn the outage page into a 500
        logger.exception("Could not render %s", TEMPLATE_NAME)
        content = FALLBACK_HTML
    response = HttpResponse(content, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@receiver(got_request_exception, dispatch_uid="config.outage.mark_database_outage")
def mark_database_outage(sender, request=None, **kwargs):
    """Remember on the request that the uncaught exception being handled is a database outage."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_ERRORS):
        setattr(request, _MARK, True)


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except DATABASE_ERRORS as error:  # only if something inside let it escape unconverted
            return self._answer(request, error)
        if response.status_code == 500 and getattr(request, _MARK, False):
            return self._answer(request, None)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return self._answer(request, exception)
        return None

    @staticmethod
    def _answer(request, error):
        reason = str(error).strip().splitlines()[0] if error is not None and str(error).strip() else "see above"
        logger.warning("Database unavailable while serving %s %s: %s", request.method, request.path, reason)
        return outage_response()
