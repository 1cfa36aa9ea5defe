"""RSS feeds of published comments: name, date, text and permalink; never an e-mail address."""

from django.http import Http404
from wagtail.models import Page

from home.feeds import RequestFeed
from news.comments import queries
from news.comments.models import CommentSettings, CommentsMode
from news.comments.text import render_comment_text, strip_control_characters

FEED_LENGTH = 50


class CommentsFeedBase(RequestFeed):
    def item_title(self, item):
        return f"{strip_control_characters(item.user_name)} on {self.page_for(item).title}"

    def item_description(self, item):
        return render_comment_text(item.comment)

    def item_author_name(self, item):
        return strip_control_characters(item.user_name)

    def item_pubdate(self, item):
        return item.submit_date

    def item_link(self, item):
        page = self.page_for(item)
        return page.get_full_url(request=self.request) + page.reverse_subpage("comment_permalink", args=[item.pk])

    def item_guid(self, item):
        return self.item_link(item)


class PageCommentsFeed(CommentsFeedBase):
    """The newest published comments on one page."""

    def __init__(self, *, page):
        super().__init__()
        self.page = page

    def get_object(self, request, *args, **kwargs):
        """Like every other address of a page's comments, its feed is not found while they are hidden."""
        if self.page.effective_comments_mode(CommentSettings.for_request(request)) == CommentsMode.HIDDEN:
            raise Http404("Comments are not shown on this page.")
        return self.page

    def page_for(self, item):
        return self.page

    def title(self):
        return f"Comments on {self.page.title}"

    def link(self):
        return self.page.get_full_url(request=self.request)

    def description(self):
        return f"The latest reader comments on “{self.page.title}”."

    def items(self):
        return queries.latest_published_comments(page=self.page, limit=FEED_LENGTH)


class LatestCommentsFeed(CommentsFeedBase):
    """The newest published comments on any live public page of the site."""

    title = "Latest reader comments"
    description = "The newest reader comments across the site."

    def link(self):
        return self.site_root_url() + "/"

    def items(self):
        comments = list(queries.latest_published_comments(limit=FEED_LENGTH))
        pages = Page.objects.filter(pk__in={int(c.object_pk) for c in comments}).specific().in_bulk()
        self.pages = {str(pk): page for pk, page in pages.items()}
        return comments

    def page_for(self, item):
        return self.pages[item.object_pk]
