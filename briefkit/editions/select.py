"""What an edition may hold: the one transformation from the whole corpus to an edition's corpus.

:func:`edition_corpus` is applied once, before anything renders; tags,
counts, related briefs, sections, feeds, search and PDFs are then computed
from its result alone, so nothing an edition may not hold can shape them.

For each brief that is published (and past its embargo, not expired, labelled):

* label at or below the ceiling: the brief as it is, without the portions
  above the ceiling, with its tearlines printed after the body under a
  marked tearline rule (ICD 209);
* label above the ceiling: its highest tearline the edition may hold, as a
  brief of its own under the same slug (:data:`TEARLINE_KEEPS`), or nothing.

A tearline version keeps only the fields in :data:`TEARLINE_KEEPS`; every
other field is emptied (fail closed: a field added to :class:`Brief` later
is dropped until it is listed here).
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import MISSING, dataclass, fields, replace
from datetime import UTC, datetime, tzinfo
from typing import Any

from briefkit.editions.model import Edition
from briefkit.errors import BriefkitError
from briefkit.model import Brief, Corpus, Tearline, Tlp, unify_tags, visibility
from briefkit.source.portions import highest_portion, portions, strip_portions

TEARLINE_KEEPS = frozenset(
    {
        # identity and place: the tearline stands in for the brief at its address
        "slug",
        "path",
        "section",
        "tags",
        "tag_spellings",
        "authors",
        "kind",
        "featured",
        # dates and the publication state that decided it may be shown
        "date",
        "updated",
        "status",
        "publish_at",
        "expires",
    }
)
"""Fields of the full brief a tearline version keeps.  Its own: title, summary, body, key points, label.
Dropped: BLUF, sources, corrections, confidence, the other tearlines (and anything not listed)."""

_TEARLINE_OWN = frozenset({"title", "summary", "body", "key_points", "handling", "labelled", "digest"})


def _publishable(brief: Brief, now: datetime, tz: tzinfo) -> bool:
    """Published, past its embargo, not expired, and labelled: what any edition needs before labels count."""
    return brief.labelled and visibility(replace(brief, handling=Tlp.CLEAR), now, tz).public


def tearline_for(brief: Brief, edition: Edition) -> Tearline | None:
    """The highest tearline of the brief that the edition may hold."""
    held = [t for t in brief.tearlines if edition.may_hold(t.handling) and t.handling.rank < brief.handling.rank]
    return max(held, key=lambda t: t.handling.rank, default=None)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _safe_body(body: str, edition: Edition, slug: str) -> str:
    kept = strip_portions(body, edition.handling)
    top = highest_portion(kept)
    if top is not None and not edition.may_hold(top):  # strip_portions removes them all; never trust that blindly
        raise BriefkitError(f"brief '{slug}': a portion above {edition.handling.value} survived; nothing was built")
    return kept


def tearline_markdown(tearline: Tearline, body: str) -> str:
    """A tearline printed after the full text: a marked rule with its label, then its title, summary, points and body."""
    label = tearline.handling
    parts = [
        f'<div class="bk-tearline bk-{label.css_class}"><p class="bk-tearline__rule">'
        f'<span class="bk-tearline__label">{html.escape(label.value)}</span> Tearline: releasable as {html.escape(label.value)}'
        "</p></div>",
        f'<p class="bk-tearline__title"><strong>{html.escape(tearline.title)}</strong></p>',
        f'<p class="bk-tearline__summary">{html.escape(tearline.summary)}</p>',
    ]
    if tearline.key_points:
        items = "".join(f"<li>{html.escape(p)}</li>" for p in tearline.key_points)
        parts.append(f'<ul class="bk-tearline__points">{items}</ul>')
    return "\n\n".join([*parts, body])


def full_version(brief: Brief, edition: Edition) -> Brief:
    """The brief as an edition that holds its label shows it; unchanged when it has no portions or tearlines."""
    if not brief.tearlines and not portions(brief.body):
        return brief
    body = _safe_body(brief.body, edition, brief.slug)
    for tearline in brief.tearlines:
        if edition.may_hold(tearline.handling):
            body += "\n\n" + tearline_markdown(tearline, _safe_body(tearline.body, edition, brief.slug))
    if body == brief.body:
        return brief
    return replace(brief, body=body, digest=_digest(brief.digest, edition.handling.value, "full", body))


def tearline_version(brief: Brief, tearline: Tearline, edition: Edition) -> Brief:
    """The brief as its tearline: the tearline's own text and label, and only the fields in :data:`TEARLINE_KEEPS`."""
    body = _safe_body(tearline.body, edition, brief.slug)
    values = {f.name: getattr(brief, f.name) for f in fields(Brief) if f.name in TEARLINE_KEEPS}
    # Every other field gets its empty default; a new field without one stops the build here until it is listed.
    emptied: dict[str, Any] = {f.name: f.default for f in fields(Brief) if f.name not in TEARLINE_KEEPS | _TEARLINE_OWN}
    if any(v is MISSING for v in emptied.values()):
        raise BriefkitError("a brief field has no empty value for tearline versions: list it in TEARLINE_KEEPS or give it a default")
    return Brief(
        **values,
        **emptied,
        title=tearline.title,
        summary=tearline.summary,
        body=body,
        key_points=tearline.key_points,
        handling=tearline.handling,
        labelled=True,
        digest=_digest(brief.digest, edition.handling.value, "tearline", tearline.handling.value, body),
    )


def edition_brief(brief: Brief, edition: Edition, now: datetime, tz: tzinfo = UTC) -> Brief | None:
    """What ``edition`` shows of ``brief``: the brief, its tearline version, or None."""
    if not _publishable(brief, now, tz):
        return None
    if edition.may_hold(brief.handling):
        return full_version(brief, edition)
    tearline = tearline_for(brief, edition)
    return tearline_version(brief, tearline, edition) if tearline is not None else None


