"""The benchmark of issues 6 and 13 ("Fast at any thread size", "Speed that must hold"): every target
measured in one run, the WordPress peer too, one table.

Usage (from the repository root; ``make bench`` runs the first line)::

    .venv/bin/python bench/run.py               # the full run (about 10 minutes with the peer)
    .venv/bin/python bench/run.py --quick       # a smoke run with short load phases
    .venv/bin/python bench/run.py --markdown    # the table as Markdown too, for the README
    .venv/bin/python bench/run.py --no-stack    # skip the nginx stack rows
    .venv/bin/python bench/run.py --no-peer     # skip the WordPress peer (target 6's "≥ 10×" is then unchecked)

It starts its own PostgreSQL (tests/postgres.py), Redis and gunicorn on loopback, builds its data, and
stops and deletes everything at the end, even on failure or Ctrl-C; then it runs the WordPress peer
(bench/peer.py) on the idle machine. Exit status 1 when a target is not met.
See bench/README.md for what each row measures.
"""

import argparse
import contextlib
import inspect
import itertools
import os
import re
import secrets
import shutil
import signal
import sys
import tempfile
import textwrap
import time
import traceback
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: bench/ is on the path, the repository is not
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import cpu, peer, peer_data, wrk  # noqa: E402
from bench.common import (  # noqa: E402
    HOST,
    SITE_HOST,
    Postgres,
    Services,
    cookie_header,
    fetch,
    log,
    log_in,
    manage,
    parse_form,
    prepare_site,
    production_env,
    setup_django,
    start_gunicorn,
    start_redis,
    update_cookies,
)
from tests.postgres import throwaway_server  # noqa: E402

ROOT_DIR = Path(__file__).resolve().parents[1]

# The gunicorn of every HTTP measurement: the "2 sync workers" (targets 3 and 6 name it).
WORKERS = 2
WORKER_CLASS = "sync"
# Target 5 (posting): the same 2 sync workers, the best of the configurations tried on 2 cores
# (bench/README.md has the figures).
POST_WORKERS = WORKERS
POST_WORKER_CLASS = WORKER_CLASS
POST_THREADS = 1
# Target 6 as the WordPress peer measures its post: wrk -t2 -c8 after a 5 s warm-up, 15 s (bench/peer.py).
UNCACHED_THREADS = 2
UNCACHED_CONNECTIONS = 8
UNCACHED_WARMUP_SECONDS = 5
UNCACHED_TRIES = 3
UNCACHED_RPS_WANTED = 100
TIMES_WORDPRESS_WANTED = 10
PEER_COMMENTS = 100
READER_PASSWORD = secrets.token_urlsafe(16)


@dataclass
class Row:
    """One line of the table; ``met`` is None when the target could not be measured. A ``context`` row is no
    target: a figure that explains another row (met is not asked of it)."""

    target: str
    figure: str
    reference: str = ""
    ratio: str = ""
    met: bool | None = None
    context: bool = False
    per_second: float | None = None  # requests/s of a row compared with WordPress (target 6 through gunicorn)
    versus_wordpress: bool = False  # its ratio and "met" get the WordPress peer's figure of the same run


def as_rows(result, *, target):
    """Rows from another module's measurement: Row objects, dicts or 5-tuples, one or a list of them."""
    items = result if isinstance(result, list | tuple) and not _is_row_tuple(result) else [result]
    rows = []
    for item in items:
        if isinstance(item, Row):
            rows.append(item)
        elif isinstance(item, dict):
            fields = {name: item[name] for name in Row.__dataclass_fields__ if name in item}
            rows.append(Row(**{"target": target, "figure": "", **{k: _text(v, k) for k, v in fields.items()}}))
        elif _is_row_tuple(item):
            rows.append(Row(*(_text(value, name) for value, name in zip(item, ROW_TUPLE_FIELDS, strict=True))))
        else:
            rows.append(Row(target, str(item)))
    return rows


ROW_TUPLE_FIELDS = tuple(Row.__dataclass_fields__)[:5]  # a tuple row has no context field


def _is_row_tuple(value):
    return isinstance(value, tuple) and len(value) == 5 and isinstance(value[4], bool | None)


