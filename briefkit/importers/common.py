"""What every importer shares: the draft an importer fills, the site it imports into,
and turning a draft into brief YAML that the real loader accepts.

Importers guess (a section split, a summary, a tag spelling); each guess is a
``note`` Problem pointing at the place in the SOURCE it came from, so the
editor can check it there.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from briefkit.authoring.newbrief import SCHEMA_FILE, _q
from briefkit.common.paths import display_path
from briefkit.common.slugs import slugify
from briefkit.config import Config
from briefkit.errors import Problem, error, note
from briefkit.source.load import AUTHORS_FILE, TAGS_FILE, RawFile, load, load_sources, load_tags, parse_source
from briefkit.source.schema import SCHEMA_ID

DEFAULT_SECTION = "Imported"
SECTIONS_FILE = "_sections.yml"
"""Optional: the site's section paths, for splitting run-together section lines."""
SLUG_CHARS = 60
Moment = date | datetime
SUMMARY_WORDS = 60  # rules.SUMMARY_WORDS: a longer summary only earns a warning


@dataclass
class Draft:
    """One brief as an importer read it; ``finish`` fills what the source did not say."""

    origin: str
    """Display path (or URL) of the source, for notes."""
    line: int = 1
    """Where the item starts in the source (a feed entry, a front-matter block)."""
    body_line: int = 0
    """Where its body starts in the source (0: same as ``line``)."""
    title: str = ""
    body: str = ""
    summary: str = ""
    section: list[str] = field(default_factory=list)
    date: Moment | None = None
    updated: Moment | None = None
    tags: list[tuple[str, int, int]] = field(default_factory=list)
    """Tags as the source wrote them, with their line and column."""
    authors: list[str] = field(default_factory=list)
    featured: bool = False
    slug: str = ""
    sources: list[dict[str, str]] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    def note(self, line: int, col: int, code: str, message: str, hint: str = "") -> None:
        self.notes.append(note(self.origin, line, col, code, message, hint))


@dataclass
class Site:
    """What an import needs to know about the site it writes into."""

    config: Config
    today: date
    tag_names: dict[str, str]
    """Compact key (slug without hyphens) of every known tag name and alias -> the tag's name."""
    vocabulary: set[str]
    """Compact keys of the names and aliases in _tags.yml."""
    sections: list[str]
    """Every section name used by an existing brief, at any level."""
    taken: dict[str, str]
    """Slug -> display path of the brief file that has it."""
    handling: str | None
    sides: tuple[RawFile | None, RawFile | None]
    problems: list[Problem] = field(default_factory=list)
    """Problems in ``_sections.yml``."""


def compact(text: str) -> str:
    return slugify(text).replace("-", "")


def read_site(config: Config, today: date) -> Site:
    """The vocabularies, sections and slugs of the site, read with the real loader."""
    loaded = load(config)
    sides: list[RawFile | None] = []
    for name in (TAGS_FILE, AUTHORS_FILE):
        side = config.briefs_dir / name
        sides.append((display_path(side), side.read_bytes()) if side.is_file() else None)
    vocab, aliases = load_tags(sides[0], [])
    tag_names: dict[str, str] = {}
    for tag in loaded.corpus.tags.values():  # tags used by briefs, spelled as the site spells them
        tag_names.setdefault(compact(tag.name), tag.name)
    vocabulary: set[str] = set()
    for tag in vocab.values():
        tag_names[compact(tag.name)] = tag.name
        vocabulary.add(compact(tag.name))
    for alias, slug in aliases.items():
        tag_names[alias.replace("-", "")] = vocab[slug].name
        vocabulary.add(alias.replace("-", ""))
    listed, problems = _listed_sections(config.briefs_dir / SECTIONS_FILE)
    sections = sorted({name for b in loaded.corpus.briefs for name in b.section.names} | set(listed))
    taken = {Path(shown).stem: shown for shown in loaded.paths}
    # Another helper adds the site option `default_handling`; use it when this branch has it.
    default = getattr(config.options, "default_handling", None)
    handling = getattr(default, "value", default)
    return Site(config, today, tag_names, vocabulary, sections, taken, str(handling) if handling else None, (sides[0], sides[1]), problems)


