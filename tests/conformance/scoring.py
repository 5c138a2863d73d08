"""Score ``factcheck.extract`` on the external conformance suites (``<repo>/../shared/conformance``).

The rules are that folder's README: each expected item is matched one-to-one to an overlapping
extracted claim, and scored at three levels -- span (overlap), value (also equal within 1e-6
relative; both bounds for ranges) and strict (also the same ISO currency or unit). Precision counts
only the extracted claims of the suite's kind, and only those claims take part in the matching, so
a claim of the wrong kind is a miss rather than a hit that precision cannot see.

``python -m tests.conformance.scoring`` prints the table for the English suites.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CONFORMANCE_DIR = Path(__file__).resolve().parents[3] / "shared" / "conformance"
UNITS_TABLE = Path(__file__).with_name("units.yml")

ENGLISH_SUITES = (
    "rt_en_number",
    "rt_en_percentage",
    "rt_en_currency",
    "rt_en_dimension",
    "rt_en_temperature",
    "rt_en_age",
    "rt_en_number_range",
    "qu3_en_quantities",
    "qu3_en_ambiguity",
)
RELATIVE_TOLERANCE = 1e-6

Extractor = Callable[..., list[Any]]


# --- loading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    text: str
    start: int
    end: int
    kind: str
    value: float | None
    unit: str | None
    currency: str | None
    subkind: str | None = None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Case:
    suite: str
    id: str
    text: str
    published: date | None
    expected: tuple[Expected, ...]
    hard: bool


def load_suite(name: str, root: Path = CONFORMANCE_DIR) -> list[Case]:
    """All cases of suite ``name``: ``name.jsonl`` plus ``name.hard.jsonl`` (cases the reference port fails)."""
    files = [(root / f"{name}.jsonl", False), (root / f"{name}.hard.jsonl", True)]
    present = [(path, hard) for path, hard in files if path.exists()]
    if not present:
        raise FileNotFoundError(f"no files for suite {name!r} in {root}")
    return [case for path, hard in present for case in _read_cases(path, hard)]


def _read_cases(path: Path, hard: bool) -> Iterable[Case]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield _parse_case(json.loads(line), hard)


def _parse_case(record: dict, hard: bool) -> Case:
    reference = (record.get("context") or {}).get("reference_datetime")
    return Case(
        suite=record["suite"],
        id=record["id"],
        text=record["text"],
        published=date.fromisoformat(reference[:10]) if reference else None,
        expected=tuple(_parse_expected(item) for item in record["expected"]),
        hard=hard,
    )


def _parse_expected(item: dict) -> Expected:
    bounds = item.get("range") or {}
    return Expected(
        text=item["text"],
        start=item["start"],
        end=item["end"],
        kind=item["kind"],
        value=item.get("value"),
        unit=item.get("unit"),
        currency=item.get("currency"),
        subkind=item.get("subkind"),
        low=bounds.get("low"),
        high=bounds.get("high"),
    )


# --- unit comparison -----------------------------------------------------------------------------


@cache
def default_registry() -> Any:
    """The project's registry when it exists, since it may define units plain pint lacks."""
    try:
        from factcheck.units import ureg
    except ImportError:
        import pint

        return pint.UnitRegistry()
    return ureg


