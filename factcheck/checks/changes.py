"""Changes between two figures: the stated rate, its unit (percent or points), its direction, and multiples."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pydantic import Field

from ..models import Approximation, Claim, Direction, LinkRole, QuantityKind
from ..tokens import tokenize
from ..tolerance import INFINITY, Interval, percent_change, stated
from .base import (CheckContext, CheckKind, CheckOptions, Scope, Violation, claim_key, same_measure, states_a_change,
                   word_before)

_RATE_KINDS = (QuantityKind.percent, QuantityKind.percentage_points)
_LEVEL_WORDS = frozenset({"to", "at"})
"""A percent after these is a level ('to 17.4%', 'at 4.1%'), not the size of a change."""
_RATE_REACH = 120
"""Characters between a stated rate and the change it describes ('rose 12% from $40bn to $50bn')."""


@dataclass(frozen=True)
class Change:
    start: Claim
    end: Claim
    rate: Claim | None

    @property
    def both_percent(self) -> bool:
        return self.start.quantity.kind is self.end.quantity.kind is QuantityKind.percent


def changes(claims: Sequence[Claim], context: CheckContext) -> Iterator[Change]:
    """'from A to B' (or 'to B from A') pairs of one sentence, each with the rate stated beside it, if any."""
    starts = [(claim, link.target) for claim in claims for link in claim.links if link.role is LinkRole.change_from]
    if not starts:
        return
    by_id = {claim.id: claim for claim in claims}
    for claim, target in starts:
        if target in by_id:
            end = by_id[target]
            yield Change(claim, end, _rate_near(claim, end, claims, context))


def _rate_near(start: Claim, end: Claim, claims: Sequence[Claim], context: CheckContext) -> Claim | None:
    """The percent or points stated for this change: near it, about the same metric, and not a level that
    something else rises 'to' ('lifting the margin to 17.4%')."""
    low, high = min(start.start, end.start), max(start.end, end.end)
    metric = end.metric or start.metric
    ends = (start.id, end.id)
    candidates = [c for c in claims if c.quantity.kind in _RATE_KINDS and c is not start and c is not end
                  and not c.quantity.is_range and _distance(c, low, high) <= _RATE_REACH
                  and (metric is None or c.metric in (None, metric, "growth", "decline")) and not _is_level(c, context)
                  and not _rates_another(c, ends) and not _attributive(c, context)
                  and not _counted_from_another(c, (start, end), claims, context)]
    return min(candidates, key=lambda c: (not _rates(c, ends), _distance(c, low, high)), default=None)


def _counted_from_another(rate: Claim, ends: tuple[Claim, Claim], claims: Sequence[Claim],
                          context: CheckContext) -> bool:
    """'up from 561,000 ounces but down about 4% from 638,000 ounces': a rate followed by a base of its own
    sizes the change from that base."""
    following = next((claim for claim in claims if claim.start >= rate.end), None)
    if following is None or following in ends:
        return False
    between = context.document_of(rate).view[rate.end:following.start].split()
    return len(between) == 1 and between[0].lower() in context.lexicon.clauses.change_from


def _attributive(rate: Claim, context: CheckContext) -> bool:
    """'slowed to 2.9% from 3.1%, still above the 2% target': a rate that qualifies a noun ('target', 'stake')
    sizes no change; 'the 6% rise' does."""
    return word_before(rate, context) in context.lexicon.clauses.determiners and not states_a_change(rate, context)


def _rates(rate: Claim, ends: tuple[str, str]) -> bool:
    return any(link.role is LinkRole.rate_of and link.target in ends for link in rate.links)


def _rates_another(rate: Claim, ends: tuple[str, str]) -> bool:
    """'tripled to 412,000 from 180,000, while exports rose 12.0% to 9,400 tonnes': a rate the text ties to
    another figure is not this change's."""
    return any(link.role is LinkRole.rate_of and link.target not in ends for link in rate.links)


def _is_level(claim: Claim, context: CheckContext) -> bool:
    if any(link.role in (LinkRole.change_from, LinkRole.change_to, LinkRole.result_of) for link in claim.links):
        return True
    return word_before(claim, context) in _LEVEL_WORDS


