"""Front matter is written without PyYAML's emitter; it must read back exactly."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.web.meta import front_matter


def read_back(text: str) -> object:
    assert text.startswith("---\n") and text.endswith("\n---\n")
    return yaml.safe_load(text[4:-4])


@settings(max_examples=300, deadline=None)
@given(st.text(), st.lists(st.text(), max_size=4), st.booleans())
def test_any_text_round_trips(value: str, items: list[str], flag: bool) -> None:
    data = {"title": value, "briefkit": {"og": {"tags": items, "title": value}, "preview": flag, "empty": []}}
    assert read_back(front_matter(data)) == data


def test_yaml_specials_round_trip() -> None:
    tricky = ["a: b", "#x", "---", "...", "\u2028", "\x85", "\x7f", "\ufeff", "null", "yes", "1.5", "- x", "{{ 7*7 }}", "'\"\\"]
    data = {f"k{i}": s for i, s in enumerate(tricky)}
    assert read_back(front_matter(data)) == data
