"""Share cards as images: size, text drawn, the TLP colour, reproducible bytes, the cache, long and non-Latin titles."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import ImageChops

from briefkit.common import limits
from briefkit.content.social import CARD_HEIGHT, CARD_WIDTH
from briefkit.model import Tlp
from briefkit.web import cardfonts
from briefkit.web.cards import (
    LABEL_BOX,
    MARGIN,
    TITLE_BOTTOM,
    TITLE_SIZES,
    TITLE_TOP,
    CardCache,
    card_key,
    draw_card,
    layout_title,
    render_cards,
)
from tests.web.socialtools import card, chunks, colour_count, image, rgb

LONG = (
    "A very long title about the sequence of drone incursions over military and civilian infrastructure in Belgium, "
    "Denmark, Poland and the Baltic states, and what European air defences can and cannot do about them this winter, "
    "and next winter, and the one after that, as told by everyone who was asked about it and some who were not"
)


def test_a_card_is_a_1200_by_630_png_without_time_or_text_chunks() -> None:
    data = draw_card(card())
    img = image(data)
    assert (img.format, img.size) == ("PNG", (CARD_WIDTH, CARD_HEIGHT)) == ("PNG", (1200, 630))
    kinds = chunks(data)
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
    assert not {b"tIME", b"tEXt", b"zTXt", b"iTXt", b"eXIf"} & set(kinds)


def test_the_title_is_drawn_in_the_title_area_only_where_the_titles_differ() -> None:
    one, other = rgb(draw_card(card("Gas storage reaches winter target"))), rgb(draw_card(card("Grid tariffs rise in the new year")))
    changed = ImageChops.difference(one, other).getbbox()
    assert changed is not None, "a different title draws different pixels"
    left, top, _right, bottom = changed
    assert top >= TITLE_TOP and bottom <= TITLE_BOTTOM and left >= MARGIN - 2, changed


@pytest.mark.parametrize("label", list(Tlp))
def test_the_label_is_drawn_in_its_tlp_colour_on_black(label: Tlp) -> None:
    img = rgb(draw_card(card(label=label)))
    assert img.getpixel((5, 5)) == (0, 0, 0)
    assert colour_count(img, label.colour, LABEL_BOX) > 500
    # No other label's colour is anywhere on the card (white is also the title's, so CLEAR is left out).
    for other in {t.colour for t in Tlp} - {label.colour, Tlp.CLEAR.colour}:
        assert colour_count(img, other) == 0, other


def test_the_same_card_is_the_same_bytes_in_another_process() -> None:
    data = draw_card(card(LONG, Tlp.AMBER))
    script = (
        "import sys; from briefkit.web.cards import draw_card; from briefkit.model import Tlp; from tests.web.socialtools import card;"
        f"sys.stdout.buffer.write(draw_card(card({LONG!r}, Tlp.AMBER)))"
    )
    again = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, cwd=Path(__file__).parents[2]).stdout
    assert again == data == draw_card(card(LONG, Tlp.AMBER))


def test_a_long_title_shrinks_then_is_cut_with_an_ellipsis_never_overflowing() -> None:
    width, height = CARD_WIDTH - 2 * MARGIN, TITLE_BOTTOM - TITLE_TOP
    size, lines = layout_title("Short title")
    assert (size, lines) == (TITLE_SIZES[0], ["Short title"])
    longest = LONG[: limits.TITLE_CHARS]  # as long as a brief's title may be
    size, lines = layout_title(longest)
    assert TITLE_SIZES[-1] <= size < TITLE_SIZES[0]
    assert " ".join(lines) == longest, "a title a brief may have is never cut"
    size, lines = layout_title(LONG * 2)
    assert size == TITLE_SIZES[-1] and lines[-1].endswith("\u2026")
    for s, ls in (layout_title(longest), layout_title(LONG * 2), layout_title("W" * 400)):
        assert all(cardfonts.TITLE.width(line, s) <= width for line in ls)
        assert len(ls) * s * 1.18 <= height
    # Nothing drawn outside the card's margins, even for a title of one endless word.
    img = rgb(draw_card(card("W" * 400)))
    assert ImageChops.difference(img.crop((0, TITLE_TOP, MARGIN - 4, TITLE_BOTTOM)), img.crop((0, 0, MARGIN - 4, 350))).getbbox() is None
    assert img.crop((CARD_WIDTH - MARGIN + 4, TITLE_TOP, CARD_WIDTH, TITLE_BOTTOM)).getbbox() is None


def test_characters_the_site_font_lacks_are_drawn_in_a_font_that_has_them() -> None:
    title = "Беспилотники над Бельгией: Ελλάδα"
    site_font = cardfonts.TITLE.path
    assert any(ord(c) not in cardfonts.coverage(site_font) for c in title), "the site's font is a Latin subset"
    runs = cardfonts.TITLE.runs(title, 60)
    assert {r.path for r in runs} - {site_font}, "a fallback font was found (fonts-noto-core, scripts/system-deps)"
    for run in runs:
        assert all(c.isspace() or ord(c) in cardfonts.coverage(run.path) for c in run.text), (run.text, run.path)
    # The card is made and its key names the fallback font, so installing another font redraws it.
    assert image(draw_card(card(title))).size == (CARD_WIDTH, CARD_HEIGHT)
    assert runs[1].path.name in card_key(card(title)) or cardfonts.file_digest(runs[1].path) in cardfonts.TITLE.digest(title)


def test_a_title_no_font_has_still_makes_a_card() -> None:
    title = "\U0001d11e \U000e0041 \U0010fffd"  # a musical symbol, a tag character, a private-use code point
    assert image(draw_card(card(title))).size == (CARD_WIDTH, CARD_HEIGHT)


def test_the_cache_draws_a_card_once_and_keys_it_by_what_is_drawn(tmp_path: Path) -> None:
    cache = CardCache(tmp_path)
    first = cache.card(card())
    assert cache.card(card()) == first and cache.drawn == 1
    stored = cache.path(card_key(card()))
    assert stored.read_bytes() == first
    mtime = stored.stat().st_mtime_ns
    again = CardCache(tmp_path)
    assert again.card(card()) == first and again.drawn == 0 and stored.stat().st_mtime_ns == mtime
    keys = {card_key(card(**{k: "other"})) for k in ("section", "date", "site")} | {card_key(card(label=Tlp.GREEN)), card_key(card("x"))}
    assert len(keys) == 5 and card_key(card()) not in keys
    assert not list(tmp_path.rglob("*.tmp")) and not list(tmp_path.rglob(".*"))


def test_the_cache_prunes_cards_unused_for_a_month_and_keeps_the_ones_this_build_used(tmp_path: Path) -> None:
    cache = CardCache(tmp_path)
    render_cards(cache, [("a", card("Kept"))])
    kept = cache.path(card_key(card("Kept")))
    stale = cache.path(card_key(card("Stale")))
    recent = cache.path(card_key(card("Recent")))
    for path in (stale, recent):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    month_ago = time.time() - 31 * 86400
    for path in (stale, kept):
        os.utime(path, (month_ago, month_ago))
    files = render_cards(CardCache(tmp_path), [("a", card("Kept"))])
    assert files == {"cards/a.png": kept.read_bytes()}
    assert kept.is_file() and recent.is_file() and not stale.exists()
    assert kept.stat().st_mtime < time.time() - 30 * 86400, "a cache hit marks the access time only"
