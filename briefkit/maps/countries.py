"""ISO 3166-1 countries: what an editor may write in ``places:``, and the alpha-2 code and English name it means.

An editor writes a code or a name; a brief keeps the alpha-2 code.  Accepted,
exactly as written here (so the editor's JSON Schema can list them all):

* the alpha-2 code (``BE``) or alpha-3 code (``BEL``), in capitals;
* the English name pycountry gives (``Belgium``, ``Viet Nam``), its common
  name (``Vietnam``), its official name, the short name shown on pages
  (:data:`_SHOWN`), or a usual name from :data:`_USUAL` (``UK``, ``Russia``).

Anything else is refused with a hint (:func:`suggestion`): the right spelling
when only the case differs, else the closest names.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass

import pycountry

_SHOWN = {
    # pycountry's name where it reads as a list entry ("Congo, The Democratic Republic of the") or is not the usual short name.
    "RU": "Russia",
    "BN": "Brunei",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "FM": "Micronesia",
    "PS": "Palestine",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
    "BQ": "Caribbean Netherlands",
    "SH": "Saint Helena",
    "FK": "Falkland Islands",
    "CC": "Cocos (Keeling) Islands",
}
"""Names shown on pages where pycountry's is a catalogue entry rather than the name a reader knows."""

_USUAL = {
    "UK": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "Turkey": "TR",
    "Ivory Coast": "CI",
    "Cape Verde": "CV",
    "Macedonia": "MK",
    "Swaziland": "SZ",
    "Burma": "MM",
    "Vatican": "VA",
    "East Timor": "TL",
    "Democratic Republic of the Congo": "CD",
    "United States of America": "US",
}
"""Names and codes in common use that ISO does not give (UK is reserved for GB, not assigned)."""


@dataclass(frozen=True, slots=True)
class Place:
    """A country: its ISO 3166-1 alpha-2 code (``BE``) and English name (``Belgium``)."""

    code: str
    name: str
    numeric: str = ""
    """ISO 3166-1 numeric, as three digits: the id of its outline in the shipped map data."""

    @property
    def slug(self) -> str:
        """The place's URL part: the code in lower case (``places/be/``)."""
        return self.code.lower()


@functools.cache
def all_places() -> dict[str, Place]:
    """Every ISO 3166-1 country, by alpha-2 code."""
    out: dict[str, Place] = {}
    for c in pycountry.countries:
        name = _SHOWN.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        out[c.alpha_2] = Place(c.alpha_2, name, c.numeric)
    return out


@functools.cache
def spellings() -> dict[str, str]:
    """Every accepted way to write a place, mapped to its alpha-2 code (see the module's docstring)."""
    out: dict[str, str] = {}
    for c in pycountry.countries:
        code = c.alpha_2
        for text in (c.alpha_2, c.alpha_3, c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), _SHOWN.get(code)):
            if text:
                out.setdefault(text, code)
    for text, code in _USUAL.items():
        out.setdefault(text, code)
    return out


def place(code: str) -> Place:
    """The place of an alpha-2 code that :func:`normalise` gave (KeyError for any other)."""
    return all_places()[code]


def normalise(text: str) -> str | None:
    """The alpha-2 code that ``text`` names, or None."""
    return spellings().get(text.strip())


def suggestion(text: str) -> str:
    """A hint for a place that is not known: the right case, else the closest names, else where to look."""
    key = text.strip()
    folded = {s.casefold(): s for s in spellings()}
    if key.casefold() in folded:
        right = folded[key.casefold()]
        return f"write it as '{right}'" + _named(spellings()[right], right)
    close = difflib.get_close_matches(key, list(spellings()), n=3, cutoff=0.75)
    if close:
        return "did you mean " + " or ".join(f"'{c}'{_named(spellings()[c], c)}" for c in close) + "?"
    return "write an ISO 3166-1 code such as 'BE' or 'GB', or an English country name"


def _named(code: str, written: str) -> str:
    name = place(code).name
    return "" if written in (name, code) else f" ({code}, {name})" if len(written) <= 3 else f" ({code})"
