"""Cache keys from effective inputs: what a change to mkdocs.yml, a template or a brief makes ``brief build`` redo.

Real builds (MkDocs, WeasyPrint) of one small site; each test changes one
input, builds, compares every file of build/site and build/docs (inode,
mtime in ns, bytes) with the build before, then puts the input back and
builds again, so the next test starts from the same site.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefkit.content.templating import packaged_templates
from tests.conftest import brief_yaml
from tests.pipeline.keytools import BRIEFS, MKDOCS, PDFS, Outputs, build, page_width, reorder_top_level, site_pdfs, write


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("keys")
    write(root, {"mkdocs.yml": MKDOCS, **BRIEFS})
    build(root)
    assert sorted(p for p in Outputs.of(root).site if p.startswith("pdf/")) == PDFS
    return root


@pytest.fixture
def restore(site: Path) -> Iterator[Path]:
    """The site; afterwards its sources as they were, built again."""
    saved = {p: p.read_bytes() for p in site.rglob("*") if p.is_file() and "build" not in p.relative_to(site).parts}
    yield site
    for path in [p for p in site.rglob("*") if p.is_file() and "build" not in p.relative_to(site).parts]:
        if path not in saved:
            path.unlink()
    for path, data in saved.items():
        path.write_bytes(data)
    build(site)


def test_a_comment_in_mkdocs_yml_rewrites_nothing(restore: Path) -> None:
    before = Outputs.of(restore)
    config = restore / "mkdocs.yml"
    config.write_text("# The desk's site.\n" + config.read_text(encoding="utf-8").replace("\ntheme:", "\n\n# Look\ntheme:  # Material\n"))
    output = build(restore)
    assert before.rewritten(Outputs.of(restore)) == set()
    assert "site is up to date" in output


def test_reordered_keys_in_mkdocs_yml_rewrite_nothing(restore: Path) -> None:
    before = Outputs.of(restore)
    config = restore / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(reorder_top_level(text), encoding="utf-8")
    assert config.read_text(encoding="utf-8").splitlines()[0] != text.splitlines()[0]  # really reordered
    build(restore)
    assert before.rewritten(Outputs.of(restore)) == set()


def test_pdf_paper_rerenders_every_pdf_and_no_web_page(restore: Path) -> None:
    before = Outputs.of(restore)
    assert all(page_width(restore / "build/site" / p) < 600 for p in PDFS)  # A4
    config = restore / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("paper: A4", "paper: Letter"), encoding="utf-8")
    build(restore)
    after = Outputs.of(restore)
    assert before.rewritten(after) == site_pdfs(PDFS)
    assert all(page_width(restore / "build/site" / p) == 612 for p in PDFS)


def test_a_print_template_rerenders_pdfs_only(restore: Path) -> None:
    before = Outputs.of(restore)
    write(restore, {"templates/pdf/extra.css": "h1 { letter-spacing: 0.02em; }\n"})
    build(restore)
    assert before.rewritten(Outputs.of(restore)) == site_pdfs(PDFS)


def test_the_book_template_rerenders_the_books_only(restore: Path) -> None:
    before = Outputs.of(restore)
    packaged = (packaged_templates() / "pdf/book.html.j2").read_text(encoding="utf-8")
    write(restore, {"templates/pdf/book.html.j2": packaged + "{# edited #}\n"})
    build(restore)
    assert before.rewritten(Outputs.of(restore)) == site_pdfs([p for p in PDFS if p.startswith("pdf/books/")])


def test_one_brief_rerenders_its_pdf_and_its_books_only(restore: Path) -> None:
    before = Outputs.of(restore)
    edited = brief_yaml(title="Border reopens", section="Geopolitics", date="2026-11-21", body="Border body, corrected.\n")
    write(restore, {"briefs/geo/border.yaml": edited})
    build(restore)
    rewritten = before.rewritten(Outputs.of(restore))
    pdfs = {p for p in rewritten if p.startswith("site/pdf/")}
    assert pdfs == site_pdfs(["pdf/border.pdf", "pdf/books/section-geopolitics.pdf"])
    assert "docs/briefs/border/index.md" in rewritten  # its page was rendered again, as it must be
