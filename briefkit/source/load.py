"""Read every brief under a folder, validate it, and build the frozen model: the loader's public entry.

Problems never raise: each is collected with its position, so one run
reports everything wrong in every file.  The work is done in stages, each in
its own module:

- :mod:`~briefkit.source.read`: which files (the rule of :mod:`~briefkit.source.discovery`) and their bytes;
- :mod:`~briefkit.source.vocab`: ``_tags.yml`` and ``_authors.yml``;
- :mod:`~briefkit.source.mapping`: one file to a brief (with :mod:`~briefkit.source.pydantic_problems`),
  spread over processes by :mod:`~briefkit.source.workers`;
- :mod:`~briefkit.source.corpus`: checks across all files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.config import Config
from briefkit.errors import Problem
from briefkit.model import Brief, Corpus, unify_tags
from briefkit.source.corpus import duplicate_slugs, spelling
from briefkit.source.mapping import SLUG_RE, Checked, Context, check_one
from briefkit.source.read import AUTHORS_FILE, TAGS_FILE, RawFile, discover, parse_source, read_disk, too_large
from briefkit.source.vocab import load_authors, load_tags
from briefkit.source.workers import check_all

__all__ = [  # what callers import from here, wherever it is defined
    "AUTHORS_FILE",
    "SLUG_RE",
    "TAGS_FILE",
    "LoadResult",
    "RawFile",
    "discover",
    "load",
    "load_sources",
    "load_tags",
    "parse_source",
    "read_brief",
    "too_large",
]


@dataclass
class LoadResult:
    corpus: Corpus
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    paths: tuple[str, ...] = ()
    """Display paths of every brief file read, valid or not."""
    labels: dict[str, str] = field(default_factory=dict)
    """Handling label by display path, for every file whose label can be told, valid or not (``brief diff`` redaction)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def load(config: Config, paths: Iterable[Path] | None = None) -> LoadResult:
    """Load the briefs under ``paths`` (default: the configured briefs folder)."""
    read = read_disk(config, paths)
    return load_sources(config, read.sources, tags_file=read.tags_file, authors_file=read.authors_file, problems=read.problems)


def load_sources(
    config: Config,
    sources: Iterable[RawFile],
    *,
    tags_file: RawFile | None = None,
    authors_file: RawFile | None = None,
    problems: Iterable[Problem] = (),
) -> LoadResult:
    """Validate briefs given as bytes, from files on disk or blobs read from git.

    ``problems`` are those already found while reading (unreadable or
    oversized files, whose bytes are None); the result holds them too.
    """
    problems = list(problems)
    vocab, aliases = load_tags(tags_file, problems)
    people = load_authors(authors_file, problems)

    files = list(sources)
    context = Context(vocab, aliases, people, config)
    loaded: list[Checked] = []
    labels: dict[str, str] = {}
    for (shown, _raw), checked in zip(files, check_all(files, context), strict=True):
        problems.extend(checked.problems)
        if checked.label is not None:
            labels[shown] = checked.label
        if checked.brief is not None:
            loaded.append(checked)

    problems.extend(duplicate_slugs([shown for shown, _ in files]))
    taken = {p.path for p in problems if p.is_error and p.code == "duplicate-slug"}
    loaded = [c for c in loaded if c.brief is not None and c.brief.path not in taken]
    # Spellings are voted on here over every brief (for 'brief check' and previews); a public
    # build votes again over public briefs only (Corpus.public).
    briefs, tags = unify_tags((c.brief for c in loaded if c.brief is not None), vocab)
    problems.extend(spelling(loaded, tags))
    problems.sort(key=lambda p: (p.path, p.line, p.col, p.code))
    return LoadResult(Corpus(briefs, tags, people, vocab), problems, len(files), tuple(shown for shown, _ in files), labels)


def read_brief(config: Config, shown: str, raw: bytes) -> Brief | None:
    """One brief from bytes as it stood in some commit, or None when it has any error then.

    History uses this to tell whether a brief was public at a commit; the
    vocabularies do not change whether it was, so none are applied.
    """
    checked = check_one(shown, raw, Context({}, {}, {}, config))
    return checked.brief
