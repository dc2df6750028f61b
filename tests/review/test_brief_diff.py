"""`brief diff`: the whole report in each format, checked against golden files.

Set BRIEFKIT_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change,
then read the diff of tests/review/golden/ before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from briefkit.cli.main import main
from tests.review.conftest import BALTIC, GitSite, Newsroom, brief

GOLDEN = Path(__file__).parent / "golden"
AS_OF = "2026-11-20T12:00:00+00:00"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("BRIEFKIT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("fmt", "name"), [("text", "diff.txt"), ("markdown", "diff.md"), ("json", "diff.json")])
def test_diff_between_two_revisions(newsroom: Newsroom, fmt: str, name: str) -> None:
    result = run("diff", "base", "HEAD", "--format", fmt, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    golden(name, result.stdout)


def test_json_report_structure(newsroom: Newsroom) -> None:
    data = json.loads(run("diff", "base", "HEAD", "--format", "json", "--as-of", AS_OF).stdout)
    assert data["summary"] == {"added": 1, "changed": 3, "renamed": 1, "removed": 1, "invalid": 0}
    by_slug = {b["slug"]: b for b in data["briefs"]}
    baltic = by_slug["baltic-air-defence"]
    assert baltic["public"] == {"before": False, "after": True}
    assert {f["field"]: f["text"] for f in baltic["fields"]}["tags"] == "tags: +Baltic security −NATO allies"
    summary = next(t for t in baltic["text"] if t["field"] == "summary")
    assert summary["blocks"] == [
        [
            {"op": "equal", "text": "Estonia, Latvia and Lithuania "},
            {"op": "delete", "text": "agree"},
            {"op": "insert", "text": "signed"},
            {"op": "equal", "text": " a joint purchase."},
        ]
    ]
    renamed = by_slug["hospital-ransomware"]
    assert (renamed["change"], renamed["old_path"], renamed["path"]) == (
        "renamed",
        "briefs/cyber/ransomware-wave.yaml",
        "briefs/cyber/hospital-ransomware.yaml",
    )
    assert data["public_site"]["new_tag_pages"] == ["Air defence", "Baltic security"]
    assert data["public_site"]["removed_tag_pages"] == ["NATO allies"]


def test_working_tree_includes_uncommitted_and_untracked_files(newsroom: Newsroom) -> None:
    site = newsroom.site
    site.edit(BALTIC, "Financing is not yet settled.", "Financing comes from the EU.")
    site.write("briefs/europe/untracked.yaml", brief("Not yet in git", status="draft"))
    result = run("diff", "HEAD", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    golden("diff-working-tree.txt", result.stdout)


def test_a_brief_that_does_not_validate_is_reported_not_skipped(newsroom: Newsroom) -> None:
    site = newsroom.site
    site.edit(BALTIC, "date: 2026-11-02", "date: 2026-13-02")
    site.write("briefs/europe/broken.yaml", "title: [unclosed\n")
    result = run("diff", "HEAD", "--as-of", AS_OF)
    assert result.exit_code == 1
    golden("diff-invalid.txt", result.stdout)
    markdown = run("diff", "HEAD", "--as-of", AS_OF, "--format", "markdown")
    assert markdown.exit_code == 1
    golden("diff-invalid.md", markdown.stdout)


def test_nothing_changed(newsroom: Newsroom) -> None:
    result = run("diff", "HEAD", "--as-of", AS_OF)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2:] == ["no brief changed"]


def test_pure_rename_is_a_rename_with_a_new_address(newsroom: Newsroom) -> None:
    result = run("diff", "base~1", "base", "--as-of", AS_OF)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2:] == [
        "1 brief: 1 renamed",
        "on merge: 1 changes a public page",
        "",
        "RENAMED briefs/cyber/ransomware.yaml → briefs/cyber/ransomware-wave.yaml  “Ransomware hits hospitals”",
        "  slug: ransomware → ransomware-wave",
        "  public site: changes a public page, which moves from 'ransomware' to 'ransomware-wave'",
    ]


def test_colour_on_request(newsroom: Newsroom) -> None:
    result = run("diff", "base", "HEAD", "--as-of", AS_OF, "--color")
    assert "\x1b[9;31magree\x1b[0m\x1b[1;32msigned\x1b[0m" in result.stdout
    assert "[-agree-]" not in result.stdout
    plain = run("diff", "base", "HEAD", "--as-of", AS_OF)
    assert "\x1b[" not in plain.stdout
    assert "[-agree-]{+signed+}" in plain.stdout


@pytest.mark.parametrize(
    ("rev", "message", "hint"),
    [
        (
            "mian",
            "error: unknown revision 'mian'",
            "hint: check the spelling ('git log --oneline' lists commits, 'git branch -a' branches); if it is a branch or commit on "
            "the remote, run 'git fetch origin mian' (or 'git fetch --deepen=100' in a shallow clone) and try again",
        ),
        ("--exec=rm", "error: '--exec=rm' is not a git revision", ""),
    ],
)
def test_missing_base_is_a_clear_error(newsroom: Newsroom, rev: str, message: str, hint: str) -> None:
    result = CliRunner().invoke(main, ["diff", "--", rev])
    assert result.exit_code in (1, 2)
    assert "Traceback" not in result.output
    lines = [line.strip() for line in result.stderr.splitlines()]
    assert lines[0] == message
    if hint:
        assert lines[1] == hint


def test_base_missing_from_a_shallow_clone(newsroom: Newsroom, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clone = tmp_path / "clone"
    newsroom.site.git("clone", "-q", "--depth=1", f"file://{newsroom.site.root}", str(clone))
    monkeypatch.chdir(clone)
    result = CliRunner().invoke(main, ["diff", newsroom.c1])
    assert result.exit_code == 1
    assert [line.strip() for line in result.stderr.splitlines()] == [
        f"error: revision '{newsroom.c1}' is not in this shallow clone",
        "hint: fetch more history: 'git fetch --deepen=100' (or 'git fetch --unshallow'), "
        f"or 'git fetch origin {newsroom.c1}'; in GitHub Actions set 'fetch-depth: 0' on actions/checkout",
    ]


def test_branch_only_on_the_remote_suggests_it(newsroom: Newsroom, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    newsroom.site.git("branch", "review-branch")
    clone = tmp_path / "clone"
    newsroom.site.git("clone", "-q", f"file://{newsroom.site.root}", str(clone))
    monkeypatch.chdir(clone)
    result = CliRunner().invoke(main, ["diff", "review-branch"])
    assert result.exit_code == 1
    assert [line.strip() for line in result.stderr.splitlines()] == [
        "error: unknown revision 'review-branch'",
        "hint: did you mean 'origin/review-branch'? (the branch exists on the remote)",
    ]
    assert CliRunner().invoke(main, ["diff", "origin/review-branch"]).exit_code == 0


def test_outside_git(build_file_tree: object) -> None:
    root = build_file_tree({"briefs/a.yaml": brief("A")})  # type: ignore[operator]
    result = CliRunner().invoke(main, ["diff", "main"])
    assert result.exit_code == 1
    assert [line.strip() for line in result.stderr.splitlines()] == [
        f"error: {root} is not inside a git repository",
        "hint: run this command inside the repository that holds the briefs (or 'git init' one first)",
    ]


def test_reading_a_revision_costs_two_git_processes(newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    from typing import Any

    from briefkit.config import load_config
    from briefkit.review import gitio
    from briefkit.review.diff import load_revision

    repo = gitio.require_repo(Path.cwd())
    calls: list[str] = []
    real = subprocess.run

    def spy(argv: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(argv[3])  # git -c core.quotepath=off <command>
        return real(argv, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", spy)
    side = load_revision(load_config(Path.cwd()), repo, "HEAD")
    assert len(side.result.corpus.briefs) == 5
    assert calls == ["rev-parse", "ls-tree", "cat-file"]


def test_oversized_file_at_a_revision_is_reported_unread(git_site: GitSite) -> None:
    git_site.write("mkdocs.yml", "site_name: S\nplugins:\n  - briefkit:\n      max_file_size: 1000\n      default_handling: TLP:CLEAR\n")
    git_site.write("briefs/big.yaml", brief("Big"))
    git_site.commit("Add a brief", "ada", "2026-11-02T09:00:00+00:00")
    big = git_site.write("briefs/big.yaml", brief("Big", body="word " * 400))
    expected = f"briefs/big.yaml:1:1: error: file is {big.stat().st_size:,} bytes; the limit is 1,000 [file-too-large]"
    in_tree = run("diff", "HEAD", "--as-of", AS_OF)
    assert in_tree.exit_code == 1
    assert "  " + expected in in_tree.stdout.splitlines()
    git_site.commit("Make it big", "ada", "2026-11-03T09:00:00+00:00")
    in_git = run("diff", "HEAD~1", "HEAD", "--as-of", AS_OF)
    assert in_git.exit_code == 1
    assert in_git.stdout.splitlines()[2:] == [
        "1 brief: 1 does not validate",
        "on merge: the site does not build until the briefs that do not validate are fixed",
        "",
        # Unread, its label cannot be told: the title is withheld, the size problem (no words of it) is not.
        "INVALID briefs/big.yaml  “[unknown label: title withheld]”",
        "  public site: blocks the build: it must validate before merging",
        "  note: content withheld: the file does not validate and its handling label cannot be told; 'brief check' shows the messages",
        "  " + expected,
        "      hint: split the brief, or raise max_file_size in mkdocs.yml",
    ]


def test_markdown_shrinks_to_fit_a_comment(newsroom: Newsroom) -> None:
    from datetime import datetime

    from briefkit.config import load_config
    from briefkit.review import diff_format
    from briefkit.review.diff import diff

    d = diff(load_config(Path.cwd()), "base", "HEAD", datetime.fromisoformat(AS_OF))
    full = diff_format.markdown(d)
    assert "**Body**" in full and "**Summary**" in full
    no_body = diff_format.markdown(d, limit=len(full) - 1)
    assert "**Body**" not in no_body and "**Summary**" in no_body
    assert "_Some word diffs are left out to fit in a comment; run `brief diff` locally for all of them._" in no_body
    bare = diff_format.markdown(d, limit=len(no_body) - 1)
    assert "**Summary**" not in bare and bare.count("<details>") == 6
    tiny = diff_format.markdown(d, limit=100)
    assert "<details>" not in tiny
    assert tiny.splitlines()[-1] == "_6 briefs changed: too many to list here. Run `brief diff base` locally._"


def test_move_to_another_folder_keeps_the_slug(newsroom: Newsroom) -> None:
    site = newsroom.site
    site.move("briefs/energy/gas-storage.yaml", "briefs/economy/gas-storage.yaml")
    site.edit("briefs/economy/gas-storage.yaml", "section: Energy", "section: Economy / Energy")
    site.edit("briefs/economy/gas-storage.yaml", "Europe enters the winter", "Europe enters this winter")
    result = run("diff", "HEAD", "--as-of", AS_OF)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2:] == [
        "1 brief: 1 renamed",
        "on merge: 1 changes a public page",
        "",
        "RENAMED briefs/energy/gas-storage.yaml → briefs/economy/gas-storage.yaml  “Gas storage is full before winter”",
        "  section: Energy → Economy / Energy",
        "  public site: changes a public page; moves from section Energy to Economy / Energy",
        "  Body:",
        "    Europe enters [-the-]{+this+} winter with full storage.",
    ]
