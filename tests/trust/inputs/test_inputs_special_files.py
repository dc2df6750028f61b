"""§2.5: only regular files are read.  A FIFO, socket, device or folder where a file is expected is a problem line, not a hang.

Every run has a timeout: before the fix `open()` on a FIFO blocked forever,
so these tests would fail by timeout rather than hang the suite.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from inputsite import brief, build, site

HANG_GUARD = 60  # seconds; a check of this site takes about one


def fifo(path: Path) -> None:
    os.mkfifo(path)


@contextmanager
def unix_socket(path: Path) -> Iterator[None]:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(path))
        yield
    finally:
        sock.close()


def device(path: Path) -> None:
    """A character device like /dev/null.  mknod needs root: as another user, through passwordless sudo (as on CI runners)."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o644, os.makedev(1, 3))
    except PermissionError:
        subprocess.run(["sudo", "-n", "mknod", "-m", "644", str(path), "c", "1", "3"], check=True, timeout=30)


KINDS: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (fifo, "a FIFO (named pipe)"),
    "device": (device, "a device"),
}

# Where a special file is put, and the problem expected there (path, code).
PLACES = {
    "brief": "briefs/x.yaml",
    "nested-brief": "briefs/world/y.yml",
    "authors": "briefs/_authors.yml",
    "tags": "briefs/_tags.yml",
    "asset": "assets/map.png",
    "asset-override": "templates/assets/briefkit.css",
    "template": "templates/site/home.md.j2",
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("place", PLACES)
def test_special_file_is_a_problem_not_a_hang(tmp_path: Path, kind: str, place: str) -> None:
    root = site(tmp_path / "site")
    path = root / PLACES[place]
    path.parent.mkdir(parents=True, exist_ok=True)
    make, described = KINDS[kind]
    make(path)

    expected = f"{PLACES[place]}:1:1: error: '{path.name}' is {described}, not a regular file; it is not read [not-a-file]"
    checked = brief(root, "check", timeout=HANG_GUARD)
    assert checked.code == 1, checked.output
    assert expected in checked.lines()

    built = build(root, "--no-pdf", timeout=HANG_GUARD)
    assert built.code == 1, built.output
    assert expected in built.lines()
    assert not (root / "build" / "site").exists()


@pytest.mark.parametrize("place", ["brief", "asset", "template"])
def test_a_socket_is_refused(tmp_path: Path, place: str) -> None:
    root = site(tmp_path / "site")
    path = root / PLACES[place]
    path.parent.mkdir(parents=True, exist_ok=True)
    with unix_socket(path):
        checked = brief(root, "check", timeout=HANG_GUARD)
        built = build(root, "--no-pdf", timeout=HANG_GUARD)
    for run in (checked, built):
        assert run.code == 1, run.output
        assert f"{PLACES[place]}:1:1: error: '{path.name}' is a socket, not a regular file; it is not read [not-a-file]" in run.lines()


def test_a_fifo_named_on_the_command_line(tmp_path: Path) -> None:
    root = site(tmp_path / "site")
    fifo(root / "briefs" / "x.yaml")
    run = brief(root, "check", "briefs/x.yaml", timeout=HANG_GUARD)
    assert run.code == 1
    assert "briefs/x.yaml:1:1: error: 'x.yaml' is a FIFO (named pipe), not a regular file; it is not read [not-a-file]" in run.lines()


def test_a_link_to_a_fifo_inside_the_root_is_still_not_read(tmp_path: Path) -> None:
    root = site(tmp_path / "site")
    (root / "pipes").mkdir()
    fifo(root / "pipes" / "p")
    (root / "assets").mkdir()
    (root / "assets" / "feed.txt").symlink_to("../pipes/p")
    run = build(root, "--no-pdf", timeout=HANG_GUARD)
    assert run.code == 1
    assert "[not-a-file]" in run.output


def test_every_special_file_is_reported_in_one_run(tmp_path: Path) -> None:
    root = site(tmp_path / "site")
    for rel in ("briefs/a.yaml", "briefs/b.yaml", "briefs/world/c.yaml"):
        fifo(root / rel)
    run = brief(root, "check", timeout=HANG_GUARD)
    reported = sorted(line.split(":", 1)[0] for line in run.lines() if line.endswith("[not-a-file]"))
    assert reported == ["briefs/a.yaml", "briefs/b.yaml", "briefs/world/c.yaml"]


def test_a_fifo_as_mkdocs_yml_is_a_problem_not_a_hang(tmp_path: Path) -> None:
    """The config file is read through the same reader as every other input."""
    root = site(tmp_path / "site")
    (root / "mkdocs.yml").unlink()
    fifo(root / "mkdocs.yml")
    expected = "mkdocs.yml:1:1: error: 'mkdocs.yml' is a FIFO (named pipe), not a regular file; it is not read [not-a-file]"
    for run in (brief(root, "check", timeout=HANG_GUARD), build(root, "--no-pdf", timeout=HANG_GUARD)):
        assert run.code == 1, run.output
        assert expected in run.lines()
