"""One brief file's bytes to a :class:`~briefkit.model.Brief`: parse, validate, apply the rules, map to the model.

Each file is checked on its own, so that :mod:`briefkit.source.workers` can
spread the files over processes; what needs every file (duplicate slugs,
tag spellings) is in :mod:`briefkit.source.corpus`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from pydantic import ValidationError

from briefkit.common.limits import shown as _shown
from briefkit.common.slugs import slugify
from briefkit.common.words import article
from briefkit.common.yamlsrc import Document
from briefkit.config import Config
from briefkit.errors import Problem, error
from briefkit.model import Author, Brief, Correction, Section, Source, Tag
from briefkit.source import handling as labelling
from briefkit.source import imagerefs, includes, places, portions, rules
from briefkit.source.pydantic_problems import describe, validation_problems
from briefkit.source.read import parse_source
from briefkit.source.schema import FIELDS, BriefIn

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Context:
    """What checking one file needs besides its bytes (sent once to each worker)."""

    vocab: dict[str, Tag]
    aliases: dict[str, str]
    people: dict[str, Author]
    config: Config


@dataclass(frozen=True)
class Checked:
    problems: list[Problem]
    brief: Brief | None
    tag_uses: tuple[tuple[str, int, int], ...] = ()
    """Each tag as written, with its position: for spelling warnings."""
    label: str | None = None
    """The handling label the file gives (or the site default), when it can be told even if the brief has errors."""


def check_one(shown: str, raw: bytes | None, ctx: Context) -> Checked:
    """One file's problems, and its brief when it has no error."""
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
        return Checked(problems, None)
    doc, found = parse_source(raw, shown)
    problems.extend(found)
    # A duplicate key is reported and its first value kept, so validation still runs and reports the rest.
    if doc is None or any(p.is_error and p.code != "duplicate-key" for p in found):
        return Checked(problems, None)
    label = labelling.declared(doc.data, ctx.config)
    brief = _to_model(doc, raw, shown, slug, ctx.vocab, ctx.aliases, ctx.people, ctx.config, problems)
    if brief is None or any(p.is_error for p in problems):
        return Checked(problems, None, label=label)
    raw_tags = doc.data.get("tags")
    listed = isinstance(raw_tags, list)
    uses = tuple((str(t).strip(), *doc.pos(("tags", i) if listed else ("tags",))) for i, t in enumerate(raw_tags if listed else [raw_tags]))
    return Checked(problems, brief, uses, label)  # type: ignore[arg-type]


def _to_model(
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
        what = "empty" if data is None else article(describe(data))
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
    hosts = config.options.pdf.allowed_hosts
    image = imagerefs.lead(item.image, doc, shown, hosts, problems) if item.image is not None else None
    body_images = imagerefs.body(item.body, raw.decode("utf-8", "replace"), doc.pos(("body",)), shown, hosts, problems)
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
        places=places.distinct(item.places),
        image=image,
        body_images=body_images,
    )
