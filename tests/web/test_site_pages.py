"""The public website's pages, built once with the real MkDocs and parsed with lxml."""

from __future__ import annotations

import gzip
import json
import posixpath
from pathlib import Path
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import pytest

from tests.conftest import brief_yaml
from tests.web.sitetools import Site, jsonld, one, text

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

TAGS = """\
NATO:
  description: The North Atlantic alliance and its members.
Energy security:
  description: Whether energy stays available and affordable.
"""
AUTHORS = """\
jdoe:
  name: Jane Doe
  url: https://example.org/people/jane
"""

CABLE_BODY = """\
The five governments signed the agreement on Tuesday.

## How the fleet works

Two ships stay on standby in Gdansk and Tallinn.
"""


def weekly(n: int, day: int) -> str:
    return brief_yaml(
        title=f"Weekly roundup number {n}",
        summary=f"Roundup {n} of the week's news.",
        section="Briefings / Weekly",
        date=f"2026-09-{day:02d}",
        tags=["Weekly"],
        body=f"Roundup {n} body.\n",
    )


FILES: dict[str, str | bytes] = {
    "briefs/_tags.yml": TAGS,
    "briefs/_authors.yml": AUTHORS,
    "briefs/geo/cable-fleet.yaml": brief_yaml(
        title="Baltic states pool funds for a cable repair fleet",
        summary="Five governments will charter two repair ships on standby.",
        section="Geopolitics / Europe / Baltic",
        date="2026-11-24",
        updated="2026-11-25",
        kind="analysis",
        featured=True,
        tags=["NATO", "Energy security", "Undersea cables", "Weekly"],
        authors=["jdoe"],
        bluf="The fleet halves repair times for damaged cables.",
        key_points=["Two ships on standby", "Costs shared by five states", "Operational from spring"],
        confidence="moderate",
        sources=[
            {"title": "Joint statement", "url": "https://example.org/statement", "publisher": "Baltic Council", "accessed": "2026-11-24"},
            {"title": "Interview with a port official"},
        ],
        corrections=[{"date": "2026-11-25", "text": "An earlier version gave the wrong number of ships."}],
        body=CABLE_BODY,
    ),
    "briefs/energy/gas-storage.yaml": brief_yaml(
        title="Europe enters winter with gas storage at 91 %",
        summary="Storage sites are 91 % full as the heating season begins.",
        section="Energy / Gas",
        date="2026-11-20",
        featured=True,
        tags=["Energy security", "Natural gas", "Weekly"],
        body="Storage is high.\n",
    ),
    "briefs/energy/lng-asia.yaml": brief_yaml(
        title="Asian buyers outbid Europe for LNG cargoes",
        summary="A cold start in Asia pulls cargoes away from Europe.",
        section="Energy / Gas / LNG",
        date="2026-10-12",
        tags=["Energy security", "Natural gas", "LNG", "Weekly"],
        body="Cargoes are moving east.\n",
    ),
    "briefs/energy/reactors.yaml": brief_yaml(
        title="Small modular reactors, explained",
        summary="What the term means and when the first units may run.",
        section="Energy / Nuclear",
        date="2025-07-15",
        kind="explainer",
        tags=["Energy security", "Nuclear power"],
        body="Small means up to 300 MW.\n",
    ),
    **{f"briefs/weekly/weekly-{n}.yaml": weekly(n, n) for n in range(1, 5)},
}
PUBLIC = 8


@pytest.fixture(scope="module")
def site(make_site) -> Site:  # type: ignore[no-untyped-def]
    return make_site(FILES, "--as-of", "2026-12-01T00:00:00+00:00")


def test_build_reports_no_mkdocs_warnings(site: Site) -> None:
    assert "warning" not in site.result.output.lower()
    assert "built site with 8 brief(s)" in site.result.output


