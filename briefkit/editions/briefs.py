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


def public_split(loaded: Corpus, now: datetime, config: Config) -> tuple[Corpus, list[Withheld]]:
    """What the public site may show, and every field of every brief it may not.

    Decided here from :func:`briefkit.model.visibility`, brief by brief, not taken
    from the corpus the build rendered: if that corpus ever held a brief it
    should not, the gate still withholds it.
    """
    public: list[Brief] = []
    withheld: list[Withheld] = []
    for brief in loaded.briefs:
        seen = visibility(brief, now, config.tz)
        if seen.public:
            public.append(brief)
        else:
            withheld.extend(withheld_fields(brief, seen.reason or "not public"))
    tags = {t.slug: loaded.tags.get(t.slug, t) for b in public for t in b.tags}
    return Corpus(tuple(public), tags), withheld


def public_problems(config: Config, loaded: Corpus, now: datetime, site: Path, *, shown_as: Path | None = None) -> list[Problem]:
    """The gate's findings for a built public site at ``site``, ``loaded`` being every brief of the site."""
    shown, withheld = public_split(loaded, now, config)
    if not withheld:
        return []
    locate = Locator(config, loaded.briefs)
    return scan(site, withheld, held_texts(shown, config), edition="public", shown_as=shown_as, locate=locate)


def gate_public(config: Config, loaded: Corpus, now: datetime, staging: Path, live: Path) -> None:
    """Fail the build when the staged public site holds text of a brief it leaves out; the live site stays."""
    problems = public_problems(config, loaded, now, staging, shown_as=live)
    if problems:
        raise BriefkitError(
            f"the leak gate found withheld text in the built site ({len(problems)} finding(s)); the previous site stays", problems=problems
        )


def read_document(brief: Brief, config: Config) -> Document | None:
    """The brief's YAML with positions, read again (a withheld brief's positions are needed only when it leaks)."""
    from briefkit.source.load import parse_source, read_source

    path = Path(brief.path)
    raw, _ = read_source(path if path.is_absolute() else Path.cwd() / path, brief.path, config.options.max_file_size, config.root)
    if raw is None:
        return None
    doc, _ = parse_source(raw, brief.path)
    return doc
