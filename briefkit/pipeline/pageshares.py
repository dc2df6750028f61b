"""Pages built in shares: a task per share, run by any :class:`~briefkit.pipeline.executors.Executor`.

:func:`build_share` is a top-level function of one plain, picklable
:class:`ShareTask` and returns plain values, so it runs the same here, in a
local worker process or on a Dask worker.  The worker loads ``mkdocs.yml``
itself with the loader the build used (:func:`briefkit.web.engine.site.load`),
renders its share into a scratch folder, and returns its
share's pages; the driver assembles the site (:func:`briefkit.web.engine.subset.build`).
The docs folder must be readable at the same path where the worker runs.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefkit.config import Config
from briefkit.editions.model import Edition
from briefkit.web.engine.subset import PageOutput

MIN_SHARE = 4
"""Fewer pages than this per process are rendered in the build's own MkDocs run: a worker costs a config load and a theme copy."""


@dataclass(frozen=True)
class ShareTask:
    config: Config
    edition: Edition | None
    docs: str
    overrides: str
    scratch: str
    """A folder the worker may write its site into (removed by the driver afterwards)."""
    untitled: tuple[str, ...]
    """Nav pages whose title the nav reads from the page: rendered too (nav pages with a title in the nav are not needed)."""
    pages: tuple[str, ...]


@dataclass(frozen=True)
class ShareResult:
    pages: tuple[PageOutput, ...]
    warnings: tuple[str, ...]


def partition(pages: Sequence[str], workers: int) -> list[tuple[str, ...]]:
    """Pages in contiguous shares of near-equal size, one per worker; none when one process is the better deal."""
    count = min(workers, len(pages) // MIN_SHARE)
    if count < 2:
        return []
    size, extra = divmod(len(pages), count)
    shares, start = [], 0
    for number in range(count):
        end = start + size + (1 if number < extra else 0)
        shares.append(tuple(pages[start:end]))
        start = end
    return shares


def build_share(task: ShareTask) -> ShareResult:
    """Render one share of the pages (and the nav pages the nav takes titles from) and return the share's pages."""
    from briefkit.common.fsio import fault_point
    from briefkit.common.report import Reporter
    from briefkit.web.engine import site, subset

    fault_point("engine-share")
    reporter = Reporter(quiet=True, stream=io.StringIO())  # the driver reports what matters: MkDocs' warnings, returned
    folder = Path(tempfile.mkdtemp(prefix="share-", dir=task.scratch))
    try:
        engine = site.load(task.config, docs_dir=Path(task.docs), site_dir=folder, overrides_dir=Path(task.overrides), reporter=reporter)
        if task.edition is not None:
            from briefkit.editions.build import configure_engine

            configure_engine(engine.mk, task.edition)
        render = frozenset(task.pages) | frozenset(task.untitled)
        built = subset.build(engine.mk, task.config, reporter, render=render, copy_files=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return ShareResult(tuple(built.outputs[src] for src in task.pages if src in built.outputs), built.warnings)
