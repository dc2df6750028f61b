"""What an edition withholds and holds, field by field, and the public site's gate.

:func:`withheld_fields` lists every field of a brief an edition leaves out
as :class:`~briefkit.editions.gate.Withheld` items, at the line and column
where the brief's file writes it; :func:`held_texts` lists the text an
edition shows, so that phrases shared with it are not taken for leaks.
:func:`gate_public` is the gate of the public site (the TLP:CLEAR
edition): it withholds every brief the public corpus leaves out, whatever
the reason (label, draft, embargo, expiry).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from briefkit.common.yamlsrc import Document
from briefkit.config import Config
from briefkit.editions.gate import Withheld, scan
from briefkit.editions.gatecache import CACHE_NAME
from briefkit.editions.model import Edition
from briefkit.errors import BriefkitError, Problem
from briefkit.model import Brief, Corpus, visibility

Field = tuple[str, tuple[str | int, ...], str]
"""(name shown, path in the brief's YAML, text)."""


def brief_fields(brief: Brief) -> Iterator[Field]:
    """Every field of a brief that carries its content, in the order a reader meets them."""
    yield "title", ("title",), brief.title
    yield "summary", ("summary",), brief.summary
    if brief.bluf:
        yield "bluf", ("bluf",), brief.bluf
    for i, point in enumerate(brief.key_points):
        yield f"key_points[{i}]", ("key_points", i), point
    for i, source in enumerate(brief.sources):
        yield f"sources[{i}].title", ("sources", i, "title"), source.title
        if source.url and source.url.rstrip("/").count("/") > 2:  # a bare host name is no evidence of anything
            yield f"sources[{i}].url", ("sources", i, "url"), source.url
    yield "body", ("body",), brief.body
    for i, fix in enumerate(brief.corrections):
        yield f"corrections[{i}].text", ("corrections", i, "text"), fix.text


def withheld_fields(brief: Brief, reason: str) -> list[Withheld]:
    """Every content field of ``brief`` as a withheld item; its position is found only if it leaks (:class:`Locator`)."""
    return [Withheld(brief.path, name, 0, 0, text, reason) for name, _, text in brief_fields(brief)]


class Locator:
    """Line and column of a withheld field, read from its brief's file when a problem needs them."""

    def __init__(self, config: Config, briefs: Iterable[Brief]) -> None:
        self.config = config
        self.briefs = {b.path: b for b in briefs}
        self.docs: dict[str, Document | None] = {}

    def __call__(self, item: Withheld) -> Withheld:
        brief = self.briefs.get(item.path)
        if brief is None or item.line:
            return item
        if item.path not in self.docs:
            self.docs[item.path] = read_document(brief, self.config)
        doc = self.docs[item.path]
        at = next((yaml_path for name, yaml_path, _ in brief_fields(brief) if name == item.field), None)
        if doc is None or at is None:
            return item
        line, col = doc.pos(at)
        return replace(item, line=line, col=col)


def held_texts(corpus: Corpus, config: Config) -> list[str]:
    """The text an edition showing ``corpus`` holds: its briefs' fields and the names around them."""
    texts = [config.site_name, config.site_description]
    for brief in corpus.briefs:
        texts.extend(text for _, _, text in brief_fields(brief))
        texts.extend(brief.section.names)
        texts.extend(a.name for a in brief.authors)
        texts.extend(a.bio for a in brief.authors)
    texts.extend(t.name for t in corpus.tags.values())
    texts.extend(t.description for t in corpus.tags.values())
    return [t for t in texts if t]


def edition_split(loaded: Corpus, edition: Edition, now: datetime, config: Config) -> tuple[Corpus, list[Withheld]]:
    """What ``edition`` shows, and every text of ``loaded`` it may not hold.

    The texts come from :func:`briefkit.editions.select.withheld`: briefs the
    edition leaves out (for their label, or as drafts, embargoed, expired),
    the full text of briefs it shows as a tearline, and portions above its
    label.  Fields withheld whole keep their names, so a finding points at the
    line of the brief that holds them.
    """
    from briefkit.editions.select import edition_corpus, withheld

    shown = edition_corpus(loaded, edition, now, config.tz)
    by_path = {b.path: b for b in loaded.briefs}
    items: list[Withheld] = []
    for w in withheld(loaded, edition, now, config.tz):
        brief = by_path[w.path]
        seen = visibility(brief, now, config.tz)
        reason = (seen.reason or w.handling.value) if w.what == "brief" and not seen.public else f"{w.handling.value} {w.what}"
        texts = set(w.texts)
        named = [i for i in withheld_fields(brief, reason) if i.text.strip() in texts] if w.what in ("brief", "full text") else []
        covered = {i.text.strip() for i in named}
        items.extend(named)
        items.extend(Withheld(w.path, w.what, 0, 0, text, reason) for text in w.texts if text not in covered)
    return shown, items


def edition_problems(
    config: Config, loaded: Corpus, edition: Edition, now: datetime, site: Path, *, shown_as: Path | None = None
) -> list[Problem]:
    """The gate's findings for ``edition`` built at ``site``, ``loaded`` being every brief of the site."""
    shown, withheld = edition_split(loaded, edition, now, config)
    if not withheld:
        return []
    locate = Locator(config, loaded.briefs)
    held = held_texts(shown, config)
    cache = edition.root(config) / CACHE_NAME  # beside the site, never in it: what each file held at the last scan
    return scan(site, withheld, held, edition=edition.name, shown_as=shown_as, locate=locate, cache=cache)


def gate_edition(config: Config, loaded: Corpus, edition: Edition, now: datetime, staging: Path, live: Path) -> None:
    """Fail the build when the staged edition holds text it may not; the live site stays."""
    problems = edition_problems(config, loaded, edition, now, staging, shown_as=live)
    if problems:
        raise BriefkitError(
            f"the leak gate found withheld text in the built {edition.name} edition ({len(problems)} finding(s)); the previous site stays",
            problems=problems,
        )


def read_document(brief: Brief, config: Config) -> Document | None:
    """The brief's YAML with positions, read again (a withheld brief's positions are needed only when it leaks)."""
    from briefkit.source.read import parse_source, read_source

    path = Path(brief.path)
    raw, _ = read_source(path if path.is_absolute() else Path.cwd() / path, brief.path, config.options.max_file_size, config.root)
    if raw is None:
        return None
    doc, _ = parse_source(raw, brief.path)
    return doc
