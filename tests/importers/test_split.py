"""The guessing parts of the article importer: section paths and glued paragraphs."""

from __future__ import annotations

from briefkit.importers.sectionpath import split_section
from briefkit.importers.text import split_glued


def test_lowercase_level_after_capitalised_one() -> None:
    levels, guesses = split_section("Politicsconflict & defenseMilitary Operations", [], [])
    assert levels == ["Politics", "Conflict & defense", "Military Operations"]
    assert [col for col, _ in guesses] == [8, 8, 26]  # the break, the capital letter, the next break


def test_known_sections_come_first() -> None:
    known = ["Geopolitics & Defence", "Europe", "Baltic", "Cyber", "Threat intelligence"]
    assert split_section("Geopolitics & defenceEuropeBaltic", known, [])[0] == ["Geopolitics & Defence", "Europe", "Baltic"]
    # No case change, and "threat" is not in the word list: only the site's sections split "Cyberthreat".
    assert split_section("Cyberthreat intelligence", known, [])[0] == ["Cyber", "Threat intelligence"]
    assert split_section("Cyberthreat intelligence", [], [])[0] == ["Cyberthreat intelligence"]


def test_one_word_is_not_split() -> None:
    assert split_section("Cybersecurity", [], []) == (["Cybersecurity"], [])
    assert split_section("Energy", ["Energy"], []) == (["Energy"], [])


def test_glued_sentences_keep_abbreviations_and_decimals() -> None:
    line = 'It went dark in real-time.For a nation of 3.5 million, the U.S. office said so.He left at 6 a.m.Monday."We stay," she said.'
    assert [text for _, text in split_glued(line)] == [
        "It went dark in real-time.",
        "For a nation of 3.5 million, the U.S. office said so.",
        "He left at 6 a.m.Monday.",
        '"We stay," she said.',
    ]
    assert split_glued("The U.S.Navy sailed.") == [(0, "The U.S.Navy sailed.")]
