"""The position-aware YAML reader, including hostile input."""

from __future__ import annotations

import tracemalloc

from briefkit.common.yamlsrc import decode, parse

BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)


def test_positions_of_keys_and_values() -> None:
    doc, problems = parse("title: x\nsources:\n  - title: y\n    url: z\n", "f.yaml")
    assert problems == [] and doc is not None
    assert doc.pos(("sources", 0, "url")) == (4, 10)
    assert doc.pos(("sources", 0, "url"), key=True) == (4, 5)
    assert doc.pos(("sources", 3, "title")) == (3, 3)  # nearest ancestor: the list


def test_timestamps_stay_text_and_booleans_stay_booleans() -> None:
    doc, _ = parse("d: 2026-01-01\nb: true\ny: yes\nn: null\ni: 3\n", "f.yaml")
    assert doc is not None and doc.data == {"d": "2026-01-01", "b": True, "y": "yes", "n": None, "i": 3}  # YAML 1.2: yes is text


def test_billion_laughs_is_refused_in_bounded_memory() -> None:
    tracemalloc.start()
    doc, problems = parse(BOMB, "bomb.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert doc is None
    assert [p.code for p in problems] == ["yaml-alias"]
    assert peak < 5 * 1024 * 1024


def test_deep_nesting_is_refused() -> None:
    doc, problems = parse("[" * 5000 + "]" * 5000, "deep.yaml")
    assert doc is None and problems[0].code == "yaml-too-deep"
    doc, problems = parse("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 60)), "deep.yaml")
    assert doc is None and problems[0].code == "yaml-too-deep"


def test_python_tags_are_never_constructed() -> None:
    doc, problems = parse("x: !!python/object/apply:os.system ['echo hi']\n", "evil.yaml")
    assert doc is None and problems[0].code == "yaml-tag"


def test_decode_points_at_the_bad_byte() -> None:
    text, problems = decode(b"ok\nab\xffc\n", "f.yaml")
    assert text is None and (problems[0].line, problems[0].col) == (2, 3)
    assert decode("\ufefftitle: x".encode(), "f.yaml")[0] == "title: x"


def test_mkdocs_tags_are_tolerated_in_config_mode() -> None:
    doc, problems = parse("x: !!python/name:material.extensions.emoji.twemoji\ny: !ENV [HOME]\n", "mkdocs.yml", tolerate_tags=True)
    assert problems == [] and doc is not None and doc.data["x"] == "material.extensions.emoji.twemoji"
