"""One figure, said twice or said backwards: restatements with another value, and inverted ranges."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from pydantic import Field

from ..keys import fold, period_key
from ..tokens import tokenize
from ..models import Claim, LinkRole, QuantityKind
from ..tolerance import stated
from .base import CheckContext, CheckKind, CheckOptions, Scope, Violation, claim_key


_RATE_KINDS = (QuantityKind.percent, QuantityKind.percentage_points, QuantityKind.multiple)
_LEVEL_KINDS = (QuantityKind.money, QuantityKind.count, QuantityKind.physical)
_NOT_RESTATED = (LinkRole.rate_of, LinkRole.conversion_of, LinkRole.change_from, LinkRole.change_to)


class RestatementOptions(CheckOptions):
    hedge: float = Field(0.05, ge=0, le=1)
    """Relative slack for hedged figures ('about', 'nearly')."""


def _figure(claim: Claim, subject: str | None = None) -> tuple | None:
    """Subject, metric, modality and measure of a claim that can be restated; change endpoints, rates and
    conversions are different figures by nature."""
    subject = subject or claim.subject
    if not (subject and claim.metric) or claim.quantity.value is None:
        return None
    if any(link.role in _NOT_RESTATED for link in claim.links):
        return None
    quantity = claim.quantity
    if quantity.kind not in _LEVEL_KINDS:
        return None
    return (fold(subject), claim.metric, claim.modality.value, quantity.kind.value, quantity.currency,
            quantity.unit)


def _unnamed(claim: Claim) -> tuple:
    quantity = claim.quantity
    return claim.metric, claim.modality.value, quantity.kind.value, quantity.currency, quantity.unit


def _only_subjects(claims: Sequence[Claim]) -> dict[tuple, str]:
    """For each metric and measure, the subject when the article gives it exactly one: a figure whose sentence
    names nobody ('the 19.8 million net additions') is about that subject."""
    subjects: dict[tuple, set[str]] = defaultdict(set)
    for claim in claims:
        if claim.subject:
            subjects[_unnamed(claim)].add(claim.subject)
    return {key: next(iter(names)) for key, names in subjects.items() if len(names) == 1}


def _periods(claims: Sequence[Claim]) -> dict[tuple, set[str]]:
    periods: dict[tuple, set[str]] = defaultdict(set)
    for claim in claims:
        figure = _figure(claim)
        if figure is not None and claim.period is not None:
            periods[figure].add(period_key(claim.period))
    return periods


def _period_of(claim: Claim, figure: tuple, periods: dict[tuple, set[str]], context: CheckContext) -> str | None:
    """The claim's period; 'its quarterly loss' takes the one period the article gives that figure elsewhere."""
    if claim.period is not None:
        return period_key(claim.period)
    known = periods.get(figure, set())
    if len(known) != 1:
        return None
    sentence = claim.sentence
    view = context.document_of(claim).view[max(sentence.start, claim.start - 200):min(sentence.end, claim.end + 200)]
    tokens = tokenize(view.lower())
    if any(context.lexicon.period_adjectives.match(tokens, index) for index in range(len(tokens))):
        return next(iter(known))
    return None


def check_restatement(claims: Sequence[Claim], context: CheckContext,
                      options: RestatementOptions) -> Iterator[Violation]:
    """A level (money, count, physical) restated with another value: percentages of one metric are too often
    different figures (a share, a growth rate, a margin) to compare without more context."""
    periods = _periods(claims)
    named = _only_subjects(claims)
    first_said: dict[tuple, Claim] = {}
    flagged: set[tuple] = set()
    for claim in claims:
        figure = _figure(claim, None if claim.subject else named.get(_unnamed(claim)))
        if figure is None:
            continue
        period = _period_of(claim, figure, periods, context)
        if period is None and claim.quantity.kind is not QuantityKind.money:
            continue
        key = (*figure, period)
        earlier = first_said.setdefault(key, claim)
        if earlier is claim or key in flagged or earlier.sentence == claim.sentence:
            continue
        if stated(earlier, hedge=options.hedge).overlaps(stated(claim, hedge=options.hedge)):
            continue
        flagged.add(key)
        yield Violation((claim, earlier),
                        {"value": claim.text, "earlier": earlier.text, "subject": claim.subject,
                         "metric": claim.metric.replace("_", " "),
                         "period": (claim.period or earlier.period).label if (claim.period or earlier.period)
                         else "the article's period"},
                        {"arithmetic": f"{earlier.text} and {claim.text} do not overlap "
                                       f"({stated(earlier).describe()} vs {stated(claim).describe()})",
                         "key": "|".join(str(part) for part in key)},
                        claim_key(claim))


def check_inverted_range(claims: Sequence[Claim], _context: CheckContext, _options: CheckOptions) -> Iterator[Violation]:
    for claim in claims:
        quantity = claim.quantity
        if quantity.is_range and quantity.lower is not None and quantity.upper is not None \
                and quantity.lower > quantity.upper:
            yield Violation((claim,), {"range": claim.text},
                            {"arithmetic": f"lower end {quantity.lower:g} > upper end {quantity.upper:g}"},
                            claim_key(claim))


KINDS = (
    CheckKind("restatement", Scope.document, RestatementOptions, check_restatement,
              "The same figure (subject, metric, period) must not be restated with another value."),
    CheckKind("inverted-range", Scope.sentence, CheckOptions, check_inverted_range,
              "A range runs from its low end to its high end."),
)
