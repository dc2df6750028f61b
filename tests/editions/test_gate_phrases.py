"""The gate's fast paths find exactly what reading chunk by chunk finds.

``chunk_words`` normalises a file's chunks as one text and ``ChunkMemo``
reads each distinct chunk once per scan; neither may let a phrase through
that the plain per-chunk reading (``words`` on each chunk, every run of
words looked up) catches, nor join two chunks into a phrase.  Hypothesis
writes the chunks from the characters that could break the joining: tag
brackets, entities, the break character itself, soft hyphens, NFKC and
casefolding cases.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.editions.phrases import BREAK, ChunkMemo, Phrase, chunk_words, found_phrases, word_runs, words

PIECES = [
    "a",
    "b",
    "cd",
    " ",
    "<",
    ">",
    "/",
    "&",
    "&amp;",
    "&lt;",
    "&#60;",
    "&#1;",
    "#",
    ";",
    "x",
    "lt",
    BREAK,
    "\u00ad",
    "\ufb01",
    "ß",
    "É",
    "\n",
]
chunk = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
chunks = st.lists(chunk, max_size=8)


def _one_by_one(parts: list[str]) -> list[str]:
    out: list[str] = []
    for part in parts:
        out.extend(words(part))
        out.append(BREAK)
    return out


@settings(max_examples=400, deadline=None)
@given(chunks)
def test_chunk_words_are_the_words_of_each_chunk(parts: list[str]) -> None:
    assert chunk_words(parts) == _one_by_one(parts)


def test_a_tag_cut_between_two_chunks_keeps_the_words_of_both() -> None:
    """``<b`` ends one chunk and ``c> d`` starts the next: joined naively, ``<b c>`` would be a tag and eat both words."""
    assert chunk_words(["a <b", "c> d"]) == ["a", "b", BREAK, "c", "d", BREAK]
    assert chunk_words(["x", BREAK + "y"]) == ["x", BREAK, "y", BREAK]  # the break character inside a chunk is no break


def _naive(table: dict[int, dict[Phrase, None]], files: list[list[str]]) -> list[set[Phrase]]:
    found = []
    for parts in files:
        hits: set[Phrase] = set()
        for part in parts:
            tokens = words(part)
            for length, phrases in table.items():
                hits.update(run for run in word_runs(tokens, length) if run in phrases)
        found.append(hits)
    return found


VOCAB = ["alpha", "beta", "gamma", "delta"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.lists(st.sampled_from([*VOCAB, "<i>", "&amp;", BREAK]), max_size=10).map(" ".join), max_size=6), max_size=5),
    st.lists(st.lists(st.sampled_from(VOCAB), min_size=2, max_size=3).map(tuple), min_size=1, max_size=6),
)
def test_the_memo_finds_what_reading_every_chunk_finds(files: list[list[str]], phrases: list[Phrase]) -> None:
    """Files share chunks (as pages share their chrome); found phrases, file by file, are the same as read naively."""
    table: dict[int, dict[Phrase, None]] = {}
    for phrase in phrases:
        table.setdefault(len(phrase), {})[phrase] = None
    memo = ChunkMemo(table)
    assert [memo.phrases(parts) for parts in files] == _naive(table, files)
    assert [found_phrases(table, chunk_words(parts)) for parts in files] == _naive(table, files)
