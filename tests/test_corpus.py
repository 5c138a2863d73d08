"""Precision and recall of every internal and hygiene rule on the evaluation corpus in tests/corpus/."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

import factcheck
from factcheck.config import Config
from factcheck.rulebook import load_rules
from seedgold import gold_span

CORPUS = Path(__file__).resolve().parent / "corpus"
FLOOR = 0.9
RULE_CODES = [rule.code for rule in load_rules() if rule.spec.group in ("internal", "hygiene")]


def _expected() -> set[tuple[str, str, int, int]]:
    expected = set()
    for gold_path in sorted(CORPUS.glob("*.findings.yml")):
        stem = gold_path.name[: -len(".findings.yml")]
        article = next(p for p in CORPUS.glob(stem + ".*") if not p.name.endswith(".findings.yml"))
        document = factcheck.load(article)
        for entry in yaml.safe_load(gold_path.read_text(encoding="utf-8")).get("findings") or []:
            start, end = gold_span(document.text, entry)
            expected.add((document.id, entry["rule"], start, end))
    return expected


@pytest.fixture(scope="module")
def outcome():
    report = factcheck.check([CORPUS], config=Config(select=("internal", "hygiene")))
    found = {(f.locations[0].document, f.rule, f.locations[0].start, f.locations[0].end) for f in report.findings}
    return _expected(), found


def test_corpus_is_large_and_covers_every_rule(outcome):
    expected, _ = outcome
    articles = {document for document, *_ in expected}
    assert len(list(CORPUS.glob("*.findings.yml"))) >= 25
    per_rule = Counter(rule for _, rule, *_ in expected)
    assert all(per_rule[code] >= 3 for code in RULE_CODES), per_rule
    assert len(articles) < len(list(CORPUS.glob("*.findings.yml"))), "clean controls are part of the corpus"


@pytest.mark.parametrize("code", RULE_CODES)
def test_rule_precision_and_recall(outcome, code):
    expected, found = outcome
    want = {item for item in expected if item[1] == code}
    got = {item for item in found if item[1] == code}
    hits = len(want & got)
    precision = hits / len(got) if got else 1.0
    recall = hits / len(want) if want else 1.0
    print(f"\n{code}: precision {precision:.2f} recall {recall:.2f} (expected {len(want)}, found {len(got)})")
    print("  missed:", sorted(want - got), "\n  extra:", sorted(got - want))
    assert precision >= FLOOR and recall >= FLOOR
