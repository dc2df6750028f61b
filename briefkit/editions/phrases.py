"""Text as the leak gate compares it: normalised words, and phrases looked up in a file's text chunks.

Both sides are normalised the same way (HTML entities and tags, Unicode
NFKC, case, soft hyphens, punctuation and whitespace), so escaped HTML, JSON
strings and hyphenated PDF lines still match.  A file's chunks
(:mod:`briefkit.editions.textextract`) are many and small, and a site
repeats most of them on every page: they are normalised in one go
(:func:`chunk_words`), looked up with no Python loop per word
(:func:`found_phrases`), and each distinct chunk once per scan
(:class:`ChunkMemo`).
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence

Phrase = tuple[str, ...]
Table = Mapping[int, Mapping[Phrase, object]]
"""Phrase length -> phrase -> anything (the withheld items it comes from)."""

_TAG = re.compile(r"</?[A-Za-z!?][^<>]*>")
_WORD = re.compile(r"\w+")
BREAK = "\x01"
"""A token between chunks: no word is one (it is no word character) and html.unescape never makes one."""
# After each chunk: the "<" stops a tag (_TAG) reaching across into the next chunk, and no tag starts
# at it ("<" then a letter), so the next chunk's first word stays a word.
_SEPARATOR = f"<{BREAK}"
_WORD_OR_BREAK = re.compile(rf"\w+|{BREAK}")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")  # a regex: str.translate with a table is slower
# Markdown that a reader never sees as text: link targets, reference definitions,
# attribute lists, block fences (/// portion | TLP:GREEN), footnote markers.
_MD_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_REF_DEF = re.compile(r"^[ \t]*\[[^\]]+\]:[ \t]*\S+.*$", re.MULTILINE)
_MD_ATTR_LIST = re.compile(r"\{:?[ \t]*[#.][^}\n]*\}")
_MD_FENCE = re.compile(r"^[ \t]*///.*$", re.MULTILINE)
_MD_FOOTNOTE_REF = re.compile(r"\[\^[^\]]*\]")


def _normalise(text: str) -> str:
    """Entities decoded, tags dropped, NFKC, casefolded, invisible characters removed: what :func:`words` splits."""
    for _ in range(3):  # text escaped twice over (a feed's HTML inside XML) still matches
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    text = _TAG.sub(" ", text)
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def words(text: str) -> list[str]:
    """Normalised words: entities decoded, tags dropped, NFKC, casefolded, invisible characters removed."""
    return _WORD.findall(_normalise(text))


def chunk_words(chunks: Sequence[str]) -> list[str]:
    """The words of every chunk, in order, each chunk's followed by one :data:`BREAK` (a phrase never spans two chunks).

    The chunks are normalised as one text, joined by a separator that no
    entity, tag or word can reach across (a file has hundreds of thousands of
    small chunks: attribute values, text nodes), which gives the same words
    as :func:`words` chunk by chunk.  Should a chunk hold the separator's
    character, or normalising make or eat one, the words are made chunk by
    chunk instead: the count of breaks is checked, never assumed.
    """
    if not chunks:
        return []
    joined = _SEPARATOR.join(chunks) + _SEPARATOR
    if joined.count(BREAK) == len(chunks):
        tokens = _WORD_OR_BREAK.findall(_normalise(joined))
        if tokens.count(BREAK) == len(chunks):
            return tokens
    out: list[str] = []
    for chunk in chunks:
        out.extend(words(chunk))
        out.append(BREAK)
    return out


def source_text(text: str) -> str:
    """Brief source text (Markdown) without what a reader never sees as text (link targets, fences, attribute lists)."""
    text = _MD_FENCE.sub(" ", text)
    text = _MD_REF_DEF.sub(" ", text)
    text = _MD_LINK_TARGET.sub("] ", text)
    text = _MD_ATTR_LIST.sub(" ", text)
    return _MD_FOOTNOTE_REF.sub(" ", text)


def source_words(text: str) -> list[str]:
    """Words of brief source text (Markdown) as they read once rendered."""
    return words(source_text(text))


def word_runs(tokens: Sequence[str], length: int) -> Iterator[Phrase]:
    """Every run of ``length`` consecutive words."""
    for i in range(len(tokens) - length + 1):
        yield tuple(tokens[i : i + length])


def found_phrases(table: Table, tokens: Sequence[str]) -> set[Phrase]:
    """Every phrase of ``table`` that occurs in ``tokens`` (:func:`chunk_words`), in one pass per phrase length.

    Each run of words is made by ``zip`` and looked up in the table by a set
    intersection, all in C: no Python loop per word.  A run holding a
    :data:`BREAK` spans two chunks and is in no table.
    """
    found: set[Phrase] = set()
    for length, phrases in table.items():
        if len(tokens) >= length:
            runs = zip(*(itertools.islice(tokens, i, None) for i in range(length)), strict=False)
            found.update(phrases.keys() & runs)
    return found


class ChunkMemo:
    """The phrases found in each chunk already read in this scan: a site repeats its chrome on every page.

    The navigation, icons, scripts' settings and footer are the same chunks
    in every file; each is normalised and looked up once.  The chunks
    themselves are the keys (no digest that two texts could share); long
    chunks, which seldom repeat, are not kept.
    """

    LONGEST = 2048

    def __init__(self, table: Table) -> None:
        self.table = table
        self.known: dict[str, frozenset[Phrase]] = {}

    def phrases(self, chunks: Sequence[str]) -> set[Phrase]:
        """Every phrase of the table in ``chunks`` (a phrase never spans two chunks)."""
        found: set[Phrase] = set()
        new: dict[str, None] = {}
        for chunk in chunks:
            known = self.known.get(chunk)
            if known is None:
                new[chunk] = None
            elif known:
                found |= known
        if not new:
            return found
        tokens = chunk_words(list(new))
        hits = found_phrases(self.table, tokens)
        if not hits:  # the usual case: no new chunk holds anything
            self.known.update((chunk, _NONE) for chunk in new if len(chunk) <= self.LONGEST)
            return found
        # Which chunks hold them: each chunk's words end at its BREAK; only the phrases found are looked for.
        table = {n: dict.fromkeys(p for p in hits if len(p) == n) for n in {len(p) for p in hits}}
        shortest = min(table)
        start = 0
        for chunk in new:
            end = tokens.index(BREAK, start)
            if len(chunk) <= self.LONGEST:
                self.known[chunk] = frozenset(found_phrases(table, tokens[start:end])) if end - start >= shortest else _NONE
            start = end + 1
        return found | hits


_NONE: frozenset[Phrase] = frozenset()
