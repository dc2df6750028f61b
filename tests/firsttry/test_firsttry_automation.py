"""CI and hooks as shipped: the workflow keeps pull requests on a read-only token with no secrets and never cancels
a running Pages deploy; the pre-commit hook, run by the real pre-commit, shows warnings; `brief init` asks for the
site's name on a terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefkit.authoring.scaffold import workflow
from tests.conftest import REPO, brief_yaml
from tests.firsttry.ftools import VENV_BIN, new_site

WORKFLOWS = {"repository": (REPO / ".github/workflows/briefs.yml").read_text(), "scaffold": workflow()}


def runs_on_pull_requests(job: dict[str, Any]) -> bool:
    condition = str(job.get("if", ""))
    return "github.event_name != 'pull_request'" not in condition


@pytest.mark.parametrize("which", sorted(WORKFLOWS))
def test_pull_request_jobs_have_a_read_only_token_and_no_secrets(which: str) -> None:
    data = yaml.load(WORKFLOWS[which], Loader=yaml.BaseLoader)  # BaseLoader: 'on' stays a key, every value text
    assert set(data["on"]) == {"pull_request", "push", "schedule", "workflow_dispatch"}  # no pull_request_target, no workflow_run
    assert data["on"]["push"] == {"branches": ["main"]}
    assert data["permissions"] == {"contents": "read"}
    pr_jobs = {name: job for name, job in data["jobs"].items() if runs_on_pull_requests(job)}
    assert set(pr_jobs) == {"check", "preview", "review"}
    for name, job in pr_jobs.items():
        permissions = job.get("permissions", data["permissions"])
        assert permissions["contents"] == "read", name
        writes = {scope for scope, level in permissions.items() if level != "read"}
        assert writes == ({"pull-requests"} if name == "review" else set()), name  # review only comments
        assert "secrets." not in yaml.safe_dump(job), name
        assert "environment" not in job, name
    assert "secrets." not in WORKFLOWS[which]


@pytest.mark.parametrize("which", sorted(WORKFLOWS))
def test_deploy_runs_only_from_main_and_is_never_cancelled(which: str) -> None:
    data = yaml.load(WORKFLOWS[which], Loader=yaml.BaseLoader)
    assert "concurrency" not in data  # a workflow-level group with cancel-in-progress would cancel the deploy with the run
    deploy = data["jobs"]["deploy"]
    assert deploy["if"] == "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"]["cancel-in-progress"] == "false"
    groups = {name: job["concurrency"]["group"] for name, job in data["jobs"].items()}
    assert list(groups.values()).count(deploy["concurrency"]["group"]) == 1  # its own group
    for name, job in data["jobs"].items():
        if name != "deploy":
            assert job["concurrency"]["cancel-in-progress"] == "true", name  # stale checks and builds still give way
            assert "${{ github.ref }}" in job["concurrency"]["group"], name


def test_pre_commit_hook_shows_warnings(tmp_path: Path) -> None:
    hooks_repo = tmp_path / "briefkit"
    subprocess.run(["git", "clone", "-q", str(REPO), str(hooks_repo)], check=True)
    rev = subprocess.run(["git", "-C", str(hooks_repo), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    site = new_site(tmp_path / "site")
    (site / "briefs/energy").mkdir()
    (site / "briefs/energy/long-summary.yaml").write_text(brief_yaml(summary=" ".join(["word"] * 70), authors=["editors"]))
    config = {"repos": [{"repo": str(hooks_repo), "rev": rev, "hooks": [{"id": "brief-check"}, {"id": "brief-check-strict"}]}]}
    (site / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    subprocess.run(["git", "-C", str(site), "add", "-A"], check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    proc = subprocess.run(
        [str(VENV_BIN / "pre-commit"), "run", "--all-files", "--color", "never"], cwd=site, env=env, capture_output=True, text=True
    )
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr  # the strict hook fails on the warning
    warning = "briefs/energy/long-summary.yaml:2:10: warning: summary is 70 words; aim for 60 or fewer [summary-long]"
    lines = out.splitlines()
    passed = next(i for i, line in enumerate(lines) if line.startswith("brief check.") and line.endswith("Passed"))
    failed = next(i for i, line in enumerate(lines) if line.startswith("brief check --strict") and line.endswith("Failed"))
    assert passed < failed
    assert warning in lines[passed:failed], out  # shown although the hook passed: verbose
    assert warning in lines[failed:], out


def test_init_asks_for_the_site_name_on_a_terminal(tmp_path: Path) -> None:
    main_fd, sub_fd = pty.openpty()
    proc = subprocess.Popen(
        [str(VENV_BIN / "brief"), "init", "site"],
        cwd=tmp_path,
        stdin=sub_fd,
        stdout=sub_fd,
        stderr=sub_fd,
        env={**os.environ, "NO_COLOR": "1"},
    )
    os.close(sub_fd)
    seen = b""
    deadline = time.monotonic() + 60
    while b"Site name [Site]: " not in seen and time.monotonic() < deadline:
        if select.select([main_fd], [], [], 1)[0]:
            seen += os.read(main_fd, 1024)
    assert b"Site name [Site]: " in seen, seen  # the folder's name is offered, not silently taken
    os.write(main_fd, b"The Gulf Brief\n")
    output = b""
    while proc.poll() is None or select.select([main_fd], [], [], 0.2)[0]:
        try:
            if select.select([main_fd], [], [], 1)[0]:
                output += os.read(main_fd, 4096)
        except OSError:
            break
        if time.monotonic() > deadline:
            proc.kill()
            break
    os.close(main_fd)
    assert proc.wait() == 0, output
    assert "site_name: The Gulf Brief\n" in (tmp_path / "site/mkdocs.yml").read_text()
    assert b"new briefing site 'The Gulf Brief' in site" in output


def test_init_without_a_terminal_takes_the_folder_name_and_says_it(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "briefkit.cli.main", "init", "gulf-brief"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "site_name: Gulf Brief\n" in (tmp_path / "gulf-brief/mkdocs.yml").read_text()
    assert "new briefing site 'Gulf Brief' in gulf-brief" in proc.stderr
