"""The page cache: each page's HTML and search entries, by a key of everything that page's output depends on.

A page outside the nav is a function of its own Markdown and of what all
pages share (:mod:`briefkit.web.engine.subset`).  :func:`shared_key` hashes
the shared part; :func:`page_key` adds the page's path and bytes.  A
rebuild renders only the pages whose key is not here; the rest come from
here, and the site assembled from both is the one a cold build makes.

The shared part is, as parsed where that matters:

* the engine's inputs of the manifest (:func:`briefkit.pipeline.manifest.inputs`)
  but the docs: versions of briefkit and the web engines, the engine config
  and hooks and site theme folders (:func:`~briefkit.pipeline.manifest.engine_digest`),
  the theme overrides, the build switches, ``SOURCE_DATE_EPOCH``;
* MkDocs' nav and ``not_in_nav`` and the site address as this build set them;
* the Markdown of nav pages whose nav entry gives no title (the nav shows the title they give).

Which files the docs folder holds matters only to a page with Markdown
links (MkDocs resolves ``[text](target)`` against them, and warns, or not);
briefkit's generated pages link in raw HTML, which MkDocs leaves as it is, so
adding or unpublishing a brief leaves the other pages' keys alone.  A page
whose Markdown may hold such a link (:func:`may_link`) keys on the listing too.

Entries live under the build folder (``.briefkit-pages/``), one file each,
written atomically; a build removes the entries it did not use.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from briefkit.common.fsio import atomic_write
from briefkit.content import keys
from briefkit.web.engine.subset import PageOutput, Pages

FOLDER = ".briefkit-pages"
FORMAT = "briefkit-page-cache-1"


def shared_key(record: Mapping[str, Any], mk: Any, pages: Pages, markdown: Mapping[str, bytes]) -> str:
    engine_inputs = {k: v for k, v in record.items() if k not in ("sources", "docs")}
    settings = {"nav": mk["nav"], "not_in_nav": str(mk["not_in_nav"] or ""), "site_url": mk["site_url"] or ""}
    titled_by_page = {src: hashlib.sha256(markdown[src]).hexdigest() for src in sorted(pages.untitled) if src in markdown}
    from briefkit.web.engine.site import engine_identity

    return keys.digest(
        FORMAT,
        engine_identity(),
        keys.canonical(engine_inputs),
        keys.canonical(settings),
        keys.canonical(sorted(pages.in_nav)),
        keys.canonical(titled_by_page),
    )


def listing_key(docs: Iterable[str]) -> str:
    """Which files the docs folder holds (their names only)."""
    return keys.digest(keys.canonical(sorted(docs)))


_LINK_MARKS = (b"](", b"]:", b"markdown=")
"""An inline link or image, a reference definition, an md_in_html block (whose HTML MkDocs parses and resolves)."""


def may_link(markdown: bytes) -> bool:
    """The page may hold a link MkDocs resolves against the docs folder (false positives only cost a render)."""
    return any(mark in markdown for mark in _LINK_MARKS)


def page_key(shared: str, src: str, markdown: bytes, listing: str) -> str:
    return keys.digest(shared, src, hashlib.sha256(markdown).hexdigest(), listing if may_link(markdown) else "")


class PageCache:
    """Page outputs by key, one file each: a JSON line (paths, search entries), then the HTML bytes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str, src: str) -> PageOutput | None:
        try:
            data = self._path(key).read_bytes()
            head, _, html = data.partition(b"\n")
            meta = json.loads(head)
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT or meta.get("src") != src:
            return None
        search = meta.get("search")
        if not isinstance(search, list) or not isinstance(meta.get("dest"), str):
            return None
        return PageOutput(src, meta["dest"], html if meta.get("html") else None, tuple(search))

    def put(self, key: str, page: PageOutput) -> None:
        meta = {"format": FORMAT, "src": page.src, "dest": page.dest, "html": page.html is not None, "search": list(page.search)}
        head = json.dumps(meta, ensure_ascii=True, separators=(",", ":"), default=str).encode("ascii")  # as the search plugin writes them
        atomic_write(self._path(key), head + b"\n" + (page.html or b""))

    def prune(self, used: Iterable[str]) -> int:
        """Remove every entry not in ``used``; the number removed."""
        keep = set(used)
        removed = 0
        if not self.folder.is_dir():
            return 0
        for sub in self.folder.iterdir():
            if not sub.is_dir():
                continue
            for entry in sub.iterdir():
                if entry.name not in keep:
                    entry.unlink(missing_ok=True)
                    removed += 1
            if not any(sub.iterdir()):
                os.rmdir(sub)
        return removed
