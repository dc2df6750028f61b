"""``brief diff`` output: terminal text, Markdown for a pull-request comment, JSON.

Word diffs are marked ``[-removed-]{+added+}`` in plain text (as ``wdiff``
does), in colour on a terminal, with ``<del>``/``<ins>`` in Markdown (robust
next to whatever Markdown the brief itself contains), and as a list of
operations in JSON.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, tzinfo
from typing import Any

from briefkit.common import dates
from briefkit.common.terminal import safe, scrub
from briefkit.errors import Problem
from briefkit.model import Tlp
from briefkit.review.diff import BriefChange, Diff, Op, TextChange
from briefkit.review.diff_redact import WithheldChange, redact

MARKER = "<!-- briefkit-diff -->"
"""First line of the Markdown report: lets CI find and update its own comment."""

COMMENT_LIMIT = 60_000
"""GitHub refuses comments over 65,536 characters; stay well below."""

_ORDER = ("added", "changed", "renamed", "removed", "invalid")
_KIND_LABEL = {"added": "added", "removed": "removed", "renamed": "renamed", "changed": "changed", "invalid": "does not validate"}


def render(d: Diff, fmt: str, *, redact_above: Tlp, color: bool = False, tz: tzinfo = UTC) -> str:
    """The report in ``fmt``, as ``brief diff`` prints it: the one way out for a diff.

    Content of briefs above ``redact_above`` is withheld (:mod:`briefkit.review.diff_redact`),
    and no control sequence from a brief survives (:mod:`briefkit.common.terminal`): strings are
    made safe before formatting, so that only the report's own colours are escape codes.
    """
    shown = redact(d, redact_above)
    shown = replace(shown, changes=scrub(shown.changes), problems=scrub(shown.problems))
    shown = replace(shown, new_tag_pages=scrub(shown.new_tag_pages), gone_tag_pages=scrub(shown.gone_tag_pages))
    if fmt == "text":
        out = text(shown, color=color, tz=tz)
        return out if color else safe(out)
    if fmt == "markdown":
        return safe(markdown(shown, tz=tz))
    return safe(FORMATS[fmt](shown))


def summary_line(d: Diff) -> str:
    if not d.changes:
        return "no brief changed"
    parts = [f"{d.count(k)} {_KIND_LABEL[k] if k != 'invalid' or d.count(k) == 1 else 'do not validate'}" for k in _ORDER if d.count(k)]
    n = len(d.changes)
    return f"{n} brief{'s' if n != 1 else ''}: " + ", ".join(parts)


_EFFECT_WORDS = {
    "becomes public": ("becomes public", "become public"),
    "leaves the public site": ("leaves the public site", "leave the public site"),
    "changes a public page": ("changes a public page", "change public pages"),
    "scheduled": ("scheduled behind an embargo", "scheduled behind embargoes"),
}


def merge_line(d: Diff) -> str:
    counts = d.effect_counts()
    parts = [f"{counts[key]} {words[counts[key] != 1]}" for key, words in _EFFECT_WORDS.items() if counts.get(key)]
    if d.invalid:
        parts.insert(0, "the site does not build until the briefs that do not validate are fixed")
    return ", ".join(parts) if parts else "no change to the public site"


# --- text -----------------------------------------------------------------------------------------

_ANSI = {"-": "\x1b[9;31m", "+": "\x1b[1;32m", "head": "\x1b[1m", "dim": "\x1b[2m", "bad": "\x1b[1;31m", "reset": "\x1b[0m"}


def text(d: Diff, *, color: bool = False, tz: tzinfo = UTC) -> str:
    def style(s: str, what: str) -> str:
        return f"{_ANSI[what]}{s}{_ANSI['reset']}" if color and s else s

    def mark(op: Op) -> str:
        tag, s = op
        if tag == "=":
            return s
        if s.isspace():  # spaces that only separate changes
            return s if tag == "+" else ""
        lead, core, trail = _edges(s)
        if color:
            return lead + style(core, tag) + trail
        return lead + (f"[-{core}-]" if tag == "-" else f"{{+{core}+}}") + trail

    lines = [
        style(f"brief diff: {d.base.short} → {d.head.short}", "head"),
        f"public site as of {_when(d, tz)}",
        summary_line(d),
    ]
    if d.changes:
        lines.append(f"on merge: {merge_line(d)}")
    lines += _listed("new tag pages", d.new_tag_pages, ", ")
    lines += _listed("tag pages removed", d.gone_tag_pages, ", ")
    for p in d.problems:
        lines.append(_problem(p))
    for c in d.changes:
        lines.append("")
        where = f"{c.old_path} → {c.new_path}" if c.kind == "renamed" else c.path
        head = style(c.kind.upper() if c.kind != "invalid" else "INVALID", "bad" if c.kind == "invalid" else "head")
        lines.append(f"{head} {where}" + (f"  “{c.title}”" if c.title else ""))
        if c.kind == "added" and c.new:
            lines.append("  " + _facts(c))
            if not isinstance(c, WithheldChange):
                lines.append(f"  Summary: {c.new.summary}")
        for f in c.fields:
            lines.append(f"  {f.describe()}")
        lines += _listed("  public site", c.effects, "; ")
        lines += _listed("  editions", c.editions, "; ")
        for t in c.texts:
            lines.append(f"  {t.label}:")
            for n, block in enumerate(t.blocks):
                if n and t.field == "body":  # paragraphs stay paragraphs
                    lines.append("")
                bullet = "• " if t.field == "key_points" else ""
                body = bullet + "".join(mark(op) for op in block)
                lines.append("    " + body.replace("\n", "\n    "))
        for note in c.notes:
            lines.append(style(f"  note: {note}", "dim"))
        for p in c.problems:
            lines.append("  " + _problem(p).replace("\n", "\n  "))
    return "\n".join(lines) + "\n"


def _listed(label: str, items: Sequence[str], sep: str) -> list[str]:
    """One line ``label: a, b`` for a list that has items; none for an empty one."""
    return [f"{label}: " + sep.join(items)] if items else []


def _when(d: Diff, tz: tzinfo) -> str:
    return dates.stamp(d.now, tz)


def _facts(c: BriefChange) -> str:
    b = c.new
    assert b is not None
    if isinstance(c, WithheldChange):
        return " · ".join([b.status.value, b.handling.value, f"{c.words} words", "content withheld"])
    facts = [str(b.section), b.status.value, b.handling.value]
    if b.authors:
        facts.append("by " + ", ".join(a.name for a in b.authors))
    facts.append("tags " + ", ".join(t.name for t in b.tags))
    facts.append(f"{b.word_count} words")
    return " · ".join(facts)


def _problem(p: Problem) -> str:
    return p.format()


def _edges(s: str) -> tuple[str, str, str]:
    core = s.strip()
    start = len(s) - len(s.lstrip())
    return s[:start], core, s[start + len(core) :]


# --- markdown -------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")


def _md(s: str) -> str:
    """Text safe inside a Markdown paragraph or list item: HTML and Markdown syntax escaped, lines kept."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(s, quote=False)).replace("\n", "<br>")


