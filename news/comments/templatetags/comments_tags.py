from django import template
from django.template.defaultfilters import pluralize
from django.utils.html import format_html

from news.comments.models import CommentsMode

register = template.Library()


@register.simple_tag
def comment_count(page, count=None):
    """ "3 comments" for a commentable page whose listing query counted them; nothing otherwise."""
    count = getattr(page, "comment_count", None) if count is None else count
    if count is None or getattr(page, "comments_mode", CommentsMode.HIDDEN) == CommentsMode.HIDDEN:
        return ""
    return format_html('<span class="comment-count">{} comment{}</span>', count, pluralize(count))
