"""A content-addressed store of rendered PDFs.

A PDF's key hashes everything it is made from: its brief(s) as loaded (body,
fields, resolved tags and authors), the preview watermark, the print
templates and CSS, the asset files it names, the config file, the Markdown
extensions, and the versions of briefkit and WeasyPrint.  A key that exists
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
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from briefkit import __version__
from briefkit.common import safefs
from briefkit.config import Config, fingerprint
from briefkit.content.markup import BodyRenderer, MarkdownSettings
from briefkit.content.templating import template_folders, templates_digest
from briefkit.model import Brief
from briefkit.pdf.books import Book
from briefkit.pdf.render import Notice

PRUNE_AFTER_DAYS = 30


def _hash(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


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
        return _hash(*(f"{p.relative_to(self.root).as_posix()}:{self._hash_file(p)}" for p in files))

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


def _template_text(config: Config) -> str:
    parts: list[str] = []
    for folder, root in template_folders(config):
        tree = safefs.walk(folder / "pdf", root)
        parts.extend(data.decode("utf-8", "replace") for _, data in sorted(tree.files.items()))
    return "\n".join(parts)


def _stable(value: Any) -> Any:
    """JSON for Markdown extension configs, whose values may be functions or classes."""
    if isinstance(value, Mapping):
        return {str(k): _stable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_stable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    return f"{getattr(value, '__module__', '')}.{name}"


def markdown_digest(settings: MarkdownSettings) -> str:
    return json.dumps(
        _stable(
            {
                "extensions": list(settings.extensions),
                "configs": settings.configs,
                "tags": settings.extra_tags,
                "attributes": settings.extra_attributes,
            }
        ),
        sort_keys=True,
    )


def base_key(config: Config, markdown: MarkdownSettings, assets: AssetIndex, *, preview: bool, recipient: str = "") -> str:
    """What every PDF of a build shares: code, templates, assets, config."""
    import weasyprint

    return _hash(
        "briefkit-pdf/2",
        __version__,
        weasyprint.__version__,
        config.digest,
        fingerprint(config),
        config.site_name,
        config.site_url,
        config.language,
        templates_digest(config, "pdf"),
        assets.text(_template_text(config)),
        markdown_digest(markdown),
        "preview" if preview else "public",
        *((f"recipient:{recipient}",) if recipient else ()),  # a named copy is its own PDF
    )


def brief_part(brief: Brief, watermark: str, assets: AssetIndex) -> str:
    """A brief as printed: every field (not where its file lies), its watermark and the assets it names."""
    return _hash(repr(replace(brief, path="")), watermark, assets.brief(brief))


def brief_key(base: str, brief: Brief, watermark: str, assets: AssetIndex) -> str:
    return _hash(base, "brief", brief_part(brief, watermark, assets))


def book_key(base: str, book: Book, watermarks: Mapping[str, str], assets: AssetIndex) -> str:
    parts = [brief_part(b, watermarks.get(b.slug, ""), assets) for b in book.briefs]
    return _hash(base, "book", book.name, book.kind, book.title, book.label, book.description, str(book.total), *parts)


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
        tmp = side.with_name(f".{side.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(items, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, side)

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
            os.utime(source)  # marks it as used, for prune()

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
                if path.stat().st_mtime < limit:
                    path.unlink()
                    path.with_suffix(".json").unlink(missing_ok=True)
                    removed += 1
        return removed
