"""The site's page shares on a Dask cluster: a LocalCluster of 2 worker processes builds the same bytes as one local process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from tests.conftest import FileTree
from tests.pipeline.sitebuilds import cli, differences, small_site

BRIEFS = 8
"""Enough pages outside the nav for two shares (pipeline.pageshares.MIN_SHARE each)."""


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as cluster:
        yield str(cluster.scheduler_address)


def _build(root: Path, *args: str) -> str:
    proc = cli(root, "build", "--no-pdf", *args)
    code = proc.wait(timeout=300)
    log = (root / "cli.log").read_text(encoding="utf-8")
    assert code == 0, log
    return log


def test_pages_built_on_the_cluster_match_a_local_build(build_file_tree: FileTree, scheduler: str) -> None:
    base = build_file_tree({})
    local, cluster = small_site(base / "local", BRIEFS), small_site(base / "cluster", BRIEFS)
    _build(local, "--jobs", "1")
    log = _build(cluster, "--scheduler", scheduler)
    # Two shares ran on the cluster's two workers; the driver wrote every page.
    assert "in 2 worker process(es)" in log
    assert differences(local / "build/site", cluster / "build/site") == []


def test_the_scheduler_option_in_mkdocs_yml_sends_pages_to_the_cluster(build_file_tree: FileTree, scheduler: str) -> None:
    base = build_file_tree({})
    local, cluster = small_site(base / "local", BRIEFS), small_site(base / "cluster", BRIEFS)
    text = (cluster / "mkdocs.yml").read_text(encoding="utf-8")
    (cluster / "mkdocs.yml").write_text(
        text.replace("  - briefkit:\n", f"  - briefkit:\n      scheduler: {scheduler}\n", 1), encoding="utf-8"
    )
    _build(local)
    log = _build(cluster)
    assert "in 2 worker process(es)" in log
    assert differences(local / "build/site", cluster / "build/site") == []
