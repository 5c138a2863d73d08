"""Figures across articles: the same subject, metric and period must agree, whatever units or currency.

Claims are grouped by figure key (keyed lookups, never all pairs); within a group, each figure is compared
with the few distinct values already seen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import Field

from ..keys import FigureKey, figure_key
from ..models import Claim, Direction, Location, Modality, QuantityKind
from ..tolerance import Interval, least_sum, stated
from ..units import ureg
from .base import CheckContext, CheckKind, CheckOptions, Scope, Violation, claim_key, market_named, states_a_change
from .money import exchange_rate

_RATE_KINDS = (QuantityKind.percent, QuantityKind.percentage_points, QuantityKind.multiple)
_SHARE_METRIC = "market_share"


@dataclass(frozen=True)
class Figure:
    claim: Claim
    key: FigureKey
    published: date | None
    location: Location | None
    """Set for claims from the archive, whose documents are not loaded."""

    @property
    def archived(self) -> bool:
        return self.location is not None

    @property
    def order(self) -> tuple:
        """Findings land on the later figure, so the archive comes first: a draft is checked against it whatever
        its date, or when it has none."""
        return (not self.archived, self.published or date.min, self.claim.document, self.claim.start)


class CrossOptions(CheckOptions):
    hedge: float = Field(0.05, ge=0, le=1)
    """Relative slack for hedged figures ('about', 'nearly')."""
    slack: float = Field(0.005, ge=0, le=1)
    """Relative slack on every comparison, for rounding."""
    currency_tolerance: float = Field(0.15, ge=0, le=1)
    """Relative slack when figures are in different currencies: rates move within a period."""
    share_tolerance_pp: float = Field(0.5, ge=0)
    """Percentage points of slack, on top of the shares' rounding, before shares of one market count as over
    100%."""


def figures(claims: Sequence[Claim], context: CheckContext) -> dict[FigureKey, list[Figure]]:
    """Current claims grouped by figure key, with the archive's claims for the same keys."""
    groups: dict[FigureKey, list[Figure]] = defaultdict(list)
    for claim in claims:
        key = figure_key(claim, context.aliases)
        if key is not None:
            groups[key].append(Figure(claim, key, context.document_of(claim).published, None))
    if context.archive is not None:
        for key, group in groups.items():
            group.extend(Figure(item.claim, key, item.published, item.location)
                         for item in context.archive.lookup(key)
                         if item.claim.document not in context.documents and _measure_matches(item.claim, key))
    return {key: sorted(group, key=lambda figure: figure.order) for key, group in groups.items()}


def _measure_matches(claim: Claim, key: FigureKey) -> bool:
    from ..keys import measure_of

    return measure_of(claim) == key.measure


def comparable(figure: Figure, reference: Figure, options: CrossOptions) -> Interval | None:
    """The figure's stated interval in the reference's currency or unit; None when it cannot be converted."""
    interval = stated(figure.claim, hedge=options.hedge).widened(relative=options.slack)
    mine, theirs = figure.claim.quantity, reference.claim.quantity
    if mine.kind is QuantityKind.money and mine.currency != theirs.currency:
        on = (figure.claim.period.end if figure.claim.period else None) or figure.published
        if not (mine.currency and theirs.currency and on):
            return None
        rate = exchange_rate(mine.currency, theirs.currency, on)
        return None if rate is None else (interval * Interval.point(rate)).widened(
            relative=options.currency_tolerance)
    if mine.kind is QuantityKind.physical and mine.unit != theirs.unit and mine.unit and theirs.unit:
        low = ureg.Quantity(interval.low, mine.unit).to(theirs.unit).magnitude
        high = ureg.Quantity(interval.high, mine.unit).to(theirs.unit).magnitude
        return Interval(min(low, high), max(low, high))
    return interval


def agree(figure: Figure, reference: Figure, options: CrossOptions) -> bool:
    converted = comparable(figure, reference, options)
    if converted is None:
        return True
    theirs = stated(reference.claim, hedge=options.hedge).widened(relative=options.slack)
    return converted.magnitude().overlaps(theirs.magnitude())


def _violation(figure: Figure, other: Figure, values: dict, note: str) -> Violation:
    claims = (figure.claim,) if other.archived else (figure.claim, other.claim)
    return Violation(claims, {"value": figure.claim.text, "other": other.claim.text,
                              "document": figure.claim.document, "other_document": other.claim.document,
                              "subject": figure.claim.subject, "metric": figure.key.metric.replace("_", " "),
                              "period": figure.claim.period.label if figure.claim.period else figure.key.period,
                              **values},
                     {"arithmetic": note, "key": f"{figure.key.subject}|{figure.key.metric}|{figure.key.period}",
                      "other_document": other.claim.document},
                     claim_key(figure.claim) + "|" + other.claim.document,
                     archived_locations=(other.location,) if other.location else ())


def _direction(claim: Claim) -> Direction:
    return claim.direction if claim.quantity.kind in _RATE_KINDS else Direction.none


def check_cross_figures(claims: Sequence[Claim], context: CheckContext, options: CrossOptions) -> Iterator[Violation]:
    """The same figure in two articles with incompatible values."""
    for key, group in figures(claims, context).items():
        if key.metric == _SHARE_METRIC:
            continue
        yield from _conflicts(group, options, same=lambda a, b: a.claim.modality == b.claim.modality
                              and _direction(a.claim) == _direction(b.claim))


