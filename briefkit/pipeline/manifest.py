"""The build manifest: hashes of everything the site is made from.

``brief build`` skips MkDocs (and PDFs and search indexing) when nothing
that feeds the site changed since the last successful build and the site is
still there.  It checks twice, always by content, never by mtimes:

1. before rendering, the *sources*: each brief's bytes and visibility, its
   git history, mkdocs.yml, every template, the site's assets, the build
   switches and the versions of the libraries that shape the output.  When
   they match, nothing is even rendered;
2. after rendering, the generated docs and theme overrides themselves (a
   change of sources can leave them identical, e.g. a comment in a brief).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from briefkit import __version__
from briefkit.common.fsio import atomic_write
from briefkit.model import Corpus

FORMAT = 1


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return ""


def files_digest(files: Mapping[str, bytes]) -> str:
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode())
        h.update(b"\0")
        h.update(hashlib.sha256(files[name]).digest())
    return h.hexdigest()


def versions() -> dict[str, str]:
    return {
        "briefkit": __version__,
        **{dist: _version(dist) for dist in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "nh3", "jinja2")},
    }


def sources_digest(
    *,
    config_digest: str,
    templates_digest: str,
    assets: Mapping[str, bytes],
    briefs: Iterable[tuple[str, ...]],
    histories: Mapping[str, Any],
    switches: Mapping[str, Any],
    corpus: Corpus,
) -> str:
    """One hash of everything rendering reads.  ``briefs`` rows: slug, digest, visibility.

    A brief's bytes are not all it shows: its tag and author names come from
    the vocabularies, so ``corpus`` (as loaded) adds :func:`vocabulary_digest`.
    """
    h = hashlib.sha256()
    for part in (
        json.dumps(versions(), sort_keys=True),
        config_digest,
        templates_digest,
        files_digest(assets),
        json.dumps(sorted(briefs)),
        vocabulary_digest(corpus),
        repr(sorted(histories.items())),
        json.dumps(dict(switches), sort_keys=True, default=str),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
    ):
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()


def vocabulary_digest(corpus: Corpus) -> str:
    """What ``_tags.yml`` and ``_authors.yml`` put into pages: each brief's resolved tags and authors, and the vocabularies.

    Without it, renaming an author (say, a name removed for safety) left the
    old name published until ``--clean``.
    """
    h = hashlib.sha256()
    for brief in sorted(corpus.briefs, key=lambda b: b.slug):
        h.update(repr((brief.slug, brief.tags, brief.authors)).encode("utf-8", "surrogatepass"))
    h.update(repr(sorted(corpus.tags.items())).encode("utf-8", "surrogatepass"))
    h.update(repr(sorted(corpus.authors.items())).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def inputs(
    *,
    docs: Mapping[str, bytes],
    overrides: Mapping[str, bytes],
    config_digest: str,
    templates_digest: str,
    brief_digests: Iterable[str],
    switches: Mapping[str, Any],
) -> dict[str, Any]:
    """The manifest's content: one digest per kind of input, plus what a human needs to read it."""
    return {
        "format": FORMAT,
        **versions(),
        "config": config_digest,
        "templates": templates_digest,
        "docs": files_digest(docs),
        "overrides": files_digest(overrides),
        "briefs": hashlib.sha256("\n".join(sorted(brief_digests)).encode()).hexdigest(),
        # The sitemap's gzip header carries the build time unless SOURCE_DATE_EPOCH fixes it.
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
        "switches": dict(sorted(switches.items())),
    }


def same_output(recorded: Mapping[str, Any] | None, current: Mapping[str, Any]) -> bool:
    """The generated docs and everything else recorded match, whatever the sources were."""
    if recorded is None:
        return False
    return {k: v for k, v in recorded.items() if k != "sources"} == {k: v for k, v in current.items() if k != "sources"}


def read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write(path: Path, data: Mapping[str, Any]) -> None:
    atomic_write(path, (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8"))
