"""Run a command against a throwaway PostgreSQL server, started here and always stopped.

Usage: python tests/postgres.py -- COMMAND [ARGS...]

The server lives in a temporary directory, listens on a free loopback port and
is owned by an unprivileged user (PostgreSQL refuses to run as root: as root,
the server runs as the ``postgres`` user). The command gets DATABASE_URL.
"""

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def find_server_bin_dir():
    """Debian keeps server binaries in /usr/lib/postgresql/N/bin; prefer the newest."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name))
    if candidates:
        return Path(candidates[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    sys.exit("PostgreSQL server binaries (initdb, pg_ctl) not found: install the 'postgresql' package.")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def throwaway_server():
    """Yield a DATABASE_URL for a fresh server; stop and delete it afterwards."""
    bin_dir = find_server_bin_dir()
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-pg-"))
    data = workdir / "data"
    as_user = []
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(workdir, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    options = (
        f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    run = [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data)]
    try:
        subprocess.run(
            [
                *as_user,
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run(
            [*run, "-o", options, "-l", str(workdir / "server.log"), "-w", "start"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"PostgreSQL ({bin_dir.parent.name}) on 127.0.0.1:{port}, data in {data}", flush=True)
        yield f"postgres://postgres@127.0.0.1:{port}/newsroom"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([*run, "-m", "fast", "-w", "stop"], stdout=subprocess.DEVNULL, check=False)
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv):
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        sys.exit(__doc__)
    command = argv[argv.index("--") + 1 :]
    # A TERM (e.g. from CI's timeout) must still stop the server: turn it into an exception.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with throwaway_server() as database_url:
        env = {**os.environ, "DATABASE_URL": database_url}
        return subprocess.call(command, env=env)  # noqa: S603


if __name__ == "__main__":
    sys.exit(main(sys.argv))
