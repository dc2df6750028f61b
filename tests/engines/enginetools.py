"""Helpers for the engine tests: a small site, the engines' real command lines, parsed pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import yaml

from tests.conftest import REPO, brief_yaml, site_config

BIN = Path(sys.executable).parent
"""The test venv's scripts: brief, mkdocs, properdocs, zensical (pinned in pyproject's [test] extra)."""

MKDOCS_YML = site_config(
    "Engine Desk",
    docs_dir="templates/mkdocs",
    site_dir="build/site",
    timezone=None,
    default_handling=None,
    pdf=None,
    options="pdf:\n  books: {latest: 0, tags: false, sections: false, daily: false}",
)

EPOCH = "1796000000"  # 2026-11-29: every brief below is public (but the draft) at this instant


def site_files() -> dict[str, str | bytes]:
    """Two public briefs (two PDFs) and a draft, which only previews show."""
    return {
        "mkdocs.yml": MKDOCS_YML,
        "templates/mkdocs/index.md": "# Built by briefkit\n",  # what `brief init` commits for MkDocs' docs_dir check
        "briefs/alpha.yaml": brief_yaml(title="Alpha grid deal", tags=["Grid"], date="2026-11-20", body="Alpha body text.\n"),
        "briefs/beta.yaml": brief_yaml(title="Beta storage levels", tags=["Gas"], date="2026-11-18", body="Beta body text.\n"),
        "briefs/gamma.yaml": brief_yaml(title="Gamma draft", status="draft", date="2026-11-19", body="Gamma body text.\n"),
    }


def env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def run(tool: str, *args: str, cwd: Path, check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run one of the venv's command lines, as a user types it."""
    done = subprocess.run([str(BIN / tool), *args], cwd=cwd, env=env(), capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise AssertionError(f"{tool} {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def git_init(root: Path) -> None:
    """Briefs' page histories come from git: commit the site as a user's clone has it."""
    for args in (["init", "-q"], ["add", "."], ["-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "start"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def tree(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def h1(page: Path) -> str:
    doc = lxml.html.fromstring(page.read_bytes())
    (title,) = doc.cssselect("h1.bk-head__title")
    return " ".join(title.text_content().split())


def copy_demo(target: Path) -> Path:
    """The demo newsroom (briefs and mkdocs.yml) in a git repository of its own."""
    shutil.copytree(REPO / "briefs", target / "briefs")
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    git_init(target)
    return target


def titles(briefs: Path) -> dict[str, str]:
    """Slug to title of every brief file below ``briefs``."""
    out = {}
    for path in briefs.rglob("*.y*ml"):
        if not path.name.startswith("_"):
            out[path.stem] = str(yaml.safe_load(path.read_text(encoding="utf-8"))["title"])
    return out
