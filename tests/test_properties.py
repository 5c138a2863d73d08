"""Properties of extraction that hold for any input: offsets, round trips, robustness, determinism, linearity."""

from __future__ import annotations

import math
from datetime import date
from itertools import accumulate

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import factcheck
from factcheck.models import Claim, Document, Quantity, Span
from factcheck.units import ureg
from strategies import (
    FORMATS,
    Expected,
    Placed,
    arbitrary_text,
    article_bytes,
    documents,
    front_matter_documents,
    sentences,
)

# Extraction loads lexicons and dateparser on first use, so no deadline; the range strategy filters out
# ranges a reader could not resolve, so filtering is expected.
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.filter_too_much])
THOROUGH = settings(FAST, max_examples=150)

publication_dates = st.none() | st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))


def _document(text: str | bytes, fmt: str, published: date | None = None) -> Document | None:
    """The Document, or None when the input is refused (front matter that is not YAML, for instance)."""
    try:
        return factcheck.from_text(text, fmt=fmt, published=published)
    except factcheck.InputError:
        return None


# -- 1. offsets ---------------------------------------------------------------------------------------------


def assert_inside(claim: Claim, span: Span) -> None:
    assert span.start <= claim.start and claim.end <= span.end, (claim.text, claim.start, claim.end, span)


def inside_masked(document: Document) -> list[bool]:
    """For each offset, whether it lies strictly inside a masked range; a running count keeps it linear."""
    steps = [0] * (len(document.text) + 2)
    for masked in document.masked:
        steps[masked.start + 1] += 1
        steps[masked.end] -= 1
    return [depth > 0 for depth in accumulate(steps)]


def assert_offsets_hold(document: Document, claims: list[Claim]) -> None:
    text, view = document.text, document.view
    assert len(view) == len(text)
    cuts_markup = inside_masked(document)
    previous_end = 0
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(text), claim
        assert text[claim.start:claim.end] == claim.text
        assert claim.start >= previous_end, "claims must be sorted and must not overlap"
        previous_end = claim.end
        # A claim may hold a tag or an entity, but may not end inside one ('12&' of '12&#37;').
        assert not cuts_markup[claim.start] and not cuts_markup[claim.end], claim.text
        assert_inside(claim, claim.sentence)
        assert_inside(claim, claim.paragraph)
        if claim.period is not None:
            period = claim.period
            assert 0 <= period.start_offset < period.end_offset <= len(text)
            assert view[period.start_offset:period.end_offset] == period.text


@pytest.mark.parametrize("fmt", FORMATS)
@FAST
@given(text=arbitrary_text(), published=publication_dates)
# Inputs these properties once caught: a figure over a line or paragraph break, 'Rs.' read as a full stop,
# a claim ending one character into an entity.
@example(text="Revenue reached about\n$5 billion last year.", published=None)
@example(text="The plant will cost $5\n\nbillion.", published=None)
@example(text="The scheme costs Rs. 5,000 crore a year.", published=None)
@example(text="<p>Inflation hit 12&#37; in May.</p>", published=None)
def test_offsets_slice_arbitrary_text(fmt: str, text: str, published: date | None) -> None:
    document = _document(text, fmt, published)
    if document is not None:
        claims = factcheck.extract(document)
        assert_offsets_hold(document, claims)
        for mention in factcheck.unit_mentions(document, claims=claims):
            assert document.text[mention.start:mention.end] == mention.text
            assert not any(claim.start < mention.end and mention.start < claim.end for claim in claims)


@pytest.mark.parametrize("fmt", FORMATS)
@FAST
@given(data=st.data(), published=publication_dates)
def test_offsets_slice_news_articles(fmt: str, data: st.DataObject, published: date | None) -> None:
    document = factcheck.from_text(data.draw(documents(fmt)), fmt=fmt, published=published)
    assert_offsets_hold(document, factcheck.extract(document))


# -- 2. round trip ---------------------------------------------------------------------------------------


def claims_over(placed: Placed, fmt: str) -> list[Claim]:
    claims = factcheck.extract(placed.text, fmt=fmt)
    return [claim for claim in claims if claim.start < placed.end and placed.start < claim.end]


def assert_same_unit(actual: str | None, expected: str | None) -> None:
    if expected is None or actual is None:
        assert actual == expected
    else:
        assert ureg.Unit(actual) == ureg.Unit(expected), (actual, expected)


def assert_close(actual: float | None, expected: float | None) -> None:
    if expected is None or actual is None:
        assert actual == expected
    else:
        assert math.isclose(actual, expected, rel_tol=1e-9), (actual, expected)


def assert_reads_as(quantity: Quantity, expected: Expected) -> None:
    assert quantity.kind is expected.kind
    assert_close(quantity.value, expected.value)
    assert_same_unit(quantity.unit, expected.unit)
    assert (quantity.currency, quantity.currency_inferred) == (expected.currency, expected.currency_inferred)
    assert quantity.approximation is expected.approximation
    assert quantity.is_range is expected.is_range
    assert_close(quantity.lower, expected.lower)
    assert_close(quantity.upper, expected.upper)


@pytest.mark.parametrize("fmt", FORMATS)
@THOROUGH
@given(data=st.data())
def test_rendered_quantity_reads_back(fmt: str, data: st.DataObject) -> None:
    placed = data.draw(sentences(fmt))
    claims = claims_over(placed, fmt)
    assert len(claims) == 1, [claim.text for claim in claims]
    assert_reads_as(claims[0].quantity, placed.expected)


