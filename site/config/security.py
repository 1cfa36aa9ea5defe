"""Content-Security-Policy (a strict policy for the public site, and Wagtail's admin under its own) and CSRF.

Public pages run no inline script (every script is a file under /static/); the admin needs inline styles
and frames its own previews, so it gets a looser policy of its own rather than none.
"""

import re

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware, RejectRequest


class SitePolicyCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(admin_prefixes()):
            return PolicyParts(settings.ADMIN_CONTENT_SECURITY_POLICY, parts.update, parts.replace, parts.nonce)
        return parts


def admin_prefixes():
    return (f"/{settings.WAGTAIL_ADMIN_PATH}/", f"/{settings.DJANGO_ADMIN_PATH}/")


class CachedFormsCsrfMiddleware(CsrfViewMiddleware):
    """Django's CSRF protection, except the token for forms that anonymous readers send from cached pages.

    A cached page is the same for every anonymous reader, so it cannot carry a per-reader token. As in
    Drupal and WordPress, such forms (the paths in ``ANONYMOUS_FORM_PATHS``: posting a comment) carry
    none for a reader without a session; a forged cross-site post is still refused by Django's
    ``Origin``/``Referer`` checks, which run first, and by ``Sec-Fetch-Site``. A reader with a session
    (anyone logged in) has nothing cached, gets the token and must send it.
    """

    def _check_token(self, request):
        if has_session(request) or not any(re.search(p, request.path_info) for p in settings.ANONYMOUS_FORM_PATHS):
            super()._check_token(request)
        elif request.META.get("HTTP_SEC_FETCH_SITE", "same-origin") not in ("same-origin", "none"):
            raise RejectRequest("the form was sent from another site")


def has_session(request):
    """A reader with a session (anyone logged in): even their anonymous forms carry and need a token."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES
