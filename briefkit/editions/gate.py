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
normalising both sides the same way (:mod:`briefkit.editions.phrases`:
HTML entities and tags, Unicode NFKC, case, soft hyphens, punctuation and
whitespace), so escaped HTML, JSON strings and hyphenated PDF lines still
match.  With a cache (:mod:`briefkit.editions.gatecache`), a file whose
bytes are those of the last scan under the same withheld texts is not read
again; what it held is judged again all the same.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.editions.gatecache import FileCache, ScanStats, cache_key
from briefkit.editions.phrases import ChunkMemo, Phrase, chunk_words, found_phrases, source_text, source_words, word_runs, words
from briefkit.editions.textextract import Unreadable, data_text, read_file
from briefkit.errors import Problem, error

SHINGLE = 8
"""Words per phrase: long enough to be distinctive, short enough to survive a page break or a heading."""
MAX_FILES = 10
"""Output files named per leaking item; the rest are counted (a leaking template prints on every page)."""
MIN_WORDS = 4
"""A text shorter than a phrase counts whole from this many words ("Drone incursions from the coast")."""

__all__ = ["Fingerprints", "Withheld", "fingerprints", "scan", "shared_phrases", "source_words", "words"]


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
    phrases: dict[int, dict[Phrase, tuple[int, ...]]] = field(default_factory=dict)
    """Phrase length -> phrase (normalised words) -> indices into ``withheld``."""

    def __bool__(self) -> bool:
        return any(self.phrases.values())


def _phrases(tokens: Sequence[str]) -> set[Phrase]:
    if len(tokens) >= SHINGLE:
        return set(word_runs(tokens, SHINGLE))
    return {tuple(tokens)} if len(tokens) >= MIN_WORDS else set()


def fingerprints(withheld: Iterable[Withheld], held: Iterable[str] = ()) -> Fingerprints:
    """Distinctive phrases of ``withheld``, leaving out every phrase that also occurs in ``held``.

    ``held`` is the text the edition does show (its briefs' fields, tearlines,
    names): a phrase found there is no evidence of a leak.
    """
    items = tuple(sorted(set(withheld)))
    phrases: dict[int, dict[Phrase, list[int]]] = {}
    for index, item in enumerate(items):
        for phrase in _phrases(source_words(item.text)):
            phrases.setdefault(len(phrase), {}).setdefault(phrase, []).append(index)
    held = list(held)
    shared = shared_phrases({p for t in phrases.values() for p in t}, held) if held else set()
    kept = {n: {p: tuple(ix) for p, ix in t.items() if p not in shared} for n, t in phrases.items()}
    kept = {n: t for n, t in kept.items() if t}
    return Fingerprints(items, kept)


def shared_phrases(phrases: set[Phrase], held: Iterable[str]) -> set[Phrase]:
    """Those of ``phrases`` that occur in ``held``: no evidence of a leak.

    Held text counts as rendered and as written (a link's target is printed
    too: an href, a URL shown).
    """
    held = list(held)
    if not phrases or not held:
        return set()
    table = {n: dict.fromkeys(p for p in phrases if len(p) == n) for n in {len(p) for p in phrases}}
    return found_phrases(table, chunk_words([source_text(t) for t in held]) + chunk_words(held))


def by_item(prints: Fingerprints, phrases: Iterable[Phrase]) -> dict[int, list[Phrase]]:
    """Found phrases grouped by the withheld items they come from, each item's phrases sorted."""
    out: dict[int, list[Phrase]] = {}
    for phrase in sorted(phrases):
        for index in prints.phrases.get(len(phrase), {}).get(phrase, ()):
            out.setdefault(index, []).append(phrase)
    return out


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


last_scan = ScanStats()
"""The counts of the latest :func:`scan` in this process: files read, and files whose findings came from the cache."""


