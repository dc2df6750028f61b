"""Read every brief under a folder, validate it, and build the frozen model.

Problems never raise: each is collected with its position, so one run
reports everything wrong in every file.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError

from briefkit.common import safefs
from briefkit.common.limits import NAME_CHARS, bad_character
from briefkit.common.limits import shown as _shown
from briefkit.common.slugs import slugify
from briefkit.common.yamlsrc import Document, decode, parse
from briefkit.config import Config
from briefkit.errors import Problem, error, warning
from briefkit.model import Author, Brief, Corpus, Correction, Section, Source, Tag, unify_tags
from briefkit.source import discovery, includes, portions, rules
from briefkit.source import handling as labelling
from briefkit.source.schema import FIELDS, AuthorIn, BriefIn, TagIn

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TAGS_FILE = discovery.TAGS_FILE
AUTHORS_FILE = discovery.AUTHORS_FILE

RawFile = tuple[str, bytes | None]
"""A brief file as (display path, bytes); bytes are None when the file could not be read."""


__all__ = ["slugify"]  # re-exported: the one slug helper lives in briefkit.common.slugs


@dataclass
class LoadResult:
    corpus: Corpus
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    paths: tuple[str, ...] = ()
    """Display paths of every brief file read, valid or not."""
    labels: dict[str, str] = field(default_factory=dict)
    """Handling label by display path, for every file whose label can be told, valid or not (``brief diff`` redaction)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def display_path(path: Path) -> str:
    """Relative to the working directory when possible, always with '/'."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Brief files below the given files and folders, sorted; and the symlinks found, never followed.

    The rule is :mod:`briefkit.source.discovery`'s, which ``brief diff`` applies to
    git trees.  A file named on the command line is taken as it is, unless it
    is a link.
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
                if name.startswith("."):
                    continue
                if (here / name).is_symlink():  # os.walk lists linked folders but does not enter them
                    links.add(here / name)
                else:
                    kept.append(name)
            dirnames[:] = kept
            for name in filenames:
                if name.startswith("."):
                    continue
                path = here / name
                if path.is_symlink():
                    links.add(path)
                elif discovery.is_brief(PurePosixPath(name)):
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


def load(config: Config, paths: Iterable[Path] | None = None) -> LoadResult:
    """Load the briefs under ``paths`` (default: the configured briefs folder)."""
    problems: list[Problem] = []
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
    sources: list[RawFile] = []
    briefs, links = discover(t for t in targets if t.exists() or t.is_symlink())
    for path in briefs:
        shown = display_path(path)
        raw, found = read_source(path, shown, max_size, config.root)
        problems.extend(found)
        sources.append((shown, raw))
    for link in links:
        shown = display_path(link)
        if not discovery.is_vocabulary(PurePosixPath(link.name)) or link.parent.resolve() != briefs_dir.resolve():
            problems.append(discovery.symlink_problem(shown))
        if discovery.is_brief(PurePosixPath(link.name)):
            sources.append((shown, None))  # listed, so `brief diff` shows it as a change that blocks the build
    return load_sources(config, sources, tags_file=sides[0], authors_file=sides[1], problems=problems)


def load_sources(
    config: Config,
    sources: Iterable[RawFile],
    *,
    tags_file: RawFile | None = None,
    authors_file: RawFile | None = None,
    problems: Iterable[Problem] = (),
) -> LoadResult:
    """Validate briefs given as bytes, from files on disk or blobs read from git.

    ``problems`` are those already found while reading (unreadable or
    oversized files, whose bytes are None); the result holds them too.
    """
    problems = list(problems)
    vocab, aliases = _load_tags(tags_file, problems)
    people = _load_authors(authors_file, problems)

    files = list(sources)
    context = _Context(vocab, aliases, people, config)
    loaded: list[_Checked] = []
    labels: dict[str, str] = {}
    for (shown, _raw), checked in zip(files, _check_all(files, context), strict=True):
        problems.extend(checked.problems)
        if checked.label is not None:
            labels[shown] = checked.label
        if checked.brief is not None:
            loaded.append(checked)

    problems.extend(_duplicate_slugs([shown for shown, _ in files]))
    taken = {p.path for p in problems if p.is_error and p.code == "duplicate-slug"}
    loaded = [c for c in loaded if c.brief is not None and c.brief.path not in taken]
    # Spellings are voted on here over every brief (for 'brief check' and previews); a public
    # build votes again over public briefs only (Corpus.public).
    briefs, tags = unify_tags((c.brief for c in loaded if c.brief is not None), vocab)
    problems.extend(_spelling(loaded, tags))
    problems.sort(key=lambda p: (p.path, p.line, p.col, p.code))
    return LoadResult(Corpus(briefs, tags, people, vocab), problems, len(files), tuple(shown for shown, _ in files), labels)


def read_brief(config: Config, shown: str, raw: bytes) -> Brief | None:
    """One brief from bytes as it stood in some commit, or None when it has any error then.

    History uses this to tell whether a brief was public at a commit; the
    vocabularies do not change whether it was, so none are applied.
    """
    checked = _check_one(shown, raw, _Context({}, {}, {}, config))
    return checked.brief


@dataclass(frozen=True)
class _Context:
    """What checking one file needs besides its bytes (sent once to each worker)."""

    vocab: dict[str, Tag]
    aliases: dict[str, str]
    people: dict[str, Author]
    config: Config


@dataclass(frozen=True)
class _Checked:
    problems: list[Problem]
    brief: Brief | None
    tag_uses: tuple[tuple[str, int, int], ...] = ()
    """Each tag as written, with its position: for spelling warnings."""
    label: str | None = None
    """The handling label the file gives (or the site default), when it can be told even if the brief has errors."""


PARALLEL_MIN_FILES = 1500
"""Below this, starting worker processes costs more than it saves."""

_worker_context: _Context | None = None


def _check_one(shown: str, raw: bytes | None, ctx: _Context) -> _Checked:
    problems: list[Problem] = []
    name = PurePosixPath(shown)
    slug = name.stem
    if not SLUG_RE.match(slug):
        problems.append(
            error(
                shown,
                1,
                1,
                "bad-slug",
                f"file name '{_shown(name.name)}' is not a valid slug ([a-z0-9][a-z0-9-]*)",
                f"rename it to '{slugify(slug) or 'brief'}{name.suffix}'",
            )
        )
    if raw is None:
        return _Checked(problems, None)
    doc, found = parse_source(raw, shown)
    problems.extend(found)
    # A duplicate key is reported and its first value kept, so validation still runs and reports the rest.
    if doc is None or any(p.is_error and p.code != "duplicate-key" for p in found):
        return _Checked(problems, None)
    label = labelling.declared(doc.data, ctx.config)
    brief = _build(doc, raw, shown, slug, ctx.vocab, ctx.aliases, ctx.people, ctx.config, problems)
    if brief is None or any(p.is_error for p in problems):
        return _Checked(problems, None, label=label)
    raw_tags = doc.data.get("tags")
    listed = isinstance(raw_tags, list)
    uses = tuple((str(t).strip(), *doc.pos(("tags", i) if listed else ("tags",))) for i, t in enumerate(raw_tags if listed else [raw_tags]))
    return _Checked(problems, brief, uses, label)  # type: ignore[arg-type]


def _init_worker(ctx: _Context) -> None:
    global _worker_context
    _worker_context = ctx


def _check_chunk(files: list[RawFile]) -> list[_Checked]:
    assert _worker_context is not None
    return [_check_one(shown, raw, _worker_context) for shown, raw in files]


def _check_all(files: list[RawFile], ctx: _Context) -> list[_Checked]:
    """Check every file, across processes for large corpora; results keep file order."""
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_MIN_FILES or workers < 2:
        return [_check_one(shown, raw, ctx) for shown, raw in files]
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(files) // (workers * 4))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(ctx,)) as pool:
        return [checked for chunk in pool.map(_check_chunk, chunks) for checked in chunk]


def _build(
    doc: Document,
    raw: bytes,
    shown: str,
    slug: str,
    vocab: dict[str, Tag],
    aliases: dict[str, str],
    people: dict[str, Author],
    config: Config,
    problems: list[Problem],
) -> Brief | None:
    data = doc.data
    if not isinstance(data, dict):
        what = "empty" if data is None else _article(_kind(data))
        problems.append(
            error(
                shown,
                1,
                1,
                "not-a-mapping",
                f"a brief must be a YAML mapping of fields; this file is {what}",
                "start with 'title: ...' on the first line",
            )
        )
        return None
    try:
        item = BriefIn.model_validate(data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, doc, shown, FIELDS))
        return None
    problems.extend(rules.check(item, doc, shown, config))
    if "8<" in item.body:
        problems.extend(includes.body_problems(item.body, raw.decode("utf-8", "replace"), doc.pos(("body",)), shown))
    section = Section(tuple(item.section), tuple(slugify(s) for s in item.section))
    for i, (name, s) in enumerate(zip(section.names, section.slugs, strict=True)):
        if not s:
            problems.append(error(shown, *doc.pos(("section", i)), "bad-section", f"section name '{name}' has no letters or digits"))
    tags: list[Tag] = []
    spellings: list[tuple[str, str]] = []
    for i, name in enumerate(item.tags):
        spellings.append((slugify(name), name))
        s = aliases.get(slugify(name), slugify(name))
        if not s:
            problems.append(error(shown, *doc.pos(("tags", i)), "bad-tag", f"tag '{name}' has no letters or digits"))
            continue
        if s not in {t.slug for t in tags}:
            tags.append(vocab.get(s) or Tag(name, s))
    authors = []
    for name in item.authors:
        authors.append(people.get(name) or Author(slugify(name), name))
    handling, labelled = labelling.handling(item, doc, shown, config, problems)
    problems.extend(portions.check(data, handling, doc, raw.decode("utf-8", "replace"), shown, config))
    return Brief(
        slug=slug,
        path=shown,
        title=item.title,
        summary=item.summary,
        section=section,
        date=item.date,
        tags=tuple(tags),
        body=item.body,
        updated=item.updated,
        authors=tuple(authors),
        kind=item.kind,
        status=item.status,
        publish_at=item.publish_at,
        expires=item.expires,
        handling=handling,
        labelled=labelled,
        bluf=item.bluf,
        key_points=tuple(item.key_points),
        confidence=item.confidence,
        sources=tuple(Source(s.title, s.url or "", s.publisher, s.accessed) for s in item.sources),  # type: ignore[arg-type]
        corrections=tuple(Correction(c.date, c.text) for c in item.corrections),
        featured=item.featured,
        digest=hashlib.sha256(raw).hexdigest(),
        tag_spellings=tuple(spellings),
        tearlines=portions.tearlines(item.tearlines),
    )


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return f"text '{_shown(value, 40)}'"
    return {list: "list", dict: "mapping", int: "number", float: "number", bool: "boolean", type(None): "empty value"}.get(
        type(value), type(value).__name__
    )


# Words editors reach for, from other tools' formats.
_SYNONYMS = {
    "link": "url",
    "href": "url",
    "headline": "title",
    "name": "title",
    "standfirst": "summary",
    "description": "summary",
    "lede": "summary",
    "excerpt": "summary",
    "content": "body",
    "text": "body",
    "author": "authors",
    "byline": "authors",
    "tag": "tags",
    "keywords": "tags",
    "categories": "section",
    "category": "section",
    "published": "date",
    "pubdate": "date",
    "modified": "updated",
    "tlp": "handling",
    "classification": "handling",
    "embargo": "publish_at",
    "expiry": "expires",
    "expiry_date": "expires",
    "draft": "status",
    "type": "kind",
    "keypoints": "key_points",
    "key_judgments": "key_points",
    "key_judgements": "key_points",
    "summary_points": "key_points",
    "references": "sources",
    "citations": "sources",
    "correction": "corrections",
    "pinned": "featured",
}

_TYPE_WORDS = {
    "string_type": "text",
    "list_type": "a list",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
}


def validation_problems(
    exc: ValidationError, doc: Document, shown: str, fields: Iterable[str], prefix: tuple[str | int, ...] = ()
) -> list[Problem]:
    """Turn pydantic's errors into positioned problems with our stable codes."""
    out: list[Problem] = []
    for err in exc.errors():
        loc = (*prefix, *err["loc"])
        kind = err["type"]
        ctx = err.get("ctx") or {}
        name = _field_name(err["loc"])
        hint = str(ctx.get("hint", ""))
        if kind == "extra_forbidden":
            line, col = doc.pos(loc, key=True)
            key = str(err["loc"][-1])
            known = _known_fields(err["loc"], fields)
            close = (
                [_SYNONYMS[key.lower()]] if _SYNONYMS.get(key.lower()) in known else difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            )
            hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(known)}"
            out.append(error(shown, line, col, "unknown-field", f"unknown field '{_shown(key)}'", hint))
            continue
        if kind == "missing":
            line, col = doc.pos(loc[:-1])
            out.append(error(shown, line, col, "missing-field", f"missing required field '{name}'", _missing_hint(name)))
            continue
        line, col = doc.pos(loc)
        if kind in _TYPE_WORDS:
            got = _kind(err["input"])
            got_text = got if got.startswith("text") else _article(got)
            out.append(
                error(
                    shown,
                    line,
                    col,
                    "wrong-type",
                    f"'{name}' must be {_TYPE_WORDS[kind]}, not {got_text}",
                    hint or _type_hint(kind, err["input"]),
                )
            )
        elif kind == "string_too_long":
            out.append(
                error(
                    shown, line, col, "too-long", f"'{name}' is {len(str(err['input']))} characters; the limit is {ctx.get('max_length')}"
                )
            )
        elif kind == "string_too_short" or (kind == "too_short" and isinstance(err["input"], str)):
            out.append(error(shown, line, col, "empty-field", f"'{name}' is empty"))
        elif kind == "too_short":
            out.append(error(shown, line, col, "empty-field", f"'{name}' needs at least {ctx.get('min_length')} item(s)"))
        elif kind == "too_long" and isinstance(err["input"], str) and ctx.get("actual_length") == len(err["input"]):
            out.append(
                error(shown, line, col, "too-long", f"'{name}' is {len(err['input'])} characters; the limit is {ctx.get('max_length')}")
            )
        elif kind == "too_long":
            out.append(
                error(shown, line, col, "too-long", f"'{name}' has {ctx.get('actual_length')} items; at most {ctx.get('max_length')}")
            )
        else:
            msg = str(err["msg"]).replace("{field}", name).removeprefix("Value error, ")
            code = kind if re.match(r"^[a-z]+(-[a-z0-9]+)+$", kind) else "invalid-value"
            out.append(error(shown, line, col, code, msg, hint))
    return out


