"""Drupal 7's database as plain records: nodes with their body, tags, image, addresses and comments.

The database is read through a second Django connection (any engine Drupal 7 runs on: MySQL/MariaDB,
PostgreSQL, SQLite), added for the run from a dj-database-url address and removed afterwards. Reads only.
"""

import contextlib
import datetime
import html
import re
from pathlib import Path

import dj_database_url
from django.db import connections

from news.importers import text
from news.importers.records import CommentRecord, ImageRecord, PageRecord, Skipped

ALIAS = "drupal7"
CHUNK = 200  # nodes read per round of queries
COMMENT_MODES = {0: "hidden", 1: "closed", 2: "open"}
# Drupal 7 fills an empty subject with the start of the body, at most this long (comment_submit()).
DEFAULT_SUBJECT_LENGTH = 29


@contextlib.contextmanager
def drupal_connection(url, *, alias=ALIAS):
    """A Django connection to the Drupal database for as long as the block runs; never in DATABASES."""
    config = dj_database_url.parse(url)
    if config["ENGINE"] == "django.db.backends.mysql":
        _mysql_driver()
        config.setdefault("OPTIONS", {})["charset"] = "utf8mb4"
    connections.databases[alias] = connections.configure_settings({"default": {}, alias: config})[alias]
    try:
        yield connections[alias]
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.databases[alias]


def _mysql_driver():
    """PyMySQL stands in for mysqlclient (no C headers to build); Django accepts its MySQLdb interface."""
    try:
        import MySQLdb  # noqa: F401
    except ImportError:
        import pymysql

        pymysql.install_as_MySQLdb()


def to_datetime(timestamp):
    return datetime.datetime.fromtimestamp(int(timestamp or 0), tz=datetime.UTC)


def thread_sort_key(vancode):
    """Drupal's threaded order: the vancode without its trailing slash, compared as a string."""
    return (vancode or "").rstrip("/")


def comment_text(*, subject, body, text_format):
    """The comment as our plain text; the subject kept only where Drupal did not just copy the body's start."""
    if text_format in text.HTML_FORMATS:
        body = text.html_to_plain_text(body)
    else:  # "Plain text": what the reader typed, shown escaped by Drupal as by our renderer
        body = (body or "").replace("\r\n", "\n").strip()
    subject = " ".join(html.unescape(subject or "").split())
    flat_body = " ".join(body.split()).lower()
    start = subject.lower().rstrip(".…").strip()
    if not subject or flat_body.startswith(start):
        return body
    return f"{subject}\n\n{body}" if body else subject


