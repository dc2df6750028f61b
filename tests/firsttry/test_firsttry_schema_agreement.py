"""The exported JSON Schema and the loader agree: every held problem file, and more cases, get the same verdict
from `brief check` and from check-jsonschema, except for rules that JSON Schema cannot express (listed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefkit.config import load_config
from briefkit.source.load import load
from tests.conftest import REPO, FileTree, brief_yaml
from tests.firsttry.ftools import schema_accepts

SCHEMA = REPO / "schema" / "brief.schema.json"
BROKEN = REPO / "tests" / "fixtures" / "broken"

BEYOND_JSON_SCHEMA = {
    "Bad_Slug.yaml": "the file name is the slug",
    "date-order.yaml": "comparing two dates",
    "a/same-slug.yaml": "slugs unique across files",
    "b/same-slug.yaml": "slugs unique across files",
}
NOT_FOR_A_VALIDATOR = {
    # briefkit refuses YAML aliases before any schema applies; ruamel.yaml (inside check-jsonschema) expands
    # this bomb, which takes minutes: it is not input for a schema validator.
    "billion-laughs.yaml",
}


def loader_accepts(root: Path, *files: Path) -> dict[Path, bool]:
    """The loader's verdict on each file, one file at a time (as check-jsonschema sees them)."""
    config = load_config(root)
    return {path: not load(config, [path]).errors for path in files}


def test_every_held_problem_file_is_rejected_by_both_where_the_schema_can_say_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    files = sorted(p.relative_to(REPO) for p in BROKEN.rglob("*.yaml"))
    assert len(files) >= 17
    result = load(load_config(REPO), [BROKEN])
    assert {Path(p.path) for p in result.errors} == set(files), "the loader rejects every held file"
    schema = schema_accepts(SCHEMA, *(p for p in files if p.name not in NOT_FOR_A_VALIDATOR))
    accepted = {p.relative_to(BROKEN.relative_to(REPO)).as_posix() for p, ok in schema.items() if ok}
    # The schema rejects all the others, and accepts exactly the ones it cannot judge (so this list stays true).
    assert accepted == set(BEYOND_JSON_SCHEMA)


CASES = {
    "valid": (brief_yaml(), True),
    "valid-no-authors-draft": (brief_yaml(status="draft", authors=None), True),
    "valid-section-list": (brief_yaml(section=["Energy", "Gas", "LNG", "Prices"]), True),
    "valid-section-slash-in-name": (brief_yaml(section="Energy/Gas markets / LNG"), True),
    "valid-tags-one-string": (brief_yaml(tags="Gas"), True),
    "valid-title-no": (brief_yaml().replace("title: Baltic states expand air defence", "title: No"), True),
    "valid-placeholder-in-a-draft": (brief_yaml(status="draft", summary="TODO: write it"), True),
    "valid-todo-later-in-text": (brief_yaml(body="Text.\n\nTODO: is a word here.\n"), True),
    "blank-body": (brief_yaml(body="   \n"), False),
    "blank-title": (brief_yaml(title=" "), False),
    "two-line-title": (brief_yaml(title="One\nTwo"), False),
    "long-title": (brief_yaml(title="x" * 201), False),
    "two-paragraph-summary": (brief_yaml(summary="One.\n\nTwo."), False),
    "empty-section-part": (brief_yaml(section="Energy / "), False),
    "five-level-section": (brief_yaml(section="A / B / C / D / E"), False),
    "five-level-section-list": (brief_yaml(section=["A", "B", "C", "D", "E"]), False),
    "empty-tag": (brief_yaml(tags=["Gas", " "]), False),
    "no-tags": (brief_yaml(tags=[]), False),
    "empty-author": (brief_yaml(authors=[""]), False),
    "published-no-authors": (brief_yaml(authors=[]), False),
    "published-placeholder-summary": (brief_yaml(summary="TODO: one paragraph."), False),
    "approved-placeholder-body": (brief_yaml(status="approved", body="  TODO: write the story.\n"), False),
    "published-placeholder-key-point": (brief_yaml(key_points=["Fine.", "TODO: a point"]), False),
    "featured-yes-text": (brief_yaml() + "featured: 'yes'\n", False),
    "featured-one": (brief_yaml() + "featured: 1\n", False),
    "featured-on": (brief_yaml() + "featured: on\n", False),
    "bad-kind": (brief_yaml(kind="rumour"), False),
    "source-without-title": (brief_yaml(sources=[{"url": "https://example.org/"}]), False),
    "correction-empty-text": (brief_yaml(corrections=[{"date": "2026-11-21", "text": ""}]), False),
    "valid-places": (brief_yaml(places=["BE", "GBR", "Russia", "United Kingdom of Great Britain and Northern Ireland"]), True),
    "valid-one-place": (brief_yaml(places="Viet Nam"), True),
    "unknown-place": (brief_yaml(places=["BE", "Rusia"]), False),
    "place-wrong-case": (brief_yaml(places=["be"]), False),
}


def test_schema_and_loader_agree(build_file_tree: FileTree) -> None:
    root = build_file_tree({f"briefs/{name}.yaml": text for name, (text, _) in CASES.items()})
    paths = {name: root / "briefs" / f"{name}.yaml" for name in CASES}
    loader = loader_accepts(root, *paths.values())
    schema = schema_accepts(SCHEMA, *paths.values())
    verdicts = {name: (loader[path], schema[path]) for name, path in paths.items()}
    assert verdicts == {name: (valid, valid) for name, (_, valid) in CASES.items()}


def test_the_demo_briefs_pass_the_schema() -> None:
    files = sorted(p for p in (REPO / "briefs").rglob("*.yaml") if not p.name.startswith("_"))
    assert len(files) >= 10 and not load(load_config(REPO)).errors
    assert all(schema_accepts(SCHEMA, *files).values())


def test_the_committed_schema_is_the_exported_one() -> None:
    from briefkit.source.schema import json_schema

    assert json.loads(SCHEMA.read_text()) == json_schema()
