"""Running wrk (the load generator) and reading its figures back from the JSON line bench/lua prints."""

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

LUA_DIR = Path(__file__).resolve().parent / "lua"
INSTALL_HINT = "wrk is not installed: apt-get install -y wrk"


def available():
    return shutil.which("wrk") is not None


@dataclass
class WrkResult:
    requests: int
    seconds: float
    errors: dict
    latency_ms: dict
    statuses: dict = field(default_factory=dict)
    sent: int = 0  # requests made by a script that counts them (post_comments.lua)
    output: str = ""

    @property
    def per_second(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def socket_errors(self):
        return sum(count for name, count in self.errors.items() if name != "status")

    @property
    def bad_statuses(self):
        """Responses other than 2xx/3xx, as wrk counts them."""
        return self.errors.get("status", 0)


def run(url, *, connections, duration, threads=1, script="report.lua", headers=(), env=None, timeout_s=30):
    """wrk against ``url`` for ``duration`` seconds; ``script`` is a file in bench/lua (it prints the figures)."""
    if not available():
        raise RuntimeError(INSTALL_HINT)
    command = [
        "wrk",
        "--threads",
        str(threads),
        "--connections",
        str(connections),
        "--duration",
        f"{max(1, round(duration))}s",  # wrk takes whole seconds
        "--timeout",
        f"{timeout_s}s",
        "--script",
        str(LUA_DIR / script),
    ]
    for header in headers:
        command += ["--header", header]
    command.append(url)
    completed = subprocess.run(  # noqa: S603 - wrk, our arguments
        command, cwd=LUA_DIR, env=env, capture_output=True, text=True, timeout=duration + timeout_s + 60
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("BENCH-WRK ")]
    if completed.returncode != 0 or not lines:
        raise RuntimeError(f"wrk failed ({completed.returncode}):\n{completed.stdout}\n{completed.stderr}")
    data = json.loads(lines[-1].removeprefix("BENCH-WRK "))
    return WrkResult(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        errors=data["errors"],
        latency_ms={name: value / 1000 for name, value in data["latency_us"].items()},
        statuses={int(status): count for status, count in data.get("statuses", {}).items()},
        sent=data.get("sent", data["requests"]),
        output=completed.stdout,
    )
