"""PDF renders on other machines (a Dask cluster): inputs go out as values, PDF bytes come back.

The driver builds each document's print HTML (as a local worker would) and
sends it with every file the document may read, as bytes: the fonts and
print assets briefkit ships, and the project's assets the HTML names (and
the CSS among them names).  A worker reads nothing from its own disk and
never needs the driver's folders: its fetcher serves ``file:`` URLs from
those bytes only, by the same rules as the local fetcher (anything else is
refused with the same reason), and fetches ``http(s)`` from the allowed
hosts itself.  The driver writes the returned bytes into the PDF cache, so
a cluster build and a local build share one cache and give the same bytes.

Every job carries a digest of all the asset files; a worker keeps one font
configuration and image cache per digest, so a long-lived worker never
serves an image from an older build's assets.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit
from urllib.request import url2pathname

from briefkit.common.fsio import atomic_write
from briefkit.content import keys
from briefkit.content.markup import HtmlPolicy
from briefkit.pdf.cache import css_urls
from briefkit.pdf.documents import DocumentBuilder, PrintDocument, asset_roots
from briefkit.pdf.fetcher import OUTSIDE, Refused, Rejection, RestrictedFetcher
from briefkit.pdf.render import Job, Outcome, RenderSettings, document, epoch_of, failure_text, render_notices, write_pdf

T = TypeVar("T")
R = TypeVar("R")

BATCH = 256
"""Jobs sent to the cluster at once: bounds the HTML and PDF bytes the driver holds."""


class TaskMap(Protocol):
    """What runs the jobs: the pipeline's executors (a Dask cluster) have this shape."""

    def map(self, fn: Callable[[T], R], tasks: Sequence[T]) -> list[R]: ...


Resource = tuple[str, bytes, str] | str
"""A file a document may read: (resolved URL, bytes, media type), or why it is refused."""


@dataclass(frozen=True)
class RemoteJob:
    """Everything a worker needs for one PDF: no path on the driver's disk is read."""

    output: str
    html: str
    base_url: str
    epoch: int
    variant: str
    assets: str
    """Digest of every asset file this build may read: the worker's caches are kept per digest."""
    resources: dict[str, Resource]
    """``file:`` URL → what reading it gives."""
    allowed_hosts: tuple[str, ...]
    max_bytes: int
    timeout: float


@dataclass
class RemoteResult:
    output: str
    data: bytes = b""
    pages: int = 0
    error: str = ""
    refused: list[Rejection] = field(default_factory=list)
    """Every refusal the worker's caches have seen (WeasyPrint asks the fetcher once per URL)."""
    fresh: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    seconds: float = 0.0


class BundleFetcher(RestrictedFetcher):
    """The restricted fetcher, with ``file:`` URLs served from the bytes the driver sent."""

    def __init__(self, resources: dict[str, Resource], *, allowed_hosts: Sequence[str], max_bytes: int, timeout: float) -> None:
        super().__init__((), allowed_hosts=allowed_hosts, max_bytes=max_bytes, timeout=timeout)
        self.resources = resources

    def read_file(self, url: str) -> tuple[str, bytes, str]:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise Refused(f"file URLs on another host ({parts.netloc}) are not allowed")
        raw = url2pathname(parts.path)
        if not os.path.isabs(raw):
            raise Refused("relative file paths are not allowed")
        found = self.resources.get(resource_key(url))
        if found is None:
            raise Refused(OUTSIDE)
        if isinstance(found, str):
            raise Refused(found)
        return found


class Bundle:
    """The driver's side: which asset files a document names, read once by the local fetcher's rules."""

    def __init__(self, roots: Sequence[Path], fetcher: RestrictedFetcher) -> None:
        self.fetcher = fetcher
        self.by_name: dict[str, list[str]] = {}
        self.read: dict[str, Resource] = {}
        for root in roots:
            if not root.is_dir():
                continue
            for dirpath, _dirs, files in os.walk(root, followlinks=False):
                for name in files:
                    url = resource_key((Path(dirpath) / name).as_uri())
                    self.by_name.setdefault(name, []).append(url)
        self.digest = keys.digest(*(f"{url}:{self._hash(url)}" for urls in sorted(self.by_name.values()) for url in sorted(urls)))

    def _resource(self, url: str) -> Resource:
        if url not in self.read:
            try:
                self.read[url] = self.fetcher.read_file(url)
            except Refused as exc:
                self.read[url] = str(exc)
        return self.read[url]

    def _hash(self, url: str) -> str:
        """The file's content hash (or why it is refused), without keeping its bytes: most assets are in no PDF."""
        try:
            real, data, mime = self.fetcher.read_file(url)
        except Refused as exc:
            return str(exc)
        return keys.digest(real, hashlib.sha256(data).hexdigest(), mime)

    def for_document(self, doc: PrintDocument) -> dict[str, Resource]:
        """What a document may read: each body resource exactly as the local fetcher answers it, and :meth:`for_html`."""
        out = self.for_html(doc.html)
        for url in doc.refs:
            if urlsplit(url).scheme.lower() == "file" and (key := resource_key(url)) not in out:
                try:  # read as written: the local fetcher resolves links and '..' itself
                    out[key] = self.fetcher.read_file(url)
                except Refused as exc:
                    out[key] = str(exc)
        return out

    def for_html(self, html: str) -> dict[str, Resource]:
        """Every file whose name the HTML mentions, and every file those stylesheets mention in turn."""
        out: dict[str, Resource] = {}
        texts = [html]
        while texts:
            text = texts.pop()
            for token in text.translate(_SEPARATORS).split():
                name = url2pathname(urlsplit(token).path).rsplit("/", 1)[-1]
                for url in self.by_name.get(name, ()):
                    if url in out:
                        continue
                    out[url] = found = self._resource(url)
                    if not isinstance(found, str) and found[2] == "text/css":
                        texts.append(" ".join(css_urls(found[1].decode("utf-8", "replace"))))
        return out


