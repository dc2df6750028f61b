"""Stage 7, publish: the complete staging folder becomes the site, and the build's records are written.

Nothing before this stage touches the live site: the swap is one rename
(:func:`briefkit.common.fsio.swap_dir`), and the records that call a site
"up to date" are written only after it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefkit.common.report import Reporter
from briefkit.pipeline.layout import BuildLayout, refuse_foreign, shown
from briefkit.pipeline.rendering import Rendered


def swap_in(rendered: Rendered, staging: Path) -> dict[str, Any]:
    """Swap the complete ``staging`` folder in as the site; returns its record (not yet written)."""
    from briefkit.common import fsio
    from briefkit.pipeline import siterecord

    out = rendered.plan.layout
    whole = siterecord.scan(staging)
    fsio.fault_point("before-swap")
    out.record.unlink(missing_ok=True)  # from here until it is rewritten, no build calls the site up to date
    fsio.swap_dir(staging, out.site)
    return whole


def record(rendered: Rendered, whole: dict[str, Any], pdf_keys: frozenset[str]) -> None:
    """After the swap: the records that call this site up to date, and the PDF cache pruned to what it uses."""
    from briefkit.pipeline import manifest, siterecord

    out = rendered.plan.layout
    siterecord.write(out.record, whole)
    manifest.write(out.manifest, rendered.record)
    if rendered.plan.pdf:
        from briefkit.editions.build import cache_kind
        from briefkit.pdf.prune import prune_unused

        edition = rendered.plan.loaded.edition
        kind = "preview" if edition is None else cache_kind(edition)
        prune_unused(rendered.plan.config, kind, used=set(pdf_keys))


def recover(out: BuildLayout, reporter: Reporter) -> None:
    """Undo what a killed build left (called with the build lock held, so no other build is mid-swap)."""
    from briefkit.common import fsio

    if fsio.recover_dir(out.site):
        reporter.note(f"restored the last complete site {shown(out.site)} after an interrupted build")
    for leftover in [*out.root.glob(".site-*"), *out.root.glob(f"{fsio.aside_prefix(out.site)}*")]:
        fsio.remove_tree(leftover)  # staging or an old site: never the live one


def forget(out: BuildLayout) -> None:
    """``--clean``: delete the pages briefkit wrote and the manifest, so everything is made again."""
    from briefkit.common import fsio

    refuse_foreign(out.docs, fsio.sync_tree(out.docs, {}))
    out.manifest.unlink(missing_ok=True)
