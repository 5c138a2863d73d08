"""Unit mentions: units and currencies named with no figure beside them."""

from __future__ import annotations

import pytest

import factcheck


def mentions(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(m.text, m.quantity.kind.value, m.quantity.unit, m.quantity.currency)
            for m in factcheck.unit_mentions(text)]


def test_conversion_target_is_a_mention_and_the_figure_stays_a_claim():
    text = "Convert 200 celsius into Fahrenheit."
    assert mentions(text) == [("Fahrenheit", "physical", "degree_Fahrenheit", None)]
    assert [c.text for c in factcheck.extract(text)] == ["200 celsius"]


def test_longest_phrase_wins():
    assert mentions("Could you convert 51 fahrenheit to degrees celsius?") == [
        ("degrees celsius", "physical", "degree_Celsius", None)]


@pytest.mark.parametrize("text, expected", [
    ("How do I calculate a percentage?", [("percentage", "percent", "percent", None)]),
    ("The table shows the % of increase.", [("%", "percent", "percent", None)]),
    ("The dollar fell against the euro.", [("dollar", "money", None, "USD"), ("euro", "money", None, "EUR")]),
    ("Doses are given in mcg, never in grammes.", [("mcg", "physical", "microgram", None),
                                                    ("grammes", "physical", "gram", None)]),
])
def test_named_units(text, expected):
    assert mentions(text) == expected


@pytest.mark.parametrize("text", [
    "Revenue rose 5% to $3 billion, and output reached 40 tonnes.",  # every unit belongs to a figure
    "He won the race and walked home on foot.",  # currency and unit words that are ordinary words alone
    "Two points were made in a matter of degrees.",
    "It took a year and a day.",  # spans of time named alone are periods, not measures
])
def test_no_mention(text):
    assert mentions(text) == []


def test_offsets_slice_the_original_file_text():
    html = "<p>Prices in <b>euros</b> rose.</p>"
    [mention] = factcheck.unit_mentions(html, fmt="html")
    assert html[mention.start:mention.end] == mention.text == "euros"


def test_claims_already_extracted_are_reused():
    document = factcheck.from_text("It is 30 degrees Celsius, or 86 in Fahrenheit.")
    claims = factcheck.extract(document)
    assert factcheck.unit_mentions(document, claims=claims) == factcheck.unit_mentions(document)
