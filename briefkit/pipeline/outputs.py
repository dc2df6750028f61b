"""What each output file is, in an editor's words: the claims a build makes in its :class:`OutputRegistry`.

The generated pages are enumerated here from the same listings the
renderer uses (:class:`briefkit.web.SiteIndex`, :func:`briefkit.web.pages.paginate`),
so a collision is found before anything renders.  Rendering checks what
it actually wrote again, by kind (:mod:`briefkit.pipeline.rendering`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from briefkit.config import Config
from briefkit.content.social import card_url
from briefkit.model import Brief, Corpus
from briefkit.pipeline.registry import OutputRegistry, Source
from briefkit.web import SiteIndex, SiteInfo, search, urls
from briefkit.web.pages import PageUrl, SectionNode, paginate
from briefkit.web.places import place_listings

if TYPE_CHECKING:
    from briefkit.editions.model import Edition
    from briefkit.pdf.books import Book

DOCS = "docs/"
SITE = "site/"


def site_info(config: Config, now: datetime, *, preview: bool, pdf: bool, edition: Edition | None = None) -> SiteInfo:
    """Site-wide facts for the templates, from the config and this run's switches."""
    return SiteInfo(
        name=config.site_name,
        url=config.site_url,
        description=config.site_description,
        language=config.language,
        tz=config.tz,
        search=config.options.search,
        page_size=config.options.tag_page_size,
        latest=config.options.latest,
        feed_size=config.options.feed_size,
        related=config.options.related,
        archive=config.options.archive,
        history=config.options.review.history,
        # This run's switches:
        edition=edition.shown_title if edition is not None and not edition.public else "",
        now=now,
        preview=preview,
        pdf=pdf,
    )


def page_sources(corpus: Corpus, info: SiteInfo) -> dict[str, list[Source]]:
    """Every generated page's docs path, with each thing that writes it (more than one is a collision)."""
    index = SiteIndex(corpus, info)
    pages: dict[str, list[Source]] = {}

    def add(url: str, source: Source) -> None:
        pages.setdefault(urls.source_path(url), []).append(source)

    add(urls.HOME, Source("the home page"))
    for brief in index.briefs:
        add(urls.brief(brief.slug), _brief_source(brief, f"brief {brief.path}"))
    add(urls.TAGS, Source("the tags page"))
    for slug, tag in index.tags.items():
        for pager in paginate(index.by_tag[slug], info.page_size, PageUrl(urls.tag(slug))):
            add(pager.url, Source(f"the {tag.name} tag listing" + _page(pager.number)))
    places = place_listings(index.briefs)
    if places:
        add(urls.PLACES, Source("the places page"))
    for code, listing in places.items():
        for pager in paginate(listing.briefs, info.page_size, PageUrl(urls.place(code))):
            add(pager.url, Source(f"the {listing.place.name} place listing" + _page(pager.number)))
    add(urls.SECTIONS, Source("the sections page"))
    for node in index.sections.values():
        for pager in paginate(node.briefs, info.page_size, PageUrl(node.url)):
            add(pager.url, _section_source(node, pager.number))
    add(urls.ARCHIVE, Source("the archive page"))
    for period in index.periods:
        add(period.url, Source(f"the archive of {period.title}"))
    return pages


def claim_pages(registry: OutputRegistry, corpus: Corpus, info: SiteInfo) -> None:
    for path, sources in page_sources(corpus, info).items():
        for source in sources:
            registry.claim(DOCS + path, source)
            registry.claim(SITE + published(path), source)


def claim_site_files(
    registry: OutputRegistry, config: Config, corpus: Corpus, *, assets: Mapping[str, bytes], books: Iterable[Book], pdf: bool
) -> None:
    """Everything but the pages: feeds, the search page, assets, PDFs, the search bundle, the sitemaps, the engine config."""
    from briefkit.web.engine.engines import ENGINE_CONFIG
    from briefkit.web.engine.site import SITEMAP_PAGES

    registry.claim(ENGINE_CONFIG, Source("the engine config"))
    _claim_docs(registry, [urls.FEED], Source("the site feed"))
    for slug in sorted({t.slug for b in corpus.briefs for t in b.tags}):
        _claim_docs(registry, [urls.tag_feed(slug)], Source(f"the feed of tag '{slug}'"))
    for code in sorted({code for b in corpus.briefs for code in b.places}):
        _claim_docs(registry, [urls.place_feed(code)], Source(f"the feed of place '{code}'"))
    for brief in corpus.briefs:  # only the briefs this build shows: a withheld brief has no card to claim
        _claim_docs(registry, [card_url(brief.slug)], _brief_source(brief, f"the share card of brief {brief.path}"))
    if search.enabled(config):
        _claim_docs(registry, [urls.source_path(search.SEARCH_URL)], Source("the search page"))
        _claim_docs(registry, [search.SEARCH_URL + n for n in ("pagefind-search.js", "pagefind-search.css")], Source("the search page"))
        registry.claim(SITE + search.BUNDLE_DIR, Source("the Pagefind search index"), folder=True)
    for name in sorted(assets):
        _claim_docs(registry, [name], Source(f"asset {name}"))
    for sitemap in (urls.SITEMAP, SITEMAP_PAGES):
        registry.claim(SITE + sitemap, Source("the sitemap"))
    if pdf:
        for brief in corpus.briefs:
            registry.claim(SITE + urls.pdf(brief.slug), _brief_source(brief, f"the PDF of brief {brief.path}"))
        for book in books:
            registry.claim(SITE + book.path, Source(f"the briefing book '{book.name}'"))


def published(path: str) -> str:
    """Where the engine publishes a docs file: ``x/index.md`` at ``x/index.html`` (``use_directory_urls``), others as they are."""
    if path.endswith(".md"):
        stem = path.removesuffix(".md")
        return (stem.removesuffix("index") if stem.endswith("index") else stem + "/") + "index.html"
    return path


def _claim_docs(registry: OutputRegistry, paths: Iterable[str], source: Source) -> None:
    for path in paths:
        registry.claim(DOCS + path, source)
        registry.claim(SITE + published(path), source)


def _page(number: int) -> str:
    return "" if number <= 1 else f" (page {number})"


def _section_source(node: SectionNode, number: int) -> Source:
    """A section's first page is there because of its briefs: name the first one, with its section."""
    if number > 1:
        return Source(f"the {node.section} section listing" + _page(number))
    exact = sorted((b for b in node.briefs if b.section.slugs == node.section.slugs), key=lambda b: b.path)
    if exact:
        return _brief_source(exact[0], f"brief {exact[0].path} (section {exact[0].section})", key=("section",))
    first = min(node.briefs, key=lambda b: b.path)
    return _brief_source(first, f"the {node.section} section listing (for brief {first.path}, section {first.section})", key=("section",))


def _brief_source(brief: Brief, what: str, key: tuple[str, ...] = ()) -> Source:
    return Source(what, brief.path, key)
