"""The editions format: config errors at mkdocs.yml positions, tearline and portion problems at their brief lines."""

from __future__ import annotations

import json

from click.testing import CliRunner

from briefkit.cli.main import main
from tests.conftest import FileTree, brief_yaml, site_config


def position(text: str, line_text: str, value: str) -> str:
    """'line:col' of ``value`` on the line of ``text`` that reads ``line_text`` (stripped)."""
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() == line_text:
            return f"{n}:{line.index(value) + 1}"
    raise AssertionError(line_text)


def check(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args], catch_exceptions=False)
    data = json.loads(result.stdout)
    return result.exit_code, data


def test_an_edition_may_not_hold_red_and_labels_are_checked(build_file_tree: FileTree) -> None:
    config = (
        site_config("Site")
        + "      editions:\n        partners:\n          handling: TLP:RED\n        staff:\n          handling: TLP:AMBR\n"
    )
    build_file_tree({"mkdocs.yml": config, "briefs/a.yaml": brief_yaml()})
    result = CliRunner().invoke(main, ["build", "--no-pdf"], catch_exceptions=False)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("mkdocs.yml:")]
    red, typo = position(config, "handling: TLP:RED", "TLP:RED"), position(config, "handling: TLP:AMBR", "TLP:AMBR")
    assert lines[0].startswith(f"mkdocs.yml:{red}: error: briefkit option 'editions.partners.handling': an edition may not hold TLP:RED")
    assert lines[1].startswith(f"mkdocs.yml:{typo}: error: briefkit option 'editions.staff.handling'")
    assert len(lines) == 2


def test_edition_names_public_and_all_are_reserved(build_file_tree: FileTree) -> None:
    config = site_config("Site") + "      editions:\n        all:\n          handling: TLP:GREEN\n"
    build_file_tree({"mkdocs.yml": config, "briefs/a.yaml": brief_yaml()})
    result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert result.exit_code == 1
    where = position(config, "all:", "all")
    assert f"mkdocs.yml:{where}: error: briefkit option 'editions': edition name 'all' is reserved" in result.output


def test_unknown_edition_is_a_usage_error(build_file_tree: FileTree) -> None:
    config = site_config("Site") + "      editions:\n        partners:\n          handling: TLP:GREEN\n"
    build_file_tree({"mkdocs.yml": config, "briefs/a.yaml": brief_yaml()})
    result = CliRunner().invoke(main, ["build", "--edition", "partner", "--no-pdf"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "no edition 'partner' in mkdocs.yml" in result.output and "did you mean 'partners'?" in result.output


AMBER = """\
title: Drone incursions traced to the coast
summary: Signals place the operators near the harbour.
section: Security
date: 2026-11-20
tags: [drones]
status: published
authors: [Ann Analyst]
handling: TLP:AMBER
body: |
  The boathouse was found from intercepts.

  /// portion | TLP:GREEN
  Partners should watch small craft.
  ///

  /// portion | TLP:RED
  The source is a crew member.
  ///

  /// portion | TLP:BLUE
  A label that is none.
  ///
tearlines:
  - handling: TLP:AMBER
    title: Same label as the brief
    summary: Not releasable lower.
    body: Text.
  - handling: TLP:CLEAR
    title: Drone incursions likely launched from nearby coast
    summary: Residents should report sightings.
    body: |
      Report drones to the police.

      /// portion | TLP:GREEN
      Too high for a CLEAR tearline.
      ///
"""


def test_tearline_and_portion_problems_at_their_lines(build_file_tree: FileTree) -> None:
    build_file_tree({"mkdocs.yml": site_config("Site"), "briefs/drones.yaml": AMBER})
    code, problems = check()
    assert code == 1
    found = [(p["line"], p["col"], p["code"]) for p in problems]
    assert found == [
        (16, 3, "portion-above-label"),
        (20, 3, "portion-label"),
        (24, 15, "tearline-label"),
        (34, 7, "portion-above-label"),
    ]


def test_required_portion_marks(build_file_tree: FileTree) -> None:
    body = "/// portion | TLP:GREEN\nMarked.\n///\n\nNot marked.\n\n- nor this list\n"
    config = site_config("Site") + "      require_portion_marks: true\n"
    root = build_file_tree(
        {
            "mkdocs.yml": config,
            "briefs/green.yaml": brief_yaml(handling="TLP:GREEN", body=body),
            "briefs/clear.yaml": brief_yaml(title="Clear brief", body="Clear needs no marks.\n"),
        }
    )
    code, problems = check()
    assert code == 1
    got = [(p["path"], p["line"], p["code"]) for p in problems]
    text = (root / "briefs/green.yaml").read_text().splitlines()  # a quoted scalar, as yaml.safe_dump writes it
    expected_lines = [i + 1 for i, line in enumerate(text) if line.strip() in {"Not marked.", "- nor this list"}]
    assert got == [("briefs/green.yaml", n, "portion-unmarked") for n in expected_lines]
