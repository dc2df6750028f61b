"""Properties over any Unicode: check refuses it, or every feed built from it is well-formed XML.

Building a site per example would take seconds, so these drive briefkit's
real loader and real feed renderer directly; test_hostile_build.py builds a
few whole sites.  Example counts keep this file well under a minute.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.etree
from hostiletools import BASE, render_feed_files, yaml_string
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from briefkit.common import limits
from briefkit.common.slugs import slugify
from briefkit.config import Config
from briefkit.model import Author, Brief, Section, Tag, instant
from briefkit.source.load import load_sources
from briefkit.source.schema import Moment
from briefkit.web.meta import iso

ANY_CHAR = st.characters(codec=None, exclude_categories=())  # surrogates, controls and non-characters included
ANY_TEXT = st.text(ANY_CHAR, max_size=40)
# Where the text goes: (field, how it is written around the generated scalar).
TEXT_FIELDS = {
    "title": "{}",
    "summary": "{}",
    "section": "[Europe, {}]",
    "tags": "[NATO, {}]",
    "authors": "[{}]",
    "body": "{}",
    "bluf": "{}",
    "key_points": "[{}]",
    "sources": "[{{title: {}, publisher: {}}}]",
    "corrections": "[{{date: 2026-11-21, text: {}}}]",
}
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _xml_ok(files: dict[str, bytes]) -> None:
    assert "feed.xml" in files
    for name, data in files.items():
        root = lxml.etree.fromstring(data, lxml.etree.XMLParser(recover=False))  # raises when ill-formed
        assert root.tag == "{http://www.w3.org/2005/Atom}feed", name


@FAST
@given(field=st.sampled_from(sorted(TEXT_FIELDS)), text=ANY_TEXT)
def test_any_text_in_any_field_is_refused_or_gives_well_formed_feeds(tmp_path: Path, field: str, text: str) -> None:
    scalar = yaml_string(text)
    fields = {**BASE, field: TEXT_FIELDS[field].format(scalar, scalar)}
    raw = "".join(f"{k}: {v}\n" for k, v in fields.items()).encode("utf-8")
    config = Config(root=tmp_path, file=tmp_path / "mkdocs.yml")
    result = load_sources(config, [("briefs/h.yaml", raw)])
    if result.errors:
        for p in result.errors:  # refused: at a real position, with a stable code, no raw control character in the message
            assert p.path == "briefs/h.yaml" and p.line >= 1 and p.col >= 1
            assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", p.code)
            assert limits.bad_character(p.message) is None and limits.bad_character(p.hint) is None
        return
    (brief,) = result.corpus.briefs
    _xml_ok(render_feed_files(tmp_path, [brief]))


def _model_brief(text: str) -> Brief:
    """A brief that never went through validation: the feed writer's last defence alone must hold."""
    return Brief(
        slug="raw",
        path="briefs/raw.yaml",
        title=text or "t",
        summary=text,
        section=Section((text or "s",), ("s",)),
        date=date(2026, 11, 20),
        tags=(Tag(text or "t", "t", text),),
        body=text,
        authors=(Author("a", text or "a"),),
        bluf=text,
    )


@FAST
@given(text=ANY_TEXT)
def test_feeds_stay_well_formed_even_for_unvalidated_text(tmp_path: Path, text: str) -> None:
    _xml_ok(render_feed_files(tmp_path, [_model_brief(text)], site_name=text or "Desk"))


@settings(max_examples=300, deadline=None)
@given(text=ANY_TEXT)
def test_accepted_text_is_xml_text_and_xml_safe_keeps_it(text: str) -> None:
    if limits.bad_character(text) is None:
        assert limits.xml_safe(text) == text
    cleaned = limits.xml_safe(text)
    element = lxml.etree.fromstring(b"<a>" + cleaned.replace("&", "&amp;").replace("<", "&lt;").encode("utf-8") + b"</a>")
    # XML 1.0 end-of-line handling: CR LF and a lone CR both reach the parsed text as one LF.
    assert (element.text or "") == cleaned.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=300, deadline=None)
@given(text=st.text(ANY_CHAR.filter(lambda c: not 0xD800 <= ord(c) <= 0xDFFF), max_size=400))
def test_slugs_always_make_file_names(text: str) -> None:
    slug = slugify(text)
    assert re.fullmatch(r"[a-z0-9-]*", slug)
    assert len(slug) <= limits.SLUG_CHARS
    assert slugify(text) == slug


def test_long_names_keep_distinct_slugs() -> None:
    a, b = slugify("x" * 300 + "a"), slugify("x" * 300 + "b")
    assert a != b and len(a) == len(b) == limits.SLUG_CHARS
    assert slugify("Short name") == "short-name"


OFFSETS = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m)))
ZONES = [UTC, ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Etc/GMT+12"), ZoneInfo("America/St_Johns")]


@settings(max_examples=300, deadline=None)
@given(moment=st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)), offset=OFFSETS, as_date=st.booleans())
def test_every_accepted_date_converts_in_every_zone(moment: datetime, offset: timezone, as_date: bool) -> None:
    text = moment.date().isoformat() if as_date else moment.replace(tzinfo=offset).isoformat()
    try:
        value = TypeAdapter(Moment).validate_python(text)
    except ValidationError as exc:
        (err,) = exc.errors()
        assert err["type"] == "date-out-of-range"
        assert not limits.MIN_DATE <= moment.date() <= limits.MAX_DATE
        return
    for tz in ZONES:  # everything the build does with a date: UTC, local time, end of day, ISO text
        instant(value, tz).astimezone(UTC).astimezone(tz)
        instant(value, tz, end_of_day=True).astimezone(UTC)
        iso(value, tz)
