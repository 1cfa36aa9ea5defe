"""The routes of pages readers may comment on: the mode in the page's settings and the public endpoints.

The routes are the page's own (Wagtail's routable pages); the views they call live in ``views``, and
the storage in ``models``, which knows neither.
"""

import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from config.caching import mark_public
from news.comments import views
from news.comments.feeds import PageCommentsFeed
from news.comments.models import CommentSettings, CommentsMode, default_comments_mode


class CommentablePageMixin(RoutablePageMixin, models.Model):
    """A page readers may comment on, in the mode chosen in its settings tab.

    The public comment endpoints are routes of the page itself:
    ``comments/`` (POST a comment), ``comments/reply/<id>/`` (the reply form
    without JavaScript), ``comments/<id>/`` (permalink), ``comments/<id>/edit/``
    and ``comments/<id>/delete/`` (the author, from the same browser, for a
    while), ``comments/<id>/report/`` and ``comments/feed/``.
    """

    comments_mode = models.CharField(
        "Comments",
        max_length=10,
        choices=CommentsMode.choices,
        default=default_comments_mode,
        help_text="Whether readers can see and post comments on this page.",
    )

    class Meta:
        abstract = True

    def get_absolute_url(self):
        """The comments library links back to the commented object with this."""
        return self.get_url()

    def get_cached_paths(self):
        """What anonymous readers' caches keep of this page, and so what a purge must drop."""
        return ["/", "/" + self.reverse_subpage("comment_feed")]

    def get_urls_showing_this(self):
        """The site-wide feed of the newest comments shows this page's comments too."""
        site = self.get_site()
        return [*super().get_urls_showing_this(), site.root_url + reverse("latest_comments_feed")] if site else []

    def effective_comments_mode(self, comment_settings):
        """The page's mode after the site's auto-close rule."""
        closes_at = self.comments_close_at(comment_settings)
        if closes_at is not None and timezone.now() > closes_at:
            return CommentsMode.CLOSED
        return self.comments_mode

    def comments_close_at(self, comment_settings):
        """When the auto-close rule will close (or closed) open comments here; None if it never will."""
        if self.comments_mode != CommentsMode.OPEN or not comment_settings.auto_close_days:
            return None
        published = self.first_published_at or timezone.now()
        return published + datetime.timedelta(days=comment_settings.auto_close_days)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views.comments_context(page=self, request=request))
        context["comment_feed_url"] = self.get_url(request) + self.reverse_subpage("comment_feed")
        return context

    def changes_by_itself_at(self, request):
        """Also when its comments close by themselves (the auto-close rule)."""
        moments = [super().changes_by_itself_at(request), self.comments_close_at(CommentSettings.for_request(request))]
        upcoming = [moment for moment in moments if moment is not None and moment > timezone.now()]
        return min(upcoming, default=None)

    @path("")
    def index_route(self, request, *args, **kwargs):
        response = super().index_route(request, *args, **kwargs)
        return mark_public(request, response, until=self.changes_by_itself_at(request))

    @path("comments/", name="post_comment")
    def post_comment_route(self, request):
        return views.post_comment(request, self)

    @path("comments/reply/<int:comment_id>/", name="reply_comment")
    def reply_route(self, request, comment_id):
        return views.reply(request, self, comment_id)

    @path("comments/<int:comment_id>/", name="comment_permalink")
    def permalink_route(self, request, comment_id):
        return views.permalink(request, self, comment_id)

    @path("comments/<int:comment_id>/edit/", name="edit_comment")
    def edit_route(self, request, comment_id):
        return views.edit(request, self, comment_id)

    @path("comments/<int:comment_id>/delete/", name="delete_comment")
    def delete_route(self, request, comment_id):
        return views.delete(request, self, comment_id)

    @path("comments/<int:comment_id>/report/", name="report_comment")
    def report_route(self, request, comment_id):
        return views.report(request, self, comment_id)

    @path("comments/feed/", name="comment_feed")
    def feed_route(self, request):
        feed = PageCommentsFeed(page=self)(request)
        return mark_public(request, feed, until=self.changes_by_itself_at(request))
