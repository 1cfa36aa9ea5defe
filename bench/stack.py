"""The scale-out stack's checks (issue 6): nginx in front of two app servers sharing Redis.

Usage (from the repository root)::

    .venv/bin/python -m bench.stack                  # a throwaway stack, the three checks, a table (~2 minutes)
    .venv/bin/python -m bench.stack --duration 4     # a shorter benchmark

Each check takes a running ``deploy.stack.Stack`` (bench/run.py passes its own) and returns table rows
(dicts with target, figure, reference, ratio, met):

* ``approve_through_a_visible_through_nginx``: a comment held for moderation is approved in Wagtail's admin
  on app server A; nginx's cached copy of the article is purged by the app, so the next anonymous request
  through nginx shows it (and caches the page again), while another article stays cached.
* ``rate_limit_shared``: posts from one client, alternately to A and B, count against one limit (in Redis).
* ``nginx_cached_vs_static``: target 3 through nginx: requests/s of the cached article against nginx
  serving the same bytes as a file, with wrk, in the same run; and, as context, the same file through the
  page cache with only nginx's own headers stored.
"""

import argparse
import os
import re
import secrets
import signal
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import wrk  # noqa: E402
from bench.common import cookie_header, fetch, log, log_in, parse_form  # noqa: E402
from deploy.stack import BENCH_CACHED_FILE_PATH, BENCH_STATIC_PATH, HOSTNAME, MODERATOR, throwaway_stack  # noqa: E402

VISIBLE_WITHIN_SECONDS = 1.0
STATIC_RATIO_TARGET = 0.8
# wrk on this 2-core machine, the same for both sides (a few settings tried: see the README figures).
WRK_THREADS = 2
WRK_CONNECTIONS = 32
# Reads or changes the comment rate limit of the default site (manage.py shell; the caller may run Django
# with another database, so never in this process).
RATE_LIMIT_CODE = """
import os
from wagtail.models import Site
from news.comments.models import CommentSettings

rules = CommentSettings.for_site(Site.objects.get(is_default_site=True))
print("rate_limit_count", rules.rate_limit_count)
if os.environ.get("RATE_LIMIT_COUNT"):
    rules.rate_limit_count = int(os.environ["RATE_LIMIT_COUNT"])
    rules.save()
"""


def row(target, figure, *, reference="", ratio="", met=False, context=False):
    """A target's row (met or not), or with ``context`` a figure that explains another row (no target)."""
    fields = {"target": target, "figure": figure, "reference": reference, "ratio": ratio}
    return {**fields, "met": bool(met), "context": context}


class Reader:
    """An anonymous reader through nginx (no cookies kept), as every reader of a cached page is."""

    def __init__(self, stack):
        self.stack = stack

    def get(self, path):
        return fetch(self.stack.nginx_port, "GET", path, host=self.stack.host)

    def until_hit(self, path, *, attempts=10):
        """GET until nginx answers from its cache; returns (response, requests made)."""
        for number in range(1, attempts + 1):
            response = self.get(path)
            if response.status == 200 and response.headers.get("x-cache-status") == "HIT":
                return response, number
            time.sleep(0.05)
        raise AssertionError(f"{path} was not a cache HIT through nginx after {attempts} requests")


def open_articles(stack):
    """Articles linked from the news index, those with a comment form first."""
    reader = Reader(stack)
    index = reader.get("/news/")
    links = re.findall(r'href="(/news/[a-z0-9-]+/)"', index.text)
    paths = [path for path in dict.fromkeys(links) if path != "/news/feed/"]
    if len(paths) < 2:
        raise AssertionError(f"the news index lists {len(paths)} articles; two are needed")
    with_form = [path for path in paths if 'id="comment-form"' in reader.get(path).text]
    if not with_form:
        raise AssertionError("no article shows a comment form")
    return with_form + [path for path in paths if path not in with_form]


