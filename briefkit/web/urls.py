"""The site's URL scheme, in one place.  These URLs are documented and stable.

URLs here are relative to the site root, without a leading slash, and end in
``/`` for pages (``briefs/<slug>/``).  Each page is generated as
``<url>index.md`` so that MkDocs (with ``use_directory_urls``) publishes it at
exactly that URL.  Links inside generated pages are relative, so a site
works under any path prefix and from ``mkdocs serve``.
"""

from __future__ import annotations

import posixpath

from briefkit.content import view
from briefkit.model import Section

HOME = ""
TAGS = "tags/"
SECTIONS = "sections/"
ARCHIVE = "archive/"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"

DEFAULT_NAV: list[dict[str, str]] = [
    {"Home": "index.md"},
    {"Sections": "sections/index.md"},
    {"Tags": "tags/index.md"},
    {"Archive": "archive/index.md"},
]
"""The navigation a site without its own ``nav`` gets (the search page is added to it when on)."""


# A brief's URLs are shared with print, so they are defined with its view model.
brief = view.brief_page
pdf = view.brief_pdf


def tag(slug: str, page: int = 1) -> str:
    return f"tags/{slug}/" if page <= 1 else f"tags/{slug}/page/{page}/"


def tag_feed(slug: str) -> str:
    return f"tags/{slug}/feed.xml"


PLACES = "places/"


def place(code: str, page: int = 1) -> str:
    """A place's listing: ``places/<alpha-2 code in lower case>/``."""
    base = f"places/{code.lower()}/"
    return base if page <= 1 else f"{base}page/{page}/"


def place_feed(code: str) -> str:
    return f"places/{code.lower()}/feed.xml"


def section(sec: Section, page: int = 1) -> str:
    base = f"sections/{sec.path}/"
    return base if page <= 1 else f"{base}page/{page}/"


def archive(year: int, month: int | None = None) -> str:
    return f"archive/{year:04d}/" if month is None else f"archive/{year:04d}/{month:02d}/"


def source_path(url: str) -> str:
    """The generated Markdown file that MkDocs publishes at ``url``."""
    return f"{url}index.md"


def relative(target: str, page: str) -> str:
    """A link from the page at ``page`` to ``target`` (both root-relative)."""
    base = "/" + page
    if not base.endswith("/"):
        base = posixpath.dirname(base) + "/"
    rel = posixpath.relpath("/" + target, base)
    if target == "" or target.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel


def absolute(site_url: str, target: str) -> str:
    """A full URL when the site has a ``site_url``; else root-relative with a slash."""
    if not site_url:
        return "/" + target
    return site_url.rstrip("/") + "/" + target


class Linker:
    """``link(target)`` in templates: a relative link from the current page."""

    def __init__(self, page: str) -> None:
        self.page = page

    def __call__(self, target: str) -> str:
        return relative(target, self.page)
