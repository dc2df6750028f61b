"""§1.2: `brief build`, `brief check` and `brief diff` agree on what a brief is, from disk and from git.

The rule (briefkit.source.discovery): a symlink in the briefs folder is never a
brief nor a vocabulary, is never followed, and is an error everywhere.  Before,
a link into an archive folder was skipped by `brief diff` (git lists it with
mode 120000) and published by `brief build` (which followed it).

Each layout is committed; then the problems that `brief check` finds on
disk, and those `brief diff` finds at HEAD and in the working tree, must
be the same set, and the build must refuse it without publishing anything.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from inputsite import brief, build, commit_all, git_init, site, write
from leakscan import assert_clean

from briefkit.config import load_config
from briefkit.review.diff import load_revision
from briefkit.review.gitio import require_repo
from briefkit.source.load import load
from tests.conftest import brief_yaml

CANARY = "cnryarchived"


def problem_keys(problems: list[dict[str, object]]) -> set[tuple[object, ...]]:
    return {(p["path"], p["line"], p["col"], p["code"]) for p in problems if p["code"] in ("symlink-brief", "not-a-file")}


def diff_problems(report: dict[str, object]) -> set[tuple[object, ...]]:
    found = problem_keys(report["problems"])  # type: ignore[arg-type]
    for change in report["briefs"]:  # type: ignore[attr-defined]
        found |= problem_keys(change["problems"])
    return found


def check_problems(root: Path) -> set[tuple[object, ...]]:
    run = brief(root, "check", "--format", "json")
    data = json.loads(run.out)
    return problem_keys(data["problems"] if isinstance(data, dict) else data)


# name: (links to make under the site root, the links expected to be reported)
LAYOUTS: dict[str, tuple[dict[str, str], set[str]]] = {
    "into-archive": ({"briefs/world/old-piece.yaml": "../../archive/old-piece.yaml"}, {"briefs/world/old-piece.yaml"}),
    "to-another-brief": ({"briefs/again.yaml": "world/baltic-air.yaml"}, {"briefs/again.yaml"}),
    "yml-suffix": ({"briefs/world/old.yml": "../../archive/old-piece.yaml"}, {"briefs/world/old.yml"}),
    "linked-folder": ({"briefs/archive": "../archive"}, {"briefs/archive"}),
    "nested-linked-folder": ({"briefs/world/past": "../../archive"}, {"briefs/world/past"}),
    "authors-vocabulary": ({"briefs/_authors.yml": "../people.yml"}, {"briefs/_authors.yml"}),
    "tags-vocabulary": ({"briefs/_tags.yml": "../tags.yml"}, {"briefs/_tags.yml"}),
    "underscore-file": ({"briefs/_notes.yml": "../people.yml"}, {"briefs/_notes.yml"}),
    "out-of-root": ({"briefs/world/passwd.yaml": "/etc/passwd"}, {"briefs/world/passwd.yaml"}),
    "dangling": ({"briefs/world/gone.yaml": "nowhere.yaml"}, {"briefs/world/gone.yaml"}),
    "hidden-folder-ignored": ({"briefs/.trash/old.yaml": "../../archive/old-piece.yaml"}, set()),
    "hidden-link-ignored": ({"briefs/.old.yaml": "../archive/old-piece.yaml"}, set()),
}


def make(tmp_path: Path, links: dict[str, str]) -> Path:
    root = site(tmp_path / "site")
    write(
        root,
        {
            "archive/old-piece.yaml": brief_yaml(title=f"Archived {CANARY}", summary=f"Old {CANARY}."),
            "people.yml": f"ada:\n  name: Ada {CANARY}\n",
            "tags.yml": f"NATO allies:\n  description: {CANARY}\n",
        },
    )
    git_init(root)
    commit_all(root, "base")
    for rel, target in links.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
    commit_all(root, "links")
    return root


@pytest.mark.parametrize("layout", LAYOUTS)
def test_disk_and_git_report_the_same_links(tmp_path: Path, layout: str) -> None:
    links, reported = LAYOUTS[layout]
    root = make(tmp_path, links)
    expected = {(rel, 1, 1, "symlink-brief") for rel in reported}

    assert check_problems(root) == expected
    for args in (["HEAD~1"], ["HEAD~1", "HEAD"]):  # HEAD from the working tree, and from git
        run = brief(root, "diff", *args, "--format", "json")
        assert diff_problems(json.loads(run.out)) == expected, run.output
        assert run.code == (1 if expected else 0), run.output

    run = build(root, "--no-pdf")
    assert run.code == (1 if expected else 0), run.output
    if expected:
        assert not (root / "build" / "site").exists()
    else:
        assert_clean(root / "build" / "site", [CANARY])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_one_rule_in_process(tmp_path: Path, layout: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The loaders themselves: the disk load and the git load give the same paths and the same problems."""
    links, _ = LAYOUTS[layout]
    root = make(tmp_path, links)
    monkeypatch.chdir(root)
    config = load_config(root)
    disk = load(config)
    tree = load_revision(config, require_repo(root), "HEAD").result
    assert sorted(disk.paths) == sorted(tree.paths)
    assert {(p.path, p.line, p.col, p.code) for p in disk.problems} == {(p.path, p.line, p.col, p.code) for p in tree.problems}
    assert sorted(b.path for b in disk.corpus.briefs) == sorted(b.path for b in tree.corpus.briefs)


def test_a_linked_brief_was_the_reported_gap(tmp_path: Path) -> None:
    """The case from the review: the diff must not say "no brief changed" for a link that would publish an archive piece."""
    root = make(tmp_path, {"briefs/world/old-piece.yaml": "../../archive/old-piece.yaml"})
    run = brief(root, "diff", "HEAD~1", "HEAD")
    assert run.code == 1
    assert "INVALID briefs/world/old-piece.yaml" in run.lines()
    assert "briefs/world/old-piece.yaml:1:1: error: 'old-piece.yaml' is a symbolic link" in run.output
