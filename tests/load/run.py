"""Load and fault run: gunicorn + PostgreSQL under readers and commenters, a database restart, a mail outage.

Usage (from the repository root; ``make load`` runs the first line)::

    .venv/bin/python tests/load/run.py
    .venv/bin/python tests/load/run.py --duration 30 --readers 20 --commenters 5   # a lighter run
    .venv/bin/python tests/load/run.py --keep                                       # keep logs in the temp dir

It is a command, not part of the pytest suite (pytest collects only ``test_*.py``).

What it sets up, all on loopback and all stopped and deleted at the end, even on Ctrl-C or failure:

* a throwaway PostgreSQL server (``tests/postgres.py``; it runs as the ``postgres`` user when we are root),
  migrated, with the demo content (``manage.py load_demo_content``);
* the comment rules relaxed for the load: ``rate_limit_count`` at its maximum and ``min_seconds_to_write=0``
  (pre-moderation stays on, so every anonymous comment is held and mails the moderators), and one moderator
  with an e-mail address in the "Comment moderators" group;
* an aiosmtpd SMTP server that records every message;
* gunicorn with the production settings (``WEB_CONCURRENCY`` workers, static files collected into a temp dir)
  and the mail worker (``manage.py db_worker --backend mail --queue-name mail``, restarted if it exits, as a
  service manager would).

Then, for ``--duration`` seconds (60 by default):

* Phase A: ``--readers`` threads (50) GET the home page, the news index and articles without pause, and
  ``--commenters`` threads (10) each GET an article, parse the comment form (signed hidden fields, CSRF token
  and cookie), wait 0.5-2 s and POST a unique comment (half the time on a page with a conversation, and
  there half of the posts reply to a published comment).
  Every response's status, latency and body are checked; every accepted post (302) is recorded with its text.
* Phase B: at 50 % of the run PostgreSQL is stopped (``pg_ctl stop -m fast``), left down ~5 s and started
  again on the same port. Requests meanwhile must get the friendly 503 page (``Retry-After``, no traceback);
  the site must recover by itself (persistent connections with health checks): the time from "database
  back" to the first 200 is measured.
* Phase C: at 20 % of the run the SMTP server is stopped for ~10 s and started again on the same port.

Afterwards the worker is given time to empty the mail queue (retries use ``COMMENTS_MAIL_RETRY_SECONDS=2``).

Checks printed at the end (exit status 1 if any fails):

* no 500 (nor any 5xx other than 503), 503 only during the database outage (a request that ended after the
  stop and started before the first 200 for a request sent after the restart), every 503 the friendly page
  with ``Retry-After: 30``, no traceback text in any body, no transport errors (refused/timed-out requests);
* no lost comments: every accepted post's text is stored exactly once (and no text we sent is stored twice);
* thread consistency: every comment's parent and thread exist, a reply is one level below its parent,
  ``order`` is unique per ``thread_id``;
* recovery time after the database restart (must be at most ``--max-recovery`` seconds);
* mail: every held comment's moderator notification reached every moderator after SMTP came back;
* figures: latency percentiles (p50, p90, p99, max) and requests/s per request type.
"""

import argparse
import collections
import contextlib
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.parse
from email import policy
from email.parser import BytesParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]

from bench.common import (  # noqa: E402 - shared with the benchmark (bench/)
    HOST,
    MODERATOR_EMAIL,
    FormParser,
    Postgres,
    Services,
    cookie_header,
    log,
    manage,
    prepare_site,
    setup_django,
    update_cookies,
)
from tests.postgres import free_port, throwaway_server  # noqa: E402

TRACEBACK_MARKERS = (
    "Traceback (most recent call last)",
    "OperationalError",
    "InterfaceError",
    "psycopg",
    'File "/',
)
FRIENDLY_503_TEXT = "We will be back in a moment"
HELD_SUBJECT = "Comment awaiting moderation"


# --------------------------------------------------------------------------- processes


