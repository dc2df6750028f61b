"""A non-public edition's finished site, marked for its audience before it is swapped in.

Every HTML page gets:

* a banner at its top and bottom with the edition's title and the highest
  TLP label on that page (CAPCO: the banner is the highest portion), and, at
  the bottom, the TLP 2.0 sharing rule of the edition's label;
* ``<meta name="robots" content="noindex, nofollow">``, and no feed
  autodiscovery links (the feeds stay, for readers who are given them).

The site gets a ``robots.txt`` that disallows everything, and no sitemap.
The public edition is never touched here: its output is what it always was.
"""

from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from briefkit.common import fsio
from briefkit.editions.model import Edition
from briefkit.model import Corpus, Tlp

ROBOTS = "User-agent: *\nDisallow: /\n"
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
STYLESHEET = "assets/briefkit-editions.css"
_CLASS_LABELS = {t.css_class: t for t in Tlp}
_BRIEF_HREF = re.compile(r"(?:^|/)briefs/([a-z0-9][a-z0-9-]*)/?(?:index\.html)?(?:#.*)?$")
_FEED_LINK = re.compile(r"<link\b[^>]*\brel=\"alternate[^\"]*\"[^>]*>\s*", re.I)
_ROBOTS_META = re.compile(r"<meta\s+name=\"robots\"[^>]*>\s*", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_BODY = re.compile(r"<body\b[^>]*>", re.I)

CSS = """\
.bk-edition-banner { background: #000; color: #fff; font: 600 0.8rem/1.6 system-ui, sans-serif; padding: 0.3rem 1rem;
  display: flex; gap: 1rem; justify-content: space-between; flex-wrap: wrap; }
.bk-edition-banner__label { font-weight: 700; font-size: 12pt; }
.bk-edition-banner__rule { font-weight: 400; }
.bk-tlp-clear .bk-edition-banner__label { color: #ffffff; }
.bk-tlp-green .bk-edition-banner__label { color: #33ff00; }
.bk-tlp-amber .bk-edition-banner__label, .bk-tlp-amber-strict .bk-edition-banner__label { color: #ffc000; }
.bk-tlp-red .bk-edition-banner__label { color: #ff2b2b; }
"""
"""Only the banners: portion marks and tearlines are styled by the site's own stylesheet (``assets/briefkit.css``),
because the public edition shows them too (a tearline with a CLEAR portion)."""


class _Labels(HTMLParser):
    """Collects the labels a page shows: marked elements, and every brief it links to."""

    def __init__(self, labels: dict[str, Tlp]) -> None:
        super().__init__(convert_charrefs=True)
        self.labels = labels
        self.found = [Tlp.CLEAR]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for token in (values.get("class") or "").split():
            if token.startswith("bk-tlp-") and token.removeprefix("bk-") in _CLASS_LABELS:
                self.found.append(_CLASS_LABELS[token.removeprefix("bk-")])
        href = values.get("href") if tag == "a" else None
        if href and (m := _BRIEF_HREF.search(href)) and m.group(1) in self.labels:
            self.found.append(self.labels[m.group(1)])


def page_label(text: str, labels: dict[str, Tlp]) -> Tlp:
    """The highest label anything on the page shows (the banner, as CAPCO's is the highest portion)."""
    parser = _Labels(labels)
    parser.feed(text)
    parser.close()
    return Tlp.most_restrictive(parser.found)


def banner(edition: Edition, label: Tlp, *, bottom: bool) -> str:
    rule = (
        f'<span class="bk-edition-banner__rule">{html.escape(edition.handling.value)}: {html.escape(edition.handling.meaning)}</span>'
        if bottom
        else ""
    )
    where = "bottom" if bottom else "top"
    return (
        f'<div class="bk-edition-banner bk-edition-banner--{where} bk-{label.css_class}" role="note" '
        f'aria-label="{html.escape(edition.shown_title)}, {label.value}" data-search-exclude data-pagefind-ignore>'
        f'<span class="bk-edition-banner__edition">{html.escape(edition.shown_title)}</span>{rule}'
        f'<span class="bk-edition-banner__label">{label.value}</span></div>'
    )


def mark_page(text: str, edition: Edition, labels: dict[str, Tlp], stylesheet: str) -> str:
    label = page_label(text, labels)
    text = _FEED_LINK.sub("", text)
    text = _ROBOTS_META.sub("", text)
    head = f'\n<meta name="robots" content="noindex, nofollow">\n<link rel="stylesheet" href="{html.escape(stylesheet)}">\n'
    text = _HEAD.sub(lambda m: m.group(0) + head, text, count=1)
    text = _BODY.sub(lambda m: m.group(0) + banner(edition, label, bottom=False), text, count=1)
    at = text.lower().rfind("</body>")
    if at >= 0:
        text = text[:at] + banner(edition, label, bottom=True) + text[at:]
    return text


def finish_edition(site: Path, edition: Edition, shown: Corpus) -> None:
    """Mark every page of a non-public edition's staging folder, write its robots.txt, and drop its sitemaps."""
    labels = {b.slug: b.handling for b in shown.briefs}
    for name in SITEMAPS:
        (site / name).unlink(missing_ok=True)
    fsio.remove_tree(site / "sitemaps")
    (site / "robots.txt").write_text(ROBOTS, encoding="utf-8")
    (site / STYLESHEET).parent.mkdir(parents=True, exist_ok=True)
    (site / STYLESHEET).write_text(CSS, encoding="utf-8")
    for page in sorted(site.rglob("*.html")):
        if page.is_symlink() or not page.is_file():
            continue
        rel = os.path.relpath(site / STYLESHEET, page.parent).replace(os.sep, "/")
        text = page.read_text(encoding="utf-8")
        page.write_text(mark_page(text, edition, labels, rel), encoding="utf-8")
