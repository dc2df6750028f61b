"""Page metadata: front matter, OpenGraph and schema.org JSON-LD.

Front matter is built here as data and dumped with a YAML library, never
assembled from text, so no field can break out of it.  Two keys are read
raw (unescaped) by Material's templates, ``title`` and ``description``, so
they hold HTML-escaped text; everything under ``briefkit:`` is raw and the
theme override escapes it (``| e``), except ``jsonld``, which is already
safe inside ``<script>``.
"""

from __future__ import annotations

import html
import json
import re
from datetime import datetime, tzinfo
from typing import Any

from briefkit import __version__
from briefkit.content.social import SocialImage, social_image
from briefkit.content.templating import json_script
from briefkit.content.view import BriefView
from briefkit.model import Kind, Moment, instant
from briefkit.web import urls
from briefkit.web.pages import SiteInfo

SCHEMA_TYPES = {
    Kind.NEWS: "NewsArticle",
    Kind.ANALYSIS: "AnalysisNewsArticle",
    Kind.OPINION: "OpinionNewsArticle",
    Kind.EXPLAINER: "BackgroundNewsArticle",
}


def iso(moment: Moment, tz: tzinfo) -> str:
    """ISO 8601 with an offset; a bare date is the start of that day in the site's zone."""
    return instant(moment, tz).isoformat()


def _escaped(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=True)


# Characters YAML does not allow raw in a double-quoted scalar, or reads as line breaks.
_YAML_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        # A JSON string is a YAML double-quoted scalar once YAML's extra specials are escaped.
        return _YAML_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))
    raise TypeError(f"front matter cannot hold {type(value).__name__}")


def _lines(data: dict[str, Any], pad: str, out: list[str]) -> None:
    for key in sorted(data):
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise ValueError(f"front matter key {key!r}")
        value = data[key]
        if isinstance(value, dict):
            out.append(f"{pad}{key}:")
            _lines(value, pad + "  ", out)
        elif isinstance(value, list | tuple):
            out.append(f"{pad}{key}: []" if not value else f"{pad}{key}:")
            out.extend(f"{pad}  - {_scalar(item)}" for item in value)
        else:
            out.append(f"{pad}{key}: {_scalar(value)}")


def front_matter(data: dict[str, Any]) -> str:
    """The ``---`` block of a generated page: YAML whose every string is quoted.

    Written directly rather than with PyYAML's emitter, which took most of the
    rendering time on large sites; ``yaml.safe_load`` reads it back exactly.
    """
    out = ["---"]
    _lines(data, "", out)
    out.append("---")
    return "\n".join(out) + "\n"


def page_meta(
    *,
    title: str,
    description: str,
    url: str,
    site: SiteInfo,
    kind: str,
    lastmod: Moment | None,
    searchable: bool = False,
    feed: str = "",
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Front matter shared by every generated page."""
    bk: dict[str, Any] = {
        "page": kind,
        "generator": f"briefkit {__version__}",
        "og": {
            "type": "website",
            "title": " ".join(title.split()),
            "description": " ".join(description.split()),
            "url": urls.absolute(site.url, url),
            "site_name": site.name,
        },
    }
    if lastmod is not None:
        bk["lastmod"] = iso(lastmod, site.tz)
    if feed:
        bk["feed"] = feed
    if site.preview:
        bk["preview"] = True
    if extra:
        bk.update(extra)
    data: dict[str, Any] = {
        "title": _escaped(title),
        "description": _escaped(description),
        "hide": ["navigation", "toc", "footer"],
        "briefkit": bk,
    }
    if not searchable:
        data["search"] = {"exclude": True}
    return data


def brief_meta(view: BriefView, site: SiteInfo) -> dict[str, Any]:
    b = view.brief
    data = page_meta(
        title=b.title,
        description=b.summary,
        url=view.url,
        site=site,
        kind="brief",
        lastmod=view.modified,
        searchable=True,
        extra={"jsonld": str(json_script(jsonld(view, site)))},
    )
    og = data["briefkit"]["og"]
    og["type"] = "article"
    og["published_time"] = iso(b.date, site.tz)
    og["modified_time"] = iso(view.modified, site.tz)
    og["section"] = str(b.section)
    og["tags"] = [t.name for t in b.tags]
    og["authors"] = [a.name for a in b.authors]
    og.update(og_image(social_image(view), site))
    return data


def og_image(image: SocialImage, site: SiteInfo) -> dict[str, Any]:
    """OpenGraph's and X's image tags, read by the theme override; none without a ``site_url``.

    OpenGraph wants an absolute URL, and link-preview crawlers (Facebook,
    LinkedIn, Slack) do not resolve a relative one against the page, so a
    site without ``site_url`` names no image there, and its ``twitter:card``
    stays ``summary``.  Its JSON-LD and feeds still name the image, root-relative
    like every other URL in them.
    """
    if not site.url:
        return {}
    return {
        "image": urls.absolute(site.url, image.url),
        "image_type": image.type,
        "image_width": image.width,
        "image_height": image.height,
        "image_alt": image.alt,
    }


def jsonld(view: BriefView, site: SiteInfo) -> dict[str, Any]:
    """schema.org NewsArticle (or its analysis/opinion/background subtypes)."""
    b = view.brief
    page = urls.absolute(site.url, view.url)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES[b.kind],
        "headline": b.title,
        "description": b.summary,
        "datePublished": iso(b.date, site.tz),
        "dateModified": iso(view.modified, site.tz),
        "articleSection": list(b.section.names),
        "keywords": [t.name for t in b.tags],
        "inLanguage": site.language,
        "wordCount": b.word_count,
        "url": page,
        "mainEntityOfPage": {"@type": "WebPage", "@id": page},
        "isAccessibleForFree": True,
        "publisher": {"@type": "Organization", "name": site.name, **({"url": site.url} if site.url else {})},
        "image": image_object(social_image(view), site),
    }
    if b.authors:
        data["author"] = [{"@type": "Person", "name": a.name, **({"url": a.url} if a.url else {})} for a in b.authors]
    if b.bluf:
        data["abstract"] = b.bluf
    if b.corrections:
        data["correction"] = [{"@type": "CorrectionComment", "text": c.text, "datePublished": iso(c.date, site.tz)} for c in b.corrections]
    if b.sources:
        data["citation"] = [
            {
                "@type": "CreativeWork",
                "name": s.title,
                **({"url": s.url} if s.url else {}),
                **({"publisher": s.publisher} if s.publisher else {}),
            }
            for s in b.sources
        ]
    return data


def image_object(image: SocialImage, site: SiteInfo) -> dict[str, Any]:
    """schema.org ImageObject: Google reads ``url``, ``width`` and ``height`` of an article's ``image``."""
    return {
        "@type": "ImageObject",
        "url": urls.absolute(site.url, image.url),
        "contentUrl": urls.absolute(site.url, image.url),
        "width": image.width,
        "height": image.height,
        "caption": image.alt,
        "encodingFormat": image.type,
    }


def is_datetime(moment: Moment) -> bool:
    return isinstance(moment, datetime)
