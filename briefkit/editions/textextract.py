"""The text of one built output file, as readers, crawlers and search engines get it.

The leak gate (:mod:`briefkit.editions.gate`) reads every file of a built site
through here.  Each file becomes a list of text chunks, read by its type:

* HTML and XML (pages, feeds, the sitemap, SVG): every text node, comment and
  CDATA section, and every attribute value (``<meta content>``, ``alt``,
  ``title``, ``href``), with scripts' text included, so JSON-LD counts;
* JSON (Material's ``search_index.json``, manifests): every key and string;
* gzip files (``sitemap.xml.gz``, Pagefind's fragments and index): unpacked,
  then read as what they hold (Pagefind's ``pagefind_dc`` prefix dropped);
* PDF: the text of every page (poppler's ``pdftotext``, else pypdf) and the document's metadata;
* anything else that decodes as UTF-8 (``robots.txt``, CSS, JS): its text.

Only images, fonts and other binary files give nothing.  A file that claims a
type and cannot be read as it raises :class:`Unreadable`: the gate fails
closed on a file it cannot check.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import shutil
import subprocess
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from briefkit.common.html_policy import HEADINGS

MAX_UNPACKED = 512 * 2**20
"""A gzip file is read up to this size unpacked (a bomb stops here, and the gate fails closed)."""

PDF_SECONDS = 300
"""Longest a PDF's text may take to extract (a book of thousands of pages takes seconds)."""

_MARKUP = (".html", ".htm", ".xhtml", ".xml", ".rss", ".atom", ".svg")
_XML = (".xml", ".rss", ".atom")
"""Feeds and sitemaps: every element ends a chunk (:class:`_Text`)."""
_JSON = (".json", ".webmanifest", ".jsonld")
# Words that break across lines with a hyphen in print: both readings are searched.
_LINE_HYPHEN = re.compile(r"(\w)[-\u2010\u2011]\s*\n\s*(\w)")
_PAGEFIND_PREFIX = re.compile(rb"^pagefind_dcd?")
_BINARY = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"RIFF", b"wOFF", b"wOF2", b"\x00\x01\x00\x00", b"OTTO", b"PK\x03\x04")


class Unreadable(Exception):
    """A file the gate cannot read as its type says: reported, never skipped."""


def file_text(path: Path) -> list[str]:
    """The text chunks of one output file (see the module doc)."""
    return data_text(read_file(path), path.name)


def read_file(path: Path) -> bytes:
    """The file's bytes; a file that cannot be read is :class:`Unreadable`."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot read it: {exc.strerror}") from None


def data_text(data: bytes, name: str) -> list[str]:
    """The text chunks of the bytes of the output file ``name`` (gzip unpacked first)."""
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data)
        name = name.removesuffix(".gz")
        data = _PAGEFIND_PREFIX.sub(b"", data)
    return bytes_text(data, name)


def bytes_text(data: bytes, name: str) -> list[str]:
    """The text chunks of ``data``, read as the file ``name`` says (its suffix) or as its first bytes show."""
    lower = name.lower()
    if data[:5] == b"%PDF-":
        return pdf_text(data)
    if data.startswith(_BINARY):
        return []
    if lower.endswith(_JSON) or data.lstrip()[:1] in (b"{", b"["):
        try:
            return list(json_strings(json.loads(data)))
        except ValueError:
            if lower.endswith(_JSON):
                raise Unreadable("it is not valid JSON") from None
    text = data.decode("utf-8", "replace")
    if lower.endswith(_MARKUP):
        return markup_text(text, xml=lower.endswith(_XML))
    return [text]


def json_strings(value: Any) -> Iterator[str]:
    """Every key and scalar in a JSON value, depth first; strings holding HTML are read as markup."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for k, v in reversed(list(item.items())):
                stack.append(v)
                stack.append(str(k))
        elif isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, str):
            yield from markup_text(item) if "<" in item else address_parts(item)
        elif item is not None:
            yield str(item)


