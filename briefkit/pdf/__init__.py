"""Printable PDF briefings (WeasyPrint): one per brief, and briefing books.

``build_pdfs`` is what ``brief build`` calls once MkDocs has written the
site; ``render_pdfs`` is the same for any output folder and any subset
(``brief pdf``).  Every PDF goes through the content-addressed cache, so an
unchanged PDF is never rendered twice; the rest render in parallel worker
processes.  Paths of published PDFs come from :func:`brief_pdf_path` and
:func:`book_pdf_path`, which the website links to.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Required, TypedDict

import jinja2

from briefkit.common.paths import display_path
from briefkit.common.slugs import slugify
from briefkit.config import Config
from briefkit.content.figures import media_for
from briefkit.content.images import collect as collect_images
from briefkit.content.markup import BodyRenderer, MarkdownSettings
from briefkit.content.view import CorpusView, build_views
from briefkit.errors import BriefkitError, Problem, error
from briefkit.model import Brief, Corpus
from briefkit.pdf.books import (
    LATEST,
    Book,
    book_pdf_path,
    brief_pdf_path,
    daily_book_name,
    plan,
    section_book_name,
    tag_book_name,
)
from briefkit.pdf.cache import AssetIndex, PdfCache, base_key, book_key, brief_key
from briefkit.pdf.documents import print_environment, watermark_text
from briefkit.pdf.extensions import markdown_settings
from briefkit.pdf.render import Job, Notice, Outcome, RenderSettings
from briefkit.pdf.workers import Limits, WorkerPool

if TYPE_CHECKING:  # not at run time: a worker process imports this package and needs no terminal output
    from briefkit.common.report import Reporter
    from briefkit.pdf.remote import TaskMap

__all__ = [
    "LATEST",
    "Book",
    "PdfStats",
    "book_pdf_path",
    "brief_pdf_path",
    "build_pdfs",
    "daily_book_name",
    "plan",
    "render_pdfs",
    "section_book_name",
    "tag_book_name",
]


@dataclass
class PdfStats:
    rendered: int = 0
    """PDFs rendered by WeasyPrint in this run."""
    cached: int = 0
    """PDFs taken from the cache unchanged."""
    briefs: int = 0
    books: int = 0
    pages: int = 0
    """Pages rendered in this run (cached PDFs not counted)."""
    seconds: float = 0.0
    warnings: int = 0
    outputs: list[str] = field(default_factory=list)
    """Files written, relative to the output folder (``<slug>.pdf``, ``books/<name>.pdf``)."""
    rendered_outputs: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    """Cache keys of every PDF published (rendered or cached): what a complete build keeps (briefkit.pdf.prune)."""


class PrintChoices(TypedDict, total=False):
    """What to print and how: :func:`render_pdfs`' keyword arguments that ``brief pdf`` and the build choose."""

    briefs: Sequence[Brief] | None
    books: Sequence[Book] | None
    jobs: Required[int]
    """Asked for by every caller: 0 is one worker per core."""
    markdown: MarkdownSettings | None
    views: CorpusView | None
    recipient: str
    executor: TaskMap | None
    """Render on a cluster (a Dask executor) instead of local worker processes."""


def build_pdfs(
    config: Config,
    corpus: Corpus,
    now: datetime,
    site_dir: Path,
    reporter: Reporter,
    *,
    jobs: int = 0,
    preview: bool = False,
    markdown: MarkdownSettings | None = None,
    views: CorpusView | None = None,
) -> PdfStats:
    """Write ``site_dir/pdf/<slug>.pdf`` and books under ``site_dir/pdf/books/``.

    ``corpus`` is what the site shows: public briefs only in a public build,
    everything with ``preview``.  ``markdown`` should be the site's
    extensions as MkDocs resolved them; without it they are read from
    mkdocs.yml.  ``views`` are the build's view models of ``corpus``, made
    with the same settings: their bodies are what print shows, so no body
    is converted again.
    """
    if not config.options.pdf.enabled:
        return PdfStats()
    return render_pdfs(config, corpus, now, site_dir / "pdf", reporter, jobs=jobs, preview=preview, markdown=markdown, views=views)


