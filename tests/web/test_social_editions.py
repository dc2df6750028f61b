"""Each edition publishes the cards of the briefs it shows, as it shows them: a tearline's title and label, never the full brief's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from click.testing import CliRunner

from briefkit.cli.main import main
from briefkit.model import Tlp
from briefkit.web.cards import draw_card
from tests.editions.editions_site import SITE_DIRS, files, word
from tests.web.socialtools import card, colour_count, rgb

AS_OF = "2026-12-01T00:00:00+00:00"
SHOWN = {
    "public": {"clear", "amber"},
    "partners": {"clear", "green", "amber", "red"},
    "internal": {"clear", "green", "amber", "strict", "red"},
}
SITE = {
    "public": "Planted Briefings",
    "partners": "Planted Briefings \u00b7 Partner edition",
    "internal": "Planted Briefings \u00b7 Internal edition",
}
ATOM = {"a": "http://www.w3.org/2005/Atom", "media": "http://search.yahoo.com/mrss/"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("editions")
    for rel, text in files(pdf=False).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text if isinstance(text, str) else text.decode(), encoding="utf-8")
    was = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["build", "--edition", "all", "--as-of", AS_OF], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        yield root
    finally:
        os.chdir(was)


def drawn(title_of: str, label: Tlp, date: str, edition: str, prefix: str = "Report") -> bytes:
    return draw_card(card(f"{prefix} {word(title_of, 'title')} {'released' if prefix == 'Tearline' else 'on the coast'}",
                          label, section="Security", date=date, site=SITE[edition]))  # fmt: skip


@pytest.mark.parametrize("edition", sorted(SHOWN))
def test_an_edition_has_the_cards_of_what_it_shows_and_no_other(built: Path, edition: str) -> None:
    site = built / SITE_DIRS[edition]
    assert {p.stem for p in (site / "cards").iterdir()} == SHOWN[edition]
    feed = lxml.etree.fromstring((site / "feed.xml").read_bytes())
    named = {m.get("url").rsplit("/", 1)[1].removesuffix(".png") for m in feed.iterfind("a:entry/media:content", ATOM)}
    assert named == SHOWN[edition]


def test_the_public_card_of_a_tearline_brief_is_the_tearlines_title_and_label(built: Path) -> None:
    published = (built / SITE_DIRS["public"] / "cards" / "amber.png").read_bytes()
    assert published == drawn("ambertlclear", Tlp.CLEAR, "18 November 2026", "public", "Tearline")
    assert published != drawn("amber", Tlp.CLEAR, "18 November 2026", "public")
    assert colour_count(rgb(published), Tlp.AMBER.colour) == 0, "no AMBER anywhere on the public card"
    page = lxml.html.fromstring((built / SITE_DIRS["public"] / "briefs" / "amber" / "index.html").read_bytes())
    (alt,) = [m.get("content") for m in page.iter("meta") if m.get("property") == "og:image:alt"]
    assert word("ambertlclear", "title") in alt and "TLP:CLEAR" in alt and word("amber", "title") not in alt


def test_a_staff_edition_shows_the_full_brief_in_amber_and_partners_the_green_tearline(built: Path) -> None:
    internal = (built / SITE_DIRS["internal"] / "cards" / "amber.png").read_bytes()
    assert internal == drawn("amber", Tlp.AMBER, "18 November 2026", "internal")
    assert colour_count(rgb(internal), Tlp.AMBER.colour) > 500
    partners = (built / SITE_DIRS["partners"] / "cards" / "amber.png").read_bytes()
    assert partners == drawn("ambertlgreen", Tlp.GREEN, "18 November 2026", "partners", "Tearline")
    # A RED brief is never a site; its GREEN tearline is, with a GREEN card.
    red = (built / SITE_DIRS["partners"] / "cards" / "red.png").read_bytes()
    assert red == drawn("redtlgreen", Tlp.GREEN, "16 November 2026", "partners", "Tearline")
    assert colour_count(rgb(red), Tlp.RED.colour) == 0
