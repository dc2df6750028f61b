"""What a finished site holds, so "up to date" can tell a whole site from a broken one.

After a site is complete (MkDocs, PDFs and search all written) and before
it is swapped in, every file's size, mtime and SHA-256 is recorded beside
the build (``build/.briefkit-site.json``; never inside the site, which is
published).  :func:`is_whole` checks the live site against it: a missing
or resized file fails at once, a file whose mtime moved is hashed again;
unchanged files cost one ``stat``.  A site that was deleted, truncated or
half-replaced is therefore rebuilt by the next build instead of being
called up to date.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from briefkit.common.fsio import atomic_write

FORMAT = 1


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def scan(site: Path) -> dict[str, Any]:
    """The record of the complete site folder ``site``."""
    files: dict[str, list[Any]] = {}
    for dirpath, _dirnames, filenames in os.walk(site):
        for name in filenames:
            path = Path(dirpath) / name
            st = path.stat()
            files[path.relative_to(site).as_posix()] = [st.st_size, st.st_mtime_ns, _sha256(path)]
    return {"format": FORMAT, "files": dict(sorted(files.items()))}


def write(path: Path, record: dict[str, Any]) -> None:
    atomic_write(path, json.dumps(record, separators=(",", ":")).encode("utf-8"))


def is_whole(path: Path, site: Path) -> bool:
    """The live ``site`` still holds every file of the record at ``path``, byte for byte."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        files = record["files"] if record.get("format") == FORMAT else None
    except (OSError, ValueError, AttributeError, KeyError):
        return False
    if not isinstance(files, dict) or not files:
        return False
    for rel, entry in files.items():
        try:
            size, mtime, digest = entry
            st = (site / rel).stat()
            if st.st_size != size:
                return False
            if st.st_mtime_ns != mtime and _sha256(site / rel) != digest:
                return False
        except (OSError, ValueError, TypeError):
            return False
    return True


def link_copy(site: Path, staging: Path, *, leave: str) -> int:
    """Fill ``staging`` with the live ``site``'s files, except the folder ``leave``; the number of files.

    Each file is hard-linked, so it stays the very file it was (same bytes,
    same inode, same mtime): a build that redoes only the PDFs rewrites no
    web page.  Nothing writes into a linked file: every later step writes
    by ``os.replace``, which swaps the name in the staging folder only.
    Where links are not possible (another file system), files are copied
    with their times.
    """
    count = 0
    for dirpath, dirnames, filenames in os.walk(site):
        here = Path(dirpath)
        rel = here.relative_to(site)
        if rel == Path():
            dirnames[:] = [d for d in dirnames if d != leave]
        (staging / rel).mkdir(parents=True, exist_ok=True)
        shutil.copystat(here, staging / rel)
        for name in filenames:
            try:
                os.link(here / name, staging / rel / name)
            except OSError:
                shutil.copy2(here / name, staging / rel / name)
            count += 1
    return count
