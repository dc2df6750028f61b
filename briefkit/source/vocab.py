"""The two vocabularies beside the briefs: ``_tags.yml`` (names, descriptions, aliases) and ``_authors.yml``."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from pydantic import ValidationError

from briefkit.common.limits import NAME_CHARS, bad_character
from briefkit.common.limits import shown as _shown
from briefkit.common.slugs import slugify
from briefkit.common.yamlsrc import Document
from briefkit.errors import Problem, error
from briefkit.model import Author, Tag
from briefkit.source.pydantic_problems import validation_problems
from briefkit.source.read import RawFile, parse_source
from briefkit.source.schema import AuthorIn, TagIn


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


def load_tags(source: RawFile | None, problems: list[Problem]) -> tuple[dict[str, Tag], dict[str, str]]:
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


def load_authors(source: RawFile | None, problems: list[Problem]) -> dict[str, Author]:
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
