"""The steps behind each command, in one place: load, check, build.

The CLI parses arguments and prints; everything it asks for goes through
here, and everything here reports through a :class:`Reporter`.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from briefkit.common.fsio import SyncStats
from briefkit.common.report import Reporter
from briefkit.config import Config
from briefkit.errors import BriefkitError, Problem
from briefkit.model import Brief, Corpus, visibility
from briefkit.source.load import LoadResult, load


def check(config: Config, paths: Sequence[Path] = ()) -> LoadResult:
    """Load and validate; problems are in the result, never raised.

    Checking the whole site also reports asset and template files a build
    would refuse to read (links out of the site root, special files).
    """
    result = load(config, paths or None)
    if not paths:
        result.problems.extend(_file_problems(config))
    return result


def _file_problems(config: Config) -> list[Problem]:
    from briefkit.common import safefs
    from briefkit.content.templating import containment_root, search_path

    found = safefs.walk(config.path(config.options.assets_dir), config.root).problems
    for folder in search_path(config):
        found += safefs.walk(folder, containment_root(config, folder)).problems
    return sorted(set(found))


def load_valid(config: Config, reporter: Reporter) -> LoadResult:
    """Load for a build: warnings are shown, any error stops the build."""
    result = load(config)
    if result.errors:
        raise BriefkitError(f"{len(result.errors)} error(s) in briefs; nothing was built", problems=result.problems)
    for problem in result.problems:
        reporter.warn(problem.format())
    return result


@dataclass(frozen=True)
class BuildLayout:
    """Where one kind of build writes.  Preview output never shares a folder with the public site."""

    root: Path
    docs: Path
    site: Path
    manifest: Path
    overrides: Path
    record: Path
    """What the live site holds (:mod:`briefkit.pipeline.siterecord`), to tell a whole site from a broken one."""

    @classmethod
    def of(cls, config: Config, preview: bool) -> BuildLayout:
        build = config.build_dir
        root = build / "preview" if preview else build
        return cls(root, root / "docs", root / "site", root / ".briefkit-manifest.json", build / "overrides", root / ".briefkit-site.json")


@dataclass
class BuildResult:
    site: Path
    briefs: int
    written: int = 0
    removed: int = 0
    up_to_date: bool = False
    warnings: int = 0


def build(
    config: Config,
    reporter: Reporter,
    *,
    now: datetime,
    preview: bool = False,
    pdf: bool = True,
    jobs: int = 0,
    clean: bool = False,
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

    with disk_errors_explained(), build_lock(config.build_dir, reporter):
        _recover(BuildLayout.of(config, preview), reporter)  # first: a build that fails later must not lose the site
        return _build(config, reporter, now=now, preview=preview, pdf=pdf, jobs=jobs, clean=clean)


def _build(config: Config, reporter: Reporter, *, now: datetime, preview: bool, pdf: bool, jobs: int, clean: bool) -> BuildResult:
    from briefkit.common import fsio
    from briefkit.content.markup import BodyRenderer
    from briefkit.content.templating import layered_files, templates_digest
    from briefkit.pipeline import manifest, siterecord
    from briefkit.review import history
    from briefkit.web import DocsRenderer, SiteInfo, search
    from briefkit.web.engine import engines, site
    from briefkit.web.feeds import render_feeds

    started = time.monotonic()
    out = BuildLayout.of(config, preview)
    loaded = load_valid(config, reporter)
    corpus = loaded.corpus if preview else loaded.corpus.public(now, config.tz)
    if clean:
        _refuse_foreign(out.docs, fsio.sync_tree(out.docs, {}))  # deletes only the pages briefkit wrote
        out.manifest.unlink(missing_ok=True)

    pdf_on = pdf and config.options.pdf.enabled
    # Pages see only the brief's public life (all of it in a preview), dates only unless opted in.
    histories = history.for_pages(config, corpus.briefs, reporter, preview=preview)
    assets = _assets(config)
    switches = {"preview": preview, "pdf": pdf_on, "now": now.isoformat() if not corpus.briefs else ""}
    # Only the templates this build reads: print templates matter only when PDFs are made.
    used_templates = ["site", "overrides", "assets", "search", *(["pdf"] if pdf_on else [])]
    templates = "".join(templates_digest(config, sub) for sub in used_templates)
    sources = manifest.sources_digest(
        config_digest=config.digest,
        templates_digest=templates,
        assets=assets,
        briefs=((b.slug, b.digest, *_visibility(b, now, config)) for b in corpus.briefs),
        histories=histories,
        switches=switches,
        corpus=corpus,
    )
    recorded = manifest.read(out.manifest)
    if (
        recorded
        and recorded.get("sources") == sources
        and out.docs.is_dir()
        and siterecord.is_whole(out.record, out.site)
        and engines.written(out.root)
    ):
        reporter.success(f"site is up to date: {_shown(out.site)} ({len(corpus.briefs)} brief(s))")
        return BuildResult(out.site, len(corpus.briefs), up_to_date=True)

    # Theme overrides first: MkDocs checks that theme.custom_dir exists when it loads the config.
    overrides = layered_files(config, site.OVERRIDES_TEMPLATES)
    _refuse_foreign(out.overrides, fsio.sync_tree(out.overrides, overrides))
    out.docs.mkdir(parents=True, exist_ok=True)
    mk = site.load(config, docs_dir=out.docs, site_dir=out.site, overrides_dir=out.overrides, reporter=reporter)
    markdown = site.markdown_settings(mk, config.options.html)

    info = SiteInfo(
        name=config.site_name,
        url=config.site_url,
        description=config.site_description,
        language=config.language,
        tz=config.tz,
        now=now,
        preview=preview,
        pdf=pdf_on,
        search=config.options.search,
        page_size=config.options.tag_page_size,
        latest=config.options.latest,
        feed_size=config.options.feed_size,
        related=config.options.related,
        archive=config.options.archive,
        history=config.options.review.history,
    )
    renderer = DocsRenderer(config, corpus, info, BodyRenderer(markdown), histories, books=_book_links(config, corpus) if pdf_on else {})
    docs = renderer.render()
    docs.update(render_feeds(renderer))
    docs.update(search.search_pages(config))
    docs.update(assets)

    record = {
        "sources": sources,
        **manifest.inputs(
            docs=docs,
            overrides=overrides,
            config_digest=config.digest,
            templates_digest=templates,
            brief_digests=(b.digest for b in corpus.briefs),
            switches=switches,
        ),
    }
    synced = fsio.sync_tree(out.docs, docs)
    _refuse_foreign(out.docs, synced)
    engines.write_config(config, mk, out.root, out.overrides)
    result = BuildResult(out.site, len(corpus.briefs), synced.written, synced.removed)
    if not clean and manifest.same_output(recorded, record) and siterecord.is_whole(out.record, out.site):
        manifest.write(out.manifest, record)
        result.up_to_date = True
        reporter.success(f"site is up to date: {_shown(out.site)} ({len(corpus.briefs)} brief(s))")
        return result

    staging = fsio.staging_dir(out.root, ".site-")
    try:
        mk["site_dir"] = str(staging)
        result.warnings = site.build(mk, config, reporter)
        fsio.fault_point("after-mkdocs")
        if pdf_on:
            from briefkit.pdf import build_pdfs

            pdf_keys = build_pdfs(
                config, corpus, now, staging, reporter, jobs=jobs, preview=preview, markdown=markdown, bodies=renderer.bodies
            ).keys
        search.index_site(config, staging, reporter)
        if not preview:  # the leak gate (issue 13): no text of a brief the site leaves out, in any file
            from briefkit.editions.briefs import gate_public

            gate_public(config, loaded.corpus, now, staging, out.site)
        whole = siterecord.scan(staging)
        fsio.fault_point("before-swap")
        out.record.unlink(missing_ok=True)  # from here until it is rewritten, no build calls the site up to date
        fsio.swap_dir(staging, out.site)
    except BaseException:
        fsio.remove_tree(staging)
        with contextlib.suppress(OSError):  # a read-only or full disk must not hide the first error
            out.manifest.unlink(missing_ok=True)
        raise
    siterecord.write(out.record, whole)
    manifest.write(out.manifest, record)
    if pdf_on:
        from briefkit.pdf.prune import prune_unused

        prune_unused(config, "preview" if preview else "public", used=pdf_keys)
    elapsed = time.monotonic() - started
    kind = "preview" if preview else "site"
    reporter.success(
        f"built {kind} with {len(corpus.briefs)} brief(s) into {_shown(out.site)} in {elapsed:.1f} s "
        f"({synced.written} page file(s) changed, {synced.removed} removed)"
    )
    return result


def _recover(out: BuildLayout, reporter: Reporter) -> None:
    """Undo what a killed build left (called with the build lock held, so no other build is mid-swap)."""
    from briefkit.common import fsio

    if fsio.recover_dir(out.site):
        reporter.note(f"restored the last complete site {_shown(out.site)} after an interrupted build")
    for leftover in [*out.root.glob(".site-*"), *out.root.glob(f"{fsio.aside_prefix(out.site)}*")]:
        fsio.remove_tree(leftover)  # staging or an old site: never the live one


def _refuse_foreign(folder: Path, synced: SyncStats) -> None:
    """Files briefkit did not write in a folder MkDocs reads: never deleted, never published."""
    if not synced.foreign:
        return
    shown = _shown(folder)
    names = ", ".join(synced.foreign[:5]) + (f" and {len(synced.foreign) - 5} more" if len(synced.foreign) > 5 else "")
    raise BriefkitError(
        f"{shown} holds file(s) briefkit did not write: {names}; it neither deletes nor publishes them",
        hint=f"move them out of {shown} (briefkit writes this folder from briefs/, templates/ and assets/)",
    )


def _visibility(brief: Brief, now: datetime, config: Config) -> tuple[str, str]:
    vis = visibility(brief, now, config.tz)
    return ("public" if vis.public else "hidden", vis.reason)


def _shown(path: Path) -> str:
    from briefkit.source.load import display_path

    return display_path(path) + "/"


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


def _book_links(config: Config, corpus: Corpus) -> dict[str, str]:
    """The briefing books this build makes, keyed for the web templates, with their site paths.

    Keys: ``latest``, ``tag:<slug>``, ``section:<top-level slug>``, ``daily:<YYYY-MM-DD>``.
    Names and paths come from the PDF package's own helpers.
    """
    from briefkit.pdf.books import LATEST, book_pdf_path, daily_book_name, plan, publication_day, section_book_name, tag_book_name

    made = {book.name for book in plan(config, corpus) if book.briefs}
    wanted = {"latest": LATEST}
    for b in corpus.briefs:
        wanted[f"section:{b.section.slugs[0]}"] = section_book_name(b.section.slugs[0])
        day = publication_day(b, config.tz)
        wanted[f"daily:{day.isoformat()}"] = daily_book_name(day)
        for t in b.tags:
            wanted[f"tag:{t.slug}"] = tag_book_name(t.slug)
    return {key: book_pdf_path(name) for key, name in wanted.items() if name in made}
