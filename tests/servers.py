"""Run a command against throwaway servers, started here and always stopped: PostgreSQL, two Redis, MariaDB.

Usage: python tests/servers.py -- COMMAND [ARGS...]

The command gets DATABASE_URL (tests/postgres.py), REDIS_URL (the cache: pages and rows, evicting the least
recently used keys when full, as production's) and STATE_REDIS_URL (sessions and rate limits: never evicts),
and DRUPAL7_MARIADB_URL (tests/mariadb.py: an empty database for the Drupal 7 importer's tests; unset, and those
tests skip, when MariaDB is not installed).
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from the repository root
from tests.mariadb import throwaway_server as throwaway_mariadb  # noqa: E402
from tests.postgres import free_port  # noqa: E402
from tests.postgres import throwaway_server as throwaway_postgres  # noqa: E402

REDIS_POLICIES = {"cache": ("allkeys-lru", "256mb"), "state": ("noeviction", "0")}


@contextlib.contextmanager
def throwaway_redis(*, policy, maxmemory):
    """Yield the URL of a fresh Redis server on loopback (no disk writes); stop it afterwards."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(binary).exists():
        sys.exit("redis-server not found: install the 'redis-server' package.")
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-redis-"))
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    command += ["--dir", str(workdir), "--maxmemory", maxmemory, "--maxmemory-policy", policy]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)  # noqa: S603
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        print(f"Redis ({policy}) on 127.0.0.1:{port}", flush=True)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def throwaway_servers():
    with contextlib.ExitStack() as stack:
        env = {"DATABASE_URL": stack.enter_context(throwaway_postgres())}
        for name, variable in (("cache", "REDIS_URL"), ("state", "STATE_REDIS_URL")):
            policy, maxmemory = REDIS_POLICIES[name]
            env[variable] = stack.enter_context(throwaway_redis(policy=policy, maxmemory=maxmemory))
        mariadb_url = stack.enter_context(throwaway_mariadb())
        if mariadb_url:
            env["DRUPAL7_MARIADB_URL"] = mariadb_url
        yield env


def main(argv):
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        sys.exit(__doc__)
    command = argv[argv.index("--") + 1 :]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a TERM (CI's timeout) still stops the servers
    with throwaway_servers() as env:
        return subprocess.call(command, env={**os.environ, **env})  # noqa: S603


if __name__ == "__main__":
    sys.exit(main(sys.argv))
