"""The one way briefkit reads an input file: inside the site root, a regular file, never from ``.git/``.

Every input (briefs, vocabularies, assets, templates, print resources) goes
through here, so one rule decides what may be read:

* the path, with every symlink and ``..`` resolved, must lie inside its root
  (the folder holding ``mkdocs.yml``; for briefkit's packaged defaults, the
  package folder).  A committed link to ``/proc/self/environ``,
  ``/etc/passwd`` or ``../../elsewhere`` is refused, however many links it
  goes through;
* nothing under the repository's ``.git/`` folder is ever an input (it holds
  the checkout token in ``.git/config``);
* only regular files are read.  The file is opened without blocking and
  without following a last link (so a swap between check and open cannot
  redirect it), then checked with ``fstat``: a FIFO, device, socket or
  folder is refused instead of hanging the build.

Refusals are :class:`~briefkit.errors.Problem` lines (``[symlink-escape]``,
``[not-a-file]``, ...) at ``path:1:1``, so the editor sees all of them at
once.  The PDF fetcher uses :func:`open_regular` too: one rule, not two.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.common.paths import display_path
from briefkit.errors import Problem, error

GIT_DIR = ".git"

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class Refused(ValueError):
    """A file that may not be read as an input; the message says why, for a problem line or a PDF warning."""

    def __init__(self, message: str, code: str, hint: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.hint = hint
        self.detail = detail
        """For ``file-unreadable``: the system's reason (``Permission denied``)."""


def real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def check_contained(path: Path, root: Path) -> Path:
    """The resolved path, or :class:`Refused` when it leaves ``root`` or is inside ``.git/``."""
    top = real(root)
    target = real(path)
    if not target.is_relative_to(top):
        how = "is a symlink to" if path.is_symlink() else "resolves to"
        raise Refused(
            f"{how} {target}, outside the site root {top}; it is not read",
            "symlink-escape",
            "inputs must be files inside the folder that holds mkdocs.yml; copy the file in, or remove the link",
        )
    if GIT_DIR in target.relative_to(top).parts:
        raise Refused(
            f"resolves to {target}, inside git's own folder; it is never read as an input",
            "symlink-escape",
            "remove the link: files under .git/ (such as .git/config, which may hold a token) are never published",
        )
    return target


def open_regular(target: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, opened without blocking or following a final link.

    :class:`Refused` for anything else (FIFO, device, socket, folder), for
    an unreadable file, and for one over ``max_bytes``.
    """
    try:
        _require_regular(os.stat(target).st_mode)  # a socket cannot even be opened: say what it is
        fd = os.open(target, _OPEN_FLAGS)
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror})", "file-unreadable", detail=exc.strerror or "") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        _require_regular(info.st_mode)  # what was opened, not what was there a moment before
        if max_bytes is not None and info.st_size > max_bytes:
            raise Refused(f"is {info.st_size:,} bytes; the limit is {max_bytes:,}", "file-too-large")
        try:
            data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
        except OSError as exc:
            raise Refused(f"cannot be read ({exc.strerror})", "file-unreadable", detail=exc.strerror or "") from None
    if max_bytes is not None and len(data) > max_bytes:  # it grew since fstat
        raise Refused(f"is over the limit of {max_bytes:,} bytes", "file-too-large")
    return data


def _require_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise Refused(
            f"is {_kind(mode)}, not a regular file; it is not read",
            "not-a-file",
            "only regular files are inputs; remove it or replace it with a file",
        )


def read_input(path: Path, root: Path, max_bytes: int | None = None) -> bytes:
    """Check containment, then read a regular file; :class:`Refused` otherwise."""
    return open_regular(check_contained(path, root), max_bytes)


def problem(path: Path | str, refused: Refused) -> Problem:
    where = path if isinstance(path, str) else display_path(path)
    return error(where, 1, 1, refused.code, f"{_name(where)} {refused}", refused.hint)


def _name(where: str) -> str:
    return f"'{where.rsplit('/', 1)[-1]}'"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


@dataclass
class Tree:
    """The readable files below a folder, keyed by relative POSIX path, and the problems found."""

    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def walk(base: Path, root: Path, *, skip_hidden: bool = True) -> Tree:
    """Every file below ``base`` (which must lie inside ``root``), read safely.

    Symlinked files and folders inside the root are followed (a link cycle is
    visited once); links that leave it, and special files, become problems.
    Names starting with '.' are skipped, as published sites never hold them.
    """
    tree = Tree()
    if not base.is_dir():
        return tree
    try:
        check_contained(base, root)
    except Refused as exc:
        tree.problems.append(problem(base, exc))
        return tree
    seen: set[Path] = set()
    for rel, path in _entries(base, root, Path(), seen, tree, skip_hidden):
        try:
            tree.files[rel] = read_input(path, root)
        except Refused as exc:
            tree.problems.append(problem(path, exc))
    tree.problems.sort()
    return tree


def _entries(base: Path, root: Path, rel: Path, seen: set[Path], tree: Tree, skip_hidden: bool) -> Iterable[tuple[str, Path]]:
    here = real(base / rel)
    if here in seen:  # a link back up the tree: each folder once
        return
    seen.add(here)
    try:
        names = sorted(os.listdir(base / rel))
    except OSError as exc:
        tree.problems.append(error(display_path(base / rel), 1, 1, "file-unreadable", f"cannot list folder: {exc.strerror}"))
        return
    for name in names:
        if skip_hidden and name.startswith("."):
            continue
        path = base / rel / name
        if path.is_dir():
            try:
                check_contained(path, root)
            except Refused as exc:
                tree.problems.append(problem(path, exc))
                continue
            yield from _entries(base, root, rel / name, seen, tree, skip_hidden)
        else:
            yield (rel / name).as_posix(), path
