"""A throwaway MariaDB server for the Drupal 7 importer's tests (Drupal's most common database).

Started by ``tests/servers.py`` beside PostgreSQL when Debian's ``mariadb-server`` is installed; its address
is given to the tests as DRUPAL7_MARIADB_URL, and the tests that need it skip, saying why, without it.
mariadbd refuses to run as root: as root, the server runs as the ``mysql`` user (the package creates it),
as PostgreSQL runs as ``postgres``. The data directory is a temporary one, deleted afterwards.
"""

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pymysql

from tests.postgres import free_port

DATABASE = "drupal7"


def binaries():
    """mariadbd and mariadb-install-db, or None when the package is not installed."""
    server = shutil.which("mariadbd") or shutil.which("mariadbd", path="/usr/sbin")
    install = shutil.which("mariadb-install-db")
    return (server, install) if server and install else None


@contextlib.contextmanager
def throwaway_server():
    """Yield the mysql:// URL of an empty database on a fresh server; None if MariaDB is not installed."""
    found = binaries()
    if found is None:
        print("MariaDB not installed (apt-get install mariadb-server): the importer's MariaDB tests will skip.")
        yield None
        return
    server, install = found
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-mariadb-"))
    user = []
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("mysql")
        except KeyError:
            print("No 'mysql' user to run MariaDB as: the importer's MariaDB tests will skip.")
            shutil.rmtree(workdir, ignore_errors=True)
            yield None
            return
        os.chown(workdir, owner.pw_uid, owner.pw_gid)
        user = ["--user=mysql"]
    data, port = workdir / "data", free_port()
    process = None
    try:
        subprocess.run(
            [install, "--no-defaults", f"--datadir={data}", *user, "--auth-root-authentication-method=normal",
             "--skip-test-db"],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        command = [server, "--no-defaults", f"--datadir={data}", f"--socket={workdir / 'mysqld.sock'}", *user]
        command += [f"--port={port}", "--bind-address=127.0.0.1", "--skip-name-resolve", "--skip-log-bin"]
        command += ["--innodb-flush-log-at-trx-commit=0", f"--pid-file={workdir / 'mysqld.pid'}"]
        with open(workdir / "server.log", "wb") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        _create_database(port)
        print(f"MariaDB on 127.0.0.1:{port}", flush=True)
        yield f"mysql://root@127.0.0.1:{port}/{DATABASE}"
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


def _create_database(port):
    for _ in range(200):
        try:
            connection = pymysql.connect(host="127.0.0.1", port=port, user="root")
            break
        except pymysql.err.OperationalError:
            time.sleep(0.05)
    else:
        raise RuntimeError("MariaDB did not start")
    with connection, connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
