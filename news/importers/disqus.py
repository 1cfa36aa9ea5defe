"""A Disqus export (Admin → Moderate → Export) as plain records: each thread's posts, for a page found here.

Disqus's format: a ``<disqus>`` root with ``<category>``, ``<thread dsq:id>`` (``<link>``, ``<id>`` the
identifier the site gave it, ``<title>``) and ``<post dsq:id>`` (``<message>`` HTML, ``<createdAt>``,
``<isDeleted>``, ``<isSpam>``, ``<author>``, ``<thread dsq:id>``, ``<parent dsq:id>``) elements. Threads are
matched to pages by identifier (Drupal's ``node/N``, WordPress's ``N http://…``) or by address. Parsed
with defusedxml.
"""

import datetime
import re
from urllib.parse import urlsplit

from defusedxml import ElementTree

from news.importers import text
from news.importers.records import CommentRecord, CommentsOnly, Skipped

DSQ = "{http://disqus.com/disqus-internals}id"
DRUPAL_IDENTIFIER = re.compile(r"^node/(\d+)$")
WORDPRESS_IDENTIFIER = re.compile(r"^(\d+) https?://")


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _text(element, *path):
    for name in path:
        element = next((child for child in element if _local(child.tag) == name), None) if element is not None else None
    return (element.text or "").strip() if element is not None else ""


def _ref(element, name):
    """The dsq:id of a child reference such as ``<thread dsq:id="1"/>``."""
    child = next((child for child in element if _local(child.tag) == name), None)
    return child.get(DSQ) if child is not None else None


def _true(value):
    return value.strip().lower() == "true"


def _date(value):
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def match_ids(identifier):
    """Which earlier import's page a Disqus identifier names."""
    ids = []
    if match := DRUPAL_IDENTIFIER.match(identifier):
        ids.append(("drupal7", match[1]))
    if match := WORDPRESS_IDENTIFIER.match(identifier):
        ids.append(("wordpress", match[1]))
    return ids


class DisqusSource:
    """Reads one Disqus export (``path``), thread by thread."""

    name = "disqus"

    def __init__(self, path):
        root = ElementTree.parse(path).getroot()
        self.threads = [element for element in root if _local(element.tag) == "thread"]
        self.posts = [element for element in root if _local(element.tag) == "post"]

    def count(self):
        return len(self.threads)

    def records(self):
        by_thread = {}
        for post in self.posts:
            source_id = post.get(DSQ)
            if _true(_text(post, "isDeleted")) or _true(_text(post, "isSpam")):
                reason = "deleted on Disqus" if _true(_text(post, "isDeleted")) else "spam on Disqus"
                yield Skipped(kind="comment", source_id=source_id, reason=reason)
                continue
            by_thread.setdefault(_ref(post, "thread"), []).append(self._comment(post))
        for thread in self.threads:
            comments = by_thread.pop(thread.get(DSQ), [])
            if not comments:
                continue
            link = _text(thread, "link")
            yield CommentsOnly(
                source_id=thread.get(DSQ),
                match_urls=[urlsplit(link).path] if link else [],
                match_ids=match_ids(_text(thread, "id")),
                title=_text(thread, "title"),
                comments=comments,
            )
        for thread_id, comments in by_thread.items():
            for comment in comments:
                yield Skipped(kind="comment", source_id=comment.source_id, reason=f"no thread {thread_id} in the file")

    def _comment(self, post):
        submitted = _date(_text(post, "createdAt")) or datetime.datetime.now(tz=datetime.UTC)
        approved = _text(post, "isApproved")
        return CommentRecord(
            source_id=post.get(DSQ),
            parent_id=_ref(post, "parent"),
            thread=f"{submitted:%Y%m%d%H%M%S}.{int(post.get(DSQ) or 0):015d}",
            name=_text(post, "author", "name") or _text(post, "author", "username"),
            email=_text(post, "author", "email"),
            text=text.html_to_plain_text(_text(post, "message")),
            submitted_at=submitted,
            published=not approved or _true(approved),
            ip_address=_text(post, "ipAddress") or None,
        )
