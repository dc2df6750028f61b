"""Print HTML for one brief or one book, from the model, through Jinja.

Templates live in ``templates/pdf/`` and a site overrides them by file name.
Brief fields reach them as data (autoescaped); the body arrives in the
brief's view model (:mod:`briefkit.content.view`) as HTML converted and
cleaned once per build, without permalinks, and is adjusted for paper here
by nh3's attribute filter, with the site's own cleaning policy: ids are made
unique per brief (a book holds many bodies), images are resolved the way the
website resolves them, and links to briefs in the same book become internal
links.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

import jinja2
from markupsafe import Markup

from briefkit import __version__
from briefkit.common.dates import day_long, local_date, long_date
from briefkit.config import Config
from briefkit.content.markup import HtmlPolicy
from briefkit.content.templating import environment
from briefkit.content.view import BriefView
from briefkit.model import Brief, Moment, Status, Tlp, instant, visibility
from briefkit.pdf.books import Book, format_day

# A made-up origin for the site's URL space: bodies are resolved against the
# brief's page URL as a browser would, then mapped onto the project folder.
_SITE = "https://site.invalid/"

_RESOURCES = frozenset({"img", "source", "link"})
"""Elements whose ``src`` or ``href`` the print renderer fetches (a ``link`` is an attachment)."""
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_BRIEF_LINK_RE = re.compile(r"^(?:\.\./|\./|/)*(?:briefs/)?([a-z0-9][a-z0-9-]*)(?:/(?:index\.md|index\.html)?|\.md)?(?:#(.*))?$")


@dataclass(frozen=True)
class PrintDocument:
    """One HTML document to render, and where each brief's resources came from."""

    html: str
    title: str
    refs: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Absolute URL of each resource in a body → (slug of the brief using it, "image" or "attachment")."""


def watermark_text(brief: Brief, now: datetime, tz: tzinfo) -> str:
    """What a preview print of a non-public brief says across every page, or ''.

    A brief held back only by its TLP label gets no watermark: its label on
    every page already is the handling instruction, and the PDF is how such a
    brief reaches its recipients.
    """
    seen = visibility(brief, now, tz)
    if seen.public or visibility(replace(brief, handling=Tlp.CLEAR), now, tz).public:
        return ""
    if brief.status is not Status.PUBLISHED:
        return f"{brief.status.label.upper()} — NOT FOR DISTRIBUTION"
    if brief.publish_at is not None and brief.publish_at > now:
        return f"EMBARGOED UNTIL {format_moment(brief.publish_at, tz).upper()}"
    return f"{seen.reason.upper()} — NOT FOR DISTRIBUTION"


def format_moment(value: Moment | None, tz: tzinfo) -> str:
    """'20 November 2026', or '20 November 2026, 14:30 CET' for a datetime: the web's long date."""
    return "" if value is None else long_date(value, tz)


def format_period(first: date, last: date, *, short: bool = False) -> str:
    """'15 July 2026 – 24 November 2026', or '15 Jul – 24 Nov 2026' when short."""
    if first == last:
        return format_day(first)
    if not short:
        return f"{format_day(first)} – {format_day(last)}"
    if first.year == last.year:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


def w3c(value: Moment) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


