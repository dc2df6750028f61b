"""Stage 1, load: the briefs as validated, and the corpus a run shows.

Every command that reads briefs reads them here: ``brief build``, ``serve``
and ``pdf`` through :func:`load`, ``brief check`` and ``status`` through
:func:`load_tree`, and ``brief diff`` through :func:`load_at`, which reads
the working tree or any revision with the same validation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from briefkit.common.report import Reporter
from briefkit.config import Config
from briefkit.editions.model import Edition
from briefkit.errors import BriefkitError
from briefkit.model import Corpus
from briefkit.source.load import LoadResult


@dataclass(frozen=True)
class Loaded:
    """What a build or a print run starts from."""

    config: Config
    result: LoadResult
    """Every brief that validated."""
    corpus: Corpus
    """What this run shows: public briefs only (as of ``now``), or every brief in a preview."""
    now: datetime
    preview: bool
    edition: Edition | None = None
    """The edition this run builds (None for a preview, which shows everything)."""


def load(config: Config, reporter: Reporter, *, now: datetime, preview: bool, edition: Edition | None = None) -> Loaded:
    """Load for a build: warnings are shown, any error stops the run.

    The corpus is what the run's audience may see (:mod:`briefkit.editions`):
    the public edition (``TLP:CLEAR``) unless another is named; a preview
    shows every brief.  Everything computed across briefs later (tags,
    counts, related links) comes from this corpus only.
    """
    from briefkit.editions import build as editions

    result = load_valid(config, reporter)
    if preview:
        return Loaded(config, result, editions.preview_corpus(result.corpus), now, preview)
    edition = edition or editions.public_edition(config)
    corpus = editions.edition_corpus(result.corpus, edition, now, config.tz)
    return Loaded(editions.edition_config(config, edition), result, corpus, now, preview, edition)


def load_valid(config: Config, reporter: Reporter) -> LoadResult:
    result = load_tree(config)
    if result.errors:
        raise BriefkitError(f"{len(result.errors)} error(s) in briefs; nothing was built", problems=result.problems)
    for problem in result.problems:
        reporter.warn(problem.format())
    return result


def load_tree(config: Config, paths: Sequence[Path] = ()) -> LoadResult:
    """The briefs on disk (or just ``paths``); problems are in the result, never raised."""
    from briefkit.source.load import load as read

    return read(config, paths or None)


@dataclass(frozen=True)
class Revision:
    """The briefs at one revision, or in the working tree."""

    label: str
    """What the user typed (``main``), or ``working tree``."""
    commit: str | None
    """The commit id; None for the working tree."""
    result: LoadResult


def load_at(config: Config, revision: str | None) -> Revision:
    """The briefs at ``revision`` (read from git), or in the working tree when it is None."""
    if revision is None:
        return Revision("working tree", None, load_tree(config))
    from briefkit.review import gitio
    from briefkit.review.diff import load_revision

    side = load_revision(config, gitio.require_repo(config.root), revision)
    return Revision(side.label, side.commit, side.result)
