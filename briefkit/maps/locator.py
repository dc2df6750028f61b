"""Locator maps: a small SVG of the world's countries with some highlighted, the view fitted to them.

Made at build time from the shipped outlines (:mod:`briefkit.maps.topo`): no
tiles, no script, no request, nothing outside the ``<svg>`` element.  The
projection is equirectangular with longitudes shrunk by the cosine of the
view's middle latitude, which is faithful enough at a locator's scale.

The view:

* covers each highlighted country's main parts (rings of at least a quarter of
  its largest ring's area: France without French Guiana, the United States
  without Hawaii), over the shortest run of longitudes, so a view may cross the
  antimeridian (Russia's Chukotka, Fiji) without spanning the globe;
* is padded, at least :data:`MIN_SPAN` degrees each way (so a small country
  shows its neighbours), and between 4:3 and 2:1 wide.

A country too small for the 1:110m outlines is drawn as a ring marker at its
centre; one merely small at the view's scale gets the ring too, on maps of a
few places (:data:`MARKED`).

The same codes give the same bytes: coordinates are rounded to a tenth of a
unit of a 640-unit-wide view box, and every name is escaped.
"""

from __future__ import annotations

import functools
import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefkit.maps.countries import Place, place
from briefkit.maps.topo import Atlas, Box, Ring, atlas

WIDTH = 640
"""View box width in SVG units; the height follows from the view's shape."""
MIN_SPAN = 14.0
"""The least the view shows, in degrees of latitude (and the same width, in shrunk longitude)."""
MAIN_PART = 0.25
"""A ring at least this share of a country's largest ring counts towards the view."""
SMALL = 0.04
"""A country whose main parts span less than this share of the view's width also gets a marker."""
ASPECT = (4 / 3, 2.0)
MARKED = 4
"""Small outlined countries get a ring only on maps of at most this many places (an overview would be all rings)."""

SEA, LAND, BORDER, PLACE = "#e4ebf0", "#d8d4cb", "#ffffff", "#b3121d"
"""Fills as presentation attributes, so the map looks the same on the web, in feeds and in print without a stylesheet."""


@dataclass(frozen=True)
class _Target:
    place: Place
    box: Box
    """The bounding box of the country's main parts (a point's box has no size)."""
    numeric: str
    """The outline to highlight, or '' for a country drawn only as a marker."""


@dataclass(frozen=True)
class _View:
    west: float
    north: float
    k: float
    """cos(middle latitude): how much a degree of longitude is shrunk."""
    scale: float
    width: int
    height: int

    def x(self, lon: float) -> float:
        return (lon - self.west) * self.k * self.scale

    def y(self, lat: float) -> float:
        return (self.north - lat) * self.scale

    @property
    def east(self) -> float:
        return self.west + self.width / (self.k * self.scale)

    @property
    def south(self) -> float:
        return self.north - self.height / self.scale


DRAWING = "locator/1"
"""Raise when the drawing changes (view, colours, markers): part of :func:`identity`, so cached PDFs are redrawn."""


def identity() -> str:
    """What every map depends on besides its codes: the drawing's version and the shipped data's digest (for cache keys)."""
    return f"{DRAWING}:{atlas().digest}"


def mappable(codes: Iterable[str]) -> list[Place]:
    """The places among ``codes`` that a map can show (nearly all: see ``data/points.json``), in order, once each."""
    data = atlas()
    out: list[Place] = []
    for code in dict.fromkeys(codes):
        p = place(code)
        if _target(p, data) is not None:
            out.append(p)
    return out


def label(places: Sequence[Place]) -> str:
    """'Map showing Belgium, United Kingdom and Poland'."""
    names = [p.name for p in places]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Map showing {listed}"


