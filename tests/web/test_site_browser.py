"""The built site in a real browser: Debian's chromium, driven by Playwright, over local HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import brief_yaml, serve_dir
from tests.web.sitetools import Site

WORD = "quixotically"

FILES: dict[str, str | bytes] = {
    "briefs/ports.yaml": brief_yaml(
        title="Gdansk port upgrades for military mobility",
        summary="New rail sidings will move heavy equipment faster.",
        section="Geopolitics / Europe / Baltic",
        date="2026-11-22",
        tags=["Military mobility", "Ports"],
        body=f"The port authority, acting {WORD} by some accounts, approved the sidings.\n",
    ),
    "briefs/rail.yaml": brief_yaml(
        title="Rail gauge talks stall",
        summary="Talks on a common gauge stall again.",
        section="Geopolitics / Europe",
        date="2026-11-21",
        tags=["Military mobility"],
        body="The talks stalled on cost sharing.\n",
    ),
    "briefs/grain.yaml": brief_yaml(
        title="Grain exports recover",
        summary="Black Sea grain shipments are back to pre-war levels.",
        section="Economy / Trade",
        date="2026-11-19",
        tags=["Ports", "Food"],
        body="Shipments recovered in October.\n",
    ),
}


@pytest.fixture(scope="module")
def base_url(make_site) -> Iterator[str]:  # type: ignore[no-untyped-def]
    site: Site = make_site(FILES)
    with serve_dir(site.out) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    page.close()
    assert errors == []


def test_home_to_tag_to_brief_with_breadcrumb(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    expect(page.locator(".bk-card--lead .bk-card__title")).to_have_text("Gdansk port upgrades for military mobility")
    page.locator(".bk-rail .bk-chip", has_text="Military mobility").click()
    page.wait_for_url(base_url + "/tags/military-mobility/")
    expect(page.locator(".bk-listhead h1")).to_have_text("Military mobility")
    expect(page.locator(".bk-count-text")).to_have_text("2 briefings")
    page.locator(".bk-card__title a", has_text="Gdansk port upgrades").click()
    page.wait_for_url(base_url + "/briefs/ports/")
    expect(page.locator("h1.bk-head__title")).to_have_text("Gdansk port upgrades for military mobility")
    crumbs = page.locator(".bk-crumbs li")
    expect(crumbs).to_have_text(["Home", "Geopolitics", "Europe", "Baltic"])
    page.locator(".bk-crumbs a", has_text="Europe").click()
    page.wait_for_url(base_url + "/sections/geopolitics/europe/")
    expect(page.locator(".bk-card__title")).to_have_text(["Gdansk port upgrades for military mobility", "Rail gauge talks stall"])


def test_search_finds_a_word_from_one_brief_body(page: Page, base_url: str) -> None:
    page.goto(base_url + "/", wait_until="networkidle")  # the search worker has loaded its index
    results = page.locator(".md-search-result__item")
    box = page.locator("input.md-search__input")
    for _attempt in range(3):
        page.keyboard.press("/")
        box.fill("")
        box.press_sequentially(WORD, delay=30)
        try:
            results.first.wait_for(timeout=5000)
            break
        except Exception:  # the worker may still be starting: type again
            continue
    expect(results).to_have_count(1)
    link = results.first.locator("a").first
    assert "/briefs/ports/" in (link.get_attribute("href") or "")
    expect(results.first).to_contain_text("Gdansk port upgrades for military mobility")
    link.click()
    page.wait_for_url(base_url + "/briefs/ports/**")
    expect(page.locator("h1.bk-head__title")).to_have_text("Gdansk port upgrades for military mobility")
