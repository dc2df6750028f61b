"""Pairing the briefs of two revisions that are one brief: by path, then bytes, slug, and similar text."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath

from briefkit.model import Brief

Matches = Iterable[tuple[str, str]]


def _same_bytes(gone: Sequence[str], came: Sequence[str], before: dict[str, Brief], after: dict[str, Brief]) -> Matches:
    by_digest = {after[b].digest: b for b in came if b in after}
    for a in gone:
        if a in before and before[a].digest in by_digest:
            yield a, by_digest.pop(before[a].digest)


def _same_slug(gone: Sequence[str], came: Sequence[str], before: dict[str, Brief], after: dict[str, Brief]) -> Matches:
    by_stem = {PurePosixPath(b).stem: b for b in came}
    for a in list(gone):
        b = by_stem.pop(PurePosixPath(a).stem, None)
        if b is not None:
            yield a, b


def _similar(gone: Sequence[str], came: Sequence[str], before: dict[str, Brief], after: dict[str, Brief]) -> Matches:
    """A new file name with edits: pair when at least half the words are the same (git's rename threshold)."""
    scored = []
    for a in gone:
        if a not in before:
            continue
        words_a = _words(before[a])
        for b in came:
            if b not in after:
                continue
            matcher = difflib.SequenceMatcher(None, words_a, _words(after[b]))  # autojunk: a score, not a diff
            if matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5 and (score := matcher.ratio()) >= 0.5:
                scored.append((score, a, b))
    used: set[str] = set()
    for _score, a, b in sorted(scored, reverse=True):
        if a not in used and b not in used:
            used.update((a, b))
            yield a, b


def _words(brief: Brief) -> list[str]:
    return f"{brief.title} {brief.summary} {brief.body}".split()


def pair(
    old_paths: set[str], new_paths: set[str], before: dict[str, Brief], after: dict[str, Brief]
) -> list[tuple[str | None, str | None]]:
    """Each path at the base with its path at HEAD; None on the side where the brief is not."""
    pairs: list[tuple[str | None, str | None]] = [(p, p) for p in sorted(old_paths & new_paths)]
    gone = sorted(old_paths - new_paths)
    came = sorted(new_paths - old_paths)
    for match in (_same_bytes, _same_slug, _similar):
        for was, now_at in list(match(gone, came, before, after)):
            pairs.append((was, now_at))
            gone.remove(was)
            came.remove(now_at)
    return pairs + [(was, None) for was in gone] + [(None, now_at) for now_at in came]
