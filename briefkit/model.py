"""The domain model: immutable values that the rest of briefkit passes around.

This module imports nothing from briefkit.  Everything here has already been
validated at the edge (``briefkit.source.load``); code that receives a :class:`Brief`
may trust it.
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

Moment = date | datetime
"""A date, or an aware datetime.  Naive datetimes never get past the loader."""


class Status(enum.Enum):
    DRAFT = "draft"
    REVIEW = "review"
    APPROVED = "approved"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return {"review": "in review"}.get(self.value, self.value)


class Kind(enum.Enum):
    NEWS = "news"
    ANALYSIS = "analysis"
    OPINION = "opinion"
    EXPLAINER = "explainer"


class Confidence(enum.Enum):
    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"


class Tlp(enum.Enum):
    """TLP 2.0 labels.  ``rank`` orders them from least to most restricted."""

    CLEAR = "TLP:CLEAR"
    GREEN = "TLP:GREEN"
    AMBER = "TLP:AMBER"
    AMBER_STRICT = "TLP:AMBER+STRICT"
    RED = "TLP:RED"

    @property
    def rank(self) -> int:
        return list(Tlp).index(self)

    @property
    def colour(self) -> str:
        """Font colour on a black background (CISA TLP 2.0 guide)."""
        return _TLP_COLOURS[self]

    @property
    def css_class(self) -> str:
        return "tlp-" + self.value.split(":", 1)[1].lower().replace("+", "-")

    @property
    def meaning(self) -> str:
        return _TLP_MEANINGS[self]

    @staticmethod
    def most_restrictive(labels: list[Tlp] | tuple[Tlp, ...]) -> Tlp:
        return max(labels, key=lambda t: t.rank, default=Tlp.CLEAR)


_TLP_COLOURS = {
    Tlp.CLEAR: "#FFFFFF",
    Tlp.GREEN: "#33FF00",
    Tlp.AMBER: "#FFC000",
    Tlp.AMBER_STRICT: "#FFC000",
    Tlp.RED: "#FF2B2B",
}
_TLP_MEANINGS = {
    Tlp.CLEAR: "Disclosure is not limited.",
    Tlp.GREEN: "Limited disclosure: within the community, not via publicly accessible channels.",
    Tlp.AMBER: "Limited disclosure: the recipient's organisation and its clients, need-to-know.",
    Tlp.AMBER_STRICT: "Limited disclosure: the recipient's organisation only, need-to-know.",
    Tlp.RED: "For the eyes and ears of individual recipients only.",
}


@dataclass(frozen=True, slots=True)
class Tag:
    name: str
    slug: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Author:
    id: str
    name: str
    url: str = ""
    bio: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str = ""
    publisher: str = ""
    accessed: date | None = None


@dataclass(frozen=True, slots=True)
class Correction:
    date: Moment
    text: str


@dataclass(frozen=True, slots=True)
class Section:
    """A section path such as ``("Politics", "Conflict & Defense")``."""

    names: tuple[str, ...]
    slugs: tuple[str, ...]

    @property
    def path(self) -> str:
        return "/".join(self.slugs)

    @property
    def title(self) -> str:
        return self.names[-1]

    def ancestors(self) -> list[Section]:
        """Every prefix of this path, shortest first, this one last."""
        return [Section(self.names[:i], self.slugs[:i]) for i in range(1, len(self.names) + 1)]

    def __str__(self) -> str:
        return " / ".join(self.names)


@dataclass(frozen=True, slots=True)
class Tearline:
    """A version of a brief written for a wider audience, at a lower label (US ICD 209)."""

    handling: Tlp
    title: str
    summary: str
    body: str
    key_points: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BriefImage:
    """An image a brief shows: its lead image, or one in its body (``docs/images.md``)."""

    src: str
    """As written: a path relative to the brief's folder, ``/``-rooted at the site root, or an allowed http(s) URL."""
    alt: str
    """What the image shows, for readers who cannot see it; '' only when ``decorative``."""
    caption: str = ""
    credit: str = ""
    decorative: bool = False
    line: int = 0
    col: int = 0
    """Where ``src`` is written in the brief's file, for problems found when the file is read."""

    @property
    def remote(self) -> bool:
        return self.src.startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class Brief:
    slug: str
    path: str
    """Source file, relative to the working directory, with forward slashes."""
    title: str
    summary: str
    section: Section
    date: Moment
    tags: tuple[Tag, ...]
    body: str
    updated: Moment | None = None
    authors: tuple[Author, ...] = ()
    kind: Kind = Kind.NEWS
    status: Status = Status.DRAFT
    publish_at: datetime | None = None
    expires: Moment | None = None
    handling: Tlp = Tlp.CLEAR
    labelled: bool = True
    """False when neither the brief nor the site's ``default_handling`` gives a label: then ``handling``
    is TLP:RED, so that every output treats the brief as the most restricted, and it is never public."""
    bluf: str = ""
    key_points: tuple[str, ...] = ()
    confidence: Confidence | None = None
    sources: tuple[Source, ...] = ()
    corrections: tuple[Correction, ...] = ()
    featured: bool = False
    digest: str = ""
    """sha256 of the source file's bytes: the brief's identity for caches."""
    tag_spellings: tuple[tuple[str, str], ...] = ()
    """Each tag as this brief's file writes it, as (slug of the text, text): ``tags`` carry the
    spelling unified over the corpus a build shows (:func:`unify_tags`); this keeps the brief's own."""
    tearlines: tuple[Tearline, ...] = ()
    """Releasable versions at lower labels, highest first (:mod:`briefkit.editions.select` chooses among them)."""
    places: tuple[str, ...] = ()
    """Countries the brief is about, as ISO 3166-1 alpha-2 codes, each once, in the order written (:mod:`briefkit.maps`)."""
    image: BriefImage | None = None
    """The lead image (``image:``), checked for alt text and where it may come from; its file is read at build time."""
    body_images: tuple[BriefImage, ...] = ()
    """Each Markdown image of the body, in order, with its position in the file (:mod:`briefkit.source.imagerefs`)."""

    @property
    def word_count(self) -> int:
        return len(self.body.split())

    @property
    def reading_minutes(self) -> int:
        words = self.word_count + len(self.summary.split()) + len(self.bluf.split())
        words += sum(len(k.split()) for k in self.key_points)
        return max(1, round(words / 230))

    @property
    def last_modified(self) -> Moment:
        return self.updated or self.date


