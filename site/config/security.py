"""Content-Security-Policy: a strict policy for the public site, and Wagtail's admin under its own.

Public pages run no inline script (every script is a file under /static/); the admin needs inline styles
and frames its own previews, so it gets a looser policy of its own rather than none.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class SitePolicyCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(admin_prefixes()):
            return PolicyParts(settings.ADMIN_CONTENT_SECURITY_POLICY, parts.update, parts.replace, parts.nonce)
        return parts


def admin_prefixes():
    return (f"/{settings.WAGTAIL_ADMIN_PATH}/", f"/{settings.DJANGO_ADMIN_PATH}/")
