"""The site's Markdown extensions, read from mkdocs.yml, for ``brief pdf`` on its own.

``brief build`` passes the settings MkDocs itself resolved.  Standalone, the
PDF command reads the ``markdown_extensions`` list here, so that a body
prints with the same admonitions, tables and footnotes as on the site.  An
entry that cannot be used (unknown extension, a config holding Python tags)
falls back to the extension without its config, or is left out.
"""

from __future__ import annotations

from typing import Any

import markdown

from briefkit.common.yamlsrc import parse
from briefkit.config import Config
from briefkit.content.markup import MarkdownSettings

_DEFAULT = MarkdownSettings()


def markdown_settings(config: Config) -> MarkdownSettings:
    html = config.options.html
    extra_tags = frozenset(html.extra_tags)
    extra_attributes = {k: frozenset(v) for k, v in html.extra_attributes.items()}
    entries = _entries(config)
    if entries is None:
        return MarkdownSettings(_DEFAULT.extensions, {}, extra_tags, extra_attributes)
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for name, cfg in entries:
        if _usable(name, cfg):
            names.append(name)
            if cfg:
                configs[name] = cfg
        elif cfg and _usable(name, {}):
            names.append(name)
    return MarkdownSettings(tuple(names), configs, extra_tags, extra_attributes)


def _entries(config: Config) -> list[tuple[str, dict[str, Any]]] | None:
    data = config.document or _parsed(config)  # parsed once by load_config; read here only for a Config made by hand
    listed = data.get("markdown_extensions")
    if not isinstance(listed, list):
        return None
    out: list[tuple[str, dict[str, Any]]] = []
    for entry in listed:
        if isinstance(entry, str):
            out.append((entry, {}))
        elif isinstance(entry, dict) and len(entry) == 1:
            name, cfg = next(iter(entry.items()))
            out.append((str(name), cfg if isinstance(cfg, dict) else {}))
    return out


def _parsed(config: Config) -> dict[str, Any]:
    try:
        text = config.file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    doc, _problems = parse(text, str(config.file), tolerate_tags=True)
    return doc.data if doc is not None and isinstance(doc.data, dict) else {}


def _usable(name: str, cfg: dict[str, Any]) -> bool:
    try:
        markdown.Markdown(extensions=[name], extension_configs={name: cfg} if cfg else {}).convert("x")
    except Exception:
        return False
    return True
