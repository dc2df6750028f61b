"""``brief new``: a draft that ``brief check`` accepts, or a clear refusal.

The draft is validated by the real loader before it is written (with the
site's vocabularies and every other brief's slug), so ``brief new`` can only
write a brief that checks clean.  Text only the editor can write starts with
``TODO:``; the ``placeholder-text`` rule stops it going public.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import yaml

from briefkit.common.fsio import write_new
from briefkit.common.paths import display_path
from briefkit.common.slugs import slugify
from briefkit.config import Config
from briefkit.errors import BriefkitError, Problem
from briefkit.model import Confidence, Kind, Tlp
from briefkit.source.load import AUTHORS_FILE, SLUG_RE, TAGS_FILE, RawFile, discover, load, load_sources
from briefkit.source.rules import PLACEHOLDER

SCHEMA_FILE = "schema/brief.schema.json"
SLUG_WORDS = 5
SLUG_CHARS = 50
MAX_SECTION_DEPTH = 4
MAX_TITLE = 200


def _q(value: str) -> str:
    """A YAML scalar that reads back as exactly this text."""
    return yaml.safe_dump(value, default_style=None, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


def short_slug(title: str) -> str:
    """The first words of the title, at most SLUG_WORDS words and SLUG_CHARS characters."""
    words = slugify(title).split("-")
    slug = ""
    for word in words[:SLUG_WORDS]:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > SLUG_CHARS:
            break
        slug = longer
    return slug or slugify(title)[:SLUG_CHARS].strip("-")


def modeline(config: Config, target: Path) -> str:
    """The editor's schema line, relative to the brief's folder."""
    return f"# yaml-language-server: $schema={Path(os.path.relpath(config.root / SCHEMA_FILE, target.parent)).as_posix()}\n"


def refresh_schema(config: Config) -> Path | None:
    """Write the site's schema file when it is missing or out of date; the path when it was written."""
    from briefkit.authoring.scaffold import write_schema
    from briefkit.source.schema import json_schema, schema_text

    path = config.root / SCHEMA_FILE
    try:
        if path.read_text(encoding="utf-8") == schema_text(json_schema()):
            return None
    except (OSError, UnicodeDecodeError):
        pass
    return write_schema(config.root)


def default_handling(config: Config) -> Tlp | None:
    """The label a brief without one gets: the site's ``default_handling``, written out so nobody has to guess it.

    None when the site sets no default: the draft is then written without a label and is never
    public until an editor adds one (fail closed; ``brief check`` says so when it is published).
    """
    default = config.options.default_handling
    return Tlp(default) if default is not None else None


def _handling_line(config: Config) -> str:
    label = default_handling(config)
    if label is None:
        return "# handling: TLP:CLEAR   # this site sets no default_handling: give the label before publishing\n"
    return f"handling: {_q(label.value)}\n"


def _usage(message: str, hint: str = "") -> BriefkitError:
    return BriefkitError(message, hint=hint, exit_code=2)


def _refuse_bad_input(title: str, sections: list[str], tags: list[str]) -> None:
    """The mistakes people make on the command line, each with its own message."""
    if not title.strip():
        raise _usage("the title is empty", 'give the brief a title: brief new "Title" -s Section -t Tag')
    if "\n" in title.strip():
        raise _usage("the title must be one line", "put the rest in the summary")
    if len(title.strip()) > MAX_TITLE:
        raise _usage(f"the title is {len(title.strip())} characters; the limit is {MAX_TITLE}", "shorten it; the rest goes in the summary")
    if len(sections) > MAX_SECTION_DEPTH:
        raise _usage(
            f"section '{' / '.join(sections)}' has {len(sections)} levels; at most {MAX_SECTION_DEPTH}",
            "use a shorter path, e.g. 'Energy / Gas'",
        )
    for part in sections:
        if not slugify(part):
            raise _usage(f"section name {part!r} has no letters or digits", "write sections as 'Top / Sub'")
    for tag in tags:
        if not slugify(tag):
            raise _usage(f"tag {tag!r} has no letters or digits", "give every --tag a name")


def render(config: Config, title: str, section: str, tags: list[str], now: datetime, target: Path) -> str:
    kinds = ", ".join(k.value for k in Kind)
    levels = ", ".join(c.value for c in Confidence)
    return "".join(
        [
            modeline(config, target),
            f"title: {_q(title.strip())}\n",
            "summary: >-\n",
            f"  {PLACEHOLDER} one paragraph that tells the reader what happened and why it matters.\n",
            f"section: {_q(section)}\n",
            f"date: {now.date().isoformat()}\n",
            "tags: [" + ", ".join(_q(t.strip()) for t in tags) + "]\n",
            f"kind: {Kind.NEWS.value}  # {kinds}\n",
            "status: draft\n",
            _handling_line(config),
            f"confidence:  # {levels}; empty when the brief makes no judgement\n",
            "authors: []\n",
            "bluf: >-\n",
            f"  {PLACEHOLDER} the bottom line, up front.\n",
            "key_points: []\n",
            "sources: []\n",
            "body: |\n",
            f"  {PLACEHOLDER} write the story here, in Markdown.\n",
        ]
    )


def new_brief(config: Config, title: str, section: str, tags: list[str], now: datetime, slug: str | None = None) -> Path:
    sections = [part.strip() for part in section.split(" / ")]
    _refuse_bad_input(title, sections, tags)
    if slug is None:
        slug = short_slug(title)
        if not slug:
            raise _usage(f"cannot make a file name from the title {title!r}", "give one with --slug, e.g. --slug gas-prices")
    elif not SLUG_RE.match(slug) or len(slug) > 120:
        raise _usage(
            f"--slug {slug!r} is not a valid slug",
            f"use lowercase letters, digits and hyphens, e.g. '{slugify(slug)[:SLUG_CHARS] or 'brief'}'",
        )
    briefs = config.briefs_dir
    target = briefs / slugify(sections[0]) / f"{slug}.yaml"
    if target.exists():
        raise BriefkitError(f"{display_path(target)} already exists; not overwritten", hint="choose another --slug", exit_code=1)
    taken = [p for p in discover([briefs])[0] if briefs.exists() and p.stem == slug]
    if taken:
        raise _usage(
            f"slug '{slug}' is already used by {display_path(taken[0])}",
            "slugs are file names and must be unique across all folders; choose another with --slug",
        )
    text = render(config, title, section, tags, now, target)
    shown = display_path(target)
    problems = [p for p in _validate(config, shown, text.encode("utf-8")) if p.is_error]
    if problems:
        raise BriefkitError(f"not written: {shown} would not pass brief check", problems=problems, exit_code=2)
    try:
        write_new(target, text)
    except FileExistsError:
        raise BriefkitError(f"{shown} already exists; not overwritten", hint="choose another --slug", exit_code=1) from None
    written = load(config, [target])
    if written.errors:  # cannot happen unless the file changed under us; never leave an invalid draft behind
        target.unlink()
        raise BriefkitError(f"{shown} did not check clean after writing; removed it", problems=written.errors, exit_code=3)
    return target


def _validate(config: Config, shown: str, raw: bytes) -> list[Problem]:
    """The loader's verdict on the draft (not on the vocabularies), with the site's tag and author vocabularies."""
    sides: list[RawFile | None] = []
    for name in (TAGS_FILE, AUTHORS_FILE):
        side = config.briefs_dir / name
        sides.append((display_path(side), side.read_bytes()) if side.is_file() else None)
    result = load_sources(config, [(shown, raw)], tags_file=sides[0], authors_file=sides[1])
    return [p for p in result.problems if p.path == shown]
