"""The Atom feeds, read by feedparser, and the links to them in every page's head."""

from __future__ import annotations

from pathlib import Path

import feedparser
import lxml.html

SITE_NAME = "The Meridian Brief"


def _feeds(site: Path) -> list[Path]:
    return [site / "feed.xml", *sorted((site / "tags").glob("*/feed.xml"))]


def test_every_feed_parses_cleanly_with_one_alternate_link(demo_site: Path) -> None:
    feeds = _feeds(demo_site)
    assert len(feeds) > 10
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        alternates = [link for link in parsed.feed.links if link.rel == "alternate"]
        assert len(alternates) == 1, path
        assert parsed.feed.title.count(SITE_NAME) == 1, parsed.feed.title
        for entry in parsed.entries:
            assert len([link for link in entry.links if link.rel == "alternate"]) == 1, (path, entry.title)


def test_entries_carry_no_permalink_anchors(demo_site: Path) -> None:
    """The body's toc permalinks (<a class="headerlink">¶</a>) are for the web page, not a feed reader."""
    parsed = feedparser.parse((demo_site / "feed.xml").read_bytes())
    with_headings = 0
    for entry in parsed.entries:
        content = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
        assert content.cssselect("a.headerlink") == [], entry.title
        assert "¶" not in content.text_content(), entry.title
        with_headings += bool(content.cssselect("h2"))
    assert with_headings > 0  # there were headings to carry anchors


def test_each_page_links_each_feed_once_with_its_own_title(demo_site: Path) -> None:
    for page in ["index.html", "tags/china/index.html", "briefs/winter-gas-storage-outlook/index.html", "archive/index.html"]:
        head = lxml.html.fromstring((demo_site / page).read_bytes()).find("head")
        links = [link for link in head.iter("link") if "alternate" in (link.get("rel") or "").split()]
        hrefs = [link.get("href") for link in links]
        assert len(hrefs) == len(set(hrefs)), (page, hrefs)
        titles = [link.get("title") for link in links]
        assert all(t.count(SITE_NAME) == 1 for t in titles), (page, titles)
        assert titles[0] == SITE_NAME
    tag_head = lxml.html.fromstring((demo_site / "tags/china/index.html").read_bytes()).find("head")
    tag_feeds = [link.get("title") for link in tag_head.iter("link") if link.get("type") == "application/atom+xml"]
    assert tag_feeds == [SITE_NAME, f"{SITE_NAME}: China"]
