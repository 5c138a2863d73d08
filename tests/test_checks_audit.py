"""Findings of the audit on unseen articles: metric cues that named the wrong metric, and the rounding allowance
of shares. The rule examples in rules/ hold the check-level cases; these hold what a rule example cannot show."""

import datetime

import pytest

import factcheck
from factcheck.tolerance import least_sum

PUBLISHED = datetime.date(2025, 6, 1)


def _metrics(text: str) -> dict[str, str | None]:
    return {claim.text: claim.metric for claim in factcheck.extract(text, published=PUBLISHED)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Samsung had a share of nearly 20%.", {"nearly 20%": "market_share"}),
    ("Gross margin was 45%, while operating margin was 20% and net margin 9%.",
     {"45%": "gross_margin", "20%": "operating_margin", "9%": "net_margin"}),
    ("The tax rate was 21%.", {"21%": "tax_rate"}),
    ("The growth rate was 3%.", {"3%": "growth"}),
    ("The labour force participation rate slipped to 62.4%.", {"62.4%": "participation_rate"}),
    ("The country's chip self-sufficiency rate reached 35%.", {"35%": "self_sufficiency"}),
    ("Traders expect the cash rate to fall to 3.1 per cent.", {"3.1 per cent": "interest_rate"}),
    ("The Fed held rates at 4.5%.", {"4.5%": "interest_rate"}),
])
def test_a_named_rate_or_margin_is_its_own_metric(text, expected):
    assert _metrics(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("NVIDIA's data center unit generated $39.1 billion.", {"$39.1 billion": None}),
    ("AWS has lost roughly 3 percentage points of share.", {"roughly 3 percentage points": "market_share"}),
    ("It announced a loss of about 250 jobs.", {"about 250": "employment"}),
    ("It completed €1.2bn of share buybacks.", {"€1.2bn": "share_buyback"}),
    ("Xiaomi shipped 43.8 million units for a 13.2% share.", {"43.8 million": "sales", "13.2%": "market_share"}),
])
def test_a_cue_that_cannot_measure_the_figure_does_not_name_its_metric(text, expected):
    assert _metrics(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Exports rose 4% after a one-year ban.", {"4%": "exports", "one-year": None}),
    ("Ten-year bond yields and rates stayed high for two years.", {"Ten-year": None, "two years": None}),
    ("The star signed a four-year deal as the wage bill rose to £300 million.",
     {"four-year": None, "£300 million": "wages"}),
    ("The average workweek was 34.2 hours.", {"34.2 hours": "hours_worked"}),
    ("Unsold homes equal 4.6 months of inventory.", {"4.6 months": "inventory"}),
])
def test_a_span_of_time_takes_only_a_metric_about_time(text, expected):
    assert _metrics(text) == expected


def test_a_span_of_time_does_not_carry_the_paragraph_metric():
    claims = factcheck.extract("Output reached 9 GW. The plant took three years to build.", published=PUBLISHED)
    assert [(claim.text, claim.metric) for claim in claims] == [("9 GW", "production"), ("three years", None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The company earned $1.23 a share.", {"$1.23": "earnings_per_share"}),
    ("Revenue came to $4.2 billion, or $2.10 per share.", {"$4.2 billion": "revenue", "$2.10": "earnings_per_share"}),
    ("Brent gained 2% to $81 a barrel.", {"2%": "price", "$81": "price"}),
    ("It raised its dividend to €2.40 a share.", {"€2.40": "dividend"}),
])
def test_a_per_unit_phrase_right_after_the_figure_names_its_metric(text, expected):
    assert _metrics(text) == expected


def _shares(text: str):
    return [claim for claim in factcheck.extract(text, published=PUBLISHED) if claim.metric == "market_share"]


def test_rounding_of_many_shares_is_not_all_one_way():
    shares = _shares("Vivo held a 19% share of the market, Apple 17%, Huawei 16%, Xiaomi 15%, Oppo 14%, Honor 11% "
                     "and others 12%.")
    total, least = least_sum(shares)
    assert total == 104
    assert least == pytest.approx(104 - 3 * (7 * 0.25 / 3) ** 0.5)


def test_two_shares_may_both_be_rounded_up():
    total, least = least_sum(_shares("TSMC holds 62% of the foundry market and Samsung 39%."))
    assert (total, least) == (101, 100)
