"""The generated folder as a site any engine can build: ``build/docs`` plus ``build/mkdocs.yml``.

Material for MkDocs is in maintenance mode; Zensical, its successor, reads
``mkdocs.yml`` but runs no third-party plugin, and ProperDocs continues
MkDocs 1.x.  Real Markdown files on disk are what all three can build, so
each build also writes an engine config beside its docs folder: the site's
``mkdocs.yml`` with the paths pointed at the generated folder, the theme
overrides named as ``custom_dir``, briefkit's nav settings written out, and
the ``briefkit`` plugin entry left out (there is nothing left for it to do).

    zensical build -f build/mkdocs.yml      # or properdocs / mkdocs

builds the pages into ``build/engine-site/``, never into ``build/site/``
(which holds the PDFs).  PDFs, Pagefind and the sitemap index are steps of
``brief build`` and are not part of an engine's build: see docs/engines.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from briefkit.common import fsio
from briefkit.config import ENGINE_CONFIG_MARK, Config
from briefkit.web import search
from briefkit.web.engine.site import NOT_IN_NAV, EngineConfig

ENGINE_CONFIG = "mkdocs.yml"
"""Written into the build root (``build/`` or ``build/preview/``)."""
ENGINE_SITE = "engine-site"
"""Where an engine builds the engine config, relative to it."""
DROPPED = ("docs_dir", "site_dir", "watch", "hooks", "INHERIT")
"""Keys of the site's config that name paths relative to the site's own folder (or need briefkit)."""

_HEADER = (
    ENGINE_CONFIG_MARK
    + """ from {source}; edits here are lost.
# The generated pages (docs/) as a site for any engine that reads mkdocs.yml:
#   zensical build -f {shown}   (or: properdocs build -f ..., mkdocs build -f ...)
# builds them into {site}/.  PDFs, Pagefind search and the sitemap index come only from `brief build`.
"""
)


def write_config(config: Config, engine: EngineConfig, root: Path, overrides: Path) -> Path:
    """Write the engine config for the docs folder ``root/docs`` (unchanged bytes are not rewritten)."""
    path = root / ENGINE_CONFIG
    text = engine_config(config, engine, root, overrides)
    fsio.write_if_changed(path, text.encode("utf-8"))
    return path


def written(root: Path) -> bool:
    """Whether the build root has its engine config (a site built before briefkit wrote one has not)."""
    return (root / ENGINE_CONFIG).is_file()


def engine_config(config: Config, engine: EngineConfig, root: Path, overrides: Path) -> str:
    """The YAML text: the site's ``mkdocs.yml`` as MkDocs parsed it for this build, with the nav briefkit built with."""
    from briefkit.common.paths import display_path

    data = engine_data(config, engine, root, overrides)
    header = _HEADER.format(
        source=display_path(config.file), shown=display_path(root / ENGINE_CONFIG), site=display_path(root / ENGINE_SITE)
    )
    # yaml.Dumper, not SafeDumper: `!!python/name:` values (emoji indexes, slugify functions) must survive.
    return header + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False)


def engine_data(config: Config, engine: EngineConfig, root: Path, overrides: Path) -> dict[str, Any]:
    """The engine config as data: what an engine reads, and so what a build's key hashes (never briefkit's own options)."""

    data = {k: v for k, v in engine.user.items() if k not in DROPPED}
    theme = data.get("theme")
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme or "material"}
    theme["custom_dir"] = os.path.relpath(overrides, root)
    data["theme"] = theme
    data["nav"] = engine.mk["nav"]
    data["not_in_nav"] = "\n".join(_unique([*str(data.get("not_in_nav") or "").splitlines(), *NOT_IN_NAV, "/" + search.SEARCH_URL]))
    data["plugins"] = _plugins(config, data.get("plugins"))
    return {"docs_dir": "docs", "site_dir": ENGINE_SITE, **data}


class _Dumper(yaml.Dumper):
    """Multi-line strings (``not_in_nav``) as literal blocks, as a person writes them."""


def _str(dumper: yaml.Dumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)


def _plugins(config: Config, plugins: Any) -> list[Any]:
    """The site's plugins without ``briefkit``; with Pagefind on, Material's search is off, as in ``brief build``."""
    entries = list(plugins.items()) if isinstance(plugins, dict) else [_entry(p) for p in plugins or []]
    out: list[Any] = []
    for name, options in entries:
        if name == "briefkit":
            continue
        if search.enabled(config) and name in search.MATERIAL_SEARCH:
            options = {**(options or {}), "enabled": False}
        out.append({name: options} if options else name)
    return out


def _entry(item: Any) -> tuple[str, Any]:
    if isinstance(item, dict) and len(item) == 1:
        ((name, options),) = item.items()
        return str(name), options
    return str(item), None


def _unique(lines: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for line in lines:
        if line.strip():
            seen.setdefault(line.strip(), None)
    return list(seen)
