"""Helpers for the PDF tests: a small site, and PDF readers.

PDFs are read with pypdf and poppler's pdftotext/pdfinfo, never by string
matching on bytes.
"""

from __future__ import annotations

import io
import subprocess
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader

from briefkit.common.report import Reporter
from briefkit.config import load_config
from briefkit.pdf import PdfStats, render_pdfs
from briefkit.source.load import load
from tests.conftest import brief_yaml, site_config, write_file_tree

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

MKDOCS = site_config(
    "Test Briefings",
    site_url="https://briefs.example.org/",
    theme="name: material\nlanguage: en",
    markdown_extensions="- admonition\n- footnotes\n- tables\n- toc:\n    permalink: true",
    search=False,
    timezone=None,
    pdf=None,
    options="""
    pdf:
      paper: {paper}
      jobs: 1
      books:
        latest: 10
        tags: {tags}
        sections: {sections}
        daily: {daily}
    """,
)

BODY_WITH_HEADINGS = """\
Opening paragraph of the story.

## Background

Context for the reader, with a footnote.[^1]

!!! warning "Watch"
    Something to watch.

## Outlook

| Month | Value |
|---|---|
| May | 1 |

[^1]: The footnote text.
"""


def site_files(
    *, paper: str = "A4", tags: bool = False, sections: bool = True, daily: bool = False, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Four briefs in two sections: three public, one draft."""
    files = {
        "mkdocs.yml": MKDOCS.format(paper=paper, tags=str(tags).lower(), sections=str(sections).lower(), daily=str(daily).lower()),
        "briefs/geo/alpha-accord.yaml": brief_yaml(
            title="Alpha accord signed",
            summary="Three states sign the alpha accord.",
            section="Geopolitics / Europe",
            date="2026-11-20",
            tags=["Accords", "Europe"],
            bluf="The accord very likely holds through 2027.",
            key_points=["First point.", "Second point."],
            confidence="moderate",
            kind="analysis",
            sources=[{"title": "Treaty text", "url": "https://example.org/treaty", "publisher": "Foreign ministry"}],
            body=BODY_WITH_HEADINGS,
        ),
        "briefs/geo/bravo-border.yaml": brief_yaml(
            title="Bravo border reopens",
            summary="The bravo crossing reopens to freight.",
            section="Geopolitics / Europe",
            date="2026-11-21",
            tags=["Europe"],
            body="The crossing reopened on Friday.\n\n## Traffic\n\nLorries queued for hours.\n",
        ),
        "briefs/energy/charlie-grid.yaml": brief_yaml(
            title="Charlie grid upgrade approved",
            summary="Regulator approves the charlie grid upgrade.",
            section="Energy / Power",
            date="2026-11-22T09:30:00+00:00",
            tags=["Grids"],
            corrections=[{"date": "2026-11-23", "text": "An earlier version misstated the cost."}],
            body="The upgrade costs EUR 2 billion.\n",
        ),
        "briefs/energy/delta-draft.yaml": brief_yaml(
            title="Delta draft not yet published",
            summary="A draft that a public build must not print.",
            section="Energy / Power",
            date="2026-11-24",
            tags=["Grids"],
            status="draft",
            body="Draft text.\n\n" + "A long paragraph of draft text that goes on and on to fill the page. " * 12 * 12 + "\n",
        ),
    }
    files.update(extra or {})
    return files


def write_site(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """The shared writer; only ``.yml`` files are dedented."""
    return write_file_tree(root, files, dedent=(".yml",))


def page_texts(pdf: Path) -> list[str]:
    """Each page's text as poppler sees it, whitespace collapsed."""
    pages = int(pdfinfo(pdf)["Pages"])
    out = []
    for n in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        out.append(" ".join(text.split()))
    return out


def pdfinfo(pdf: Path) -> dict[str, str]:
    text = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    info = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def reader(pdf: Path) -> PdfReader:
    return PdfReader(io.BytesIO(pdf.read_bytes()))


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """Bookmarks as (level, title, 1-based page), depth first."""
    r = reader(pdf)
    found: list[tuple[int, str, int]] = []

    def walk(items: list[object], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, str(item.title), r.get_destination_page_number(item) + 1))  # type: ignore[attr-defined]

    walk(r.outline, 1)
    return found


class Rendered:
    """A site on disk and the PDFs rendered from it."""

    def __init__(self, root: Path, out: Path, stats: PdfStats, log: str) -> None:
        self.root = root
        self.out = out
        self.stats = stats
        self.log = log

    def pdf(self, rel: str) -> Path:
        return self.out / rel


def render_site(root: Path, out: Path, *, preview: bool = False, jobs: int = 1, **kwargs: object) -> Rendered:
    """Load the site at ``root`` and render its PDFs (public briefs unless ``preview``) into ``out``."""
    config = load_config(root)
    result = load(config)
    assert not result.errors, result.errors
    corpus = result.corpus if preview else result.corpus.public(NOW, config.tz)
    stream = io.StringIO()
    stats = render_pdfs(config, corpus, NOW, out, Reporter(stream=stream), jobs=jobs, preview=preview, **kwargs)  # type: ignore[arg-type]
    return Rendered(root, out, stats, " ".join(stream.getvalue().split()))


def watermark_pixels(pdf: Path, page: int, workdir: Path) -> int:
    """Reddish pixels in the middle of a page, where only the diagonal watermark is red."""
    from PIL import Image

    stem = workdir / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)], check=True)
    image = Image.open(f"{stem}.png").convert("RGB")
    w, h = image.size
    middle = image.crop((int(w * 0.2), int(h * 0.35), int(w * 0.8), int(h * 0.65)))
    return sum(
        count
        for count, (r, g, b) in middle.getcolors(maxcolors=1 << 20) or []
        if r > 200 and 15 < r - g < 70 and 10 < r - b < 65 and abs(g - b) < 15
    )
