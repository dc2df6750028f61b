"""Screenshots of a built site for docs/screenshots/ (not a test).

    .venv/bin/python tests/web/screenshots.py [build/site] [docs/screenshots] [pagefind-site]

Serves the site on 127.0.0.1 and drives Debian's chromium with Playwright at a laptop's
1366x900 and a phone's 390x844: the home page, a brief, a tag page, the archive, the 404 page
Material's search results, a place page and the places index; with a third argument (the demo built with `search: pagefind`),
also the Pagefind search page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path[:0] = [str(Path(__file__).resolve().parents[2])]

from tests.conftest import CHROMIUM_ARGS, chromium_path, serve_dir  # noqa: E402

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def _shot(page: Page, url: str, path: Path, scroll_to: str = "") -> None:
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    if scroll_to:
        page.evaluate("s => window.scrollTo(0, document.querySelector(s).getBoundingClientRect().top + window.scrollY - 80)", scroll_to)
        page.wait_for_timeout(400)  # Material's header finishes its title swap
    page.screenshot(path=str(path))


def main(
    site: Path,
    out: Path,
    pagefind_site: Path | None = None,
    brief: str = "winter-gas-storage-outlook",
    tag: str = "china",
    place: str = "pl",
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        with serve_dir(site) as base:
            laptop = browser.new_page(viewport=LAPTOP)
            phone = browser.new_page(viewport=PHONE)
            _shot(laptop, base + "/", out / "site-home.png")
            _shot(phone, base + "/", out / "site-home-phone.png")
            _shot(laptop, f"{base}/briefs/{brief}/", out / "site-brief.png")
            _shot(phone, f"{base}/briefs/{brief}/", out / "site-brief-phone.png")
            _shot(phone, f"{base}/briefs/{brief}/", out / "site-brief-phone-table.png", ".bk-body table")
            _shot(phone, f"{base}/briefs/{brief}/", out / "site-brief-phone-related.png", ".bk-related")
            _shot(laptop, f"{base}/briefs/{brief}/", out / "site-brief-map.png", "figure.bk-locator")
            _shot(laptop, f"{base}/places/{place}/", out / "site-place.png")
            _shot(phone, f"{base}/places/{place}/", out / "site-place-phone.png")
            _shot(laptop, f"{base}/places/", out / "site-places.png")
            _shot(laptop, f"{base}/tags/{tag}/", out / "site-tag.png")
            _shot(laptop, base + "/archive/", out / "site-archive.png")
            _shot(laptop, base + "/404.html", out / "site-404.png")
            laptop.goto(base + "/", wait_until="networkidle")  # the search worker has its index
            laptop.keyboard.press("/")
            laptop.locator("input.md-search__input").press_sequentially("storage", delay=40)
            laptop.wait_for_selector(".md-search-result__item")
            laptop.wait_for_timeout(300)
            laptop.screenshot(path=str(out / "site-search.png"))
        if pagefind_site is not None:
            with serve_dir(pagefind_site) as base:
                page = browser.new_page(viewport=LAPTOP)
                page.goto(base + "/search/", wait_until="networkidle")
                page.locator("#bk-search-q").fill("gas storage")
                page.locator("#bk-search-q").press("Enter")
                page.wait_for_selector(".bk-result mark")
                page.wait_for_timeout(300)
                page.evaluate("document.activeElement.blur()")
                page.screenshot(path=str(out / "site-search-pagefind.png"))
        browser.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        Path(args[0] if args else "build/site"),
        Path(args[1] if len(args) > 1 else "docs/screenshots"),
        Path(args[2]) if len(args) > 2 else None,
    )
