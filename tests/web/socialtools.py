"""Helpers for the share-card tests: cards to draw, and reading PNGs back with Pillow."""

from __future__ import annotations

import io
import zlib

from PIL import Image

from briefkit.content.social import CardText
from briefkit.model import Tlp


def card(title: str = "Drone sightings close Liège airport for two hours", label: Tlp = Tlp.CLEAR, **fields: str) -> CardText:
    values = {"section": "Security / Europe", "date": "20 November 2026", "site": "Test Desk", **fields}
    return CardText(title=title, label=label, **values)


def image(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def rgb(data: bytes) -> Image.Image:
    return image(data).convert("RGB")


def chunks(data: bytes) -> list[bytes]:
    """The chunk types of a PNG, in order, each one's CRC checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, found = 8, []
    while at < len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        assert int.from_bytes(data[at + 8 + length : at + 12 + length], "big") == zlib.crc32(kind + body)
        found.append(kind)
        at += 12 + length
    return found


def colour_count(img: Image.Image, colour: str, box: tuple[int, int, int, int] | None = None) -> int:
    """How many pixels (in ``box``, else anywhere) are exactly ``colour`` (``#RRGGBB``)."""
    want = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    region = img.crop(box) if box else img
    return sum(n for n, c in (region.getcolors(maxcolors=1 << 20) or []) if c == want)
