"""The only way a PDF render reads anything: a restricted WeasyPrint URL fetcher.

WeasyPrint's default fetcher reads any local file and any URL: a body with
``<link rel=attachment href="file:///etc/passwd">`` would embed the file,
and ``/dev/urandom`` would render forever.  This one allows:

* ``data:`` URIs;
* regular files under the allowed folders (the project's assets folder and
  briefkit's packaged print assets), checked after resolving symlinks and
  ``..``, so nothing outside is reachable by an escape or a link;
* ``http(s)`` only to hosts on the site's allowlist, with a size cap, a
  deadline and redirects re-checked against the allowlist.

Everything else raises an ordinary exception, which WeasyPrint turns into a
missing image or attachment; the refusal is recorded in :attr:`rejected` so
the build can warn, naming the brief.  Images, stylesheets, fonts and
attachments all come through here.
"""

from __future__ import annotations

import mimetypes
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from briefkit.safefs import Refused as InputRefused
from briefkit.safefs import open_regular

MAX_REDIRECTS = 5


class Refused(ValueError):
    """A resource the print renderer may not read."""


@dataclass(frozen=True)
class Rejection:
    url: str
    reason: str


class RestrictedFetcher(URLFetcher):  # type: ignore[misc]
    def __init__(
        self,
        allowed_dirs: Iterable[Path],
        *,
        allowed_hosts: Sequence[str] = (),
        max_bytes: int = 5 * 1024 * 1024,
        timeout: float = 10.0,
    ) -> None:
        super().__init__(timeout=timeout, allow_redirects=False)
        self.roots = [Path(os.path.realpath(p)) for p in allowed_dirs]
        self.allowed_hosts = tuple(h.lower().strip() for h in allowed_hosts if h.strip())
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.rejected: list[Rejection] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        try:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                return self._file(url)
            if scheme in ("http", "https"):
                return self._http(url, headers)
            raise Refused(f"the '{scheme or 'relative'}' scheme is not allowed")
        except Refused as exc:
            self.rejected.append(Rejection(url, str(exc)))
            raise
        except Exception as exc:  # a network or file error: still a refusal to embed
            self.rejected.append(Rejection(url, f"could not be read ({type(exc).__name__}: {exc})"))
            raise

    def take(self) -> list[Rejection]:
        """Rejections since the last call (one document's worth)."""
        out, self.rejected = self.rejected, []
        return out

    # -- local files ---------------------------------------------------
    def _file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise Refused(f"file URLs on another host ({parts.netloc}) are not allowed")
        raw = url2pathname(parts.path)
        if not os.path.isabs(raw):
            raise Refused("relative file paths are not allowed")
        real = Path(os.path.realpath(raw))
        root = next((root for root in self.roots if real.is_relative_to(root)), None)
        if root is None:
            raise Refused("it is outside the project's assets folder")
        if any(part.startswith(".") for part in real.relative_to(root).parts):
            # The site never publishes hidden files (.git/ among them); a PDF must not embed them either.
            raise Refused("hidden files and folders are never published")
        try:
            data = open_regular(real, self.max_bytes)  # the same rule as every other input
        except InputRefused as exc:
            if exc.code == "file-too-large":
                raise Refused(f"it {exc} (pdf.max_bytes)") from None
            raise Refused(f"it {exc}") from None
        mime = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
        return URLFetcherResponse(real.as_uri(), data, {"Content-Type": mime})

    # -- network ---------------------------------------------------------
    def host_allowed(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        for allowed in self.allowed_hosts:
            if allowed.startswith("*."):
                if host.endswith(allowed[1:]):
                    return True
            elif host == allowed:
                return True
        return False

    def _http(self, url: str, headers: Any) -> URLFetcherResponse:
        deadline = time.monotonic() + self.timeout
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if not self.host_allowed(current):
                host = urlsplit(current).hostname or current
                where = "redirected to a host" if current != url else "its host"
                raise Refused(f"{where} ({host}) is not in pdf.allowed_hosts")
            try:
                response = super().fetch(current, headers)
            except HTTPError as exc:
                if exc.code in (301, 302, 303, 307, 308) and exc.headers.get("Location"):
                    current = urljoin(current, exc.headers["Location"])
                    continue
                raise Refused(f"the server answered {exc.code}") from None
            try:
                length = response.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > self.max_bytes:
                    raise Refused(f"it is {int(length):,} bytes; the limit (pdf.max_bytes) is {self.max_bytes:,}")
                chunks: list[bytes] = []
                size = 0
                while True:
                    if time.monotonic() > deadline:
                        raise Refused(f"it took longer than pdf.timeout ({self.timeout:g} s)")
                    chunk = response.read(65536)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise Refused(f"it is over the limit (pdf.max_bytes) of {self.max_bytes:,} bytes")
                    chunks.append(chunk)
            finally:
                response.close()
            return URLFetcherResponse(response.url, b"".join(chunks), response.headers, response.status)
        raise Refused(f"more than {MAX_REDIRECTS} redirects")
