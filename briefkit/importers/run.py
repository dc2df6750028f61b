"""``brief import``: read every SOURCE, make drafts, check each with the loader, write all or nothing.

A slug already taken (by a brief on disk, or by another import in the same
run) is refused with an error, never overwritten and never renumbered, so
running the same import twice cannot make duplicates.  When anything is
refused, nothing is written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from briefkit.common.fsio import write_new
from briefkit.common.paths import display_path
from briefkit.common.slugs import slugify
from briefkit.config import Config
from briefkit.errors import Problem, error
from briefkit.importers import docx, feeds, frontmatter, text
from briefkit.importers.common import Draft, Site, finish, read_file, read_site, render, slug_for, validate
from briefkit.source.load import SLUG_RE

STATUSES = ("draft", "review")
"""An import is never published by itself: it goes through review like any brief."""

MARKDOWN = (".md", ".markdown", ".mdown")
FEEDS = (".xml", ".rss", ".atom")
TEXT = (".txt", ".text")
WORD = (".docx",)

Reader = Callable[[bytes, str, Site], "list[Draft] | list[Problem]"]


@dataclass
class Planned:
    path: Path
    text: str
    draft: Draft


@dataclass
class ImportResult:
    planned: list[Planned] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Errors and warnings on the briefs, and a note for every guess."""
    written: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def _decode(reader: Callable[[str, str, Site], list[Draft] | list[Problem]]) -> Reader:
    def read(data: bytes, shown: str, site: Site) -> list[Draft] | list[Problem]:
        try:
            content = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return [error(shown, 1, 1, "not-utf8", f"not UTF-8 text (byte {exc.start})", "save the file as UTF-8")]
        return reader(content, shown, site)

    return read


def _reader_for(path: Path, head: bytes) -> Reader | None:
    suffix = path.suffix.lower()
    if suffix in MARKDOWN:
        return _decode(frontmatter.parse)
    if suffix in FEEDS:
        return feeds.parse
    if suffix in WORD:
        return docx.parse
    if suffix in TEXT:
        return _decode(text.parse)
    start = head.lstrip()[:200].lower()
    if start.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return feeds.parse
    if head.startswith(b"PK\x03\x04"):
        return docx.parse
    if start.startswith((b"---", b"+++")):
        return _decode(frontmatter.parse)
    return _decode(text.parse)


def _files(source: Path) -> list[Path]:
    """The files to import from a folder (every readable kind, hidden ones and Hugo's _index.md left out)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(source):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            if name.startswith((".", "_")):
                continue
            if name.lower().endswith(MARKDOWN + FEEDS + TEXT + WORD):
                found.append(Path(dirpath) / name)
    return found


def _read(sources: Sequence[str], site: Site) -> tuple[list[Draft], list[Problem]]:
    drafts: list[Draft] = []
    problems: list[Problem] = []
    max_size = site.config.options.max_file_size
    for source in sources:
        if source.lower().startswith(("http://", "https://")):
            shown = re.sub(r"^(https?://)[^/@]*@", r"\1", source, flags=re.I)  # never print or write a password in a URL
            data, found = feeds.fetch(source, site)
            problems.extend(replace(p, path=shown) for p in found)
            items = feeds.parse(data, shown, site) if data is not None else []
        else:
            path = Path(source)
            if not path.exists():
                problems.append(error(source, 0, 0, "no-such-path", "no such file or folder"))
                continue
            files = _files(path) if path.is_dir() else [path]
            if path.is_dir() and not files:
                problems.append(error(display_path(path), 0, 0, "nothing-to-import", "no .md, .txt, .xml, .rss, .atom or .docx file here"))
            items = []
            for file in files:
                shown = display_path(file)
                raw, found = read_file(file, shown, max_size * 8 if file.suffix.lower() in FEEDS + WORD else max_size)
                problems.extend(found)
                if raw is None:
                    continue
                reader = _reader_for(file, raw[:512])
                if reader is not None:
                    items.extend(reader(raw, shown, site))  # type: ignore[arg-type]
        for item in items:
            if isinstance(item, Draft):
                drafts.append(item)
            else:
                problems.append(item)
    return drafts, problems


def plan(config: Config, sources: Sequence[str], *, today: date, section: str | None, status: str) -> ImportResult:
    """Everything the import would write, each brief already checked by the real loader."""
    site = read_site(config, today)
    drafts, problems = _read(sources, site)
    result = ImportResult(problems=site.problems + problems)
    claimed: dict[str, str] = {}
    for draft in drafts:
        finish(draft, site, section)
        slug = draft.slug or slug_for(draft.title)
        if not SLUG_RE.match(slug):
            result.problems.append(
                error(draft.origin, draft.line, 1, "bad-slug", f"cannot make a file name from the title {draft.title!r}")
            )
            continue
        target = config.briefs_dir / (slugify(draft.section[0]) or "imported") / f"{slug}.yaml"
        shown = display_path(target)
        holder = site.taken.get(slug) or claimed.get(slug)
        if holder is not None:
            result.problems.append(
                error(
                    draft.origin,
                    draft.line,
                    1,
                    "slug-taken",
                    f"slug '{slug}' is already used by {holder}; not imported (nothing is overwritten)",
                    "if it is the same story, it was imported before; otherwise retitle one of them, or give the source a 'slug'",
                )
            )
            result.problems.extend(sorted(draft.notes, key=lambda n: (n.line, n.col)))
            continue
        claimed[slug] = f"{draft.origin} (in this run)"
        yaml_text = render(draft, site, target, status)
        result.problems.extend(sorted(draft.notes, key=lambda n: (n.line, n.col)))
        result.problems.extend(validate(site, shown, yaml_text))
        result.planned.append(Planned(target, yaml_text, draft))
    return result


def write(result: ImportResult) -> None:
    """Write every planned brief, never over an existing file; only when nothing was refused."""
    if result.errors:
        return
    for item in result.planned:
        try:
            write_new(item.path, item.text)
        except FileExistsError:
            result.problems.append(error(display_path(item.path), 0, 0, "file-exists", "appeared while importing; not overwritten"))
            continue
        result.written.append(item.path)
