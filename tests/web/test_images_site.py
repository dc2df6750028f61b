"""Images on the website, from a real build: renditions on disk match what the HTML says, carry no camera metadata,
and a hidden brief's image leaves no trace."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from PIL import Image

from tests.conftest import brief_yaml
from tests.content.imagetools import MKDOCS_YML, has_gps_or_serial, photo, png
from tests.web.sitetools import Site

RADAR = photo(orientation=6)  # 1200×800 stored, shown upright as 800×1200
CHART = png(1000, 560)
SECRET = png(900, 500, colour=(200, 30, 30))
BODY = """The radar covers the coast.

![Bar chart of radar sites by country](images/chart.png "Radar sites by country, 2026 | Chart: Image Desk")

Tracking pixels are not loaded: ![a pixel](https://tracker.example.com/p.gif)
"""


@pytest.fixture(scope="module")
def site(make_site: Callable[..., Site]) -> Site:
    return make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "briefs/geo/radar.yaml": brief_yaml(
                title="Radar on the coast",
                date="2026-11-20",
                image={
                    "src": "images/radar.jpg",
                    "alt": "A radar mast at dusk",
                    "caption": "The new mast.",
                    "credit": "Defence / CC BY 4.0",
                },
                body=BODY,
            ),
            "briefs/geo/images/radar.jpg": RADAR,
            "briefs/geo/images/chart.png": CHART,
            "briefs/geo/plain.yaml": brief_yaml(title="A brief without images", date="2026-11-19"),
            "briefs/geo/secret.yaml": brief_yaml(
                title="Secret radar", date="2026-11-21", handling="TLP:AMBER", image={"src": "images/secret.png", "alt": "Secret"}
            ),
            # Under briefs/, not assets/: the assets folder is published whole, the briefs folder never.
            "briefs/geo/images/secret.png": SECRET,
        }
    )


def published(site: Site, page_url: str, src: str) -> Path:
    path = (site.out / page_url / src).resolve()
    assert path.is_relative_to(site.out.resolve()), src
    return path


def pixels(path: Path) -> tuple[int, int]:
    with Image.open(path) as im:
        return im.width, im.height


def srcset(value: str) -> list[tuple[str, int]]:
    items = [item.split() for item in value.split(",")]
    return [(url, int(width.removesuffix("w"))) for url, width in items]


def check_picture(site: Site, page_url: str, picture: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """Every rendition a picture names exists with the width its srcset claims; the img's width and height are its src's."""
    # libxml2's HTML parser does not know <source> is empty and nests the img in it: look at every descendant.
    [source] = list(picture.iter("source"))
    [img] = list(picture.iter("img"))
    assert source.get("type") == "image/webp" and source.get("sizes") == img.get("sizes") != ""
    for element, fmt in ((source, "WEBP"), (img, "JPEG")):
        for url, width in srcset(element.get("srcset")):
            path = published(site, page_url, url)
            with Image.open(path) as im:
                assert (im.format, im.width) == (fmt, width), url
    assert pixels(published(site, page_url, img.get("src"))) == (int(img.get("width")), int(img.get("height")))
    assert img.get("decoding") == "async"
    return img


def test_the_lead_image_is_a_figure_with_renditions_caption_and_credit(site: Site) -> None:
    page = site.html("briefs/radar/")
    [figure] = page.find_class("bk-lead-figure")
    img = check_picture(site, "briefs/radar/", figure.find("picture"))
    assert (img.get("alt"), img.get("width"), img.get("height")) == ("A radar mast at dusk", "800", "1200")  # turned upright
    assert img.get("loading") is None  # the top of the page loads at once
    assert [w for _u, w in srcset(img.get("srcset"))] == [480, 800]  # never upscaled
    caption = figure.find("figcaption")
    assert caption.find_class("bk-figure__caption")[0].text_content() == "The new mast."
    assert caption.find_class("bk-figure__credit")[0].text_content() == "Defence / CC BY 4.0"


def test_a_body_image_with_a_title_is_a_lazy_figure(site: Site) -> None:
    page = site.html("briefs/radar/")
    [figure] = page.find_class("bk-figure")
    img = check_picture(site, "briefs/radar/", figure.find("picture"))
    assert img.get("loading") == "lazy"
    assert (img.get("alt"), img.get("width"), img.get("height")) == ("Bar chart of radar sites by country", "1000", "560")
    caption = figure.find("figcaption")
    assert caption.text_content() == "Radar sites by country, 2026 Chart: Image Desk"
    assert caption.find_class("bk-figure__credit")[0].text_content() == "Chart: Image Desk"


def test_a_remote_image_whose_host_is_not_allowed_is_a_link(site: Site) -> None:
    page = site.html("briefs/radar/")
    assert [i.get("src") for i in page.iter("img") if "tracker" in (i.get("src") or "")] == []
    [link] = [a for a in page.iter("a") if a.get("href") == "https://tracker.example.com/p.gif"]
    assert link.text_content() == "a pixel"


def test_cards_show_a_thumbnail_for_briefs_with_a_lead_image(site: Site) -> None:
    home = site.html("")
    cards = {c.find_class("bk-card__title")[0].text_content().strip(): c for c in home.find_class("bk-card")}
    radar, plain = cards["Radar on the coast"], cards["A brief without images"]
    [thumb] = radar.find_class("bk-card__thumb")
    img = check_picture(site, "", thumb.find("picture"))
    assert (img.get("loading"), img.get("alt")) == ("lazy", "")
    assert plain.find_class("bk-card__thumb") == []


def test_no_published_image_carries_camera_metadata(site: Site) -> None:
    assert has_gps_or_serial(RADAR) != []
    published_images = sorted((site.out / "images").rglob("*.*"))
    assert len(published_images) == 2 * (2 + 3)  # radar: 480, 800; chart: 480, 960, 1000; WebP and JPEG each
    for path in published_images:
        assert has_gps_or_serial(path.read_bytes()) == [], path
    # The originals are never published (the briefs folder is not), nor the cache.
    names = {p.name for p in site.out.rglob("*")}
    assert "radar.jpg" not in names and "chart.png" not in names
    assert (site.root / "build" / "cache" / "images").is_dir() and not (site.out / "cache").exists()


def test_a_hidden_brief_image_leaves_no_trace(site: Site) -> None:
    digest = hashlib.sha256(SECRET).hexdigest()[:16]
    assert not site.exists("briefs/secret/")
    for folder in (site.out, site.root / "build" / "docs"):
        assert not list(folder.rglob(f"*{digest}*")), folder
        for path in folder.rglob("*.*"):
            if path.suffix in (".jpg", ".webp", ".png"):
                with Image.open(io.BytesIO(path.read_bytes())) as im:
                    assert im.convert("RGB").getpixel((im.width // 2, im.height // 2)) != (200, 30, 30), path
    # Not even its renditions were made: the build never read the hidden brief's file.
    assert len(list((site.root / "build" / "cache" / "images").rglob("*"))) - len(
        [d for d in (site.root / "build" / "cache" / "images").rglob("*") if d.is_dir()]
    ) == 2 * (2 + 3)
