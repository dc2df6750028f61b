"""The brief format, version 1, as pydantic models: the validating edge.

These models describe YAML input.  ``briefkit.source.load`` turns a validated
``BriefIn`` into the frozen ``briefkit.model.Brief``; nothing past the
loader sees these classes.  Custom errors carry stable codes as their
pydantic error type.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from briefkit.common import limits
from briefkit.model import Kind, Status, Tlp
from briefkit.source.fieldtypes import (
    _NAME_SCHEMA,
    _NOT_BLANK,
    ConfidenceField,
    Day,
    Description,
    Flag,
    Instant,
    KindField,
    Moment,
    Name,
    Paragraph,
    Point,
    Publisher,
    SourceTitle,
    StatusField,
    Text,
    TlpField,
    Url,
    _line,
    _text,
)
from briefkit.source.places import Places

FORMAT_VERSION = 1
SCHEMA_ID = "https://briefkit.invalid/schema/brief-v1.json"

PLACEHOLDER = "TODO:"
"""``brief new`` starts every text it cannot know with this; such text must not go public (rules.placeholders)."""
PLACEHOLDER_FIELDS = ("title", "summary", "bluf", "body")


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


class ImageIn(_In):
    """A lead image (docs/images.md): a file in the site, with the text that stands for it."""

    src: Annotated[
        str,
        BeforeValidator(_line),
        Field(min_length=1, max_length=limits.URL_CHARS, description="A file in the site, relative to the brief's folder or /-rooted."),
    ]
    alt: Annotated[str, BeforeValidator(_line), Field(max_length=limits.POINT_CHARS, description="What the image shows.")]
    caption: Annotated[str, BeforeValidator(_text), Field(max_length=limits.SUMMARY_CHARS)] = ""
    credit: Annotated[str, BeforeValidator(_line), Field(max_length=limits.NAME_CHARS * 2)] = ""
    decorative: Flag = False


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


class _Headed(_In):
    """A title of one line and a summary of one paragraph: the brief's and each tearline's."""

    @field_validator("title", check_fields=False)
    @classmethod
    def _one_line(cls, value: str) -> str:
        if "\n" in value:
            raise PydanticCustomError("title-multiline", "title must be one line", {"hint": "move the rest into the summary"})
        return value

    @field_validator("summary", check_fields=False)
    @classmethod
    def _one_paragraph(cls, value: str) -> str:
        if re.search(r"\n\s*\n", value):
            raise PydanticCustomError("summary-paragraphs", "summary must be one paragraph", {"hint": "move the rest into the body"})
        return value


class TearlineIn(_Headed):
    """A releasable version of the brief at a lower label (docs/editions.md)."""

    handling: Annotated[TlpField, WithJsonSchema({"type": "string", "enum": [t.value for t in Tlp]})]
    title: _TitleField
    summary: Annotated[
        Paragraph,
        WithJsonSchema({**_NOT_BLANK, "maxLength": limits.SUMMARY_CHARS, "not": {"pattern": _BLANK_LINE}}),
    ]
    body: Annotated[Text, Field(min_length=1, description="Markdown. Never evaluated as a template."), WithJsonSchema(_NOT_BLANK)]
    key_points: Annotated[list[Point], Field(max_length=limits.MAX_KEY_POINTS)] = []


class BriefIn(_Headed):
    """One brief.  Field order here is the documented order."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"$id": SCHEMA_ID, "title": "briefkit brief, format v1"},
    )

    title: _TitleField
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
    places: Places = []
    image: Annotated[ImageIn | None, Field(description="The lead image (docs/images.md).")] = None

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