def markdown(d: Diff, *, limit: int = COMMENT_LIMIT, tz: tzinfo = UTC) -> str:
    """The report as a pull-request comment: a summary, then one collapsible section per brief."""
    for texts in (_all_texts, _short_texts, _no_texts):
        out = _markdown(d, texts, tz)
        if len(out) <= limit:
            return out
    head = _markdown(Diff(d.base, d.head, d.now, (), d.new_tag_pages, d.gone_tag_pages, d.problems), _no_texts, tz)
    return head + f"\n_{len(d.changes)} briefs changed: too many to list here. Run `brief diff {d.base.label}` locally._\n"


def _all_texts(c: BriefChange) -> tuple[TextChange, ...]:
    return c.texts


def _short_texts(c: BriefChange) -> tuple[TextChange, ...]:
    return tuple(t for t in c.texts if t.field != "body")


def _no_texts(c: BriefChange) -> tuple[TextChange, ...]:
    return ()


def _markdown(d: Diff, texts: Callable[[BriefChange], tuple[TextChange, ...]], tz: tzinfo) -> str:
    lines = [
        MARKER,
        f"### Brief changes: `{d.base.short}` → `{d.head.short}`",
        "",
        f"**{summary_line(d)}**" + (f" · on merge: {merge_line(d)}" if d.changes else ""),
    ]
    if d.new_tag_pages or d.gone_tag_pages:
        lines.append("")
        if d.new_tag_pages:
            lines.append("New tag pages: " + ", ".join(_md(t) for t in d.new_tag_pages) + "  ")
        if d.gone_tag_pages:
            lines.append("Tag pages removed: " + ", ".join(_md(t) for t in d.gone_tag_pages) + "  ")
    if d.problems:
        lines += ["", "```", *(p.format() for p in d.problems), "```"]
    for c in d.changes:
        lines += ["", *_md_change(c, texts(c))]
    if texts is not _all_texts and any(c.texts for c in d.changes):
        lines += ["", "_Some word diffs are left out to fit in a comment; run `brief diff` locally for all of them._"]
    lines += ["", f"<sub>Public site as of {_when(d, tz)}. Made by <code>brief diff</code>.</sub>"]
    return "\n".join(lines) + "\n"


