"""`brief new` writes only briefs that `brief check` accepts (or refuses cleanly, exit 2), with a short slug,
kind, handling and confidence, and placeholder text that cannot be published; duplicate keys hide nothing."""

from __future__ import annotations

import json
import string
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from briefkit.authoring.newbrief import new_brief
from briefkit.config import load_config
from briefkit.errors import BriefkitError
from briefkit.source.load import load
from tests.conftest import FileTree, brief_yaml
from tests.firsttry.ftools import brief, new_site

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = new_site(tmp_path / "site")
    monkeypatch.chdir(root)
    return root


def test_new_draft_has_a_short_slug_and_every_field_to_fill(site: Path) -> None:
    title = "Gas storage in the European Union falls below the seasonal average for the first time"
    result = brief("new", title, "-s", "Energy / Gas", "-t", "Gas", "-t", "EU")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "briefs/energy/gas-storage-in-the-european.yaml"  # five words, not 71 characters
    data = yaml.safe_load((site / result.stdout.strip()).read_text())
    assert data["title"] == title and data["section"] == "Energy / Gas" and data["tags"] == ["Gas", "EU"]
    assert (data["kind"], data["status"], data["handling"], data["confidence"]) == ("news", "draft", "TLP:CLEAR", None)
    for field in ("summary", "bluf", "body"):
        assert data[field].startswith("TODO: "), field
    assert brief("check", "--strict").exit_code == 0


def test_slug_option(site: Path) -> None:
    result = brief("new", "Gas storage falls", "-s", "Energy", "-t", "Gas", "--slug", "eu-gas-storage")
    assert result.exit_code == 0 and result.stdout.strip() == "briefs/energy/eu-gas-storage.yaml"
    bad = brief("new", "Gas storage falls", "-s", "Energy", "-t", "Gas", "--slug", "EU Gas")
    assert bad.exit_code == 2
    assert bad.stderr.splitlines()[0] == "error: --slug 'EU Gas' is not a valid slug"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Storage", "-s", "About", "-t", "Gas"], "error: slug 'storage' is already used by briefs/energy/storage.yaml"),
        (["Deep", "-s", "A / B / C / D / E", "-t", "Gas"], "error: section 'A / B / C / D / E' has 5 levels; at most 4"),
        (["Empty tag", "-s", "Energy", "-t", "Gas", "-t", " "], "error: tag ' ' has no letters or digits"),
        (["Dash tag", "-s", "Energy", "-t", "---"], "error: tag '---' has no letters or digits"),
        (["x" * 300, "-s", "Energy", "-t", "Gas"], "error: the title is 300 characters; the limit is 200"),
        (["Two\nlines", "-s", "Energy", "-t", "Gas"], "error: the title must be one line"),
        (["Empty part", "-s", "Energy / ", "-t", "Gas"], "error: section name '' has no letters or digits"),
        (["???", "-s", "Energy", "-t", "Gas"], "error: cannot make a file name from the title '???'"),
    ],
)
def test_new_refuses_what_check_would_reject(site: Path, args: list[str], message: str) -> None:
    assert brief("new", "Storage", "-s", "Energy", "-t", "Gas").exit_code == 0
    before = sorted(p.relative_to(site) for p in site.rglob("*.yaml"))
    result = brief("new", *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[0] == message
    assert "Traceback" not in result.output
    assert sorted(p.relative_to(site) for p in site.rglob("*.yaml")) == before


_TEXT = st.text(alphabet=string.ascii_letters + string.digits + " -/:#'\"&.é中\t", max_size=60)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    title=st.one_of(_TEXT, st.text(max_size=250)),
    section=st.one_of(st.lists(_TEXT, min_size=1, max_size=6).map(" / ".join), st.text(max_size=40)),
    tags=st.lists(st.one_of(_TEXT, st.text(max_size=20)), min_size=1, max_size=4),
)
def test_new_writes_a_brief_that_checks_clean_or_refuses(site: Path, title: str, section: str, tags: list[str]) -> None:
    config = load_config(site)
    try:
        path = new_brief(config, title, section, tags, NOW)
    except BriefkitError as exc:
        event("refused")
        assert exc.exit_code in (1, 2), exc.message  # 1: that very file exists already
        assert exc.message and "\n" not in exc.message
        return
    event("written")
    try:
        result = load(config)
        assert [p.format() for p in result.errors] == []
        assert path.stem in {b.slug for b in result.corpus.briefs}
    finally:
        path.unlink()


def test_a_published_placeholder_is_an_error(site: Path) -> None:
    made = brief("new", "Gas storage falls", "-s", "Energy", "-t", "Gas")
    path = site / made.stdout.strip()
    path.write_text(path.read_text().replace("status: draft", "status: published").replace("authors: []", "authors: [editors]"))
    result = brief("check", "--format", "json")
    assert result.exit_code == 1
    lines = path.read_text().splitlines()
    got = [(p["line"], p["code"], p["message"]) for p in json.loads(result.stdout)]
    assert got == [
        (
            lines.index("summary: >-") + 1,
            "placeholder-text",
            "'summary' is still placeholder text ('TODO: ...') in a brief that is published",
        ),
        (lines.index("bluf: >-") + 1, "placeholder-text", "'bluf' is still placeholder text ('TODO: ...') in a brief that is published"),
        (lines.index("body: |") + 1, "placeholder-text", "'body' is still placeholder text ('TODO: ...') in a brief that is published"),
    ]
    path.write_text(path.read_text().replace("status: published", "status: review"))
    assert brief("check").exit_code == 0  # still a draft in review: placeholders are fine


def test_placeholder_in_an_approved_key_point(build_file_tree: FileTree) -> None:
    text = brief_yaml(status="approved", key_points=["Real.", "TODO: a point"])
    build_file_tree({"briefs/b.yaml": text})
    result = brief("check", "--format", "json")
    (problem,) = json.loads(result.stdout)
    line = text.splitlines().index("- 'TODO: a point'") + 1
    assert (problem["line"], problem["code"]) == (line, "placeholder-text") and "'key_points[1]'" in problem["message"]


def test_a_duplicate_key_hides_no_other_problem(build_file_tree: FileTree) -> None:
    text = (
        "title: First\nsummary: S.\nsection: Energy\ndate: 2026-13-01\ntags: [Gas]\ntitle: Second\n"
        "status: publishd\nfeatured: yes\ntittle: x\nbody: |\n  Text.\nsummary: again\n"
    )
    build_file_tree({"briefs/b.yaml": text})
    result = brief("check", "--format", "json")
    assert result.exit_code == 1
    got = [(p["line"], p["col"], p["code"]) for p in json.loads(result.stdout)]
    assert got == [
        (4, 7, "invalid-date"),
        (6, 1, "duplicate-key"),
        (7, 9, "invalid-choice"),
        (8, 11, "wrong-type"),
        (9, 1, "unknown-field"),
        (12, 1, "duplicate-key"),
    ]
