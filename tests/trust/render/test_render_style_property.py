"""Properties of the style filter and the header scopes, over generated input (Hypothesis)."""

from __future__ import annotations

import lxml.html
import tinycss2
import tinycss2.ast
from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.content.inline_style import PROPERTIES, clean_style
from briefkit.content.markup import BodyRenderer

# Pieces that CSS attacks are made of, and random text between them.
PIECES = st.sampled_from(
    [
        *PROPERTIES,
        "position",
        "fixed",
        "url(",
        "u\\72l(",
        "\\",
        "/*",
        "*/",
        ":",
        ";",
        "(",
        ")",
        "{",
        "}",
        '"',
        "'",
        "!important",
        "@import",
        "expression(",
        "rgb(",
        "#",
        "%",
        "em",
        "vw",
        "-webkit-",
        " ",
        "0",
        "100",
        "1e9",
        "red",
        "data:image/svg+xml,",
    ]
)
STYLE = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(STYLE)
def test_whatever_goes_in_only_allowed_plain_declarations_come_out(style: str) -> None:
    kept = clean_style(style)
    if kept is None:
        return
    assert clean_style(kept) == kept  # a fixed point: nothing left for a second pass to remove
    for node in tinycss2.parse_blocks_contents(kept, skip_comments=True, skip_whitespace=True):
        assert isinstance(node, tinycss2.ast.Declaration) and node.lower_name in PROPERTIES
        assert not node.important
        assert all(t.type not in ("url", "at-keyword", "{} block", "[] block", "() block", "string") for t in node.value)
    assert "url" not in kept.lower() and "\\" not in kept and "/*" not in kept


ROW = st.lists(st.sampled_from(["th", "td"]), min_size=1, max_size=4)


@settings(max_examples=200, deadline=None)
@given(head=st.lists(ROW, max_size=2), body=st.lists(ROW, max_size=4), scope=st.sampled_from(["", "row", "col", "bogus"]))
def test_every_header_cell_gets_exactly_one_valid_scope(head: list[list[str]], body: list[list[str]], scope: str) -> None:
    def rows(rs: list[list[str]]) -> str:
        attr = f' scope="{scope}"' if scope else ""
        return "".join("<tr>" + "".join(f"<{c}{attr if c == 'th' else ''}>x</{c}>" for c in r) + "</tr>" for r in rs)

    html = BodyRenderer().html(f"<table><thead>{rows(head)}</thead><tbody>{rows(body)}</tbody></table>")
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    for th in tree.iter("th"):
        assert th.get("scope") in ("col", "row")
        row = th.getparent()
        cells = [c.tag for c in row]
        before = cells[: cells.index("td")] if "td" in cells else cells
        heads_row = row.getparent().tag != "thead" and "td" in cells and list(row).index(th) < len(before)
        assert th.get("scope") == ("row" if heads_row else "col")
    assert len(tree.xpath("//th")) == sum(r.count("th") for r in head + body)
