"""The editorial rules `brief check` enforces before publication: exact message, line and column."""

from __future__ import annotations

import pytest

from briefkit.config import load_config
from briefkit.source.load import load
from tests.conftest import FileTree, site_config

HEAD = "title: T\nsummary: S.\nsection: Energy\ntags: [Gas]\nbody: B.\n"
"""Lines 1-5 of every brief below; the field under test starts on line 6."""


def check(build_file_tree: FileTree, brief: str, mkdocs: str | None = None) -> list[str]:
    files: dict[str, str | bytes] = {"briefs/a.yaml": HEAD + brief}
    # The site default keeps the handling-label rule (tests/trust/public) out of these rules' results.
    files["mkdocs.yml"] = (
        mkdocs if mkdocs is not None else site_config("S", site_url=None, theme=None, search=False, timezone=None, pdf=None)
    )
    root = build_file_tree(files)
    return [f"{p.path}:{p.line}:{p.col}: {p.severity.value}: {p.message} [{p.code}]" for p in load(load_config(root)).problems]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # A published brief has at least one author.
        (
            "date: 2026-11-01\nstatus: published\n",
            ["briefs/a.yaml:7:9: error: a published brief needs at least one author [published-no-author]"],
        ),
        (
            "date: 2026-11-01\nstatus: published\nauthors: []\n",
            ["briefs/a.yaml:7:9: error: a published brief needs at least one author [published-no-author]"],
        ),
        ("date: 2026-11-01\nstatus: review\n", []),
        ("date: 2026-11-01\nstatus: published\nauthors: [Ada Lovelace]\n", []),
        # Sources on a published analysis (the default of review.sources_required_for).
        (
            "date: 2026-11-01\nstatus: published\nauthors: [A]\nkind: analysis\n",
            ["briefs/a.yaml:9:7: error: a published analysis piece needs sources [missing-sources]"],
        ),
        (
            "date: 2026-11-01\nstatus: review\nauthors: [A]\nkind: analysis\n",
            ["briefs/a.yaml:9:7: warning: an analysis piece should cite sources before it is published [missing-sources]"],
        ),
        ("date: 2026-11-01\nstatus: published\nauthors: [A]\nkind: analysis\nsources: [{title: Ministry statement}]\n", []),
        ("date: 2026-11-01\nstatus: published\nauthors: [A]\nkind: news\n", []),
        # publish_at has an offset.
        (
            "date: 2026-11-01\npublish_at: 2026-11-02T09:00:00\n",
            ["briefs/a.yaml:7:13: error: datetime '2026-11-02T09:00:00' has no UTC offset [naive-datetime]"],
        ),
        (
            "date: 2026-11-01\npublish_at: 2026-11-02\n",
            ["briefs/a.yaml:7:13: error: '2026-11-02' needs a time and a UTC offset [naive-datetime]"],
        ),
        ("date: 2026-11-01\nstatus: approved\npublish_at: 2026-11-02T09:00:00+01:00\n", []),
        # expires comes after date; a bare expiry date means "through that day".
        (
            "date: 2026-11-01\nexpires: 2026-10-31\n",
            ["briefs/a.yaml:7:10: error: 'expires' (2026-10-31) must come after 'date' (2026-11-01) [date-order]"],
        ),
        (
            "date: 2026-11-01T10:00:00Z\nexpires: 2026-11-01T10:00:00Z\n",
            [
                "briefs/a.yaml:7:10: error: 'expires' (2026-11-01T10:00:00+00:00) must come after 'date' (2026-11-01T10:00:00+00:00)"
                " [date-order]"
            ],
        ),
        ("date: 2026-11-01\nexpires: 2026-11-01\n", []),
        # A correction is dated on or after date.
        (
            "date: 2026-11-01\ncorrections:\n  - {date: 2026-10-31, text: Fixed a figure.}\n",
            ["briefs/a.yaml:8:12: error: correction dated 2026-10-31 is before the brief's date (2026-11-01) [date-order]"],
        ),
        (
            "date: 2026-11-01T10:00:00Z\ncorrections:\n  - {date: 2026-11-01T09:59:00Z, text: Fixed a figure.}\n",
            [
                "briefs/a.yaml:8:12: error: correction dated 2026-11-01T09:59:00+00:00 is before the brief's date"
                " (2026-11-01T10:00:00+00:00) [date-order]"
            ],
        ),
        ("date: 2026-11-01T10:00:00Z\ncorrections:\n  - {date: 2026-11-01T10:00:00Z, text: Fixed at once.}\n", []),
        ("date: 2026-11-01T10:00:00Z\ncorrections:\n  - {date: 2026-11-01, text: Fixed the same day.}\n", []),
        ("date: 2026-11-01\ncorrections:\n  - {date: 2026-11-01T00:00:00Z, text: Fixed at midnight.}\n", []),
    ],
)
def test_editorial_rule(build_file_tree: FileTree, fields: str, expected: list[str]) -> None:
    assert check(build_file_tree, fields) == expected


MKDOCS = site_config(
    "S", site_url=None, theme=None, search=False, timezone=None, pdf=None, options="review:\n  sources_required_for: {kinds}"
)


def test_sources_rule_is_configurable(build_file_tree: FileTree) -> None:
    news = "date: 2026-11-01\nstatus: published\nauthors: [A]\nkind: news\n"
    assert check(build_file_tree, news, MKDOCS.format(kinds="[news, analysis]")) == [
        "briefs/a.yaml:9:7: error: a published news piece needs sources [missing-sources]"
    ]


def test_sources_rule_can_be_turned_off(build_file_tree: FileTree) -> None:
    analysis = "date: 2026-11-01\nstatus: published\nauthors: [A]\nkind: analysis\n"
    # Off as a rule, an analysis without sources still draws advice.
    assert check(build_file_tree, analysis, MKDOCS.format(kinds="[]")) == [
        "briefs/a.yaml:9:7: warning: an analysis piece should cite its sources [missing-sources]"
    ]


def test_unknown_kind_in_the_sources_option_is_a_config_error(build_file_tree: FileTree) -> None:
    from briefkit.errors import BriefkitError

    root = build_file_tree({"mkdocs.yml": MKDOCS.format(kinds="[essay]"), "briefs/a.yaml": HEAD + "date: 2026-11-01\n"})
    with pytest.raises(BriefkitError) as caught:
        load_config(root)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.col, problem.code) == ("mkdocs.yml", 6, 32, "config-invalid")
    assert problem.message.startswith("briefkit option 'review.sources_required_for.0': Input should be 'news', 'analysis'")
