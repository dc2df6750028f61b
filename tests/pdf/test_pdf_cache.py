"""The content-addressed cache: render only what changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import brief_yaml
from tests.pdf.pdftools import Rendered, page_texts, render_site, site_files, write_site

ALL = [
    "alpha-accord.pdf",
    "books/latest.pdf",
    "books/section-energy.pdf",
    "books/section-geopolitics.pdf",
    "books/tag-accords.pdf",
    "books/tag-europe.pdf",
    "books/tag-grids.pdf",
    "bravo-border.pdf",
    "charlie-grid.pdf",
]


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    root = write_site(tmp_path_factory.mktemp("cache"), site_files(tags=True, extra={"assets/unused.txt": "x"}))
    return render_site(root, root / "out1", jobs=2)  # worker processes


def test_first_build_renders_everything_in_workers(first: Rendered) -> None:
    assert first.stats.rendered_outputs == ALL
    assert first.stats.cached == 0
    assert first.stats.pages >= 9


def test_nothing_changed_renders_nothing(first: Rendered) -> None:
    again = render_site(first.root, first.root / "out2")
    assert again.stats.rendered == 0
    assert again.stats.cached == len(ALL)
    assert again.stats.outputs == ALL
    for rel in ALL:
        assert (first.root / "out2" / rel).read_bytes() == (first.root / "out1" / rel).read_bytes()


def test_editing_one_brief_renders_it_and_the_books_holding_it(first: Rendered) -> None:
    path = first.root / "briefs/geo/bravo-border.yaml"
    path.write_text(
        brief_yaml(
            title="Bravo border reopens",
            summary="The bravo crossing reopens to freight.",
            section="Geopolitics / Europe",
            date="2026-11-21",
            tags=["Europe"],
            body="The crossing reopened on Saturday, not Friday.\n",
        ),
        encoding="utf-8",
    )
    done = render_site(first.root, first.root / "out3")
    assert done.stats.rendered_outputs == ["books/latest.pdf", "books/section-geopolitics.pdf", "books/tag-europe.pdf", "bravo-border.pdf"]
    assert done.stats.cached == len(ALL) - 4
    assert "Saturday, not Friday" in " ".join(page_texts(first.root / "out3" / "bravo-border.pdf"))


def test_an_unrelated_asset_renders_nothing_and_a_named_one_renders_its_pdfs(first: Rendered) -> None:
    (first.root / "assets" / "new-chart.png").write_bytes(b"not used by anyone")
    assert render_site(first.root, first.root / "out4").stats.rendered == 0
    (first.root / "assets" / "unused.txt").write_text("changed")
    assert render_site(first.root, first.root / "out4").stats.rendered == 0
    # charlie names an asset in its body; changing that file re-renders charlie and its books.
    path = first.root / "briefs/energy/charlie-grid.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "The upgrade costs EUR 2 billion.", "The upgrade costs EUR 2 billion. ![chart](/assets/new-chart.png)"
        )
    )
    render_site(first.root, first.root / "out4")
    (first.root / "assets" / "new-chart.png").write_bytes(b"a different chart")
    done = render_site(first.root, first.root / "out4")
    assert done.stats.rendered_outputs == ["books/latest.pdf", "books/section-energy.pdf", "books/tag-grids.pdf", "charlie-grid.pdf"]


def test_a_template_change_renders_everything(first: Rendered) -> None:
    css = first.root / "templates" / "pdf" / "extra.css"
    css.parent.mkdir(parents=True, exist_ok=True)
    css.write_text(".bluf { border-left-color: #006400; }\n")
    done = render_site(first.root, first.root / "out5")
    assert done.stats.rendered_outputs == ALL


def test_cached_files_are_published_atomically_as_links_or_copies(first: Rendered) -> None:
    cache = first.root / "build" / "cache" / "pdf"
    entries = list(cache.glob("*/*.pdf"))
    assert len(entries) >= len(ALL)
    published = first.root / "out5" / "alpha-accord.pdf"
    assert published.read_bytes() in {e.read_bytes() for e in entries}
    assert not list((first.root / "out5").rglob(".*.tmp"))
    assert isinstance(published, Path)
