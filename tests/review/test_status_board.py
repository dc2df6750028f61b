"""`brief status`: the newsroom board, grouped and aged, from git history or YAML dates."""

from __future__ import annotations

import json

from click.testing import CliRunner

from briefkit.cli.main import main
from briefkit.review.status import age
from tests.conftest import FileTree
from tests.review.conftest import BALTIC, LABELLED_SITE, GitSite, Newsroom, brief

AS_OF = "2026-11-20T12:00:00+00:00"


def board(*args: str) -> str:
    result = CliRunner().invoke(main, ["status", "--as-of", AS_OF, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def add_the_other_columns(site: GitSite) -> None:
    """Approved, expired and restricted briefs, so that every column has a row."""
    site.write("briefs/economy/rates.yaml", brief("Rates on hold", status="approved", section="Economy", tags="[Energy]"))
    site.write(
        "briefs/economy/old-outlook.yaml",
        brief("Old outlook", section="Economy", tags="[Energy]", date="2026-10-01", extra="expires: 2026-11-15"),
    )
    site.write(
        "briefs/cyber/amber-report.yaml",
        brief("Intrusion set targets ports", section="Cyber", tags="[Ransomware]", extra="handling: TLP:AMBER"),
    )
    site.commit("Add the other columns", "grace", "2026-11-19T12:00:00+00:00")


def test_board_from_git(newsroom: Newsroom) -> None:
    add_the_other_columns(newsroom.site)
    newsroom.site.edit(BALTIC, "Financing is not yet settled.", "Financing comes from the EU.")
    assert board() == BOARD


BOARD = """\
Status board as of 20 Nov 2026, 12:00 UTC: 8 briefs

  slug                 title                                    authors                     dates                                      last change

DRAFT (0)

IN REVIEW (1)
  phishing-kit         Phishing kit targets ministries          Linus Pauling               2 Nov 2026                                 7 days ago

APPROVED (1)
  rates                Rates on hold                            Ada Lovelace                2 Nov 2026                                 1 day ago

SCHEDULED (1)
  lng-terminal         New LNG terminal opens                   Ada Lovelace                2 Nov 2026; embargo 1 Dec 2026, 09:00 UTC  7 days ago

PUBLISHED (3)
  gas-storage          Gas storage is full before winter        Ada Lovelace                2 Nov 2026                                 7 days ago
  hospital-ransomware  Ransomware hits hospitals                Ada Lovelace                2 Nov 2026                                 7 days ago
  baltic-air-defence   Baltic states expand air defence         Ada Lovelace, Grace Hopper  2 Nov 2026                                 10 days ago, uncommitted edits

EXPIRED (1)
  old-outlook          Old outlook                              Ada Lovelace                1 Oct 2026; expires 15 Nov 2026            1 day ago

RESTRICTED (1)
  amber-report         [TLP:AMBER] Intrusion set targets ports  Ada Lovelace                2 Nov 2026                                 1 day ago
"""


def test_board_as_json(newsroom: Newsroom) -> None:
    data = json.loads(board("--format", "json"))
    assert data["as_of"] == AS_OF
    groups = {g["group"]: [b["slug"] for b in g["briefs"]] for g in data["groups"]}
    assert groups == {
        "draft": [],
        "review": ["phishing-kit"],
        "approved": [],
        "scheduled": ["lng-terminal"],
        "published": ["gas-storage", "hospital-ransomware", "baltic-air-defence"],
        "expired": [],
        "restricted": [],
    }
    gas = next(b for g in data["groups"] for b in g["briefs"] if b["slug"] == "gas-storage")
    assert gas == {
        "slug": "gas-storage",
        "title": "Gas storage is full before winter",
        "path": "briefs/energy/gas-storage.yaml",
        "status": "published",
        "handling": "TLP:CLEAR",
        "authors": ["Ada Lovelace"],
        "date": "2026-11-02",
        "updated": None,
        "publish_at": None,
        "expires": None,
        "last_change": "2026-11-12T16:45:00+00:00",
        "last_change_from": "git",
        "age_seconds": 7 * 86400 + 19 * 3600 + 15 * 60,
        "uncommitted": False,
    }
    assert data["invalid_files"] == 0


def test_board_without_git_uses_yaml_dates(build_file_tree: FileTree) -> None:
    build_file_tree(
        {
            "mkdocs.yml": LABELLED_SITE,
            "briefs/a.yaml": brief("A draft", status="draft", date="2026-11-18"),
            "briefs/b.yaml": brief("B", date="2026-11-01", extra="updated: 2026-11-19T09:30:00+00:00"),
            "briefs/c.yaml": "title: [broken\n",
        }
    )
    result = CliRunner().invoke(main, ["status", "--as-of", AS_OF])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2:] == [
        "  slug  title    authors       dates                                       last change",
        "",
        "DRAFT (1)",
        "  a     A draft  Ada Lovelace  18 Nov 2026                                 2 days ago (YAML date)",
        "",
        "IN REVIEW (0)",
        "",
        "APPROVED (0)",
        "",
        "SCHEDULED (0)",
        "",
        "PUBLISHED (1)",
        "  b     B        Ada Lovelace  1 Nov 2026; updated 19 Nov 2026, 09:30 UTC  1 day ago (YAML date)",
        "",
        "EXPIRED (0)",
        "",
        "RESTRICTED (0)",
        "",
        "1 file(s) have errors and are not on the board: run 'brief check'",
    ]
    assert "not a git repository" in result.stderr
    assert "warning: 1 file(s) have errors and are not on the board: run 'brief check'" in result.stderr


def test_ages_read_naturally() -> None:
    from datetime import datetime, timedelta

    now = datetime.fromisoformat(AS_OF)
    cases = [
        (timedelta(seconds=30), "just now"),
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(hours=5), "5 hours ago"),
        (timedelta(days=1), "1 day ago"),
        (timedelta(days=13), "13 days ago"),
        (timedelta(days=20), "2 weeks ago"),
        (timedelta(days=90), "3 months ago"),
        (timedelta(days=800), "2 years ago"),
        (timedelta(days=-2), "in 2 days"),
    ]
    assert [age(now - delta, now) for delta, _ in cases] == [text for _, text in cases]
