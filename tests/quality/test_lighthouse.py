"""Lighthouse (npm) in Debian's chromium: accessibility ≥ 95 and SEO 100 on the home page and a brief.

One run per page (each takes about 20 s).  docs/quality.md records the scores and the command.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from qualitytools import PAGES, failing_audits, lighthouse

from tests.conftest import serve_dir


@pytest.mark.parametrize("name", ["home", "brief"])
def test_accessibility_and_seo_scores(demo_site: Path, tmp_path: Path, name: str) -> None:
    with serve_dir(demo_site) as base:
        report = lighthouse(f"{base}/{PAGES[name]}", tmp_path / f"{name}.json")
    scores = {c: report["categories"][c]["score"] for c in ("accessibility", "seo")}
    assert scores["accessibility"] >= 0.95, failing_audits(report, "accessibility")
    assert scores["seo"] == 1, failing_audits(report, "seo")
    # Lighthouse checked the page we served, not an error page.
    assert report["finalDisplayedUrl"].startswith(base)
    assert report["audits"]["document-title"]["score"] == 1
