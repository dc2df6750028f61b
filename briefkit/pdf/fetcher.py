"""The only way a PDF render reads anything: a restricted WeasyPrint URL fetcher.

WeasyPrint's default fetcher reads any local file and any URL: a body with
``<link rel=attachment href="file:///etc/passwd">`` would embed the file,
and ``/dev/urandom`` would render forever.  This one allows:

* ``data:`` URIs;
* regular files under the allowed folders (the project's assets folder and
  briefkit's packaged print assets), checked after resolving symlinks and
  ``..``, so nothing outside is reachable by an escape or a link;
* ``http(s)`` only to hosts on the site's allowlist, with a size cap, one
  deadline (``pdf.timeout``) for the whole fetch including redirects, and
  redirects re-checked against the allowlist.  Proxy settings from the
  environment are not used, and content is asked for uncompressed.

Everything else raises an ordinary exception, which WeasyPrint turns into a
missing image or attachment; the refusal is recorded in :attr:`rejected` so
the build can warn, naming the brief.  Images, stylesheets, fonts and
attachments all come through here.
"""

from __future__ import annotations

import http.client
import io
import mimetypes
import os
import socket
import ssl
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse, iri_to_uri

from briefkit.common.hosts import host_allowed
from briefkit.common.safefs import Refused as InputRefused
from briefkit.common.safefs import open_regular

MAX_REDIRECTS = 5
OUTSIDE = "it is outside the project's assets folder"


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
        real, data, mime = self.read_file(url)
        return URLFetcherResponse(real, data, {"Content-Type": mime})

    def read_file(self, url: str) -> tuple[str, bytes, str]:
        """A ``file:`` URL's resolved URL, bytes and media type, if a PDF may read it; else :class:`Refused`."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise Refused(f"file URLs on another host ({parts.netloc}) are not allowed")
        raw = url2pathname(parts.path)
        if not os.path.isabs(raw):
            raise Refused("relative file paths are not allowed")
        real = Path(os.path.realpath(raw))
        root = next((root for root in self.roots if real.is_relative_to(root)), None)
        if root is None:
            raise Refused(OUTSIDE)
        if any(part.startswith(".") for part in real.relative_to(root).parts):
            # The site never publishes hidden files (.git/ among them); a PDF must not embed them either.
            raise Refused("hidden files and folders are never published")
        try:
            data = open_regular(real, self.max_bytes)  # the same rule as every other input
        except InputRefused as exc:
            if exc.code == "file-too-large":
                raise Refused(f"it {exc} (pdf.max_bytes)") from None
            raise Refused(f"it {exc}") from None
        return real.as_uri(), data, mimetypes.guess_type(real.name)[0] or "application/octet-stream"

    # -- network ---------------------------------------------------------
    def host_allowed(self, url: str) -> bool:
        return host_allowed(url, self.allowed_hosts)

    def _http(self, url: str, headers: Any) -> URLFetcherResponse:
        """GET with one deadline for everything: connecting, headers, body and every redirect.

        A socket timeout alone bounds each read, not the fetch: a host that
        sends a byte every few seconds would keep a render busy for as long as
        it likes.  Each read here is given only the time left.
        """
        deadline = time.monotonic() + self.timeout
        current = url
        try:
            for _ in range(MAX_REDIRECTS + 1):
                if not self.host_allowed(current):
                    host = urlsplit(current).hostname or current
                    where = "redirected to a host" if current != url else "its host"
                    raise Refused(f"{where} ({host}) is not in pdf.allowed_hosts")
                status, response_headers, body = self._get(current, deadline)
                if status in (301, 302, 303, 307, 308) and response_headers.get("Location"):
                    current = urljoin(current, response_headers["Location"])
                    continue
                if not 200 <= status < 300:
                    raise Refused(f"the server answered {status}")
                return URLFetcherResponse(current, body, response_headers, status)
        except TimeoutError:
            raise Refused(f"it took longer than pdf.timeout ({self.timeout:g} s)") from None
        raise Refused(f"more than {MAX_REDIRECTS} redirects")

    def _get(self, url: str, deadline: float) -> tuple[int, Message, bytes]:
        parts = urlsplit(iri_to_uri(url))
        if parts.scheme == "https":
            conn: http.client.HTTPConnection = _DeadlineHTTPS(
                parts.hostname or "", parts.port, deadline=deadline, context=ssl.create_default_context()
            )
        else:
            conn = _DeadlineHTTP(parts.hostname or "", parts.port, deadline=deadline)
        response: http.client.HTTPResponse | None = None
        try:
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            # identity: no decompression, so max_bytes is the size on the wire and in memory.
            conn.request("GET", target, headers={"User-Agent": _USER_AGENT, "Accept-Encoding": "identity", "Accept": "*/*"})
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                return response.status, response.headers, b""
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > self.max_bytes:
                raise Refused(f"it is {int(length):,} bytes; the limit (pdf.max_bytes) is {self.max_bytes:,}")
            if response.headers.get("Content-Encoding", "identity").lower() != "identity":
                raise Refused(f"it came compressed ({response.headers['Content-Encoding']}), which was not asked for")
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read1(65536):
                size += len(chunk)
                if size > self.max_bytes:
                    raise Refused(f"it is over the limit (pdf.max_bytes) of {self.max_bytes:,} bytes")
                chunks.append(chunk)
            return response.status, response.headers, b"".join(chunks)
        finally:
            if response is not None:
                response.close()
            conn.close()


_USER_AGENT = "briefkit-pdf (WeasyPrint)"


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("deadline passed")
    return left


class _DeadlineSocket:
    """A connected socket whose every read may take only the time left before the deadline."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self._sock = sock
        self._deadline = deadline
        self._files = 0
        self._closed = False

    def recv_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> int:
        self._sock.settimeout(_remaining(self._deadline))
        return self._sock.recv_into(buffer, nbytes, flags)

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        self._sock.settimeout(_remaining(self._deadline))
        return self._sock.recv(bufsize, flags)

    def sendall(self, data: bytes, flags: int = 0) -> None:
        self._sock.settimeout(_remaining(self._deadline))
        self._sock.sendall(data, flags)

    def makefile(self, mode: str = "rb", *args: Any, **kwargs: Any) -> io.BufferedReader:
        # Reads must come back through recv_into above, not the socket's own.
        self._files += 1
        return io.BufferedReader(socket.SocketIO(self, "rb"))  # type: ignore[arg-type]

    def _decref_socketios(self) -> None:
        # Like a socket: http.client closes the connection while the response is still being read.
        self._files -= 1
        if self._closed and self._files <= 0:
            self._sock.close()

    def close(self) -> None:
        self._closed = True
        if self._files <= 0:
            self._sock.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class _DeadlineHTTP(http.client.HTTPConnection):
    """A connection whose connect, TLS handshake and every read share one deadline."""

    def __init__(self, host: str, port: int | None, *, deadline: float, **kwargs: Any) -> None:
        super().__init__(host, port, timeout=_remaining(deadline), **kwargs)
        self.deadline = deadline

    def connect(self) -> None:
        self.timeout = _remaining(self.deadline)
        super().connect()  # TCP, then TLS for HTTPS
        self.sock = _DeadlineSocket(self.sock, self.deadline)


class _DeadlineHTTPS(_DeadlineHTTP, http.client.HTTPSConnection):
    """The same over TLS: HTTPSConnection's connect (TCP, then the handshake) runs inside the deadline."""
