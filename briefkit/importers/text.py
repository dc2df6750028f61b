"""Plain article text as a desk copies it from a news page.

    Politicsconflict & defenseMilitary Operations      <- section path, levels run together
    Dockers shut three ports as pay talks fail          <- headline
    By Jane Roe                                         <- optional byline
    November 24, 2026                                   <- optional date
    The strike began at dawn.Cranes stood idle...       <- paragraphs, glued at sentence ends
    #featured #PortStrike #Shipping                     <- hashtags; some are flags

BLUF, key points and sources are left empty for the editor.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from briefkit.errors import Problem, error
from briefkit.importers.common import Draft, Site, clean_body
from briefkit.importers.sectionpath import split_section

FLAGS = {"featured": "featured"}
"""Hashtags that set a brief field instead of adding a tag."""

_HASHTAG_LINE = re.compile(r"^\s*(#[^\s#,]+[\s,]*)+$")
_HASHTAG = re.compile(r"#([^\s#,]+)")
_BYLINE = re.compile(r"^By\s+(?P<names>[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,3})*)\s*$")
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")
# A sentence end with the next sentence glued on: "real-time.For", 'said."The'.
_GLUE = re.compile(r"[.!?…]+[\"”’)\]]*(?=[\"“‘(\[]?[A-Z])")
# Before the full stop: a lone letter (U.S., a.m.) or a title; no break there.
_NO_BREAK_BEFORE = re.compile(
    r"(?:^|[\s.(\"“])[A-Za-z]$|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|No|vs|Inc|Ltd|Co|Jr|Sr)$"
)


def split_glued(line: str) -> list[tuple[int, str]]:
    """The paragraphs run together in one line, each with its start column (0-based)."""
    parts: list[tuple[int, str]] = []
    start = 0
    for m in _GLUE.finditer(line):
        if _NO_BREAK_BEFORE.search(line[: m.start()]) or m.start() == 0 or line[m.start() - 1].isspace():
            continue
        end = m.end()
        if m.group(0).endswith('"') and line[start : m.start()].count('"') % 2 == 0:
            end -= 1  # an even count of straight quotes before it: this one opens the next sentence
        parts.append((start, line[start:end].strip()))
        start = end
    parts.append((start, line[start:].strip()))
    return [(col, text) for col, text in parts if text]


def _date(line: str) -> date | None:
    text = re.sub(r"^(Published|Updated|Posted)( on)?:?\s+", "", line.strip(), flags=re.I)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def parse(text: str, shown: str, site: Site) -> list[Draft] | list[Problem]:
    draft = Draft(shown)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip()]
    if len(numbered) < 3:
        return [
            error(shown, 1, 1, "not-an-article", "expected a section line, a headline and at least one paragraph", "see docs/import.md")
        ]
    (sec_no, sec_line), (_title_no, title_line), *rest = numbered
    known = list(site.sections)
    levels, guesses = split_section(sec_line, known, list(site.tag_names.values()))
    draft.section = levels
    for col, why in guesses:
        draft.note(sec_no, col + 1, "import-section", why)
    draft.title = " ".join(title_line.split())
    draft.line = sec_no

    while rest and _HASHTAG_LINE.match(rest[-1][1]):
        line_no, line = rest.pop()
        for m in reversed(list(_HASHTAG.finditer(line))):
            word = m.group(1)
            if word.lower() in FLAGS:
                setattr(draft, FLAGS[word.lower()], True)
                draft.note(line_no, m.start() + 1, "import-flag", f"hashtag '#{word}' is a flag: set '{FLAGS[word.lower()]}: true'")
            else:
                draft.tags.insert(0, (word, line_no, m.start() + 1))
    draft.tags.sort(key=lambda t: (t[1], t[2]))

    if rest and (by := _BYLINE.match(rest[0][1].strip())):
        line_no, _ = rest.pop(0)
        draft.authors = [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", by.group("names")) if n.strip()]
        draft.note(line_no, 1, "import-byline", f"line read as the byline: authors {draft.authors}")
    if rest and (when := _date(rest[0][1])) is not None:
        line_no, _ = rest.pop(0)
        draft.date = when
        draft.note(line_no, 1, "import-date", f"line read as the publication date {when.isoformat()}")

    paragraphs: list[str] = []
    draft.body_line = rest[0][0] if rest else 0
    for line_no, line in rest:
        pieces = split_glued(line)
        for col, _piece in pieces[1:]:
            before = line[max(0, col - 12) : col].lstrip()
            draft.note(line_no, col + 1, "import-paragraph", f"new paragraph after '…{before}': a sentence end with no space")
        paragraphs.extend(piece for _, piece in pieces)
    draft.body = clean_body("\n\n".join(paragraphs))
    if paragraphs:
        draft.summary = ""  # finish() takes the first paragraph, and says so
    return [draft]
