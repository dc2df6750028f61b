"""Word diffs spell out both texts exactly (up to whitespace), small or large."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.review.diff import WORD_BUDGET, Op, word_diff


def sides(ops: tuple[Op, ...]) -> tuple[str, str]:
    old = "".join(text for tag, text in ops if tag != "+")
    new = "".join(text for tag, text in ops if tag != "-")
    return " ".join(old.split()), " ".join(new.split())


def test_a_rewrite_reads_as_one_change() -> None:
    assert word_diff("the big dog ran home", "the small cat ran home") == (
        ("=", "the "),
        ("-", "big dog"),
        ("+", "small cat"),
        ("=", " ran home"),
    )
    assert word_diff("One paragraph that tells what happened and why.", "Estonia and Latvia agree.") == (
        ("-", "One paragraph that tells what happened and why"),
        ("+", "Estonia and Latvia agree"),
        ("=", "."),
    )


def test_whitespace_alone_is_not_a_change() -> None:
    assert word_diff("a  b\nc", "a b c") == (("=", "a b c"),)


def test_large_texts_are_diffed_by_line_then_word() -> None:
    old = "".join(f"Line {i} of the brief, version 1.\n" for i in range(300))
    new = old.replace("Line 7 of", "Line seven of").replace("Line 250 of the brief, version 1.\n", "")
    ops = word_diff(old, new)
    assert len(old.split()) ** 2 > WORD_BUDGET
    assert [op for op in ops if op[0] != "="] == [("-", "7"), ("+", "seven"), ("-", "Line 250 of the brief, version 1.\n")]
    assert sides(ops) == (" ".join(old.split()), " ".join(new.split()))


words = st.lists(st.sampled_from(["the", "brief", "NATO", "air", "defence", ".", ",", "2027", "and"]), max_size=60)


@settings(max_examples=200, deadline=None)
@given(words, words, st.sampled_from([" ", "\n", "  "]))
def test_ops_spell_out_both_texts(a: list[str], b: list[str], space: str) -> None:
    old, new = space.join(a), " ".join(b)
    assert sides(word_diff(old, new)) == (" ".join(old.split()), " ".join(new.split()))


@settings(max_examples=30, deadline=None)
@given(st.lists(words, min_size=5, max_size=40), st.lists(words, min_size=5, max_size=40))
def test_ops_spell_out_both_texts_past_the_budget(a: list[list[str]], b: list[list[str]]) -> None:
    old, new = "\n".join(" ".join(x) + " ." for x in a), "\n".join(" ".join(x) + " ." for x in b)
    assert sides(word_diff(old, new)) == (" ".join(old.split()), " ".join(new.split()))
