"""``brief serve``: a live preview that rebuilds and reloads on every change.

The preview build (every brief, each non-public one with its banner) is
served from ``build/preview/site`` by MkDocs' livereload server, bound to
127.0.0.1 unless told otherwise.  Changes to briefs, templates, assets or
mkdocs.yml run the normal atomic build again; a build that fails reports
its problems and the last good preview stays up.

The preview shows drafts and restricted briefs, so it answers only requests
addressed to it (:func:`host_allowed`): a web page whose host name an
attacker re-points at 127.0.0.1 ("DNS rebinding") sends its own name in the
``Host`` header and gets 403.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from briefkit.common.report import Reporter
from briefkit.config import Config, load_config
from briefkit.errors import BriefkitError
from briefkit.pipeline import stages as pipeline
from briefkit.web.engine.site import routed_logging


def parse_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:8000`` for IPv6) to a host and a port."""
    host, sep, port = text.strip().rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise BriefkitError(f"'{text}' is not HOST:PORT", hint="for example 127.0.0.1:8000", exit_code=2)
    return host, int(port)


LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})


def _split_host(header: str) -> tuple[str, str]:
    """``Host`` header to (name, port); '' for a missing part.  IPv6 literals come in brackets."""
    if header.startswith("["):
        name, closed, rest = header[1:].partition("]")
        if not closed or (rest and not rest.startswith(":")):
            return "", "invalid"
        return name, rest[1:]
    if header.count(":") > 1:  # an IPv6 literal without brackets is not a valid Host
        return "", "invalid"
    name, _, port = header.partition(":")
    return name, port


def _is_ip(name: str) -> bool:
    try:
        return ipaddress.ip_address(name) is not None  # it raises for anything else
    except ValueError:
        return False


def host_allowed(header: str | None, bound_host: str, bound_port: int) -> bool:
    """Whether a request's ``Host`` header names this server.

    Accepted: the loopback names (``localhost``, ``127.0.0.1``, ``[::1]``) and
    the address the server was bound to, each with the bound port.  When bound
    to every interface (``0.0.0.0``, ``::``), any IP literal is accepted too:
    DNS rebinding needs a host *name*, and the LAN addresses are not known
    in advance.
    """
    if not header:
        return False
    name, port = _split_host(header.strip().lower())
    if port != str(bound_port) and not (port == "" and bound_port == 80):
        return False
    if name in LOOPBACK_NAMES or name == bound_host.lower().strip("[]"):
        return True
    return bound_host in WILDCARDS and _is_ip(name)


def host_guard(app: Callable[..., Iterable[bytes]], host: str, port: int) -> Callable[..., Iterable[bytes]]:
    """Wrap a WSGI app so that requests for any other host get 403."""

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if host_allowed(environ.get("HTTP_HOST"), host, port):
            return app(environ, start_response)
        body = b"403 Forbidden: brief serve answers only requests for the address it serves on.\n"
        start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
        return [body]

    return guarded


class Previewer:
    """Rebuilds the preview; serialised, because the server may ask again while a build runs."""

    def __init__(self, config: Config, reporter: Reporter, now: Callable[[], datetime], pdf: bool, edition: str | None = None) -> None:
        self.edition = edition
        """With a name, serve that edition (briefkit.editions) as it is built, not the preview."""
        self.config = config
        self.reporter = reporter
        self.now = now
        self.pdf = pdf
        self._lock = threading.Lock()

    def build(self) -> bool:
        with self._lock:
            try:
                # mkdocs.yml may have changed: read it again each time.
                self.config = load_config(self.config.root, self.config.file)
                if self.edition is None:
                    pipeline.build(self.config, self.reporter, now=self.now(), preview=True, pdf=self.pdf)
                else:
                    from briefkit.editions.model import edition_named

                    edition = edition_named(self.config, self.edition)
                    pipeline.build(self.config, self.reporter, now=self.now(), pdf=self.pdf, edition=edition)
            except BriefkitError as exc:
                if exc.problems:
                    self.reporter.problems(exc.problems)
                self.reporter.fail(exc.message or str(exc), exc.hint)
                self.reporter.note("still serving the last preview that built")
                return False
            return True


def serve(
    config: Config,
    reporter: Reporter,
    *,
    host: str,
    port: int,
    now: Callable[[], datetime],
    pdf: bool = False,
    edition: str | None = None,
) -> None:
    from mkdocs.livereload import LiveReloadServer

    from briefkit.editions.model import edition_named

    previewer = Previewer(config, reporter, now, pdf, edition)
    chosen = edition_named(config, edition) if edition is not None else None
    layout = pipeline.BuildLayout.of(config, preview=chosen is None, edition=chosen)
    if not previewer.build() and not layout.site.is_dir():
        raise BriefkitError("the preview could not be built; fix the problems above and run 'brief serve' again")

    def rebuild() -> None:
        previewer.build()

    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(layout.site), mount_path="/")

    def not_found(code: int) -> bytes | None:
        page = layout.site / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    server.error_handler = not_found
    server.set_app(host_guard(server.serve_request, host, port))
    opts = config.options
    for path in (config.briefs_dir, config.path(opts.templates_dir), config.path(opts.assets_dir), config.file):
        if path.exists():
            server.watch(str(path))
    with routed_logging(reporter):
        try:
            shown = "the preview" if chosen is None else f"the {chosen.name} edition"
            reporter.success(f"serving {shown} on {server.url} (Ctrl+C to stop)")
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            reporter.note("stopped")
        except OSError as exc:
            raise BriefkitError(
                f"cannot serve on {host}:{port}: {exc.strerror or exc}", hint="choose another address with -a HOST:PORT"
            ) from None
        finally:
            server.shutdown()
