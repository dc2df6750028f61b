"""Checks that need a whole, type-valid brief: date order, editorial rules, style warnings.

Errors here are rules a newsroom enforces before publication; warnings are
advice (documented in docs/format.md with their codes).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from briefkit.common.words import article
from briefkit.common.yamlsrc import Document
from briefkit.config import Config
from briefkit.errors import Problem, error, warning
from briefkit.model import Kind, Status, instant
from briefkit.source import places
from briefkit.source.schema import PLACEHOLDER, PLACEHOLDER_FIELDS, BriefIn

SUMMARY_WORDS = 60
BLUF_WORDS = 75
PRINT_TITLE_CHARS = 90

_CONFIDENCE = re.compile(r"\b(high|moderate|low)[- ]confidence\b", re.I)
_LIKELIHOOD = re.compile(
    r"\b(almost no chance|remote|very unlikely|highly improbable|unlikely|improbable|roughly even (chance|odds)"
    r"|likely|probable|very likely|highly probable|almost certain(ly)?|nearly certain)\b",
    re.I,
)


__all__ = ["PLACEHOLDER", "PLACEHOLDER_FIELDS"]  # defined beside the schema, which states them as JSON Schema too

ABOUT_TO_BE_PUBLIC = (Status.APPROVED, Status.PUBLISHED)


def placeholders(item: BriefIn, doc: Document, path: str) -> list[Problem]:
    """Text still starting with ``TODO:`` in a brief that is approved or published."""
    if item.status not in ABOUT_TO_BE_PUBLIC:
        return []
    texts: list[tuple[str, tuple[str | int, ...], str]] = [(name, (name,), getattr(item, name)) for name in PLACEHOLDER_FIELDS]
    texts += [(f"key_points[{i}]", ("key_points", i), text) for i, text in enumerate(item.key_points)]
    return [
        error(
            path,
            *doc.pos(loc),
            "placeholder-text",
            f"'{name}' is still placeholder text ('{PLACEHOLDER} ...') in a brief that is {item.status.value}",
            "write the real text, or keep 'status: draft' until it is ready",
        )
        for name, loc, text in texts
        if text.lstrip().startswith(PLACEHOLDER)
    ]


def check(item: BriefIn, doc: Document, path: str, config: Config) -> list[Problem]:
    out: list[Problem] = placeholders(item, doc, path)
    out.extend(places.duplicates(item.places, doc, path))
    tz = config.tz
    start = instant(item.date, tz)

    def at(*loc: str | int) -> tuple[int, int]:
        return doc.pos(loc)

    if item.updated is not None:
        if item.updated == item.date:
            out.append(
                warning(path, *at("updated"), "updated-equals-date", "'updated' equals 'date'", "remove 'updated' until the brief changes")
            )
        elif instant(item.updated, tz, end_of_day=True) <= start:
            out.append(
                error(
                    path, *at("updated"), "date-order", f"'updated' ({item.updated.isoformat()}) is before 'date' ({item.date.isoformat()})"
                )
            )
    if item.expires is not None and instant(item.expires, tz, end_of_day=True) <= start:
        out.append(
            error(
                path,
                *at("expires"),
                "date-order",
                f"'expires' ({item.expires.isoformat()}) must come after 'date' ({item.date.isoformat()})",
            )
        )
    for i, corr in enumerate(item.corrections):
        # "On or after": a correction at the very moment of publication is fine; a bare date covers its whole day.
        too_early = corr.date < start if isinstance(corr.date, datetime) else instant(corr.date, tz, end_of_day=True) <= start
        if too_early:
            out.append(
                error(
                    path,
                    *at("corrections", i, "date"),
                    "date-order",
                    f"correction dated {corr.date.isoformat()} is before the brief's date ({item.date.isoformat()})",
                )
            )

    if item.status is Status.PUBLISHED and not item.authors:
        out.append(
            error(path, *at("status"), "published-no-author", "a published brief needs at least one author", "add 'authors: [Your Name]'")
        )
    if not item.sources and item.kind.value in config.options.review.sources_required_for:
        if item.status is Status.PUBLISHED:
            out.append(
                error(
                    path, *at("kind"), "missing-sources", f"a published {item.kind.value} piece needs sources", "list them under 'sources:'"
                )
            )
        else:
            out.append(
                warning(
                    path, *at("kind"), "missing-sources", f"{article(item.kind.value)} piece should cite sources before it is published"
                )
            )
    elif not item.sources and item.kind is Kind.ANALYSIS:
        out.append(warning(path, *at("kind"), "missing-sources", "an analysis piece should cite its sources"))

    words = len(item.summary.split())
    if words > SUMMARY_WORDS:
        out.append(
            warning(
                path,
                *at("summary"),
                "summary-long",
                f"summary is {words} words; aim for {SUMMARY_WORDS} or fewer",
                "move detail into the body",
            )
        )
    if len(item.title) > PRINT_TITLE_CHARS:
        out.append(
            warning(
                path,
                *at("title"),
                "title-long",
                f"title is {len(item.title)} characters; over {PRINT_TITLE_CHARS} it wraps badly in print and feeds",
            )
        )
    if item.bluf and len(item.bluf.split()) > BLUF_WORDS:
        out.append(warning(path, *at("bluf"), "bluf-long", f"BLUF is {len(item.bluf.split())} words; a bottom line fits in {BLUF_WORDS}"))
    if item.publish_at is not None and item.status is not Status.PUBLISHED and item.status is not Status.APPROVED:
        out.append(
            warning(
                path,
                *at("publish_at"),
                "embargo-unapproved",
                f"embargo set on a brief still {item.status.label}",
                "the embargo only matters once status is 'published'",
            )
        )
    if item.publish_at is not None and item.publish_at.astimezone(UTC) < start:
        out.append(warning(path, *at("publish_at"), "embargo-before-date", "'publish_at' is before 'date'"))
    for loc, text in [(("bluf",), item.bluf), *((("key_points", i), k) for i, k in enumerate(item.key_points))]:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if _CONFIDENCE.search(sentence) and _LIKELIHOOD.search(sentence):
                out.append(
                    warning(
                        path,
                        *doc.pos(loc),
                        "estimative-mix",
                        "a confidence level and a likelihood term share a sentence",
                        "ICD 203: state likelihood and confidence in separate sentences",
                    )
                )
                break
    return out
