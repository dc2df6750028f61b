"""Shared fixtures.  ``build_file_tree`` makes small sites inline:

def test_x(build_file_tree):
    root = build_file_tree({"mkdocs.yml": "...", "briefs/a.yaml": "..."})
"""

from __future__ import annotations

import functools
import os
import textwrap
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

REPO = Path(__file__).resolve().parents[1]

FileTree = Callable[[dict[str, str | bytes]], Path]


@pytest.fixture
def build_file_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileTree:
    """Write ``{relative path: text or bytes}`` under a temp dir and chdir into it."""

    def make(files: dict[str, str | bytes]) -> Path:
        for rel, content in files.items():
            path = tmp_path / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        return tmp_path

    return make


def brief_yaml(**fields: object) -> str:
    """A valid published brief, with fields overridden (None removes one)."""
    import yaml

    data: dict[str, object] = {
        "title": "Baltic states expand air defence",
        "summary": "Estonia, Latvia and Lithuania agree a joint purchase.",
        "section": "Geopolitics / Europe",
        "date": "2026-11-20",
        "tags": ["NATO allies", "Air defence"],
        "status": "published",
        "authors": ["Ada Lovelace"],
        "body": "The three states signed the agreement on Tuesday.\n",
    }
    for key, value in fields.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    if "handling" not in fields:  # last, so that other fields keep their lines; unlabelled briefs are never public
        data["handling"] = "TLP:CLEAR"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def site_config(name: str, *, pdf: str = "false", timezone: str | None = "UTC", default_handling: str | None = "TLP:CLEAR") -> str:
    """A test site's mkdocs.yml: Material, search, the briefkit entry with these options (None leaves one out)."""
    options = "".join(
        [
            f"      timezone: {timezone}\n" if timezone else "",
            f"      default_handling: {default_handling}\n" if default_handling else "",
            f"      pdf:\n        enabled: {pdf}\n",
        ]
    )
    return (
        f"site_name: {name}\nsite_url: https://example.org/\ntheme:\n  name: material\n  font: false\n"
        f"plugins:\n  - search\n  - briefkit:\n{options}"
    )


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    yield


def chromium_path() -> str:
    path = "/usr/bin/chromium"
    if not os.path.exists(path):  # scripts/system-deps installs it; fail loudly, never skip
        raise RuntimeError("Debian's chromium is missing: run scripts/system-deps")
    return path


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_dir(root: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port) in a thread; yields the base URL, no trailing slash."""
    with serve_handler(functools.partial(_QuietHandler, directory=str(root))) as url:
        yield url


@contextmanager
def serve_handler(handler: Callable[..., BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run ``handler`` on 127.0.0.1 (a free port) in a thread; yields the base URL, no trailing slash."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium driven by Playwright (never a downloaded browser), one per test module."""
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
