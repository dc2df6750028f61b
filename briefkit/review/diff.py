"""``brief diff BASE [HEAD]``: what a change does to the briefs and to the public site.

Both sides are loaded with the same validation code as ``brief check``:
HEAD from the working tree (uncommitted and untracked files included) or a
revision, BASE always from a revision, read in two git processes
(:mod:`~briefkit.review.revision`).  Briefs are paired by path, then by
identical bytes (a rename), then by slug (a move to another folder), then by
similar text (a rename with edits) (:mod:`~briefkit.review.pairing`), and
compared field by field (:mod:`~briefkit.review.fields`) and word by word
(:mod:`~briefkit.review.worddiff`); :mod:`~briefkit.review.effects` says what
each change does to the public site.  The result is plain data;
``diff_format`` turns it into text, Markdown or JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import PurePosixPath

from briefkit.config import Config
from briefkit.editions.model import Edition
from briefkit.errors import Problem
from briefkit.model import Brief, visibility
from briefkit.review.effects import EFFECT_KEYS, public_tags, site_effects
from briefkit.review.fields import FieldChange, TextChange, field_changes, text_changes
from briefkit.review.pairing import pair
from briefkit.review.revision import Side, load_revision, load_sides
from briefkit.review.worddiff import WORD_BUDGET, Op, word_diff

__all__ = [  # what callers import from here, wherever it is defined
    "KINDS",
    "WORD_BUDGET",
    "BriefChange",
    "Diff",
    "FieldChange",
    "Op",
    "Side",
    "TextChange",
    "compare",
    "diff",
    "load_revision",
    "load_sides",
    "word_diff",
]

KINDS = ("invalid", "added", "changed", "renamed", "removed")
"""Kinds of change, in the order a report lists them: what needs fixing first."""


@dataclass(frozen=True)
class BriefChange:
    kind: str
    old: Brief | None
    new: Brief | None
    old_path: str | None
    new_path: str | None
    fields: tuple[FieldChange, ...] = ()
    texts: tuple[TextChange, ...] = ()
    effects: tuple[str, ...] = ()
    public_before: bool = False
    public_after: bool = False
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    editions: tuple[str, ...] = ()
    """Where the change shows, edition by edition (briefkit.editions), when the site has editions or the brief tearlines."""

    @property
    def path(self) -> str:
        return self.new_path or self.old_path or ""

    @property
    def slug(self) -> str:
        brief = self.new or self.old
        return brief.slug if brief else PurePosixPath(self.path).stem

    @property
    def title(self) -> str:
        brief = self.new or self.old
        return brief.title if brief else ""


@dataclass(frozen=True)
class Diff:
    base: Side
    head: Side
    now: datetime
    changes: tuple[BriefChange, ...]
    new_tag_pages: tuple[str, ...] = ()
    gone_tag_pages: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    """Problems at HEAD outside any brief file (``_tags.yml``, ``_authors.yml``)."""

    def count(self, kind: str) -> int:
        return sum(c.kind == kind for c in self.changes)

    def effect_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for change in self.changes:
            for effect in change.effects:
                key = next((k for k in EFFECT_KEYS if effect.startswith(k)), None)
                if key:
                    counts[key] = counts.get(key, 0) + 1
        return counts

    @property
    def invalid(self) -> bool:
        return any(c.kind == "invalid" for c in self.changes) or any(p.is_error for p in self.problems)


def compare(old: Side, new: Side, now: datetime, tz: tzinfo) -> Diff:
    before, after = old.by_path(), new.by_path()
    old_paths, new_paths = set(old.result.paths), set(new.result.paths)
    problems_at: dict[str, list[Problem]] = {}
    for p in new.result.problems:
        problems_at.setdefault(p.path, []).append(p)

    changes = []
    for a, b in pair(old_paths, new_paths, before, after):
        change = _change(a, b, before, after, problems_at, now, tz)
        if change is not None:
            changes.append(change)
    changes.sort(key=lambda c: (KINDS.index(c.kind), c.path))

    # A brief that does not validate at HEAD is counted as it was: the report shows what the rest changes.
    kept = [c.old for c in changes if c.kind == "invalid" and c.old is not None]
    old_tags = public_tags(old.result.corpus.briefs, now, tz, old.result.corpus.vocabulary)
    new_tags = public_tags([*new.result.corpus.briefs, *kept], now, tz, new.result.corpus.vocabulary)
    stray = tuple(p for p in new.result.problems if p.path not in new_paths)
    return Diff(
        old,
        new,
        now,
        tuple(changes),
        tuple(sorted(new_tags[s] for s in new_tags.keys() - old_tags.keys())),
        tuple(sorted(old_tags[s] for s in old_tags.keys() - new_tags.keys())),
        stray,
    )


def diff(config: Config, base: str, head: str | None, now: datetime) -> Diff:
    old, new = load_sides(config, base, head)
    return with_editions(compare(old, new, now, config.tz), config, now)


def with_editions(result: Diff, config: Config, now: datetime) -> Diff:
    """Each change's effect in every edition, when the site names editions or the brief has tearlines (docs/editions.md)."""
    from dataclasses import replace

    from briefkit.editions.model import editions
    from briefkit.editions.select import edition_effects

    every = editions(config)
    changes = []
    for c in result.changes:
        torn = any(b is not None and b.tearlines for b in (c.old, c.new))
        if torn and c.kind != "invalid":  # the public site may show the brief as its CLEAR tearline: judge that version
            c = _public_as_shown(c, every[0], now, config.tz)
        if config.options.editions or torn:
            c = replace(c, editions=edition_effects(c.old, c.new, every, now, config.tz))
        changes.append(c)
    return replace(result, changes=tuple(changes))


