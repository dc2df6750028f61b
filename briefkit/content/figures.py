"""Images as pages and print show them: the lead image's view, and body images rewritten to their renditions.

A body image (``![alt](path "caption")``) whose file the build read
(:mod:`briefkit.content.images`) becomes a ``<picture>``: a WebP ``<source>``
and a JPEG ``<img>`` with ``srcset``, ``sizes``, ``width`` and ``height`` (no
layout shift), ``loading="lazy"`` and ``decoding="async"``.  Alone in its
paragraph, with a title, it is a figure: the title is the caption, and a
part after `` | `` is the credit (``"Gas in store, 2025–26 | Chart: briefkit"``).

The editor's body is cleaned by the site's policy first, which never allows
``srcset`` (its URLs escape the sanitiser's scheme check); the rendition
attributes written here name only files this build made, and the result is
cleaned again with them allowed (:meth:`HtmlPolicy.clean_renditions`).  An image whose host is not
allowed is shown as a link to it, never loaded by a reader's browser.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from briefkit.config import Config
from briefkit.content.images import ImageSet, Picture, Rendition
from briefkit.content.markup import HtmlPolicy
from briefkit.content.renditions import RenditionCache, cache_root
from briefkit.model import Brief, BriefImage
from briefkit.source.imagerefs import allowed_url, is_url

BODY_SIZES = "(min-width: 76.25em) 42rem, 92vw"
"""The body column is at most ~42rem wide (Material's content width); on phones nearly the screen."""


@dataclass(frozen=True)
class ImageView:
    """One image as a page shows it.  ``url``, ``width`` and ``height`` are the largest JPEG's (for og:image and JSON-LD)."""

    url: str
    """Relative to the site root (``images/<digest>/<name>-1600.jpg``), or an allowed remote URL."""
    width: int
    height: int
    alt: str
    caption: str = ""
    credit: str = ""
    decorative: bool = False
    jpeg: tuple[tuple[str, int], ...] = ()
    """Each JPEG rendition: (path from the site root, width)."""
    webp: tuple[tuple[str, int], ...] = ()
    thumb: tuple[str, int, int] = ("", 0, 0)
    """The smallest JPEG rendition: (path from the site root, width, height), for cards."""
    print_src: str = ""
    """A ``data:`` URL of the print rendition: the PDF embeds it without reading any file."""

    @property
    def srcset(self) -> str:
        return ", ".join(f"{path} {w}w" for path, w in self.jpeg)


@dataclass
class Media:
    """What views need to show images: the pictures a build read, where renditions are cached, and whether print needs them."""

    images: ImageSet
    cache: RenditionCache
    allowed_hosts: tuple[str, ...] = ()
    prints: bool = False
    """Make print renditions (only when PDFs are made: they are the largest)."""

    def print_src(self, picture: Picture) -> str:
        if not self.prints:
            return ""
        return data_url(picture.print, self.cache.get(picture, picture.print))

    def digest(self, slug: str) -> str:
        return self.images.digest(slug)


def media_for(config: Config, images: ImageSet, *, prints: bool) -> Media:
    return Media(images, RenditionCache(cache_root(config)), tuple(config.options.pdf.allowed_hosts), prints)


def lead_view(brief: Brief, media: Media) -> ImageView | None:
    image = brief.image
    if image is None:
        return None
    picture = media.images.of(brief.slug, image.src)
    if picture is None:
        return ImageView(image.src, 0, 0, image.alt, image.caption, image.credit, image.decorative) if is_url(image.src) else None
    return _view(image, picture, media)


def _view(image: BriefImage, picture: Picture, media: Media) -> ImageView:
    big = picture.largest
    return ImageView(
        url=big.path,
        width=big.width,
        height=big.height,
        alt=image.alt,
        caption=image.caption,
        credit=image.credit,
        decorative=image.decorative,
        jpeg=tuple((r.path, r.width) for r in picture.jpeg),
        webp=tuple((r.path, r.width) for r in picture.webp),
        thumb=(picture.jpeg[0].path, picture.jpeg[0].width, picture.jpeg[0].height),
        print_src=media.print_src(picture),
    )


def data_url(rendition: Rendition, data: bytes) -> str:
    return f"data:{rendition.mime};base64," + base64.b64encode(data).decode("ascii")


# Tags in nh3's output: attribute values are quoted, so a quoted '>' cannot end the match early.
_IMG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""")
_ALONE = re.compile(r"""<p>\s*(<img\b(?:[^>"']|"[^"]*"|'[^']*')*>)\s*</p>""")


class _Attrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = {k: v or "" for k, v in attrs}

    handle_startendtag = handle_starttag


def attributes(tag: str) -> dict[str, str]:
    parser = _Attrs()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def rewrite_body(
    html_text: str,
    brief: Brief,
    media: Media,
    *,
    prefix: str,
    policy: HtmlPolicy,
    remote_links: bool = True,
) -> tuple[str, dict[str, str]]:
    """The body with each known image as a picture (a figure when alone with a caption), and print's data URL for each.

    ``prefix`` leads from the brief's page to the site root (``../../``).  With ``remote_links``, an image
    whose host is not allowed becomes a link (the page); without, it stays for print's fetcher to refuse and report.
    Returns the new HTML and, by the ``src`` now written, the data URL print embeds instead.
    """
    if "<img" not in html_text:
        return html_text, {}
    known = {i.src: i for i in brief.body_images}
    print_srcs: dict[str, str] = {}

    def picture_for(tag: str, *, alone: bool) -> str:
        attrs = attributes(tag)
        src = attrs.get("src", "")
        if remote_links and is_url(src) and not allowed_url(src, media.allowed_hosts):
            label = attrs.get("alt") or src
            return f'<a href="{html.escape(src)}">{html.escape(label)}</a>'
        image = known.get(src)
        picture = media.images.of(brief.slug, src) if image is not None else None
        if image is None or picture is None:
            return tag
        view = _view(image, picture, media)
        big = prefix + view.url
        if view.print_src:
            print_srcs[big] = view.print_src
        out = _picture_html(view, prefix, BODY_SIZES, lazy=True)
        caption, _, credit = image.caption.partition(" | ")
        if not alone or not caption:
            return out
        cap = html.escape(caption.strip())
        if credit.strip():
            cap += f' <span class="bk-figure__credit">{html.escape(credit.strip())}</span>'
        return f'<figure class="bk-figure">{out}<figcaption>{cap}</figcaption></figure>'

    text = _ALONE.sub(lambda m: picture_for(m.group(1), alone=True), html_text)
    text = _IMG.sub(lambda m: picture_for(m.group(0), alone=False), text)
    return policy.clean_renditions(text), print_srcs


def _picture_html(view: ImageView, prefix: str, sizes: str, *, lazy: bool) -> str:
    def srcset(items: tuple[tuple[str, int], ...]) -> str:
        return html.escape(", ".join(f"{prefix}{p} {w}w" for p, w in items))

    loading = ' loading="lazy"' if lazy else ""
    return (
        f'<picture><source type="image/webp" srcset="{srcset(view.webp)}" sizes="{sizes}">'
        f'<img src="{html.escape(prefix + view.url)}" srcset="{srcset(view.jpeg)}" sizes="{sizes}" '
        f'width="{view.width}" height="{view.height}" alt="{html.escape(view.alt)}"{loading} decoding="async"></picture>'
    )