def test_every_internal_link_resolves(site: Site) -> None:
    checked = 0
    for page in site.out.rglob("*.html"):
        url = page.relative_to(site.out).parent.as_posix() + "/"
        for a in lxml.html.fromstring(page.read_bytes()).iter("a", "link"):
            href = a.get("href") or ""
            parts = urlsplit(href)
            if not href or parts.scheme or href.startswith(("#", "//")):
                continue
            if parts.path.startswith("/"):  # 404.html links from the site's root path
                target = parts.path.removeprefix("/news/")
            else:
                target = posixpath.normpath(posixpath.join("/" + url, parts.path)).lstrip("/")
            path = site.out / target
            assert path.is_file() or (path / "index.html").is_file(), f"{page.relative_to(site.out)} links to missing {href}"
            checked += 1
    assert checked > 200


def test_brief_page(site: Site) -> None:
    page = site.html("briefs/cable-fleet/")
    assert text(one(page, "h1.bk-head__title")) == "Baltic states pool funds for a cable repair fleet"
    assert text(one(page, ".bk-standfirst")) == "Five governments will charter two repair ships on standby."
    author = one(page, ".bk-byline a.bk-author")
    assert (text(author), author.get("href")) == ("Jane Doe", "https://example.org/people/jane")
    assert text(one(page, ".bk-published")) == "Published 24 November 2026"
    assert text(one(page, ".bk-updated")) == "Updated 25 November 2026"
    assert "min read" in text(one(page, ".bk-reading"))
    tlp = one(page, ".bk-tlp")
    assert "bk-tlp-clear" in tlp.get("class") and text(one(tlp, ".bk-tlp__label")) == "TLP:CLEAR"
    assert text(one(page, ".bk-bluf p")) == "The fleet halves repair times for damaged cables."
    assert [text(li) for li in page.cssselect(".bk-keypoints li")] == [
        "Two ships on standby",
        "Costs shared by five states",
        "Operational from spring",
    ]
    assert "moderate" in text(one(page, ".bk-confidence"))
    assert text(one(page, ".bk-body h2")).startswith("How the fleet works")
    assert "signed the agreement on Tuesday" in text(one(page, ".bk-body"))


def test_brief_breadcrumb_links_every_section_level(site: Site) -> None:
    crumbs = one(site.html("briefs/cable-fleet/"), ".bk-crumbs")
    links = [(text(a), a.get("href")) for a in crumbs.cssselect("a")]
    assert links == [
        ("Home", "../../"),
        ("Geopolitics", "../../sections/geopolitics/"),
        ("Europe", "../../sections/geopolitics/europe/"),
        ("Baltic", "../../sections/geopolitics/europe/baltic/"),
    ]


def test_corrections_come_first_with_their_date(site: Site) -> None:
    page = site.html("briefs/cable-fleet/")
    correction = one(page, ".bk-correction")
    assert text(correction) == "Correction, 25 November 2026: An earlier version gave the wrong number of ships."
    order = [el for el in page.iter() if el.get("class") in ("bk-corrections", "bk-bluf", "bk-body")]
    assert [el.get("class") for el in order] == ["bk-corrections", "bk-bluf", "bk-body"]


def test_sources_are_listed_with_links(site: Site) -> None:
    items = one(site.html("briefs/cable-fleet/"), ".bk-sources").cssselect("li")
    assert text(items[0]) == "Joint statement, Baltic Council (accessed 24 November 2026)"
    assert items[0].cssselect("a")[0].get("href") == "https://example.org/statement"
    assert text(items[1]) == "Interview with a port official" and not items[1].cssselect("a")


def test_tag_chips_link_to_tag_pages(site: Site) -> None:
    chips = site.html("briefs/cable-fleet/").cssselect(".bk-tags .bk-chip")
    assert [(text(c), c.get("href")) for c in chips] == [
        ("NATO", "../../tags/nato/"),
        ("Energy security", "../../tags/energy-security/"),
        ("Undersea cables", "../../tags/undersea-cables/"),
        ("Weekly", "../../tags/weekly/"),
    ]