def _distance(claim: Claim, low: int, high: int) -> int:
    return max(0, low - claim.end, claim.start - high)


class Tolerance(CheckOptions):
    hedge: float = Field(0.05, ge=0, le=1)
    """Relative slack for hedged figures ('about', 'nearly')."""
    slack_points: float = Field(0.0, ge=0)
    """Extra absolute slack, in the rate's own unit, on top of the stated precision."""


def _computed(change: Change, options: Tolerance) -> tuple[Interval | None, Interval | None]:
    start, end = stated(change.start, hedge=options.hedge), stated(change.end, hedge=options.hedge)
    relative = percent_change(start, end)
    points = end - start if change.both_percent else None
    return (relative.magnitude() if relative else None), (points.magnitude() if points else None)


def _fits(rate: Claim, computed: Interval | None, options: Tolerance) -> bool:
    if computed is None:
        return True
    said = stated(rate, hedge=options.hedge).magnitude().widened(absolute=options.slack_points)
    return said.overlaps(computed)


def _arithmetic(change: Change, relative: Interval | None, points: Interval | None) -> str:
    """'16% -> 28% is +12.0 points (11.0..13.0 with rounding), +75.0% (66.7..83.9%); text says 12%'."""
    start, end = change.start.quantity.value or 0.0, change.end.quantity.value or 0.0
    parts = []
    if points is not None:
        parts.append(f"{end - start:+.1f} points ({points.describe()} with rounding)")
    if relative is not None and start:
        parts.append(f"{(end - start) / start * 100:+.1f}% ({relative.describe()}%)")
    said = change.rate.text if change.rate else "-"
    return f"{change.start.text} -> {change.end.text} is " + ", ".join(parts) + f"; text says {said}"


def _violation(change: Change, relative: Interval | None, points: Interval | None, **values: str) -> Violation:
    rate = change.rate
    assert rate is not None
    trace = {"arithmetic": _arithmetic(change, relative, points),
             "computed_percent": relative.describe() if relative else None,
             "computed_points": points.describe() if points else None}
    return Violation((rate, change.start, change.end), {"stated": rate.text, "start": change.start.text,
                                                        "end": change.end.text, **values},
                     trace, claim_key(rate))


def check_percent_change(claims: Sequence[Claim], context: CheckContext, options: Tolerance) -> Iterator[Violation]:
    for change in changes(claims, context):
        rate = change.rate
        if rate is None or rate.quantity.kind is not QuantityKind.percent or not same_measure(change.start,
                                                                                              change.end):
            continue
        relative, points = _computed(change, options)
        if relative is None or _fits(rate, relative, options) or _fits_points_only(rate, points, options):
            continue
        yield _violation(change, relative, points, computed=f"{relative.describe()}%")


def _fits_points_only(rate: Claim, points: Interval | None, options: Tolerance) -> bool:
    """A percent that equals the point difference is FC102's business, not a wrong change."""
    return points is not None and _fits(rate, points, options)


def check_point_confusion(claims: Sequence[Claim], context: CheckContext, options: Tolerance) -> Iterator[Violation]:
    for change in changes(claims, context):
        rate = change.rate
        if rate is None or not same_measure(change.start, change.end):
            continue
        relative, points = _computed(change, options)
        kind = rate.quantity.kind
        if kind is QuantityKind.percent and points is not None and _fits(rate, points, options) \
                and not _fits(rate, relative, options):
            yield _violation(change, relative, points, should_be="percentage points",
                             computed=f"{points.describe()} points")
        elif kind is QuantityKind.percentage_points and not change.both_percent:
            yield _violation(change, relative, points, should_be="percent",
                             computed=f"{relative.describe()}%" if relative else "a relative change")
        elif kind is QuantityKind.percentage_points and relative is not None and _fits(rate, relative, options) \
                and not _fits(rate, points, options):
            yield _violation(change, relative, points, should_be="percent", computed=f"{relative.describe()}%")


