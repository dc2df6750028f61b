"""Images a brief names: alt text and sources checked at load, files checked when a build reads them, renditions made clean."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from briefkit.config import load_config
from briefkit.content import images as imagefiles
from briefkit.content.images import collect
from briefkit.content.renditions import RenditionCache, make
from briefkit.errors import Problem
from briefkit.model import Brief
from briefkit.source.load import load
from tests.conftest import FileTree, brief_yaml
from tests.content.imagetools import MKDOCS_YML, has_gps_or_serial, photo, png, png_declaring

LEAD = {"src": "images/radar.jpg", "alt": "A radar mast at dusk", "caption": "The mast.", "credit": "Defence / CC BY 4.0"}


def loaded(root: Path) -> tuple[list[Brief], list[Problem]]:
    result = load(load_config(root))
    return list(result.corpus.briefs), result.problems


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first ``needle`` in ``text``."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in the file")


def test_a_lead_image_without_alt_is_an_error_at_the_image(build_file_tree: FileTree) -> None:
    text = brief_yaml(image={"src": "images/radar.jpg"})
    root = build_file_tree({"mkdocs.yml": MKDOCS_YML, "briefs/a.yaml": text})
    briefs, problems = loaded(root)
    assert briefs == []
    [missing] = [p for p in problems if p.is_error]
    assert (missing.code, missing.message) == ("missing-field", "missing required field 'image.alt'")
    assert (missing.line, missing.col) == position(text, "src: images/radar.jpg")
    assert "decorative" in missing.hint


def test_empty_alt_needs_decorative(build_file_tree: FileTree) -> None:
    bare = brief_yaml(image={"src": "images/radar.jpg", "alt": ""})
    decorative = brief_yaml(title="Decorative", image={"src": "images/radar.jpg", "alt": "", "decorative": True})
    root = build_file_tree({"mkdocs.yml": MKDOCS_YML, "briefs/a.yaml": bare, "briefs/b.yaml": decorative})
    briefs, problems = loaded(root)
    [bad] = [p for p in problems if p.is_error]
    assert (bad.path, bad.code) == ("briefs/a.yaml", "image-alt")
    assert (bad.line, bad.col) == position(bare, "''")
    [ok] = briefs
    assert ok.image is not None and ok.image.decorative and ok.image.alt == ""


def test_a_body_image_without_alt_is_an_error_at_its_line(build_file_tree: FileTree) -> None:
    body = "First paragraph.\n\nSecond, with a chart:\n\n![](images/chart.png)\n\n![A map](images/map.png)\n"
    text = brief_yaml(body=body)
    root = build_file_tree({"mkdocs.yml": MKDOCS_YML, "briefs/a.yaml": text})
    _briefs, problems = loaded(root)
    [bad] = [p for p in problems if p.is_error]
    assert bad.code == "image-alt"
    assert (bad.line, bad.col) == position(text, "![](images/chart.png)")


def test_a_remote_lead_image_is_refused_unless_its_host_is_allowed(build_file_tree: FileTree) -> None:
    refused = brief_yaml(image={"src": "https://tracker.example.com/p.jpg", "alt": "A pixel"})
    allowed = brief_yaml(title="Allowed", image={"src": "https://images.example.net/radar.jpg", "alt": "A radar"})
    root = build_file_tree({"mkdocs.yml": MKDOCS_YML, "briefs/a.yaml": refused, "briefs/b.yaml": allowed})
    briefs, problems = loaded(root)
    [bad] = [p for p in problems if p.is_error]
    assert (bad.path, bad.code) == ("briefs/a.yaml", "image-remote")
    assert (bad.line, bad.col) == position(refused, "https://tracker.example.com/p.jpg")
    assert [b.slug for b in briefs] == ["b"]


def _collected(root: Path) -> tuple[imagefiles.ImageSet, list[Brief]]:
    briefs, problems = loaded(root)
    assert not [p for p in problems if p.is_error], problems
    return collect(briefs, load_config(root)), briefs


@pytest.mark.parametrize("how", ["symlink-file", "symlink-folder", "dotdot"])
def test_an_image_that_leaves_the_site_is_refused(tmp_path: Path, build_file_tree: FileTree, how: str) -> None:
    outside = tmp_path.parent / f"outside-{how}"
    outside.mkdir(exist_ok=True)
    (outside / "radar.jpg").write_bytes(photo())
    src = "../../" + outside.name + "/radar.jpg" if how == "dotdot" else "/assets/images/radar.jpg"
    text = brief_yaml(image={**LEAD, "src": src})
    root = build_file_tree({"mkdocs.yml": MKDOCS_YML, "briefs/a.yaml": text})
    # Links in the briefs folder are refused by the loader itself (symlink-brief); these are in the assets folder.
    if how == "symlink-file":
        (root / "assets/images").mkdir(parents=True)
        (root / "assets/images/radar.jpg").symlink_to(outside / "radar.jpg")
    elif how == "symlink-folder":
        (root / "assets").mkdir()
        (root / "assets/images").symlink_to(outside)
    found, _briefs = _collected(root)
    [bad] = found.problems
    assert bad.is_error and bad.code == "symlink-escape" and bad.path == "briefs/a.yaml"
    assert (bad.line, bad.col) == position(text, src)
    assert found.pictures == {}


@pytest.mark.parametrize(
    ("where", "code"),
    [("briefs/.private/radar.jpg", "image-hidden"), ("build/radar.jpg", "image-outside"), ("briefs/images/none.jpg", "image-missing")],
)
def test_an_image_must_be_a_visible_file_under_briefs_or_assets(build_file_tree: FileTree, where: str, code: str) -> None:
    files: dict[str, str | bytes] = {"mkdocs.yml": MKDOCS_YML, "briefs/a.yaml": brief_yaml(image={**LEAD, "src": "/" + where})}
    if not where.endswith("none.jpg"):
        files[where] = photo()
    found, _briefs = _collected(build_file_tree(files))
    assert [(p.code, p.is_error) for p in found.problems] == [(code, True)]


def test_a_body_image_problem_is_a_warning_and_the_image_is_left_as_written(build_file_tree: FileTree) -> None:
    body = "A map.\n\n![A map](../../assets/.hidden/map.png)\n"
    text = brief_yaml(body=body)
    files: dict[str, str | bytes] = {"mkdocs.yml": MKDOCS_YML, "briefs/a.yaml": text, "assets/.hidden/map.png": png()}
    found, _briefs = _collected(build_file_tree(files))
    [problem] = found.problems
    assert (problem.code, problem.is_error) == ("image-hidden", False)
    assert (problem.line, problem.col) == position(text, "![A map]")
    assert found.pictures == {}


def test_a_decompression_bomb_is_refused_from_its_header(build_file_tree: FileTree) -> None:
    bomb = png_declaring(100_000, 100_000)
    assert len(bomb) < 200
    text = brief_yaml(image={**LEAD, "src": "images/bomb.png"})
    found, _briefs = _collected(build_file_tree({"mkdocs.yml": MKDOCS_YML, "briefs/a.yaml": text, "briefs/images/bomb.png": bomb}))
    [bad] = found.problems
    assert bad.is_error and bad.code == "image-bomb" and "pixels" in bad.message
    assert (bad.line, bad.col) == position(text, "images/bomb.png")


def test_an_oversized_file_is_refused_unread(build_file_tree: FileTree) -> None:
    root = build_file_tree({"mkdocs.yml": MKDOCS_YML, "briefs/a.yaml": brief_yaml(image=LEAD), "briefs/images/radar.jpg": photo()})
    with open(root / "briefs/images/radar.jpg", "r+b") as fh:  # sparse: the size is checked before a byte is read
        fh.truncate(imagefiles.MAX_IMAGE_BYTES + 1)
    found, _briefs = _collected(root)
    assert [p.code for p in found.problems] == ["image-too-large"]


def test_renditions_are_clean_turned_never_upscaled_and_reproducible(build_file_tree: FileTree, tmp_path: Path) -> None:
    # A camera held upright: 1200×800 pixels stored, EXIF orientation 6 (turn 90°), so 800×1200 as seen.
    files: dict[str, str | bytes] = {
        "mkdocs.yml": MKDOCS_YML,
        "briefs/a.yaml": brief_yaml(image=LEAD),
        "briefs/images/radar.jpg": photo(orientation=6),
    }
    root = build_file_tree(files)
    assert has_gps_or_serial((root / "briefs/images/radar.jpg").read_bytes()) != []  # the test's photo does carry them
    found, _briefs = _collected(root)
    [picture] = found.pictures.values()
    assert (picture.width, picture.height) == (800, 1200)
    assert [r.width for r in picture.jpeg] == [480, 800]  # 960 and 1600 would upscale
    cache = RenditionCache(tmp_path / "cache")
    for rendition in picture.renditions:
        data = cache.get(picture, rendition)
        assert has_gps_or_serial(data) == [], rendition.path
        with Image.open(io.BytesIO(data)) as im:
            assert (im.width, im.height) == (rendition.width, rendition.height)
            assert im.format == {"image/webp": "WEBP", "image/jpeg": "JPEG"}[rendition.mime]
        assert make(picture, rendition) == data  # the same bytes again
    assert cache.made == len(picture.renditions)
    cache.get(picture, picture.jpeg[0])
    assert cache.made == len(picture.renditions)  # a hit
    assert not [p for p in (tmp_path / "cache").rglob("*.tmp")]
    assert os.path.isdir(tmp_path / "cache")


def test_an_image_named_only_in_a_withheld_portion_is_never_read(build_file_tree: FileTree) -> None:
    body = "Open text.\n\n![A map](images/map.png)\n\n![A secret map](images/secret-map.png)\n"
    files: dict[str, str | bytes] = {
        "mkdocs.yml": MKDOCS_YML,
        "briefs/a.yaml": brief_yaml(body=body),
        "briefs/images/map.png": png(),
        "briefs/images/secret-map.png": png(colour=(200, 0, 0)),
    }
    found, [brief] = _collected(build_file_tree(files))
    assert sorted(src for _slug, src in found.pictures) == ["images/map.png", "images/secret-map.png"]
    # What an edition shows when it withholds the second paragraph: the loader's list is unchanged, the body is not.
    shown = replace(brief, body="Open text.\n\n![A map](images/map.png)\n")
    again = collect([shown], load_config(Path.cwd()))
    assert [src for _slug, src in again.pictures] == ["images/map.png"]


def test_brief_check_reports_image_files_a_build_would_refuse(build_file_tree: FileTree) -> None:
    from click.testing import CliRunner

    from briefkit.cli.main import main

    text = brief_yaml(image={**LEAD, "src": "images/none.jpg"})
    root = build_file_tree({"mkdocs.yml": MKDOCS_YML, "briefs/a.yaml": text})
    result = CliRunner().invoke(main, ["check", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 1
    line, col = position(text, "images/none.jpg")
    assert f"briefs/a.yaml:{line}:{col}: error: image 'images/none.jpg' does not exist" in result.output
