"""Inputs that used to pass ``brief check`` and then crash or stall the build (issue 10, section 3).

Every case runs the real ``brief check`` and ``brief build`` and asserts the
exact ``path:line:col`` and code of the problem, and that no traceback or
"internal error" reaches the editor.  Before the fix these gave ValueError
(numbers over 4,300 digits), OverflowError (dates at the ends of the range),
"File name too long", ill-formed feeds, or a build of minutes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hostiletools import MKDOCS_YML, PATH, assert_clean, brief, brief_cli, position, problems, write_site

BIG = "9" * 5000


@dataclass(frozen=True)
class Case:
    fields: dict[str, str]
    line: int
    needle: str
    code: str
    files: dict[str, str | bytes] = field(default_factory=dict)
    path: str = PATH
    col_offset: int = 0
    """Added to the needle's column (a position inside a run of the same character)."""


def case(code: str, line: int, needle: str, *, path: str = PATH, files: dict[str, str | bytes] | None = None, **fields: str) -> Case:
    return Case(fields, line, needle, code, files or {}, path)


def nested(code: str, line: int, needle: str, offset: int, **fields: str) -> Case:
    return Case(fields, line, needle, code, {}, PATH, offset)


CASES = {
    # 1. Numbers: Python refuses to print an int of over 4,300 digits; NaN and infinity are not text.
    "title-5000-digits": case("number-too-long", 1, "999", title=BIG),
    "tag-5000-digits": case("number-too-long", 5, "999", tags=f"[NATO, {BIG}]"),
    "tag-negative-4400-digits": case("number-too-long", 5, "-99", tags=f"[-{'9' * 4400}]"),
    "section-long-float": case("number-too-long", 3, "111", section=f"[Europe, {'1' * 4400}.5]"),
    "title-hex-4000-digits": case("number-too-long", 1, "0x", title="0x" + "f" * 4000),
    "featured-5000-digits": case("number-too-long", 10, "999", featured=BIG),
    "title-nan": case("wrong-type", 1, ".nan", title=".nan"),
    "title-minus-inf": case("wrong-type", 1, "-.inf", title="-.inf"),
    "key-point-overflowing-float": case("wrong-type", 10, "1.0e", key_points="[1.0e+99999]"),
    "author-name-5000-digits": case(
        "number-too-long", 1, "999", path="briefs/_authors.yml", files={"briefs/_authors.yml": f"ada: {{name: {BIG}}}\n"}
    ),
    "site-name-5000-digits": case("number-too-long", 1, "999", path="mkdocs.yml", files={"mkdocs.yml": f"site_name: {BIG}\n"}),
    # 2. Dates at the ends of the range overflow when converted to UTC or local time.
    "date-9999-minus-23-59": case("date-out-of-range", 4, "9999", date="9999-12-31T23:59:00-23:59"),
    "date-0001-plus-14": case("date-out-of-range", 4, "0001", date="0001-01-01T00:00:00+14:00"),
    "date-1899": case("date-out-of-range", 4, "1899", date="1899-12-31"),
    "date-3000": case("date-out-of-range", 4, "3000", date="3000-01-01"),
    "date-quoted-9999": case("date-out-of-range", 4, '"9999', date='"9999-12-31"'),
    "updated-9999": case("date-out-of-range", 10, "9999", updated="9999-12-31"),
    "publish-at-9999": case("date-out-of-range", 10, "9999", publish_at="9999-12-31T23:59:59-23:59"),
    "expires-0001": case("date-out-of-range", 10, "0001", expires="0001-01-01"),
    "correction-9999": case("date-out-of-range", 10, "9999", corrections="[{date: 9999-12-31T00:00:00+14:00, text: Fixed.}]"),
    "source-accessed-0001": case("date-out-of-range", 10, "0001", sources="[{title: Report, accessed: 0001-01-01}]"),
    # 3. Names that become file names, and every other text, have a length limit.
    "section-300": case("too-long", 3, "xxx", section=f"[Europe, {'x' * 300}]"),
    "section-string-101-cjk": case("too-long", 3, '"', section='"' + "中" * 101 + '"'),
    "tag-300": case("too-long", 5, "xxx", tags=f"[{'x' * 300}]"),
    "author-300": case("too-long", 7, "yyy", authors=f"[{'y' * 300}]"),
    "title-201": case("too-long", 1, "TTT", title="T" * 201),
    "summary-2001": case("too-long", 2, "sss", summary="s" * 2001),
    "key-point-1001": case("too-long", 10, "kkk", key_points=f"[{'k' * 1001}]"),
    "source-title-1001": case("too-long", 10, "rrr", sources=f"[{{title: {'r' * 1001}}}]"),
    "source-url-2001": case("too-long", 10, '"https', sources='[{title: R, url: "https://example.org/' + "p" * 2000 + '"}]'),
    "correction-text-2001": case("too-long", 10, "ccc", corrections=f"[{{date: 2026-11-21, text: {'c' * 2001}}}]"),
    "bluf-2001": case("too-long", 10, "bbb", bluf="b" * 2001),
    "vocabulary-tag-300": case("too-long", 1, "zzz", path="briefs/_tags.yml", files={"briefs/_tags.yml": f"{'z' * 300}: {{}}\n"}),
    "vocabulary-alias-300": case(
        "too-long", 1, "zzz", path="briefs/_tags.yml", files={"briefs/_tags.yml": f"NATO: {{aliases: [{'z' * 300}]}}\n"}
    ),
    "author-name-300": case(
        "too-long", 1, "zzz", path="briefs/_authors.yml", files={"briefs/_authors.yml": f"ada: {{name: {'z' * 300}}}\n"}
    ),
    # ... and names that slugify to nothing cannot name a file either.
    "section-punctuation-only": case("bad-section", 3, '"%%%"', section='[Europe, "%%%"]'),
    "section-hyphens-only": case("bad-section", 3, '"---"', section='"---"'),
    "tag-combining-marks-only": case("bad-tag", 5, '"\\u0301', tags='["\\u0301\\u0301\\u0308"]'),
    "tag-zero-width-space": case("bad-tag", 5, '"\\u200b', tags='["\\u200b"]'),
    "tag-whitespace-only": case("empty-field", 5, '"   "', tags='["   "]'),
    "tag-ideographic-space-only": case("empty-field", 5, '"\\u3000"', tags='["\\u3000"]'),
    # 4. Nesting: the 33rd level is refused where it starts.
    "flow-list-400-deep": nested("yaml-too-deep", 5, "[", 32, tags="[" * 400 + "a" + "]" * 400),
    "flow-mapping-400-deep": nested("yaml-too-deep", 5, "{", 32 * 4, tags="{a: " * 400 + "b" + "}" * 400),
    "flow-list-100000-deep": nested("yaml-too-deep", 5, "[", 999, tags="[" * 100_000 + "]" * 100_000),
    "block-mappings-400-deep": case(
        "yaml-too-deep", 43, "k", sources="\n" + "".join("  " * i + "k:\n" for i in range(1, 400)).rstrip("\n")
    ),
    "vocabulary-400-deep": Case(
        {}, 1, "[", "yaml-too-deep", {"briefs/_tags.yml": "NATO: " + "[" * 400 + "]" * 400 + "\n"}, "briefs/_tags.yml", 32
    ),
    "config-400-deep": Case(
        {}, MKDOCS_YML.count("\n") + 1, "[", "yaml-too-deep", {"mkdocs.yml": "extra: " + "[" * 400 + "]" * 400 + "\n"}, "mkdocs.yml", 32
    ),
    # Size: a 10 MB single line is refused unread; a 900 KB title is too long.
    "body-10mb-one-line": case("file-too-large", 1, "title", body='"' + "x" * 10_000_000 + '"'),
    "title-900kb-one-line": case("too-long", 1, "TTT", title="T" * 900_000),
    # 5. Characters that break XML or drive a terminal, in every kind of text field.
    "title-nul": case("bad-character", 1, '"', title='"A\\0B"'),
    "title-escape-clear-screen": case("bad-character", 1, '"', title='"A\\e[2JB"'),
    "title-del": case("bad-character", 1, '"', title='"A\\x7fB"'),
    "title-next-line-c1": case("bad-character", 1, '"', title='"A\\NB"'),
    "title-csi-c1": case("bad-character", 1, '"', title='"A\\x9bB"'),
    "title-fffe": case("bad-character", 1, '"', title='"A\\uFFFEB"'),
    "title-ffff": case("bad-character", 1, '"', title='"A\\uFFFFB"'),
    "title-plane-1-noncharacter": case("bad-character", 1, '"', title='"A\\U0001FFFEB"'),
    "title-fdd0": case("bad-character", 1, '"', title='"A\\uFDD0B"'),
    "title-carriage-return": case("bad-character", 1, '"', title='"A\\rB"'),
    "title-rtl-override": case("bad-character", 1, '"', title='"invoice\\u202Efdp.exe"'),
    "title-bidi-isolate": case("bad-character", 1, '"', title='"A\\u2066B"'),
    "tag-osc-title": case("bad-character", 5, '"', tags='["\\e]0;pwned\\a"]'),
    "section-nul": case("bad-character", 3, '"B', section='[Europe, "B\\0"]'),
    "author-escape": case("bad-character", 7, '"', authors='["Ada\\e"]'),
    "summary-form-feed": case("bad-character", 2, '"', summary='"S\\fS"'),
    "body-escape": case("bad-character", 8, '"', body='"Body \\e[31m red"'),
    "source-title-nul": case("bad-character", 10, '"R', sources='[{title: "R\\0", publisher: P}]'),
    "correction-escape": case("bad-character", 10, '"F', corrections='[{date: 2026-11-21, text: "F\\e"}]'),
    "key-point-nul": case("bad-character", 10, '"K', key_points='["K\\0"]'),
    "vocabulary-tag-escape": case("bad-character", 1, '"', path="briefs/_tags.yml", files={"briefs/_tags.yml": '"NATO\\e": {}\n'}),
    "vocabulary-description-nul": case(
        "bad-character", 1, '"d', path="briefs/_tags.yml", files={"briefs/_tags.yml": 'NATO: {description: "d\\0"}\n'}
    ),
    "author-name-c1": case("bad-character", 1, '"', path="briefs/_authors.yml", files={"briefs/_authors.yml": 'ada: {name: "Ada\\x9b"}\n'}),
    "title-lone-surrogate-escape": case("yaml-syntax", 1, "d800", title='"A\\ud800B"'),
    # 6. Lists: capped so that the output stays proportional to the briefs.
    "tags-10000": case("too-long", 5, "[", tags="[" + ", ".join(f"t{i}" for i in range(10_000)) + "]"),
    "tags-21": case("too-long", 5, "[", tags="[" + ", ".join(f"t{i}" for i in range(21)) + "]"),
    "authors-21": case("too-long", 7, "[", authors="[" + ", ".join(f"a{i}" for i in range(21)) + "]"),
    "key-points-31": case("too-long", 10, "[", key_points="[" + ", ".join(f"k{i}" for i in range(31)) + "]"),
    "sources-201": case("too-long", 10, "[", sources="[" + ", ".join(f"{{title: s{i}}}" for i in range(201)) + "]"),
    "corrections-51": case("too-long", 10, "[", corrections="[" + ", ".join("{date: 2026-11-21, text: c}" for _ in range(51)) + "]"),
    "vocabulary-aliases-51": case(
        "too-long",
        1,
        "[",
        path="briefs/_tags.yml",
        files={"briefs/_tags.yml": "NATO: {aliases: [" + ", ".join(f"n{i}" for i in range(51)) + "]}\n"},
    ),
}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _config_with(extra: str) -> str:
    """The test config with its first line replaced (``site_name: ...``) or a line added."""
    if extra.startswith("site_name:"):
        return extra + MKDOCS_YML.split("\n", 1)[1]
    return MKDOCS_YML + extra


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_is_a_positioned_problem_in_check_and_build(site: Path, name: str) -> None:
    c = CASES[name]
    files: dict[str, str | bytes] = {PATH: brief(**c.fields), **c.files}
    if "mkdocs.yml" in c.files:
        files["mkdocs.yml"] = _config_with(str(c.files["mkdocs.yml"]))
    text = files[c.path]
    assert isinstance(text, str)
    line, col = position(text, c.line, c.needle)
    want = (c.path, line, col + c.col_offset, c.code)
    write_site(site, files)
    for command in ("check", "build"):
        result = brief_cli(site, command)
        assert result.exit_code == 1, result.output
        found = [(p.path, p.line, p.col, p.code) for p in problems(result.output)]
        assert want in found, f"{command}: expected {want}, got {found}\n{result.output[:2000]}"
    assert not (site / "build" / "site").exists()