def read_file(path: Path, shown: str, max_size: int) -> tuple[bytes | None, list[Problem]]:
    """The bytes of one regular file, refusing oversized ones unread.

    Not ``load.read_source``: sources to import usually live outside the site,
    and a FIFO or device must be refused, not opened (it would hang).
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, [error(shown, 0, 0, "not-a-file", "not a regular file; not read")]
        if info.st_size > max_size:
            return None, [error(shown, 1, 1, "file-too-large", f"file is {info.st_size:,} bytes; the limit is {max_size:,}")]
        with path.open("rb") as fh:
            raw = fh.read(max_size + 1)  # the file may have grown since stat()
    except OSError as exc:
        return None, [error(shown, 1, 1, "file-unreadable", f"cannot read file: {exc.strerror}")]
    if len(raw) > max_size:
        return None, [error(shown, 1, 1, "file-too-large", f"file is over the limit of {max_size:,} bytes")]
    return raw, []


def _listed_sections(path: Path) -> tuple[list[str], list[Problem]]:
    """Section names from ``_sections.yml``: a list of paths such as 'Politics / Conflict & defense'."""
    if not path.is_file():
        return [], []
    shown = display_path(path)
    raw, problems = read_file(path, shown, 1024 * 1024)
    if raw is None:
        return [], problems
    doc, found = parse_source(raw, shown)
    if doc is None or any(p.is_error for p in found):
        return [], found
    if not isinstance(doc.data, list) or not all(isinstance(item, str) for item in doc.data):
        return [], [error(shown, 1, 1, "not-a-list", f"{SECTIONS_FILE} must be a list of section paths", "- Politics / Conflict & defense")]
    return [part.strip() for item in doc.data for part in item.split("/") if part.strip()], []


_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")  # a file name must not end the comment line
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")


def clean_body(text: str) -> str:
    """Every imported body goes through here: one newline style, no control characters,
    no trailing blanks, at most one empty line in a row."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def html_to_markdown(html: str) -> str:
    """HTML from a feed or a Word document as Markdown (images stay links: nothing is fetched)."""
    from markdownify import markdownify

    return clean_body(markdownify(html, heading_style="ATX", bullets="-", table_infer_header=True, strip=["script", "style"]))


def plain(markdown: str) -> str:
    """Markdown inline markup removed, for a plain-text summary."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[\^[^\]]*\]", "", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", " ".join(text.split()))


def first_paragraph(body: str) -> str:
    """The first paragraph of prose in a Markdown body (not a heading, list, table, quote or code), as plain text."""
    for block in re.split(r"\n\s*\n", body):
        text = block.strip()
        if not text or re.match(r"^(#|[-*+] |\d+[.)] |\||>|```|~~~|!\[|\[\^)", text):
            continue
        summary = plain(text)
        if summary:
            return summary
    return ""


def shorten(summary: str) -> str:
    """Whole sentences up to SUMMARY_WORDS words (at least the first sentence)."""
    if len(summary.split()) <= SUMMARY_WORDS:
        return summary
    kept = ""
    for sentence in re.split(r"(?<=[.!?])\s+", summary):
        longer = f"{kept} {sentence}".strip()
        if kept and len(longer.split()) > SUMMARY_WORDS:
            break
        kept = longer
    return kept


def match_tag(site: Site, raw: str) -> tuple[str, str]:
    """The site's spelling of a tag, and how it was found ("" when written as it is)."""
    key = compact(raw)
    if key in site.tag_names:
        name = site.tag_names[key]
        if key in site.vocabulary and compact(name) != key:
            return name, f"an alias of '{name}' in {TAGS_FILE}"
        return name, "" if name == raw else f"spelled '{name}' on this site"
    if " " in raw.strip():  # written as words: keep them, only the first letter is raised
        name = raw.strip()[:1].upper() + raw.strip()[1:]
        return name, f"a new tag '{name}' (not in {TAGS_FILE})"
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|[-_]+", " ", raw).split()
    # Sentence case like the site's tags: "PortStrike" -> "Port strike"; acronyms stay.
    name = " ".join([words[0][:1].upper() + words[0][1:], *(w if w.isupper() else w.lower() for w in words[1:])]) if words else raw
    return name, f"a new tag '{name}' (not in {TAGS_FILE})"


def section_of(text: str, site: Site) -> list[str]:
    """A section written as 'A / B' (or 'A/B'), each level in the site's spelling when it has it."""
    known = {compact(s): s for s in site.sections}
    return [known.get(compact(part), part) for part in re.split(r"\s*/\s*", text.strip()) if part.strip()]


def slug_for(title: str) -> str:
    """The title's slug, cut at a word boundary."""
    slug = slugify(title)
    if len(slug) <= SLUG_CHARS:
        return slug
    cut = slug[: SLUG_CHARS + 1].rsplit("-", 1)[0]
    return cut or slug[:SLUG_CHARS]


