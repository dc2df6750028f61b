#!/usr/bin/env python3
"""Recreate the demo site's images: charts drawn from the briefs' own tables, and one drawn illustration.

Every image the demo briefs show is made here with Pillow, in the site's own
fonts, so it can be published freely and rebuilt byte for byte:

    .venv/bin/python scripts/make-demo-images.py

The numbers are copied from the tables in the briefs' bodies (named below);
change a table, change its numbers here, and run the script again.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "templates" / "assets" / "fonts"
INK, MUTED, RULE, PAPER = (18, 18, 18), (90, 90, 90), (217, 214, 207), (255, 255, 255)
ACCENT, GREY = (179, 18, 29), (150, 146, 138)


def font(weight: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"inter-latin-{weight}-normal.woff2"), size)


def bar_chart(
    path: Path,
    title: str,
    note: str,
    rows: list[tuple[str, list[float]]],
    series: list[tuple[str, tuple[int, int, int]]],
    *,
    unit: str,
    top: float,
    ticks: list[float],
) -> None:
    """Horizontal grouped bars, one group per row, with a legend and a source line."""
    w, h = 1600, 900
    im = Image.new("RGB", (w, h), PAPER)
    d = ImageDraw.Draw(im)
    d.text((64, 48), title, font=font(700, 44), fill=INK)
    d.text((64, 112), note, font=font(400, 26), fill=MUTED)
    x = 64
    for name, colour in series:  # legend
        d.rectangle((x, 168, x + 28, 196), fill=colour)
        d.text((x + 40, 166), name, font=font(400, 26), fill=INK)
        x += 60 + int(d.textlength(name, font=font(400, 26)))
    left, right, y0 = 380, w - 90, 240
    band = (h - y0 - 90) / len(rows)
    bar = band * 0.72 / len(series)
    for t in ticks:
        tx = left + (right - left) * t / top
        d.line((tx, y0 - 6, tx, h - 90), fill=RULE, width=2)
        d.text((tx, h - 80), f"{t:g}{unit}", font=font(400, 24), fill=MUTED, anchor="ma")
    for i, (label, values) in enumerate(rows):
        yb = y0 + i * band + band * 0.14
        bold = label.startswith("EU") or label.startswith("Total")
        d.text((left - 24, yb + bar * len(series) / 2), label, font=font(700 if bold else 400, 30), fill=INK, anchor="rm")
        for j, (value, (_name, colour)) in enumerate(zip(values, series, strict=True)):
            y = yb + j * bar
            x1 = left + (right - left) * value / top
            d.rectangle((left, y, x1, y + bar - 6), fill=colour)
            d.text((x1 + 10, y + (bar - 6) / 2), f"{value:g}{unit}", font=font(600, 24), fill=INK, anchor="lm")
    d.line((left, y0 - 6, left, h - 90), fill=INK, width=3)
    im.save(path, optimize=True)


def terminal_at_dusk(path: Path) -> None:
    """An LNG carrier moored at a floating terminal at dusk: drawn, not photographed."""
    w, h = 1600, 1000
    rng = random.Random(2026)
    sky = Image.new("RGB", (w, h))
    px = sky.load()
    horizon = 610
    for y in range(h):
        if y < horizon:
            t = y / horizon
            c = (int(34 + 200 * t**1.6), int(48 + 100 * t**1.8), int(96 + 40 * t))
        else:
            t = (y - horizon) / (h - horizon)
            c = (int(60 - 30 * t), int(70 - 30 * t), int(96 - 40 * t))
        for x in range(w):
            px[x, y] = c
    d = ImageDraw.Draw(sky)
    d.ellipse((1130, 470, 1250, 590), fill=(255, 196, 120))  # low sun
    for _ in range(260):  # light on the water
        x = 1190 + rng.gauss(0, 90)
        y = rng.uniform(horizon + 6, h)
        d.line((x - rng.uniform(8, 40), y, x + rng.uniform(8, 40), y), fill=(230, 170, 110), width=2)
    for _ in range(500):  # ripples
        x, y = rng.uniform(0, w), rng.uniform(horizon + 4, h)
        d.line((x, y, x + rng.uniform(10, 60), y), fill=(40, 52, 78), width=1)
    hull = (30, 32, 40)
    # Storage tanks and a jetty on the far shore.
    d.rectangle((0, horizon - 30, 520, horizon), fill=(46, 50, 62))
    for cx in (110, 260, 410):
        d.rectangle((cx - 60, horizon - 110, cx + 60, horizon - 30), fill=(70, 74, 86))
        d.ellipse((cx - 60, horizon - 130, cx + 60, horizon - 90), fill=(82, 86, 98))
    for cx in (560, 640):  # cranes
        d.line((cx, horizon, cx, horizon - 220), fill=hull, width=8)
        d.line((cx, horizon - 220, cx + 150, horizon - 180), fill=hull, width=6)
    # The carrier: a long hull, four spherical tanks, a bridge aft.
    d.polygon([(380, 700), (1420, 700), (1380, 770), (430, 770)], fill=hull)
    for i in range(4):
        cx = 560 + i * 190
        d.ellipse((cx - 85, 580, cx + 85, 750), fill=(196, 200, 206))
        d.ellipse((cx - 85, 580, cx + 85, 750), outline=(120, 124, 132), width=3)
    d.rectangle((1250, 600, 1360, 700), fill=(220, 222, 226))
    d.rectangle((1262, 612, 1350, 630), fill=(40, 44, 54))
    d.line((1330, 600, 1330, 540), fill=hull, width=5)
    for x in range(1270, 1350, 18):
        d.rectangle((x, 614, x + 10, 626), fill=(255, 214, 150))
    img = sky.filter(ImageFilter.GaussianBlur(0.6))
    img.save(path, quality=84, optimize=True, progressive=True)


def main() -> None:
    energy = ROOT / "briefs" / "energy" / "images"
    cyber = ROOT / "briefs" / "cyber" / "images"
    energy.mkdir(parents=True, exist_ok=True)
    cyber.mkdir(parents=True, exist_ok=True)
    # briefs/energy/winter-gas-storage-outlook.yaml, "Where storage stands".
    storage = [
        ("Germany", 89, 92, 78),
        ("Italy", 93, 94, 85),
        ("France", 92, 93, 71),
        ("Netherlands", 84, 90, 59),
        ("Austria", 90, 91, 120),
        ("EU total", 91, 93, 82),
    ]
    bar_chart(
        energy / "gas-storage-by-country.png",
        "Gas storage on 20 November 2026, % full",
        "Against the five-year average for the date. Source: GIE AGSI.",
        [(name, [full, avg]) for name, full, avg, _days in storage],
        [("20 November 2026", ACCENT), ("Five-year average", GREY)],
        unit=" %",
        top=100,
        ticks=[0, 25, 50, 75, 100],
    )
    bar_chart(
        energy / "storage-days-of-demand.png",
        "Storage as days of winter demand",
        "Days a country's stored gas would cover its average winter demand. Source: GIE AGSI, ENTSOG.",
        [(name, [days]) for name, _full, _avg, days in storage],
        [("Days of demand", ACCENT)],
        unit="",
        top=125,
        ticks=[0, 30, 60, 90, 120],
    )
    # briefs/cyber/ransomware-hospitals-q3-2026.yaml, "The quarter in numbers".
    attacks = [
        ("Germany", 11, 14, 7),
        ("France", 8, 9, 4),
        ("Italy", 6, 8, 3),
        ("Spain", 5, 6, 3),
        ("Other EU and UK", 8, 10, 5),
        ("Total", 38, 47, 22),
    ]
    bar_chart(
        cyber / "hospital-attacks-by-quarter.png",
        "Ransomware attacks on European hospitals",
        "Confirmed attacks per quarter, and those in Q3 that began at a supplier.",
        [(name, [q2, q3, sup]) for name, q2, q3, sup in attacks],
        [("Q2 2026", GREY), ("Q3 2026", ACCENT), ("Q3, began at a supplier", (60, 60, 60))],
        unit="",
        top=50,
        ticks=[0, 10, 20, 30, 40, 50],
    )
    terminal_at_dusk(energy / "lng-carrier-at-dusk.jpg")
    for made in sorted([*energy.iterdir(), *cyber.iterdir()]):
        print(f"{made.relative_to(ROOT)}: {made.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
