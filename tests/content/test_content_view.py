"""One view model per brief: each body converted once per build, and web and print showing the same body."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import lxml.etree
import lxml.html
from viewtools import element, shape, site_files

from briefkit.common.report import Reporter
from briefkit.config import load_config
from briefkit.content import markup
from briefkit.content.markup import BodyRenderer, HtmlPolicy, MarkdownSettings
from briefkit.content.view import build_views
from briefkit.model import Corpus
from briefkit.pdf.books import Book
from briefkit.pdf.documents import DocumentBuilder
from briefkit.pdf.extensions import markdown_settings
from briefkit.pdf.render import Job, Renderer, RenderSettings
from briefkit.pipeline.stages import build, load_valid
from tests.conftest import FileTree

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_a_build_converts_each_body_once_for_pages_feeds_and_pdfs(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    config = load_config(root)
    before = markup.conversions()
    result = build(config, Reporter(quiet=True), now=NOW, jobs=1)
    converted = markup.conversions() - before

    # Three briefs, two distinct bodies (beta and gamma say the same): two conversions for the whole build.
    assert converted == 2
    assert result.briefs == 3
    for slug in ("alpha", "beta", "gamma"):
        assert (root / f"build/site/pdf/{slug}.pdf").stat().st_size > 0
    feed = lxml.etree.parse(str(root / "build/site/feed.xml"))
    contents = feed.findall(".//{http://www.w3.org/2005/Atom}content")
    assert len(contents) == 3


def test_the_body_renderer_keeps_each_conversion_by_the_digest_of_the_markdown() -> None:
    renderer = BodyRenderer()
    before = markup.conversions()
    first = renderer.html("Some *text*.\n")
    assert renderer.html("Some *text*.\n") == first
    assert markup.conversions() - before == 1
    renderer.html("Other *text*.\n")
    assert markup.conversions() - before == 2
    # Other settings are another renderer with its own conversions: no result crosses settings.
    narrow = BodyRenderer(MarkdownSettings(extensions=()))
    assert narrow.html("Some *text*.\n") == first
    assert markup.conversions() - before == 3


def test_print_reads_the_body_from_the_view_model_not_from_the_markdown(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    config = load_config(root)
    corpus = load_valid(config, Reporter(quiet=True)).corpus
    views = build_views(corpus, BodyRenderer(markdown_settings(config)), now=NOW, tz=config.tz)
    alpha = views.by_slug["alpha"]
    marked = dataclasses.replace(alpha, article_html="<p>Converted by the build.</p>")
    renderer = Renderer(RenderSettings(config, MarkdownSettings(), NOW, False))
    before = markup.conversions()
    doc = renderer.document(Job("k", "alpha.pdf", root / "alpha.pdf", brief=alpha.brief, views=(marked,)))

    body = element(doc.html, "body")
    assert [p.text_content() for p in body.iter("p")] == ["Converted by the build."]
    assert markup.conversions() == before  # the worker's renderer converts nothing


def test_print_ids_links_and_images_are_set_by_the_nh3_attribute_filter(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    config = load_config(root)
    corpus = load_valid(config, Reporter(quiet=True)).corpus
    extra = dataclasses.replace(corpus.briefs[0], slug="delta", body='<a id="top" name="start" href="#top">Back</a>\n')
    corpus = Corpus((*corpus.briefs, extra), corpus.tags)
    views = build_views(corpus, BodyRenderer(markdown_settings(config)), now=NOW, tz=config.tz)
    members = tuple(views.by_slug[s].brief for s in ("alpha", "beta", "delta"))
    book = Book("test", "tag", "Test", "Tag", "A test book.", members, len(members))
    doc = DocumentBuilder(config, HtmlPolicy(markdown_settings(config)), NOW).book(book, views.by_slug)
    page = lxml.html.document_fromstring(doc.html)

    alpha = page.get_element_by_id("brief-alpha").find_class("body")[0]
    assert alpha.find(".//h2").get("id") == "alpha--findings"
    assert {a.get("href") for a in alpha.iter("a")} == {
        "#alpha--fn:1",
        "#alpha--fnref:1",
        "https://example.org/statement?a=1&b=2",
        "#beta--context",  # a brief in the same book: a link inside the book
    }
    assert {el.get("id") for el in alpha.iter() if el.get("id")} == {"alpha--findings", "alpha--fnref:1", "alpha--fn:1"}
    image = alpha.find(".//img")
    assert image.get("src") == (root / "assets/map.png").as_uri()
    assert doc.refs[image.get("src")] == ("alpha", "image")
    assert [th.get("scope") for th in alpha.iter("th")] == ["col", "col"]  # kept from the web's cleaning

    # Every id and name of an element is prefixed, not only the first (a book holds many bodies).
    delta = page.get_element_by_id("brief-delta").find_class("body")[0]
    anchor = delta.find(".//a")
    assert (anchor.get("id"), anchor.get("name"), anchor.get("href")) == ("delta--top", "delta--start", "#delta--top")

    # Alone, alpha's link to beta goes to beta's web page.
    single = lxml.html.document_fromstring(
        DocumentBuilder(config, HtmlPolicy(markdown_settings(config)), NOW).brief(views.by_slug["alpha"]).html
    )
    assert "https://example.org/briefs/beta/#context" in {a.get("href") for a in single.iter("a")}


def test_web_page_and_print_show_the_same_converted_body(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    config = load_config(root)
    build(config, Reporter(quiet=True), now=NOW, pdf=False)
    corpus = load_valid(config, Reporter(quiet=True)).corpus
    views = build_views(corpus, BodyRenderer(markdown_settings(config)), now=NOW, tz=config.tz)

    web = element((root / "build/site/briefs/alpha/index.html").read_text(encoding="utf-8"), "bk-body")
    printed = element(DocumentBuilder(config, HtmlPolicy(markdown_settings(config)), NOW).brief(views.by_slug["alpha"]).html, "body")
    assert shape(web) == shape(printed, id_prefix="alpha--")
    assert len(shape(web)) > 10  # headings, paragraphs, links, a table, footnotes
    assert web.find_class("headerlink") and not printed.find_class("headerlink")
