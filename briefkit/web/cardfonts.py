"""The fonts a share card is drawn in: the site's own (Source Serif 4, Inter), and a fallback for the scripts they lack.

The site ships Latin subsets of its fonts.  A title in Cyrillic, Greek,
Arabic or CJK would otherwise come out as a row of empty boxes, so each
character the site's font has no glyph for is drawn in a fallback font that
fontconfig names for exactly those characters (``fc-match``, the same
lookup WeasyPrint's Pango does for the PDFs).  A character no installed font
has stays in the site's font (its box): the card is still made, and its
title is still in the page's alt text.

Which font file drew what is part of a card's cache key (:func:`FontSet.digest`),
so installing a font redraws the cards that use it.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from PIL import ImageFont

from briefkit.content.templating import packaged_templates

FONT_DIR = "assets/fonts"
TITLE_FONT = "source-serif-4-latin-700-normal.woff2"
TEXT_FONT = "inter-latin-400-normal.woff2"
STRONG_FONT = "inter-latin-700-normal.woff2"
FALLBACK_PATTERN = {TITLE_FONT: "serif:weight=bold", TEXT_FONT: "sans-serif", STRONG_FONT: "sans-serif:weight=bold"}
"""What fontconfig is asked for when a site font lacks a character: the same kind of face."""


@functools.cache
def font_path(name: str) -> Path:
    return packaged_templates() / FONT_DIR / name


@functools.cache
def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@functools.cache
def coverage(path: Path) -> frozenset[int]:
    """The code points a font file has glyphs for (its best cmap; fontTools reads WOFF2 with brotli)."""
    number = 0 if path.suffix.lower() == ".ttc" else -1
    with TTFont(path, fontNumber=number, lazy=True) if number >= 0 else TTFont(path, lazy=True) as font:
        cmap = font.getBestCmap() or {}
    return frozenset(cmap)


@functools.cache
def fallback_file(pattern: str, missing: str) -> Path | None:
    """The font fontconfig picks for ``missing`` characters in a face like ``pattern``; None without fontconfig."""
    fc_match = shutil.which("fc-match")
    if fc_match is None or not missing:
        return None
    charset = " ".join(f"{ord(c):x}" for c in sorted(set(missing)))
    try:
        out = subprocess.run(
            [fc_match, "-f", "%{file}", f"{pattern}:charset={charset}"], capture_output=True, text=True, timeout=10, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(out) if out else None
    return path if path is not None and path.is_file() and path.suffix.lower() in (".ttf", ".otf", ".woff2", ".woff") else None


@functools.cache
def _pil_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # Raqm (when Pillow has it) shapes Arabic and orders right-to-left text; its version is in the cache key.
    return ImageFont.truetype(str(path), size)


@dataclass(frozen=True)
class Run:
    """Consecutive characters drawn in one font."""

    text: str
    font: ImageFont.FreeTypeFont
    path: Path


@dataclass(frozen=True)
class FontSet:
    """One site font and, for what it lacks, one fallback."""

    name: str

    @property
    def path(self) -> Path:
        return font_path(self.name)

    def files_for(self, text: str) -> list[Path]:
        """The font files that draw ``text``: the site's, then a fallback if some character needs one."""
        have = coverage(self.path)
        missing = "".join(sorted({c for c in text if not c.isspace() and ord(c) not in have}))
        extra = fallback_file(FALLBACK_PATTERN[self.name], missing) if missing else None
        return [self.path] if extra is None else [self.path, extra]

    def runs(self, text: str, size: int) -> list[Run]:
        """``text`` cut where the font that draws it changes."""
        files = self.files_for(text)
        if len(files) == 1:  # the common case: the site's font has every character
            return [Run(text, _pil_font(files[0], size), files[0])] if text else []
        covered = [coverage(f) for f in files]
        runs: list[Run] = []
        for char in text:
            # A space stays with the words around it, so a right-to-left line is one run (Raqm orders it).
            keep = char.isspace() and runs
            path = runs[-1].path if keep else files[next((i for i, cov in enumerate(covered) if ord(char) in cov), 0)]
            if runs and runs[-1].path == path:
                runs[-1] = Run(runs[-1].text + char, runs[-1].font, path)
            else:
                runs.append(Run(char, _pil_font(path, size), path))
        return runs

    def width(self, text: str, size: int) -> float:
        return sum(run.font.getlength(run.text) for run in self.runs(text, size))

    def digest(self, text: str) -> str:
        """The font files ``text`` is drawn with, by content: part of the card's cache key."""
        return ",".join(f"{p.name}:{file_digest(p)}" for p in self.files_for(text))


TITLE = FontSet(TITLE_FONT)
TEXT = FontSet(TEXT_FONT)
STRONG = FontSet(STRONG_FONT)
