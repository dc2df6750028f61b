"""What a reader's browser asks for: nothing missing, nothing from a third party, the shipped fonts.

Every tag page used to request /tags/<tag>/sitemap.xml and get a 404 (Material took the tag feed's
rel=alternate link for a language version), and the CSS named fonts it did not ship.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Request, Response
from qualitytools import PAGES

from tests.conftest import serve_dir


@pytest.mark.parametrize("variant", ["material", "pagefind"])
def test_no_page_requests_a_missing_file_or_another_host(browser: Browser, demo_site: Path, demo_pagefind: Path, variant: str) -> None:
    site = demo_site if variant == "material" else demo_pagefind
    missing: list[str] = []
    elsewhere: list[str] = []
    requested: list[str] = []
    with serve_dir(site) as base:
        page = browser.new_page()

        def on_request(request: Request) -> None:
            requested.append(request.url)
            if not request.url.startswith(base + "/") and not request.url.startswith("data:"):
                elsewhere.append(request.url)

        def on_response(response: Response) -> None:
            if response.status >= 400:
                missing.append(f"{response.status} {response.url} (from {page.url})")

        page.on("request", on_request)
        page.on("response", on_response)
        urls = [u for name, u in PAGES.items() if variant == "pagefind" or name != "search"]
        for url in [*urls, "tags/lng/", "tags/cybercrime/", "404.html"]:
            page.goto(f"{base}/{url}", wait_until="networkidle")
        if variant == "pagefind":
            page.goto(f"{base}/search/?q=gas", wait_until="networkidle")
            page.wait_for_selector(".bk-result")
        page.close()
    assert missing == []
    assert elsewhere == []
    assert any(u.endswith("sitemap.xml") for u in requested)  # Material still reads the site's own sitemap


def test_shipped_fonts_are_used(browser: Browser, demo_site: Path) -> None:
    fonts: list[str] = []
    with serve_dir(demo_site) as base:
        page = browser.new_page()
        page.on("response", lambda r: fonts.append(r.url.rsplit("/", 1)[-1]) if r.url.endswith(".woff2") and r.ok else None)
        page.goto(f"{base}/{PAGES['brief']}", wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => `${f.family} ${f.weight} ${f.style}`)")
        families = page.evaluate(
            "() => ['.bk-body p', '.bk-head__title', '.bk-byline'].map(s => getComputedStyle(document.querySelector(s)).fontFamily.split(',')[0])"
        )
        page.close()
    assert {"source-serif-4-latin-400-normal.woff2", "source-serif-4-latin-700-normal.woff2", "inter-latin-400-normal.woff2"} <= set(fonts)
    assert {"Source Serif 4 400 normal", "Source Serif 4 700 normal", "Inter 400 normal"} <= set(loaded), loaded
    assert [f.strip('"') for f in families] == ["Source Serif 4", "Source Serif 4", "Inter"]


def test_fonts_ship_with_their_licence() -> None:
    fonts = Path(__file__).resolve().parents[2] / "templates" / "assets" / "fonts"
    woff2 = sorted(p.name for p in fonts.glob("*.woff2"))
    assert woff2 and all(p.read_bytes()[:4] == b"wOF2" for p in fonts.glob("*.woff2"))
    for licence in ("OFL-SourceSerif4.txt", "OFL-Inter.txt"):
        assert "SIL Open Font License, Version 1.1" in (fonts / licence).read_text(encoding="utf-8")
