"""Brief bodies: Markdown to clean HTML, the same way for the site and for print.

The body is content: it is converted, never evaluated as a template.  Raw
HTML in it is cleaned to a safe subset with nh3 (no script, iframe, event
handlers or javascript: URLs); a site may widen the subset in its config,
never to the tags and attributes :mod:`briefkit.common.html_policy` refuses.
Every ``style`` value is rebuilt by :mod:`briefkit.content.inline_style`, and every
table header cell gets the ``scope`` that tagged PDFs need.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import markdown
import nh3

from briefkit.common.html_policy import HEADINGS
from briefkit.content.inline_style import clean_style
from briefkit.content.portions import PortionExtension
from briefkit.content.table_scope import add_scopes
from briefkit.source.includes import body_extensions

# What Markdown and the common extensions emit, plus what editors use in raw HTML.
SAFE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        *HEADINGS,
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    }
)
SAFE_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "ol": {"start", "type"},
    "time": {"datetime"},
    "details": {"open"},
}
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
RENDITION_TAGS = frozenset({"picture", "source"})
RENDITION_ATTRIBUTES = {
    "img": frozenset({"srcset", "sizes", "width", "height", "loading", "decoding"}),
    "source": frozenset({"srcset", "sizes", "type"}),
}
"""What :mod:`briefkit.content.figures` writes for image renditions, after the editor's HTML is cleaned: never allowed in a body as written."""


@dataclass(frozen=True)
class MarkdownSettings:
    """The site's Markdown extensions, as MkDocs would pass them."""

    extensions: Sequence[Any] = ("tables", "footnotes", "admonition", "attr_list", "def_list", "toc")
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    extra_tags: frozenset[str] = frozenset()
    extra_attributes: Mapping[str, frozenset[str]] = field(default_factory=dict)


AttributeFilter = Callable[[str, str, str], "str | None"]
"""nh3's per-attribute hook: ``(element, attribute, value) -> new value``, or None to drop it."""

_conversions = 0


def conversions() -> int:
    """How many bodies this process has converted from Markdown (diagnostics: each body once per build)."""
    return _conversions


class HtmlPolicy:
    """The tags, attributes and URL schemes a site allows in bodies: nh3's arguments, built once."""

    def __init__(self, settings: MarkdownSettings | None = None) -> None:
        self.settings = settings or MarkdownSettings()
        attributes = {k: set(v) for k, v in SAFE_ATTRIBUTES.items()}
        for tag, extra in self.settings.extra_attributes.items():
            attributes.setdefault(tag, set()).update(extra)
        self._clean_args: dict[str, Any] = {
            "tags": set(SAFE_TAGS | self.settings.extra_tags),
            "attributes": attributes,
            "url_schemes": set(SAFE_SCHEMES),
            "link_rel": "noopener noreferrer",
            "strip_comments": True,
            "attribute_filter": _filter_attribute,
        }

    def clean(self, html: str) -> str:
        return add_scopes(str(nh3.clean(html, **self._clean_args)))

    def clean_renditions(self, html: str) -> str:
        """:meth:`clean`, also keeping the rendition markup briefkit itself wrote (:data:`RENDITION_ATTRIBUTES`)."""
        attributes = {k: set(v) for k, v in self._clean_args["attributes"].items()}
        for tag, extra in RENDITION_ATTRIBUTES.items():
            attributes.setdefault(tag, set()).update(extra)
        args = {**self._clean_args, "tags": self._clean_args["tags"] | RENDITION_TAGS, "attributes": attributes}
        return add_scopes(str(nh3.clean(html, **args)))

    def rewrite(self, html: str, attribute_filter: AttributeFilter) -> str:
        """Cleaned HTML with attributes changed by ``attribute_filter`` (print's ids, links and images).

        The input is :meth:`clean`'s output, so cleaning it again with the same
        policy keeps every element; nh3 checks URL schemes before it calls the
        filter, so the filter's own URLs (``file:`` images for print) are kept.
        """
        return str(nh3.clean(html, **{**self._clean_args, "attribute_filter": attribute_filter}))


class BodyRenderer(HtmlPolicy):
    """Converts many bodies with one Markdown instance (building one is slow).

    A body is converted once: the result is kept by the digest of its
    Markdown (the settings are fixed per renderer), so web pages, feeds,
    print and asset keys all read the same HTML.
    """

    def __init__(self, settings: MarkdownSettings | None = None) -> None:
        super().__init__(settings)
        # Bodies never include files, whatever mkdocs.yml enables for the site's own pages.
        extensions, configs = body_extensions(self.settings.extensions, self.settings.configs)
        self._md = markdown.Markdown(
            extensions=[*extensions, PortionExtension()],  # portion marks: briefkit.content.portions
            extension_configs=configs,
            output_format="html",
        )
        self._done: dict[str, str] = {}

    def html(self, body: str) -> str:
        """Sanitised HTML of a Markdown body."""
        key = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
        if key not in self._done:
            global _conversions
            _conversions += 1
            self._md.reset()
            self._done[key] = self.clean(self._md.convert(_SURROGATE.sub("\ufffd", body)))
        return self._done[key]


_SURROGATE = re.compile("[\ud800-\udfff]")
"""The loader refuses lone surrogates; text that skipped it must still not crash the sanitiser, which needs UTF-8."""


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    """nh3's per-attribute hook: styles are rebuilt, header scopes recomputed (see add_scopes)."""
    if attribute == "style":
        return clean_style(value)
    if attribute == "scope" and element == "th":
        return None
    return value