def _conflicts(group: list[Figure], options: CrossOptions, same) -> Iterator[Violation]:
    seen: list[Figure] = []
    for figure in group:
        peers = [other for other in seen if same(figure, other)]
        others = [other for other in peers if other.claim.document != figure.claim.document]
        if not figure.archived and others and not any(agree(figure, other, options) for other in peers):
            other = others[0]
            yield _violation(figure, other, {}, f"{figure.claim.text} ({figure.claim.document}) and "
                                                f"{other.claim.text} ({other.claim.document}) do not agree")
        seen.append(figure)


def check_opposite_directions(claims: Sequence[Claim], context: CheckContext,
                              options: CrossOptions) -> Iterator[Violation]:
    """The same change reported as a rise in one article and a fall in another."""
    for group in figures(claims, context).values():
        seen: list[Figure] = []
        for figure in group:
            direction = figure.claim.direction
            opposite = next((other for other in seen if other.claim.document != figure.claim.document
                             and {direction, other.claim.direction} == {Direction.increase, Direction.decrease}
                             and other.claim.modality == figure.claim.modality), None)
            if opposite is not None and not figure.archived:
                yield _violation(figure, opposite, {"direction": direction.value,
                                                    "other_direction": opposite.claim.direction.value},
                                 f"{figure.claim.document} says {direction.value}, "
                                 f"{opposite.claim.document} says {opposite.claim.direction.value}")
            seen.append(figure)


def check_cross_shares(claims: Sequence[Claim], context: CheckContext, options: CrossOptions) -> Iterator[Violation]:
    """One player's share given two values, or players' shares of one market adding up past 100%."""
    groups = figures(claims, context)
    shares = {key: [figure for figure in group if figure.archived or not states_a_change(figure.claim, context)]
              for key, group in groups.items() if key.metric == _SHARE_METRIC
              and key.measure == QuantityKind.percent.value}
    for group in shares.values():
        yield from _conflicts(group, options, same=lambda a, b: a.claim.modality == b.claim.modality
                              and _same_market(a, b, context))
    yield from _shares_over_whole(shares, context, options)


def _shares_over_whole(shares: dict[FigureKey, list[Figure]], context: CheckContext,
                       options: CrossOptions) -> Iterator[Violation]:
    markets: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for key, group in shares.items():
        for figure in group:
            market = _market_of(figure, context)
            if market and figure.claim.modality is Modality.actual:
                markets[(key.period, market)].append(figure)
    for (period, market), group in markets.items():
        latest: dict[str, Figure] = {}
        for figure in sorted(group, key=lambda f: f.order):
            latest[figure.key.subject] = figure
            total, least = least_sum([f.claim for f in latest.values()])
            documents = {f.claim.document for f in latest.values()}
            if least > 100 + options.share_tolerance_pp and len(latest) > 1 and len(documents) > 1 \
                    and not figure.archived:
                other = next(f for f in latest.values() if f is not figure)
                parts = " + ".join(f.claim.text for f in latest.values())
                yield _violation(figure, other, {"total": f"{total:g}%"},
                                 f"{parts} of the {market} in {period} = {total:g}%, "
                                 f"at least {least:.1f}% allowing for rounding")
                break


def _same_market(first: Figure, second: Figure, context: CheckContext) -> bool:
    """Shares of different markets ('smartphone' and 'tablet') never conflict; an unnamed market may be either."""
    markets = {_market_of(first, context), _market_of(second, context)} - {None}
    return len(markets) <= 1


def _market_of(figure: Figure, context: CheckContext) -> str | None:
    """The market a share is of; archived claims come without their sentence, and name none."""
    document = context.documents.get(figure.claim.document)
    return None if document is None else market_named(figure.claim, document)


def check_projection_vs_actual(claims: Sequence[Claim], context: CheckContext,
                               options: CrossOptions) -> Iterator[Violation]:
    """An actual figure that differs from an earlier article's projection for the same period."""
    for group in figures(claims, context).values():
        projections = []
        for figure in group:
            if figure.claim.modality is Modality.projected:
                projections.append(figure)
                continue
            if figure.claim.modality is not Modality.actual or figure.archived:
                continue
            missed = next((p for p in projections if p.claim.document != figure.claim.document
                           and not agree(figure, p, options)), None)
            if missed is not None:
                yield _violation(figure, missed, {}, f"actual {figure.claim.text} vs projection "
                                                     f"{missed.claim.text} in {missed.claim.document}")


KINDS = (
    CheckKind("cross-figures", Scope.corpus, CrossOptions, check_cross_figures,
              "The same subject, metric and period must have compatible values in every article."),
    CheckKind("opposite-directions", Scope.corpus, CrossOptions, check_opposite_directions,
              "The same change must not rise in one article and fall in another."),
    CheckKind("cross-shares", Scope.corpus, CrossOptions, check_cross_shares,
              "Market shares across articles must agree and must not add up past 100%."),
    CheckKind("projection-vs-actual", Scope.corpus, CrossOptions, check_projection_vs_actual,
              "An actual figure that misses an earlier projection is worth a note."),
)
