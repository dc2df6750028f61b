"""Shared fixtures.  ``build_file_tree`` makes small sites inline:

def test_x(build_file_tree):
    root = build_file_tree({"mkdocs.yml": "...", "briefs/a.yaml": "..."})
"""

from __future__ import annotations

import functools
import os
import socket
import textwrap
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar

import pytest
from playwright.sync_api import Browser, sync_playwright

REPO = Path(__file__).resolve().parents[1]

FileTree = Callable[[dict[str, str | bytes]], Path]
T = TypeVar("T")


def write_file_tree(
    root: Path, files: Mapping[str, str | bytes], *, dedent: bool | tuple[str, ...] = False, errors: str = "strict"
) -> Path:
    """Write ``{relative path: text or bytes}`` under ``root``; returns ``root``.

    ``dedent`` strips the common indentation and leading newlines of every text file (True) or only of files whose names
    end in one of the given suffixes; hostile tests write lone surrogates with ``errors="surrogatepass"``.
    """
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
            continue
        if dedent is True or (dedent and rel.endswith(dedent)):
            content = textwrap.dedent(content).lstrip("\n")
        path.write_text(content, encoding="utf-8", errors=errors)
    return root


@pytest.fixture
def build_file_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileTree:
    """Write ``{relative path: text or bytes}`` (dedented) under a temp dir and chdir into it."""

    def make(files: dict[str, str | bytes]) -> Path:
        write_file_tree(tmp_path, files, dedent=True)
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


def site_config(
    name: str,
    *,
    pdf: str | None = "false",
    timezone: str | None = "UTC",
    default_handling: str | None = "TLP:CLEAR",
    site_url: str | None = "https://example.org/",
    description: str | None = None,
    docs_dir: str | None = None,
    site_dir: str | None = None,
    theme: str | None = "name: material\nfont: false",
    markdown_extensions: str = "",
    search: bool = True,
    options: str = "",
) -> str:
    """The one test site's mkdocs.yml: Material, search, the briefkit entry with these options (None leaves one out).

    ``theme`` is the YAML under ``theme:``, ``markdown_extensions`` the YAML list under that key and ``options`` more
    briefkit options (each written unindented; placed after ``default_handling``, before ``pdf``: pass ``pdf=None`` when
    ``options`` has its own ``pdf:``). Tests that vary the config extend this with a parameter rather than copy it.
    """

    def block(key: str, text: str, indent: str) -> str:
        body = textwrap.dedent(text).strip("\n")
        return f"{key}:\n{textwrap.indent(body, indent)}\n" if body else ""

    top = "".join(
        [
            f"site_description: {description}\n" if description else "",
            f"site_url: {site_url}\n" if site_url else "",
            f"docs_dir: {docs_dir}\n" if docs_dir else "",
            f"site_dir: {site_dir}\n" if site_dir else "",
            block("theme", theme or "", "  "),
            block("markdown_extensions", markdown_extensions, "  "),
        ]
    )
    entries = "".join(
        [
            f"      timezone: {timezone}\n" if timezone else "",
            f"      default_handling: {default_handling}\n" if default_handling else "",
            textwrap.indent(textwrap.dedent(options).strip("\n") + "\n", "      ") if options.strip() else "",
            f"      pdf:\n        enabled: {pdf}\n" if pdf is not None else "",
        ]
    )
    plugins = ("  - search\n" if search else "") + (f"  - briefkit:\n{entries}" if entries else "  - briefkit\n")
    return f"site_name: {name}\n{top}plugins:\n{plugins}"


def wait_until(predicate: Callable[[], T], timeout: float, what: str | Callable[[], str], interval: float = 0.1) -> T:
    """Poll ``predicate`` until it returns something truthy and return that; at the deadline fail naming ``what``.

    Tests wait for a condition, never for a fixed time: a slow machine only makes them slower, a fast one never flaky.
    """
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what() if callable(what) else what}")
        time.sleep(interval)


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


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now, for a server a test starts as a process."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch_text(url: str) -> str | None:
    """The body of ``url`` as text, or None while nothing answers there (or it answers with an HTTP error)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium driven by Playwright (never a downloaded browser), one per test module."""
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def terminal_signals() -> None:
    """A child's ``preexec_fn``: Ctrl-C as a terminal's foreground job gets it, whatever the test runner ignores.

    A shell starts background jobs with SIGINT ignored, and a child inherits that; a test of what ``brief`` does
    on Ctrl-C must not pass or fail with how the suite itself was started.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
