"""Helpers for the input-trust tests (imported as ``inputsite``): small sites run by the real ``brief`` in a subprocess.

A subprocess, not CliRunner, because the tests need what only a real process
gives: its own ``/proc/self/environ`` (a canary in its environment), and a
timeout that turns a hang (a FIFO read) into a failure instead of a stuck run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import brief_yaml, site_config, write_file_tree

BRIEF = str(Path(sys.executable).with_name("brief"))

PDF_OPTIONS = """
pdf:
  enabled: {pdf}
  jobs: 1
  books:
    latest: 5
    tags: false
    sections: false
    daily: false
"""

AS_OF = "2026-12-01T00:00:00+00:00"


def mkdocs_yml(*, pdf: bool = False, extensions: str = "") -> str:
    return site_config(
        "Trust Desk",
        site_url="https://example.org/news/",
        markdown_extensions="- tables\n- attr_list\n" + textwrap.dedent(extensions).strip("\n"),
        default_handling=None,
        pdf=None,
        options=PDF_OPTIONS.format(pdf="true" if pdf else "false"),
    )


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    """The shared writer, byte for byte (no dedent: these tests write exact hostile text)."""
    return write_file_tree(root, files)


def site(root: Path, *, pdf: bool = False, extensions: str = "", briefs: dict[str, str] | None = None) -> Path:
    """A valid site with one public brief (unless ``briefs`` says otherwise)."""
    return write(
        root,
        {
            "mkdocs.yml": mkdocs_yml(pdf=pdf, extensions=extensions),
            **{f"briefs/{k}": v for k, v in (briefs or {"world/baltic-air.yaml": brief_yaml()}).items()},
        },
    )


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err

    def lines(self) -> list[str]:
        return self.output.splitlines()


def brief(root: Path, *args: str, timeout: float = 120, env: dict[str, str] | None = None) -> Run:
    """Run ``brief ARGS`` in ``root``; a run longer than ``timeout`` seconds fails the test (a hang guard)."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("SOURCE_DATE_EPOCH", None)
    try:
        proc = subprocess.run([BRIEF, *args], cwd=root, capture_output=True, text=True, timeout=timeout, env=full_env, check=False)
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"brief {' '.join(args)} did not finish within {timeout} s (a hang)") from exc
    run = Run(proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in run.output, run.output
    return run


def build(root: Path, *args: str, timeout: float = 180, env: dict[str, str] | None = None) -> Run:
    return brief(root, "build", "--as-of", AS_OF, *args, timeout=timeout, env=env)


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Ada",
        "GIT_AUTHOR_EMAIL": "ada@example.org",
        "GIT_COMMITTER_NAME": "Ada",
        "GIT_COMMITTER_EMAIL": "ada@example.org",
        "GIT_AUTHOR_DATE": "2026-11-20T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-11-20T10:00:00+00:00",
    }
    proc = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout


def git_init(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")


def commit_all(root: Path, message: str = "change") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)
