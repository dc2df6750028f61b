"""pdf.timeout is a deadline for the whole fetch: a host that drips bytes can't hold a render."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefkit.pdf.fetcher import Refused, RestrictedFetcher
from tests.conftest import brief_yaml
from tests.pdf.pdftools import render_site, site_files, write_site

DRIP = 0.5  # seconds between bytes
PNG_BYTES = 80  # 40 s of dripping: far past any deadline in these tests


class _Dripper(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    sent: list[int]

    def _drip(self, data: bytes) -> None:
        for i in range(len(data)):
            self.wfile.write(data[i : i + 1])
            self.wfile.flush()
            type(self).sent.append(1)
            time.sleep(DRIP)

    def do_GET(self) -> None:
        try:
            if self.path.startswith("/body"):  # headers at once, then the body a byte at a time
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                if "length" in self.path:
                    self.send_header("Content-Length", str(PNG_BYTES))
                self.end_headers()
                self._drip(b"x" * PNG_BYTES)
            elif self.path == "/headers":  # the status line and headers themselves a byte at a time
                self._drip(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nX-Padding: " + b"y" * PNG_BYTES + b"\r\n\r\n")
            elif self.path.startswith("/hop"):  # each hop answers after a pause, to a chain of redirects
                n = int(self.path.removeprefix("/hop"))
                time.sleep(1.0)
                self.send_response(302)
                self.send_header("Location", f"/hop{n + 1}")
                self.send_header("Content-Length", "0")
                self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up: what a deadline should do

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def dripper() -> Iterator[tuple[str, list[int]]]:
    sent: list[int] = []
    handler = type("Handler", (_Dripper,), {"sent": sent})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", sent
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("path", ["/body", "/body-length", "/headers", "/hop0"])
def test_a_dripping_host_is_cut_off_at_the_deadline(tmp_path: Path, dripper: tuple[str, list[int]], path: str) -> None:
    base, sent = dripper
    (tmp_path / "assets").mkdir()
    fetcher = RestrictedFetcher([tmp_path / "assets"], allowed_hosts=["127.0.0.1"], timeout=2.0)
    with pytest.raises(Refused, match=r"longer than pdf.timeout \(2 s\)"):
        fetcher.fetch(f"{base}{path}")
    # Bytes, not seconds: per-read timeouts let all 80 bytes (or every hop) through; a deadline stops near 4.
    assert len(sent) <= 8, len(sent)
    assert fetcher.rejected[-1].reason == "it took longer than pdf.timeout (2 s)"


def test_a_render_with_a_dripping_image_finishes_and_names_the_brief(tmp_path: Path, dripper: tuple[str, list[int]]) -> None:
    base, sent = dripper
    files = site_files(sections=False)
    files["mkdocs.yml"] = files["mkdocs.yml"].replace(
        "        jobs: 1\n", "        jobs: 1\n        timeout: 2\n        allowed_hosts: [127.0.0.1]\n"
    )
    files["briefs/geo/bravo-border.yaml"] = brief_yaml(
        title="Bravo border reopens", date="2026-11-21", body=f"![Queue]({base}/body-length)\n\n![Again]({base}/headers)\n"
    )
    root = write_site(tmp_path, files)
    rendered = render_site(root, root / "out")
    assert "bravo-border.pdf" in rendered.stats.outputs
    assert "briefs/geo/bravo-border.yaml: image" in rendered.log and "longer than pdf.timeout (2 s)" in rendered.log
    assert len(sent) <= 16, len(sent)
