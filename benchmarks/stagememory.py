"""Where a cold site build's memory goes: the peak resident size during each stage of one `brief build --no-pdf --jobs 1`.

    python -m benchmarks.stagememory SITE_DIR      (from the repo root; prints Markdown)

The build runs in this process, its stages wrapped (load, plan, render, write docs, engine, print,
index, leak gate, swap); a thread reads ``VmRSS`` from /proc every 20 ms and keeps the highest
value seen while each stage ran.  Peak RSS is a target of issue 12 (whole process tree at 10,000
briefs); this says which stage reaches it.  Linux only.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

STAGES = [
    ("briefkit.pipeline.stages", "load", "load"),  # imported by name there
    ("briefkit.pipeline.planning", "plan", "plan"),
    ("briefkit.pipeline.rendering", "render", "render"),
    ("briefkit.pipeline.engine", "write_docs", "write docs"),
    ("briefkit.pipeline.engine", "engine", "engine (MkDocs)"),
    ("briefkit.pipeline.printing", "print_site", "print"),
    ("briefkit.pipeline.engine", "index", "index"),
    ("briefkit.editions.build", "before_swap", "leak gate and edition"),
    ("briefkit.pipeline.publishing", "swap_in", "swap in"),
]


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Sampler:
    def __init__(self) -> None:
        self.stage = "start-up"
        self.peaks: dict[str, float] = {}
        self.entered: dict[str, float] = {}
        self.seconds: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.note()

    def note(self) -> None:
        value = rss_mib()
        self.peaks[self.stage] = max(self.peaks.get(self.stage, 0.0), value)

    @contextmanager
    def running(self) -> Iterator[None]:
        self._thread.start()
        try:
            yield
        finally:
            self._stop.set()
            self._thread.join()

    def wrap(self, label: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            outer = self.stage
            self.note()
            self.stage, self.entered[label] = label, rss_mib()
            started = time.monotonic()
            try:
                return func(*args, **kwargs)
            finally:
                self.note()
                self.seconds[label] = self.seconds.get(label, 0.0) + time.monotonic() - started
                self.stage = outer

        return wrapped


def measure(site: Path) -> str:
    from click.testing import CliRunner

    from benchmarks.run import step_env
    from briefkit.cli.main import main as cli

    sampler = Sampler()
    for module, name, label in STAGES:
        mod = importlib.import_module(module)
        setattr(mod, name, sampler.wrap(label, getattr(mod, name)))
    os.environ.update(step_env())
    os.chdir(site)
    with sampler.running():
        done = CliRunner().invoke(cli, ["build", "--no-pdf", "--jobs", "1"], catch_exceptions=False)
    if done.exit_code != 0:
        return f"(the build failed, exit {done.exit_code}: {done.output.strip().splitlines()[-1:]})\n"
    sampler.note()
    lines = ["| stage | RSS when it starts, MiB | peak RSS during it, MiB | seconds |", "|:--|--:|--:|--:|"]
    for _, _, label in STAGES:
        if label in sampler.peaks:
            lines.append(
                f"| {label} | {sampler.entered.get(label, 0.0):.0f} | {sampler.peaks[label]:.0f} | {sampler.seconds.get(label, 0.0):.1f} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m benchmarks.stagememory SITE_DIR", file=sys.stderr)
        return 2
    print(measure(Path(argv[0]).resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
