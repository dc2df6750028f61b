"""One date style per context, from briefkit.common.dates; brief status shows no raw timestamps and sorts by date."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from briefkit.common import dates
from tests.conftest import brief_yaml
from tests.review.conftest import GitSite
from tests.trust.public.publictools import AS_OF, brief, mkdocs

MOMENT = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "day", "long", "stamp"),
    [
        ("UTC", date(2026, 11, 26), "26 November 2026, 23:30 UTC", "26 Nov 2026, 23:30 UTC"),
        ("Europe/Paris", date(2026, 11, 27), "27 November 2026, 00:30 CET", "27 Nov 2026, 00:30 CET"),
        ("America/New_York", date(2026, 11, 26), "26 November 2026, 18:30 EST", "26 Nov 2026, 18:30 EST"),
        ("Asia/Kolkata", date(2026, 11, 27), "27 November 2026, 05:00 IST", "27 Nov 2026, 05:00 IST"),
        ("Pacific/Chatham", date(2026, 11, 27), "27 November 2026, 13:15 +1345", "27 Nov 2026, 13:15 +1345"),
    ],
)
def test_one_moment_in_every_style_and_zone(zone: str, day: date, long: str, stamp: str) -> None:
    tz = ZoneInfo(zone)
    assert dates.local_date(MOMENT, tz) == day
    assert dates.long_date(MOMENT, tz) == long
    assert dates.stamp(MOMENT, tz) == stamp
    assert dates.day_long(MOMENT, tz) == f"{day.day} {day:%B %Y}"
    assert dates.short_date(MOMENT, tz) == f"{day.day} {day:%b %Y}"


@pytest.mark.parametrize("tz", [UTC, ZoneInfo("Europe/Paris"), timezone(timedelta(hours=-12)), timezone(timedelta(hours=14))])
def test_a_bare_date_is_its_own_day_in_every_zone(tz: timezone | ZoneInfo) -> None:
    d = date(2026, 2, 1)
    assert dates.local_date(d, tz) == d
    assert dates.long_date(d, tz) == dates.day_long(d, tz) == "1 February 2026"
    assert dates.stamp(d, tz) == dates.short_date(d, tz) == "1 Feb 2026"


def test_the_three_local_date_helpers_are_one() -> None:
    from briefkit.pdf import documents
    from briefkit.web import pages

    assert pages.local_date is dates.local_date
    assert documents.local_date is dates.local_date  # print has no date helper of its own
    tz = ZoneInfo("Asia/Kolkata")
    assert documents.format_moment(MOMENT, tz) == dates.long_date(MOMENT, tz)


ISO_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def test_status_prints_no_raw_timestamps_and_sorts_each_group_by_date(repo: GitSite) -> None:
    repo.write("mkdocs.yml", mkdocs().replace("timezone: UTC", "timezone: Europe/Paris"))
    # Committed in an order unrelated to their dates, so that last change and date disagree.
    published = {"mid": "2026-11-10", "old": "2026-10-01", "new": "2026-11-18T08:15:00+00:00"}
    scheduled = {"later": "2027-01-05T09:00:00+00:00", "sooner": "2026-12-22T17:00:00+00:00"}  # after AS_OF
    drafts = {"draft-new": "2026-11-19", "draft-old": "2026-11-01"}
    when = iter(f"2026-11-{d:02d}T10:00:00+00:00" for d in range(19, 12, -1))
    for slug, day in published.items():
        repo.write(f"briefs/{slug}.yaml", brief_yaml(title=slug, date=day))
        repo.commit(f"Add {slug}", "ada", next(when))
    for slug, embargo in scheduled.items():
        repo.write(f"briefs/{slug}.yaml", brief_yaml(title=slug, date="2026-11-15", publish_at=embargo))
        repo.commit(f"Add {slug}", "ada", next(when))
    for slug, day in drafts.items():
        repo.write(f"briefs/{slug}.yaml", brief_yaml(title=slug, date=day, status="draft"))
        repo.commit(f"Add {slug}", "ada", next(when))
    result = brief(repo.root, "status", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert not ISO_TIMESTAMP.search(result.stdout)
    assert result.stdout.splitlines()[0] == "Status board as of 20 Dec 2026, 01:00 CET: 7 briefs"
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.startswith("  ") and not line.startswith("  slug")}
    assert "18 Nov 2026, 09:15 CET" in rows["new"]
    assert "embargo 22 Dec 2026, 18:00 CET" in rows["sooner"]
    order = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ") and not line.startswith("  slug")]
    assert order == ["draft-new", "draft-old", "sooner", "later", "new", "mid", "old"]
    data = json.loads(brief(repo.root, "status", "--as-of", AS_OF, "--format", "json").stdout)
    assert next(b for g in data["groups"] for b in g["briefs"] if b["slug"] == "new")["date"] == "2026-11-18T08:15:00+00:00"
