"""Extraction accuracy on the sample articles in seeds/ against their gold files."""

import factcheck
from factcheck.config import Config
from seedgold import ATTRIBUTES, SEEDS, expected_findings, score_seeds, seed_pairs

# Context attributes are judgement calls; these floors guard against regressions below what is measured.
ATTRIBUTE_FLOORS = {"period": 0.85, "metric": 0.55, "modality": 0.88}


def test_there_are_enough_seed_articles():
    assert len(seed_pairs()) >= 8


def test_publication_dates_are_found():
    _, date_errors = score_seeds()
    assert date_errors == []


def test_claims_match_gold_with_high_precision_and_recall():
    score, _ = score_seeds()
    print(f"\nseeds: gold={score.gold} extracted={score.extracted} matched={score.matched} "
          f"precision={score.precision:.3f} recall={score.recall:.3f}")
    print("missed:", *score.misses, sep="\n  ")
    print("extra:", *score.extras, sep="\n  ")
    assert score.precision >= 0.95
    assert score.recall >= 0.95


def test_claim_context_matches_gold():
    score, _ = score_seeds()
    for name in ATTRIBUTES:
        print(f"{name}: {score.attribute_accuracy(name):.3f} of {score.attribute_total[name]}")
    print(*score.attribute_misses, sep="\n  ")
    for name, floor in ATTRIBUTE_FLOORS.items():
        assert score.attribute_accuracy(name) >= floor, name


def test_findings_on_the_seeds_are_exactly_the_gold_ones():
    """Consistency findings only: whether a figure cites a source (FC3xx) is tested on fixtures of its own."""
    report = factcheck.check(SEEDS, config=Config(ignore=("support",)))
    found = {(f.locations[0].document, f.rule, f.locations[0].start, f.locations[0].end) for f in report.findings}
    assert found == expected_findings()
