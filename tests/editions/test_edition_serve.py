"""`brief serve --edition NAME`: a real server process serving that edition as it is built, not the preview."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import lxml.html

from tests.conftest import brief_yaml, fetch_text, free_port, site_config, wait_until, write_file_tree

CONFIG = site_config("Site") + "      editions:\n        partners:\n          handling: TLP:GREEN\n          title: Partner edition\n"


def test_serve_an_edition(tmp_path: Path) -> None:
    files = {
        "mkdocs.yml": CONFIG,
        "briefs/green.yaml": brief_yaml(title="Green note", handling="TLP:GREEN"),
        "briefs/amber.yaml": brief_yaml(title="Amber note", handling="TLP:AMBER"),
        "briefs/draft.yaml": brief_yaml(title="Draft note", status="draft"),
    }
    write_file_tree(tmp_path, files)
    port = free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "briefkit.cli.main", "serve", "--edition", "partners", "-a", f"127.0.0.1:{port}"]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: fetch_text(base + "/") is not None or proc.poll() is not None, 90, lambda: log.read_text())
        page = fetch_text(base + "/briefs/green/")
        assert page is not None, log.read_text()
        tree = lxml.html.fromstring(page)
        assert tree.find_class("bk-edition-banner__edition")[0].text_content() == "Partner edition"
        assert fetch_text(base + "/briefs/amber/") is None and fetch_text(base + "/briefs/draft/") is None
        assert (tmp_path / "build/editions/partners/site/briefs/green/index.html").is_file()
        assert not (tmp_path / "build/preview").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    output = log.read_text()
    assert "serving the partners edition on http://127.0.0.1:" in output and "Traceback" not in output
