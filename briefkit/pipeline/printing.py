"""Stage 5, print: the PDFs of a build, and of ``brief pdf`` on its own.

With a scheduler (``--scheduler`` or ``scheduler:`` in mkdocs.yml) the
renders run on a Dask cluster (:mod:`briefkit.pipeline.dask_executor`); the
cluster is reached only when some PDF is not in the cache, so an unchanged
build needs no cluster at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from briefkit.common.report import Reporter
from briefkit.pipeline.loading import Loaded
from briefkit.pipeline.rendering import Rendered

if TYPE_CHECKING:
    from briefkit.pdf import PdfStats, PrintChoices


def print_site(rendered: Rendered, staging: Path, reporter: Reporter, *, jobs: int) -> frozenset[str]:
    """Every brief's PDF and every book into ``staging/pdf``; returns the cache keys published (nothing without PDFs)."""
    plan = rendered.plan
    if not plan.pdf:
        return frozenset()
    stats = print_pdfs(
        plan.loaded, staging / "pdf", reporter, jobs=jobs, books=plan.books, markdown=rendered.markdown, views=rendered.views
    )
    return frozenset(stats.keys)


def print_pdfs(loaded: Loaded, out_dir: Path, reporter: Reporter, **choices: Unpack[PrintChoices]) -> PdfStats:
    """PDFs of ``briefs`` and ``books`` (default: all, as configured) of the loaded corpus into ``out_dir``."""
    from briefkit.pdf import render_pdfs

    config = loaded.config
    scheduler = config.options.scheduler
    if not scheduler or choices.get("executor") is not None:
        return render_pdfs(config, loaded.corpus, loaded.now, out_dir, reporter, preview=loaded.preview, **choices)
    from briefkit.pipeline.dask_executor import OnDemand

    with OnDemand(scheduler, reporter) as cluster:
        choices["executor"] = cluster
        return render_pdfs(config, loaded.corpus, loaded.now, out_dir, reporter, preview=loaded.preview, **choices)
