"""Benchmark of issue 16: 1,000 Drupal 7 nodes and 10,000 comments imported in under 60 s.

Usage: python bench/import_drupal7.py [--nodes N] [--comments-per-node M]

Starts a throwaway PostgreSQL (tests/postgres.py) as the site's database, migrates it and loads the demo
content, builds a synthetic Drupal 7 site in SQLite with Drupal's schema (tests/news/importers/drupal7_site.py),
then times ``manage.py import_drupal7`` on it (in process, the whole command: reading, writing, redirects, the
site history and the cache events). Prints the time and rates; exit status 1 past the target.
"""

import argparse
import contextlib
import cProfile
import datetime
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _path in (str(ROOT / "site"), str(ROOT)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

TARGET_SECONDS = 60
BODY = (
    "<p>Campaigners met the minister on Tuesday to press for <strong>faster</strong> action on reports of online "
    'abuse. <a href="https://example.org/report">Read the report</a>.</p>\n<p>Second paragraph of the article, '
    "with more detail about what schools must do and when.</p>"
)


def build_drupal_site(url, *, nodes, comments_per_node):
    """A Drupal 7 site: articles with tags and aliases, each with threaded comments (up to five levels deep)."""
    from tests.news.importers.drupal7_site import DrupalSite

    site = DrupalSite(url)
    site.user(0, "", "")
    site.user(1, "Editor", "editor@old-site.example")
    for tid in range(1, 21):
        site.term(tid, f"Topic {tid}")
    start = datetime.datetime(2015, 1, 1, tzinfo=datetime.UTC)
    cid = 0
    for nid in range(1, nodes + 1):
        created = start + datetime.timedelta(hours=nid)
        tags = [nid % 20 + 1, (nid + 7) % 20 + 1]
        site.node(nid, title=f"Article number {nid}", body=BODY, summary=f"Summary of article {nid}.",
                  created=created, tags=tags, aliases=[f"news/article-{nid}"])  # fmt: skip
        path = []
        top = 0
        for n in range(comments_per_node):
            cid += 1
            if n % 5 == 0 or len(path) >= 5:  # a new conversation every five comments
                top += 1
                path = [top]
                parent = 0
            else:
                path = [*path, 0]
                parent = cid - 1
            site.comment(cid, nid=nid, pid=parent, path=path, status=0 if n % 17 == 0 else 1,
                         created=created + datetime.timedelta(minutes=n), name=f"Reader {cid}",
                         mail=f"reader{cid}@readers.example", text_format="filtered_html",
                         body=f"<p>Comment {cid}: I agree with the point about reporting.<br>Thanks.</p>")  # fmt: skip
    site.create()
    return cid


def inner(args):
    """In the child process, against the throwaway PostgreSQL: prepare, then time the import."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    workdir = Path(tempfile.mkdtemp(prefix="bench-drupal7-"))
    try:
        url = f"sqlite:///{workdir / 'drupal7.sqlite'}"
        began = time.perf_counter()
        comments = build_drupal_site(url, nodes=args.nodes, comments_per_node=args.comments_per_node)
        built = time.perf_counter() - began
        out = io.StringIO()
        profiler = cProfile.Profile() if args.profile else contextlib.nullcontext()
        began = time.perf_counter()
        with profiler:
            call_command("import_drupal7", "--source", url, stdout=out)
        seconds = time.perf_counter() - began
        if args.profile:
            profiler.dump_stats(args.profile)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(out.getvalue())
    print(f"Drupal 7 site built in {built:.1f} s (SQLite): {args.nodes} nodes, {comments} comments")
    print(
        f"import_drupal7: {seconds:.1f} s for {args.nodes} nodes and {comments} comments "
        f"({args.nodes / seconds:.0f} pages/s, {comments / seconds:.0f} comments/s); "
        f"target < {TARGET_SECONDS} s: {'met' if seconds < TARGET_SECONDS else 'NOT met'}"
    )
    return 0 if seconds < TARGET_SECONDS else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--comments-per-node", type=int, default=10)
    parser.add_argument("--profile", metavar="FILE", help="Write cProfile statistics of the import to FILE.")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        return inner(args)
    from tests.postgres import throwaway_server

    cache_dir = tempfile.mkdtemp(prefix="bench-drupal7-cache-")
    try:
        with throwaway_server() as database_url:
            _create_database(database_url)
            env = {**os.environ, "DATABASE_URL": database_url, "CACHE_DIR": cache_dir, "LOG_LEVEL": "WARNING"}
            command = [sys.executable, __file__, "--inner", "--nodes", str(args.nodes)]
            command += ["--comments-per-node", str(args.comments_per_node)]
            command += ["--profile", str(Path(args.profile).resolve())] if args.profile else []
            return subprocess.call(command, env=env, cwd=ROOT)  # noqa: S603
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)


def _create_database(url):
    import psycopg2

    parts = urllib.parse.urlsplit(url)
    connection = psycopg2.connect(host=parts.hostname, port=parts.port, user=parts.username, dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{parts.path.lstrip("/")}"')
    connection.close()


if __name__ == "__main__":
    sys.exit(main())
