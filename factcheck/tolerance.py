"""What a stated figure can mean: an interval from its precision and hedge, and interval arithmetic on them.

"about 174 billion" and "173.96 billion" agree because their intervals overlap; a computed 12.4% agrees with a
stated "12%" (11.5..12.5) and 15.2% does not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import product

from .models import Approximation, Claim

INFINITY = math.inf
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
