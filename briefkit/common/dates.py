"""Dates as readers see them: one style per context, all in the site's time zone.

- :func:`long_date`: pages and PDFs, "27 November 2026", with ", 09:30 CET" when the moment has a time;
- :func:`day_long`: the day alone, "27 November 2026";
- :func:`short_date`: listings, "27 Nov 2026";
- :func:`stamp`: terminal reports (``brief status``, ``brief diff``), "27 Nov 2026, 09:30 CET".

Machine-readable output (JSON, feeds, ``<time datetime>``) keeps ISO 8601.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, tzinfo

from briefkit.model import Brief, Moment, instant


def local_date(moment: Moment, tz: tzinfo) -> date:
    """The calendar day a moment falls on in ``tz``; a bare date is its own day."""
    return moment.astimezone(tz).date() if isinstance(moment, datetime) else moment


def newest_first(briefs: Iterable[Brief], tz: tzinfo) -> list[Brief]:
    """Listings' and books' order: newest publication first, then by slug, so ties are stable."""
    return sorted(briefs, key=lambda b: (-instant(b.date, tz).timestamp(), b.slug))


def day_long(moment: Moment, tz: tzinfo) -> str:
    day = local_date(moment, tz)
    return f"{day.day} {day:%B %Y}"


def _with_time(moment: datetime, tz: tzinfo, month: str) -> str:
    local = moment.astimezone(tz)
    return f"{local.day} {local.strftime(month)} {local:%Y, %H:%M} {local.tzname() or ''}".strip()


def long_date(moment: Moment, tz: tzinfo) -> str:
    return _with_time(moment, tz, "%B") if isinstance(moment, datetime) else day_long(moment, tz)


def short_date(moment: Moment, tz: tzinfo) -> str:
    day = local_date(moment, tz)
    return f"{day.day} {day:%b %Y}"


def stamp(moment: Moment, tz: tzinfo) -> str:
    """Short, with the time when there is one: for terminal tables."""
    return _with_time(moment, tz, "%b") if isinstance(moment, datetime) else short_date(moment, tz)
