"""Mutated sources never raise: each gives drafts the loader accepted, or positioned problems."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefkit.config import load_config
from briefkit.importers.common import validate
from briefkit.importers.run import plan
from tests.importers.docx_fixture import make_docx
from tests.importers.importer_support import SOURCES, TAGS

SAMPLES = {p.name: p.read_bytes() for p in sorted(SOURCES.rglob("*")) if p.is_file()} | {"strike.docx": make_docx()}
INSERTS = [b"\n", b"---\n", b"+++\n", b"#", b'"', b"&x;", b": ", b"\x00", b"\xff", b"<", b".A", b"\r", "\u2028".encode()]

edits = st.lists(
    st.tuples(
        st.sampled_from(["set", "cut", "insert"]),
        st.one_of(st.floats(0, 1, exclude_max=True), st.floats(0, 0.02)),  # often near the start: XML declarations, fences
        st.integers(0, 255),
        st.sampled_from(INSERTS),
    ),
    min_size=1,
    max_size=8,
)


def mutate(data: bytes, changes: list[tuple[str, float, int, bytes]]) -> bytes:
    out = bytearray(data)
    for op, where, byte, insert in changes:
        pos = int(where * len(out)) if out else 0
        if op == "set" and out:
            out[pos] = byte
        elif op == "cut":
            del out[pos : pos + 1 + byte % 20]
        else:
            out[pos:pos] = insert
    return bytes(out)


def inside_docx(data: bytes, change: Callable[[bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            part = src.read(item.filename)
            dst.writestr(item, change(part) if item.filename == "word/document.xml" else part)
    return out.getvalue()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(SAMPLES)), changes=edits)
def test_mutated_sources_give_problems_never_exceptions(tmp_path: Path, name: str, changes: list[tuple[str, float, int, bytes]]) -> None:
    (tmp_path / "briefs").mkdir(exist_ok=True)
    (tmp_path / "briefs/_tags.yml").write_text(TAGS, encoding="utf-8")
    source = tmp_path / ("in" + Path(name).suffix)
    # A .docx is mutated inside the zip (its document), else nearly every case is only a broken zip.
    docx = name.endswith(".docx")
    source.write_bytes(inside_docx(SAMPLES[name], lambda xml: mutate(xml, changes)) if docx else mutate(SAMPLES[name], changes))
    config = load_config(tmp_path)
    result = plan(config, [str(source)], today=date(2026, 11, 26), section=None, status="draft")
    assert all(p.path and p.line >= 0 and p.col >= 0 for p in result.problems)
    if not result.errors:
        from briefkit.importers.common import read_site

        site = read_site(config, date(2026, 11, 26))
        for item in result.planned:  # what would be written is what the loader accepts
            assert not [p for p in validate(site, "briefs/x/" + item.path.name, item.text) if p.is_error]


def test_a_docx_part_in_an_encoding_python_lacks_is_a_problem(tmp_path: Path) -> None:
    """Found by the mutation test above: an XML declaration naming an unknown encoding raised LookupError."""
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs/_tags.yml").write_text(TAGS, encoding="utf-8")
    name = next(n for n in sorted(SAMPLES) if n.endswith(".docx"))
    source = tmp_path / "in.docx"
    unknown = re.compile(rb"""encoding=["'][^"']+["']""")
    source.write_bytes(inside_docx(SAMPLES[name], lambda xml: unknown.sub(b'encoding="UTF.A-8"', xml, count=1)))
    result = plan(load_config(tmp_path), [str(source)], today=date(2026, 11, 26), section=None, status="draft")
    assert [p.code for p in result.problems] == ["bad-docx"]
