"""Search backends beyond Material's built-in one. Placeholder until the scale work lands."""

from __future__ import annotations

from pathlib import Path

from briefkit.config import Config
from briefkit.report import Reporter


def index_site(config: Config, site_dir: Path, reporter: Reporter) -> None:
    """Index a built site with Pagefind when ``search: pagefind`` is set."""
    return None
