"""Scoring extracted claims against the hand-written gold files in seeds/ (shared by tests and benchmarks)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from factcheck import load
from factcheck.extract import extract_claims
from factcheck.models import Claim, Document
from pint.errors import PintError

from factcheck.units import ureg

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ATTRIBUTES = ("period", "metric", "modality")


@dataclass
class Score:
    gold: int = 0
    extracted: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    attribute_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    attribute_total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    attribute_misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    def attribute_accuracy(self, name: str) -> float:
        total = self.attribute_total[name]
        return self.attribute_hits[name] / total if total else 1.0


def seed_pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for gold in sorted(SEEDS.glob("*.gold.yml")):
        stem = gold.name[: -len(".gold.yml")]
        articles = [p for p in SEEDS.glob(stem + ".*") if not p.name.endswith(".gold.yml")]
        assert len(articles) == 1, f"{gold.name}: expected one article named {stem}.*"
        pairs.append((articles[0], gold))
    return pairs


def gold_span(text: str, entry: dict) -> tuple[int, int]:
    start = -1
    for _ in range(entry.get("occurrence", 1)):
        start = text.index(entry["text"], start + 1)
    return start, start + len(entry["text"])


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def same_unit(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(ureg.Quantity(1.0, a).to(b).magnitude, 1.0)
    except PintError:
        return False


def quantity_matches(claim: Claim, entry: dict) -> bool:
    quantity = claim.quantity
    unit = None if quantity.kind.value in ("percent", "percentage_points") else quantity.unit
    return (
        quantity.kind.value == entry["kind"]
        and _close(quantity.value, entry["value"])
        and _close(quantity.lower, entry.get("lower"))
        and _close(quantity.upper, entry.get("upper"))
        and quantity.currency == entry.get("currency")
        and same_unit(unit, entry.get("unit"))
        and quantity.approximation.value == entry.get("approximation", "exact")
    )


def attribute_value(claim: Claim, name: str) -> str | None:
    if name == "period":
        return claim.period.label if claim.period else None
    if name == "modality":
        return claim.modality.value
    return getattr(claim, name)


def score_document(document: Document, gold: dict, score: Score) -> None:
    claims = {(c.start, c.end): c for c in extract_claims(document)}
    entries = gold.get("claims") or []
    score.gold += len(entries)
    score.extracted += len(claims)
    used = set()
    for entry in entries:
        span = gold_span(document.text, entry)
        claim = claims.get(span)
        if claim is None or not quantity_matches(claim, entry):
            found = f" (got {claim.quantity.kind.value} {claim.quantity.value})" if claim else ""
            score.misses.append(f"{document.id}: {entry['text']!r}{found}")
            continue
        used.add(span)
        score.matched += 1
        _score_attributes(document, claim, entry, score)
    score.extras.extend(f"{document.id}: {c.text!r}" for span, c in claims.items() if span not in used)


def _score_attributes(document: Document, claim: Claim, entry: dict, score: Score) -> None:
    for name in ATTRIBUTES:
        if name not in entry:
            continue
        score.attribute_total[name] += 1
        expected, got = entry[name], attribute_value(claim, name)
        if expected == got:
            score.attribute_hits[name] += 1
        else:
            score.attribute_misses.append(f"{document.id}: {entry['text']!r} {name}: want {expected} got {got}")


def score_seeds() -> tuple[Score, list[str]]:
    score, date_errors = Score(), []
    for article, gold_path in seed_pairs():
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        document = load(article)
        if str(document.published) != str(gold.get("published")):
            date_errors.append(f"{article.name}: published {document.published}, gold {gold.get('published')}")
        score_document(document, gold, score)
    return score, date_errors


def expected_findings() -> set[tuple[str, str, int, int]]:
    """(document id, rule, start, end) of every finding the seed gold files expect."""
    expected = set()
    for article, gold_path in seed_pairs():
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        document = load(article)
        for entry in gold.get("findings") or []:
            start, end = gold_span(document.text, entry)
            expected.add((document.id, entry["rule"], start, end))
    return expected
