from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed


class RequestFeed(Feed):
    """An RSS 2.0 feed whose links use the host that was asked, not django.contrib.sites' placeholder domain."""

    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def feed_url(self):
        return self.request.build_absolute_uri()
