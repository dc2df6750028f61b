"""What a reader of the PDFs sees: end matter kept with the text, no hyphens in names and the BLUF, one font notice."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest

from briefkit.common.report import Reporter
from briefkit.pdf import _report
from briefkit.pdf.render import NO_HARFBUZZ_SUBSET, weasyprint_notice
from tests.conftest import brief_yaml
from tests.pdf.pdftools import page_texts, render_site, site_files, write_site

SENTENCE = "The quillon report was read out to the committee on the day. "
LONG_WORDS = "Internationalisation Counterintelligence Telecommunications Interoperability Decarbonisation"


@pytest.fixture(scope="module")
def book_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sixteen briefs whose bodies end at sixteen different heights on their last page."""
    files = site_files(sections=False)
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("latest: 10", "latest: 30")
    for n in range(16):
        sentences = 20 + 9 * n
        body = "\n\n".join(SENTENCE * 6 for _ in range(sentences // 6)) + "\n"
        files[f"briefs/geo/length-{n:02d}.yaml"] = brief_yaml(
            title=f"Length study {n}",
            date=f"2026-10-{n + 1:02d}",
            summary=f"Summary with {LONG_WORDS}.",
            bluf=f"{LONG_WORDS} {LONG_WORDS} {LONG_WORDS}.",
            key_points=[f"{LONG_WORDS} first.", f"{LONG_WORDS} second."],
            authors=["Maximilianopolous Vandenbroucke"],
            tags=["Interoperability"],
            body=body,
        )
    root = write_site(tmp_path_factory.mktemp("look"), files)
    render_site(root, root / "out")
    return root


def test_the_end_matter_never_stands_alone_on_a_page(book_site: Path) -> None:
    texts = page_texts(book_site / "out/books/latest.pdf")
    footers = [i for i, text in enumerate(texts) if "Online: https://briefs.example.org/briefs/length-" in text]
    assert len(footers) == 16
    for i in footers:
        assert "quillon" in texts[i], f"page {i + 1} holds only the end matter: {texts[i][:300]}"


def lines_of(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_no_hyphenation_in_titles_summaries_bluf_key_points_or_names(book_site: Path) -> None:
    for pdf in [book_site / "out/length-00.pdf", book_site / "out/length-07.pdf", book_site / "out/books/latest.pdf"]:
        broken = [line for line in lines_of(pdf) if re.search(r"[A-Za-z][-\u2010\u00ad]$", line)]
        assert broken == [], (pdf.name, broken[:5])
        text = " ".join(lines_of(pdf))
        for word in LONG_WORDS.split():
            assert word in text


def test_a_missing_font_library_is_one_warning_with_the_fix() -> None:
    said = [
        f'Using fontTools instead of HarfBuzz-Subset for font "{family}". This will be unsupported in future versions of '
        "WeasyPrint. Please install HarfBuzz-Subset >= 4.1.0 with your package manager."
        for family in ("Noto Serif", "Noto Sans", "Liberation Mono", "DejaVu Sans Mono")
    ]
    notices = {f"brief-{n}.pdf": [weasyprint_notice(m, f"briefs/brief-{n}.yaml") for m in said] for n in range(10)}
    notices["books/latest.pdf"] = [weasyprint_notice(m, "") for m in said]
    stream = io.StringIO()
    assert _report(Reporter(stream=stream), notices) == 1
    lines = stream.getvalue().strip().splitlines()
    assert len(lines) == 1 and "apt-get install libharfbuzz-subset0" in lines[0] and "and 8 more" in lines[0]
    assert NO_HARFBUZZ_SUBSET in lines[0]
    other = weasyprint_notice('Image "x.png" has no required alt description', "briefs/a.yaml")
    assert (other.message, other.brief_path) == ('WeasyPrint: Image "x.png" has no required alt description', "briefs/a.yaml")
