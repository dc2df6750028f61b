"""Temporary git repositories with scripted, deterministic commits.

Every commit sets its author, committer and dates explicitly, and git reads
no global or system config, so commit ids are the same on every run.
"""

from __future__ import annotations

import os
import subprocess
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import site_config, write_file_tree

PEOPLE = {
    "ada": ("Ada Lovelace", "ada@example.org"),
    "grace": ("Grace Hopper", "grace@example.org"),
    "linus": ("Linus Pauling", "linus@example.org"),
}

MKDOCS = site_config("Review Test", site_url=None, theme=None, pdf=None, options="review:\n  history: {history}")

LABELLED_SITE = site_config("S", site_url=None, theme=None, search=False, timezone=None, pdf=None)
"""A minimal mkdocs.yml whose unlabelled briefs are TLP:CLEAR (without it they are never public)."""


class GitSite:
    """A briefing site in its own git repository; the working directory is its root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {
            **os.environ,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_COMMITTER_NAME": "CI",
            "GIT_COMMITTER_EMAIL": "ci@example.org",
        }
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        proc = subprocess.run(["git", *args], cwd=self.root, env={**self.env, **(env or {})}, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
        return proc.stdout

    def write(self, rel: str, text: str) -> Path:
        write_file_tree(self.root, {rel: text}, dedent=True)
        return self.root / rel

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def move(self, old: str, new: str) -> None:
        (self.root / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", old, new)

    def remove(self, rel: str) -> None:
        self.git("rm", "-q", rel)

    def commit(self, message: str, who: str, when: str) -> str:
        name, email = PEOPLE[who]
        self.git("add", "-A")
        self.git(
            "commit",
            "-q",
            "-m",
            message,
            env={"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when},
        )
        return self.git("rev-parse", "HEAD").strip()


@pytest.fixture
def git_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[GitSite]:
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.chdir(root)
    # briefkit's own git calls must not see the developer's config either.
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    yield GitSite(root)


def brief(
    title: str,
    *,
    status: str = "published",
    tags: str = "[NATO allies]",
    section: str = "Geopolitics / Europe",
    date: str = "2026-11-02",
    summary: str = "A summary.",
    body: str = "The body.",
    extra: str = "",
    authors: str = "[Ada Lovelace]",
) -> str:
    """A brief's YAML; ``extra`` adds lines (``publish_at: ...``) before the body."""
    indented = "\n".join("  " + line if line else "" for line in textwrap.dedent(body).strip("\n").splitlines())
    return (
        f"title: {title}\n"
        f"summary: {summary}\n"
        f"section: {section}\n"
        f"date: {date}\n"
        f"tags: {tags}\n"
        f"status: {status}\n"
        f"authors: {authors}\n"
        f"{textwrap.dedent(extra).strip() + chr(10) if extra.strip() else ''}"
        f"body: |\n{indented}\n"
    )


TAGS = """\
NATO allies:
  description: The alliance.
Baltic security:
  description: The Baltic states.
Air defence:
  description: Missiles and radars.
Energy:
  description: Gas and power.
Ransomware:
  description: Extortion by encryption.
"""

BALTIC = "briefs/europe/baltic-air-defence.yaml"
GAS = "briefs/energy/gas-storage.yaml"
LNG = "briefs/energy/lng-terminal.yaml"
RETIRED = "briefs/europe/retired.yaml"
PHISHING = "briefs/cyber/phishing-kit.yaml"


