"""A content-addressed store of rendered PDFs.

A PDF's key hashes everything it is made from (:mod:`briefkit.content.keys`):
its brief(s) as loaded (body, fields, resolved tags and authors), the
preview watermark, the parsed settings print reads (not the config file's
bytes: a comment in mkdocs.yml re-renders nothing), the print templates its
kind loads and the assets and fonts they and the bodies name, the Markdown
extensions, and the versions of briefkit, WeasyPrint and its libraries.  A key that exists
needs no render: the file is hard-linked (or copied) into the output.  CI
keeps ``pdf.cache_dir`` between runs to skip unchanged PDFs.

Each entry has a small JSON sidecar with the warnings its render produced,
so a cached PDF still reports a refused image on every build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import posixpath
import shutil
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from briefkit.common import safefs
from briefkit.common.fsio import atomic_write
from briefkit.config import Config, settings
from briefkit.content import keys
from briefkit.content.markup import BodyRenderer, MarkdownSettings
from briefkit.content.templating import environment, packaged_templates, template_sources
from briefkit.maps.locator import identity as locator_identity
from briefkit.model import Brief
from briefkit.pdf.books import Book
from briefkit.pdf.documents import asset_roots
from briefkit.pdf.render import Notice

PRUNE_AFTER_DAYS = 30


class _References(HTMLParser):
    """Every URL-like attribute value of an HTML fragment: ``src``, ``href``, ``srcset`` items, ``url()`` in styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if not value:
                continue
            if name == "srcset":
                self.found.extend(item.split()[0] for item in value.split(",") if item.split())
            elif name == "style":
                self.found.extend(css_urls(value))
            else:
                self.found.append(value)

    handle_startendtag = handle_starttag


def css_urls(text: str) -> list[str]:
    """The targets of ``url(...)`` in CSS, found with ``str.find``: linear on any input."""
    out = []
    lower = text.lower()
    at = lower.find("url(")
    while at >= 0:
        end = text.find(")", at + 4)
        if end < 0:
            break
        out.append(text[at + 4 : end].strip().strip("\"'"))
        at = lower.find("url(", end + 1)
    return out


def _names(reference: str) -> set[str]:
    """File names a URL may mean: its last path segment as written, decoded once (as the fetcher does) and twice."""
    path = urlsplit(reference.strip()).path
    name = posixpath.basename(path)
    once = unquote(name)
    return {name, once, unquote(once)} - {""}


class AssetIndex:
    """Which asset files a PDF reads, and their content hashes.

    A PDF depends on the assets its brief (or a print template) names, not
    on the whole folder: adding an image for one brief must not re-render
    every PDF.  A brief's references are read from its body *as converted to
    HTML* (the HTML the renderer fetches from), by an HTML parser: no regex
    runs over body text, so a long word cannot make this slow, and a name with
    spaces or %-escapes is matched exactly.  Matching is by file name in any
    folder, which over-approximates: that costs a render, never a stale PDF.
    """

    def __init__(self, root: Path, site_root: Path, renderer: BodyRenderer | None = None, bodies: Mapping[str, str] | None = None) -> None:
        self.root = root
        self.site_root = site_root
        self.renderer = renderer
        self.bodies = bodies or {}
        """Bodies already converted with the same settings, by slug (the site build's)."""
        self.images: Mapping[str, str] = {}
        """What each brief's image files are, by slug (``BriefView.images_digest``): print embeds their renditions."""
        self.by_name: dict[str, list[Path]] = {}
        if root.is_dir():
            for dirpath, _dirs, files in os.walk(root, followlinks=False):
                for name in files:
                    self.by_name.setdefault(name, []).append(Path(dirpath) / name)
        self._hashes: dict[Path, str] = {}
        self._briefs: dict[tuple[str, str], str] = {}

    def digest(self, references: Iterable[str]) -> str:
        """Hash of every asset the references name (by any of its file names), '' when none."""
        if not self.by_name:
            return ""
        named = {n for r in references for n in _names(r)}
        files = sorted({p for name in named for p in self.by_name.get(name, ())})
        if not files:
            return ""
        return keys.digest(*(f"{p.relative_to(self.root).as_posix()}:{self._hash_file(p)}" for p in files))

    def brief(self, brief: Brief) -> str:
        """The assets one brief's body refers to, from its converted HTML (memoised: books repeat briefs)."""
        if not self.by_name:
            return ""
        key = (brief.slug, brief.digest)
        if key not in self._briefs:
            html = self.bodies.get(brief.slug)
            if html is None:
                html = (self.renderer or BodyRenderer()).html(brief.body)
            parser = _References()
            parser.feed(html)
            parser.close()
            self._briefs[key] = self.digest(parser.found)
        return self._briefs[key]

    def text(self, text: str) -> str:
        """The assets a template names: every token between quotes, brackets, slashes or spaces, split without a regex."""
        tokens = text.translate(_SEPARATORS).split()
        return self.digest(tokens)

    def _hash_file(self, path: Path) -> str:
        if path not in self._hashes:
            try:
                data = safefs.read_input(path, self.site_root)
            except safefs.Refused as exc:  # the fetcher refuses it too; the key records that
                self._hashes[path] = f"refused:{exc.code}"
            else:
                self._hashes[path] = hashlib.sha256(data).hexdigest()
        return self._hashes[path]


