"""One view model per brief: what every output shows of it, computed once per build.

Web pages, listings, feeds, JSON-LD and print all read a :class:`BriefView`
instead of working things out again: its URLs, its visibility at build
time, its "Updated" date, the reader-facing labels, and its body converted
from Markdown and cleaned exactly once (:class:`briefkit.content.markup.BodyRenderer`
keeps each conversion by the digest of the Markdown).

:func:`build_views` takes a corpus, so a build with several corpora (an
edition is a different corpus) makes one :class:`CorpusView` per corpus.
Views are plain frozen values and can be sent to PDF worker processes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from briefkit.common.dates import newest_first
from briefkit.content.figures import ImageView, Media, lead_view, rewrite_body
from briefkit.content.labels import KIND_LABELS, confidence_text, correction_text, key_points_label, strip_headerlinks
from briefkit.content.markup import BodyRenderer
from briefkit.model import Brief, Corpus, History, Moment, Revision, Visibility, visibility


def brief_page(slug: str) -> str:
    """A brief's page URL, relative to the site root (documented and stable; the web and print links both use it)."""
    return f"briefs/{slug}/"


def brief_pdf(slug: str) -> str:
    """Where a brief's PDF is published, relative to the site root."""
    return f"pdf/{slug}.pdf"


def effective_updated(brief: Brief, history: History | None, tz: tzinfo) -> Moment | None:
    """The "Updated" date: the YAML field, else git's last change when it is a real later edit.

    A brief's only commit is its creation, not an update, so git counts only
    with two or more revisions, and only when the last one falls after the
    publication date (a later day for briefs dated by day).
    """
    if brief.updated is not None:
        return brief.updated
    if history is None or history.count < 2 or history.last_changed is None:
        return None
    last = history.last_changed
    if isinstance(brief.date, datetime):
        return last if last > brief.date else None
    return last if last.astimezone(tz).date() > brief.date else None


@dataclass(frozen=True)
class BriefView:
    """One brief as every output shows it."""

    brief: Brief
    url: str
    """The page URL, relative to the site root: ``briefs/<slug>/``."""
    pdf_url: str
    """The PDF's path, relative to the site root: ``pdf/<slug>.pdf``."""
    visibility: Visibility
    """Public or not at the build's "now", and why."""
    body_html: str
    """The body converted and cleaned, as the brief page shows it (with ``¶`` permalinks)."""
    article_html: str
    """The same body without the ``¶`` permalinks, for feeds and print."""
    updated: Moment | None
    """The "Updated" date readers see on the web and in feeds (:func:`effective_updated`)."""
    revisions: tuple[Revision, ...] = ()
    """The newest revisions a page lists (``review.history`` of them)."""
    image: ImageView | None = None
    """The lead image and its renditions (:mod:`briefkit.content.figures`); None without one."""
    print_images: Mapping[str, str] = field(default_factory=dict)
    """Each body image's ``src`` (as the body HTML now writes it) → the ``data:`` URL print embeds instead."""
    images_digest: str = ""
    """What the brief's image files are, for PDF cache keys: '' without images."""

    @property
    def slug(self) -> str:
        return self.brief.slug

    @property
    def modified(self) -> Moment:
        return self.updated or self.brief.date

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.brief.kind]

    @property
    def key_points_heading(self) -> str:
        return key_points_label(self.brief.kind)

    @property
    def confidence_text(self) -> str:
        return confidence_text(self.brief.confidence)

    @property
    def corrections(self) -> list[tuple[Moment, str]]:
        """Each correction's date and text, without an editor's own "Correction:" label."""
        return [(c.date, correction_text(c.text)) for c in self.brief.corrections]


@dataclass(frozen=True, eq=False)
class CorpusView:
    """The views of one corpus: newest first, and by slug."""

    corpus: Corpus
    briefs: tuple[BriefView, ...]
    by_slug: Mapping[str, BriefView] = field(default_factory=dict)

    def of(self, brief: Brief) -> BriefView:
        return self.by_slug[brief.slug]


def build_views(
    corpus: Corpus,
    renderer: BodyRenderer,
    *,
    now: datetime,
    tz: tzinfo,
    histories: Mapping[str, History] | None = None,
    history_limit: int = 0,
    media: Media | None = None,
) -> CorpusView:
    """A view of every brief in ``corpus``, each body converted once (bodies that are equal, once in all)."""
    histories = histories or {}
    views = []
    for brief in newest_first(corpus.briefs, tz):
        history = histories.get(brief.slug)
        body = renderer.html(brief.body)
        prints: dict[str, str] = {}
        article = body
        if media is not None:
            # Print and feeds keep a refused remote image as an <img>: print's fetcher refuses it and warns the editor.
            article, prints = rewrite_body(body, brief, media, prefix="../../", policy=renderer, remote_links=False)
            body, _ = rewrite_body(body, brief, media, prefix="../../", policy=renderer)
        views.append(
            BriefView(
                brief=brief,
                url=brief_page(brief.slug),
                pdf_url=brief_pdf(brief.slug),
                visibility=visibility(brief, now, tz),
                body_html=body,
                article_html=strip_headerlinks(article),
                updated=effective_updated(brief, history, tz),
                revisions=tuple(history.revisions[:history_limit]) if history else (),
                image=lead_view(brief, media) if media is not None else None,
                print_images=prints,
                images_digest=media.digest(brief.slug) if media is not None else "",
            )
        )
    return CorpusView(corpus, tuple(views), {v.slug: v for v in views})
