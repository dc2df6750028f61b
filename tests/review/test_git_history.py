"""History from one batched git log: dates, authors, subjects; renames followed; fallbacks noted."""

from __future__ import annotations

import io
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from briefkit.common.report import Reporter
from briefkit.config import load_config
from briefkit.model import History
from briefkit.review import history
from briefkit.source.load import load
from tests.review.conftest import LABELLED_SITE, GitSite, Newsroom, brief


def collect(root: Path) -> tuple[dict[str, History], str]:
    config = load_config(root)
    result = load(config)
    assert not result.errors, result.errors
    stream = io.StringIO()
    found = history.collect(config, result.corpus.briefs, Reporter(stream=stream))
    return found, stream.getvalue()


def table(found: dict[str, History]) -> dict[str, list[tuple[str, str, str]]]:
    return {slug: [(r.date.isoformat(), r.author, r.subject) for r in h.revisions] for slug, h in sorted(found.items())}


def test_history_of_every_brief(newsroom: Newsroom) -> None:
    found, notes = collect(newsroom.site.root)
    assert notes == ""
    assert table(found) == {
        "baltic-air-defence": [
            ("2026-11-10T10:00:00+00:00", "Grace Hopper", "Publish Baltic air defence"),
            ("2026-11-02T09:00:00+00:00", "Ada Lovelace", "Add the first briefs"),
        ],
        # Three commits changed it; review.history is 2, so the page shows the newest two.
        "gas-storage": [
            ("2026-11-12T16:45:00+00:00", "Linus Pauling", "Move the LNG embargo; retire the summit preview"),
            ("2026-11-05T14:30:00+01:00", "Grace Hopper", "Update gas storage figures"),
        ],
        # Renamed twice: the pure rename of commit 3 is not an edit; the rename with edits of commit 5 is.
        "hospital-ransomware": [
            ("2026-11-12T16:45:00+00:00", "Linus Pauling", "Move the LNG embargo; retire the summit preview"),
            ("2026-11-02T09:00:00+00:00", "Ada Lovelace", "Add the first briefs"),
        ],
        "lng-terminal": [
            ("2026-11-12T16:45:00+00:00", "Linus Pauling", "Move the LNG embargo; retire the summit preview"),
            ("2026-11-02T09:00:00+00:00", "Ada Lovelace", "Add the first briefs"),
        ],
        "phishing-kit": [("2026-11-12T16:45:00+00:00", "Linus Pauling", "Move the LNG embargo; retire the summit preview")],
    }
    gas = found["gas-storage"]
    assert gas.count == 3
    assert gas.last_changed == datetime.fromisoformat("2026-11-12T16:45:00+00:00")
    assert [r.sha for r in gas.revisions] == [newsroom.c5, newsroom.c2]
    assert found["phishing-kit"].count == 1


def test_history_length_zero_keeps_the_last_change(git_site: GitSite) -> None:
    Newsroom(git_site, history=0)
    found, _ = collect(git_site.root)
    assert found["gas-storage"].revisions == ()
    assert found["gas-storage"].last_changed == datetime.fromisoformat("2026-11-12T16:45:00+00:00")
    assert found["gas-storage"].count == 3


def test_one_git_log_for_all_briefs(newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    real = subprocess.run

    def spy(argv: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(argv, list) and argv and argv[0] == "git":
            calls.append(argv)
        return real(argv, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", spy)
    found, _ = collect(newsroom.site.root)
    assert len(found) == 5
    commands = [next(a for a in argv[1:] if not a.startswith("-") and "=" not in a) for argv in calls]
    assert commands == ["rev-parse", "log"]


def test_commits_outside_the_briefs_do_not_count(git_site: GitSite) -> None:
    git_site.write("mkdocs.yml", LABELLED_SITE)
    git_site.write("briefs/a.yaml", brief("A"))
    git_site.commit("Add A", "ada", "2026-11-02T09:00:00+00:00")
    git_site.write("README.md", "hello\n")
    git_site.commit("Add a readme", "grace", "2026-11-03T09:00:00+00:00")
    # A branch edits the brief; its merge commit is not a second edit.
    git_site.git("checkout", "-q", "-b", "edit")
    git_site.edit("briefs/a.yaml", "The body.", "The body, edited.")
    git_site.commit("Edit A on a branch", "linus", "2026-11-04T09:00:00+00:00")
    git_site.git("checkout", "-q", "main")
    git_site.git(
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge the edit",
        "edit",
        env={
            "GIT_AUTHOR_NAME": "CI",
            "GIT_AUTHOR_EMAIL": "ci@example.org",
            "GIT_AUTHOR_DATE": "2026-11-05T09:00:00+00:00",
            "GIT_COMMITTER_DATE": "2026-11-05T09:00:00+00:00",
        },
    )
    found, _ = collect(git_site.root)
    assert table(found) == {
        "a": [
            ("2026-11-04T09:00:00+00:00", "Linus Pauling", "Edit A on a branch"),
            ("2026-11-02T09:00:00+00:00", "Ada Lovelace", "Add A"),
        ]
    }


def test_a_file_deleted_and_recreated_starts_a_new_history(git_site: GitSite) -> None:
    git_site.write("mkdocs.yml", LABELLED_SITE)
    git_site.write("briefs/a.yaml", brief("A"))
    git_site.commit("Add A", "ada", "2026-11-02T09:00:00+00:00")
    git_site.remove("briefs/a.yaml")
    git_site.commit("Drop A", "grace", "2026-11-03T09:00:00+00:00")
    git_site.write("briefs/a.yaml", brief("A again", body="Written anew."))
    git_site.commit("Write A again", "linus", "2026-11-04T09:00:00+00:00")
    found, _ = collect(git_site.root)
    assert table(found) == {"a": [("2026-11-04T09:00:00+00:00", "Linus Pauling", "Write A again")]}


def test_outside_git_one_note_and_yaml_dates(build_file_tree: Any) -> None:
    root = build_file_tree({"mkdocs.yml": LABELLED_SITE, "briefs/a.yaml": brief("A"), "briefs/b.yaml": brief("B")})
    found, notes = collect(root)
    assert found == {}
    assert notes.splitlines() == [
        "not a git repository: dates come from the briefs' 'date' and 'updated' fields, and pages show no revision history"
    ]


def test_repository_without_commits(git_site: GitSite) -> None:
    git_site.write("mkdocs.yml", LABELLED_SITE)
    git_site.write("briefs/a.yaml", brief("A"))
    found, notes = collect(git_site.root)
    assert found == {}
    assert notes.splitlines() == ["no commits yet: dates come from the briefs' YAML until the first commit"]


def test_shallow_clone_falls_back_with_one_note(newsroom: Newsroom, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clone = tmp_path / "clone"
    newsroom.site.git("clone", "-q", "--depth=1", f"file://{newsroom.site.root}", str(clone))
    monkeypatch.chdir(clone)
    found, notes = collect(clone)
    assert found == {}
    assert notes.splitlines() == [
        "shallow git clone: dates come from the briefs' YAML and pages show no revision history; fetch the full history for them "
        "(actions/checkout: 'fetch-depth: 0', or 'git fetch --unshallow')"
    ]
