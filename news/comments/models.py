"""Where comments are allowed, and the site-wide rules that govern them.

Comments themselves are django-comments-xtd's ``XtdComment`` rows (threading,
storage); this app owns everything readers see of them.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site


class CommentsMode(models.TextChoices):
    OPEN = "open", "Open: comments are shown and readers may post"
    CLOSED = "closed", "Closed: comments are shown, no new ones"
    HIDDEN = "hidden", "Hidden: comments are not shown, posting is refused"


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    """The site's rules for reader comments, edited under Settings → Comments."""

    default_comments_mode = models.CharField(
        max_length=10,
        choices=CommentsMode.choices,
        default=CommentsMode.OPEN,
        help_text="The comments mode new articles and campaign pages start with.",
    )
    auto_close_days = models.PositiveIntegerField(
        default=0,
        help_text="Close comments this many days after a page was first published. 0 keeps them open.",
    )
    max_thread_depth = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="How many levels a conversation may have: 1 allows no replies, 3 allows replies to replies.",
    )
    comments_per_page = models.PositiveSmallIntegerField(
        default=50,
        validators=[MinValueValidator(5), MaxValueValidator(500)],
        help_text="Conversations (top-level comments with their replies) shown per page of comments.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("default_comments_mode"), FieldPanel("auto_close_days")], heading="When"),
        MultiFieldPanel([FieldPanel("max_thread_depth"), FieldPanel("comments_per_page")], heading="Threads"),
    ]

    class Meta:
        verbose_name = "Comments"


def default_comments_mode():
    """New pages start in the default site's chosen mode (an editor may change it per page)."""
    site = Site.objects.filter(is_default_site=True).first()
    return CommentSettings.for_site(site).default_comments_mode if site else CommentsMode.OPEN


class CommentablePageMixin(RoutablePageMixin, models.Model):
    """A page readers may comment on, in the mode chosen in its settings tab.

    The public comment endpoints are routes of the page itself:
    ``comments/`` (POST a comment), ``comments/reply/<id>/`` (the reply form
    without JavaScript), ``comments/<id>/`` (permalink) and ``comments/feed/``.
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

    def effective_comments_mode(self, comment_settings):
        """The page's mode after the site's auto-close rule."""
        if self.comments_mode != CommentsMode.OPEN or not comment_settings.auto_close_days:
            return self.comments_mode
        published = self.first_published_at or timezone.now()
        if timezone.now() - published > datetime.timedelta(days=comment_settings.auto_close_days):
            return CommentsMode.CLOSED
        return CommentsMode.OPEN

    def get_context(self, request, *args, **kwargs):
        from news.comments.views import comments_context

        context = super().get_context(request, *args, **kwargs)
        context.update(comments_context(page=self, request=request))
        context["comment_feed_url"] = self.get_url(request) + self.reverse_subpage("comment_feed")
        return context

    @path("comments/", name="post_comment")
    def post_comment_route(self, request):
        from news.comments import views

        return views.post_comment(request, self)

    @path("comments/reply/<int:comment_id>/", name="reply_comment")
    def reply_route(self, request, comment_id):
        from news.comments import views

        return views.reply(request, self, comment_id)

    @path("comments/<int:comment_id>/", name="comment_permalink")
    def permalink_route(self, request, comment_id):
        from news.comments import views

        return views.permalink(request, self, comment_id)

    @path("comments/feed/", name="comment_feed")
    def feed_route(self, request):
        from news.comments.feeds import PageCommentsFeed

        return PageCommentsFeed(page=self)(request)
