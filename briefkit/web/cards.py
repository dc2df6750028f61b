"""Share cards: a 1200×630 PNG per brief, drawn with Pillow in the site's fonts, cached by what is drawn.

A card is black, as TLP 2.0 labels are meant to be read: the site's name
and the brief's TLP label in its official colour across the top, the title
in Source Serif 4 (wrapped, and made smaller until it fits; cut with an
ellipsis only past the smallest size), and the section and date in Inter at
the foot.

PNG, not JPEG: a card is flat colour and text, which PNG stores losslessly
in a fixed palette of 97 colours (about 15–30 kB; the same card as an RGB
PNG is about 47 kB, as a JPEG at quality 85 about 100 kB, with ringing
around every letter and the label's colour smeared).  The PNG holds no time stamp and no text chunk, so the same
card is the same bytes on every machine with the same fonts and Pillow.

The cache (``build/cache/cards/``) is keyed by exactly what is drawn
(:class:`~briefkit.content.social.CardText`), the font files that draw it,
the versions of Pillow, FreeType and Raqm, and :data:`CARD_KEYS`.  It is
only read and written by builds, never published: each build publishes the
cards of the briefs it shows, at ``cards/<slug>.png``.
"""

from __future__ import annotations

import contextlib
import io
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, features

from briefkit.common.fsio import atomic_write
from briefkit.content import keys
from briefkit.content.social import CARD_HEIGHT, CARD_WIDTH, CardText, card_url
from briefkit.web.cardfonts import STRONG, TEXT, TITLE, FontSet

CARD_KEYS = "briefkit-card/1"
"""Part of every card key: raise it whenever the drawing changes, so no older card is reused."""

PRUNE_AFTER_DAYS = 30
"""A cached card no build has used for this long is deleted (as the PDF cache does)."""

BACKGROUND = (0, 0, 0)
TEXT_COLOUR = (255, 255, 255)
MUTED = (190, 190, 190)
RULE = (64, 64, 64)
MARGIN = 72
TITLE_TOP = 150
TITLE_BOTTOM = 500
TITLE_SIZES = tuple(range(76, 39, -4))
"""Largest first; the title takes the first size at which it fits in the title area."""
LINE_SPACING = 1.18
ELLIPSIS = "\u2026"

LABEL_BOX = (CARD_WIDTH - MARGIN - 420, 40, CARD_WIDTH - MARGIN, 112)
"""The box the TLP label is drawn in (left, top, right, bottom): right-aligned in it, with a bar in its colour under it."""


