"""The shipped country outlines: Natural Earth 1:110m as TopoJSON (``data/countries-110m.json``), decoded once per process.

TopoJSON stores shared borders once, as *arcs* of quantized points, each
point after the first a delta from the one before.  A polygon's ring is a
list of arc indexes; a negative index ``~i`` means arc ``i`` reversed.  The
file's ``transform`` turns quantized points back into degrees.  That is the
whole format as world-atlas uses it (topojson-specification, sections 2.1.2
to 2.2.4), so it is decoded here rather than with a dependency.

Countries too small for 1:110m have a point instead (``data/points.json``).
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any

Point = tuple[float, float]
"""(longitude, latitude) in degrees."""
Ring = tuple[Point, ...]
Box = tuple[float, float, float, float]
"""(west, south, east, north) in degrees."""


@dataclass(frozen=True)
class Outline:
    """One country's outline: rings (each closed) in degrees, and the bounding box of each ring."""

    numeric: str
    """ISO 3166-1 numeric (``"056"``), or '' for the few areas Natural Earth gives without one."""
    rings: tuple[Ring, ...]
    areas: tuple[float, ...]
    """Each ring's area in square degrees, scaled by cos(latitude) (enough to tell a mainland from its islands)."""
    boxes: tuple[Box, ...]
    """Each ring's bounding box."""


@dataclass(frozen=True)
class Atlas:
    outlines: tuple[Outline, ...]
    by_numeric: dict[str, Outline]
    points: dict[str, Point]
    """A point per alpha-2 code for countries with no outline at this scale."""
    digest: str
    """SHA-256 of the data files: part of every map's identity."""


def _data(name: str) -> bytes:
    return resources.files("briefkit.maps").joinpath("data", name).read_bytes()


def decode_arcs(arcs: list[list[list[int]]], transform: dict[str, list[float]] | None) -> list[list[Point]]:
    """Each arc's points in degrees: delta-decoded and transformed when the topology is quantized."""
    out: list[list[Point]] = []
    if transform is None:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in arcs]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    for arc in arcs:
        x = y = 0
        points: list[Point] = []
        for p in arc:
            x += p[0]
            y += p[1]
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def ring_points(indexes: list[int], arcs: list[list[Point]]) -> Ring:
    """A ring from its arcs: ``~i`` is arc ``i`` reversed; each arc after the first drops its first point (the last one's end)."""
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return _unwrapped(points)


def _unwrapped(points: list[Point]) -> Ring:
    """The ring without jumps at the antimeridian: a step of more than 180° of longitude goes the short way round.

    Natural Earth's Russia, Fiji and Antarctica step from 180° to -180° and
    back; drawn as they are, each step would be a line across the whole map.
    Unwrapped, Russia's ring runs from 27°E to 190°E (Chukotka), and a view
    can be fitted to it.
    """
    out: list[Point] = []
    offset = 0.0
    for i, (lon, lat) in enumerate(points):
        if i:
            step = lon + offset - out[-1][0]
            if step > 180:
                offset -= 360
            elif step < -180:
                offset += 360
        out.append((lon + offset, lat))
    return tuple(out)


def ring_area(ring: Ring) -> float:
    """Shoelace area in square degrees, longitudes shrunk by cos(latitude): a rough but fair size for comparing parts."""
    if len(ring) < 3:
        return 0.0
    lat = sum(p[1] for p in ring) / len(ring)
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2 * math.cos(math.radians(lat))


def _outline(geometry: dict[str, Any], arcs: list[list[Point]]) -> Outline:
    kind = geometry.get("type")
    polygons = [geometry["arcs"]] if kind == "Polygon" else geometry.get("arcs", []) if kind == "MultiPolygon" else []
    rings = tuple(ring_points(ring, arcs) for polygon in polygons for ring in polygon)
    return Outline(str(geometry.get("id") or ""), rings, tuple(ring_area(r) for r in rings), tuple(bounds(r) for r in rings))


def bounds(ring: Ring) -> Box:
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return (min(lons), min(lats), max(lons), max(lats))


def read_topology(data: dict[str, Any], name: str = "countries") -> list[Outline]:
    """The outlines of one geometry collection of a TopoJSON topology."""
    arcs = decode_arcs(data["arcs"], data.get("transform"))
    return [_outline(g, arcs) for g in data["objects"][name]["geometries"]]


@functools.cache
def atlas() -> Atlas:
    """The shipped outlines and points, read once per process."""
    import hashlib

    raw, points_raw = _data("countries-110m.json"), _data("points.json")
    outlines = tuple(read_topology(json.loads(raw)))
    points = {code: (float(p[0]), float(p[1])) for code, p in json.loads(points_raw).items()}
    digest = hashlib.sha256(raw + b"\0" + points_raw).hexdigest()
    return Atlas(outlines, {o.numeric: o for o in outlines if o.numeric}, points, digest)