def _text(value, name):
    if name == "met":
        return value if value is None else bool(value)
    if name == "context":
        return bool(value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return "" if value is None else str(value)


def not_available(target, why):
    return Row(target, f"not available ({why})", met=None)


def call(function, **options):
    """Call ``function`` with those of ``options`` it accepts."""
    accepted = inspect.signature(function).parameters
    return function(**{name: value for name, value in options.items() if name in accepted})


# --------------------------------------------------------------------------- data


@dataclass
class BenchData:
    cached: str  # target 3 and 4: an article with demo content and a short discussion
    other: str  # target 4: an article that must stay cached
    threaded: str  # target 6: an article with the WordPress peer's body and 100 comments
    posting: str  # target 5: where the commenters post
    cached_pk: int
    reader: str  # a normal user (target 6)
    moderator_pk: int


def build_data():
    """Demo articles with discussions of the sizes the targets name; relaxed comment rules for posting.

    Target 6's article is the WordPress peer's page: its ~800-word body and its 100 comments, threaded the
    same way (bench/peer_data.py ports the peer's generator, so the words and threads are the same).
    """
    from django.contrib.auth import get_user_model
    from django.db import connections
    from wagtail.models import Site

    from news.comments.factories import bulk_threads
    from news.comments.models import CommentsMode
    from news.models import NewsArticlePage

    prepare_site()  # rate limit at its maximum, no minimum writing time, a moderator
    Site.objects.filter(is_default_site=True).update(hostname=SITE_HOST, port=80)
    users = get_user_model().objects
    commenters = [
        users.create_user(f"bench-commenter-{n}", f"commenter{n}@example.org", first_name=f"Member {n}")
        for n in range(3)
    ]
    reader = users.create_user("bench-reader", "bench-reader@example.org", READER_PASSWORD)
    articles = list(NewsArticlePage.objects.live().public().order_by("path"))
    if len(articles) < 4:
        raise RuntimeError("the demo content has fewer than four articles")
    NewsArticlePage.objects.filter(pk__in=[page.pk for page in articles]).update(comments_mode=CommentsMode.OPEN)
    cached, other, threaded, posting = articles[-4:]
    bulk_threads(page=cached, count=20, users=commenters)
    peer_data.make_peer_article(threaded)
    peer_data.insert_comments(page=threaded, count=PEER_COMMENTS)
    log(f"target 6's article: {peer_data.article_words()} words; {peer_data.describe(PEER_COMMENTS)}")
    moderator = users.get(username="load-moderator")
    connections.close_all()
    return BenchData(
        cached=cached.url,
        other=other.url,
        threaded=threaded.url,
        posting=posting.url,
        cached_pk=cached.pk,
        reader=reader.get_username(),
        moderator_pk=moderator.pk,
    )


# --------------------------------------------------------------------------- targets 1 and 2 (in process)


def in_process_rows(args, postgres):
    """Targets 1 and 2 in this process. Target 2 is timed: it first waits for other processes to leave the
    CPUs alone, as target 6 and the peer do, and logs their share during it."""
    targets = (
        ("1. SQL queries per article page", "measure_query_counts"),
        ("2. comment rendering", "measure_render_speed"),
    )
    try:
        from bench import in_process
    except ImportError as error:
        return [not_available(target, f"bench/in_process.py: {error}") for target, _name in targets]
    rows = []
    for target, name in targets:
        if target[0] not in args.only:
            continue
        function = getattr(in_process, name, None)
        if function is None:
            rows.append(not_available(target, f"no bench.in_process.{name}"))
            continue
        roots = [cpu.postmaster_pid(postgres.data)]
        if target[0] == "2":
            cpu.wait_quiet(roots, max_seconds=15 if args.quick else 300, log=log)
        log(f"target {target[0]}: bench.in_process.{name}()")
        try:
            with cpu.Foreign(roots) as foreign:
                rows.extend(as_rows(call(function, quick=args.quick), target=target))
            log(f"target {target[0]}: other processes used {foreign.percent:.1f}% of the CPUs meanwhile")
        except Exception as error:  # noqa: BLE001 - one target's failure must not hide the others
            traceback.print_exc()
            rows.append(Row(target, f"failed: {type(error).__name__}: {error}", met=False))
        finally:
            from django.db import connections

            connections.close_all()
    return rows


# --------------------------------------------------------------------------- target 3 (cached pages)


def app_connections_active_since(postgres, since):
    """The site's PostgreSQL connections that ran anything (or were opened) since ``since`` (server time)."""
    connection = postgres.connect("postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND backend_type = 'client backend' "
                "AND (state_change >= %s OR backend_start >= %s)",
                [postgres.dbname, since, since],
            )
            return cursor.fetchone()[0]
    finally:
        connection.close()


def database_now(postgres):
    connection = postgres.connect("postgres")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT clock_timestamp()")
            return cursor.fetchone()[0]
    finally:
        connection.close()


def sql_on_repeat_get(path):
    """Queries Django runs for a repeated anonymous GET, counted in process (same settings and cache)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=SITE_HOST)
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    connection.close()
    return len(queries), response.headers.get("X-Page-Cache", "")


def target_3(args, services, env, port, postgres, data, workdir):
    target = "3. cached article, anonymous reader (gunicorn)"
    url = f"http://{HOST}:{port}{data.cached}"
    fetch(port, "GET", data.cached)
    page = fetch(port, "GET", data.cached)
    if page.status != 200:
        return Row(target, f"GET {data.cached} answered {page.status}", met=False)
    if page.headers.get("x-page-cache") != "hit":
        status = page.headers.get("x-page-cache")
        return Row(target, f"no page cache: X-Page-Cache {status!r} on a repeat GET", met=False)

    # No SQL: in process, and on the server (no site connection to PostgreSQL did anything during the GETs).
    queries, in_process_status = sql_on_repeat_get(data.cached)
    for _ in range(WORKERS * 10):  # every worker has served the page once: its first look-up of the Site is done
        fetch(port, "GET", data.cached)
    since = database_now(postgres)
    gets = 20 if args.quick else 200
    hits = sum(fetch(port, "GET", data.cached).headers.get("x-page-cache") == "hit" for _ in range(gets))
    active = app_connections_active_since(postgres, since)
    control_since = database_now(postgres)
    fetch(port, "GET", data.cached, headers={"Cookie": "messages=bench"})  # bypasses the cache: must show up
    control = app_connections_active_since(postgres, control_since)
    log(
        f"target 3: {queries} queries in process ({in_process_status}); {hits}/{gets} hits through gunicorn, "
        f"{active} site connections active meanwhile (control with a bypass cookie: {control})"
    )

    # Requests/s: the cached article against the minimal app serving the same bytes, same gunicorn settings.
    html = workdir / "article.html"
    html.write_bytes(page.body)
    minimal_port = start_gunicorn(
        services,
        "minimal",
        {**env, "BENCH_MINIMAL_HTML": str(html)},
        workers=WORKERS,
        worker_class=WORKER_CLASS,
        app="bench.minimal_app:application",
    )
    same_bytes = fetch(minimal_port, "GET", data.cached).body == page.body
    minimal_url = f"http://{HOST}:{minimal_port}{data.cached}"
    article, minimal = [], []
    for _round in range(args.rounds):
        minimal.append(wrk.run(minimal_url, connections=8, duration=args.read_seconds, headers=[f"Host: {SITE_HOST}"]))
        article.append(wrk.run(url, connections=8, duration=args.read_seconds, headers=[f"Host: {SITE_HOST}"]))
    services.stop("minimal")
    best_article = max(article, key=lambda result: result.per_second)
    best_minimal = max(minimal, key=lambda result: result.per_second)
    errors = sum(result.bad_statuses + result.socket_errors for result in article + minimal)
    ratio = best_article.per_second / best_minimal.per_second
    log(
        "target 3: article "
        + ", ".join(f"{r.per_second:.0f}" for r in article)
        + " req/s; minimal app "
        + ", ".join(f"{r.per_second:.0f}" for r in minimal)
        + f" req/s; {errors} errors; same bytes: {same_bytes}"
    )
    zero_sql = queries == 0 and in_process_status == "hit" and hits == gets and active == 0 and control > 0
    return Row(
        target,
        f"{best_article.per_second:.0f} req/s, p50 {best_article.latency_ms['p50']:.1f} ms; "
        f"0 SQL: {'yes' if zero_sql else 'NO'} ({queries} in process, {active} site connections busy "
        f"over {gets} GETs, all hits: {hits == gets})",
        f"minimal Django view, same bytes: {best_minimal.per_second:.0f} req/s",
        f"{ratio:.2f} (≥ 0.80)",
        zero_sql and same_bytes and errors == 0 and ratio >= 0.8,
    )


# --------------------------------------------------------------------------- target 4 (invalidation, live)


def target_4(port, data):
    """Approve a held comment through the service layer; the next anonymous reader sees it, others stay cached."""
    from django.contrib.auth import get_user_model
    from django.db import connections
    from wagtail.models import Page

    from news.comments.factories import CommentFactory
    from news.comments.services import approve_comments

    target = "4. invalidation, live check (gunicorn)"
    marker = f"Approval check {secrets.token_hex(4)}"
    page = Page.objects.get(pk=data.cached_pk).specific
    held = CommentFactory(page=page, is_public=False, comment=f"{marker}: a held comment, now approved.")
    feed = data.cached + "comments/feed/"
    watched = (data.cached, feed, data.other, "/comments/feed/")
    for path in watched:
        fetch(port, "GET", path)
    cold = [path for path in watched if fetch(port, "GET", path).headers.get("x-page-cache") != "hit"]
    if cold:
        return Row(target, f"not cached before the change: {', '.join(cold)}", met=False)

    start = time.monotonic()
    approve_comments(comments=[held], user=get_user_model().objects.get(pk=data.moderator_pk))
    connections.close_all()
    approved = time.monotonic()
    seen = {}  # each changed address: when a reader first saw the comment there
    while time.monotonic() - start < 5 and len(seen) < 3:
        for path in (data.cached, feed, "/comments/feed/"):
            if path not in seen and marker in fetch(port, "GET", path).text:
                seen[path] = time.monotonic()
        time.sleep(0.02)
    if data.cached not in seen:
        return Row(target, "the approved comment was not shown within 5 s", "≤ 1 s (issue)", "", False)
    in_feeds = len(seen) == 3 and max(seen.values()) - start <= 1
    other_cached = fetch(port, "GET", data.other).headers.get("x-page-cache") == "hit"
    elapsed = max(seen.values()) - start
    log(
        f"target 4: approve took {(approved - start) * 1000:.0f} ms, shown {elapsed * 1000:.0f} ms after it began; "
        f"feeds updated: {in_feeds}; other article still a hit: {other_cached}"
    )
    return Row(
        target,
        f"approved comment shown on the page and both feeds within {elapsed * 1000:.0f} ms"
        f" (feeds within 1 s: {'yes' if in_feeds else 'NO'}); "
        f"other article still cached: {'yes' if other_cached else 'NO'}",
        "≤ 1 s (issue); pytest tests/news/test_invalidation.py is the guard",
        f"{elapsed:.2f} s / 1 s",
        elapsed <= 1 and in_feeds and other_cached,
    )


# --------------------------------------------------------------------------- target 6 (uncached)


def queries_per_view(path, *, user=None, page_cache_off=False):
    """Queries of one view of ``path`` in process (the third of three: as a warm worker would)."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    settings = {"PAGE_CACHE_SECONDS": 0} if page_cache_off else {}
    client = Client(HTTP_HOST=SITE_HOST)
    if user is not None:
        client.force_login(user)
    with override_settings(**settings):
        client.get(path)
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
    connection.close()
    return len(queries)


def target_6(args, port, data, postgres, *, anonymous):
    """The 100-comment article made for each request, with the WordPress peer's client (wrk -t2 -c8).

    ``anonymous``: a reader without cookies on a gunicorn whose page caches are off (the caller starts it
    with PAGE_CACHE_SECONDS=0 and PAGE_CACHE_WORKER_SECONDS=0); else a logged-in reader, whose session
    bypasses every cache, on the site's usual gunicorn. Noise control as the peer's: before each run wait
    until other processes leave the CPUs alone; re-run (3 tries) when they used more than 10 % of them
    during the run, and keep the run they disturbed least (bench/cpu.py).
    """
    from django.contrib.auth import get_user_model

    who = "anonymous reader, page cache off" if anonymous else "logged-in reader"
    target = f"6. uncached article, {PEER_COMMENTS} comments, {who}"
    headers = [f"Host: {SITE_HOST}"]
    if not anonymous:
        jar = log_in(port, username=data.reader, password=READER_PASSWORD)
        headers.append(f"Cookie: {cookie_header(jar)}")
    request_headers = dict(header.split(": ", 1) for header in headers[1:])
    pages = [fetch(port, "GET", data.threaded, headers=request_headers) for _ in range(2)]
    page = pages[-1]
    shown = len(re.findall(r'<article [^>]*\bid="c\d+"', page.text))
    cache_status = [answer.headers.get("x-page-cache") for answer in pages]
    if page.status != 200 or "hit" in cache_status or shown < PEER_COMMENTS:
        return Row(
            target,
            f"not a page made for the request ({page.status}, X-Page-Cache {cache_status}, {shown} comments shown)",
            met=False,
        )
    reader = None if anonymous else get_user_model().objects.get(username=data.reader)
    queries = queries_per_view(data.threaded, user=reader, page_cache_off=anonymous)
    url = f"http://{HOST}:{port}{data.threaded}"
    warmup = 1 if args.quick else UNCACHED_WARMUP_SECONDS
    wrk.run(url, threads=UNCACHED_THREADS, connections=UNCACHED_CONNECTIONS, duration=warmup, headers=headers)
    roots = [cpu.postmaster_pid(postgres.data)]
    best = None
    for attempt in range(1, (1 if args.quick else UNCACHED_TRIES) + 1):
        cpu.wait_quiet(roots, max_seconds=15 if args.quick else 300, log=log)
        load = os.getloadavg()[0]
        with cpu.Foreign(roots) as foreign:
            result = wrk.run(
                url,
                threads=UNCACHED_THREADS,
                connections=UNCACHED_CONNECTIONS,
                duration=args.read_seconds,
                headers=headers,
            )
        log(
            f"target 6 ({who}) try {attempt}: {result.per_second:.1f} req/s, p50 {result.latency_ms['p50']:.0f} ms, "
            f"p99 {result.latency_ms['p99']:.0f} ms, {result.bad_statuses + result.socket_errors} errors; "
            f"other processes' CPU {foreign.percent:.1f}%, load average {load:.2f} before; {len(page.body)} "
            f"bytes, {queries} queries a view (in process)"
        )
        if best is None or foreign.percent < best[1]:
            best = (result, foreign.percent)
        if foreign.percent <= cpu.FOREIGN_MAX:
            break
    result, foreign_percent = best
    errors = result.bad_statuses + result.socket_errors
    return Row(
        target,
        f"{result.per_second:.0f} req/s, p50 {result.latency_ms['p50']:.0f} ms (wrk -t{UNCACHED_THREADS} "
        f"-c{UNCACHED_CONNECTIONS}, {WORKERS} {WORKER_CLASS} workers; other processes' CPU "
        f"{foreign_percent:.1f}%); {len(page.body)} bytes, {shown} comments, "
        f"{queries} {'query' if queries == 1 else 'queries'} a view (in process)",
        f"WordPress not measured in this run; target ≥ {UNCACHED_RPS_WANTED} req/s",
        "n/a",
        result.per_second >= UNCACHED_RPS_WANTED and errors == 0,
        per_second=result.per_second,
        versus_wordpress=True,
    )


# --------------------------------------------------------------------------- the WordPress peer (bench/peer.py)


def peer_rows(args):
    """The peer's figures for its 100-comment post (and, as context, the same page as a file through nginx)."""
    target = f"6. WordPress peer, {PEER_COMMENTS} comments (nginx, PHP-FPM, MariaDB)"
    log("peer: the WordPress peer, after every server of ours has stopped")
    try:
        result = peer.run(
            n=PEER_COMMENTS,
            duration=args.read_seconds,
            warmup=2 if args.quick else UNCACHED_WARMUP_SECONDS,
            threads=UNCACHED_THREADS,
            connections=UNCACHED_CONNECTIONS,
            quick=args.quick,
            log=log,
        )
    except peer.PeerNotMeasured as error:
        log(f"peer: not measured: {error}")
        return [Row(target, f"not measured: {error}", met=None)], None
    except Exception as error:  # noqa: BLE001 - the peer's failure must not hide our rows
        traceback.print_exc()
        return [Row(target, f"not measured: {type(error).__name__}: {error}", met=None)], None
    wordpress = result.wordpress
    log(
        f"peer: WordPress {wordpress.per_second:.2f} req/s, p50 {wordpress.p50_ms:.0f} ms, {wordpress.bytes} bytes, "
        f"{wordpress.queries} queries, {wordpress.comments} comments, other CPU {wordpress.foreign_percent}% "
        f"({result.seconds:.0f} s in all; {result.log_path.relative_to(ROOT_DIR)})"
    )
    version = result.versions[0] if result.versions else "WordPress"
    rows = [
        Row(
            target,
            f"{wordpress.per_second:.1f} req/s, p50 {wordpress.p50_ms:.0f} ms ({result.command.split('   ')[0]}); "
            f"{wordpress.bytes} bytes, {wordpress.comments} comments, {wordpress.queries} queries a view; "
            f"other processes' CPU during the run {wordpress.foreign_percent}%",
            f"{version}; log {result.log_path.relative_to(ROOT_DIR)}",
            context=True,
            per_second=wordpress.per_second,
        )
    ]
    static = result.static
    if static is not None:
        rows.append(
            Row(
                f"6. WordPress peer's page as a file ({static.label})",
                f"{static.per_second:.0f} req/s, p50 {static.p50_ms:.2f} ms (nginx, the same client)",
                "the physical limit of this machine for that page and client",
                context=True,
            )
        )
    return rows, wordpress.per_second


def compare_with_wordpress(rows, wordpress_rps, why):
    """Target 6's rows: ratio to WordPress measured in the same run; met = ≥ 100 req/s and ≥ 10× WordPress."""
    for row in rows:
        if not row.versus_wordpress or row.per_second is None:
            continue
        if wordpress_rps:
            times = row.per_second / wordpress_rps
            row.reference = (
                f"WordPress {wordpress_rps:.1f} req/s (peer, this run); target ≥ {TIMES_WORDPRESS_WANTED}× and "
                f"≥ {UNCACHED_RPS_WANTED} req/s"
            )
            row.ratio = f"{times:.1f}× WordPress (≥ {TIMES_WORDPRESS_WANTED}×)"
            row.met = bool(row.met) and times >= TIMES_WORDPRESS_WANTED
        else:
            row.reference = f"WordPress not measured ({why}); target ≥ {UNCACHED_RPS_WANTED} req/s"
            row.ratio = f"≥ {TIMES_WORDPRESS_WANTED}× WordPress: unchecked"


# --------------------------------------------------------------------------- target 5 (posting)


def target_5(args, services, env, data, workdir):
    from django.db import connections
    from django_comments_xtd.models import XtdComment

    target = "5. posting, 50 commenters"
    port = start_gunicorn(
        services,
        "site-post",
        env,
        workers=args.post_workers,
        worker_class=args.post_worker_class,
        threads=args.post_threads,
    )
    jar = {}
    page = fetch(port, "GET", data.posting)
    update_cookies(jar, page.header_list)
    form = parse_form(page.text)
    if not form.action or "security_hash" not in form.fields:
        services.stop("site-post")
        return Row(target, f"no comment form on {data.posting}", met=False)
    fields = {**form.fields, "reply_to": "0", "honeypot": ""}
    needs_csrf = "csrfmiddlewaretoken" in fields
    marker = f"bench{secrets.token_hex(4)}"
    pks_file = workdir / "accepted-pks.txt"
    result = wrk.run(
        f"http://{HOST}:{port}{form.action}",
        connections=50,
        duration=args.post_seconds,
        script="post_comments.lua",
        env={
            **os.environ,
            "BENCH_POST_PATH": form.action,
            "BENCH_POST_FIELDS": urllib.parse.urlencode(fields),
            "BENCH_MARKER": marker,
            "BENCH_HOST": SITE_HOST,
            "BENCH_COOKIE": cookie_header(jar) if needs_csrf else "",
            "BENCH_PKS_FILE": str(pks_file),
        },
    )
    services.stop("site-post")

    accepted = result.statuses.get(302, 0)
    answered = sum(result.statuses.values())
    unanswered = result.sent - answered  # still in flight when wrk stopped: the server may store them
    server_errors = sum(count for status, count in result.statuses.items() if status >= 500)
    others = {status: count for status, count in result.statuses.items() if status != 302}
    pks = [int(line) for line in pks_file.read_text().split()]
    stored = XtdComment.norel_objects.filter(comment__startswith=f"{marker}-")
    rows = stored.count()
    matched = stored.filter(pk__in=set(pks)).count()
    connections.close_all()
    lost = accepted - matched
    counts_match = len(set(pks)) == len(pks) == accepted and accepted <= rows <= accepted + unanswered
    per_second = accepted / result.seconds
    config = f"{args.post_workers} {args.post_worker_class} workers" + (
        f" × {args.post_threads} threads" if args.post_threads > 1 else ""
    )
    log(
        f"target 5 ({config}): {accepted} accepted in {result.seconds:.1f} s = {per_second:.0f}/s; "
        f"{result.sent} sent, statuses {dict(sorted(result.statuses.items()))}, {unanswered} unanswered at the end; "
        f"{rows} rows stored, {matched} match an accepted post's id; socket errors {result.errors}; "
        f"CSRF token sent: {needs_csrf}; latency p50 {result.latency_ms['p50']:.0f} ms, "
        f"p99 {result.latency_ms['p99']:.0f} ms"
    )
    return Row(
        target,
        f"{per_second:.0f} accepted/s ({accepted} in {result.seconds:.0f} s, {config}, p50 "
        f"{result.latency_ms['p50']:.0f} ms); lost {lost}; rows {rows} = {accepted} accepted + "
        f"{rows - accepted} of {unanswered} in flight at the stop: {'yes' if counts_match else 'NO'}; "
        f"5xx {server_errors}" + (f"; other statuses {others}" if others else ""),
        "target ≥ 200/s (issue)",
        f"{per_second / 200:.2f}",
        per_second >= 200 and lost == 0 and counts_match and server_errors == 0 and result.socket_errors == 0,
    )


# --------------------------------------------------------------------------- the nginx stack (bench/stack.py)


def stack_rows(args):
    """bench/stack.py's checks on a throwaway deploy/stack.py stack (its own PostgreSQL, Redis, gunicorns, nginx)."""
    target = "stack (nginx, Redis, 2 gunicorn)"
    try:
        from bench import stack as stack_checks
        from deploy.stack import throwaway_stack
    except ImportError as error:
        return [not_available(target, str(error))]
    names = ("approve_through_a_visible_through_nginx", "rate_limit_shared", "nginx_cached_vs_static")
    checks = getattr(stack_checks, "CHECKS", None) or [getattr(stack_checks, name) for name in names]
    rows = []
    try:
        with throwaway_stack(log=log, keep=args.keep) as running:
            for check in checks:
                log(f"stack: bench.stack.{check.__name__}()")
                try:
                    result = call(check, stack=running, duration=args.read_seconds, quick=args.quick)
                    rows.extend(as_rows(result, target=check.__name__))
                except Exception as error:  # noqa: BLE001 - one check's failure must not hide the others
                    traceback.print_exc()
                    rows.append(Row(check.__name__, f"failed: {type(error).__name__}: {error}", met=False))
    except Exception as error:  # noqa: BLE001 - the stack could not start: say so in the table
        traceback.print_exc()
        rows.append(Row(target, f"failed to start: {type(error).__name__}: {error}", met=False))
    return rows


# --------------------------------------------------------------------------- the run and the table


def run(args, stack, workdir):
    database_url = stack.enter_context(throwaway_server())
    postgres = Postgres(database_url)
    postgres.create_database()
    services = Services(dict(os.environ), workdir)
    stack.callback(services.stop_all)
    redis_url = start_redis(services, workdir)
    env = production_env(database_url=database_url, redis_url=redis_url, workdir=workdir)
    log("migrating, loading the demo content, collecting static files")
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content")
    manage(env, "collectstatic", "--noinput")
    setup_django(env)

    rows = in_process_rows(args, postgres)
    data = build_data()
    log(f"articles: cached {data.cached}, other {data.other}, threaded {data.threaded}, posting {data.posting}")
    if {"3", "4", "6"} & args.only:
        port = start_gunicorn(services, "site", env, workers=WORKERS, worker_class=WORKER_CLASS)
        log(f"gunicorn on {HOST}:{port}: {WORKERS} {WORKER_CLASS} workers, production settings, Redis cache")
        if "3" in args.only:
            rows.append(target_3(args, services, env, port, postgres, data, workdir))
        if "4" in args.only:
            rows.append(target_4(port, data))
        if "6" in args.only:
            rows.append(target_6(args, port, data, postgres, anonymous=False))
        services.stop("site")
    if "6" in args.only:  # the same gunicorn with the page caches off: what an anonymous reader costs uncached
        uncached_env = {**env, "PAGE_CACHE_SECONDS": "0", "PAGE_CACHE_WORKER_SECONDS": "0"}
        port = start_gunicorn(services, "site-uncached", uncached_env, workers=WORKERS, worker_class=WORKER_CLASS)
        log(f"gunicorn on {HOST}:{port}: {WORKERS} {WORKER_CLASS} workers, page caches off (PAGE_CACHE_*SECONDS=0)")
        rows.append(target_6(args, port, data, postgres, anonymous=True))
        services.stop("site-uncached")
    if "5" in args.only:
        rows.append(target_5(args, services, env, data, workdir))
    services.stop_all()
    if "stack" in args.only:
        rows.extend(stack_rows(args))
    return rows


COLUMNS = ("target", "figure", "reference (same run)", "ratio", "met")


def cells(row):
    met = "-" if row.context else {True: "yes", False: "NO", None: "n/a"}[row.met]
    return (row.target, row.figure, row.reference, row.ratio, met)


def in_target_order(rows):
    """Numbered targets in order (they run in another), then the stack's rows."""
    return sorted(rows, key=lambda row: int(row.target[0]) if row.target[:1].isdigit() else 10)


PLAIN_WIDTHS = (34, 62, 46, 20, 3)  # a terminal-friendly table: longer cells wrap


def plain_table(rows):
    table = [COLUMNS, *(cells(row) for row in rows)]
    widths = [min(limit, max(len(line[column]) for line in table)) for column, limit in enumerate(PLAIN_WIDTHS)]
    lines = []
    for number, line in enumerate(table):
        wrapped = [textwrap.wrap(cell, width) or [""] for cell, width in zip(line, widths, strict=True)]
        for part in itertools.zip_longest(*wrapped, fillvalue=""):
            lines.append("  ".join(text.ljust(width) for text, width in zip(part, widths, strict=True)).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
        elif number < len(table) - 1 and any(len(cells) > 1 for cells in wrapped):
            lines.append("")
    return "\n".join(lines)


def markdown_table(rows):
    def line(values):
        return "| " + " | ".join(value.replace("|", "\\|") for value in values) + " |"

    return "\n".join([line(COLUMNS), line(["---"] * len(COLUMNS)), *(line(cells(row)) for row in rows)])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="short load phases (a smoke run, not the figures)")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    parser.add_argument("--no-stack", action="store_true", help="skip the nginx stack rows (deploy/stack.py)")
    parser.add_argument("--no-peer", action="store_true", help="skip the WordPress peer (bench/peer.py)")
    parser.add_argument("--only", help="comma-separated targets to run, e.g. 3,5, stack or peer (default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir with the servers' logs")
    parser.add_argument("--read-seconds", type=float, help="seconds of each wrk read run (15; quick 3)")
    parser.add_argument("--rounds", type=int, help="alternating rounds of target 3's two apps, best taken (2; quick 1)")
    parser.add_argument("--post-seconds", type=float, help="seconds of posting for target 5 (30; quick 5)")
    parser.add_argument("--post-workers", type=int, default=POST_WORKERS, help="gunicorn workers for target 5")
    parser.add_argument("--post-worker-class", default=POST_WORKER_CLASS, help="gunicorn worker class, target 5")
    parser.add_argument("--post-threads", type=int, default=POST_THREADS, help="threads per gthread worker")
    args = parser.parse_args(argv)
    args.only = set(args.only.split(",")) if args.only else {"1", "2", "3", "4", "5", "6", "stack", "peer"}
    if args.no_stack:
        args.only.discard("stack")
    if args.no_peer:
        args.only.discard("peer")
    args.read_seconds = args.read_seconds or (3 if args.quick else 15)
    args.rounds = args.rounds or (1 if args.quick else 2)
    args.post_seconds = args.post_seconds or (5 if args.quick else 30)
    missing = [name for name in ("wrk", "redis-server") if shutil.which(name) is None]
    if missing:
        print(f"Missing: {', '.join(missing)}. Install with: apt-get install -y wrk redis-server", file=sys.stderr)
        return 2

    # Ctrl-C (even when started in the background, where INT starts out ignored) and TERM must still clean up.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    started = time.strftime("%Y-%m-%d %H:%M")
    load = os.getloadavg()[0]
    if load > 0.5:
        log(f"the load average is {load:.1f} before the start: other work on this machine lowers the figures")
    rows, status, finished = [], 1, False
    try:
        with contextlib.ExitStack() as stack:
            rows = run(args, stack, workdir)
        # The peer last, when every process of ours (PostgreSQL included) has stopped: it waits for a quiet
        # machine before each measurement, and nothing of ours may use the CPUs while it is measured.
        wordpress_rps, why = None, "--no-peer" if args.no_peer else "not in --only"
        if "peer" in args.only:
            peer_table, wordpress_rps = peer_rows(args)
            rows.extend(peer_table)
            why = "see the peer's row"
        compare_with_wordpress(rows, wordpress_rps, why)
        status = 0 if rows and all(row.met for row in rows if not row.context) else 1
        finished = True
    except KeyboardInterrupt:
        log("interrupted; everything was stopped")
        status = 130
    finally:
        if args.keep or not finished:  # the servers' logs, for a run that broke (--keep: always)
            log(f"logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if rows:
        rows = in_target_order(rows)
        print()
        print(
            f"Benchmark of {started} ({'quick' if args.quick else 'full'} run, {os.cpu_count()} cores, "
            f"load average {load:.1f} at the start)"
        )
        print(plain_table(rows))
        if args.markdown:
            print()
            print(markdown_table(rows))
        print()
        print("RESULT:", "all targets met" if status == 0 else "NOT all targets met")
    return status


if __name__ == "__main__":
    sys.exit(main())
