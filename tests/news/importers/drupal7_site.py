"""A Drupal 7 database for tests, built from Drupal 7's own schema, on SQLite or MySQL/MariaDB.

The tables and columns are those of Drupal 7.x's hook_schema() (node.install, comment.install, user.module's
user.install, system.install's url_alias, taxonomy.install, file_managed in system.install, filter.install,
and field_sql_storage's per-field tables for body, comment_body, field_tags and field_image), with their
types. ``serial`` is the one type each engine spells its own way.
"""

import datetime
import re

from news.importers.drupal7 import drupal_connection

FIELD_KEYS = [
    "entity_type varchar(128) NOT NULL DEFAULT ''",
    "bundle varchar(128) NOT NULL DEFAULT ''",
    "deleted tinyint NOT NULL DEFAULT 0",
    "entity_id int unsigned NOT NULL",
    "revision_id int unsigned NULL",
    "language varchar(32) NOT NULL DEFAULT ''",
    "delta int unsigned NOT NULL",
]
FIELD_PRIMARY_KEY = "PRIMARY KEY (entity_type, entity_id, deleted, delta, language)"

TABLES = {
    "users": [
        "uid int unsigned NOT NULL DEFAULT 0 PRIMARY KEY",
        "name varchar(60) NOT NULL DEFAULT ''",
        "pass varchar(128) NOT NULL DEFAULT ''",
        "mail varchar(254) NULL DEFAULT ''",
        "theme varchar(255) NOT NULL DEFAULT ''",
        "signature varchar(255) NOT NULL DEFAULT ''",
        "signature_format varchar(255) NULL",
        "created int NOT NULL DEFAULT 0",
        "access int NOT NULL DEFAULT 0",
        "login int NOT NULL DEFAULT 0",
        "status tinyint NOT NULL DEFAULT 0",
        "timezone varchar(32) NULL",
        "language varchar(12) NOT NULL DEFAULT ''",
        "picture int NOT NULL DEFAULT 0",
        "init varchar(254) NULL DEFAULT ''",
        "data longblob NULL",
    ],
    "node": [
        "nid serial",
        "vid int unsigned NULL",
        "type varchar(32) NOT NULL DEFAULT ''",
        "language varchar(12) NOT NULL DEFAULT ''",
        "title varchar(255) NOT NULL DEFAULT ''",
        "uid int NOT NULL DEFAULT 0",
        "status int NOT NULL DEFAULT 1",
        "created int NOT NULL DEFAULT 0",
        "changed int NOT NULL DEFAULT 0",
        "comment int NOT NULL DEFAULT 0",
        "promote int NOT NULL DEFAULT 0",
        "sticky int NOT NULL DEFAULT 0",
        "tnid int unsigned NOT NULL DEFAULT 0",
        "translate int NOT NULL DEFAULT 0",
    ],
    "node_revision": [
        "nid int unsigned NOT NULL DEFAULT 0",
        "vid serial",
        "uid int NOT NULL DEFAULT 0",
        "title varchar(255) NOT NULL DEFAULT ''",
        "log longtext NOT NULL",
        "timestamp int NOT NULL DEFAULT 0",
        "status int NOT NULL DEFAULT 1",
        "comment int NOT NULL DEFAULT 0",
        "promote int NOT NULL DEFAULT 0",
        "sticky int NOT NULL DEFAULT 0",
    ],
    "comment": [
        "cid serial",
        "pid int NOT NULL DEFAULT 0",
        "nid int NOT NULL DEFAULT 0",
        "uid int NOT NULL DEFAULT 0",
        "subject varchar(64) NOT NULL DEFAULT ''",
        "hostname varchar(128) NOT NULL DEFAULT ''",
        "created int NOT NULL DEFAULT 0",
        "changed int NOT NULL DEFAULT 0",
        "status tinyint unsigned NOT NULL DEFAULT 1",
        "thread varchar(255) NOT NULL",
        "name varchar(60) NULL",
        "mail varchar(64) NULL",
        "homepage varchar(255) NULL",
        "language varchar(12) NOT NULL DEFAULT ''",
    ],
    "node_comment_statistics": [
        "nid int unsigned NOT NULL DEFAULT 0 PRIMARY KEY",
        "cid int NOT NULL DEFAULT 0",
        "last_comment_timestamp int NOT NULL DEFAULT 0",
        "last_comment_name varchar(60) NULL",
        "last_comment_uid int NOT NULL DEFAULT 0",
        "comment_count int unsigned NOT NULL DEFAULT 0",
    ],
    "filter_format": [
        "format varchar(255) NOT NULL PRIMARY KEY",
        "name varchar(255) NOT NULL DEFAULT ''",
        "cache tinyint NOT NULL DEFAULT 0",
        "status tinyint unsigned NOT NULL DEFAULT 1",
        "weight int NOT NULL DEFAULT 0",
    ],
    "field_data_body": [
        *FIELD_KEYS,
        "body_value longtext NULL",
        "body_summary longtext NULL",
        "body_format varchar(255) NULL",
        FIELD_PRIMARY_KEY,
    ],
    "field_data_comment_body": [
        *FIELD_KEYS,
        "comment_body_value longtext NULL",
        "comment_body_format varchar(255) NULL",
        FIELD_PRIMARY_KEY,
    ],
    "field_data_field_tags": [*FIELD_KEYS, "field_tags_tid int unsigned NULL", FIELD_PRIMARY_KEY],
    "field_data_field_image": [
        *FIELD_KEYS,
        "field_image_fid int unsigned NULL",
        "field_image_alt varchar(512) NULL",
        "field_image_title varchar(1024) NULL",
        "field_image_width int unsigned NULL",
        "field_image_height int unsigned NULL",
        FIELD_PRIMARY_KEY,
    ],
    "file_managed": [
        "fid serial",
        "uid int unsigned NOT NULL DEFAULT 0",
        "filename varchar(255) NOT NULL DEFAULT ''",
        "uri varchar(255) NOT NULL DEFAULT ''",
        "filemime varchar(255) NOT NULL DEFAULT ''",
        "filesize bigint unsigned NOT NULL DEFAULT 0",
        "status tinyint NOT NULL DEFAULT 0",
        "timestamp int unsigned NOT NULL DEFAULT 0",
    ],
    "taxonomy_vocabulary": [
        "vid serial",
        "name varchar(255) NOT NULL DEFAULT ''",
        "machine_name varchar(255) NOT NULL DEFAULT ''",
        "description longtext NULL",
        "hierarchy tinyint unsigned NOT NULL DEFAULT 0",
        "module varchar(255) NOT NULL DEFAULT ''",
        "weight int NOT NULL DEFAULT 0",
    ],
    "taxonomy_term_data": [
        "tid serial",
        "vid int unsigned NOT NULL DEFAULT 0",
        "name varchar(255) NOT NULL DEFAULT ''",
        "description longtext NULL",
        "format varchar(255) NULL",
        "weight int NOT NULL DEFAULT 0",
    ],
    "taxonomy_term_hierarchy": [
        "tid int unsigned NOT NULL DEFAULT 0",
        "parent int unsigned NOT NULL DEFAULT 0",
        "PRIMARY KEY (tid, parent)",
    ],
    "taxonomy_index": [
        "nid int unsigned NOT NULL DEFAULT 0",
        "tid int unsigned NOT NULL DEFAULT 0",
        "sticky tinyint NULL DEFAULT 0",
        "created int NOT NULL DEFAULT 0",
    ],
    "url_alias": [
        "pid serial",
        "source varchar(255) NOT NULL DEFAULT ''",
        "alias varchar(255) NOT NULL DEFAULT ''",
        "language varchar(12) NOT NULL DEFAULT ''",
    ],
}

