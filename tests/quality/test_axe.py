"""axe-core (npm) in Debian's chromium on every kind of page: no serious or critical violation.

Before: source links at 1.95:1 with no underline (link-in-text-block), Pagefind's <mark> at
4.41:1, heading order, Material's footer line at 4.47:1 and the scheme toggle hidden but focusable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser
from qualitytools import PAGES, run_axe

from tests.conftest import serve_dir

SERIOUS = {"serious", "critical"}


def _describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in violations)


@pytest.mark.parametrize("width", [1366, 390])
def test_no_serious_violation_on_any_page(browser: Browser, demo_pagefind: Path, width: int) -> None:
    found: dict[str, list[dict[str, Any]]] = {}
    with serve_dir(demo_pagefind) as base:
        page = browser.new_page(viewport={"width": width, "height": 900})
        for name, url in PAGES.items():
            page.goto(f"{base}/{url}", wait_until="networkidle")
            if name == "search":  # results, highlights and filters on screen
                page.locator("#bk-search-q").fill("gas storage")
                page.locator("#bk-search-q").press("Enter")
                page.wait_for_selector(".bk-result mark")
                page.locator("details.bk-search__filters summary").click()
                page.wait_for_selector("#bk-filter-section:not([disabled])")
            found[name] = [v for v in run_axe(page) if v["impact"] in SERIOUS]
        page.goto(f"{base}/404.html", wait_until="networkidle")
        found["404"] = [v for v in run_axe(page) if v["impact"] in SERIOUS]
        page.close()
    assert {name: _describe(v) for name, v in found.items() if v} == {}
    assert set(found) == {*PAGES, "404"}


def test_axe_really_runs_and_reports(browser: Browser, demo_pagefind: Path) -> None:
    """The same harness finds a violation that is there: a grey-on-grey paragraph added to a page."""
    with serve_dir(demo_pagefind) as base:
        page = browser.new_page()
        page.goto(f"{base}/", wait_until="networkidle")
        page.evaluate("""() => { const p = document.createElement('p'); p.textContent = 'faint text';
            p.style.cssText = 'color:#aaa;background:#bbb'; document.querySelector('.md-content').append(p); }""")
        ids = {v["id"] for v in run_axe(page)}
        page.close()
    assert "color-contrast" in ids
