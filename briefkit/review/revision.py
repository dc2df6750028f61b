"""The briefs at one revision, read from git, or in the working tree: the two sides ``brief diff`` compares.

A revision is read with one ``git ls-tree`` and one ``git cat-file --batch``,
and its entries are sorted by the same rule as files on disk
(:func:`briefkit.source.discovery.classify`); both sides are then validated
by the loader ``brief check`` uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from briefkit.common.paths import display_path
from briefkit.config import Config
from briefkit.errors import BriefkitError, Problem
from briefkit.model import Brief
from briefkit.review import gitio
from briefkit.source import discovery
from briefkit.source.load import AUTHORS_FILE, TAGS_FILE, LoadResult, RawFile, load, load_sources, too_large


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
    for blob in sorted(blobs, key=lambda b: b.path):
        path = PurePosixPath(blob.path)
        if not path.is_relative_to(base):
            continue
        rel = path.relative_to(base)
        kind = discovery.classify(rel, link=blob.link)
        if kind == "link":  # reported, never read; listed when named like a brief, as on disk
            shown = display_path(repo.top / blob.path)
            problems.append(discovery.symlink_problem(shown))
            if discovery.is_brief(rel):
                sources.append((shown, None))
        elif kind is not None:
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