def test_raw_control_bytes_are_refused_where_they_are(site: Path) -> None:
    """Not escapes but the bytes themselves: YAML's reader refuses them, at their place."""
    cases = (
        (b"A\x1bB", "bad-character", 9),
        ("\u00e9\u4e2d\x1b".encode(), "bad-character", 10),
        (b"A\xef\xbf\xbeB", "bad-character", 9),
        (b"A\xed\xa0\x80B", "file-not-utf8", 9),
    )
    for raw, code, col in cases:
        text = brief().encode().replace(b"Baltic states expand air defence", raw, 1)
        write_site(site, {PATH: text})
        result = brief_cli(site, "check")
        assert result.exit_code == 1
        assert (PATH, 1, col, code) in [(p.path, p.line, p.col, p.code) for p in problems(result.output)], result.output


def test_limits_are_inclusive(site: Path) -> None:
    """Exactly at each limit, a brief is valid: the limits refuse nothing a real brief needs."""
    fields = {
        "title": "T" * 200,
        "section": "[" + ", ".join(["中" * 100] * 4) + "]",
        "tags": "[" + ", ".join(f"{'x' * 98}{i:02d}" for i in range(20)) + "]",
        "authors": "[" + ", ".join(f"{'a' * 98}{i:02d}" for i in range(20)) + "]",
        "summary": "s" * 2000,
        "date": "2999-12-31T23:59:00-23:59",
        "key_points": "[" + ", ".join(["k" * 1000] * 30) + "]",
        "bluf": "b" * 2000,
        "corrections": "[" + ", ".join(["{date: '2999-12-31T23:59:00-23:59', text: c}"] * 50) + "]",
        "sources": "[" + ", ".join(["{title: s, accessed: 1900-01-01}"] * 200) + "]",
    }
    write_site(site, {PATH: brief(**fields), "briefs/old.yaml": brief(date="1900-01-01T00:00:00+14:00", title="9" * 100)})
    result = brief_cli(site, "check")
    assert result.exit_code == 0, result.output


