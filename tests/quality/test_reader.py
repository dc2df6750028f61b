"""What a reader sees on the demo site's pages, parsed with lxml (the look itself: docs/screenshots/)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html

from briefkit.content.labels import CONFIDENCE_TEXT, key_points_label
from briefkit.model import Confidence, Kind

SITE_NAME = "The Meridian Brief"
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def page(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / url / "index.html" if not url.endswith(".html") else site / url).read_bytes())


def text(el: lxml.html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def test_a_correction_says_correction_once(demo_site: Path) -> None:
    [correction] = page(demo_site, "briefs/gdansk-port-military-mobility/").cssselect(".bk-correction")
    assert text(correction).startswith("Correction, 16 October 2026: An earlier version of this brief said")


def test_key_points_label_and_confidence_meaning_match_print(demo_site: Path) -> None:
    analysis = page(demo_site, "briefs/gdansk-port-military-mobility/")
    news = page(demo_site, "briefs/baltic-cable-repair-fleet/")
    # The PDF takes its heading from the same helper (briefkit.content.labels), so the two cannot differ.
    assert text(analysis.get_element_by_id("bk-key-points")) == key_points_label(Kind.ANALYSIS) == "Key judgments"
    assert text(news.get_element_by_id("bk-key-points")) == key_points_label(Kind.NEWS) == "Key points"
    [confidence] = analysis.cssselect(".bk-confidence")
    assert text(confidence) == f"Analytic confidence: moderate. {CONFIDENCE_TEXT[Confidence.MODERATE]}"


def test_preview_listings_show_each_label_once_and_dates_as_words(demo_preview: Path) -> None:
    cards = {}
    for url in ["", "archive/2026/11/", "sections/energy/", "sections/cyber/"]:
        for card in page(demo_preview, url).cssselect(".bk-card"):
            cards[text(card.cssselect(".bk-card__title")[0])] = [text(b) for b in card.cssselect(".bk-badge")]
    assert cards, "no cards found"
    for title, badges in cards.items():
        assert len(badges) == len(set(badges)), (title, badges)
        assert not any(ISO_MOMENT.search(b) for b in badges), (title, badges)
    amber = [badges for title, badges in cards.items() if "TLP:AMBER" in badges]
    assert amber and all(badges.count("TLP:AMBER") == 1 for badges in amber)
    embargoed = [b for badges in cards.values() for b in badges if b.startswith("embargoed")]
    assert embargoed == ["embargoed until 15 January 2030, 08:00 UTC"]
    banner = page(demo_preview, "briefs/north-sea-hydrogen-2030-scenarios/").cssselect(".bk-preview-banner__reason")
    assert [text(b) for b in banner] == ["embargoed until 15 January 2030, 08:00 UTC"]


def test_kicker_and_kind_are_separate_words(demo_site: Path) -> None:
    home = page(demo_site, "")
    metas = [text(m) for m in home.cssselect(".bk-card__meta")]
    assert "Baltic Analysis" in metas or any(m.endswith(" Analysis") for m in metas), metas
    assert not any(re.search(r"[a-z](Analysis|Opinion|Explainer)$", m) for m in metas), metas
    head = page(demo_site, "briefs/gdansk-port-military-mobility/").cssselect(".bk-head__kicker")[0]
    assert text(head) == "Baltic Analysis"


def test_listing_cards_follow_the_page_heading_one_level_down(demo_site: Path) -> None:
    for url in ["tags/china/", "sections/energy/", "archive/2026/11/"]:
        tree = page(demo_site, url)
        levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6") if not h.xpath("ancestor::nav")]
        assert levels[0] == 1
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (url, levels)


def test_home_title_once_and_a_real_404(demo_site: Path) -> None:
    assert page(demo_site, "").findtext(".//title") == SITE_NAME
    missing = page(demo_site, "404.html")
    assert missing.findtext(".//title") == f"Page not found - {SITE_NAME}"
    assert text(missing.cssselect(".bk-notfound h1")[0]) == "Page not found"
    # Material's search opens from the page; the links lead home and to every index.
    assert missing.cssselect('.bk-notfound label[for="__search"]') and missing.get_element_by_id("__search") is not None
    hrefs = [a.get("href") for a in missing.cssselect(".bk-notfound__links a")]
    # Served for any missing URL: every link resolves from the site root.
    assert [urlsplit(urljoin("http://host/some/missing/page", h)).path for h in hrefs] == ["/", "/sections/", "/tags/", "/archive/"]


def test_archive_index_gives_counts_and_top_briefs_per_month(demo_site: Path) -> None:
    index = page(demo_site, "archive/")
    months = index.cssselect(".bk-archive__month")
    assert len(months) >= 4
    total = 0
    for month in months:
        heading = text(month.cssselect("h3")[0])
        count = int(re.search(r"(\d+) briefings?$", heading).group(1))  # type: ignore[union-attr]
        total += count
        top = month.cssselect(".bk-archive__top li a")
        assert 1 <= len(top) == min(count, 3), heading
        assert all(a.get("href").startswith("../briefs/") for a in top)
    assert total == len(list((demo_site / "briefs").iterdir()))
