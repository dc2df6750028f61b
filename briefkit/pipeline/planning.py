"""Stage 2, plan: what this build will write, who writes each file, and whether anything changed.

The plan claims every output path in the :class:`OutputRegistry` before
anything is rendered, so two pages on one path stop the build while the
last good site is still in place.  It also gathers what rendering reads
(histories, assets, template digests) into the sources digest that lets an
unchanged site skip every later stage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from briefkit.common.report import Reporter
from briefkit.config import Config
from briefkit.errors import BriefkitError
from briefkit.model import Brief, Corpus, History, visibility
from briefkit.pipeline.images import collect_images
from briefkit.pipeline.layout import BuildLayout
from briefkit.pipeline.loading import Loaded
from briefkit.pipeline.outputs import claim_pages, claim_site_files, site_info
from briefkit.pipeline.registry import OutputRegistry
from briefkit.web import SiteInfo

if TYPE_CHECKING:
    from briefkit.common.fsio import FileTree
    from briefkit.content.images import ImageSet
    from briefkit.pdf.books import Book


@dataclass(frozen=True)
class Plan:
    """Stage 2's output: what this build will make, and the digest that says whether it must."""

    loaded: Loaded
    layout: BuildLayout
    info: SiteInfo
    pdf: bool
    """PDFs are made (asked for, and on in the config)."""
    histories: Mapping[str, History]
    """What each brief's page may say about its history, by slug (:func:`briefkit.review.history.for_pages`)."""
    assets: FileTree
    """Files for ``docs/assets/``: briefkit's, then the site's own."""
    templates: str
    """Digest of the templates this build reads."""
    switches: Mapping[str, Any]
    """This run's preview, PDF and date switches, as the sources digest counts them."""
    sources: str
    """One digest of everything rendering reads (:func:`briefkit.pipeline.manifest.sources_digest`)."""
    books: tuple[Book, ...]
    """The briefing books with briefs in them; empty without PDFs."""
    book_links: Mapping[str, str]
    registry: OutputRegistry
    images: ImageSet | None = None
    """The image files of the briefs this build shows, measured, with their renditions' paths (:mod:`briefkit.content.images`)."""

    @property
    def config(self) -> Config:
        return self.loaded.config

    @property
    def corpus(self) -> Corpus:
        return self.loaded.corpus


def plan(loaded: Loaded, layout: BuildLayout, reporter: Reporter, *, pdf: bool) -> Plan:
    """Claim every output, then gather and digest the inputs of rendering.  Collisions raise, with every pair."""
    from briefkit.content.templating import templates_digest
    from briefkit.pipeline import manifest
    from briefkit.review import history

    config, corpus, now, preview = loaded.config, loaded.corpus, loaded.now, loaded.preview
    pdf_on = pdf and config.options.pdf.enabled
    info = site_info(config, now, preview=preview, pdf=pdf_on, edition=loaded.edition)
    books = _books(config, corpus) if pdf_on else ()
    assets = _assets(config)
    registry = OutputRegistry(layout.root)
    claim_pages(registry, corpus, info)
    claim_site_files(registry, config, corpus, assets=assets, books=books, pdf=pdf_on)
    images = collect_images(config, corpus, registry, reporter)
    problems = registry.problems()
    if problems:
        raise BriefkitError(f"{len(problems)} output path(s) claimed twice; nothing was built", problems=problems)

    # Pages see only the brief's public life (all of it in a preview), dates only unless opted in.
    histories = history.for_pages(config, corpus.briefs, reporter, preview=preview)
    switches = {"preview": preview, "pdf": pdf_on, "now": now.isoformat() if not corpus.briefs else ""}
    # Only the templates this build reads: print templates matter only when PDFs are made.
    used_templates = ["site", "overrides", "assets", "search", *(["pdf"] if pdf_on else [])]
    templates = "".join(templates_digest(config, sub) for sub in used_templates)
    sources = manifest.sources_digest(
        config_digest=config.digest,
        templates_digest=templates,
        assets=assets,
        briefs=((b.slug, b.digest, *_visibility(b, now, config), images.digest(b.slug)) for b in corpus.briefs),
        histories=histories,
        switches=switches,
        corpus=corpus,
    )
    links = _book_links(config, corpus, books) if pdf_on else {}
    return Plan(loaded, layout, info, pdf_on, histories, assets, templates, switches, sources, books, links, registry, images)


def _visibility(brief: Brief, now: datetime, config: Config) -> tuple[str, str]:
    vis = visibility(brief, now, config.tz)
    return ("public" if vis.public else "hidden", vis.reason)


def _assets(config: Config) -> dict[str, bytes]:
    """briefkit's stylesheet (site copies win by name), then the site's own assets folder.

    Both are read through :mod:`briefkit.common.safefs`; every file that may not be
    published (a link out of the site root, a special file) is reported at once.
    """
    from briefkit.common import safefs
    from briefkit.content.templating import layered_tree

    layered = layered_tree(config, "assets")
    own = safefs.walk(config.path(config.options.assets_dir), config.root)
    if layered.problems or own.problems:
        problems = [*layered.problems, *own.problems]
        raise BriefkitError("files that may not be published are in the assets; nothing was built", problems=problems)
    files = {f"assets/{k}": v for k, v in layered.files.items()}
    files.update({f"assets/{k}": v for k, v in own.files.items()})
    return files


def _books(config: Config, corpus: Corpus) -> tuple[Book, ...]:
    from briefkit.pdf.books import plan as plan_books

    return tuple(book for book in plan_books(config, corpus) if book.briefs)


def _book_links(config: Config, corpus: Corpus, books: tuple[Book, ...]) -> dict[str, str]:
    """The briefing books this build makes, keyed for the web templates, with their site paths.

    Keys: ``latest``, ``tag:<slug>``, ``section:<top-level slug>``, ``daily:<YYYY-MM-DD>``.
    Names and paths come from the PDF package's own helpers.
    """
    from briefkit.pdf.books import LATEST, book_pdf_path, daily_book_name, publication_day, section_book_name, tag_book_name

    made = {book.name for book in books}
    wanted = {"latest": LATEST}
    for b in corpus.briefs:
        wanted[f"section:{b.section.slugs[0]}"] = section_book_name(b.section.slugs[0])
        day = publication_day(b, config.tz)
        wanted[f"daily:{day.isoformat()}"] = daily_book_name(day)
        for t in b.tags:
            wanted[f"tag:{t.slug}"] = tag_book_name(t.slug)
    return {key: book_pdf_path(name) for key, name in wanted.items() if name in made}
