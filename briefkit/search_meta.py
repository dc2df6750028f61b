"""Section and date in Material's search results.

Material's search shows each hit's title and the indexed text of the page,
so a brief's result read like a docs page: no section, no date.  The
kicker and byline are kept out of the index on purpose (their words would
run into the summary), so after MkDocs has written ``search/search_index.json``
each brief page's own entry gets one short line in front of its text:
"Gas markets · 24 November 2026".  Material renders an entry's text as HTML,
so the line is escaped; the pages themselves are unchanged.  Only the briefs
the build shows are touched, and the file keeps MkDocs' compact JSON layout.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from datetime import tzinfo
from pathlib import Path

from briefkit import dates
from briefkit.model import Brief
from briefkit.render import urls

INDEX = Path("search") / "search_index.json"


def result_lines(briefs: Iterable[Brief], tz: tzinfo) -> dict[str, str]:
    """Each brief page's location in the index, with its result line."""
    return {urls.brief(b.slug): f"{b.section.title} · {dates.day_long(b.date, tz)}" for b in briefs}


def add_result_lines(site_dir: Path, lines: dict[str, str]) -> int:
    """Put each page's line before its indexed text; returns how many entries changed (0 without Material's index)."""
    path = site_dir / INDEX
    if not path.is_file():  # Pagefind, or search turned off
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))
    changed = 0
    for doc in data.get("docs", []):
        line = lines.get(doc.get("location", ""))
        if line is not None:
            doc["text"] = f"<p>{html.escape(line)}</p>" + str(doc.get("text", ""))
            changed += 1
    # The layout MkDocs' search plugin writes, so the file stays as compact and as reproducible.
    path.write_bytes(json.dumps(data, separators=(",", ":"), default=str).encode("utf-8"))
    return changed