class DocumentBuilder:
    """Builds print HTML; one per process (a Jinja environment and the site's cleaning policy)."""

    def __init__(self, config: Config, policy: HtmlPolicy, now: datetime, *, preview: bool = False, recipient: str = "") -> None:
        self.config = config
        self.recipient = recipient
        """Who a named copy is for (``brief pdf --recipient``): printed on every page; '' for none."""
        self.policy = policy
        self.now = now
        self.preview = preview
        self.tz = config.tz
        self.env = print_environment(config)

    def brief(self, view: BriefView) -> PrintDocument:
        refs: dict[str, tuple[str, str]] = {}
        brief = view.brief
        item = self._item(view, frozenset(), refs)
        page = self._common(title=brief.title)
        page.update(
            brief=item,
            authors=[a.name for a in brief.authors],
            description=brief.summary,
            keywords=[t.name for t in brief.tags],
            created=w3c(brief.date),
            modified=w3c(brief.last_modified),
        )
        text = self.env.get_template("pdf/brief.html.j2").render(page)
        return PrintDocument(text, brief.title, refs)

    def book(self, book: Book, views: Mapping[str, BriefView]) -> PrintDocument:
        """The book's document; ``views`` holds (at least) the view of every brief in it, by slug."""
        refs: dict[str, tuple[str, str]] = {}
        members = frozenset(b.slug for b in book.briefs)
        items = [self._item(views[b.slug], members, refs) for b in book.briefs]
        dates = [instant(b.date, self.tz) for b in book.briefs]
        first = min(book.briefs, key=lambda b: instant(b.date, self.tz)).date
        last = max(book.briefs, key=lambda b: instant(b.date, self.tz)).date
        first_day, last_day = local_date(first, self.tz), local_date(last, self.tz)
        authors = sorted({a.name for b in book.briefs for a in b.authors})
        keywords = sorted({t.name for b in book.briefs for t in b.tags}, key=str.lower)
        if book.kind == "tag":
            keywords = [book.title]
        title = f"{book.label}: {book.title}" if book.kind in ("tag", "section", "daily") else book.title
        withheld = sum(1 for i in items if i["watermark"])
        # What the book covers, for the cover: top-level sections, or a section's own sub-sections.
        depth = 1 if book.kind == "section" else 0
        covered: dict[str, int] = {}
        for b in book.briefs:
            name = b.section.names[depth] if len(b.section.names) > depth else b.section.names[-1]
            covered[name] = covered.get(name, 0) + 1
        page = self._common(title=f"{title} — {self.config.site_name}")
        page.update(
            book=book,
            book_title=title,
            briefs=items,
            first=first,
            last=last,
            period=format_period(first_day, last_day),
            period_short=format_period(first_day, last_day, short=True),
            authors=authors,
            description=f"{book.description} {len(items)} brief(s), {format_day(first_day)} to {format_day(last_day)}.",
            keywords=keywords,
            created=w3c(min(dates)),
            modified=w3c(max(instant(b.last_modified, self.tz) for b in book.briefs)),
            handling=book.handling,
            covered=sorted(covered.items(), key=lambda kv: (-kv[1], kv[0])),
            cover_watermark="PREVIEW — CONTAINS UNPUBLISHED BRIEFS" if withheld else "",
        )
        text = self.env.get_template("pdf/book.html.j2").render(page)
        return PrintDocument(text, page["title"], refs)

    def _common(self, *, title: str) -> dict[str, Any]:
        opts = self.config.options.pdf
        return {
            "title": title,
            "site_name": self.config.site_name,
            "site_url": self.config.site_url,
            "lang": self.config.language or "en",
            "paper": opts.paper,
            "version": __version__,
            "preview": self.preview,
            "recipient": self.recipient,
            "Tlp": Tlp,
        }

    def _item(self, view: BriefView, members: frozenset[str], refs: dict[str, tuple[str, str]]) -> dict[str, Any]:
        brief = view.brief
        body = self._body(view, members, refs)
        wm = watermark_text(brief, self.now, self.tz) if self.preview else ""
        return {
            "b": brief,
            "slug": brief.slug,
            "anchor": f"brief-{brief.slug}",
            "page_name": f"brief-{brief.slug}",
            "body": Markup(body),
            "kind": view.kind_label,
            "key_points_heading": view.key_points_heading,
            "confidence_text": view.confidence_text,
            "watermark": wm,
            # Only a public brief has a web page to point to.
            "web_url": urljoin(self.config.site_url, view.url) if self.config.site_url and view.visibility.public else "",
            "corrections": view.corrections,
            "tlp_class": brief.handling.css_class,
            "image": view.image,
        }

    def _body(self, view: BriefView, members: frozenset[str], refs: dict[str, tuple[str, str]]) -> str:
        """The body for paper: the view's HTML with ids, links and images rewritten by nh3's attribute filter."""
        slug = view.slug
        prefix = f"{slug}--"
        page_url = _SITE + view.url

        def adjust(element: str, attribute: str, value: str) -> str | None:
            if attribute in ("id", "name"):
                return prefix + value
            if element == "img" and attribute == "src" and value in view.print_images:
                return view.print_images[value]  # the print rendition, embedded: no file is read
            if element in _RESOURCES and attribute in ("src", "href"):
                url = self._resource(value, page_url)
                refs[url] = (slug, "attachment" if element == "link" else "image")
                return url
            if element == "a" and attribute == "href":
                return self._link(value, slug, prefix, page_url, members)
            return value

        return self.policy.rewrite(view.article_html, adjust)

    def _link(self, href: str, slug: str, prefix: str, page_url: str, members: frozenset[str]) -> str:
        if href.startswith("#"):
            return "#" + prefix + href[1:]
        if _SCHEME_RE.match(href) or href.startswith("//"):
            return href
        target = _BRIEF_LINK_RE.match(href)
        if target and target.group(1) in members:
            other, fragment = target.group(1), target.group(2)
            return f"#{other}--{fragment}" if fragment else f"#brief-{other}"
        absolute = urljoin(page_url, href)
        if self.config.site_url:
            return self.config.site_url.rstrip("/") + "/" + absolute.removeprefix(_SITE)
        return href

    def _resource(self, src: str, page_url: str) -> str:
        """An image URL as the print renderer should fetch it.

        Relative and root-relative paths resolve like the website's (against
        ``/briefs/<slug>/``, never above the site root), then map onto the
        project folder, where the fetcher allows only the assets folder.
        """
        if _SCHEME_RE.match(src):
            return src
        if src.startswith("//"):
            return "https:" + src
        absolute = urljoin(page_url, src)
        if not absolute.startswith(_SITE):
            return absolute
        rel = posixpath.normpath("/" + unquote(urlsplit(absolute).path)).lstrip("/")
        return (self.config.root / rel).as_uri() if rel else self.config.root.as_uri()


