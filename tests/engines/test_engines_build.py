"""The generated folder (build/docs + build/mkdocs.yml) builds with Zensical, ProperDocs and MkDocs.

Each engine is the version pinned in pyproject's [test] extra, run through its own command line.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
import yaml
from enginetools import MKDOCS_YML, copy_demo, h1, run, site_files, titles, tree

from tests.conftest import FileTree

ENGINES = ("zensical", "properdocs", "mkdocs")
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo newsroom built once by `brief build`, then its generated folder by each engine into build/<engine>-site."""
    root = copy_demo(tmp_path_factory.mktemp("demo"))
    run("brief", "build", "--no-pdf", cwd=root)
    for engine in ENGINES:
        run(engine, "build", "-f", "build/mkdocs.yml", cwd=root)
        shutil.move(root / "build" / "engine-site", root / "build" / f"{engine}-site")
    return root


def public_slugs(root: Path) -> list[str]:
    """The briefs `brief build` published (its generated folder has a page for each, and nothing else under briefs/)."""
    slugs = sorted(p.parent.name for p in (root / "build" / "docs" / "briefs").glob("*/index.md"))
    assert len(slugs) >= 10, "the demo publishes a dozen briefs"
    return slugs


@pytest.mark.parametrize("engine", ENGINES)
def test_engine_builds_every_public_brief_with_briefkits_page_and_theme(demo: Path, engine: str) -> None:
    site = demo / "build" / f"{engine}-site"
    names = titles(demo / "briefs")
    for slug in public_slugs(demo):
        page = site / "briefs" / slug / "index.html"
        assert page.is_file(), f"{engine}: no page for {slug}"
        assert h1(page) == " ".join(names[slug].split())
        doc = lxml.html.fromstring(page.read_bytes())
        # briefkit's content, not just a title: the article, its bottom line and body.
        assert doc.cssselect(".bk-brief .bk-bluf")[0].text_content().strip()
        assert doc.cssselect(".bk-brief .bk-body")[0].text_content().strip()
        # briefkit's theme override (main.html) ran: its stylesheet, feed link and Open Graph title.
        assert any(href.endswith("assets/briefkit.css") for href in doc.xpath("//link[@rel='stylesheet']/@href"))
        assert doc.xpath("//meta[@property='og:title']/@content") == [" ".join(names[slug].split())]
    # Only public briefs: every brief page the engine wrote is one brief build published.
    assert sorted(p.name for p in (site / "briefs").iterdir() if p.is_dir()) == public_slugs(demo)
    assert (site / "feed.xml").is_file()


def test_zensical_builds_briefkits_sitemap_override(demo: Path) -> None:
    """Zensical lists pages, not files, and stops on an undefined value: the override serves both."""
    urlset = lxml.etree.parse(str(demo / "build" / "zensical-site" / "sitemap.xml")).getroot()
    assert urlset.tag == f"{SM}urlset"
    entries = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in urlset.iter(f"{SM}url")}
    for slug in public_slugs(demo):
        lastmod = entries[f"https://briefs.example.org/briefs/{slug}/"]
        assert lastmod and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", lastmod), lastmod


def test_mkdocs_and_properdocs_pages_are_byte_identical(demo: Path) -> None:
    """Byte for byte, but for the generator <meta>, which names the engine."""
    mkdocs, properdocs = tree(demo / "build" / "mkdocs-site"), tree(demo / "build" / "properdocs-site")
    assert sorted(mkdocs) == sorted(properdocs)
    pages = [name for name in mkdocs if name.endswith(".html")]
    assert len(pages) > 50
    for name in mkdocs:
        if name.endswith(".html"):
            assert GENERATOR.sub(b"", mkdocs[name]) == GENERATOR.sub(b"", properdocs[name]), name
        else:
            assert mkdocs[name] == properdocs[name], name
    # The one difference: each names itself.
    assert GENERATOR.findall(mkdocs["index.html"])[0].startswith(b'<meta name="generator" content="mkdocs-1.')
    assert GENERATOR.findall(properdocs["index.html"])[0].startswith(b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7,')


def test_engines_never_touch_briefkits_site(demo: Path) -> None:
    """The engine config builds into build/engine-site/: build/site (PDFs, search, sitemap index) stays brief build's."""
    site = demo / "build" / "site"
    assert (site / "sitemaps" / "pages.xml").is_file()
    assert not (site / "search.json").exists(), "Zensical's search index would mean Zensical wrote build/site"
    urlset = lxml.etree.parse(str(site / "sitemap.xml")).getroot()
    assert urlset.tag == f"{SM}sitemapindex"


def test_every_build_leaves_an_engine_config_without_briefkit(build_file_tree: FileTree) -> None:
    root = build_file_tree({**site_files(), "mkdocs.yml": MKDOCS_YML + "not_in_nav: |\n  /extra/\n"})
    run("brief", "build", "--no-pdf", cwd=root)
    engine = root / "build" / "mkdocs.yml"
    engine.unlink()  # e.g. a site built before briefkit wrote one: "up to date" must not skip it
    run("brief", "build", "--no-pdf", cwd=root)
    data = yaml.safe_load(engine.read_text(encoding="utf-8"))
    assert (data["docs_dir"], data["site_dir"], data["theme"]["custom_dir"]) == ("docs", "engine-site", "overrides")
    assert data["plugins"] == ["search"]
    assert data["nav"][0] == {"Home": "index.md"}
    assert data["not_in_nav"].splitlines() == ["/extra/", "/briefs/", "/tags/*/", "/sections/*/", "/archive/*/", "/places/", "/search/"]
