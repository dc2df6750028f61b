"""Every edition built for real (MkDocs and WeasyPrint), every output file parsed: each planted word is exactly where it may be."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefkit.cli.main import main
from briefkit.model import Tlp
from tests.editions.editions_site import EDITIONS, EXPECTED, SITE_DIRS, files, output_texts

AS_OF = "2026-12-01T00:00:00+00:00"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("editions")
    for rel, text in files(pdf=True).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text if isinstance(text, str) else text.decode(), encoding="utf-8")
    was = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["build", "--edition", "all", "--as-of", AS_OF, "-j", "1"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        yield root
    finally:
        os.chdir(was)


@pytest.fixture(scope="module")
def texts(built: Path) -> dict[str, dict[str, str]]:
    return {name: output_texts(built / SITE_DIRS[name]) for name in EDITIONS}


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_word_where_it_may_not_be_and_every_word_where_it_should(texts: dict[str, dict[str, str]], edition: str) -> None:
    outputs = texts[edition]
    assert any(rel.endswith(".pdf") for rel in outputs), "the PDFs were built and read too"
    leaks = {w: sorted(rel for rel, text in outputs.items() if w in text) for w, where in EXPECTED.items() if edition not in where}
    assert {w: files for w, files in leaks.items() if files} == {}
    missing = [w for w, where in EXPECTED.items() if edition in where and not any(w in text for text in outputs.values())]
    assert missing == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_brief_pdf_holds_what_the_edition_shows(texts: dict[str, dict[str, str]], edition: str) -> None:
    """Per file, not only per site: the brief's own PDF holds its body (or its tearline's), and the web page too."""
    outputs = texts[edition]
    shows = {
        "public": {"clear": "clear", "amber": "ambertlclear"},
        "partners": {"green": "green", "amber": "ambertlgreen", "red": "redtlgreen"},
    }
    for slug, where in shows.get(edition, {}).items():
        pdf = next(text for rel, text in outputs.items() if rel.endswith(f"{slug}.pdf"))
        page = outputs[f"briefs/{slug}/index.html"]
        assert f"qq{where}bodyqq" in pdf and f"qq{where}bodyqq" in page


def test_public_edition_has_no_banner_and_keeps_its_sitemap(built: Path) -> None:
    site = built / SITE_DIRS["public"]
    assert (site / "sitemap.xml").is_file()
    page = lxml.html.fromstring((site / "index.html").read_bytes())
    assert page.find_class("bk-edition-banner") == []


@pytest.mark.parametrize("edition", ["partners", "internal"])
def test_non_public_editions_are_not_indexed(built: Path, edition: str) -> None:
    site = built / SITE_DIRS[edition]
    assert (site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists() and not (site / "sitemaps").exists()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5
    for path in pages:
        page = lxml.html.fromstring(path.read_bytes())
        assert [m.get("content") for m in page.xpath('//meta[@name="robots"]')] == ["noindex, nofollow"], path
        feeds = [link for link in page.xpath("//link[@rel]") if "alternate" in link.get("rel", "").split()]
        assert feeds == [], path


def _banner(path: Path) -> tuple[str, str, str]:
    page = lxml.html.fromstring(path.read_bytes())
    top, bottom = page.find_class("bk-edition-banner")
    label = top.find_class("bk-edition-banner__label")[0].text_content()
    assert bottom.find_class("bk-edition-banner__label")[0].text_content() == label
    edition = top.find_class("bk-edition-banner__edition")[0].text_content()
    rule = bottom.find_class("bk-edition-banner__rule")[0].text_content()
    return edition, label, rule


def test_every_page_shows_the_edition_and_the_highest_label_on_it(built: Path) -> None:
    partners = built / SITE_DIRS["partners"]
    internal = built / SITE_DIRS["internal"]
    green_rule = f"TLP:GREEN: {Tlp.GREEN.meaning}"
    assert _banner(partners / "briefs/green/index.html") == ("Partner edition", "TLP:GREEN", green_rule)
    assert _banner(partners / "index.html")[1] == "TLP:GREEN"  # the home page lists the GREEN brief
    assert _banner(partners / "tags/index.html")[1] == "TLP:CLEAR"  # names of tags only: nothing above CLEAR
    # the AMBER brief's page lists the AMBER+STRICT brief as related: the banner is the highest on the page
    amber = lxml.html.fromstring((internal / "briefs/amber/index.html").read_bytes())
    assert any(a.get("href", "").rstrip("/").endswith("strict") for a in amber.iter("a"))
    assert _banner(internal / "briefs/amber/index.html") == (
        "Internal edition",
        "TLP:AMBER+STRICT",
        f"TLP:AMBER+STRICT: {Tlp.AMBER_STRICT.meaning}",
    )
    assert _banner(internal / "briefs/strict/index.html")[1] == "TLP:AMBER+STRICT"
    assert _banner(internal / "index.html")[1] == "TLP:AMBER+STRICT"


def test_full_brief_prints_its_tearlines_after_the_body_under_a_marked_rule(built: Path) -> None:
    page = lxml.html.fromstring((built / SITE_DIRS["internal"] / "briefs/amber/index.html").read_bytes())
    rules = page.find_class("bk-tearline")
    assert [r.find_class("bk-tearline__label")[0].text_content() for r in rules] == ["TLP:GREEN", "TLP:CLEAR"]
    text = page.text_content()
    assert text.index("qqamberbodyqq") < text.index("Tearline: releasable as TLP:GREEN") < text.index("qqambertlgreenbodyqq")
    assert text.index("qqambertlgreenbodyqq") < text.index("Tearline: releasable as TLP:CLEAR") < text.index("qqambertlclearbodyqq")
    marks = [m.text_content() for m in page.find_class("bk-portion__mark")]
    assert marks == ["(TLP:GREEN)"]


def test_tearline_version_carries_the_tearline_label(built: Path) -> None:
    page = lxml.html.fromstring((built / SITE_DIRS["public"] / "briefs/amber/index.html").read_bytes())
    labels = [e.find_class("bk-tlp__label")[0].text_content() for e in page.find_class("bk-tlp")]
    assert labels == ["TLP:CLEAR"]
    page = lxml.html.fromstring((built / SITE_DIRS["partners"] / "briefs/red/index.html").read_bytes())
    assert [e.find_class("bk-tlp__label")[0].text_content() for e in page.find_class("bk-tlp")] == ["TLP:GREEN"]


def test_edition_pdfs_name_the_edition_and_label_on_every_page(built: Path) -> None:
    pdfs = sorted((built / SITE_DIRS["partners"]).rglob("*.pdf"))
    assert pdfs
    for path in pdfs:
        reader = PdfReader(path)
        for number, pdf_page in enumerate(reader.pages, 1):
            text = pdf_page.extract_text()
            assert "Partner edition" in text, (path.name, number)
            assert any(t.value in text for t in Tlp), (path.name, number)
            assert "TLP:AMBER" not in text and "TLP:RED" not in text, (path.name, number)
