"""Place pages, counts, feeds, the brief page's map and search filter, from a site built with the real CLI, MkDocs and Pagefind.

A TLP:AMBER brief and a draft name North Korea and Kyrgyzstan, which no public
brief names: a public build must show neither anywhere (no page, no count,
no feed entry, no sitemap line, no search filter value).
"""

from __future__ import annotations

import gzip
import posixpath

import lxml.etree
import pytest

from tests.conftest import brief_yaml, site_config
from tests.web.sitetools import Site, one, text

ATOM = "{http://www.w3.org/2005/Atom}"

FILES: dict[str, str | bytes] = {
    "mkdocs.yml": site_config("Places desk", site_url="https://example.org/news/", options="search: pagefind"),
    "briefs/gdansk-port.yaml": brief_yaml(
        title="Gdansk port runs short of room", date="2026-11-20", places=["PL", "Germany"], body="Cranes.\n"
    ),
    "briefs/baltic-cables.yaml": brief_yaml(title="Baltic cable fleet agreed", date="2026-11-10", places=["POL", "EE"], body="Ships.\n"),
    "briefs/no-places.yaml": brief_yaml(title="A brief about nowhere", date="2026-11-15", body="Nothing.\n"),
    "briefs/secret-amber.yaml": brief_yaml(
        title="Restricted", date="2026-11-25", handling="TLP:AMBER", places=["KP", "PL"], body="Restricted text.\n"
    ),
    "briefs/secret-draft.yaml": brief_yaml(title="Draft", date="2026-11-26", status="draft", places=["KG"], body="Draft text.\n"),
}


@pytest.fixture(scope="module")
def site(make_site) -> Site:  # type: ignore[no-untyped-def]
    return make_site(FILES, "--as-of", "2026-12-01T00:00:00+00:00")


def titles(tree) -> list[str]:  # type: ignore[no-untyped-def]
    return [text(h) for h in tree.cssselect(".bk-main .bk-card__title")]


def test_the_places_index_lists_each_place_the_public_briefs_name_with_its_count(site: Site) -> None:
    page = site.html("places/")
    items = {text(li.cssselect("a")[0]): text(li.cssselect(".bk-count")[0]) for li in page.cssselect(".bk-placelist li")}
    assert items == {"Estonia": "1", "Germany": "1", "Poland": "2"}
    links = [a.get("href") for a in page.cssselect(".bk-placelist a")]
    assert links == ["ee/", "de/", "pl/"]
    (svg,) = page.cssselect("svg.bk-map")
    assert {p.get("class") for p in svg.iter("path")} >= {"bk-map__place bk-map__place--pl", "bk-map__place bk-map__place--ee"}


def test_a_place_page_lists_its_briefs_newest_first_with_its_map_and_feed(site: Site) -> None:
    page = site.html("places/pl/")
    assert text(one(page, "h1")) == "Poland"
    assert titles(page) == ["Gdansk port runs short of room", "Baltic cable fleet agreed"]
    assert text(one(page, ".bk-count-text")) == "2 briefings"
    (svg,) = page.cssselect("svg.bk-map")
    assert svg.get("aria-label") == "Map showing Poland"
    assert svg.cssselect("path.bk-map__place--pl")
    feed_link = one(page, '.bk-listhead__meta a[type="application/atom+xml"]').get("href")
    assert posixpath.normpath(posixpath.join("places/pl/", feed_link)) == "places/pl/feed.xml"


def test_a_place_feed_holds_its_briefs_newest_first(site: Site) -> None:
    feed = lxml.etree.parse(str(site.out / "places" / "pl" / "feed.xml")).getroot()
    assert feed.findtext(f"{ATOM}title") == "Places desk: Poland"
    assert [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")] == [
        "Gdansk port runs short of room",
        "Baltic cable fleet agreed",
    ]


def test_the_brief_page_links_its_places_draws_them_and_marks_the_search_filter(site: Site) -> None:
    page = site.html("briefs/gdansk-port/")
    figure = one(page, "figure.bk-locator")
    links = figure.cssselect("figcaption a")
    assert [(text(a), posixpath.normpath(posixpath.join("briefs/gdansk-port/", a.get("href")))) for a in links] == [
        ("Poland", "places/pl"),
        ("Germany", "places/de"),
    ]
    assert [a.get("data-pagefind-filter") for a in links] == ["place", "place"]
    (svg,) = figure.cssselect("svg.bk-map")
    classes = {p.get("class") for p in svg.iter("path")}
    assert {"bk-map__place bk-map__place--pl", "bk-map__place bk-map__place--de"} <= classes
    assert not site.html("briefs/no-places/").cssselect("figure.bk-locator")


def site_text(site: Site) -> str:
    """Every file of the built site as text, gzip files (the sitemap, Pagefind's index) decompressed."""
    parts = []
    for path in sorted(p for p in site.out.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        parts.append(data.decode("utf-8", "replace"))
    return "\n".join(parts)


def test_places_only_non_public_briefs_name_leave_no_trace(site: Site) -> None:
    assert not (site.out / "places" / "kp").exists()
    assert not (site.out / "places" / "kg").exists()
    everything = site_text(site)
    for trace in ("North Korea", "places/kp", "Kyrgyzstan", "places/kg"):
        assert trace not in everything, trace
    # The same walk does see what is public: the Pagefind filter values and the sitemap entries.
    pagefind = "\n".join(gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in (site.out / "pagefind").rglob("*.pf_*"))
    assert "Poland" in pagefind and "place" in pagefind
    assert "https://example.org/news/places/pl/" in everything
