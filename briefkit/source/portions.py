"""Portion marks and tearlines in the source: where they are, and what ``brief check`` says of them.

A body (or a tearline body) may mark a block with its own label::

    /// portion | TLP:GREEN
    A paragraph partners may share.
    ///

This module finds such blocks line by line, the way pymdownx.blocks reads
them (a closing line of as many slashes closes the innermost open block;
fenced code is never a block), so that an edition can cut out every
portion above its ceiling before the body is rendered
(:func:`strip_portions`).  Rendering is :mod:`briefkit.content.portions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefkit.common.yamlsrc import Document
from briefkit.config import Config
from briefkit.errors import Problem, error
from briefkit.model import Tearline, Tlp
from briefkit.source.schema import TearlineIn

PORTION = "portion"
_OPEN = re.compile(r"^[ \t]*(/{3,})[ \t]*([A-Za-z][\w-]*)[ \t]*(?:\|(.*))?$")
_CLOSE = re.compile(r"^[ \t]*(/{3,})[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_LABELS = {t.value: t for t in Tlp}


def label_of(text: str) -> Tlp | None:
    """The TLP label a portion names, written exactly (``TLP:GREEN``); None for anything else."""
    return _LABELS.get(text.strip())


@dataclass(frozen=True)
class Portion:
    label: str
    """As written after the ``|``."""
    handling: Tlp | None
    """None when the label is not a TLP 2.0 label: an edition treats it as above every ceiling."""
    start: int
    """0-based line of the opening ``/// portion`` line."""
    end: int
    """0-based line of its closing line (the last line of the body when it is never closed)."""


def portions(body: str) -> list[Portion]:
    """Every portion block of ``body``, nested ones included, in order of their opening lines."""
    lines = body.split("\n")
    stack: list[tuple[int, str, str, int]] = []  # (slashes, block name, argument, start line)
    found: list[Portion] = []
    fence = ""
    for i, line in enumerate(lines):
        if fence:
            stripped = line.strip()
            if len(stripped) >= len(fence) and set(stripped) == {fence[0]}:
                fence = ""
            continue
        if m := _FENCE.match(line):
            fence = m.group(1)
            continue
        if m := _CLOSE.match(line):
            n = len(m.group(1))
            if any(s == n for s, *_ in stack):
                while stack:
                    slashes, name, arg, start = stack.pop()
                    if name == PORTION:
                        found.append(Portion(arg.strip(), label_of(arg), start, i))
                    if slashes == n:
                        break
            continue
        if m := _OPEN.match(line):
            stack.append((len(m.group(1)), m.group(2).lower(), m.group(3) or "", i))
    last = len(lines) - 1
    for _slashes, name, arg, start in stack:  # never closed: the block runs to the end of the body
        if name == PORTION:
            found.append(Portion(arg.strip(), label_of(arg), start, last))
    return sorted(found, key=lambda p: p.start)


def strip_portions(body: str, ceiling: Tlp) -> str:
    """``body`` without the portions above ``ceiling`` (and those whose label is not a TLP label), lines and all."""
    lines = body.split("\n")
    cut = [False] * len(lines)
    for p in portions(body):
        if p.handling is None or p.handling.rank > ceiling.rank:
            for i in range(p.start, p.end + 1):
                cut[i] = True
    return "\n".join(line for line, gone in zip(lines, cut, strict=True) if not gone)


def highest_portion(body: str) -> Tlp | None:
    """The highest label of any portion in ``body`` (unknown labels count as TLP:RED); None without portions."""
    found = portions(body)
    if not found:
        return None
    return Tlp.most_restrictive([p.handling or Tlp.RED for p in found])


def unmarked_paragraphs(body: str) -> list[int]:
    """0-based first lines of the blocks of text (paragraphs, lists, headings) that no portion covers."""
    lines = body.split("\n")
    covered = [False] * len(lines)
    for p in portions(body):
        for i in range(p.start, p.end + 1):
            covered[i] = True
    starts = []
    previous_blank = True
    for i, line in enumerate(lines):
        blank = not line.strip() or covered[i]
        if not blank and previous_blank:
            starts.append(i)
        previous_blank = blank
    return starts


# -- brief check ----------------------------------------------------------------


