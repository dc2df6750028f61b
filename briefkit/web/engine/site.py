"""The MkDocs integration: load ``mkdocs.yml`` with MkDocs' own loader and build.

briefkit renders Markdown files into a docs folder; this module points
MkDocs at that folder and at a staging ``site_dir`` and runs MkDocs' Python
API.  It also keeps MkDocs' logging off the terminal: messages go through
the :class:`~briefkit.common.report.Reporter`, and MkDocs' exceptions become
:class:`~briefkit.errors.BriefkitError`.

Only index pages are in the nav (MkDocs renders the whole nav into every
page, so a nav of every brief grows with the square of their number).  A
site whose ``mkdocs.yml`` has no ``nav`` gets the default one below, and
briefkit's generated sub-pages are always added to ``not_in_nav``.
"""

from __future__ import annotations

import contextlib
import contextvars
import html
import logging
import os
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from briefkit.common.limits import xml_safe
from briefkit.common.paths import display_path
from briefkit.common.report import Reporter
from briefkit.config import Config
from briefkit.content.markup import MarkdownSettings
from briefkit.content.templating import search_path
from briefkit.errors import BriefkitError, Problem, Severity, error
from briefkit.options import HtmlOptions
from briefkit.web import search, urls
from briefkit.web.engine.mkdocs_errors import config_problems, key_position
from briefkit.web.urls import DEFAULT_NAV

NOT_IN_NAV = ["/briefs/", "/tags/*/", "/sections/*/", "/archive/*/", "/places/"]
OVERRIDES_TEMPLATES = "overrides"
"""Theme overrides are the files under ``templates/overrides/`` (site copies win by name)."""

_FALLBACK_CONFIG = """\
# Written by briefkit because the site has no mkdocs.yml.
site_name: Briefings
theme:
  name: material
plugins:
  - search
"""


class _Collector(logging.Handler):
    """Sends MkDocs' log records to the reporter; keeps errors for the exception."""

    def __init__(self, reporter: Reporter, defer_warnings: bool = False, ignore: tuple[str, ...] = ()) -> None:
        super().__init__(logging.DEBUG)
        self.ignore = ignore
        self.reporter = reporter
        self.defer_warnings = defer_warnings
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage().strip()
        except Exception:  # a plugin's bad format string must not break the build
            message = str(record.msg)
        if self.ignore and message.startswith(self.ignore):
            return
        if record.levelno >= logging.ERROR:
            self.errors.append(message)
        elif record.levelno >= logging.WARNING:
            self.warnings.append(message)
            if not self.defer_warnings:
                self.reporter.warn(f"mkdocs: {message}")


_DRIVING: contextvars.ContextVar[bool] = contextvars.ContextVar("briefkit_driving", default=False)


@contextlib.contextmanager
def driving() -> Iterator[None]:
    """Mark the MkDocs runs briefkit starts itself: the ``briefkit`` plugin entry stays passive inside them.

    ``brief build`` loads the same ``mkdocs.yml``, plugin entry included; without
    this mark the plugin would start a build of its own from inside the build.
    """
    token = _DRIVING.set(True)
    try:
        yield
    finally:
        _DRIVING.reset(token)


def driven() -> bool:
    """True inside :func:`driving` (in this thread or task)."""
    return _DRIVING.get()


@contextlib.contextmanager
def routed_logging(reporter: Reporter, *, defer_warnings: bool = False, ignore: tuple[str, ...] = ()) -> Iterator[_Collector]:
    """Route the ``mkdocs`` logger tree through the reporter while inside (warnings kept, not shown, if deferred)."""
    logger = logging.getLogger("mkdocs")
    saved = (logger.handlers[:], logger.propagate, logger.level)
    collector = _Collector(reporter, defer_warnings, ignore)
    logger.handlers = [collector]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        yield collector
    finally:
        logger.handlers, logger.propagate = saved[0], saved[1]
        logger.setLevel(saved[2])


