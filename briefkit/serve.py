"""``brief serve``: a live preview that rebuilds and reloads on every change.

The preview build (every brief, each non-public one with its banner) is
served from ``build/preview/site`` by MkDocs' livereload server, bound to
127.0.0.1 unless told otherwise.  Changes to briefs, templates, assets or
mkdocs.yml run the normal atomic build again; a build that fails reports
its problems and the last good preview stays up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from briefkit import pipeline
from briefkit.config import Config, load_config
from briefkit.errors import BriefkitError
from briefkit.report import Reporter
from briefkit.site import routed_logging


def parse_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:8000`` for IPv6) to a host and a port."""
    host, sep, port = text.strip().rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise BriefkitError(f"'{text}' is not HOST:PORT", hint="for example 127.0.0.1:8000", exit_code=2)
    return host, int(port)


class Previewer:
    """Rebuilds the preview; serialised, because the server may ask again while a build runs."""

    def __init__(self, config: Config, reporter: Reporter, now: Callable[[], datetime], pdf: bool) -> None:
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
                pipeline.build(self.config, self.reporter, now=self.now(), preview=True, pdf=self.pdf)
            except BriefkitError as exc:
                if exc.problems:
                    self.reporter.problems(exc.problems)
                self.reporter.fail(exc.message or str(exc), exc.hint)
                self.reporter.note("still serving the last preview that built")
                return False
            return True


def serve(config: Config, reporter: Reporter, *, host: str, port: int, now: Callable[[], datetime], pdf: bool = False) -> None:
    from mkdocs.livereload import LiveReloadServer

    previewer = Previewer(config, reporter, now, pdf)
    layout = pipeline.BuildLayout.of(config, preview=True)
    if not previewer.build() and not layout.site.is_dir():
        raise BriefkitError("the preview could not be built; fix the problems above and run 'brief serve' again")

    def rebuild() -> None:
        previewer.build()

    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(layout.site), mount_path="/")

    def not_found(code: int) -> bytes | None:
        page = layout.site / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    server.error_handler = not_found
    opts = config.options
    for path in (config.briefs_dir, config.path(opts.templates_dir), config.path(opts.assets_dir), config.file):
        if path.exists():
            server.watch(str(path))
    with routed_logging(reporter):
        try:
            reporter.success(f"serving the preview on {server.url} (Ctrl+C to stop)")
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            reporter.note("stopped")
        except OSError as exc:
            raise BriefkitError(
                f"cannot serve on {host}:{port}: {exc.strerror or exc}", hint="choose another address with -a HOST:PORT"
            ) from None
        finally:
            server.shutdown()
