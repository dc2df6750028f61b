"""Build some of a site's pages with MkDocs' own build: the whole nav, every other file as a full build makes it.

briefkit keeps MkDocs' nav to index pages, so a page outside the nav is a
function of its own Markdown and of what every page shares (the nav, the
theme and overrides, the engine config, the versions).  That makes two
things possible without a second implementation of MkDocs' build:

* build a *share* of the pages (the nav pages always included, since the
  nav shows their titles) in another process, and
* assemble a site from pages built elsewhere or earlier: the pages given
  as :class:`PageOutput` are written as they are, their search entries go
  into Material's ``search_index.json`` at their places in MkDocs' order.

Both run MkDocs' ``build(dirty=True)``: MkDocs asks ``File.is_modified()``
whether to read and render each page; here it answers from the set of pages
this run renders (theme and static files are always copied).  Everything
else (files, nav, theme assets, the 404 page, the sitemap, plugin events)
is MkDocs' own full build.  Only sites whose plugins are known to keep no
state across pages use this (:func:`supported`); others get a full build.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefkit.common.report import Reporter
from briefkit.config import Config
from briefkit.web.engine import site

KNOWN_PLUGINS = frozenset({"search", "material/search", "briefkit"})
"""Plugins whose page events read only the page at hand (Material's search is merged here)."""


@dataclass(frozen=True)
class PageOutput:
    """One page as a build wrote it; plain values, so it crosses processes and is cached as it is."""

    src: str
    """The page's path in the docs folder (MkDocs' ``src_uri``)."""
    dest: str
    """Its HTML file's path in the site."""
    html: bytes | None
    """The file's bytes; None when MkDocs wrote nothing (empty output)."""
    search: tuple[dict[str, Any], ...]
    """Its entries in Material's search index, in order."""


@dataclass(frozen=True)
class Pages:
    """A site's Markdown pages in MkDocs' build order, and which of them the nav shows."""

    order: tuple[str, ...]
    in_nav: frozenset[str]
    untitled: frozenset[str]
    """Nav pages whose nav entry gives no title: the nav shows a title read from the page itself."""

    @property
    def independent(self) -> tuple[str, ...]:
        return tuple(p for p in self.order if p not in self.in_nav)


@dataclass(frozen=True)
class Built:
    outputs: Mapping[str, PageOutput]
    """Every page this run rendered, by source path."""
    warnings: tuple[str, ...]


def supported(mk: Any) -> bool:
    """True when each page outside the nav depends on nothing but itself and what all pages share."""
    names = set(mk.plugins.keys()) if hasattr(mk.plugins, "keys") else {"?"}
    if not names <= KNOWN_PLUGINS or mk["hooks"]:
        return False
    searching = [mk.plugins[n] for n in ("search", "material/search") if n in names and _enabled(mk.plugins[n])]
    return all(plugin is _search(mk) for plugin in searching)  # MkDocs' own search plugin is not merged here


def _enabled(plugin: Any) -> bool:
    config: Any = getattr(plugin, "config", None)
    return bool(config.get("enabled", True)) if hasattr(config, "get") else True


def _search(mk: Any) -> Any:
    """Material's search plugin when it is on (its entries are merged here), else None."""
    for plugin in mk.plugins.values():
        kind = type(plugin)
        if kind.__module__ == "material.plugins.search.plugin" and kind.__name__ == "SearchPlugin" and _enabled(plugin):
            return plugin
    return None


def pages(mk: Any, reporter: Reporter) -> Pages:
    """The site's pages and its nav as MkDocs makes them (files and nav only; nothing is read or rendered)."""
    from mkdocs.structure.files import InclusionLevel, get_files
    from mkdocs.structure.nav import get_navigation

    with site.routed_logging(reporter, defer_warnings=True):  # the build itself says all this again
        files = get_files(mk)
        nav = get_navigation(files, mk)
    order = tuple(f.src_uri for f in files.documentation_pages(inclusion=InclusionLevel.is_included))
    in_nav = frozenset(p.file.src_uri for p in nav.pages)
    untitled = frozenset(p.file.src_uri for p in nav.pages if "title" not in vars(p))
    return Pages(order, in_nav, untitled)


_ONLY: contextvars.ContextVar[tuple[frozenset[str], bool] | None] = contextvars.ContextVar("briefkit_only_pages", default=None)
"""Inside :func:`build`: the pages to render, and whether other files are copied."""
_PATCHED: list[Callable[..., bool]] = []


def _patch_is_modified() -> None:
    """Have ``File.is_modified`` answer from :data:`_ONLY` inside :func:`build`, as MkDocs answers outside it."""
    from mkdocs.structure.files import File

    if _PATCHED:
        return
    original = File.is_modified
    _PATCHED.append(original)

    def is_modified(self: Any) -> bool:
        only = _ONLY.get()
        if only is None:
            return original(self)
        # A page is "modified" when this run renders it; other files are copied as a clean build does (or not at all).
        pages, copy = only
        return self.src_uri in pages if self.is_documentation_page() else copy

    File.is_modified = is_modified  # type: ignore[method-assign]


def build(
    mk: Any,
    config: Config,
    reporter: Reporter,
    *,
    render: frozenset[str] | None,
    provided: Mapping[str, PageOutput] | None = None,
    copy_files: bool = True,
) -> Built:
    """Run MkDocs into ``mk["site_dir"]``, rendering the pages in ``render`` (None: all) and writing ``provided`` as given.

    The pages of ``render`` come back as :class:`PageOutput`.  With
    ``provided``, the site is assembled: their files are written, and the
    search index holds every page's entries in MkDocs' order, exactly as a
    full build writes it.  The sitemap is moved behind its index as
    :func:`~briefkit.web.engine.site.build` does.  Without ``copy_files`` the
    theme's and the docs folder's other files are not copied (a share's site is thrown away).
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.structure.files import InclusionLevel

    provided = provided or {}
    dirty = render is not None
    captured: list[Any] = []

    def keep(files: Any, **_: Any) -> Any:
        captured.append(files)
        return files

    def read_rest(env: Any, *, config: Any, files: Any) -> Any:
        # Pages this run does not render still show in others through their front matter (the sitemap's lastmod).
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            if render is not None and file.src_uri not in render and file.page is not None and file.page.markdown is None:
                file.page.read_source(config)
        return env

    _patch_is_modified()
    hooks = ((mk.plugins.events["files"], keep), (mk.plugins.events["env"], read_rest))
    for event, hook in hooks:
        event.append(hook)  # last: sees what every plugin made
    token = _ONLY.set(None if render is None else (render, copy_files))
    try:
        with site.running(mk, config, reporter, dirty=dirty) as log:
            mkdocs_build(mk, dirty=dirty)
    finally:
        _ONLY.reset(token)
        for event, hook in hooks:
            event.remove(hook)
    site_dir = Path(mk["site_dir"])
    order = captured[-1].documentation_pages(inclusion=InclusionLevel.is_included)
    search = _search(mk)
    entries = _by_page(search.search_index.entries if search is not None else [])
    outputs: dict[str, PageOutput] = {}
    for file in order:
        if render is None or file.src_uri in render:
            dest = Path(file.abs_dest_path)
            html = dest.read_bytes() if dest.is_file() else None
            outputs[file.src_uri] = PageOutput(file.src_uri, file.dest_uri, html, tuple(entries.get(file.url, ())))
    if provided:
        _assemble(site_dir, order, outputs, provided, search)
    site.index_sitemap(site_dir, config.site_url)
    return Built(outputs, tuple(log.warnings))


def _by_page(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Search entries by page URL: a page's entries are at its URL or at an anchor on it."""
    found: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        found.setdefault(str(entry["location"]).split("#", 1)[0], []).append(entry)
    return found


def _assemble(site_dir: Path, order: Any, outputs: Mapping[str, PageOutput], provided: Mapping[str, PageOutput], search: Any) -> None:
    merged: list[dict[str, Any]] = []
    for file in order:
        page = outputs.get(file.src_uri) or provided.get(file.src_uri)
        if page is None:
            raise AssertionError(f"page {file.src_uri} was neither rendered nor given")  # the caller's partition is wrong
        if file.src_uri not in outputs and page.html is not None:
            target = site_dir / page.dest
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.html)
        merged.extend(page.search)
    if search is not None:
        # The plugin's own serialisation, over every page's entries in MkDocs' order: what a full build writes.
        search.search_index.entries = merged
        data = search.search_index.generate_search_index(None)
        target = site_dir / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode("utf-8"))