def resource_key(url: str) -> str:
    """One spelling of a ``file:`` URL, for the driver and the worker alike ('..' folded, escapes normalised)."""
    return Path(os.path.normpath(url2pathname(urlsplit(url).path))).as_uri()


_SEPARATORS = str.maketrans({c: " " for c in "\\()[]<>\"'=,;{}"})


class _State:
    """One worker's font configuration and image cache, for one set of asset files."""

    def __init__(self, assets: str) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.assets = assets
        self.fonts = FontConfiguration()
        self.images: dict[str, Any] = {}
        self.refused: dict[str, Rejection] = {}


_LOCK = threading.Lock()
"""One render at a time per worker process: rendering pins SOURCE_DATE_EPOCH in the environment."""
_state: _State | None = None


def render_remote(job: RemoteJob) -> RemoteResult:
    """Runs on a worker: one PDF from the job's HTML and resources, as bytes."""
    global _state
    with _LOCK:
        started = time.perf_counter()
        if _state is None or _state.assets != job.assets:
            _state = _State(job.assets)
        fetcher = BundleFetcher(job.resources, allowed_hosts=job.allowed_hosts, max_bytes=job.max_bytes, timeout=job.timeout)
        result = RemoteResult(job.output)
        try:
            result.data, result.pages, result.said = write_pdf(
                job.html, job.base_url, fetcher, _state.fonts, _state.images, job.variant, job.epoch
            )
        except Exception as exc:  # one broken document must not stop the others
            result.error = failure_text(exc)
        fresh = fetcher.take()
        _state.refused.update((r.url, r) for r in fresh)
        result.refused = list(_state.refused.values())
        result.fresh = [r.url for r in fresh]
        result.seconds = time.perf_counter() - started
        return result


def render_on(executor: TaskMap, settings: RenderSettings, jobs: Sequence[Job]) -> Iterator[Outcome]:
    """Outcomes of ``jobs`` rendered through ``executor``; each PDF is written to its cache file here, on the driver."""
    config = settings.config
    opts = config.options.pdf
    builder = DocumentBuilder(config, HtmlPolicy(settings.markdown), settings.now, preview=settings.preview, recipient=settings.recipient)
    local = RestrictedFetcher(asset_roots(config), allowed_hosts=opts.allowed_hosts, max_bytes=opts.max_bytes, timeout=opts.timeout)
    bundle = Bundle(asset_roots(config), local)
    base_url = config.root.as_uri() + "/"
    for start in range(0, len(jobs), BATCH):
        sent: list[tuple[Job, PrintDocument]] = []
        tasks: list[RemoteJob] = []
        for job in jobs[start : start + BATCH]:
            try:
                doc = document(builder, job)
            except Exception as exc:  # a template error in one document: that PDF fails, the others go on
                yield Outcome(job.output, ok=False, error=failure_text(exc))
                continue
            sent.append((job, doc))
            tasks.append(
                RemoteJob(
                    job.output,
                    doc.html,
                    base_url,
                    epoch_of(job),
                    opts.variant,
                    bundle.digest,
                    bundle.for_document(doc),
                    opts.allowed_hosts,
                    opts.max_bytes,
                    opts.timeout,
                )
            )
        for (job, doc), result in zip(sent, executor.map(render_remote, tasks), strict=True):
            yield _outcome(job, doc, result)


def _outcome(job: Job, doc: PrintDocument, result: RemoteResult) -> Outcome:
    if result.error:
        return Outcome(job.output, ok=False, error=result.error)
    atomic_write(job.target, result.data)
    refused = {r.url: r for r in result.refused}
    notices = render_notices(job, doc, refused, set(result.fresh), result.said)
    return Outcome(job.output, pages=result.pages, seconds=result.seconds, notices=notices)
