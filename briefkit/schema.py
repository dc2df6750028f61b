"""The brief format, version 1, as pydantic models: the validating edge.

These models describe YAML input.  ``briefkit.load`` turns a validated
``BriefIn`` into the frozen ``briefkit.model.Brief``; nothing past the
loader sees these classes.  Custom errors carry stable codes as their
pydantic error type.
"""

from __future__ import annotations

import difflib
import enum
import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from briefkit.model import Confidence, Kind, Status, Tlp

FORMAT_VERSION = 1
SCHEMA_ID = "https://briefkit.invalid/schema/brief-v1.json"

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
            raise PydanticCustomError("invalid-date", "invalid date '{text}'", {"text": text, "hint": _DATE_HINT}) from None
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
    if need_time and not isinstance(parsed, datetime):
        raise PydanticCustomError(
            "naive-datetime",
            "'{text}' needs a time and a UTC offset",
            {"text": str(value), "hint": f"for example {parsed.isoformat()}T09:00:00+00:00"},
        )
    return parsed


_MOMENT_SCHEMA = {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]}
Moment = Annotated[date | datetime, BeforeValidator(_parse_moment), WithJsonSchema(_MOMENT_SCHEMA)]
Instant = Annotated[
    datetime,
    BeforeValidator(lambda v: _parse_moment(v, need_time=True)),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
Day = Annotated[
    date | datetime,
    BeforeValidator(_parse_moment),
    WithJsonSchema({"type": "string", "format": "date"}),
]


def _text(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        # Named like pydantic's own error so the loader words it the same way.
        raise PydanticCustomError("string_type", "expected text", {"hint": "quote the value: YAML reads yes/no/on/off/null as non-text"})
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    return value


Text = Annotated[str, BeforeValidator(_text)]
NonEmpty = Annotated[str, BeforeValidator(_text), Field(min_length=1)]


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
                {"text": text, "names": ", ".join(names), "hint": hint, "field": "{field}"},
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
    value = _text(value)
    if isinstance(value, str) and not re.match(r"^https?://[^\s/?#]+\.[^\s]*$|^https?://[^\s/?#]+(/\S*)?$", value):
        raise PydanticCustomError(
            "invalid-url", "'{text}' is not an http(s) URL", {"text": value, "hint": "write the full address, starting with https://"}
        )
    return value


Url = Annotated[str, BeforeValidator(_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SourceIn(_In):
    title: NonEmpty
    url: Url | None = None
    publisher: Text = ""
    accessed: Day | None = None


class CorrectionIn(_In):
    date: Moment
    text: NonEmpty


def _listify(value: Any) -> Any:
    """``tags: NATO`` means one tag; we accept it as a list of one."""
    return [value] if isinstance(value, str) else value


def _section(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(" / ")] if " / " in value else [value.strip()]
    return value


class BriefIn(_In):
    """One brief.  Field order here is the documented order."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"$id": SCHEMA_ID, "title": "briefkit brief, format v1"},
    )

    title: Annotated[NonEmpty, Field(max_length=200, description="Plain text, one line, 1-200 characters.")]
    summary: Annotated[NonEmpty, Field(description="The standfirst: plain text, one paragraph.")]
    section: Annotated[
        list[NonEmpty],
        BeforeValidator(_section),
        Field(min_length=1, max_length=4, description="'Top / Sub / Subsub', or a list of 1-4 names."),
        WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 4}]}),
    ]
    date: Annotated[Moment, Field(description="Publication date: a date, or a datetime with an offset.")]
    tags: Annotated[
        list[NonEmpty],
        BeforeValidator(_listify),
        Field(min_length=1),
        WithJsonSchema(
            {"anyOf": [{"type": "string", "minLength": 1}, {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}]}
        ),
    ]
    body: Annotated[Text, Field(description="Markdown. Never evaluated as a template.")]
    updated: Moment | None = None
    authors: Annotated[
        list[NonEmpty],
        BeforeValidator(_listify),
        WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, {"type": "array", "items": {"type": "string", "minLength": 1}}]}),
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
    bluf: Text = ""
    key_points: list[NonEmpty] = []
    confidence: ConfidenceField | None = None
    sources: list[SourceIn] = []
    corrections: list[CorrectionIn] = []
    featured: bool = False

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
    description: Text = ""
    aliases: Annotated[list[NonEmpty], BeforeValidator(_listify)] = []


class AuthorIn(_In):
    name: NonEmpty
    url: Url | None = None
    bio: Text = ""


def json_schema() -> dict[str, Any]:
    schema = BriefIn.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
