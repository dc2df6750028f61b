"""Files on disk, written so that a reader never sees half of one.

* :func:`atomic_write` writes a temp file beside the target and renames it.
* :func:`sync_tree` makes a folder hold exactly a given set of files,
  rewriting only those whose bytes changed (unchanged files keep their
  mtimes, which keeps ``mkdocs serve`` and ``--dirty`` builds cheap) and
  deleting the rest.
* :func:`swap_dir` puts a finished staging folder in place of a live one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the content differs; True when the file was written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except (FileNotFoundError, NotADirectoryError):
        pass
    atomic_write(path, data)
    return True


@dataclass
class SyncStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def sync_tree(root: Path, files: Mapping[str, bytes]) -> SyncStats:
    """Make ``root`` hold exactly ``files`` (relative POSIX paths to bytes)."""
    stats = SyncStats()
    root.mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        if write_if_changed(root / rel, data):
            stats.written += 1
        else:
            stats.unchanged += 1
    wanted = set(files)
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        here = Path(dirpath)
        for name in filenames:
            path = here / name
            if path.relative_to(root).as_posix() not in wanted:
                path.unlink()
                stats.removed += 1
        for name in dirnames:
            with contextlib.suppress(OSError):  # not empty: something wanted lives there
                (here / name).rmdir()
    return stats


def staging_dir(parent: Path, prefix: str) -> Path:
    """A fresh empty folder beside the output, on the same file system."""
    parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(dir=parent, prefix=prefix))
    path.chmod(0o755)  # mkdtemp makes it private; the site is meant to be served
    return path


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def swap_dir(new: Path, live: Path) -> None:
    """Put ``new`` where ``live`` is, keeping the old one until the new one is in place.

    Two renames on one file system: the old folder is moved aside, the new one
    moved in, the old one deleted.  If the second rename fails, the old folder
    is moved back, so ``live`` is never lost.
    """
    live.parent.mkdir(parents=True, exist_ok=True)
    aside: Path | None = None
    if live.exists():
        aside = Path(tempfile.mkdtemp(dir=live.parent, prefix=f".{live.name}.old-"))
        aside.rmdir()
        os.rename(live, aside)
    try:
        os.rename(new, live)
    except BaseException:
        if aside is not None:
            os.rename(aside, live)
        raise
    if aside is not None:
        remove_tree(aside)
