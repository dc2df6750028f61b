"""The page-subset primitive (``web.engine.subset``): some pages rendered, the others given, the site a full build's.

A site is built whole once; then MkDocs builds it again into other folders
rendering only some pages: the pages it renders match the full build's bytes,
and a site assembled from the nav pages plus the other pages as given
matches the full build file by file (theme, 404, sitemap, Material's search
index).  With ``search: pagefind``, whose index is made after MkDocs over the
final site, an incremental rebuild also equals a cold build (but for the index files
Pagefind itself does not write reproducibly).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from briefkit.common.report import Reporter
from briefkit.config import Config, load_config
from briefkit.web.engine import site, subset
from tests.conftest import FileTree, site_config
from tests.pipeline.sitebuilds import NAV_PAGES, brief, build, cold_copy, differences, small_site, tree


def _engine(root: Path, site_dir: Path) -> tuple[Config, Any]:
    config = load_config(root)
    build = root / "build"
    engine = site.load(config, docs_dir=build / "docs", site_dir=site_dir, overrides_dir=build / "overrides", reporter=Reporter(quiet=True))
    return config, engine.mk


def test_a_site_assembled_from_given_pages_is_the_full_build(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795608000")
    root = small_site(build_file_tree({}) / "site")
    build(root)  # the docs folder and theme overrides, as a build writes them
    reporter = Reporter(quiet=True)

    config, mk = _engine(root, root / "full")
    full = subset.build(mk, config, reporter, render=None)
    pages = subset.pages(mk, reporter)
    assert sorted(pages.in_nav) == sorted(NAV_PAGES)
    assert sorted(full.outputs) == sorted(pages.order)
    index = json.loads((root / "full/search/search_index.json").read_text(encoding="utf-8"))
    assert [e for p in pages.order for e in full.outputs[p].search] == index["docs"]

    one = "briefs/b2/index.md"
    config, mk = _engine(root, root / "one")
    some = subset.build(mk, config, reporter, render=pages.in_nav | {one})
    assert sorted(some.outputs) == sorted([*NAV_PAGES, one])
    assert some.outputs[one] == full.outputs[one]
    assert not (root / "one/briefs/b1/index.html").exists()  # not rendered, not written

    given = {src: page for src, page in full.outputs.items() if src not in pages.in_nav}
    config, mk = _engine(root, root / "assembled")
    subset.build(mk, config, reporter, render=pages.in_nav, provided=given)
    assert tree(root / "assembled") == tree(root / "full")


def test_with_pagefind_a_rebuild_equals_a_cold_build(build_file_tree: FileTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795608000")
    root = build_file_tree({}) / "site"
    root.mkdir()
    (root / "mkdocs.yml").write_text(site_config("Pagefind Desk", options="search: pagefind"), encoding="utf-8")
    for n in range(3):
        (root / f"briefs/b{n}.yaml").parent.mkdir(exist_ok=True)
        (root / f"briefs/b{n}.yaml").write_text(brief(n), encoding="utf-8")
    build(root)
    (root / "briefs/b1.yaml").write_text(brief(1, body="Another body, with a rare word: quillwort.\n"), encoding="utf-8")
    result = build(root)
    assert "briefs/b0/index.md" not in result.rendered
    assert "briefs/b1/index.md" in result.rendered
    cold = cold_copy(root, tmp_path / "cold")
    assert (root / "build/site/pagefind").is_dir()
    assert [p for p in differences(root / "build/site", cold / "build/site") if not _unstable(p)] == []
    assert sorted(tree(root / "build/site/pagefind")) != []


def _unstable(path: str) -> bool:
    """Pagefind's files that differ between two runs over the same pages (Pagefind/pagefind#638; see tests/web/test_pagefind.py)."""
    name = path.removeprefix("pagefind/")
    return path.startswith("pagefind/") and (name.startswith("filter/") or name.endswith(".pf_meta") or name == "pagefind-entry.json")
