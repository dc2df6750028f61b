"""briefkit's own MkDocs run hands its raw-HTML pages past Python-Markdown, and the pages come out the same.

``brief build`` swaps each generated page for a placeholder before Markdown and
puts its HTML back after (``briefkit.web.rawpages``); plain ``mkdocs build -f
build/mkdocs.yml``, which runs no briefkit plugin, converts the very same files.
Both must give the same page, byte for byte.  A site whose page templates are
its own (which may write Markdown) gets no swap.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from briefkit.cli.main import main
from briefkit.web import rawpages
from tests.conftest import FileTree, site_config
from tests.engines.enginetools import EPOCH, copy_demo, run, site_files, tree

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
PAGES = re.compile(r"^(index\.html|(briefs|tags|sections|archive|places)/.*index\.html)$")


def _build(root: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """``brief build --no-pdf`` in this process; how many pages it swapped."""
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    before = rawpages.swapped
    result = CliRunner().invoke(main, ["build", "--no-pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return rawpages.swapped - before


def test_swapped_pages_are_the_pages_plain_mkdocs_makes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_demo(tmp_path / "demo")
    swapped = _build(root, monkeypatch)
    generated = [p for p in (root / "build/docs").rglob("*.md")]
    assert swapped == len(generated) > 30  # every generated page: briefs, listings, home
    run("mkdocs", "build", "-f", "build/mkdocs.yml", cwd=root)
    ours, plain = tree(root / "build/site"), tree(root / "build/engine-site")
    pages = sorted(name for name in ours if PAGES.match(name))
    assert len(pages) == len(generated)
    for name in pages:
        assert GENERATOR.sub(b"", ours[name]) == GENERATOR.sub(b"", plain[name]), name


def test_a_site_with_its_own_page_templates_is_converted_by_markdown(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its brief page template adds Markdown after briefkit's HTML: Markdown must still see it."""
    override = '{{ front_matter }}\n{% include "site/partials/brief.html.j2" %}\n\n**Filed by the desk**\n'
    root = build_file_tree({**site_files(), "templates/site/brief.md.j2": override})
    assert _build(root, monkeypatch) == 0
    page = lxml.html.fromstring((root / "build/site/briefs/alpha/index.html").read_bytes())
    assert [s.text_content() for s in page.xpath("//strong")][-1:] == ["Filed by the desk"]


def test_an_extension_that_edits_html_turns_the_swap_off(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    config = site_config(
        "Engine Desk",
        docs_dir="templates/mkdocs",
        site_dir="build/site",
        timezone=None,
        default_handling=None,
        pdf=None,
        options="pdf:\n  books: {latest: 0, tags: false, sections: false, daily: false}",
        markdown_extensions="- pymdownx.striphtml",
    )
    root = build_file_tree({**site_files(), "mkdocs.yml": config})
    assert _build(root, monkeypatch) == 0
    assert (root / "build/site/briefs/alpha/index.html").is_file()
