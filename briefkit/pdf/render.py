"""Turning print HTML into PDF bytes, one document at a time (the workers in
:mod:`briefkit.pdf.workers` each hold one :class:`Renderer`).

Each process keeps one :class:`Renderer`: one Jinja environment, one
cleaning policy, one WeasyPrint ``FontConfiguration`` and one image cache,
so that memory stays flat over hundreds of renders.  A job carries only
picklable values, the view models of its briefs (bodies already converted
by the build, never again here); workers build the HTML themselves, so the
parent never holds every document at once.
"""

from __future__ import annotations

import logging
import os
import re
import time
import traceback
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefkit.common.fsio import atomic_write
from briefkit.common.paths import display_path
from briefkit.config import Config
from briefkit.content.markup import HtmlPolicy, MarkdownSettings
from briefkit.content.view import BriefView
from briefkit.model import Brief, instant
from briefkit.pdf.books import Book
from briefkit.pdf.documents import DocumentBuilder, PrintDocument, asset_roots
from briefkit.pdf.tagging import add_table_scopes

if TYPE_CHECKING:
    from briefkit.pdf.fetcher import Rejection


@dataclass(frozen=True)
class Job:
    """One PDF to make: a brief or a book, and the cache file to write."""

    key: str
    output: str
    """Where it goes, relative to the PDF folder: ``<slug>.pdf`` or ``books/<name>.pdf``."""
    target: Path
    """The cache file to write (atomically)."""
    brief: Brief | None = None
    book: Book | None = None
    views: tuple[BriefView, ...] = ()
    """The view model of every brief in it (the brief, or the book's briefs)."""

    @property
    def label(self) -> str:
        return self.output

    @property
    def weight(self) -> int:
        """A rough cost, to start the biggest documents first."""
        briefs = self.book.briefs if self.book else (self.brief,) if self.brief else ()
        return sum(len(b.body) + 2000 for b in briefs if b is not None)


@dataclass
class Notice:
    """A warning from a render: a refused resource, or something WeasyPrint said."""

    message: str
    brief_path: str = ""
    url: str = ""


@dataclass
class Outcome:
    output: str
    ok: bool = True
    error: str = ""
    pages: int = 0
    seconds: float = 0.0
    notices: list[Notice] = field(default_factory=list)


@dataclass(frozen=True)
class RenderSettings:
    config: Config
    markdown: MarkdownSettings
    now: datetime
    preview: bool
    recipient: str = ""
    """Who a named copy is for (``brief pdf --recipient``); '' for none."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class Renderer:
    """Everything one process needs to render many PDFs."""

    def __init__(self, settings: RenderSettings) -> None:
        from weasyprint.text.fonts import FontConfiguration

        from briefkit.pdf.fetcher import RestrictedFetcher

        self.settings = settings
        config = settings.config
        opts = config.options.pdf
        self.builder = DocumentBuilder(
            config, HtmlPolicy(settings.markdown), settings.now, preview=settings.preview, recipient=settings.recipient
        )
        self.fonts = FontConfiguration()
        self.images: dict[str, Any] = {}
        self.fetcher = RestrictedFetcher(
            asset_roots(config), allowed_hosts=opts.allowed_hosts, max_bytes=opts.max_bytes, timeout=opts.timeout
        )
        # Every refusal this process saw: WeasyPrint's image cache skips the fetcher for a URL it tried before.
        self.refused: dict[str, Rejection] = {}

    def document(self, job: Job) -> PrintDocument:
        return document(self.builder, job)

    def render(self, job: Job) -> Outcome:
        started = time.perf_counter()
        outcome = Outcome(job.output)
        try:
            doc = self.document(job)
            data, outcome.pages, said = self.pdf(doc, epoch_of(job))
            atomic_write(job.target, data)
        except MemoryError:  # past pdf.render_memory: the pool names the limit and retires this worker
            outcome.ok = False
            outcome.error = "MemoryError: the render ran out of memory"
            self.fetcher.take()
            return outcome
        except Exception as exc:  # one broken document must not stop the others
            outcome.ok = False
            outcome.error = failure_text(exc)
            self.fetcher.take()
            return outcome
        fresh = self.fetcher.take()
        self.refused.update((r.url, r) for r in fresh)
        outcome.notices = render_notices(job, doc, self.refused, {r.url for r in fresh}, said)
        outcome.seconds = time.perf_counter() - started
        return outcome

    def pdf(self, doc: PrintDocument, epoch: int) -> tuple[bytes, int, list[str]]:
        """PDF bytes, page count and WeasyPrint's own warnings for one document."""
        base_url = self.settings.config.root.as_uri() + "/"
        return write_pdf(doc.html, base_url, self.fetcher, self.fonts, self.images, self.settings.config.options.pdf.variant, epoch)


