"""Edition selection as a corpus transformation: tearline choice, the fields a tearline keeps, portions cut, what is withheld."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from briefkit.editions.model import Edition
from briefkit.editions.select import TEARLINE_KEEPS, edition_corpus, edition_effects, tearline_for, withheld
from briefkit.model import Brief, Confidence, Corpus, Correction, Section, Source, Status, Tag, Tearline, Tlp
from briefkit.source.portions import portions, strip_portions

NOW = datetime(2026, 12, 1, tzinfo=UTC)
PUBLIC = Edition("public", Tlp.CLEAR)
PARTNERS = Edition("partners", Tlp.GREEN)
STAFF = Edition("staff", Tlp.AMBER_STRICT)


def brief(slug: str, label: Tlp, *, tearlines: tuple[Tearline, ...] = (), body: str = "Body text.") -> Brief:
    return Brief(
        slug=slug,
        path=f"briefs/{slug}.yaml",
        title=f"Title of {slug}",
        summary=f"Summary of {slug}",
        section=Section(("Security",), ("security",)),
        date=date(2026, 11, 20),
        tags=(Tag("Drones", "drones"),),
        body=body,
        status=Status.PUBLISHED,
        handling=label,
        bluf=f"BLUF of {slug}",
        key_points=(f"Point of {slug}",),
        confidence=Confidence.HIGH,
        sources=(Source(f"Source of {slug}"),),
        corrections=(Correction(date(2026, 11, 21), f"Correction of {slug}"),),
        digest=f"digest-{slug}",
        tearlines=tearlines,
    )


CLEAR_TL = Tearline(Tlp.CLEAR, "Clear tearline", "Clear summary", "Clear body.")
GREEN_TL = Tearline(Tlp.GREEN, "Green tearline", "Green summary", "Green body.", ("Green point",))


def test_the_highest_tearline_the_edition_may_hold_is_chosen() -> None:
    amber = brief("amber", Tlp.AMBER, tearlines=(GREEN_TL, CLEAR_TL))
    assert tearline_for(amber, PUBLIC) is CLEAR_TL
    assert tearline_for(amber, PARTNERS) is GREEN_TL
    assert tearline_for(brief("red", Tlp.RED, tearlines=(CLEAR_TL,)), PARTNERS) is CLEAR_TL
    assert tearline_for(brief("amber", Tlp.AMBER), PARTNERS) is None


def test_a_tearline_version_keeps_only_the_listed_fields() -> None:
    amber = brief("amber", Tlp.AMBER, tearlines=(GREEN_TL, CLEAR_TL))
    (shown,) = edition_corpus(Corpus((amber,)), PARTNERS, NOW).briefs
    assert (shown.slug, shown.title, shown.summary, shown.body, shown.key_points, shown.handling) == (
        "amber",
        "Green tearline",
        "Green summary",
        "Green body.",
        ("Green point",),
        Tlp.GREEN,
    )
    assert (shown.bluf, shown.sources, shown.corrections, shown.confidence, shown.tearlines) == ("", (), (), None, ())
    assert shown.digest != amber.digest  # never the full brief's cached PDF
    for name in TEARLINE_KEEPS:
        assert getattr(shown, name) == getattr(amber, name)


def test_a_tearline_without_key_points_shows_none_of_the_brief() -> None:
    (shown,) = edition_corpus(Corpus((brief("amber", Tlp.AMBER, tearlines=(CLEAR_TL,)),)), PUBLIC, NOW).briefs
    assert shown.key_points == ()


def test_briefs_above_the_ceiling_without_a_tearline_are_dropped_and_unpublished_ones_everywhere() -> None:
    corpus = Corpus(
        (
            brief("green", Tlp.GREEN),
            brief("strict", Tlp.AMBER_STRICT),
            replace(brief("draft", Tlp.CLEAR, tearlines=()), status=Status.DRAFT),
            replace(brief("unlabelled", Tlp.RED), labelled=False, tearlines=(CLEAR_TL,)),
        )
    )
    assert [b.slug for b in edition_corpus(corpus, PUBLIC, NOW).briefs] == []
    assert [b.slug for b in edition_corpus(corpus, PARTNERS, NOW).briefs] == ["green"]
    assert [b.slug for b in edition_corpus(corpus, STAFF, NOW).briefs] == ["green", "strict"]


def test_the_public_edition_is_the_public_corpus_when_no_brief_has_tearlines() -> None:
    corpus = Corpus((brief("clear", Tlp.CLEAR), brief("green", Tlp.GREEN), replace(brief("d", Tlp.CLEAR), status=Status.DRAFT)))
    assert edition_corpus(corpus, PUBLIC, NOW) == corpus.public(NOW)


def test_a_full_brief_prints_its_tearlines_after_the_body() -> None:
    amber = brief("amber", Tlp.AMBER, tearlines=(GREEN_TL, CLEAR_TL))
    (shown,) = edition_corpus(Corpus((amber,)), STAFF, NOW).briefs
    assert shown.title == amber.title and shown.bluf == amber.bluf
    body = shown.body
    assert body.index("Body text.") < body.index("Green body.") < body.index("Clear body.")
    assert body.count('class="bk-tearline ') == 2


BODY = """Intro.

