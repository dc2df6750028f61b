"""The restricted fetcher: what a PDF may read, directly and through real renders."""

from __future__ import annotations

import base64
import http.server
import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefkit.config import load_config
from briefkit.content.markup import MarkdownSettings
from briefkit.pdf.documents import PrintDocument
from briefkit.pdf.fetcher import Refused, RestrictedFetcher
from briefkit.pdf.render import Renderer, RenderSettings
from tests.conftest import brief_yaml
from tests.pdf.pdftools import page_texts, reader, render_site, site_files, write_site

# A 1x1 PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "map.png").write_bytes(PNG)
    (tmp_path / "assets" / "data.csv").write_text("a,b\n1,2\n")
    (tmp_path / "secret.txt").write_text("project secret\n")
    return tmp_path


def fetcher(project: Path, **kwargs: object) -> RestrictedFetcher:
    return RestrictedFetcher([project / "assets"], **kwargs)  # type: ignore[arg-type]


def refused(f: RestrictedFetcher, url: str) -> str:
    with pytest.raises(Refused) as caught:
        f.fetch(url)
    assert f.rejected[-1].url == url
    return str(caught.value)


def test_assets_and_data_uris_are_allowed(project: Path) -> None:
    f = fetcher(project)
    assert f.fetch((project / "assets" / "map.png").as_uri()).read() == PNG
    assert f.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    assert f.rejected == []


def test_local_files_outside_assets_are_refused(project: Path) -> None:
    f = fetcher(project)
    assert "outside the project's assets folder" in refused(f, "file:///etc/passwd")
    assert "outside" in refused(f, (project / "secret.txt").as_uri())
    assert "outside" in refused(f, (project / "assets").as_uri() + "/../secret.txt")
    assert "outside" in refused(f, (project / "assets").as_uri() + "/../../../../../etc/passwd")
    assert "outside" in refused(f, "file:///dev/urandom")
    assert "not allowed" in refused(f, "ftp://example.org/file")


def test_symlinks_out_of_the_assets_are_refused(project: Path) -> None:
    (project / "assets" / "passwd.png").symlink_to("/etc/passwd")
    (project / "assets" / "secret.png").symlink_to(project / "secret.txt")
    (project / "assets" / "again.png").symlink_to(project / "assets" / "map.png")
    f = fetcher(project)
    assert "outside" in refused(f, (project / "assets" / "passwd.png").as_uri())
    assert "outside" in refused(f, (project / "assets" / "secret.png").as_uri())
    assert f.fetch((project / "assets" / "again.png").as_uri()).read() == PNG


def test_special_and_oversized_files_are_refused_without_hanging(project: Path) -> None:
    os.mkfifo(project / "assets" / "pipe.png")
    (project / "assets" / "big.png").write_bytes(b"x" * 2048)
    f = fetcher(project, max_bytes=1024)
    assert "not a regular file" in refused(f, (project / "assets" / "pipe.png").as_uri())
    assert "limit" in refused(f, (project / "assets" / "big.png").as_uri())


def test_network_needs_an_allowed_host(project: Path) -> None:
    f = fetcher(project)
    assert "pdf.allowed_hosts" in refused(f, "http://example.org/tracker.png")
    assert "pdf.allowed_hosts" in refused(f, "https://example.org/tracker.png")


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/map.png":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(PNG)))
            self.end_headers()
            self.wfile.write(PNG)
        elif self.path == "/big.png":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()  # no length: the cap applies while reading
            self.wfile.write(b"x" * 50_000)
        elif self.path == "/away":
            self.send_response(302)
            self.send_header("Location", "http://elsewhere.invalid/x.png")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_allowed_host_is_fetched_within_limits(project: Path, server: str) -> None:
    f = fetcher(project, allowed_hosts=["127.0.0.1"], max_bytes=10_000, timeout=5)
    assert f.fetch(f"{server}/map.png").read() == PNG
    assert "limit" in refused(f, f"{server}/big.png")
    assert "redirected" in refused(f, f"{server}/away")
    assert "404" in refused(f, f"{server}/missing.png")