# Range shapes the round trip once caught, pinned because random draws reach each of them only now and then.
@pytest.mark.parametrize(("text", "lower", "upper"), [
    ("$5-7 billion", 5e9, 7e9),  # the sign written once split it into '$5' and a count '7 billion'
    ("USD 5 to 7 million", 5e6, 7e6),
    ("about 5-7%", 5, 7),  # a hedge stopped the range
    ("1,500 to 2,000 million yen", 1.5e9, 2e9),  # a low end of 1,000 or more kept no scale
    ("5 GW-7 GW", 5, 7),  # 'GW-7' was masked as a product code like 'F-35'
    ("10.25-1200%", 10.25, 1200),  # masked as a phone number
    ("0.2-0.5 million workers", 2e5, 5e5),  # a high end starting with '0' read as a code like '4-01'
    ("HK$5m-HK$7m", 5e6, 7e6),  # 'm-HK' was read as one hyphenated word
    ("5 million EUR-7 million EUR", 5e6, 7e6),  # 'EUR-7' was masked as a product code
])
def test_range_reads_as_one_claim(text: str, lower: float, upper: float) -> None:
    claims = factcheck.extract(f"Output reached {text} last year.")
    assert [(claim.quantity.lower, claim.quantity.upper) for claim in claims] == [(lower, upper)]


def test_range_after_an_entity_space_reads_as_one_claim() -> None:
    claims = factcheck.extract("<p>Output reached 5&nbsp;GW-7&nbsp;GW last year.</p>", fmt="html")
    assert [(claim.quantity.lower, claim.quantity.upper) for claim in claims] == [(5, 7)]


# Without a publication date these periods cannot be resolved; their digits once became count claims.
@pytest.mark.parametrize("period", [
    "Q3", "H1", "the third quarter", "3Q",
])
def test_period_without_publication_date_is_no_claim(period: str) -> None:
    assert [claim.text for claim in factcheck.extract(f"In {period} sales rose 5%.")] == ["5%"]


# -- 3. no input makes reading or extraction raise anything but InputError --------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@FAST
@given(text=arbitrary_text())
@example(text="Sales rose 5%\ud800.")  # a lone surrogate once escaped as UnicodeEncodeError
@example(text="Kazakhstan pumped 1.8 million barrels a")  # a rate joiner ending the text once raised IndexError
@example(text="0GW·")  # so did a unit's multiplication sign ending it
def test_extraction_never_raises(fmt: str, text: str) -> None:
    if _document(text, fmt) is not None:
        factcheck.extract(text, fmt=fmt)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@FAST
@given(text=front_matter_documents())
@example(text="---\npublished: 2024-13-45\n---\nSales rose 5%.")  # once escaped as PyYAML's ValueError
def test_front_matter_gives_document_or_input_error(fmt: str, text: str) -> None:
    if _document(text, fmt) is not None:
        factcheck.extract(text, fmt=fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@FAST
@given(data=article_bytes())
def test_bytes_give_document_or_input_error(fmt: str, data: bytes) -> None:
    document = _document(data, fmt)
    assert document is None or isinstance(document, Document)


# -- 4. determinism -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@FAST
@given(data=st.data(), published=publication_dates)
def test_extraction_is_deterministic(fmt: str, data: st.DataObject, published: date | None) -> None:
    text = data.draw(st.one_of(arbitrary_text(), documents(fmt)))
    document = _document(text, fmt, published)
    if document is not None:
        first, second = factcheck.extract(document), factcheck.extract(text, fmt=fmt, published=published)
        assert [claim.model_dump() for claim in first] == [claim.model_dump() for claim in second]


# -- 5. hostile input completes (linearity smoke; no timing assertion) ---------------------------------------
# Most of these put tens of thousands of figures in one sentence, which was once quadratic.

HOSTILE = [
    pytest.param("1,000," * 30_000, "text", id="grouped-commas"),
    pytest.param("$" * 100_000, "text", id="dollar-signs"),
    pytest.param("Q3 " * 50_000, "text", id="quarters"),
    pytest.param("In 2024 the year " * 20_000, "text", id="periods-and-anaphors-in-one-sentence"),
    pytest.param("In 2024 " + "in the first weeks of the quarter, " * 20_000, "text", id="anaphors-after-of"),
    pytest.param("-1-" * 50_000, "text", id="dash-digits"),
    pytest.param("<b>" * 25_000 + "5%" + "</b>" * 25_000, "html", id="nested-html-tags"),
    pytest.param("5% " * 50_000, "text", id="percents-in-one-sentence"),
    pytest.param("**5%** " * 20_000, "markdown", id="markdown-emphasis"),
    pytest.param("&nbsp;" * 30_000, "html", id="html-entities"),
    pytest.param("[1]" * 60_000, "text", id="citations"),
    # Each token is read with the blanks before it: blanks that no token follows must not be read again from
    # each of their positions.
    pytest.param("5%" + " \u2009\n" * 100_000, "text", id="trailing-blanks"),
    pytest.param("5% " * 30_000 + " " * 200_000 + "6%", "text", id="long-blank-run"),
]


@pytest.mark.parametrize(("text", "fmt"), HOSTILE)
def test_hostile_input_completes(text: str, fmt: str) -> None:
    document = factcheck.from_text(text, fmt=fmt)
    assert_offsets_hold(document, factcheck.extract(document))