class _Text(HTMLParser):
    """Text, comments, CDATA and attribute values, in document order; block ends split words."""

    _BREAKS = frozenset(
        [
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            *HEADINGS,
            "tr",
            "td",
            "th",
            "table",
            "section",
            "article",
            "header",
            "footer",
            "nav",
            "aside",
            "main",
            "blockquote",
            "pre",
            "figure",
            "figcaption",
            "dt",
            "dd",
            "dl",
            "title",
            "option",
            "script",
            "style",
            "item",
            "entry",
            "summary",
            "details",
        ]
    )

    def __init__(self, xml: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        # In XML (feeds, sitemaps) every element is a field of its own: a phrase made of the end of one (a brief's
        # last words) and the start of the next (an image description's "The ...") is in neither, and once matched
        # a withheld sentence that way.
        self.xml = xml
        self.chunks: list[str] = []
        self.current: list[str] = []

    def _flush(self) -> None:
        if self.current:
            self.chunks.append("".join(self.current))
            self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.xml or tag in self._BREAKS:
            self._flush()
        for _, value in attrs:
            if value and "#" in value:
                self.chunks.extend(address_parts(value))
            elif value:
                self.chunks.append(value)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.xml or tag in self._BREAKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def handle_comment(self, data: str) -> None:
        self._flush()
        self.chunks.append(data)

    def unknown_decl(self, data: str) -> None:  # <![CDATA[ ... ]]> in XML
        self._flush()
        self.chunks.append(data.removeprefix("CDATA["))


def address_parts(value: str) -> list[str]:
    """A site's own address with an anchor (``../slug/#the-numbers``) as two names: the page's, then the heading's.

    Material's search index locates every section that way, and so do links
    to a heading.  Read as one text, a public page's title (its slug) ran into
    one of its headings, and at 10,000 briefs such runs matched 41 withheld
    sentences that end with the same words and go on with the same heading.
    Only relative addresses are split: an absolute URL (a source a brief
    cites) is one text, so a withheld one is found whole, fragment and all.
    """
    if "#" not in value or "://" in value or value.startswith(("//", "mailto:", "data:")) or any(c.isspace() for c in value):
        return [value]
    page, _, anchor = value.partition("#")
    return [part for part in (page, anchor) if part]


def markup_text(text: str, *, xml: bool = False) -> list[str]:
    """Text of HTML or XML: text nodes (scripts' and styles' too), comments, CDATA and every attribute value.

    JSON inside a script (JSON-LD, Material's config) is read as text: its
    strings' words are in it.  Text that itself holds escaped markup (a feed's
    ``<description>``) is unescaped by the parser and stripped of tags by the
    gate's normaliser.
    """
    parser = _Text(xml)
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.chunks


def pdf_text(data: bytes) -> list[str]:
    """The document's metadata, then each page's text, once as extracted and once with line-end hyphens joined.

    Page text comes from poppler's ``pdftotext`` when it is installed (fast:
    a book of hundreds of pages in a second), else from pypdf (pure Python,
    always there, about ten times slower).  Both read the text a PDF viewer's
    search and copy would give.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        chunks = [str(v) for v in (reader.metadata or {}).values() if v]
        tool = shutil.which("pdftotext")
        pages = _poppler_pages(tool, data) if tool else [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise Unreadable(f"its PDF text cannot be read: {exc}") from None
    for text in pages:
        chunks.append(text)
        joined = _LINE_HYPHEN.sub(r"\1\2", text)
        if joined != text:
            chunks.append(joined)
    return chunks


def _poppler_pages(tool: str, data: bytes) -> list[str]:
    try:
        done = subprocess.run([tool, "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, timeout=PDF_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise Unreadable(f"pdftotext took longer than {PDF_SECONDS} s") from None
    if done.returncode != 0:
        raise Unreadable(f"pdftotext failed: {done.stderr.decode('utf-8', 'replace').strip()[:200]}")
    return done.stdout.decode("utf-8", "replace").split("\f")  # one form feed after each page


def _gunzip(data: bytes) -> bytes:
    try:
        unpacker = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        out = unpacker.decompress(data, MAX_UNPACKED)
        if unpacker.unconsumed_tail:
            raise Unreadable(f"it unpacks to more than {MAX_UNPACKED // 2**20} MiB")
        return out
    except (zlib.error, gzip.BadGzipFile, EOFError) as exc:
        raise Unreadable(f"it is not valid gzip: {exc}") from None
