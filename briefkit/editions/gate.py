"""The leak gate: no output file of an edition holds distinctive text the edition may not hold.

An edition (the public site is edition TLP:CLEAR) withholds content: briefs
above its ceiling, briefs it shows only as a tearline, portions above its
ceiling.  :func:`fingerprints` turns that content into distinctive phrases:

* every run of :data:`SHINGLE` consecutive words of each withheld text;
* a withheld text shorter than that (a title, a key point, a source) whole,
  when it has at least :data:`MIN_WORDS` words.

Phrases that also occur in text the edition does hold are dropped: a tearline
often repeats sentences of its parent, and a public brief may quote a
restricted one's wording; neither is a leak.

:func:`scan` then reads every file of a built edition (HTML text and
attributes, JSON-LD, JSON, XML, gzip, PDF text; see
:mod:`briefkit.editions.textextract`) and reports each withheld item found in
a file as one Problem at the brief's field.  Text is compared after
normalising both sides the same way (HTML entities and tags, Unicode NFKC,
case, soft hyphens, punctuation and whitespace), so escaped HTML, JSON
strings and hyphenated PDF lines still match.
"""

from __future__ import annotations

import html
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.editions.textextract import Unreadable, file_text
from briefkit.errors import Problem, error

SHINGLE = 8
"""Words per phrase: long enough to be distinctive, short enough to survive a page break or a heading."""
MAX_FILES = 10
"""Output files named per leaking item; the rest are counted (a leaking template prints on every page)."""
MIN_WORDS = 4
"""A text shorter than a phrase counts whole from this many words ("Drone incursions from the coast")."""

_TAG = re.compile(r"</?[A-Za-z!?][^<>]*>")
_WORD = re.compile(r"\w+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Markdown that a reader never sees as text: link targets, reference definitions,
# attribute lists, block fences (/// portion | TLP:GREEN), footnote markers.
_MD_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_REF_DEF = re.compile(r"^[ \t]*\[[^\]]+\]:[ \t]*\S+.*$", re.MULTILINE)
_MD_ATTR_LIST = re.compile(r"\{:?[ \t]*[#.][^}\n]*\}")
_MD_FENCE = re.compile(r"^[ \t]*///.*$", re.MULTILINE)
_MD_FOOTNOTE_REF = re.compile(r"\[\^[^\]]*\]")


@dataclass(frozen=True, slots=True, order=True)
class Withheld:
    """One text an edition may not hold, and where it is written."""

    path: str
    """The brief's source file, as problems show it."""
    field: str
    """What it is: ``title``, ``summary``, ``bluf``, ``key_points[2]``, ``body``, ``tearlines[0].body`` ..."""
    line: int
    col: int
    text: str
    reason: str = ""
    """Why the edition withholds it, for the message: ``TLP:AMBER``, ``draft`` ..."""


@dataclass(frozen=True)
class Fingerprints:
    """Distinctive phrases of withheld text, by length, each naming the items it comes from."""

    withheld: tuple[Withheld, ...]
    phrases: dict[int, dict[tuple[str, ...], tuple[int, ...]]] = field(default_factory=dict)
    """Phrase length -> phrase (normalised words) -> indices into ``withheld``."""

    starts: dict[int, frozenset[str]] = field(default_factory=dict)
    """Phrase length -> every phrase's first word: only runs starting with one are looked up."""

    def __bool__(self) -> bool:
        return any(self.phrases.values())


def words(text: str) -> list[str]:
    """Normalised words: entities decoded, tags dropped, NFKC, casefolded, invisible characters removed."""
    for _ in range(3):  # text escaped twice over (a feed's HTML inside XML) still matches
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    text = _TAG.sub(" ", text)
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).casefold()
    return _WORD.findall(text)


