"""Helpers for the view-model tests: a small site with PDFs on (books off, to keep renders few) and HTML parsing."""

from __future__ import annotations

import lxml.html

from tests.conftest import brief_yaml, site_config

# PDFs on, books off (fewer renders); footnotes, tables and ¶ permalinks in bodies.
MKDOCS_YML = (
    site_config("View Desk", pdf="true")
    + "        books: {latest: 0, tags: false, sections: false, daily: false}\n"
    + "markdown_extensions: [attr_list, footnotes, tables, {toc: {permalink: true}}]\n"
)

RICH_BODY = """\
## Findings

The ministry confirmed the figures[^1] in a [statement](https://example.org/statement?a=1&b=2).
See also [the other brief](../beta/#context) and ![a map](/assets/map.png).

| Country | Share |
|---|---|
| Estonia | 40 % |

[^1]: Published on Tuesday.
"""


def site_files() -> dict[str, str | bytes]:
    """Three briefs: alpha's body is rich, gamma's is the same text as beta's."""
    return {
        "mkdocs.yml": MKDOCS_YML,
        "briefs/alpha.yaml": brief_yaml(title="Alpha", date="2026-11-20", body=RICH_BODY),
        "briefs/beta.yaml": brief_yaml(title="Beta", date="2026-11-18", body="## Context\n\nThe same words twice.\n"),
        "briefs/gamma.yaml": brief_yaml(title="Gamma", date="2026-11-17", body="## Context\n\nThe same words twice.\n"),
    }


def element(html: str, css_class: str) -> lxml.html.HtmlElement:
    """The first element of ``html`` with ``css_class`` (a whole document or a page)."""
    doc = lxml.html.document_fromstring(html)
    found = doc.find_class(css_class)
    assert found, f"no element with class {css_class}"
    return found[0]


def shape(body: lxml.html.HtmlElement, *, id_prefix: str = "") -> list[tuple[str, str, str]]:
    """Each element in a body as (tag, id without the print prefix, its own text), permalinks left out."""
    out = []
    for el in body.iter():
        if not isinstance(el.tag, str) or el is body or "headerlink" in el.get("class", ""):
            continue
        ident = el.get("id", "")
        out.append((el.tag, ident.removeprefix(id_prefix), " ".join((el.text or "").split())))
    return out
