"""The brief format, version 1, as pydantic models: the validating edge.

These models describe YAML input.  ``briefkit.source.load`` turns a validated
``BriefIn`` into the frozen ``briefkit.model.Brief``; nothing past the
loader sees these classes.  Custom errors carry stable codes as their
pydantic error type.
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
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from briefkit.common import limits
from briefkit.common.limits import bad_character, shown
from briefkit.model import Confidence, Kind, Status, Tlp

FORMAT_VERSION = 1
SCHEMA_ID = "https://briefkit.invalid/schema/brief-v1.json"

PLACEHOLDER = "TODO:"
"""``brief new`` starts every text it cannot know with this; such text must not go public (rules.placeholders)."""
PLACEHOLDER_FIELDS = ("title", "summary", "bluf", "body")

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


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SourceIn(_In):
    title: SourceTitle
    url: Url | None = None
    publisher: Publisher = ""
    accessed: Day | None = None


class CorrectionIn(_In):
    date: Moment
    text: Paragraph


def _listify(value: Any) -> Any:
    """``tags: NATO`` means one tag; we accept it as a list of one."""
    return [value] if isinstance(value, str) else value


def _section(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(" / ")] if " / " in value else [value.strip()]
    return value


# The loader's rules on text, as JSON Schema (ECMAScript) patterns, for editors and CI validators.
_TITLE_SCHEMA = {"type": "string", "minLength": 1, "maxLength": 200, "pattern": r"^\s*[^\n]*\S[^\n]*\s*$"}
_BLANK_LINE = r"\S\s*\n\s*\n\s*\S"
"""A blank line between two bits of text: the summary must not have one."""
_SECTION_PART = r"(?:(?! / )[\s\S])*?\S(?:(?! / )[\s\S])*"
_SECTION_PATH = rf"^{_SECTION_PART}(?: / {_SECTION_PART}){{0,{limits.MAX_SECTION_LEVELS - 1}}}$"
"""'Top / Sub': one to four names, each with a character that is not a space."""


_TitleField = Annotated[
    str,
    BeforeValidator(_line),
    Field(min_length=1, max_length=limits.TITLE_CHARS, description=f"Plain text, one line, 1-{limits.TITLE_CHARS} characters."),
    WithJsonSchema({**_TITLE_SCHEMA, "maxLength": limits.TITLE_CHARS}),
]


class TearlineIn(_In):
    """A releasable version of the brief at a lower label (docs/editions.md)."""

    handling: Annotated[TlpField, WithJsonSchema({"type": "string", "enum": [t.value for t in Tlp]})]
    title: _TitleField
    summary: Annotated[
        Paragraph,
        WithJsonSchema({**_NOT_BLANK, "maxLength": limits.SUMMARY_CHARS, "not": {"pattern": _BLANK_LINE}}),
    ]
    body: Annotated[Text, Field(min_length=1, description="Markdown. Never evaluated as a template."), WithJsonSchema(_NOT_BLANK)]
    key_points: Annotated[list[Point], Field(max_length=limits.MAX_KEY_POINTS)] = []

    @field_validator("title")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if "\n" in value:
            raise PydanticCustomError("title-multiline", "title must be one line", {"hint": "move the rest into the summary"})
        return value

    @field_validator("summary")
    @classmethod
    def _one_paragraph(cls, value: str) -> str:
        if re.search(r"\n\s*\n", value):
            raise PydanticCustomError("summary-paragraphs", "summary must be one paragraph", {"hint": "move the rest into the body"})
        return value


class BriefIn(_In):
    """One brief.  Field order here is the documented order."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"$id": SCHEMA_ID, "title": "briefkit brief, format v1"},
    )

    title: Annotated[
        str,
        BeforeValidator(_line),
        Field(min_length=1, max_length=limits.TITLE_CHARS, description=f"Plain text, one line, 1-{limits.TITLE_CHARS} characters."),
        WithJsonSchema({**_TITLE_SCHEMA, "maxLength": limits.TITLE_CHARS}),
    ]
    summary: Annotated[
        Paragraph,
        Field(description="The standfirst: plain text, one paragraph."),
        WithJsonSchema({**_NOT_BLANK, "maxLength": limits.SUMMARY_CHARS, "not": {"pattern": _BLANK_LINE}}),
    ]
    section: Annotated[
        list[Name],
        BeforeValidator(_section),
        Field(
            min_length=1,
            max_length=limits.MAX_SECTION_LEVELS,
            description=f"'Top / Sub / Subsub', or a list of 1-{limits.MAX_SECTION_LEVELS} names.",
        ),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "string", "pattern": _SECTION_PATH},
                    {"type": "array", "items": _NAME_SCHEMA, "minItems": 1, "maxItems": limits.MAX_SECTION_LEVELS},
                ]
            }
        ),
    ]
    date: Annotated[Moment, Field(description="Publication date: a date, or a datetime with an offset.")]
    tags: Annotated[
        list[Name],
        BeforeValidator(_listify),
        Field(min_length=1, max_length=limits.MAX_TAGS),
        WithJsonSchema({"anyOf": [_NAME_SCHEMA, {"type": "array", "items": _NAME_SCHEMA, "minItems": 1, "maxItems": limits.MAX_TAGS}]}),
    ]
    body: Annotated[Text, Field(description="Markdown. Never evaluated as a template."), WithJsonSchema(_NOT_BLANK)]
    updated: Moment | None = None
    authors: Annotated[
        list[Name],
        BeforeValidator(_listify),
        Field(max_length=limits.MAX_AUTHORS),
        WithJsonSchema({"anyOf": [_NAME_SCHEMA, {"type": "array", "items": _NAME_SCHEMA, "maxItems": limits.MAX_AUTHORS}]}),
    ] = []
    kind: KindField = Kind.NEWS
    status: StatusField = Status.DRAFT
    publish_at: Annotated[Instant | None, Field(description="Embargo: a datetime with an offset.")] = None
    expires: Moment | None = None
    handling: Annotated[
        TlpField | None,
        WithJsonSchema(
            {
                "type": "string",
                "enum": [t.value for t in Tlp],
                "description": "Handling label. Without one, the site's default_handling applies; with neither, the brief is never public.",
            }
        ),
    ] = None
    """None: the site's default_handling applies; without one the brief is never public (load._handling)."""
    bluf: Description = ""
    key_points: Annotated[list[Point], Field(max_length=limits.MAX_KEY_POINTS)] = []
    confidence: ConfidenceField | None = None
    sources: Annotated[list[SourceIn], Field(max_length=limits.MAX_SOURCES)] = []
    corrections: Annotated[list[CorrectionIn], Field(max_length=limits.MAX_CORRECTIONS)] = []
    featured: Flag = False
    tearlines: Annotated[
        list[TearlineIn],
        Field(max_length=4, description="Releasable versions at lower labels, each below the brief's own (docs/editions.md)."),
    ] = []

    @field_validator("title")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if "\n" in value:
            raise PydanticCustomError("title-multiline", "title must be one line", {"hint": "move the rest into the summary"})
        return value

    @field_validator("summary")
    @classmethod
    def _one_paragraph(cls, value: str) -> str:
        if re.search(r"\n\s*\n", value):
            raise PydanticCustomError("summary-paragraphs", "summary must be one paragraph", {"hint": "move the rest into the body"})
        return value

    @field_validator("body")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("empty-body", "body is empty", {"hint": "write the story in Markdown under 'body: |'"})
        return value


