"""`search: pagefind`: a small site built with the real CLI, indexed by the real Pagefind, searched in chromium."""

from __future__ import annotations

import hashlib
import json
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import html as lxml_html
from playwright.sync_api import Browser, Page, expect

from briefkit.common.report import Reporter
from briefkit.config import load_config
from briefkit.web.search import BUNDLE_DIR, index_site, search_pages
from tests.conftest import brief_yaml, serve_dir, site_config
from tests.web.searchtools import Traffic, brief_cli, search

CONFIG = site_config(
    "Search test",
    theme="name: material\nlanguage: en\nfeatures:\n  - navigation.tabs",
    timezone=None,
    default_handling=None,
    options="search: {search}",
)

BRIEFS = {
    "valmoria-deal": brief_yaml(
        title="Valmoria pipeline deal signed",
        summary="The two utilities agree to share the new interconnector.",
        section="Energy / Gas",
        date="2025-03-04",
        tags=["Pipelines", "Gas markets"],
        body="Engineers in Valmoria start work on the compressor station in spring.\n",
    ),
    "karvelo-outage": brief_yaml(
        title="Karvelo grid outage",
        summary="A substation fire cut power to the northern districts.",
        section="Energy / Power",
        date="2026-11-20",
        tags=["Grids"],
        body="Crews restored power to most homes by the evening.\n",
    ),
    "ostrand-election": brief_yaml(
        title="Ostrand election called",
        summary="The coalition collapsed over the budget.",
        section="Politics / Europe",
        date="2024-06-01",
        tags=["Elections"],
        body="Voters go to the polls in September.\n",
    ),
    # Never public: must be in no page and no index.
    "zembrolite-draft": brief_yaml(title="Zembrolite draft", status="draft", body="Zembrolite appears only here.\n"),
    "quelvarine-amber": brief_yaml(title="Quelvarine restricted", handling="TLP:AMBER", body="Quelvarine appears only here.\n"),
    "tamfenia-embargo": brief_yaml(
        title="Tamfenia embargoed", publish_at="2027-01-01T09:00:00+00:00", body="Tamfenia appears only here.\n"
    ),
}


