"""One figure, said twice or said backwards: restatements with another value, and inverted ranges."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from pydantic import Field

from ..models import Claim, LinkRole, QuantityKind
from ..tolerance import stated
from .base import CheckContext, CheckKind, CheckOptions, Scope, Violation, claim_key


_RATE_KINDS = (QuantityKind.percent, QuantityKind.percentage_points, QuantityKind.multiple)


class RestatementOptions(CheckOptions):
    hedge: float = Field(0.05, ge=0, le=1)
    """Relative slack for hedged figures ('about', 'nearly')."""


def restatement_key(claim: Claim) -> tuple | None:
    """Claims with the same key state the same figure: subject, metric, period, modality and measure."""
    if not (claim.subject and claim.metric and claim.period) or claim.quantity.value is None:
        return None
    if any(link.role in (LinkRole.rate_of, LinkRole.conversion_of) for link in claim.links):
        return None
    quantity = claim.quantity
    direction = claim.direction.value if quantity.kind in _RATE_KINDS else ""
    return (claim.subject.lower(), claim.metric, claim.period.label, claim.modality.value, quantity.kind.value,
            quantity.currency, quantity.unit, direction)


def check_restatement(claims: Sequence[Claim], _context: CheckContext,
                      options: RestatementOptions) -> Iterator[Violation]:
    first_said: dict[tuple, Claim] = {}
    flagged: set[tuple] = set()
    for claim in claims:
        key = restatement_key(claim)
        if key is None:
            continue
        earlier = first_said.setdefault(key, claim)
        if earlier is claim or key in flagged:
            continue
        if stated(earlier, hedge=options.hedge).overlaps(stated(claim, hedge=options.hedge)):
            continue
        flagged.add(key)
        yield Violation((claim, earlier),
                        {"value": claim.text, "earlier": earlier.text, "subject": claim.subject,
                         "metric": claim.metric, "period": claim.period.label if claim.period else ""},
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
