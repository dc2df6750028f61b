"""A file system that refuses a write (read-only, no permission, full) is the editor's problem, not a bug.

Any ``OSError`` that escapes a build becomes a :class:`BriefkitError` that
names the path and the reason, with a hint for the usual causes.  The
previous site is intact in every such case (the build swaps in a new site
only when it is complete), and the message says so.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator

from briefkit.errors import BriefkitError

_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_DENIED = {errno.EROFS, errno.EACCES, errno.EPERM}


def explain(exc: OSError) -> BriefkitError:
    where = exc.filename if exc.filename is not None else "a file"
    if exc.filename2 is not None:
        where = f"{where} -> {exc.filename2}"
    reason = exc.strerror or type(exc).__name__
    if exc.errno in _FULL:
        hint = "the disk (or your quota, or the file size limit) is full: free some space and build again"
    elif exc.errno in _DENIED:
        hint = "fix the permissions (or the mount) of that path, or set the briefkit option 'build_dir' to build elsewhere"
    else:
        hint = ""
    return BriefkitError(f"the build stopped at {where}: {reason}; the previous site was kept", hint=hint)


@contextlib.contextmanager
def disk_errors_explained() -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise explain(exc) from None