FIXTURE_ALIAS = "drupal7_fixture"  # the connection that builds the database, only while it does
SERIAL = {
    "sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT",
    "mysql": "int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY",
    "postgresql": "serial PRIMARY KEY",
}
TABLE_OPTIONS = {"sqlite": "", "mysql": " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", "postgresql": ""}
# Drupal's PostgreSQL driver (includes/database/pgsql/schema.inc) spells the types its own way, with domains
# for the unsigned ones.
POSTGRESQL_TYPES = [
    (r"\btinyint unsigned\b", "smallint_unsigned"),
    (r"\btinyint\b", "smallint"),
    (r"\bbigint unsigned\b", "bigint_unsigned"),
    (r"\bint unsigned\b", "int_unsigned"),
    (r"\blongtext\b", "text"),
    (r"\blongblob\b", "bytea"),
]
POSTGRESQL_DOMAINS = {
    "smallint_unsigned": "smallint",
    "int_unsigned": "integer",
    "bigint_unsigned": "bigint",
}


def vancode(number):
    """Drupal's int2vancode(): base 36, prefixed by its length minus one (0 → 00, 35 → 0z, 36 → 110)."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    encoded = ""
    while True:
        number, rest = divmod(number, 36)
        encoded = digits[rest] + encoded
        if not number:
            break
    return f"{len(encoded) - 1}{encoded}"


def thread(*path):
    """A comment's ``thread`` column from its position at each level, e.g. thread(1, 0) → '01.00/'."""
    return ".".join(vancode(n) for n in path) + "/"