_SEPARATORS = str.maketrans({c: " " for c in "\\()[]<>\"'=,;{}"})


PDF_KEYS = "briefkit-pdf/3"
"""Part of every PDF key; raised whenever what a key covers changes, so older cache entries are never trusted.

3: keys from parsed settings, the print templates each kind of PDF loads and the fonts they name (2: raw mkdocs.yml bytes).
"""

ENTRY_TEMPLATES = {"brief": "pdf/brief.html.j2", "book": "pdf/book.html.j2"}
"""The template each kind of PDF is rendered from; what it extends, includes and imports follows."""

PRINT_ENGINES = (
    "weasyprint",
    "pydyf",
    "fonttools",
    "tinycss2",
    "cssselect2",
    "markdown",
    "pymdown-extensions",
    "nh3",
    "jinja2",
    "pycountry",
)
"""Distributions whose version shapes a PDF's bytes: the renderer and its font and CSS libraries, and the body's conversion."""

NOT_PRINTED = (
    "site_description",
    "options.briefs_dir",
    "options.templates_dir",
    "options.build_dir",
    "options.max_file_size",
    "options.search",
    "options.latest",
    "options.feed_size",
    "options.tag_page_size",
    "options.related",
    "options.archive",
    "options.review",
    "options.pdf.enabled",
    "options.pdf.jobs",
    "options.pdf.cache_dir",
    "options.pdf.render_timeout",
    "options.pdf.render_memory",
    "options.pdf.books",
    "options.scheduler",
)
"""Settings no PDF reads: web-only options, where files lie, how many workers (or which cluster) and how long they may take.

Which briefs a book holds (``pdf.books``) is in the book's own key.  A
setting not named here counts, so a new option re-renders rather than
leaving a PDF stale.
"""


def print_settings(config: Config) -> dict[str, Any]:
    """The parsed settings PDFs depend on."""
    return keys.without(settings(config), NOT_PRINTED)


def markdown_options(markdown: MarkdownSettings) -> dict[str, Any]:
    """How bodies are converted: the site's Markdown extensions and their configs, and the HTML allowed in bodies."""
    return {
        "extensions": list(markdown.extensions),
        "configs": markdown.configs,
        "tags": markdown.extra_tags,
        "attributes": markdown.extra_attributes,
    }


@dataclass(frozen=True)
class BaseKeys:
    """What every brief PDF, and every book, of a build shares (see :func:`base_key`)."""

    brief: str
    book: str


