"""Which audience ``brief export stix`` and ``brief digest`` write for, and the leak gate on what they write.

Without ``--edition`` the audience is the public (TLP:CLEAR); with it, the
edition's corpus (tearline versions included) is what goes out, and the
edition's label is the ceiling.  Before anything is written where a reader
gets it, the files are put in a scratch folder and the leak gate reads them
exactly as it reads a built site (:mod:`briefkit.editions.gate`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from briefkit.common.report import Reporter
from briefkit.config import Config
from briefkit.editions.model import Edition, edition_named, editions
from briefkit.errors import BriefkitError
from briefkit.model import Corpus
from briefkit.outbound.audience import PUBLIC, Audience
from briefkit.pipeline import stages as pipeline


@dataclass(frozen=True)
class Outbound:
    config: Config
    """The config as the audience sees the site: an edition's name and address, so links go to the edition's own site."""
    everything: Corpus
    """Every valid brief: what the gate judges the output against."""
    corpus: Corpus
    """What this audience may hold."""
    edition: Edition
    audience: Audience


def outbound(config: Config, reporter: Reporter, now: datetime, edition_name: str | None) -> Outbound:
    edition = editions(config)[0] if edition_name is None else edition_named(config, edition_name)
    loaded = pipeline.load(config, reporter, now=now, preview=False, edition=edition)
    audience = PUBLIC if edition.public else Audience(edition.name, edition.handling)
    return Outbound(loaded.config, loaded.result.corpus, loaded.corpus, edition, audience)


def gate(out: Outbound, now: datetime, files: Mapping[str, bytes]) -> None:
    """Fail, writing nothing, when ``files`` hold text their audience may not hold."""
    from briefkit.editions.briefs import edition_problems

    with tempfile.TemporaryDirectory(prefix="briefkit-gate-") as scratch:
        root = Path(scratch)
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        problems = edition_problems(out.config, out.everything, out.edition, now, root)
    if problems:
        raise BriefkitError(
            f"the leak gate found withheld text in what would go to the {out.audience.label} audience; nothing was written or sent",
            problems=problems,
        )
