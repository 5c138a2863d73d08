"""Money across currencies: conversions in one statement, and dollars that may not be US dollars."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
import re
from datetime import date
from functools import cache
from typing import NamedTuple

from pydantic import Field

from ..models import Claim, LinkRole, QuantityKind
from ..tolerance import Interval, stated
from .base import CheckContext, CheckKind, CheckOptions, Scope, Violation, claim_key


class ConversionOptions(CheckOptions):
    tolerance: float = Field(0.1, ge=0, le=1)
    """Relative slack on the converted amount: rates move within a period and writers round."""
    hedge: float = Field(0.05, ge=0, le=1)
    """Relative slack for hedged figures ('about', 'nearly')."""


@cache
def _converter():
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_wrong_date=True, fallback_on_missing_rate=True)


def exchange_rate(source: str, target: str, on: date) -> float | None:
    """Units of ``target`` per unit of ``source`` on a day, from the ECB history shipped with currencyconverter."""
    try:
        return _converter().convert(1.0, source, target, date=on)
    except (ValueError, KeyError, RuntimeError):
        return None


def check_conversion(claims: Sequence[Claim], context: CheckContext,
                     options: ConversionOptions) -> Iterator[Violation]:
    """'$16.6 billion (about 50 billion yuan)': the conversion must fit the rate of the period."""
    by_id = {claim.id: claim for claim in claims}
    for converted in claims:
        for link in converted.links:
            original = by_id.get(link.target)
            if link.role is not LinkRole.conversion_of or original is None or original.start > converted.start:
                continue
            violation = _conversion_violation(original, converted, context, options)
            if violation is not None:
                yield violation


def _conversion_violation(original: Claim, converted: Claim, context: CheckContext,
                          options: ConversionOptions) -> Violation | None:
    source, target = original.quantity.currency, converted.quantity.currency
    on = _rate_date(original, context)
    if not (source and target) or on is None:
        return None
    rate = exchange_rate(source, target, on)
    if rate is None:
        return None
    expected = (stated(original, hedge=options.hedge) * Interval.point(rate)).widened(relative=options.tolerance)
    if expected.overlaps(stated(converted, hedge=options.hedge)):
        return None
    return Violation((converted, original),
                     {"converted": converted.text, "original": original.text, "expected": expected.describe(0),
                      "rate": f"{rate:.4f} {target}/{source}", "date": on.isoformat()},
                     {"arithmetic": f"{original.text} x {rate:.4f} {target}/{source} ({on.isoformat()}) = "
                                    f"{expected.describe(0)} {target}; text says {converted.text}",
                      "rates": "ECB reference rates (currencyconverter)"},
                     claim_key(converted))


def _rate_date(claim: Claim, context: CheckContext) -> date | None:
    published = context.document_of(claim).published
    if claim.period is not None:
        return min(claim.period.end, published) if published else claim.period.end
    return published


def check_ambiguous_dollar(claims: Sequence[Claim], context: CheckContext,
                           _options: CheckOptions) -> Iterator[Violation]:
    """A bare '$' figure in a story set in Australia, Canada, Hong Kong, ...: which dollar is it?"""
    places: dict[str, list[str]] = {}
    for claim in claims:
        quantity = claim.quantity
        if quantity.kind is not QuantityKind.money or quantity.currency != "USD" or not quantity.currency_inferred:
            continue
        if claim.document not in places:
            places[claim.document] = _local_dollars(context.document_of(claim).view.lower(), context)
        candidates = places[claim.document]
        if candidates:
            yield Violation((claim,), {"value": claim.text, "candidates": ", ".join(candidates)},
                            {"arithmetic": f"'$' read as USD; the story also mentions places that use "
                                           f"{', '.join(candidates)}"},
                            claim_key(claim))


def _local_dollars(lowered: str, context: CheckContext) -> list[str]:
    """Other dollars whose places the story names more often than American ones."""
    places = _place_names(context.lexicon.language, context.lexicon.dollar_contexts)
    # Most stories name no place of another dollar: plain substring searches rule them out far faster than the
    # pattern's pass, and the pattern can only match where such a substring occurs.
    if not any(cue in lowered for cue in places.local_cues):
        return []
    counts: dict[str, int] = {}
    for match in places.pattern.finditer(lowered):
        code = places.code_of[match.group(1)]
        counts[code] = counts.get(code, 0) + 1
    american = counts.pop("USD", 0)
    return [code for code, count in counts.items() if count > american]


class _PlaceNames(NamedTuple):
    pattern: re.Pattern[str]
    """One pass over the story finds every place name of every dollar."""
    code_of: dict[str, str]
    local_cues: tuple[str, ...]
    """Place names of dollars other than the US one."""


_PLACE_NAMES: dict[str, _PlaceNames] = {}


def _place_names(language: str, contexts: dict[str, tuple[str, ...]]) -> _PlaceNames:
    if language not in _PLACE_NAMES:
        code_of = {cue: code for code, cues in contexts.items() for cue in cues}
        names = "|".join(re.escape(cue) for cue in sorted(code_of, key=len, reverse=True))
        _PLACE_NAMES[language] = _PlaceNames(re.compile(rf"(?<![\w.])({names})(?!\w)"), code_of,
                                             tuple(cue for cue, code in code_of.items() if code != "USD"))
    return _PLACE_NAMES[language]


KINDS = (
    CheckKind("currency-conversion", Scope.sentence, ConversionOptions, check_conversion,
              "A conversion into another currency must fit the exchange rate of its period."),
    CheckKind("ambiguous-dollar", Scope.document, CheckOptions, check_ambiguous_dollar,
              "A '$' figure in a story about a non-US dollar economy must say which dollar."),
)
