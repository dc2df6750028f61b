"""Pydantic's validation errors as briefkit problems: a stable code, the field's position, and a hint.

Shared by briefs and the two vocabularies (``_tags.yml``, ``_authors.yml``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from briefkit.common.limits import shown as _shown
from briefkit.common.words import article
from briefkit.common.yamlsrc import Document
from briefkit.errors import Problem, error
from briefkit.source.schema import CorrectionIn, SourceIn


def describe(value: Any) -> str:
    """What a YAML value is, in words: ``text 'abc'``, ``list``, ``number``."""
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
            got = describe(err["input"])
            got_text = got if got.startswith("text") else article(got)
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
    top = loc[0] if loc else ""
    nested: dict[str, type[BaseModel]] = {"sources": SourceIn, "corrections": CorrectionIn}
    if len(loc) > 2 and top in nested:
        return list(nested[str(top)].model_fields)
    return list(fields)


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
        "image.alt": 'alt: What the image shows  (or alt: "" with decorative: true)',
    }
    return f"add it, for example:  {examples[name]}" if name in examples else ""
