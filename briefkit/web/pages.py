"""Page models: what each generated page shows, computed once from a corpus.

Nothing here renders or knows about MkDocs.  :class:`SiteIndex` groups the
brief views it is given (:mod:`briefkit.content.view`, newest first, already
filtered for a public build) into tags, sections, archive periods and
related-brief lists; the templates only lay them out.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, tzinfo
from typing import Generic, TypeVar

from briefkit.common.dates import local_date, newest_first
from briefkit.content.view import BriefView, CorpusView
from briefkit.model import Brief, Corpus, Moment, Section, Tag, instant, visibility
from briefkit.web import urls

T = TypeVar("T")

RELATED_WINDOW = 200
"""Per shared tag, only this many briefs nearest in time are scored for "related" (keeps big sites linear)."""


@dataclass(frozen=True)
class SiteInfo:
    """Site-wide facts every template may use."""

    name: str
    url: str
    description: str
    language: str
    tz: tzinfo
    now: datetime
    preview: bool = False
    pdf: bool = False
    search: str = "material"
    page_size: int = 50
    latest: int = 30
    feed_size: int = 50
    related: int = 4
    archive: str = "month"
    history: int = 5
    edition: str = ""
    """The edition's title in a non-public edition (briefkit.editions), else ''."""


@dataclass(frozen=True)
class Pager(Generic[T]):
    """One page of a paginated listing."""

    items: tuple[T, ...]
    number: int
    count: int
    urls: tuple[str, ...]
    """The URL of every page of this listing, page 1 first."""

    @property
    def url(self) -> str:
        return self.urls[self.number - 1]

    @property
    def prev_url(self) -> str:
        return self.urls[self.number - 2] if self.number > 1 else ""

    @property
    def next_url(self) -> str:
        return self.urls[self.number] if self.number < self.count else ""


def paginate(items: Sequence[T], size: int, url_of: PageUrl) -> list[Pager[T]]:
    count = max(1, math.ceil(len(items) / size))
    page_urls = tuple(url_of(n) for n in range(1, count + 1))
    return [Pager(tuple(items[(n - 1) * size : n * size]), n, count, page_urls) for n in range(1, count + 1)]


class PageUrl:
    def __init__(self, base: str) -> None:
        self.base = base

    def __call__(self, n: int) -> str:
        return self.base if n <= 1 else f"{self.base}page/{n}/"


@dataclass
class SectionNode:
    section: Section
    children: list[SectionNode] = field(default_factory=list)
    briefs: list[Brief] = field(default_factory=list)
    """Every brief in this section or below it, newest first."""

    @property
    def url(self) -> str:
        return urls.section(self.section)

    @property
    def title(self) -> str:
        return self.section.title


@dataclass(frozen=True)
class Period:
    """An archive page: a year, or a month of a year."""

    year: int
    month: int | None
    briefs: tuple[Brief, ...]

    @property
    def url(self) -> str:
        return urls.archive(self.year, self.month)

    @property
    def title(self) -> str:
        return str(self.year) if self.month is None else date(self.year, self.month, 1).strftime("%B %Y")


@dataclass(frozen=True)
class BriefPage(BriefView):
    """A brief's page: its view model (shared with feeds and print), and the briefs related to it on this site."""

    related: tuple[Brief, ...] = ()

    @classmethod
    def of(cls, view: BriefView, related: Sequence[Brief]) -> BriefPage:
        return cls(**{f.name: getattr(view, f.name) for f in fields(view)}, related=tuple(related))


