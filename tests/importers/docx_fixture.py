"""A .docx with a heading, a bulleted list, a table, a picture and a footnote, made for the importer test.

python-docx writes everything but the footnote (it has no API for footnotes),
so the footnote is added afterwards as OOXML: a ``word/footnotes.xml`` part,
its relationship and content type, and a ``w:footnoteReference`` run in place
of a ``[[FN1]]`` marker run.
"""

from __future__ import annotations

import base64
import io
import zipfile
from collections.abc import Callable
from datetime import datetime

import docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MARKER = "<w:r><w:t>[[FN1]]</w:t></w:r>"
REFERENCE = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Port authority daily report, 24 November 2026.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def make_docx() -> bytes:
    document = docx.Document()
    props = document.core_properties
    props.title = ""
    props.author = "Mara Lind"
    props.keywords = "Ports & shipping, Labour"
    props.created = datetime(2026, 11, 24, 9, 0, 0)  # python-docx writes it as UTC ("Z")
    document.add_heading("Strike ties up fuel deliveries at Port Veldhaven", level=1)
    lead = document.add_paragraph("Fuel barges have not loaded since Monday, the port authority said.")
    lead.add_run("[[FN1]]")
    document.add_heading("What is stuck", level=2)
    document.add_paragraph("Diesel for the islands", style="List Bullet")
    document.add_paragraph("Jet fuel for the air base", style="List Bullet")
    table = document.add_table(rows=3, cols=2)
    for row, (cargo, ships) in zip(table.rows, [("Cargo", "Ships waiting"), ("Containers", "41"), ("Tankers", "6")], strict=True):
        row.cells[0].text, row.cells[1].text = cargo, ships
    document.add_picture(io.BytesIO(PIXEL))
    document.add_paragraph("Talks resume on Thursday.")
    plain = io.BytesIO()
    document.save(plain)
    return _add_footnote(plain.getvalue())


def _add_footnote(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            part = src.read(item.filename)
            if item.filename == "word/document.xml":
                text = part.decode("utf-8")
                assert MARKER in text, "python-docx no longer writes the marker run as expected"
                part = text.replace(MARKER, REFERENCE).encode("utf-8")
            elif item.filename == "[Content_Types].xml":
                override = f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_TYPE}"/>'
                part = part.decode("utf-8").replace("</Types>", override + "</Types>").encode("utf-8")
            elif item.filename == "word/_rels/document.xml.rels":
                rel = f'<Relationship Id="rIdFootnotes" Type="{FOOTNOTES_REL}" Target="footnotes.xml"/>'
                part = part.decode("utf-8").replace("</Relationships>", rel + "</Relationships>").encode("utf-8")
            dst.writestr(item, part)
        dst.writestr("word/footnotes.xml", FOOTNOTES)
    return out.getvalue()


def rewrite_part(data: bytes, name: str, change: Callable[[str], str | None]) -> bytes:
    """The .docx with one part's text changed (None removes the part)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            part = src.read(item.filename)
            if item.filename == name:
                text = change(part.decode("utf-8"))
                if text is None:
                    continue
                part = text.encode("utf-8")
            dst.writestr(item, part)
    return out.getvalue()