def test_related_briefs_share_the_most_tags(site: Site) -> None:
    related = [a.get("href") for a in site.html("briefs/cable-fleet/").cssselect(".bk-related .bk-card__title a")]
    # lng-asia and gas-storage share two tags (Energy security, Weekly); the rest one.
    assert related[:2] == ["../gas-storage/", "../lng-asia/"]
    assert len(related) == 4 and "../cable-fleet/" not in related


def test_no_pdf_link_when_pdfs_are_off(site: Site) -> None:
    assert not site.html("briefs/cable-fleet/").cssselect(".bk-pdf")


def test_brief_head_metadata_and_jsonld(site: Site) -> None:
    page = site.html("briefs/cable-fleet/")
    meta = {m.get("property") or m.get("name"): m.get("content") for m in page.cssselect("head meta")}
    assert meta["description"] == "Five governments will charter two repair ships on standby."
    assert meta["og:title"] == "Baltic states pool funds for a cable repair fleet"
    assert meta["og:type"] == "article"
    assert meta["og:url"] == "https://example.org/news/briefs/cable-fleet/"
    assert meta["article:published_time"] == "2026-11-24T00:00:00+00:00"
    assert meta["article:modified_time"] == "2026-11-25T00:00:00+00:00"
    assert [m.get("content") for m in page.cssselect('meta[property="article:tag"]')] == [
        "NATO",
        "Energy security",
        "Undersea cables",
        "Weekly",
    ]
    assert one(page, 'link[rel="canonical"]').get("href") == "https://example.org/news/briefs/cable-fleet/"
    assert text(one(page, "title")) == "Baltic states pool funds for a cable repair fleet - Test Desk"
    (data,) = jsonld(page)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "AnalysisNewsArticle"
    assert data["headline"] == "Baltic states pool funds for a cable repair fleet"
    assert data["datePublished"] == "2026-11-24T00:00:00+00:00"
    assert data["dateModified"] == "2026-11-25T00:00:00+00:00"
    assert data["author"] == [{"@type": "Person", "name": "Jane Doe", "url": "https://example.org/people/jane"}]
    assert data["articleSection"] == ["Geopolitics", "Europe", "Baltic"]
    assert data["keywords"] == ["NATO", "Energy security", "Undersea cables", "Weekly"]
    assert data["correction"][0]["text"] == "An earlier version gave the wrong number of ships."  # type: ignore[index]
    assert jsonld(site.html("briefs/reactors/"))[0]["@type"] == "BackgroundNewsArticle"
    assert jsonld(site.html("briefs/gas-storage/"))[0]["@type"] == "NewsArticle"


def test_nav_holds_only_the_index_pages(site: Site) -> None:
    for url in ("", "briefs/cable-fleet/", "tags/weekly/page/2/"):
        page = site.html(url)
        assert [text(a) for a in page.cssselect(".md-nav--primary a.md-nav__link")] == ["Home", "Sections", "Tags", "Archive"]
        assert not [
            a for a in page.cssselect("nav a") if "briefs/" in (a.get("href") or "") and not a.xpath("ancestor::*[@class='bk-crumbs']")
        ]


def test_tag_page(site: Site) -> None:
    page = site.html("tags/nato/")
    assert text(one(page, ".bk-listhead h1")) == "NATO"
    assert text(one(page, ".bk-listhead__lede")) == "The North Atlantic alliance and its members."
    assert text(one(page, ".bk-count-text")) == "1 briefing"
    (card,) = page.cssselect(".bk-card")
    assert text(one(card, ".bk-card__title")) == "Baltic states pool funds for a cable repair fleet"
    assert text(one(card, ".bk-kicker")) == "Baltic"
    assert one(card, "time").get("datetime") == "2026-11-24T00:00:00+00:00"
    assert text(one(card, ".bk-card__summary")) == "Five governments will charter two repair ships on standby."
    feeds = {link.get("title"): link.get("href") for link in page.cssselect('head link[type="application/atom+xml"]')}
    assert feeds == {"Test Desk": "../../feed.xml", "Test Desk: NATO": "feed.xml"}