/// portion | TLP:GREEN
Green part.
///

/// portion | TLP:AMBER
Amber part.

//// portion | TLP:RED
Red inside amber.
////

/// note
Nested note.
///

Still amber after the note.
///

```
/// portion | TLP:RED
not a block: fenced code
///
```

/// portion | TLP:PURPLE
Unknown label.
///

/// portion | TLP:RED
Never closed."""


def test_portions_are_read_as_pymdownx_blocks_nest() -> None:
    found = [(p.label, p.start, p.end) for p in portions(BODY)]
    assert found == [("TLP:GREEN", 2, 4), ("TLP:AMBER", 6, 18), ("TLP:RED", 9, 11), ("TLP:PURPLE", 26, 28), ("TLP:RED", 30, 31)]


def test_portions_above_the_ceiling_are_cut_unknown_labels_too() -> None:
    kept = strip_portions(BODY, Tlp.GREEN)
    assert "Green part." in kept and "not a block: fenced code" in kept
    for gone in ("Amber part.", "Red inside amber.", "Nested note.", "Still amber after the note.", "Unknown label.", "Never closed."):
        assert gone not in kept
    assert "Still amber after the note." in strip_portions(BODY, Tlp.AMBER) and "Red inside amber." not in strip_portions(BODY, Tlp.AMBER)


def test_a_held_brief_loses_portions_above_the_ceiling_even_when_check_was_skipped() -> None:
    green = brief("green", Tlp.GREEN, body=BODY)  # 'brief check' would refuse it; the edition still cuts
    (shown,) = edition_corpus(Corpus((green,)), PARTNERS, NOW).briefs
    assert "Amber part." not in shown.body and "Green part." in shown.body


def test_withheld_lists_what_the_gate_must_not_find() -> None:
    amber = brief("amber", Tlp.AMBER, tearlines=(GREEN_TL, CLEAR_TL), body=BODY)
    corpus = Corpus((amber, brief("red", Tlp.RED), brief("clear", Tlp.CLEAR)))
    got = {(w.slug, w.what, w.handling): w.texts for w in withheld(corpus, PARTNERS, NOW)}
    assert set(got) == {("amber", "full text", Tlp.AMBER), ("red", "brief", Tlp.RED)}
    assert "BLUF of amber" in got[("amber", "full text", Tlp.AMBER)] and "Title of amber" in got[("amber", "full text", Tlp.AMBER)]
    assert "Green tearline" not in got[("amber", "full text", Tlp.AMBER)]
    public = {(w.slug, w.what) for w in withheld(corpus, PUBLIC, NOW)}
    assert ("amber", "full text") in public and ("amber", "tearline") in public  # the GREEN tearline is above CLEAR
    staff = {(w.slug, w.what, w.handling) for w in withheld(corpus, STAFF, NOW)}
    assert ("amber", "portion", Tlp.RED) in staff and ("amber", "portion", Tlp.GREEN) not in staff


def test_effects_say_where_a_brief_becomes_visible() -> None:
    old = brief("amber", Tlp.AMBER)
    new = brief("amber", Tlp.AMBER, tearlines=(CLEAR_TL,))
    assert edition_effects(old, new, [PUBLIC, PARTNERS, STAFF], NOW) == (
        "becomes visible to public as its TLP:CLEAR tearline",
        "becomes visible to partners as its TLP:CLEAR tearline",
    )
    assert edition_effects(new, None, [PUBLIC, PARTNERS, STAFF], NOW) == (
        "disappears from public",
        "disappears from partners",
        "disappears from staff",
    )
