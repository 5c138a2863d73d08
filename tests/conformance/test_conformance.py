"""factcheck.extract against the external English conformance suites (see scoring.py for the rules).

The floors sit a little below measured scores: they catch regressions, they are not targets.
"""

from __future__ import annotations

from functools import cache

import pytest

from .scoring import CONFORMANCE_DIR, ENGLISH_SUITES, SuiteScore, format_table, misses, score_suite

STRICT_F1_FLOORS = {
    "rt_en_percentage": 0.95,
    "rt_en_currency": 0.98,
    "rt_en_number": 0.86,
    "rt_en_dimension": 0.89,
    "rt_en_temperature": 0.97,
    "rt_en_age": 0.88,
    "qu3_en_quantities": 0.85,
    "qu3_en_ambiguity": 0.66,
    "rt_en_number_range": 0.8,
}
MISSES_SHOWN = 30


@pytest.fixture(scope="session", autouse=True)
def require_conformance_suites() -> None:
    if not CONFORMANCE_DIR.is_dir():
        pytest.skip(f"conformance suites not found at {CONFORMANCE_DIR} (expected beside the repository)")


@cache
def scored(suite: str) -> SuiteScore:
    return score_suite(suite, root=CONFORMANCE_DIR)


def miss_report(score: SuiteScore) -> str:
    found = [(outcome, misses(outcome)) for outcome in score.outcomes]
    lines = [f"{o.case.id}: {o.case.text!r}\n" + "\n".join(miss_lines) for o, miss_lines in found if miss_lines]
    hidden = f"\n... and {len(lines) - MISSES_SHOWN} more cases" if len(lines) > MISSES_SHOWN else ""
    return "\n".join(lines[:MISSES_SHOWN]) + hidden


def test_every_suite_has_a_floor():
    assert set(STRICT_F1_FLOORS) == set(ENGLISH_SUITES)


@pytest.mark.parametrize("suite", ENGLISH_SUITES)
def test_extractor_does_not_crash(suite):
    crashes = [f"{o.case.id}: {o.error}" for o in scored(suite).errors]
    assert not crashes, "\n".join(crashes)


@pytest.mark.parametrize("suite", ENGLISH_SUITES)
def test_strict_f1_floor(suite):
    score = scored(suite)
    print("\n" + format_table([score]))
    strict_f1 = score.f1("strict")
    assert strict_f1 >= STRICT_F1_FLOORS[suite], f"misses (scores in captured stdout):\n{miss_report(score)}"
