"""Brief history from git. Placeholder until the review work lands."""

from __future__ import annotations

from collections.abc import Sequence

from briefkit.config import Config
from briefkit.model import Brief, History
from briefkit.report import Reporter


def collect(config: Config, briefs: Sequence[Brief], reporter: Reporter) -> dict[str, History]:
    """History by brief slug, from one batched ``git log``; empty outside git."""
    return {}