def print_environment(config: Config) -> jinja2.Environment:
    """The site's template environment plus the date filters print templates use."""
    env = environment(config)
    tz = config.tz
    env.filters["moment"] = lambda v: format_moment(v, tz)
    env.filters["day"] = lambda v: day_long(v, tz) if v else ""
    env.filters["w3c"] = w3c
    env.filters["css_string"] = css_string
    env.globals["svg_watermark"] = svg_watermark
    # The web's fonts (shipped in templates/assets/fonts), so web and print share one type.
    env.globals["print_fonts"] = print_fonts_dir().as_uri()
    return env


def print_fonts_dir() -> Path:
    from briefkit.content.templating import packaged_templates

    return packaged_templates() / "assets" / "fonts"


def css_string(value: object) -> Markup:
    """A quoted CSS string, safe inside <style>: it cannot end the string, the rule or the element."""
    text = " ".join(str(value or "").split())
    out = []
    for ch in text:
        if ch in '\\"' or ch in "<>&{}" or ord(ch) < 0x20:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return Markup('"' + "".join(out) + '"')


def svg_watermark(text: str) -> str:
    """A data: URL of a page-sized diagonal watermark, for ``@page`` backgrounds."""
    size = max(28, min(64, int(1100 / max(len(text), 1))))
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">'
        '<text x="300" y="300" text-anchor="middle" dominant-baseline="middle" transform="rotate(-45 300 300)" '
        f'font-family="Liberation Sans, DejaVu Sans, sans-serif" font-weight="700" font-size="{size}" '
        f'fill="#c8102e" fill-opacity="0.16" letter-spacing="2">{html.escape(text)}</text></svg>'
    )
    return "data:image/svg+xml," + quote(svg, safe="")


def asset_roots(config: Config) -> list[Path]:
    """Folders a PDF may read files from: the project's assets, briefkit's print assets."""
    from briefkit.common import safefs
    from briefkit.content.templating import packaged_templates

    roots = [packaged_templates() / "pdf", print_fonts_dir()]
    try:  # an assets folder that is a link out of the site root (or into .git/) is no root at all
        safefs.check_contained(config.path(config.options.assets_dir), config.root)
    except safefs.Refused:
        return roots
    return [config.path(config.options.assets_dir), *roots]


def template_error(exc: jinja2.TemplateError) -> str:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"{exc.filename or exc.name}:{exc.lineno}:1: {exc.message}"
    return str(exc)
