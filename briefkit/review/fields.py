"""What changed in a brief, field by field (:class:`FieldChange`) and word by word in its texts (:class:`TextChange`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefkit.model import Brief, Moment
from briefkit.review.worddiff import Op, list_diff, paragraphs, word_diff


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str | None = None
    new: str | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def describe(self) -> str:
        """``status: draft → review``, ``tags: +Baltic security −NATO allies``, ``embargo: moved from … to …``."""
        if self.added or self.removed:
            return f"{self.field}: " + " ".join([*(f"+{a}" for a in self.added), *(f"−{r}" for r in self.removed)])
        if self.field == "embargo":
            if self.old is None:
                return f"embargo: set until {self.new}"
            if self.new is None:
                return f"embargo: lifted (was until {self.old})"
            return f"embargo: moved from {self.old} to {self.new}"
        old, new = (f"“{v}”" if v is not None and self.field == "title" else v for v in (self.old, self.new))
        if old is None:
            return f"{self.field}: set to {new}"
        if new is None:
            return f"{self.field}: removed (was {old})"
        return f"{self.field}: {old} → {new}"


@dataclass(frozen=True)
class TextChange:
    """A word diff of one text field.  Key points and body paragraphs come as separate blocks;
    only the blocks that changed are kept."""

    field: str
    label: str
    blocks: tuple[tuple[Op, ...], ...]


def _show(value: Moment | None) -> str | None:
    if value is None:
        return None
    return value.isoformat()


def field_changes(old: Brief, new: Brief) -> list[FieldChange]:
    out: list[FieldChange] = []

    def scalar(name: str, a: str | None, b: str | None) -> None:
        if a != b:
            out.append(FieldChange(name, a, b))

    def multi(name: str, a: Sequence[str], b: Sequence[str]) -> None:
        added = tuple(x for x in b if x not in a)
        removed = tuple(x for x in a if x not in b)
        if added or removed:
            out.append(FieldChange(name, added=added, removed=removed))

    scalar("slug", old.slug, new.slug)
    scalar("title", old.title, new.title)
    scalar("status", old.status.value, new.status.value)
    scalar("handling", old.handling.value, new.handling.value)
    scalar("section", str(old.section), str(new.section))
    scalar("kind", old.kind.value, new.kind.value)
    scalar("date", _show(old.date), _show(new.date))
    scalar("updated", _show(old.updated), _show(new.updated))
    scalar("embargo", _show(old.publish_at), _show(new.publish_at))
    scalar("expires", _show(old.expires), _show(new.expires))
    multi("tags", [t.name for t in old.tags], [t.name for t in new.tags])
    multi("places", list(old.places), list(new.places))
    multi("authors", [p.name for p in old.authors], [p.name for p in new.authors])
    scalar("confidence", old.confidence.value if old.confidence else None, new.confidence.value if new.confidence else None)
    scalar("featured", str(old.featured).lower(), str(new.featured).lower())
    multi("sources", [s.title for s in old.sources], [s.title for s in new.sources])
    multi("corrections", [f"{_show(c.date)}: {c.text}" for c in old.corrections], [f"{_show(c.date)}: {c.text}" for c in new.corrections])
    return out


def text_changes(old: Brief, new: Brief) -> list[TextChange]:
    out = []
    for name, label in (("summary", "Summary"), ("bluf", "BLUF")):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            out.append(TextChange(name, label, (word_diff(a, b),)))
    if old.key_points != new.key_points:
        out.append(TextChange("key_points", "Key points", list_diff(list(old.key_points), list(new.key_points))))
    if old.body != new.body:
        blocks = list_diff(paragraphs(old.body), paragraphs(new.body))
        if blocks:
            out.append(TextChange("body", "Body", blocks))
    return out
