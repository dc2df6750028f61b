"""Helpers for the search tests: build a site with the real CLI, serve it, search it in chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, Response

SOURCE_DATE_EPOCH = "1795608000"  # 2026-11-25T12:00Z, "now" of benchmarks/corpus.py


def brief_cli(root: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
    brief = str(Path(sys.executable).parent / "brief")
    return subprocess.run([brief, *args], cwd=root, env=env, capture_output=True, text=True, timeout=timeout)


@dataclass
class Traffic:
    """Every response a page received, with its body size (http.server sends bodies uncompressed)."""

    responses: list[tuple[str, int]] = field(default_factory=list)

    def record(self, response: Response) -> None:
        try:
            size = len(response.body())
        except Exception:  # redirects and aborted requests have no body
            size = 0
        self.responses.append((response.url, size))

    def since(self, mark: int) -> list[tuple[str, int]]:
        return self.responses[mark:]

    @staticmethod
    def total(responses: list[tuple[str, int]]) -> int:
        return sum(size for _, size in responses)


def search(page: Page, query: str) -> None:
    """Type a query into the search page and submit it."""
    page.locator("#bk-search-q").fill(query)
    page.locator("#bk-search-q").press("Enter")
