"""The scale-out stack on loopback: PostgreSQL, Redis, two gunicorn app servers and nginx in front.

Usage (from the repository root; ``make stack`` and ``make stack-stop`` run the first two)::

    .venv/bin/python deploy/stack.py start     # start what is not running; first start migrates and loads demo content
    .venv/bin/python deploy/stack.py stop      # stop everything it started (safe to run twice)
    .venv/bin/python deploy/stack.py status

Everything lives in ``var/stack/`` (data, pid files, logs, the rendered nginx config, ``stack.json`` with the ports
and the secret key), so the site and its comments survive a stop and start. The app servers run the production
settings with ``REDIS_URL`` (shared page cache, rate limits and sessions) and ``FRONTEND_CACHE_PURGE_URL`` (the
purge server of nginx); nginx uses the production config of deploy/nginx/, rendered for loopback.

``Stack`` is also the Python API of the benchmark (bench/stack.py)::

    with throwaway_stack() as stack:       # a temporary directory and free ports, deleted afterwards
        stack.nginx_port, stack.host, stack.app_ports, stack.env, stack.database_url, stack.shell("...")
"""

import argparse
import contextlib
import functools
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from deploy import nginx_conf  # noqa: E402
from tests.postgres import find_server_bin_dir, free_port  # noqa: E402

DEFAULT_WORKDIR = ROOT / "var" / "stack"
DEFAULT_PORTS = {
    "nginx": 8080,
    "purge": 8091,
    "bench_origin": 8092,
    "app_a": 8001,
    "app_b": 8002,
    "redis": 6380,
    "redis_state": 6381,
    "postgres": 5433,
}
APP_SERVERS = ("app_a", "app_b")
# What each component's process is called, to tell it from an unrelated process that reused a stale pid.
PROGRAMS = {
    "postgres": "postgres",
    "redis": "redis-server",
    "redis_state": "redis-server",
    "app_a": "gunicorn",
    "app_b": "gunicorn",
    "nginx": "nginx",
}
# The two Redis: the cache (pages, rows, structure) evicts the least recently used key when full; the state
# (sessions, rate limits) never evicts, so a flood of pages cannot log readers out or reset their limits.
REDIS_SERVERS = {"redis": ("allkeys-lru", "256mb"), "redis_state": ("noeviction", "64mb")}
HOSTNAME = "localhost"  # the Wagtail Site's hostname: nginx's cache key and the purges use it
MODERATOR = "stack-moderator"
BENCH_STATIC_PATH = "/__bench/static.html"
# The same file again, through nginx's page cache from an origin that adds only nginx's own few headers: what
# the file cache costs by itself, apart from parsing a stored page's headers (bench/stack.py).
BENCH_CACHED_FILE_PATH = "/__bench/cached.html"
# Runs once, in `manage.py shell`, after the demo content: the Site readers reach, and a moderator for the checks.
SETUP_CODE = """
import os
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site

Site.objects.filter(is_default_site=True).update(hostname=os.environ["STACK_HOSTNAME"], port=80)
user, _ = get_user_model().objects.get_or_create(username=os.environ["STACK_MODERATOR"])
user.email = f"{user.username}@localhost"
user.is_active = True
user.set_password(os.environ["STACK_MODERATOR_PASSWORD"])
user.save()
user.groups.add(Group.objects.get(name=settings.COMMENT_MODERATORS_GROUP))
"""


REQUIRED_PROGRAMS = {"nginx": "/usr/sbin/nginx", "redis-server": "/usr/bin/redis-server"}


class StackError(RuntimeError):
    pass


