"""Helpers for the public-output trust tests: build a site in-process, read back every output file parsed.

Every file under the built site is read: HTML with lxml.html, XML (feeds,
sitemaps) with lxml.etree, JSON (search index) with json, gzip unpacked, and
anything else as bytes.  A planted string must appear in none of them, neither
in the parsed text (which undoes entities and escapes) nor in the raw bytes.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
from click.testing import CliRunner, Result

from briefkit.cli.main import main
from tests.conftest import site_config

AS_OF = "2026-12-20T00:00:00+00:00"

MKDOCS = site_config("Trust Desk")


def mkdocs(extra: str = "") -> str:
    """The test site's mkdocs.yml; ``extra`` lines go inside the briefkit entry (indented six spaces)."""
    return MKDOCS + "".join(f"      {line}\n" for line in extra.splitlines() if line.strip())


def brief(cwd: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """``brief`` in-process, in ``cwd``."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    finally:
        os.chdir(old)


def build(root: Path, *args: str) -> Path:
    result = brief(root, "build", "--as-of", AS_OF, *args)
    assert result.exit_code == 0, result.output
    return root / "build" / ("preview/site" if "--preview" in args else "site")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _element_text(root: Any) -> str:
    parts = [" ".join(root.itertext())]
    for el in root.iter():
        if isinstance(el.tag, str):
            parts.extend(str(v) for v in el.attrib.values())
    return "\n".join(parts)


def parsed_text(path: Path, data: bytes) -> str:
    """What a reader or a machine gets from one output file, parsed by its type."""
    name = path.name
    if name.endswith(".gz"):
        return parsed_text(path.with_name(name[:-3]), gzip.decompress(data))
    if name.endswith(".html"):
        return _element_text(lxml.html.document_fromstring(data))
    if name.endswith((".xml", ".atom", ".rss")):
        return _element_text(lxml.etree.fromstring(data, lxml.etree.XMLParser(resolve_entities=False, no_network=True)))
    if name.endswith(".json"):
        return "\n".join(_strings(json.loads(data)))
    if name.endswith(".pdf"):
        out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
        return out.stdout.decode("utf-8", "replace")
    return data.decode("utf-8", "replace")


def output_texts(site: Path) -> Iterator[tuple[str, str]]:
    """(path inside the site, parsed text plus raw text) for every file of a built site."""
    files = sorted(p for p in site.rglob("*") if p.is_file())
    assert files, f"nothing built in {site}"
    for path in files:
        data = path.read_bytes()
        yield path.relative_to(site).as_posix(), parsed_text(path, data) + "\n" + data.decode("utf-8", "replace")


def leaks(site: Path, needles: list[str]) -> list[tuple[str, str]]:
    """(file, needle) for every planted string found anywhere in the site; case-sensitive."""
    return [(rel, n) for rel, text in output_texts(site) for n in needles if n in text]


def page(site: Path, slug: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring((site / "briefs" / slug / "index.html").read_bytes())
