"""What a brief file is: one rule for the working tree (``brief check/build``) and for git (``brief diff``).

Below the briefs folder, skipping folders whose name starts with '.':

* a *brief* is a file named ``*.yaml`` or ``*.yml`` not starting with ``_`` or ``.``;
* the *vocabularies* are ``_tags.yml`` and ``_authors.yml`` at the top;
* a *symlink* is never either, and never followed.  On disk it is what
  ``os.lstat`` says, in git the tree mode ``120000``; both report it as the
  same error, so a link into an archive folder can no longer be skipped by
  ``brief diff`` ("no brief changed") and then published by ``brief build``.

Callers walk their own source (``os.walk`` or ``git ls-tree``) and ask
:func:`classify` about each entry, relative to the briefs folder: the disk
reader (:mod:`briefkit.source.read`) and the git reader
(:mod:`briefkit.review.revision`) take the same decision from the same place.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Literal

from briefkit.errors import Problem, error

TAGS_FILE = "_tags.yml"
AUTHORS_FILE = "_authors.yml"
SUFFIXES = (".yaml", ".yml")


def hidden(rel: PurePosixPath) -> bool:
    """Inside a folder starting with '.', or itself named '.…': never looked at."""
    return any(part.startswith(".") for part in rel.parts)


def is_brief(rel: PurePosixPath) -> bool:
    """A brief's name, relative to the briefs folder (the entry must also be a file, not a link)."""
    return rel.suffix in SUFFIXES and not rel.name.startswith(("_", ".")) and not hidden(rel)


def is_vocabulary(rel: PurePosixPath) -> bool:
    return len(rel.parts) == 1 and rel.name in (TAGS_FILE, AUTHORS_FILE)


Entry = Literal["brief", "vocabulary", "link"]


def classify(rel: PurePosixPath, *, link: bool) -> Entry | None:
    """What an entry below the briefs folder is; None for one never looked at.

    A link is reported (:func:`symlink_problem`) and never read, whatever its
    name; a link named like a brief is still listed, so that ``brief diff``
    shows it as a change that blocks the build.
    """
    if hidden(rel):
        return None
    if link:
        return "link"
    if is_brief(rel):
        return "brief"
    if is_vocabulary(rel):
        return "vocabulary"
    return None


def symlink_problem(shown: str) -> Problem:
    return error(
        shown,
        1,
        1,
        "symlink-brief",
        f"'{PurePosixPath(shown).name}' is a symbolic link; links in the briefs folder are never read or followed",
        "move the file itself here ('git mv'), or delete the link: briefs and vocabularies must be real files",
    )