def base_key(config: Config, markdown: MarkdownSettings, assets: AssetIndex, *, preview: bool, recipient: str = "") -> BaseKeys:
    """Settings, templates, the assets and fonts those templates name, and versions: per kind, from what that kind loads.

    A brief PDF does not read ``pdf/book.html.j2``, so editing it re-renders
    the books only.
    """
    env = environment(config)
    options = {"settings": print_settings(config), "markdown": markdown_options(markdown), "preview": preview}
    options["maps"] = locator_identity()  # the locator maps' drawing and outlines (briefkit.maps), printed in every brief with places
    if recipient:  # a named copy is its own PDF
        options["recipient"] = recipient
    engines = keys.versions(*PRINT_ENGINES)
    packaged = [AssetIndex(root, packaged_templates()) for root in asset_roots(config) if root.is_relative_to(packaged_templates())]
    out: dict[str, str] = {}
    for kind, entry in ENTRY_TEMPLATES.items():
        sources = template_sources(env, [entry])
        text = "\n".join(sources.values())
        named = [assets.text(text), *(index.text(text) for index in packaged)]
        out[kind] = keys.product_key(
            f"{PDF_KEYS}:{kind}",
            options=options,
            templates={name: hashlib.sha256(source.encode("utf-8")).hexdigest() for name, source in sources.items()},
            assets=keys.digest(*named),
            engines=engines,
        )
    return BaseKeys(**out)


def brief_part(brief: Brief, watermark: str, assets: AssetIndex) -> str:
    """A brief as printed: every field (not where its file lies), its watermark, the assets it names and its image files."""
    return keys.digest(repr(replace(brief, path="")), watermark, assets.brief(brief), assets.images.get(brief.slug, ""))


def brief_key(base: BaseKeys, brief: Brief, watermark: str, assets: AssetIndex) -> str:
    return keys.digest(base.brief, "brief", brief_part(brief, watermark, assets))


def book_key(base: BaseKeys, book: Book, watermarks: Mapping[str, str], assets: AssetIndex) -> str:
    parts = [brief_part(b, watermarks.get(b.slug, ""), assets) for b in book.briefs]
    return keys.digest(base.book, "book", book.name, book.kind, book.title, book.label, book.description, str(book.total), *parts)


class PdfCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pdf"

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def notices(self, key: str) -> list[Notice]:
        side = self.path(key).with_suffix(".json")
        try:
            data = json.loads(side.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [Notice(str(n.get("message", "")), str(n.get("brief_path", "")), str(n.get("url", ""))) for n in data if isinstance(n, dict)]

    def save_notices(self, key: str, notices: Iterable[Notice]) -> None:
        side = self.path(key).with_suffix(".json")
        items = [{"message": n.message, "brief_path": n.brief_path, "url": n.url} for n in notices]
        if not items:
            with contextlib.suppress(FileNotFoundError):
                side.unlink()
            return
        atomic_write(side, json.dumps(items, indent=1, sort_keys=True).encode("utf-8"))

    def publish(self, key: str, dest: Path) -> None:
        """Put the cached PDF at ``dest``: a hard link when possible, else a copy; atomically."""
        source = self.path(key)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        try:
            os.link(source, tmp)
        except OSError:
            shutil.copyfile(source, tmp)
        os.replace(tmp, dest)
        with contextlib.suppress(OSError):
            # Marks it as used, for prune(): the access time only.  The published PDF is the same
            # file (a hard link), and its modification time must say when it was rendered.
            os.utime(source, ns=(time.time_ns(), source.stat().st_mtime_ns))

    def prune(self, keep: Iterable[str], older_than_days: float = PRUNE_AFTER_DAYS) -> int:
        """Delete entries unused for a while, except ``keep``; the number deleted."""
        if not self.root.is_dir():
            return 0
        wanted = set(keep)
        limit = time.time() - older_than_days * 86400
        removed = 0
        for path in self.root.glob("*/*.pdf"):
            if path.stem in wanted:
                continue
            with contextlib.suppress(OSError):
                st = path.stat()
                if max(st.st_atime, st.st_mtime) < limit:
                    path.unlink()
                    path.with_suffix(".json").unlink(missing_ok=True)
                    removed += 1
        return removed
