from django import template
from django.template.defaultfilters import pluralize
from django.utils.html import format_html
from wagtail.models import Site

from home.models import HelpMessage
from news.comments.models import CommentsMode
from news.comments.rendering import CommentUrls, comment_list_html
from news.comments.text import strip_control_characters

register = template.Library()


@register.filter
def visible(text):
    """A stored name without invisible characters (rows stored before the form dropped them)."""
    return strip_control_characters(str(text))


@register.simple_tag
def comment_count(page, count=None):
    """ "3 comments" for a commentable page whose listing query counted them; nothing otherwise."""
    count = getattr(page, "comment_count", None) if count is None else count
    if count is None or getattr(page, "comments_mode", CommentsMode.HIDDEN) == CommentsMode.HIDDEN:
        return ""
    return format_html('<span class="comment-count">{} comment{}</span>', count, pluralize(count))


@register.simple_tag(takes_context=True)
def comment_list(context, comments, page, comments_mode, max_reply_level):
    """The page's conversations, nested, written in Python for speed (news.comments.rendering)."""
    request = context["request"]
    urls = CommentUrls.for_page(page, page.relative_url(Site.find_for_request(request), request))
    return comment_list_html(
        comments=comments, urls=urls, comments_mode=comments_mode, max_reply_level=max_reply_level, page_pk=page.pk
    )


@register.simple_tag
def help_message_of(message):
    """The help message a "held for safeguarding" message carries (its ``extra_tags``: "help-message <pk>")."""
    tags = (message.extra_tags or "").split()
    if len(tags) == 2 and tags[0] == "help-message" and tags[1].isdecimal():
        return HelpMessage.objects.filter(pk=int(tags[1])).first()
    return None
