from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.models import Site


class RequestFeed(Feed):
    """An RSS 2.0 feed whose links are the Wagtail Site's addresses.

    Every link is absolute and starts with the ``root_url`` of the Wagtail Site that serves the request
    (pages' links come from their own Site through ``Page.get_full_url``), never with the Host header the
    request carried: another allowed host name, or a forged one that reaches the default Site, must not
    change the links a feed gives (nor what a cache in front keeps of it). django.contrib.sites'
    placeholder domain, which Django's syndication framework adds to relative links, is never needed.
    """

    feed_type = Rss201rev2Feed

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
