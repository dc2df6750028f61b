"""A brief's places in print: named under the key points, with the same locator map as the web page, drawn by WeasyPrint."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import brief_yaml
from tests.pdf.pdftools import Rendered, page_texts, render_site, site_files, write_site

PLACES = brief_yaml(
    title="Echo drones over four countries",
    summary="Drone sightings near air bases in four countries.",
    section="Geopolitics / Europe",
    date="2026-11-23",
    tags=["Europe"],
    places=["BE", "GBR", "Russia", "PL"],
    body="Sightings were reported near several air bases.\n",
)
NO_PLACES = brief_yaml(
    title="Foxtrot drones nowhere in particular",
    summary="Drone sightings near air bases.",
    section="Geopolitics / Europe",
    date="2026-11-23",
    tags=["Europe"],
    body="Sightings were reported near several air bases.\n",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    root = write_site(
        tmp_path_factory.mktemp("places"), site_files(sections=False, extra={"briefs/echo.yaml": PLACES, "briefs/foxtrot.yaml": NO_PLACES})
    )
    return render_site(root, root / "out")


def map_red_pixels(pdf: Path, workdir: Path) -> int:
    """Pixels of the map's highlight colour (#b3121d) on page 1."""
    stem = workdir / pdf.stem
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)], check=True)
    image = Image.open(f"{stem}.png").convert("RGB")
    return sum(count for count, (r, g, b) in image.getcolors(maxcolors=1 << 22) or [] if abs(r - 0xB3) < 12 and g < 45 and b < 55)


def test_the_pdf_names_the_places(site: Rendered) -> None:
    assert "PLACES Belgium, United Kingdom, Russia, Poland" in page_texts(site.pdf("echo.pdf"))[0]
    assert "PLACES" not in page_texts(site.pdf("foxtrot.pdf"))[0]


def test_the_pdf_draws_the_map(site: Rendered, tmp_path: Path) -> None:
    with_map = map_red_pixels(site.pdf("echo.pdf"), tmp_path)
    without = map_red_pixels(site.pdf("foxtrot.pdf"), tmp_path)
    # Russia alone fills a good part of a 9 cm wide map: thousands of pixels at 50 dpi, against none without places.
    assert with_map > without + 2000, (with_map, without)


def test_the_map_keeps_to_its_figure(site: Rendered, tmp_path: Path) -> None:
    """The SVG is 640 units wide; in print it is scaled to the 9 cm figure, not drawn at 640 px across the page."""
    stem = tmp_path / "echo"
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(site.pdf("echo.pdf")), str(stem)], check=True)
    image = Image.open(f"{stem}.png").convert("RGB")
    sea = [x for x in range(image.width) for y in range(0, image.height, 8) if image.getpixel((x, y)) == (0xE4, 0xEB, 0xF0)]
    width_cm = (max(sea) - min(sea)) / 50 * 2.54
    assert 7.5 < width_cm < 9.2, width_cm
