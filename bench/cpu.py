"""Whose CPU a measurement shared the machine with: the same noise control as the WordPress peer's run.sh.

``foreign`` = machine-wide busy CPU (user + nice + system + irq + softirq ticks of ``/proc/stat``) minus the
ticks of our own processes, as a % of all CPUs: this process with its children (gunicorn, Redis, wrk; reaped
children through cutime/cstime) and the throwaway PostgreSQL (its postmaster, which ``pg_ctl`` detaches, and
its backends). The peer counts the same way for nginx, PHP-FPM, MariaDB and wrk.
"""

import os
import time
from pathlib import Path

FOREIGN_MAX = 10.0  # %: the peer's default FOREIGN_MAX


def machine_ticks():
    """(busy, total) ticks of all CPUs since boot."""
    fields = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    busy = user + nice + system + irq + softirq
    return busy, busy + idle + iowait + steal


def _processes():
    """pid -> (ppid, own ticks, reaped children's ticks)."""
    table = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        table[int(stat.parent.name)] = (
            int(fields[1]),
            int(fields[11]) + int(fields[12]),
            int(fields[13]) + int(fields[14]),
        )
    return table


def our_ticks(extra_roots=()):
    """CPU ticks of this process's tree and of the trees of ``extra_roots`` (e.g. the postmaster)."""
    table = _processes()
    children = {}
    for pid, (ppid, _own, _reaped) in table.items():
        children.setdefault(ppid, []).append(pid)
    seen, stack = set(), [os.getpid(), *extra_roots]
    while stack:
        pid = stack.pop()
        if pid in seen or pid not in table:
            continue
        seen.add(pid)
        stack.extend(children.get(pid, ()))
    return sum(table[pid][1] + table[pid][2] for pid in seen)


def postmaster_pid(data_directory):
    try:
        return int((Path(data_directory) / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


class Foreign:
    """``with Foreign(roots) as foreign: ...``; then ``foreign.percent``: other processes' share of all CPUs."""

    def __init__(self, extra_roots=()):
        self.roots = [pid for pid in extra_roots if pid]
        self.percent = 0.0

    def __enter__(self):
        self.ours, (self.busy, self.total) = our_ticks(self.roots), machine_ticks()
        return self

    def __exit__(self, *exc):
        ours, (busy, total) = our_ticks(self.roots), machine_ticks()
        elapsed = total - self.total
        if elapsed > 0:
            self.percent = max(0.0, (busy - self.busy - (ours - self.ours)) / elapsed * 100)
        return False


def wait_quiet(extra_roots=(), *, max_seconds=300, probe_seconds=3, log=print):
    """Until other processes use under ``FOREIGN_MAX`` % of the CPUs over a probe (at most ``max_seconds``).

    Returns the last probe's figure. Unlike the peer, no load-average condition: our own earlier steps
    raise the load average without sharing the CPUs with the measurement that follows.
    """
    deadline = time.monotonic() + max_seconds
    while True:
        with Foreign(extra_roots) as probe:
            time.sleep(probe_seconds)
        if probe.percent < FOREIGN_MAX or time.monotonic() > deadline:
            if probe.percent >= FOREIGN_MAX:
                log(f"the machine is not quiet after {max_seconds} s (other processes {probe.percent:.0f}%); measuring")
            return probe.percent
        time.sleep(2)