def _hex(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _palette(label: tuple[int, int, int]) -> Image.Image:
    """A fixed palette: each colour the card draws in, in 32 steps from black (anti-aliased text on black is a blend of the two).

    Fixed, not chosen from the image (as median cut would), so the muted foot
    and the label look the same on every card whatever the title; and a
    palette PNG is less than half the size of an RGB one.
    """
    colours: list[int] = []
    for target in (TEXT_COLOUR, MUTED, label):
        for step in range(32):
            colours.extend(round(c * step / 31) for c in target)
    colours.extend(RULE)
    palette = Image.new("P", (1, 1))
    palette.putpalette(colours + [0, 0, 0] * (256 - len(colours) // 3))
    return palette


def _lines(font: FontSet, text: str, size: int, width: int) -> list[str]:
    """``text`` wrapped at spaces to ``width``; a word wider than a line (or a script without spaces) breaks between characters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.width(candidate, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if line and font.width(line + char, size) > width:
                lines.append(line)
                line = ""
            line += char
    if line:
        lines.append(line)
    return lines


def _fit(font: FontSet, text: str, size: int, width: int) -> str:
    """``text`` cut, with an ellipsis, to fit ``width``: the longest prefix that does, found by bisection."""
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if font.width(text[:mid] + ELLIPSIS, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + ELLIPSIS


def layout_title(title: str, width: int = CARD_WIDTH - 2 * MARGIN, height: int = TITLE_BOTTOM - TITLE_TOP) -> tuple[int, list[str]]:
    """The size and lines of the title: the largest size at which every line fits; at the smallest, cut to the lines that fit."""
    for size in TITLE_SIZES:
        lines = _lines(TITLE, title, size, width)
        if len(lines) * size * LINE_SPACING <= height:
            return size, lines
    size = TITLE_SIZES[-1]
    lines = _lines(TITLE, title, size, width)
    room = max(1, int(height // (size * LINE_SPACING)))
    if len(lines) > room:
        lines = [*lines[: room - 1], _fit(TITLE, " ".join(lines[room - 1 :]), size, width)]
    return size, lines


def _draw(draw: ImageDraw.ImageDraw, font: FontSet, xy: tuple[float, float], text: str, size: int, fill: tuple[int, int, int]) -> float:
    """Draw ``text`` on the baseline at ``xy``, font run by font run; the x where it ends."""
    x, y = xy
    for run in font.runs(text, size):
        draw.text((x, y), run.text, font=run.font, fill=fill, anchor="ls")
        x += run.font.getlength(run.text)
    return x


def _single_line(font: FontSet, text: str, size: int, width: int) -> str:
    return text if font.width(text, size) <= width else _fit(font, text, size, width)


def draw_card(card: CardText) -> bytes:
    """The card as PNG bytes: the same bytes for the same card, fonts and Pillow."""
    image = Image.new("RGB", (CARD_WIDTH, CARD_HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    colour = _hex(card.label.colour)

    # Top: the site's name on the left, the TLP label on the right in its colour, a bar in that colour under it.
    right, bottom = LABEL_BOX[2], LABEL_BOX[3]
    label_size = 34
    label_width = STRONG.width(card.label.value, label_size)
    _draw(draw, STRONG, (right - label_width, bottom - 22), card.label.value, label_size, colour)
    draw.rectangle((right - label_width, bottom - 10, right, bottom - 4), fill=colour)
    site_width = int(right - label_width - MARGIN - 40)
    _draw(draw, STRONG, (MARGIN, bottom - 22), _single_line(STRONG, card.site, 28, site_width), 28, MUTED)

    # The title: as large as fits.
    size, lines = layout_title(card.title)
    step = size * LINE_SPACING
    block = len(lines) * step
    y = TITLE_TOP + (TITLE_BOTTOM - TITLE_TOP - block) / 2 + size
    for line in lines:
        _draw(draw, TITLE, (MARGIN, y), line, size, TEXT_COLOUR)
        y += step

    # The foot: a rule, then section and date.
    draw.rectangle((MARGIN, 528, CARD_WIDTH - MARGIN, 529), fill=RULE)
    date_width = TEXT.width(card.date, 28)
    _draw(draw, TEXT, (CARD_WIDTH - MARGIN - date_width, 584), card.date, 28, MUTED)
    section_room = int(CARD_WIDTH - 2 * MARGIN - date_width - 40)
    _draw(draw, TEXT, (MARGIN, 584), _single_line(TEXT, card.section, 28, section_room), 28, MUTED)

    flat = image.quantize(palette=_palette(colour), dither=Image.Dither.NONE)
    out = io.BytesIO()
    # zlib level 6: level 9 (``optimize``) saves 9% of the bytes for 13 times the time, on every card of a first build.
    flat.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def card_key(card: CardText) -> str:
    """Everything a card's bytes depend on."""
    fonts = [TITLE.digest(card.title), STRONG.digest(card.label.value + card.site), TEXT.digest(card.section + card.date)]
    engines = f"pillow={PIL.__version__},freetype={features.version('freetype2')},raqm={features.version('raqm')}"
    return keys.digest(CARD_KEYS, engines, *fonts, card.title, card.section, card.date, card.label.value, card.site)


@dataclass
class CardCache:
    """Cards by key under ``root``; ``drawn`` counts the cards this cache had to draw (what a rebuild should keep at 0)."""

    root: Path
    drawn: int = 0
    used: set[str] = field(default_factory=set)

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.png"

    def card(self, card: CardText) -> bytes:
        key = card_key(card)
        self.used.add(key)
        path = self.path(key)
        try:
            data = path.read_bytes()
        except OSError:
            pass
        else:
            with contextlib.suppress(OSError):  # marks it as used, for prune(): the access time only
                os.utime(path, ns=(time.time_ns(), path.stat().st_mtime_ns))
            return data
        data = draw_card(card)
        self.drawn += 1
        atomic_write(path, data)
        return data

    def prune(self, older_than_days: float = PRUNE_AFTER_DAYS) -> int:
        """Delete cards no build used for a while (other editions share the cache), except this build's; the number deleted."""
        limit = time.time() - older_than_days * 86400
        removed = 0
        for path in self.root.glob("*/*.png"):
            if path.stem in self.used:
                continue
            with contextlib.suppress(OSError):
                st = path.stat()
                if max(st.st_atime, st.st_mtime) < limit:
                    path.unlink()
                    removed += 1
        return removed


def render_cards(cache: CardCache, cards: Iterable[tuple[str, CardText]]) -> dict[str, bytes]:
    """The docs files of the cards of the briefs a build shows, by ``cards/<slug>.png``; then old cards are pruned."""
    files = {card_url(slug): cache.card(card) for slug, card in cards}
    cache.prune()
    return files
