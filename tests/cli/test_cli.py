"""The `brief` command: exit codes, output formats, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from briefkit.cli.main import main
from tests.conftest import REPO, FileTree, brief_yaml


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed console script, as an editor runs it."""
    return subprocess.run([str(Path(sys.executable).parent / "brief"), *args], capture_output=True, text=True, timeout=60)


def test_check_clean_exits_0(build_file_tree: FileTree) -> None:
    build_file_tree({"briefs/a.yaml": brief_yaml()})
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "1 file(s) checked: 0 error(s), 0 warning(s)" in result.stderr


def test_check_errors_exit_1_with_text_lines(build_file_tree: FileTree) -> None:
    build_file_tree({"briefs/a.yaml": brief_yaml(status="nope")})
    result = run("check")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("briefs/a.yaml:8:9: error: invalid status 'nope'")
    assert "Traceback" not in result.stderr


def test_strict_fails_on_warnings(build_file_tree: FileTree) -> None:
    build_file_tree({"briefs/a.yaml": brief_yaml(updated="2026-11-20")})
    assert run("check").returncode == 0
    assert run("check", "--strict").returncode == 1


def test_usage_error_exits_2(build_file_tree: FileTree) -> None:
    build_file_tree({})
    result = run("check", "--format", "xml")
    assert result.returncode == 2
    assert "Invalid value for '--format'" in result.stderr


def test_json_format(build_file_tree: FileTree) -> None:
    build_file_tree({"briefs/a.yaml": brief_yaml(tittle="x")})
    result = run("check", "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout) == [
        {
            "path": "briefs/a.yaml",
            "line": 14,
            "col": 1,
            "severity": "error",
            "code": "unknown-field",
            "message": "unknown field 'tittle'",
            "hint": "did you mean 'title'?",
        }
    ]


def test_github_format(build_file_tree: FileTree) -> None:
    build_file_tree({"briefs/a.yaml": brief_yaml(tittle="x"), "briefs/b.yaml": brief_yaml(updated="2026-11-20")})
    result = run("check", "--format", "github")
    assert result.stdout.splitlines() == [
        "::error file=briefs/a.yaml,line=14,col=1,title=unknown-field::unknown field 'tittle' [unknown-field] (hint: did you mean 'title'?)",
        "::warning file=briefs/b.yaml,line=14,col=10,title=updated-equals-date::'updated' equals 'date' [updated-equals-date]"
        " (hint: remove 'updated' until the brief changes)",
    ]


def test_check_given_paths_only(build_file_tree: FileTree) -> None:
    build_file_tree({"briefs/a.yaml": brief_yaml(status="nope"), "briefs/b.yaml": brief_yaml()})
    assert run("check", "briefs/b.yaml").returncode == 0
    assert run("check", "briefs/a.yaml").returncode == 1


def test_invalid_config_is_reported_with_position(build_file_tree: FileTree) -> None:
    build_file_tree({"mkdocs.yml": "site_name: x\nplugins:\n  - briefkit:\n      timezone: Mars/Olympus\n      pfd: {}\n"})
    result = run("check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "mkdocs.yml:4:17: error: briefkit option 'timezone': unknown time zone 'Mars/Olympus' [config-invalid]",
        "mkdocs.yml:5:7: error: unknown briefkit option 'pfd' [config-unknown-option]",
    ]
    assert "Traceback" not in result.stderr


def test_new_writes_a_valid_draft_and_never_overwrites(build_file_tree: FileTree) -> None:
    root = build_file_tree({"schema/brief.schema.json": "{}"})
    result = run("new", "Gas prices fall: what's next?", "--section", "Energy / Gas", "--tag", "Gas", "--tag", "LNG & prices")
    assert result.returncode == 0, result.stderr
    path = root / "briefs/energy/gas-prices-fall-what-s.yaml"  # the title's first five words
    assert result.stdout.strip() == "briefs/energy/gas-prices-fall-what-s.yaml"
    text = path.read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/brief.schema.json"
    assert run("check").returncode == 0
    before = path.read_bytes()
    again = run("new", "Gas prices fall: what's next?", "--section", "Energy", "--tag", "Gas")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert path.read_bytes() == before


def test_new_brief_has_title_and_status(build_file_tree: FileTree) -> None:
    import yaml

    root = build_file_tree({})
    run("new", 'A "quoted" title: #1', "-s", "Cyber", "-t", "Ransomware")
    data = yaml.safe_load((root / "briefs/cyber/a-quoted-title-1.yaml").read_text())
    assert data["title"] == 'A "quoted" title: #1' and data["status"] == "draft" and data["tags"] == ["Ransomware"]


def test_schema_is_json_schema_and_matches_committed_copy() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["required"] == ["title", "summary", "section", "date", "tags", "body"]
    assert schema["properties"]["handling"]["enum"] == ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]
    assert schema["additionalProperties"] is False
    committed = REPO / "schema/brief.schema.json"
    assert json.loads(committed.read_text()) == schema, "run `brief schema -o schema/brief.schema.json`"


def test_every_command_has_help() -> None:
    for name in main.list_commands(None):  # type: ignore[arg-type]
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Usage:" in result.output


def test_no_color_when_not_a_tty(build_file_tree: FileTree) -> None:
    build_file_tree({"briefs/a.yaml": brief_yaml(status="nope")})
    result = run("check")
    assert "\x1b[" not in result.stdout + result.stderr


def test_unexpected_errors_print_one_line_not_a_traceback(build_file_tree: FileTree) -> None:
    root = build_file_tree({"briefs/a.yaml": brief_yaml()})
    (root / "briefs/a.yaml").chmod(0)
    result = run("check")
    (root / "briefs/a.yaml").chmod(0o644)
    assert "Traceback" not in result.stderr
    if result.returncode == 1:  # not root: the file is unreadable and reported
        assert "cannot read file" in result.stdout


def test_new_without_a_local_schema_writes_one_and_points_at_it(build_file_tree: FileTree) -> None:
    root = build_file_tree({})
    run("new", "Title", "-s", "Cyber", "-t", "Ransomware")
    first = (root / "briefs/cyber/title.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/brief.schema.json"  # an editor can load it: no network
    assert json.loads((root / "schema/brief.schema.json").read_text())["additionalProperties"] is False


def test_html_options_refuse_rel_and_event_handlers(build_file_tree: FileTree) -> None:
    build_file_tree(
        {"mkdocs.yml": "site_name: x\nplugins:\n  - briefkit:\n      html:\n        extra_attributes: {a: [rel], img: [onload]}\n"}
    )
    result = run("check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "mkdocs.yml:5:32: error: briefkit option 'html.extra_attributes.a': 'rel' cannot be allowed in bodies: "
        "it is set by briefkit itself (noopener noreferrer) [config-invalid]",
        "mkdocs.yml:5:44: error: briefkit option 'html.extra_attributes.img': 'onload' cannot be allowed in bodies: "
        "event handler attributes run code [config-invalid]",
    ]
