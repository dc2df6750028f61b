"""Brief pages show git history: "Updated" from the last real edit and a revision list."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import lxml.html
from click.testing import CliRunner

from briefkit.cli.main import main
from tests.conftest import FileTree, brief_yaml
from tests.web.sitetools import MKDOCS_YML, one, text


def git(root: Path, *args: str, when: str = "2026-11-20T10:00:00+00:00", author: str = "Ada Lovelace") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "ada@example.org",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "ada@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_updated_and_revision_history_from_git(build_file_tree: FileTree) -> None:
    # Names and subjects are opt-in (review.history_details); the default is dates only (tests/trust/public).
    root = build_file_tree(
        {
            "mkdocs.yml": MKDOCS_YML + "      review:\n        history_details: true\n",
            "briefs/edited.yaml": brief_yaml(title="Edited", date="2026-11-20", body="First version.\n"),
            "briefs/dated.yaml": brief_yaml(title="Dated", date="2026-11-20", updated="2026-11-21"),
            "briefs/once.yaml": brief_yaml(title="Once", date="2026-11-18"),
        }
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Add three briefs")
    (root / "briefs/edited.yaml").write_text(brief_yaml(title="Edited", date="2026-11-20", body="Second version.\n"), encoding="utf-8")
    (root / "briefs/dated.yaml").write_text(
        brief_yaml(title="Dated", date="2026-11-20", updated="2026-11-21", body="Changed.\n"), encoding="utf-8"
    )
    git(root, "commit", "-q", "-am", "Fix the <b>figures</b>", when="2026-11-23T15:30:00+00:00", author="Grace Hopper")

    result = CliRunner().invoke(main, ["build", "--as-of", "2026-12-01T00:00:00Z"], catch_exceptions=False)
    assert result.exit_code == 0, result.output

    def page(slug: str) -> lxml.html.HtmlElement:
        return lxml.html.fromstring((root / f"build/site/briefs/{slug}/index.html").read_bytes())

    edited = page("edited")
    assert text(one(edited, ".bk-updated")) == "Updated 23 November 2026, 15:30 UTC"
    revisions = [text(li) for li in one(edited, ".bk-history").cssselect("li")]
    assert [r.rsplit(" ", 1)[0] for r in revisions] == [
        "23 November 2026, 15:30 UTC Grace Hopper: Fix the <b>figures</b>",
        "20 November 2026, 10:00 UTC Ada Lovelace: Add three briefs",
    ]
    assert not one(edited, ".bk-history").cssselect("b")
    # The YAML 'updated' field wins over git.
    assert text(one(page("dated"), ".bk-updated")) == "Updated 21 November 2026"
    # A brief's only commit is its creation, not an update.
    once = page("once")
    assert not once.cssselect(".bk-updated")
    assert len(one(once, ".bk-history").cssselect("li")) == 1