def edition_corpus(corpus: Corpus, edition: Edition, now: datetime, tz: tzinfo = UTC) -> Corpus:
    """The briefs ``edition`` may hold, with tag spellings and authors voted on by them alone (like :meth:`Corpus.public`)."""
    shown = [b for b in (edition_brief(b, edition, now, tz) for b in corpus.briefs) if b is not None]
    kept, tags = unify_tags(shown, corpus.vocabulary)
    named = {a.id for b in kept for a in b.authors}
    return Corpus(kept, tags, {k: a for k, a in corpus.authors.items() if a.id in named}, corpus.vocabulary)


@dataclass(frozen=True)
class Withheld:
    """Text of one brief that an edition may not hold: what the leak gate looks for in its output."""

    slug: str
    path: str
    handling: Tlp
    """The label of what is withheld (the brief's, the tearline's or the portion's)."""
    what: str
    """'brief' (not in the edition at all), 'full text' (shown as a tearline), 'tearline' or 'portion'."""
    texts: tuple[str, ...]


def _brief_texts(brief: Brief) -> list[str]:
    texts = [brief.title, brief.summary, brief.bluf, *brief.key_points, brief.body]
    texts += [s.title for s in brief.sources] + [c.text for c in brief.corrections]
    for t in brief.tearlines:
        texts += [t.title, t.summary, *t.key_points, t.body]
    return texts


def withheld(corpus: Corpus, edition: Edition, now: datetime, tz: tzinfo = UTC) -> list[Withheld]:
    """Per brief, the text ``edition`` may not hold (texts the edition shows anyway, word for word, are left out)."""
    out: list[Withheld] = []
    for brief in corpus.briefs:
        shown = edition_brief(brief, edition, now, tz)
        if shown is None:
            texts = _brief_texts(brief)
            out.append(Withheld(brief.slug, brief.path, brief.handling, "brief", _distinct(texts, None)))
            continue
        if shown.handling is not brief.handling or shown.title != brief.title or not edition.may_hold(brief.handling):
            texts = [brief.title, brief.summary, brief.bluf, *brief.key_points, brief.body]
            texts += [s.title for s in brief.sources] + [c.text for c in brief.corrections]
            out.append(Withheld(brief.slug, brief.path, brief.handling, "full text", _distinct(texts, shown)))
            for t in brief.tearlines:
                if not edition.may_hold(t.handling):
                    out.append(
                        Withheld(
                            brief.slug, brief.path, t.handling, "tearline", _distinct([t.title, t.summary, *t.key_points, t.body], shown)
                        )
                    )
        if edition.may_hold(brief.handling):
            bodies = [brief.body, *(t.body for t in brief.tearlines if edition.may_hold(t.handling))]
        else:  # the full body is withheld whole above; only the shown tearline's portions remain to check
            chosen = tearline_for(brief, edition)
            bodies = [chosen.body] if chosen is not None else []
        for body in bodies:
            lines = body.split("\n")
            for p in portions(body):
                if p.handling is None or not edition.may_hold(p.handling):
                    text = "\n".join(lines[p.start + 1 : p.end])
                    out.append(Withheld(brief.slug, brief.path, p.handling or Tlp.RED, "portion", _distinct([text], shown)))
    return out


def _distinct(texts: list[str], shown: Brief | None) -> tuple[str, ...]:
    held = set() if shown is None else {shown.title, shown.summary, shown.body, *shown.key_points}
    return tuple(dict.fromkeys(t.strip() for t in texts if t.strip() and t.strip() not in held))


def appearances(brief: Brief, all_editions: list[Edition], now: datetime, tz: tzinfo = UTC) -> list[tuple[Edition, Brief]]:
    """Each edition that shows the brief, with what it shows (the brief, or a tearline version)."""
    return [(e, shown) for e in all_editions if (shown := edition_brief(brief, e, now, tz)) is not None]


def as_shown(brief: Brief, shown: Brief | None) -> str:
    """'' when not shown, 'in full', or 'as its TLP:CLEAR tearline'."""
    if shown is None:
        return ""
    return "in full" if shown.handling is brief.handling and shown.title == brief.title else f"as its {shown.handling.value} tearline"


def editions_summary(brief: Brief, all_editions: list[Edition], now: datetime, tz: tzinfo = UTC) -> str:
    """'public (as its TLP:CLEAR tearline), partners (as its TLP:CLEAR tearline), internal', or 'none'."""
    parts = []
    for edition, shown in appearances(brief, all_editions, now, tz):
        how = as_shown(brief, shown)
        parts.append(edition.name if how == "in full" else f"{edition.name} ({how})")
    return ", ".join(parts) or "none"


def edition_effects(old: Brief | None, new: Brief | None, all_editions: list[Edition], now: datetime, tz: tzinfo = UTC) -> tuple[str, ...]:
    """What a change does in each edition: 'becomes visible to partners as its TLP:CLEAR tearline', 'disappears from internal'."""
    out: list[str] = []
    for edition in all_editions:
        was = edition_brief(old, edition, now, tz) if old else None
        is_ = edition_brief(new, edition, now, tz) if new else None
        before = as_shown(old, was) if old else ""
        after = as_shown(new, is_) if new else ""
        if after and not before:
            out.append(f"becomes visible to {edition.name}" + ("" if after == "in full" else f" {after}"))
        elif before and not after:
            out.append(f"disappears from {edition.name}")
        elif was is not None and is_ is not None and (before != after or was.handling is not is_.handling):
            out.append(f"changes label in {edition.name}: {was.handling.value} → {is_.handling.value} ({after})")
    return tuple(out)