def _config_file(config: Config) -> Path:
    if config.file.exists():
        return config.file
    fallback = config.build_dir / ".mkdocs-default.yml"
    fallback.parent.mkdir(parents=True, exist_ok=True)
    if not fallback.exists() or fallback.read_text(encoding="utf-8") != _FALLBACK_CONFIG:
        fallback.write_text(_FALLBACK_CONFIG, encoding="utf-8")
    return fallback


@dataclass(frozen=True)
class EngineConfig:
    """``mkdocs.yml``, parsed once per command by MkDocs' own loader, and what MkDocs made of it."""

    mk: Any
    """MkDocs' validated ``MkDocsConfig`` for this build (docs and site folders pointed at the build)."""
    user: Mapping[str, Any]
    """The file as written (``!ENV`` resolved, ``INHERIT`` merged), before MkDocs validated it: the engine config starts from it."""


def load(config: Config, *, docs_dir: Path, site_dir: Path, overrides_dir: Path, reporter: Reporter) -> EngineConfig:
    """MkDocs' validated config for building ``docs_dir`` into ``site_dir``.

    ``docs_dir`` and ``overrides_dir`` must exist (MkDocs checks that they
    do).  The file is read and parsed here once; what it held is kept for
    the engine config (:mod:`briefkit.web.engine.engines`).
    """
    from mkdocs.exceptions import Abort, ConfigurationError

    shown = display_path(config.file)
    file = _config_file(config)
    with routed_logging(reporter, defer_warnings=True) as log, driving():
        try:
            mk, user = _load_config(file, docs_dir=str(docs_dir), site_dir=str(site_dir))
        except (ConfigurationError, Abort) as exc:
            problems = config_problems(log.errors or [str(exc)], file, shown, Severity.ERROR)
            raise BriefkitError(f"MkDocs cannot use {shown}", problems=problems) from None
        finally:
            _show_config_warnings(reporter, log.warnings, file, shown)
    if not mk.use_directory_urls:
        line, col = key_position(file, shown, "use_directory_urls")
        raise BriefkitError(
            f"{shown}: briefkit needs 'use_directory_urls: true'",
            problems=[error(shown, line, col, "mkdocs-config", "'use_directory_urls' is false; briefkit's URLs are /briefs/<slug>/")],
            hint="remove 'use_directory_urls: false' from mkdocs.yml",
        )
    _add_overrides(mk, overrides_dir)
    _limit_nav(mk)
    # Pagefind replaces Material's search (no search_index.json for every reader to download).
    _configure_search(config, mk)
    return EngineConfig(mk, user)


def _load_config(file: Path, **options: str) -> tuple[Any, dict[str, Any]]:
    """What ``mkdocs.config.load_config`` does, keeping the parsed file before validation changes it in place."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import Abort
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    log = logging.getLogger("mkdocs.config.base")  # the logger load_config reports through
    with open(os.path.abspath(file), "rb") as fd:
        mk = MkDocsConfig(config_file_path=fd.name)
        data = yaml_load(fd, get_yaml_loader(config=mk))  # as MkDocsConfig.load_file reads it
    user = _plain_copy(data)
    mk.load_dict(data)
    mk.load_dict(options)
    errors, warnings = mk.validate()
    for name, warning in warnings:
        log.warning(f"Config value '{name}': {warning}")
    for name, message in errors:
        log.error(f"Config value '{name}': {message}")
    if errors:
        raise Abort("Aborted with a configuration error!")
    if mk.strict and warnings:
        raise Abort(f"Aborted with {len(warnings)} configuration warnings in 'strict' mode!")
    return mk, user


def _plain_copy(value: Any) -> Any:
    """Mappings and lists copied, leaves shared (``!!python/name`` functions, ``!relative`` placeholders stay themselves)."""
    if isinstance(value, dict):
        return {k: _plain_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_copy(v) for v in value]
    return value


def _show_config_warnings(reporter: Reporter, messages: list[str], file: Path, shown: str) -> None:
    """MkDocs' warnings about mkdocs.yml at their positions; any other warning as MkDocs said it."""
    for message, problem in zip(messages, config_problems(messages, file, shown, Severity.WARNING), strict=True):
        if problem.line:
            reporter.problems([problem])
        else:
            reporter.warn(f"mkdocs: {message}")


