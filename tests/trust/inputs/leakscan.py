"""Search every file of a built site for planted strings (imported as ``leakscan``; reusable by any trust test).

Each file is read two ways, and a canary found either way is a leak:

* its raw bytes, gunzipped when gzip-compressed (the sitemap, Pagefind's
  fragments and index), decoded as UTF-8;
* its *text* as a reader or crawler gets it, parsed by type: HTML and XML
  with lxml (text and every attribute value, so ``content=``, ``href=`` and
  ``alt=`` count), JSON by walking every key and string, PDF by
  ``pdftotext`` (a PDF's text streams are compressed, so its bytes hide it).

``scan`` returns the findings; ``assert_clean`` fails the test with them.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html


@dataclass(frozen=True)
class Finding:
    path: str
    canary: str
    how: str

    def __str__(self) -> str:
        return f"{self.path}: '{self.canary}' ({self.how})"


def _gunzip(data: bytes) -> bytes:
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        return data


def _json_strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _json_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _json_strings(v)
    elif value is not None:
        yield str(value)


def _markup_text(root: Any) -> str:
    parts: list[str] = []
    for el in root.iter():
        if isinstance(el.tag, str):
            parts.extend(str(v) for v in el.attrib.values())
        if el.text:
            parts.append(el.text)
        if el.tail:
            parts.append(el.tail)
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    """The text of a PDF as ``pdftotext`` extracts it (the same tool a reader's search uses)."""
    proc = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False, timeout=120)
    assert proc.returncode == 0, f"pdftotext failed on {path}: {proc.stderr.decode(errors='replace')}"
    return proc.stdout.decode("utf-8", "replace")


def file_text(path: Path) -> str:
    """The text of one output file, extracted by its type (see the module doc)."""
    data = _gunzip(path.read_bytes())
    name = path.name.removesuffix(".gz")
    if data[:5] == b"%PDF-":
        return pdf_text(path)
    if name.endswith((".html", ".htm")):
        return _markup_text(lxml.html.document_fromstring(data)) if data.strip() else ""
    if name.endswith((".xml", ".rss", ".atom", ".svg")):
        parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
        root = lxml.etree.fromstring(data, parser)
        return _markup_text(root) if root is not None else ""
    if name.endswith((".json", ".webmanifest")):
        try:
            return "\n".join(_json_strings(json.loads(data)))
        except ValueError:
            pass
    return data.decode("utf-8", "replace")


def files(root: Path) -> list[Path]:
    assert root.is_dir(), f"no folder {root}"
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def scan(root: Path, canaries: Iterable[str]) -> list[Finding]:
    """Every (file, canary) where the canary appears in the file's bytes or its extracted text."""
    wanted = [c for c in canaries if c]
    found: list[Finding] = []
    for path in files(root):
        rel = path.relative_to(root).as_posix()
        raw = _gunzip(path.read_bytes()).decode("utf-8", "replace")
        text = file_text(path)
        for canary in wanted:
            if canary in raw:
                found.append(Finding(rel, canary, "bytes"))
            elif canary in text:
                found.append(Finding(rel, canary, "text"))
    return found


def assert_clean(root: Path, canaries: Iterable[str]) -> None:
    findings = scan(root, canaries)
    assert not findings, "leaked into the output:\n" + "\n".join(map(str, findings))


def kinds(root: Path) -> set[str]:
    """The file types present (by suffix), so a test can show its scan covered HTML, XML, JSON and PDF."""
    return {p.name.removesuffix(".gz").rsplit(".", 1)[-1] for p in files(root) if "." in p.name}
