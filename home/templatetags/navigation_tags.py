from django import template
from django.conf import settings
from wagtail.models import Site

import config.caching as caching
from home import selectors
from home.models import SiteSettings

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The site root's live, public children marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = (
        caching.remembered(request, ("menu", site.pk), lambda: list(selectors.menu_pages(site=site))) if site else []
    )
    current_path = getattr(context.get("page"), "path", "")
    return {
        "items": [(item, current_path.startswith(item.path)) for item in items],
        "request": request,
    }


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    request = context.get("request")
    privacy_page = SiteSettings.for_request(request).privacy_policy_page if request else None
    return {"privacy_page": privacy_page, "request": request}


@register.simple_tag(takes_context=True)
def site_name(context):
    """The name of the site serving this request, as set in Wagtail's Sites."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME
