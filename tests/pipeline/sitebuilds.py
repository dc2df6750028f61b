"""Helpers for the incremental and --jobs tests: a small site, builds in-process or as real processes, trees compared byte for byte."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from briefkit.common.report import Reporter
from briefkit.config import load_config
from briefkit.pipeline import stages
from briefkit.pipeline.executors import Executor
from tests.conftest import brief_yaml, site_config, terminal_signals, write_file_tree

EPOCH = "1795608000"  # 2026-11-25T12:00Z
NOW = datetime.fromtimestamp(int(EPOCH), UTC)
SOURCES = ("mkdocs.yml", "briefs", "templates", "assets")
NAV_PAGES = ("index.md", "sections/index.md", "tags/index.md", "archive/index.md")


def brief(n: int, **fields: object) -> str:
    data: dict[str, object] = {
        "title": f"Brief number {n}",
        "summary": f"Summary of brief {n}.",
        "date": f"2026-11-{10 + n:02d}",
        "tags": [f"Topic {n % 2}"],
        "body": f"Body of brief {n}.\n\n## Detail\n\nMore text for brief {n}.\n",
    }
    data.update(fields)
    return brief_yaml(**data)


def small_site(root: Path, briefs: int = 4) -> Path:
    files: dict[str, str | bytes] = {"mkdocs.yml": site_config("Incremental Desk")}
    for n in range(briefs):
        files[f"briefs/b{n}.yaml"] = brief(n)
    return write_file_tree(root, files)


def build(root: Path, executor: Executor | None = None, *, clean: bool = False) -> stages.BuildResult:
    """``brief build --no-pdf`` in this process, at the fixed epoch."""
    return stages.build(load_config(root), Reporter(quiet=True), now=NOW, pdf=False, executor=executor, clean=clean)


def cold_copy(root: Path, into: Path) -> Path:
    """The sources of ``root`` (no build folder) copied to ``into``, built from nothing."""
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    for name in SOURCES:
        if (root / name).is_dir():
            shutil.copytree(root / name, into / name)
        elif (root / name).is_file():
            shutil.copy2(root / name, into / name)
    build(into)
    return into


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    """Paths that differ between two site folders (missing on one side, or other bytes)."""
    left, right = tree(a), tree(b)
    return sorted(p for p in left.keys() | right.keys() if left.get(p) != right.get(p))


def cli(root: Path, *args: str, **env: str) -> subprocess.Popen[bytes]:
    """``python -m briefkit.cli.main ARGS`` as a real process, its output in ``root/cli.log``."""
    full = {k: v for k, v in os.environ.items() if k not in ("BRIEFKIT_FAULT_POINT", "BRIEFKIT_DEBUG")}
    full.update({"SOURCE_DATE_EPOCH": EPOCH, "COLUMNS": "400", **env})
    with (root / "cli.log").open("wb") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "briefkit.cli.main", *args],
            cwd=root,
            env=full,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=terminal_signals,
        )
