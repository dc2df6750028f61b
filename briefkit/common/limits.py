"""Bounds on what a brief may contain, so that whatever passes ``brief check`` also builds.

Every limit here is enforced by the schema (``briefkit.source.schema``) and shows in
the exported JSON Schema; docs/format.md lists them.  They are generous for
real briefs and exist so that no input can make a build crash (file names
too long, dates that overflow on conversion, ill-formed XML) or grow
out of proportion (every tag feed repeating thousands of categories).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# Characters, per text field.
TITLE_CHARS = 200
NAME_CHARS = 100
"""A section level, a tag, an author, a tag alias: short names that become URLs and file names."""
SUMMARY_CHARS = 2000
POINT_CHARS = 1000
"""One key point, a source's title, a correction's text."""
PUBLISHER_CHARS = 200
URL_CHARS = 2000
DESCRIPTION_CHARS = 2000
"""A tag's description, an author's bio."""

# Items, per list.
MAX_SECTION_LEVELS = 4
MAX_TAGS = 20
MAX_AUTHORS = 20
MAX_KEY_POINTS = 30
MAX_SOURCES = 200
MAX_CORRECTIONS = 50
MAX_ALIASES = 50

# Numbers: Python refuses to turn an integer of more than 4,300 digits into text.
MAX_NUMBER_CHARS = 100

# Dates: every date converts to UTC and to any time zone, with a day to spare either side.
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2999, 12, 31)

# Slugs: file and folder names.  A name of NAME_CHARS characters can transliterate
# to several times as many ASCII letters (one CJK character gives a syllable).
SLUG_CHARS = 80

# Characters that no text field may hold: C0 controls but tab and line feed, DEL,
# C1 controls, surrogates and Unicode non-characters.  None is allowed in XML 1.0
# (or is a discouraged non-character there), and the controls drive terminals.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)
# Bidirectional embeddings, overrides and isolates reorder the text around them
# ("Trojan Source"); one-line names (titles, tags, sections, authors) may not use them.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Not allowed anywhere in an XML 1.0 document, whatever the source: stripped as a last defence.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def bad_character(text: str, *, one_line: bool = False) -> tuple[int, str] | None:
    """The first character a text field may not hold: (0-based index, description), or None."""
    found = _FORBIDDEN.search(text)
    if found is None and one_line:
        found = _BIDI.search(text)
    if found is None:
        return None
    return found.start(), describe(found.group())


def describe(char: str) -> str:
    code = ord(char)
    name = unicodedata.name(char, "")
    if 0xD800 <= code <= 0xDFFF:
        kind = "a lone surrogate"
    elif (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
        kind = "a Unicode non-character"
    elif _BIDI.match(char):
        kind = f"the bidirectional control {name}" if name else "a bidirectional control"
    else:
        kind = "a control character"
    return f"U+{code:04X} ({kind})"


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (one linear scan, no backtracking)."""
    return _NOT_XML.sub("", text)


def shown(text: str, limit: int = 60) -> str:
    """User text quoted in a message: control characters escaped, long text cut."""
    cut = text if len(text) <= limit else text[: limit - 3] + "..."
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}" for c in cut)