def write_pdf(
    html: str, base_url: str, fetcher: Any, fonts: Any, images: dict[str, Any], variant: str, epoch: int
) -> tuple[bytes, int, list[str]]:
    """PDF bytes, page count and WeasyPrint's own warnings for one HTML document (here, or on a cluster worker)."""
    from weasyprint import HTML

    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        # Tagged in every variant: PDF/A-2b and 3b do not require tags, but readers need them.
        options: dict[str, Any] = {"pdf_variant": variant, "pdf_tags": True}
        with _source_date(epoch):
            document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(font_config=fonts, cache=images, **options)
            data = document.write_pdf(cache=images, finisher=add_table_scopes, **options)
    finally:
        logger.removeHandler(collect)
    return bytes(data), len(document.pages), collect.messages


def document(builder: DocumentBuilder, job: Job) -> PrintDocument:
    """The print HTML of a job's brief or book."""
    views = {v.slug: v for v in job.views}
    if job.book is not None:
        return builder.book(job.book, views)
    assert job.brief is not None
    return builder.brief(views[job.brief.slug])


def failure_text(exc: BaseException) -> str:
    """What went wrong in one render, for the problem that names the brief or book."""
    text = f"{_where(exc)}{type(exc).__name__}: {exc}"
    if os.environ.get("BRIEFKIT_DEBUG"):
        text += "\n" + traceback.format_exc()
    return text


def render_notices(job: Job, doc: PrintDocument, refused: Mapping[str, Rejection], fresh: set[str], said: Sequence[str]) -> list[Notice]:
    """The notices of one finished render: its refused resources, then what WeasyPrint said."""
    out = refusal_notices(job, doc, refused, fresh)
    for message in said:
        if message.startswith("Failed to load"):
            continue  # already reported by the refusals, with the reason
        out.append(weasyprint_notice(message, job.brief.path if job.brief else ""))
    return out


def refusal_notices(job: Job, doc: PrintDocument, refused: Mapping[str, Rejection], fresh: set[str]) -> list[Notice]:
    """A notice per refused resource of this document, naming the brief it is in.

    ``refused`` is every refusal the rendering process saw (WeasyPrint's image
    cache skips the fetcher for a URL it tried before); ``fresh`` the URLs
    refused while rendering this document.
    """
    from weasyprint.urls import iri_to_uri

    briefs = {b.slug: b for b in _briefs(job)}
    refs = {iri_to_uri(url): ref for url, ref in doc.refs.items()}
    out = []
    for url, rejection in sorted(refused.items()):
        if url in refs:
            slug, kind = refs[url]
            path = briefs[slug].path if slug in briefs else ""
        elif url in fresh:  # from a template, not a body
            kind, path = "resource", job.brief.path if job.brief else ""
        else:
            continue
        out.append(Notice(f"{kind} {_short(url)} was not embedded: {rejection.reason}", path, url))
    return out


_NO_HARFBUZZ_SUBSET = re.compile(r"^Using fontTools instead of HarfBuzz-Subset for font ")
NO_HARFBUZZ_SUBSET = (
    "WeasyPrint: HarfBuzz-Subset is not installed, so fonts are subset with fontTools (slower, and unsupported in future "
    "WeasyPrint versions). Install it: 'apt-get install libharfbuzz-subset0' (Debian/Ubuntu), 'brew install harfbuzz' (macOS)"
)


def weasyprint_notice(message: str, brief_path: str) -> Notice:
    """What WeasyPrint said, as a notice; a fault of the machine, not the brief, becomes one line for the whole run.

    Without HarfBuzz-Subset WeasyPrint warns once per font per PDF (39 lines
    for the demo); grouped under one text with no brief, it is reported once,
    with the fix.
    """
    if _NO_HARFBUZZ_SUBSET.match(message):
        return Notice(NO_HARFBUZZ_SUBSET)
    return Notice(f"WeasyPrint: {message}", brief_path)


def epoch_of(job: Job) -> int:
    """A timestamp derived from the content, for what WeasyPrint stamps with "now"."""
    moments = [instant(b.last_modified).timestamp() for b in _briefs(job)]
    return int(max(moments, default=0))


@contextmanager
def _source_date(epoch: int) -> Iterator[None]:
    """Pin SOURCE_DATE_EPOCH while rendering, so font subsets carry no wall-clock time.

    With it pinned to the content's own date, the bytes depend only on the
    inputs, which is what lets the content-addressed cache hand out copies.
    """
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(max(epoch, 0))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _where(exc: BaseException) -> str:
    """'templates/pdf/x.html.j2:12: ' when a template raised (Jinja puts template lines in tracebacks)."""
    found = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith((".j2", ".css")):
            found = f"{display_path(frame.filename)}:{frame.lineno}: "
    return found


def _briefs(job: Job) -> tuple[Brief, ...]:
    if job.book is not None:
        return job.book.briefs
    return (job.brief,) if job.brief is not None else ()


def _short(url: str) -> str:
    return url if len(url) <= 120 else url[:100] + "…" + url[-15:]
