"""Helpers for the fault-injection tests (imported as `faulttools`): real `brief build` processes, killed or paused.

A build is a subprocess of the installed briefkit.  ``BRIEFKIT_FAULT_POINT``
(see ``briefkit.common.fsio.fault_point``) makes it SIGKILL or SIGSTOP itself at a
named step.  What the site holds is read by parsing its pages with lxml.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import lxml.html

from tests.conftest import brief_yaml, site_config, write_file_tree

MKDOCS_YML = site_config("Fault Desk", pdf="{pdf}", default_handling=None)

# Runs briefkit as on a system without renameat2 (macOS, old kernels, some file systems):
# swap_dir then takes its two-rename path, which the recovery at the next build must repair.
NO_EXCHANGE = (
    "import sys, briefkit.common.fsio as f; f._renameat2 = None; from briefkit.cli.main import main; sys.argv[0] = 'brief'; main()"
)


def make_site(root: Path, title: str, *, pdf: bool = False, briefs: int = 2) -> Path:
    files = {"mkdocs.yml": MKDOCS_YML.format(pdf="true" if pdf else "false")}
    files["briefs/watched.yaml"] = brief_yaml(title=title, date="2026-11-01", handling="TLP:CLEAR")
    for n in range(1, briefs):
        files[f"briefs/other-{n}.yaml"] = brief_yaml(title=f"Other brief {n}", date="2026-11-02", handling="TLP:CLEAR")
    return write_file_tree(root, files)


def set_title(root: Path, title: str) -> None:
    (root / "briefs/watched.yaml").write_text(brief_yaml(title=title, date="2026-11-01", handling="TLP:CLEAR"), encoding="utf-8")


def env(**extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k not in ("BRIEFKIT_FAULT_POINT", "BRIEFKIT_DEBUG")}
    out.update({"COLUMNS": "400", "PYTHONUNBUFFERED": "1", "SOURCE_DATE_EPOCH": "1764000000", **extra})
    return out


def command(*args: str, exchange: bool = True) -> list[str]:
    head = [sys.executable, "-m", "briefkit.cli.main"] if exchange else [sys.executable, "-c", NO_EXCHANGE]
    return [*head, *args]


def brief(root: Path, *args: str, fault: str = "", exchange: bool = True, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``brief ARGS`` to the end (or to its fault point) and return what it printed."""
    extra = {"BRIEFKIT_FAULT_POINT": fault} if fault else {}
    return subprocess.run(
        command(*args, exchange=exchange),
        cwd=root,
        env=env(**extra),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def start(root: Path, log: Path, *args: str, fault: str = "") -> subprocess.Popen[bytes]:
    """Start ``brief ARGS`` in the background, its output going to ``log``."""
    extra = {"BRIEFKIT_FAULT_POINT": fault} if fault else {}
    with log.open("wb") as out:
        return subprocess.Popen(command(*args), cwd=root, env=env(**extra), stdout=out, stderr=subprocess.STDOUT)


def stopped(proc: subprocess.Popen[bytes]) -> bool:
    """The process is stopped by SIGSTOP (state T in /proc)."""
    try:
        stat = Path(f"/proc/{proc.pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] in ("T", "t")


@contextlib.contextmanager
def reaped(*procs: subprocess.Popen[bytes]) -> Iterator[None]:
    """Never leave a build behind, stopped or running, whatever the test does."""
    try:
        yield
    finally:
        for proc in procs:
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=30)


def page_title(site: Path, slug: str = "watched") -> str | None:
    """The h1 of a brief's page in ``site``; None when the page is missing."""
    page = site / "briefs" / slug / "index.html"
    if not page.is_file():
        return None
    heads = lxml.html.fromstring(page.read_bytes()).cssselect("h1.bk-head__title")
    assert len(heads) == 1, f"{page}: {len(heads)} titles"
    return str(heads[0].text_content()).strip()


def home_lists(site: Path) -> bool:
    """The home page exists and parses, with a link to the watched brief."""
    page = site / "index.html"
    if not page.is_file():
        return False
    hrefs = lxml.html.fromstring(page.read_bytes()).xpath("//a/@href")
    return any("briefs/watched/" in str(h) for h in hrefs)


def leftovers(build: Path) -> list[str]:
    """Staging folders and set-aside sites left in the build folder."""
    return sorted(p.name for p in build.iterdir() if p.name.startswith((".site-", ".site.old-")))


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` read-only while inside: a read-only bind mount as root (root ignores modes), else chmod."""
    if os.geteuid() == 0:
        _mount("--bind", str(path), str(path))
        try:
            _mount("-o", "remount,bind,ro", str(path))
            yield
        finally:
            subprocess.run(["umount", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555)
        try:
            yield
        finally:
            path.chmod(mode)


@contextlib.contextmanager
def small_disk(path: Path, size: str) -> Iterator[Callable[[str], None]]:
    """A tmpfs of ``size`` mounted at ``path`` (needs root); yields a function that resizes it."""
    path.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path))

    def resize(new: str) -> None:
        _mount("-o", f"remount,size={new}", str(path))

    try:
        yield resize
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


def used_bytes(path: Path) -> int:
    st = os.statvfs(path)
    return (st.f_blocks - st.f_bfree) * st.f_frsize


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
