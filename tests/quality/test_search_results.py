"""Pagefind results as a reader sees them (templates/search/pagefind-search.js), in Debian's chromium."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser

from tests.conftest import serve_dir

RESULTS = """() => [...document.querySelectorAll('.bk-result')].map(li => ({
    title: li.querySelector('.bk-result__title').textContent,
    section: li.querySelector('.bk-result__section')?.textContent ?? '',
    date: li.querySelector('.bk-result__date')?.textContent ?? '',
    excerpt: li.querySelector('.bk-result__excerpt')?.textContent ?? '',
    marks: [...li.querySelectorAll('mark')].map(m => [m.previousSibling?.textContent ?? '', m.textContent, m.nextSibling?.textContent ?? '']),
    lists: li.querySelectorAll('ul').length,
    bullet: getComputedStyle(li).listStyleType,
}))"""


def _search(browser: Browser, site: Path, query: str) -> list[dict[str, Any]]:
    with serve_dir(site) as base:
        page = browser.new_page()
        page.goto(f"{base}/search/?q={query}", wait_until="networkidle")
        page.wait_for_selector(".bk-result .bk-result__title")
        page.wait_for_timeout(200)
        results: list[dict[str, Any]] = page.evaluate(RESULTS)
        page.close()
    return results


def test_results_show_section_date_and_a_snippet(browser: Browser, demo_pagefind: Path) -> None:
    results = _search(browser, demo_pagefind, "gas storage")
    assert results[0]["title"].startswith("Europe enters winter with gas storage")
    for r in results:
        assert r["section"] and re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", r["date"]), r
        assert r["lists"] == 0 and r["bullet"] == "none", r
    # The best hit has a snippet, and it is not only its own title and summary again.
    assert results[0]["excerpt"] and results[0]["marks"]
    assert not results[0]["excerpt"].startswith(results[0]["title"][:30])


def test_excerpts_keep_the_spaces_around_highlights(browser: Browser, demo_pagefind: Path) -> None:
    """decode() dropped each text part's leading space: 'gas<mark>storage</mark>levels'."""
    marks = [m for r in _search(browser, demo_pagefind, "storage") for m in r["marks"]]
    assert len(marks) >= 3
    for before, word, after in marks:
        assert not before or not before[-1].isalnum(), (before, word, after)
        assert not after or not after[0].isalnum(), (before, word, after)
    # The kicker and kind badge are not indexed as one glued word.
    excerpts = " ".join(r["excerpt"] for r in _search(browser, demo_pagefind, "analysis"))
    assert not re.search(r"[a-z](Analysis|Explainer|Opinion)\b", excerpts), excerpts
