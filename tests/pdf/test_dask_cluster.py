"""PDFs on a Dask cluster: a LocalCluster of 2 worker processes gives the same bytes as a local build.

The workers get each document's HTML and the files it may read as bytes, and
return PDF bytes; the driver writes them through the PDF cache.  Unreachable
schedulers, bad addresses and workers of another version are clear errors.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner
from distributed import LocalCluster
from PIL import Image

from briefkit.cli.main import main
from briefkit.errors import BriefkitError
from briefkit.pipeline.dask_executor import DaskExecutor
from tests.conftest import brief_yaml, free_port
from tests.pdf.pdftools import page_texts, reader, site_files, write_site

AS_OF = "2026-11-25T12:00:00+00:00"


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """Two worker processes, one thread each; closed at the end, and no process of it is left."""
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as local:
        yield str(local.scheduler_address)
    left = [
        " ".join(p.cmdline())
        for p in psutil.Process().children(recursive=True)
        if p.pid not in before and p.status() != psutil.STATUS_ZOMBIE
    ]
    # multiprocessing's resource tracker lives as long as this process, by design (a local PDF pool may have started it).
    assert [c for c in left if "resource_tracker" not in c] == []


def png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 20), (20, 90, 160)).save(buf, "PNG")
    return buf.getvalue()


def cluster_site(root: Path, scheduler: str = "") -> Path:
    files: dict[str, str | bytes] = dict(site_files(tags=True, daily=True))
    if scheduler:
        files["mkdocs.yml"] = str(files["mkdocs.yml"]).replace("      pdf:\n", f"      scheduler: {scheduler}\n      pdf:\n", 1)
    files["assets/map.png"] = png()
    files["briefs/geo/bravo-border.yaml"] = brief_yaml(
        title="Bravo border reopens", date="2026-11-21", tags=["Europe"], body="The crossing, mapped:\n\n![Map](/assets/map.png)\n"
    )
    files["briefs/energy/echo-gone.yaml"] = brief_yaml(
        title="Echo pipeline map withdrawn", date="2026-11-22", body="![Gone](/assets/maps/gone.png) ![Up](../../../secret.png)\n"
    )
    return write_site(root, files)


def cli(site: Path, *args: str) -> tuple[int, str]:
    old = Path.cwd()
    os.chdir(site)
    try:
        result = CliRunner().invoke(main, [*args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout + result.stderr


def pdf_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.pdf"))}


def refusals(err: str) -> list[str]:
    return sorted(line for line in err.splitlines() if "was not embedded" in line)


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")


def test_brief_pdf_on_the_cluster_gives_the_bytes_of_a_local_run(tmp_path: Path, cluster: str) -> None:
    site = cluster_site(tmp_path)
    code, err = cli(site, "pdf", "--as-of", AS_OF, "--jobs", "1")
    assert code == 0, err
    local = pdf_bytes(site / "build" / "pdf")
    local_refusals = refusals(err)
    shutil.rmtree(site / "build")  # the cache too: every PDF renders again, on the cluster

    code, err = cli(site, "pdf", "--as-of", AS_OF, "--scheduler", cluster)
    assert code == 0, err
    # A missing asset and one outside the project: the same warnings, word for word, as a local run.
    assert len(local_refusals) == 2 and refusals(err) == local_refusals
    assert "on the cluster" in err and "with 1 process(es)" not in err
    remote = pdf_bytes(site / "build" / "pdf")
    assert sorted(remote) == sorted(local) and "books/tag-europe.pdf" in remote
    assert remote == local
    # The image came from the driver's assets folder as bytes: it is in the PDF.
    assert "The crossing, mapped" in "".join(page_texts(site / "build" / "pdf" / "bravo-border.pdf"))
    assert sum(len(page.images) for page in reader(site / "build" / "pdf" / "bravo-border.pdf").pages) == 1
    assert not any("map.png" in line for line in refusals(err))


def test_brief_build_with_the_scheduler_option_in_mkdocs_yml(tmp_path: Path, cluster: str) -> None:
    site = cluster_site(tmp_path)
    code, err = cli(site, "build", "--as-of", AS_OF)
    assert code == 0, err
    local = pdf_bytes(site / "build" / "site" / "pdf")
    shutil.rmtree(site / "build")
    remote_site = cluster_site(tmp_path, scheduler=cluster)  # the same folder, now with `scheduler:` in mkdocs.yml
    code, err = cli(remote_site, "build", "--as-of", AS_OF)
    assert code == 0, err
    assert f"connected to the Dask scheduler at {cluster}" in err
    assert pdf_bytes(remote_site / "build" / "site" / "pdf") == local
    # Nothing changed: the cache answers, and no cluster is needed at all.
    (remote_site / "build" / "site" / "index.html").unlink()
    code, err = cli(remote_site, "build", "--as-of", AS_OF, "--scheduler", f"tcp://127.0.0.1:{free_port()}")
    assert code == 0, err
    assert "connected to the Dask scheduler" not in err


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    site = cluster_site(tmp_path)
    address = f"tcp://127.0.0.1:{free_port()}"
    code, err = cli(site, "pdf", "--as-of", AS_OF, "--scheduler", address)
    assert code == 1
    assert f"could not reach the Dask scheduler at {address}" in err
    assert "dask scheduler" in err and "docs/scale.md" in err  # the hint
    assert "Traceback" not in err
    assert not (site / "build" / "pdf").exists() or pdf_bytes(site / "build" / "pdf") == {}


def test_a_scheduler_that_is_no_address_is_a_usage_error_or_a_config_problem(tmp_path: Path) -> None:
    site = cluster_site(tmp_path / "good")
    code, err = cli(site, "pdf", "--as-of", AS_OF, "--scheduler", "localhost")
    assert code == 2 and "is not a Dask scheduler address" in err
    bad = cluster_site(tmp_path / "bad", scheduler="localhost:8786")
    code, err = cli(bad, "check")
    assert code != 0
    line = next(n for n, text in enumerate((bad / "mkdocs.yml").read_text().splitlines(), 1) if "scheduler:" in text)
    assert f"mkdocs.yml:{line}:" in err and "is not a Dask scheduler address" in err


def test_a_worker_of_another_version_is_refused(cluster: str) -> None:
    with DaskExecutor(cluster) as executor:
        assert executor.map(len, ["a", "bb", "ccc"]) == [1, 2, 3]  # in task order
        executor.expected = {**executor.expected, "briefkit": "0.0.1"}
        with pytest.raises(BriefkitError) as caught:
            executor.map(len, ["a"])
        assert "other versions than this machine" in str(caught.value)
        assert "briefkit" in str(caught.value) and "(this machine: 0.0.1)" in str(caught.value)
        with pytest.raises(BriefkitError) as caught:
            executor._check_workers()
        assert "2 Dask worker(s) run other versions" in str(caught.value)


def test_a_failing_task_is_a_briefkit_error_naming_it(cluster: str) -> None:
    with DaskExecutor(cluster) as executor, pytest.raises(BriefkitError) as caught:
        executor.map(int, ["1", "2", "not a number"])
    assert "task 3 of 3 failed on the Dask cluster" in str(caught.value)
    assert "ValueError" in str(caught.value)
