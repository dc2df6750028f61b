"""Brief and book PDFs: page furniture, contents, bookmarks, metadata, tagging, watermarks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf.generic import NameObject

from tests.pdf.pdftools import Rendered, outline, page_texts, pdfinfo, reader, render_site, site_files, watermark_pixels, write_site

TITLES = {
    "alpha-accord": "Alpha accord signed",
    "bravo-border": "Bravo border reopens",
    "charlie-grid": "Charlie grid upgrade approved",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    root = write_site(tmp_path_factory.mktemp("site"), site_files(tags=True))
    return render_site(root, root / "out")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    root = write_site(tmp_path_factory.mktemp("preview"), site_files(paper="Letter"))
    return render_site(root, root / "out", preview=True)


def test_public_build_prints_public_briefs_and_configured_books(site: Rendered) -> None:
    assert sorted(site.stats.outputs) == sorted(
        [
            "alpha-accord.pdf",
            "bravo-border.pdf",
            "charlie-grid.pdf",
            "books/latest.pdf",
            "books/section-energy.pdf",
            "books/section-geopolitics.pdf",
            "books/tag-accords.pdf",
            "books/tag-europe.pdf",
            "books/tag-grids.pdf",
        ]
    )
    assert not site.pdf("delta-draft.pdf").exists()
    assert site.stats.rendered == 9 and site.stats.cached == 0
    assert site.log == "" or "warning" not in site.log


@pytest.mark.parametrize("slug", sorted(TITLES))
def test_every_brief_page_has_label_page_number_and_title(site: Rendered, slug: str) -> None:
    texts = page_texts(site.pdf(f"{slug}.pdf"))
    assert texts
    for n, text in enumerate(texts, start=1):
        assert text.count("TLP:CLEAR") >= 2, f"page {n}: TLP label in header and footer"
        assert f"Page {n} of {len(texts)}" in text
        assert TITLES[slug] in text


def test_brief_has_every_part(site: Rendered) -> None:
    text = " ".join(page_texts(site.pdf("alpha-accord.pdf")))
    for part in (
        "Three states sign the alpha accord.",  # summary
        "By Ada Lovelace",
        "Published 20 November 2026",
        "Geopolitics / Europe",
        "Bottom line up front",
        "The accord very likely holds through 2027.",
        "Key judgments",
        "First point.",
        "Confidence: Moderate",
        "Background",
        "Watch",  # admonition title
        "The footnote text.",
        "Sources",
        "Treaty text",
        "https://example.org/treaty",  # printed, not only linked
        "Accords",
        "Disclosure is not limited.",
    ):
        assert part.lower() in text.lower(), part
    assert "¶" not in text, "permalink anchors are hidden in print"
    corrected = " ".join(page_texts(site.pdf("charlie-grid.pdf")))
    assert "Correction, 23 November 2026: An earlier version misstated the cost." in corrected
    assert "Published 22 November 2026, 09:30 UTC" in corrected


def test_tlp_label_is_at_least_12pt_in_its_colour_on_black(site: Rendered) -> None:
    page = reader(site.pdf("alpha-accord.pdf")).pages[0]
    height = float(page.mediabox.height)
    margins: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        y = tm[5] * cm[3] + cm[5]
        if "TLP" in text and (y > height - 25 * 72 / 25.4 or y < 24 * 72 / 25.4):  # in the page margins
            margins.append(size * abs(tm[3]) * abs(cm[3]))

    page.extract_text(visitor_text=visit)
    assert len(margins) == 2 and min(margins) >= 12, margins
    # Rendered: the header's label area is black with white text for TLP:CLEAR.
    import subprocess

    png = site.root / "page1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile", str(site.pdf("alpha-accord.pdf")), str(png)], check=True
    )
    from PIL import Image

    image = Image.open(f"{png}.png").convert("RGB")
    width, height = image.size
    top_right = image.crop((int(width * 0.7), 0, width, int(height * 0.1)))
    colours = top_right.getcolors(maxcolors=1 << 16) or []
    blacks = sum(count for count, rgb in colours if max(rgb) < 30)
    whites = sum(count for count, rgb in colours if min(rgb) > 225)
    assert blacks > 400 and whites > 0


def test_letter_paper_and_watermark_on_every_page_of_a_draft(preview: Rendered) -> None:
    pdf = preview.pdf("delta-draft.pdf")
    assert pdfinfo(pdf)["Page size"].startswith("612 x 792")
    texts = page_texts(pdf)
    assert len(texts) >= 2
    for n, text in enumerate(texts, start=1):
        assert "DRAFT — NOT FOR DISTRIBUTION" in text, n
        assert watermark_pixels(pdf, n, preview.root) > 50, n
    public = preview.pdf("alpha-accord.pdf")
    for n, text in enumerate(page_texts(public), start=1):
        assert "NOT FOR DISTRIBUTION" not in text
        assert watermark_pixels(public, n, preview.root) == 0


def test_book_in_preview_watermarks_only_the_unpublished_brief(preview: Rendered) -> None:
    pdf = preview.pdf("books/section-energy.pdf")
    texts = page_texts(pdf)
    starts = {title: n for _level, title, n in outline(pdf) if title in ("Charlie grid upgrade approved", "Delta draft not yet published")}
    draft, public = starts["Delta draft not yet published"], starts["Charlie grid upgrade approved"]
    assert draft < public, "newest first"
    for n in range(draft, public):
        assert "DRAFT — NOT FOR DISTRIBUTION" in texts[n - 1], n
    for n in range(public, len(texts) + 1):
        assert "NOT FOR DISTRIBUTION" not in texts[n - 1], n
    assert "PREVIEW" in texts[0], "the cover says the book holds unpublished briefs"


def test_book_pages_carry_label_page_numbers_and_current_title(site: Rendered) -> None:
    pdf = site.pdf("books/section-geopolitics.pdf")
    texts = page_texts(pdf)
    starts = {title: n for level, title, n in outline(pdf) if level == 1 and title in TITLES.values()}
    assert set(starts) == {"Alpha accord signed", "Bravo border reopens"}
    for n, text in enumerate(texts, start=1):
        assert "TLP:CLEAR" in text
        assert f"Page {n} of {len(texts)}" in text
        current = [t for t, start in starts.items() if start <= n]
        expected = max(current, key=lambda t: starts[t]) if current else "Section: Geopolitics"
        assert expected in text, (n, text[:200])


def test_book_cover_and_contents_page_numbers_match_where_briefs_start(site: Rendered) -> None:
    pdf = site.pdf("books/latest.pdf")
    texts = page_texts(pdf)
    cover = texts[0]
    for part in ("Test Briefings", "Latest briefings", "20 November 2026 – 22 November 2026", "TLP:CLEAR", "Disclosure is not limited."):
        assert part.lower() in cover.lower(), part
    assert re.search(r"Briefs\s+3\b", cover, re.I)
    assert re.search(rf"Pages\s+{len(texts)}\b", cover, re.I)
    contents = texts[1]
    assert "Contents" in contents
    listed = {title: int(m.group(1)) for title in TITLES.values() if (m := re.search(re.escape(title) + r"[ .]*?(\d+)\b", contents))}
    assert len(listed) == 3, contents
    for title, page in listed.items():
        first_with_title = next(n for n, t in enumerate(texts, start=1) if n > 2 and title in t)
        assert page == first_with_title, title
        assert texts[page - 1].index(title) >= 0
    bookmarks = outline(pdf)
    assert [(t, n) for level, t, n in bookmarks if level == 1 and t in TITLES.values()] == sorted(listed.items(), key=lambda kv: kv[1])
    children = [t for level, t, _n in bookmarks if level == 2]
    assert {"Background", "Outlook", "Traffic", "Sources"} <= set(children)


def test_book_links_are_internal_and_land_where_briefs_start(site: Rendered) -> None:
    pdf = site.pdf("books/latest.pdf")
    r = reader(pdf)
    named = {str(k): r.get_destination_page_number(v) + 1 for k, v in r.named_destinations.items()}
    starts = {t: n for level, t, n in outline(pdf) if level == 1}
    targets = {
        str(a.get_object()["/Dest"])
        for a in r.pages[1].get("/Annots", [])
        if a.get_object().get("/Subtype") == "/Link" and "/Dest" in a.get_object()
    }
    assert targets == {f"brief-{slug}" for slug in TITLES}
    for slug, title in TITLES.items():
        assert named[f"brief-{slug}"] == starts[title]
    # A footnote reference inside a brief jumps to its note within the same brief.
    assert named["alpha-accord--fn:1"] >= starts["Alpha accord signed"]
    uris = {
        str(a.get_object()["/A"]["/URI"])
        for page in r.pages
        for a in page.get("/Annots", [])
        if "/A" in a.get_object() and a.get_object()["/A"].get("/S") == "/URI"
    }
    assert {"https://example.org/treaty", "https://briefs.example.org/briefs/alpha-accord/"} <= uris


def test_metadata_language_and_tagged_structure(site: Rendered) -> None:
    pdf = site.pdf("alpha-accord.pdf")
    r = reader(pdf)
    meta = r.metadata
    assert meta is not None
    assert meta.title == "Alpha accord signed"
    assert meta.author == "Ada Lovelace"
    assert meta.subject == "Three states sign the alpha accord."
    assert meta["/Keywords"] == "Accords, Europe"
    root = r.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    struct = root["/StructTreeRoot"].get_object()
    assert struct[NameObject("/Type")] == "/StructTreeRoot"
    assert pdfinfo(pdf)["Tagged"] == "yes"
    book = reader(site.pdf("books/tag-europe.pdf")).metadata
    assert book is not None and book.title is not None and "Europe" in book.title and book["/Keywords"] == "Europe"


def test_brief_pdf_paths_are_stable(site: Rendered) -> None:
    from briefkit.pdf import book_pdf_path, brief_pdf_path, section_book_name, tag_book_name

    assert brief_pdf_path("alpha-accord") == "pdf/alpha-accord.pdf"
    assert book_pdf_path(tag_book_name("europe")) == "pdf/books/tag-europe.pdf"
    assert book_pdf_path(section_book_name("energy")) == "pdf/books/section-energy.pdf"
    assert isinstance(site.root, Path)
