"""The markup of a page of comments, written in one pass over the trees.

A template spends tens of microseconds on each variable, filter and ``{% routablepageurl %}``;
with a dozen of them a comment, a page of a hundred comments cost more than the rest of the page.
Here the page's comment URLs are worked out once and the markup of each comment is one format
string, kept per process under everything it depends on (its fields, the page's links and mode,
the time zone and language): a comment is written once, then looked up.

Each comment is an ``<article id="c{pk}">`` holding its header, text and actions, and, inside a
``comment__replies`` element, its replies; a hidden comment that still has visible replies is a
placeholder. Names and all other stored text are escaped here; the text's HTML is nh3's.
"""

import functools
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from news.comments.models import CommentsMode
from news.comments.text import render_comment_text

# Any comment id: the page's comment URLs are reversed once with it, then filled in for each comment.
_MARKER = 987654321
# The markup of the comments shown last is kept per process, keyed by everything it depends on.
RENDERED_COMMENTS_KEPT = 4096

HEADER = (
    '<header class="comment__meta">'
    '<span class="comment__avatar" aria-hidden="true">{initial}</span> '
    '<span class="comment__author">{name}</span> '
    "{staff}"
    '<a class="comment__permalink" href="{permalink}"><time datetime="{iso_date}">{date}</time>'
    '<span class="visually-hidden"> (permalink #c{pk})</span></a>'
    "{edited}{awaiting}"
    "</header>"
)
STAFF = '<span class="comment__staff">From the site\'s team</span> '
EDITED_BY_MODERATORS = ' <span class="comment__edited">edited by moderators</span>'
EDITED = ' <span class="comment__edited">edited</span>'
AWAITING = ' <strong class="comment__awaiting">Awaiting moderation: only you can see this</strong>'
REPLY = (
    '<a class="comment__reply" href="{url}" data-reply-to="{pk}">'
    'Reply<span class="visually-hidden"> to {name}</span></a> '
)
EDIT = '<a class="comment__edit" href="{edit}">Edit</a> <a class="comment__delete" href="{delete}">Delete</a> '
REPORT = (
    '<a class="comment__report" href="{url}" rel="nofollow">'
    'Report<span class="visually-hidden"> this comment by {name}</span></a>'
)
PLACEHOLDER = '<p class="comment__body comment__body--placeholder">This comment is not shown.</p>'


@dataclass(frozen=True)
class CommentUrls:
    """The page's comment URLs as ``{% routablepageurl %}`` makes them, each split around the comment id."""

    permalink: tuple
    reply: tuple
    edit: tuple
    delete: tuple
    report: tuple

    @classmethod
    def for_page(cls, page, base_url):
        if not base_url.endswith("/"):
            base_url += "/"
        routes = {"permalink": "comment_permalink", "reply": "reply_comment", "edit": "edit_comment"}
        routes |= {"delete": "delete_comment", "report": "report_comment"}
        split = {}
        for field_name, route in routes.items():
            before, after = page.reverse_subpage(route, args=[_MARKER]).split(str(_MARKER))
            split[field_name] = (base_url + before, after)
        return cls(**split)


def _url(parts, pk):
    return f"{parts[0]}{pk}{parts[1]}"


def comment_list_html(*, comments, urls, comments_mode, max_reply_level):
    """The ``comment-list`` element for a ``threads.CommentsPage``."""
    # Everything a comment's markup depends on besides the comment itself.
    context = (urls, comments_mode == CommentsMode.OPEN, max_reply_level, timezone.get_current_timezone_name())
    context += (get_language(),)
    parts = ['<div class="comment-list">']
    for root in comments.roots:
        _append(parts, root, context)
    parts.append("</div>")
    return mark_safe("\n".join(parts))  # noqa: S308 - every stored value is escaped (or nh3's) in _comment_html


def _append(parts, node, context):
    if not node.shows_something:
        return
    classes = f"comment comment--level-{node.level}"
    if not node.is_visible:
        classes += " comment--placeholder"
    elif node.awaiting:
        classes += " comment--awaiting"
    parts.append(f'<article class="{classes}" id="c{node.pk}">')
    if node.is_visible:
        fields = (node.pk, node.level, node.name, node.submit_date, node.text, node.is_published, node.awaiting)
        parts.append(_comment_html(fields + (node.own, node.editable, node.edited, node.staff_reply), context))
    else:
        parts.append(PLACEHOLDER)
    if node.children:
        parts.append('<div class="comment__replies">')
        for child in node.children:
            _append(parts, child, context)
        parts.append("</div>")
    parts.append("</article>")


EDITED_NOTES = {"": "", "by the author": EDITED, "by moderators": EDITED_BY_MODERATORS}


@functools.lru_cache(maxsize=RENDERED_COMMENTS_KEPT)
def _comment_html(comment, context):
    """A visible comment's header, text and actions: a function of its fields and the page's ``context``."""
    pk, level, name, submit_date, text, published, awaiting, own, editable, edited, staff_reply = comment
    urls, open_for_replies, max_reply_level, _zone, _language = context
    submitted = timezone.localtime(submit_date)
    initial, name = escape(name[:1].upper()), escape(name)
    header = HEADER.format(
        initial=initial,
        name=name,
        staff=STAFF if staff_reply else "",
        permalink=_url(urls.permalink, pk),
        iso_date=submitted.isoformat(),
        date=f"{submitted.day} {MONTHS[submitted.month]} {submitted.year:04d}, {submitted:%H:%M}",
        pk=pk,
        edited=EDITED_NOTES[edited],
        awaiting=AWAITING if awaiting else "",
    )
    actions = ""
    if published and open_for_replies and level <= max_reply_level:
        actions += REPLY.format(url=_url(urls.reply, pk), pk=pk, name=name)
    if editable:
        actions += EDIT.format(edit=_url(urls.edit, pk), delete=_url(urls.delete, pk))
    if published and not own:
        actions += REPORT.format(url=_url(urls.report, pk), name=name)
    body = render_comment_text(text)
    return f'{header}<div class="comment__body">{body}</div><p class="comment__actions">{actions}</p>'