def make_site(root: Path, search_backend: str) -> Path:
    (root / "briefs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(textwrap.dedent(CONFIG).format(search=search_backend), encoding="utf-8")
    for slug, text in BRIEFS.items():
        (root / "briefs" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    result = brief_cli(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "build" / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("pagefind"), "pagefind")


def _tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pagefind_replaces_materials_index(site: Path) -> None:
    assert list(site.rglob("search_index.json")) == []
    entry = json.loads((site / BUNDLE_DIR / "pagefind-entry.json").read_text())
    assert [lang["page_count"] for lang in entry["languages"].values()] == [3]  # the three public briefs
    assert (site / BUNDLE_DIR / "pagefind.js").is_file()
    home = lxml_html.parse(str(site / "index.html")).getroot()
    assert home.cssselect(".md-search") == []  # Material's search box is gone
    assert [a.text_content().strip() for a in home.cssselect("a.md-tabs__link") if a.get("href") == "search/"] == ["Search"]


def test_search_page_has_query_and_filters(site: Path) -> None:
    page = lxml_html.parse(str(site / "search" / "index.html")).getroot()
    (root,) = page.cssselect("[data-bk-search]")
    assert root.get("data-bundle") == "../pagefind/"
    assert page.cssselect("form[role=search] input#bk-search-q[type=search]")
    assert [s.get("data-filter") for s in page.cssselect("select[data-filter]")] == ["section", "tag", "place", "year"]
    assert [s.get("src") for s in page.cssselect("script[type=module]")] == ["pagefind-search.js"]
    assert (site / "search" / "pagefind-search.js").is_file()


def test_brief_pages_carry_filters_and_result_fields(site: Path) -> None:
    page = lxml_html.parse(str(site / "briefs" / "valmoria-deal" / "index.html")).getroot()
    (body,) = page.cssselect("[data-pagefind-body]")
    filters = sorted((el.get("data-pagefind-filter"), el.text_content().strip()) for el in body.cssselect("[data-pagefind-filter]"))
    assert ("section", "Gas") in filters and ("tag", "Pipelines") in filters and ("tag", "Gas markets") in filters
    assert any(f[0].startswith("year:2025") for f in filters)
    metas = {el.get("data-pagefind-meta").split(":")[0] for el in body.cssselect("[data-pagefind-meta]")}
    assert {"title", "summary", "date"} <= metas


def _stable(digest: dict[str, str]) -> dict[str, str]:
    """Pagefind's word index and result fragments are stable between runs; its filter and metadata
    files are not (Pagefind/pagefind#638: written from hash maps), nor the entry file naming them."""
    return {k: v for k, v in digest.items() if not (k.startswith("filter/") or k.endswith(".pf_meta") or k == "pagefind-entry.json")}


def test_index_is_stable_and_replaced_whole(site: Path) -> None:
    before = _tree_digest(site / BUNDLE_DIR)
    (site / BUNDLE_DIR / "stale.pf_index").write_bytes(b"old")
    config = load_config(site.parent.parent)
    index_site(config, site, Reporter(quiet=True))
    after = _tree_digest(site / BUNDLE_DIR)
    assert "stale.pf_index" not in after
    assert _stable(after) == _stable(before)
    assert len(_stable(before)) > 10 and sorted(after) != [] and len(after) == len(before)


def test_material_stays_the_default(tmp_path: Path) -> None:
    built = make_site(tmp_path, "material")
    assert (built / "search" / "search_index.json").is_file()
    assert not (built / BUNDLE_DIR).exists()
    assert not (built / "search" / "index.html").exists()
    config = load_config(tmp_path)
    assert search_pages(config) == {}
    index_site(config, built, Reporter(quiet=True))  # a no-op for Material search
    assert not (built / BUNDLE_DIR).exists()


# -- in a real browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve_dir(site) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    page.close()
    assert errors == []


def test_query_finds_the_brief_with_title_date_and_summary(page: Page, base_url: str) -> None:
    traffic = Traffic()
    page.on("response", traffic.record)
    page.goto(base_url + "/search/")
    page.wait_for_load_state("networkidle")
    assert not any("/pagefind/" in url for url, _ in traffic.responses)  # nothing loads before a reader searches
    search(page, "Valmoria")
    result = page.locator(".bk-result")
    expect(result).to_have_count(1)
    expect(result.locator(".bk-result__title")).to_have_text("Valmoria pipeline deal signed")
    expect(result.locator(".bk-result__date")).to_have_text("4 March 2025")
    expect(result.locator(".bk-result__summary")).to_have_text("The two utilities agree to share the new interconnector.")
    expect(result.locator(".bk-result__excerpt mark").first).to_have_text("Valmoria")
    expect(page.locator(".bk-search__status")).to_have_text("1 briefing found.")
    assert result.locator(".bk-result__title").get_attribute("href") == base_url + "/briefs/valmoria-deal/"
    assert "q=Valmoria" in page.url  # a search can be linked
    assert not any("search_index.json" in url for url, _ in traffic.responses)
    # A plain query fetches no filter lists and no worker script.
    assert not any("/pagefind/filter/" in url or "pagefind-worker" in url for url, _ in traffic.responses)
    result.locator(".bk-result__title").click()
    page.wait_for_url(base_url + "/briefs/valmoria-deal/")


def test_filters_exist_and_narrow_the_results(page: Page, base_url: str) -> None:
    page.goto(base_url + "/search/?q=Valmoria")
    expect(page.locator(".bk-result__title")).to_have_text(["Valmoria pipeline deal signed"])
    expect(page.locator("#bk-filter-tag")).to_be_disabled()  # the lists load when the reader opens the filters
    page.locator(".bk-search__filters summary").click()
    section, tag, year = (page.locator(f"#bk-filter-{name} option") for name in ("section", "tag", "year"))
    expect(section).to_have_text(["Any section", "Europe (1)", "Gas (1)", "Power (1)"])
    expect(tag).to_have_text(["Any tag", "Elections (1)", "Gas markets (1)", "Grids (1)", "Pipelines (1)"])
    expect(year).to_have_text(["Any year", "2026 (1)", "2025 (1)", "2024 (1)"])
    page.locator("#bk-filter-year").select_option("2024")
    expect(page.locator(".bk-search__status")).to_have_text("No briefings found.")
    expect(page.locator(".bk-result")).to_have_count(0)
    page.locator("#bk-filter-year").select_option("2025")
    expect(page.locator(".bk-result__title")).to_have_text(["Valmoria pipeline deal signed"])
    # A filter alone, without words, lists what it selects.
    page.locator("#bk-search-q").fill("")
    page.locator("#bk-filter-year").select_option("")
    page.locator("#bk-filter-tag").select_option("Elections")
    expect(page.locator(".bk-result__title")).to_have_text(["Ostrand election called"])
    assert "tag=Elections" in page.url
    # The URL restores the filter.
    page.goto(page.url)
    expect(page.locator("#bk-filter-tag")).to_have_value("Elections")
    expect(page.locator(".bk-result__title")).to_have_text(["Ostrand election called"])


@pytest.mark.parametrize("word", ["Zembrolite", "Quelvarine", "Tamfenia"])
def test_non_public_briefs_are_not_found(page: Page, base_url: str, word: str) -> None:
    page.goto(base_url + "/search/")
    search(page, word)
    expect(page.locator(".bk-search__status")).to_have_text("No briefings found.")
    expect(page.locator(".bk-result")).to_have_count(0)
