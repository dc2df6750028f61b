"""Issue 6's scale test: one query on a 10,000-brief site with `search: pagefind` costs ≤ 300 KB.

Slow (it builds the whole site): excluded from `make test`, run by `make test-scale`.
The figures are printed and written to build/bench/search-scale.json for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from benchmarks import corpus
from briefkit.web.search import BUNDLE_DIR
from tests.conftest import CHROMIUM_ARGS, REPO, chromium_path, serve_dir
from tests.web.searchtools import Traffic, brief_cli, search

BRIEFS = 10_000
BUDGET = 300 * 1000  # bytes, all responses caused by one query


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@pytest.mark.slow
def test_one_query_on_a_10000_brief_site(tmp_path: Path) -> None:
    made = corpus.generate(tmp_path, BRIEFS, seed=1, search="pagefind")
    built = brief_cli(tmp_path, "build", "--no-pdf", timeout=3600)
    assert built.returncode == 0, built.stdout + built.stderr[-3000:]
    site = tmp_path / "build" / "site"
    assert list(site.rglob("search_index.json")) == []
    target = next(b for b in made[7777:] if b.public)  # any public brief deep in the archive

    traffic = Traffic()
    with serve_dir(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("response", traffic.record)
        page.goto(base + "/search/")
        page.wait_for_load_state("networkidle")
        page_load = Traffic.total(traffic.responses)
        mark = len(traffic.responses)
        search(page, target.codename)
        titles = page.locator(".bk-result__title")
        expect(titles.first).to_be_visible(timeout=30_000)
        page.wait_for_load_state("networkidle")
        shown = titles.all_text_contents()
        status = page.locator(".bk-search__status").text_content()
        query = traffic.since(mark)
        # Then the reader opens the filters: their value lists load now, not with every query.
        mark = len(traffic.responses)
        page.locator(".bk-search__filters summary").click()
        expect(page.locator("#bk-filter-tag")).to_be_enabled(timeout=30_000)
        page.wait_for_load_state("networkidle")
        filter_load = traffic.since(mark)
        filters = {name: page.locator(f"#bk-filter-{name} option").count() - 1 for name in ("section", "tag", "year")}
        browser.close()

    query = [(u, n) for u, n in query if "/pagefind/" in u or "/search/" in u]  # not the favicon a late page-load fetch
    query_bytes = Traffic.total(query)
    figures = {
        "briefs": BRIEFS,
        "public_briefs": sum(b.public for b in made),
        "query": target.codename,
        "expected_title": target.title,
        "results_shown": shown,
        "status": status,
        "filter_values": filters,
        "query_requests": len(query),
        "query_bytes": query_bytes,
        "query_responses": sorted(((u.split("/pagefind/")[-1], n) for u, n in query), key=lambda x: -x[1]),
        "filter_lists_bytes": Traffic.total(filter_load),
        "filter_lists_requests": len(filter_load),
        "search_page_load_bytes": page_load,
        "pagefind_bundle_bytes": _folder_bytes(site / BUNDLE_DIR),
        "pagefind_bundle_files": sum(1 for f in (site / BUNDLE_DIR).rglob("*") if f.is_file()),
    }
    out = REPO / "build" / "bench" / "search-scale.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in figures.items() if k != "query_responses"}, indent=2, ensure_ascii=False))

    assert target.title in shown
    assert all(n > 0 for n in filters.values())
    assert query_bytes <= BUDGET, f"{query_bytes} bytes for one query: {figures['query_responses'][:8]}"