FIELDS = tuple(BriefIn.model_fields)
REQUIRED = tuple(name for name, f in BriefIn.model_fields.items() if f.is_required())


class TagIn(_In):
    description: Description = ""
    aliases: Annotated[list[Name], BeforeValidator(_listify), Field(max_length=limits.MAX_ALIASES)] = []


class AuthorIn(_In):
    name: Name
    url: Url | None = None
    bio: Description = ""


def schema_text(schema: dict[str, Any]) -> str:
    """The schema as written to schema/brief.schema.json and printed by ``brief schema``."""
    import json

    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def json_schema() -> dict[str, Any]:
    """The brief format as JSON Schema, with the loader's rules that it can express (checked in tests/firsttry)."""
    schema = BriefIn.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    not_placeholder = {"not": {"pattern": rf"^\s*{PLACEHOLDER}"}}
    schema["allOf"] = [
        {  # rules.py: published-no-author
            "if": {"properties": {"status": {"const": "published"}}, "required": ["status"]},
            "then": {
                "required": ["authors"],
                "properties": {"authors": {"anyOf": [{"type": "string"}, {"type": "array", "minItems": 1}]}},
            },
        },
        {  # rules.py: placeholder-text
            "if": {"properties": {"status": {"enum": ["approved", "published"]}}, "required": ["status"]},
            "then": {
                "properties": {
                    **{name: not_placeholder for name in PLACEHOLDER_FIELDS},
                    "key_points": {"items": not_placeholder},
                }
            },
        },
    ]
    return schema
