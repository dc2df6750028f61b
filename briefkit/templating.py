"""Jinja environments for web and print templates, overridable by file name.

A site's own ``templates/`` folder wins over the defaults packaged with
briefkit.  Only briefkit's templates are templates: brief fields reach them
as data and are escaped for their target; the body arrives as HTML already
converted and cleaned by :mod:`briefkit.markup`, so nothing an editor writes
is ever evaluated by Jinja.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from briefkit.config import Config

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:<>])")


def packaged_templates() -> Path:
    """The defaults: inside the installed package, or the repo's top-level folder."""
    here = Path(__file__).resolve().parent
    installed = here / "templates"
    return installed if installed.is_dir() else here.parent / "templates"


def search_path(config: Config) -> list[Path]:
    site = config.path(config.options.templates_dir)
    default = packaged_templates()
    paths = [site] if site.is_dir() and site.resolve() != default.resolve() else []
    return [*paths, default]


def md_text(value: Any) -> Markup:
    """Plain text made inert inside Markdown: HTML-escaped, Markdown punctuation backslash-escaped."""
    text = " ".join(str(value or "").split())
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=True)))


def json_script(value: Any) -> Markup:
    """JSON safe inside <script>: '<', '>' and '&' cannot end the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def yaml_str(value: Any) -> Markup:
    """A one-line YAML scalar (JSON strings are valid YAML), for front matter."""
    return Markup(json.dumps(" ".join(str(value or "").split()), ensure_ascii=False))


def environment(config: Config) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path(config)]),
        # .md templates are escaped explicitly with md_text; HTML/XML autoescape.
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "xml", "html.j2", "xml.j2"), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_text
    env.filters["json_script"] = json_script
    env.filters["yaml_str"] = yaml_str
    return env


def layered_files(config: Config, subdir: str) -> dict[str, bytes]:
    """Static files under ``templates/<subdir>/``: packaged defaults, each replaced by a site copy of the same name."""
    out: dict[str, bytes] = {}
    for root in reversed(search_path(config)):
        base = root / subdir
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            rel = path.relative_to(base)
            if not any(part.startswith(".") for part in rel.parts):
                out[rel.as_posix()] = path.read_bytes()
    return out


def templates_digest(config: Config, subdir: str = "") -> str:
    """Hash of every template file that can be used (site overrides included)."""
    h = hashlib.sha256()
    for root in search_path(config):
        base = root / subdir if subdir else root
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            h.update(str(path.relative_to(root)).encode())
            h.update(b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()
