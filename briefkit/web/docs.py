"""Render the site's Markdown pages with Jinja: ``{path in docs folder: bytes}``.

Each page is a real Markdown file: YAML front matter, then HTML blocks laid
out by the templates under ``templates/site/``.  Brief fields reach the
templates as data; partials (``*.html.j2``) autoescape them, and ``.md.j2``
templates escape with the ``md`` filter.  The body arrives as HTML already
converted and cleaned once per build, in the brief's view model
(:mod:`briefkit.content.view`), so nothing an editor writes is ever evaluated
as a template.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from briefkit.common import dates
from briefkit.common.paths import display_path
from briefkit.config import Config
from briefkit.content.labels import confidence_text, correction_text, hidden_reason, key_points_label
from briefkit.content.markup import BodyRenderer
from briefkit.content.templating import environment, search_path
from briefkit.content.view import CorpusView, build_views
from briefkit.errors import BriefkitError, Problem, error
from briefkit.model import Brief, Corpus, History
from briefkit.web import meta, urls
from briefkit.web.pages import Pager, PageUrl, SiteIndex, SiteInfo, paginate

Files = dict[str, bytes]


def site_environment(config: Config, site: SiteInfo) -> jinja2.Environment:
    """The shared template environment plus date filters in the site's time zone."""
    env = environment(config)
    tz = site.tz

    # One date style per context, from briefkit.common.dates.
    env.filters["long_date"] = lambda m: dates.long_date(m, tz)
    env.filters["short_date"] = lambda m: dates.short_date(m, tz)
    env.filters["day_long"] = lambda m: dates.day_long(m, tz)
    env.filters["iso"] = lambda m: meta.iso(m, tz)
    # Reader-facing words shared with print (briefkit.content.labels) and the preview badge's reason.
    env.filters["correction_text"] = correction_text
    env.filters["confidence_text"] = confidence_text
    env.filters["key_points_label"] = key_points_label
    env.globals["hidden_reason"] = lambda brief, vis: hidden_reason(brief, vis, lambda m: dates.long_date(m, tz))
    env.filters["day_iso"] = lambda m: dates.local_date(m, tz).isoformat()
    env.globals["urls"] = urls
    return env


