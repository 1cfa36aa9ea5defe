"""Wagtail's userbar for logged-in readers, kept for a minute per reader and page."""

from django import template
from django.utils.safestring import mark_safe
from wagtail.admin.templatetags.wagtailuserbar import get_page_instance, wagtailuserbar

import config.caching as caching

register = template.Library()

# Wagtail decides what the userbar shows with six to eight queries (the reader's permissions, admin
# profile, page permissions and the workflow states of the page and its parent) on every page a
# logged-in reader opens. What it shows changes rarely, and the admin checks permissions again anyway.
USERBAR_SECONDS = 60


@register.simple_tag(takes_context=True)
def userbar(context, position="bottom-right"):
    """``{% wagtailuserbar %}``, kept per reader, page, page revision and host for ``USERBAR_SECONDS``."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""  # as Wagtail: no admin access, no userbar (and no query)
    if getattr(request, "is_preview", False):
        return wagtailuserbar(context, position)
    page = get_page_instance(context)
    parts = ["userbar", user.pk, getattr(page, "pk", ""), getattr(page, "latest_revision_id", ""), request.get_host()]
    html = caching.kept_briefly(
        parts=[*parts, position], seconds=USERBAR_SECONDS, compute=lambda: str(wagtailuserbar(context, position))
    )
    return mark_safe(html)  # noqa: S308 - Wagtail's own markup
