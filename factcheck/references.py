"""Reference figures: a user's file of known values that claims are verified against.

CSV or YAML with the columns subject, metric, period, value, unit or currency, tolerance (relative, default
0.01), source. A claim about the same subject, metric and period either agrees (it is marked verified in the
report) or is flagged, citing the reference.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError
from .keys import Aliases, measure_of
from .models import Claim, QuantityKind
from .resources import read_yaml
from .tolerance import Interval, stated
from .units import ureg


class ReferenceFigure(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    subject: str
    metric: str
    period: str
    value: float
    unit: str | None = None
    currency: str | None = None
    tolerance: float = Field(0.01, ge=0)
    source: str


def load_references(path: str | Path) -> list[ReferenceFigure]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        rows = list(csv.DictReader(text.splitlines())) if path.suffix.lower() == ".csv" else read_yaml(text)
        return [ReferenceFigure.model_validate(_clean(row)) for row in rows or []]
    except (OSError, yaml.YAMLError, csv.Error) as error:
        raise ConfigError(f"{path}: cannot read reference figures ({error})") from None
    except ValidationError as error:
        first = error.errors()[0]
        raise ConfigError(f"{path}: reference figure {'.'.join(map(str, first['loc']))}: {first['msg']}") from None


def _clean(row: dict) -> dict:
    return {key: value for key, value in row.items() if value not in ("", None)}


def match(claim: Claim, references: Sequence[ReferenceFigure], aliases: Aliases) -> tuple[ReferenceFigure, bool] | None:
    """The reference for this claim's figure and whether the claim agrees with it, or None."""
    if claim.quantity.value is None or claim.period is None or not claim.subject:
        return None
    subject = aliases.subject(claim.subject)
    for reference in references:
        if (aliases.subject(reference.subject), reference.metric, reference.period) != \
                (subject, claim.metric, claim.period.label):
            continue
        expected = _in_claim_terms(reference, claim)
        if expected is None:
            continue
        return reference, stated(claim).overlaps(expected.widened(relative=reference.tolerance))
    return None


def _in_claim_terms(reference: ReferenceFigure, claim: Claim) -> Interval | None:
    quantity = claim.quantity
    if quantity.kind is QuantityKind.money:
        return Interval.point(reference.value) if reference.currency == quantity.currency else None
    if quantity.kind is QuantityKind.physical and reference.unit and quantity.unit:
        if measure_of(claim) != "physical:" + str(ureg.Unit(reference.unit).dimensionality):
            return None
        return Interval.point(ureg.Quantity(reference.value, reference.unit).to(quantity.unit).magnitude)
    if reference.currency or (reference.unit and reference.unit not in (quantity.unit, quantity.kind.value)):
        return None
    return Interval.point(reference.value)
