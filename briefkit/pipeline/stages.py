"""The steps behind each command, in one place: check, build, print, diff.

A build reads as its stages, the way MkDocs' ``commands/build.py`` does::

    load -> plan -> render -> engine -> print -> index -> publish

each a function with typed inputs and outputs (frozen dataclasses), in
its own module: :mod:`~briefkit.pipeline.loading`, :mod:`~briefkit.pipeline.planning`,
:mod:`~briefkit.pipeline.rendering`, :mod:`~briefkit.pipeline.engine`,
:mod:`~briefkit.pipeline.printing`, :mod:`~briefkit.pipeline.publishing`.
The output folder (:class:`BuildLayout`) and the corpus (:class:`Loaded`)
are parameters, never globals.  The CLI parses arguments and prints;
everything it asks for goes through here, and everything here reports
through a :class:`Reporter`.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from briefkit.common.report import Reporter
from briefkit.config import Config
from briefkit.editions.model import Edition
from briefkit.errors import Problem
from briefkit.pipeline.layout import BuildLayout, shown
from briefkit.pipeline.loading import Loaded, load, load_at, load_tree, load_valid
from briefkit.source.load import LoadResult

if TYPE_CHECKING:
    from briefkit.pipeline.executors import Executor
    from briefkit.review.diff import Diff

__all__ = ["BuildLayout", "BuildResult", "Loaded", "build", "check", "diff", "load", "load_valid"]


def check(config: Config, paths: Sequence[Path] = ()) -> LoadResult:
    """Load and validate; problems are in the result, never raised.

    Checking the whole site also reports asset and template files a build
    would refuse to read (links out of the site root, special files), and
    generated pages that would land on one path (with every brief, as a
    preview build makes them).
    """
    result = load_tree(config, paths)
    if not paths:
        result.problems.extend(_file_problems(config))
        result.problems.extend(_output_problems(config, result))
        result.problems.extend(_image_problems(config, result))
    return result


def _image_problems(config: Config, result: LoadResult) -> list[Problem]:
    """Image files a build would refuse (missing, outside the site, too large, a bomb), at the brief's line for each."""
    from briefkit.content.images import collect

    return collect(result.corpus.briefs, config).problems


def _file_problems(config: Config) -> list[Problem]:
    from briefkit.common import safefs
    from briefkit.content.templating import containment_root, search_path

    found = safefs.walk(config.path(config.options.assets_dir), config.root).problems
    for folder in search_path(config):
        found += safefs.walk(folder, containment_root(config, folder)).problems
    return sorted(set(found))


def _output_problems(config: Config, result: LoadResult) -> list[Problem]:
    from briefkit.pipeline.outputs import claim_pages, site_info
    from briefkit.pipeline.registry import OutputRegistry

    registry = OutputRegistry(BuildLayout.of(config, preview=True).root)
    claim_pages(registry, result.corpus, site_info(config, datetime.now(UTC), preview=True, pdf=False))
    return registry.problems()


@dataclass
class BuildResult:
    site: Path
    briefs: int
    written: int = 0
    removed: int = 0
    up_to_date: bool = False
    warnings: int = 0
    rendered: tuple[str, ...] = ()
    """The Markdown pages MkDocs rendered (the others came from the page cache or the live site)."""


def build(
    config: Config,
    reporter: Reporter,
    *,
    now: datetime,
    preview: bool = False,
    pdf: bool = True,
    jobs: int = 0,
    clean: bool = False,
    layout: BuildLayout | None = None,
    edition: Edition | None = None,
    executor: Executor | None = None,
) -> BuildResult:
    """Render the briefs into Markdown, build the site with MkDocs, add PDFs and search, swap it in.

    A public build hands only public briefs (``Corpus.public``) to anything
    that renders.  Everything is built in a staging folder beside the site
    and moved into place only when complete: on any error, or if the
    process is killed at any point, the previous site stays as it was.
    One build at a time holds the build folder (:mod:`briefkit.pipeline.buildlock`).
    """
    from briefkit.common.diskerrors import disk_errors_explained
    from briefkit.pipeline.buildlock import build_lock
    from briefkit.pipeline.publishing import recover

    out = layout or BuildLayout.of(config, preview, edition)
    with disk_errors_explained(), build_lock(config.build_dir, reporter):
        recover(out, reporter)  # first: a build that fails later must not lose the site
        loaded = load(config, reporter, now=now, preview=preview, edition=edition)
        return build_loaded(loaded, out, reporter, pdf=pdf, jobs=jobs, clean=clean, executor=executor)


