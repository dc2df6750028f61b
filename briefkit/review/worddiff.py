"""A word diff of two texts, for ``brief diff``: whitespace alone is no change, and a rewritten sentence reads as one change.

The result is a sequence of :data:`Op`; concatenating the ``=`` and ``-``
texts spells the old text, the ``=`` and ``+`` texts the new one.
"""

from __future__ import annotations

import difflib
import re

Op = tuple[str, str]
"""One piece of a word diff: ``("=", text)`` kept, ``("-", text)`` deleted, ``("+", text)`` inserted."""


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def list_diff(a: list[str], b: list[str]) -> tuple[tuple[Op, ...], ...]:
    """Changed items only: edited ones as word diffs, whole new or removed ones as one op."""
    blocks: list[tuple[Op, ...]] = []
    matcher = difflib.SequenceMatcher(None, [" ".join(x.split()) for x in a], [" ".join(x.split()) for x in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        while olds and news:  # edited in place: pair them up in order
            blocks.append(word_diff(olds.pop(0), news.pop(0)))
        blocks += [(("-", x),) for x in olds]
        blocks += [(("+", x),) for x in news]
    return tuple(blocks)


_TOKEN = re.compile(r"\s+|\w+(?:['’-]\w+)*|[^\w\s]")


def _key(token: str) -> str:
    if token.isspace():
        return "\n\n" if token.count("\n") > 1 else " "
    return token


WORD_BUDGET = 20_000
"""Largest token-count product diffed word by word in one go.  difflib's matcher is
quadratic on texts with many repeated words; bigger changes are first split into
lines or sentences, and only the parts that differ are diffed by word."""


def word_diff(a: str, b: str) -> tuple[Op, ...]:
    """Word-level diff: whitespace differences alone do not count as changes."""
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    # The common start and end cost nothing to find and are most of a typical edit.
    head = 0
    while head < min(len(ta), len(tb)) and _key(ta[head]) == _key(tb[head]):
        head += 1
    tail = 0
    while tail < min(len(ta), len(tb)) - head and _key(ta[-1 - tail]) == _key(tb[-1 - tail]):
        tail += 1
    if (len(ta) - head - tail) * (len(tb) - head - tail) > WORD_BUDGET:
        # The middle will be split into lines: start and end it on line boundaries.
        while head and not _line_start(ta, head):
            head -= 1
        while tail and not _line_start(ta, len(ta) - tail):
            tail -= 1
    ops: list[Op] = [("=", "".join(tb[:head]))] if head else []
    ops += _diff_tokens(ta[head : len(ta) - tail], tb[head : len(tb) - tail])
    if tail:
        ops.append(("=", "".join(tb[len(tb) - tail :])))
    return _coalesce(ops)


def _diff_tokens(ta: list[str], tb: list[str]) -> list[Op]:
    if not ta or not tb:
        return [("-", "".join(ta))] if ta else [("+", "".join(tb))] if tb else []
    if len(ta) * len(tb) <= WORD_BUDGET:
        return _diff_words(ta, tb)
    ca, cb = _chunks(ta), _chunks(tb)
    if len(ca) == 1 and len(cb) == 1:  # one huge line: give up on word detail
        return [("-", "".join(ta)), ("+", "".join(tb))]
    ops: list[Op] = []
    matcher = difflib.SequenceMatcher(None, ["".join(map(_key, c)) for c in ca], ["".join(map(_key, c)) for c in cb], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(t for c in cb[j1:j2] for t in c)))
        elif i2 - i1 == j2 - j1:  # the same number of lines: diff them pairwise
            for x, y in zip(ca[i1:i2], cb[j1:j2], strict=True):
                ops += _diff_tokens(x, y)
        else:
            xa, xb = [t for c in ca[i1:i2] for t in c], [t for c in cb[j1:j2] for t in c]
            if xa and xb and len(xa) * len(xb) <= WORD_BUDGET:
                ops += _diff_words(xa, xb)
            else:  # lines added, removed, or rewritten wholesale
                ops += [op for op in (("-", "".join(xa)), ("+", "".join(xb))) if op[1]]
    return ops


def _line_start(tokens: list[str], i: int) -> bool:
    return i == 0 or (tokens[i - 1].isspace() and "\n" in tokens[i - 1])


def _chunks(tokens: list[str]) -> list[list[str]]:
    """Lines, or sentences in a long line: each chunk ends after a newline or ". "."""
    chunks: list[list[str]] = [[]]
    for i, token in enumerate(tokens):
        chunks[-1].append(token)
        if token.isspace() and ("\n" in token or (i and tokens[i - 1] in ".!?")):
            chunks.append([])
    return [c for c in chunks if c]


def _diff_words(ta: list[str], tb: list[str]) -> list[Op]:
    matcher = difflib.SequenceMatcher(None, [_key(t) for t in ta], [_key(t) for t in tb], autojunk=False)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(tb[j1:j2])))
            continue
        if i2 > i1:
            ops.append(("-", "".join(ta[i1:i2])))
        if j2 > j1:
            ops.append(("+", "".join(tb[j1:j2])))
    return ops


def _coalesce(ops: list[Op]) -> tuple[Op, ...]:
    """Merge changes separated only by spaces: ``[-big dog-]{+small cat+}``, not
    ``[-big-]{+small+} [-dog-]{+cat+}``.  The ops still spell out both texts exactly."""
    out: list[Op] = []
    dels: list[str] = []
    ins: list[str] = []

    def flush() -> None:
        if dels:
            out.append(("-", "".join(dels)))
        if ins:
            out.append(("+", "".join(ins)))
        dels.clear()
        ins.clear()

    for i, (tag, text) in enumerate(ops):
        if tag != "=":
            (dels if tag == "-" else ins).append(text)
        elif (dels or ins) and text.isspace() and i + 1 < len(ops) and ops[i + 1][0] != "=":
            dels.append(text)
            ins.append(text)
        else:
            flush()
            out.append((tag, text))
    flush()
    return _absorb_short(out)


def _absorb_short(ops: list[Op]) -> tuple[Op, ...]:
    """Fold a lone short word kept between two rewrites into them, so that a rewritten
    sentence reads as one change rather than being cut up at every "and" and "the"."""
    ops = list(ops)
    i = 0
    while i + 5 < len(ops) + 1:
        window = ops[i : i + 5]
        tags = [t for t, _ in window]
        if tags == ["-", "+", "=", "-", "+"] and len(re.findall(r"\w+|[^\w\s]", window[2][1])) <= 1:
            kept = window[2][1]
            ops[i : i + 5] = [("-", window[0][1] + kept + window[3][1]), ("+", window[1][1] + kept + window[4][1])]
            i = max(i - 3, 0)
            continue
        i += 1
    return tuple(ops)
