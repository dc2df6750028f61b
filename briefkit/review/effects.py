"""What a change does to the public site: a brief becomes public or leaves it, moves, appears on tag pages."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo

from briefkit.model import Brief, Status, Tag, unify_tags, visibility

EFFECT_KEYS = ("becomes public", "leaves the public site", "changes a public page", "scheduled")
"""The kinds of effect a summary counts, by how each effect's text starts."""


def site_effects(old: Brief | None, new: Brief | None, was: bool, now_public: bool, now: datetime, tz: tzinfo) -> list[str]:
    out = []
    if now_public and not was:
        out.append("becomes public")
    elif was and not now_public:
        reason = visibility(new, now, tz).reason if new else "removed"
        out.append(f"leaves the public site ({reason})")
    elif was and now_public and old and new:
        if old.slug != new.slug:
            out.append(f"changes a public page, which moves from '{old.slug}' to '{new.slug}'")
        elif old.digest != new.digest:
            out.append("changes a public page")
    elif new is not None:
        reason = visibility(new, now, tz).reason
        if new.status is Status.PUBLISHED and reason.startswith("embargoed until"):
            out.append(f"scheduled: {reason}")
        else:
            out.append(f"stays off the public site ({reason})")
    if was and now_public and old and new and old.section != new.section:
        out.append(f"moves from section {old.section} to {new.section}")
    old_tags = [t.name for t in old.tags] if was and old else []
    new_tags = [t.name for t in new.tags] if now_public and new else []
    appears = [t for t in new_tags if t not in old_tags]
    drops = [t for t in old_tags if t not in new_tags]
    if appears:
        out.append(f"appears on tag page{'s' if len(appears) > 1 else ''} {', '.join(appears)}")
    if drops:
        out.append(f"drops off tag page{'s' if len(drops) > 1 else ''} {', '.join(drops)}")
    return out


def public_tags(briefs: Iterable[Brief], now: datetime, tz: tzinfo, vocabulary: dict[str, Tag]) -> dict[str, str]:
    """Tag names as the public site spells them: voted on by public briefs only (model.unify_tags)."""
    _, tags = unify_tags((b for b in briefs if visibility(b, now, tz).public), vocabulary)
    return {slug: t.name for slug, t in tags.items()}