def _field_name(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for p in loc:
        if isinstance(p, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{p}]"]
        else:
            parts.append(str(p))
    return ".".join(parts) or "document"


def _known_fields(loc: tuple[Any, ...], fields: Iterable[str]) -> list[str]:
    from briefkit.source.schema import CorrectionIn, SourceIn

    top = loc[0] if loc else ""
    nested: dict[str, type[BaseModel]] = {"sources": SourceIn, "corrections": CorrectionIn}
    if len(loc) > 2 and top in nested:
        return list(nested[str(top)].model_fields)
    return list(fields)


def _article(word: str) -> str:
    return word if word.startswith(("a ", "an ")) else ("an " if word[0] in "aeiou" else "a ") + word


def _type_hint(kind: str, value: Any) -> str:
    if kind == "list_type" and isinstance(value, str):
        return f"write it as a list: [{value}]"
    if kind == "string_type" and isinstance(value, (list, dict)):
        return "write one text value; use '|' for several lines"
    return ""


def _missing_hint(name: str) -> str:
    examples = {
        "title": "title: Baltic states expand air defence",
        "summary": "summary: One paragraph telling the reader what happened.",
        "section": "section: Geopolitics / Europe",
        "date": "date: 2026-11-25",
        "tags": "tags: [NATO allies, air defence]",
        "body": "body: |\n      The story, in Markdown.",
    }
    return f"add it, for example:  {examples[name]}" if name in examples else ""


def _duplicate_slugs(files: list[str]) -> list[Problem]:
    by_slug: dict[str, list[str]] = defaultdict(list)
    for path in files:
        by_slug[PurePosixPath(path).stem].append(path)
    out = []
    for slug, shown in by_slug.items():
        if len(shown) < 2:
            continue
        for here in shown:
            others = ", ".join(s for s in shown if s != here)
            out.append(
                error(
                    here,
                    1,
                    1,
                    "duplicate-slug",
                    f"slug '{slug}' is also used by {others}",
                    "slugs are file names and must be unique across all folders; rename one",
                )
            )
    return out


def _spelling(loaded: list[_Checked], tags: dict[str, Tag]) -> list[Problem]:
    out = []
    for checked in loaded:
        assert checked.brief is not None
        for raw, line, col in checked.tag_uses:
            canonical = tags.get(slugify(raw))  # aliases have other slugs: not a spelling
            if canonical and raw != canonical.name:
                out.append(
                    warning(
                        checked.brief.path,
                        line,
                        col,
                        "tag-spelling",
                        f"tag '{raw}' is spelled '{canonical.name}' elsewhere",
                        f"write '{canonical.name}'",
                    )
                )
    return out


def _load_side(source: RawFile | None, problems: list[Problem]) -> tuple[dict[str, Any], Document | None, str]:
    if source is None:
        return {}, None, ""
    shown, raw = source
    if raw is None:
        return {}, None, shown
    doc, found = parse_source(raw, shown)
    problems.extend(found)
    if doc is None or doc.data is None:
        return {}, None, shown
    if not isinstance(doc.data, dict):
        problems.append(error(shown, 1, 1, "not-a-mapping", f"{PurePosixPath(shown).name} must be a mapping"))
        return {}, None, shown
    return doc.data, doc, shown


def _bad_name(name: str, what: str, doc: Document, shown: str, problems: list[Problem]) -> bool:
    """A side file's key is a name, held to the limits of the same names in briefs."""
    line, col = doc.pos((name,), key=True)
    bad = bad_character(name, one_line=True)
    if bad is not None:
        problems.append(error(shown, line, col, "bad-character", f"{what} '{_shown(name)}' contains {bad[1]} at character {bad[0] + 1}"))
    elif len(name) > NAME_CHARS:
        problems.append(
            error(shown, line, col, "too-long", f"{what} '{_shown(name)}' is {len(name)} characters; the limit is {NAME_CHARS}")
        )
    return bad is not None or len(name) > NAME_CHARS


def _load_tags(source: RawFile | None, problems: list[Problem]) -> tuple[dict[str, Tag], dict[str, str]]:
    """``_tags.yml``: ``Tag name: {description, aliases}``."""
    data, doc, shown = _load_side(source, problems)
    vocab: dict[str, Tag] = {}
    aliases: dict[str, str] = {}
    for name, value in data.items():
        assert doc is not None
        try:
            item = TagIn.model_validate(value or {})
        except ValidationError as exc:
            problems.extend(validation_problems(exc, doc, shown, TagIn.model_fields, (name,)))
            continue
        if _bad_name(name, "tag", doc, shown, problems):
            continue
        slug = slugify(name)
        if not slug:
            problems.append(error(shown, *doc.pos((name,), key=True), "bad-tag", f"tag '{name}' has no letters or digits"))
            continue
        vocab[slug] = Tag(str(name), slug, item.description)
        for alias in item.aliases:
            aliases[slugify(alias)] = slug
    return vocab, aliases


def _load_authors(source: RawFile | None, problems: list[Problem]) -> dict[str, Author]:
    """``_authors.yml``: ``id: {name, url, bio}``."""
    data, doc, shown = _load_side(source, problems)
    people: dict[str, Author] = {}
    for key, value in data.items():
        assert doc is not None
        if _bad_name(key, "author id", doc, shown, problems):
            continue
        try:
            item = AuthorIn.model_validate(value if isinstance(value, dict) else {"name": value})
        except ValidationError as exc:
            problems.extend(validation_problems(exc, doc, shown, AuthorIn.model_fields, (key,)))
            continue
        people[str(key)] = Author(str(key), item.name, item.url or "", item.bio)
    return people