class UnitMatcher:
    """Decides whether a reference unit name and one of our pint unit names denote the same unit."""

    def __init__(self, registry: Any, table_path: Path = UNITS_TABLE):
        table = yaml.safe_load(table_path.read_text(encoding="utf-8"))
        self.registry = registry
        self.names: dict[str, str] = table["names"]
        self.dimension_only: dict[str, dict[str, list[str]]] = table["dimension_only"]
        self.same_word: dict[str, str] = table["same_word"]
        self.subunits: dict[str, float] = table["subunits"]
        self._parsed: dict[str, Any] = {}

    def same_unit(self, reference: str | None, ours: str | None, subkind: str | None = None) -> bool:
        if reference is None:
            return True
        if ours is None:
            return False
        dimensions = self.dimension_only.get(subkind or "", {}).get(reference.lower())
        if dimensions is not None:
            return any(self._has_dimension(ours, dimension) for dimension in dimensions)
        reference_unit, our_unit = self.parse(reference), self.parse(ours)
        if reference_unit is None or our_unit is None:
            return self.same_word_name(reference, ours)
        return reference_unit == our_unit or self._same_scale(reference_unit, our_unit)

    def same_word_name(self, reference: str, ours: str) -> bool:
        return self._word(reference) == self._word(ours)

    def parse(self, name: str) -> Any | None:
        if name not in self._parsed:
            self._parsed[name] = self._first_readable(self._spellings(name))
        return self._parsed[name]

    def _spellings(self, name: str) -> list[str]:
        # The table goes first: read as-is, "C" and "F" would be coulomb and farad.
        lowered = name.strip().lower()
        table_entry = [self.names[lowered]] if lowered in self.names else []
        return table_entry + [name, _rewrite_unit_phrase(lowered)]

    def _first_readable(self, spellings: list[str]) -> Any | None:
        for spelling in spellings:
            try:
                return self.registry.parse_units(spelling)
            except Exception:  # pint raises many error types for unreadable names; all mean "not a unit"
                continue
        return None

    def _same_scale(self, a: Any, b: Any) -> bool:
        # Catches synonyms such as millilitre vs cubic centimetre; offset units (degC vs degF) differ.
        if a.dimensionality != b.dimensionality:
            return False
        try:
            factor = self.registry.Quantity(1.0, a).to(b).magnitude
        except Exception:  # pint refuses some offset-unit conversions; then they are not the same unit
            return False
        return math.isclose(factor, 1.0, rel_tol=1e-9)

    def _has_dimension(self, ours: str, dimension: str) -> bool:
        unit = self.parse(ours)
        # Compared as text: a registry without the project's definitions knows no '[temperature_unstated]'.
        return unit is not None and str(unit.dimensionality) == dimension

    def dimension_of(self, name: str | None) -> str | None:
        """'[length] / [time]' for 'kilometer / hour'; None when there is no readable unit."""
        unit = self.parse(name) if name else None
        return None if unit is None else str(unit.dimensionality)

    def _word(self, name: str) -> str:
        word = name.strip().lower().replace("_", " ").replace("-", " ")
        word = self.same_word.get(word, word)
        return word[:-1] if word.endswith("s") else word


def _rewrite_unit_phrase(phrase: str) -> str:
    """'joule per square metre per year' -> 'joule / metre**2 / year'."""
    return " / ".join(_rewrite_factor(part) for part in phrase.split(" per "))


def _rewrite_factor(words: str) -> str:
    for prefix, template in (("square ", "{}**2"), ("cubic ", "{}**3"), ("inverse ", "1 / {}")):
        if words.startswith(prefix):
            return template.format(_rewrite_factor(words[len(prefix):]))
    return words.strip().replace(" ", "_")


# --- which extracted claims a suite counts -------------------------------------------------------

# Recognizers-Text keeps durations (datetime) and temperatures apart from its "dimension" model, so
# the physical claims a suite counts are split by dimension: a correct "two hours" is no false
# positive of the dimension suite, nor an angle ("45 degrees angle") of the temperature suite.
# A temperature of unstated scale ("98 degrees") has a dimension of its own in the project's registry.
_TEMPERATURES = ("[temperature]", "[temperature_unstated]")
_SEPARATE_DIMENSIONS = ("[time]", *_TEMPERATURES)


def _has_bounds(quantity: Any) -> bool:
    return quantity.is_range or quantity.lower is not None or quantity.upper is not None


def _states_a_number(quantity: Any) -> bool:
    """Not a bare unit mention: number suites count figures of any kind, but only figures."""
    return quantity.value is not None or _has_bounds(quantity)


