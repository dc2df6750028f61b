"""The image files a corpus shows: found, checked and measured before anything is decoded.

Each image a brief names (:class:`briefkit.model.BriefImage`, positions from
the loader) is read here, once per build and only for the briefs the build
shows, so a hidden brief's image is never opened, let alone published:

* the path resolves inside the site root, through :mod:`briefkit.common.safefs`
  (a link that leaves it, or into ``.git/``, is refused), and below the
  briefs or assets folder;
* the file is a regular file of at most :data:`MAX_IMAGE_BYTES`;
* its header (read without decoding pixels) gives a JPEG, PNG, WebP or GIF
  of at most :data:`MAX_IMAGE_PIXELS`: a decompression bomb is refused
  before Pillow allocates anything.

Each problem is a ``path:line:col`` :class:`~briefkit.errors.Problem` at the
image's place in the brief.  The renditions themselves are made by
:mod:`briefkit.content.renditions`.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from PIL import Image, UnidentifiedImageError

from briefkit.common import safefs
from briefkit.common.slugs import slugify
from briefkit.config import Config
from briefkit.errors import Problem, error, warning
from briefkit.model import Brief, BriefImage
from briefkit.source.imagerefs import is_url

MAX_IMAGE_BYTES = 20 * 1024 * 1024
"""Bytes: a larger file is refused unread (a camera's JPEG is a few MB)."""
MAX_IMAGE_PIXELS = 40_000_000
"""Pixels (e.g. 8000×5000): more is refused from the header, before any pixel is decoded."""
WEB_WIDTHS = (480, 960, 1600)
"""Widths of the web renditions; an image narrower than one gets its own width instead, never upscaled."""
PRINT_WIDTH = 2000
"""Pixels for print: a 170 mm column at 300 dpi."""
FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})
_TURNED = frozenset({5, 6, 7, 8})
"""EXIF orientations that swap width and height."""


@dataclass(frozen=True)
class Rendition:
    path: str
    """Where it is published, relative to the site root: ``images/<digest>/<name>-<width>.<ext>``."""
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class Picture:
    """One source image, measured, and the renditions a build makes of it."""

    file: Path
    """The resolved file (inside the site root)."""
    digest: str
    """sha256 of the file's bytes."""
    width: int
    height: int
    """As shown: after the EXIF orientation is applied."""
    format: str
    webp: tuple[Rendition, ...]
    jpeg: tuple[Rendition, ...]
    print: Rendition

    @property
    def largest(self) -> Rendition:
        return self.jpeg[-1]

    @property
    def renditions(self) -> tuple[Rendition, ...]:
        return (*self.webp, *self.jpeg)


@dataclass
class ImageSet:
    """Every picture of a corpus, by (brief slug, src as written), and the problems found reading them."""

    pictures: dict[tuple[str, str], Picture] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def of(self, slug: str, src: str) -> Picture | None:
        return self.pictures.get((slug, src))

    def renditions(self) -> dict[str, tuple[Picture, Rendition]]:
        """Each web rendition by its site path (pictures shared by briefs, once)."""
        out: dict[str, tuple[Picture, Rendition]] = {}
        for picture in self.pictures.values():
            for rendition in picture.renditions:
                out.setdefault(rendition.path, (picture, rendition))
        return dict(sorted(out.items()))

    def digest(self, slug: str) -> str:
        """What one brief's images are, for cache keys: '' when it has none."""
        parts = sorted(f"{src}={p.digest}" for (s, src), p in self.pictures.items() if s == slug)
        return hashlib.sha256("\n".join(parts).encode()).hexdigest() if parts else ""


def images_of(brief: Brief) -> tuple[BriefImage, ...]:
    """The lead image and the body images the body, as this build shows it, still names.

    An edition that withholds a portion of the body (:mod:`briefkit.editions.select`)
    changes ``body`` but not the list the loader made: an image named only in a
    withheld portion is never read, so no rendition of it is published.
    """
    body = tuple(i for i in brief.body_images if i.src in brief.body)
    return ((brief.image,) if brief.image is not None else ()) + body


def collect(briefs: Iterable[Brief], config: Config) -> ImageSet:
    """Find, read and measure every local image of ``briefs`` (remote ones, already allowed by the loader, are left as URLs)."""
    found = ImageSet()
    for brief in briefs:
        for image in images_of(brief):
            if is_url(image.src) or (brief.slug, image.src) in found.pictures:
                continue
            try:
                picture = _picture(brief, image, config)
            except _Bad as bad:
                # A body image that cannot be used stays as written (and print refuses it), as before images had renditions.
                make = error if image is brief.image else warning
                found.problems.append(make(brief.path, image.line, image.col, bad.code, bad.message, bad.hint))
                continue
            found.pictures[(brief.slug, image.src)] = picture
    found.problems = sorted(set(found.problems))
    return found