def test_large_single_line_body_under_the_file_limit_checks(site: Path) -> None:
    write_site(site, {PATH: brief(body='"' + "word " * 180_000 + '"')})
    result = brief_cli(site, "check")
    assert result.exit_code == 0, result.output
    assert_clean(result)


@pytest.mark.parametrize("depth", [400, 100_000])
def test_without_libyaml_deep_nesting_is_still_a_positioned_problem(monkeypatch: pytest.MonkeyPatch, depth: int) -> None:
    """PyYAML's pure-Python composer (used where libyaml is missing) recursed into RecursionError, reported at 1:1."""
    from briefkit.common import yamlsrc

    monkeypatch.setattr(yamlsrc, "_Loader", yamlsrc._PythonLoader)
    text = brief(tags="[" * depth + "a" + "]" * depth)
    doc, found = yamlsrc.parse(text, PATH)
    assert doc is None
    assert [(p.line, p.col, p.code) for p in found] == [(5, position(text, 5, "[")[1] + 32, "yaml-too-deep")]


def test_raw_characters_are_placed_by_character_without_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefkit.common import yamlsrc

    monkeypatch.setattr(yamlsrc, "_Loader", yamlsrc._PythonLoader)
    _, found = yamlsrc.parse("title: \u00e9\u4e2d\x1b\n", PATH)
    assert [(p.line, p.col, p.code) for p in found] == [(1, 10, "bad-character")]


