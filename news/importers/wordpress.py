"""A WordPress export (WXR, Tools → Export) as plain records: posts and pages with their terms and comments.

Parsed with defusedxml: the file comes from elsewhere. Spam and trashed comments, pingbacks and trackbacks
are reported as skipped; attachments, menus and other post types are not pages here.
"""

import datetime
from urllib.parse import urlsplit

from defusedxml import ElementTree

from news.importers import text
from news.importers.records import CommentRecord, PageRecord, Skipped

PAGE_TYPES = {"post", "page"}
PUBLISHED = "publish"
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}
COMMENT_STATES = {"1": True, "0": False}  # approved, held; "spam" and "trash" are skipped
UNCATEGORIZED = {"uncategorized"}


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _child(element, name, prefix=""):
    """The text of the first child called ``name`` in any namespace whose address has ``prefix`` in it."""
    for child in element:
        if _local(child.tag) == name and prefix in child.tag:
            return (child.text or "").strip() if name not in {"encoded", "comment_content"} else child.text or ""
    return ""


def _date(value):
    """WordPress's dates (GMT columns; "0000-00-00 00:00:00" for drafts) as aware datetimes, or None."""
    if not value or value.startswith("0000"):
        return None
    return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=datetime.UTC)


class WordPressSource:
    """Reads one WXR file (``path``), item by item."""

    name = "wordpress"

    def __init__(self, path):
        self.root = ElementTree.parse(path).getroot()
        channel = self.root.find("channel")
        self.items = channel.findall("item")
        self.authors = {
            _child(author, "author_login", "wordpress.org"): _child(author, "author_display_name", "wordpress.org")
            for author in channel
            if _local(author.tag) == "author"
        }

    def pages(self):
        """The posts and pages (not attachments, menu items, revisions or trash), as (item, id, type, status)."""
        for item in self.items:
            post_type = _child(item, "post_type", "wordpress.org")
            status = _child(item, "status", "wordpress.org")
            if post_type in PAGE_TYPES and status not in SKIPPED_STATUSES:
                yield item, _child(item, "post_id", "wordpress.org"), post_type, status

    def count(self):
        return sum(1 for _ in self.pages())

    def records(self):
        for item, post_id, post_type, status in self.pages():
            try:
                yield self._page(item, post_id=post_id, post_type=post_type, status=status)
            except (ValueError, TypeError) as error:
                yield Skipped(kind="page", source_id=post_id, reason=f"unreadable: {error}")
            yield from self._skipped_comments(item)

    def _page(self, item, *, post_id, post_type, status):
        body = _child(item, "encoded", "purl.org/rss")
        excerpt = _child(item, "encoded", "excerpt")
        created = _date(_child(item, "post_date_gmt", "wordpress.org")) or _date(_child(item, "post_date", "wordp"))
        changed = _date(_child(item, "post_modified_gmt", "wordpress.org")) or created
        created = created or changed or datetime.datetime.now(tz=datetime.UTC)
        link = _child(item, "link")
        # Its permalink; "/?p=N" links are left behind (the home page answers them, so no redirect could).
        old_paths = [(urlsplit(link).path, 1)] if link and "?" not in link else []
        terms = [
            (element.text or "").strip()
            for element in item.findall("category")
            if element.get("domain") in {"category", "post_tag"}
            and (element.get("nicename") or "").lower() not in UNCATEGORIZED
        ]
        comment_status = _child(item, "comment_status", "wordpress.org")
        return PageRecord(
            source_id=post_id,
            kind=post_type,
            title=text.plain_text(_child(item, "title"), limit=255),
            body_html=text.body_to_rich_text(body, text_format="full_html"),
            summary=text.summary_text(excerpt or body, limit=400),
            created=created,
            changed=changed or created,
            published=status == PUBLISHED,
            byline=self.authors.get(_child(item, "creator", "purl.org/dc"), _child(item, "creator", "purl.org/dc")),
            tags=list(dict.fromkeys(term for term in terms if term)),
            comments_mode={"open": "open", "closed": "closed"}.get(comment_status),
            old_paths=old_paths,
            slug=_child(item, "post_name", "wordpress.org"),
            comments=[self._comment(element) for element in self._comments(item, kept=True)],
        )

    def _comments(self, item, *, kept):
        for element in item:
            if _local(element.tag) != "comment":
                continue
            state = _child(element, "comment_approved", "wordpress.org")
            kind = _child(element, "comment_type", "wordpress.org") or "comment"
            if (state in COMMENT_STATES and kind == "comment") == kept:
                yield element

    def _skipped_comments(self, item):
        for element in self._comments(item, kept=False):
            state = _child(element, "comment_approved", "wordpress.org")
            kind = _child(element, "comment_type", "wordpress.org") or "comment"
            reason = f"a {kind}" if kind != "comment" else f"{state} on the old site"
            yield Skipped(kind="comment", source_id=_child(element, "comment_id", "wordpress.org"), reason=reason)

    def _comment(self, element):
        def field(name):
            return _child(element, name, "wordpress.org")

        submitted = _date(field("comment_date_gmt")) or _date(field("comment_date"))
        parent = field("comment_parent")
        return CommentRecord(
            source_id=field("comment_id"),
            parent_id=parent if parent and parent != "0" else None,
            thread=f"{submitted:%Y%m%d%H%M%S}.{int(field('comment_id') or 0):012d}" if submitted else "",
            name=field("comment_author"),
            email=field("comment_author_email"),
            text=text.html_to_plain_text(field("comment_content")),
            submitted_at=submitted or datetime.datetime.now(tz=datetime.UTC),
            published=COMMENT_STATES[field("comment_approved")],
            ip_address=field("comment_author_IP") or None,
        )
