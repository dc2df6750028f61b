"""Helpers for the quality tests (imported as `qualitytools`): the demo site built with the real CLI,
and the real checkers run on it: the Nu HTML checker (Java), axe-core and Lighthouse (npm).

docs/quality.md records the figures these tests assert, with the commands to reproduce them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
SOURCE_DATE_EPOCH = "1795608000"  # 2026-11-25T12:00Z: the demo briefs' "now"

# One page of each kind on the demo site (URLs relative to the site root).
PAGES = {
    "home": "",
    "brief": "briefs/winter-gas-storage-outlook/",
    "tag": "tags/china/",
    "tags": "tags/",
    "section": "sections/energy/",
    "sections": "sections/",
    "archive": "archive/",
    "archive-year": "archive/2026/",
    "archive-month": "archive/2026/11/",
    "search": "search/",
}

# Errors in Material for MkDocs' own markup (base.html), not briefkit's: its drawer and search
# toggles are <input type="checkbox" autocomplete="off">, and its search box carries autocorrect.
# Listed in docs/quality.md; matched on the message and on Material's element in the extract.
KNOWN_MATERIAL_NU_ERRORS = (
    "Attribute “autocomplete” is only allowed when the input type is",
    "Attribute “autocorrect” not allowed on element “input”",
)
MATERIAL_ELEMENTS = ('class="md-toggle"', 'class="md-search__input"')


def build_demo(root: Path, *, pagefind: bool = False, preview: bool = False) -> Path:
    """The demo newsroom (mkdocs.yml and briefs/ of this repository) built with `brief build --no-pdf`; returns the site folder."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "briefs", root / "briefs")
    if pagefind:
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        assert "      timezone: UTC\n" in config
        (root / "mkdocs.yml").write_text(
            config.replace("      timezone: UTC\n", "      timezone: UTC\n      search: pagefind\n"), encoding="utf-8"
        )
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, NO_COLOR="1", NO_MKDOCS_2_WARNING="1")
    brief = str(Path(sys.executable).parent / "brief")
    args = [brief, "build", "--no-pdf", *(["--preview"] if preview else [])]
    done = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "build" / ("preview/site" if preview else "site")


def nu_messages(site: Path) -> list[dict[str, Any]]:
    """Every message of the Nu HTML checker on every HTML file of a built site."""
    assert VNU_JAR.is_file(), "vnu-jar is missing: run `npm ci` (make test does)"
    done = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", str(site)], capture_output=True, text=True, timeout=600
    )
    messages: list[dict[str, Any]] = json.loads(done.stderr)["messages"]
    return messages


def is_known_material_error(message: dict[str, Any]) -> bool:
    extract = message.get("extract", "")
    return (
        message["type"] == "error"
        and message["message"].startswith(KNOWN_MATERIAL_NU_ERRORS)
        and any(e in extract for e in MATERIAL_ELEMENTS)
    )


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as loaded (WCAG 2.x A and AA rules plus best practices)."""
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    violations: list[dict[str, Any]] = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return violations


def lighthouse(url: str, out: Path) -> dict[str, Any]:
    """Lighthouse's accessibility and SEO report for one URL, in Debian's chromium."""
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    args = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=accessibility,seo",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ]
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def failing_audits(report: dict[str, Any], category: str) -> list[str]:
    """The audits of a Lighthouse category that scored below 1, with their titles."""
    ids = [ref["id"] for ref in report["categories"][category]["auditRefs"] if ref["weight"] > 0]
    return [f"{i}: {report['audits'][i]['title']}" for i in ids if report["audits"][i]["score"] not in (None, 1)]