def post_comment(port, page_path, *, text, host=HOSTNAME, origin=None, form=None, headers=None):
    """Post an anonymous comment as a browser would from the page (no CSRF token: the page may be cached)."""
    origin = origin or f"http://{host}"
    if form is None:
        form = parse_form(fetch(port, "GET", page_path, host=host).text)
    if not form.action:
        raise AssertionError(f"no comment form on {page_path}")
    fields = {
        **form.fields,
        "name": "Stack reader",
        "email": f"stack-{secrets.token_hex(4)}@example.org",
        "comment": text,
        "honeypot": "",
    }
    return fetch(
        port,
        "POST",
        form.action,
        host=host,
        body=urllib.parse.urlencode(fields),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": f"{origin}{page_path}",
            "Sec-Fetch-Site": "same-origin",
            **(headers or {}),
        },
    )


def approve_in_admin(port, *, comment_pk, username, password):
    """Approve one comment from the moderation queue of app server ``port`` (login, confirm, post)."""
    jar = log_in(port, username=username, password=password)
    url = f"/admin/bulk/django_comments_xtd/xtdcomment/approve/?id={comment_pk}&next=/admin/reader-comments/"
    confirm = fetch(port, "GET", url, headers={"Cookie": cookie_header(jar)})
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm.text)
    if confirm.status != 200 or token is None:
        raise AssertionError(f"the approve confirmation answered {confirm.status} without a form")
    answer = fetch(
        port,
        "POST",
        url,
        body=urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1)}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(jar),
            "Origin": f"http://{HOSTNAME}",
        },
    )
    if answer.status != 302:
        raise AssertionError(f"approving answered {answer.status}, not a redirect back to the queue")
    return answer


def approve_through_a_visible_through_nginx(stack):
    """A held comment approved on app server A is on the page through nginx by the next request."""
    reader = Reader(stack)
    article, other = open_articles(stack)[:2]
    text = f"Stack check {secrets.token_hex(6)}: approved on A, read through nginx."
    posted = post_comment(stack.nginx_port, article, text=text, host=stack.host, origin=stack.public_url)
    pk = re.search(r"#c(\d+)$", posted.headers.get("location", ""))
    if posted.status != 302 or pk is None:
        raise AssertionError(f"posting through nginx answered {posted.status} ({posted.headers.get('location')})")

    cached, _ = reader.until_hit(article)
    if text in cached.text:
        raise AssertionError("the comment was published at once: anonymous comments should be held")
    reader.until_hit(other)

    approve_in_admin(stack.app_ports[0], comment_pk=pk.group(1), username=MODERATOR, password=stack.moderator_password)
    approved_at = time.monotonic()
    requests, visible, first_status = 0, False, None
    while not visible and time.monotonic() - approved_at < 5:
        response = reader.get(article)
        requests += 1
        first_status = first_status or response.headers.get("x-cache-status", "-")
        visible = response.status == 200 and text in response.text
        if not visible:
            time.sleep(0.01)
    delay = time.monotonic() - approved_at
    _, hit_after = reader.until_hit(article)
    other_status = reader.get(other).headers.get("x-cache-status", "-")
    return [
        row(
            "comment approved on app A, visible through nginx",
            f"{delay * 1000:.0f} ms after the approve response; request {requests} through nginx ({first_status})"
            if visible
            else f"not visible {delay:.1f} s after the approve response ({requests} requests)",
            reference=f"< {VISIBLE_WITHIN_SECONDS:.0f} s",
            met=visible and delay < VISIBLE_WITHIN_SECONDS,
        ),
        row(
            "after the purge: page cached again, other article untouched",
            f"article HIT again on request {hit_after}; other article {other_status}",
            reference="HIT; other article HIT",
            met=other_status == "HIT",
        ),
    ]


def comment_rate_limit(stack, count=None):
    """The default site's rate_limit_count (set to ``count`` when given); returns the value before."""
    output = stack.shell(RATE_LIMIT_CODE, RATE_LIMIT_COUNT=str(count or ""))
    return int(re.search(r"rate_limit_count (\d+)", output).group(1))


