"""Markdown posts with front matter: Hugo (YAML ``---`` or TOML ``+++``), Jekyll,
Pelican (``Title: ...`` metadata lines) and Material for MkDocs blog posts.

Field mapping (docs/import.md): title; date (Material's ``date: {created, updated}``,
Jekyll's date in the file name); lastmod/updated/modified; tags/keywords; the
first category becomes the section and the other categories become tags;
author(s); summary/description/excerpt; featured/pinned; slug.  ``draft`` is
reported but the brief's status always comes from ``--status``.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime, time, tzinfo
from pathlib import PurePosixPath
from typing import Any

from briefkit.common.yamlsrc import parse as parse_yaml
from briefkit.errors import Problem, error
from briefkit.importers.common import Draft, Site, as_text, clean_body, section_of
from briefkit.source.load import SLUG_RE

_PELICAN_KEY = re.compile(r"^(?P<key>[A-Za-z][A-Za-z_ -]*):\s*(?P<value>.*)$")
_JEKYLL_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")
_TEMPLATE = re.compile(r"\{\{[<%]|\{%")


def split_front_matter(text: str) -> tuple[str, dict[str, Any], str, int, list[Problem], str]:
    """(format, metadata, body, first body line, problems, raw front matter) of a Markdown file."""
    lines = text.split("\n")
    fence = lines[0].strip() if lines else ""
    if fence in ("---", "+++"):
        for i in range(1, len(lines)):
            if lines[i].strip() == fence or (fence == "---" and lines[i].strip() == "..."):
                raw = "\n".join(lines[1:i])
                return ("yaml" if fence == "---" else "toml"), {}, "\n".join(lines[i + 1 :]), i + 2, [], raw
        return "none", {}, text, 1, [], ""
    first = _PELICAN_KEY.match(lines[0]) if lines else None
    if first and first.group("key").strip().lower() == "title":
        meta: dict[str, Any] = {}
        i = 0
        while i < len(lines) and (m := _PELICAN_KEY.match(lines[i])):
            meta[m.group("key").strip().lower()] = m.group("value").strip()
            i += 1
        return "pelican", meta, "\n".join(lines[i:]), i + 1, [], "\n".join(lines[:i])
    return "none", {}, text, 1, [], ""


def _key_line(raw: str, key: str) -> int:
    """The line (1-based, counting the opening fence) where a front-matter key is written."""
    for i, line in enumerate(raw.split("\n")):
        if re.match(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*[:=]", line, re.I):
            return i + 2
    return 1


def parse_when(value: Any, tz: tzinfo) -> tuple[date | datetime | None, str]:
    """A date or an aware datetime from a front-matter value, and a note when one was guessed."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=tz), f"'{value.isoformat()}' has no UTC offset; read in the site's time zone ({tz})"
        return value, ""
    if isinstance(value, date):
        return value, ""
    if isinstance(value, time) or value is None:
        return None, ""
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text), ""
        except ValueError:
            return None, f"'{text}' is not a date"
    # Jekyll writes "2026-11-20 10:00:00 +0100"; Pelican "2026-11-20 10:20".
    norm = re.sub(r"\s*([+-]\d{2}):?(\d{2})$", r"\1:\2", text.replace("Z", "+00:00"))
    try:
        parsed = datetime.fromisoformat(norm)
    except ValueError:
        return None, f"'{text}' is not a date this importer reads"
    return parse_when(parsed, tz) if parsed.tzinfo is None else (parsed, "")


def _listed(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list):
        return [as_text(v.get("name") if isinstance(v, dict) else v) for v in value if as_text(v)]
    return [as_text(value)]


