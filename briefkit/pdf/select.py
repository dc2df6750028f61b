"""What ``brief pdf`` should print: briefs by slug, tag or section, and books by name."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from briefkit.common.slugs import slugify
from briefkit.config import Config
from briefkit.errors import BriefkitError
from briefkit.model import Brief, Corpus, visibility
from briefkit.pdf.books import Book, plan


@dataclass
class Selection:
    briefs: list[Brief] = field(default_factory=list)
    books: list[Book] = field(default_factory=list)
    everything: bool = False


def choose(
    config: Config,
    loaded: Corpus,
    shown: Corpus,
    now: datetime,
    *,
    slugs: Sequence[str] = (),
    tags: Sequence[str] = (),
    sections: Sequence[str] = (),
    books: Sequence[str] = (),
) -> Selection:
    """Resolve the command line against ``shown`` (public briefs, or all with --preview).

    ``loaded`` is every brief, so that asking for a hidden one explains why
    it is not printed instead of claiming it does not exist.
    """
    if not (slugs or tags or sections or books):
        return Selection(list(shown.briefs), plan(config, shown), everything=True)
    by_slug = {b.slug: b for b in shown.briefs}
    picked: dict[str, Brief] = {}
    for slug in slugs:
        if slug in by_slug:
            picked[slug] = by_slug[slug]
            continue
        hidden = next((b for b in loaded.briefs if b.slug == slug), None)
        if hidden is not None:
            reason = visibility(hidden, now, config.tz).reason
            raise BriefkitError(f"brief '{slug}' is not public ({reason})", hint="add --preview to print it, watermarked", exit_code=2)
        raise BriefkitError(f"no brief '{slug}'", hint=_suggest(slug, [b.slug for b in loaded.briefs]), exit_code=2)
    for tag in tags:
        want = slugify(tag)
        found = [b for b in shown.briefs if any(t.slug == want for t in b.tags)]
        if not found:
            known = sorted({t.slug for b in shown.briefs for t in b.tags})
            raise BriefkitError(f"no brief to print is tagged '{tag}'", hint=_suggest(want, known), exit_code=2)
        picked.update((b.slug, b) for b in found)
    for section in sections:
        want_path = tuple(slugify(part) for part in section.replace("/", " / ").split(" / ") if part.strip())
        found = [b for b in shown.briefs if b.section.slugs[: len(want_path)] == want_path]
        if not want_path or not found:
            known = sorted({"/".join(s.slugs) for b in shown.briefs for s in b.section.ancestors()})
            raise BriefkitError(f"no brief to print is in section '{section}'", hint=_suggest("/".join(want_path), known), exit_code=2)
        picked.update((b.slug, b) for b in found)
    chosen_books: list[Book] = []
    if books:
        configured = plan(config, shown)
        available = {b.name: b for b in plan(config, shown, everything=True)}
        for name in books:
            if name == "all":
                chosen_books.extend(configured)
            elif name in available:
                chosen_books.append(available[name])
            else:
                raise BriefkitError(
                    f"no book '{name}'",
                    hint=_suggest(name, list(available)) or "names: latest, section-<slug>, tag-<slug>, daily-YYYY-MM-DD",
                    exit_code=2,
                )
    unique_books = list({b.name: b for b in chosen_books}.values())
    return Selection(sorted(picked.values(), key=lambda b: b.slug), unique_books)


def _suggest(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=3, cutoff=0.5)
    return f"did you mean {', '.join(repr(c) for c in close)}?" if close else ""