class DocsRenderer:
    """Renders every page of one build.  Construct, then call :meth:`render`."""

    def __init__(
        self,
        config: Config,
        corpus: Corpus,
        site: SiteInfo,
        body: BodyRenderer,
        histories: Mapping[str, History] | None = None,
        *,
        books: Mapping[str, str] | None = None,
        views: CorpusView | None = None,
    ) -> None:
        """``views`` are the build's view models of ``corpus``; without them they are made here."""
        self.config = config
        self.site = site
        if views is None:
            views = build_views(corpus, body, now=site.now, tz=site.tz, histories=histories, history_limit=site.history)
        self.views = views
        self.index = SiteIndex(views, site)
        self.env = site_environment(config, site)
        self.books = dict(books or {})
        self.files: Files = {}

    # -- entry point -----------------------------------------------------

    def render(self) -> Files:
        """Every page as Markdown, keyed by path inside the docs folder."""
        try:
            self._home()
            for brief in self.index.briefs:
                self._brief(brief)
            self._tags()
            self._sections()
            self._archive()
        except jinja2.TemplateError as exc:
            raise BriefkitError("a template failed; nothing was built", problems=[template_problem(exc, self.config)]) from None
        return self.files

    # -- pages -----------------------------------------------------------

    def _emit(self, url: str, template: str, front: dict[str, Any], **context: Any) -> None:
        tpl = self.env.get_template(template)
        text = tpl.render(
            site=self.site,
            index=self.index,
            page_url=url,
            link=urls.Linker(url),
            front_matter=Markup(meta.front_matter(front)),
            visibility_of=lambda b: self.index.visibility[b.slug],
            section_of=self.index.section_of,
            pdf_url=urls.pdf,
            book_url=lambda name: self.books.get(name, ""),
            **context,
        )
        self.files[urls.source_path(url)] = text.encode("utf-8")

    def _brief(self, brief: Brief) -> None:
        page = self.index.page(brief)
        self._emit(page.url, "site/brief.md.j2", meta.brief_meta(page, self.site), view=page, brief=brief, body=Markup(page.body_html))

    def _home(self) -> None:
        # A front page always has a lead story: the newest brief when none is featured.
        featured = self.index.featured() or self.index.briefs[:1]
        latest = self.index.latest(exclude=featured)
        front = meta.page_meta(
            title=self.site.name,
            description=self.site.description or f"Latest briefings from {self.site.name}.",
            url=urls.HOME,
            site=self.site,
            kind="home",
            lastmod=self.index.newest_date(self.index.briefs),
            feed=urls.FEED,
        )
        self._emit(urls.HOME, "site/home.md.j2", front, featured=featured, latest=latest)

    def _tags(self) -> None:
        tags = [(t, len(self.index.by_tag[s])) for s, t in self.index.tags.items()]
        front = meta.page_meta(
            title="Tags",
            description=f"Every tag used by {self.site.name}.",
            url=urls.TAGS,
            site=self.site,
            kind="tags",
            lastmod=self.index.newest_date(self.index.briefs),
        )
        self._emit(urls.TAGS, "site/tags.md.j2", front, tags=tags)
        for slug, tag in self.index.tags.items():
            briefs = self.index.by_tag[slug]
            for pager in paginate(briefs, self.site.page_size, PageUrl(urls.tag(slug))):
                title = tag.name if pager.number == 1 else f"{tag.name} (page {pager.number})"
                front = meta.page_meta(
                    title=title,
                    description=tag.description or f"Briefings tagged {tag.name}.",
                    url=pager.url,
                    site=self.site,
                    kind="tag",
                    lastmod=self.index.newest_date(pager.items),
                    feed=urls.tag_feed(slug),
                )
                self._emit(pager.url, "site/tag.md.j2", front, tag=tag, count=len(briefs), pager=pager)

    def _sections(self) -> None:
        front = meta.page_meta(
            title="Sections",
            description=f"{self.site.name} by section.",
            url=urls.SECTIONS,
            site=self.site,
            kind="sections",
            lastmod=self.index.newest_date(self.index.briefs),
        )
        self._emit(urls.SECTIONS, "site/sections.md.j2", front, sections=self.index.top_sections)
        for node in self.index.sections.values():
            pagers: list[Pager[Brief]] = paginate(node.briefs, self.site.page_size, PageUrl(node.url))
            for pager in pagers:
                name = str(node.section)
                title = name if pager.number == 1 else f"{name} (page {pager.number})"
                front = meta.page_meta(
                    title=title,
                    description=f"Briefings in {name}.",
                    url=pager.url,
                    site=self.site,
                    kind="section",
                    lastmod=self.index.newest_date(pager.items),
                )
                self._emit(pager.url, "site/section.md.j2", front, node=node, pager=pager)

    def _archive(self) -> None:
        front = meta.page_meta(
            title="Archive",
            description=f"Every briefing from {self.site.name}, by date.",
            url=urls.ARCHIVE,
            site=self.site,
            kind="archive",
            lastmod=self.index.newest_date(self.index.briefs),
        )
        self._emit(urls.ARCHIVE, "site/archive.md.j2", front, years=self.index.years)
        for period in self.index.periods:
            months = self.index.months_of(period.year) if period.month is None else []
            front = meta.page_meta(
                title=f"Archive: {period.title}",
                description=f"Briefings from {period.title}.",
                url=period.url,
                site=self.site,
                kind="archive-period",
                lastmod=self.index.newest_date(period.briefs),
            )
            self._emit(period.url, "site/period.md.j2", front, period=period, months=months)


def template_problem(exc: BaseException, config: Config) -> Problem:
    """A template error as ``PATH:LINE:COL``, naming the template file an editor can open."""
    name = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None) or 0
    if not isinstance(exc, jinja2.TemplateSyntaxError):
        # Runtime errors: Jinja rewrites tracebacks so template frames carry the template's file and line.
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith(".j2") or _in_templates(frame.filename, config):
                name, line = frame.filename, frame.lineno or 0
                break
    shown = display_path(Path(name)) if name and Path(name).exists() else (name or "templates")
    message = getattr(exc, "message", None) or str(exc)
    return error(
        shown,
        line,
        0,
        "template-error",
        f"{type(exc).__name__}: {message}",
        "fix the template, or delete the site's copy to use the default",
    )


def _in_templates(filename: str, config: Config) -> bool:
    try:
        path = Path(filename).resolve()
    except OSError:
        return False
    return any(path.is_relative_to(root.resolve()) for root in search_path(config))