def timestamp(value):
    return int(value.timestamp())


class DrupalSite:
    """Builds a Drupal 7 database at ``url`` (emptied first) row by row, as Drupal would have stored it."""

    def __init__(self, url, *, prefix=""):
        self.url = url
        self.prefix = prefix
        self.rows = {name: [] for name in TABLES}
        self.next_pid = 1

    # Rows

    def user(self, uid, name, mail):
        self.rows["users"].append({"uid": uid, "name": name, "mail": mail, "status": 1, "init": mail})

    def term(self, tid, name):
        self.rows["taxonomy_term_data"].append({"tid": tid, "vid": 1, "name": name})
        self.rows["taxonomy_term_hierarchy"].append({"tid": tid, "parent": 0})

    def node(self, nid, *, type="article", title, body="", summary="", text_format="filtered_html", status=1,
             comment=2, uid=1, created, changed=None, tags=(), image=None, aliases=(), vid=None):  # fmt: skip
        vid = vid or nid + 1000  # revisions are numbered site-wide: vid differs from nid
        changed = changed or created
        self.rows["node"].append(
            {
                "nid": nid,
                "vid": vid,
                "type": type,
                "language": "und",
                "title": title,
                "uid": uid,
                "status": status,
                "created": timestamp(created),
                "changed": timestamp(changed),
                "comment": comment,
            }  # fmt: skip
        )
        self.rows["node_revision"].append(
            {
                "nid": nid,
                "vid": vid,
                "uid": uid,
                "title": title,
                "log": "",
                "timestamp": timestamp(changed),
                "status": status,
                "comment": comment,
            }  # fmt: skip
        )
        field = {"entity_type": "node", "bundle": type, "deleted": 0, "entity_id": nid, "revision_id": vid,
                 "language": "und"}  # fmt: skip
        self.rows["field_data_body"].append(
            {**field, "delta": 0, "body_value": body, "body_summary": summary, "body_format": text_format}
        )
        for delta, tid in enumerate(tags):
            self.rows["field_data_field_tags"].append({**field, "delta": delta, "field_tags_tid": tid})
            if status:
                self.rows["taxonomy_index"].append({"nid": nid, "tid": tid, "created": timestamp(created)})
        if image:
            fid, filename, alt, title_text = image
            self.rows["file_managed"].append(
                {
                    "fid": fid,
                    "uid": uid,
                    "filename": filename,
                    "uri": f"public://field/image/{filename}",
                    "filemime": "image/png",
                    "filesize": 100,
                    "status": 1,
                    "timestamp": timestamp(created),
                }  # fmt: skip
            )
            self.rows["field_data_field_image"].append(
                {
                    **field,
                    "delta": 0,
                    "field_image_fid": fid,
                    "field_image_alt": alt,
                    "field_image_title": title_text,
                    "field_image_width": 8,
                    "field_image_height": 8,
                }  # fmt: skip
            )
        for alias in aliases:
            self.alias(f"node/{nid}", alias)

    def alias(self, source, alias):
        self.rows["url_alias"].append({"pid": self.next_pid, "source": source, "alias": alias, "language": "und"})
        self.next_pid += 1

    def comment(self, cid, *, nid, path, body, pid=0, status=1, name="Reader", mail="", uid=0, subject="",
                created, hostname="192.0.2.1", homepage="", text_format="plain_text", node_type="article"):  # fmt: skip
        self.rows["comment"].append(
            {
                "cid": cid,
                "pid": pid,
                "nid": nid,
                "uid": uid,
                "subject": subject,
                "hostname": hostname,
                "created": timestamp(created),
                "changed": timestamp(created),
                "status": status,
                "thread": thread(*path),
                "name": name,
                "mail": mail,
                "homepage": homepage,
                "language": "und",
            }  # fmt: skip
        )
        self.rows["field_data_comment_body"].append(
            {
                "entity_type": "comment",
                "bundle": f"comment_node_{node_type}",
                "deleted": 0,
                "entity_id": cid,
                "revision_id": cid,
                "language": "und",
                "delta": 0,
                "comment_body_value": body,
                "comment_body_format": text_format,
            }  # fmt: skip
        )

    # The database

    def create(self):
        """Drop and create every table, then insert the rows given so far."""
        with drupal_connection(self.url, alias=FIXTURE_ALIAS) as connection:
            engine = connection.vendor
            with connection.cursor() as cursor:
                if engine == "postgresql":
                    for domain, base in POSTGRESQL_DOMAINS.items():
                        cursor.execute(f"DROP DOMAIN IF EXISTS {domain} CASCADE")
                        cursor.execute(f"CREATE DOMAIN {domain} {base} CHECK (VALUE >= 0)")
                for name, columns in TABLES.items():
                    table = connection.ops.quote_name(self.prefix + name)
                    cursor.execute(f"DROP TABLE IF EXISTS {table}")
                    body = ", ".join(_column(column, engine) for column in columns)
                    cursor.execute(f"CREATE TABLE {table} ({body}){TABLE_OPTIONS[engine]}")
                self.rows["filter_format"] = [
                    {"format": "filtered_html", "name": "Filtered HTML"},
                    {"format": "full_html", "name": "Full HTML"},
                    {"format": "plain_text", "name": "Plain text"},
                ]
                self.rows["taxonomy_vocabulary"] = [{"vid": 1, "name": "Tags", "machine_name": "tags"}]
                for name, rows in self.rows.items():
                    self._insert(connection, cursor, name, rows)

    def add(self):
        """Insert the rows given since (to an existing database), as Drupal would after the first import."""
        with drupal_connection(self.url, alias=FIXTURE_ALIAS) as connection, connection.cursor() as cursor:
            for name, rows in self.rows.items():
                self._insert(connection, cursor, name, rows)
        self.rows = {name: [] for name in TABLES}

    def execute(self, sql, params=()):
        with drupal_connection(self.url, alias=FIXTURE_ALIAS) as connection, connection.cursor() as cursor:
            cursor.execute(sql, params)

    def _insert(self, connection, cursor, name, rows):
        if not rows:
            return
        table = connection.ops.quote_name(self.prefix + name)
        columns = list(rows[0])
        quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {table} ({quoted}) VALUES ({marks})",  # noqa: S608 - the fixture's own names
            [[row.get(column) for column in columns] for row in rows],
        )


def _column(column, engine):
    column = column.replace("serial", SERIAL[engine])
    if engine == "postgresql":
        for pattern, replacement in POSTGRESQL_TYPES:
            column = re.sub(pattern, replacement, column)
    return column


def days_ago(days):
    return datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(days=days)
