"""``brief serve``: a real server process that previews every brief and rebuilds on change."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import lxml.html
import pytest
from sitetools import MKDOCS_YML, one, text, write_tree

from tests.conftest import brief_yaml


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(check: Callable[[], bool], seconds: float = 40) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    root = write_tree(
        tmp_path,
        {
            "mkdocs.yml": MKDOCS_YML,
            "briefs/draft-note.yaml": brief_yaml(title="First draft title", status="draft"),
            "briefs/public-note.yaml": brief_yaml(title="A public note", date="2026-11-01"),
        },
    )
    port = free_port()
    command = [sys.executable, "-m", "briefkit.cli", "serve", "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield root, f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_previews_and_rebuilds_on_change(server: tuple[Path, str, subprocess.Popen[str]]) -> None:
    root, base, proc = server
    url = base + "/briefs/draft-note/"
    assert wait_for(lambda: fetch(url) is not None), "the server never answered"
    page = lxml.html.fromstring(fetch(url) or "")
    assert text(one(page, "h1.bk-head__title")) == "First draft title"
    assert text(one(page, ".bk-preview-banner__reason")) == "draft"
    assert "livereload" in (fetch(url) or "")
    assert (root / "build/preview/site/briefs/draft-note/index.html").is_file()
    assert not (root / "build/site").exists()

    (root / "briefs/draft-note.yaml").write_text(brief_yaml(title="Second draft title", status="draft"), encoding="utf-8")
    assert wait_for(lambda: "Second draft title" in (fetch(url) or "")), "the change never showed"

    # A broken brief: the problem is reported and the last good preview stays up.
    (root / "briefs/broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    time.sleep(3)
    assert "Second draft title" in (fetch(url) or "")
    proc.terminate()
    output, _ = proc.communicate(timeout=20)
    assert "serving the preview on http://127.0.0.1:" in output
    assert "briefs/broken.yaml:" in output and "still serving the last preview that built" in output
    assert "Traceback" not in output
