"""Site search answers every query text normally (results or none), on PostgreSQL and on SQLite.

Issue 13, defect 9: on the embedded default (SQLite's FTS5) a double quote in the query was a full-text
syntax error, which the outage middleware answered with "back in a moment". Full-text operators, unbalanced
quotes and parentheses, NUL bytes and very long input are reader input like any other.

The SQLite case runs for real: a subprocess migrates a fresh SQLite file and asks the search view through
the test client, since the suite itself runs on PostgreSQL.
"""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.test import Client, TestCase
from wagtail.rich_text import RichText

from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree

BODY = "<p>Calls to the confidential helpline rose sharply.</p>"

# Query text that full-text engines read as syntax: quotes, parentheses, FTS5 and tsquery operators,
# column filters, escapes, NUL and other control characters, and very long input.
HOSTILE_QUERIES = [
    '"',
    '""',
    '"""',
    'a"b',
    '"unbalanced phrase',
    'helpline"',
    "'\"'",
    "'",
    "''",
    "it's",
    "(",
    ")",
    "((helpline",
    "helpline)",
    "AND",
    "OR",
    "NOT",
    "helpline AND",
    "OR helpline",
    "NOT helpline",
    "helpline NOT",
    "NEAR",
    "NEAR(helpline calls)",
    "NEAR(helpline calls, 2)",
    "*",
    "helpline*",
    "*helpline",
    "^",
    "^helpline",
    "-",
    "-helpline",
    "helpline -",
    "+helpline",
    "!helpline",
    "helpline & calls | !rose",
    "helpline <-> calls",
    ":",
    "title:helpline",
    "{title body}: helpline",
    'body:"helpline',
    "x:'a\"b' helpline",
    "covid:19",
    "\\",
    '\\"',
    "%",
    "%s",
    "_",
    "\x00",
    "help\x00line",
    '"\x00"',
    "\x01\x02\x1f",
    "💥",
    "'; DROP TABLE x; --",
    '"helpline" AND "calls"',
    'helpline OR "',
    '"confidential helpline',
    "x" * 10_000,
    "helpline " * 2_000,
    '"' * 500,
    "(" * 500,
]

# Each query still finds the article, so they are searched, not refused.
FINDING_QUERIES = [
    "helpline",
    '"confidential helpline"',
    'helpline"',
    '"confidential helpline',
    "((helpline",
    "helpline:calls",  # Wagtail's filter syntax: its words are searched too
]

SQLITE_SCRIPT = """
import json
from django.db import connection
from django.test import Client
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend
from news.factories import NewsArticlePageFactory
from tests.utils import build_site_tree

tree = build_site_tree()
NewsArticlePageFactory(parent=tree.news_index, title="Helpline figures", body=[("paragraph", RichText({body!r}))])
client = Client(raise_request_exception=False)
statuses, found = {{}}, {{}}
for query in {hostile!r}:
    statuses[query] = client.get("/search/", {{"query": query}}).status_code
for query in {finding!r}:
    response = client.get("/search/", {{"query": query}})
    found[query] = response.status_code == 200 and "Helpline figures" in response.content.decode()
print("RESULT " + json.dumps({{
    "vendor": connection.vendor,
    "backend": type(get_search_backend()).__name__,
    "statuses": statuses,
    "found": found,
}}))
"""


class SearchQueryTextTests(TestCase):
    """On the suite's database (PostgreSQL under `make test`)."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()
        NewsArticlePageFactory(
            parent=cls.tree.news_index, title="Helpline figures", body=[("paragraph", RichText(BODY))]
        )

    def test_any_query_text_answers_200(self):
        client = Client(raise_request_exception=False)
        for query in HOSTILE_QUERIES:
            with self.subTest(query=query[:30]):
                response = client.get("/search/", {"query": query})
                self.assertEqual(response.status_code, 200)

    def test_queries_with_syntax_characters_still_find_pages(self):
        for query in FINDING_QUERIES:
            with self.subTest(query=query):
                self.assertContains(self.client.get("/search/", {"query": query}), "Helpline figures")

    def test_a_query_of_quotes_only_finds_nothing(self):
        response = self.client.get("/search/", {"query": '" "'})
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Helpline figures")


def test_any_query_text_answers_200_on_sqlite(tmp_path):
    """The embedded default: a fresh SQLite file, migrated, searched through the test client."""
    shared = {"REDIS_URL", "STATE_REDIS_URL", "FRONTEND_CACHE_PURGE_URL", "CACHE_DIR"}  # its own caches, on disk
    env = {key: value for key, value in os.environ.items() if key not in shared}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'search.sqlite3'}",
        DJANGO_SETTINGS_MODULE="config.settings.test",
        CACHE_DIR=str(tmp_path / "cache"),
    )
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]

    def run(*args):
        completed = subprocess.run(
            [*manage, *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300
        )
        assert completed.returncode == 0, completed.stdout + completed.stderr
        return completed.stdout

    run("migrate", "--noinput", "--verbosity", "0")
    script = SQLITE_SCRIPT.format(body=BODY, hostile=HOSTILE_QUERIES, finding=FINDING_QUERIES)
    output = run("shell", "--no-imports", "-c", script)
    result = json.loads(next(line for line in output.splitlines() if line.startswith("RESULT "))[len("RESULT ") :])

    assert result["vendor"] == "sqlite"
    assert result["backend"] == "SQLiteSearchBackend"  # FTS5, the engine whose syntax errors this is about
    failures = {query[:30]: status for query, status in result["statuses"].items() if status != 200}
    assert failures == {}
    assert result["found"] == dict.fromkeys(FINDING_QUERIES, True)
