"""`brief serve --edition NAME`: a real server process serving that edition as it is built, not the preview."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import lxml.html

from tests.conftest import brief_yaml, site_config

CONFIG = site_config("Site") + "      editions:\n        partners:\n          handling: TLP:GREEN\n          title: Partner edition\n"


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def test_serve_an_edition(tmp_path: Path) -> None:
    files = {
        "mkdocs.yml": CONFIG,
        "briefs/green.yaml": brief_yaml(title="Green note", handling="TLP:GREEN"),
        "briefs/amber.yaml": brief_yaml(title="Amber note", handling="TLP:AMBER"),
        "briefs/draft.yaml": brief_yaml(title="Draft note", status="draft"),
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "briefkit.cli.main", "serve", "--edition", "partners", "-a", f"127.0.0.1:{port}"]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while fetch(base + "/") is None and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.3)
        page = fetch(base + "/briefs/green/")
        assert page is not None, log.read_text()
        tree = lxml.html.fromstring(page)
        assert tree.find_class("bk-edition-banner__edition")[0].text_content() == "Partner edition"
        assert fetch(base + "/briefs/amber/") is None and fetch(base + "/briefs/draft/") is None
        assert (tmp_path / "build/editions/partners/site/briefs/green/index.html").is_file()
        assert not (tmp_path / "build/preview").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    output = log.read_text()
    assert "serving the partners edition on http://127.0.0.1:" in output and "Traceback" not in output
