"""A database outage answers 503 with a friendly page and Retry-After, never a 500 with a traceback.

Only a real outage does (issue 13, defect 9): any other database error, OperationalError included, is an
ordinary 500 logged at ERROR. The errors here are the drivers' own, raised the way Django raises them
(``DatabaseErrorWrapper`` keeps the driver's exception as ``__cause__``).
"""

import functools
import socket
import sqlite3
from pathlib import Path
from tempfile import TemporaryDirectory
from types import SimpleNamespace

import psycopg2
import psycopg2.errors
from django.conf import settings
from django.db import Error, InterfaceError, OperationalError, connection
from django.db.utils import DatabaseErrorWrapper
from django.http import HttpResponse
from django.test import Client, RequestFactory, SimpleTestCase, TestCase, override_settings
from django.urls import path

from config.outage import DatabaseOutageMiddleware, is_outage, outage_response

FRIENDLY_TEXT = "We will be back in a moment"
TRACEBACK_MARKERS = ("Traceback", "OperationalError", "InterfaceError", 'File "', "psycopg", "could not connect")


def raise_as_django(driver_error, driver=psycopg2):
    """Raise a driver's exception as Django's database layer does: a django.db error caused by it."""
    with DatabaseErrorWrapper(SimpleNamespace(Database=driver, errors_occurred=False)):
        raise driver_error


def django_error(driver_error, driver=psycopg2):
    try:
        raise_as_django(driver_error, driver)
    except Error as error:
        return error
    raise AssertionError("not a database error")  # pragma: no cover


@functools.cache
def refused_connection():
    """libpq's own error for a server that is not there (no SQLSTATE), from a real connection attempt."""
    with socket.socket() as probe:  # a loopback port that nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    try:
        psycopg2.connect(host="127.0.0.1", port=port, dbname="newsroom", connect_timeout=5)
    except psycopg2.OperationalError as error:
        return error
    raise AssertionError(f"something listens on port {port}")  # pragma: no cover


def sqlite_error(*statements, database=":memory:"):
    """The error SQLite itself raises for the last statement."""
    db = sqlite3.connect(database)
    try:
        for statement in statements:
            db.execute(statement)
    except sqlite3.Error as error:
        return error
    finally:
        db.close()
    raise AssertionError("no error")  # pragma: no cover


def fts5_syntax_error():
    """What the site search raised on SQLite for a query such as `helpline AND` before issue 13's fix."""
    return sqlite_error("CREATE VIRTUAL TABLE t USING fts5(body)", "SELECT * FROM t WHERE t MATCH 'helpline AND'")


def database_down(request):
    raise_as_django(refused_connection())


def connection_closed(request):
    raise_as_django(psycopg2.InterfaceError("connection already closed"))


def admin_shutdown(request):
    raise_as_django(psycopg2.errors.AdminShutdown("terminating connection due to administrator command"))


def starting_up(request):
    raise_as_django(psycopg2.errors.CannotConnectNow("the database system is starting up"))


def fts_syntax(request):
    raise_as_django(fts5_syntax_error(), sqlite3)


def no_such_table(request):
    raise_as_django(sqlite_error("SELECT * FROM missing"), sqlite3)


def statement_timeout(request):
    raise_as_django(psycopg2.errors.QueryCanceled("canceling statement due to statement timeout"))


def bare_operational_error(request):
    raise OperationalError("raised by hand, not by a database driver")


def broken(request):
    raise ValueError("an ordinary bug")


def fine(request):
    return HttpResponse("fine")


urlpatterns = [
    path("down/", database_down),
    path("closed/", connection_closed),
    path("shutdown/", admin_shutdown),
    path("starting/", starting_up),
    path("fts/", fts_syntax),
    path("no-table/", no_such_table),
    path("timeout/", statement_timeout),
    path("bare/", bare_operational_error),
    path("broken/", broken),
    path("fine/", fine),
]


