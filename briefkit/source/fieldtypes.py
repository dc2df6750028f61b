"""The value types of brief fields: dates and times, one-line and multi-line text, names, flags, choices, URLs.

Each is an annotated type that pydantic validates and that writes its own
JSON Schema, so ``brief check`` and the editor's schema agree.  Custom
errors carry stable codes as their pydantic error type.
"""

from __future__ import annotations

import difflib
import enum
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

from annotated_types import GroupedMetadata, MaxLen, MinLen
from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from briefkit.common import limits
from briefkit.common.limits import bad_character, shown
from briefkit.model import Confidence, Kind, Status, Tlp

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_HINT = "write YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS+HH:MM (or Z for UTC)"


def _parse_moment(value: Any, *, need_time: bool = False) -> date | datetime:
    if isinstance(value, datetime):
        parsed: date | datetime = value
    elif isinstance(value, date):
        parsed = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            parsed = date.fromisoformat(text) if _DATE_RE.match(text) else datetime.fromisoformat(text)
        except ValueError:
            raise PydanticCustomError("invalid-date", "invalid date '{text}'", {"text": shown(text), "hint": _DATE_HINT}) from None
    else:
        raise PydanticCustomError("invalid-date", "expected a date, got {kind}", {"kind": type(value).__name__, "hint": _DATE_HINT})
    if isinstance(parsed, datetime) and parsed.tzinfo is None:
        raise PydanticCustomError(
            "naive-datetime",
            "datetime '{text}' has no UTC offset",
            {
                "text": str(value),
                "hint": f"add one, for example {parsed.strftime('%Y-%m-%dT%H:%M')}+00:00 or {parsed.strftime('%Y-%m-%dT%H:%M')}Z",
            },
        )
    day = parsed.date() if isinstance(parsed, datetime) else parsed
    if not limits.MIN_DATE <= day <= limits.MAX_DATE:
        # Outside this range, converting to UTC or to the site's time zone can overflow.
        raise PydanticCustomError(
            "date-out-of-range",
            "date '{text}' is outside the supported range {low} to {high}",
            {"text": shown(str(value)), "low": limits.MIN_DATE.isoformat(), "high": limits.MAX_DATE.isoformat(), "hint": "check the year"},
        )
    if need_time and not isinstance(parsed, datetime):
        raise PydanticCustomError(
            "naive-datetime",
            "'{text}' needs a time and a UTC offset",
            {"text": str(value), "hint": f"for example {parsed.isoformat()}T09:00:00+00:00"},
        )
    return parsed


_YEARS = {"pattern": "^(19|2[0-9])[0-9][0-9]-"}
"""Years 1900-2999 (limits.MIN_DATE to MAX_DATE), for editors that check the JSON Schema."""
_MOMENT_SCHEMA = {"anyOf": [{"type": "string", "format": "date", **_YEARS}, {"type": "string", "format": "date-time", **_YEARS}]}
Moment = Annotated[date | datetime, BeforeValidator(_parse_moment), WithJsonSchema(_MOMENT_SCHEMA)]
Instant = Annotated[
    datetime,
    BeforeValidator(lambda v: _parse_moment(v, need_time=True)),
    WithJsonSchema({"type": "string", "format": "date-time", **_YEARS}),
]
Day = Annotated[
    date | datetime,
    BeforeValidator(_parse_moment),
    WithJsonSchema({"type": "string", "format": "date", **_YEARS}),
]


def _text(value: Any, *, one_line: bool = False) -> Any:
    if isinstance(value, bool) or value is None:
        # Named like pydantic's own error so the loader words it the same way.
        raise PydanticCustomError("string_type", "expected text", {"hint": "quote the value: YAML reads true, false and null as non-text"})
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("string_type", "expected text", {"hint": "quote the value: YAML reads .nan and .inf as numbers"})
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        # Before stripping: str.strip() would silently drop some controls (U+001C-U+001F, U+0085).
        bad = bad_character(value, one_line=one_line)
        if bad is not None:
            raise PydanticCustomError(
                "bad-character",
                "'{field}' contains {what} at character {index}",
                {"field": "{field}", "what": bad[1], "index": bad[0] + 1, "hint": "delete it; it cannot be shown or written to feeds"},
            )
        return value.strip()
    return value


def _line(value: Any) -> Any:
    return _text(value, one_line=True)


