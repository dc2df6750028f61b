"""Portion marks and tearlines are styled in every edition, the public one included (its tearlines can carry CLEAR portions)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

from briefkit.cli.main import main
from tests.conftest import brief_yaml, serve_dir, site_config, write_file_tree

EDITIONS = """\
editions:
  staff:
    handling: TLP:AMBER
"""
TEARLINE = {
    "handling": "TLP:CLEAR",
    "title": "Harbour closure released",
    "summary": "The harbour closes for a week.",
    "body": "The harbour closes.\n\n/// portion | TLP:CLEAR\nThe port authority confirmed it.\n///\n",
}
BODY = "The harbour closes for dredging.\n\n/// portion | TLP:GREEN\nPartners were told first.\n///\n"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("styles")
    brief = brief_yaml(title="Harbour closure", handling="TLP:AMBER", body=BODY, tearlines=[TEARLINE])
    write_file_tree(root, {"mkdocs.yml": site_config("Styled", options=EDITIONS), "briefs/harbour.yaml": brief})
    was = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["build", "--edition", "all", "--as-of", "2026-12-01T00:00:00+00:00"])
    finally:
        os.chdir(was)
    assert result.exit_code == 0, result.output
    return {"public": root / "build/site", "staff": root / "build/editions/staff/site"}


def _styles(browser: Browser, site: Path, selector: str) -> list[dict[str, str]]:
    with serve_dir(site) as url:
        page = browser.new_page()
        try:
            page.goto(f"{url}/briefs/harbour/")
            found: list[dict[str, str]] = page.eval_on_selector_all(
                selector,
                "els => els.map(e => ({text: e.textContent.trim(), background: getComputedStyle(e).backgroundColor,"
                " color: getComputedStyle(e).color}))",
            )
            return found
        finally:
            page.close()


def test_public_tearline_portion_mark_is_styled(sites: dict[str, Path], browser: Browser) -> None:
    marks = _styles(browser, sites["public"], ".bk-portion__mark")
    assert marks == [{"text": "(TLP:CLEAR)", "background": "rgb(0, 0, 0)", "color": "rgb(255, 255, 255)"}]


def test_staff_edition_keeps_its_marks_and_tearline_rule_styled(sites: dict[str, Path], browser: Browser) -> None:
    marks = _styles(browser, sites["staff"], ".bk-portion__mark")
    assert {"text": "(TLP:GREEN)", "background": "rgb(0, 0, 0)", "color": "rgb(51, 255, 0)"} in marks
    labels = _styles(browser, sites["staff"], ".bk-tearline__label")
    assert labels == [{"text": "TLP:CLEAR", "background": "rgb(0, 0, 0)", "color": "rgb(255, 255, 255)"}]