@functools.lru_cache(maxsize=512)
def locator_svg(codes: tuple[str, ...]) -> str:
    """The map of ``codes`` (alpha-2) as one ``<svg>`` element, or '' when none of them can be drawn.

    Cached per process by the codes: a build draws each distinct set of places once.
    """
    data = atlas()
    targets = [t for t in (_target(place(c), data) for c in dict.fromkeys(codes)) if t is not None]
    if not targets:
        return ""
    view = _fit([t.box for t in targets])
    chosen = {t.numeric for t in targets if t.numeric}
    land: list[str] = []
    highlighted: dict[str, list[str]] = {}
    for outline in data.outlines:
        for ring, box in zip(outline.rings, outline.boxes, strict=True):
            d = _ring_path(ring, box, view)
            if not d:
                continue
            if outline.numeric in chosen:
                highlighted.setdefault(outline.numeric, []).append(d)
            else:
                land.append(d)
    text = html.escape(label([t.place for t in targets]), quote=True)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bk-map" viewBox="0 0 {view.width} {view.height}" '
        f'width="{view.width}" height="{view.height}" role="img" aria-label="{text}">',
        f"<title>{text}</title>",
        f'<rect width="{view.width}" height="{view.height}" fill="{SEA}"/>',
        f'<path class="bk-map__land" fill="{LAND}" fill-rule="evenodd" stroke="{BORDER}" stroke-width="0.6" stroke-linejoin="round" '
        f'd="{"".join(land)}"/>',
    ]
    for t in targets:
        name = html.escape(t.place.name, quote=True)
        if t.numeric in highlighted:
            parts.append(
                f'<path class="bk-map__place bk-map__place--{t.place.slug}" fill="{PLACE}" fill-rule="evenodd" stroke="{BORDER}" '
                f'stroke-width="0.6" stroke-linejoin="round" d="{"".join(highlighted.pop(t.numeric))}"><title>{name}</title></path>'
            )
        if not t.numeric or (len(targets) <= MARKED and _is_small(t.box, view)):
            cx, cy = _num(view.x((t.box[0] + t.box[2]) / 2)), _num(view.y((t.box[1] + t.box[3]) / 2))
            # A white halo under the ring keeps it visible over a highlighted neighbour (Singapore beside Malaysia).
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="9" fill="none" stroke="{BORDER}" stroke-width="5"/>')
            parts.append(
                f'<circle class="bk-map__mark bk-map__mark--{t.place.slug}" cx="{cx}" cy="{cy}" r="9" fill="none" '
                f'stroke="{PLACE}" stroke-width="2.5"><title>{name}</title></circle>'
            )
            parts.append(f'<circle class="bk-map__dot" cx="{cx}" cy="{cy}" r="2.5" fill="{PLACE}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _target(p: Place, data: Atlas) -> _Target | None:
    outline = data.by_numeric.get(p.numeric)
    if outline is not None and outline.rings:
        largest = max(outline.areas)
        boxes = [b for a, b in zip(outline.areas, outline.boxes, strict=True) if a >= largest * MAIN_PART]
        return _Target(p, _union(boxes), outline.numeric)
    point = data.points.get(p.code)
    if point is not None:
        return _Target(p, (point[0], point[1], point[0], point[1]), "")
    return None


def _union(boxes: Sequence[Box]) -> Box:
    """The boxes' union over the shortest run of longitudes (which may pass 180°: then east > 180)."""
    west, span = _shortest_arc([(b[0], b[2]) for b in boxes])
    return (west, min(b[1] for b in boxes), west + span, max(b[3] for b in boxes))


def _shortest_arc(ranges: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The shortest run of longitudes covering every (west, east) range: its west end and its length in degrees."""
    best: tuple[float, float] | None = None
    for start, _ in ranges:
        span = max((w - start) % 360 + (e - w) for w, e in ranges)
        if best is None or span < best[1] - 1e-9:
            best = (start, span)
    assert best is not None
    return best


def _fit(boxes: Sequence[Box]) -> _View:
    west, span = _shortest_arc([(b[0], b[2]) for b in boxes])
    south, north = min(b[1] for b in boxes), max(b[3] for b in boxes)
    k = max(0.2, math.cos(math.radians((south + north) / 2)))
    # In shrunk degrees: x = longitude * k, y = latitude.
    w, h = span * k, north - south
    pad = 0.12 * max(w, h) + 1.0
    w, h = max(w + 2 * pad, MIN_SPAN), max(h + 2 * pad, MIN_SPAN)
    w, h = max(w, h * ASPECT[0]), max(h, w / ASPECT[1])
    w = min(w, 360 * k)
    centre_x, centre_y = (west + span / 2) * k, (south + north) / 2
    scale = WIDTH / w
    return _View(west=(centre_x - w / 2) / k, north=centre_y + h / 2, k=k, scale=scale, width=WIDTH, height=round(h * scale))


def _ring_path(ring: Ring, box: Box, view: _View) -> str:
    """A ring as path data in view units, moved by whole turns to the view's side of the globe; '' when it is off the view."""
    middle = (view.west + view.east) / 2
    shift = 360.0 * round(((box[0] + box[2]) / 2 - middle) / 360.0)
    west, east = box[0] - shift, box[2] - shift
    if east < view.west or west > view.east or box[3] < view.south or box[1] > view.north:
        return ""
    points: list[str] = []
    last = ""
    for lon, lat in ring:
        here = f"{_num(view.x(lon - shift))} {_num(view.y(lat))}"
        if here != last:
            points.append(here)
            last = here
    if len(points) < 3:
        return ""
    return "M" + " ".join(points) + "Z"


def _is_small(box: Box, view: _View) -> bool:
    extent = max((box[2] - box[0]) * view.k, box[3] - box[1]) * view.scale
    return extent < SMALL * view.width


def _num(value: float) -> str:
    """A coordinate to one decimal, without trailing zeros or a negative zero."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
