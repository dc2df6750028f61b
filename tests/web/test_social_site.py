"""Share cards in a built site: page metadata, JSON-LD and feeds name a card that exists, withheld briefs have none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from briefkit.web.cards import card_key
from tests.conftest import brief_yaml, site_config
from tests.web.sitetools import Site, build, jsonld, write_tree
from tests.web.socialtools import card, image

SITE_URL = "https://example.org/news/"
ATOM = {"a": "http://www.w3.org/2005/Atom", "media": "http://search.yahoo.com/mrss/"}

BRIEFS: dict[str, str | bytes] = {
    "briefs/gas.yaml": brief_yaml(title="Gas storage reaches winter target", section="Energy / Gas", tags=["Gas"], date="2026-11-20"),
    "briefs/grid.yaml": brief_yaml(title="Grid tariffs rise in the new year", section="Energy / Power", tags=["Power"], date="2026-11-19"),
    # Withheld from a public build, each for another reason; each title is a word that must appear nowhere.
    "briefs/draft.yaml": brief_yaml(title="Withheld qqdraftqq note", status="draft", tags=["Gas"]),
    "briefs/green.yaml": brief_yaml(title="Withheld qqgreenqq note", handling="TLP:GREEN", tags=["Gas"]),
    "briefs/later.yaml": brief_yaml(title="Withheld qqembargoqq note", publish_at="2099-01-01T00:00:00Z", tags=["Gas"]),
    "briefs/gone.yaml": brief_yaml(title="Withheld qqexpiredqq note", expires="2026-11-21", tags=["Gas"]),
}
PUBLIC = {"gas", "grid"}
WITHHELD = {"draft", "green", "later", "gone"}
AS_OF = "2026-12-01T00:00:00+00:00"


@pytest.fixture(scope="module")
def site(make_site: Callable[..., Site]) -> Site:
    return make_site(BRIEFS, "--as-of", AS_OF)


def metas(tree: lxml.html.HtmlElement) -> dict[str, list[str]]:
    """Every ``<meta>`` of a page by its property or name."""
    out: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name")
        if key:
            out.setdefault(key, []).append(meta.get("content", ""))
    return out


def local(site: Site, url: str) -> Path:
    """The built file an absolute URL of the site names."""
    assert url.startswith(SITE_URL), url
    path = site.out / url.removeprefix(SITE_URL)
    assert path.is_file(), f"{url} names no file of the built site"
    return path


@pytest.mark.parametrize("slug", sorted(PUBLIC))
def test_a_brief_page_names_its_card_with_size_and_alt_and_the_card_is_that_size(site: Site, slug: str) -> None:
    tree = site.html(f"briefs/{slug}/")
    meta = metas(tree)
    (url,) = meta["og:image"]
    assert url == f"{SITE_URL}cards/{slug}.png"
    assert meta["twitter:card"] == ["summary_large_image"] and meta["twitter:image"] == [url]
    assert (meta["og:image:width"], meta["og:image:height"], meta["og:image:type"]) == (["1200"], ["630"], ["image/png"])
    title = meta["og:title"][0]
    assert meta["og:image:alt"][0].startswith(title) and "TLP:CLEAR" in meta["og:image:alt"][0]
    img = image(local(site, url).read_bytes())
    assert (img.format, img.size) == ("PNG", (1200, 630))
    (article,) = [d for d in jsonld(tree) if d.get("headline")]
    picture = article["image"]
    assert isinstance(picture, dict)
    assert picture["@type"] == "ImageObject" and picture["url"] == url and (picture["width"], picture["height"]) == (1200, 630)


def test_the_published_card_is_the_card_of_the_title_section_date_and_label(site: Site) -> None:
    shown = card("Gas storage reaches winter target", section="Energy / Gas", date="20 November 2026", site="Test Desk")
    cache = site.root / "build" / "cache" / "cards"
    assert (site.out / "cards" / "gas.png").read_bytes() == (cache / card_key(shown)[:2] / f"{card_key(shown)}.png").read_bytes()


def test_feed_entries_carry_their_card(site: Site) -> None:
    for feed in ("feed.xml", "tags/gas/feed.xml", "tags/power/feed.xml"):
        root = lxml.etree.fromstring((site.out / feed).read_bytes())
        entries = root.findall("a:entry", ATOM)
        assert entries
        for entry in entries:
            page = entry.find("a:link[@rel='alternate']", ATOM).get("href")
            slug = page.removeprefix(SITE_URL + "briefs/").rstrip("/")
            (media,) = entry.findall("media:content", ATOM)
            assert media.get("url") == f"{SITE_URL}cards/{slug}.png"
            assert (media.get("type"), media.get("medium"), media.get("width"), media.get("height")) == (
                "image/png",
                "image",
                "1200",
                "630",
            )
            assert image(local(site, media.get("url")).read_bytes()).size == (1200, 630)
            assert media.findtext("media:description", namespaces=ATOM).startswith(entry.findtext("a:title", namespaces=ATOM))


def test_withheld_briefs_leave_no_card_no_image_and_no_feed_entry(site: Site) -> None:
    assert {p.stem for p in (site.out / "cards").iterdir()} == PUBLIC
    words = ("qqdraftqq", "qqgreenqq", "qqembargoqq", "qqexpiredqq")
    for path in site.out.rglob("*"):
        if path.suffix in (".html", ".xml", ".json"):
            text = path.read_text(encoding="utf-8")
            assert not any(w in text for w in words), path
            assert not any(f"cards/{slug}.png" in text for slug in WITHHELD), path
    # Nor in the folder the engine read.
    assert {p.stem for p in (site.root / "build" / "docs" / "cards").iterdir()} == PUBLIC


def test_listing_pages_have_no_image(site: Site) -> None:
    """A site-level card would say no more than the site's name: home, section and tag pages stay ``summary`` cards."""
    for url in ("", "tags/gas/", "sections/energy/"):
        meta = metas(site.html(url))
        assert "og:image" not in meta and meta["twitter:card"] == ["summary"], url


