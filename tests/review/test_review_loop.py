"""The issue's "done when", as a new user would do it, with the installed `brief` command:

init an empty folder, git init and commit, edit two briefs, read `brief diff HEAD`
and `brief status`, then commit and build: the page shows "Updated" and its
revision history from git.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import lxml.html

from tests.review.conftest import PEOPLE
from tests.review.test_brief_diff import golden

BRIEF = Path(sys.executable).parent / "brief"
EXAMPLE = "briefs/about/how-this-site-works.yaml"
BALTIC = "briefs/geopolitics/baltic-states-expand-air-defence.yaml"


def epoch(moment: str) -> str:
    return str(int(datetime.fromisoformat(moment).timestamp()))


class User:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = {
            **os.environ,
            "NO_COLOR": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_COMMITTER_NAME": "CI",
            "GIT_COMMITTER_EMAIL": "ci@example.org",
        }

    def run(self, *argv: str, when: str = "2026-11-20T12:00:00+00:00", ok: bool = True) -> subprocess.CompletedProcess[str]:
        env = {**self.env, "SOURCE_DATE_EPOCH": epoch(when)}
        proc = subprocess.run(argv, cwd=self.folder, env=env, capture_output=True, text=True, check=False)
        if ok:
            assert proc.returncode == 0, f"{argv}: {proc.stdout}{proc.stderr}"
        assert "Traceback" not in proc.stderr
        return proc

    def brief(self, *args: str, when: str = "2026-11-20T12:00:00+00:00") -> subprocess.CompletedProcess[str]:
        return self.run(str(BRIEF), *args, when=when)

    def commit(self, message: str, who: str, when: str) -> None:
        name, email = PEOPLE[who]
        self.run("git", "add", "-A")
        env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        self.env.update(env)
        self.run("git", "commit", "-q", "-m", message)

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.folder / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (old, text)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def scaffold_commit(text: str) -> str:
    """The first commit holds `brief init`'s requirements.txt, which names where briefkit was installed from
    (this checkout's path): its id differs from one clone to the next, so the goldens show a placeholder."""
    return re.sub(r"HEAD \([0-9a-f]{7,40}\)", "HEAD (<commit>)", text)


def test_new_user_review_loop(tmp_path: Path) -> None:
    me = User(tmp_path / "newsroom")
    me.folder.mkdir()
    me.brief("init", when="2026-11-02T08:00:00+00:00")
    assert me.brief("check").stderr.strip() == "1 file(s) checked: 0 error(s), 0 warning(s)"
    me.run("git", "init", "-q", "-b", "main")
    me.commit("Start the briefing site", "ada", "2026-11-02T09:00:00+00:00")
    me.brief(
        "new", "Baltic states expand air defence", "-s", "Geopolitics / Europe", "-t", "NATO allies", "-t", "Air defence",
        when="2026-11-02T10:00:00+00:00",
    )  # fmt: skip
    me.commit("Draft: Baltic air defence", "grace", "2026-11-03T09:00:00+00:00")

    # Edit two briefs.
    me.edit(EXAMPLE, "review changes in pull requests, and", "review every change in a pull request, and")
    me.edit(EXAMPLE, "tags: [Getting started]", "tags: [Getting started, Newsroom]")
    me.edit(BALTIC, "  TODO: one paragraph that tells the reader what happened and why it matters.",
            "  Estonia, Latvia and Lithuania agree a joint purchase of medium-range air defence systems.")  # fmt: skip
    me.edit(BALTIC, "status: draft", "status: review")
    me.edit(BALTIC, "authors: []", "authors: [Grace Hopper]")
    me.edit(BALTIC, "tags: [NATO allies, Air defence]", "tags: [Baltic security, Air defence]")
    me.edit(
        BALTIC,
        "  TODO: write the story here, in Markdown.",
        "  The three states signed the agreement in Riga.\n\n  Deliveries start in 2027.",
    )

    diff = me.brief("diff", "HEAD")
    golden("loop-diff.txt", scaffold_commit(diff.stdout))
    golden("loop-diff.md", scaffold_commit(me.brief("diff", "HEAD", "--format", "markdown").stdout))
    golden("loop-status.txt", me.brief("status").stdout)

    # Commit, build, and read the dates and the history on the built page.
    me.commit("Edit two briefs", "linus", "2026-11-05T16:00:00+00:00")
    build = me.brief("build")
    assert "built site with 1 brief(s)" in build.stderr
    site = me.folder / "build" / "site"
    page = lxml.html.parse(str(site / "briefs" / "how-this-site-works" / "index.html")).getroot()
    assert page.cssselect("h1")[0].text_content().strip() == "How this briefing site works"
    (updated,) = page.cssselect(".bk-updated time")
    assert updated.get("datetime") == "2026-11-05T16:00:00+00:00"
    # Dates only by default: author names and commit subjects are opt-in (review.history_details).
    history = [(li.cssselect("time")[0].get("datetime"), li.text_content().strip()) for li in page.cssselect(".bk-history li")]
    assert history == [
        ("2026-11-05T16:00:00+00:00", "5 November 2026, 16:00 UTC"),
        ("2026-11-02T09:00:00+00:00", "2 November 2026, 09:00 UTC"),
    ]
    # The brief in review stays off the public site; the published one has its PDF.
    assert not (site / "briefs" / "baltic-states-expand-air-defence").exists()
    assert (site / "pdf" / "how-this-site-works.pdf").read_bytes().startswith(b"%PDF-")
    assert me.brief("diff", "HEAD").stdout.splitlines()[2] == "no brief changed"
