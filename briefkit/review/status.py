"""``brief status``: the newsroom board.

Briefs are grouped the way an editor scans them: the workflow columns
(draft, in review, approved), then what a published brief is doing right now
(scheduled behind an embargo, live, expired), and restricted briefs
(published under a TLP label other than CLEAR, so never on the public site).
The age of each brief's last change comes from git when it can (one
``git log`` for everything), else from the dates in its YAML.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from briefkit.common import dates
from briefkit.common.report import Reporter
from briefkit.common.terminal import safe
from briefkit.config import Config
from briefkit.editions.model import editions as editions_of
from briefkit.editions.select import editions_summary
from briefkit.model import Brief, History, Moment, Status, Tlp, instant, visibility
from briefkit.review import gitio, history

GROUPS = (
    ("draft", "Draft"),
    ("review", "In review"),
    ("approved", "Approved"),
    ("scheduled", "Scheduled"),
    ("published", "Published"),
    ("expired", "Expired"),
    ("restricted", "Restricted"),
)


@dataclass(frozen=True)
class Row:
    brief: Brief
    group: str
    last_change: datetime
    source: str
    """``git`` or ``yaml``: where ``last_change`` came from."""
    uncommitted: bool
    """The file has changes (or is new) that git does not have yet."""
    editions: str = ""
    """Where the brief appears, when mkdocs.yml names editions (briefkit.editions): 'public (as its TLP:CLEAR tearline), internal'."""


def group_of(brief: Brief, now: datetime, config: Config) -> str:
    if brief.status is not Status.PUBLISHED:
        return str(brief.status.value)
    if brief.handling is not Tlp.CLEAR or not brief.labelled:
        return "restricted"
    reason = visibility(brief, now, config.tz).reason
    if reason.startswith("embargoed"):
        return "scheduled"
    if reason.startswith("expired"):
        return "expired"
    return "published"


def board(config: Config, briefs: Sequence[Brief], now: datetime, reporter: Reporter) -> dict[str, list[Row]]:
    """Rows by group (every group present, maybe empty), newest change first."""
    histories = history.collect(config, briefs, reporter)
    dirty = _uncommitted(config)
    groups: dict[str, list[Row]] = {name: [] for name, _ in GROUPS}
    named = editions_of(config) if config.options.editions else []
    for brief in briefs:
        known: History | None = histories.get(brief.slug)
        changed = known.last_changed if known else None
        yaml_date = instant(brief.last_modified, config.tz)
        row = Row(
            brief,
            group_of(brief, now, config),
            changed or yaml_date,
            "git" if changed else "yaml",
            brief.path in dirty,
            editions_summary(brief, named, now, config.tz) if named else "",
        )
        groups[row.group].append(row)
    for name, rows in groups.items():
        rows.sort(key=lambda r: _order(r, name, config.tz))
    return groups


def _order(row: Row, group: str, tz: tzinfo) -> tuple[float, float, str]:
    """By date within a group: scheduled briefs by embargo, soonest first; the rest by date, newest first."""
    b = row.brief
    if group == "scheduled" and b.publish_at is not None:
        return (b.publish_at.timestamp(), -row.last_change.timestamp(), b.slug)
    return (-instant(b.date, tz).timestamp(), -row.last_change.timestamp(), b.slug)


def _uncommitted(config: Config) -> set[str]:
    from briefkit.common.paths import display_path

    repo = gitio.find_repo(config.root)
    if repo is None:
        return set()
    try:
        folder = repo.rel(config.briefs_dir)
    except (ValueError, OSError):
        return set()
    return {display_path(repo.top / p) for p in gitio.changed_paths(repo, folder)}


def age(then: datetime, now: datetime) -> str:
    seconds = (now - then).total_seconds()
    ahead = seconds < 0
    seconds = abs(seconds)
    for limit, unit, size in (
        (60, "", 1),
        (3600, "minute", 60),
        (86400, "hour", 3600),
        (14 * 86400, "day", 86400),
        (60 * 86400, "week", 7 * 86400),
        (365 * 86400, "month", 30 * 86400),
        (float("inf"), "year", 365 * 86400),
    ):
        if seconds < limit:
            if not unit:
                return "just now"
            n = int(seconds // size)
            text = f"{n} {unit}{'s' if n != 1 else ''}"
            return f"in {text}" if ahead else f"{text} ago"
    raise AssertionError("unreachable")


def _dates(brief: Brief, tz: tzinfo) -> str:
    parts = [dates.stamp(brief.date, tz)]
    if brief.updated:
        parts.append(f"updated {dates.stamp(brief.updated, tz)}")
    if brief.publish_at:
        parts.append(f"embargo {dates.stamp(brief.publish_at, tz)}")
    if brief.expires:
        parts.append(f"expires {dates.stamp(brief.expires, tz)}")
    return "; ".join(parts)


def _day(value: Moment) -> str:
    return value.isoformat()


def _changed(row: Row, now: datetime) -> str:
    text = age(row.last_change, now)
    if row.source == "yaml":
        text += " (YAML date)"
    if row.uncommitted:
        text += ", uncommitted edits"
    return text


def text(groups: dict[str, list[Row]], now: datetime, *, tz: tzinfo = UTC, problems: int = 0) -> str:
    """The board as a table; every string from a brief made safe for a terminal (briefkit.common.terminal)."""
    total = sum(len(rows) for rows in groups.values())
    lines = [f"Status board as of {dates.stamp(now, tz)}: {total} brief{'s' if total != 1 else ''}"]
    with_editions = any(r.editions for rows in groups.values() for r in rows)
    table: list[tuple[str, ...]] = [("slug", "title", "authors", "dates", "last change", *(["editions"] if with_editions else []))]
    spans: list[tuple[str, int, int]] = []
    for name, label in GROUPS:
        rows = groups.get(name, [])
        start = len(table)
        for r in rows:
            b = r.brief
            title = b.title if len(b.title) <= 60 else b.title[:59] + "…"
            if not b.labelled:
                title = f"[no handling label] {title}"
            elif b.handling is not Tlp.CLEAR:
                title = f"[{b.handling.value}] {title}"
            authors = ", ".join(a.name for a in b.authors) or "—"
            table.append((b.slug, title, authors, _dates(b, tz), _changed(r, now), *([r.editions] if with_editions else [])))
        spans.append((label, start, len(table)))
    padded = len(table[0]) - 1
    widths = [max(len(row[i]) for row in table) for i in range(padded)]

    def fmt(row: tuple[str, ...]) -> str:
        return "  " + "  ".join(cell.ljust(widths[i]) if i < padded else cell for i, cell in enumerate(row))

    if total:
        lines += ["", fmt(table[0])]
    for label, start, end in spans:
        lines += ["", f"{label.upper()} ({end - start})"]
        lines += [fmt(row) for row in table[start:end]]
    if problems:
        lines += ["", f"{problems} file(s) have errors and are not on the board: run 'brief check'"]
    return safe("\n".join(line.rstrip() for line in lines) + "\n")


def as_json(groups: dict[str, list[Row]], now: datetime, *, problems: int = 0) -> str:
    def row(r: Row) -> dict[str, Any]:
        b = r.brief
        return {
            "slug": b.slug,
            "title": b.title,
            "path": b.path,
            "status": b.status.value,
            "handling": b.handling.value if b.labelled else None,
            "authors": [a.name for a in b.authors],
            "date": _day(b.date),
            "updated": _day(b.updated) if b.updated else None,
            "publish_at": b.publish_at.isoformat() if b.publish_at else None,
            "expires": _day(b.expires) if b.expires else None,
            "last_change": r.last_change.isoformat(),
            "last_change_from": r.source,
            "age_seconds": int((now - r.last_change).total_seconds()),
            "uncommitted": r.uncommitted,
            **({"editions": r.editions} if r.editions else {}),
        }

    data = {
        "as_of": now.replace(microsecond=0).isoformat(),
        "groups": [{"group": name, "label": label, "briefs": [row(r) for r in groups.get(name, [])]} for name, label in GROUPS],
        "invalid_files": problems,
    }
    return safe(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


__all__ = ["GROUPS", "Row", "age", "as_json", "board", "text"]