def _renderer(project: Path) -> Renderer:
    (project / "mkdocs.yml").write_text("site_name: T\n")
    config = load_config(project)
    return Renderer(RenderSettings(config, MarkdownSettings(), datetime(2026, 11, 25, tzinfo=UTC), False))


def test_render_never_embeds_local_files_or_network_resources(project: Path) -> None:
    renderer = _renderer(project)
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>
    <link rel="attachment" href="file:///etc/passwd">
    <link rel="attachment" href="{(project / "secret.txt").as_uri()}">
    <link rel="stylesheet" href="file:///etc/passwd">
    </head><body>
    <p><img src="file:///etc/passwd" alt="x"> <img src="http://example.org/pixel.png" alt="y"></p>
    <p><a rel="attachment" href="file:///etc/hostname">hostname</a></p>
    </body></html>"""
    data, pages, _said = renderer.pdf(PrintDocument(html, "t"), 0)
    assert pages == 1
    out = project / "out.pdf"
    out.write_bytes(data)
    assert reader(out).attachments == {}
    rejected = {r.url for r in renderer.fetcher.take()}
    assert {"file:///etc/passwd", (project / "secret.txt").as_uri(), "http://example.org/pixel.png", "file:///etc/hostname"} <= rejected
    assert "root:" not in " ".join(page_texts(out))


def test_render_embeds_what_the_assets_allow(project: Path) -> None:
    """The control for the test above: the same markup from the assets folder is embedded."""
    renderer = _renderer(project)
    csv = (project / "assets" / "data.csv").as_uri()
    png = (project / "assets" / "map.png").as_uri()
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>
    <link rel="attachment" href="{csv}"></head><body><p><img src="{png}" alt="map" style="width:2cm"></p></body></html>"""
    data, _pages, _said = renderer.pdf(PrintDocument(html, "t"), 0)
    out = project / "ok.pdf"
    out.write_bytes(data)
    assert list(reader(out).attachments) == ["data.csv"]
    assert reader(out).attachments["data.csv"] == [b"a,b\n1,2\n"]
    assert any(reader(out).pages[0].images)
    assert renderer.fetcher.take() == []


def test_refused_resources_in_a_brief_are_warnings_naming_the_brief(tmp_path: Path) -> None:
    body = (
        "A map from the assets: ![map](/assets/map.png)\n\n"
        "An escape: ![passwd](../../../../../../../etc/passwd)\n\n"
        "A tracker: ![pixel](https://tracker.example.net/pixel.png)\n\n"
        '<img src="file:///etc/passwd" alt="raw">\n\n'
        '<a rel="attachment" href="/etc/passwd">attached?</a>\n'
    )
    files: dict[str, str | bytes] = dict(site_files())
    files["briefs/geo/leaky-images.yaml"] = brief_yaml(title="Leaky images", section="Geopolitics / Europe", tags=["Europe"], body=body)
    files["assets/map.png"] = PNG
    root = write_site(tmp_path, files)
    done = render_site(root, root / "out")
    pdf = done.pdf("leaky-images.pdf")
    assert pdf.exists(), "a refused resource never stops the render"
    assert reader(pdf).attachments == {}
    assert len(reader(pdf).pages[0].images) == 1, "the asset image is embedded, nothing else"
    assert "briefs/geo/leaky-images.yaml: image" in done.log
    assert f"{root.as_uri()}/etc/passwd was not embedded: it is outside the project's assets folder" in done.log
    assert "https://tracker.example.net/pixel.png was not embedded" in done.log
    assert "pdf.allowed_hosts" in done.log
    # One warning per resource, listing every PDF it was left out of: the brief's own and its books'.
    assert done.log.count("https://tracker.example.net/pixel.png was not embedded") == 1
    assert "(in books/latest.pdf, books/section-geopolitics.pdf, leaky-images.pdf)" in done.log
    # A cached PDF still reports what was left out of it.
    again = render_site(root, root / "out2")
    assert again.stats.rendered == 0
    assert "https://tracker.example.net/pixel.png was not embedded" in again.log