def rate_limit_shared(stack, limit=3):
    """One client's posts, alternately to app servers A and B, count against one limit."""
    before = comment_rate_limit(stack, limit)
    try:
        article = open_articles(stack)[0]
        form = parse_form(fetch(stack.app_ports[0], "GET", article).text)
        # One client, as nginx would name it; a fresh address from the benchmarking range 198.18.0.0/15.
        client = f"198.18.{secrets.randbelow(256)}.{secrets.randbelow(254) + 1}"
        answers = []
        for number in range(limit + 2):
            name, port = ("A", stack.app_ports[0]) if number % 2 == 0 else ("B", stack.app_ports[1])
            response = post_comment(
                port,
                article,
                text=f"Rate limit check {secrets.token_hex(6)}",
                form=form,
                headers={"X-Forwarded-For": client},
            )
            answers.append((name, response.status))
    finally:
        comment_rate_limit(stack, before)
    accepted, refused = answers[:limit], answers[limit:]
    met = all(status == 302 for _, status in accepted) and all(status == 429 for _, status in refused)
    return [
        row(
            "comment rate limit shared by app servers A and B",
            " ".join(f"{name}:{status}" for name, status in answers),
            reference=f"limit {limit}: {limit} x 302, then 429 on B and on A",
            met=met and {name for name, _ in refused} == {"A", "B"},
        )
    ]


def nginx_worker_cpu_seconds(stack):
    """CPU time used so far by nginx's workers: a cost per request that other load on the machine barely moves."""
    master = stack.pid_of("nginx")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:  # ppid
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / os.sysconf("SC_CLK_TCK")


def stored_head(stack, key):
    """The response head nginx keeps in its cache file for ``key``: what it parses again on every hit."""
    marker = f"\nKEY: {key}\n".encode()
    for path in (stack.workdir / "nginx-cache").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if marker in data:
                head = data.split(marker, 1)[1].split(b"\r\n\r\n", 1)[0]
                return head.decode("latin-1").split("\r\n")[1:]  # the header lines, after the status line
    raise AssertionError(f"nginx keeps no cache file for {key}")


