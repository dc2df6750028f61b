"""Helpers for the importer tests: a small site to import into, and the golden-file check."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.conftest import serve_handler, site_config

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
GOLDEN = HERE / "golden"
EPOCH = "1795651200"  # 2026-11-26T00:00:00Z: "today" for sources without a date

TAGS = """\
Critical infrastructure:
  description: Systems whose failure would hurt many people at once.
  aliases: [CNI, Critical national infrastructure]
Ports & shipping:
  description: Ports, shipping lanes and the people who work them.
  aliases: [Shipping]
Energy security:
  description: Whether energy stays available when supply is disrupted.
LNG:
  aliases: [Liquefied natural gas]
Baltic Sea: {}
"""

EXISTING = """\
title: Baltic ports add security checks
summary: Ports tighten checks on arriving ships.
section: Geopolitics & Defence / Europe
date: 2026-11-10
tags: [Baltic Sea]
status: draft
body: |
  Ports tightened checks.
"""

SITE: dict[str, str | bytes] = {
    "mkdocs.yml": site_config("Test briefings", site_url=None, theme=None, search=False, timezone=None, default_handling=None, pdf=None),
    "briefs/_tags.yml": TAGS,
    "briefs/geopolitics-defence/baltic-ports-add-security-checks.yaml": EXISTING,
}


def brief(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed `brief` command, as an editor runs it, with a fixed "today"."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "brief"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **(env or {})},
    )


def check_against_golden(written: Path, name: str) -> None:
    """``written`` equals golden/``name``; BRIEFKIT_UPDATE_GOLDEN=1 rewrites the golden file instead."""
    golden = GOLDEN / name
    text = written.read_text(encoding="utf-8")
    if os.environ.get("BRIEFKIT_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{written} differs from {golden}"


@contextmanager
def redirecting_server(location: str) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 that answers every GET with a 302 to ``location``; yields its base URL."""

    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", location)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serve_handler(Redirect) as url:
        yield url


@contextmanager
def private_feed_server(body: bytes, authorization: str) -> Iterator[str]:
    """Serves ``body`` to requests with this Authorization header, 401 to others; yields the base URL."""

    class Private(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.headers.get("Authorization") != authorization:
                self.send_response(401)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serve_handler(Private) as url:
        yield url
