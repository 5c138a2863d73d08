"""What a stated figure can mean: an interval from its precision and hedge, and interval arithmetic on them.

"about 174 billion" and "173.96 billion" agree because their intervals overlap; a computed 12.4% agrees with a
stated "12%" (11.5..12.5) and 15.2% does not.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

from .models import Approximation, Claim

INFINITY = math.inf
ROUNDING_SIGMAS = 3
"""How many standard deviations of their summed rounding errors rounded parts may stray from their whole."""
SCALED_ROUNDING_CAP = 0.1
"""An unhedged '1 trillion' or '2 million' is read as within 10%, not the ±50% or ±25% its one digit would
allow: a writer who rounds that hard says 'about'."""


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(value, value)

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def widened(self, relative: float = 0.0, absolute: float = 0.0) -> Interval:
        spread = max(abs(self.low), abs(self.high)) * relative + absolute
        return Interval(self.low - spread, self.high + spread)

    def magnitude(self) -> Interval:
        """|x| over the interval."""
        if self.low >= 0:
            return self
        if self.high <= 0:
            return Interval(-self.high, -self.low)
        return Interval(0.0, max(-self.low, self.high))

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def __mul__(self, other: Interval) -> Interval:
        return _corners(lambda a, b: a * b, self, other)

    def __truediv__(self, other: Interval) -> Interval | None:
        if other.low <= 0 <= other.high:
            return None
        return _corners(lambda a, b: a / b, self, other)

    def describe(self, digits: int = 1) -> str:
        if math.isclose(self.low, self.high, rel_tol=1e-9):
            return f"{self.low:,.{digits}f}"
        return f"{self.low:,.{digits}f}..{self.high:,.{digits}f}"


def _corners(operation, left: Interval, right: Interval) -> Interval:
    values = [operation(a, b) for a, b in product((left.low, left.high), (right.low, right.high))
              if not (math.isinf(a) or math.isinf(b))]
    if len(values) < 4:
        return Interval(-INFINITY, INFINITY)
    return Interval(min(values), max(values))


def stated(claim: Claim, *, hedge: float = 0.05) -> Interval:
    """The values a claim's wording allows. ``hedge`` is the relative slack of 'about' and 'nearly'."""
    quantity = claim.quantity
    value = quantity.value or 0.0
    precision = quantity.precision or 0.0
    if quantity.scale > 1 and quantity.approximation is Approximation.exact:
        precision = min(precision, abs(value) * SCALED_ROUNDING_CAP)
    if quantity.is_range and quantity.lower is not None and quantity.upper is not None:
        low, high = sorted((quantity.lower, quantity.upper))
        return Interval(low - precision, high + precision)
    approximation = quantity.approximation
    exact = Interval(value - precision, value + precision)
    slack = max(precision, abs(value) * hedge)
    if approximation is Approximation.approximately:
        return Interval(value - slack, value + slack)
    if approximation is Approximation.nearly:
        return Interval(value - slack, value + precision)
    if approximation in (Approximation.more_than, Approximation.at_least):
        return Interval(exact.low, INFINITY)
    if approximation in (Approximation.less_than, Approximation.at_most):
        return Interval(-INFINITY, exact.high)
    return exact


def percent_change(start: Interval, end: Interval) -> Interval | None:
    """(end - start) / start, in percent."""
    ratio = (end - start) / start
    return None if ratio is None else ratio * Interval.point(100.0)


def least_sum(claims: Sequence[Claim], *, hedge: float = 0.05) -> tuple[float, float]:
    """(the figures as stated, added up; the least that sum can be once each figure's rounding is taken off).
    Every figure may lie its rounding h below what it says ('19%' may be 18.5%, 'nearly 20%' 19%), but independent
    roundings do not all fall one way: n of them, each uniform within +-h, add up to within three standard
    deviations, 3 * sqrt(sum(h^2) / 3), and never more than all of them one way, sum(h). Seven whole-number shares
    may together be 2.3 points over their rounded sum, not 3.5; two or three keep the full sum(h)."""
    floors, slacks = zip(*(_floor_and_slack(claim, hedge) for claim in claims))
    likely = ROUNDING_SIGMAS * math.sqrt(sum(slack * slack for slack in slacks) / 3)
    return sum(floors), sum(floors) - min(sum(slacks), likely)


def _floor_and_slack(claim: Claim, hedge: float) -> tuple[float, float]:
    """The least figure the words state ('20%', the low end of '20-25%') and how far below it rounding or a hedge
    may put the value, never below zero; a figure bounded only from above ('less than 5%') may be nothing."""
    low = stated(claim, hedge=hedge).low
    if math.isinf(low):
        return 0.0, 0.0
    quantity = claim.quantity
    bounds = (quantity.lower, quantity.upper)
    floor = min(bounds) if quantity.is_range and None not in bounds else quantity.value or 0.0
    return floor, floor - max(low, 0.0)
