"""The scaffolded workflow installs the briefkit that made the site: `brief init` pins it in requirements.txt from
pip's direct_url.json (PEP 610), and the workflow's own install step, run literally in a fresh venv, installs it.
A briefkit installed from a local folder gives a placeholder that makes the install fail loudly, never one that
installs whatever is published under the name."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefkit.authoring.install_source import MISSING, InstallSource, from_direct_url, requirements_txt
from briefkit.authoring.scaffold import REQUIREMENTS, WORKFLOW
from tests.conftest import REPO

COMMIT = "0123456789abcdef0123456789abcdef01234567"


@pytest.mark.parametrize(
    ("direct_url", "line", "reachable"),
    [
        (
            {"url": "https://github.com/o/briefkit", "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "main"}},
            f"briefkit @ git+https://github.com/o/briefkit@{COMMIT}",
            True,
        ),
        (
            {"url": "https://h/b.git", "subdirectory": "py", "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
            f"briefkit @ git+https://h/b.git@{COMMIT}#subdirectory=py",
            True,
        ),
        (
            {"url": "https://h/briefkit-0.1.0-py3-none-any.whl", "archive_info": {"hashes": {"sha256": "ab" * 32}}},
            f"briefkit @ https://h/briefkit-0.1.0-py3-none-any.whl#sha256={'ab' * 32}",
            True,
        ),
        (
            {"url": "file:///tmp/clone", "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
            f"briefkit @ git+file:///tmp/clone@{COMMIT}",
            False,
        ),
        ({"url": "file:///home/me/briefkit", "dir_info": {"editable": True}}, f"-r {MISSING}", False),
        ({"url": "file:///home/me/briefkit", "dir_info": {}}, f"-r {MISSING}", False),
    ],
)
def test_direct_url_gives_the_requirement(direct_url: dict[str, object], line: str, reachable: bool) -> None:
    source = from_direct_url(direct_url, "0.1.0")
    assert (source.requirement, source.reachable) == (line, reachable)
    text = requirements_txt(source)
    assert [r for r in text.splitlines() if r and not r.startswith("#")] == [line]


def test_an_index_install_is_pinned_by_version() -> None:
    text = requirements_txt(InstallSource("briefkit==0.1.0", "the package index", True))
    assert [r for r in text.splitlines() if not r.startswith("#")] == ["briefkit==0.1.0"]


def install_step(site: Path) -> str:
    """The 'Install briefkit' command of the scaffolded workflow: the same in every job that has one."""
    jobs = yaml.safe_load((site / WORKFLOW).read_text())["jobs"]
    commands = {step["run"] for job in jobs.values() for step in job["steps"] if step.get("name") == "Install briefkit"}
    assert len(commands) == 1, commands
    (command,) = commands
    return str(command)


def venv(path: Path, *, current_pip: bool = True) -> Path:
    """A fresh venv with a current pip, as actions/setup-python gives (Python 3.11's bundled pip 23 refuses file: URLs in requirements)."""
    subprocess.run([sys.executable, "-m", "venv", *(["--upgrade-deps"] if current_pip else []), str(path)], check=True, capture_output=True)
    return path / "bin"


def run(cmd: list[str] | str, cwd: Path, bin_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONUTF8": "1"}
    if bin_dir is not None:  # as in CI: the venv's pip and brief come first on PATH
        env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
        env["VIRTUAL_ENV"] = str(bin_dir.parent)
    return subprocess.run(cmd, cwd=cwd, env=env, shell=isinstance(cmd, str), capture_output=True, text=True, check=False)


def test_the_workflow_install_step_installs_the_briefkit_that_made_the_site(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    commit = subprocess.run(["git", "-C", str(clone), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    # The user's machine: briefkit installed from a git URL at a commit.
    user = venv(tmp_path / "user")
    installed = run([str(user / "pip"), "install", "-q", f"git+{clone.as_uri()}@{commit}"], tmp_path)
    assert installed.returncode == 0, installed.stderr
    init = run([str(user / "brief"), "init", "--name", "Gulf Brief", "site"], tmp_path, user)
    assert init.returncode == 0, init.stderr
    site = tmp_path / "site"
    requirement = f"briefkit @ git+{clone.as_uri()}@{commit}"
    assert [r for r in (site / REQUIREMENTS).read_text().splitlines() if not r.startswith("#")] == [requirement]
    assert "CI cannot reach: put a source it can install from" in init.stderr  # a file: URL works here, not in CI
    # CI: a fresh venv, the workflow's own install line, run as written, in the site's checkout.
    command = install_step(site)
    assert command == f"pip install -r {REQUIREMENTS}"
    ci = venv(tmp_path / "ci")
    done = run(command, site, ci)
    assert done.returncode == 0, done.stderr
    show = run(
        [str(ci / "python"), "-c", "from importlib.metadata import distribution as d; print(d('briefkit').read_text('direct_url.json'))"],
        site,
    )
    assert json.loads(show.stdout)["vcs_info"]["commit_id"] == commit
    check = run([str(ci / "brief"), "check", "--strict"], site, ci)
    assert check.returncode == 0, check.stderr


def test_a_local_folder_install_gives_a_placeholder_that_fails_loudly(tmp_path: Path) -> None:
    """This checkout's own briefkit is an editable install from a folder: CI could not reach it."""
    init = run([str(Path(sys.executable).parent / "brief"), "init", "--name", "Gulf Brief", "site"], tmp_path)
    assert init.returncode == 0, init.stderr
    assert "which CI cannot reach: put a source it can install from" in init.stderr
    assert f"in site/{REQUIREMENTS}; until then the workflow stops at its install step" in init.stderr
    site = tmp_path / "site"
    assert f"-r {MISSING}" in (site / REQUIREMENTS).read_text().splitlines()
    ci = venv(tmp_path / "ci", current_pip=False)
    done = run(install_step(site), site, ci)
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()  # pip 23 names the file as written, later pips by its full path
    assert line.startswith("ERROR: Could not open requirements file: [Errno 2] No such file or directory: '")
    assert line.endswith((f"'{MISSING}'", f"/site/{MISSING}'"))
    assert not (ci / "brief").exists()  # nothing called briefkit came from an index