def source_words(text: str) -> list[str]:
    """Words of brief source text (Markdown) as they read once rendered."""
    text = _MD_FENCE.sub(" ", text)
    text = _MD_REF_DEF.sub(" ", text)
    text = _MD_LINK_TARGET.sub("] ", text)
    text = _MD_ATTR_LIST.sub(" ", text)
    text = _MD_FOOTNOTE_REF.sub(" ", text)
    return words(text)


def _runs(tokens: Sequence[str], length: int, starts: frozenset[str] | None = None) -> Iterator[tuple[str, ...]]:
    """Every run of ``length`` consecutive words, or only those whose first word is in ``starts`` (far fewer tuples)."""
    for i in range(len(tokens) - length + 1):
        if starts is None or tokens[i] in starts:
            yield tuple(tokens[i : i + length])


def _phrases(tokens: Sequence[str]) -> set[tuple[str, ...]]:
    if len(tokens) >= SHINGLE:
        return set(_runs(tokens, SHINGLE))
    return {tuple(tokens)} if len(tokens) >= MIN_WORDS else set()


def fingerprints(withheld: Iterable[Withheld], held: Iterable[str] = ()) -> Fingerprints:
    """Distinctive phrases of ``withheld``, leaving out every phrase that also occurs in ``held``.

    ``held`` is the text the edition does show (its briefs' fields, tearlines,
    names): a phrase found there is no evidence of a leak.
    """
    items = tuple(sorted(set(withheld)))
    phrases: dict[int, dict[tuple[str, ...], list[int]]] = {}
    for index, item in enumerate(items):
        for phrase in _phrases(source_words(item.text)):
            phrases.setdefault(len(phrase), {}).setdefault(phrase, []).append(index)
    held = list(held)
    shared = shared_phrases({p for t in phrases.values() for p in t}, held) if held else set()
    kept = {n: {p: tuple(ix) for p, ix in t.items() if p not in shared} for n, t in phrases.items()}
    kept = {n: t for n, t in kept.items() if t}
    return Fingerprints(items, kept, {n: frozenset(p[0] for p in t) for n, t in kept.items()})


def shared_phrases(phrases: set[tuple[str, ...]], held: Iterable[str]) -> set[tuple[str, ...]]:
    """Those of ``phrases`` that occur in ``held``: no evidence of a leak.

    Held text counts as rendered and as written (a link's target is printed
    too: an href, a URL shown).  Only runs starting with a phrase's first word
    are built, so a few candidate phrases against a big site cost little.
    """
    held = list(held)
    if not phrases or not held:
        return set()
    starts = {n: frozenset(p[0] for p in phrases if len(p) == n) for n in {len(p) for p in phrases}}
    found: set[tuple[str, ...]] = set()
    for text in held:
        for tokens in (source_words(text), words(text)):
            for length, first in starts.items():
                found.update(run for run in _runs(tokens, length, first) if run in phrases)
    return found


def find(prints: Fingerprints, chunks: Iterable[str]) -> dict[int, list[tuple[str, ...]]]:
    """Which withheld items ``chunks`` hold: item index -> every phrase of it found, in the chunks' order."""
    found: dict[int, dict[tuple[str, ...], None]] = {}
    for chunk in chunks:
        tokens = words(chunk)
        for length, table in sorted(prints.phrases.items()):
            for run in _runs(tokens, length, prints.starts[length]):
                for index in table.get(run, ()):
                    found.setdefault(index, {})[run] = None
    return {index: list(runs) for index, runs in found.items()}


def output_files(root: Path) -> tuple[list[Path], list[Path]]:
    """Every regular file under ``root``, and everything else (links, FIFOs, devices), each sorted.

    briefkit writes only regular files (PDFs may be hard links into the
    cache); anything else is not followed, and reported.
    """
    files: list[Path] = []
    other: list[Path] = []
    for folder, dirs, names in os.walk(root):
        for name in [*dirs, *names]:
            path = Path(folder) / name
            mode = path.lstat().st_mode
            if stat.S_ISREG(mode):
                files.append(path)
            elif not stat.S_ISDIR(mode):
                other.append(path)
    return sorted(files), sorted(other)