def parse(text: str, shown: str, site: Site) -> list[Draft] | list[Problem]:
    kind, meta, body, body_line, _problems, raw = split_front_matter(text.replace("\r\n", "\n"))
    if kind == "yaml":
        doc, found = parse_yaml(raw, shown)
        if doc is None or any(p.is_error for p in found):
            return [error(p.path, p.line + 1, p.col, p.code, p.message, p.hint) for p in found if p.is_error]
        meta = doc.data if isinstance(doc.data, dict) else {}
    elif kind == "toml":
        try:
            meta = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            if m:
                line, col = int(m.group(1)) + 1, int(m.group(2))
            else:  # "at end of document": the end of the last line inside the fences
                line, col = raw.count("\n") + 2, len(raw.rsplit("\n", 1)[-1]) + 1
            return [error(shown, line, col, "bad-front-matter", f"TOML front matter does not parse: {exc}")]
    meta = {str(k).lower(): v for k, v in meta.items()}
    draft = Draft(shown, body_line=body_line)
    tz = site.config.tz

    def at(key: str) -> int:
        return _key_line(raw, key)

    stem = PurePosixPath(shown).stem
    jekyll = _JEKYLL_NAME.match(stem)
    draft.title = as_text(meta.pop("title", ""))
    draft.body = clean_body(body)
    if not draft.title:
        heading = re.search(r"^#\s+(.+?)\s*#*\s*$", draft.body, re.M)
        if heading:
            draft.title = heading.group(1)
            draft.body = clean_body(draft.body[: heading.start()] + draft.body[heading.end() :])
            draft.note(
                body_line + draft.body[: heading.start()].count("\n"), 1, "import-title", "no title field; the first heading is the title"
            )
        else:
            draft.title = (jekyll.group(2) if jekyll else stem).replace("-", " ").replace("_", " ").strip().capitalize()
            draft.note(1, 1, "import-title", f"no title field or heading; title made from the file name: '{draft.title}'")

    when = meta.pop("date", None)
    if isinstance(when, dict):  # Material blog: date: {created: ..., updated: ...}
        dates = {str(k).lower(): v for k, v in when.items()}
        when = dates.get("created")
        meta.setdefault("updated", dates.get("updated"))
    if when is not None:
        draft.date, why = parse_when(when, tz)
        if why:
            draft.note(at("date"), 1, "import-date", why + ("" if draft.date else "; dated today instead"))
    if draft.date is None and jekyll:
        draft.date = date.fromisoformat(jekyll.group(1))
        draft.note(1, 1, "import-date", f"date {jekyll.group(1)} taken from the file name (Jekyll)")
    for key in ("lastmod", "updated", "modified", "last_modified_at"):
        if meta.get(key) is not None:
            draft.updated, why = parse_when(meta.pop(key), tz)
            if why:
                draft.note(at(key), 1, "import-date", why)
            break
    if isinstance(draft.updated, datetime) != isinstance(draft.date, datetime) or (
        draft.updated is not None and draft.date is not None and str(draft.updated) < str(draft.date)
    ):
        draft.updated = None

    for key in ("tags", "keywords"):
        for tag in _listed(meta.pop(key, None)):
            draft.tags.append((tag, at(key), 1))
    categories = [(c, at(k)) for k in ("categories", "category") for c in _listed(meta.pop(k, None))]
    if categories:
        (first, line), *others = categories
        draft.section = section_of(first, site)
        draft.note(line, 1, "import-section", f"the first category '{first}' is the section")
        for name, line in others:
            draft.tags.append((name, line, 1))
            draft.note(line, 1, "import-category", f"category '{name}' kept as a tag (a brief has one section)")
    draft.authors = _listed(meta.pop("authors", None)) + _listed(meta.pop("author", None))
    for key in ("summary", "description", "excerpt"):
        if as_text(meta.get(key)):
            draft.summary = as_text(meta.pop(key))
            break
    for key in ("featured", "pinned"):
        if meta.pop(key, None) is True:
            draft.featured = True
    slug = as_text(meta.pop("slug", ""))
    if slug and SLUG_RE.match(slug):
        draft.slug = slug
    draft_flag = meta.pop("draft", None)
    if draft_flag is False:
        draft.note(at("draft"), 1, "import-status", "the source is published (draft: false); imported as a draft for review")
    for key in sorted(meta):  # layout, weight, permalink...: said, so that nothing goes missing unseen
        draft.note(at(key), 1, "import-dropped", f"front-matter field '{key}' has no brief field; left out")
    more = re.search(r"^<!--\s*more\s*-->\n*", draft.body, re.M)
    if more:  # Material's excerpt separator; a brief's excerpt is its summary
        draft.note(body_line + body[: body.find("<!--")].count("\n"), 1, "import-excerpt", "excerpt marker '<!-- more -->' removed")
        draft.body = clean_body(draft.body[: more.start()] + draft.body[more.end() :])
    for m in _TEMPLATE.finditer(draft.body):
        line = body_line + body.count("\n", 0, body.find(m.group(0)))
        draft.note(line, 1, "import-template", "template code (a shortcode or Liquid tag) kept as text: bodies are never templates")
        break
    return [draft]
