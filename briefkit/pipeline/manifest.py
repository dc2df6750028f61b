"""The build manifest: hashes of everything the site is made from.

``brief build`` skips MkDocs (and PDFs and search indexing) when nothing
that feeds the site changed since the last successful build and the site is
still there.  It checks twice, always by content, never by mtimes:

1. before rendering, the *sources*: each brief's bytes and visibility, its
   git history, mkdocs.yml as parsed (:attr:`briefkit.config.Config.digest`:
   a comment or a reordered mapping is no change), every template, the
   site's assets, the build switches and the versions of the libraries that
   shape the output.  When they match, nothing is even rendered;
2. after rendering, what the engine (MkDocs, then Pagefind) reads: the
   generated docs and theme overrides themselves, the engine config as
   parsed without briefkit's own options (:func:`engine_digest`), hook
   scripts and site theme folders, and the engines' versions.  When they
   match, the pages of the live site are kept, the very same files
   (:func:`briefkit.pipeline.siterecord.link_copy`), and only the PDFs are
   redone, each from its own key (:mod:`briefkit.pdf.cache`): changing
   ``pdf.paper`` re-renders every PDF and no web page.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefkit.common import safefs
from briefkit.common.fsio import atomic_write
from briefkit.config import Config
from briefkit.content import keys
from briefkit.content.keys import files_digest
from briefkit.model import Corpus
from briefkit.pdf.cache import PRINT_ENGINES

if TYPE_CHECKING:
    from briefkit.web.engine.site import EngineConfig

FORMAT = 2
"""2: the site's record holds the engine's inputs only (1 also held mkdocs.yml's bytes, templates and briefs)."""

WEB_ENGINES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "nh3", "jinja2", "pagefind", "pagefind-bin", "pillow")
"""Distributions whose version shapes the web pages and the search index (Pillow: the share cards)."""


def versions() -> dict[str, str]:
    """briefkit's version and the web engines'."""
    return keys.versions(*WEB_ENGINES)


def engine_digest(config: Config, engine: EngineConfig, root: Path, overrides: Path) -> str:
    """What MkDocs reads besides the docs and overrides, as parsed.

    The engine config (:func:`briefkit.web.engine.engines.engine_data`: the
    site's mkdocs.yml as MkDocs reads it, ``!ENV`` resolved, without the
    ``briefkit`` entry, whose options reach pages only through the docs),
    the hook scripts MkDocs runs, and any theme folder of the site's own.
    """
    from briefkit.web.engine import engines

    mk = engine.mk
    data = engines.engine_data(config, engine, root, overrides)
    hooks = {}
    for name, module in (mk["hooks"] or {}).items():
        source = Path(getattr(module, "__file__", "") or "")
        hooks[name] = files_digest({source.name: source.read_bytes()}) if source.is_file() else ""
    themes = {}
    build = config.build_dir.resolve()
    for folder in map(Path, mk.theme.dirs):
        where = folder.resolve()
        if where.is_relative_to(config.root) and not where.is_relative_to(build):
            themes[where.relative_to(config.root).as_posix()] = files_digest(safefs.walk(folder, config.root).files)
    return keys.digest(keys.canonical(data), keys.canonical(hooks), keys.canonical(themes))


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
        json.dumps(keys.versions(*WEB_ENGINES, *PRINT_ENGINES), sort_keys=True),
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
    engine: str,
    switches: Mapping[str, Any],
) -> dict[str, Any]:
    """The manifest's content: one digest per kind of input the engine reads, plus what a human needs to read it."""
    return {
        "format": FORMAT,
        **versions(),
        "engine": engine,
        "docs": files_digest(docs),
        "overrides": files_digest(overrides),
        # The sitemap's gzip header carries the build time unless SOURCE_DATE_EPOCH fixes it.
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
        "switches": dict(sorted(switches.items())),
    }


def same_site(recorded: Mapping[str, Any] | None, current: Mapping[str, Any]) -> bool:
    """Everything the engine reads matches the last complete build, whatever the sources were."""
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