Text = Annotated[str, BeforeValidator(_text)]
_NOT_BLANK = {"type": "string", "minLength": 1, "pattern": r"\S"}
"""What JSON Schema can say of a stripped, non-empty text: it has a character that is not a space."""
_NAME_SCHEMA = {**_NOT_BLANK, "maxLength": limits.NAME_CHARS}


@dataclass(frozen=True)
class _Filled(GroupedMetadata):
    """1 to ``max_chars`` characters, one of them not a space: for pydantic, and the same for JSON Schema."""

    max_chars: int

    def __iter__(self) -> Iterator[object]:
        yield from (MinLen(1), MaxLen(self.max_chars), WithJsonSchema({**_NOT_BLANK, "maxLength": self.max_chars}))


# The limits of briefkit.common.limits, one type per kind of text.
Name = Annotated[str, BeforeValidator(_line), _Filled(limits.NAME_CHARS)]
"""A section level, tag, author or alias: one line, 1-100 characters."""
SourceTitle = Annotated[str, BeforeValidator(_line), _Filled(limits.POINT_CHARS)]
Publisher = Annotated[str, BeforeValidator(_line), Field(max_length=limits.PUBLISHER_CHARS)]
Point = Annotated[str, BeforeValidator(_text), _Filled(limits.POINT_CHARS)]
Paragraph = Annotated[str, BeforeValidator(_text), _Filled(limits.SUMMARY_CHARS)]
Description = Annotated[str, BeforeValidator(_text), Field(max_length=limits.DESCRIPTION_CHARS)]


def _bool(value: Any) -> Any:
    """Only YAML's true and false: never the text "yes", "off", "0", nor the number 1."""
    if isinstance(value, bool):
        return value
    raise PydanticCustomError(
        "bool_type", "expected true or false", {"hint": "write true or false, unquoted (yes, no, on and off are text in YAML 1.2)"}
    )


Flag = Annotated[bool, BeforeValidator(_bool), WithJsonSchema({"type": "boolean"})]


def _choice(enum_type: type[enum.Enum], code: str) -> Any:
    names = [m.value for m in enum_type]

    def check(value: Any) -> Any:
        if isinstance(value, enum_type):
            return value
        if isinstance(value, str):
            text = value.strip()
            for member in enum_type:
                if member.value == text:
                    return member
            hint = ""
            lowered = {m.value.lower().replace(" ", ""): m.value for m in enum_type}
            key = text.lower().replace(" ", "")
            if key in lowered:
                hint = f"write it exactly as '{lowered[key]}'"
            elif enum_type is Tlp and key.upper().removeprefix("TLP:") == "WHITE":
                hint = "TLP 2.0 renamed TLP:WHITE to 'TLP:CLEAR'"
            elif enum_type is Tlp and "TLP:" + key.upper() in names:
                hint = f"write it with the prefix: 'TLP:{key.upper()}'"
            else:
                close = difflib.get_close_matches(text, names, n=1, cutoff=0.6)
                if close:
                    hint = f"did you mean '{close[0]}'?"
            raise PydanticCustomError(
                code,
                "invalid {field} '{text}'; expected one of {names}",
                {"text": shown(text), "names": ", ".join(names), "hint": hint, "field": "{field}"},
            )
        raise PydanticCustomError(code, "expected one of {names}", {"names": ", ".join(names), "field": ""})

    return Annotated[enum_type, BeforeValidator(check), WithJsonSchema({"type": "string", "enum": names})]


if TYPE_CHECKING:  # mypy sees the enums; pydantic sees the friendly validators
    StatusField = Status
    KindField = Kind
    ConfidenceField = Confidence
    TlpField = Tlp
else:
    StatusField = _choice(Status, "invalid-choice")
    KindField = _choice(Kind, "invalid-choice")
    ConfidenceField = _choice(Confidence, "invalid-choice")
    TlpField = _choice(Tlp, "invalid-tlp")


def _url(value: Any) -> Any:
    value = _line(value)
    if isinstance(value, str) and not re.match(r"^https?://[^\s/?#]+\.[^\s]*$|^https?://[^\s/?#]+(/\S*)?$", value):
        raise PydanticCustomError(
            "invalid-url",
            "'{text}' is not an http(s) URL",
            {"text": shown(value), "hint": "write the full address, starting with https://"},
        )
    return value


Url = Annotated[
    str,
    BeforeValidator(_url),
    Field(max_length=limits.URL_CHARS),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://", "maxLength": limits.URL_CHARS}),
]
