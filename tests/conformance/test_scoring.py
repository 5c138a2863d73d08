"""The conformance scorer itself, driven by a fake extractor so it does not depend on factcheck.extract."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache

import pint
import pytest

from .scoring import Case, Expected, UnitMatcher, load_suite, match_case, score_cases, score_suite


@dataclass(frozen=True)
class FakeQuantity:
    value: float | None
    kind: str
    unit: str | None = None
    currency: str | None = None
    lower: float | None = None
    upper: float | None = None
    is_range: bool = False
    approximation: str = "exact"


@dataclass(frozen=True)
class FakeClaim:
    text: str
    start: int
    end: int
    quantity: FakeQuantity


def claim_at(text: str, piece: str, value: float | None, kind: str, **quantity) -> FakeClaim:
    start = text.index(piece)
    return FakeClaim(piece, start, start + len(piece), FakeQuantity(value, kind, **quantity))


def expect(text: str, piece: str, kind: str, value: float | None, **fields) -> Expected:
    start = text.index(piece)
    return Expected(piece, start, start + len(piece), kind, value, fields.pop("unit", None), fields.pop("currency", None), **fields)


def case(suite: str, text: str, *expected: Expected) -> Case:
    return Case(suite, f"{suite}:0", text, None, expected, hard=False)


def fake_extractor(claims_by_text: dict[str, list[FakeClaim]]):
    return lambda text, published=None: claims_by_text.get(text, [])


@cache
def _registry() -> pint.UnitRegistry:
    return pint.UnitRegistry()


@pytest.fixture
def units() -> UnitMatcher:
    return UnitMatcher(_registry())


def score(suite: str, cases: list[Case], claims_by_text: dict[str, list[FakeClaim]], units: UnitMatcher):
    return score_cases(suite, cases, fake_extractor(claims_by_text), units)


def test_levels_count_span_value_and_strict_separately(units):
    texts = ["it cost $ 5 million .", "it cost $ 6 million .", "it cost $ 7 million ."]
    cases = [case("rt_en_currency", t, expect(t, t[8:19], "currency", float(t[10]) * 1e6, currency="USD")) for t in texts]
    claims = {
        texts[0]: [claim_at(texts[0], "$ 5 million", 5e6, "money", currency="USD")],
        texts[1]: [claim_at(texts[1], "$ 6 million", 6e6, "money", currency="CAD")],
        texts[2]: [claim_at(texts[2], "$ 7", 7.0, "money", currency="USD")],
    }
    result = score("rt_en_currency", cases, claims, units)
    assert (result.hits("span"), result.hits("value"), result.hits("strict")) == (3, 2, 1)
    assert result.f1("strict") == pytest.approx(1 / 3)


def test_value_tolerance_is_relative(units):
    text = "about 1234567.8 people"
    item = expect(text, "1234567.8", "number", 1234567.8)
    near = claim_at(text, "1234567.8", 1234567.8 * (1 + 1e-7), "count")
    far = claim_at(text, "1234567.8", 1234567.8 * (1 + 1e-5), "count")
    assert match_case([item], [near], units)[0].value_ok
    assert not match_case([item], [far], units)[0].value_ok


def test_matching_is_one_to_one(units):
    text = "1 $10 dollars bill"
    items = [expect(text, "$10", "currency", 10.0, currency="USD"), expect(text, "dollars", "currency", None, currency="USD")]
    wide = claim_at(text, "$10 dollars", 10.0, "money", currency="USD")
    result = score("rt_en_currency", [case("rt_en_currency", text, *items)], {text: [wide]}, units)
    assert result.hits("span") == 1
    assert (result.precision("span"), result.recall("span")) == (1.0, 0.5)


def test_second_claim_on_one_item_is_a_false_positive(units):
    text = "he is 5 ft 2 in"
    item = expect(text, "5 ft 2 in", "dimension", 5 + 2 / 12, unit="Foot", subkind="dimension")
    claims = [claim_at(text, "5 ft", 5.0, "physical", unit="foot"), claim_at(text, "2 in", 2.0, "physical", unit="inch")]
    result = score("rt_en_dimension", [case("rt_en_dimension", text, item)], {text: claims}, units)
    assert (result.hits("span"), result.extracted) == (1, 2)
    assert result.precision("span") == 0.5


def test_a_right_claim_beats_a_wider_wrong_one(units):
    text = "it only cost 3 dollars 50 cents."
    item = expect(text, "3 dollars", "currency", 3.0, currency="USD")
    wrong_wide = claim_at(text, "3 dollars 50 cents", 3.5, "money", currency="USD")
    right = claim_at(text, "3 dollars", 3.0, "money", currency="USD")
    [match] = match_case([item], [wrong_wide, right], units)
    assert match.claim is right


def test_precision_counts_only_the_suites_kind(units):
    text = "prices rose 5% to $ 20 , up 2 percentage points"
    item = expect(text, "5%", "percentage", 5.0, unit="percentage")
    claims = [
        claim_at(text, "5%", 5.0, "percent", unit="percent"),
        claim_at(text, "$ 20", 20.0, "money", currency="USD"),
        claim_at(text, "2 percentage points", 2.0, "percentage_points", unit="percentage_point"),
    ]
    result = score("rt_en_percentage", [case("rt_en_percentage", text, item)], {text: claims}, units)
    assert (result.extracted, result.precision("strict"), result.recall("strict")) == (1, 1.0, 1.0)


def test_a_claim_of_another_kind_cannot_match(units):
    text = "a 5 percent cut"
    item = expect(text, "5 percent", "percentage", 5.0, unit="percentage")
    plain = claim_at(text, "5", 5.0, "plain")
    result = score("rt_en_percentage", [case("rt_en_percentage", text, item)], {text: [plain]}, units)
    assert (result.hits("span"), result.extracted) == (0, 0)


def test_durations_and_temperatures_are_not_dimensions(units):
    text = "for two hours at 40 C the 776-foot airship"
    claims = [
        claim_at(text, "two hours", 2.0, "physical", unit="hour"),
        claim_at(text, "40 C", 40.0, "physical", unit="degree_Celsius"),
        claim_at(text, "776-foot", 776.0, "physical", unit="foot"),
    ]
    counted = {}
    for suite in ("rt_en_dimension", "rt_en_temperature", "rt_en_age"):
        result = score(suite, [case(suite, text)], {text: claims}, units)
        counted[suite] = [c.text for o in result.outcomes for c in o.counted]
    assert counted == {"rt_en_dimension": ["776-foot"], "rt_en_temperature": ["40 C"], "rt_en_age": ["two hours"]}


def test_number_and_quantulum_suites_count_every_claim(units):
    text = "the 180ml liquid"
    ml = claim_at(text, "180ml", 180.0, "physical", unit="milliliter")
    for suite in ("rt_en_number", "qu3_en_quantities"):
        result = score(suite, [case(suite, text)], {text: [ml]}, units)
        assert (result.extracted, result.precision("span")) == (1, 0.0)


def test_number_suites_do_not_count_bare_unit_mentions(units):
    text = "How do I calculate a percentage?"
    mention = claim_at(text, "percentage", None, "percent", unit="percent")
    for suite in ("rt_en_number", "qu3_en_quantities"):
        assert score(suite, [case(suite, text)], {text: [mention]}, units).extracted == 0


def test_number_strict_ignores_units(units):
    text = "In this pit, 50 cars are stored"
    item = expect(text, "50", "number", 50.0)
    cars = claim_at(text, "50 cars", 50.0, "count", unit="car")
    [match] = match_case([item], [cars], units)
    assert match.strict_ok


def test_range_compares_both_bounds(units):
    text = "His score is more than 30 and 20-40 and below 170"
    open_above = expect(text, "more than 30", "range", None, low=30.0, high=None)
    closed = expect(text, "20-40", "range", None, low=20.0, high=40.0)
    open_below = expect(text, "below 170", "range", None, low=None, high=170.0)
    claims = [
        claim_at(text, "more than 30", 30.0, "plain", lower=30.0, approximation="more_than"),
        claim_at(text, "20-40", 30.0, "plain", lower=20.0, upper=45.0, is_range=True),
        claim_at(text, "below 170", 170.0, "plain", upper=170.0, approximation="less_than"),
    ]
    matches = {m.expected.text: m for m in match_case([open_above, closed, open_below], claims, units)}
    assert matches["more than 30"].strict_ok
    assert not matches["20-40"].value_ok
    assert matches["below 170"].strict_ok


def test_range_suite_counts_only_bounded_claims(units):
    text = "The number is from 200 to 300 in 2008"
    claims = [
        claim_at(text, "from 200 to 300", 250.0, "plain", lower=200.0, upper=300.0, is_range=True),
        claim_at(text, "2008", 2008.0, "plain"),
    ]
    result = score("rt_en_number_range", [case("rt_en_number_range", text)], {text: claims}, units)
    assert result.extracted == 1


def test_bare_unit_mention_matches_on_span(units):
    text = "How do I calculate a percentage?"
    item = expect(text, "percentage", "percentage", None, unit="percentage")
    mention = claim_at(text, "percentage", None, "percent", unit="percent")
    [match] = match_case([item], [mention], units)
    assert match.strict_ok


@pytest.mark.parametrize(
    ("reference", "ours", "subkind"),
    [
        ("Kilometer per hour", "kilometer / hour", None),
        ("Square meter", "meter ** 2", None),
        ("C", "degree_Celsius", "temperature"),
        ("F", "degree_Fahrenheit", "temperature"),
        ("degree Celsius", "degree_Celsius", None),
        ("Degree", "degree_Fahrenheit", "temperature"),
        ("Degree", "degree", "dimension"),
        ("cubic centimetre", "milliliter", None),
        ("pound-mass", "pound", None),
        ("minute of arc", "arcminute", None),
        ("joule per square metre per year", "joule / meter ** 2 / year", None),
        ("percentage", "percent", None),
        ("Megabyte", "megabyte", None),
        ("Year", "year", "age"),
    ],
)
def test_same_unit(units, reference, ours, subkind):
    assert units.same_unit(reference, ours, subkind)


@pytest.mark.parametrize(
    ("reference", "ours", "subkind"),
    [
        ("F", "degree_Celsius", "temperature"),
        ("C", "kelvin", "temperature"),
        ("Degree", "degree", "temperature"),
        ("kibibyte", "kilobyte", None),
        ("Mile", "kilometer", None),
        ("Kilogram", None, None),
        ("percentage", "percentage_point", None),
    ],
)
def test_different_unit(units, reference, ours, subkind):
    assert not units.same_unit(reference, ours, subkind)


def test_currency_sub_unit_compares_in_the_main_unit(units):
    text = "the 210 pence level"
    item = expect(text, "210 pence", "currency", 210.0, unit="Pence")
    assert match_case([item], [claim_at(text, "210 pence", 2.1, "money", currency="GBP")], units)[0].strict_ok
    assert not match_case([item], [claim_at(text, "210 pence", 210.0, "money", currency="GBP")], units)[0].value_ok
    assert not match_case([item], [claim_at(text, "210 pence", 2.1, "money", unit="cent")], units)[0].strict_ok


def test_currency_without_iso_code_compares_the_unit_word(units):
    text = "ten francs"
    item = expect(text, "ten francs", "currency", 10.0, unit="Franc")
    assert match_case([item], [claim_at(text, "ten francs", 10.0, "money")], units)[0].strict_ok
    assert not match_case([item], [claim_at(text, "ten francs", 10.0, "money", unit="cent")], units)[0].strict_ok


def test_empty_suite_scores_perfectly(units):
    result = score("rt_en_number", [case("rt_en_number", "no numbers here")], {}, units)
    assert result.f1("strict") == 1.0


def test_extractor_errors_are_recorded_not_raised(units):
    def broken(text, published=None):
        raise RuntimeError("boom")

    text = "100%"
    result = score_cases("rt_en_percentage", [case("rt_en_percentage", text, expect(text, "100%", "percentage", 100.0))], broken, units)
    assert [o.error for o in result.errors] == ["RuntimeError: boom"]
    assert result.recall("span") == 0.0


def test_loader_reads_both_files_and_passes_the_reference_date(tmp_path, units):
    def write(name: str, records: list[dict]) -> None:
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    item = {"text": "5", "start": 0, "end": 1, "kind": "number", "value": 5.0, "unit": None, "currency": None}
    write("rt_en_number.jsonl", [{"suite": "rt_en_number", "id": "a", "text": "5", "expected": [item]}])
    write("rt_en_number.hard.jsonl", [{"suite": "rt_en_number", "id": "b", "text": "five", "expected": [],
                                       "context": {"reference_datetime": "2016-11-07T16:12:00"}}])
    cases = load_suite("rt_en_number", tmp_path)
    assert [(c.id, c.hard, c.published) for c in cases] == [("a", False, None), ("b", True, date(2016, 11, 7))]

    seen = []
    result = score_suite("rt_en_number", lambda text, published=None: seen.append(published) or [], tmp_path, units)
    assert seen == [None, date(2016, 11, 7)]
    assert result.cases == 2


def test_loader_rejects_an_unknown_suite(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_suite("rt_en_nothing", tmp_path)
