"""What makes two claims about the same figure: a normalised subject, the metric, the period and the measure."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from .models import Claim, Granularity, Period, QuantityKind
from .resources import load_yaml
from .units import ureg

_SUFFIXES = re.compile(r"\b(inc|corp|corporation|co|ltd|limited|plc|ag|sa|nv|se|llc|group|holdings?|company)\.?$")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class FigureKey:
    """Claims with equal keys state the same figure and must agree (modality kept apart)."""

    subject: str
    metric: str
    period: str
    measure: str

    def as_row(self) -> tuple[str, str, str]:
        return self.subject, self.metric, self.period


class Aliases:
    """Subject names folded to one canonical form: 'Intel Corp.', "Intel's", 'intel' -> 'intel'."""

    def __init__(self, table: Mapping[str, list[str]]) -> None:
        self._canonical: dict[str, str] = {}
        for canonical, names in table.items():
            folded = fold(canonical)
            self._canonical[folded] = folded
            for name in names:
                self._canonical[fold(name)] = folded

    def subject(self, name: str | None) -> str | None:
        if not name:
            return None
        folded = fold(name)
        return self._canonical.get(folded, folded)


def fold(name: str) -> str:
    text = _POSSESSIVE.sub("", name.strip()).lower()
    text = re.sub(r"^the\s+", "", text)
    previous = None
    while previous != text:
        previous, text = text, _SUFFIXES.sub("", text).strip(" ,.")
    return " ".join(text.split())


@cache
def default_aliases() -> Aliases:
    return Aliases(load_yaml("aliases.yml"))


def with_extra(extra: Mapping[str, list[str]]) -> Aliases:
    table = {name: list(names) for name, names in load_yaml("aliases.yml").items()}
    for name, names in extra.items():
        table.setdefault(name, []).extend(names)
    return Aliases(table)


def period_key(period: Period) -> str:
    """Periods as canonical intervals: 'Q2 2025' and 'April to June 2025' are one period. Fiscal years and
    deadlines keep their labels: a fiscal 2024 need not be the calendar year."""
    if period.label.startswith("FY") or period.granularity is Granularity.deadline:
        return period.label
    return f"{period.start.isoformat()}..{period.end.isoformat()}"


def measure_of(claim: Claim) -> str:
    """Claims compare only within one measure: money (any currency), percent, points, or a physical dimension."""
    quantity = claim.quantity
    if quantity.kind is QuantityKind.physical and quantity.unit:
        return "physical:" + str(ureg.Unit(quantity.unit).dimensionality)
    if quantity.kind in (QuantityKind.count, QuantityKind.plain):
        return "count"
    return quantity.kind.value


def figure_key(claim: Claim, aliases: Aliases) -> FigureKey | None:
    """The cross-article key of a claim, or None when it lacks a subject, metric or period."""
    subject = aliases.subject(claim.subject)
    if not (subject and claim.metric and claim.period) or claim.quantity.value is None:
        return None
    return FigureKey(subject, claim.metric, period_key(claim.period), measure_of(claim))
