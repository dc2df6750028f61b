"""Checks across the whole corpus, after every file was checked on its own: duplicate slugs, tag spellings."""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath

from briefkit.common.slugs import slugify
from briefkit.errors import Problem, error, warning
from briefkit.model import Tag
from briefkit.source.mapping import Checked


def duplicate_slugs(files: list[str]) -> list[Problem]:
    by_slug: dict[str, list[str]] = defaultdict(list)
    for path in files:
        by_slug[PurePosixPath(path).stem].append(path)
    out = []
    for slug, shown in by_slug.items():
        if len(shown) < 2:
            continue
        for here in shown:
            others = ", ".join(s for s in shown if s != here)
            out.append(
                error(
                    here,
                    1,
                    1,
                    "duplicate-slug",
                    f"slug '{slug}' is also used by {others}",
                    "slugs are file names and must be unique across all folders; rename one",
                )
            )
    return out


def spelling(loaded: list[Checked], tags: dict[str, Tag]) -> list[Problem]:
    out = []
    for checked in loaded:
        assert checked.brief is not None
        for raw, line, col in checked.tag_uses:
            canonical = tags.get(slugify(raw))  # aliases have other slugs: not a spelling
            if canonical and raw != canonical.name:
                out.append(
                    warning(
                        checked.brief.path,
                        line,
                        col,
                        "tag-spelling",
                        f"tag '{raw}' is spelled '{canonical.name}' elsewhere",
                        f"write '{canonical.name}'",
                    )
                )
    return out