def render_pdfs(
    config: Config,
    corpus: Corpus,
    now: datetime,
    out_dir: Path,
    reporter: Reporter,
    *,
    briefs: Sequence[Brief] | None = None,
    books: Sequence[Book] | None = None,
    jobs: int = 0,
    preview: bool = False,
    markdown: MarkdownSettings | None = None,
    views: CorpusView | None = None,
    recipient: str = "",
    executor: TaskMap | None = None,
) -> PdfStats:
    """Render the PDFs of ``briefs`` and ``books`` (default: all, as configured) into ``out_dir``.

    With ``recipient``, each brief's PDF is a named copy: ``<slug>--<recipient>.pdf``, the recipient on every page.
    """
    started = time.perf_counter()
    chosen_briefs = list(corpus.briefs if briefs is None else briefs)
    chosen_books = [b for b in (plan(config, corpus) if books is None else books) if b.briefs]
    _check_templates(config)
    settings = markdown or markdown_settings(config)
    cache = PdfCache(config.path(config.options.pdf.cache_dir))
    if views is None:  # ``brief pdf``: views of just the briefs it prints, each body converted once
        needed = {b.slug: b for b in [*chosen_briefs, *(x for book in chosen_books for x in book.briefs)]}
        pictures = media_for(config, collect_images(needed.values(), config), prints=True)
        for problem in pictures.images.problems:  # print leaves such an image out, and says so
            reporter.warn(problem.format())
        views = build_views(Corpus(tuple(needed.values()), corpus.tags), BodyRenderer(settings), now=now, tz=config.tz, media=pictures)
    bodies = {v.slug: v.body_html for v in views.briefs}
    assets = AssetIndex(config.path(config.options.assets_dir), config.root, bodies=bodies)
    assets.images = {v.slug: v.images_digest for v in views.briefs if v.images_digest}
    base = base_key(config, settings, assets, preview=preview, recipient=recipient)

    marks: dict[str, str] = {}
    if preview:
        for b in {*chosen_briefs, *(x for book in chosen_books for x in book.briefs)}:
            marks[b.slug] = watermark_text(b, now, config.tz)
    work: list[Job] = []
    for b in chosen_briefs:
        key = brief_key(base, b, marks.get(b.slug, ""), assets)
        name = f"{b.slug}--{slugify(recipient)}.pdf" if recipient else f"{b.slug}.pdf"
        work.append(Job(key, name, cache.path(key), brief=b, views=(views.of(b),)))
    for book in chosen_books:
        key = book_key(base, book, marks, assets)
        work.append(Job(key, f"books/{book.name}.pdf", cache.path(key), book=book, views=tuple(views.of(b) for b in book.briefs)))

    stats = PdfStats(briefs=len(chosen_briefs), books=len(chosen_books))
    todo = sorted((j for j in work if not cache.has(j.key)), key=lambda j: -j.weight)
    stats.cached = len(work) - len(todo)
    notices: dict[str, list[Notice]] = {j.output: cache.notices(j.key) for j in work if cache.has(j.key)}
    failures: list[Outcome] = []

    if todo:
        run = RenderSettings(config, settings, now, preview, recipient)
        by_output = {j.output: j for j in todo}

        def take(outcomes: Iterator[Outcome]) -> None:
            for outcome in reporter.progress(outcomes, len(todo), "Rendering PDFs"):
                job = by_output[outcome.output]
                if not outcome.ok:
                    failures.append(outcome)
                    continue
                cache.save_notices(job.key, outcome.notices)
                notices[outcome.output] = outcome.notices
                stats.rendered += 1
                stats.pages += outcome.pages
                stats.rendered_outputs.append(outcome.output)

        if executor is not None:
            from briefkit.pdf.remote import render_on

            reporter.note(f"rendering {len(todo)} PDF(s) on the cluster; {stats.cached} unchanged")
            take(render_on(executor, run, todo))
        else:
            processes = _processes(jobs or config.options.pdf.jobs, len(todo))
            opts = config.options.pdf
            limits = Limits(seconds=opts.render_timeout, memory=opts.render_memory * 2**20)
            reporter.note(f"rendering {len(todo)} PDF(s) with {processes} process(es); {stats.cached} unchanged")
            with WorkerPool(run, processes, limits) as pool:
                take(pool.run(todo))

    failed = {f.output for f in failures}
    for job in work:
        if job.output in failed or not cache.has(job.key):
            continue
        cache.publish(job.key, out_dir / job.output)
        stats.outputs.append(job.output)
        stats.keys.add(job.key)
    stats.outputs.sort()
    stats.rendered_outputs.sort()
    stats.warnings = _report(reporter, notices)
    cache.prune(j.key for j in work)
    stats.seconds = time.perf_counter() - started
    if failures:
        problems = [_failure_problem(f, work) for f in failures]
        raise BriefkitError(
            f"{len(failures)} PDF(s) could not be rendered", problems=problems, hint="set BRIEFKIT_DEBUG=1 to see the full tracebacks"
        )
    return stats


def _processes(jobs: int, work: int) -> int:
    wanted = jobs if jobs > 0 else (os.cpu_count() or 1)
    return max(1, min(wanted, work))


def _check_templates(config: Config) -> None:
    """Template errors stop the build before any worker starts, with file and line."""
    env = print_environment(config)
    for name in ("pdf/brief.html.j2", "pdf/book.html.j2", "pdf/_article.html.j2", "pdf/print.css", "pdf/extra.css"):
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            path = exc.filename or name
            raise BriefkitError(
                "a print template has an error",
                problems=[error(display_path(path), exc.lineno or 1, 1, "template-syntax", exc.message or "syntax error")],
            ) from None
        except jinja2.TemplateNotFound:
            raise BriefkitError(
                f"print template '{name}' is missing", hint="briefkit's packaged templates are incomplete; reinstall briefkit"
            ) from None


def _report(reporter: Reporter, notices: dict[str, list[Notice]]) -> int:
    """One warning per refused resource, naming the brief, listing the PDFs affected."""
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    for output, items in sorted(notices.items()):
        for n in items:
            grouped[(n.brief_path, n.message)].append(output)
    for (path, message), listed in sorted(grouped.items()):
        outputs = sorted(set(listed))  # a machine-wide notice comes once per font per PDF
        where = f"{path}: " if path else ""
        shown = ", ".join(outputs[:3]) + (f" and {len(outputs) - 3} more" if len(outputs) > 3 else "")
        reporter.warn(f"{where}{message} (in {shown})")
    return len(grouped)


def _failure_problem(outcome: Outcome, work: Sequence[Job]) -> Problem:
    job = next(j for j in work if j.output == outcome.output)
    path = job.brief.path if job.brief else ""
    what = f"PDF {outcome.output}" + (f" (book '{job.book.name}')" if job.book else "")
    return error(path or outcome.output, 0, 0, "pdf-render-failed", f"{what} could not be rendered: {outcome.error}")
