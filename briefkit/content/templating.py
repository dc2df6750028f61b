"""Jinja environments for web and print templates, overridable by file name.

A site's own ``templates/`` folder wins over the defaults packaged with
briefkit.  Only briefkit's templates are templates: brief fields reach them
as data and are escaped for their target; the body arrives as HTML already
converted and cleaned by :mod:`briefkit.content.markup`, so nothing an editor writes
is ever evaluated by Jinja.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta
from jinja2.loaders import split_template_path
from markupsafe import Markup

from briefkit.common import safefs
from briefkit.config import Config
from briefkit.errors import BriefkitError
from briefkit.maps.countries import Place, place
from briefkit.maps.locator import locator_svg

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:<>])")


def packaged_templates() -> Path:
    """The defaults: inside the installed package, or the repo's top-level folder."""
    package = Path(__file__).resolve().parent.parent  # briefkit/, two levels up from content/templating.py
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


def search_path(config: Config) -> list[Path]:
    site = config.path(config.options.templates_dir)
    default = packaged_templates()
    paths = [site] if site.is_dir() and site.resolve() != default.resolve() else []
    return [*paths, default]


def containment_root(config: Config, folder: Path) -> Path:
    """The folder a template folder's files must stay inside: the package for briefkit's own, else the site root."""
    default = packaged_templates()
    return default if folder == default else config.root


def template_folders(config: Config) -> list[tuple[Path, Path]]:
    """Each template folder with the root its files must stay in; a site folder that leaves the site root stops the build."""
    out = []
    for folder in search_path(config):
        root = containment_root(config, folder)
        try:
            safefs.check_contained(folder, root)
        except safefs.Refused as exc:
            raise BriefkitError("the templates folder cannot be read; nothing was built", problems=[safefs.problem(folder, exc)]) from None
        out.append((folder, root))
    return out


class SafeLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, reading through :mod:`briefkit.common.safefs`.

    A site template that is a link out of the site root, or a FIFO, stops
    the build with a problem line instead of being rendered (or hanging).
    Every template it hands out is recorded in :attr:`read`, with the
    digest of the file its name resolved to.
    """

    def __init__(self, config: Config) -> None:
        self.roots = template_folders(config)
        self.read: dict[str, str] = {}
        """Template name -> SHA-256 of the source loaded for it, for every template loaded so far."""
        super().__init__([str(p) for p, _ in self.roots])

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder, root in self.roots:
            path = folder.joinpath(*pieces)
            if not os.path.lexists(path) or path.is_dir():
                continue
            try:
                data = safefs.read_input(path, root)
            except safefs.Refused as exc:
                raise BriefkitError("a template cannot be read; nothing was built", problems=[safefs.problem(path, exc)]) from None
            mtime = os.path.getmtime(path)
            self.read[template] = hashlib.sha256(data).hexdigest()

            def uptodate(path: Path = path, mtime: float = mtime) -> bool:
                try:
                    return os.path.getmtime(path) == mtime
                except OSError:
                    return False

            return data.decode("utf-8"), os.path.normpath(path), uptodate
        raise jinja2.TemplateNotFound(template)


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
        loader=SafeLoader(config),
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
    env.globals.update(place_list=place_list, locator_map=locator_map)
    return env


def place_list(codes: Iterable[str]) -> list[Place]:
    """Places by alpha-2 code, for templates: each has ``code``, ``name`` and ``slug``."""
    return [place(code) for code in codes]


def locator_map(codes: Iterable[str]) -> Markup:
    """The locator map of these places as an inline ``<svg>`` (made by briefkit, names escaped), or '' when none can be drawn."""
    return Markup(locator_svg(tuple(codes)))


def layered_tree(config: Config, subdir: str) -> safefs.Tree:
    """Static files under ``templates/<subdir>/``: packaged defaults, each replaced by a site copy of the same name."""
    out = safefs.Tree()
    for folder, root in reversed(template_folders(config)):
        tree = safefs.walk(folder / subdir, root)
        out.files.update(tree.files)
        out.problems.extend(tree.problems)
    return out


def layered_files(config: Config, subdir: str) -> dict[str, bytes]:
    """:func:`layered_tree`'s files; any file that may not be read stops the build."""
    tree = layered_tree(config, subdir)
    if tree.problems:
        raise BriefkitError("a template file cannot be read; nothing was built", problems=tree.problems)
    return tree.files


def templates_digest(config: Config, subdir: str = "") -> str:
    """Hash of every template file that can be used (site overrides included)."""
    h = hashlib.sha256()
    for folder, root in template_folders(config):
        tree = safefs.walk(folder / subdir if subdir else folder, root)
        if tree.problems:
            raise BriefkitError("a template file cannot be read; nothing was built", problems=tree.problems)
        for rel, data in sorted(tree.files.items()):
            h.update(f"{subdir}/{rel}".encode() if subdir else rel.encode())
            h.update(b"\0")
            h.update(data)
            h.update(b"\0")
    return h.hexdigest()


def template_sources(env: jinja2.Environment, entries: Iterable[str]) -> dict[str, str]:
    """Every template a render starting at ``entries`` can load, by name, with its source as it would load now.

    Found from the templates themselves: each ``extends``, ``include``,
    ``import`` and ``from ... import`` names another, followed to the end.
    A name computed while rendering cannot be known here, so it counts as
    every template: a key made from this never misses a template a render
    reads (the loader's :attr:`SafeLoader.read` after a render is a subset).
    """
    loader = env.loader
    assert loader is not None
    sources: dict[str, str] = {}
    todo = [(name, True) for name in entries]
    while todo:
        name, named = todo.pop()
        if name in sources:
            continue
        try:
            source, _filename, _uptodate = loader.get_source(env, name)
            referenced = list(meta.find_referenced_templates(env.parse(source, name)))
        except (UnicodeDecodeError, jinja2.TemplateSyntaxError, jinja2.TemplateNotFound):
            if named:
                raise
            # Met only while counting every template (a font, a script, a theme page extending
            # Material's own): no render of these entries can load it as briefkit's template.
            continue
        sources[name] = source
        if None in referenced:
            todo.extend((other, False) for other in env.list_templates())
        todo.extend((r, named) for r in referenced if r is not None)
    return dict(sorted(sources.items()))
