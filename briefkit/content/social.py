"""The image a brief shows when it is shared: what link previews, JSON-LD and feeds name.

Every brief gets a generated share card (:mod:`briefkit.web.cards` draws
it): its title, section, date and TLP label on black, in the site's fonts.
What is drawn is taken from the brief *as the build shows it*: an edition
that shows a brief as its tearline has the tearline's title and label here,
so a card can never say more than the page it stands for.

:func:`social_image` is the one place that decides which image stands for a
brief; a lead image, when briefs get one, wins there over the card.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from briefkit.common.dates import long_date
from briefkit.content.view import BriefView
from briefkit.model import Tlp

CARD_WIDTH = 1200
CARD_HEIGHT = 630
"""1200×630 (1.91:1): the size Facebook, LinkedIn, Slack and X's ``summary_large_image`` crop to without losing an edge."""

CARD_TYPE = "image/png"
CARD_DIR = "cards/"


def card_url(slug: str) -> str:
    """Where a brief's share card is published, relative to the site root (stable: ``cards/<slug>.png``)."""
    return f"{CARD_DIR}{slug}.png"


@dataclass(frozen=True)
class SocialImage:
    """An image that stands for a brief: its site-relative URL, pixel size, text alternative and media type."""

    url: str
    width: int
    height: int
    alt: str
    type: str


@dataclass(frozen=True)
class CardText:
    """Exactly what a share card draws; its cache key is made of these and nothing else of the brief."""

    title: str
    section: str
    date: str
    label: Tlp
    site: str


def card_text(view: BriefView, site_name: str, tz: tzinfo) -> CardText:
    """What the card of ``view`` draws: the brief as this build shows it (an edition's tearline, if that is what it shows).

    ``site_name``: a non-public edition's build names itself already ("Site · Partner edition"),
    so a card passed on from a staff site says where it came from.
    """
    b = view.brief
    return CardText(title=" ".join(b.title.split()), section=str(b.section), date=long_date(b.date, tz), label=b.handling, site=site_name)


def card_alt(view: BriefView) -> str:
    """The card's text alternative: what it says, in the order it says it."""
    b = view.brief
    return f"{' '.join(b.title.split())} ({b.section}, {b.handling.value})"


def social_image(view: BriefView) -> SocialImage:
    """The image that stands for ``view`` wherever it is shared: its lead image, else its generated card.

    A lead image is named by its largest JPEG rendition (every link-preview
    crawler reads JPEG; not every one reads WebP), with the editor's alt text.
    A decorative lead image, or a remote one (no rendition of ours, so no
    size we can vouch for), leaves the card in its place.
    """
    lead = view.image
    if lead is not None and lead.jpeg and not lead.decorative and lead.alt:
        return SocialImage(url=lead.url, width=lead.width, height=lead.height, alt=lead.alt, type="image/jpeg")
    return SocialImage(url=card_url(view.slug), width=CARD_WIDTH, height=CARD_HEIGHT, alt=card_alt(view), type=CARD_TYPE)
