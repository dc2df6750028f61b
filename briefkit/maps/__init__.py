"""Places and locator maps: ISO 3166-1 countries by code, and small SVG maps made from shipped country outlines.

Nothing here knows about briefs, pages or engines: :mod:`briefkit.maps.countries`
turns what an editor writes into alpha-2 codes and English names (pycountry),
:mod:`briefkit.maps.topo` reads the shipped Natural Earth outlines, and
:mod:`briefkit.maps.locator` draws them as SVG.  Source, content, web and print
all use it; it uses only :mod:`briefkit.common` below it.
"""
