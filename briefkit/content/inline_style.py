"""``style=`` attributes in bodies, reduced to what cannot leave the element.

A body may style a table cell (Markdown's tables extension writes
``style="text-align: left"`` itself), but an unfiltered ``style`` lets one
body cover the whole page with ``position: fixed``, make every reader fetch
a third-party ``url()``, or feed WeasyPrint an SVG that never finishes
rendering.  So the value is parsed with a real CSS tokenizer (tinycss2, the
one WeasyPrint uses, which resolves escapes such as ``u\\72l(`` and
comments the way browsers do) and rebuilt from an allow-list: a few
properties, each with a grammar of plain keywords, bounded lengths and
plain colours.  Anything else (a function other than ``rgb()``/``hsl()``, a
URL token, an at-rule, ``!important``, a property not listed) drops that
declaration; what is left is serialised again from the checked tokens, so
no text of the input passes through unparsed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import tinycss2
import tinycss2.ast

_ALIGN = frozenset({"left", "right", "center", "justify", "start", "end"})
_VALIGN = frozenset({"top", "middle", "bottom", "baseline"})
_WEIGHT = frozenset({"normal", "bold", "bolder", "lighter"})
_FONT_STYLE = frozenset({"normal", "italic", "oblique"})
_DECORATION = frozenset({"none", "underline", "line-through", "overline"})
_WHITE_SPACE = frozenset({"normal", "nowrap"})
# The CSS Color 3 basic names, plus keywords that refer to no resource.
_COLOUR_NAMES = frozenset(
    {
        "black",
        "silver",
        "gray",
        "grey",
        "white",
        "maroon",
        "red",
        "purple",
        "fuchsia",
        "green",
        "lime",
        "olive",
        "yellow",
        "navy",
        "blue",
        "teal",
        "aqua",
        "orange",
        "transparent",
        "currentcolor",
        "inherit",
    }
)
_COLOUR_FUNCTIONS = frozenset({"rgb", "rgba", "hsl", "hsla"})
# Lengths relative to the text or the table: an absolute or viewport unit
# could make a cell as wide as the page or wider.  Bounded, so a cell can't
# be stretched to a million ems.
_LENGTH_LIMITS = {"em": 40.0, "rem": 40.0, "ch": 80.0}
MAX_DECLARATIONS = 8
MAX_STYLE_CHARS = 400

Tokens = list[Any]


def _significant(tokens: Sequence[Any]) -> Tokens:
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


def _one(tokens: Sequence[Any]) -> Any | None:
    found = _significant(tokens)
    return found[0] if len(found) == 1 else None


def _keyword(allowed: frozenset[str]) -> Callable[[Sequence[Any]], bool]:
    def check(tokens: Sequence[Any]) -> bool:
        token = _one(tokens)
        return token is not None and token.type == "ident" and token.lower_value in allowed

    return check


def _width(tokens: Sequence[Any]) -> bool:
    token = _one(tokens)
    if token is None:
        return False
    if token.type == "percentage":
        return bool(0 <= token.value <= 100)
    if token.type == "dimension":
        limit = _LENGTH_LIMITS.get(token.lower_unit)
        return limit is not None and bool(0 <= token.value <= limit)
    if token.type == "number":
        return bool(token.value == 0)
    return bool(token.type == "ident" and token.lower_value == "auto")


def _font_weight(tokens: Sequence[Any]) -> bool:
    token = _one(tokens)
    if token is not None and token.type == "number":
        return bool(token.is_integer and 100 <= token.value <= 900 and token.value % 100 == 0)
    return _keyword(_WEIGHT)(tokens)


def _colour(tokens: Sequence[Any]) -> bool:
    token = _one(tokens)
    if token is None:
        return False
    if token.type == "hash":
        return len(token.value) in (3, 4, 6, 8) and all(c in "0123456789abcdefABCDEF" for c in token.value)
    if token.type == "ident":
        return token.lower_value in _COLOUR_NAMES
    if token.type == "function" and token.lower_name in _COLOUR_FUNCTIONS:
        args = _significant(token.arguments)
        numbers = [t for t in args if t.type in ("number", "percentage", "dimension")]
        others = [t for t in args if t.type not in ("number", "percentage", "dimension")]
        if not 3 <= len(numbers) <= 4 or not all(t.type == "literal" and t.value in ",/" for t in others):
            return False
        return all(t.type != "dimension" or t.lower_unit in ("deg", "turn") for t in numbers)
    return False


PROPERTIES: dict[str, Callable[[Sequence[Any]], bool]] = {
    "text-align": _keyword(_ALIGN),
    "vertical-align": _keyword(_VALIGN),
    "width": _width,
    "min-width": _width,
    "max-width": _width,
    "font-weight": _font_weight,
    "font-style": _keyword(_FONT_STYLE),
    "text-decoration": _keyword(_DECORATION),
    "white-space": _keyword(_WHITE_SPACE),
    "color": _colour,
    "background-color": _colour,
}
"""Each property a body may set, and the check its value must pass."""


def _serialise(tokens: Sequence[Any]) -> str:
    """Checked tokens as CSS text, rebuilt token by token (comments inside functions dropped too)."""
    out = []
    for token in tokens:
        if token.type == "function":
            out.append(f"{token.lower_name}({' '.join(_serialise([t]) for t in _significant(token.arguments))})")
        else:
            out.append(tinycss2.serialize([token]))
    return " ".join(out)


def clean_style(value: str) -> str | None:
    """The allowed declarations of a ``style`` value, re-serialised; None when none is left."""
    if len(value) > MAX_STYLE_CHARS:
        return None
    kept: list[str] = []
    for node in tinycss2.parse_blocks_contents(value, skip_comments=True, skip_whitespace=True):
        if not isinstance(node, tinycss2.ast.Declaration) or node.important:
            continue
        check = PROPERTIES.get(node.lower_name)
        if check is None or not check(node.value):
            continue
        kept.append(f"{node.lower_name}: {_serialise(_significant(node.value))}")
        if len(kept) == MAX_DECLARATIONS:
            break
    return "; ".join(kept) if kept else None