def _add_overrides(mk: Any, overrides_dir: Path) -> None:
    target = os.path.abspath(overrides_dir)
    dirs: list[str] = mk.theme.dirs
    if target not in (os.path.abspath(d) for d in dirs):
        dirs.insert(0, target)


def _limit_nav(mk: Any) -> None:
    import pathspec

    if mk.nav is None:
        mk["nav"] = [dict(item) for item in DEFAULT_NAV]
    ours = pathspec.GitIgnoreSpec.from_lines([*NOT_IN_NAV, "/" + search.SEARCH_URL])
    mk["not_in_nav"] = ours if mk.not_in_nav is None else mk.not_in_nav + ours


def _configure_search(config: Config, mk: Any) -> None:
    """Adjust MkDocs' loaded config for Pagefind; nothing changes otherwise.

    Material's search plugin is switched off with its own ``enabled`` option:
    it then writes no ``search_index.json`` and Material's header shows no
    search box.  The default nav gets a "Search" entry (a tab in the header);
    a site with its own ``nav`` links ``search/index.md`` itself.
    """
    if not search.enabled(config):
        return
    for name in search.MATERIAL_SEARCH:
        plugin = mk.plugins.get(name) if hasattr(mk.plugins, "get") else None
        if plugin is not None and hasattr(plugin, "config"):
            plugin.config["enabled"] = False
    nav = mk.nav
    target = urls.source_path(search.SEARCH_URL)
    if (
        isinstance(nav, list)
        and nav[: len(DEFAULT_NAV)] == DEFAULT_NAV
        and not any(target in entry.values() for entry in nav if isinstance(entry, dict))
    ):
        nav.append({"Search": target})


def markdown_settings(mk: Any, html: HtmlOptions) -> MarkdownSettings:
    """The site's Markdown extensions, so bodies convert exactly as pages would."""
    return MarkdownSettings(
        extensions=tuple(mk.markdown_extensions),
        configs={name: dict(opts) for name, opts in (mk.mdx_configs or {}).items()},
        extra_tags=frozenset(html.extra_tags),
        extra_attributes={tag: frozenset(attrs) for tag, attrs in html.extra_attributes.items()},
    )


def build(mk: Any, config: Config, reporter: Reporter) -> int:
    """Run MkDocs' build into the config's ``site_dir``; returns the number of warnings."""
    from mkdocs.commands.build import build as mkdocs_build

    with running(mk, config, reporter) as log:
        mkdocs_build(mk)
    index_sitemap(Path(mk["site_dir"]), config.site_url)
    return len(log.warnings)


@contextlib.contextmanager
def running(mk: Any, config: Config, reporter: Reporter, *, dirty: bool = False) -> Iterator[_Collector]:
    """One MkDocs build run inside: logging routed, startup/shutdown events, MkDocs' failures as BriefkitError.

    ``dirty`` marks a run of MkDocs' ``dirty`` build (:mod:`briefkit.web.engine.subset`): its
    warning that a dirty build is inaccurate is about the pages it skips, which briefkit adds itself.
    """
    from mkdocs.exceptions import MkDocsException

    with routed_logging(reporter, ignore=_DIRTY_WARNING if dirty else ()) as log, driving():
        try:
            mk.plugins.on_startup(command="build", dirty=False)  # plugins keep no state between runs (Material's search would)
            try:
                yield log
            finally:
                mk.plugins.on_shutdown()
        except jinja2.TemplateError as exc:
            raise BriefkitError("a theme template failed; the site was not changed", problems=[_theme_problem(exc, config)]) from None
        except MkDocsException as exc:
            shown = display_path(config.file)
            messages = log.errors or [str(exc) or type(exc).__name__]
            problems = config_problems(messages, config.file, shown, Severity.ERROR, "mkdocs-error")
            raise BriefkitError("MkDocs failed; the site was not changed", problems=problems) from None
        except OSError as exc:
            from briefkit.common.diskerrors import explain

            raise explain(exc) from None
        if log.errors:
            shown = display_path(config.file)
            raise BriefkitError(
                "MkDocs reported errors; the site was not changed",
                problems=config_problems(log.errors, config.file, shown, Severity.ERROR, "mkdocs-error"),
            )


