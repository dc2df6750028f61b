"""Place listings: the briefs about each country, from the briefs a build shows, like the tag listings.

Built from :attr:`briefkit.web.pages.SiteIndex.briefs` (newest first), which
hold only what this build's audience may see: a public build's, or an
edition's (:func:`briefkit.editions.select.edition_corpus`, where a tearline
version names no places).  So a brief the audience may not see makes no
place page, no count and no feed entry.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from briefkit.maps.countries import Place, place
from briefkit.model import Brief
from briefkit.web import urls


@dataclass(frozen=True)
class PlaceListing:
    """One place and the briefs about it, newest first."""

    place: Place
    briefs: tuple[Brief, ...]

    @property
    def url(self) -> str:
        return urls.place(self.place.code)

    @property
    def feed(self) -> str:
        return urls.place_feed(self.place.code)

    @property
    def count(self) -> int:
        return len(self.briefs)


def place_listings(briefs: Sequence[Brief]) -> dict[str, PlaceListing]:
    """Every place the briefs name, by alpha-2 code, in order of name; each with its briefs in the order given."""
    members: dict[str, list[Brief]] = {}
    for b in briefs:
        for code in b.places:
            members.setdefault(code, []).append(b)
    ordered = sorted(members, key=lambda code: (place(code).name.casefold(), code))
    return {code: PlaceListing(place(code), tuple(members[code])) for code in ordered}


def places_of(brief: Brief) -> list[Place]:
    """The brief's places, in the order written."""
    return [place(code) for code in brief.places]


def related_places(listing: PlaceListing, limit: int = 12) -> list[tuple[Place, int]]:
    """Places named in the same briefs as this one, most shared first."""
    shared: Counter[str] = Counter(code for b in listing.briefs for code in b.places if code != listing.place.code)
    return [(place(code), n) for code, n in sorted(shared.items(), key=lambda kv: (-kv[1], place(kv[0]).name))[:limit]]
