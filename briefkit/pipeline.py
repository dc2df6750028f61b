"""The steps behind each command, in one place: load, check, build.

The CLI parses arguments and prints; everything it asks for goes through
here, and everything here reports through a :class:`Reporter`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from briefkit.config import Config
from briefkit.errors import BriefkitError
from briefkit.load import LoadResult, load
from briefkit.report import Reporter


def check(config: Config, paths: Sequence[Path] = ()) -> LoadResult:
    """Load and validate; problems are in the result, never raised."""
    return load(config, paths or None)


def load_valid(config: Config, reporter: Reporter) -> LoadResult:
    """Load for a build: warnings are shown, any error stops the build."""
    result = load(config)
    if result.errors:
        raise BriefkitError(f"{len(result.errors)} error(s) in briefs; nothing was built", problems=result.problems)
    for problem in result.problems:
        reporter.warn(problem.format())
    return result
