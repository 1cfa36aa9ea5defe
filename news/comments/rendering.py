"""A page of comments as markup: each comment from ``reader_comments/comment.html``, the list in one flat loop.

The tree of conversations is walked once here, into a flat list of what to write: each comment's own markup,
whether its replies open below it, and how many open elements close after it
(``reader_comments/comment_list.html`` loops over that list, with no recursion). A comment's markup is a
function of its fields and the page's links and mode: it is rendered once per worker and then looked up
(``RENDERED_COMMENTS_KEPT`` of them), which keeps a page of hundreds of comments cheap.
"""

import functools
import hashlib
from dataclasses import dataclass

from django.template import engines
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

import config.caching as caching
from news.comments.models import CommentsMode
from news.comments.text import render_comment_text, strip_control_characters

# Any comment id: the page's comment URLs are reversed once with it, then filled in for each comment.
_MARKER = 987654321
# The markup of the comments shown last is kept per process, keyed by everything it depends on.
RENDERED_COMMENTS_KEPT = 4096


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

    def for_comment(self, pk):
        return {name: f"{before}{pk}{after}" for name, (before, after) in self.__dict__.items()}


@dataclass(frozen=True, slots=True)
class ShownComment:
    """One step of the flat loop: a comment (or a placeholder) and what opens or closes after it."""

    pk: int
    classes: str
    html: str  # the comment's header, text and actions; "" for a placeholder
    opens_replies: bool  # its replies follow, inside it
    closes: range  # after a comment without replies: the replies' containers that end with it


def comment_list_html(*, comments, urls, comments_mode, max_reply_level, page_pk=None):
    """The ``comment-list`` element for a ``threads.CommentsPage``.

    What every reader without comments of their own on the page sees is kept with the page's rows of
    comments (``config.caching.kept_for_page``, dropped when they change), so most views render nothing.
    """
    # Everything a comment's markup depends on besides the comment itself.
    context = (urls, comments_mode == CommentsMode.OPEN, max_reply_level, timezone.get_current_timezone_name())
    context += (get_language(),)

    def render():
        shown = list(_flatten(comments.roots, context))
        featured = [_comment_html(_fields(node), context) for node in comments.featured]
        return _jinja2_template("reader_comments/comment_list.html").render({"comments": shown, "featured": featured})

    if not comments.kept_as or page_pk is None:
        return mark_safe(render())  # noqa: S308 - Jinja2 escaped it
    key = "comment-list:" + hashlib.sha256(repr((comments.kept_as, context)).encode()).hexdigest()
    return mark_safe(caching.kept_for_page(page_pk=page_pk, key=key, compute=render))  # noqa: S308 - escaped


def _flatten(roots, context):
    """The shown comments in document order, walked with a stack (no recursion, whatever the depth)."""
    stack = [node for node in reversed(roots) if node.shows_something]
    open_levels = []  # for each open replies container: how many of its replies are still to come
    while stack:
        node = stack.pop()
        children = [child for child in node.children if child.shows_something]
        classes = f"comment comment--level-{node.level}"
        if not node.is_visible:
            classes += " comment--placeholder"
        elif node.awaiting:
            classes += " comment--awaiting"
        html = _comment_html(_fields(node), context) if node.is_visible else ""
        closes = 0
        if children:
            open_levels.append(len(children))
            stack.extend(reversed(children))
        else:
            while open_levels:  # this was the last reply of each container it closes
                open_levels[-1] -= 1
                if open_levels[-1]:
                    break
                open_levels.pop()
                closes += 1
        yield ShownComment(node.pk, classes, html, bool(children), range(closes))


def _fields(node):
    return (node.pk, node.level, node.name, node.submit_date, node.text, node.is_published, node.awaiting) + (
        node.own,
        node.editable,
        node.edited,
        node.staff_reply,
        node.featured,
    )


def _jinja2_template(name):
    """A template of the "jinja2" engine, rendered with a plain dict (no request, no context processors)."""
    return engines["jinja2"].env.get_template(name)


@functools.lru_cache(maxsize=64)
def _month_names(language):
    """The months' names in the active language (the key), for comment.html's dates."""
    return {number: str(name) for number, name in MONTHS.items()}


@functools.lru_cache(maxsize=RENDERED_COMMENTS_KEPT)
def _comment_html(comment, context):
    """A visible comment's header, text and actions: a function of its fields and the page's ``context``."""
    pk, level, name, submit_date, text, published, awaiting, own, editable, edited, staff_reply, featured = comment
    urls, open_for_replies, max_reply_level, _zone, language = context
    month_names = _month_names(language)
    name = strip_control_characters(name)
    values = {
        "pk": pk,
        "name": name,
        "initial": name[:1].upper(),
        "submitted": timezone.localtime(submit_date),
        "month_names": month_names,
        "text_html": render_comment_text(text),
        "awaiting": awaiting,
        "edited": edited,
        "staff_reply": staff_reply,
        "featured": featured,
        "can_reply": published and open_for_replies and level <= max_reply_level,
        "can_edit": editable,
        "can_report": published and not own,
        "urls": urls.for_comment(pk),
    }
    return mark_safe(_jinja2_template("reader_comments/comment.html").render(values).strip())  # noqa: S308 - escaped
