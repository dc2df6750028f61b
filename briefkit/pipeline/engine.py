"""Stage 4, engine: the docs folder and engine config on disk, then MkDocs into a staging folder; and the search index.

:func:`write_docs` puts the rendered files where any engine reading
``mkdocs.yml`` can build them (only changed bytes are written).  When the
output matches the last complete build, nothing later runs.
:func:`engine` runs MkDocs into the staging folder; :func:`index` adds
Pagefind's index to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefkit.common.report import Reporter
from briefkit.pipeline.executors import Executor
from briefkit.pipeline.rendering import Rendered


@dataclass(frozen=True)
class Written:
    written: int
    removed: int
    pages_kept: bool
    """Everything the engine reads matches the last complete build, and its site is whole: its pages are kept as they are."""
    up_to_date: bool
    """Pages kept and no PDFs to redo: nothing later runs."""


def write_docs(rendered: Rendered, *, clean: bool) -> Written:
    from briefkit.common import fsio
    from briefkit.pipeline import manifest, siterecord
    from briefkit.pipeline.layout import refuse_foreign
    from briefkit.web.engine import engines

    out = rendered.plan.layout
    synced = fsio.sync_tree(out.docs, dict(rendered.docs))
    refuse_foreign(out.docs, synced)
    engines.write_config(rendered.plan.config, rendered.engine, out.root, out.overrides)
    kept = not clean and manifest.same_site(manifest.read(out.manifest), rendered.record) and siterecord.is_whole(out.record, out.site)
    # PDFs are redone each by its own key (pdf.cache), so with PDFs on the print stage still runs.
    return Written(synced.written, synced.removed, kept, kept and not rendered.plan.pdf)


@dataclass(frozen=True)
class EngineRun:
    warnings: int
    rendered: tuple[str, ...]
    """The Markdown pages MkDocs rendered in this build (in any process), in build order."""
    reused: int
    """Pages taken from the page cache."""


def engine(rendered: Rendered, staging: Path, reporter: Reporter, executor: Executor | None = None) -> EngineRun:
    """Build the docs folder into ``staging`` with MkDocs, rendering only the pages the page cache lacks.

    Pages outside the nav come from the page cache when their key is there
    (:mod:`briefkit.pipeline.pagecache`); the others are split among the
    ``executor``'s workers when it has several and there are enough of them
    (:mod:`briefkit.pipeline.pageshares`).  One MkDocs run here then renders
    the nav pages (and the missing pages, without workers), writes the others
    as given and merges the search index: byte for byte a cold build's site.
    A site whose plugins or hooks MkDocs cannot be trusted to keep per page
    gets a plain full build.
    """
    from briefkit.common import fsio
    from briefkit.pipeline import pagecache, pageshares
    from briefkit.pipeline.executors import Serial
    from briefkit.web.engine import site, subset

    mk = rendered.engine.mk
    mk["site_dir"] = str(staging)
    config, out = rendered.plan.config, rendered.plan.layout
    if not subset.supported(mk):
        reporter.info("engine: this site's MkDocs plugins or hooks need a full build of every page")
        pages = subset.pages(mk, reporter)
        return EngineRun(site.build(mk, config, reporter), pages.order, 0)
    pages = subset.pages(mk, reporter)
    cache = pagecache.PageCache(out.root / pagecache.FOLDER)
    shared = pagecache.shared_key(rendered.record, mk, pages, rendered.docs)
    listing = pagecache.listing_key(rendered.docs)
    keys = {src: pagecache.page_key(shared, src, rendered.docs.get(src, b""), listing) for src in pages.independent}
    provided = {src: hit for src in pages.independent if (hit := cache.get(keys[src], src)) is not None}
    missing = [src for src in pages.independent if src not in provided]
    # Only a build with pages to render asks how wide the executor is (a cluster connects when asked).
    shares = pageshares.partition(missing, getattr(executor, "workers", 1)) if missing else []
    warnings: list[str] = []
    made: dict[str, subset.PageOutput] = {}
    if shares:
        scratch = fsio.staging_dir(out.root, ".site-engine-")  # a killed build's leftovers go with the next one's recover()
        try:
            tasks = [
                pageshares.ShareTask(
                    config=config,
                    edition=rendered.plan.loaded.edition,
                    docs=str(out.docs),
                    overrides=str(out.overrides),
                    scratch=str(scratch),
                    untitled=tuple(sorted(pages.untitled)),
                    pages=share,
                )
                for share in shares
            ]
            for result in (executor or Serial()).map(pageshares.build_share, tasks):
                made.update((page.src, page) for page in result.pages)
                warnings.extend(result.warnings)
        finally:
            fsio.remove_tree(scratch)
    if provided or made:
        render = pages.in_nav if shares else pages.in_nav | frozenset(missing)
        built = subset.build(mk, config, reporter, render=frozenset(render), provided={**provided, **made})
    else:  # nothing cached: MkDocs' full build, as without the cache
        built = subset.build(mk, config, reporter, render=None)
    made.update(built.outputs)
    for message in dict.fromkeys(w for w in warnings if w not in built.warnings):  # the nav pages warn in every worker
        reporter.warn(f"mkdocs: {message}")
    for src, key in keys.items():
        if src in made:
            cache.put(key, made[src])
    cache.prune(keys.values())
    done = tuple(src for src in pages.order if src in made)
    where = f" in {len(shares)} worker process(es)" if shares else ""
    reporter.info(f"engine: rendered {len(done)} page(s){where}, {len(provided)} from the page cache")
    return EngineRun(len(built.warnings) + len(set(warnings) - set(built.warnings)), done, len(provided))


def index(rendered: Rendered, staging: Path, reporter: Reporter) -> None:
    """Stage 6: Pagefind's index of the brief pages, when the site uses it."""
    from briefkit.web import search

    search.index_site(rendered.plan.config, staging, reporter)