class DatabaseDownInsideTheStack:
    """A middleware below the outage middleware that fails the way SessionMiddleware would with the database gone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/fine/":
            raise_as_django(psycopg2.OperationalError("server closed the connection unexpectedly"))
        if request.path == "/broken/":
            raise_as_django(fts5_syntax_error(), sqlite3)
        return self.get_response(request)


# The page cache looks up the request's Site before any view: these fake views need no database at all.
@override_settings(ROOT_URLCONF=__name__, DEBUG=False, PAGE_CACHE_SECONDS=0)
class OutageMiddlewareTests(SimpleTestCase):
    """SimpleTestCase: any database query while answering would fail the test."""

    def assert_friendly_503(self, response):
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        self.assertEqual(response["Content-Type"], "text/html; charset=utf-8")
        body = response.content.decode()
        self.assertIn(FRIENDLY_TEXT, body)
        self.assertIn("<!DOCTYPE html>", body)
        for marker in TRACEBACK_MARKERS:
            self.assertNotIn(marker, body)

    def test_operational_error_in_a_view_answers_503(self):
        self.assert_friendly_503(self.client.get("/down/"))

    def test_interface_error_in_a_view_answers_503(self):
        self.assert_friendly_503(self.client.get("/closed/"))

    def test_post_answers_503_too(self):
        self.assert_friendly_503(self.client.post("/down/", {"comment": "hello"}))

    def test_security_headers_still_apply(self):
        response = self.client.get("/down/")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_other_errors_still_answer_500(self):
        client = Client(raise_request_exception=False)
        response = client.get("/broken/")
        self.assertEqual(response.status_code, 500)
        self.assertNotIn("Retry-After", response)

    def test_healthy_requests_pass_through(self):
        response = self.client.get("/fine/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"fine")

    def with_failing_inner_middleware(self):
        middleware = list(settings.MIDDLEWARE)
        middleware.insert(
            middleware.index("config.outage.DatabaseOutageMiddleware") + 1, f"{__name__}.DatabaseDownInsideTheStack"
        )
        return self.settings(MIDDLEWARE=middleware)

    def test_error_raised_by_an_inner_middleware_answers_503(self):
        with self.with_failing_inner_middleware():
            # The test client would re-raise the exception it saw; a real server never does.
            response = Client(raise_request_exception=False).get("/fine/")
        self.assert_friendly_503(response)

    def test_connection_lost_or_refused_by_the_server_answers_503(self):
        for url in ("/shutdown/", "/starting/"):
            with self.subTest(url=url):
                self.assert_friendly_503(self.client.get(url))

    def assert_logged_500(self, url):
        client = Client(raise_request_exception=False)
        with self.assertLogs("django.request", "ERROR") as logs:
            response = client.get(url)
        self.assertEqual(response.status_code, 500)
        self.assertNotIn("Retry-After", response)
        self.assertNotIn(FRIENDLY_TEXT, response.content.decode())
        (record,) = [record for record in logs.records if record.exc_info]
        self.assertEqual(record.levelname, "ERROR")
        self.assertIsInstance(record.exc_info[1], OperationalError)
        return record

    def test_sqlite_fts5_syntax_error_is_a_500_logged_as_an_error(self):
        record = self.assert_logged_500("/fts/")
        self.assertIn("fts5: syntax error", str(record.exc_info[1]))

    def test_other_operational_errors_are_500s_logged_as_errors(self):
        for url in ("/no-table/", "/timeout/", "/bare/"):
            with self.subTest(url=url):
                self.assert_logged_500(url)

    def test_non_outage_error_from_an_inner_middleware_stays_a_500(self):
        with self.with_failing_inner_middleware():
            response = Client(raise_request_exception=False).get("/broken/")
        self.assertEqual(response.status_code, 500)
        self.assertNotIn("Retry-After", response)


class OutageSettingsTests(SimpleTestCase):
    def test_middleware_wraps_the_rest_of_the_stack(self):
        middleware = settings.MIDDLEWARE
        position = middleware.index("config.outage.DatabaseOutageMiddleware")
        # Only the security headers and the page cache (which answers without the database) come first.
        self.assertEqual(
            middleware[:position],
            ["django.middleware.security.SecurityMiddleware", "config.caching.pages.PageCacheMiddleware"],
        )
        for name in (
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "wagtail.contrib.redirects.middleware.RedirectMiddleware",
        ):
            self.assertLess(position, middleware.index(name))

    def test_page_renders_without_a_request(self):
        response = outage_response()
        self.assertEqual(response.status_code, 503)
        self.assertIn(FRIENDLY_TEXT, response.content.decode())

    def test_exception_escaping_unconverted_is_caught(self):
        def raising(request):
            raise_as_django(refused_connection())

        response = DatabaseOutageMiddleware(raising)(RequestFactory().get("/"))
        self.assertEqual(response.status_code, 503)

    def test_other_exception_escaping_unconverted_is_not_an_outage(self):
        def raising(request):
            raise_as_django(fts5_syntax_error(), sqlite3)

        with self.assertRaises(OperationalError):
            DatabaseOutageMiddleware(raising)(RequestFactory().get("/"))


class IsOutageTests(SimpleTestCase):
    """What counts as an outage, error by error."""

    def test_postgresql_connection_failures_are_outages(self):
        for driver_error in (
            refused_connection(),  # libpq: no SQLSTATE
            psycopg2.OperationalError("server closed the connection unexpectedly"),
            psycopg2.InterfaceError("connection already closed"),
            psycopg2.errors.ConnectionFailure("08006"),
            psycopg2.errors.SqlclientUnableToEstablishSqlconnection("08001"),
            psycopg2.errors.AdminShutdown("57P01"),
            psycopg2.errors.CrashShutdown("57P02"),
            psycopg2.errors.CannotConnectNow("57P03"),
            psycopg2.errors.TooManyConnections("53300"),
        ):
            with self.subTest(error=type(driver_error).__name__):
                self.assertTrue(is_outage(django_error(driver_error)))

    def test_other_postgresql_errors_are_not(self):
        for driver_error in (
            psycopg2.errors.QueryCanceled("57014 statement timeout"),
            psycopg2.errors.LockNotAvailable("55P03 lock timeout"),
            psycopg2.errors.DeadlockDetected("40P01"),
            psycopg2.errors.DiskFull("53100"),
            psycopg2.errors.DatabaseDropped("57P04"),
            psycopg2.errors.OutOfMemory("53200"),
        ):
            with self.subTest(error=type(driver_error).__name__):
                self.assertFalse(is_outage(django_error(driver_error)))

    def test_no_sqlite_error_is_an_outage(self):
        with TemporaryDirectory() as directory:
            database = str(Path(directory) / "locked.sqlite3")
            holder = sqlite3.connect(database, timeout=0)
            holder.execute("CREATE TABLE t (x)")
            holder.execute("BEGIN EXCLUSIVE")
            try:
                locked = sqlite_error("SELECT * FROM t", database=database)
            finally:
                holder.close()
        self.assertEqual(locked.sqlite_errorname, "SQLITE_BUSY")  # "database is locked"
        for driver_error in (locked, fts5_syntax_error(), sqlite_error("SELECT * FROM missing")):
            with self.subTest(error=str(driver_error)):
                self.assertFalse(is_outage(django_error(driver_error, sqlite3)))

    def test_errors_without_a_driver_error_are_not(self):
        self.assertFalse(is_outage(OperationalError("down")))
        self.assertFalse(is_outage(InterfaceError("connection already closed")))
        self.assertFalse(is_outage(ValueError("not a database error")))


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
class OutageOnTheSuitesDatabaseTests(TestCase):
    """Real PostgreSQL errors: a connection the server terminates, and a statement timeout."""

    def setUp(self):
        if connection.vendor != "postgresql":  # pragma: no cover - `make test` runs on PostgreSQL
            self.skipTest("PostgreSQL errors")

    def test_connection_terminated_by_the_server_is_an_outage(self):
        other = psycopg2.connect(**connection.get_connection_params())
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [other.get_backend_pid()])
            with self.assertRaises(psycopg2.Error) as raised, other.cursor() as cursor:
                cursor.execute("SELECT 1")
        finally:
            other.close()
        self.assertTrue(is_outage(django_error(raised.exception)))

    def test_statement_timeout_is_not_an_outage(self):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 1")
            with self.assertRaises(OperationalError) as raised:
                cursor.execute("SELECT pg_sleep(1)")
        self.assertIsInstance(raised.exception.__cause__, psycopg2.errors.QueryCanceled)
        self.assertFalse(is_outage(raised.exception))
