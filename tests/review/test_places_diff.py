"""`brief diff` names places added and removed, and withholds them, like tags, for a brief above the review's label."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from briefkit.model import Brief, Section, Tlp
from briefkit.review.diff_redact import WithheldField, _blank, _withhold
from briefkit.review.fields import field_changes

BRIEF = Brief(
    slug="a",
    path="briefs/a.yaml",
    title="A",
    summary="S.",
    section=Section(("Europe",), ("europe",)),
    date=date(2026, 11, 20),
    tags=(),
    body="Text.",
    places=("BE", "PL"),
)


def test_places_added_and_removed_are_a_field_change() -> None:
    (change,) = field_changes(BRIEF, replace(BRIEF, places=("BE", "RU")))
    assert change.describe() == "places: +RU −PL"


def test_a_withheld_change_names_no_place() -> None:
    from briefkit.review.diff import BriefChange

    old, new = replace(BRIEF, handling=Tlp.AMBER), replace(BRIEF, handling=Tlp.AMBER, places=("KP",))
    change = BriefChange("modified", old, new, old.path, new.path, tuple(field_changes(old, new)))
    withheld = _withhold(change, Tlp.AMBER.value)
    (field,) = withheld.fields
    assert isinstance(field, WithheldField)
    assert field.describe() == "places: 1 added, 2 removed (withheld)"
    assert withheld.new is not None and withheld.new.places == ()
    assert _blank(old, "TLP:AMBER").places == ()  # type: ignore[union-attr]
