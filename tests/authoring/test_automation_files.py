"""The GitHub workflow (this repo's and the scaffolded one) and the pre-commit hooks are valid and do what they say."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import yaml
from click.testing import CliRunner

from briefkit.authoring.scaffold import workflow
from briefkit.cli.main import main
from tests.conftest import REPO, FileTree

REPO_WORKFLOW = REPO / ".github" / "workflows" / "briefs.yml"


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with the GitHub workflow schema it ships (no network)."""
    exe = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run([str(exe), "--builtin-schema", "vendor.github-workflows", str(path)], capture_output=True, text=True, check=False)


def test_repo_workflow_is_a_valid_github_workflow() -> None:
    result = validate(REPO_WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_the_schema_check_can_fail(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: 3\n        run: x\n")
    assert validate(broken).returncode == 1


def test_repo_workflow_is_the_scaffolded_one_installing_from_the_checkout() -> None:
    assert REPO_WORKFLOW.read_text(encoding="utf-8") == workflow("pip install .")


def jobs() -> dict[str, Any]:
    data = yaml.safe_load(REPO_WORKFLOW.read_text(encoding="utf-8"))
    return data["jobs"]  # type: ignore[no-any-return]


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_pull_requests_check_preview_and_comment() -> None:
    data = yaml.safe_load(REPO_WORKFLOW.read_text(encoding="utf-8"))
    assert set(data[True]) >= {"pull_request", "push"}  # PyYAML reads the key 'on' as True
    assert data[True]["push"] == {"branches": ["main"]}
    j = jobs()
    assert "brief check --format github" in runs(j["check"])
    assert j["preview"]["if"] == "github.event_name == 'pull_request'"
    assert "brief build --preview" in runs(j["preview"])
    upload = next(s for s in j["preview"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "build/preview/site"
    review = j["review"]
    assert review["permissions"] == {"contents": "read", "pull-requests": "write"}
    diff = next(r for r in runs(review) if "brief diff" in r)
    assert "brief diff HEAD^1 HEAD --format markdown > brief-diff.md" in diff
    script = next(s for s in review["steps"] if s.get("uses", "").startswith("actions/github-script@"))["with"]["script"]
    assert "<!-- briefkit-diff -->" in script and "updateComment" in script and "createComment" in script


def test_main_builds_and_deploys_pages_with_the_pdf_cache() -> None:
    j = jobs()
    assert "brief build" in runs(j["build"])
    assert j["build"]["if"] == "github.event_name != 'pull_request'"
    for name in ("preview", "build"):
        cache = next(s for s in j[name]["steps"] if s.get("uses", "").startswith("actions/cache@"))
        assert cache["with"]["path"] == "build/cache/pdf"
        checkout = next(s for s in j[name]["steps"] if s.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"]["fetch-depth"] == 0  # history for page dates
    pages = next(s for s in j["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert pages["with"]["path"] == "build/site"
    deploy = j["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_workflow_commands_exist_in_the_cli() -> None:
    """Every `brief ...` command the workflow runs parses with this briefkit (no typo'd option)."""
    for job in jobs().values():
        for script in runs(job):
            for line in script.splitlines():
                if not line.strip().startswith("brief "):
                    continue
                argv = shlex.split(line.split(">")[0])[1:]
                command = main.get_command(click.Context(main), argv[0])
                # `brief build` belongs to the website work; until it lands only its name is known here.
                assert command is not None or argv[0] == "build", line
                if command is not None:
                    command.make_context(argv[0], argv[1:])  # raises UsageError on an unknown option or argument


def test_pre_commit_hooks_run_brief_check(build_file_tree: FileTree) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["brief-check", "brief-check-strict"]
    for hook in hooks:
        assert set(hook) >= {"id", "name", "entry", "language"}
        assert hook["language"] == "python" and hook["pass_filenames"] is False
    # The entries do what a hook needs: exit 0 on clean briefs, 1 on errors (and on warnings when strict).
    from tests.conftest import brief_yaml

    build_file_tree({"briefs/a.yaml": brief_yaml(), "briefs/b.yaml": brief_yaml(summary=" ".join(["word"] * 70))})
    outcomes = [CliRunner().invoke(main, shlex.split(h["entry"])[1:]).exit_code for h in hooks]
    assert outcomes == [0, 1]