def test_a_rebuild_draws_no_card_again_and_a_changed_title_draws_one(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"mkdocs.yml": site_config("Test Desk", site_url=SITE_URL), **BRIEFS})
    build(root, "--as-of", AS_OF)
    cache = root / "build" / "cache" / "cards"
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*.png")}
    assert len(before) == len(PUBLIC)
    # Something else changes (a summary is not drawn): the site is rendered again, and no card is redrawn.
    brief = root / "briefs" / "gas.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("Estonia", "Finland"), encoding="utf-8")
    build(root, "--as-of", AS_OF)
    assert "Finland" in (root / "build" / "site" / "briefs" / "gas" / "index.html").read_text(encoding="utf-8")
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*.png")} == before
    # The title is drawn: one new card, published in place of the old one.
    brief.write_text(brief.read_text(encoding="utf-8").replace("winter target", "its winter goal"), encoding="utf-8")
    build(root, "--as-of", AS_OF)
    after = set(cache.rglob("*.png"))
    (new,) = after - set(before)
    assert (root / "build" / "site" / "cards" / "gas.png").read_bytes() == new.read_bytes()


def test_without_a_site_url_pages_name_no_og_image_and_json_ld_and_feeds_are_root_relative(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"mkdocs.yml": site_config("Test Desk", site_url=None), "briefs/gas.yaml": BRIEFS["briefs/gas.yaml"]})
    build(root, "--as-of", AS_OF)
    out = root / "build" / "site"
    tree = lxml.html.fromstring((out / "briefs" / "gas" / "index.html").read_bytes())
    meta = metas(tree)
    assert "og:image" not in meta and "twitter:image" not in meta and meta["twitter:card"] == ["summary"]
    (article,) = [d for d in jsonld(tree) if d.get("headline")]
    assert isinstance(article["image"], dict) and article["image"]["url"] == "/cards/gas.png"
    media = lxml.etree.fromstring((out / "feed.xml").read_bytes()).find("a:entry/media:content", ATOM)
    assert media.get("url") == "/cards/gas.png"
    assert image((out / "cards" / "gas.png").read_bytes()).size == (1200, 630)


def test_a_brief_withdrawn_after_a_build_takes_its_card_with_it(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"mkdocs.yml": site_config("Test Desk", site_url=SITE_URL), **BRIEFS})
    build(root, "--as-of", AS_OF)
    assert (root / "build" / "site" / "cards" / "grid.png").is_file()
    brief = root / "briefs" / "grid.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("status: published", "status: draft"), encoding="utf-8")
    build(root, "--as-of", AS_OF)
    for folder in ("site", "docs"):
        assert {p.stem for p in (root / "build" / folder / "cards").iterdir()} == PUBLIC - {"grid"}, folder
