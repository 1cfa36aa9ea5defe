"""What the benchmark and the load run share: child processes, PostgreSQL, Redis, gunicorn, the comment form.

Everything here starts things on loopback only and can stop all of it again (``Services.stop_all``).
"""

import contextlib
import http.client
import http.cookies
import os
import secrets
import shlex
import signal
import subprocess
import sys
import time
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _path in (str(ROOT / "site"), str(ROOT)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from tests.postgres import find_server_bin_dir, free_port  # noqa: E402

HOST = "127.0.0.1"
# nginx passes `Host: $host` (no port) and the Wagtail Site is `localhost`: direct clients say the same.
SITE_HOST = "localhost"
MODERATOR_EMAIL = "load-moderator@example.org"
GUNICORN = Path(sys.executable).parent / "gunicorn"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --------------------------------------------------------------------------- processes


class Services:
    """Child processes started in their own session, so that stopping one stops all its children."""

    def __init__(self, env, logdir):
        self.env = env
        self.logdir = logdir
        self.processes = {}

    def start(self, name, command, *, env=None):
        logfile = open(self.logdir / f"{name}.log", "ab")  # noqa: SIM115 - kept open for the child's life
        process = subprocess.Popen(  # noqa: S603 - our own commands
            command,
            cwd=ROOT,
            env=env or self.env,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        logfile.close()
        self.processes[name] = process
        return process

    def stop(self, name):
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)

    def stop_all(self):
        for name in list(self.processes):
            self.stop(name)

    def log_tail(self, name, lines=20):
        path = self.logdir / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def manage(env, *args, check=True, capture=False):
    return subprocess.run(  # noqa: S603 - manage.py of this repository
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=check,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.STDOUT if capture else None,
        text=True,
    )


def wait_until(check, *, timeout, what, interval=0.2):
    """Poll ``check`` until it returns something truthy; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(OSError, http.client.HTTPException):
            result = check()
            if result:
                return result
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} within {timeout} s")
        time.sleep(interval)


# --------------------------------------------------------------------------- PostgreSQL


class Postgres:
    """The throwaway server's database: create it, and stop or start the server in place (same options)."""

    def __init__(self, database_url):
        self.url = urllib.parse.urlsplit(database_url)
        self.bin_dir = find_server_bin_dir()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.data = None
        self.options = ""

    @property
    def dbname(self):
        return self.url.path.lstrip("/")

    def connect(self, dbname):
        import psycopg2

        return psycopg2.connect(host=self.url.hostname, port=self.url.port, user=self.url.username, dbname=dbname)

    def create_database(self):
        connection = self.connect("postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{self.dbname}"')
            cursor.execute("SHOW data_directory")
            self.data = Path(cursor.fetchone()[0])
        connection.close()
        # Options of the running server (port, socket directory, settings), to start it again the same way.
        argv = shlex.split((self.data / "postmaster.opts").read_text())[1:]
        if "-D" in argv:
            del argv[argv.index("-D") : argv.index("-D") + 2]
        self.options = shlex.join(argv)

    def pg_ctl(self, *args):
        subprocess.run(  # noqa: S603 - the server's own pg_ctl
            [*self.as_user, str(self.bin_dir / "pg_ctl"), "-D", str(self.data), *args],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop(self):
        self.pg_ctl("-m", "fast", "-w", "stop")

    def start(self):
        self.pg_ctl("-o", self.options, "-l", str(self.data.parent / "server.log"), "-w", "start")


# --------------------------------------------------------------------------- Redis and gunicorn


def start_redis(services, workdir):
    """A private Redis on a free loopback port, nothing written to disk; returns its URL."""
    port = free_port()
    services.start(
        "redis",
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            HOST,
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
    )

    def answers():
        import redis

        return redis.Redis(host=HOST, port=port, socket_timeout=1).ping()

    wait_until(answers, timeout=15, what="Redis did not answer")
    return f"redis://{HOST}:{port}/0"


def start_gunicorn(services, name, env, *, workers, worker_class="sync", threads=1, app=None, check_path="/"):
    """gunicorn from the repository root with its gunicorn.conf.py, without access log; returns its port.

    ``app`` replaces the site (e.g. ``bench.minimal_app:application``) under exactly the same settings.
    """
    port = free_port()
    command = [
        str(GUNICORN),
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        "--threads",
        str(threads),
        "--no-control-socket",  # one per machine by default: several gunicorns here must not share it
    ]
    if app:
        command.append(app)
    services.start(name, command, env={**env, "GUNICORN_ACCESSLOG": ""})

    def answers():
        if services.processes[name].poll() is not None:
            raise RuntimeError(f"{name} exited:\n{services.log_tail(name)}")
        return fetch(port, "GET", check_path, timeout=5).status == 200

    wait_until(answers, timeout=60, what=f"{name} did not answer 200 on {check_path}")
    return port


# --------------------------------------------------------------------------- HTTP


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.header_list = headers
        self.headers = {name.lower(): value for name, value in headers}
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def fetch(port, method, path, *, headers=None, body=None, host=SITE_HOST, timeout=30):
    """One request on a fresh connection, with ``Host: localhost`` as nginx would pass it."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        return Response(response.status, response.getheaders(), response.read())
    finally:
        connection.close()


class FormParser(HTMLParser):
    """The comment form's fields (hidden signed fields and CSRF token) and the comments one may reply to."""

    def __init__(self, form_id="comment-form"):
        super().__init__()
        self.form_id = form_id
        self.in_form = False
        self.action = None
        self.fields = {}
        self.reply_targets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("id") == self.form_id or self.form_id is None):
            self.in_form, self.action = True, attrs.get("action")
        elif tag == "input" and self.in_form and attrs.get("name") and attrs.get("type") == "hidden":
            self.fields[attrs["name"]] = attrs.get("value") or ""
        if attrs.get("data-reply-to"):
            self.reply_targets.append(attrs["data-reply-to"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False


def parse_form(html, form_id="comment-form"):
    form = FormParser(form_id)
    form.feed(html)
    return form


def update_cookies(jar, response_headers):
    for name, value in response_headers:
        if name.lower() != "set-cookie":
            continue
        cookie = http.cookies.SimpleCookie()
        with contextlib.suppress(http.cookies.CookieError):
            cookie.load(value)
        for key, morsel in cookie.items():
            if morsel.value == "" or morsel["max-age"] == "0":
                jar.pop(key, None)
            else:
                jar[key] = morsel.value


def cookie_header(jar):
    return "; ".join(f"{key}={value}" for key, value in jar.items())


def log_in(port, *, username, password):
    """Log in through Wagtail's login form, as a browser would; returns the cookies (``sessionid``...)."""
    jar = {}
    page = fetch(port, "GET", "/admin/login/")
    update_cookies(jar, page.header_list)
    form = parse_form(page.text, form_id=None)
    body = urllib.parse.urlencode({**form.fields, "username": username, "password": password})
    answer = fetch(
        port,
        "POST",
        "/admin/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(jar),
            "Origin": f"http://{SITE_HOST}",
        },
    )
    update_cookies(jar, answer.header_list)
    if answer.status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"logging in as {username} failed: {answer.status}")
    return jar


# --------------------------------------------------------------------------- Django, in process


def production_env(*, database_url, redis_url, workdir):
    """The production settings on plain-HTTP loopback, as gunicorn behind nginx would run them."""
    return {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        # testserver: Django's test client, used by the in-process measurements.
        "ALLOWED_HOSTS": f"{SITE_HOST},{HOST},testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_COOKIES": "0",
        "TRUSTED_PROXIES": HOST,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        # Sessions and rate limits: a database of their own on the bench's one Redis (production runs a
        # second, non-evicting Redis; the bench never fills this one).
        "STATE_REDIS_URL": redis_url.rsplit("/", 1)[0] + "/1",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "WAGTAILADMIN_BASE_URL": f"http://{SITE_HOST}",
    }


def setup_django(env):
    os.environ.update(env)
    import django

    django.setup()
    import logging

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command chatter


def prepare_site():
    """Relax the flood rules for the load, add a moderator, list the articles."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connections
    from wagtail.models import Site

    from news.comments.models import CommentSettings
    from news.models import NewsArticlePage

    site = Site.objects.get(is_default_site=True)
    comment_settings = CommentSettings.for_site(site)
    comment_settings.rate_limit_count = 32767  # PositiveSmallIntegerField's maximum
    comment_settings.min_seconds_to_write = 0
    comment_settings.save()
    moderator, _ = get_user_model().objects.get_or_create(
        username="load-moderator", defaults={"email": MODERATOR_EMAIL, "is_active": True}
    )
    moderator.groups.add(Group.objects.get(name=settings.COMMENT_MODERATORS_GROUP))
    articles = [page.url for page in NewsArticlePage.objects.live().public().specific()]
    connections.close_all()
    return articles