def test_long_tags_are_paginated_newest_first(site: Site) -> None:
    first, second = site.html("tags/weekly/"), site.html("tags/weekly/page/2/")
    assert text(one(first, ".bk-count-text")) == "7 briefings"
    titles = [text(a) for a in first.cssselect(".bk-card__title")] + [text(a) for a in second.cssselect(".bk-card__title")]
    assert titles == [
        "Baltic states pool funds for a cable repair fleet",
        "Europe enters winter with gas storage at 91 %",
        "Asian buyers outbid Europe for LNG cargoes",
        "Weekly roundup number 4",
        "Weekly roundup number 3",
        "Weekly roundup number 2",
        "Weekly roundup number 1",
    ]
    assert one(first, ".bk-pager__next").get("href") == "page/2/"
    assert one(second, ".bk-pager__prev").get("href") == "../../"
    assert not site.exists("tags/weekly/page/3/")


def test_tags_index_lists_every_tag_with_its_count(site: Site) -> None:
    items = site.html("tags/").cssselect(".bk-taglist__item")
    counts = {text(one(i, ".bk-taglist__name")): text(one(i, ".bk-count")) for i in items}
    assert counts == {
        "Energy security": "4",
        "LNG": "1",
        "NATO": "1",
        "Natural gas": "2",
        "Nuclear power": "1",
        "Undersea cables": "1",
        "Weekly": "7",
    }


def test_section_pages_exist_at_every_level(site: Site) -> None:
    for url in ("sections/geopolitics/", "sections/geopolitics/europe/", "sections/geopolitics/europe/baltic/"):
        page = site.html(url)
        assert [text(a) for a in page.cssselect(".bk-card__title")] == ["Baltic states pool funds for a cable repair fleet"]
    energy = site.html("sections/energy/")
    assert text(one(energy, ".bk-listhead h1")) == "Energy"
    assert [text(a) for a in energy.cssselect(".bk-subsections a")] == ["Gas 2", "Nuclear 1"]
    assert [text(a) for a in energy.cssselect(".bk-card__title")] == [
        "Europe enters winter with gas storage at 91 %",
        "Asian buyers outbid Europe for LNG cargoes",
        "Small modular reactors, explained",
    ]
    lng = site.html("sections/energy/gas/lng/")
    assert [text(a) for a in one(lng, ".bk-crumbs").cssselect("li")] == ["Home", "Sections", "Energy", "Gas", "LNG"]
    index = site.html("sections/")
    assert [text(h) for h in index.cssselect(".bk-sectioncard h2")] == ["Briefings 4", "Energy 3", "Geopolitics 1"]


def test_home_shows_featured_then_latest(site: Site) -> None:
    home = site.html("")
    assert text(one(home, ".bk-card--lead .bk-card__title")) == "Baltic states pool funds for a cable repair fleet"
    assert [text(a) for a in home.cssselect(".bk-featured .bk-list .bk-card__title")] == ["Europe enters winter with gas storage at 91 %"]
    latest = [text(a) for a in home.cssselect(".bk-latest .bk-card__title")]
    assert latest[:2] == ["Asian buyers outbid Europe for LNG cargoes", "Weekly roundup number 4"]
    assert len(latest) == PUBLIC - 2
    assert text(one(home, "h1")) == "Test Desk"


def test_archive_pages(site: Site) -> None:
    index = site.html("archive/")
    years = {text(one(y, "h2")): [text(h) for h in y.cssselect("h3")] for y in index.cssselect(".bk-archive__year")}
    assert years == {
        "2026 7": ["November 2026 2 briefings", "October 2026 1 briefing", "September 2026 4 briefings"],
        "2025 1": ["July 2025 1 briefing"],
    }
    # Each month lists its top three briefs, and links to the rest.
    september = index.cssselect(".bk-archive__month")[2]
    assert len(september.cssselect(".bk-archive__top li")) == 3
    assert text(one(september, ".bk-more a")) == "All 4 from September 2026 →"
    november = site.html("archive/2026/11/")
    assert text(one(november, "h1")) == "November 2026"
    assert [text(a) for a in november.cssselect(".bk-card__title")] == [
        "Baltic states pool funds for a cable repair fleet",
        "Europe enters winter with gas storage at 91 %",
    ]
    assert site.exists("archive/2025/07/") and site.exists("archive/2026/")


