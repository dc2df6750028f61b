"""Reading briefs from disk: which files (the rule of :mod:`briefkit.source.discovery`), and their bytes.

Nothing here validates; every file that cannot be read becomes a problem and
a ``None`` in place of its bytes, so the loader still lists it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from briefkit.common import safefs
from briefkit.common.paths import display_path
from briefkit.common.yamlsrc import Document, decode, parse
from briefkit.config import Config
from briefkit.errors import Problem, error
from briefkit.source import discovery

TAGS_FILE = discovery.TAGS_FILE
AUTHORS_FILE = discovery.AUTHORS_FILE

RawFile = tuple[str, bytes | None]
"""A brief file as (display path, bytes); bytes are None when the file could not be read."""


@dataclass
class RawFiles:
    """What one reader found: the briefs and the two vocabularies as bytes, and the problems met reading them."""

    sources: list[RawFile] = field(default_factory=list)
    tags_file: RawFile | None = None
    authors_file: RawFile | None = None
    problems: list[Problem] = field(default_factory=list)


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Brief files below the given files and folders, sorted; and the symlinks found, never followed.

    The rule is :func:`briefkit.source.discovery.classify`, which ``brief diff``
    applies to git trees.  A file named on the command line is taken as it is,
    unless it is a link.
    """
    found: set[Path] = set()
    links: set[Path] = set()
    for root in paths:
        if root.is_symlink() and root.resolve().is_file():
            links.add(root)
            continue
        if not root.is_dir():  # a file, or a FIFO or device that reading will report
            found.add(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            here = Path(dirpath)
            kept = []
            for name in sorted(dirnames):
                if discovery.hidden(PurePosixPath(name)):
                    continue
                if (here / name).is_symlink():  # os.walk lists linked folders but does not enter them
                    links.add(here / name)
                else:
                    kept.append(name)
            dirnames[:] = kept
            for name in filenames:
                path = here / name
                kind = discovery.classify(PurePosixPath(name), link=path.is_symlink())
                if kind == "link":
                    links.add(path)
                elif kind == "brief":
                    found.add(path)
    return sorted(found), sorted(links)


def too_large(shown: str, size: int, max_size: int) -> Problem:
    return error(
        shown,
        1,
        1,
        "file-too-large",
        f"file is {size:,} bytes; the limit is {max_size:,}",
        "split the brief, or raise max_file_size in mkdocs.yml",
    )


def read_source(path: Path, shown: str, max_size: int, root: Path) -> tuple[bytes | None, list[Problem]]:
    """The bytes of one regular file inside ``root``, refusing oversized files unread.

    Read through :mod:`briefkit.common.safefs`: a FIFO, device or socket is a problem
    instead of a hang, and nothing is read from outside the site root.
    """
    try:
        target = safefs.check_contained(path, root)
        size = target.stat().st_size  # stat never blocks, even on a FIFO
        if size > max_size:
            return None, [too_large(shown, size, max_size)]
        raw = safefs.open_regular(target, max_size)
    except OSError as exc:
        return None, [error(shown, 1, 1, "file-unreadable", f"cannot read file: {exc.strerror}")]
    except safefs.Refused as exc:
        if exc.code == "file-too-large":
            return None, [error(shown, 1, 1, "file-too-large", f"file is over the limit of {max_size:,} bytes")]
        if exc.code == "file-unreadable":
            return None, [error(shown, 1, 1, "file-unreadable", f"cannot read file: {exc.detail}")]
        return None, [safefs.problem(shown, exc)]
    return raw, []


def parse_source(raw: bytes, shown: str) -> tuple[Document | None, list[Problem]]:
    """Decoded and parsed YAML; problems for bytes that are not UTF-8 or not YAML."""
    text, problems = decode(raw, shown)
    if text is None:
        return None, problems
    return parse(text, shown)


def read_disk(config: Config, paths: Iterable[Path] | None = None) -> RawFiles:
    """The briefs under ``paths`` (default: the configured briefs folder) and the vocabularies, as bytes."""
    read = RawFiles()
    problems = read.problems
    briefs_dir = config.briefs_dir
    targets = list(paths) if paths else [briefs_dir]
    for target in targets:
        if not target.exists():
            problems.append(error(display_path(target), 0, 0, "no-such-path", "no such file or folder"))
    max_size = config.options.max_file_size
    sides: list[RawFile | None] = []
    for name in (TAGS_FILE, AUTHORS_FILE):
        side = briefs_dir / name
        if side.is_symlink():
            problems.append(discovery.symlink_problem(display_path(side)))
            sides.append(None)
        elif side.exists():
            raw, found = read_source(side, display_path(side), max_size, config.root)
            problems.extend(found)
            sides.append((display_path(side), raw))
        else:
            sides.append(None)
    read.tags_file, read.authors_file = sides
    briefs, links = discover(t for t in targets if t.exists() or t.is_symlink())
    for path in briefs:
        shown = display_path(path)
        raw, found = read_source(path, shown, max_size, config.root)
        problems.extend(found)
        read.sources.append((shown, raw))
    for link in links:
        shown = display_path(link)
        # A linked vocabulary at the top is reported once, above, where it is looked for.
        if not discovery.is_vocabulary(PurePosixPath(link.name)) or link.parent.resolve() != briefs_dir.resolve():
            problems.append(discovery.symlink_problem(shown))
        if discovery.is_brief(PurePosixPath(link.name)):
            read.sources.append((shown, None))  # listed, so `brief diff` shows it as a change that blocks the build
    return read
