"""A new site works in the editor: yaml-language-server (npm) loads the site's schema through the modeline
that `brief init` and `brief new` write, and flags what `brief check` flags, on the same lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefkit.source.schema import json_schema, schema_text
from tests.firsttry.ftools import brief, new_site
from tests.firsttry.lsptools import LanguageServer


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = new_site(tmp_path / "site")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def server(site: Path) -> Iterator[LanguageServer]:
    ls = LanguageServer(site)
    ls.start()
    try:
        yield ls
    finally:
        ls.close()


def edit(path: Path, replacements: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_modelines_point_at_the_site_schema(site: Path) -> None:
    example = site / "briefs/about/how-this-site-works.yaml"
    assert example.read_text().splitlines()[0] == "# yaml-language-server: $schema=../../schema/brief.schema.json"
    result = brief("new", "Gas storage falls", "-s", "Energy / Gas", "-t", "Gas")
    assert result.exit_code == 0, result.output
    made = site / result.stdout.strip()
    assert made.read_text().splitlines()[0] == "# yaml-language-server: $schema=../../schema/brief.schema.json"
    assert (made.parent / "../../schema/brief.schema.json").resolve() == (site / "schema/brief.schema.json")
    assert json.loads((site / "schema/brief.schema.json").read_text()) == json_schema()


def test_schema_write_refreshes_the_site_copy(site: Path) -> None:
    schema = site / "schema/brief.schema.json"
    schema.write_text('{"stale": true}\n')
    result = brief("schema", "--write")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "wrote schema/brief.schema.json"
    assert schema.read_text() == schema_text(json_schema())


def test_yaml_language_server_flags_what_brief_check_flags(site: Path, server: LanguageServer) -> None:
    made = brief("new", "Gas storage falls", "-s", "Energy / Gas", "-t", "Gas")
    path = site / made.stdout.strip()
    edit(
        path,
        {
            "title: Gas storage falls": "title: No",  # YAML 1.2, in both: text, not a boolean
            "status: draft": "status: publishd",
            "sources: []": "sources: []\nsoruces: []\nfeatured: yes",
        },
    )
    lines = path.read_text().splitlines()
    uri = server.open(path)
    diagnostics = server.diagnostics(uri)
    got = sorted((d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1, d["message"]) for d in diagnostics)
    status = lines.index("status: publishd") + 1
    soruces = lines.index("soruces: []") + 1
    featured = lines.index("featured: yes") + 1
    assert got == [
        (status, 9, 'Value is not accepted. Valid values: "draft", "review", "approved", "published".'),
        (soruces, 1, "Property soruces is not allowed."),
        (featured, 11, 'Incorrect type. Expected "boolean".'),
    ]
    check = brief("check", "--format", "json", made.stdout.strip())
    assert check.exit_code == 1
    flagged = sorted((p["line"], p["col"], p["code"]) for p in json.loads(check.stdout))
    assert flagged == [(status, 9, "invalid-choice"), (soruces, 1, "unknown-field"), (featured, 11, "wrong-type")]


def test_a_new_site_is_clean_in_the_editor(site: Path, server: LanguageServer) -> None:
    """The example brief and a fresh draft: no diagnostics (a broken brief first proves the schema is loaded)."""
    made = brief("new", "Gas storage falls", "-s", "Energy / Gas", "-t", "Gas")
    draft = site / made.stdout.strip()
    broken = draft.with_name("broken.yaml")
    broken.write_text(draft.read_text().replace("status: draft", "status: publishd"))
    assert len(server.diagnostics(server.open(broken))) == 1
    for path in (site / "briefs/about/how-this-site-works.yaml", draft):
        assert server.diagnostics(server.open(path), nonempty=False) == [], path


def test_the_editor_completes_field_names(site: Path, server: LanguageServer) -> None:
    path = site / "briefs/about/how-this-site-works.yaml"
    uri = server.open(path)
    server.diagnostics(uri, nonempty=False)
    end = len(path.read_text().splitlines())
    assert {"publish_at", "expires", "confidence", "corrections", "featured"} <= set(server.completion(uri, end, 0))
