"""The hooks the build calls for an edition: its corpus, its config, its engine settings, and what runs before the swap.

The pipeline (:mod:`briefkit.pipeline.stages`) stays one build; an edition
changes only what goes in (:func:`edition_corpus`), the names it is shown
under (:func:`edition_config`) and what is done to the finished staging
folder before it is swapped in (:func:`before_swap`).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from briefkit.config import Config
from briefkit.editions.model import Edition, editions
from briefkit.editions.select import edition_corpus, full_version
from briefkit.model import Corpus, Tlp

__all__ = [
    "before_swap",
    "cache_kind",
    "configure_engine",
    "edition_config",
    "edition_corpus",
    "preview_corpus",
    "public_edition",
]

_PREVIEW = Edition("preview", Tlp.RED)
"""What a preview shows: everything, portions and tearlines included (a preview is never published)."""


def public_edition(config: Config) -> Edition:
    return editions(config)[0]


def preview_corpus(corpus: Corpus) -> Corpus:
    """Every brief but those labelled TLP:RED, each with its tearlines printed after the body.

    TLP:RED is never part of a site, not even the editors' preview (which CI keeps
    as an artifact): it is printed only as a named copy (``brief pdf SLUG
    --recipient``).  An unlabelled draft stays, so its editor sees the missing label.
    """
    from briefkit.editions.recipients import is_red

    kept = tuple(full_version(b, _PREVIEW) for b in corpus.briefs if not is_red(b))
    return Corpus(kept, corpus.tags, corpus.authors, corpus.vocabulary)


def edition_config(config: Config, edition: Edition) -> Config:
    """The site's config as a non-public edition is built: its name (on every PDF page, in feeds and JSON-LD) and address."""
    if edition.public:
        return config
    return config.model_copy(update={"site_name": f"{config.site_name} · {edition.shown_title}", "site_url": edition.site_url})


def configure_engine(mk: Any, edition: Edition) -> None:
    """MkDocs' own settings for a non-public edition: its address (canonical links), never the public one."""
    if not edition.public:
        mk["site_url"] = edition.site_url or None


def cache_kind(edition: Edition) -> str:
    """The PDF cache's record of what a build used (:mod:`briefkit.pdf.prune`), one per edition."""
    return "public" if edition.public else f"edition-{edition.name}"


def before_swap(staging: Path, live: Path, config: Config, edition: Edition, loaded: Corpus, shown: Corpus, now: datetime) -> None:
    """After the edition is built into ``staging`` and before it is swapped in: mark it, then run the leak gate.

    ``config`` is the site's own (the gate reads withheld briefs' positions
    from their files); ``loaded`` is every brief, ``shown`` what the edition holds.
    """
    if not edition.public:
        from briefkit.editions.site import finish_edition

        finish_edition(staging, edition, shown)
    from briefkit.editions.briefs import gate_edition

    gate_edition(config, loaded, edition, now, staging, live)