@dataclass(frozen=True, slots=True)
class Visibility:
    """Whether a brief may appear in a public build, and if not, why."""

    public: bool
    reason: str = ""


def instant(value: Moment, tz: tzinfo = UTC, *, end_of_day: bool = False) -> datetime:
    """A comparable aware datetime.  A bare date starts (or ends) in ``tz``."""
    if isinstance(value, datetime):
        return value
    start = datetime.combine(value, time(0), tzinfo=tz)
    return start + timedelta(days=1) if end_of_day else start


def visibility(brief: Brief, now: datetime, tz: tzinfo = UTC) -> Visibility:
    """The one place that decides what a public build may show.

    A brief is public only when it is published, past its embargo, not
    expired, and labelled TLP:CLEAR (by itself or by the site's default).  The first failing rule is the reason shown on
    preview banners.
    """
    if brief.status is not Status.PUBLISHED:
        return Visibility(False, brief.status.label)
    if brief.publish_at is not None and brief.publish_at > now:
        return Visibility(False, f"embargoed until {brief.publish_at.isoformat()}")
    # An expiry date means "through the end of that day".
    if brief.expires is not None and instant(brief.expires, tz, end_of_day=True) <= now:
        return Visibility(False, f"expired on {brief.expires.isoformat()}")
    if not brief.labelled:
        return Visibility(False, "no handling label")
    if brief.handling is not Tlp.CLEAR:
        return Visibility(False, brief.handling.value)
    return Visibility(True)


@dataclass(frozen=True, slots=True)
class Revision:
    """One commit that touched a brief's file."""

    sha: str
    date: datetime
    author: str
    subject: str


@dataclass(frozen=True, slots=True)
class History:
    """What git knows of a brief: its revisions, newest first."""

    revisions: tuple[Revision, ...] = ()
    """The newest commits that changed the brief, at most ``review.history`` of them."""
    last: Revision | None = None
    """The newest content change, kept even when ``revisions`` is cut to none."""
    count: int = 0
    """How many commits changed the brief in all; 1 means it was never edited after it was added."""

    @property
    def last_changed(self) -> datetime | None:
        newest = self.last or (self.revisions[0] if self.revisions else None)
        return newest.date if newest else None


def unify_tags(briefs: Iterable[Brief], vocabulary: dict[str, Tag]) -> tuple[tuple[Brief, ...], dict[str, Tag]]:
    """One name per tag slug over ``briefs``: the vocabulary's, else the most used spelling (first seen wins a tie).

    Only the briefs given vote, so a public build, which passes only public
    briefs, never takes a spelling from a draft or an AMBER brief.
    """
    chosen = tuple(briefs)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for brief in chosen:
        for slug, text in brief.tag_spellings:
            spellings[slug][text] += 1
    first: dict[str, Tag] = {}
    for brief in chosen:
        for t in brief.tags:
            first.setdefault(t.slug, t)
    tags: dict[str, Tag] = {}
    for slug in sorted(first):
        if slug in vocabulary:
            tags[slug] = vocabulary[slug]
        elif spellings.get(slug):
            tags[slug] = Tag(spellings[slug].most_common(1)[0][0], slug)  # Counter keeps first-seen order on ties
        else:  # a brief made in code, with no spellings recorded
            tags[slug] = first[slug]
    retagged = []
    for brief in chosen:
        new = tuple(tags.get(t.slug, t) for t in brief.tags)
        retagged.append(brief if new == brief.tags else replace(brief, tags=new))
    return tuple(retagged), tags


@dataclass(frozen=True)
class Corpus:
    """Briefs that loaded, with the vocabularies they were checked against.

    Everything a build computes across briefs (tag names, counts, related
    briefs, sections, author lists) comes from one corpus: the public one for
    a public build (:meth:`public`), so briefs it does not show shape nothing in it.
    """

    briefs: tuple[Brief, ...]
    tags: dict[str, Tag] = field(default_factory=dict)
    """Tags these briefs use, by slug: names unified over these briefs, descriptions from ``_tags.yml``."""
    authors: dict[str, Author] = field(default_factory=dict)
    """People from ``_authors.yml`` (only those these briefs name, in a public corpus)."""
    vocabulary: dict[str, Tag] = field(default_factory=dict)
    """``_tags.yml`` as written: the names that win over any brief's spelling."""

    def public(self, now: datetime, tz: tzinfo = UTC) -> Corpus:
        """Only what a public build may show, with tag spellings voted on by public briefs alone."""
        kept, tags = unify_tags((b for b in self.briefs if visibility(b, now, tz).public), self.vocabulary)
        named = {a.id for b in kept for a in b.authors}
        return Corpus(kept, tags, {k: a for k, a in self.authors.items() if a.id in named}, self.vocabulary)
