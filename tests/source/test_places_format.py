"""The places field: codes and names normalise to ISO 3166-1 alpha-2; anything else is a positioned problem with a hint."""

from __future__ import annotations

from briefkit.config import load_config
from briefkit.source.load import load
from tests.conftest import FileTree, brief_yaml, site_config

SITE = site_config("x", site_url=None, theme=None, search=False, timezone=None, pdf=None)

BRIEF = """\
title: Places
summary: A brief about some countries.
section: Europe
date: 2026-11-20
tags: [NATO]
places:
  - BE
  - GBR
  - Russia
  - Poland
status: draft
body: Text.
"""


def loaded(build_file_tree: FileTree, text: str):  # type: ignore[no-untyped-def]
    root = build_file_tree({"mkdocs.yml": SITE, "briefs/a.yaml": text})
    return load(load_config(root))


def lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{p.path}:{p.line}:{p.col}: {p.severity.value}: {p.message} [{p.code}]" for p in result.problems]


def test_codes_alpha3_and_names_normalise_to_alpha2_in_order(build_file_tree: FileTree) -> None:
    result = loaded(build_file_tree, BRIEF)
    assert lines(result) == []
    (brief,) = result.corpus.briefs
    assert brief.places == ("BE", "GB", "RU", "PL")


def test_one_place_may_be_written_without_a_list(build_file_tree: FileTree) -> None:
    (brief,) = loaded(build_file_tree, brief_yaml(places="Viet Nam")).corpus.briefs
    assert brief.places == ("VN",)


def test_unknown_place_is_an_error_at_its_item_with_the_closest_names(build_file_tree: FileTree) -> None:
    result = loaded(build_file_tree, BRIEF.replace("  - Russia", "  - Rusia"))
    assert result.corpus.briefs == ()
    (problem,) = result.problems
    assert (problem.path, problem.line, problem.col, problem.code) == ("briefs/a.yaml", 9, 5, "unknown-place")
    assert "unknown place 'Rusia'" in problem.message
    assert "'Russia'" in problem.hint


def test_a_code_in_the_wrong_case_gets_the_right_spelling(build_file_tree: FileTree) -> None:
    result = loaded(build_file_tree, BRIEF.replace("  - BE", "  - be"))
    (problem,) = result.problems
    assert (problem.line, problem.col, problem.code) == (7, 5, "unknown-place")
    assert problem.hint.startswith("write it as 'BE'")


def test_a_place_named_twice_is_a_warning_and_counts_once(build_file_tree: FileTree) -> None:
    result = loaded(build_file_tree, BRIEF.replace("  - Poland", "  - United Kingdom"))
    assert lines(result) == [
        "briefs/a.yaml:10:5: warning: 'United Kingdom' is United Kingdom (GB), already listed as 'GBR' [duplicate-place]",
    ]
    (brief,) = result.corpus.briefs
    assert brief.places == ("BE", "GB", "RU")


def test_the_editor_schema_lists_what_the_loader_accepts() -> None:
    from briefkit.maps.countries import spellings
    from briefkit.source.schema import json_schema

    schema = json_schema()["properties"]["places"]
    one, many = schema["anyOf"]
    assert set(one["enum"]) == set(spellings()) == set(many["items"]["enum"])
    assert {"BE", "GBR", "Russia", "United Kingdom", "UK"} <= set(one["enum"])
    assert "be" not in one["enum"]
