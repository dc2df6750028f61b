"""PDF worker processes: every render is bounded in time and memory, and no process outlives `brief pdf`."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from PIL import Image

from briefkit.errors import BriefkitError
from tests.conftest import brief_yaml, terminal_signals, wait_until
from tests.pdf.pdftools import render_site, site_files, write_site
from tests.pdf.test_pdf_deadline import dripper  # noqa: F401  (a fixture: a host that sends a byte every 0.5 s)

AS_OF = "2026-11-25T12:00:00+00:00"


def with_options(files: dict[str, str], options: str) -> dict[str, str]:
    files = dict(files)
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("        jobs: 1\n", "        jobs: 1\n" + options)
    return files


def start_brief(site: Path, *args: str) -> subprocess.Popen[str]:
    """`brief pdf` in a session of its own, so its process group holds it and every worker it starts."""
    exe = str(Path(sys.executable).parent / "brief")
    return subprocess.Popen(
        [exe, "pdf", "--as-of", AS_OF, *args],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=terminal_signals,
    )


def group(pgid: int) -> list[psutil.Process]:
    """Live processes in a process group (zombies don't count: they hold no memory and run nothing)."""
    found = []
    for proc in psutil.process_iter(["pid", "status"]):
        try:
            if os.getpgid(proc.pid) == pgid and proc.info["status"] != psutil.STATUS_ZOMBIE:
                found.append(proc)
        except (ProcessLookupError, psutil.NoSuchProcess):
            continue
    return found


def workers_of(proc: subprocess.Popen[str]) -> list[psutil.Process]:
    found = []
    for child in psutil.Process(proc.pid).children(recursive=True):
        try:
            if "multiprocessing.spawn" in " ".join(child.cmdline()) and child.status() != psutil.STATUS_ZOMBIE:
                found.append(child)
        except psutil.Error:  # a short-lived helper (git) that ended meanwhile
            continue
    return found


def wait_for_workers(proc: subprocess.Popen[str], count: int) -> list[psutil.Process]:
    def started() -> list[psutil.Process]:
        assert proc.poll() is None, proc.communicate()
        children = workers_of(proc)
        return children if len(children) >= count else []

    return wait_until(started, 60, "the workers to start")


def cpu_seconds(proc: psutil.Process) -> float:
    """CPU time a process has used so far (a process that has already ended counts as done)."""
    try:
        times = proc.cpu_times()
    except psutil.Error:
        return float("inf")
    return float(times.user + times.system)


def gone(pgid: int) -> list[psutil.Process]:
    """What is left of a process group once it has had a moment to exit."""
    try:
        wait_until(lambda: not group(pgid), 5, "the process group to exit")
    except AssertionError:
        return group(pgid)
    return []


@pytest.fixture
def slow_site(tmp_path: Path) -> Path:
    """Enough to render that `brief pdf -j 2` is still busy a few seconds in."""
    files = site_files(tags=True, daily=True)
    long_body = "\n\n".join(f"## Part {i}\n\n" + "A sentence of analysis that fills the page. " * 60 for i in range(30))
    for n in range(6):
        files[f"briefs/geo/long-{n}.yaml"] = brief_yaml(title=f"Long brief number {n}", date=f"2026-11-1{n}", body=long_body)
    return write_site(tmp_path, files)


def test_no_worker_survives_a_successful_run(tmp_path: Path) -> None:
    site = write_site(tmp_path, site_files(tags=True))
    proc = start_brief(site, "--jobs", "2")
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "with 2 process(es)" in err
    assert gone(proc.pid) == []


def test_no_worker_survives_a_failed_render(tmp_path: Path) -> None:
    files = site_files(tags=True)
    files["templates/pdf/brief.html.j2"] = "{{ brief.b.nonexistent.attribute }}"
    site = write_site(tmp_path, files)
    proc = start_brief(site, "--jobs", "2")
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err
    assert "pdf-render-failed" in err or "could not be rendered" in err
    assert "Traceback" not in err
    assert gone(proc.pid) == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_no_worker_survives_an_interrupted_run(slow_site: Path, sig: signal.Signals) -> None:
    proc = start_brief(slow_site, "--jobs", "2")
    workers = wait_for_workers(proc, 2)
    # Signal mid-render: once each worker has spent a second of CPU (imports done, a page under way), however slow the machine.
    wait_until(lambda: all(cpu_seconds(w) >= 1.0 for w in workers), 120, "the workers to be rendering")
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)  # Ctrl-C in a terminal: the whole foreground group
    else:
        os.kill(proc.pid, sig)  # the parent alone, as a CI runner or the OOM killer would
    proc.communicate(timeout=120)
    if sig == signal.SIGINT:
        assert proc.returncode == 130
    assert gone(proc.pid) == []
    assert not any(w.is_running() and w.status() != psutil.STATUS_ZOMBIE for w in workers)