def check_direction(claims: Sequence[Claim], context: CheckContext, options: Tolerance) -> Iterator[Violation]:
    for change in changes(claims, context):
        direction = _stated_direction(change)
        if direction is Direction.none or not same_measure(change.start, change.end):
            continue
        start, end = stated(change.start, hedge=options.hedge), stated(change.end, hedge=options.hedge)
        rose, fell = end.low > start.high, end.high < start.low
        if (direction is Direction.decrease and rose) or (direction is Direction.increase and fell):
            actual = "rose" if rose else "fell"
            yield Violation((change.end, change.start),
                            {"word": direction.value, "start": change.start.text, "end": change.end.text,
                             "actual": actual},
                            {"arithmetic": f"{change.start.text} -> {change.end.text} {actual}; "
                                           f"text says {direction.value}"},
                            claim_key(change.end))


def _stated_direction(change: Change) -> Direction:
    for claim in (change.rate, change.start, change.end):
        if claim is not None and claim.direction is not Direction.none:
            return claim.direction
    return Direction.none


class MultipleOptions(CheckOptions):
    tolerance: float = Field(0.1, ge=0, le=1)
    """Relative slack around a stated multiple: 'three times' accepts 2.7..3.3."""
    hedge: float = Field(0.05, ge=0, le=1)
    """Relative slack for hedged figures ('about', 'nearly')."""


def check_multiple(claims: Sequence[Claim], context: CheckContext, options: MultipleOptions) -> Iterator[Violation]:
    for multiple in (c for c in claims if c.quantity.kind is QuantityKind.multiple):
        pair = _multiple_pair(multiple, claims, context)
        if pair is None:
            continue
        result, base = pair
        ratio = stated(result, hedge=options.hedge) / stated(base, hedge=options.hedge)
        said = _multiple_allows(multiple, options)
        if ratio is None or ratio.magnitude().overlaps(said):
            continue
        yield Violation((multiple, result, base),
                        {"stated": multiple.text, "result": result.text, "base": base.text,
                         "computed": f"{ratio.magnitude().describe(2)}x"},
                        {"arithmetic": f"{result.text} / {base.text} = {ratio.magnitude().describe(2)}; "
                                       f"text says {multiple.text} ({said.describe(2)})"},
                        claim_key(multiple))


def _multiple_allows(multiple: Claim, options: MultipleOptions) -> Interval:
    """The ratios a stated multiple allows. Writers round a ratio to a whole or half multiple, so 'three times' is
    within ``tolerance`` of 3 (2.7..3.3) whatever its digits say: the +-0.5 of a rounded '3' would let it stand for
    anything from 2.15 to 3.85. A hedge says on which side the ratio lies: 'nearly three times' is under 3, 'more
    than three times' over it, 'about three times' a little wider either way."""
    quantity = multiple.quantity
    low = high = quantity.value or 0.0
    if quantity.is_range and quantity.lower is not None and quantity.upper is not None:
        low, high = sorted((quantity.lower, quantity.upper))
    approximation = quantity.approximation
    if approximation is Approximation.nearly:
        return Interval(low * (1 - options.tolerance - options.hedge), high)
    if approximation in (Approximation.more_than, Approximation.at_least):
        return Interval(low, INFINITY)
    if approximation in (Approximation.less_than, Approximation.at_most):
        return Interval(-INFINITY, high)
    rounding = options.tolerance + (options.hedge if approximation is Approximation.approximately else 0.0)
    return Interval(low * (1 - rounding), high * (1 + rounding))


def _multiple_pair(multiple: Claim, claims: Sequence[Claim], context: CheckContext) -> tuple[Claim, Claim] | None:
    """(result, base): 'doubled from A to B' gives (B, A); 'X, three times the Y' gives (X, Y). A multiple the
    text ties to a change is that change's; one followed by its base ('brought in £96m, more than double the
    £41m') compares those two, even beside a change ('narrowed to £24.6m from £61.3m')."""
    near = [change for change in changes(claims, context)
            if _distance(multiple, min(change.start.start, change.end.start),
                         max(change.start.end, change.end.end)) <= _RATE_REACH]
    linked = next((change for change in near if _rates(multiple, (change.start.id, change.end.id))), None)
    if linked is not None:
        return linked.end, linked.start
    compared = _compared(multiple, claims, context)
    if compared is not None:
        return compared
    return (near[0].end, near[0].start) if near else None


