"""PDF keys from effective inputs: the settings print reads, the templates each kind of PDF loads, not file bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pdf.pdftools import Rendered, render_site, site_files, write_site

ALL = 6
"""PDFs of site_files(): 3 public briefs, the latest book and 2 section books."""


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    root = write_site(tmp_path_factory.mktemp("keys"), site_files())
    done = render_site(root, root / "out")
    assert done.stats.rendered == ALL, done.stats.rendered_outputs
    return done


def _edit_config(root: Path, old: str, new: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")


def test_settings_no_pdf_reads_render_nothing(first: Rendered) -> None:
    """Workers, time limits, the cache folder and web-only options shape no PDF."""
    root = first.root
    before = (root / "mkdocs.yml").read_text(encoding="utf-8")
    _edit_config(root, "        jobs: 1\n", "        jobs: 3\n        render_timeout: 200\n        render_memory: 1024\n")
    _edit_config(root, "      default_handling: TLP:CLEAR\n", "      default_handling: TLP:CLEAR\n      latest: 7\n      feed_size: 9\n")
    _edit_config(root, "site_name: Test Briefings\n", "site_name: Test Briefings\nsite_description: Not printed.\n")
    try:
        again = render_site(root, root / "out")
        assert again.stats.rendered == 0
        assert again.stats.cached == ALL
    finally:
        (root / "mkdocs.yml").write_text(before, encoding="utf-8")


def test_a_printed_setting_renders_everything(first: Rendered) -> None:
    root = first.root
    before = (root / "mkdocs.yml").read_text(encoding="utf-8")
    _edit_config(root, "site_name: Test Briefings\n", "site_name: Other Briefings\n")  # on every cover and header
    try:
        assert render_site(root, root / "out").stats.rendered == ALL
    finally:
        (root / "mkdocs.yml").write_text(before, encoding="utf-8")
