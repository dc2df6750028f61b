"""Tagged PDFs: header cells carry /Scope, the variant is claimed in XMP, and hostile cell styles can't blank a book."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from tests.conftest import brief_yaml
from tests.pdf.pdftools import page_texts, render_site, site_files, write_site
from tests.trust.render.test_render_style import ATTACKS, SVG_BOMB

TABLES = """\
Intro.

| Country | Share |
|:--|--:|
| Belgium | 12% |
| Norway | 30% |

<table>
<tr><th>Year</th><th>Output</th><th>Exports</th></tr>
<tr><th>2025</th><td>1</td><td>2</td></tr>
<tr><th scope="col">2026</th><th>Q1</th><td>3</td></tr>
</table>
"""


def structure(pdf: pikepdf.Pdf) -> list[tuple[str, ...]]:
    """(S of the row's parent, S of each cell, /Scope of each header) for every TR, depth first."""
    rows: list[tuple[str, ...]] = []

    def walk(elem: pikepdf.Dictionary, parent: str) -> None:
        kind = str(elem.get("/S", ""))
        if kind == "/TR":
            cells = [c for c in elem.get("/K", []) if isinstance(c, pikepdf.Dictionary)]
            rows.append((parent, *(f"{c.S}{'=' + str(c.A.get('/Scope')) if c.S == '/TH' else ''}" for c in cells)))
        kids = elem.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if isinstance(kids, pikepdf.Dictionary) else []:
            if isinstance(kid, pikepdf.Dictionary):
                walk(kid, kind)

    walk(pdf.Root.StructTreeRoot, "")
    return rows


@pytest.fixture(scope="module")
def tables_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    extra = {"briefs/geo/tables.yaml": brief_yaml(title="Tables of output", date="2026-11-23", body=TABLES)}
    root = write_site(tmp_path_factory.mktemp("tagging"), site_files(sections=False, extra=extra))
    render_site(root, root / "out")
    return root


def test_every_header_cell_carries_its_scope(tables_site: Path) -> None:
    with pikepdf.open(tables_site / "out/tables.pdf") as pdf:
        assert structure(pdf) == [
            ("/THead", "/TH=/Column", "/TH=/Column"),
            ("/TBody", "/TD", "/TD"),
            ("/TBody", "/TD", "/TD"),
            ("/TBody", "/TH=/Column", "/TH=/Column", "/TH=/Column"),
            ("/TBody", "/TH=/Row", "/TD", "/TD"),
            ("/TBody", "/TH=/Row", "/TH=/Row", "/TD"),
        ]
        assert str(pdf.open_metadata().get("pdfuaid:part")) == "1"


def test_books_tag_every_brief_table(tables_site: Path) -> None:
    with pikepdf.open(tables_site / "out/books/latest.pdf") as pdf:
        headers = [cell for row in structure(pdf) for cell in row[1:] if cell.startswith("/TH")]
        assert len(headers) == 8 + 2  # this brief's tables, and alpha-accord's
        assert all(h in ("/TH=/Column", "/TH=/Row") for h in headers)


@pytest.mark.parametrize(("variant", "part"), [("pdf/a-2b", "2"), ("pdf/a-3b", "3")])
def test_an_archival_variant_is_claimed_and_still_tagged(tmp_path: Path, variant: str, part: str) -> None:
    files = site_files(sections=False)
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("        jobs: 1\n", f"        jobs: 1\n        variant: {variant}\n")
    root = write_site(tmp_path, files)
    render_site(root, root / "out")
    with pikepdf.open(root / "out/alpha-accord.pdf") as pdf:
        meta = pdf.open_metadata()
        assert (str(meta.get("pdfaid:part")), str(meta.get("pdfaid:conformance"))) == (part, "B")
        assert "/OutputIntents" in pdf.Root and "/StructTreeRoot" in pdf.Root
        assert ("/THead", "/TH=/Column", "/TH=/Column") in structure(pdf)


def dark_share(pdf: Path, page: int, workdir: Path) -> float:
    stem = workdir / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)], check=True)
    image = Image.open(f"{stem}.png").convert("L")
    histogram = image.histogram()
    return sum(histogram[:80]) / sum(histogram)


def test_a_hostile_cell_style_cannot_blank_a_book(tmp_path: Path) -> None:
    cells = "".join(f'<td style="{a.replace("&", "&amp;").replace(chr(34), "&quot;")}">c{i}</td>' for i, a in enumerate(ATTACKS))
    overlay = "position: fixed; top: 0; left: 0; width: 100vw; height: 100vh; background: black; z-index: 9999"
    body = (
        f'<table><tr><td style="{overlay}">x</td><td style="background: url(&quot;{SVG_BOMB}&quot;)">y</td></tr>'
        f"<tr>{cells}</tr></table>\n\nThe hostile brief's own text.\n"
    )
    extra = {"briefs/geo/hostile.yaml": brief_yaml(title="Hostile table", date="2026-11-23", body=body)}
    root = write_site(tmp_path, site_files(sections=False, extra=extra))
    rendered = render_site(root, root / "out")
    book = root / "out/books/latest.pdf"
    texts = page_texts(book)
    for title in ("Alpha accord signed", "Bravo border reopens", "Charlie grid upgrade approved", "Hostile table"):
        assert any(title in t for t in texts), title
    shares = [dark_share(book, n, tmp_path) for n in range(1, len(texts) + 1)]
    assert max(shares) < 0.2, shares
    assert "WeasyPrint" not in rendered.log or "url" not in rendered.log.lower()
