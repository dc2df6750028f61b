"""Word documents (.docx): mammoth makes HTML, the feed converter makes Markdown.

Headings, lists and tables come through mammoth's HTML; footnotes become
Markdown footnotes (``[^1]``), which the site renders.  Title, author, date
and keywords come from the document's core properties when it has them.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from xml.etree import ElementTree
from xml.parsers.expat import ExpatError

from briefkit.errors import Problem, error
from briefkit.importers.common import Draft, Site, as_text, html_to_markdown

_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
}
# mammoth's footnote markup: a reference, and the note list at the end.
_REF = re.compile(r'<sup><a href="#footnote-(\d+)" id="footnote-ref-\1">\[\d+\]</a></sup>')
_NOTE = re.compile(r'<li id="footnote-(\d+)">(.*?)</li>', re.S)
_BACKLINK = re.compile(r'\s*<a href="#footnote-ref-\d+">.*?</a>')
_MARK = "BRIEFKITFOOTNOTE{}REF"
_DATA_IMAGE = re.compile(r"!\[([^\]]*)\]\(data:[^)]*\)")


def _core(data: bytes) -> dict[str, str]:
    """Title, creator, created and keywords from docProps/core.xml."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            raw = zf.read("docProps/core.xml")
    except (KeyError, zipfile.BadZipFile, OSError):
        return {}
    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError:
        return {}
    out = {}
    for key, path in (("title", "dc:title"), ("creator", "dc:creator"), ("created", "dcterms:created"), ("keywords", "cp:keywords")):
        node = root.find(path, _NS)
        if node is not None and as_text(node.text):
            out[key] = as_text(node.text)
    return out


def parse(data: bytes, shown: str, site: Site) -> list[Draft] | list[Problem]:
    import mammoth

    try:
        result = mammoth.convert_to_html(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, ExpatError, LookupError) as exc:
        # LookupError: a part's XML declares an encoding Python has no codec for (found by the mutation test).
        return [error(shown, 1, 1, "bad-docx", f"not a Word document mammoth can read: {exc}")]
    html: str = result.value
    draft = Draft(shown)
    for message in result.messages:
        draft.note(1, 1, "import-docx", f"mammoth: {message.message}")
    notes = {n: _BACKLINK.sub("", body) for n, body in _NOTE.findall(html)}
    html = _NOTE.sub("", html)
    html = re.sub(r"<ol>\s*</ol>", "", html)
    html = _REF.sub(lambda m: _MARK.format(m.group(1)), html)
    body = html_to_markdown(html)
    images = len(_DATA_IMAGE.findall(body))
    if images:  # mammoth inlines pictures as data: URIs; a brief links its images instead
        body = _DATA_IMAGE.sub(lambda m: f"*[image: {m.group(1) or 'no description'}]*", body)
        draft.note(1, 1, "import-image", f"{images} embedded image(s) left out; add them to the assets folder and link them")
    body = re.sub(_MARK.format(r"(\d+)"), r"[^\1]", body)
    if notes:
        body += "\n\n" + "\n".join(f"[^{n}]: {' '.join(html_to_markdown(text).split())}" for n, text in notes.items())

    core = _core(data)
    heading = re.search(r"^#\s+(.+?)\s*$", body, re.M)
    if core.get("title"):
        draft.title = core["title"]
    elif heading:
        draft.title = heading.group(1)
        body = body[: heading.start()] + body[heading.end() :]
        draft.note(1, 1, "import-title", "the first heading is the title")
    else:
        draft.title = shown.rsplit("/", 1)[-1].removesuffix(".docx").replace("-", " ").replace("_", " ").strip().capitalize()
        draft.note(1, 1, "import-title", f"no title in the document; title made from the file name: '{draft.title}'")
    draft.body = body.strip()
    if core.get("creator"):
        draft.authors = [core["creator"]]
        draft.note(1, 1, "import-author", f"author '{core['creator']}' from the document's properties")
    if core.get("created"):
        try:
            draft.date = datetime.fromisoformat(core["created"].replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            draft.note(1, 1, "import-date", f"date {core['created']} is when the document was created")
    for word in re.split(r"[,;]", core.get("keywords", "")):
        if word.strip():
            draft.tags.append((word.strip(), 1, 1))
    return [draft]
