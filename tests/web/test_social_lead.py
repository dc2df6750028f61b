"""A brief with a lead image is shared by that image (its largest JPEG rendition); a decorative one keeps the card."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import lxml.etree
import pytest
from PIL import Image

from tests.conftest import brief_yaml
from tests.content.imagetools import MKDOCS_YML, photo
from tests.web.sitetools import Site, jsonld

SITE_URL = "https://example.org/"
ATOM = {"a": "http://www.w3.org/2005/Atom", "media": "http://search.yahoo.com/mrss/"}
ALT = "A radar mast at dusk"


@pytest.fixture(scope="module")
def site(make_site: Callable[..., Site]) -> Site:
    return make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "briefs/radar.yaml": brief_yaml(title="Radar on the coast", date="2026-11-20", image={"src": "images/radar.jpg", "alt": ALT}),
            "briefs/images/radar.jpg": photo(1800, 1200),
            "briefs/rule.yaml": brief_yaml(
                title="A rule with an ornament", date="2026-11-19", image={"src": "images/rule.jpg", "alt": "", "decorative": True}
            ),
            "briefs/images/rule.jpg": photo(900, 300, gps=False),
        }
    )


def _published(site: Site, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    path = site.out / url.removeprefix(SITE_URL)
    assert path.is_file(), f"{url} names no file of the built site"
    return path


def _og(site: Site, slug: str) -> dict[str, str]:
    tree = site.html(f"briefs/{slug}/")
    return {m.get("property") or m.get("name") or "": m.get("content", "") for m in tree.iter("meta")}


def test_og_image_json_ld_and_feed_name_the_largest_jpeg_rendition(site: Site) -> None:
    og = _og(site, "radar")
    url = og["og:image"]
    with Image.open(_published(site, url)) as im:
        assert im.format == "JPEG"
        size = im.size
    assert size == (1600, 1067)  # the largest rendition, never upscaled
    assert (og["og:image:width"], og["og:image:height"], og["og:image:alt"]) == (str(size[0]), str(size[1]), ALT)
    assert og["twitter:card"] == "summary_large_image"
    (article,) = [d for d in jsonld(site.html("briefs/radar/")) if "headline" in d]
    image = article["image"]
    assert isinstance(image, dict)
    assert (image["url"], image["width"], image["height"], image["encodingFormat"]) == (url, size[0], size[1], "image/jpeg")
    feed = lxml.etree.fromstring((site.out / "feed.xml").read_bytes())
    media = {e.find("a:link[@rel='alternate']", ATOM).get("href"): e.find("media:content", ATOM) for e in feed.findall("a:entry", ATOM)}
    radar = media[SITE_URL + "briefs/radar/"]
    assert (radar.get("url"), radar.get("type"), radar.get("width")) == (url, "image/jpeg", str(size[0]))


def test_a_decorative_lead_image_leaves_the_share_card(site: Site) -> None:
    og = _og(site, "rule")
    assert og["og:image"] == SITE_URL + "cards/rule.png"
    with Image.open(_published(site, og["og:image"])) as im:
        assert im.size == (1200, 630)
