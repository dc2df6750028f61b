"""The image that stands for a brief: its card, drawn from the brief as the build shows it."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from briefkit.common.report import Reporter
from briefkit.config import load_config
from briefkit.content.markup import BodyRenderer
from briefkit.content.social import card_text, card_url, social_image
from briefkit.content.view import build_views
from briefkit.editions.model import Edition
from briefkit.editions.select import edition_corpus
from briefkit.model import Tlp
from briefkit.pipeline.stages import load_valid
from tests.conftest import FileTree, brief_yaml, site_config

NOW = datetime(2026, 12, 1, tzinfo=UTC)
TEARLINE = {"handling": "TLP:CLEAR", "title": "Drones seen near a port", "summary": "Sightings near Zeebrugge.", "body": "Released text.\n"}


def test_a_briefs_image_is_its_card_at_a_stable_url(build_file_tree: FileTree) -> None:
    root = build_file_tree(
        {
            "mkdocs.yml": site_config("Card Desk", timezone="Europe/Brussels"),
            "briefs/a.yaml": brief_yaml(
                title="  Drone   sightings\tat Zeebrugge ", section="Security / Ports", date="2026-11-20T23:30:00Z"
            ),
        }
    )
    config = load_config(root)
    views = build_views(load_valid(config, Reporter(quiet=True)).corpus, BodyRenderer(), now=NOW, tz=config.tz)
    view = views.by_slug["a"]
    image = social_image(view)
    assert (
        (image.url, image.width, image.height, image.type)
        == (card_url("a"), 1200, 630, "image/png")
        == ("cards/a.png", 1200, 630, "image/png")
    )
    assert image.alt == "Drone sightings at Zeebrugge (Security / Ports, TLP:CLEAR)"
    text = card_text(view, "Card Desk", ZoneInfo("Europe/Brussels"))
    # The date as readers read it (common.dates.long_date, in the site's zone: already the 21st in Brussels).
    assert (text.title, text.section, text.date, text.label, text.site) == (
        "Drone sightings at Zeebrugge",
        "Security / Ports",
        "21 November 2026, 00:30 CET",
        Tlp.CLEAR,
        "Card Desk",
    )


def test_an_edition_that_shows_a_tearline_draws_the_tearline(build_file_tree: FileTree) -> None:
    root = build_file_tree(
        {
            "mkdocs.yml": site_config("Card Desk"),
            "briefs/a.yaml": brief_yaml(title="Full AMBER title", handling="TLP:AMBER", tearlines=[TEARLINE]),
        }
    )
    config = load_config(root)
    corpus = load_valid(config, Reporter(quiet=True)).corpus
    public = edition_corpus(corpus, Edition("public", Tlp.CLEAR), NOW, config.tz)
    view = build_views(public, BodyRenderer(), now=NOW, tz=config.tz).by_slug["a"]
    text = card_text(view, "Card Desk", config.tz)
    assert (text.title, text.label) == ("Drones seen near a port", Tlp.CLEAR)
    assert "AMBER" not in social_image(view).alt and "Full" not in social_image(view).alt
