"""Stage 4, engine: the docs folder and engine config on disk, then MkDocs into a staging folder; and the search index.

:func:`write_docs` puts the rendered files where any engine reading
``mkdocs.yml`` can build them (only changed bytes are written).  When the
output matches the last complete build, nothing later runs.
:func:`engine` runs MkDocs into the staging folder; :func:`index` adds
Pagefind's index to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefkit.common.report import Reporter
from briefkit.pipeline.rendering import Rendered


@dataclass(frozen=True)
class Written:
    written: int
    removed: int
    pages_kept: bool
    """Everything the engine reads matches the last complete build, and its site is whole: its pages are kept as they are."""
    up_to_date: bool
    """Pages kept and no PDFs to redo: nothing later runs."""


def write_docs(rendered: Rendered, *, clean: bool) -> Written:
    from briefkit.common import fsio
    from briefkit.pipeline import manifest, siterecord
    from briefkit.pipeline.layout import refuse_foreign
    from briefkit.web.engine import engines

    out = rendered.plan.layout
    synced = fsio.sync_tree(out.docs, dict(rendered.docs))
    refuse_foreign(out.docs, synced)
    engines.write_config(rendered.plan.config, rendered.engine, out.root, out.overrides)
    kept = not clean and manifest.same_site(manifest.read(out.manifest), rendered.record) and siterecord.is_whole(out.record, out.site)
    # PDFs are redone each by its own key (pdf.cache), so with PDFs on the print stage still runs.
    return Written(synced.written, synced.removed, kept, kept and not rendered.plan.pdf)


def engine(rendered: Rendered, staging: Path, reporter: Reporter) -> int:
    """Build the docs folder into ``staging`` with MkDocs; returns the number of warnings."""
    from briefkit.web.engine import site

    mk = rendered.engine.mk
    mk["site_dir"] = str(staging)
    return site.build(mk, rendered.plan.config, reporter)


def index(rendered: Rendered, staging: Path, reporter: Reporter) -> None:
    """Stage 6: Pagefind's index of the brief pages, when the site uses it."""
    from briefkit.web import search

    search.index_site(rendered.plan.config, staging, reporter)
