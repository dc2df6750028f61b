"""Screenshots of a built site for docs/screenshots/ (not a test).

    /work/venv/bin/python tests/site/screenshots.py [build/site] [docs/screenshots]

Serves the site on 127.0.0.1 and drives Debian's chromium with Playwright,
1280x900: the home page, a brief, a tag page and Material's search results.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path[:0] = [str(Path(__file__).resolve().parents[2])]

from tests.conftest import CHROMIUM_ARGS, chromium_path, serve_dir  # noqa: E402


def main(site: Path, out: Path, brief: str = "", tag: str = "", query: str = "") -> None:
    out.mkdir(parents=True, exist_ok=True)
    brief = brief or sorted(p.name for p in (site / "briefs").iterdir())[0]
    tag = tag or sorted(p.name for p in (site / "tags").iterdir() if p.is_dir())[0]
    with serve_dir(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "/")
        page.screenshot(path=str(out / "site-home.png"))
        page.goto(f"{base}/briefs/{brief}/")
        page.screenshot(path=str(out / "site-brief.png"))
        page.goto(f"{base}/tags/{tag}/")
        page.screenshot(path=str(out / "site-tag.png"))
        page.goto(base + "/", wait_until="networkidle")  # the search worker has its index
        page.keyboard.press("/")
        page.locator("input.md-search__input").press_sequentially(query or "reactor", delay=40)
        page.wait_for_selector(".md-search-result__item")
        page.wait_for_timeout(300)
        page.screenshot(path=str(out / "site-search.png"))
        browser.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(Path(args[0] if args else "build/site"), Path(args[1] if len(args) > 1 else "docs/screenshots"), *args[2:])