def _compared(multiple: Claim, claims: Sequence[Claim], context: CheckContext) -> tuple[Claim, Claim] | None:
    """'X, three times the Y': (X, Y)."""
    before = [c for c in claims if c.end <= multiple.start and c.quantity.kind is not QuantityKind.multiple]
    after = [c for c in claims if c.start >= multiple.end and c.quantity.kind is not QuantityKind.multiple]
    if not before or not after or not same_measure(before[-1], after[0]):
        return None
    if not _base_follows(multiple, after[0], context):
        return None
    return before[-1], after[0]


def _base_follows(multiple: Claim, base: Claim, context: CheckContext) -> bool:
    view = context.document_of(multiple).view
    tokens = tokenize(view[multiple.end:base.start].strip().lower())
    if not tokens:
        return True
    found = context.lexicon.multiple_bases.match(tokens, 0)
    return found is not None and found[1] >= len(tokens) - 1


class GrowthOptions(CheckOptions):
    hedge: float = Field(0.05, ge=0, le=1)
    """Relative slack for hedged figures ('about', 'nearly')."""
    slack: float = Field(0.01, ge=0, le=1)
    """Relative slack on the recomputed result, for rounding of the base."""


def check_growth_base(claims: Sequence[Claim], _context: CheckContext, options: GrowthOptions) -> Iterator[Violation]:
    """A rate with its result ('grew 7.4% to 173.96 billion in 2025') and the base stated for the period before."""
    by_id = {claim.id: claim for claim in claims}
    for rate in claims:
        for link in rate.links:
            result = by_id.get(link.target)
            if link.role is not LinkRole.rate_of or result is None or rate.quantity.kind is not QuantityKind.percent:
                continue
            if any(link.role is LinkRole.change_to for link in result.links):
                continue
            base = _base_for(result, claims)
            if base is None:
                continue
            sign = -1.0 if rate.direction is Direction.decrease else 1.0
            factor = Interval.point(1.0) + stated(rate, hedge=options.hedge) * Interval.point(sign / 100)
            expected = (stated(base, hedge=options.hedge) * factor).widened(relative=options.slack)
            if expected.overlaps(stated(result, hedge=options.hedge)):
                continue
            yield Violation((rate, result, base),
                            {"rate": rate.text, "result": result.text, "base": base.text,
                             "expected": expected.describe(0)},
                            {"arithmetic": f"{base.text} x (1 {'-' if sign < 0 else '+'} {rate.text}) = "
                                           f"{expected.describe(0)}; text says {result.text}"},
                            claim_key(rate))


def _base_for(result: Claim, claims: Sequence[Claim]) -> Claim | None:
    """The same measure and subject stated for the period just before the result's: the one with the same metric,
    else the only candidate ('auctions had raised €33.1 billion' for 'revenue grew 18% to €43.6 billion')."""
    if result.period is None:
        return None
    candidates = [claim for claim in claims if claim is not result and same_measure(claim, result)
                  and claim.period is not None and claim.period.granularity == result.period.granularity
                  and _year_before(claim.period, result.period) and _compatible(claim.subject, result.subject)]
    same_metric = [claim for claim in candidates if _compatible(claim.metric, result.metric)]
    if same_metric:
        return same_metric[0]
    return candidates[0] if len(candidates) == 1 else None


def _compatible(first: str | None, second: str | None) -> bool:
    """Unknown is compatible with anything; two known values must agree."""
    return first is None or second is None or first == second


def _year_before(earlier, later) -> bool:
    return (later.start.year - earlier.start.year == 1 and later.start.month == earlier.start.month
            and later.end.month == earlier.end.month)


KINDS = (
    CheckKind("percent-change", Scope.sentence, Tolerance, check_percent_change,
              "A stated percent change must fit the two figures it connects."),
    CheckKind("point-confusion", Scope.sentence, Tolerance, check_point_confusion,
              "A change between percentages is stated in points; between other figures, in percent."),
    CheckKind("direction", Scope.sentence, Tolerance, check_direction,
              "A direction word must agree with the figures it connects."),
    CheckKind("multiple", Scope.sentence, MultipleOptions, check_multiple,
              "A stated multiple must fit the two figures it relates."),
    CheckKind("growth-base", Scope.document, GrowthOptions, check_growth_base,
              "A growth rate and its result must fit the base stated for the period before."),
)