def scan(
    root: Path,
    withheld: Sequence[Withheld],
    held: Iterable[str] = (),
    *,
    edition: str = "public",
    shown_as: Path | None = None,
    locate: Callable[[Withheld], Withheld] | None = None,
) -> list[Problem]:
    """Every withheld item found in any output file under ``root``: one error per (file, item), sorted.

    Past :data:`MAX_FILES` files for one item, one more error counts the rest.

    A file that cannot be read as its type says is an error too: the gate
    fails closed instead of passing what it could not check.  ``shown_as``
    is the folder problems name instead of ``root`` (the live site, for a
    build checked in its staging folder).  ``locate`` fills in an item's
    line and column when it leaks (reading a brief's file only then).
    """
    # Held text is compared only with the phrases found in the output (few), not with every withheld phrase.
    prints = fingerprints(withheld)
    if not prints:
        return []
    problems: set[Problem] = set()
    hits: list[tuple[str, int, list[tuple[str, ...]]]] = []
    files, other = output_files(root)
    for path in other:
        shown = _shown((shown_as or root) / path.relative_to(root))
        problems.add(
            error(
                shown,
                0,
                0,
                "edition-unreadable",
                f"the leak gate does not follow this link or special file in the {edition} edition (a web server might)",
                "briefkit writes only regular files: remove it",
            )
        )
    for path in files:
        shown = _shown((shown_as or root) / path.relative_to(root))
        try:
            chunks = file_text(path)
        except Unreadable as exc:
            problems.add(
                error(
                    shown,
                    0,
                    0,
                    "edition-unreadable",
                    f"the leak gate cannot check this output file of the {edition} edition: {exc}",
                    "remove or repair the file; the gate does not pass what it cannot read",
                )
            )
            continue
        hits.extend((shown, index, runs) for index, runs in find(prints, chunks).items())
    shared = shared_phrases({run for _, _, runs in hits for run in runs}, held)
    where: dict[int, list[tuple[str, tuple[str, ...]]]] = {}
    for shown, index, runs in hits:
        evidence = [run for run in runs if run not in shared]
        if evidence:
            where.setdefault(index, []).append((shown, evidence[0]))
    for index, found in sorted(where.items()):
        item = locate(prints.withheld[index]) if locate else prints.withheld[index]
        problems.update(_leak(item, shown, phrase, edition) for shown, phrase in found[:MAX_FILES])
        if len(found) > MAX_FILES:
            problems.add(_more(item, len(found) - MAX_FILES, edition))
    return sorted(problems)


def _leak(item: Withheld, shown: str, phrase: tuple[str, ...], edition: str) -> Problem:
    # Never quoted: problems reach terminals and CI logs, which the withheld text must not.
    tokens = source_words(item.text)
    start = next((i for i in range(len(tokens)) if tuple(tokens[i : i + len(phrase)]) == phrase), 0)
    span = f"words {start + 1}-{start + len(phrase)}" if len(phrase) < len(tokens) else "all of it"
    return _withheld_error(
        item,
        edition,
        f"but {shown} holds its text ({span})",
        "find what printed it (a template override, a page, a field of another brief) and remove it; "
        "the previous site stays until the build passes",
    )


def _more(item: Withheld, count: int, edition: str) -> Problem:
    return _withheld_error(item, edition, f"and {count} more output file(s) hold its text")


def _withheld_error(item: Withheld, edition: str, found: str, hint: str = "") -> Problem:
    """An ``edition-leak`` at the withheld field: what it is and from which edition, then where it was ``found``."""
    why = f" ({item.reason})" if item.reason else ""
    return error(item.path, item.line, item.col, "edition-leak", f"{item.field}{why} is withheld from the {edition} edition, {found}", hint)


def _shown(path: Path) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()