NUMBERS = {"inf": ".inf", "minus-inf": "-.inf", "nan": ".NaN", "overflowing-float": "1.0e+309", "100-digits": "9" * 100, "5000-digits": BIG}
EVERY_FIELD = [
    "title", "summary", "section", "date", "tags", "body", "updated", "authors", "kind", "status", "publish_at",
    "expires", "handling", "bluf", "key_points", "confidence", "sources", "corrections", "featured",
]  # fmt: skip


@pytest.mark.parametrize("number", list(NUMBERS))
def test_any_number_in_any_field_is_reported_or_accepted(site: Path, number: str) -> None:
    """Every field, given each awkward number, alone and inside a list: a problem at that field, or a valid brief."""
    value = NUMBERS[number]
    for name in EVERY_FIELD:
        for written in (value, f"[{value}]"):
            text = brief(**{name: written})
            write_site(site, {PATH: text})
            result = brief_cli(site, "check", "--format", "json")
            found = json.loads(result.stdout)
            assert result.exit_code in (0, 1), result.output
            line = next(i for i, row in enumerate(text.split("\n"), 1) if row.startswith(f"{name}: "))
            assert all(p["path"] == PATH and p["line"] >= 1 and p["col"] >= 1 for p in found)
            if result.exit_code == 1:
                assert any(p["line"] == line for p in found if p["severity"] == "error"), (name, written, found)


TERMINAL_ATTACKS = {
    "file-name": {"briefs/a\x1b[2Jb\u202e.yaml": brief()},
    "config-option": {"mkdocs.yml": MKDOCS_YML + '      "x\\e]0;pwned\\a": 1\n'},
    "config-value": {"mkdocs.yml": MKDOCS_YML.replace("timezone: UTC", 'timezone: "Mars/\\e[31mRed\\r"')},
    "unknown-field": {PATH: brief() + '"tl\\e[2Kp": TLP:RED\n'},
    "duplicate-key": {PATH: brief() + '"k\\e[1A": 1\n"k\\e[1A": 2\n'},
    "date": {PATH: brief(date='"2026-11-20\\e[8m"')},
}


@pytest.mark.parametrize("fmt", ["text", "github"])
@pytest.mark.parametrize("attack", list(TERMINAL_ATTACKS))
def test_no_terminal_control_reaches_the_output(site: Path, attack: str, fmt: str) -> None:
    """Problems quote file names, keys and values: their escape sequences and overrides are printed inert."""
    write_site(site, TERMINAL_ATTACKS[attack])
    result = brief_cli(site, "check", "--format", fmt)
    assert result.exit_code == 1, result.output
    assert any(e in result.output for e in ("\\x1b", "\\u001b", "\\u202e")), result.output  # shown, escaped
    leaked = [
        c for c in result.output if c not in "\t\n" and (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u202a\u202b\u202c\u202d\u202e")
    ]
    assert not leaked, result.output
