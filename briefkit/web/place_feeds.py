"""An Atom feed per place at ``/places/<code>/feed.xml``, made like the tag feeds (:mod:`briefkit.web.feeds`)."""

from __future__ import annotations

from collections.abc import Mapping

import jinja2

from briefkit.errors import BriefkitError
from briefkit.web import template_problem
from briefkit.web.docs import DocsRenderer
from briefkit.web.feeds import TEMPLATE, _feed, _xml
from briefkit.web.places import place_listings


def render_place_feeds(renderer: DocsRenderer, images: Mapping[str, bytes] | None = None) -> dict[str, bytes]:
    """One feed per place the build's briefs name, as files for the docs folder (``images`` as in ``render_feeds``)."""
    site = renderer.site
    files: dict[str, bytes] = {}
    try:
        template = renderer.env.get_template(TEMPLATE)
        for listing in place_listings(renderer.index.briefs).values():
            name = listing.place.name
            feed = _feed(
                renderer, f"{site.name}: {name}", f"Briefings about {name}.", listing.feed, listing.url, listing.briefs, images or {}
            )
            files[listing.feed] = _xml(template.render(feed=feed, site=site))
    except jinja2.TemplateError as exc:
        raise BriefkitError("a feed template failed; nothing was built", problems=[template_problem(exc, renderer.config)]) from None
    return files
