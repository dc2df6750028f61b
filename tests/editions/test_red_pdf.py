"""TLP:RED is printed only as a named copy: ``brief pdf SLUG --recipient "Name, Organisation"``.

Real WeasyPrint; every page's text is read with pdftotext.
"""

from __future__ import annotations

import re

from click.testing import CliRunner, Result

from briefkit.cli.main import main
from tests.conftest import FileTree, brief_yaml, site_config
from tests.editions.gatetools import AS_OF, pdf_pages

LONG_BODY = "\n\n".join(f"Paragraph {n} of the assessment, long enough to fill the page. " * 6 for n in range(40)) + "\n"
RECIPIENT = "Jane Doe, Acme Ltd"


def brief(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def red_site() -> dict[str, str | bytes]:
    return {
        "mkdocs.yml": site_config("Red Test", pdf="true").replace("      pdf:\n", "      pdf:\n        jobs: 1\n"),
        "briefs/public-note.yaml": brief_yaml(title="Public note", date="2026-11-05"),
        "briefs/red-plan.yaml": brief_yaml(title="Evacuation plan", date="2026-11-06", handling="TLP:RED", body=LONG_BODY),
        "briefs/strict-plan.yaml": brief_yaml(title="Staff rota", date="2026-11-07", handling="TLP:AMBER+STRICT", body=LONG_BODY),
    }


def test_a_red_copy_names_its_recipient_on_every_page(build_file_tree: FileTree) -> None:
    root = build_file_tree(red_site())
    result = brief("pdf", "red-plan", "--recipient", f"  {RECIPIENT} ", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    pdf = root / "build/pdf/red-plan--jane-doe-acme-ltd.pdf"
    pages = pdf_pages(pdf)
    assert len(pages) >= 3
    for number, text in enumerate(pages, 1):
        assert f"TLP:RED — for {RECIPIENT} only" in text, f"page {number}: {text[:300]}"
        assert "TLP:RED" in text
    assert "Evacuation plan" in pages[0]


def test_an_amber_strict_copy_names_its_recipient_too(build_file_tree: FileTree) -> None:
    root = build_file_tree(red_site())
    result = brief("pdf", "strict-plan", "--recipient", RECIPIENT, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    pages = pdf_pages(root / "build/pdf/strict-plan--jane-doe-acme-ltd.pdf")
    assert len(pages) >= 3
    assert all(f"TLP:AMBER+STRICT — copy for {RECIPIENT}" in text for text in pages), pages


def test_two_recipients_get_two_copies(build_file_tree: FileTree) -> None:
    root = build_file_tree(red_site())
    assert brief("pdf", "red-plan", "--recipient", RECIPIENT, "--as-of", AS_OF).exit_code == 0
    assert brief("pdf", "red-plan", "--recipient", "Max Mustermann, Beispiel GmbH", "--as-of", AS_OF).exit_code == 0
    first = pdf_pages(root / "build/pdf/red-plan--jane-doe-acme-ltd.pdf")
    second = pdf_pages(root / "build/pdf/red-plan--max-mustermann-beispiel-gmbh.pdf")
    assert f"for {RECIPIENT} only" in first[-1]
    assert "for Max Mustermann, Beispiel GmbH only" in second[-1]
    assert RECIPIENT not in " ".join(second)  # a cached copy for one recipient never serves another


def test_red_without_a_recipient_is_refused(build_file_tree: FileTree) -> None:
    root = build_file_tree(red_site())
    handling_line = next(
        i for i, line in enumerate((root / "briefs/red-plan.yaml").read_text().splitlines(), 1) if line.startswith("handling:")
    )
    for extra in ([], ["--preview"]):
        result = brief("pdf", "red-plan", "--as-of", AS_OF, *extra)
        assert result.exit_code == 1, result.output
        assert re.search(
            rf"^briefs/red-plan\.yaml:{handling_line}:11: error: brief 'red-plan' is TLP:RED: its PDF is made only for a named "
            r"recipient, and it is never part of a site \[red-needs-recipient\]",
            result.output,
            re.M,
        ), result.output
        assert "Traceback" not in result.output
    assert not (root / "build/pdf").exists() or not list((root / "build/pdf").rglob("*.pdf"))


def test_a_print_of_everything_leaves_red_out(build_file_tree: FileTree) -> None:
    root = build_file_tree(red_site())
    result = brief("pdf", "--preview", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    made = sorted(p.relative_to(root / "build/pdf").as_posix() for p in (root / "build/pdf").rglob("*.pdf"))
    assert "red-plan.pdf" not in made
    assert {"public-note.pdf", "strict-plan.pdf"} <= set(made)
    for book in (p for p in made if p.startswith("books/")):
        assert "Evacuation plan" not in " ".join(pdf_pages(root / "build/pdf" / book))


def test_recipient_is_for_named_briefs_and_plain_names_only(build_file_tree: FileTree) -> None:
    build_file_tree(red_site())
    for args in (["--book", "latest"], ["--tag", "NATO allies"], []):
        result = brief("pdf", *args, "--recipient", RECIPIENT, "--as-of", AS_OF)
        assert result.exit_code == 2, (args, result.output)
        assert "--recipient prints named copies of briefs given by slug only" in result.output
    for bad in ("   ", "Jane\u202eDoe", "x" * 201):
        result = brief("pdf", "red-plan", "--recipient", bad, "--as-of", AS_OF)
        assert result.exit_code == 2, (bad, result.output)
        assert "--recipient" in result.output