def _of_kind(kind: str) -> Callable[[Any, UnitMatcher], bool]:
    # QuantityKind is a str enum, so comparing with its value also accepts plain strings.
    return lambda quantity, units: quantity.kind == kind


def _physical_in(*dimensions: str) -> Callable[[Any, UnitMatcher], bool]:
    return lambda quantity, units: quantity.kind == "physical" and units.dimension_of(quantity.unit) in dimensions


def _physical_outside_separate_dimensions(quantity: Any, units: UnitMatcher) -> bool:
    return quantity.kind == "physical" and units.dimension_of(quantity.unit) not in _SEPARATE_DIMENSIONS


_COUNTED_BY_SUITE_KIND: dict[str, Callable[[Any, UnitMatcher], bool]] = {
    "number": lambda quantity, units: _states_a_number(quantity),
    "percentage": _of_kind("percent"),
    "currency": _of_kind("money"),
    "dimension": _physical_outside_separate_dimensions,
    "temperature": _physical_in(*_TEMPERATURES),
    "age": _physical_in("[time]"),
    "number_range": lambda quantity, units: _has_bounds(quantity),
}


def counted_claim_filter(suite: str, units: UnitMatcher) -> Callable[[Any], bool]:
    """Whether an extracted claim counts for ``suite`` (precision denominator and match candidates)."""
    if suite.startswith("qu3_"):
        return lambda claim: _states_a_number(claim.quantity)
    suite_kind = suite.split("_", 2)[2]
    if suite_kind not in _COUNTED_BY_SUITE_KIND:
        raise ValueError(f"no scoring rule for suite kind {suite_kind!r} ({suite})")
    counts = _COUNTED_BY_SUITE_KIND[suite_kind]
    return lambda claim: counts(claim.quantity, units)


# --- matching ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    expected: Expected
    claim: Any
    value_ok: bool
    strict_ok: bool


def passes(match: Match, level: str) -> bool:
    return {"span": True, "value": match.value_ok, "strict": match.strict_ok}[level]


def overlap(expected: Expected, claim: Any) -> int:
    return min(expected.end, claim.end) - max(expected.start, claim.start)


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=RELATIVE_TOLERANCE)


def value_matches(expected: Expected, claim: Any, units: UnitMatcher) -> bool:
    quantity = claim.quantity
    if expected.kind == "range":
        return _same_number(expected.low, quantity.lower) and _same_number(expected.high, quantity.upper)
    if expected.value is None:
        return True  # a bare unit mention ("dollars") has no value to get wrong
    return quantity.value is not None and _same_number(_in_main_unit(expected, units), quantity.value)


def _in_main_unit(expected: Expected, units: UnitMatcher) -> float:
    """The reference counts '50 cents' as 50 Cent with no currency; the claim record states amounts in the
    main unit (0.5 USD). The same amount, so the reference value is converted before comparing."""
    if expected.kind == "currency" and expected.currency is None and expected.unit:
        return expected.value * units.subunits.get(expected.unit.lower(), 1.0)
    return expected.value


def unit_matches(expected: Expected, claim: Any, units: UnitMatcher) -> bool:
    quantity = claim.quantity
    if expected.kind == "currency":
        if expected.currency is not None:
            return quantity.currency == expected.currency
        # Sub-units and ambiguous names ("cents", "francs") have no ISO code to compare.
        return quantity.unit is None or units.same_word_name(expected.unit, quantity.unit)
    if expected.kind in ("percentage", "dimension"):
        return units.same_unit(expected.unit, quantity.unit, expected.subkind)
    return True  # numbers and number ranges: strict is value


def judge(expected: Expected, claim: Any, units: UnitMatcher) -> Match:
    value_ok = value_matches(expected, claim, units)
    return Match(expected, claim, value_ok, value_ok and unit_matches(expected, claim, units))