PDF_FOLDER = "pdf"
"""The site folder the print stage writes, whole, on every build that makes PDFs."""


def build_loaded(
    loaded: Loaded, out: BuildLayout, reporter: Reporter, *, pdf: bool, jobs: int, clean: bool, executor: Executor | None = None
) -> BuildResult:
    """The stages after load, for one corpus into one output folder (the caller holds the build lock)."""
    from briefkit.common import fsio
    from briefkit.pipeline import manifest, siterecord
    from briefkit.pipeline.engine import engine, index, write_docs
    from briefkit.pipeline.pagecache import FOLDER as PAGE_CACHE
    from briefkit.pipeline.planning import plan
    from briefkit.pipeline.printing import print_site
    from briefkit.pipeline.publishing import forget, record, swap_in
    from briefkit.pipeline.rendering import render
    from briefkit.web.engine import engines

    started = time.monotonic()
    count = len(loaded.corpus.briefs)
    planned = plan(loaded, out, reporter, pdf=pdf)  # before --clean deletes anything: a collision keeps the last build
    if clean:
        forget(out)
        fsio.remove_tree(out.root / PAGE_CACHE)  # --clean renders every page again
    recorded = manifest.read(out.manifest)
    if (
        recorded
        and recorded.get("sources") == planned.sources
        and out.docs.is_dir()
        and siterecord.is_whole(out.record, out.site)
        and engines.written(out.root)
    ):
        reporter.success(f"site is up to date: {shown(out.site)} ({count} brief(s))")
        return BuildResult(out.site, count, up_to_date=True)

    rendered = render(planned, reporter)
    written = write_docs(rendered, clean=clean)
    result = BuildResult(out.site, count, written.written, written.removed)
    if written.up_to_date:
        manifest.write(out.manifest, rendered.record)
        result.up_to_date = True
        reporter.success(f"site is up to date: {shown(out.site)} ({count} brief(s))")
        return result

    staging = fsio.staging_dir(out.root, ".site-")
    try:
        if written.pages_kept:  # the very same page files, hard-linked: changing pdf.paper rewrites no web page
            siterecord.link_copy(out.site, staging, leave=PDF_FOLDER)
        else:
            run = engine(rendered, staging, reporter, executor)  # executor: where page shares run (pipeline.executors)
            result.warnings, result.rendered = run.warnings, run.rendered
        fsio.fault_point("after-mkdocs")
        pdf_keys = print_site(rendered, staging, reporter, jobs=jobs)
        if not written.pages_kept:  # Pagefind reads the pages only
            index(rendered, staging, reporter)
        if loaded.edition is not None:  # banners, robots and the leak gate, before the edition is swapped in
            from briefkit.editions import build as editions

            editions.before_swap(staging, out.site, loaded.config, loaded.edition, loaded.result.corpus, loaded.corpus, loaded.now)
        whole = swap_in(rendered, staging)
    except BaseException:
        fsio.remove_tree(staging)
        with contextlib.suppress(OSError):  # a read-only or full disk must not hide the first error
            out.manifest.unlink(missing_ok=True)
        raise
    record(rendered, whole, pdf_keys)
    elapsed = time.monotonic() - started
    kind = "preview" if loaded.edition is None else "site" if loaded.edition.public else f"{loaded.edition.name} edition"
    reporter.success(
        f"built {kind} with {count} brief(s) into {shown(out.site)} in {elapsed:.1f} s "
        f"({written.written} page file(s) changed, {written.removed} removed)"
    )
    return result


def diff(config: Config, base: str, head: str | None, now: datetime) -> Diff:
    """``brief diff``: both sides read by the load stage (BASE from git, HEAD from git or the working tree), then compared."""
    from briefkit.review.diff import Side, compare, with_editions

    old = load_at(config, base)
    new = load_at(config, head)
    compared = compare(Side(old.label, old.commit, old.result), Side(new.label, new.commit, new.result), now, config.tz)
    return with_editions(compared, config, now)
