"""§1.7: every input an output depends on is in its key, so nothing stale stays published.

* An author renamed in ``_authors.yml`` (say, a name removed for safety), or a
  tag's description changed in ``_tags.yml``, rebuilds the site without
  ``--clean``: the old text is gone from every output file.
* An image whose name has spaces, ``%``-escapes or other URL-special
  characters is part of the PDF's cache key: replacing it changes the PDF,
  with and without ``--clean`` (the PDF cache survives both).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from inputsite import build, site, write
from leakscan import assert_clean, pdf_text, scan
from PIL import Image
from pypdf import PdfReader

from tests.conftest import brief_yaml

RED = (220, 30, 30)
BLUE = (30, 30, 220)


# --- vocabularies --------------------------------------------------------------------------------


@pytest.mark.parametrize("pdf", [False, True], ids=["site", "site-and-pdf"])
def test_renaming_an_author_republishes_without_clean(tmp_path: Path, pdf: bool) -> None:
    root = site(tmp_path / "site", pdf=pdf, briefs={"world/piece.yaml": brief_yaml(authors=["ada"])})
    write(root, {"briefs/_authors.yml": "ada:\n  name: Ada Cnryoldname\n"})
    assert build(root, *([] if pdf else ["--no-pdf"])).code == 0
    out = root / "build" / "site"
    assert scan(out, ["Cnryoldname"]), "the first build should show the old name"

    write(root, {"briefs/_authors.yml": "ada:\n  name: Ada Renamed\n"})
    run = build(root, *([] if pdf else ["--no-pdf"]))
    assert run.code == 0, run.output
    assert "up to date" not in run.output
    assert_clean(out, ["Cnryoldname"])
    assert "Ada Renamed" in (out / "briefs" / "piece" / "index.html").read_text(encoding="utf-8")
    if pdf:
        assert "Ada Renamed" in pdf_text(out / "pdf" / "piece.pdf")


@pytest.mark.parametrize(
    ("before", "after", "gone"),
    [
        ("NATO allies:\n  description: Old cnryolddesc text.\n", "NATO allies:\n  description: New text.\n", "cnryolddesc"),
        ("NATO allies:\n  description: Old cnryolddesc text.\n", "{}\n", "cnryolddesc"),
        ("Cnryoldtag name:\n  aliases: [NATO allies]\n", "Alliance:\n  aliases: [NATO allies]\n", "Cnryoldtag"),
    ],
    ids=["description-changed", "vocabulary-emptied", "canonical-name-changed"],
)
def test_changing_the_tag_vocabulary_republishes_without_clean(tmp_path: Path, before: str, after: str, gone: str) -> None:
    root = site(tmp_path / "site")
    write(root, {"briefs/_tags.yml": before})
    assert build(root, "--no-pdf").code == 0
    out = root / "build" / "site"
    assert scan(out, [gone]), "the first build should show the old text"

    write(root, {"briefs/_tags.yml": after})
    run = build(root, "--no-pdf")
    assert run.code == 0, run.output
    assert "up to date" not in run.output
    assert_clean(out, [gone])


def test_an_unchanged_vocabulary_is_still_up_to_date(tmp_path: Path) -> None:
    """The key is content, not timestamps: rewriting the same bytes changes nothing."""
    root = site(tmp_path / "site", briefs={"world/piece.yaml": brief_yaml(authors=["ada"])})
    write(root, {"briefs/_authors.yml": "ada:\n  name: Ada Lovelace\n"})
    assert build(root, "--no-pdf").code == 0
    write(root, {"briefs/_authors.yml": "ada:\n  name: Ada Lovelace\n"})
    assert "up to date" in build(root, "--no-pdf").output


# --- images in PDFs -------------------------------------------------------------------------------


def png(colour: tuple[int, int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 40), colour).save(buf, format="PNG")
    return buf.getvalue()


def pdf_image_colours(path: Path) -> list[tuple[int, int, int]]:
    """The centre pixel of every image in the PDF, decoded by pypdf."""
    colours = []
    for page in PdfReader(path).pages:
        for image in page.images:
            img = image.image.convert("RGB")
            colours.append(img.getpixel((img.width // 2, img.height // 2)))
    return colours


def close(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return all(abs(x - y) <= 8 for x, y in zip(a, b, strict=True))


# (file name on disk, how the body refers to it)
IMAGES = {
    "space-and-escape": ("a b%20c.png", "![map](../../assets/a%20b%2520c.png)"),
    "angle-brackets": ("a b%20c.png", "![map](<../../assets/a b%2520c.png>)"),
    "raw-html": ("a b%20c.png", '<img alt="map" src="../../assets/a%20b%2520c.png">'),
    "spaces": ("my map.png", "![map](<../../assets/my map.png>)"),
    "percent-sign": ("100%.png", "![map](../../assets/100%25.png)"),
    "unicode": ("kärta ünï.png", "![map](../../assets/k%C3%A4rta%20%C3%BCn%C3%AF.png)"),
    "plus-and-amp": ("x+y&z.png", "![map](../../assets/x+y&z.png)"),
    "subfolder": ("maps/deep/a b.png", "![map](../../assets/maps/deep/a%20b.png)"),
    "dotless-word-before": ("a b%20c.png", "word" * 50 + "\n\n![map](../../assets/a%20b%2520c.png)"),
}


@pytest.mark.parametrize(
    ("case", "clean"),
    [*((case, False) for case in IMAGES), ("space-and-escape", True)],
    ids=[*IMAGES, "space-and-escape-clean"],
)
def test_replacing_an_image_changes_the_pdf(tmp_path: Path, case: str, clean: bool) -> None:
    """``--clean`` empties the site, not the PDF cache (CI restores it): the key alone must tell."""
    name, ref = IMAGES[case]
    body = f"A map of the area.\n\n{ref}\n\nEnd.\n"
    root = site(tmp_path / "site", pdf=True, briefs={"world/piece.yaml": brief_yaml(body=body)})
    write(root, {f"assets/{name}": png(RED)})
    assert build(root).code == 0
    pdf = root / "build" / "site" / "pdf" / "piece.pdf"
    first = pdf_image_colours(pdf)
    assert first and close(first[0], RED), f"the image was not in the first PDF: {first}"

    write(root, {f"assets/{name}": png(BLUE)})  # a redaction: same name, new content
    run = build(root, *(["--clean"] if clean else []))
    assert run.code == 0, run.output
    second = pdf_image_colours(pdf)
    assert second and close(second[0], BLUE), f"the PDF still shows the old image: {second}"
