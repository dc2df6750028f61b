"""Page-level incremental builds: after each edit, the site rebuilt from the page cache equals a cold build, byte for byte.

Each step edits the sources of one small site, rebuilds it in place (pages
whose key is cached are not rendered again) and builds a copy of the same
sources from nothing in another folder; every file of the two sites must be
equal.  A one-body edit must render that brief's page and the nav pages only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from briefkit.content.templating import packaged_templates
from briefkit.pipeline import pagecache
from tests.conftest import FileTree
from tests.pipeline.sitebuilds import NAV_PAGES, brief, build, cold_copy, differences, small_site

Edit = Callable[[Path], None]


def body_edit(root: Path) -> None:
    (root / "briefs/b1.yaml").write_text(brief(1, body="A new body for brief one.\n\n## Detail\n\nChanged.\n"), encoding="utf-8")


def title_edit(root: Path) -> None:
    (root / "briefs/b2.yaml").write_text(brief(2, title="A retitled brief"), encoding="utf-8")


def tag_added(root: Path) -> None:
    (root / "briefs/b0.yaml").write_text(brief(0, tags=["Topic 0", "Brand new tag"]), encoding="utf-8")


def unpublished(root: Path) -> None:
    (root / "briefs/b3.yaml").write_text(brief(3, status="draft"), encoding="utf-8")


def template_edit(root: Path) -> None:
    source = (packaged_templates() / "site/brief.md.j2").read_text(encoding="utf-8")
    target = root / "templates/site/brief.md.j2"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source + "\nA line every brief page now ends with.\n", encoding="utf-8")


def config_edit(root: Path) -> None:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("site_name: Incremental Desk", "site_name: Renamed Desk"), encoding="utf-8")


STEPS: list[tuple[str, Edit, bool]] = [  # name, edit, whether some pages still come from the cache
    ("body edit", body_edit, True),
    ("title edit", title_edit, True),
    ("tag added", tag_added, True),
    ("brief unpublished", unpublished, True),
    ("template edit", template_edit, True),  # brief pages only; tag, section and archive pages are kept
    ("config edit", config_edit, False),
]


def test_each_edit_rebuilds_to_the_cold_site(build_file_tree: FileTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795608000")
    root = small_site(build_file_tree({}) / "site")
    # A page of the site's own with a Markdown link, which MkDocs resolves against the docs folder's files:
    # unpublishing b3 changes this page's HTML although its Markdown stays the same.
    (root / "assets").mkdir()
    (root / "assets/notes.md").write_text("# Notes\n\nSee [the fourth brief](../briefs/b3/index.md).\n", encoding="utf-8")
    first = build(root)
    assert len(first.rendered) > len(NAV_PAGES) + 4  # the cold build rendered every page
    for number, (name, edit, partial) in enumerate(STEPS):
        edit(root)
        result = build(root)
        assert not result.up_to_date, name
        cold = cold_copy(root, tmp_path / f"cold-{number}")
        pages = list((cold / "build/docs").rglob("*.md"))
        assert (len(result.rendered) < len(pages)) == partial, f"{name}: rendered {result.rendered}"
        assert differences(root / "build/site", cold / "build/site") == [], f"after the {name}"
        if name == "brief unpublished":
            assert "assets/notes.md" in result.rendered


def test_a_body_edit_renders_that_page_and_the_nav_pages_only(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795608000")
    root = small_site(build_file_tree({}) / "site")
    build(root)
    body_edit(root)
    result = build(root)
    assert sorted(result.rendered) == sorted([*NAV_PAGES, "briefs/b1/index.md"])


def test_unused_cache_entries_are_pruned(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795608000")
    root = small_site(build_file_tree({}) / "site")
    build(root)
    folder = root / "build" / pagecache.FOLDER
    before = {p.name for p in folder.rglob("*") if p.is_file()}
    body_edit(root)
    build(root)
    after = {p.name for p in folder.rglob("*") if p.is_file()}
    assert len(after) == len(before)  # one page's entry replaced, none kept for the old body
    assert len(after - before) == 1


def test_clean_renders_every_page_again(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795608000")
    root = small_site(build_file_tree({}) / "site")
    first = build(root)
    body_edit(root)
    again = build(root, clean=True)
    assert again.rendered == first.rendered
