"""A database outage answers 503 with a friendly page and Retry-After, never a 500 with a traceback."""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.test import Client, RequestFactory, SimpleTestCase, override_settings
from django.urls import path

from config.outage import DatabaseOutageMiddleware, outage_response

FRIENDLY_TEXT = "We will be back in a moment"
TRACEBACK_MARKERS = ("Traceback", "OperationalError", "InterfaceError", 'File "', "psycopg", "could not connect")


def database_down(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: could not connect')


def connection_closed(request):
    raise InterfaceError("connection already closed")


def broken(request):
    raise ValueError("an ordinary bug")


def fine(request):
    return HttpResponse("fine")


urlpatterns = [
    path("down/", database_down),
    path("closed/", connection_closed),
    path("broken/", broken),
    path("fine/", fine),
]


class DatabaseDownInsideTheStack:
    """A middleware below the outage middleware that fails the way SessionMiddleware would with the database gone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/fine/":
            raise OperationalError("server closed the connection unexpectedly")
        return self.get_response(request)


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
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

    def test_error_raised_by_an_inner_middleware_answers_503(self):
        middleware = list(settings.MIDDLEWARE)
        middleware.insert(
            middleware.index("config.outage.DatabaseOutageMiddleware") + 1, f"{__name__}.DatabaseDownInsideTheStack"
        )
        with self.settings(MIDDLEWARE=middleware):
            # The test client would re-raise the exception it saw; a real server never does.
            response = Client(raise_request_exception=False).get("/fine/")
        self.assert_friendly_503(response)


class OutageSettingsTests(SimpleTestCase):
    def test_middleware_wraps_the_rest_of_the_stack(self):
        middleware = settings.MIDDLEWARE
        position = middleware.index("config.outage.DatabaseOutageMiddleware")
        # Only the security headers and the page cache (which answers without the database) come first.
        self.assertEqual(
            middleware[:position],
            ["django.middleware.security.SecurityMiddleware", "config.page_cache.PageCacheMiddleware"],
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
            raise OperationalError("down")

        response = DatabaseOutageMiddleware(raising)(RequestFactory().get("/"))
        self.assertEqual(response.status_code, 503)
