"""One build at a time per build folder: an exclusive ``flock`` on ``build/.lock``.

Two builds sharing a build folder would delete each other's staging and
swap in half a site.  The lock is held for the whole build (docs, staging,
swap, manifest, PDF cache) and released by the kernel when the process
ends, however it ends, so a killed build never leaves a stale lock.  A
second build waits for the first, and says so with the first one's pid.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from briefkit.common.report import Reporter
from briefkit.errors import BriefkitError

LOCK_FILE = ".lock"


def _holder(fd: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        text = os.pread(fd, 32, 0).decode("ascii").strip()
        if text.isdigit():
            return text
    return "unknown"


@contextlib.contextmanager
def build_lock(build_dir: Path, reporter: Reporter) -> Iterator[None]:
    """Hold the build folder's lock while inside; wait (and say so) while another build holds it."""
    path = build_dir / LOCK_FILE
    try:
        build_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise BriefkitError(
            f"cannot write to the build folder {path.parent}: {exc.strerror or exc}",
            hint="make the build folder writable, or choose another with the briefkit option 'build_dir'",
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            reporter.note(f"another build is running (pid {_holder(fd)}); waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        # The holder's pid, for the message above; the lock file itself is never deleted
        # (a new file would be a new lock while a waiter still holds the old one's descriptor).
        with contextlib.suppress(OSError):  # a full disk must not stop the build here
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)
