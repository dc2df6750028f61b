"""Layout in Debian's chromium at a laptop's 1366 px and a phone's 390 px (the look: docs/screenshots/)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser
from qualitytools import PAGES

from tests.conftest import serve_dir

# Characters on each full line of the first paragraphs of the body (a drop cap's line and last lines left out).
LINE_LENGTHS = """() => {
  const counts = [];
  for (const p of [...document.querySelectorAll('.bk-body > p')].slice(0, 4)) {
    const node = p.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE) continue;
    const range = document.createRange();
    const lines = new Map();
    for (let i = 0; i < node.textContent.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (rect) lines.set(Math.round(rect.top), (lines.get(Math.round(rect.top)) || 0) + 1);
    }
    counts.push(...[...lines.values()].slice(1, -1));
  }
  return counts;
}"""


def test_body_lines_are_about_seventy_characters_on_a_laptop(browser: Browser, demo_site: Path) -> None:
    with serve_dir(demo_site) as base:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(f"{base}/briefs/gdansk-port-military-mobility/", wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        lengths: list[int] = page.evaluate(LINE_LENGTHS)
        page.close()
    assert len(lengths) >= 5
    assert 55 <= sum(lengths) / len(lengths) <= 80, lengths
    assert max(lengths) <= 85, lengths  # was 112


def test_phone_layout(browser: Browser, demo_site: Path) -> None:
    with serve_dir(demo_site) as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{base}/{PAGES['brief']}", wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        # "Related briefings" in one column: every card starts at the same x.
        lefts = page.evaluate("[...document.querySelectorAll('.bk-related .bk-card')].map(c => Math.round(c.getBoundingClientRect().left))")
        # "3 min read" on one line, in the byline and on every card.
        wraps = page.evaluate(
            "[...document.querySelectorAll('.bk-reading, .bk-card__reading')].map(e => e.getClientRects().length === 1 && e.getBoundingClientRect().height < 30)"
        )
        # A wide table scrolls in its own box, which keyboards can reach and which shows a shadow at the hidden edge.
        table = page.evaluate("""() => {
            const box = document.querySelector('.bk-body .md-typeset__scrollwrap');
            const style = getComputedStyle(box);
            return {overflows: box.scrollWidth > box.clientWidth, overflowX: style.overflowX, tabindex: box.tabIndex,
                    shadows: (style.backgroundImage.match(/radial-gradient/g) || []).length,
                    pageFits: document.querySelector('.md-main').scrollWidth <= window.innerWidth};
        }""")
        page.close()
    assert len(lefts) >= 2 and len(set(lefts)) == 1, lefts
    assert wraps and all(wraps), wraps
    assert table == {"overflows": True, "overflowX": "auto", "tabindex": 0, "shadows": 2, "pageFits": True}
