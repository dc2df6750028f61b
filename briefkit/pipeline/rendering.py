"""Stage 3, render: theme overrides, the engine's Markdown settings, and every generated docs file.

The site's ``mkdocs.yml`` is parsed here once, by MkDocs' own loader
(:func:`briefkit.web.engine.site.load`); the engine config and the PDFs use
what it gave.  The rendered files are claimed again, by kind: a page the
plan did not foresee cannot overwrite a feed, the search page or an asset.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefkit.common.report import Reporter
from briefkit.content.markup import MarkdownSettings
from briefkit.errors import BriefkitError
from briefkit.pipeline.outputs import DOCS
from briefkit.pipeline.planning import Plan
from briefkit.pipeline.registry import OutputRegistry, Source
from briefkit.web.engine.site import EngineConfig

if TYPE_CHECKING:
    from briefkit.common.fsio import FileTree
    from briefkit.content.view import CorpusView


@dataclass(frozen=True)
class Rendered:
    """Stage 3's output: the docs folder and theme overrides written, the engine loaded."""

    plan: Plan
    engine: EngineConfig
    markdown: MarkdownSettings
    """The site's Markdown extensions as MkDocs resolved them: bodies convert exactly as pages would."""
    docs: FileTree
    """Every file of the docs folder, by path inside it."""
    overrides: FileTree
    views: CorpusView
    """One view model per brief, each body converted once: pages, feeds and PDFs all read these."""
    record: Mapping[str, Any]
    """What the manifest records once the build is complete."""


def render(plan: Plan, reporter: Reporter) -> Rendered:
    from briefkit.common import fsio
    from briefkit.content.markup import BodyRenderer
    from briefkit.content.social import card_text
    from briefkit.content.templating import layered_files
    from briefkit.content.view import build_views
    from briefkit.pipeline import images, manifest
    from briefkit.pipeline.layout import refuse_foreign
    from briefkit.web import DocsRenderer, search
    from briefkit.web.cards import CardCache, render_cards
    from briefkit.web.engine import site
    from briefkit.web.feeds import render_feeds
    from briefkit.web.place_feeds import render_place_feeds

    config, out = plan.config, plan.layout
    # Theme overrides first: MkDocs checks that theme.custom_dir exists when it loads the config.
    overrides = layered_files(config, site.OVERRIDES_TEMPLATES)
    refuse_foreign(out.overrides, fsio.sync_tree(out.overrides, overrides))
    out.docs.mkdir(parents=True, exist_ok=True)
    engine = site.load(config, docs_dir=out.docs, site_dir=out.site, overrides_dir=out.overrides, reporter=reporter)
    if plan.loaded.edition is not None:  # a non-public edition's own address, never the public one
        from briefkit.editions.build import configure_engine

        configure_engine(engine.mk, plan.loaded.edition)
    markdown = site.markdown_settings(engine.mk, config.options.html)

    body = BodyRenderer(markdown)
    pictures = images.media(config, plan.images, prints=plan.pdf)
    views = build_views(
        plan.corpus, body, now=plan.info.now, tz=config.tz, histories=plan.histories, history_limit=plan.info.history, media=pictures
    )
    renderer = DocsRenderer(config, plan.corpus, plan.info, body, books=plan.book_links, views=views)
    pages = renderer.render()
    # Share cards of the briefs this build shows, as it shows them (an edition's tearline, never the withheld brief).
    cards = render_cards(
        CardCache(config.build_dir / "cache" / "cards"),
        ((v.slug, card_text(v, plan.info.name, config.tz)) for v in views.briefs),
    )
    renditions = images.rendition_files(pictures)
    shared = {**cards, **renditions}  # a feed entry names its image only when the build publishes that file
    groups = (
        (cards, "a share card"),
        (render_feeds(renderer, shared), "a feed"),
        (render_place_feeds(renderer, shared), "a feed"),
        (search.search_pages(config), "the search page"),
        (plan.assets, "an asset"),
        (renditions, "an image rendition"),
    )
    # The plan claimed these paths already; this catches a rendered file it did not foresee landing on another.
    rendered = OutputRegistry(out.root)
    for path in pages:
        rendered.claim(DOCS + path, plan.registry.source_of(DOCS + path) or Source("a generated page"))
    docs = dict(pages)
    for files, what in groups:
        for path in files:
            rendered.claim(DOCS + path, Source(what))
        docs.update(files)
    problems = rendered.problems()
    if problems:
        raise BriefkitError(f"{len(problems)} output path(s) written twice; nothing was built", problems=problems)

    record = {
        "sources": plan.sources,
        **manifest.inputs(
            docs=docs, overrides=overrides, engine=manifest.engine_digest(config, engine, out.root, out.overrides), switches=plan.switches
        ),
    }
    return Rendered(plan, engine, markdown, docs, overrides, views, record)
