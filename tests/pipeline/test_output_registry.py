"""Two generated pages on one output path: an error naming both, never a silent overwrite (issue 9, output registry)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from briefkit.cli.main import main
from briefkit.pipeline.registry import OutputRegistry, Source
from tests.conftest import FileTree, brief_yaml, site_config

# Listings of five briefs a page: six Energy briefs give the Energy listing a page 2 at sections/energy/page/2/.
MKDOCS_YML = site_config("Collision Desk").replace("  - briefkit:\n", "  - briefkit:\n      tag_page_size: 5\n")
ENERGY = {
    f"briefs/energy-{n}.yaml": brief_yaml(title=f"Energy brief {n}", section="Energy", tags=["Gas"], date=f"2026-11-{10 + n:02d}")
    for n in range(1, 7)
}
COLLIDING = brief_yaml(title="Page two", section="Energy / Page / 2", tags=["Gas"], date="2026-11-01")


def brief(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_section_named_like_a_listing_page_stops_the_build_and_keeps_the_last_site(build_file_tree: FileTree) -> None:
    root = build_file_tree({"mkdocs.yml": MKDOCS_YML, **ENERGY})
    first = brief("build")
    assert first.exit_code == 0, first.output
    listing = root / "build/docs/sections/energy/page/2/index.md"
    assert listing.is_file()  # the Energy listing has a page 2
    before = tree(root / "build")

    (root / "briefs/page-two.yaml").write_text(COLLIDING, encoding="utf-8")
    result = brief("build")

    assert result.exit_code == 1, result.output
    wanted = (
        "briefs/page-two.yaml:3:10: error: build/docs/sections/energy/page/2/index.md: written by the Energy section listing (page 2) "
        "and by brief briefs/page-two.yaml (section Energy / Page / 2) [output-collision]"
    )
    assert wanted in result.output.splitlines()
    assert sum("[output-collision]" in line for line in result.output.splitlines()) == 1  # once, though docs/ and site/ both collide
    assert "nothing was built" in result.output
    assert tree(root / "build") == before  # not one byte of the last good build changed


def test_check_reports_the_collision_as_json(build_file_tree: FileTree) -> None:
    build_file_tree({"mkdocs.yml": MKDOCS_YML, **ENERGY, "briefs/page-two.yaml": COLLIDING})
    result = brief("check", "--format", "json")
    assert result.exit_code == 1, result.output
    problems = [p for p in json.loads(result.output) if p["code"] == "output-collision"]
    assert [(p["path"], p["line"], p["col"], p["severity"]) for p in problems] == [("briefs/page-two.yaml", 3, 10, "error")]
    assert problems[0]["message"] == (
        "build/preview/docs/sections/energy/page/2/index.md: written by the Energy section listing (page 2) "
        "and by brief briefs/page-two.yaml (section Energy / Page / 2)"
    )


def test_check_is_clean_without_the_colliding_brief(build_file_tree: FileTree) -> None:
    build_file_tree({"mkdocs.yml": MKDOCS_YML, **ENERGY})
    result = brief("check", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [p for p in json.loads(result.output) if p["code"] == "output-collision"] == []


def test_paths_that_differ_only_in_case_collide(tmp_path: Path) -> None:
    registry = OutputRegistry(tmp_path / "build")
    registry.claim("docs/assets/Logo.png", Source("asset assets/Logo.png"))
    registry.claim("docs/assets/logo.png", Source("asset assets/logo.png"))
    registry.claim("docs/assets/other.png", Source("asset assets/other.png"))
    [problem] = registry.problems()
    assert problem.code == "output-collision"
    assert problem.message.startswith(f"{problem.path}: written by asset assets/Logo.png and by asset assets/logo.png (as ")
    assert "differ only in case" in problem.message


def test_a_file_inside_a_claimed_folder_collides(tmp_path: Path) -> None:
    registry = OutputRegistry(tmp_path / "build")
    registry.claim("site/pagefind", Source("the Pagefind search index"), folder=True)
    registry.claim("site/pagefind/x.js", Source("asset pagefind/x.js"))
    [problem] = registry.problems()
    assert problem.message.endswith("site/pagefind/: written by the Pagefind search index and by asset pagefind/x.js")


def test_assets_that_differ_only_in_case_stop_the_build(build_file_tree: FileTree) -> None:
    # Two files on Linux, one on macOS and Windows: which one a reader gets must not depend on where the site was built.
    root = build_file_tree(
        {"mkdocs.yml": MKDOCS_YML, **ENERGY, "assets/Logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>", "assets/logo.svg": "<svg/>"}
    )
    result = brief("build")
    assert result.exit_code == 1, result.output
    wanted = (
        "build/docs/assets/Logo.svg:0:0: error: build/docs/assets/Logo.svg: written by asset assets/Logo.svg and by asset "
        "assets/logo.svg (as build/docs/assets/logo.svg: the names differ only in case, and are one file on macOS and Windows) "
        "[output-collision]"
    )
    assert wanted in result.output.splitlines()
    assert not (root / "build/docs").exists()
