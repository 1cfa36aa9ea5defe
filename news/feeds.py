"""RSS 2.0 feeds (Django's syndication framework)."""

from django.utils.html import escape

from home.feeds import RequestFeed
from news import selectors

FEED_LENGTH = 20


class LatestArticlesFeed(RequestFeed):
    """The latest live articles of one news index."""

    def __init__(self, *, index_page):
        super().__init__()
        self.index_page = index_page

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.get_full_url(request=self.request)

    def description(self):
        return self.index_page.intro or f"The latest from {self.index_page.title}."

    def items(self):
        return selectors.live_articles(parent=self.index_page).prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.standfirst)  # readers render descriptions as HTML: the standfirst is plain text

    def item_link(self, item):
        return item.get_full_url(request=self.request)

    def item_pubdate(self, item):
        return item.publication_datetime

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