class Drupal7Source:
    """Reads a Drupal 7 site, node by node, through ``connection`` (see ``drupal_connection``)."""

    name = "drupal7"

    def __init__(self, connection, *, files_dir=None, prefix=""):
        self.connection = connection
        self.files_dir = Path(files_dir) if files_dir else None
        self.prefix = prefix
        self.tables = set(connection.introspection.table_names())

    def table(self, name):
        return self.prefix + name

    def has(self, name):
        return self.table(name) in self.tables

    def query(self, sql, params=()):
        """Rows as dicts; ``{node}`` style names in ``sql`` become the prefixed tables, ``{ids}`` one mark a param."""
        sql = sql.replace("{ids}", ", ".join(["%s"] * len(params)))
        sql = re.sub(r"\{(\w+)\}", lambda match: self.connection.ops.quote_name(self.table(match[1])), sql)
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            columns = [column[0] for column in cursor.description]
            return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def count(self):
        return self.query("SELECT COUNT(*) AS n FROM {node}")[0]["n"]

    def records(self):
        """A PageRecord per node (or a Skipped for one that cannot be read), oldest node first."""
        nids = [row["nid"] for row in self.query("SELECT nid FROM {node} ORDER BY nid")]
        for start in range(0, len(nids), CHUNK):
            chunk = nids[start : start + CHUNK]
            yield from self._chunk(chunk)

    def _chunk(self, nids):
        nodes = self.query(
            "SELECT n.nid, n.type, n.title, n.uid, n.status, n.created, n.changed, n.comment, u.name AS author "
            "FROM {node} n LEFT JOIN {users} u ON u.uid = n.uid AND n.uid > 0 WHERE n.nid IN ({ids}) "
            "ORDER BY n.nid",
            nids,
        )
        bodies = self._by_node(
            "SELECT entity_id, body_value, body_summary, body_format FROM {field_data_body} "
            "WHERE entity_type = 'node' AND deleted = 0 AND delta = 0 AND entity_id IN ({ids})",
            nids,
            table="field_data_body",
        )
        tags = self._grouped(
            "SELECT t.entity_id, d.name FROM {field_data_field_tags} t "
            "JOIN {taxonomy_term_data} d ON d.tid = t.field_tags_tid "
            "WHERE t.entity_type = 'node' AND t.deleted = 0 AND t.entity_id IN ({ids}) "
            "ORDER BY t.entity_id, t.delta",
            nids,
            table="field_data_field_tags",
        )
        images = self._by_node(
            "SELECT i.entity_id, i.field_image_fid AS fid, i.field_image_alt AS alt, i.field_image_title AS title, "
            "f.uri, f.filename FROM {field_data_field_image} i JOIN {file_managed} f ON f.fid = i.field_image_fid "
            "WHERE i.entity_type = 'node' AND i.deleted = 0 AND i.delta = 0 AND i.entity_id IN ({ids})",
            nids,
            table="field_data_field_image",
        )
        sources = [f"node/{nid}" for nid in nids]
        aliases = {}
        if self.has("url_alias"):
            rows = self.query(
                "SELECT pid, source, alias FROM {url_alias} WHERE source IN ({ids}) ORDER BY pid DESC",
                sources,
            )
            for row in rows:
                aliases.setdefault(row["source"], []).append((row["alias"], int(row["pid"])))
        comments = self._grouped(
            "SELECT c.cid, c.pid, c.nid, c.subject, c.hostname, c.created, c.status, c.thread, c.name, c.mail, "
            "u.mail AS user_mail, u.name AS user_name, b.comment_body_value AS body, b.comment_body_format AS format "
            "FROM {comment} c "
            "LEFT JOIN {field_data_comment_body} b ON b.entity_type = 'comment' AND b.entity_id = c.cid "
            "AND b.deleted = 0 AND b.delta = 0 "
            "LEFT JOIN {users} u ON u.uid = c.uid AND c.uid > 0 "
            "WHERE c.nid IN ({ids}) ORDER BY c.nid, c.cid",
            nids,
            table="comment",
            key="nid",
        )
        for node in nodes:
            nid = node["nid"]
            try:
                yield self._page(node, bodies.get(nid), tags.get(nid, []), images.get(nid), aliases, comments.get(nid))
            except Exception as error:  # one unreadable node never stops the others
                yield Skipped(kind="page", source_id=str(nid), reason=f"unreadable: {error}")

    def _by_node(self, sql, nids, *, table):
        if not self.has(table):
            return {}
        return {row["entity_id"]: row for row in self.query(sql, nids)}

    def _grouped(self, sql, nids, *, table, key="entity_id"):
        grouped = {}
        if self.has(table):
            for row in self.query(sql, nids):
                grouped.setdefault(row[key], []).append(row)
        return grouped

    def _page(self, node, body, tags, image, aliases, comments):
        nid = node["nid"]
        text_format = (body or {}).get("body_format") or "plain_text"
        summary = (body or {}).get("body_summary") or ""
        node_aliases = aliases.get(f"node/{nid}", [])
        old_paths = [*node_aliases, (f"node/{nid}", 0)]
        return PageRecord(
            source_id=str(nid),
            kind=node["type"],
            title=" ".join((node["title"] or "").split()),
            body_html=text.body_to_rich_text((body or {}).get("body_value"), text_format=text_format),
            summary=text.summary_text(summary or (body or {}).get("body_value") or "", limit=400),
            created=to_datetime(node["created"]),
            changed=to_datetime(node["changed"] or node["created"]),
            published=int(node["status"]) == 1,
            byline=(node.get("author") or "")[:120],
            tags=[row["name"] for row in tags],
            image=self._image(image),
            comments_mode=COMMENT_MODES.get(int(node["comment"] or 0)),
            old_paths=old_paths,
            slug=node_aliases[0][0].rstrip("/").rsplit("/", 1)[-1] if node_aliases else "",
            comments=[self._comment(row) for row in sorted(comments or [], key=lambda r: thread_sort_key(r["thread"]))],
        )

    def _image(self, row):
        if row is None:
            return None
        uri = row["uri"] or ""
        path = None
        if uri.startswith("public://") and self.files_dir is not None:
            root = self.files_dir.resolve()
            candidate = (root / uri.removeprefix("public://")).resolve()
            path = str(candidate) if candidate.is_relative_to(root) else ""  # never outside the files' copy
        return ImageRecord(
            source_id=str(row["fid"]),
            path=path or "",
            title=(row["title"] or row["filename"] or "")[:255],
            alt_text=(row["alt"] or "")[:250],
        )

    def _comment(self, row):
        return CommentRecord(
            source_id=str(row["cid"]),
            parent_id=str(row["pid"]) if row["pid"] else None,
            thread=thread_sort_key(row["thread"]),
            name=row["name"] or row["user_name"] or "",
            email=row["mail"] or row["user_mail"] or "",
            text=comment_text(subject=row["subject"], body=row["body"], text_format=row["format"]),
            submitted_at=to_datetime(row["created"]),
            published=int(row["status"]) == 1,
            ip_address=row["hostname"] or None,
        )
