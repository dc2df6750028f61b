"""Atom feeds: the whole site at ``/feed.xml`` and each tag at ``/tags/<slug>/feed.xml``.

Feeds are static files in the generated docs folder, which MkDocs copies as
they are.  Every date in them comes from the briefs (publication, update,
git history), never from the clock, so feeds are reproducible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import jinja2

from briefkit.common.limits import xml_safe
from briefkit.content.social import social_image
from briefkit.content.view import BriefView
from briefkit.errors import BriefkitError
from briefkit.model import Author, Brief, Tag, instant
from briefkit.web import template_problem, urls
from briefkit.web.docs import DocsRenderer
from briefkit.web.meta import iso

TEMPLATE = "site/feed.xml.j2"


@dataclass(frozen=True)
class FeedImage:
    """The image of an entry, as Media RSS ``media:content`` names it (the element feed readers take thumbnails from).

    No ``fileSize``: Media RSS makes it optional, image thumbnails do not use
    it, and it would tie every feed's bytes to the PNG compressor's version.
    """

    url: str
    type: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str
    published: str
    updated: str
    summary: str
    content: str
    authors: tuple[Author, ...]
    tags: tuple[Tag, ...]
    section: str
    image: FeedImage | None = None


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    subtitle: str
    self_url: str
    page_url: str
    updated: str
    entries: tuple[Entry, ...]


def render_feeds(renderer: DocsRenderer, images: Mapping[str, bytes] | None = None) -> dict[str, bytes]:
    """``feed.xml`` and one feed per tag, as files for the docs folder.

    ``images``: the image files this build publishes, by site-relative URL
    (the share cards); an entry names its brief's image only when it is
    there.
    """
    site = renderer.site
    images = images or {}
    index = renderer.index
    files: dict[str, bytes] = {}
    try:
        template = renderer.env.get_template(TEMPLATE)
        whole = _feed(renderer, site.name, site.description, urls.FEED, urls.HOME, index.briefs, images)
        files[urls.FEED] = _xml(template.render(feed=whole, site=site))
        for slug, tag in index.tags.items():
            subtitle = tag.description or f"Briefings tagged {tag.name}."
            feed = _feed(renderer, f"{site.name}: {tag.name}", subtitle, urls.tag_feed(slug), urls.tag(slug), index.by_tag[slug], images)
            files[urls.tag_feed(slug)] = _xml(template.render(feed=feed, site=site))
    except jinja2.TemplateError as exc:
        raise BriefkitError("a feed template failed; nothing was built", problems=[template_problem(exc, renderer.config)]) from None
    return files


def _xml(text: str) -> bytes:
    """A rendered feed as bytes, without any character XML 1.0 cannot hold.

    Briefs cannot contain such characters (``brief check`` refuses them), but a
    site's name, a template override or an HTML body can still bring one in, and
    one is enough to make the whole feed unreadable to every feed reader.
    """
    return xml_safe(text).encode("utf-8")


def _image(site_url: str, view: BriefView, images: Mapping[str, bytes]) -> FeedImage | None:
    image = social_image(view)
    if image.url not in images:
        return None
    return FeedImage(urls.absolute(site_url, image.url), image.type, image.width, image.height, image.alt)


def _feed(
    renderer: DocsRenderer,
    title: str,
    subtitle: str,
    self_url: str,
    page_url: str,
    briefs: Sequence[Brief],
    images: Mapping[str, bytes],
) -> Feed:
    site = renderer.site
    tz = site.tz
    chosen = list(briefs[: site.feed_size])
    entries = []
    newest = None
    for b in chosen:
        view = renderer.views.of(b)
        changed = view.modified
        moment = instant(changed, tz)
        newest = moment if newest is None or moment > newest else newest
        page = urls.absolute(site.url, view.url)
        entries.append(
            Entry(
                id=page if site.url else f"urn:briefkit:brief:{b.slug}",
                title=b.title,
                url=page,
                published=iso(b.date, tz),
                updated=iso(changed, tz),
                summary=b.summary,
                content=view.article_html,  # a feed entry has no use for ¶ permalinks
                authors=b.authors,
                tags=b.tags,
                section=str(b.section),
                image=_image(site.url, view, images),
            )
        )
    # An empty feed still needs <updated>: "now" is --as-of or SOURCE_DATE_EPOCH when set.
    feed_url = urls.absolute(site.url, self_url)
    return Feed(
        id=feed_url if site.url else f"urn:briefkit:feed:{self_url}",
        title=title,
        subtitle=subtitle,
        self_url=feed_url,
        page_url=urls.absolute(site.url, page_url),
        updated=iso(newest or site.now, tz),
        entries=tuple(entries),
    )
