"""``brief build --jobs N``: the site's pages in N worker processes, the same bytes as one, and no process left behind.

Every build here is a real ``python -m briefkit.cli.main build`` process.
Its processes carry a marker in their environment (workers are forked and
keep it), so the test finds any that outlive the build, wherever they were
reparented.  ``BRIEFKIT_FAULT_POINT=engine-share:stop`` stops each worker at
the start of its share, so a test can kill one, or press Ctrl-C, at a known moment.
"""

from __future__ import annotations

import signal
import time
import uuid
from pathlib import Path

import psutil
import pytest

from briefkit.pipeline.executors import Processes
from tests.conftest import FileTree
from tests.pipeline.sitebuilds import EPOCH, brief, build, cli, differences, small_site, tree

BRIEFS = 8
"""Enough pages outside the nav for two shares (pipeline.pageshares.MIN_SHARE each)."""


def marked(mark: str) -> list[psutil.Process]:
    """Every live (not zombie) process whose environment holds ``mark``."""
    found = []
    for proc in psutil.process_iter():
        try:
            if proc.status() != psutil.STATUS_ZOMBIE and proc.environ().get("BRIEFKIT_TEST_MARK") == mark:
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found


def run(root: Path, *args: str, **env: str) -> tuple[int, str]:
    proc = cli(root, "build", "--no-pdf", *args, **env)
    code = proc.wait(timeout=300)
    return code, (root / "cli.log").read_text(encoding="utf-8")


def stopped_workers(parent: psutil.Process, count: int) -> list[psutil.Process]:
    """Wait until ``count`` children of ``parent`` have stopped themselves at the fault point."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        children = [c for c in parent.children() if c.status() == psutil.STATUS_STOPPED]
        if len(children) >= count:
            return children
        time.sleep(0.1)
    raise AssertionError(f"no {count} stopped worker(s) under process {parent.pid}")


def test_jobs_2_builds_the_same_site_as_jobs_1_and_leaves_no_process(build_file_tree: FileTree) -> None:
    base = build_file_tree({})
    one, two = small_site(base / "one", BRIEFS), small_site(base / "two", BRIEFS)
    mark = uuid.uuid4().hex
    code, log = run(one, "--jobs", "1")
    assert code == 0, log
    code, log = run(two, "--jobs", "2", BRIEFKIT_TEST_MARK=mark)
    assert code == 0, log
    assert "in 2 worker process(es)" in log
    assert differences(one / "build/site", two / "build/site") == []
    assert marked(mark) == []


def _edited_site(base: Path) -> tuple[Path, dict[str, bytes]]:
    """A site built once (by one process, no page cache left), then edited so that a rebuild has every page to render."""
    root = small_site(base, BRIEFS)
    code, log = run(root)
    assert code == 0, log
    before = tree(root / "build/site")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("site_name: Incremental Desk", "site_name: Another Desk"), encoding="utf-8")
    (root / "briefs/b1.yaml").write_text(brief(1, title="Changed"), encoding="utf-8")
    return root, before


def test_a_killed_worker_fails_the_build_and_keeps_the_last_site(build_file_tree: FileTree) -> None:
    root, before = _edited_site(build_file_tree({}) / "site")
    mark = uuid.uuid4().hex
    proc = cli(root, "build", "--no-pdf", "--jobs", "2", BRIEFKIT_FAULT_POINT="engine-share:stop", BRIEFKIT_TEST_MARK=mark)
    try:
        workers = stopped_workers(psutil.Process(proc.pid), 2)
        workers[0].send_signal(signal.SIGKILL)
        code = proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    log = (root / "cli.log").read_text(encoding="utf-8")
    assert code == 1, log
    assert "an engine worker process was killed by signal 9; the site was not changed" in log
    assert "Traceback" not in log
    assert tree(root / "build/site") == before
    assert list((root / "build").glob(".site-*")) == []
    assert marked(mark) == []


def test_ctrl_c_stops_the_build_and_every_worker(build_file_tree: FileTree) -> None:
    root, before = _edited_site(build_file_tree({}) / "site")
    mark = uuid.uuid4().hex
    proc = cli(root, "build", "--no-pdf", "--jobs", "2", BRIEFKIT_FAULT_POINT="engine-share:stop", BRIEFKIT_TEST_MARK=mark)
    try:
        stopped_workers(psutil.Process(proc.pid), 2)
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    log = (root / "cli.log").read_text(encoding="utf-8")
    assert code != 0, log
    assert "Traceback" not in log
    assert tree(root / "build/site") == before
    assert list((root / "build").glob(".site-*")) == []
    assert marked(mark) == []


def test_a_nav_titled_by_its_pages_builds_the_same_in_workers(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nav entries without a title show the page's own: workers render those pages too, and the bytes still match."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    base = build_file_tree({})
    sites = [small_site(base / name, BRIEFS) for name in ("one", "two")]
    for root in sites:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        nav = "nav:\n  - index.md\n  - Sections: sections/index.md\n  - tags/index.md\n  - Archive: archive/index.md\n"
        (root / "mkdocs.yml").write_text(text + nav, encoding="utf-8")
    build(sites[0])
    with Processes(2) as executor:
        result = build(sites[1], executor)
    assert len(result.rendered) == len(build(sites[0], clean=True).rendered)
    assert differences(sites[0] / "build/site", sites[1] / "build/site") == []
