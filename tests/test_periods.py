"""factcheck.dates: period expressions found in text and resolved against the publication date."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factcheck
from factcheck.dates import _grammar, find_periods, parse_date
from factcheck.models import Granularity, Modality, Period, Span
from factcheck.tokens import tokenize

FEB_2026 = date(2026, 2, 1)
NOV_2025 = date(2025, 11, 24)
JUN_2025 = date(2025, 6, 1)

Y, H, Q, M, D = Granularity.year, Granularity.half, Granularity.quarter, Granularity.month, Granularity.day
RANGE, WINDOW, DEADLINE = Granularity.range, Granularity.window, Granularity.deadline

# (text, published, surface text, label, granularity, anchored, start, end); one row per line reads as a table.
# fmt: off
CASES = [
    # years
    ("2024", FEB_2026, "2024", "2024", Y, True, "2024-01-01", "2024-12-31"),
    ("Sales fell in 2024.", FEB_2026, "2024", "2024", Y, True, "2024-01-01", "2024-12-31"),
    ("In 2024, prices rose", None, "2024", "2024", Y, True, "2024-01-01", "2024-12-31"),
    ("the 1900 census", None, "1900", "1900", Y, True, "1900-01-01", "1900-12-31"),
    # decades
    ("growth in the 2010s", FEB_2026, "the 2010s", "2010..2019", RANGE, True, "2010-01-01", "2019-12-31"),
    ("the 1990's boom", None, "the 1990's", "1990..1999", RANGE, True, "1990-01-01", "1999-12-31"),
    # quarters
    ("Q3", FEB_2026, "Q3", "2025-Q3", Q, False, "2025-07-01", "2025-09-30"),
    ("Q3", NOV_2025, "Q3", "2025-Q3", Q, False, "2025-07-01", "2025-09-30"),
    ("Q1", date(2025, 1, 1), "Q1", "2025-Q1", Q, False, "2025-01-01", "2025-03-31"),
    ("Q3 2024", FEB_2026, "Q3 2024", "2024-Q3", Q, True, "2024-07-01", "2024-09-30"),
    ("Q3 of 2024", FEB_2026, "Q3 of 2024", "2024-Q3", Q, True, "2024-07-01", "2024-09-30"),
    ("3Q24 results", FEB_2026, "3Q24", "2024-Q3", Q, True, "2024-07-01", "2024-09-30"),
    ("3Q 2024", FEB_2026, "3Q 2024", "2024-Q3", Q, True, "2024-07-01", "2024-09-30"),
    ("2024-Q3", FEB_2026, "2024-Q3", "2024-Q3", Q, True, "2024-07-01", "2024-09-30"),
    ("in the third quarter", FEB_2026, "the third quarter", "2025-Q3", Q, False, "2025-07-01", "2025-09-30"),
    ("the third quarter of 2024", None, "the third quarter of 2024", "2024-Q3", Q, True, "2024-07-01", "2024-09-30"),
    ("fourth-quarter profit", FEB_2026, "fourth-quarter", "2025-Q4", Q, False, "2025-10-01", "2025-12-31"),
    ("second-quarter 2024 earnings", None, "second-quarter 2024", "2024-Q2", Q, True, "2024-04-01", "2024-06-30"),
    ("the final quarter of 2024", None, "the final quarter of 2024", "2024-Q4", Q, True, "2024-10-01", "2024-12-31"),
    ("Q4 of last year", FEB_2026, "Q4 of last year", "2025-Q4", Q, False, "2025-10-01", "2025-12-31"),
    ("in Q3 last year", JUN_2025, "Q3 last year", "2024-Q3", Q, False, "2024-07-01", "2024-09-30"),
    ("in the fourth quarter of last year", JUN_2025, "the fourth quarter of last year", "2024-Q4", Q, False, "2024-10-01", "2024-12-31"),
    ("Q3 FY2024", None, "Q3 FY2024", "FY2024-Q3", Q, True, "2024-07-01", "2024-09-30"),
    # halves
    ("H1", FEB_2026, "H1", "2026-H1", H, False, "2026-01-01", "2026-06-30"),
    ("H2", FEB_2026, "H2", "2025-H2", H, False, "2025-07-01", "2025-12-31"),
    ("H1 2024", FEB_2026, "H1 2024", "2024-H1", H, True, "2024-01-01", "2024-06-30"),
    ("1H24", FEB_2026, "1H24", "2024-H1", H, True, "2024-01-01", "2024-06-30"),
    ("in the first half", NOV_2025, "the first half", "2025-H1", H, False, "2025-01-01", "2025-06-30"),
    ("the first half of 2024", None, "the first half of 2024", "2024-H1", H, True, "2024-01-01", "2024-06-30"),
    ("in the second half of the year", FEB_2026, "the second half of the year", "2025-H2", H, False, "2025-07-01", "2025-12-31"),
    ("first-half sales", NOV_2025, "first-half", "2025-H1", H, False, "2025-01-01", "2025-06-30"),
    # months
    ("March", FEB_2026, "March", "2025-03", M, False, "2025-03-01", "2025-03-31"),
    ("in March", date(2025, 3, 10), "March", "2025-03", M, False, "2025-03-01", "2025-03-31"),
    ("in April", date(2025, 3, 10), "April", "2024-04", M, False, "2024-04-01", "2024-04-30"),
    ("March 2024", None, "March 2024", "2024-03", M, True, "2024-03-01", "2024-03-31"),
    ("Mar. 2024", None, "Mar. 2024", "2024-03", M, True, "2024-03-01", "2024-03-31"),
    ("February 2024", None, "February 2024", "2024-02", M, True, "2024-02-01", "2024-02-29"),
    ("in May", NOV_2025, "May", "2025-05", M, False, "2025-05-01", "2025-05-31"),
    ("mid-May", NOV_2025, "May", "2025-05", M, False, "2025-05-01", "2025-05-31"),
    ("May 2024", None, "May 2024", "2024-05", M, True, "2024-05-01", "2024-05-31"),
    ("in Jan", NOV_2025, "Jan", "2025-01", M, False, "2025-01-01", "2025-01-31"),
    ("in June last year", JUN_2025, "June last year", "2024-06", M, False, "2024-06-01", "2024-06-30"),
    ("in June of last year", JUN_2025, "June of last year", "2024-06", M, False, "2024-06-01", "2024-06-30"),
    ("in March this year", FEB_2026, "March this year", "2026-03", M, False, "2026-03-01", "2026-03-31"),
    ("in May last year", JUN_2025, "May last year", "2024-05", M, False, "2024-05-01", "2024-05-31"),
    ("in March of 2024", None, "March of 2024", "2024-03", M, True, "2024-03-01", "2024-03-31"),
    # month ranges
    ("January to October", NOV_2025, "January to October", "2025-01..2025-10", RANGE, False, "2025-01-01", "2025-10-31"),
    ("January-October 2024", None, "January-October 2024", "2024-01..2024-10", RANGE, True, "2024-01-01", "2024-10-31"),
    ("from January to October", NOV_2025, "from January to October", "2025-01..2025-10", RANGE, False, "2025-01-01", "2025-10-31"),
    ("between January and October 2024", None, "between January and October 2024", "2024-01..2024-10", RANGE, True, "2024-01-01", "2024-10-31"),
    ("Jan-Oct", NOV_2025, "Jan-Oct", "2025-01..2025-10", RANGE, False, "2025-01-01", "2025-10-31"),
    ("January to May", NOV_2025, "January to May", "2025-01..2025-05", RANGE, False, "2025-01-01", "2025-05-31"),
    ("November to February", FEB_2026, "November to February", "2025-11..2026-02", RANGE, False, "2025-11-01", "2026-02-28"),
    ("November 2023 to March 2024", None, "November 2023 to March 2024", "2023-11..2024-03", RANGE, True, "2023-11-01", "2024-03-31"),
    # full dates
    ("November 24, 2025", None, "November 24, 2025", "2025-11-24", D, True, "2025-11-24", "2025-11-24"),
    ("on 24 November 2025", None, "24 November 2025", "2025-11-24", D, True, "2025-11-24", "2025-11-24"),
    ("2025-11-24", None, "2025-11-24", "2025-11-24", D, True, "2025-11-24", "2025-11-24"),
    ("Nov. 24", NOV_2025, "Nov. 24", "2025-11-24", D, False, "2025-11-24", "2025-11-24"),
    ("Dec. 25", NOV_2025, "Dec. 25", "2024-12-25", D, False, "2024-12-25", "2024-12-25"),
    ("January 1st, 2024", None, "January 1st, 2024", "2024-01-01", D, True, "2024-01-01", "2024-01-01"),
    ("May 5", NOV_2025, "May 5", "2025-05-05", D, False, "2025-05-05", "2025-05-05"),
    # fiscal years (read as calendar years)
    ("FY2024", None, "FY2024", "FY2024", Y, True, "2024-01-01", "2024-12-31"),
    ("FY24", None, "FY24", "FY2024", Y, True, "2024-01-01", "2024-12-31"),
    ("FY 2024", None, "FY 2024", "FY2024", Y, True, "2024-01-01", "2024-12-31"),
    ("fiscal 2024", None, "fiscal 2024", "FY2024", Y, True, "2024-01-01", "2024-12-31"),
    ("Fiscal year 2024", None, "Fiscal year 2024", "FY2024", Y, True, "2024-01-01", "2024-12-31"),
    ("fiscal 2024-25", None, "fiscal 2024-25", "FY2024-25", RANGE, True, "2024-01-01", "2025-12-31"),
    # year ranges
    ("from 2020 to 2024", None, "from 2020 to 2024", "2020..2024", RANGE, True, "2020-01-01", "2024-12-31"),
    ("between 2020 and 2024", None, "between 2020 and 2024", "2020..2024", RANGE, True, "2020-01-01", "2024-12-31"),
    ("2020-2024", None, "2020-2024", "2020..2024", RANGE, True, "2020-01-01", "2024-12-31"),
    ("2020–24", None, "2020–24", "2020..2024", RANGE, True, "2020-01-01", "2024-12-31"),
    ("2020 to 2024", None, "2020 to 2024", "2020..2024", RANGE, True, "2020-01-01", "2024-12-31"),
    # one fiscal year or season, read as the calendar years it touches
    ("the 2024/25 season", None, "2024/25", "2024-25", RANGE, True, "2024-01-01", "2025-12-31"),
    ("spending in 2024-25", None, "2024-25", "2024-25", RANGE, True, "2024-01-01", "2025-12-31"),
    ("the 2024/2025 season", None, "2024/2025", "2024-25", RANGE, True, "2024-01-01", "2025-12-31"),
    ("2024-2025", None, "2024-2025", "2024..2025", RANGE, True, "2024-01-01", "2025-12-31"),
    # spans counted back from the end the text names
    ("in the three months to April", JUN_2025, "the three months to April", "2025-02..2025-04", RANGE, False, "2025-02-01", "2025-04-30"),
    ("the three months to May", JUN_2025, "the three months to May", "2025-03..2025-05", RANGE, False, "2025-03-01", "2025-05-31"),
    ("the 12 months to March 2025", None, "the 12 months to March 2025", "2024-04..2025-03", RANGE, True, "2024-04-01", "2025-03-31"),
    ("in the year to June 2024", None, "the year to June 2024", "2023-07..2024-06", RANGE, True, "2023-07-01", "2024-06-30"),
    ("the nine months ended September 30", JUN_2025, "the nine months ended September 30", "2024-01..2024-09", RANGE, False, "2024-01-01", "2024-09-30"),
    ("the quarter ended June 30", NOV_2025, "the quarter ended June 30", "2025-04..2025-06", RANGE, False, "2025-04-01", "2025-06-30"),
    ("the six months to the end of June 2024", None, "the six months to the end of June 2024", "2024-01..2024-06", RANGE, True, "2024-01-01", "2024-06-30"),
    ("the 52 weeks ended Feb. 1, 2025", None, "the 52 weeks ended Feb. 1, 2025", "2024-02-04..2025-02-01", RANGE, True, "2024-02-04", "2025-02-01"),
    # spans counted from the start of a year; an unwritten year is that of "January to <last month>"
    ("the first 10 months of 2025", None, "the first 10 months of 2025", "2025-01..2025-10", RANGE, True, "2025-01-01", "2025-10-31"),
    ("in the first three quarters", NOV_2025, "the first three quarters", "2025-Q1..2025-Q3", RANGE, False, "2025-01-01", "2025-09-30"),
    ("in the first three quarters", JUN_2025, "the first three quarters", "2024-Q1..2024-Q3", RANGE, False, "2024-01-01", "2024-09-30"),
    ("the first nine months of fiscal 2025", None, "the first nine months of fiscal 2025", "FY2025-01..FY2025-09", RANGE, True, "2025-01-01", "2025-09-30"),
    ("the first two quarters of last year", JUN_2025, "the first two quarters of last year", "2024-Q1..2024-Q2", RANGE, False, "2024-01-01", "2024-06-30"),
    # a quarter, half or fiscal year that ends on the day the text gives
    ("the first quarter of fiscal 2026, which ended May 3", JUN_2025, "the first quarter of fiscal 2026, which ended May 3", "FY2026-Q1", Q, True, "2025-02-04", "2025-05-03"),
    ("fiscal 2025, which ended March 31, 2025", None, "fiscal 2025, which ended March 31, 2025", "FY2025", Y, True, "2024-04-01", "2025-03-31"),
    ("Q3 ended Sept. 30", NOV_2025, "Q3 ended Sept. 30", "2025-Q3", Q, False, "2025-07-01", "2025-09-30"),
    ("the first quarter of fiscal 2026, which ended May 3", None, "the first quarter of fiscal 2026, which ended May 3", "FY2026-Q1", Q, True, "2026-01-01", "2026-03-31"),
    # relative to the publication date
    ("last year", FEB_2026, "last year", "2025", Y, False, "2025-01-01", "2025-12-31"),
    ("This year", FEB_2026, "This year", "2026", Y, False, "2026-01-01", "2026-12-31"),
    ("next year", FEB_2026, "next year", "2027", Y, False, "2027-01-01", "2027-12-31"),
    ("last quarter", FEB_2026, "last quarter", "2025-Q4", Q, False, "2025-10-01", "2025-12-31"),
    ("this quarter", NOV_2025, "this quarter", "2025-Q4", Q, False, "2025-10-01", "2025-12-31"),
    ("last month", FEB_2026, "last month", "2026-01", M, False, "2026-01-01", "2026-01-31"),
    ("the previous year", FEB_2026, "the previous year", "2025", Y, False, "2025-01-01", "2025-12-31"),
    ("up from a year earlier", FEB_2026, "a year earlier", "2025", Y, False, "2025-01-01", "2025-12-31"),
    ("a year ago", FEB_2026, "a year ago", "2025", Y, False, "2025-01-01", "2025-12-31"),
    ("two years ago", FEB_2026, "two years ago", "2024", Y, False, "2024-01-01", "2024-12-31"),
    ("three months ago", NOV_2025, "three months ago", "2025-08", M, False, "2025-08-01", "2025-08-31"),
    ("last year's results", FEB_2026, "last year", "2025", Y, False, "2025-01-01", "2025-12-31"),
    # windows ending on the publication date
    ("over the past decade", FEB_2026, "the past decade", "P10Y..2026-02-01", WINDOW, False, "2016-02-01", "2026-02-01"),
    ("in the past five years", FEB_2026, "the past five years", "P5Y..2026-02-01", WINDOW, False, "2021-02-01", "2026-02-01"),
    ("over the last 12 months", FEB_2026, "the last 12 months", "P12M..2026-02-01", WINDOW, False, "2025-02-01", "2026-02-01"),
    ("the past three years", FEB_2026, "the past three years", "P3Y..2026-02-01", WINDOW, False, "2023-02-01", "2026-02-01"),
    ("the past couple of years", FEB_2026, "the past couple of years", "P2Y..2026-02-01", WINDOW, False, "2024-02-01", "2026-02-01"),
    ("the past two decades", FEB_2026, "the past two decades", "P20Y..2026-02-01", WINDOW, False, "2006-02-01", "2026-02-01"),
    ("the last two quarters", NOV_2025, "the last two quarters", "P6M..2025-11-24", WINDOW, False, "2025-05-24", "2025-11-24"),
    ("the last 30 days", NOV_2025, "the last 30 days", "P30D..2025-11-24", WINDOW, False, "2025-10-25", "2025-11-24"),
    ("over the past year", date(2024, 2, 29), "the past year", "P1Y..2024-02-29", WINDOW, False, "2023-02-28", "2024-02-29"),
    # deadlines
    ("by 2026", NOV_2025, "by 2026", "by 2026", DEADLINE, True, "2025-11-24", "2026-12-31"),
    ("by 2026", None, "by 2026", "by 2026", DEADLINE, True, "2026-01-01", "2026-12-31"),
    ("by the end of 2026", NOV_2025, "by the end of 2026", "by 2026", DEADLINE, True, "2025-11-24", "2026-12-31"),
    ("by end-2026", NOV_2025, "by end-2026", "by 2026", DEADLINE, True, "2025-11-24", "2026-12-31"),
    ("by 2030", FEB_2026, "by 2030", "by 2030", DEADLINE, True, "2026-02-01", "2030-12-31"),
    ("by Q3 2026", FEB_2026, "by Q3 2026", "by 2026-Q3", DEADLINE, True, "2026-02-01", "2026-09-30"),
    ("by 2020", FEB_2026, "by 2020", "by 2020", DEADLINE, True, "2020-01-01", "2020-12-31"),
    ("by the end of this year", NOV_2025, "by the end of this year", "by 2025", DEADLINE, False, "2025-11-24", "2025-12-31"),
    ("by 2026-27", NOV_2025, "by 2026-27", "by 2026-27", DEADLINE, True, "2025-11-24", "2027-12-31"),
    # mid-year and since
    ("mid-2024", None, "mid-2024", "mid-2024", RANGE, True, "2024-04-01", "2024-09-30"),
    ("since 2020", FEB_2026, "since 2020", "2020..2026-02-01", RANGE, True, "2020-01-01", "2026-02-01"),
    ("since March 2020", FEB_2026, "since March 2020", "2020-03..2026-02-01", RANGE, True, "2020-03-01", "2026-02-01"),
    ("since records began in 1997", FEB_2026, "since records began in 1997", "1997..2026-02-01", RANGE, True, "1997-01-01", "2026-02-01"),
]
# fmt: on


def _one(text: str, published: date | None) -> Period:
    periods = find_periods(text, published)
    assert len(periods) == 1, periods
    return periods[0]


@pytest.mark.parametrize(
    ("text", "published", "surface", "label", "granularity", "anchored", "start", "end"),
    CASES,
)
def test_period_forms(
    text: str,
    published: date | None,
    surface: str,
    label: str,
    granularity: Granularity,
    anchored: bool,
    start: str,
    end: str,
) -> None:
    period = _one(text, published)
    assert (period.text, period.label, period.granularity, period.anchored) == (surface, label, granularity, anchored)
    assert (period.start, period.end) == (date.fromisoformat(start), date.fromisoformat(end))
    assert text[period.start_offset : period.end_offset] == surface


@pytest.mark.parametrize(
    "text",
    [
        "Q3",
        "the third quarter",
        "H1",
        "in March",
        "Nov. 24",
        "January to October",
        "last year",
        "a year ago",
        "the past decade",
        "since 2020",
        "since mid-May",
        "by the end of this year",
    ],
)
def test_no_publication_date_and_no_written_year_gives_nothing(text: str) -> None:
    assert find_periods(text, None) == []


@pytest.mark.parametrize(
    "text",
    [
        "$2024",
        "US$ 2024",
        "It cost €2024.",
        "No. 2024",
        "2,024 people",
        "2024 tonnes",
        "2024 million",
        "2024 per cent",
        "2024%",
        "2024.5",
        "12024",
        "16%",
        "of $16",
        "1899",
        "2101",
        "by 2030 tonnes",
        "May I ask?",
        "Prices may rise.",
        "Theresa May said",
        "Troops march on.",
        "Jan said no.",
        "H200 chips",
        "A100 chips",
        "the H1-B visa",
        "an H1N1 outbreak",
        "the Q35 chipset",
        "year-on-year",
        "year-over-year",
        "up 5% yoy",
        "up 5% y/y",
        "a this year-on-year gain",
        "quarter-on-quarter",
        "the first quarter-point cut",
        "the first half of the match",
        "the third half",
        "by March",
        "the past 0 years",
        "2019-03",
        "Theresa May last year",
        "the first two months of trading",
        "the first 13 months",
    ],
)
def test_not_periods(text: str) -> None:
    assert find_periods(text, NOV_2025) == []


def test_from_value_in_year_to_value_in_year_gives_two_years() -> None:
    text = "The share rose from 16% in 2020 to 28% in 2024."
    assert [(p.text, p.label, p.start_offset) for p in find_periods(text, NOV_2025)] == [
        ("2020", "2020", text.index("2020")),
        ("2024", "2024", text.index("2024")),
    ]


def test_longest_match_wins_and_periods_come_in_text_order() -> None:
    text = "Revenue rose 12% in the third quarter of 2024 from a year earlier, and by 2030 it may double."
    periods = find_periods(text, NOV_2025)
    assert [p.text for p in periods] == ["the third quarter of 2024", "a year earlier", "by 2030"]
    assert [p.start_offset for p in periods] == [text.index("the third"), text.index("a year"), text.index("by 2030")]


@pytest.mark.parametrize(
    ("text", "anaphor", "label"),
    [
        ("Revenue rose in the third quarter of 2024. Margins widened in the quarter.", "the quarter", "2024-Q3"),
        ("Sales fell in March 2025, then recovered over the month.", "the month", "2025-03"),
        ("Output grew from 2020 to 2024, doubling over the period.", "the period", "2020..2024"),
        ("In H1 2025 costs rose and, in the half, margins fell.", "the half", "2025-H1"),
        ("Q3 2024 was strong: profit rose 8% in the three months.", "the three months", "2024-Q3"),
    ],
)
def test_the_quarter_or_the_period_refers_back_to_the_last_one_named(text: str, anaphor: str, label: str) -> None:
    referring = [p for p in find_periods(text, NOV_2025) if p.text == anaphor]
    assert [(p.label, p.start_offset) for p in referring] == [(label, text.index(anaphor))]


@pytest.mark.parametrize("text", [
    "Margins widened in the quarter.",  # nothing named before it
    "Q3 2024 was strong, unlike the quarter before.",
    "In March 2025 prices rose, as in the month a year earlier.",
])
def test_the_quarter_with_nothing_to_refer_back_to_is_no_period(text: str) -> None:
    assert not [p for p in find_periods(text, NOV_2025) if p.text.startswith("the quarter") or p.text == "the month"]


def test_a_span_to_a_named_end_is_not_an_anaphor() -> None:
    text = "In 2024 costs rose; in the quarter ended June 30 they fell."
    assert [p.label for p in find_periods(text, NOV_2025)] == ["2024", "2025-04..2025-06"]


def test_a_span_needs_a_count_or_one_unit() -> None:
    # "the months to April" says how long nothing lasted; only April is a period.
    assert [p.text for p in find_periods("in the months to April", JUN_2025)] == ["April"]
    # A move by three months is no span: no "the" before it.
    assert [p.text for p in find_periods("delayed three months to April", JUN_2025)] == ["April"]


def test_a_year_after_since_and_an_event_is_not_the_year_of_another_period() -> None:
    text = "Borrowing fell by £2bn in April, the biggest monthly drop since records began in 1997."
    assert [p.label for p in find_periods(text, JUN_2025)] == ["2025-04", "1997..2025-06-01"]


@pytest.mark.parametrize(
    ("text", "figure", "label"),
    [
        ("Retail sales rose 2.1% in the three months to April.", "2.1%", "2025-02..2025-04"),
        ("Inflation averaged 3.1% in the 12 months to March 2025.", "3.1%", "2024-04..2025-03"),
        ("Prices rose 4.5% in the year to June 2024.", "4.5%", "2023-07..2024-06"),
        ("Revenue was $4.2 billion in the nine months ended September 30.", "$4.2 billion", "2024-01..2024-09"),
        ("Exports rose 12% in the first 10 months of 2025.", "12%", "2025-01..2025-10"),
        ("Profit rose 8% in the first three quarters.", "8%", "2024-Q1..2024-Q3"),
        ("Profit rose 8% in the first half.", "8%", "2025-H1"),
        ("Sales rose 5% in June last year.", "5%", "2024-06"),
        ("Borrowing fell by £2bn in April, the biggest monthly drop since records began in 1997.", "£2bn", "2025-04"),
        ("Spending will reach £20bn by 2026-27.", "£20bn", "by 2026-27"),
        ("Exports rose 5.2% to $3.1 trillion in the January-October period.", "$3.1 trillion", "2024-01..2024-10"),
    ],
)
def test_a_span_of_time_is_the_figures_period_and_never_a_figure(text: str, figure: str, label: str) -> None:
    claims = factcheck.extract(text, published=JUN_2025)
    by_text = {claim.text: claim for claim in claims}
    assert by_text[figure].period is not None and by_text[figure].period.label == label
    # "three months", "three quarters" (0.75), "27" of "2026-27": all inside the period, none a figure.
    assert not [claim.text for claim in claims if claim.period is not None
                and claim.period.start_offset <= claim.start < claim.period.end_offset]


def test_a_fiscal_quarter_ended_before_publication_is_reported_not_forecast() -> None:
    text = "Revenue was $3.8 billion in the first quarter of fiscal 2026, which ended May 3."
    claim = factcheck.extract(text, published=JUN_2025)[0]
    assert claim.period is not None and claim.period.label == "FY2026-Q1"
    assert (claim.period.start, claim.period.end) == (date(2025, 2, 4), date(2025, 5, 3))
    assert claim.modality is Modality.actual


def test_lists_of_years() -> None:
    assert [p.label for p in find_periods("in 2024, 2025 and 2026", None)] == ["2024", "2025", "2026"]


def test_lowercase_month_words_are_not_months_but_capitalised_ones_are() -> None:
    assert find_periods("they march in may", NOV_2025) == []
    assert [p.label for p in find_periods("MARCH 2024", None)] == ["2024-03"]


def test_dateparser_never_searches_free_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import dateparser.search

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("search_dates must not be used")

    monkeypatch.setattr(dateparser.search, "search_dates", forbidden)
    assert [p.label for p in find_periods("On Nov. 24, 2025 and 3 May 2024", None)] == ["2025-11-24", "2024-05-03"]


@pytest.mark.parametrize(
    ("span", "published", "expected"),
    [
        ("Nov 24, 2025", None, date(2025, 11, 24)),
        ("2025-11-24", None, date(2025, 11, 24)),
        ("2025年11月24日", None, date(2025, 11, 24)),
        ("24 November 2025", None, date(2025, 11, 24)),
        ("November 2025", None, date(2025, 11, 1)),
        ("Nov. 24", date(2025, 11, 30), date(2025, 11, 24)),
        ("Dec. 25", date(2025, 11, 30), date(2024, 12, 25)),
        ("not a date", None, None),
    ],
)
def test_parse_date(span: str, published: date | None, expected: date | None) -> None:
    assert parse_date(span, published) == expected


def _check_invariants(text: str, periods: list[Period]) -> None:
    previous_end = 0
    for period in periods:
        assert text[period.start_offset : period.end_offset] == period.text
        assert period.start_offset >= previous_end
        assert period.start <= period.end
        previous_end = period.end_offset


PIECES = [
    "2020", "2024", "1999", "2100", "24", "25", "3", "Q3", "H1", "H2", "3Q24", "1H", "FY", "FY24", "fiscal",
    "year", "years", "the", "third", "first", "final", "quarter", "half", "of", "March", "May", "Jan", "Nov.",
    "Dec", "by", "since", "from", "to", "between", "and", "last", "past", "next", "this", "a", "five", "couple",
    "ago", "earlier", "decade", "months", "mid", "end", "end-", "2010s", "$", "%", ",", ".", "-", "–", "/", "'s",
    "tonnes", "million", "on", "over", "No.", "ended", "which", "weeks", "June", "30", "in", "records",
]  # fmt: skip
SEPARATORS = ["", " ", "  ", "-", "\n", ", "]

news_like = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda pairs: "".join(piece + separator for piece, separator in pairs)
)
publication = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=news_like | st.text(max_size=200), published=publication)
def test_any_text_gives_ordered_non_overlapping_periods_that_slice_back(text: str, published: date | None) -> None:
    _check_invariants(text, find_periods(text, published))


# Word characters that are no letters of a word token, case folds that differ from str.lower, and the marks
# that run words and numbers together inside one token.
ODD_PIECES = ["½", "²", "٣", "_", "ſince", "İn", "K", "’", "'", "\u2009", "1,000", "1 000 000", ".5", "x10^-3",
              "year-on-year", "full-year", "mid-March", "e-5", "3/4", "4.82", "16600", "2024.5", "15/16", "3\u2009000",
              "1e10", "12½"]  # fmt: skip
# What can follow an article at the start of a period, in odd cases too: a kind tried after 'the' only before
# the words it lists would be lost here if a word were missing.
ARTICLE_PIECES = ["The", "THE", "whole", "full", "period", "six", "3rd", "1st", "week", "financial", "previous",
                  "coming", "Final", "second-quarter", "ſecond", "dozen", "company"]  # fmt: skip
dispatch_text = st.lists(st.tuples(st.sampled_from(PIECES + ODD_PIECES + ARTICLE_PIECES), st.sampled_from(SEPARATORS)),
                         max_size=30).map(lambda pairs: "".join(piece + separator for piece, separator in pairs))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=dispatch_text | st.text(max_size=120))
def test_scanning_by_token_finds_what_the_whole_scanner_finds(text: str) -> None:
    """The scan tries the scanner only at tokens a period can start with, and there only the kinds their word
    can start: a kind whose first words are missing from its list would be lost here."""
    grammar = _grammar("en")
    every_position = [(match.start(), match.end(), match.lastgroup) for match in grammar.scanner.finditer(text)]
    by_token = [(match.start(), match.end(), match.lastgroup) for match in grammar.scan(text, tokenize(text))]
    assert by_token == every_position


@pytest.mark.parametrize("published", [date.min, date.max])
def test_extreme_publication_dates_do_not_raise(published: date) -> None:
    text = " ".join(case[0] for case in CASES) + " the past 999 centuries, 999 years ago"
    _check_invariants(text, find_periods(text, published))


@pytest.mark.parametrize(
    "hostile",
    [
        "2020-" * 40_000,
        "Q" * 200_000,
        "Q3" * 100_000,
        " " * 200_000,
        "1" * 200_000,
        "the past " * 25_000,
        "by the end of " * 15_000,
        "from January to " * 13_000,
        "May " * 50_000,
        "2024 " + " " * 200_000 + "tonnes",
        "first" + " " * 200_000 + "x",
        "since records began " * 15_000,
        "the three months to " * 15_000,
        "the first quarter, which ended " * 8_000,
        "the first three " * 15_000,
    ],
)
def test_hostile_input_finishes(hostile: str) -> None:
    _check_invariants(hostile, find_periods(hostile, NOV_2025))


def _sentences(text: str) -> list[Span]:
    return [Span(start=match.start(), end=match.end()) for match in re.finditer(r".+?\.(?=\s+[A-Z]|$)", text)]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # The paragraph's topic, not the year named in passing in the sentence before.
        ("For fiscal 2026, the company expects revenue of $75 billion, up from the $72.4 billion it reported for "
         "fiscal 2025. It forecast earnings of $9 a share for the year.", "FY2026"),
        # Its own sentence's year comes first.
        ("For fiscal 2026, the company expects revenue of $75 billion. It had forecast fiscal 2025 earnings of "
         "$8.10 a share and ended the year at $8.27.", "FY2025"),
        # A base counted back ('a year earlier') is never what 'the year' means.
        ("Revenue rose 3% in 2025 from a year earlier. Margins widened over the year.", "2025"),
        ("In 2024, output recovered. Prices were compared with 2023 levels. Over the year, margins grew.", "2024"),
    ],
)
def test_the_year_refers_to_the_most_salient_year(text: str, label: str) -> None:
    referring = [p for p in find_periods(text, NOV_2025, sentences=_sentences(text)) if p.text == "the year"]
    assert [p.label for p in referring] == [label]


@pytest.mark.parametrize("text", [
    "Sales rose in 2024. Unemployment rose 1.6 percentage points on the year.",  # a comparison, not a period
    "Revenue rose in 2024. Profit rose in Q3 of the fiscal year.",  # Q3 already reads its year
    "Sales rose in 2024. Investors are cautious about the year ahead.",
    "Sales rose in 2024. The year 2025 looks weaker.",
])
def test_the_year_that_points_elsewhere_is_no_anaphor(text: str) -> None:
    found = [p.text for p in find_periods(text, NOV_2025, sentences=_sentences(text))]
    assert not [period for period in found if "year" in period.lower()]
