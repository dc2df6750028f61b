"""The one visibility rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from briefkit.model import Brief, Corpus, Section, Status, Tag, Tlp, visibility

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
BASE = Brief(
    slug="a",
    path="briefs/a.yaml",
    title="T",
    summary="S",
    section=Section(("E",), ("e",)),
    date=date(2026, 11, 1),
    tags=(Tag("Gas", "gas"),),
    body="b",
    status=Status.PUBLISHED,
)


@pytest.mark.parametrize(
    ("changes", "public", "reason"),
    [
        ({}, True, ""),
        ({"status": Status.DRAFT}, False, "draft"),
        ({"status": Status.REVIEW}, False, "in review"),
        ({"status": Status.APPROVED}, False, "approved"),
        ({"publish_at": datetime(2026, 11, 25, 12, 1, tzinfo=UTC)}, False, "embargoed until 2026-11-25T12:01:00+00:00"),
        ({"publish_at": datetime(2026, 11, 25, 12, 0, tzinfo=UTC)}, True, ""),
        ({"expires": date(2026, 11, 25)}, True, ""),  # through the end of that day
        ({"expires": date(2026, 11, 24)}, False, "expired on 2026-11-24"),
        ({"expires": datetime(2026, 11, 25, 11, 0, tzinfo=UTC)}, False, "expired on 2026-11-25T11:00:00+00:00"),
        ({"handling": Tlp.GREEN}, False, "TLP:GREEN"),
        ({"handling": Tlp.AMBER_STRICT}, False, "TLP:AMBER+STRICT"),
        ({"handling": Tlp.RED}, False, "TLP:RED"),
    ],
)
def test_visibility(changes: dict[str, object], public: bool, reason: str) -> None:
    v = visibility(replace(BASE, **changes), NOW)  # type: ignore[arg-type]
    assert (v.public, v.reason) == (public, reason)


def test_public_corpus_drops_tags_only_private_briefs_use() -> None:
    secret = replace(BASE, slug="s", handling=Tlp.AMBER, tags=(Tag("Secret", "secret"), Tag("Gas", "gas")))
    corpus = Corpus((BASE, secret), {"gas": Tag("Gas", "gas"), "secret": Tag("Secret", "secret")})
    public = corpus.public(NOW)
    assert [b.slug for b in public.briefs] == ["a"] and list(public.tags) == ["gas"]


def test_tlp_order_and_colours() -> None:
    assert Tlp.most_restrictive([Tlp.GREEN, Tlp.AMBER_STRICT, Tlp.AMBER]) is Tlp.AMBER_STRICT
    assert Tlp.most_restrictive([]) is Tlp.CLEAR
    assert (Tlp.RED.colour, Tlp.AMBER.colour, Tlp.GREEN.colour, Tlp.CLEAR.colour) == ("#FF2B2B", "#FFC000", "#33FF00", "#FFFFFF")
    assert Tlp.AMBER_STRICT.css_class == "tlp-amber-strict"
