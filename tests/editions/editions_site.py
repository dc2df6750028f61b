"""A site with a brief at every label, every field planted with its own word, and readers for every output file.

Each planted word is ``qq<where><field>qq`` (letters only, so PDF text
extraction keeps it whole; compared in lower case, since print styles
upper-case some lines).  :data:`EXPECTED` says in which editions each word
must appear; every other edition must not hold it anywhere.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import lxml.etree
import lxml.html
import yaml

EDITIONS = ("public", "partners", "internal")
SITE_DIRS = {"public": "build/site", "partners": "build/editions/partners/site", "internal": "build/editions/internal/site"}

MKDOCS = """\
site_name: Planted Briefings
site_url: https://briefs.example.org/
theme:
  name: material
  font: false
plugins:
  - search
  - briefkit:
      timezone: UTC
      default_handling: TLP:CLEAR
      pdf:
        enabled: {pdf}
        books:
          daily: false
      editions:
        partners:
          handling: TLP:GREEN
          title: Partner edition
          site_url: https://partners.example.org/
        internal:
          handling: TLP:AMBER+STRICT
"""


def word(where: str, field: str) -> str:
    return f"qq{where}{field}qq"


def _fields(where: str) -> dict[str, object]:
    return {
        "title": f"Report {word(where, 'title')} on the coast",
        "summary": f"Summary {word(where, 'summary')} of the week.",
        "bluf": f"Bottom line {word(where, 'bluf')} first.",
        "key_points": [f"Point {word(where, 'point')} holds."],
        "sources": [{"title": f"Source {word(where, 'source')} report"}],
        "body": f"Body {word(where, 'body')} text.\n",
    }


def _tearline(where: str, label: str) -> dict[str, object]:
    return {
        "handling": label,
        "title": f"Tearline {word(where, 'title')} released",
        "summary": f"Summary {word(where, 'summary')} for a wider audience.",
        "key_points": [f"Point {word(where, 'point')} released."],
        "body": f"Body {word(where, 'body')} released.\n",
    }


def _brief(slug: str, label: str, where: str, **extra: object) -> str:
    data: dict[str, object] = {
        "section": "Security",
        "date": "2026-11-20",
        "tags": ["drones"],
        "status": "published",
        "authors": ["Ann Analyst"],
        "kind": "analysis",
        "handling": label,
        **_fields(where),
        **extra,
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def files(pdf: bool = True) -> dict[str, str | bytes]:
    amber_body = (
        f"Body {word('amber', 'body')} text.\n\n/// portion | TLP:GREEN\nPortion {word('ambergreenportion', 'text')} for partners.\n///\n"
    )
    strict_body = f"Body {word('strict', 'body')} text.\n\n/// portion | TLP:AMBER\nPortion {word('strictamberportion', 'text')}.\n///\n"
    return {
        "mkdocs.yml": MKDOCS.format(pdf="true" if pdf else "false"),
        "briefs/clear.yaml": _brief("clear", "TLP:CLEAR", "clear"),
        "briefs/green.yaml": _brief("green", "TLP:GREEN", "green", date="2026-11-19"),
        "briefs/amber.yaml": _brief(
            "amber",
            "TLP:AMBER",
            "amber",
            date="2026-11-18",
            body=amber_body,
            tearlines=[_tearline("ambertlclear", "TLP:CLEAR"), _tearline("ambertlgreen", "TLP:GREEN")],
        ),
        "briefs/strict.yaml": _brief("strict", "TLP:AMBER+STRICT", "strict", date="2026-11-17", body=strict_body),
        "briefs/red.yaml": _brief("red", "TLP:RED", "red", date="2026-11-16", tearlines=[_tearline("redtlgreen", "TLP:GREEN")]),
    }


ALL = frozenset(EDITIONS)
FULL_FIELDS = ("title", "summary", "bluf", "point", "source", "body")
TEARLINE_FIELDS = ("title", "summary", "point", "body")

EXPECTED: dict[str, frozenset[str]] = {
    **{word("clear", f): ALL for f in FULL_FIELDS},
    **{word("green", f): frozenset({"partners", "internal"}) for f in FULL_FIELDS},
    **{word("amber", f): frozenset({"internal"}) for f in FULL_FIELDS},
    word("ambergreenportion", "text"): frozenset({"internal"}),
    # the public edition shows the AMBER brief as its CLEAR tearline; partners as its highest one they may hold, GREEN;
    # internal holds the brief and prints both tearlines after its body
    **{word("ambertlclear", f): frozenset({"public", "internal"}) for f in TEARLINE_FIELDS},
    **{word("ambertlgreen", f): frozenset({"partners", "internal"}) for f in TEARLINE_FIELDS},
    **{word("strict", f): frozenset({"internal"}) for f in FULL_FIELDS},
    word("strictamberportion", "text"): frozenset({"internal"}),
    **{word("red", f): frozenset() for f in FULL_FIELDS},
    # RED is never a site, but its GREEN tearline may go to partners and staff
    **{word("redtlgreen", f): frozenset({"partners", "internal"}) for f in TEARLINE_FIELDS},
}


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def html_text(path: Path) -> str:
    """Everything a reader or a crawler gets from a page: its text, and every attribute value (meta, JSON-LD, links)."""
    tree = lxml.html.fromstring(path.read_bytes())
    parts = [tree.text_content()]
    parts += [value for element in tree.iter() if isinstance(element.tag, str) for value in element.attrib.values()]
    return "\n".join(parts)


def xml_text(path: Path) -> str:
    tree = lxml.etree.fromstring(path.read_bytes())
    parts = [text for text in tree.itertext()]
    parts += [value for element in tree.iter() if isinstance(element.tag, str) for value in element.attrib.values()]
    return "\n".join(parts)


def json_text(path: Path) -> str:
    return json.dumps(json.loads(path.read_bytes()), ensure_ascii=False)


def output_texts(site: Path) -> dict[str, str]:
    """Every output file a reader can fetch, parsed by its type, as text (lower case), by path relative to the site."""
    out: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        suffix = path.suffix.lower()
        if suffix == ".html":
            text = html_text(path)
        elif suffix == ".json":
            text = json_text(path)
        elif suffix == ".xml":
            text = xml_text(path)
        elif suffix == ".pdf":
            text = pdf_text(path)
        elif suffix in {".txt", ".js", ".css", ".md"}:
            text = path.read_text(encoding="utf-8")
        else:
            continue
        out[rel] = text.lower()
    return out
