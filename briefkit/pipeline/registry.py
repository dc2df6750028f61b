"""Every file a build writes is claimed here first, so two writers of one path are an error, never a silent overwrite.

A build writes generated Markdown, feeds, the search page and assets into
``docs/``, the engine config beside it, and PDFs, the search bundle and the
sitemap index into the site.  Each writer claims its paths with a *source*
(what it is, in an editor's words: "the Energy section listing (page 2)",
"brief briefs/x.yaml (section Energy / Page / 2)").  A second claim on a
path becomes a :class:`~briefkit.errors.Problem` naming both sources; all
of them are reported together before anything is written.

Paths are compared case-folded and in Unicode NFC as well as exactly:
``Page/2`` and ``page/2`` are one file on macOS and Windows, and a site
built on Linux must not depend on which of the two wins there.  A claim on
a folder (``site/pagefind/``, written whole by Pagefind) collides with any
claim inside it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.common.paths import display_path
from briefkit.errors import Problem, error

CODE = "output-collision"


@dataclass(frozen=True)
class Source:
    """Who writes a file: ``what`` in words, and the input file an editor would change (if any)."""

    what: str
    file: str = ""
    """The brief (or other input) behind it, as shown to editors; '' for briefkit's own files."""
    key: tuple[str, ...] = ()
    """The field of ``file`` that decides the path (``("section",)``); its position is looked up only for a problem."""


@dataclass(frozen=True)
class Claim:
    path: str
    """Relative to the build root, ``/``-separated: ``docs/briefs/x/index.md``, ``site/pdf/x.pdf``."""
    source: Source
    folder: bool = False


def fold(path: str) -> str:
    """The key two paths share when a case-insensitive, normalising file system would make them one file."""
    return unicodedata.normalize("NFC", path).casefold()


@dataclass
class OutputRegistry:
    """The claims of one build, relative to ``root`` (the build folder it writes)."""

    root: Path
    claims: dict[str, Claim] = field(default_factory=dict)
    """By folded path: the first claim of each."""
    collisions: list[tuple[Claim, Claim]] = field(default_factory=list)

    def claim(self, path: str, source: Source, *, folder: bool = False) -> None:
        key = fold(path.rstrip("/"))
        new = Claim(path.rstrip("/"), source, folder)
        first = self.claims.get(key)
        if first is None:
            self.claims[key] = new
        elif first.source != source or first.path != new.path:
            self.collisions.append((first, new))

    def source_of(self, path: str) -> Source | None:
        """Who claimed ``path`` first (compared as :func:`fold` compares)."""
        claim = self.claims.get(fold(path.rstrip("/")))
        return claim.source if claim else None

    def problems(self) -> list[Problem]:
        """One problem per colliding pair (file claims, then anything inside a claimed folder)."""
        pairs = list(self.collisions)
        folders = sorted((k, c) for k, c in self.claims.items() if c.folder)
        if folders:
            for key, claim in self.claims.items():
                for folder_key, folder in folders:
                    if key != folder_key and key.startswith(folder_key + "/"):
                        pairs.append((folder, claim))
        # A page collides in docs/ and again where it is published in site/: one problem per pair of writers.
        seen: set[tuple[Source, Source]] = set()
        found: list[Problem] = []
        for a, b in pairs:
            if (a.source, b.source) not in seen:
                seen.add((a.source, b.source))
                found.append(self._problem(a, b))
        return sorted(set(found))

    def _problem(self, a: Claim, b: Claim) -> Problem:
        root = display_path(self.root)
        folder = a if a.folder else b if b.folder else None
        what = f"{root}/{folder.path}/" if folder else f"{root}/{a.path}"
        message = f"{what}: written by {a.source.what} and by {b.source.what}"
        if folder is None and a.path != b.path:
            message += f" (as {root}/{b.path}: the names differ only in case, and are one file on macOS and Windows)"
        hint = "rename the section (or the file) so that no two pages share an address"
        # An editor fixes an input file: point at the one involved, else at the output.
        at = next((s for s in (b.source, a.source) if s.file), None)
        if at is None:
            return error(what, 0, 0, CODE, message, hint)
        line, col = _position(at.file, at.key)
        return error(at.file, line, col, CODE, message, hint)


def _position(file: str, key: tuple[str, ...]) -> tuple[int, int]:
    """Where ``key`` is in ``file`` (read again here, only when a collision is reported); the whole file if unknown."""
    from briefkit.common.yamlsrc import parse

    if not key:
        return 0, 0
    try:
        text = Path(file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 0, 0
    doc, _problems = parse(text, file)
    return doc.pos(key) if doc is not None else (0, 0)