_DIRTY_WARNING = ("A 'dirty' build is being performed",)


SITEMAP_PAGES = "sitemaps/pages.xml"


_SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _instant(text: str) -> tuple[float, str]:
    """Sort key for lastmod values, whatever their offsets."""
    from datetime import UTC, datetime

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return (0.0, text)
    return ((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp(), text)


def index_sitemap(site_dir: Path, site_url: str) -> None:
    """Move MkDocs' sitemap to ``sitemaps/pages.xml`` and put a sitemap index at ``/sitemap.xml``.

    Material's JavaScript fetches ``/sitemap.xml`` on every page load (and again
    for each ``rel=alternate`` link, such as our feeds).  With every page listed
    that is 1.8 MB per page view at 10,000 briefs; an index is a few hundred
    bytes, and search engines follow it to the full list.
    """
    import gzip
    import xml.etree.ElementTree as ET

    full = site_dir / "sitemap.xml"
    if not full.is_file():
        return
    pages = site_dir / SITEMAP_PAGES
    pages.parent.mkdir(parents=True, exist_ok=True)
    os.replace(full, pages)
    packed = site_dir / "sitemap.xml.gz"
    if packed.is_file():
        os.replace(packed, pages.with_name(pages.name + ".gz"))
    dates = [el.text.strip() for el in ET.parse(pages).iter(f"{_SM}lastmod") if el.text]
    loc = (site_url.rstrip("/") + "/" if site_url else "/") + SITEMAP_PAGES
    lastmod = f"<lastmod>{max(dates, key=_instant)}</lastmod>" if dates else ""
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"  <sitemap><loc>{html.escape(xml_safe(loc))}</loc>{lastmod}</sitemap>\n"
        "</sitemapindex>\n"
    )
    full.write_text(text, encoding="utf-8")
    # mtime=0: the gzip header must not carry the build time (reproducible builds).
    packed.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def _theme_problem(exc: jinja2.TemplateError, config: Config) -> Problem:
    """Name the editable source of a theme template (``templates/overrides/...``), not its copy under build/."""
    name = getattr(exc, "name", None)
    filename = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None) or 0
    if not isinstance(exc, jinja2.TemplateSyntaxError):
        overrides = os.path.abspath(config.build_dir / OVERRIDES_TEMPLATES)
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if os.path.abspath(frame.filename).startswith(overrides + os.sep):
                filename, line = frame.filename, frame.lineno or 0
                name = os.path.relpath(frame.filename, overrides)
                break
    shown = str(filename or name or "theme template")
    if name:
        for root in search_path(config):
            source = root / OVERRIDES_TEMPLATES / name
            if source.is_file():
                shown = display_path(source)
                break
    return error(shown, line, 0, "template-error", f"{type(exc).__name__}: {getattr(exc, 'message', None) or exc}")


def engine_identity() -> str:
    """Which engine renders pages in this process: ``properdocs build`` replaces MkDocs' modules with its own.

    Pages from one engine carry its name (the theme's generator tag), so a
    page cached under one must never be served as the other's.
    """
    import mkdocs
    from mkdocs.commands import build as engine_build

    return f"{getattr(mkdocs, '__version__', '')}:{engine_build.__name__}:{getattr(engine_build, '__file__', '')}"