def port_is_free(port):
    """Whether a server could listen on the port now (as servers do, despite connections in TIME_WAIT)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def read_pid(pidfile):
    try:
        return int(Path(pidfile).read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def is_running(pid, program):
    """Whether ``pid`` is a live process of ``program`` (a pid file may outlive its process, and pids are reused)."""
    if pid is None:
        return False
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)  # reap it if it is our own child that has exited
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    state = stat.rsplit(")", 1)[-1].split()[0]
    return state not in ("Z", "X") and program in command


def wait_until(condition, *, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise StackError(f"{what} (waited {timeout} s)")
        time.sleep(0.1)


def http_status(url, *, host):
    request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310 - our own loopback URL
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


class Stack:
    """One stack in one state directory; ``start`` and ``stop`` may be called any number of times."""

    def __init__(self, workdir=DEFAULT_WORKDIR, *, ports=None, access_log=False, log=print):
        """Ports: those given, else those of the last start in ``workdir``, else DEFAULT_PORTS for var/stack
        and free ones for any other directory (e.g. a benchmark's, beside a running ``make stack``)."""
        self.workdir = Path(workdir).resolve()
        self.log = log
        self.access_log = access_log  # nginx's and gunicorn's access logs (off for benchmarks)
        saved = self._load_state()
        if self.workdir == DEFAULT_WORKDIR.resolve():
            defaults = DEFAULT_PORTS
        else:
            defaults = {name: free_port() for name in DEFAULT_PORTS}
        self.ports = {**defaults, **saved.get("ports", {}), **(ports or {})}
        self.secret_key = saved.get("secret_key") or secrets.token_urlsafe(50)
        self.moderator_password = saved.get("moderator_password") or secrets.token_urlsafe(16)
        self.initialised = saved.get("initialised", False)
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @functools.cached_property
    def pg_bin(self):
        return find_server_bin_dir()

    # ------------------------------------------------------------------ addresses

    @property
    def nginx_port(self):
        return self.ports["nginx"]

    @property
    def nginx_url(self):
        """Where to connect (nginx listens on 127.0.0.1 only); send ``Host: stack.host``."""
        return f"http://127.0.0.1:{self.nginx_port}"

    @property
    def host(self):
        return f"{HOSTNAME}:{self.nginx_port}"

    @property
    def public_url(self):
        return f"http://{self.host}"

    @property
    def app_ports(self):
        return [self.ports[name] for name in APP_SERVERS]

    @property
    def app_urls(self):
        return [f"http://127.0.0.1:{port}" for port in self.app_ports]

    @property
    def purge_url(self):
        return f"http://127.0.0.1:{self.ports['purge']}"

    @property
    def database_url(self):
        return f"postgres://postgres@127.0.0.1:{self.ports['postgres']}/newsroom"

    @property
    def redis_url(self):
        return f"redis://127.0.0.1:{self.ports['redis']}/0"

    @property
    def state_redis_url(self):
        return f"redis://127.0.0.1:{self.ports['redis_state']}/0"

    @property
    def bench_static_file(self):
        """The file nginx serves at BENCH_STATIC_PATH (the static side of the benchmark)."""
        return self.workdir / "bench" / "static.html"

    @property
    def env(self):
        """The app servers' environment (also right for manage.py against this stack)."""
        return {
            **os.environ,
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": self.secret_key,
            "ALLOWED_HOSTS": f"{HOSTNAME},127.0.0.1",
            # nginx passes Host without the port, so the browser's origin must be named for Django's CSRF check.
            "CSRF_TRUSTED_ORIGINS": f"{self.public_url},http://127.0.0.1:{self.nginx_port}",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "STATE_REDIS_URL": self.state_redis_url,
            "FRONTEND_CACHE_PURGE_URL": self.purge_url,
            "TRUSTED_PROXIES": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "SECURE_COOKIES": "0",
            "STATIC_ROOT": str(self.workdir / "static"),
            "MEDIA_ROOT": str(self.workdir / "media"),
            "WAGTAILADMIN_BASE_URL": self.public_url,
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
            "WEB_CONCURRENCY": "2",
            "GUNICORN_ACCESSLOG": "-" if self.access_log else "",
        }

    # ------------------------------------------------------------------ state

    def _state_path(self):
        return self.workdir / "stack.json"

    def _load_state(self):
        try:
            return json.loads(self._state_path().read_text())
        except (OSError, ValueError):
            return {}

    def _save_state(self):
        path = self._state_path()
        path.write_text(
            json.dumps(
                {
                    "ports": self.ports,
                    "secret_key": self.secret_key,
                    "moderator_password": self.moderator_password,
                    "initialised": self.initialised,
                },
                indent=2,
            )
        )
        path.chmod(0o600)

    # ------------------------------------------------------------------ Django

    def manage(self, *args, extra_env=None):
        """manage.py against this stack; returns its output, or raises StackError with it when it fails."""
        result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(extra_env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise StackError(f"manage.py {' '.join(args)} failed:\n{result.stdout}")
        return result.stdout

    def _step(self, what, *args, extra_env=None):
        started = time.monotonic()
        self.manage(*args, extra_env=extra_env)
        self.log(f"{what}: {time.monotonic() - started:.1f} s")

    def shell(self, code, **extra_env):
        """Run Python code in ``manage.py shell`` against this stack's database and cache; returns its output."""
        return self.manage("shell", "--no-imports", "-c", code, extra_env=extra_env)

    # ------------------------------------------------------------------ components

    def pidfiles(self):
        return {
            "postgres": self.workdir / "postgres" / "data" / "postmaster.pid",
            "redis": self.workdir / "redis.pid",
            "redis_state": self.workdir / "redis_state.pid",
            "app_a": self.workdir / "app_a.pid",
            "app_b": self.workdir / "app_b.pid",
            "nginx": self.workdir / "nginx.pid",
        }

    def pid_of(self, name):
        """The pid of a running component, else None."""
        pid = read_pid(self.pidfiles()[name])
        return pid if is_running(pid, PROGRAMS[name]) else None

    def status(self):
        """{component: pid or None}, in start order."""
        return {name: self.pid_of(name) for name in self.pidfiles()}

    def _claim_port(self, name):
        port = self.ports[name]
        if not port_is_free(port):
            raise StackError(f"port {port} ({name}) is taken by another program: pick another one (see --help)")

    def _start_postgres(self):
        data = self.workdir / "postgres" / "data"
        if self.pid_of("postgres"):
            return
        self._claim_port("postgres")
        pg_dir = data.parent
        pg_dir.mkdir(exist_ok=True)
        if self.as_postgres:
            owner = pwd.getpwnam("postgres")
            os.chown(pg_dir, owner.pw_uid, owner.pw_gid)
        if not (data / "PG_VERSION").exists():
            self.log(f"PostgreSQL: initdb in {data}")
            subprocess.run(  # noqa: S603
                [*self.as_postgres, str(self.pg_bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]
                + ["-E", "UTF8", "--locale=C", "--no-sync"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        # As tests/postgres.py: no fsync (data may be lost if the machine goes down, not when PostgreSQL does).
        options = (
            f"-p {self.ports['postgres']} -k {pg_dir} -c listen_addresses=127.0.0.1 -c max_connections=200 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        subprocess.run(  # noqa: S603
            [*self.as_postgres, str(self.pg_bin / "pg_ctl"), "-D", str(data), "-o", options]
            + ["-l", str(pg_dir / "server.log"), "-w", "start"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=self.ports["postgres"], user="postgres", dbname="postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = 'newsroom'")
            if cursor.fetchone() is None:
                cursor.execute('CREATE DATABASE "newsroom"')
        connection.close()

    def _stop_postgres(self):
        data = self.workdir / "postgres" / "data"
        if self.pid_of("postgres"):
            subprocess.run(  # noqa: S603
                [*self.as_postgres, str(self.pg_bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                check=False,
                stdout=subprocess.DEVNULL,
            )

    def _start_redis(self, name):
        pidfile = self.pidfiles()[name]
        if self.pid_of(name):
            return
        self._claim_port(name)
        (self.workdir / name).mkdir(exist_ok=True)
        config = self.workdir / f"{name}.conf"
        policy, maxmemory = REDIS_SERVERS[name]
        config.write_text(
            "\n".join(
                [
                    "bind 127.0.0.1",
                    f"port {self.ports[name]}",
                    "protected-mode yes",
                    "daemonize yes",
                    f"pidfile {pidfile}",
                    f"logfile {self.workdir / (name + '.log')}",
                    f"dir {self.workdir / name}",
                    'save ""',
                    "appendonly no",
                    f"maxmemory {maxmemory}",
                    f"maxmemory-policy {policy}",
                    "",
                ]
            )
        )
        redis_server = shutil.which("redis-server") or "/usr/bin/redis-server"
        subprocess.run([redis_server, str(config)], check=True, stdout=subprocess.DEVNULL)  # noqa: S603
        wait_until(
            lambda: self._redis_answers(name), timeout=10, what=f"Redis did not answer on port {self.ports[name]}"
        )

    def _redis_answers(self, name):
        try:
            with socket.create_connection(("127.0.0.1", self.ports[name]), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def _start_app(self, name):
        pidfile = self.pidfiles()[name]
        if self.pid_of(name):
            return
        self._claim_port(name)
        port = self.ports[name]
        with open(self.workdir / f"{name}.log", "ab") as logfile:
            subprocess.Popen(  # noqa: S603 - the venv's gunicorn; it outlives this command (its own session)
                [str(Path(sys.executable).parent / "gunicorn"), "--pid", str(pidfile)]
                # Its own control socket (gunicornc -s ...): by default both would share ~/.gunicorn/gunicorn.ctl.
                + ["--control-socket", str(self.workdir / f"{name}.ctl")],
                cwd=ROOT,
                env={**self.env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                stdout=logfile,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def _wait_app(self, name):
        url = f"http://127.0.0.1:{self.ports[name]}/"
        wait_until(
            lambda: http_status(url, host=self.host) == 200,
            timeout=60,
            what=f"{name} did not answer 200 on {url}; see {self.workdir / (name + '.log')}",
        )

    def render_nginx(self):
        """Write the stack's nginx.conf (production site rules + a loopback main context); return its path."""
        self.bench_static_file.parent.mkdir(exist_ok=True)
        self.bench_static_file.parent.chmod(0o755)
        (self.workdir / "nginx-temp").mkdir(exist_ok=True)
        site = nginx_conf.render_site(
            server_name=HOSTNAME,
            upstreams=[f"127.0.0.1:{port}" for port in self.app_ports],
            listen=[f"listen 127.0.0.1:{self.nginx_port};"],
            cache_dir=self.workdir / "nginx-cache",
            cache_max_size="256m",
            static_root=self.workdir / "static",
            media_root=self.workdir / "media",
            purge_listen=f"127.0.0.1:{self.ports['purge']}",
            extra_locations=[
                "    # The stack's benchmark only: the same HTML bytes as a page, as a plain file,",
                f"    location = {BENCH_STATIC_PATH} {{",
                f"        alias {self.bench_static_file};",
                "    }",
                "    # and through the page cache as the site's pages are, from the origin below.",
                f"    location = {BENCH_CACHED_FILE_PATH} {{",
                f"        proxy_pass http://127.0.0.1:{self.ports['bench_origin']}{BENCH_STATIC_PATH};",
                "        proxy_cache newsroom_pages;",
                '        proxy_cache_key "$host$request_uri";',
                "        add_header X-Cache-Status $upstream_cache_status always;",
                "    }",
            ],
            extra_servers=(
                "# The stack's benchmark only: the origin of BENCH_CACHED_FILE_PATH, the file with nginx's headers.\n"
                "server {\n"
                f"    listen 127.0.0.1:{self.ports['bench_origin']};\n"
                "    etag off;\n"
                f"    location = {BENCH_STATIC_PATH} {{\n"
                f"        alias {self.bench_static_file};\n"
                "        add_header X-Accel-Expires 600;\n"
                "    }\n"
                "}\n"
            ),
        )
        (self.workdir / "newsroom.conf").write_text(site)
        main = nginx_conf.render_stack_main(
            state_dir=self.workdir, site_conf=self.workdir / "newsroom.conf", access_log=self.access_log
        )
        path = self.workdir / "nginx.conf"
        path.write_text(main)
        return path

    def nginx_command(self, *args):
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        return [nginx, "-p", str(self.workdir), "-c", str(self.workdir / "nginx.conf"), "-e", "stderr", *args]

    def start_nginx(self):
        """Render the config and start nginx (in front of whatever listens on the app ports)."""
        if self.pid_of("nginx"):
            return
        self._claim_port("nginx")
        self._claim_port("purge")
        self.render_nginx()
        result = subprocess.run(self.nginx_command(), capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise StackError(f"nginx did not start:\n{result.stderr}")
        wait_until(
            lambda: http_status(self.nginx_url + "/", host=self.host) == 200,
            timeout=30,
            what=f"nginx did not answer 200 on {self.nginx_url}; see {self.workdir / 'nginx-error.log'}",
        )

    def stop_nginx(self):
        self._stop_processes("nginx", timeout=15)

    def _stop_processes(self, *names, timeout=40):
        """SIGTERM (a graceful stop for each of them) to all at once, then wait; SIGKILL what outlives ``timeout``."""
        pids = {name: pid for name in names if (pid := self.pid_of(name))}
        for pid in pids.values():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for name, pid in pids.items():
            gone = lambda: not is_running(pid, PROGRAMS[name])  # noqa: B023, E731 - used at once
            try:
                wait_until(gone, timeout=timeout, what=f"{name} (pid {pid}) did not stop")
            except StackError:
                self.log(f"{name} (pid {pid}) did not stop after SIGTERM: killing it")
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                wait_until(gone, timeout=10, what=f"{name} (pid {pid}) survived SIGKILL")

    # ------------------------------------------------------------------ the whole stack

    def start(self):
        """Start whatever is not running yet; the first start also fills the database."""
        missing = [name for name, path in REQUIRED_PROGRAMS.items() if not (shutil.which(name) or Path(path).exists())]
        if not nginx_conf.PURGE_MODULE.exists():
            missing.append("nginx's cache purge module")
        if missing:
            raise StackError(
                f"missing: {', '.join(missing)}. "
                "Install with: apt-get install -y nginx libnginx-mod-http-cache-purge redis-server postgresql"
            )
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.workdir.chmod(0o755)  # nginx's workers (nobody, when we are root) read static files and the cache
        self._save_state()
        self._start_postgres()
        for name in REDIS_SERVERS:
            self._start_redis(name)
        running_apps = [name for name in APP_SERVERS if self.status()[name]]
        if not running_apps:
            self._step("migrate", "migrate", "--noinput")
            if not self.initialised:
                self._step("demo content", "load_demo_content")
                self._step(
                    "site and moderator",
                    "shell",
                    "--no-imports",
                    "-c",
                    SETUP_CODE,
                    extra_env={
                        "STACK_HOSTNAME": HOSTNAME,
                        "STACK_MODERATOR": MODERATOR,
                        "STACK_MODERATOR_PASSWORD": self.moderator_password,
                    },
                )
                self.initialised = True
                self._save_state()
            self._step("collectstatic", "collectstatic", "--noinput")
        for name in APP_SERVERS:
            self._start_app(name)
        for name in APP_SERVERS:
            self._wait_app(name)
        self.start_nginx()
        return self

    def stop(self):
        """Stop, front to back, whatever is running; nothing happens for what is already stopped."""
        self.stop_nginx()
        self._stop_processes(*APP_SERVERS)
        self._stop_processes(*REDIS_SERVERS, timeout=15)
        self._stop_postgres()

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc_info):
        self.stop()


@contextlib.contextmanager
def throwaway_stack(*, access_log=False, log=print, keep=False):
    """A stack in a temporary directory on free ports, stopped and deleted afterwards (``keep``: not deleted)."""
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-stack-"))
    try:
        with Stack(workdir, access_log=access_log, log=log) as stack:
            yield stack
    finally:
        if keep:
            log(f"stack files kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def print_urls(stack, admin_login):
    if stack.workdir == DEFAULT_WORKDIR.resolve():
        stop = "make stack-stop"
    else:
        stop = f"{sys.executable} deploy/stack.py stop --workdir {stack.workdir}"
    print(
        f"""
The stack is running (state, logs and data in {stack.workdir}):
  site through nginx (cached):  {stack.public_url}/   (nginx listens on 127.0.0.1; send Host: {stack.host})
  app server A (gunicorn):      {stack.app_urls[0]}/
  app server B (gunicorn):      {stack.app_urls[1]}/
  admin login:                  {stack.public_url}/admin/  {admin_login}
  nginx purge server (loopback only): {stack.purge_url}/
  PostgreSQL {stack.database_url}   Redis {stack.redis_url} (cache), {stack.state_redis_url} (state)
Stop it all with: {stop}""",
        flush=True,
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR, help="state directory (default var/stack)")
    for name, port in DEFAULT_PORTS.items():
        parser.add_argument(f"--{name.replace('_', '-')}-port", type=int, help=f"default {port} (first start)")
    args = parser.parse_args(argv)
    ports = {name: value for name in DEFAULT_PORTS if (value := getattr(args, f"{name}_port")) is not None}
    stack = Stack(args.workdir, ports=ports, access_log=True)
    if args.command == "stop":
        stack.stop()
        print("The stack is stopped.")
        return 0
    if args.command == "status":
        status = stack.status()
        for name, pid in status.items():
            port = stack.ports[name]
            print(f"{name:<9} {'running, pid ' + str(pid) if pid else 'stopped':<22} 127.0.0.1:{port}")
        return 0 if all(status.values()) else 3
    try:
        stack.start()
    except BaseException as error:
        print(f"Could not start the stack: {error}\nStopping what was started.", file=sys.stderr)
        stack.stop()
        if isinstance(error, StackError | subprocess.CalledProcessError):
            return 1
        raise
    login = stack.manage("ensure_admin", extra_env={"PORT": str(stack.nginx_port)}).strip().splitlines()[-1]
    print_urls(stack, login.split("/admin/", 1)[-1].strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
