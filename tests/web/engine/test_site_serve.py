"""``brief serve``: a real server process that previews every brief and rebuilds on change."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import brief_yaml, fetch_text, free_port, wait_until
from tests.web.sitetools import MKDOCS_YML, one, text, write_tree

Server = tuple[Path, str, subprocess.Popen[bytes], Path]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A running `brief serve`, its output in a log file (read while it runs), ready when this yields."""
    root = write_tree(
        tmp_path / "site",
        {
            "mkdocs.yml": MKDOCS_YML,
            "briefs/draft-note.yaml": brief_yaml(title="First draft title", status="draft"),
            "briefs/public-note.yaml": brief_yaml(title="A public note", date="2026-11-01"),
        },
    )
    port = free_port()
    command = [sys.executable, "-m", "briefkit.cli.main", "serve", "-a", f"127.0.0.1:{port}"]
    log = tmp_path / "serve.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "400"}
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=root, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: fetch_text(base + "/") is not None or proc.poll() is not None, 40, "the server to answer")
        assert proc.poll() is None, log.read_text()
        yield root, base, proc, log
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_previews_and_rebuilds_on_change(server: Server) -> None:
    root, base, proc, log = server
    url = base + "/briefs/draft-note/"
    page = lxml.html.fromstring(fetch_text(url) or "")
    assert text(one(page, "h1.bk-head__title")) == "First draft title"
    assert text(one(page, ".bk-preview-banner__reason")) == "draft"
    assert "livereload" in (fetch_text(url) or "")
    assert (root / "build/preview/site/briefs/draft-note/index.html").is_file()
    assert not (root / "build/site").exists()

    (root / "briefs/draft-note.yaml").write_text(brief_yaml(title="Second draft title", status="draft"), encoding="utf-8")
    wait_until(lambda: "Second draft title" in (fetch_text(url) or ""), 40, "the change to show")

    # A broken brief: the problem is reported and the last good preview stays up.
    (root / "briefs/broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    wait_until(lambda: "still serving the last preview that built" in log.read_text(), 40, "the failed rebuild to be reported")
    assert "Second draft title" in (fetch_text(url) or "")
    proc.terminate()
    proc.wait(timeout=20)
    output = log.read_text()
    assert "serving the preview on http://127.0.0.1:" in output
    assert "briefs/broken.yaml:" in output and "still serving the last preview that built" in output
    assert "Traceback" not in output


def status_for_host(base: str, host: str | None, path: str = "/briefs/draft-note/") -> tuple[int, bytes]:
    """A real HTTP request with the given Host header (None: no Host header at all)."""
    address = base.removeprefix("http://")
    name, port = address.rsplit(":", 1)
    conn = http.client.HTTPConnection(name, int(port), timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True)
        if host is not None:
            conn.putheader("Host", host)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_serve_answers_only_its_own_host_names(server: Server) -> None:
    """DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 sends Host: evil.example and must get nothing."""
    _root, base, _proc, _log = server
    port = base.rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LocalHost:{port}", f"[::1]:{port}"):
        status, body = status_for_host(base, host)
        assert status == 200, host
        assert text(one(lxml.html.fromstring(body), "h1.bk-head__title")) == "First draft title"
    refused = [
        f"evil.example:{port}",
        "evil.example",
        f"127.0.0.1.evil.example:{port}",
        f"localhost.evil.example:{port}",
        f"localhost.:{port}",
        f"192.168.1.20:{port}",
        "127.0.0.1",
        "localhost:1",
        f"[::1]x:{port}",
        f"::1:{port}",
        "",
        None,
    ]
    for host in refused:
        for path in ("/briefs/draft-note/", "/", "/livereload/0/0", "/assets/briefkit.css"):
            status, body = status_for_host(base, host, path)
            assert status == 403, (host, path, status)
            assert b"First draft title" not in body
