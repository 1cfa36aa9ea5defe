"""Answer 503 with a friendly page while the database is unreachable, instead of a 500.

``DatabaseOutageMiddleware`` sits near the top of ``MIDDLEWARE`` (just inside
``SecurityMiddleware``, so the security headers still apply). When handling a
request fails because the database cannot be reached (``is_outage``), the
reader gets ``site/templates/503.html`` (self-contained: no database, no
request context, no traceback) with ``Retry-After: 30``, logged as a warning.

Only a real outage answers 503. Every other database error, ``OperationalError``
included (an FTS5 syntax error, "no such table", a statement or lock timeout, a
deadlock, a full disk), is a bug or a problem to look at: it stays Django's
ordinary 500, logged at ERROR by ``django.request`` with its traceback.

``is_outage`` judges the driver's exception, which Django keeps as the
``__cause__`` of the ``django.db`` one it raises (``DatabaseErrorWrapper``):

* PostgreSQL (psycopg2): ``InterfaceError`` (the connection is already closed);
  an ``OperationalError`` without a SQLSTATE, which is libpq's own report of a
  connection that could not be made or was lost ("connection refused", "server
  closed the connection unexpectedly", "timeout expired"); and the SQLSTATEs
  of a server that is not there for us: class 08 (connection exception), 57P01
  admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up,
  shutting down, in recovery), 57P05 idle-session timeout (the connection was
  dropped) and 53300 too many connections. Errors with any other SQLSTATE
  (57014 statement timeout, 55P03 lock timeout, 40P01 deadlock ...) are not an
  outage.
* SQLite is embedded: there is no server to lose, so no SQLite error is an
  outage. That includes "database is locked" (``SQLITE_BUSY``: another
  connection kept the write lock past the busy timeout). Like PostgreSQL's lock
  timeout it is contention, not a missing database, and on this development
  default it means the work needs PostgreSQL or shorter transactions: a 500
  logged as an error says so, a "back in a moment" page would hide it.
* A database error without a driver's exception behind it was not raised by
  Django's database layer, so nothing says the database is unreachable: 500.

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

try:
    import psycopg2
    import psycopg2.errors
except ImportError:  # pragma: no cover - psycopg2 is in requirements.txt; SQLite alone does not need it
    psycopg2 = None

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
# PostgreSQL's SQLSTATEs of a server that cannot serve us (see the module docstring).
POSTGRES_CONNECTION_EXCEPTION_CLASS = "08"
POSTGRES_UNAVAILABLE_SQLSTATES = (
    *("08000", "08001", "08003", "08004", "08006", "08007", "08P01"),  # class 08, connection exception
    *("57P01", "57P02", "57P03", "57P05"),  # admin or crash shutdown, cannot connect now, idle-session timeout
    "53300",  # too many connections
)
# psycopg2 raises each SQLSTATE as its own class (pgcode is set only on an error the server sent).
POSTGRES_UNAVAILABLE_CLASSES = (
    tuple(psycopg2.errors.lookup(code) for code in POSTGRES_UNAVAILABLE_SQLSTATES) if psycopg2 else ()
)
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


def is_outage(error):
    """Whether ``error`` (a ``django.db`` error, or a driver's own) says the database cannot be reached."""
    if isinstance(error, DATABASE_ERRORS):
        error = error.__cause__  # the driver's exception, kept by Django's DatabaseErrorWrapper
    if psycopg2 is not None and isinstance(error, psycopg2.Error):
        return _postgres_unreachable(error)
    return False  # SQLite (embedded: nothing to lose), another driver, or no driver error at all


def _postgres_unreachable(error):
    if isinstance(error, psycopg2.InterfaceError):  # "connection already closed"
        return True
    if not isinstance(error, psycopg2.OperationalError):
        return False
    if error.pgcode:
        return (
            error.pgcode.startswith(POSTGRES_CONNECTION_EXCEPTION_CLASS)
            or error.pgcode in POSTGRES_UNAVAILABLE_SQLSTATES
        )
    # No SQLSTATE: libpq's own report that the connection could not be made or was lost (connection refused,
    # "server closed the connection unexpectedly", a connect timeout), or one of the classes above.
    return type(error) is psycopg2.OperationalError or isinstance(error, POSTGRES_UNAVAILABLE_CLASSES)


@receiver(got_request_exception, dispatch_uid="config.outage.mark_database_outage")
def mark_database_outage(sender, request=None, **kwargs):
    """Remember on the request that the uncaught exception being handled is a database outage."""
    error = sys.exc_info()[1]
    if request is not None and is_outage(error):
        setattr(request, _MARK, True)


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except DATABASE_ERRORS as error:  # only if something inside let it escape unconverted
            if not is_outage(error):
                raise
            return self._answer(request, error)
        if response.status_code == 500 and getattr(request, _MARK, False):
            return self._answer(request, None)
        return response

    def process_exception(self, request, exception):
        if is_outage(exception):
            return self._answer(request, exception)
        return None  # any other error: Django's 500, logged at ERROR by django.request

    @staticmethod
    def _answer(request, error):
        reason = str(error).strip().splitlines()[0] if error is not None and str(error).strip() else "see above"
        logger.warning("Database unavailable while serving %s %s: %s", request.method, request.path, reason)
        return outage_response()
