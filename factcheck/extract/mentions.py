"""Unit mentions: units and currencies a text names with no figure beside them."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from ..lexicon import Currency, Lexicon
from ..models import Claim, Document, Quantity, QuantityKind, UnitMention
from ..tokens import Token
from ..units import PERCENT_UNIT, POINTS_UNIT, canonical_unit, dimension_of, is_duration

_DIMENSIONLESS = "dimensionless"
_MIN_SYMBOL_ALONE = 3


def find_unit_mentions(document: Document, tokens: list[Token], lexicon: Lexicon,
                       claims: list[Claim]) -> list[UnitMention]:
    """Every unit phrase outside the claims' spans, longest first at each token, in text order."""
    claim_starts, claim_ends = [claim.start for claim in claims], [claim.end for claim in claims]
    mentions, index = [], 0
    while index < len(tokens):
        found = _longest_unit(tokens, index, lexicon)
        end = found[1] if found else index + 1
        if found and _alone(tokens, index, end, lexicon) \
                and not _inside_claim(tokens[index].start, tokens[end - 1].end, claim_starts, claim_ends):
            start, stop = tokens[index].start, tokens[end - 1].end
            mentions.append(UnitMention(document=document.id, text=document.text[start:stop], start=start,
                                        end=stop, quantity=found[0]))
        index = end
    return mentions


def _longest_unit(tokens: list[Token], index: int, lexicon: Lexicon) -> tuple[Quantity, int] | None:
    best = None
    for quantity, end in _unit_phrases(tokens, index, lexicon):
        if best is None or end > best[1]:
            best = (quantity, end)
    return best


def _unit_phrases(tokens: list[Token], index: int, lexicon: Lexicon) -> Iterator[tuple[Quantity, int]]:
    for table, kind, unit in ((lexicon.percentage_points, QuantityKind.percentage_points, POINTS_UNIT),
                              (lexicon.percent, QuantityKind.percent, PERCENT_UNIT)):
        found = table.match(tokens, index)
        if found is not None:
            yield Quantity(value=None, kind=kind, unit=unit), found[1]
    money = lexicon.currency_names.match(tokens, index)
    if money is not None:
        yield _money(money[0]), money[1]
    for physical in (lexicon.units_words.match(tokens, index), _spelled_symbol(tokens, index, lexicon)):
        if physical is not None and _measures(physical[0]):
            yield Quantity(value=None, kind=QuantityKind.physical, unit=canonical_unit(physical[0])), physical[1]


def _spelled_symbol(tokens: list[Token], index: int, lexicon: Lexicon) -> tuple[str, int] | None:
    """'mcg', 'kWh': a symbol long enough to be no initial or stray letter pair ('km' alone may be a name)."""
    found = lexicon.units_exact.match(tokens, index)
    if found is None or tokens[found[1] - 1].end - tokens[index].start < _MIN_SYMBOL_ALONE:
        return None
    return found


def _money(currency: Currency) -> Quantity:
    return Quantity(value=None, kind=QuantityKind.money, currency=currency.code,
                    currency_inferred=currency.inferred)


def _measures(unit: str) -> bool:
    """Spans of time ('year', 'day') are periods when named alone, and angles are no measure a fact turns on."""
    return not is_duration(unit) and dimension_of(unit) != _DIMENSIONLESS


def _alone(tokens: list[Token], start: int, end: int, lexicon: Lexicon) -> bool:
    """No figure right before the phrase, and not a one-word name that alone is an ordinary word."""
    if end - start == 1 and tokens[start].lower in lexicon.not_alone_units:
        return False
    return start == 0 or tokens[start - 1].kind != "num"


def _inside_claim(start: int, end: int, claim_starts: list[int], claim_ends: list[int]) -> bool:
    position = bisect_right(claim_starts, start) - 1
    return position >= 0 and claim_ends[position] > start or \
        position + 1 < len(claim_starts) and claim_starts[position + 1] < end
