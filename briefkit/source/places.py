"""The ``places:`` field: ISO 3166-1 countries, written as codes or names, kept as alpha-2 codes.

``places: [BE, GBR, Poland]`` loads as ``("BE", "GB", "PL")``.  What may be
written is :func:`briefkit.maps.countries.spellings`, exactly (the editor's JSON
Schema lists the same); anything else is an ``unknown-place`` error at the
item, with a hint.  A place named twice (``GB`` and ``United Kingdom``) is a
``duplicate-place`` warning, and counts once.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from briefkit.common.limits import shown
from briefkit.common.yamlsrc import Document
from briefkit.errors import Problem, warning
from briefkit.maps.countries import normalise, place, spellings, suggestion
from briefkit.source.fieldtypes import _line

MAX_PLACES = 30


def _place(value: Any) -> Any:
    value = _line(value)
    if not isinstance(value, str):
        return value
    code = normalise(value)
    if code is None:
        raise PydanticCustomError("unknown-place", "unknown place '{text}'", {"text": shown(value), "hint": suggestion(value)})
    return code


def _listify(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _schema() -> dict[str, Any]:
    names = sorted(spellings())
    item = {"type": "string", "enum": names}
    return {
        "description": "Countries the brief is about: ISO 3166-1 alpha-2 codes (BE, GB), alpha-3 codes or English names.",
        "anyOf": [item, {"type": "array", "items": item, "maxItems": MAX_PLACES}],
    }


PlaceCode = Annotated[str, BeforeValidator(_place)]
Places = Annotated[list[PlaceCode], BeforeValidator(_listify), Field(max_length=MAX_PLACES), WithJsonSchema(_schema())]


def distinct(codes: list[str]) -> tuple[str, ...]:
    """The codes in order, each once."""
    return tuple(dict.fromkeys(codes))


def duplicates(codes: list[str], doc: Document, path: str) -> list[Problem]:
    """A warning at each place that names one already listed."""
    found = doc.data.get("places") if isinstance(doc.data, dict) else None
    raw: list[Any] = found if isinstance(found, list) else []
    listed = bool(raw)
    seen: dict[str, int] = {}
    out = []
    for i, code in enumerate(codes):
        if code in seen:
            first = raw[seen[code]] if listed else code
            out.append(
                warning(
                    path,
                    *doc.pos(("places", i)),
                    "duplicate-place",
                    f"'{shown(str(raw[i]) if listed else code)}' is {place(code).name} ({code}), already listed as '{shown(str(first))}'",
                    "delete one of them; the brief lists each place once",
                )
            )
        else:
            seen[code] = i
    return out
