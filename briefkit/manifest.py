"""The build manifest: a hash of everything the site is made from.

``brief build`` skips MkDocs (and PDFs and search indexing) when the hash
of its inputs equals the one recorded after the last successful build and
the site is still there.  Inputs are content, never mtimes: the generated
docs and theme overrides, mkdocs.yml, every template, each brief's bytes,
the build switches and the versions of briefkit, MkDocs and Material.
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
from briefkit.fsio import atomic_write

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
        "briefkit": __version__,
        "mkdocs": _version("mkdocs"),
        "mkdocs-material": _version("mkdocs-material"),
        "config": config_digest,
        "templates": templates_digest,
        "docs": files_digest(docs),
        "overrides": files_digest(overrides),
        "briefs": hashlib.sha256("\n".join(sorted(brief_digests)).encode()).hexdigest(),
        # The sitemap's gzip header carries the build time unless SOURCE_DATE_EPOCH fixes it.
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
        "switches": dict(sorted(switches.items())),
    }


def read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write(path: Path, data: Mapping[str, Any]) -> None:
    atomic_write(path, (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8"))
