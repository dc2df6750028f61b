"""A brief page with hostile cell styles, in Chromium: nothing covers the page and nothing is fetched from elsewhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Browser

from tests.conftest import FileTree, brief_yaml, serve_dir, site_config
from tests.trust.render.test_render_style import ATTACKS


def test_hostile_cell_styles_neither_cover_the_page_nor_fetch(build_file_tree: FileTree, browser: Browser) -> None:
    def attr(value: str) -> str:
        return value.replace("&", "&amp;").replace('"', "&quot;")

    cells = "".join(f'<td style="{attr(a)}">cell {i}</td>' for i, a in enumerate(ATTACKS))
    overlay = "position: fixed; top: 0; left: 0; width: 100vw; height: 100vh; background: black; z-index: 99999"
    body = (
        f'Before the table.\n\n<table><tr><td style="{overlay}">cover</td>'
        f'<td style="background-image: url(http://tracker.invalid/pixel.png)">pixel</td></tr><tr>{cells}</tr></table>\n\nAfter.\n'
    )
    root = build_file_tree(
        {
            "mkdocs.yml": site_config(
                "x", site_url=None, markdown_extensions="- tables", search=False, timezone=None, default_handling=None
            ),
            "briefs/hostile.yaml": brief_yaml(body=body),
        }
    )
    result = subprocess.run([str(Path(sys.executable).parent / "brief"), "build"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve_dir(root / "build/site") as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        elsewhere: list[str] = []
        page.on("request", lambda r: None if r.url.startswith(base) else elsewhere.append(r.url))
        page.goto(f"{base}/briefs/hostile/")
        page.wait_for_load_state("networkidle")
        positions = page.eval_on_selector_all("article td, article th", "cells => cells.map(c => getComputedStyle(c).position)")
        # What is painted at the middle of the viewport is the page's own content, not a cell.
        on_top = page.evaluate("() => document.elementFromPoint(640, 450).closest('td') === null")
        images = page.eval_on_selector_all("article td", "cells => cells.map(c => getComputedStyle(c).backgroundImage)")
        page.close()
    assert len(positions) == len(ATTACKS) + 2 and set(positions) == {"static"}
    assert set(images) == {"none"}
    assert on_top
    assert elsewhere == []
