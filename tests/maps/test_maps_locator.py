"""Locator maps: the SVG highlights the named countries, its view covers them, and the same codes give the same bytes."""

from __future__ import annotations

import itertools
import re

import lxml.etree
import pytest

from briefkit.maps.countries import place
from briefkit.maps.locator import locator_svg
from briefkit.maps.topo import atlas, read_topology

SVG = "{http://www.w3.org/2000/svg}"


def parse(codes: tuple[str, ...]) -> lxml.etree._Element:
    text = locator_svg(codes)
    return lxml.etree.fromstring(text.encode())


def path_points(d: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(numbers[0::2], numbers[1::2], strict=True))


def test_topojson_arcs_decode_delta_and_transform_and_reverse() -> None:
    topology = {
        "transform": {"scale": [0.5, 2.0], "translate": [10.0, -5.0]},
        "arcs": [[[0, 0], [2, 0], [0, 1]], [[2, 1], [-2, -1]]],
        "objects": {"countries": {"geometries": [{"type": "Polygon", "id": "001", "arcs": [[0, 1]]}]}},
    }
    (outline,) = read_topology(topology)
    assert outline.rings == (((10.0, -5.0), (11.0, -5.0), (11.0, -3.0), (10.0, -5.0)),)
    (reversed_outline,) = read_topology({**topology, "objects": {"countries": {"geometries": [{"type": "Polygon", "arcs": [[~1, ~0]]}]}}})
    assert reversed_outline.rings[0] == ((10.0, -5.0), (11.0, -3.0), (11.0, -5.0), (10.0, -5.0))


def test_the_map_highlights_each_named_country_and_its_view_covers_them() -> None:
    svg = parse(("BE", "GB", "PL"))
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == "Map showing Belgium, United Kingdom and Poland"
    assert svg.findtext(f"{SVG}title") == "Map showing Belgium, United Kingdom and Poland"
    x0, y0, width, height = (float(v) for v in svg.get("viewBox").split())
    for code in ("be", "gb", "pl"):
        (shape,) = svg.findall(f".//{SVG}path[@class='bk-map__place bk-map__place--{code}']")
        points = path_points(shape.get("d"))
        inside = [x0 <= x <= x0 + width and y0 <= y <= y0 + height for x, y in points]
        assert all(inside), f"{code} is not wholly in view"
    # Others are drawn muted, in one path, and no country is highlighted that was not named.
    assert len(svg.findall(f".//{SVG}path[@class='bk-map__land']")) == 1
    assert len(svg.findall(f".//{SVG}path")) == 4


def test_russia_across_the_antimeridian_is_one_view_not_the_whole_globe() -> None:
    svg = parse(("RU",))
    x0, _y0, width, _height = (float(v) for v in svg.get("viewBox").split())
    (shape,) = svg.findall(f".//{SVG}path[@class='bk-map__place bk-map__place--ru']")
    xs = [x for x, _ in path_points(shape.get("d"))]
    # Chukotka (east of 180°) is drawn beside the rest of Russia, not at the far left of the map.
    main = [x for x in xs if x0 <= x <= x0 + width]
    assert len(main) / len(xs) > 0.99
    assert max(xs) - min(xs) < width
    # The Americas' outlines are not stretched across the view: no path jumps more than half the width in one step.
    for path in svg.iter(f"{SVG}path"):
        for ring in path.get("d").split("M")[1:]:
            pts = path_points(ring.rstrip("Z"))
            assert all(abs(b[0] - a[0]) < width / 2 for a, b in itertools.pairwise(pts))


@pytest.mark.parametrize("code", ["LU", "SG", "MT"])
def test_a_small_country_gets_a_marker_in_view(code: str) -> None:
    svg = parse((code,))
    x0, y0, width, height = (float(v) for v in svg.get("viewBox").split())
    (mark,) = svg.findall(f".//{SVG}circle[@class='bk-map__mark bk-map__mark--{code.lower()}']")
    assert x0 < float(mark.get("cx")) < x0 + width and y0 < float(mark.get("cy")) < y0 + height
    assert mark.findtext(f"{SVG}title") == place(code).name


def test_every_iso_country_can_be_drawn() -> None:
    from briefkit.maps.countries import all_places

    missing = [code for code in all_places() if not locator_svg((code,))]
    assert missing == []


def test_the_same_codes_give_the_same_bytes_and_nothing_external() -> None:
    first = locator_svg(("UA", "RU", "TR"))
    locator_svg.cache_clear()
    atlas.cache_clear()
    assert locator_svg(("UA", "RU", "TR")) == first
    tree = lxml.etree.fromstring(first.encode())
    assert not tree.findall(f".//{SVG}script")
    for el in tree.iter():
        for name, value in el.attrib.items():
            assert "href" not in name and "url(" not in value and "http" not in value.replace("http://www.w3.org/2000/svg", "")


def test_names_are_escaped() -> None:
    svg = locator_svg(("CI",))  # Côte d'Ivoire
    assert "Map showing Côte d&#x27;Ivoire" in svg
    assert lxml.etree.fromstring(svg.encode()).get("aria-label") == "Map showing Côte d'Ivoire"


def test_an_overview_of_many_places_rings_only_those_without_an_outline() -> None:
    codes = ("LU", "BE", "NL", "DE", "FR", "SG")
    svg = parse(codes)
    marked = {c.get("class") for c in svg.iter(f"{SVG}circle") if c.get("class", "").startswith("bk-map__mark ")}
    assert marked == {"bk-map__mark bk-map__mark--sg"}
