"""Every validation rule: exact message, line and column, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefkit.config import load_config
from briefkit.errors import Problem
from briefkit.source.load import load
from tests.conftest import REPO, FileTree, brief_yaml, site_config

SITE_DEFAULT_LABEL = site_config("x", site_url=None, theme=None, search=False, timezone=None, pdf=None)
"""A site that labels unlabelled briefs TLP:CLEAR, as 'brief init' writes it; without it they are never public."""


def problems_for(build_file_tree: FileTree, files: dict[str, str | bytes]) -> list[Problem]:
    root = build_file_tree({"mkdocs.yml": SITE_DEFAULT_LABEL, **files})
    return load(load_config(root)).problems


def lines(problems: list[Problem]) -> list[str]:
    return [f"{p.path}:{p.line}:{p.col}: {p.severity.value}: {p.message} [{p.code}]" for p in problems]


VALID = "title: T\nsummary: S.\nsection: Energy\ndate: 2026-11-01\ntags: [Gas]\n"


@pytest.mark.parametrize(
    ("text", "expected", "hint"),
    [
        (
            VALID + "body: x\ntitle: again\n",
            "briefs/b.yaml:7:1: error: duplicate key 'title': YAML would silently keep only the last one [duplicate-key]",
            "first defined at line 1; merge the two or delete one",
        ),
        (VALID + "body: x\nsumary: y\n", "briefs/b.yaml:7:1: error: unknown field 'sumary' [unknown-field]", "did you mean 'summary'?"),
        (
            "summary: S.\nsection: E\ndate: 2026-11-01\ntags: [Gas]\nbody: x\n",
            "briefs/b.yaml:1:1: error: missing required field 'title' [missing-field]",
            "add it, for example:  title: Baltic states expand air defence",
        ),
        (
            VALID.replace("2026-11-01", "2026-13-01") + "body: x\n",
            "briefs/b.yaml:4:7: error: invalid date '2026-13-01' [invalid-date]",
            "write YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS+HH:MM (or Z for UTC)",
        ),
        (
            VALID.replace("2026-11-01", "2026-11-01 10:00") + "body: x\n",
            "briefs/b.yaml:4:7: error: datetime '2026-11-01 10:00' has no UTC offset [naive-datetime]",
            "add one, for example 2026-11-01T10:00+00:00 or 2026-11-01T10:00Z",
        ),
        (
            VALID + "body: x\npublish_at: 2026-12-01\n",
            "briefs/b.yaml:7:13: error: '2026-12-01' needs a time and a UTC offset [naive-datetime]",
            "for example 2026-12-01T09:00:00+00:00",
        ),
        (
            VALID + "body: x\nhandling: TLP:WHITE\n",
            "briefs/b.yaml:7:11: error: invalid handling 'TLP:WHITE'; expected one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED [invalid-tlp]",
            "TLP 2.0 renamed TLP:WHITE to 'TLP:CLEAR'",
        ),
        (
            VALID + "body: x\nhandling: amber\n",
            "briefs/b.yaml:7:11: error: invalid handling 'amber'; expected one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED [invalid-tlp]",
            "write it with the prefix: 'TLP:AMBER'",
        ),
        (
            VALID + "body: x\nstatus: publshed\n",
            "briefs/b.yaml:7:9: error: invalid status 'publshed'; expected one of draft, review, approved, published [invalid-choice]",
            "did you mean 'published'?",
        ),
        (VALID + "body: '   '\n", "briefs/b.yaml:6:7: error: body is empty [empty-body]", "write the story in Markdown under 'body: |'"),
        (
            VALID + "body: x\nfeatured: often\n",
            "briefs/b.yaml:7:11: error: 'featured' must be true or false, not text 'often' [wrong-type]",
            "write true or false, unquoted (yes, no, on and off are text in YAML 1.2)",
        ),
        (
            VALID + "body: x\nkey_points: just one\n",
            "briefs/b.yaml:7:13: error: 'key_points' must be a list, not text 'just one' [wrong-type]",
            "write it as a list: [just one]",
        ),
        (VALID.replace("title: T", "title: 1984") + "body: x\n", None, None),
        (VALID.replace("title: T", "title: no") + "body: x\n", None, None),  # YAML 1.2: 'no' is text
        (
            VALID.replace("title: T", "title: false") + "body: x\n",
            "briefs/b.yaml:1:8: error: 'title' must be text, not a boolean [wrong-type]",
            "quote the value: YAML reads true, false and null as non-text",
        ),
        (
            VALID.replace("title: T", "title: " + "x" * 201) + "body: x\n",
            "briefs/b.yaml:1:8: error: 'title' is 201 characters; the limit is 200 [too-long]",
            "",
        ),
        (
            VALID.replace("title: T", 'title: "Line one\\nline two"') + "body: x\n",
            "briefs/b.yaml:1:8: error: title must be one line [title-multiline]",
            "move the rest into the summary",
        ),
        (
            VALID.replace("summary: S.", 'summary: "One.\\n\\nTwo."') + "body: x\n",
            "briefs/b.yaml:2:10: error: summary must be one paragraph [summary-paragraphs]",
            "move the rest into the body",
        ),
        (
            VALID.replace("section: Energy", "section: A / B / C / D / E") + "body: x\n",
            "briefs/b.yaml:3:10: error: 'section' has 5 items; at most 4 [too-long]",
            "",
        ),
        (
            VALID.replace("tags: [Gas]", "tags: []") + "body: x\n",
            "briefs/b.yaml:5:7: error: 'tags' needs at least 1 item(s) [empty-field]",
            "",
        ),
        (
            VALID + "body: x\nsources:\n  - url: https://example.org\n",
            "briefs/b.yaml:8:5: error: missing required field 'sources[0].title' [missing-field]",
            "",
        ),
        (
            VALID + "body: x\nsources:\n  - title: R\n    url: example.org/x\n",
            "briefs/b.yaml:9:10: error: 'example.org/x' is not an http(s) URL [invalid-url]",
            "write the full address, starting with https://",
        ),
        (
            VALID + "body: x\nsources:\n  - title: R\n    link: https://example.org\n",
            "briefs/b.yaml:9:5: error: unknown field 'link' [unknown-field]",
            "did you mean 'url'?",
        ),
        (
            VALID + "body: x\ncorrections:\n  - date: 2026-10-01\n    text: Fixed.\n",
            "briefs/b.yaml:8:11: error: correction dated 2026-10-01 is before the brief's date (2026-11-01) [date-order]",
            "",
        ),
        (
            VALID + "body: x\nexpires: 2026-10-01\n",
            "briefs/b.yaml:7:10: error: 'expires' (2026-10-01) must come after 'date' (2026-11-01) [date-order]",
            "",
        ),
        (
            VALID + "body: x\nupdated: 2026-10-01\n",
            "briefs/b.yaml:7:10: error: 'updated' (2026-10-01) is before 'date' (2026-11-01) [date-order]",
            "",
        ),
        (
            VALID + "body: x\nstatus: published\n",
            "briefs/b.yaml:7:9: error: a published brief needs at least one author [published-no-author]",
            "add 'authors: [Your Name]'",
        ),
        (
            VALID + "body: x\nstatus: published\nauthors: [A]\nkind: analysis\n",
            "briefs/b.yaml:9:7: error: a published analysis piece needs sources [missing-sources]",
            "list them under 'sources:'",
        ),
        (
            VALID + "body: x\ntags2: &x [a]\nmore: *x\n",
            "briefs/b.yaml:8:1: error: YAML aliases ('*name') are not allowed in briefs [yaml-alias]",
            "write the value out in full",
        ),
        (
            VALID + "body: x\nextra: !!python/object:os.system echo\n",
            "briefs/b.yaml:7:8: error: unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system' [yaml-tag]",
            "remove the tag",
        ),
        (
            "title: [unclosed\nbody: x\n",
            "briefs/b.yaml:2:5: error: YAML syntax error: while parsing a flow sequence, did not find expected ',' or ']' [yaml-syntax]",
            "the list '[' opened at line 1, column 8 is not closed",
        ),
        (
            "title: a: b\n",
            "briefs/b.yaml:1:9: error: YAML syntax error: mapping values are not allowed in this context [yaml-syntax]",
            "a value containing ': ' must be quoted, or written as a block with '|'",
        ),
        (
            "just text\n",
            "briefs/b.yaml:1:1: error: a brief must be a YAML mapping of fields; this file is a text 'just text' [not-a-mapping]",
            "start with 'title: ...' on the first line",
        ),
        (
            "",
            "briefs/b.yaml:1:1: error: a brief must be a YAML mapping of fields; this file is empty [not-a-mapping]",
            "start with 'title: ...' on the first line",
        ),
        (
            b"title: caf\xe9\n",
            "briefs/b.yaml:1:11: error: file is not UTF-8: byte 0xe9 cannot be decoded [file-not-utf8]",
            "re-save the file as UTF-8",
        ),
    ],
)
def test_rule(build_file_tree: FileTree, text: str | bytes, expected: str | None, hint: str | None) -> None:
    problems = [p for p in problems_for(build_file_tree, {"briefs/b.yaml": text}) if p.is_error]
    if expected is None:
        assert problems == []
        return
    assert lines(problems) == [expected]
    assert problems[0].hint == hint


def test_all_problems_in_all_files_in_one_run(build_file_tree: FileTree) -> None:
    found = problems_for(
        build_file_tree,
        {
            "briefs/a.yaml": VALID + "body: x\ntittle: y\nstatus: nope\n",
            "briefs/sub/b.yaml": VALID + "body: ''\n",
            "briefs/c.yaml": brief_yaml(),
        },
    )
    assert [(p.path, p.code) for p in found] == [
        ("briefs/a.yaml", "unknown-field"),
        ("briefs/a.yaml", "invalid-choice"),
        ("briefs/sub/b.yaml", "empty-body"),
    ]


def test_bad_slug_and_duplicate_slug_name_both_files(build_file_tree: FileTree) -> None:
    found = problems_for(
        build_file_tree, {"briefs/x/same.yaml": brief_yaml(), "briefs/y/same.yaml": brief_yaml(), "briefs/Bad Name.yml": brief_yaml()}
    )
    assert lines(found) == [
        "briefs/Bad Name.yml:1:1: error: file name 'Bad Name.yml' is not a valid slug ([a-z0-9][a-z0-9-]*) [bad-slug]",
        "briefs/x/same.yaml:1:1: error: slug 'same' is also used by briefs/y/same.yaml [duplicate-slug]",
        "briefs/y/same.yaml:1:1: error: slug 'same' is also used by briefs/x/same.yaml [duplicate-slug]",
    ]
    assert found[0].hint == "rename it to 'bad-name.yml'"


def test_file_too_large_is_rejected_unread(build_file_tree: FileTree) -> None:
    found = problems_for(
        build_file_tree,
        {"mkdocs.yml": "site_name: x\nplugins:\n  - briefkit:\n      max_file_size: 100\n", "briefs/big.yaml": brief_yaml(body="x" * 500)},
    )
    assert [p.code for p in found] == ["file-too-large"]
    assert found[0].message.endswith("the limit is 100")


def test_underscore_files_are_not_briefs(build_file_tree: FileTree) -> None:
    result = load(load_config(build_file_tree({"briefs/_notes.yaml": "anything: [", "briefs/a.yaml": brief_yaml()})))
    assert result.problems == [] and result.files == 1


def test_tags_unify_by_slug_warn_on_spelling_and_resolve_aliases(build_file_tree: FileTree) -> None:
    root = build_file_tree(
        {
            "briefs/_tags.yml": "NATO allies:\n  description: The alliance.\n  aliases: [NATO, North Atlantic alliance]\nČernobyl: {}\n",
            "briefs/a.yaml": brief_yaml(tags=["NATO allies", "UK military assistance"]),
            "briefs/b.yaml": brief_yaml(tags=["Nato Allies", "NATO", "Černobyl"]),
            "briefs/c.yaml": brief_yaml(tags=["UK Military Assistance", "UK military assistance"]),
        }
    )
    result = load(load_config(root))
    assert lines(result.problems) == [
        "briefs/b.yaml:6:3: warning: tag 'Nato Allies' is spelled 'NATO allies' elsewhere [tag-spelling]",
        "briefs/c.yaml:6:3: warning: tag 'UK Military Assistance' is spelled 'UK military assistance' elsewhere [tag-spelling]",
    ]
    by_slug = result.corpus.tags
    assert sorted(by_slug) == ["cernobyl", "nato-allies", "uk-military-assistance"]
    assert by_slug["nato-allies"].description == "The alliance."
    b = next(x for x in result.corpus.briefs if x.slug == "b")
    assert [t.slug for t in b.tags] == ["nato-allies", "cernobyl"]  # NATO is an alias: one tag


def test_authors_resolve_ids_and_keep_plain_names(build_file_tree: FileTree) -> None:
    root = build_file_tree(
        {
            "briefs/_authors.yml": "jdoe:\n  name: Jane Doe\n  url: https://example.org/jane\n",
            "briefs/a.yaml": brief_yaml(authors=["jdoe", "Sam Roe"]),
        }
    )
    (brief,) = load(load_config(root)).corpus.briefs
    assert [(a.id, a.name, a.url) for a in brief.authors] == [("jdoe", "Jane Doe", "https://example.org/jane"), ("sam-roe", "Sam Roe", "")]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"summary": " ".join(["word"] * 61)}, "summary-long"),
        ({"title": "A" * 95}, "title-long"),
        ({"kind": "analysis", "status": "review", "sources": None}, "missing-sources"),
        ({"updated": "2026-11-20"}, "updated-equals-date"),
        ({"bluf": "We assess with high confidence that an attack is likely."}, "estimative-mix"),
        ({"status": "draft", "publish_at": "2026-12-01T09:00:00Z"}, "embargo-unapproved"),
    ],
)
def test_warnings(build_file_tree: FileTree, fields: dict[str, object], code: str) -> None:
    found = problems_for(build_file_tree, {"briefs/a.yaml": brief_yaml(**fields)})
    assert [(p.code, p.severity.value) for p in found] == [(code, "warning")]


def test_golden_folder_of_broken_briefs(monkeypatch: pytest.MonkeyPatch) -> None:
    """One precise line per broken file, the whole output compared."""
    from click.testing import CliRunner

    from briefkit.cli.main import main

    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["check", "tests/fixtures/broken"])
    assert result.exit_code == 1
    assert result.stdout == (REPO / "tests/fixtures/broken.expected").read_text(encoding="utf-8")
    assert "Traceback" not in result.output


def test_sample_briefs_are_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = load(load_config(REPO))
    assert lines(result.problems) == []
    assert len(result.corpus.briefs) >= 12


def test_loaded_brief_is_complete(build_file_tree: FileTree) -> None:
    root = build_file_tree(
        {
            "briefs/energy/gas-deal.yaml": brief_yaml(
                section=["Energy", "Gas & LNG"],
                date="2026-11-20T14:30:00+01:00",
                kind="analysis",
                confidence="moderate",
                handling="TLP:AMBER+STRICT",
                key_points=["One", "Two"],
                sources=[{"title": "Report", "url": "https://example.org/r", "publisher": "Ex", "accessed": "2026-11-19"}],
                corrections=[{"date": "2026-11-21", "text": "Correction: the date."}],
                featured=True,
                body="Say {{ 7*7 }}.\n",
            )
        }
    )
    result = load(load_config(root))
    assert result.problems == []
    (b,) = result.corpus.briefs
    assert b.slug == "gas-deal" and b.path == "briefs/energy/gas-deal.yaml"
    assert b.section.names == ("Energy", "Gas & LNG") and b.section.path == "energy/gas-lng"
    assert b.date.isoformat() == "2026-11-20T14:30:00+01:00"
    assert b.handling.value == "TLP:AMBER+STRICT" and b.kind.value == "analysis"
    assert b.sources[0].accessed is not None and b.sources[0].accessed.isoformat() == "2026-11-19"
    assert b.body == "Say {{ 7*7 }}."
    assert len(b.digest) == 64


def test_missing_path_is_reported(build_file_tree: FileTree) -> None:
    root = build_file_tree({"briefs/a.yaml": brief_yaml()})
    found = load(load_config(root), [Path("nope")]).problems
    assert lines(found) == ["nope:0:0: error: no such file or folder [no-such-path]"]


def test_empty_text_says_empty(build_file_tree: FileTree) -> None:
    found = problems_for(build_file_tree, {"briefs/a.yaml": brief_yaml(title="", tags=["ok", ""])})
    assert [p.message for p in found] == ["'title' is empty", "'tags[1]' is empty"]