class Newsroom:
    """Five commits by three people: the story behind the review tests.

    1. ada    2026-11-02  five briefs; Baltic air defence is a draft, the LNG brief is embargoed
    2. grace  2026-11-05  gas storage figures updated
    3. ada    2026-11-08  the ransomware brief renamed, content unchanged     <- tag "base"
    4. grace  2026-11-10  Baltic air defence published: retagged, reworded, a second author
    5. linus  2026-11-12  LNG embargo moved, gas title changed, summit preview removed,
                          ransomware renamed again with edits, a phishing brief added for review
    """

    def __init__(self, site: GitSite, history: int = 2) -> None:
        self.site = site
        s = site
        s.write("mkdocs.yml", MKDOCS.format(history=history))
        s.write("briefs/_tags.yml", TAGS)
        s.write(
            BALTIC,
            brief(
                "Baltic states expand air defence",
                status="draft",
                tags="[NATO allies, Air defence]",
                summary="Estonia, Latvia and Lithuania agree a joint purchase.",
                extra="""
                bluf: The Baltic states will buy air defence together.
                key_points:
                  - The deal covers medium-range systems.
                  - Deliveries are expected in 2028.
                """,
                body="""
                The three states signed the agreement in Riga on Tuesday.

                Financing is not yet settled.
                """,
            ),
        )
        s.write(
            GAS,
            brief(
                "Gas storage is 95% full",
                section="Energy",
                tags="[Energy]",
                summary="Storage sites are nearly full.",
                body="""
                Europe enters the winter with full storage.

                Sites were 94% full on 1 November.
                """,
            ),
        )
        s.write(
            LNG,
            brief(
                "New LNG terminal opens",
                section="Energy",
                tags="[Energy]",
                summary="A floating terminal starts work.",
                extra="publish_at: 2026-11-28T09:00:00+00:00",
            ),
        )
        s.write(
            "briefs/cyber/ransomware.yaml",
            brief(
                "Ransomware hits hospitals",
                section="Cyber",
                tags="[Ransomware]",
                summary="Three hospitals were hit.",
                body="""
                Three hospitals in two countries cancelled operations after the attack.

                Patients were moved to other sites.
                """,
            ),
        )
        s.write(RETIRED, brief("Summit preview", tags="[NATO allies]", summary="What to expect at the summit."))
        self.c1 = s.commit("Add the first briefs", "ada", "2026-11-02T09:00:00+00:00")

        s.edit(GAS, "Sites were 94% full", "Sites were 95% full")
        self.c2 = s.commit("Update gas storage figures", "grace", "2026-11-05T14:30:00+01:00")

        s.move("briefs/cyber/ransomware.yaml", "briefs/cyber/ransomware-wave.yaml")
        self.c3 = s.commit("Rename the ransomware brief", "ada", "2026-11-08T08:00:00+00:00")
        s.git("tag", "base")

        s.edit(BALTIC, "status: draft", "status: published")
        s.edit(BALTIC, "tags: [NATO allies, Air defence]", "tags: [Baltic security, Air defence]")
        s.edit(BALTIC, "authors: [Ada Lovelace]", "authors: [Ada Lovelace, Grace Hopper]")
        s.edit(BALTIC, "Lithuania agree a joint", "Lithuania signed a joint")
        s.edit(BALTIC, "expected in 2028.", "expected in 2027.")
        s.edit(BALTIC, "signed the agreement in Riga on Tuesday.", "signed the agreement in Riga on Tuesday, after a year of talks.")
        self.c4 = s.commit("Publish Baltic air defence", "grace", "2026-11-10T10:00:00+00:00")

        s.edit(LNG, "publish_at: 2026-11-28T09:00:00+00:00", "publish_at: 2026-12-01T09:00:00+00:00")
        s.edit(GAS, "title: Gas storage is 95% full", "title: Gas storage is full before winter")
        s.remove(RETIRED)
        s.move("briefs/cyber/ransomware-wave.yaml", "briefs/cyber/hospital-ransomware.yaml")
        s.edit("briefs/cyber/hospital-ransomware.yaml", "Patients were moved to other sites.", "Patients were moved to other hospitals.")
        s.write(
            PHISHING,
            brief(
                "Phishing kit targets ministries",
                status="review",
                section="Cyber",
                tags="[Ransomware]",
                summary="A kit sold online copies ministry log-in pages.",
                authors="[Linus Pauling]",
            ),
        )
        self.c5 = s.commit("Move the LNG embargo; retire the summit preview", "linus", "2026-11-12T16:45:00+00:00")


@pytest.fixture
def newsroom(git_site: GitSite) -> Newsroom:
    return Newsroom(git_site)
