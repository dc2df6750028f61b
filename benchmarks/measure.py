"""Run one command and report its own wall time, CPU time and peak memory, as JSON.

    python benchmarks/measure.py OUT.json -- COMMAND [ARGS...]

This wrapper is a fresh process whose only child is the command, so
``getrusage(RUSAGE_CHILDREN)`` after the wait is exactly that command's
usage, worker processes included (they are waited for by the command):

- ``user``/``sys``: CPU seconds of the command and all its descendants;
- ``maxrss_mib``: peak resident memory of the largest single process;
- ``tree_rss_mib``: peak of the *sum* over the process tree, sampled from
  ``/proc`` every 50 ms (what several worker processes hold together).

The command's own exit code is recorded and passed on.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _tree_rss(root: int) -> int:
    """Bytes resident in ``root`` and its descendants (Linux /proc; 0 elsewhere)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return 0
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode("ascii", "replace")
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()  # after "(comm)": state ppid ...
        pid = int(entry)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * _PAGE
    total, stack, seen = 0, [root], set()
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


def measure(command: list[str], cwd: str | None = None, env: dict[str, str] | None = None) -> dict[str, object]:
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env)
    peak_tree = 0
    while proc.poll() is None:
        peak_tree = max(peak_tree, _tree_rss(proc.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "command": command,
        "returncode": proc.returncode,
        "wall": round(wall, 3),
        "user": round(usage.ru_utime, 3),
        "sys": round(usage.ru_stime, 3),
        "cpu": round(usage.ru_utime + usage.ru_stime, 3),
        "maxrss_mib": round(usage.ru_maxrss / 1024, 1),  # Linux reports KiB
        "tree_rss_mib": round(peak_tree / 2**20, 1),
    }


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print("usage: measure.py OUT.json -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    result = measure(argv[2:])
    Path(argv[0]).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return int(result["returncode"])  # type: ignore[call-overload]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