def _same_line(source: str, text: str) -> bool:
    """A source line that holds a body line: the same text, or the first line of a quoted scalar after its key."""
    stripped = source.strip()
    return stripped == text or stripped.endswith(("'" + text, '"' + text))


class _Lines:
    """Where each line of a body value is in the YAML source (a literal block keeps its lines)."""

    def __init__(self, body: str, source: str, start: tuple[int, int]) -> None:
        self.start = start
        self.rows: dict[int, tuple[int, int]] = {}
        src = source.splitlines()
        row = start[0] - 1
        for i, line in enumerate(body.split("\n")):
            text = line.strip()
            if not text:
                continue
            probe = row
            while probe < len(src) and not _same_line(src[probe], text):
                probe += 1
            if probe >= len(src):
                continue  # written otherwise (escapes, folding): this line falls back to the value's start
            line = src[probe]
            self.rows[i] = (probe + 1, line.index(text) + 1 if line.strip() != text else len(line) - len(line.lstrip()) + 1)
            row = probe + 1

    def at(self, line: int) -> tuple[int, int]:
        """Where body line ``line`` is in the file (the value's start when it cannot be told)."""
        return self.rows.get(line, self.start)


def _body_problems(body: str, label: Tlp, where: str, lines: _Lines, shown: str, require_marks: bool) -> list[Problem]:
    out: list[Problem] = []
    for p in portions(body):
        line, col = lines.at(p.start)
        if p.handling is None:
            out.append(
                error(
                    shown,
                    line,
                    col,
                    "portion-label",
                    f"portion label '{p.label}' is not a TLP 2.0 label",
                    "write one of " + ", ".join(t.value for t in Tlp) + ", for example '/// portion | TLP:GREEN'",
                )
            )
        elif p.handling.rank > label.rank:
            out.append(
                error(
                    shown,
                    line,
                    col,
                    "portion-above-label",
                    f"portion marked {p.handling.value} is above {where}'s label {label.value}",
                    f"raise {where}'s label to {p.handling.value}, or mark the portion {label.value} or lower",
                )
            )
    if require_marks and label is not Tlp.CLEAR:
        for start in unmarked_paragraphs(body):
            line, col = lines.at(start)
            out.append(
                error(
                    shown,
                    line,
                    col,
                    "portion-unmarked",
                    f"this paragraph has no portion mark ({where} is {label.value}, and mkdocs.yml sets require_portion_marks)",
                    f"wrap it in '/// portion | {label.value}' ... '///' (or a lower label)",
                )
            )
    return out


def check(data: dict[str, object], handling: Tlp, doc: Document, source: str, shown: str, config: Config) -> list[Problem]:
    """Portion labels in the body and in every tearline, and each tearline's label against the brief's."""
    require = config.options.require_portion_marks
    out: list[Problem] = []
    body = data.get("body")
    if isinstance(body, str):
        body = body.strip()
        out += _body_problems(body, handling, "the brief", _Lines(body, source, doc.pos(("body",))), shown, require)
    tearlines = data.get("tearlines")
    for i, tearline in enumerate(tearlines if isinstance(tearlines, list) else []):
        if not isinstance(tearline, dict):
            continue
        label = label_of(str(tearline.get("handling", "")))
        if label is None:
            continue  # the schema reports it
        if label.rank >= handling.rank:
            line, col = doc.pos(("tearlines", i, "handling"))
            out.append(
                error(
                    shown,
                    line,
                    col,
                    "tearline-label",
                    f"tearline {i + 1} is {label.value}, not below the brief's label {handling.value}",
                    "a tearline is the version for a wider audience: give it a lower label, or drop it",
                )
            )
        text = tearline.get("body")
        if isinstance(text, str):
            text = text.strip()
            where = f"tearline {i + 1}"
            out += _body_problems(text, label, where, _Lines(text, source, doc.pos(("tearlines", i, "body"))), shown, require)
    return out


def tearlines(items: list[TearlineIn]) -> tuple[Tearline, ...]:
    """The brief's tearlines, highest label first (the order an edition looks for one it may hold)."""
    made = [Tearline(t.handling, t.title, t.summary, t.body, tuple(t.key_points)) for t in items]
    return tuple(sorted(made, key=lambda t: -t.handling.rank))
