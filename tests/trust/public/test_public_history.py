"""Public pages carry a brief's public life only: dates by default, names and subjects only when opted in.

Each case is a real git repository in which one brief spends its first two
commits not public (a draft, AMBER, embargoed, ...), is moved to another
folder while still private, and then goes public and gets a correction.  The
private commits have secret subjects and are made by a person who never
touches the brief while it is public; no output file may carry either.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import brief_yaml
from tests.review.conftest import PEOPLE, GitSite
from tests.trust.public.publictools import build, leaks, mkdocs, page

SECRET_SUBJECTS = ["AMBER: Nightfall targets from partner Bravo", "Rename while private xq7secret"]
PRIVATE_AUTHOR = PEOPLE["linus"][0]  # Linus Pauling: commits only while the brief is private
PUBLIC_AUTHORS = [PEOPLE["ada"][0], PEOPLE["grace"][0]]
PUBLISH = ("Publish the Nightfall brief", "ada", "2026-12-02T10:00:00+00:00")
CORRECT = ("Correct a figure", "grace", "2026-12-05T11:30:00+00:00")

# The private period: (fields while private, fields once public).
PRIVATE = {
    "draft": ({"status": "draft"}, {}),
    "review": ({"status": "review"}, {}),
    "approved": ({"status": "approved"}, {}),
    "amber": ({"handling": "TLP:AMBER"}, {"handling": "TLP:CLEAR"}),
    "amber-strict": ({"handling": "TLP:AMBER+STRICT"}, {"handling": "TLP:CLEAR"}),
    "red": ({"handling": "TLP:RED"}, {"handling": "TLP:CLEAR"}),
    "green": ({"handling": "TLP:GREEN"}, {"handling": "TLP:CLEAR"}),
    # Published with an embargo that had not passed when the private commits were made.
    "embargoed": ({"publish_at": "2026-12-01T09:00:00+00:00"}, {"publish_at": "2026-12-01T09:00:00+00:00"}),
    # Published, but expired at the time of the private commits; the expiry is extended later.
    "expired": ({"expires": "2026-10-01"}, {"expires": "2027-06-30"}),
}


def nightfall(body: str, **fields: object) -> str:
    return brief_yaml(
        title="Nightfall exercise ends",
        summary="The exercise ended on schedule.",
        section="Geopolitics / Europe",
        date="2026-10-20",
        authors=["Desk Writer"],
        body=body,
        **fields,
    )


def history_site(site: GitSite, private: dict[str, object], public: dict[str, object], options: str = "") -> None:
    site.write("mkdocs.yml", mkdocs(options))
    site.write("briefs/drafts/nightfall.yaml", nightfall("First outline.\n", **private))
    site.commit(SECRET_SUBJECTS[0], "linus", "2026-10-20T08:00:00+00:00")
    site.move("briefs/drafts/nightfall.yaml", "briefs/europe/nightfall.yaml")
    site.write("briefs/europe/nightfall.yaml", nightfall("Second outline.\n", **private))
    site.commit(SECRET_SUBJECTS[1], "linus", "2026-10-25T08:00:00+00:00")
    site.write("briefs/europe/nightfall.yaml", nightfall("The exercise ended.\n", **public))
    site.commit(PUBLISH[0], PUBLISH[1], PUBLISH[2])
    site.write("briefs/europe/nightfall.yaml", nightfall("The exercise ended with 40 ships.\n", **public))
    site.commit(CORRECT[0], CORRECT[1], CORRECT[2])


def revision_dates(site: Path) -> list[str]:
    return [li.cssselect("time")[0].get("datetime") for li in page(site, "nightfall").cssselect(".bk-history li")]


@pytest.mark.parametrize("period", sorted(PRIVATE))
def test_default_public_page_shows_public_life_dates_only(repo: GitSite, period: str) -> None:
    history_site(repo, *PRIVATE[period])
    site = build(repo.root)
    assert revision_dates(site) == [CORRECT[2], PUBLISH[2]]
    for li in page(site, "nightfall").cssselect(".bk-history li"):
        assert li.text_content().strip() == li.cssselect("time")[0].text_content().strip()
    (updated,) = page(site, "nightfall").cssselect(".bk-updated time")
    assert updated.get("datetime") == CORRECT[2]
    found = leaks(site, [*SECRET_SUBJECTS, PRIVATE_AUTHOR, *PUBLIC_AUTHORS, PUBLISH[0], CORRECT[0], "xq7secret"])
    assert found == []


@pytest.mark.parametrize("period", ["draft", "amber", "embargoed"])
def test_opted_in_details_come_only_from_public_commits(repo: GitSite, period: str) -> None:
    history_site(repo, *PRIVATE[period], options="review:\n  history_details: true")
    site = build(repo.root)
    items = page(site, "nightfall").cssselect(".bk-history li")
    shown = [(li.cssselect(".bk-history__author")[0].text, li.cssselect(".bk-history__subject")[0].text) for li in items]
    assert shown == [(PEOPLE["grace"][0], CORRECT[0]), (PEOPLE["ada"][0], PUBLISH[0])]
    assert leaks(site, [*SECRET_SUBJECTS, PRIVATE_AUTHOR, "xq7secret"]) == []


def test_never_public_in_any_commit_means_no_history_and_no_updated(repo: GitSite) -> None:
    # Public only in the working tree: git has no public commit of it, so the page has no history and no "Updated".
    history_site(repo, {"status": "draft"}, {"status": "draft"}, options="review:\n  history_details: true")
    repo.write("briefs/europe/nightfall.yaml", nightfall("Ready.\n"))
    site = build(repo.root)
    assert not page(site, "nightfall").cssselect(".bk-history")
    assert not page(site, "nightfall").cssselect(".bk-updated")
    assert leaks(site, [*SECRET_SUBJECTS, PRIVATE_AUTHOR, *PUBLIC_AUTHORS, PUBLISH[0], CORRECT[0]]) == []


def test_a_commit_that_does_not_validate_counts_as_private(repo: GitSite) -> None:
    history_site(repo, *PRIVATE["draft"], options="review:\n  history_details: true")
    repo.write("briefs/europe/nightfall.yaml", "title: [broken\nstatus: published\n")
    repo.commit("WIP broken xq7broken", "linus", "2026-12-06T09:00:00+00:00")
    repo.write("briefs/europe/nightfall.yaml", nightfall("The exercise ended with 40 ships.\n"))
    repo.commit("Restore", "ada", "2026-12-07T09:00:00+00:00")
    site = build(repo.root)
    assert revision_dates(site) == ["2026-12-07T09:00:00+00:00", CORRECT[2], PUBLISH[2]]
    assert leaks(site, ["xq7broken", PRIVATE_AUTHOR]) == []


def test_preview_shows_every_commit_but_still_dates_only(repo: GitSite) -> None:
    history_site(repo, *PRIVATE["amber"])
    site = build(repo.root, "--preview")
    assert revision_dates(site) == [CORRECT[2], PUBLISH[2], "2026-10-25T08:00:00+00:00", "2026-10-20T08:00:00+00:00"]
    assert leaks(site, [*SECRET_SUBJECTS, PRIVATE_AUTHOR, *PUBLIC_AUTHORS]) == []
