"""Images in print: the print renditions embedded, captions and credits under them, alt text on the tagged PDF's Figures."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from briefkit.cli.main import main
from tests.conftest import brief_yaml, site_config, write_file_tree
from tests.content.imagetools import photo, png

MKDOCS = site_config("Print Desk", pdf="true") + "        books: {latest: 0, tags: false, sections: false, daily: false}\n"
LEAD_ALT = "A radar mast at dusk"
CHART_ALT = "Bar chart of radar sites by country"
BODY = f"""The radar covers the coast.

![{CHART_ALT}](images/chart.png "Radar sites by country, 2026 | Chart: Print Desk")

The end.
"""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("print")
    image = {"src": "images/radar.jpg", "alt": LEAD_ALT, "caption": "The new mast.", "credit": "Defence / CC BY 4.0"}
    files: dict[str, str | bytes] = {
        "mkdocs.yml": MKDOCS,
        "briefs/geo/radar.yaml": brief_yaml(title="Radar on the coast", image=image, body=BODY),
        "briefs/geo/images/radar.jpg": photo(2400, 1600),
        "briefs/geo/images/chart.png": png(1000, 560),
    }
    write_file_tree(root, files, dedent=(".yml",))
    result = CliRunner().invoke(main, ["build", "-f", str(root / "mkdocs.yml")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root


def images_listed(pdf: Path) -> list[tuple[int, int]]:
    """(width, height) of each image poppler's ``pdfimages -list`` finds."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    return [(int(r[3]), int(r[4])) for r in rows if r[2] == "image"]


def figure_alts(pdf: Path) -> list[str]:
    """The /Alt of every /Figure in the structure tree, in order."""
    found: list[str] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, DictionaryObject):
            if node.get("/S") == "/Figure":
                found.append(str(node.get("/Alt", "")))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                walk(kid)

    walk(PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"])
    return found


def test_print_embeds_each_image_at_print_resolution(root: Path) -> None:
    pdf = root / "build/site/pdf/radar.pdf"
    # The lead at 2000 pixels (a 170 mm column at 300 dpi), not the 2400 of the file; the chart at its own 1000.
    assert images_listed(pdf) == [(2000, 1333), (1000, 560)]


def test_alt_text_lands_on_the_figures_of_the_tagged_pdf(root: Path) -> None:
    assert figure_alts(root / "build/site/pdf/radar.pdf") == [LEAD_ALT, CHART_ALT]


def test_captions_and_credits_are_printed_under_the_figures(root: Path) -> None:
    text = subprocess.run(
        ["pdftotext", "-layout", str(root / "build/site/pdf/radar.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert "The new mast. DEFENCE / CC BY 4.0" in lines
    assert "Radar sites by country, 2026 CHART: PRINT DESK" in lines
    assert lines.index("The new mast. DEFENCE / CC BY 4.0") < lines.index("Radar sites by country, 2026 CHART: PRINT DESK")


def test_brief_pdf_embeds_the_images_too(root: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["pdf", "-f", str(root / "mkdocs.yml"), "radar"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    [pdf] = list((root / "build").glob("pdf/radar*.pdf"))
    assert figure_alts(pdf) == [LEAD_ALT, CHART_ALT]
    assert len(images_listed(pdf)) == 2
