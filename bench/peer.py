"""The WordPress peer in the bench's run: ``/work/shared/peers/wordpress/run.sh``, measured here and now.

The peer (its README says how) installs Debian's WordPress, PHP-FPM, MariaDB and nginx on first use,
serves one ~800-word post with N threaded comments from 127.0.0.1:18480, measures it with
``wrk -t2 -c8`` after a warm-up, waits for a quiet machine before each measurement (and re-runs a
measurement during which other processes used the CPUs), prints a table and stops its daemons.
``run()`` runs it with ``NS=100``, keeps its whole output in ``var/bench/peer-<time>.log``, stops it
again (``run.sh stop``) whatever happened, and parses its table.

Usage alone (from the repository root, as root)::

    .venv/bin/python bench/peer.py              # NS=100, 15 s, the peer's defaults otherwise
    .venv/bin/python bench/peer.py --quick      # 3 s, one try, a shorter wait for quiet
"""

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEER_DIR = Path(os.environ.get("BENCH_PEER_DIR", "/work/shared/peers/wordpress"))
LOG_DIR = ROOT / "var" / "bench"
PEER_PORT = 18480  # run.sh's default PORT
BASH = shutil.which("bash") or "/bin/bash"
TABLE_COLUMNS = ("req/s", "p50_ms", "p99_ms", "bytes", "queries", "cmnts", "reqs", "load1", "frgn%", "errors", "extURL")


class PeerNotMeasured(Exception):
    """The peer could not be run or printed no figure; the message says why."""


@dataclass
class PeerCase:
    """One line of the peer's table (``wp N=100``, ``static N=100``)."""

    label: str
    per_second: float
    p50_ms: float
    p99_ms: float
    bytes: int
    queries: int
    comments: int
    requests: int
    load1: float
    foreign_percent: float
    errors: int
    external_urls: int


@dataclass
class PeerResult:
    n: int
    cases: dict = field(default_factory=dict)  # label -> PeerCase
    command: str = ""  # "wrk -t2 -c8 -d15s ..." as the peer printed it
    versions: list = field(default_factory=list)  # the peer's lines on WordPress, PHP, MariaDB...
    log_path: Path | None = None
    seconds: float = 0.0

    @property
    def wordpress(self):
        return self.cases.get(f"wp N={self.n}")

    @property
    def static(self):
        return next((case for label, case in self.cases.items() if label.startswith("static ")), None)


def run_sh():
    return PEER_DIR / "run.sh"


def why_not():
    """Why the peer cannot run on this machine, or None."""
    if not run_sh().is_file():
        return f"{run_sh()} not found"
    if os.geteuid() != 0:
        return "run.sh needs root (it installs and starts Debian's packages)"
    if shutil.which("apt-get") is None or shutil.which("dpkg-query") is None:
        return "not a Debian system (no apt-get/dpkg-query)"
    if not Path("/etc/debian_version").exists():
        return "not a Debian system"
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", int(os.environ.get("PORT", PEER_PORT))))
        except OSError:
            if not _peer_running():
                return f"port {PEER_PORT} is taken by something other than the peer"
    return None


def _peer_running():
    status = subprocess.run([BASH, str(run_sh()), "status"], capture_output=True, text=True, check=False)  # noqa: S603
    return "running" in status.stdout