def scan(
    root: Path,
    withheld: Sequence[Withheld],
    held: Iterable[str] = (),
    *,
    edition: str = "public",
    shown_as: Path | None = None,
    locate: Callable[[Withheld], Withheld] | None = None,
    cache: Path | None = None,
) -> list[Problem]:
    """Every withheld item found in any output file under ``root``: one error per (file, item), sorted.

    Past :data:`MAX_FILES` files for one item, one more error counts the rest.

    A file that cannot be read as its type says is an error too: the gate
    fails closed instead of passing what it could not check.  ``shown_as``
    is the folder problems name instead of ``root`` (the live site, for a
    build checked in its staging folder).  ``locate`` fills in an item's
    line and column when it leaks (reading a brief's file only then).
    ``cache`` is the file that remembers what each output file held
    (:mod:`briefkit.editions.gatecache`): only files whose bytes changed
    since are read.
    """
    global last_scan
    # Held text is compared only with the phrases found in the output (few), not with every withheld phrase.
    prints = fingerprints(withheld)
    last_scan = ScanStats()
    if not prints:
        return []
    files, other = output_files(root)
    problems: set[Problem] = {_special(path, root, shown_as, edition) for path in other}
    memo = ChunkMemo(prints.phrases)
    known = FileCache(cache, cache_key((w.text for w in prints.withheld), SHINGLE, MIN_WORDS)) if cache else None
    hits: list[tuple[str, set[Phrase]]] = []  # (file as shown, phrases found in it), for files holding any
    for path in files:
        name = path.relative_to(root).as_posix()
        shown = _shown((shown_as or root) / name)
        try:
            data = read_file(path)
            digest = hashlib.sha256(data).hexdigest()
            cached = known.get(name, digest) if known else None
            if cached is None:
                last_scan.read += 1
                found = memo.phrases(data_text(data, path.name))
            else:
                last_scan.reused += 1
                found = set(cached)
        except Unreadable as exc:
            problems.add(_unreadable(shown, edition, str(exc)))
            continue
        if known:
            known.put(name, digest, found)
        if found:
            hits.append((shown, found))
    if known:
        known.save()
    shared = shared_phrases(set().union(*(found for _, found in hits)), held)
    where: dict[int, list[tuple[str, Phrase]]] = {}
    for shown, found in hits:
        for index, evidence in by_item(prints, found - shared).items():
            where.setdefault(index, []).append((shown, _first(prints.withheld[index], evidence)))
    for index, found_in in sorted(where.items()):
        item = locate(prints.withheld[index]) if locate else prints.withheld[index]
        problems.update(_leak(item, shown, phrase, edition) for shown, phrase in found_in[:MAX_FILES])
        if len(found_in) > MAX_FILES:
            problems.add(_more(item, len(found_in) - MAX_FILES, edition))
    return sorted(problems)


def _first(item: Withheld, phrases: list[Phrase]) -> Phrase:
    """The phrase that comes first in the item's text: the finding names the earliest words that leaked."""
    if len(phrases) == 1:
        return phrases[0]
    tokens = source_words(item.text)
    starts = {p: i for i, p in reversed(list(enumerate(word_runs(tokens, len(phrases[0])))))}
    return min(phrases, key=lambda p: (starts.get(p, len(tokens)), p))


def _special(path: Path, root: Path, shown_as: Path | None, edition: str) -> Problem:
    return error(
        _shown((shown_as or root) / path.relative_to(root)),
        0,
        0,
        "edition-unreadable",
        f"the leak gate does not follow this link or special file in the {edition} edition (a web server might)",
        "briefkit writes only regular files: remove it",
    )


def _unreadable(shown: str, edition: str, why: str) -> Problem:
    return error(
        shown,
        0,
        0,
        "edition-unreadable",
        f"the leak gate cannot check this output file of the {edition} edition: {why}",
        "remove or repair the file; the gate does not pass what it cannot read",
    )


def _leak(item: Withheld, shown: str, phrase: Phrase, edition: str) -> Problem:
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