def test_a_render_past_the_time_limit_is_stopped_and_named(tmp_path: Path, dripper: tuple[str, list[int]]) -> None:  # noqa: F811
    base, _sent = dripper
    files = with_options(
        site_files(sections=False), "        timeout: 600\n        render_timeout: 6\n        allowed_hosts: [127.0.0.1]\n"
    )
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("latest: 10", "latest: 0")
    files["briefs/geo/bravo-border.yaml"] = brief_yaml(
        title="Bravo border reopens", date="2026-11-21", body=f"![Queue]({base}/body-length)\n"
    )
    root = write_site(tmp_path, files)
    with pytest.raises(BriefkitError) as caught:
        render_site(root, root / "out")
    [problem] = caught.value.problems
    assert problem.path.endswith("briefs/geo/bravo-border.yaml") and problem.code == "pdf-render-failed"
    assert "PDF bravo-border.pdf could not be rendered: rendering took longer than pdf.render_timeout (6 s)" in problem.message
    assert sorted(p.name for p in (root / "out").glob("*.pdf")) == ["alpha-accord.pdf", "charlie-grid.pdf"]


def test_an_svg_use_bomb_from_the_assets_is_stopped_at_the_time_limit(tmp_path: Path) -> None:
    """The style filter keeps the bomb out of cell styles; an asset is another way in, and the limit catches it."""
    from tests.trust.render.test_render_style import _LOL

    files: dict[str, str | bytes] = dict(with_options(site_files(sections=False), "        render_timeout: 6\n"))
    files["mkdocs.yml"] = str(files["mkdocs.yml"]).replace("latest: 10", "latest: 0")
    files["assets/bomb.svg"] = _LOL
    files["briefs/geo/bravo-border.yaml"] = brief_yaml(title="Bravo border reopens", date="2026-11-21", body="![Map](/assets/bomb.svg)\n")
    root = write_site(tmp_path, files)
    with pytest.raises(BriefkitError) as caught:
        render_site(root, root / "out")
    [problem] = caught.value.problems
    assert problem.path.endswith("briefs/geo/bravo-border.yaml") and "pdf.render_timeout (6 s)" in problem.message
    assert sorted(p.name for p in (root / "out").glob("*.pdf")) == ["alpha-accord.pdf", "charlie-grid.pdf"]


def big_png() -> bytes:
    """A 445 KB PNG that decodes to 432 MB of pixels."""
    buf = io.BytesIO()
    Image.new("RGB", (12000, 12000), (200, 30, 30)).save(buf, "PNG", optimize=True)
    return buf.getvalue()


def test_a_render_past_the_memory_limit_is_stopped_and_named(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = dict(with_options(site_files(sections=False), "        render_memory: 700\n"))
    files["mkdocs.yml"] = str(files["mkdocs.yml"]).replace("latest: 10", "latest: 0")
    files["assets/big.png"] = big_png()
    files["briefs/geo/bravo-border.yaml"] = brief_yaml(title="Bravo border reopens", date="2026-11-21", body="![Map](/assets/big.png)\n")
    root = write_site(tmp_path, files)
    with pytest.raises(BriefkitError) as caught:
        render_site(root, root / "out")
    [problem] = caught.value.problems
    assert problem.path.endswith("briefs/geo/bravo-border.yaml") and problem.code == "pdf-render-failed"
    assert "pdf.render_memory (700 MiB)" in problem.message, problem.message
    assert sorted(p.name for p in (root / "out").glob("*.pdf")) == ["alpha-accord.pdf", "charlie-grid.pdf"]


@pytest.fixture(autouse=True)
def _no_strays() -> Iterator[None]:
    """Whatever a test here did, this process has no worker child left afterwards."""
    yield
    left = []
    for child in psutil.Process().children(recursive=True):
        try:
            command = child.cmdline()
            # multiprocessing's resource tracker lives as long as this process, by design; workers must not.
            if child.status() != psutil.STATUS_ZOMBIE and "resource_tracker" not in " ".join(command):
                left.append(command)
        except psutil.Error:
            continue
    assert left == []


def test_a_build_with_a_render_past_its_limit_fails_naming_the_brief_and_keeps_the_last_site(
    tmp_path: Path,
    dripper: tuple[str, list[int]],  # noqa: F811
) -> None:
    base, _sent = dripper
    files = with_options(
        site_files(sections=False), "        timeout: 600\n        render_timeout: 6\n        allowed_hosts: [127.0.0.1]\n"
    )
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("latest: 10", "latest: 0")
    root = write_site(tmp_path, files)
    exe = str(Path(sys.executable).parent / "brief")
    first = subprocess.run([exe, "build", "--as-of", AS_OF], cwd=root, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    before = {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "build/site").rglob("*") if p.is_file()}
    (root / "briefs/geo/bravo-border.yaml").write_text(
        brief_yaml(title="Bravo border reopens", date="2026-11-21", body=f"Now with a map.\n\n![Queue]({base}/body-length)\n")
    )
    second = subprocess.run([exe, "build", "--as-of", AS_OF], cwd=root, capture_output=True, text=True, timeout=600)
    assert second.returncode == 1
    problems = [line for line in second.stdout.splitlines() if "[pdf-render-failed]" in line]
    assert len(problems) == 1 and problems[0].startswith("briefs/geo/bravo-border.yaml:"), second.stdout
    assert "longer than pdf.render_timeout (6 s)" in problems[0]
    assert "Traceback" not in second.stderr
    after = {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "build/site").rglob("*") if p.is_file()}
    assert after == before