def test_site_feed(site: Site) -> None:
    feed = lxml.etree.fromstring((site.out / "feed.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == PUBLIC
    assert [e.findtext(f"{ATOM}title") for e in entries][:3] == [
        "Baltic states pool funds for a cable repair fleet",
        "Europe enters winter with gas storage at 91 %",
        "Asian buyers outbid Europe for LNG cargoes",
    ]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == "https://example.org/news/briefs/cable-fleet/"
    assert first.findtext(f"{ATOM}published") == "2026-11-24T00:00:00+00:00"
    assert first.findtext(f"{ATOM}updated") == "2026-11-25T00:00:00+00:00"
    # The feed's <updated> is the newest brief's, never the build's clock.
    assert feed.findtext(f"{ATOM}updated") == "2026-11-25T00:00:00+00:00"
    assert [c.get("label") for c in first.findall(f"{ATOM}category")] == ["NATO", "Energy security", "Undersea cables", "Weekly"]
    content = lxml.html.fromstring(first.findtext(f"{ATOM}content"))
    assert "signed the agreement" in text(content)


def test_tag_feeds(site: Site) -> None:
    feed = lxml.etree.fromstring((site.out / "tags" / "energy-security" / "feed.xml").read_bytes())
    assert feed.findtext(f"{ATOM}title") == "Test Desk: Energy security"
    assert len(feed.findall(f"{ATOM}entry")) == 4


def test_sitemap_index_is_small_and_points_at_the_full_list(site: Site) -> None:
    """Material fetches /sitemap.xml on every page view: it must stay an index."""
    raw = (site.out / "sitemap.xml").read_bytes()
    assert gzip.decompress((site.out / "sitemap.xml.gz").read_bytes()) == raw
    index = lxml.etree.fromstring(raw)
    assert index.tag == f"{SM}sitemapindex"
    (entry,) = index.findall(f"{SM}sitemap")
    assert entry.findtext(f"{SM}loc") == "https://example.org/news/sitemaps/pages.xml"
    assert entry.findtext(f"{SM}lastmod") == "2026-11-25T00:00:00+00:00"
    assert len(raw) < 400


def test_sitemap_lists_every_page_dated_by_its_briefs(site: Site) -> None:
    raw = (site.out / "sitemaps" / "pages.xml").read_bytes()
    assert gzip.decompress((site.out / "sitemaps" / "pages.xml.gz").read_bytes()) == raw
    urls = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in lxml.etree.fromstring(raw).iter(f"{SM}url")}
    assert urls["https://example.org/news/briefs/cable-fleet/"] == "2026-11-25T00:00:00+00:00"
    assert urls["https://example.org/news/briefs/reactors/"] == "2025-07-15T00:00:00+00:00"
    assert urls["https://example.org/news/archive/2025/07/"] == "2025-07-15T00:00:00+00:00"
    pages = {
        "https://example.org/news/" + p.relative_to(site.out).parent.as_posix().removeprefix(".") for p in site.out.rglob("index.html")
    }
    assert {u.rstrip("/") for u in urls} == {p.rstrip("/") for p in pages}


def test_material_search_indexes_briefs_only(site: Site) -> None:
    index = json.loads((site.out / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert locations == {f"briefs/{p.stem}/" for p in Path(site.root / "briefs").rglob("*.yaml")}
    cable = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("briefs/cable-fleet/"))
    for words in ("Five governments will charter", "signed the agreement on Tuesday", "Undersea cables", "halves repair times"):
        assert words in cable
