"""Generated pages that are only HTML skip Python-Markdown in briefkit's own MkDocs run.

Every page briefkit generates is front matter and then raw HTML blocks laid out
by its templates (:mod:`briefkit.web.docs`).  Python-Markdown passes such
blocks through unchanged, but finds where they end with a pure-Python HTML
parser, and MkDocs parses them once more for anchors: 82 % of Python-Markdown's
time on these pages (``benchmarks/pageform.py``).  So, in the MkDocs runs
briefkit drives itself, the briefkit plugin hands Markdown one placeholder
line instead of the page and puts the page's HTML back in its place after
(``on_page_markdown`` / ``on_page_content``), with the ``id`` anchors MkDocs
would have found.  The final HTML is the same string.

The files on disk are untouched: another engine (Zensical, ProperDocs, plain
``mkdocs build -f build/mkdocs.yml``), which runs no briefkit plugin, reads the
same pages as raw HTML and builds the same site, only slower.

The swap is made only when that is sure to give the same result:

* the site overrides none of ``templates/site/`` (an override may write
  Markdown, which must be converted);
* every Markdown extension the site enables is one known to leave raw HTML
  blocks alone (:data:`SAFE_EXTENSIONS`): any other (``pymdownx.striphtml``
  edits the HTML output, ``pymdownx.snippets`` the source, ``md_in_html``
  reads inside blocks) turns the swap off;
* the page is one briefkit generated (its front matter carries ``briefkit``
  metadata) and starts with an HTML tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape as html_unescape
from typing import Any

SAFE_EXTENSIONS = frozenset(
    {
        # MkDocs' defaults and briefkit's starter mkdocs.yml: checked by benchmarks/pageform.py (same final HTML) and
        # tests/web/test_rawpages.py.  Add one only with the same check.
        "admonition",
        "attr_list",
        "def_list",
        "fenced_code",
        "footnotes",
        "tables",
        "toc",
        "pymdownx.details",
        "pymdownx.superfences",
    }
)
"""Extensions that work on Markdown syntax only and leave raw HTML blocks as they are."""

PLACEHOLDER = '<div class="bk-raw-page-slot"></div>'
"""What Markdown gets instead of a page: one tiny HTML block (no briefkit page contains it)."""

# What MkDocs counts as an anchor (mkdocs.structure.pages._HTMLHandler): any tag's id, an <a>'s name.
_TAG = re.compile(r"<([A-Za-z][\w-]*)(\s[^<>]*)>")
_ATTR = re.compile(r"""\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""")

swapped = 0
"""Pages handed to Markdown as a placeholder in this process (tests look)."""


def extension_names(extensions: Iterable[Any]) -> list[str]:
    """Names of the extensions MkDocs loads (an entry may be an Extension object)."""
    return [e if isinstance(e, str) else f"{type(e).__module__}.{type(e).__name__}" for e in extensions]


def can_swap(extensions: Iterable[Any], site_overrides: bool) -> bool:
    """Whether pages may skip Markdown in this site: no site page templates and only :data:`SAFE_EXTENSIONS`."""
    return not site_overrides and all(name in SAFE_EXTENSIONS for name in extension_names(extensions))


class RawPages:
    """The plugin's two hooks for one MkDocs run: the pages taken out of Markdown, by page."""

    def __init__(self) -> None:
        self.pages: dict[int, str] = {}

    def markdown(self, markdown: str, page: Any) -> str:
        """The page's Markdown, or the placeholder when it is a generated page of raw HTML."""
        global swapped
        meta = getattr(page, "meta", None) or {}
        if "briefkit" not in meta or not markdown.lstrip().startswith("<") or PLACEHOLDER in markdown:
            return markdown
        self.pages[id(page)] = markdown
        swapped += 1
        return PLACEHOLDER + "\n"

    def content(self, html: str, page: Any) -> str:
        """The page's HTML back in the placeholder's place, and its anchors where MkDocs looks for them."""
        markdown = self.pages.pop(id(page), None)
        if markdown is None:
            return html
        raw = markdown.strip("\n")  # as Python-Markdown writes a raw HTML block
        anchors = getattr(page, "present_anchor_ids", None)
        if anchors is not None:
            anchors.update(_anchors(raw))
        return html.replace(PLACEHOLDER, raw, 1)


def _anchors(html: str) -> set[str]:
    """Every ``id``, and every ``name`` of an ``<a>``, in briefkit's generated HTML (its attributes are always quoted)."""
    found: set[str] = set()
    for tag, attrs in _TAG.findall(html):
        for key, double, single in _ATTR.findall(attrs):
            if key == "id" or tag.lower() == "a":
                found.add(html_unescape(double or single))
    return found
