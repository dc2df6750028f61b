"""``brief diff BASE [HEAD]``: what a change does to the briefs and to the public site.

Both sides are loaded with the same validation code as ``brief check``:
HEAD from the working tree (uncommitted and untracked files included) or a
revision, BASE always from a revision, read in two git processes.  Briefs are
paired by path, then by identical bytes (a rename), then by slug (a move to
another folder), then by similar text (a rename with edits), and compared
field by field and word by word.  The result is plain data; ``diff_format``
turns it into text, Markdown or JSON.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import PurePosixPath

from briefkit.config import Config
from briefkit.editions.model import Edition
from briefkit.errors import BriefkitError, Problem
from briefkit.model import Brief, Moment, Status, Tag, unify_tags, visibility
from briefkit.review import gitio
from briefkit.source import discovery
from briefkit.source.load import AUTHORS_FILE, TAGS_FILE, LoadResult, RawFile, display_path, load, load_sources, too_large

Op = tuple[str, str]
"""One piece of a word diff: ``("=", text)`` kept, ``("-", text)`` deleted, ``("+", text)`` inserted."""

KINDS = ("invalid", "added", "changed", "renamed", "removed")
"""Kinds of change, in the order a report lists them: what needs fixing first."""


@dataclass(frozen=True)
class Side:
    """The briefs at one revision (or in the working tree), as validated."""

    label: str
    """What the user typed (``main``), or ``working tree``."""
    commit: str | None
    """The commit id; None for the working tree."""
    result: LoadResult

    @property
    def short(self) -> str:
        if self.commit is None:
            return self.label
        if self.commit.startswith(self.label.lower()):  # a commit id already
            return self.commit[:7]
        return f"{self.label} ({self.commit[:7]})"

    def by_path(self) -> dict[str, Brief]:
        return {b.path: b for b in self.result.corpus.briefs}


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
                key = next((k for k in _EFFECT_KEYS if effect.startswith(k)), None)
                if key:
                    counts[key] = counts.get(key, 0) + 1
        return counts

    @property
    def invalid(self) -> bool:
        return any(c.kind == "invalid" for c in self.changes) or any(p.is_error for p in self.problems)


_EFFECT_KEYS = ("becomes public", "leaves the public site", "changes a public page", "scheduled")


# --- loading both sides ---------------------------------------------------------------------------


def load_revision(config: Config, repo: gitio.Repo, rev: str) -> Side:
    """Every brief at ``rev``, read with one ``git ls-tree`` and one ``git cat-file --batch``."""
    commit = gitio.resolve(repo, rev)
    try:
        folder = repo.rel(config.briefs_dir)
    except ValueError:
        raise BriefkitError(f"the briefs folder {config.briefs_dir} is outside the git repository {repo.top}") from None
    blobs = gitio.list_tree(repo, commit, folder)
    base = PurePosixPath(folder) if folder not in ("", ".") else PurePosixPath()
    max_size = config.options.max_file_size
    problems: list[Problem] = []
    sources: list[RawFile] = []
    sides: dict[str, RawFile] = {}
    wanted: list[gitio.Blob] = []
    # The rule of briefkit.source.discovery, as load.discover applies it on disk: links are reported, never read.
    for blob in sorted(blobs, key=lambda b: b.path):
        path = PurePosixPath(blob.path)
        if not path.is_relative_to(base) or discovery.hidden(path.relative_to(base)):
            continue
        rel = path.relative_to(base)
        shown = display_path(repo.top / blob.path)
        if blob.link:
            problems.append(discovery.symlink_problem(shown))
            if discovery.is_brief(rel):
                sources.append((shown, None))
        elif discovery.is_brief(rel) or discovery.is_vocabulary(rel):
            wanted.append(blob)
    contents = gitio.read_blobs(repo, [b for b in wanted if b.size <= max_size])
    for blob in wanted:
        shown = display_path(repo.top / blob.path)
        raw = contents.get(blob.path)
        if raw is None:
            problems.append(too_large(shown, blob.size, max_size))
        if discovery.is_vocabulary(PurePosixPath(blob.path).relative_to(base)):
            sides[PurePosixPath(blob.path).name] = (shown, raw)
        else:
            sources.append((shown, raw))
    sources.sort()
    result = load_sources(config, sources, tags_file=sides.get(TAGS_FILE), authors_file=sides.get(AUTHORS_FILE), problems=problems)
    return Side(rev, commit, result)


def load_sides(config: Config, base: str, head: str | None) -> tuple[Side, Side]:
    repo = gitio.require_repo(config.root)
    old = load_revision(config, repo, base)
    new = load_revision(config, repo, head) if head else Side("working tree", None, load(config))
    return old, new


# --- comparing ------------------------------------------------------------------------------------


def compare(old: Side, new: Side, now: datetime, tz: tzinfo) -> Diff:
    before, after = old.by_path(), new.by_path()
    old_paths, new_paths = set(old.result.paths), set(new.result.paths)
    problems_at: dict[str, list[Problem]] = {}
    for p in new.result.problems:
        problems_at.setdefault(p.path, []).append(p)

    pairs: list[tuple[str | None, str | None]] = [(p, p) for p in sorted(old_paths & new_paths)]
    gone = sorted(old_paths - new_paths)
    came = sorted(new_paths - old_paths)
    for match in (_same_bytes, _same_slug, _similar):
        for was, now_at in list(match(gone, came, before, after)):
            pairs.append((was, now_at))
            gone.remove(was)
            came.remove(now_at)
    pairs += [(was, None) for was in gone] + [(None, now_at) for now_at in came]

    changes = []
    for a, b in pairs:
        change = _change(a, b, before, after, problems_at, now, tz)
        if change is not None:
            changes.append(change)
    changes.sort(key=lambda c: (KINDS.index(c.kind), c.path))

    # A brief that does not validate at HEAD is counted as it was: the report shows what the rest changes.
    kept = [c.old for c in changes if c.kind == "invalid" and c.old is not None]
    old_tags = _public_tags(old.result.corpus.briefs, now, tz, old.result.corpus.vocabulary)
    new_tags = _public_tags([*new.result.corpus.briefs, *kept], now, tz, new.result.corpus.vocabulary)
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
    return _with_editions(compare(old, new, now, config.tz), config, now)


def _with_editions(result: Diff, config: Config, now: datetime) -> Diff:
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
    effects = _effects(old or c.old, new or c.new, old is not None, new is not None, now, tz)
    return replace(c, effects=tuple(effects), public_before=old is not None, public_after=new is not None)


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
    fields = _fields(old, new) if old and new else ()
    texts = _texts(old, new) if old and new else ()
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
        tuple(_effects(old, new, vis_old.public if vis_old else False, vis_new.public if vis_new else False, now, tz)),
        bool(vis_old and vis_old.public),
        bool(vis_new and vis_new.public),
        problems,
        tuple(notes),
    )


def _show(value: Moment | None) -> str | None:
    if value is None:
        return None
    return value.isoformat()


def _fields(old: Brief, new: Brief) -> list[FieldChange]:
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
    multi("authors", [p.name for p in old.authors], [p.name for p in new.authors])
    scalar("confidence", old.confidence.value if old.confidence else None, new.confidence.value if new.confidence else None)
    scalar("featured", str(old.featured).lower(), str(new.featured).lower())
    multi("sources", [s.title for s in old.sources], [s.title for s in new.sources])
    multi("corrections", [f"{_show(c.date)}: {c.text}" for c in old.corrections], [f"{_show(c.date)}: {c.text}" for c in new.corrections])
    return out


def _texts(old: Brief, new: Brief) -> list[TextChange]:
    out = []
    for name, label in (("summary", "Summary"), ("bluf", "BLUF")):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            out.append(TextChange(name, label, (word_diff(a, b),)))
    if old.key_points != new.key_points:
        out.append(TextChange("key_points", "Key points", _list_diff(list(old.key_points), list(new.key_points))))
    if old.body != new.body:
        blocks = _list_diff(_paragraphs(old.body), _paragraphs(new.body))
        if blocks:
            out.append(TextChange("body", "Body", blocks))
    return out


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _list_diff(a: list[str], b: list[str]) -> tuple[tuple[Op, ...], ...]:
    """Changed items only: edited ones as word diffs, whole new or removed ones as one op."""
    blocks: list[tuple[Op, ...]] = []
    matcher = difflib.SequenceMatcher(None, [" ".join(x.split()) for x in a], [" ".join(x.split()) for x in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        while olds and news:  # edited in place: pair them up in order
            blocks.append(word_diff(olds.pop(0), news.pop(0)))
        blocks += [(("-", x),) for x in olds]
        blocks += [(("+", x),) for x in news]
    return tuple(blocks)


_TOKEN = re.compile(r"\s+|\w+(?:['’-]\w+)*|[^\w\s]")


def _key(token: str) -> str:
    if token.isspace():
        return "\n\n" if token.count("\n") > 1 else " "
    return token


WORD_BUDGET = 20_000
"""Largest token-count product diffed word by word in one go.  difflib's matcher is
quadratic on texts with many repeated words; bigger changes are first split into
lines or sentences, and only the parts that differ are diffed by word."""


def word_diff(a: str, b: str) -> tuple[Op, ...]:
    """Word-level diff: whitespace differences alone do not count as changes."""
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    # The common start and end cost nothing to find and are most of a typical edit.
    head = 0
    while head < min(len(ta), len(tb)) and _key(ta[head]) == _key(tb[head]):
        head += 1
    tail = 0
    while tail < min(len(ta), len(tb)) - head and _key(ta[-1 - tail]) == _key(tb[-1 - tail]):
        tail += 1
    if (len(ta) - head - tail) * (len(tb) - head - tail) > WORD_BUDGET:
        # The middle will be split into lines: start and end it on line boundaries.
        while head and not _line_start(ta, head):
            head -= 1
        while tail and not _line_start(ta, len(ta) - tail):
            tail -= 1
    ops: list[Op] = [("=", "".join(tb[:head]))] if head else []
    ops += _diff_tokens(ta[head : len(ta) - tail], tb[head : len(tb) - tail])
    if tail:
        ops.append(("=", "".join(tb[len(tb) - tail :])))
    return _coalesce(ops)


def _diff_tokens(ta: list[str], tb: list[str]) -> list[Op]:
    if not ta or not tb:
        return [("-", "".join(ta))] if ta else [("+", "".join(tb))] if tb else []
    if len(ta) * len(tb) <= WORD_BUDGET:
        return _diff_words(ta, tb)
    ca, cb = _chunks(ta), _chunks(tb)
    if len(ca) == 1 and len(cb) == 1:  # one huge line: give up on word detail
        return [("-", "".join(ta)), ("+", "".join(tb))]
    ops: list[Op] = []
    matcher = difflib.SequenceMatcher(None, ["".join(map(_key, c)) for c in ca], ["".join(map(_key, c)) for c in cb], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(t for c in cb[j1:j2] for t in c)))
        elif i2 - i1 == j2 - j1:  # the same number of lines: diff them pairwise
            for x, y in zip(ca[i1:i2], cb[j1:j2], strict=True):
                ops += _diff_tokens(x, y)
        else:
            xa, xb = [t for c in ca[i1:i2] for t in c], [t for c in cb[j1:j2] for t in c]
            if xa and xb and len(xa) * len(xb) <= WORD_BUDGET:
                ops += _diff_words(xa, xb)
            else:  # lines added, removed, or rewritten wholesale
                ops += [op for op in (("-", "".join(xa)), ("+", "".join(xb))) if op[1]]
    return ops


def _line_start(tokens: list[str], i: int) -> bool:
    return i == 0 or (tokens[i - 1].isspace() and "\n" in tokens[i - 1])


def _chunks(tokens: list[str]) -> list[list[str]]:
    """Lines, or sentences in a long line: each chunk ends after a newline or ". "."""
    chunks: list[list[str]] = [[]]
    for i, token in enumerate(tokens):
        chunks[-1].append(token)
        if token.isspace() and ("\n" in token or (i and tokens[i - 1] in ".!?")):
            chunks.append([])
    return [c for c in chunks if c]


def _diff_words(ta: list[str], tb: list[str]) -> list[Op]:
    matcher = difflib.SequenceMatcher(None, [_key(t) for t in ta], [_key(t) for t in tb], autojunk=False)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(tb[j1:j2])))
            continue
        if i2 > i1:
            ops.append(("-", "".join(ta[i1:i2])))
        if j2 > j1:
            ops.append(("+", "".join(tb[j1:j2])))
    return ops


def _coalesce(ops: list[Op]) -> tuple[Op, ...]:
    """Merge changes separated only by spaces: ``[-big dog-]{+small cat+}``, not
    ``[-big-]{+small+} [-dog-]{+cat+}``.  The ops still spell out both texts exactly."""
    out: list[Op] = []
    dels: list[str] = []
    ins: list[str] = []

    def flush() -> None:
        if dels:
            out.append(("-", "".join(dels)))
        if ins:
            out.append(("+", "".join(ins)))
        dels.clear()
        ins.clear()

    for i, (tag, text) in enumerate(ops):
        if tag != "=":
            (dels if tag == "-" else ins).append(text)
        elif (dels or ins) and text.isspace() and i + 1 < len(ops) and ops[i + 1][0] != "=":
            dels.append(text)
            ins.append(text)
        else:
            flush()
            out.append((tag, text))
    flush()
    return _absorb_short(out)


def _absorb_short(ops: list[Op]) -> tuple[Op, ...]:
    """Fold a lone short word kept between two rewrites into them, so that a rewritten
    sentence reads as one change rather than being cut up at every "and" and "the"."""
    ops = list(ops)
    i = 0
    while i + 5 < len(ops) + 1:
        window = ops[i : i + 5]
        tags = [t for t, _ in window]
        if tags == ["-", "+", "=", "-", "+"] and len(re.findall(r"\w+|[^\w\s]", window[2][1])) <= 1:
            kept = window[2][1]
            ops[i : i + 5] = [("-", window[0][1] + kept + window[3][1]), ("+", window[1][1] + kept + window[4][1])]
            i = max(i - 3, 0)
            continue
        i += 1
    return tuple(ops)


# --- the public site ------------------------------------------------------------------------------


def _effects(old: Brief | None, new: Brief | None, was: bool, now_public: bool, now: datetime, tz: tzinfo) -> list[str]:
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


def _public_tags(briefs: Iterable[Brief], now: datetime, tz: tzinfo, vocabulary: dict[str, Tag]) -> dict[str, str]:
    """Tag names as the public site spells them: voted on by public briefs only (model.unify_tags)."""
    _, tags = unify_tags((b for b in briefs if visibility(b, now, tz).public), vocabulary)
    return {slug: t.name for slug, t in tags.items()}
