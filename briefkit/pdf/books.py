"""Which briefing books exist, what is in each, and their stable names.

A book is one PDF holding several briefs.  Names are file stems under
``pdf/books/`` and never change for the same subject:

* ``latest``: the newest ``books.latest`` briefs;
* ``section-<slug>``: one per top-level section;
* ``tag-<slug>``: one per tag;
* ``daily-YYYY-MM-DD``: one per publication date, in the site's time zone.

Every book keeps at most ``books.max_briefs`` briefs, the newest; ``total``
says how many qualified, so the cover can say what was left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from briefkit.common.dates import local_date, newest_first
from briefkit.config import Config
from briefkit.content.view import brief_pdf
from briefkit.model import Brief, Corpus, Moment, Tag, Tlp

LATEST = "latest"
KINDS = ("latest", "section", "tag", "daily")


@dataclass(frozen=True)
class Book:
    name: str
    """Stable file stem: ``latest``, ``section-<slug>``, ``tag-<slug>`` or ``daily-YYYY-MM-DD``."""
    kind: str
    title: str
    """What the cover calls it: "Latest briefings", "Energy", "NATO allies", "Daily edition"."""
    label: str
    """What kind of book it is, above the title: "Section", "Tag", ..."""
    description: str
    briefs: tuple[Brief, ...]
    total: int
    """Briefs that qualified before the ``max_briefs`` cap."""

    @property
    def capped(self) -> bool:
        return self.total > len(self.briefs)

    @property
    def path(self) -> str:
        return book_pdf_path(self.name)

    @property
    def handling(self) -> Tlp:
        return Tlp.most_restrictive([b.handling for b in self.briefs])


def brief_pdf_path(slug: str) -> str:
    """Where a brief's PDF is published, relative to the site root."""
    return brief_pdf(slug)


def book_pdf_path(name: str) -> str:
    """Where a book is published, relative to the site root."""
    return f"pdf/books/{name}.pdf"


def tag_book_name(tag_slug: str) -> str:
    return f"tag-{tag_slug}"


def section_book_name(section_slug: str) -> str:
    return f"section-{section_slug}"


def daily_book_name(day: date) -> str:
    return f"daily-{day.isoformat()}"


def publication_day(brief: Brief, tz: tzinfo) -> date:
    """The calendar date a brief was published on, in the site's time zone."""
    return local_date(brief.date, tz)


def plan(config: Config, corpus: Corpus, *, everything: bool = False) -> list[Book]:
    """The books a build makes from ``corpus``, in a stable order.

    ``everything`` ignores the on/off switches (for ``brief pdf --book NAME``).
    """
    opts = config.options.pdf.books
    tz = config.tz
    cap = opts.max_briefs
    ordered = newest_first(corpus.briefs, tz)
    books: list[Book] = []

    latest = opts.latest or (20 if everything else 0)
    if latest and ordered:
        chosen = ordered[: min(latest, cap)]
        books.append(
            Book(
                LATEST, "latest", "Latest briefings", "Briefing book", f"The {len(chosen)} most recent briefs.", tuple(chosen), len(chosen)
            )
        )

    if opts.sections or everything:
        by_section: dict[str, list[Brief]] = defaultdict(list)
        names: dict[str, str] = {}
        for b in ordered:
            by_section[b.section.slugs[0]].append(b)
            names.setdefault(b.section.slugs[0], b.section.names[0])
        for slug in sorted(by_section):
            found = by_section[slug]
            books.append(
                Book(
                    section_book_name(slug),
                    "section",
                    names[slug],
                    "Section",
                    f"Briefs in the {names[slug]} section.",
                    tuple(found[:cap]),
                    len(found),
                )
            )

    if opts.tags or everything:
        by_tag: dict[str, list[Brief]] = defaultdict(list)
        tags: dict[str, Tag] = {}
        for b in ordered:
            for t in b.tags:
                by_tag[t.slug].append(b)
                tags.setdefault(t.slug, corpus.tags.get(t.slug, t))
        for slug in sorted(by_tag):
            found = by_tag[slug]
            tag = tags[slug]
            books.append(
                Book(
                    tag_book_name(slug),
                    "tag",
                    tag.name,
                    "Tag",
                    tag.description or f"Briefs tagged {tag.name}.",
                    tuple(found[:cap]),
                    len(found),
                )
            )

    if opts.daily or everything:
        by_day: dict[date, list[Brief]] = defaultdict(list)
        for b in ordered:
            by_day[publication_day(b, tz)].append(b)
        days = sorted(by_day, reverse=True)
        if opts.daily_limit and not everything:
            days = days[: opts.daily_limit]
        for day in days:
            found = by_day[day]
            books.append(
                Book(
                    daily_book_name(day),
                    "daily",
                    format_day(day),
                    "Daily edition",
                    f"Briefs published on {format_day(day)}.",
                    tuple(found[:cap]),
                    len(found),
                )
            )
    return books


def format_day(value: Moment) -> str:
    d = value.date() if isinstance(value, datetime) else value
    return f"{d.day} {d:%B %Y}"
