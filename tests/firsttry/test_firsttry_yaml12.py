"""Briefs read plain scalars as YAML 1.2's core schema does, like editors: checked against the `yaml` npm
package (the parser inside yaml-language-server), and through `brief check` for boolean and text fields."""

from __future__ import annotations

import json
import math
import subprocess
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefkit.common.yamlsrc import parse
from tests.conftest import REPO, FileTree, brief_yaml
from tests.firsttry.ftools import brief

YAML_CLI = REPO / "node_modules" / ".bin" / "yaml"

EDGE_CASES = [
    *("yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "n"),
    *("true", "True", "TRUE", "false", "False", "FALSE", "tRUE", "fAlse"),
    *("null", "Null", "NULL", "~", "nULL"),
    *("012", "0o17", "0x1F", "0b11", "08", "1_000", "1:30", "190:20:30", "+12", "-0", "0"),
    *("1e3", ".5", "1.", "-1.5E-3", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", ".NAN"),
    *("2026-01-01", "2026-01-01T09:00:00Z", "3.14.15", "0x", "0o", "1e", "-", "+"),
]


def read_like_editors(scalars: list[str]) -> list[Any]:
    """The values the `yaml` npm package gives a list of plain scalars (JSON: infinities and NaN become null)."""
    text = "".join(f"- {s}\n" for s in scalars)
    proc = subprocess.run([str(YAML_CLI), "--json", "--single", "--strict"], input=text, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def read_like_briefkit(scalars: list[str]) -> list[Any]:
    doc, problems = parse("".join(f"- {s}\n" for s in scalars), "f.yaml")
    assert problems == [] and doc is not None
    return [None if isinstance(v, float) and (math.isinf(v) or math.isnan(v)) else v for v in doc.data]


def same(ours: Any, theirs: Any) -> bool:
    if isinstance(ours, bool) or isinstance(theirs, bool) or ours is None or theirs is None:
        return ours is theirs
    if isinstance(ours, (int, float)) and isinstance(theirs, (int, float)):
        return ours == theirs
    return type(ours) is type(theirs) and ours == theirs


def assert_agree(scalars: list[str]) -> None:
    ours, theirs = read_like_briefkit(scalars), read_like_editors(scalars)
    wrong = [(s, o, t) for s, o, t in zip(scalars, ours, theirs, strict=True) if not same(o, t)]
    assert wrong == [], wrong


def test_edge_cases_read_as_editors_read_them() -> None:
    assert_agree(EDGE_CASES)
    values = dict(zip(EDGE_CASES, read_like_briefkit(EDGE_CASES), strict=True))
    assert values["No"] == "No" and values["on"] == "on" and values["TRUE"] is True and values["012"] == 12 and values["0o17"] == 15


# Characters that make numbers, booleans and nulls; no spaces, no YAML indicators that start a plain scalar.
_SCALAR = st.text(alphabet="0123456789+-._eEoOxXaAbBfFnNtTrRuUlLsSyY~:", min_size=1, max_size=8).filter(
    lambda s: s not in {"-", ":"} and not s.endswith(":") and not s.startswith((":", "- ", "-:")) and "-:" not in s and "::" not in s
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_SCALAR, st.sampled_from(EDGE_CASES)), min_size=1, max_size=60))
def test_any_plain_scalar_reads_as_editors_read_it(scalars: list[str]) -> None:
    assert_agree(scalars)


@pytest.mark.parametrize(
    ("fields", "tags"),
    [({"title": "No"}, None), ({"tags": ["NO", "on"]}, ["NO", "on"]), ({"summary": "off"}, None)],
)
def test_words_that_yaml_1_1_made_booleans_are_text(build_file_tree: FileTree, fields: dict[str, Any], tags: list[str] | None) -> None:
    text = brief_yaml(**fields)
    for value in ("No", "NO", "on", "off"):  # safe_dump quotes them; write them plain, as a person would
        text = text.replace(f"'{value}'", value)
    build_file_tree({"briefs/b.yaml": text})
    result = brief("check", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("value", ['"yes"', '"true"', '"off"', '"0"', "1", "0", "yes", "on", "off", "No", "'false'"])
def test_a_boolean_field_takes_only_true_or_false(build_file_tree: FileTree, value: str) -> None:
    build_file_tree({"briefs/b.yaml": brief_yaml() + f"featured: {value}\n"})
    result = brief("check", "--format", "json")
    assert result.exit_code == 1
    (problem,) = json.loads(result.stdout)
    assert (problem["line"], problem["col"], problem["code"]) == (len(brief_yaml().splitlines()) + 1, 11, "wrong-type")
    assert problem["message"].startswith("'featured' must be true or false, not ")
    assert problem["hint"] == "write true or false, unquoted (yes, no, on and off are text in YAML 1.2)"


@pytest.mark.parametrize("value", ["true", "True", "TRUE", "false", "False", "FALSE"])
def test_yaml_1_2_booleans_are_booleans(build_file_tree: FileTree, value: str) -> None:
    build_file_tree({"briefs/b.yaml": brief_yaml() + f"featured: {value}\n"})
    assert brief("check").exit_code == 0


def test_a_number_too_long_for_python_stays_text() -> None:
    """Python refuses int() of more than 4,300 digits: such a number is a positioned problem (no real value is
    that long) and stays text, so the check goes on and reports everything else."""
    doc, problems = parse(f"title: {'9' * 5000}\nn: {'1' * 4300}\n", "f.yaml")
    assert doc is not None
    assert [(p.code, p.line, p.col) for p in problems] == [("number-too-long", 1, 8), ("number-too-long", 2, 4)]
    assert doc.data["title"] == "9" * 5000 and doc.data["n"] == "1" * 4300