def match_case(expected: Iterable[Expected], claims: list[Any], units: UnitMatcher) -> list[Match]:
    """One-to-one greedy matching of expected items to overlapping claims.

    Better-judged pairs go first, then items with a value, then larger overlap, so a wide wrong claim
    cannot take an item from a narrower right one.
    """
    candidates = [judge(item, claim, units) for item in expected for claim in claims if overlap(item, claim) > 0]
    # A claim that states a value goes to an item with a value before a bare unit mention ('$10' before the
    # 'dollars' of '$10 dollars').
    candidates.sort(key=lambda m: (m.strict_ok, m.value_ok, m.expected.value is not None,
                                   overlap(m.expected, m.claim)), reverse=True)
    matches: list[Match] = []
    used_items: set[int] = set()
    used_claims: set[int] = set()
    for candidate in candidates:
        item_key, claim_key = id(candidate.expected), id(candidate.claim)
        if item_key not in used_items and claim_key not in used_claims:
            used_items.add(item_key)
            used_claims.add(claim_key)
            matches.append(candidate)
    return matches


# --- scoring -------------------------------------------------------------------------------------


@dataclass
class CaseOutcome:
    case: Case
    claims: list[Any]
    """Everything the extractor returned, kept to explain misses."""
    counted: list[Any]
    """The claims of the suite's kind: match candidates and precision denominator."""
    matches: list[Match]
    error: str | None = None

    def matched(self, level: str) -> list[Match]:
        return [m for m in self.matches if passes(m, level)]


