"""Helpers for the image tests (imported as ``tests.content.imagetools``): images made with Pillow, sites that show them."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

from tests.conftest import site_config

GPS_IFD = 0x8825
ORIENTATION = 0x0112
SERIAL = 0xA431  # BodySerialNumber, in the Exif IFD
EXIF_IFD = 0x8769


def photo(
    width: int = 1200, height: int = 800, *, gps: bool = True, orientation: int = 1, colour: tuple[int, int, int] = (40, 90, 160)
) -> bytes:
    """A JPEG like a camera's: GPS position, a camera serial and an orientation in its EXIF."""
    im = Image.new("RGB", (width, height), colour)
    for x in range(0, width, 40):  # some detail, so the encoder has work to do
        im.paste((200, 60, 40), (x, 0, x + 12, height // 3))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "ExampleCam"  # Make
    exif.get_ifd(EXIF_IFD)[SERIAL] = "SN-0042-SECRET"
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (50.0, 50.0, 0.0), 3: "E", 4: (4.0, 21.0, 0.0)})
    out = io.BytesIO()
    im.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def png(width: int = 800, height: int = 450, colour: tuple[int, int, int] = (20, 140, 60)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares ``width``×``height`` pixels (a decompression bomb's header; no pixel data to speak of)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def has_gps_or_serial(data: bytes) -> list[str]:
    """What of a camera's metadata a published file still holds (empty when clean)."""
    found = []
    with Image.open(io.BytesIO(data)) as im:
        exif = im.getexif()
        if exif.get_ifd(GPS_IFD) or GPS_IFD in exif:
            found.append("GPS")
        if exif.get_ifd(EXIF_IFD).get(SERIAL) or exif.get(0x010F):
            found.append("camera")
        if "xmp" in im.info or "XML:com.adobe.xmp" in im.info:
            found.append("XMP")
        if "exif" in im.info:
            found.append("EXIF block")
    if b"SN-0042-SECRET" in data or b"ExampleCam" in data:
        found.append("serial bytes")
    return found


MKDOCS_YML = site_config("Image Desk", options="pdf:\n  enabled: false\n  allowed_hosts: [images.example.net]", pdf=None)