class _Bad(Exception):
    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def candidates(brief: Brief, image: BriefImage, config: Config) -> list[Path]:
    """Where ``src`` may point, in order: from the site root when it starts with '/', else from the brief's folder,
    then (body images only) as the website resolves it, against the page ``/briefs/<slug>/``."""
    src = unquote(image.src.split("#", 1)[0].split("?", 1)[0]) if image is not brief.image else image.src
    if src.startswith("/"):
        return [config.root / posixpath.normpath(src).lstrip("/")]
    found = [Path(brief.path).parent / src]
    if image is not brief.image:
        page = posixpath.normpath(posixpath.join("/briefs", brief.slug, src)).lstrip("/")
        found.append(config.root / page)
    return found


def _picture(brief: Brief, image: BriefImage, config: Config) -> Picture:
    name = f"image '{image.src}'"
    tried = candidates(brief, image, config)
    path = next((p for p in tried if p.exists()), None)
    if path is None:
        raise _Bad(
            "image-missing",
            f"{name} does not exist (looked for {safefs.real(tried[0])})",
            "paths are relative to the brief's folder, or to the site root with a leading '/'",
        )
    try:
        target = safefs.check_contained(path, config.root)
    except safefs.Refused as exc:
        raise _Bad(exc.code, f"{name} {exc}", exc.hint) from None
    if any(part.startswith(".") for part in target.relative_to(safefs.real(config.root)).parts):
        raise _Bad("image-hidden", f"{name} is in a hidden file or folder; hidden files and folders are never published", "move it out")
    folders = [safefs.real(config.path(config.options.briefs_dir)), safefs.real(config.path(config.options.assets_dir))]
    if not any(target.is_relative_to(f) for f in folders):
        raise _Bad(
            "image-outside",
            f"{name} is not in the briefs or assets folder",
            f"move it under {config.options.briefs_dir}/ (for example {config.options.briefs_dir}/images/)",
        )
    try:
        data = safefs.open_regular(target, MAX_IMAGE_BYTES)
    except safefs.Refused as exc:
        hint = "make it smaller: a web image needs at most a few MB" if exc.code == "file-too-large" else exc.hint
        raise _Bad("image-too-large" if exc.code == "file-too-large" else exc.code, f"{name} {exc}", hint) from None
    width, height, fmt, turned = measure(data, name)
    if turned:
        width, height = height, width
    digest = hashlib.sha256(data).hexdigest()
    stem = slugify(target.stem)[:60] or "image"
    folder = f"images/{digest[:16]}"

    def sized(w: int, ext: str, mime: str) -> Rendition:
        return Rendition(f"{folder}/{stem}-{w}.{ext}", w, max(1, round(height * w / width)), mime)

    widths = widths_for(width)
    print_ext, print_mime = ("png", "image/png") if fmt in ("PNG", "GIF") else ("jpg", "image/jpeg")
    return Picture(
        file=target,
        digest=digest,
        width=width,
        height=height,
        format=fmt,
        webp=tuple(sized(w, "webp", "image/webp") for w in widths),
        jpeg=tuple(sized(w, "jpg", "image/jpeg") for w in widths),
        print=sized(min(width, PRINT_WIDTH), "print." + print_ext, print_mime),
    )


def widths_for(width: int) -> tuple[int, ...]:
    """The web widths for an image ``width`` pixels wide: never wider than it."""
    return tuple(sorted({w for w in WEB_WIDTHS if w < width} | {min(width, WEB_WIDTHS[-1])}))


def measure(data: bytes, name: str) -> tuple[int, int, str, bool]:
    """Width, height, format and whether EXIF turns it, from the header alone; :class:`_Bad` for a bomb or a non-image."""
    with warnings.catch_warnings():
        # Pillow warns (then errors) past its own limit; both are a refusal here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as im:
                width, height, fmt = im.width, im.height, im.format or ""
                turned = fmt in ("JPEG", "WEBP") and im.getexif().get(0x0112) in _TURNED
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _Bad("image-bomb", f"{name} declares more pixels than Pillow will decode", _BOMB_HINT) from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise _Bad("image-unreadable", f"{name} is not an image briefkit can read ({exc})", _FORMAT_HINT) from None
    if width * height > MAX_IMAGE_PIXELS:
        raise _Bad("image-bomb", f"{name} is {width}×{height} pixels; the limit is {MAX_IMAGE_PIXELS:,} pixels", _BOMB_HINT)
    if fmt not in FORMATS:
        raise _Bad("image-unreadable", f"{name} is {fmt or 'an unknown format'}", _FORMAT_HINT)
    return width, height, fmt, turned


_BOMB_HINT = "scale the image down (the web shows at most 1600 pixels across; print 2000)"
_FORMAT_HINT = "save it as JPEG, PNG, WebP or GIF"