def stop(log=print):
    """``run.sh stop``: the peer's daemons, by their pid files (a no-op when none runs)."""
    try:
        done = subprocess.run(  # noqa: S603 - the peer's own script
            [BASH, str(run_sh()), "stop"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        log(f"peer: run.sh stop failed: {error}")
        return
    if _peer_running():
        log(f"peer: still running after run.sh stop: {done.stdout.strip()} {done.stderr.strip()}")


def run(*, n=100, duration=15, warmup=5, threads=2, connections=8, quick=False, log=print, timeout=3600):
    """Run the peer with ``NS=n`` and return its figures (``PeerResult``); ``PeerNotMeasured`` if it can't."""
    reason = why_not()
    if reason:
        raise PeerNotMeasured(reason)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = LOG_DIR / f"peer-{time.strftime('%Y%m%d-%H%M%S')}.log"
    env = {
        **os.environ,
        "NS": str(n),
        "DURATION": f"{max(1, round(duration))}s",
        "WARMUP": f"{max(1, round(warmup))}s",
        "THREADS": str(threads),
        "CONNS": str(connections),
    }
    if quick:  # a smoke run: one try, a shorter wait for quiet, no static reference
        env |= {"TRIES": "1", "LOAD_WAIT_MAX": "60", "STATIC_N": "none"}
    log(
        f"peer: {run_sh()} with NS={n} DURATION={env['DURATION']} WARMUP={env['WARMUP']} THREADS={threads} "
        f"CONNS={connections}; its output in {log_path.relative_to(ROOT)}"
    )
    started = time.monotonic()
    with log_path.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - the peer's own script
            [BASH, str(run_sh())],
            cwd=PEER_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            status = process.wait(timeout=timeout)
        except BaseException:  # timeout, Ctrl-C: end the script (its trap stops the daemons), then stop them
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=30)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            raise
        finally:
            stop(log)
    text = log_path.read_text(errors="replace")
    result = parse(text, n=n)
    result.log_path, result.seconds = log_path, time.monotonic() - started
    if status != 0 or result.wordpress is None:
        last = [line for line in text.splitlines() if line.strip()][-1:] or ["no output"]
        raise PeerNotMeasured(
            f"run.sh exited with status {status}, {'no' if result.wordpress is None else 'a'} wp N={n} row "
            f"({last[0].strip()[:160]}); see {log_path.relative_to(ROOT)}"
        )
    return result


def parse(text, *, n=100):
    """The peer's printed table (and the lines above it) as a ``PeerResult``."""
    result = PeerResult(n=n)
    lines = text.splitlines()
    in_table = False
    for number, line in enumerate(lines):
        if line.startswith("WordPress peer: GET "):
            result.command = line.split("   ", 1)[-1].strip() if "   " in line else line
            result.versions = [text.strip() for text in lines[number + 1 : number + 6] if text.strip()]
        elif line.split()[:2] == ["case", "req/s"]:
            in_table = True
        elif in_table:
            fields = line.split()
            if len(fields) < len(TABLE_COLUMNS) + 1 or line.startswith("("):
                in_table = False
                continue
            label, values = " ".join(fields[: -len(TABLE_COLUMNS)]), fields[-len(TABLE_COLUMNS) :]
            try:
                result.cases[label] = PeerCase(
                    label,
                    float(values[0]),
                    _float(values[1]),
                    _float(values[2]),
                    int(values[3]),
                    int(values[4]),
                    int(values[5]),
                    int(values[6]),
                    float(values[7]),
                    float(values[8]),
                    int(values[9]),
                    int(values[10]),
                )
            except ValueError:
                continue
    return result


def _float(value):
    try:
        return float(value)
    except ValueError:
        return float("nan")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100, help="comments on the post (NS)")
    parser.add_argument("--duration", type=float, help="seconds of each wrk run (15; quick 3)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: short, one try")
    args = parser.parse_args(argv)
    duration = args.duration or (3 if args.quick else 15)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        result = run(n=args.n, duration=duration, warmup=2 if args.quick else 5, quick=args.quick)
    except PeerNotMeasured as error:
        print(f"not measured: {error}")
        return 1
    for case in result.cases.values():
        print(
            f"{case.label}: {case.per_second:.2f} req/s, p50 {case.p50_ms:.0f} ms, {case.bytes} bytes, "
            f"{case.queries} queries, {case.comments} comments, other CPU {case.foreign_percent}%"
        )
    print(f"({result.command}; {result.seconds:.0f} s; log {result.log_path})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
