"""Template tags for pages that anonymous readers' caches may keep."""

from django import template
from django.template.defaulttags import CsrfTokenNode

from config.security import has_session

register = template.Library()


@register.simple_tag(takes_context=True)
def csrf_token_if_needed(context):
    """The CSRF field for a reader with a session; none for anonymous forms, which may sit on cached pages.

    A token would set a cookie and make the page one reader's. Anonymous forms are checked by origin
    instead (config.security.CachedFormsCsrfMiddleware).
    """
    request = context.get("request")
    if request is None or has_session(request):
        return CsrfTokenNode().render(context)
    return ""