def finish(draft: Draft, site: Site, section: str | None) -> None:
    """Fill what a brief needs and the source did not give, noting each guess."""
    at = (draft.line, 1)
    if section:
        draft.section = section_of(section, site)
        draft.notes = [n for n in draft.notes if n.code != "import-section"]
    elif not draft.section:
        draft.section = [DEFAULT_SECTION]
        draft.note(
            *at, "import-section", f"no section in the source; filed under '{DEFAULT_SECTION}'", "pass --section, or edit 'section:'"
        )
    if not draft.summary:
        summary = first_paragraph(draft.body)
        if summary:
            short = shorten(summary)
            draft.summary = short
            what = "its first paragraph" if short == summary else f"the first {len(short.split())} words of its first paragraph"
            draft.note(draft.body_line or draft.line, 1, "import-summary", f"summary taken from {what}", "rewrite it as a standfirst")
        else:
            draft.summary = draft.title
            draft.note(*at, "import-summary", "no paragraph to take a summary from; the summary repeats the title")
    if draft.date is None:
        draft.date = site.today
        draft.note(*at, "import-date", f"no date in the source; dated today, {site.today.isoformat()}")
    for raw, line, col in draft.tags:
        if not slugify(raw):
            draft.note(line, col, "import-tag", f"tag '{raw}' has no letters or digits; left out")
    draft.tags = [t for t in draft.tags if slugify(t[0])]
    if not draft.tags:
        draft.tags = [(draft.section[0], *at)]
        draft.note(*at, "import-tags", f"no tags in the source; tagged '{draft.section[0]}' so that the brief is valid", "add real tags")


def tag_names(draft: Draft, site: Site) -> list[str]:
    """The draft's tags in the site's spelling, one note per tag that was matched or made up."""
    names: list[str] = []
    for raw, line, col in draft.tags:
        name, how = match_tag(site, raw)
        if how:
            draft.notes.append(note(draft.origin, line, col, "import-tag", f"tag '{raw}' is {how}"))
        if compact(name) not in {compact(n) for n in names}:
            names.append(name)
    return names


def _when(value: Moment) -> str:
    return value.isoformat()


def _body_block(body: str) -> str:
    """A literal block, which reads back as exactly ``body``; a quoted scalar when it would not."""
    block = "body: |\n" + "".join(f"  {line}\n" if line else "\n" for line in body.split("\n"))
    try:
        if yaml.safe_load(block) == {"body": body + "\n"}:
            return block
    except yaml.YAMLError:
        pass
    return f"body: {_q(body)}\n"


def render(draft: Draft, site: Site, target: Path, status: str) -> str:
    """The brief's YAML, fields in the documented order; BLUF, key points and sources left for the editor."""
    schema = site.config.root / SCHEMA_FILE
    ref = Path(os.path.relpath(schema, target.parent)).as_posix() if schema.exists() else SCHEMA_ID
    lines = [
        f"# yaml-language-server: $schema={ref}\n",
        f"# Imported from {_LINE_BREAKS.sub('?', draft.origin)}: check the notes 'brief import' printed, then write the BLUF, key points and sources.\n",
        f"title: {_q(draft.title)}\n",
        f"summary: {_q(draft.summary)}\n",
        f"section: {_q(' / '.join(draft.section))}\n",
        f"date: {_when(draft.date or site.today)}\n",
    ]
    if draft.updated is not None and draft.updated != draft.date:
        lines.append(f"updated: {_when(draft.updated)}\n")
    lines.append("tags: [" + ", ".join(_q(t) for t in tag_names(draft, site)) + "]\n")
    lines.append(f"status: {status}\n")
    if site.handling:
        lines.append(f"handling: {_q(site.handling)}\n")
    if draft.featured:
        lines.append("featured: true\n")
    lines.append("authors: [" + ", ".join(_q(a) for a in draft.authors) + "]\n")
    lines += ["bluf: ''\n", "key_points: []\n"]
    if draft.sources:
        lines.append("sources:\n")
        for source in draft.sources:
            first = True
            for key, value in source.items():
                lines.append(f"  {'- ' if first else '  '}{key}: {_q(value)}\n")
                first = False
    else:
        lines.append("sources: []\n")
    lines.append(_body_block(draft.body))
    return "".join(lines)


def validate(site: Site, shown: str, text: str) -> list[Problem]:
    """The real loader's verdict on one brief, with the site's tag and author vocabularies."""
    result = load_sources(site.config, [(shown, text.encode("utf-8"))], tags_file=site.sides[0], authors_file=site.sides[1])
    return [p for p in result.problems if p.path == shown]


def as_text(value: Any) -> str:
    """A front-matter or feed value as one line of text."""
    if value is None:
        return ""
    return " ".join(str(value).split())
