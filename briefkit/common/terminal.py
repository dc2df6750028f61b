"""Text that is safe to print: no control sequence from a brief reaches a terminal or a report.

A title or body may hold ESC, an OSC sequence (``ESC ] ... BEL``), a CSI
sequence (``ESC [ 2K`` erases the line), a carriage return, C1 controls, or
bidirectional overrides that reorder what a reviewer reads.  Printed raw,
they can erase or disguise a line such as "becomes public".  :func:`safe`
writes every such character as a visible escape (``\\x1b``, ``\\u202e``), so
the text still says what was there.  It is a translation table, not a
regex: linear in the text, whatever the text.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")

_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
"""Arabic letter mark, LRM/RLM, embeddings and overrides, isolates."""
_NONCHARACTERS = (*range(0xFDD0, 0xFDF0), *(plane + end for plane in range(0, 0x110000, 0x10000) for end in (0xFFFE, 0xFFFF)))
_CONTROLS = (
    *(c for c in range(0x20) if c not in (0x09, 0x0A)),
    0x7F,
    *range(0x80, 0xA0),
    *_BIDI,
    0x2028,
    0x2029,
    *range(0xD800, 0xE000),  # lone surrogates: a terminal cannot show them, and encoding them fails
    *_NONCHARACTERS,
)


def _visible(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_TABLE = {code: _visible(code) for code in _CONTROLS}


def safe(text: str) -> str:
    """``text`` with every control, C1 and bidi control character, surrogate and non-character written as a
    visible escape; tabs and newlines kept.  The one rule for everything briefkit prints (the reporter too)."""
    return text.translate(_TABLE)


def scrub(value: T) -> T:
    """A copy of ``value`` with :func:`safe` applied to every string inside it (tuples and frozen dataclasses included)."""
    return _scrub(value)  # type: ignore[no-any-return]


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return safe(value)
    if isinstance(value, tuple):
        return tuple(_scrub(v) for v in value)
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {f.name: _scrub(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changed)
    return value