class WorkerSupervisor(threading.Thread):
    """Keeps the mail worker running: it exits when the database goes away, as it would under systemd."""

    def __init__(self, services):
        super().__init__(daemon=True, name="worker-supervisor")
        self.services = services
        self.stopping = threading.Event()
        self.restarts = []  # (time, exit status)
        self.lock = threading.Lock()
        self.command = [
            sys.executable,
            "manage.py",
            "db_worker",
            "--backend",
            "mail",
            "--queue-name",
            "mail",
            "--interval",
            "0.5",
            "--no-startup-delay",
        ]

    def run(self):
        with self.lock:
            process = self.services.start("worker", self.command)
        while not self.stopping.wait(0.5):
            status = process.poll()
            if status is None:
                continue
            self.restarts.append((time.monotonic(), status))
            if self.stopping.wait(1):
                break
            with self.lock:
                if self.stopping.is_set():
                    break
                process = self.services.start("worker", self.command)

    def stop(self):
        self.stopping.set()
        with self.lock:
            self.services.stop("worker")
        self.join(timeout=10)


# --------------------------------------------------------------------------- SMTP


class Mailbox:
    """An aiosmtpd handler that keeps every message: recipients, subject and plain-text body."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = BytesParser(policy=policy.default).parsebytes(envelope.original_content or envelope.content)
        body = message.get_body(preferencelist=("plain",))
        with self.lock:
            self.messages.append(
                {
                    "to": [address.lower() for address in envelope.rcpt_tos],
                    "subject": str(message["subject"] or ""),
                    "body": body.get_content() if body is not None else "",
                    "time": time.monotonic(),
                }
            )
        return "250 Message accepted"


class SmtpServer:
    def __init__(self, port):
        self.port = port
        self.mailbox = Mailbox()
        self.controller = None

    def start(self):
        from aiosmtpd.controller import Controller

        deadline = time.monotonic() + 10
        while True:
            try:
                self.controller = Controller(self.mailbox, hostname=HOST, port=self.port, ready_timeout=10)
                self.controller.start()
                return
            except OSError:  # the port may linger for a moment after a stop
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self):
        if self.controller is not None:
            with contextlib.suppress(Exception):
                self.controller.stop()
            self.controller = None


# --------------------------------------------------------------------------- HTTP clients


class Recorder:
    def __init__(self):
        self.records = []
        self.lock = threading.Lock()

    def add(self, record):
        with self.lock:
            self.records.append(record)


def http_request(port, method, path, *, kind, recorder, body=None, headers=None, timeout=30):
    """One request on a fresh connection; records kind, status, start/end, latency and what the body showed."""
    start = time.monotonic()
    status, data, response_headers, error = 0, b"", [], ""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        status, response_headers = response.status, response.getheaders()
    except (OSError, http.client.HTTPException) as exc:
        error = f"{type(exc).__name__}: {exc}"
    finally:
        connection.close()
    end = time.monotonic()
    text = data.decode("utf-8", "replace")
    header_map = {name.lower(): value for name, value in response_headers}
    record = {
        "kind": kind,
        "status": status,
        "start": start,
        "end": end,
        "latency": end - start,
        "error": error,
        "path": path,
        "traceback": any(marker in text for marker in TRACEBACK_MARKERS),
        "friendly": FRIENDLY_503_TEXT in text,
        "retry_after": header_map.get("retry-after", ""),
    }
    recorder.add(record)
    return record, text, response_headers


def reader(port, paths, recorder, stop):
    while not stop.is_set():
        kind, path = random.choice(paths)
        http_request(port, "GET", path, kind=kind, recorder=recorder)


def commenter(number, port, articles, threaded, recorder, stop, run_id, accepted, sent):
    """GET an article, wait, POST a unique comment; half the time go where there is a conversation to reply to."""
    jar = {}
    posted = 0
    while not stop.is_set():
        article = random.choice(threaded if threaded and random.random() < 0.5 else articles)
        headers = {"Cookie": cookie_header(jar)} if jar else {}
        record, text, response_headers = http_request(
            port, "GET", article, kind="comment_page", recorder=recorder, headers=headers
        )
        update_cookies(jar, response_headers)
        if record["status"] != 200:
            time.sleep(0.5)
            continue
        form = FormParser()
        form.feed(text)
        if not form.action or "security_hash" not in form.fields:
            time.sleep(0.5)
            continue
        if stop.wait(random.uniform(0.5, 2.0)):
            break
        posted += 1
        comment_text = f"Load comment {run_id}-{number}-{posted}: {secrets.token_hex(6)}"
        fields = {
            **form.fields,
            "name": f"Load commenter {number}",
            "email": f"load-{run_id}-{number}@example.org",
            "comment": comment_text,
            "honeypot": "",
        }
        reply_to = ""
        if form.reply_targets and article not in threaded:
            threaded.append(article)  # a list: appends and random.choice are safe across threads
        if form.reply_targets and random.random() < 0.5:
            reply_to = random.choice(form.reply_targets)
            fields["reply_to"] = reply_to
        sent.append(comment_text)
        record, _text, response_headers = http_request(
            port,
            "POST",
            form.action,
            kind="comment_post",
            recorder=recorder,
            body=urllib.parse.urlencode(fields),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie_header(jar),
                "Referer": f"http://{HOST}:{port}{article}",
            },
        )
        update_cookies(jar, response_headers)
        if record["status"] == 302:
            location = {name.lower(): value for name, value in response_headers}.get("location", "")
            match = re.search(r"#c(\d+)$", location)
            accepted.append({"text": comment_text, "pk": int(match.group(1)) if match else None, "reply_to": reply_to})


# --------------------------------------------------------------------------- figures


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    index = max(0, min(len(sorted_values) - 1, int(round(fraction * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


def latency_table(records, duration):
    header = ["count", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms"]
    lines = [
        f"{'request type':<14} {header[0]:>6} {header[1]:>7} " + " ".join(f"{h:>8}" for h in header[2:]) + "  statuses"
    ]
    kinds = sorted({record["kind"] for record in records})
    for kind in [*kinds, "all"]:
        subset = [record for record in records if kind in ("all", record["kind"])]
        latencies = sorted(record["latency"] * 1000 for record in subset)
        statuses = collections.Counter(record["status"] for record in subset)
        lines.append(
            f"{kind:<14} {len(subset):>6} {len(subset) / duration:>7.1f} {percentile(latencies, 0.5):>8.0f} "
            f"{percentile(latencies, 0.9):>8.0f} {percentile(latencies, 0.99):>8.0f} {latencies[-1]:>8.0f}  "
            + " ".join(f"{status}:{count}" for status, count in sorted(statuses.items()))
        )
    return lines


# --------------------------------------------------------------------------- Django, in process


def wait_for_mail_queue(timeout):
    """Wait until no mail task is ready or running (running ones stuck longer than the timeout are reported)."""
    from django.db import close_old_connections
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + timeout
    while True:
        close_old_connections()
        tasks = DBTaskResult.objects.filter(queue_name="mail")
        ready = tasks.filter(status="READY").count()
        running = tasks.running().count()
        if (ready == 0 and running == 0) or time.monotonic() > deadline:
            return ready, running
        time.sleep(1)


def database_checks(run_id, accepted, sent, mailbox, workdir):
    from django.db import close_old_connections
    from django_comments_xtd.models import XtdComment
    from django_tasks_db.models import DBTaskResult

    from news.comments.notifications import moderators

    close_old_connections()
    results = []  # (name, ok, detail)
    ours = list(
        XtdComment.norel_objects.filter(comment__startswith=f"Load comment {run_id}-").values(
            "pk", "comment", "is_public", "parent_id", "thread_id", "level"
        )
    )
    stored = collections.Counter(row["comment"] for row in ours)
    accepted_texts = [post["text"] for post in accepted]
    lost = [text for text in accepted_texts if stored[text] == 0]
    duplicated = [text for text, count in stored.items() if count > 1]
    by_pk = {row["pk"]: row["comment"] for row in ours}
    wrong_pk = [post for post in accepted if post["pk"] is not None and by_pk.get(post["pk"]) != post["text"]]
    unacknowledged = set(stored) - set(accepted_texts)
    results.append(
        (
            "no lost comments",
            not lost and not wrong_pk,
            f"{len(accepted_texts)} accepted posts, {len(lost)} missing, {len(wrong_pk)} redirect to a wrong comment",
        )
    )
    results.append(
        (
            "no duplicate comments",
            not duplicated and len(set(accepted_texts)) == len(accepted_texts),
            f"{len(ours)} stored rows for {len(stored)} texts; {len(duplicated)} texts stored more than once; "
            f"{len(unacknowledged)} stored although the client saw no 302 (POST cut by the outage); "
            f"{len(sent)} posts sent",
        )
    )

    rows = list(XtdComment.norel_objects.values("pk", "parent_id", "thread_id", "level", "order"))
    pks = {row["pk"]: row for row in rows}
    orphans = [row for row in rows if row["parent_id"] not in pks or row["thread_id"] not in pks]
    bad_level = [
        row
        for row in rows
        if row["parent_id"] != row["pk"]
        and row["parent_id"] in pks
        and row["level"] != pks[row["parent_id"]]["level"] + 1
    ]
    orders = collections.Counter((row["thread_id"], row["order"]) for row in rows)
    clashes = [key for key, count in orders.items() if count > 1]
    replies = sum(1 for row in ours if row["parent_id"] != row["pk"])
    results.append(
        (
            "thread consistency",
            not orphans and not bad_level and not clashes,
            f"{len(rows)} comments ({replies} load replies); {len(orphans)} with a missing parent/thread, "
            f"{len(bad_level)} with a wrong level, {len(clashes)} duplicate (thread_id, order)",
        )
    )

    moderator_emails = sorted({user.email.lower() for user in moderators()})
    held = [row["comment"] for row in ours if not row["is_public"]]
    with mailbox.lock:
        messages = list(mailbox.messages)
    with open(workdir / "mail.txt", "w") as dump:
        for message in messages:
            dump.write(f"To: {message['to']}\nSubject: {message['subject']}\n\n{message['body']}\n{'=' * 40}\n")
    delivered = collections.Counter()
    for message in messages:
        if HELD_SUBJECT not in message["subject"]:
            continue
        for text in held:
            if text in message["body"]:
                for address in message["to"]:
                    delivered[(text, address)] += 1
                break
    expected = [(text, address) for text in held for address in moderator_emails]
    missing = [key for key in expected if delivered[key] == 0]
    twice = [key for key in expected if delivered[key] > 1]
    tasks = DBTaskResult.objects.filter(queue_name="mail")
    failed, running = tasks.failed().count(), tasks.running().count()
    results.append(
        (
            "moderator mail delivered",
            bool(expected) and not missing and failed == 0,
            f"{len(held)} held comments x {len(moderator_emails)} moderators = {len(expected)} expected, "
            f"{len(expected) - len(missing)} delivered, {len(missing)} missing, {len(twice)} delivered twice; "
            f"{len(messages)} messages received in all; tasks: {failed} failed, {running} still running",
        )
    )
    return results


# --------------------------------------------------------------------------- the run


def wait_for_site(port, timeout=60):
    deadline = time.monotonic() + timeout
    scratch = Recorder()
    while time.monotonic() < deadline:
        record, _text, _headers = http_request(port, "GET", "/", kind="warmup", recorder=scratch, timeout=5)
        if record["status"] == 200:
            return
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer 200 on / within {timeout} s")


def run(args, stack, workdir):
    run_id = secrets.token_hex(3)
    database_url = stack.enter_context(throwaway_server())
    postgres = Postgres(database_url)
    postgres.create_database()

    http_port, smtp_port = free_port(), free_port()
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "WARNING",  # warnings (outage answers, mail retries) still reach the logs in the temp dir
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "EMAIL_HOST": HOST,
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_TIMEOUT": "5",
        "COMMENTS_MAIL_RETRY_SECONDS": "2",
        "GUNICORN_BIND": f"{HOST}:{http_port}",
        "WEB_CONCURRENCY": str(args.workers),
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "CACHE_DIR": str(workdir / "cache"),  # the workers' shared page cache and rate limits, fresh each run
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}:{http_port}",
    }
    log(f"migrating and loading demo content (database {database_url})")
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content")
    manage(env, "collectstatic", "--noinput")
    setup_django(env)
    articles = prepare_site()
    log(f"{len(articles)} articles; rules relaxed; moderator {MODERATOR_EMAIL}")

    smtp = SmtpServer(smtp_port)
    smtp.start()
    stack.callback(smtp.stop)
    services = Services(env, workdir)
    stack.callback(services.stop_all)
    services.start("gunicorn", [str(Path(sys.executable).parent / "gunicorn")])
    supervisor = WorkerSupervisor(services)
    supervisor.start()
    stack.callback(supervisor.stop)
    wait_for_site(http_port)

    # Which articles take comments (the form is on the page), and warm every worker up.
    scratch = Recorder()
    open_articles = []
    for article in articles:
        _record, text, _headers = http_request(http_port, "GET", article, kind="warmup", recorder=scratch)
        if 'id="comment-form"' in text:
            open_articles.append(article)
    if not open_articles:
        raise RuntimeError("no article shows a comment form")
    log(
        f"gunicorn on {HOST}:{http_port} ({args.workers} workers), SMTP on {HOST}:{smtp_port}; "
        f"{len(open_articles)} articles open for comments"
    )

    # Readers: about as many home and index views together as article views.
    paths = [("home", "/")] * 2 + [("news_index", "/news/")] * 2 + [("article", article) for article in articles]
    recorder, stop, accepted, sent, threaded = Recorder(), threading.Event(), [], [], []
    threads = [
        threading.Thread(target=reader, args=(http_port, paths, recorder, stop), daemon=True)
        for _ in range(args.readers)
    ] + [
        threading.Thread(
            target=commenter,
            args=(number, http_port, open_articles, threaded, recorder, stop, run_id, accepted, sent),
            daemon=True,
        )
        for number in range(1, args.commenters + 1)
    ]
    stack.callback(stop.set)

    start = time.monotonic()
    events = {"start": start}
    log(f"phase A: {args.readers} readers, {args.commenters} commenters for {args.duration} s")
    for thread in threads:
        thread.start()

    def at(fraction):
        remaining = start + args.duration * fraction - time.monotonic()
        if remaining > 0:
            time.sleep(remaining)

    at(0.2)
    log("phase C: stopping the SMTP server")
    events["smtp_down"] = time.monotonic()
    smtp.stop()
    time.sleep(args.smtp_outage)
    smtp.start()
    events["smtp_up"] = time.monotonic()
    log("phase C: SMTP server up again")

    at(0.5)
    log("phase B: stopping PostgreSQL (pg_ctl stop -m fast)")
    events["db_stop"] = time.monotonic()
    postgres.stop()
    events["db_stopped"] = time.monotonic()
    time.sleep(args.db_outage)
    events["db_start"] = time.monotonic()
    postgres.start()
    events["db_up"] = time.monotonic()
    log(f"phase B: PostgreSQL up again after {events['db_up'] - events['db_stop']:.1f} s")

    at(1.0)
    stop.set()
    for thread in threads:
        thread.join(timeout=40)
    end = time.monotonic()
    duration = end - start
    log(f"load finished after {duration:.1f} s; waiting for the mail queue to empty")
    ready, running = wait_for_mail_queue(args.mail_wait)
    log(f"mail queue: {ready} ready, {running} running")
    supervisor.stop()
    services.stop("gunicorn")

    return report(args, recorder.records, events, duration, run_id, accepted, sent, smtp, supervisor, workdir)


def report(args, records, events, duration, run_id, accepted, sent, smtp, supervisor, workdir):
    checks = []
    db_up = events["db_up"]
    # Recovery: the first 200 for a request sent after the database was back (includes queueing in gunicorn's
    # backlog under load); also shown: the first 200 served after it was back, and the last 503.
    after_up = sorted((r for r in records if r["status"] == 200 and r["start"] >= db_up), key=lambda r: r["end"])
    first_ok = after_up[0]["end"] if after_up else None
    recovery = first_ok - db_up if first_ok is not None else float("inf")
    served_ok = [r["end"] for r in records if r["status"] == 200 and r["end"] >= db_up]
    first_served = min(served_ok) - db_up if served_ok else float("inf")
    last_503 = max((r["end"] for r in records if r["status"] == 503), default=db_up) - db_up
    window_end = first_ok if first_ok is not None else float("inf")

    def in_outage(record):
        return record["end"] >= events["db_stop"] and record["start"] <= window_end

    status_500 = [r for r in records if r["status"] == 500]
    other_5xx = [r for r in records if r["status"] >= 500 and r["status"] not in (500, 503)]
    all_503 = [r for r in records if r["status"] == 503]
    stray_503 = [r for r in all_503 if not in_outage(r)]
    unfriendly_503 = [r for r in all_503 if not r["friendly"] or r["retry_after"] != "30"]
    tracebacks = [r for r in records if r["traceback"]]
    transport = [r for r in records if r["status"] == 0]
    late_503 = [r for r in all_503 if r["start"] > window_end]
    checks.append(
        ("no 500 responses", not status_500 and not other_5xx, f"{len(status_500)} x 500, {len(other_5xx)} other 5xx")
    )
    checks.append(
        (
            "503 only during the database outage",
            not stray_503 and bool(all_503),
            f"{len(all_503)} x 503, {len(stray_503)} outside the outage window, {len(late_503)} after recovery",
        )
    )
    checks.append(
        ("503 is the friendly page", not unfriendly_503, f"{len(unfriendly_503)} without the text or Retry-After: 30")
    )
    checks.append(("no traceback text in any body", not tracebacks, f"{len(tracebacks)} bodies with traceback text"))
    errors = collections.Counter(r["error"].split(":")[0] for r in transport)
    checks.append(
        (
            "no transport errors",
            not transport,
            f"{len(transport)} ({', '.join(f'{k}: {v}' for k, v in errors.items()) or 'none'})",
        )
    )
    checks.append(
        (
            "recovery after the database restart",
            recovery <= args.max_recovery,
            f"first 200 {recovery:.2f} s after PostgreSQL was back (limit {args.max_recovery} s); "
            f"database down {events['db_up'] - events['db_stop']:.1f} s",
        )
    )
    checks.extend(database_checks(run_id, accepted, sent, smtp.mailbox, workdir))

    with smtp.mailbox.lock:
        mail_times = [message["time"] for message in smtp.mailbox.messages]
    after_smtp = [t for t in mail_times if t >= events["smtp_up"]]
    worker_log = (workdir / "worker.log").read_text(errors="replace") if (workdir / "worker.log").exists() else ""
    retries = worker_log.count("retrying in")

    print()
    print("=" * 100)
    print(
        f"LOAD AND FAULT RUN {run_id}: {args.readers} readers + {args.commenters} commenters, {duration:.1f} s, "
        f"{args.workers} gunicorn workers"
    )
    print("=" * 100)
    for line in latency_table(records, duration):
        print(line)
    print()
    print(
        f"database: stopped at +{events['db_stop'] - events['start']:.1f} s "
        f"(pg_ctl stop took {events['db_stopped'] - events['db_stop']:.2f} s), started again after "
        f"{events['db_up'] - events['db_stop']:.1f} s; after it was back: first 200 served {first_served:+.2f} s, "
        f"first 200 for a request sent after it {recovery:+.2f} s, last 503 answered {last_503:+.2f} s"
    )
    print(
        f"smtp: down {events['smtp_up'] - events['smtp_down']:.1f} s; {len(mail_times)} messages received, "
        f"{len(after_smtp)} after it came back; {retries} failed sends retried by the worker; "
        f"worker restarted {len(supervisor.restarts)} times (exit statuses "
        f"{[status for _t, status in supervisor.restarts]})"
    )
    gunicorn_log = (workdir / "gunicorn.log").read_text(errors="replace") if (workdir / "gunicorn.log").exists() else ""
    print(
        f"gunicorn log: {gunicorn_log.count('Database unavailable while serving')} outage warnings, "
        f"{gunicorn_log.count('Traceback (most recent call last)')} tracebacks, "
        f"{gunicorn_log.count('WORKER TIMEOUT')} worker timeouts"
    )
    print()
    failed = 0
    for name, ok, detail in checks:
        failed += not ok
        print(f"[{'PASS' if ok else 'FAIL'}] {name}: {detail}")
    print()
    print("RESULT:", "PASS" if not failed else f"FAIL ({failed} check{'s' if failed > 1 else ''} failed)")
    return 1 if failed else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--commenters", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (WEB_CONCURRENCY)")
    parser.add_argument("--db-outage", type=float, default=5, help="seconds PostgreSQL stays down")
    parser.add_argument("--smtp-outage", type=float, default=10, help="seconds the SMTP server stays down")
    parser.add_argument("--mail-wait", type=float, default=180, help="seconds to wait for the mail queue")
    parser.add_argument("--max-recovery", type=float, default=10, help="seconds allowed from DB up to first 200")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir with the logs")
    args = parser.parse_args(argv)

    # Ctrl-C (even when started in the background, where INT starts out ignored) and TERM must still clean up.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-load-"))
    status = 1
    try:
        with contextlib.ExitStack() as stack:
            status = run(args, stack, workdir)
    except KeyboardInterrupt:
        log("interrupted; everything was stopped")
        status = 130
    finally:
        if args.keep or status != 0:
            log(f"logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
