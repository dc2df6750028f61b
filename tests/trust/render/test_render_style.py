"""Inline styles in bodies: only plain, cell-local declarations survive, checked on parsed HTML."""

from __future__ import annotations

from urllib.parse import quote

import lxml.html
import pytest
import tinycss2
import tinycss2.ast

from briefkit.content.inline_style import PROPERTIES, clean_style
from briefkit.content.markup import BodyRenderer

# An SVG whose <use> elements multiply: 10 levels of 10 copies is 10^10 glyphs to lay out.
_LOL = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><g id="a0"><text>lol</text></g>'
    + "".join(f'<g id="a{i}">' + f'<use xlink:href="#a{i - 1}"/>' * 10 + "</g>" for i in range(1, 10))
    + '<use xlink:href="#a9"/></svg>'
)
SVG_BOMB = "data:image/svg+xml," + quote(_LOL)

ATTACKS = [
    "position: fixed; top: 0; left: 0; width: 100vw; height: 100vh; background: black; z-index: 99999",
    "position:absolute;inset:0",
    "POSITION: FIXED",
    "pos\\69 tion: fixed",
    "position/**/: fixed",
    "position: fi/**/xed",
    "background: url(https://tracker.example.net/pixel.png)",
    "background-image: url('https://tracker.example.net/p')",
    'background: URL("https://tracker.example.net/p")',
    "background: u\\72l(https://tracker.example.net/p)",
    "background: u\\000072l(https://tracker.example.net/p)",
    "background:/**/url(https://tracker.example.net/p)",
    "background-color: red; background-image: url(//tracker.example.net/p)",
    f"background: url({SVG_BOMB})",
    f"background-image: url('{SVG_BOMB}')",
    "background-image: image-set('https://tracker.example.net/p' 1x)",
    "list-style: url(https://tracker.example.net/p)",
    "cursor: url(https://tracker.example.net/c), auto",
    "border-image: url(https://tracker.example.net/b) 30",
    "content: url(https://tracker.example.net/c)",
    "width: expression(alert(1))",
    "color: expression(alert(1))",
    "behavior: url(x.htc)",
    "-moz-binding: url(https://tracker.example.net/xbl)",
    "-webkit-position: fixed",
    "-webkit-mask-image: url(https://tracker.example.net/m)",
    "-webkit-text-align: left",
    "@import url(https://tracker.example.net/x.css)",
    "@import 'https://tracker.example.net/x.css'; position: fixed",
    "width: 100000000%",
    "width: 1e9em",
    "width: 99999px",
    "width: 100vw",
    "width: calc(100vw + 10em)",
    "width: var(--x)",
    "min-width: 500cm",
    "margin: -9999px",
    "transform: scale(1000)",
    "font-size: 900pt",
    "height: 10000em",
    "display: none",
    "visibility: hidden",
    "opacity: 0",
    "z-index: 2147483647",
    "color: red !important",
    "color: #ffffff80 !important",
    "color: rgb(1, 2, url(x))",
    "color: rgb(var(--x), 1, 2)",
    "color: attr(title)",
    "color: #ggg",
    "color: red; }</style><script>alert(1)</script>",
    "}body{display:none}",
    "color: red\\;position:fixed",
    "text-align: left; position: fixed; } * { position: fixed",
    "x" * 5000 + ": red",
    "color: red;" * 200,
]


@pytest.mark.parametrize("style", ATTACKS)
def test_no_attack_survives_the_style_filter(style: str) -> None:
    kept = clean_style(style) or ""
    for node in tinycss2.parse_blocks_contents(kept, skip_comments=True, skip_whitespace=True):
        assert isinstance(node, tinycss2.ast.Declaration), kept
        assert node.lower_name in PROPERTIES and not node.important, kept
        for token in node.value:
            assert token.type in ("whitespace", "ident", "hash", "number", "percentage", "dimension", "function"), kept
            if token.type == "function":
                assert token.lower_name in ("rgb", "rgba", "hsl", "hsla"), kept
    assert "url" not in kept.lower() and "fixed" not in kept.lower() and "\\" not in kept and len(kept) < 400


@pytest.mark.parametrize(
    ("style", "kept"),
    [
        ("text-align: left;", "text-align: left"),
        ("text-align:center", "text-align: center"),
        ("vertical-align: top; width: 30%", "vertical-align: top; width: 30%"),
        ("width: 12em", "width: 12em"),
        ("font-weight: bold; font-style: italic", "font-weight: bold; font-style: italic"),
        ("font-weight: 700", "font-weight: 700"),
        ("color: #1f3a5f; background-color: #eef2f7", "color: #1f3a5f; background-color: #eef2f7"),
        ("color: rgb(200, 16, 46)", "color: rgb(200 , 16 , 46)"),
        ("background-color: hsl(120deg 50% 50% / 0.5)", "background-color: hsl(120deg 50% 50% / 0.5)"),
        ("color: r\\65 d", "color: red"),
        ("COLOR: Navy", "color: Navy"),
        ("color: red; position: fixed; text-align: right", "color: red; text-align: right"),
        ("background: red", None),
        ("", None),
    ],
)
def test_plain_cell_styles_are_kept(style: str, kept: str | None) -> None:
    assert clean_style(style) == kept


def cell_styles(html: str) -> list[str]:
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    return [el.get("style") for el in tree.iter() if el.get("style") is not None]


@pytest.mark.parametrize("style", ATTACKS)
@pytest.mark.parametrize("tag", ["td", "th"])
def test_attacks_in_raw_html_cells_are_filtered(style: str, tag: str) -> None:
    escaped = style.replace("&", "&amp;").replace('"', "&quot;")
    body = f'<table><tr><{tag} style="{escaped}">cell</{tag}></tr></table>\n\nAfter.'
    html = BodyRenderer().html(body)
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    assert [c.text_content() for c in tree.iter("td", "th")] == ["cell"]
    assert tree.xpath("//script|//style") == []
    for value in cell_styles(html):
        assert value == clean_style(value), value  # what is left is already clean
        assert "url" not in value.lower() and "position" not in value.lower() and "expression" not in value.lower()


def test_markdown_table_alignment_survives_and_other_tags_get_no_style() -> None:
    html = BodyRenderer().html('| A | B |\n|:-|-:|\n| 1 | 2 |\n\n<p style="color: red">x</p><span style="color:red">y</span>\n')
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    assert [c.get("style") for c in tree.iter("th", "td")] == ["text-align: left", "text-align: right"] * 2
    assert [el.tag for el in tree.iter() if el.get("style")] == ["th", "th", "td", "td"]


def test_a_site_that_allows_style_elsewhere_gets_it_filtered_too() -> None:
    from briefkit.content.markup import MarkdownSettings

    renderer = BodyRenderer(MarkdownSettings(extra_attributes={"span": frozenset({"style"})}))
    html = renderer.html('<span style="color: navy; position: fixed; background: url(https://t.example/p)">x</span>')
    assert cell_styles(html) == ["color: navy"]
