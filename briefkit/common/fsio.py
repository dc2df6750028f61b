"""Files on disk, written so that a reader never sees half of one.

* :func:`atomic_write` writes a temp file beside the target and renames it.
* :func:`sync_tree` makes a folder hold exactly a given set of files,
  rewriting only those whose bytes changed (unchanged files keep their
  mtimes, which keeps ``mkdocs serve`` and ``--dirty`` builds cheap) and
  deleting the files it wrote before that are no longer wanted, never others.
* :func:`swap_dir` puts a finished staging folder in place of a live one,
  atomically where the system allows, and :func:`recover_dir` undoes a swap
  that a crash cut in half.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text`` (UTF-8, LF), never over an existing file: FileExistsError, even in a race."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


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
    foreign: list[str] = field(default_factory=list)
    """Files in the folder that briefkit did not write: kept, never deleted."""


def written_record(root: Path) -> Path:
    """Where :func:`sync_tree` lists the files it wrote into ``root`` (beside it, not inside)."""
    return root.with_name(f".{root.name}.files.json")


def _read_written(record: Path) -> set[str] | None:
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):  # none, or torn: treat as a folder from an older briefkit
        return None
    return {str(x) for x in data} if isinstance(data, list) else set()


def _write_written(record: Path, names: set[str]) -> None:
    atomic_write(record, json.dumps(sorted(names), indent=0).encode("utf-8"))


FileTree = Mapping[str, bytes]
"""Files by their relative POSIX path inside a folder: what :func:`sync_tree` writes."""


def sync_tree(root: Path, files: FileTree) -> SyncStats:
    """Make ``root`` hold ``files`` (relative POSIX paths to bytes), deleting only files this function wrote.

    The names written are recorded beside the folder (:func:`written_record`),
    before writing (so a crash mid-way leaves nothing unaccounted for) and
    after.  A file that is neither wanted nor recorded is someone else's: it
    is left alone and listed in ``foreign``.  Without a record (a folder from
    an older briefkit) every file present counts as written by briefkit.
    """
    stats = SyncStats()
    root.mkdir(parents=True, exist_ok=True)
    record = written_record(root)
    known = _read_written(record)
    wanted = set(files)
    present = {(Path(dirpath) / name).relative_to(root).as_posix() for dirpath, _dirs, names in os.walk(root) for name in names}
    ours = present if known is None else known
    _write_written(record, ours | wanted)
    for rel, data in files.items():
        if write_if_changed(root / rel, data):
            stats.written += 1
        else:
            stats.unchanged += 1
    for rel in sorted(present - wanted):
        if rel in ours:
            (root / rel).unlink(missing_ok=True)
            stats.removed += 1
        else:
            stats.foreign.append(rel)
    for dirpath, dirnames, _filenames in os.walk(root, topdown=False):
        for name in dirnames:
            with contextlib.suppress(OSError):  # not empty: something wanted (or foreign) lives there
                (Path(dirpath) / name).rmdir()
    _write_written(record, wanted)
    return stats


def staging_dir(parent: Path, prefix: str) -> Path:
    """A fresh empty folder beside the output, on the same file system."""
    parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(dir=parent, prefix=prefix))
    path.chmod(0o755)  # mkdtemp makes it private; the site is meant to be served
    return path


def remove_tree(path: Path) -> None:
    if path.is_symlink():  # e.g. a build/site that someone made a symlink, swapped out: drop the link, not its target
        path.unlink()
        return
    shutil.rmtree(path, ignore_errors=True)


FAULT_POINT_ENV = "BRIEFKIT_FAULT_POINT"


def fault_point(name: str) -> None:
    """Test hook: ``BRIEFKIT_FAULT_POINT=<name>`` makes the process SIGKILL itself here
    (``<name>:stop``: SIGSTOP, until the test sends SIGCONT).

    The fault-injection tests (tests/trust/faults/) use it to crash or pause
    a real build at an exact step, which no timer can hit reliably.  Unset,
    it costs one dictionary lookup.
    """
    wanted = os.environ.get(FAULT_POINT_ENV)
    if wanted == name:
        os.kill(os.getpid(), signal.SIGKILL)
    elif wanted == f"{name}:stop":
        os.kill(os.getpid(), signal.SIGSTOP)


_RENAME_EXCHANGE = 2  # from <linux/fs.h>
_AT_FDCWD = -100


def _load_renameat2() -> Callable[[int, bytes, int, bytes, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2  # glibc >= 2.28, musl >= 1.2.2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn  # type: ignore[no-any-return]


_renameat2 = _load_renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``).

    False when the system or file system cannot; the caller then falls back to two renames.
    """
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(a), None, str(b))


def aside_prefix(live: Path) -> str:
    return f".{live.name}.old-"


def swap_dir(new: Path, live: Path) -> None:
    """Put the complete folder ``new`` where ``live`` is; at every instant ``live`` is a whole folder.

    On Linux the two folders are exchanged in one atomic ``renameat2`` call, so
    ``live`` is always either the old site or the new one, even if the process
    is killed; the old one (now at ``new``) is deleted afterwards.  Elsewhere
    the old folder is renamed aside and the new one moved in: a crash between
    the two renames leaves ``live`` missing, and :func:`recover_dir` (run by
    the next build, before anything else) renames the old one back.
    """
    live.parent.mkdir(parents=True, exist_ok=True)
    if not os.path.lexists(live):
        os.rename(new, live)
        return
    if exchange(new, live):
        fault_point("after-exchange")
        remove_tree(new)
        return
    aside = Path(tempfile.mkdtemp(dir=live.parent, prefix=aside_prefix(live)))
    aside.rmdir()
    os.rename(live, aside)
    fault_point("after-first-rename")
    try:
        os.rename(new, live)
    except BaseException:
        os.rename(aside, live)
        raise
    fault_point("after-second-rename")
    remove_tree(aside)


def recover_dir(live: Path) -> bool:
    """After a crash between :func:`swap_dir`'s two renames: put the old folder back.  True when it did.

    Only call it while holding the build lock: otherwise another build's swap
    may be between its renames right now.
    """
    if os.path.lexists(live):
        return False
    asides = sorted(live.parent.glob(aside_prefix(live) + "*"), key=lambda p: p.stat().st_mtime_ns)
    if not asides:
        return False
    os.rename(asides[-1], live)
    return True
