"""Renditions of a picture, made with Pillow, stripped of metadata, cached by content.

Security teams publish photos: a camera's EXIF can hold where it was taken
(GPS), its serial number and its owner's name.  A rendition carries none of
it: the EXIF orientation is applied to the pixels first, then the image is
written from its pixels alone, with no EXIF, XMP, IPTC or comments; only an
ICC colour profile is kept, as it changes how the colours look.

Each rendition is cached under the build folder (``build/cache/images/``,
never published) by a key over the source's digest, the rendition's size and
format, the encoder settings and Pillow's version; entries are written
atomically.  Pillow's JPEG, PNG and WebP encoders are deterministic, so the
same inputs give byte-identical files.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import PIL
from PIL import Image, ImageOps

from briefkit.common import safefs
from briefkit.common.fsio import atomic_write
from briefkit.config import Config
from briefkit.content.images import MAX_IMAGE_BYTES, Picture, Rendition

CACHE_VERSION = "briefkit-images/1"
JPEG = {"quality": 82, "optimize": True, "progressive": True, "subsampling": "4:2:0"}
WEBP = {"quality": 80, "method": 4}
PNG = {"optimize": True}


def cache_key(picture: Picture, rendition: Rendition) -> str:
    settings = {"jpeg": JPEG, "webp": WEBP, "png": PNG}
    parts = [
        CACHE_VERSION,
        PIL.__version__,
        picture.digest,
        rendition.mime,
        str(rendition.width),
        str(rendition.height),
        json.dumps(settings),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def cache_root(config: Config) -> Path:
    """Where renditions are cached: inside the build folder, beside (never inside) the published site."""
    return config.build_dir / "cache" / "images"


class RenditionCache:
    """Renditions by content key under ``root``; a hit is read back, a miss is made and written atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.made = 0

    def get(self, picture: Picture, rendition: Rendition) -> bytes:
        key = cache_key(picture, rendition)
        path = self.root / key[:2] / key
        try:
            return path.read_bytes()
        except OSError:
            pass
        data = make(picture, rendition)
        atomic_write(path, data)
        self.made += 1
        return data


def make(picture: Picture, rendition: Rendition) -> bytes:
    """One rendition's bytes, from the source file (read again through safefs: it was checked when measured)."""
    source = safefs.open_regular(picture.file, MAX_IMAGE_BYTES)
    with Image.open(io.BytesIO(source)) as opened:
        if opened.format == "JPEG":
            opened.draft("RGB", (rendition.width, rendition.height))  # decode at a fraction of the size when it can
        im = ImageOps.exif_transpose(opened)
        icc = opened.info.get("icc_profile")
        has_alpha = im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)
        im = im.convert("RGBA" if has_alpha else "RGB")
        im = im.resize((rendition.width, rendition.height), Image.Resampling.LANCZOS)
    # Only the pixels go on: a new image holds no info, EXIF, XMP or comments from the source.
    clean = Image.new(im.mode, im.size)
    clean.paste(im)
    out = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if rendition.mime == "image/webp":
        clean.save(out, "WEBP", **WEBP, **extra)
    elif rendition.mime == "image/png":
        clean.save(out, "PNG", **PNG, **extra)
    else:
        if clean.mode == "RGBA":  # JPEG has no alpha: flatten onto white, as the page shows it
            flat = Image.new("RGB", clean.size, (255, 255, 255))
            flat.paste(clean, mask=clean.getchannel("A"))
            clean = flat
        clean.save(out, "JPEG", **JPEG, **extra)
    return out.getvalue()
