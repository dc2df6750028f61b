"""What ``brief diff`` may say about briefs above the review's label: that they changed, not what they say.

The shipped workflow posts the diff as a pull-request comment and a job
summary, which everyone can read in a public repository.  For a change whose
brief is labelled above ``review.redact_above`` (default ``TLP:CLEAR``), at
the base or at HEAD, the report keeps the slug, the path, the label, the
status, the dates, the names of the fields that changed and how many words
or items changed; titles, summaries, body words, tags, authors, sections,
sources and problem messages are withheld.  A brief that does not validate
at HEAD has no known label, so its content is withheld too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefkit.errors import Problem
from briefkit.model import Brief, Section, Tlp
from briefkit.review.diff import BriefChange, Diff, FieldChange, TextChange

SHOWN_FIELDS = frozenset({"slug", "status", "handling", "kind", "date", "updated", "embargo", "expires", "confidence", "featured"})
"""Fields whose values are labels or dates, not content: shown even when the rest is withheld."""

WITHHELD = "withheld"

SHOWN_PROBLEMS = frozenset(
    {"file-too-large", "file-unreadable", "bad-slug", "duplicate-slug", "no-handling", "symlink-brief", "symlink-escape", "not-a-file"}
)
"""Problems whose messages quote only sizes, file names and labels, never a brief's words: shown in full."""


@dataclass(frozen=True)
class WithheldField(FieldChange):
    """A changed field whose values are withheld: its name and how many items changed."""

    def describe(self) -> str:
        if self.added or self.removed:
            return f"{self.field}: {len(self.added)} added, {len(self.removed)} removed ({WITHHELD})"
        return f"{self.field}: changed ({WITHHELD})"


@dataclass(frozen=True)
class WithheldChange(BriefChange):
    """A change to a brief above the review's label; ``label`` says which label withheld it."""

    label: str = ""
    words: int = 0
    """The brief's word count at HEAD (0 when it does not validate)."""


def redact(d: Diff, above: Tlp) -> Diff:
    """``d`` with the content of every change above ``above`` withheld."""
    known = d.head.result.labels
    return replace(d, changes=tuple(_withhold(c, label) if (label := restricted(c, above, known)) else c for c in d.changes))


def restricted(c: BriefChange, above: Tlp, known: dict[str, str]) -> str:
    """The label that withholds this change's content, or "" when it may be shown.

    A brief that does not validate at HEAD is judged by the label its file
    gives (``known``); when that cannot be told (a YAML syntax error, a
    misspelt label, an unreadable file), its content is withheld.
    """
    labels = [b.handling for b in (c.old, c.new) if b is not None]
    if c.new is None and c.new_path is not None:
        label = known.get(c.new_path)
        if label is None:
            return "unknown label"
        labels.append(Tlp(label))
    worst = Tlp.most_restrictive(labels)
    return worst.value if worst.rank > above.rank else ""


def _withhold(c: BriefChange, label: str) -> WithheldChange:
    fields = tuple(f if f.field in SHOWN_FIELDS else WithheldField(f.field, added=f.added, removed=f.removed) for f in c.fields)
    texts = tuple(_count_only(t) for t in c.texts)
    problems = tuple(
        p if p.code in SHOWN_PROBLEMS else Problem(p.path, p.line, p.col, p.severity, p.code, f"message {WITHHELD} ({label})")
        for p in c.problems
    )
    if label == "unknown label":
        note = f"content {WITHHELD}: the file does not validate and its handling label cannot be told; 'brief check' shows the messages"
    else:
        note = f"content {WITHHELD}: {label} is above the label this report shows (review.redact_above)"
    return WithheldChange(
        c.kind,
        _blank(c.old, label),
        _blank(c.new, label),
        c.old_path,
        c.new_path,
        fields,
        texts,
        tuple(_effect(e, *_tag_moves(c)) for e in c.effects),
        c.public_before,
        c.public_after,
        problems,
        (*c.notes, note),
        c.editions,  # edition names and labels only, never content
        label=label,
        words=c.new.word_count if c.new else 0,
    )


def _blank(brief: Brief | None, label: str) -> Brief | None:
    if brief is None:
        return None
    return replace(
        brief,
        title=f"[{label}: title {WITHHELD}]",
        summary="",
        section=Section((WITHHELD,), (WITHHELD,)),
        tags=(),
        tag_spellings=(),
        places=(),
        body="",
        authors=(),
        bluf="",
        key_points=(),
        sources=(),
        corrections=(),
    )


def _count_only(t: TextChange) -> TextChange:
    inserted = sum(len(s.split()) for block in t.blocks for tag, s in block if tag == "+")
    deleted = sum(len(s.split()) for block in t.blocks for tag, s in block if tag == "-")
    what = f"[{WITHHELD}: {inserted} word{'s' if inserted != 1 else ''} inserted, {deleted} deleted, in {len(t.blocks)} place(s)]"
    return TextChange(t.field, t.label, ((("=", what),),))


def _tag_moves(c: BriefChange) -> tuple[int, int]:
    """How many tag pages the brief appears on and drops off (as ``diff._effects`` counts them)."""
    old = [t.name for t in c.old.tags] if c.public_before and c.old else []
    new = [t.name for t in c.new.tags] if c.public_after and c.new else []
    return sum(t not in old for t in new), sum(t not in new for t in old)


def _effect(effect: str, appears: int, drops: int) -> str:
    """Effects name tag pages and sections: keep what happens, not the names."""
    for start, count in (("appears on tag page", appears), ("drops off tag page", drops)):
        if effect.startswith(start):
            return f"{start}{'s' if count != 1 else ''} ({count}, names {WITHHELD})"
    if effect.startswith("moves from section"):
        return f"moves to another section (names {WITHHELD})"
    return effect
