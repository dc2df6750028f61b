"""Printable PDF briefings (WeasyPrint). Placeholder until the PDF work lands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from briefkit.config import Config
from briefkit.model import Corpus
from briefkit.report import Reporter


@dataclass
class PdfStats:
    rendered: int = 0
    cached: int = 0


def build_pdfs(
    config: Config, corpus: Corpus, now: datetime, site_dir: Path, reporter: Reporter, *, jobs: int = 0, preview: bool = False
) -> PdfStats:
    """Write ``site_dir/pdf/<slug>.pdf`` and books under ``site_dir/pdf/books/``."""
    return PdfStats()
