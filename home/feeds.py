import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.models import Site

XML_ILLEGAL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(value):
    """``value`` without the characters XML 1.0 cannot carry (strings, and strings in lists), else unchanged."""
    if isinstance(value, str):
        return XML_ILLEGAL_CHARACTERS.sub("", value)
    if isinstance(value, (list, tuple)):
        return type(value)(xml_safe(part) for part in value)
    return value


class XmlSafeRss201rev2Feed(Rss201rev2Feed):
    """RSS 2.0 that drops control characters instead of failing the whole feed.

    An editor can paste a C0 control into a title, a standfirst or a tag; Django's XML writer refuses
    them, which would make every feed that lists the page a 500.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*(xml_safe(arg) for arg in args), **{key: xml_safe(v) for key, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*(xml_safe(arg) for arg in args), **{key: xml_safe(v) for key, v in kwargs.items()})


class RequestFeed(Feed):
    """An RSS 2.0 feed whose links are the Wagtail Site's addresses.

    Every link is absolute and starts with the ``root_url`` of the Wagtail Site that serves the request
    (pages' links come from their own Site through ``Page.get_full_url``), never with the Host header the
    request carried: another allowed host name, or a forged one that reaches the default Site, must not
    change the links a feed gives (nor what a cache in front keeps of it). django.contrib.sites'
    placeholder domain, which Django's syndication framework adds to relative links, is never needed.
    """

    feed_type = XmlSafeRss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def site_root_url(self):
        """``http(s)://host[:port]`` of the Wagtail Site that serves this request (the default Site's if
        no Site has the host asked for)."""
        site = Site.find_for_request(self.request)
        return site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL.rstrip("/")

    def feed_url(self):
        return self.site_root_url() + self.request.path
