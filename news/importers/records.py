"""The plain records every source yields and the writer maps: no source knows pages, no writer knows a source."""

import datetime
from dataclasses import dataclass, field


@dataclass
class ImageRecord:
    source_id: str
    path: str  # the file on disk (a copy of the old site's files)
    title: str
    alt_text: str = ""


@dataclass
class CommentRecord:
    """One comment: ``thread`` orders it among its siblings (Drupal's vancode, or a sortable date)."""

    source_id: str
    parent_id: str | None  # None: top level; an id not among the page's comments is an orphan (top level)
    thread: str
    name: str
    email: str
    text: str  # our plain text already
    submitted_at: datetime.datetime
    published: bool
    ip_address: str | None = None


@dataclass
class PageRecord:
    """One article or page, with everything that hangs on it."""

    source_id: str
    kind: str  # the source's content type (article, page, post…), mapped to a page type by the writer
    title: str
    body_html: str  # rich text, already through the allow-list
    summary: str
    created: datetime.datetime
    changed: datetime.datetime
    published: bool
    byline: str = ""
    tags: list = field(default_factory=list)
    image: ImageRecord | None = None
    comments_mode: str | None = None  # open, closed, hidden; None keeps the site's default
    # Addresses on the old site as (path, rank): where two pages claim a path, the higher rank wins (Drupal: pid).
    old_paths: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    slug: str = ""


@dataclass
class Skipped:
    """A source object read but not importable, with why."""

    kind: str
    source_id: str
    reason: str


@dataclass
class CommentsOnly:
    """Comments for a page an earlier import made or that exists here (Disqus): matched by address or id."""

    source_id: str
    match_urls: list  # the thread's addresses on the old site
    match_ids: list  # (source, source id) of the page an earlier import made, e.g. ("drupal7", "12")
    title: str
    comments: list = field(default_factory=list)