def _public_as_shown(c: BriefChange, public: Edition, now: datetime, tz: tzinfo) -> BriefChange:
    """Public-site effects of a brief with tearlines, from what the public edition shows of it on each side."""
    from dataclasses import replace

    from briefkit.editions.select import edition_brief

    old = edition_brief(c.old, public, now, tz) if c.old else None
    new = edition_brief(c.new, public, now, tz) if c.new else None
    if old is not None and new is not None and replace(old, digest="") == replace(new, digest=""):
        new = replace(new, digest=old.digest)  # the same page: changes to the withheld full text do not change it
    effects = site_effects(old or c.old, new or c.new, old is not None, new is not None, now, tz)
    return replace(c, effects=tuple(effects), public_before=old is not None, public_after=new is not None)


def _change(
    a: str | None,
    b: str | None,
    before: dict[str, Brief],
    after: dict[str, Brief],
    problems_at: dict[str, list[Problem]],
    now: datetime,
    tz: tzinfo,
) -> BriefChange | None:
    old = before.get(a) if a else None
    new = after.get(b) if b else None
    problems = tuple(problems_at.get(b, ())) if b else ()
    notes: list[str] = []
    if a is not None and old is None:
        notes.append("did not validate at the base revision")
    if b is not None and new is None:
        effects = ("blocks the build: it must validate before merging",)
        return BriefChange("invalid", old, None, a, b, effects=effects, problems=problems, notes=tuple(notes))
    if old is not None and new is not None and old.digest == new.digest and a == b:
        return None
    if a is None:
        kind = "added"
    elif b is None:
        kind = "removed"
    elif a != b:
        kind = "renamed"
    else:
        kind = "changed"
    fields = field_changes(old, new) if old and new else ()
    texts = text_changes(old, new) if old and new else ()
    if kind == "changed" and old and new and not fields and not texts:
        notes.append("only the file's layout or comments changed")
    vis_old = visibility(old, now, tz) if old else None
    vis_new = visibility(new, now, tz) if new else None
    return BriefChange(
        kind,
        old,
        new,
        a,
        b,
        tuple(fields),
        tuple(texts),
        tuple(site_effects(old, new, vis_old.public if vis_old else False, vis_new.public if vis_new else False, now, tz)),
        bool(vis_old and vis_old.public),
        bool(vis_new and vis_new.public),
        problems,
        tuple(notes),
    )
