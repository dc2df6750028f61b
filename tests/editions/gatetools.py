"""Helpers for the leak gate's tests: a small site with one public and one restricted brief."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import brief_yaml, site_config

# A sentence only the AMBER brief has, and one it shares with the public brief (as a tearline would).
SECRET = "The patrol boats left the northern harbour before dawn carrying twelve unmarked crates"
SHARED = "Officials confirmed that the coastal radar network had been upgraded during the spring"
SECRET_TITLE = "Unmarked crates moved from northern harbour"
AS_OF = "2026-12-01T00:00:00+00:00"


def site(*, pdf: bool = False, extra: dict[str, str] | None = None) -> dict[str, str | bytes]:
    """A public brief and an AMBER brief that repeats one of its sentences; ``extra`` adds files (overrides)."""
    files: dict[str, str | bytes] = {
        "mkdocs.yml": site_config("Gate Test", pdf="true" if pdf else "false"),
        "briefs/public-note.yaml": brief_yaml(
            title="Coastal radar network upgraded",
            summary="The coastal radar network is newer than it was.",
            date="2026-11-05",
            body=f"{SHARED}.\n\nNothing more is public.\n",
        ),
        "briefs/amber-crates.yaml": brief_yaml(
            title=SECRET_TITLE,
            summary="Crates left the harbour under escort.",
            date="2026-11-06",
            handling="TLP:AMBER",
            key_points=["Twelve crates were loaded onto three patrol boats at night"],
            body=f"{SECRET}.\n\n{SHARED}.\n",
        ),
    }
    files.update(extra or {})
    return files


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF, whitespace collapsed, by pdftotext (one call per page, so a page's text is its own)."""
    count = len(PdfReader(io.BytesIO(path.read_bytes())).pages)
    pages = []
    for n in range(1, count + 1):
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            check=True,
            timeout=120,
        )
        pages.append(" ".join(out.stdout.decode("utf-8").split()))  # a margin box may wrap: compare words
    return pages
