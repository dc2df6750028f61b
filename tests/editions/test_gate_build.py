"""The gate in the public build and in ``brief check --editions``: real builds (MkDocs, Material, WeasyPrint).

A template that leaks a restricted brief's text on purpose makes the build
fail with the brief and the file named, and the previous site stays as it was.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from briefkit.cli.main import main
from tests.conftest import FileTree
from tests.editions.gatetools import AS_OF, SECRET, SHARED, site

LEAKY_OVERRIDE = (
    '{% extends "base.html" %}\n{% block extrahead %}{{ super() }}\n<meta name="description" content="' + SECRET + '">\n{% endblock %}\n'
)


def brief(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_public_build_passes_the_gate_with_shared_text_and_pdfs(build_file_tree: FileTree) -> None:
    """The public brief repeats a sentence of the AMBER one: search index, feed, pages and PDFs hold it, and that is no leak."""
    root = build_file_tree(site(pdf=True))
    result = brief("build", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    page = (root / "build/site/briefs/public-note/index.html").read_text(encoding="utf-8")
    assert SHARED in page
    assert (root / "build/site/pdf/public-note.pdf").is_file()
    assert (root / "build/site/search/search_index.json").is_file()
    check = brief("check", "--editions")
    assert check.exit_code == 0, check.output


def test_a_template_that_leaks_fails_the_build_and_the_previous_site_stays(build_file_tree: FileTree) -> None:
    root = build_file_tree(site())
    assert brief("build", "--as-of", AS_OF).exit_code == 0
    before = snapshot(root / "build/site")
    (root / "templates/overrides").mkdir(parents=True)
    (root / "templates/overrides/main.html").write_text(LEAKY_OVERRIDE, encoding="utf-8")
    result = brief("build", "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    # The brief's body, at its line in the brief's file, and one of the pages that printed it.
    body_line = next(
        i for i, line in enumerate((root / "briefs/amber-crates.yaml").read_text().splitlines(), 1) if line.startswith("body:")
    )
    found = re.findall(
        r"^briefs/amber-crates\.yaml:(\d+):(\d+): error: body \(TLP:AMBER\) is withheld from the public edition, "
        r"but (\S+) holds its text",
        result.output,
        re.M,
    )
    assert found, result.output
    assert {int(line) for line, _, _ in found} == {body_line}
    assert "build/site/index.html" in {where for _, _, where in found}
    assert "the previous site stays" in result.output
    assert "patrol boats" not in result.output.casefold()  # the withheld text itself is never printed
    assert snapshot(root / "build/site") == before
    assert [p.name for p in (root / "build").iterdir() if p.name.startswith(".site")] == []


def test_a_restricted_brief_forced_into_the_public_corpus_fails_the_build(
    build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defence in depth: if the edition filter the build renders from ever let an AMBER brief through, the gate,
    which decides what is withheld brief by brief on its own (editions.select.withheld), still stops the build."""
    root = build_file_tree(site(pdf=True))
    assert brief("build", "--as-of", AS_OF).exit_code == 0
    before = snapshot(root / "build/site")
    from briefkit.editions import build as editions_build

    # The bug: the corpus the load stage hands to every later stage holds every brief.
    monkeypatch.setattr(editions_build, "edition_corpus", lambda corpus, edition, now, tz=None: corpus)
    result = brief("build", "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    leaked = set(
        re.findall(r"^briefs/amber-crates\.yaml:\d+:\d+: error: (\S+) \(TLP:AMBER\) is withheld .* but (\S+) holds", result.output, re.M)
    )
    assert ("body", "build/site/briefs/amber-crates/index.html") in leaked, result.output
    assert ("title", "build/site/pdf/amber-crates.pdf") in leaked, result.output
    assert ("key_points[0]", "build/site/search/search_index.json") in leaked, result.output
    assert ("title", "build/site/feed.xml") in leaked, result.output
    assert snapshot(root / "build/site") == before


def test_check_editions_finds_text_planted_in_built_output(build_file_tree: FileTree) -> None:
    root = build_file_tree(site())
    assert brief("build", "--as-of", AS_OF).exit_code == 0
    assert brief("check", "--editions").exit_code == 0
    feed = root / "build/site/feed.xml"
    feed.write_text(feed.read_text(encoding="utf-8").replace("</feed>", f"<!-- {SECRET} --></feed>"), encoding="utf-8")
    result = brief("check", "--editions")
    assert result.exit_code == 1
    assert re.search(r"^briefs/amber-crates\.yaml:\d+:\d+: error: body .* but build/site/feed\.xml holds its text", result.output, re.M), (
        result.output
    )


def test_check_editions_without_a_built_site_warns(build_file_tree: FileTree) -> None:
    build_file_tree(site())
    result = brief("check", "--editions", "--strict")
    assert result.exit_code == 1
    assert re.search(r"^build/site:0:0: warning: no public site to check \[edition-not-built\]", result.output, re.M), result.output