@dataclass
class SuiteScore:
    suite: str
    outcomes: list[CaseOutcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def cases(self) -> int:
        return len(self.outcomes)

    @property
    def expected(self) -> int:
        return sum(len(o.case.expected) for o in self.outcomes)

    @property
    def extracted(self) -> int:
        return sum(len(o.counted) for o in self.outcomes)

    @property
    def chars(self) -> int:
        return sum(len(o.case.text) for o in self.outcomes)

    @property
    def errors(self) -> list[CaseOutcome]:
        return [o for o in self.outcomes if o.error is not None]

    def hits(self, level: str) -> int:
        return sum(len(o.matched(level)) for o in self.outcomes)

    def precision(self, level: str) -> float:
        return self.hits(level) / self.extracted if self.extracted else 1.0

    def recall(self, level: str) -> float:
        return self.hits(level) / self.expected if self.expected else 1.0

    def f1(self, level: str) -> float:
        p, r = self.precision(level), self.recall(level)
        return 2 * p * r / (p + r) if p + r else 0.0


def default_extractor() -> Extractor:
    """Claims, then the units named with no figure: the suites count a bare 'fahrenheit' or 'dollars' too."""
    import factcheck

    def claims_and_mentions(text: str, published: date | None = None) -> list[Any]:
        document = factcheck.from_text(text, published=published)
        claims = factcheck.extract(document)
        return [*claims, *factcheck.unit_mentions(document, claims=claims)]

    return claims_and_mentions


def score_cases(
    suite: str,
    cases: Iterable[Case],
    extract: Extractor | None = None,
    units: UnitMatcher | None = None,
) -> SuiteScore:
    extract = extract or default_extractor()
    units = units or UnitMatcher(default_registry())
    counts = counted_claim_filter(suite, units)
    score = SuiteScore(suite)
    for case in cases:
        started = time.perf_counter()
        claims, error = _run(extract, case)
        score.seconds += time.perf_counter() - started
        counted = [claim for claim in claims if counts(claim)]
        score.outcomes.append(CaseOutcome(case, claims, counted, match_case(case.expected, counted, units), error))
    return score


def score_suite(
    suite: str,
    extract: Extractor | None = None,
    root: Path = CONFORMANCE_DIR,
    units: UnitMatcher | None = None,
) -> SuiteScore:
    return score_cases(suite, load_suite(suite, root), extract, units)


def _run(extract: Extractor, case: Case) -> tuple[list[Any], str | None]:
    # One crashing input must not hide the scores of the rest; the error is reported instead.
    try:
        return list(extract(case.text, published=case.published)), None
    except Exception as error:
        return [], f"{type(error).__name__}: {error}"


# --- reporting -----------------------------------------------------------------------------------


def describe_claim(claim: Any) -> str:
    q = claim.quantity
    bounds = f" [{q.lower}, {q.upper}]" if _has_bounds(q) else ""
    unit = f" {q.unit}" if q.unit else ""
    money = f" {q.currency}" if q.currency else ""
    return f"{claim.text!r} {_plain(q.kind)} {q.value}{bounds}{unit}{money} ({_plain(q.approximation)})"


def _plain(enum_member: Any) -> str:
    return str(getattr(enum_member, "value", enum_member))


def describe_expected(item: Expected) -> str:
    value = f"[{item.low}, {item.high}]" if item.kind == "range" else item.value
    return f"{item.text!r} {item.kind} {value} {item.unit or ''} {item.currency or ''}".rstrip()


def misses(outcome: CaseOutcome) -> list[str]:
    """One line per expected item not strictly matched and per counted claim matched to nothing."""
    matched = {id(m.expected): m for m in outcome.matches}
    lines = [_miss_line(outcome, item, matched.get(id(item))) for item in outcome.case.expected]
    used = {id(m.claim) for m in outcome.matches}
    lines += [f"  extra: {describe_claim(c)}" for c in outcome.counted if id(c) not in used]
    if outcome.error:
        lines.append(f"  error: {outcome.error}")
    return [line for line in lines if line]


def _miss_line(outcome: CaseOutcome, item: Expected, match: Match | None) -> str:
    if match is not None and match.strict_ok:
        return ""
    if match is not None:
        level = "value" if match.value_ok else "span"
        return f"  {level} only: want {describe_expected(item)} got {describe_claim(match.claim)}"
    others = [describe_claim(c) for c in outcome.claims if overlap(item, c) > 0]
    found = f"; other kinds: {', '.join(others)}" if others else ""
    return f"  missed: want {describe_expected(item)}{found}"


COLUMNS = ("suite", "cases", "gold", "pred", "span P", "span R", "span F1", "value F1", "strict F1", "errors", "chars/s")


def format_table(scores: list[SuiteScore]) -> str:
    rows = [COLUMNS, *(_table_row(score) for score in scores)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(_align(cell, width, i == 0) for i, (cell, width) in enumerate(zip(row, widths))) for row in rows]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def _align(cell: str, width: int, left: bool) -> str:
    return cell.ljust(width) if left else cell.rjust(width)


def _table_row(s: SuiteScore) -> tuple[str, ...]:
    speed = s.chars / s.seconds if s.seconds else 0.0
    ratios = (s.precision("span"), s.recall("span"), s.f1("span"), s.f1("value"), s.f1("strict"))
    counts = (s.cases, s.expected, s.extracted)
    return (s.suite, *map(str, counts), *(f"{r:.3f}" for r in ratios), str(len(s.errors)), f"{speed:.0f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suites", nargs="*", default=list(ENGLISH_SUITES))
    parser.add_argument("--misses", action="store_true", help="list every miss and extra claim")
    args = parser.parse_args(argv)
    extract = default_extractor()
    # Resources load on the first call; keep that out of the throughput figures.
    started = time.perf_counter()
    extract("Warm-up: on May 8, 1945, 5% of $2 million, 3 kg.", published=None)
    print(f"first call (loads resources): {time.perf_counter() - started:.2f} s\n")
    scores = [score_suite(suite, extract) for suite in args.suites]
    print(format_table(scores))
    seconds, chars = sum(s.seconds for s in scores), sum(s.chars for s in scores)
    print(f"\nextraction: {seconds:.2f} s for {chars} chars ({chars / seconds if seconds else 0:.0f} chars/s)")
    if args.misses:
        for outcome in (o for s in scores for o in s.outcomes):
            lines = misses(outcome)
            if lines:
                print(f"\n{outcome.case.id}: {outcome.case.text!r}")
                print("\n".join(lines))


if __name__ == "__main__":
    main()
