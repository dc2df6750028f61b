"""A large corpus is checked across worker processes (briefkit.source.workers): the result is the serial one, in file order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefkit.config import load_config
from briefkit.source import workers
from briefkit.source.load import LoadResult, load
from tests.conftest import FileTree, brief_yaml

TAGS = "NATO allies:\n  description: The alliance.\n"


def corpus() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"mkdocs.yml": "site_name: S\n", "briefs/_tags.yml": TAGS}
    for i in range(40):
        files[f"briefs/s{i % 4}/brief-{i:02d}.yaml"] = brief_yaml(title=f"Brief number {i}", tags=["NATO allies", "Air defence"])
    files["briefs/s1/brief-07.yaml"] = brief_yaml(title="Same slug as brief-07 in s3")  # duplicate-slug, both files
    files["briefs/s0/brief-12.yaml"] = brief_yaml(date="2026-13-01")  # a bad date
    files["briefs/s2/brief-22.yaml"] = brief_yaml(tags=["nato allies"])  # tag-spelling warning
    files["briefs/s3/Bad Name.yaml"] = brief_yaml()  # bad-slug
    files["briefs/s0/brief-16.yaml"] = b"title: [unclosed\n"  # not YAML
    return files


def summary(result: LoadResult) -> tuple[object, ...]:
    return (
        [(p.path, p.line, p.col, p.code, p.message) for p in result.problems],
        [(b.path, b.slug, b.digest, tuple(t.name for t in b.tags)) for b in result.corpus.briefs],
        sorted(result.corpus.tags),
        result.paths,
        result.labels,
    )


def test_workers_give_the_serial_result(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root: Path = build_file_tree(corpus())
    config = load_config(root)
    assert (os.cpu_count() or 1) >= 2, "this machine has one core: the worker path cannot run"

    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 10**9)
    serial = load(config)
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 2)  # the same corpus, across processes
    parallel = load(config)

    assert summary(parallel) == summary(serial)
    codes = {p.code for p in serial.problems}
    assert {"duplicate-slug", "bad-slug", "tag-spelling"} <= codes, codes
    assert serial.files == 42 and len(serial.corpus.briefs) == 37  # 40 + 2 new files; 5 of them invalid