class SiteIndex:
    """Listings of one corpus: newest first, by tag, by section, by period."""

    def __init__(self, views: CorpusView | Corpus, site: SiteInfo) -> None:
        self.site = site
        if isinstance(views, Corpus):
            # Listings only, no bodies: the plan stage names every page path before anything is converted.
            corpus, self.views = views, None
            self.briefs: list[Brief] = newest_first(corpus.briefs, site.tz)
            self.visibility = {b.slug: visibility(b, site.now, site.tz) for b in self.briefs}
        else:
            corpus, self.views = views.corpus, views
            self.briefs = [v.brief for v in views.briefs]
            self.visibility = {v.slug: v.visibility for v in views.briefs}
        self._position = {b.slug: i for i, b in enumerate(self.briefs)}

        by_tag: dict[str, list[Brief]] = defaultdict(list)
        for b in self.briefs:
            for t in b.tags:
                by_tag[t.slug].append(b)
        names = {t.slug: t for b in self.briefs for t in b.tags}
        self.tags: dict[str, Tag] = {s: corpus.tags.get(s, names[s]) for s in sorted(by_tag)}
        self.by_tag: dict[str, list[Brief]] = {s: by_tag[s] for s in self.tags}
        self._tag_positions = {s: [self._position[b.slug] for b in bs] for s, bs in self.by_tag.items()}

        self.sections = self._sections()
        self.periods = self._periods()

    # -- sections --------------------------------------------------------

    def _sections(self) -> dict[tuple[str, ...], SectionNode]:
        spellings: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        members: dict[tuple[str, ...], list[Brief]] = defaultdict(list)
        for b in self.briefs:
            for i in range(1, len(b.section.slugs) + 1):
                key = b.section.slugs[:i]
                spellings[key][b.section.names[i - 1]] += 1
                members[key].append(b)
        nodes: dict[tuple[str, ...], SectionNode] = {}
        for key in sorted(spellings, key=lambda k: (len(k), k)):
            name = sorted(spellings[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            parent = nodes.get(key[:-1])
            names = (*parent.section.names, name) if parent else (name,)
            node = SectionNode(Section(names, key), briefs=members[key])
            nodes[key] = node
            if parent:
                parent.children.append(node)
        for node in nodes.values():
            node.children.sort(key=lambda n: n.title.lower())
        return nodes

    @property
    def top_sections(self) -> list[SectionNode]:
        return sorted((n for k, n in self.sections.items() if len(k) == 1), key=lambda n: n.title.lower())

    def section_of(self, brief: Brief) -> Section:
        """The brief's section with each level's name as shown site-wide."""
        return self.sections[brief.section.slugs].section

    # -- archive ---------------------------------------------------------

    def _periods(self) -> list[Period]:
        groups: dict[tuple[int, int | None], list[Brief]] = defaultdict(list)
        for b in self.briefs:
            d = local_date(b.date, self.site.tz)
            groups[(d.year, None)].append(b)
            if self.site.archive == "month":
                groups[(d.year, d.month)].append(b)
        return [Period(y, m, tuple(bs)) for (y, m), bs in sorted(groups.items(), key=lambda kv: (-kv[0][0], -(kv[0][1] or 13)))]

    @property
    def years(self) -> list[Period]:
        return [p for p in self.periods if p.month is None]

    def months_of(self, year: int) -> list[Period]:
        return [p for p in self.periods if p.year == year and p.month is not None]

    # -- home ------------------------------------------------------------

    def featured(self, limit: int = 4) -> list[Brief]:
        return [b for b in self.briefs if b.featured][:limit]

    def latest(self, exclude: Sequence[Brief] = ()) -> list[Brief]:
        skip = {b.slug for b in exclude}
        return [b for b in self.briefs if b.slug not in skip][: self.site.latest]

    def popular_tags(self, limit: int) -> list[tuple[Tag, int]]:
        ranked = sorted(self.by_tag.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
        return [(self.tags[s], len(bs)) for s, bs in ranked]

    def related_tags(self, slug: str, limit: int = 12) -> list[tuple[Tag, int]]:
        """Tags that share briefs with this one, most shared first."""
        shared: Counter[str] = Counter(t.slug for b in self.by_tag[slug] for t in b.tags if t.slug != slug)
        return [(self.tags[s], n) for s, n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]

    # -- related ---------------------------------------------------------

    def related(self, brief: Brief) -> list[Brief]:
        """Briefs with the most tags in common; ties go to the same section, then the nearest in time."""
        if self.site.related == 0:
            return []
        me = self._position[brief.slug]
        shared: Counter[str] = Counter()
        for t in brief.tags:
            members = self.by_tag[t.slug]
            # Members are newest first, like self.briefs: find my place among them.
            at = bisect.bisect_left(self._tag_positions[t.slug], me)
            lo = max(0, at - RELATED_WINDOW // 2)
            for other in members[lo : lo + RELATED_WINDOW]:
                if other.slug != brief.slug:
                    shared[other.slug] += 1
        if not shared:
            return []
        top = brief.section.slugs[:1]

        def rank(slug: str) -> tuple[int, int, int, str]:
            other = self.briefs[self._position[slug]]
            return (-shared[slug], 0 if other.section.slugs[:1] == top else 1, abs(self._position[slug] - me), slug)

        best = sorted(shared, key=rank)[: self.site.related]
        return [self.briefs[self._position[s]] for s in best]

    def page(self, brief: Brief) -> BriefPage:
        if self.views is None:
            raise ValueError("a listings-only index has no brief pages")
        return BriefPage.of(self.views.of(brief), self.related(brief))

    def newest_date(self, briefs: Sequence[Brief]) -> Moment | None:
        """The latest publication or update among ``briefs``: a listing's last-modified date."""
        if not briefs:
            return None
        return max((b.last_modified for b in briefs), key=lambda m: instant(m, self.site.tz, end_of_day=False))