def _md_change(c: BriefChange, texts: tuple[TextChange, ...]) -> list[str]:
    where = f"{c.old_path} → {c.new_path}" if c.kind == "renamed" else c.path
    effect = f" · {html.escape(c.effects[0], quote=False)}" if c.effects else ""
    title = f": {html.escape(c.title, quote=False)}" if c.title else ""
    out = [
        "<details open>" if c.kind == "invalid" else "<details>",
        f"<summary><b>{_KIND_LABEL[c.kind]}</b> <code>{html.escape(where)}</code>{title}{effect}</summary>",
        "",
    ]
    if c.kind == "added" and c.new:
        out += [_md(_facts(c)), ""]
        if not isinstance(c, WithheldChange):
            out += [f"**Summary:** {_md(c.new.summary)}", ""]
    for f in c.fields:
        name, _, rest = f.describe().partition(": ")
        out.append(f"- **{name}**: {_md(rest)}")
    if c.fields:
        out.append("")
    if c.effects:
        out += ["**Public site:** " + "; ".join(_md(e) for e in c.effects), ""]
    if c.editions:
        out += ["**Editions:** " + "; ".join(_md(e) for e in c.editions), ""]
    for t in texts:
        out += [f"**{t.label}**", ""]
        for block in t.blocks:
            rendered = "".join(_md_op(op) for op in block)
            out.append(f"- {rendered}" if t.field == "key_points" else rendered)
            if t.field != "key_points":
                out.append("")
        if t.field == "key_points":
            out.append("")
    for note in c.notes:
        out += [f"_Note: {_md(note)}_", ""]
    if c.problems:
        out += ["```", *(p.format() for p in c.problems), "```", ""]
    out.append("</details>")
    return out


def _md_op(op: Op) -> str:
    tag, s = op
    if tag == "=":
        return _md(s)
    if s.isspace():
        return _md(s) if tag == "+" else ""
    lead, core, trail = _edges(s)
    wrap = "del" if tag == "-" else "ins"
    return f"{_md(lead)}<{wrap}>{_md(core)}</{wrap}>{_md(trail)}"


# --- json -----------------------------------------------------------------------------------------

_OP_NAMES = {"=": "equal", "-": "delete", "+": "insert"}


def as_json(d: Diff) -> str:
    data: dict[str, Any] = {
        "base": {"rev": d.base.label, "commit": d.base.commit},
        "head": {"rev": None if d.head.commit is None else d.head.label, "commit": d.head.commit, "label": d.head.label},
        "as_of": d.now.replace(microsecond=0).isoformat(),
        "summary": {k: d.count(k) for k in ("added", "changed", "renamed", "removed", "invalid")},
        "public_site": {"effects": d.effect_counts(), "new_tag_pages": list(d.new_tag_pages), "removed_tag_pages": list(d.gone_tag_pages)},
        "problems": [p.as_dict() for p in d.problems],
        "briefs": [_json_change(c) for c in d.changes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _json_change(c: BriefChange) -> dict[str, Any]:
    return {
        "change": c.kind,
        "slug": c.slug,
        "path": c.new_path,
        "old_path": c.old_path,
        "title": c.new.title if c.new else None,
        "old_title": c.old.title if c.old else None,
        "withheld": c.label if isinstance(c, WithheldChange) else None,
        "fields": [
            {"field": f.field, "old": f.old, "new": f.new, "added": list(f.added), "removed": list(f.removed), "text": f.describe()}
            for f in c.fields
        ],
        "text": [
            {"field": t.field, "blocks": [[{"op": _OP_NAMES[tag], "text": s} for tag, s in block] for block in t.blocks]} for t in c.texts
        ],
        "public": {"before": c.public_before, "after": c.public_after},
        "effects": list(c.effects),
        **({"editions": list(c.editions)} if c.editions else {}),
        "notes": list(c.notes),
        "problems": [p.as_dict() for p in c.problems],
    }


FORMATS: dict[str, Callable[[Diff], str]] = {"text": text, "markdown": markdown, "json": as_json}