def nginx_cached_vs_static(stack, duration=10, *, quick=False):
    """Target 3 through nginx: the cached article against the same bytes as a static file (wrk, same run).

    A third side, the same bytes through the same page cache from an origin that sends only nginx's own
    headers, splits the gap in two: the file cache's own work (key, shared-memory lookup, reading the stored
    head) and parsing the article's stored headers. All sides get the same wrk settings, in alternating
    one-second rounds, so that other work on the machine falls on each alike; each gets ``duration`` seconds.
    """
    if not wrk.available():
        return [row("target 3 through nginx", wrk.INSTALL_HINT, met=False)]
    rounds = 4 if quick else max(2, round(duration))
    reader = Reader(stack)
    article = open_articles(stack)[0]
    cached, _ = reader.until_hit(article)
    stack.bench_static_file.write_bytes(cached.body)
    stack.bench_static_file.chmod(0o644)
    served = {
        BENCH_STATIC_PATH: reader.get(BENCH_STATIC_PATH),
        BENCH_CACHED_FILE_PATH: reader.until_hit(BENCH_CACHED_FILE_PATH)[0],  # the first request stores it
    }
    for path, response in served.items():
        if response.status != 200 or response.body != cached.body:
            raise AssertionError(f"nginx did not serve the page's bytes at {path} ({response.status})")
    heads = {
        "article": stored_head(stack, HOSTNAME + article),
        "cached_file": stored_head(stack, HOSTNAME + BENCH_CACHED_FILE_PATH),
    }

    options = {"threads": WRK_THREADS, "connections": WRK_CONNECTIONS, "headers": [f"Host: {stack.host}"]}
    paths = {"static": BENCH_STATIC_PATH, "article": article, "cached_file": BENCH_CACHED_FILE_PATH}
    totals = {name: {"requests": 0, "seconds": 0.0, "cpu": 0.0, "errors": 0} for name in paths}
    for path in paths.values():  # warm each up
        wrk.run(stack.nginx_url + path, duration=1, **options)
    for number in range(rounds):
        for name in list(paths) if number % 2 == 0 else reversed(paths):
            cpu_before = nginx_worker_cpu_seconds(stack)
            result = wrk.run(stack.nginx_url + paths[name], duration=1, **options)
            totals[name]["cpu"] += nginx_worker_cpu_seconds(stack) - cpu_before
            totals[name]["requests"] += result.requests
            totals[name]["seconds"] += result.seconds
            totals[name]["errors"] += result.socket_errors + result.bad_statuses
    still_hit = all(
        reader.get(path).headers.get("x-cache-status") == "HIT" for path in paths.values() if path != BENCH_STATIC_PATH
    )
    rate = {name: total["requests"] / total["seconds"] for name, total in totals.items()}
    cpu_us = {name: total["cpu"] / total["requests"] * 1e6 for name, total in totals.items()}
    errors = sum(total["errors"] for total in totals.values())
    ratio = {name: rate[name] / rate["static"] for name in paths}

    def head(name):
        return f"{len(heads[name])} stored header lines, {sum(len(line) + 2 for line in heads[name])} bytes"

    static_reference = f"{rate['static']:,.0f} req/s, same bytes as a file (nginx CPU {cpu_us['static']:.1f} us/req)"
    return [
        row(
            "target 3 through nginx: cached article vs static file",
            f"{rate['article']:,.0f} req/s, cached article ({len(cached.body):,} bytes, {head('article')}; nginx CPU "
            f"{cpu_us['article']:.1f} us/req)",
            reference=f"{static_reference}; wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS}, {rounds} x 1 s each, alternating",
            ratio=f"{ratio['article']:.2f}",
            met=ratio["article"] >= STATIC_RATIO_TARGET and errors == 0 and still_hit,
        ),
        row(
            "context: the same bytes through nginx's page cache, stored with nginx's own headers",
            f"{rate['cached_file']:,.0f} req/s ({head('cached_file')}; nginx CPU {cpu_us['cached_file']:.1f} us/req)",
            reference=static_reference,
            ratio=f"{ratio['cached_file']:.2f}",
            context=True,
        ),
    ]


CHECKS = (approve_through_a_visible_through_nginx, rate_limit_shared, nginx_cached_vs_static)


def met_cell(r):
    return "-" if r["context"] else "yes" if r["met"] else "NO"


def table(rows):
    columns = ("target", "figure", "reference", "ratio", "met")
    lines = [columns, *((*(str(r[c]) for c in columns[:-1]), met_cell(r)) for r in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(columns))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds of wrk per side (default 10)")
    parser.add_argument("--keep", action="store_true", help="keep the stack's directory (logs) afterwards")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a TERM still stops the stack
    started = time.monotonic()
    rows = []
    with throwaway_stack(log=log, keep=args.keep) as stack:
        log(f"stack up in {time.monotonic() - started:.0f} s: nginx {stack.nginx_url}, apps {stack.app_urls}")
        for check in CHECKS:
            log(f"{check.__name__}")
            try:
                options = {"duration": args.duration} if check is nginx_cached_vs_static else {}
                rows.extend(check(stack, **options))
            except Exception as error:  # noqa: BLE001 - one check's failure must not hide the others
                rows.append(row(check.__name__, f"failed: {type(error).__name__}: {error}", met=False))
    log(f"done in {time.monotonic() - started:.0f} s; everything stopped")
    print()
    print(table(rows))
    return 0 if all(r["met"] for r in rows if not r["context"]) else 1


if __name__ == "__main__":
    sys.exit(main())
