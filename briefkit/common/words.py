"""Small pieces of English for messages."""

from __future__ import annotations


def article(word: str) -> str:
    """``a list``, ``an assessment``; a phrase that already starts with one is left as it is."""
    return word if word.startswith(("a ", "an ")) else ("an " if word[0] in "aeiou" else "a ") + word
