"""`brief pdf`: choosing what to print, errors, and byte-identical output across processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefkit.cli.main import main
from tests.pdf.pdftools import page_texts, site_files, write_site

AS_OF = "2026-11-25T12:00:00+00:00"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("cli"), site_files(tags=True))


def run(site: Path, *args: str) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(site)
    try:
        result = CliRunner().invoke(main, ["pdf", "--as-of", AS_OF, "-j", "1", *args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def listed(stdout: str) -> list[str]:
    return sorted(Path(line).relative_to(Path(line).parts[0]).as_posix() for line in stdout.split())


def test_slugs_tags_sections_and_books(site: Path) -> None:
    code, out, err = run(site, "bravo-border", "--tag", "Accords", "--section", "Energy", "--book", "tag-europe", "-o", "chosen")
    assert code == 0, err
    assert listed(out) == ["alpha-accord.pdf", "books/tag-europe.pdf", "bravo-border.pdf", "charlie-grid.pdf"]
    assert sorted(p.relative_to(site / "chosen").as_posix() for p in (site / "chosen").rglob("*.pdf")) == listed(out)
    assert "4 PDF(s)" in err


def test_everything_by_default_into_build_pdf(site: Path) -> None:
    code, _out, err = run(site)
    assert code == 0, err
    made = sorted(p.relative_to(site / "build" / "pdf").as_posix() for p in (site / "build" / "pdf").rglob("*.pdf"))
    assert "books/latest.pdf" in made and "alpha-accord.pdf" in made and "delta-draft.pdf" not in made


def test_unknown_names_are_usage_errors_with_suggestions(site: Path) -> None:
    code, _out, err = run(site, "bravo-bordr")
    assert code == 2 and "no brief 'bravo-bordr'" in err and "bravo-border" in err
    code, _out, err = run(site, "--book", "tag-europa")
    assert code == 2 and "no book 'tag-europa'" in err and "tag-europe" in err
    code, _out, err = run(site, "--tag", "nowhere")
    assert code == 2 and "no brief to print is tagged 'nowhere'" in err


def test_a_draft_needs_preview_and_is_then_watermarked(site: Path) -> None:
    code, _out, err = run(site, "delta-draft", "-o", "drafts")
    assert code == 2 and "not public (draft)" in err and "--preview" in err
    assert not (site / "drafts").exists()
    code, _out, err = run(site, "delta-draft", "--preview", "-o", "drafts")
    assert code == 0, err
    assert all("DRAFT — NOT FOR DISTRIBUTION" in t for t in page_texts(site / "drafts" / "delta-draft.pdf"))


def test_two_processes_write_byte_identical_pdfs(tmp_path: Path) -> None:
    """Separate checkouts, caches and processes (one with workers) give the same bytes."""
    site = write_site(tmp_path / "site", site_files(sections=False))
    outputs = []
    for name, jobs in (("one", "1"), ("two", "2")):
        copy = tmp_path / name
        shutil.copytree(site, copy)
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1764072000", "NO_COLOR": "1"}
        subprocess.run(
            [sys.executable, "-m", "briefkit.cli.main", "pdf", "-o", "out", "-j", jobs], cwd=copy, env=env, check=True, capture_output=True
        )
        outputs.append(copy / "out")
    first = sorted(p.relative_to(outputs[0]).as_posix() for p in outputs[0].rglob("*.pdf"))
    second = sorted(p.relative_to(outputs[1]).as_posix() for p in outputs[1].rglob("*.pdf"))
    assert first == second == ["alpha-accord.pdf", "books/latest.pdf", "bravo-border.pdf", "charlie-grid.pdf"]
    for rel in first:
        assert (outputs[0] / rel).read_bytes() == (outputs[1] / rel).read_bytes(), rel


def test_a_broken_print_template_is_reported_with_file_and_line(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", site_files(sections=False))
    (site / "templates" / "pdf").mkdir(parents=True)
    (site / "templates" / "pdf" / "brief.html.j2").write_text("<html>\n{% if %}\n</html>\n", encoding="utf-8")
    code, out, err = run(site, "alpha-accord")
    assert code == 1
    assert "templates/pdf/brief.html.j2:2:1: error:" in out
    assert "a print template has an error" in err
    assert not (site / "build" / "pdf").exists()


def test_a_site_logo_from_the_assets_folder_is_printed(tmp_path: Path) -> None:
    from tests.pdf.pdftools import reader
    from tests.pdf.test_pdf_fetcher import PNG

    site = write_site(
        tmp_path / "site",
        {**site_files(sections=False), "templates/pdf/extra.css": '.masthead { background: url("assets/logo.png") no-repeat; }\n'},
    )
    (site / "assets").mkdir()
    (site / "assets" / "logo.png").write_bytes(PNG)
    code, _out, err = run(site, "alpha-accord")
    assert code == 0, err
    assert "not embedded" not in err
    assert any(reader(site / "build" / "pdf" / "alpha-accord.pdf").pages[0].images)


def test_a_template_that_fails_while_rendering_names_its_line(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", site_files(sections=False))
    (site / "templates" / "pdf").mkdir(parents=True)
    (site / "templates" / "pdf" / "brief.html.j2").write_text("<html>\n<p>{{ no_such_thing.title }}</p>\n</html>\n", encoding="utf-8")
    code, out, err = run(site, "alpha-accord")
    assert code == 1
    assert "1 PDF(s) could not be rendered" in err
    assert "templates/pdf/brief.html.j2:2: UndefinedError" in out
    assert "Traceback" not in out + err


def test_a_book_over_the_cap_keeps_the_newest_and_says_so(tmp_path: Path) -> None:
    files = site_files()
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("        books:\n", "        books:\n          max_briefs: 1\n")
    site = write_site(tmp_path / "site", files)
    code, _out, err = run(site, "--book", "section-geopolitics")
    assert code == 0, err
    texts = page_texts(site / "build" / "pdf" / "books" / "section-geopolitics.pdf")
    assert "This book holds the newest 1 of 2 briefs." in texts[0]
    body = " ".join(texts[2:])
    assert "Bravo border reopens" in body and "Alpha accord signed" not in body
