"""Keep the PDF cache to what the last full builds published.

The cache (``pdf.cache_dir``, ``build/cache/pdf`` by default) holds one
rendered PDF per key, plus a JSON sidecar of its render warnings.  CI keeps
it between runs, so an entry outlives the brief it was made from: a
retracted brief, or one whose label was raised, would stay in it.

After every complete ``brief build`` (public or preview), this deletes each
entry that the build did not publish, except the ones the last build of the
*other* kind published (so alternating preview and public builds does not
re-render everything).  "Published" is the set of keys the build linked into
its site (``PdfStats.keys``), not a guess from file times: two builds a
second apart must not keep each other's entries.  Each kind's list is kept
in ``.used-<kind>.json`` in the cache folder.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from briefkit.common.fsio import atomic_write
from briefkit.config import Config

KINDS = ("public", "preview")


def _index(root: Path, kind: str) -> Path:
    return root / f".used-{kind}.json"


def _read(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {str(k) for k in data} if isinstance(data, list) else set()


def prune_unused(config: Config, kind: str, *, used: set[str]) -> int:
    """Delete cache entries that the complete build of ``kind``, which published ``used``, did not use; the number deleted."""
    root = config.path(config.options.pdf.cache_dir)
    if not root.is_dir():
        return 0
    entries = list(root.glob("*/*.pdf"))
    others = {*(_index(root, k) for k in KINDS), *root.glob(".used-*.json")} - {_index(root, kind)}  # editions have their own
    keep = used | set().union(*(_read(other) for other in others))
    removed = 0
    for path in entries:
        if path.stem in keep:
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            path.with_suffix(".json").unlink(missing_ok=True)
            removed += 1
    atomic_write(_index(root, kind), json.dumps(sorted(used), indent=0).encode("utf-8"))
    return removed
