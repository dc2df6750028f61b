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
from collections.abc import Mapping, Sequence
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
from briefkit.web.places import place_listings, related_places

Files = dict[str, bytes]


def site_environment(config: Config, site: SiteInfo) -> jinja2.Environment:
    """The shared template environment plus date filters in the site's time zone."""
    env = environment(config)
    # One renderer per build, and a build reads each template once: no stat of every template on every page.
    # (Print keeps auto-reload: a long-lived worker must see an edited template, which its cache key already does.)
    env.auto_reload = False
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
            self._places()
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
            image_of=lambda b: v.image if (v := self.views.by_slug.get(b.slug)) is not None else None,
            **context,
        )
        self.files[urls.source_path(url)] = text.encode("utf-8")

    def _brief(self, brief: Brief) -> None:
        page = self.index.page(brief)
        self._emit(page.url, "site/brief.md.j2", meta.brief_meta(page, self.site), view=page, brief=brief, body=Markup(page.body_html))

    def _listing(
        self, url: str, template: str, *, kind: str, title: str, description: str, briefs: Sequence[Brief], feed: str = "", **context: Any
    ) -> None:
        """A page that lists ``briefs``: front matter dated by the newest of them, then the template."""
        front = meta.page_meta(
            title=title,
            description=description,
            url=url,
            site=self.site,
            kind=kind,
            lastmod=self.index.newest_date(briefs),
            feed=feed,
        )
        self._emit(url, template, front, **context)

    def _home(self) -> None:
        # A front page always has a lead story: the newest brief when none is featured.
        featured = self.index.featured() or self.index.briefs[:1]
        latest = self.index.latest(exclude=featured)
        self._listing(
            urls.HOME,
            "site/home.md.j2",
            kind="home",
            title=self.site.name,
            description=self.site.description or f"Latest briefings from {self.site.name}.",
            briefs=self.index.briefs,
            feed=urls.FEED,
            featured=featured,
            latest=latest,
        )

    def _overview(self, url: str, kind: str, title: str, description: str, **context: Any) -> None:
        """A page over the whole site (tags, sections, archive), dated by the newest brief."""
        self._listing(url, f"site/{kind}.md.j2", kind=kind, title=title, description=description, briefs=self.index.briefs, **context)

    def _paginated(self, briefs: Sequence[Brief], base: str, kind: str, name: str, description: str, **context: Any) -> None:
        """A listing of ``briefs`` split into pages of ``page_size``; page 2 on carry their number in the title."""
        for pager in paginate(briefs, self.site.page_size, PageUrl(base)):
            title = _paged(name, pager)
            self._listing(
                pager.url, f"site/{kind}.md.j2", kind=kind, title=title, description=description, briefs=pager.items, pager=pager, **context
            )

    def _tags(self) -> None:
        tags = [(t, len(self.index.by_tag[s])) for s, t in self.index.tags.items()]
        self._overview(urls.TAGS, "tags", "Tags", f"Every tag used by {self.site.name}.", tags=tags)
        for slug, tag in self.index.tags.items():
            briefs = self.index.by_tag[slug]
            description = tag.description or f"Briefings tagged {tag.name}."
            self._paginated(briefs, urls.tag(slug), "tag", tag.name, description, feed=urls.tag_feed(slug), tag=tag, count=len(briefs))

    def _places(self) -> None:
        """The places index and a listing per place, like the tags (briefkit.web.places)."""
        listings = place_listings(self.index.briefs)
        if not listings:  # a site that names no places has no places index (it is in no default nav)
            return
        self._overview(urls.PLACES, "places", "Places", f"Every country {self.site.name} writes about.", places=list(listings.values()))
        for code, listing in listings.items():
            name = listing.place.name
            self._paginated(
                listing.briefs,
                urls.place(code),
                "place",
                name,
                f"Briefings about {name}.",
                feed=listing.feed,
                listing=listing,
                count=listing.count,
                related_places=related_places,
            )

    def _sections(self) -> None:
        self._overview(urls.SECTIONS, "sections", "Sections", f"{self.site.name} by section.", sections=self.index.top_sections)
        for node in self.index.sections.values():
            name = str(node.section)
            self._paginated(node.briefs, node.url, "section", name, f"Briefings in {name}.", node=node)

    def _archive(self) -> None:
        years = self.index.years
        self._overview(urls.ARCHIVE, "archive", "Archive", f"Every briefing from {self.site.name}, by date.", years=years)
        for period in self.index.periods:
            self._listing(
                period.url,
                "site/period.md.j2",
                kind="archive-period",
                title=f"Archive: {period.title}",
                description=f"Briefings from {period.title}.",
                briefs=period.briefs,
                period=period,
                months=self.index.months_of(period.year) if period.month is None else [],
            )


def _paged(name: str, pager: Pager[Brief]) -> str:
    return name if pager.number == 1 else f"{name} (page {pager.number})"


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
