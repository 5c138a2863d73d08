"""Parts of one whole: shares that exceed 100%, parts that exceed or miss their total, units times price."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from pydantic import Field

from ..tokens import Token, tokenize
from ..units import measuring_unit
from ..models import Claim, LinkRole, QuantityKind
from ..tolerance import Interval, least_sum, stated
from .base import (CheckContext, CheckKind, CheckOptions, Scope, Violation, claim_key, market_named, same_measure,
                   states_a_change, word_before)


class ShareOptions(CheckOptions):
    tolerance_pp: float = Field(0.5, ge=0)
    """Percentage points of slack, on top of the shares' rounding, before shares count as over 100%."""
    metrics: tuple[str, ...] = ("market_share",)
    """Metrics whose percentages are shares of one whole."""
    unit_metrics: tuple[str, ...] = ("sales", "volume", "customers", "users")
    """Metrics whose percentages are shares too when the paragraph is about shares ('Samsung had 21% of sales')."""




def check_share_of_whole(claims: Sequence[Claim], context: CheckContext, options: ShareOptions) -> Iterator[Violation]:
    """Shares of one market in one period, held by different players, must not add up past 100%."""
    for shares in _share_lists(claims, context, options):
        yield from _over_whole(shares, options)


def _share_lists(claims: Sequence[Claim], context: CheckContext, options: ShareOptions) -> Iterator[list[Claim]]:
    """The lists of shares of one whole. A list may run on into the next paragraph ('Apple 24.1%, Samsung 19.3%.'
    then 'Xiaomi was third with 13.2%'); it ends at a paragraph with no share, at one where a player it names comes
    back with another share ('In China, Apple led with 21.7%'), or where another market or period is named."""
    by_metric: dict[str, list[tuple[int, list[Claim]]]] = defaultdict(list)
    for paragraph, group in _by_paragraph(claims, context):
        for metric, shares in _paragraph_shares(group, context, options).items():
            by_metric[metric].append((paragraph, shares))
    for paragraphs in by_metric.values():
        shares, last_paragraph, whole = [], -1, _Whole()
        for paragraph, more in paragraphs:
            named = [_whole_named(share, context) for share in more]
            if shares and (paragraph > last_paragraph + 1 or _comes_back(more, shares)
                           or any(whole.differs(other) for other in named)):
                yield shares
                shares, whole = [], _Whole()
            shares.extend(more)
            for other in named:
                whole = whole.filled_from(other)
            last_paragraph = paragraph
        if shares:
            yield shares


class _Whole(NamedTuple):
    """What a list of shares divides: a market in a period. Not a source: two sources' shares of one market
    that add up past 100% cannot both be right."""
    market: str | None = None
    period: str | None = None

    def differs(self, other: _Whole) -> bool:
        return any(mine is not None and theirs is not None and mine != theirs for mine, theirs in zip(self, other))

    def filled_from(self, other: _Whole) -> _Whole:
        return _Whole(*(mine or theirs for mine, theirs in zip(self, other)))


def _whole_named(share: Claim, context: CheckContext) -> _Whole:
    market = market_named(share, context.document_of(share))
    return _Whole(None if market == _ANY_MARKET else market, share.period.label if share.period else None)


def _comes_back(more: list[Claim], shares: list[Claim]) -> bool:
    """A player already in the list with another share: the list that begins is of another whole."""
    held = {share.subject: share.quantity.value for share in shares if share.subject}
    return any(held.get(share.subject, share.quantity.value) != share.quantity.value for share in more)


def _by_paragraph(claims: Sequence[Claim], context: CheckContext) -> Iterator[tuple[int, list[Claim]]]:
    """The claims of each paragraph, with the paragraph's number in its document."""
    groups: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[(claim.document, claim.paragraph.start)].append(claim)
    starts = {document: [span.start for span in context.documents[document].paragraphs]
              for document in {document for document, _ in groups}}
    for (document, start), group in groups.items():
        yield bisect_left(starts[document], start), group


def _paragraph_shares(claims: list[Claim], context: CheckContext, options: ShareOptions) -> dict[str, list[Claim]]:
    """A paragraph's shares by metric; figures of units sold count as shares in a paragraph about shares."""
    percents = [c for c in claims if c.quantity.kind is QuantityKind.percent and not _a_change_base_or_size(c)]
    shares_here = any(claim.metric in options.metrics for claim in percents)
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in percents:
        if states_a_change(claim, context) or _a_base(claim, context):
            continue
        if claim.metric in options.metrics:
            groups[claim.metric].append(claim)
        elif shares_here and claim.metric in options.unit_metrics and not claim.links:
            groups[options.metrics[0]].append(claim)
    return groups


def _a_base(claim: Claim, context: CheckContext) -> bool:
    """'up 0.5 percentage points from 23.6%': the figure a change counts from, of another period."""
    return word_before(claim, context) in context.lexicon.clauses.base_prepositions


def _over_whole(shares: list[Claim], options: ShareOptions) -> Iterator[Violation]:
    holders, counted, summed = set(), [], Interval.point(0.0)
    for share in shares:
        low = stated(share).low
        if low > 100 + options.tolerance_pp:
            yield _share_violation(share, [share], *least_sum([share]))
            continue
        holder = (share.subject, share.quantity.value)
        if share.subject and holder in holders or _sums_up(share, counted, summed, options):
            continue
        summed = summed + stated(share)
        holders.add(holder)
        counted.append(share)
        total, least = least_sum(counted)
        if least > 100 + options.tolerance_pp and len(counted) > 1:
            yield _share_violation(share, counted, total, least)
            return


def _sums_up(share: Claim, counted: list[Claim], summed: Interval, options: ShareOptions) -> bool:
    """'TSMC holds 67% and Samsung 11% ... together the three account for 84%': the shares before, added up."""
    return len(counted) > 1 and stated(share).widened(absolute=options.tolerance_pp).overlaps(summed)


def _share_violation(share: Claim, counted: list[Claim], total: float, least: float) -> Violation:
    parts = " + ".join(claim.text for claim in counted)
    return Violation((share, *[c for c in counted if c is not share]),
                     {"total": f"{total:g}%", "least": f"{least:.1f}%", "shares": parts},
                     {"arithmetic": f"{parts} = {total:g}%; at least {least:.1f}% of one whole after rounding"},
                     claim_key(share))


_ANY_MARKET = "market"
"""What market_named gives for 'the market', which names none in particular."""
_CHANGE_ROLES = (LinkRole.change_from, LinkRole.change_to, LinkRole.result_of, LinkRole.rate_of)
_MARKER_REACH = 6
"""Tokens after a total within which 'include', 'comprise', ... must start its list of parts."""
_TOKEN_WIDTH = 8
"""Characters a token and the space after it take up, on average: a first guess at how much text to read."""
_CUT_TOKENS = 2
"""Tokens at the end of a window cut out of a text that may read differently in the whole text."""
_APPOSITION_REACH = 4
"""Tokens between a base and the part that restates rate x base: '1.8 million workers, some 260,000'."""


class PartsOptions(CheckOptions):
    hedge: float = Field(0.05, ge=0, le=1)
    """Relative slack for hedged figures ('about', 'nearly')."""
    slack: float = Field(0.005, ge=0, le=1)
    """Relative slack on the sum, for rounding of the parts."""


def check_parts_of_total(claims: Sequence[Claim], context: CheckContext, options: PartsOptions) -> Iterator[Violation]:
    """'Of the $10 billion raised, $6 billion came from bonds and $5 billion from loans': parts past their total;
    'the 120 staff comprise 70 engineers and 40 sellers': listed parts that do not make up the whole."""
    already_parts: set[str] = set()
    outside_changes = [claim for claim in claims if not _in_a_change(claim)]
    for position, total in enumerate(outside_changes):
        if total.id in already_parts:
            continue
        statement = _total_statement(total, outside_changes[position + 1:], context)
        if statement is None:
            continue
        parts, exhaustive = statement
        already_parts.update(part.id for part in parts)
        summed, difference, tolerance = _sum_against(total, parts, options)
        exceeds = difference > tolerance
        misses = exhaustive and abs(difference) > tolerance
        if not (exceeds or misses):
            continue
        listing = " + ".join(part.text for part in parts)
        yield Violation((total, *parts),
                        {"total": total.text, "parts": listing, "sum": f"{summed:,.0f}",
                         "relation": "exceed" if exceeds else "do not add up to"},
                        {"arithmetic": f"{listing} = {summed:,.0f}; total stated as {total.text} "
                                       f"(allowed difference {tolerance:,.0f})"},
                        claim_key(total))


def _a_change_base_or_size(claim: Claim) -> bool:
    """'41%, up 2 points from 39%': the base and the size of a change are no shares of now; the level it reached
    is."""
    return any(link.role in (LinkRole.change_from, LinkRole.rate_of) for link in claim.links)


def _in_a_change(claim: Claim) -> bool:
    return any(link.role in _CHANGE_ROLES for link in claim.links)


def _sum_against(total: Claim, parts: list[Claim], options: PartsOptions) -> tuple[float, float, float]:
    """(sum of the parts, sum minus total, allowed difference). Rounding errors of several parts rarely all go
    one way, so the allowance is the widest single figure's rounding, not the sum of all of them."""
    figures = (total, *parts)
    spreads = [(stated(claim, hedge=options.hedge).high - stated(claim, hedge=options.hedge).low) / 2
               for claim in figures]
    summed = sum(part.quantity.value or 0.0 for part in parts)
    tolerance = max(spreads) + options.slack * abs(total.quantity.value or 0.0)
    return summed, summed - (total.quantity.value or 0.0), tolerance


def _total_statement(total: Claim, later: Sequence[Claim], context: CheckContext) -> tuple[list[Claim], bool] | None:
    """The parts that follow a total in its sentence, and whether the text says they make up all of it."""
    if total.quantity.kind in (QuantityKind.percent, QuantityKind.percentage_points):
        return None
    parts = [claim for claim in later if same_measure(claim, total) and claim.start < total.sentence.end
             and not claim.quantity.is_range]
    if len(parts) < 2:
        return None
    view = context.document_of(total).view
    lexicon = context.lexicon
    start, end = _past_own_period(total, parts[0]), parts[-1].start
    if not _phrase_before(view, total, lexicon.total_openers) \
            and not _phrase_anywhere(_first_tokens(view, start, end, _MARKER_REACH), lexicon.part_markers):
        return None
    return parts, _phrase_anywhere(tokenize(view[start:end].lower()), lexicon.exhaustive_markers)


def _first_tokens(view: str, start: int, end: int, count: int) -> list[Token]:
    """The first ``count`` tokens of the lower-cased ``view[start:end]``, reading only as far as they need: most
    figures of a long sentence are no total, and reading to its last figure for each of them is quadratic."""
    width = _TOKEN_WIDTH * (count + _CUT_TOKENS)
    while True:
        stop = min(end, start + width)
        tokens = tokenize(view[start:stop].lower())
        if stop == end or len(tokens) > count + _CUT_TOKENS:
            return tokens[:count]
        width *= 4


def _past_own_period(total: Claim, first_part: Claim) -> int:
    """Where the words after a total start, past its own period ('A$2.9 billion at the end of September,
    comprising ...'), so that the period does not push the part marker out of reach."""
    period = total.period
    if period is not None and total.end <= period.start_offset and period.end_offset <= first_part.start:
        return period.end_offset
    return total.end


def _phrase_before(view: str, claim: Claim, table) -> bool:
    """Whether a phrase of the table ends right where the claim starts."""
    window = view[max(claim.sentence.start, claim.start - 30):claim.start].lower()
    words = window.split()
    if not words or words[-1] not in table.last_words:
        return False
    tokens = tokenize(window)
    for start in range(max(0, len(tokens) - table.longest), len(tokens)):
        found = table.match(tokens, start)
        if found is not None and found[1] == len(tokens):
            return True
    return False


def _phrase_anywhere(tokens, table) -> bool:
    return any(table.match(tokens, i) for i in range(len(tokens)))


class UnitPriceOptions(CheckOptions):
    hedge: float = Field(0.05, ge=0, le=1)
    """Relative slack for hedged figures ('about', 'nearly')."""
    slack: float = Field(0.01, ge=0, le=1)
    """Relative slack on the product, for rounding."""


def check_unit_price(claims: Sequence[Claim], context: CheckContext, options: UnitPriceOptions) -> Iterator[Violation]:
    """Units times average price must give the stated total ('2 million cars at $30,000 each, $75 billion'), and
    a rate times its base the stated part ('9% of 1.8 million workers, some 260,000 people')."""
    yield from _units_times_price(claims, context, options)
    yield from _rate_times_base(claims, context, options)


def _rate_times_base(claims: Sequence[Claim], context: CheckContext,
                     options: UnitPriceOptions) -> Iterator[Violation]:
    for position, rate in enumerate(claims[:-2]):
        base, part = claims[position + 1], claims[position + 2]
        if rate.quantity.kind is not QuantityKind.percent or base.quantity.kind is QuantityKind.percent:
            continue
        view = context.document_of(rate).view
        if not view[rate.end:base.start].strip().lower().startswith("of") or not same_measure(base, part):
            continue
        if len(tokenize(view[base.end:part.start])) > _APPOSITION_REACH:
            continue
        product = (stated(rate, hedge=options.hedge) * stated(base, hedge=options.hedge) *
                   Interval.point(0.01)).widened(relative=options.slack)
        if product.overlaps(stated(part, hedge=options.hedge)):
            continue
        yield Violation((part, rate, base),
                        {"total": part.text, "count": rate.text, "price": base.text, "product": product.describe(0)},
                        {"arithmetic": f"{rate.text} of {base.text} = {product.describe(0)}; text says {part.text}"},
                        claim_key(part))


def _units_times_price(claims: Sequence[Claim], context: CheckContext,
                       options: UnitPriceOptions) -> Iterator[Violation]:
    counts = [c for c in claims if c.quantity.kind in (QuantityKind.count, QuantityKind.physical)]
    money = [c for c in claims if c.quantity.kind is QuantityKind.money]
    for price in money:
        totals = [c for c in money if c is not price and c.quantity.currency == price.quantity.currency
                  and c.start > price.end]
        count = next((c for c in reversed(counts) if c.end <= price.start), None)
        # Reading the words around a figure costs the most, so it waits until the arithmetic is possible.
        if count is None or not totals or not _is_unit_price(price, context) \
                or count.quantity.kind is QuantityKind.physical and _priced_per(price, context) != count.quantity.unit:
            continue
        total = totals[0]
        product = (stated(count, hedge=options.hedge) * stated(price, hedge=options.hedge)).widened(
            relative=options.slack)
        if product.overlaps(stated(total, hedge=options.hedge)):
            continue
        yield Violation((total, count, price),
                        {"total": total.text, "count": count.text, "price": price.text,
                         "product": product.describe(0)},
                        {"arithmetic": f"{count.text} x {price.text} = {product.describe(0)}; "
                                       f"text says {total.text}"},
                        claim_key(total))


def _priced_per(price: Claim, context: CheckContext) -> str | None:
    """The unit a price is per ('A$5,180 an ounce' -> 'ounce'), so that '598,000 ounces' times it is a total."""
    lexicon = context.lexicon
    tokens = tokenize(context.document_of(price).view[price.end:price.end + _PER_UNIT_REACH])
    joiner = lexicon.rate_joiners.match(tokens, 0) or lexicon.time_rate_joiners.match(tokens, 0)
    if joiner is None or joiner[1] >= len(tokens):
        return None
    named = lexicon.units_words.match(tokens, joiner[1]) or lexicon.units_exact.match(tokens, joiner[1])
    return measuring_unit(named[0] if named else tokens[joiner[1]].text)


_PER_UNIT_REACH = 30
"""Characters after a price that hold 'per metric tonne'."""


def _is_unit_price(claim: Claim, context: CheckContext) -> bool:
    view = context.document_of(claim).view
    lexicon = context.lexicon
    after = tokenize(view[claim.end:claim.end + 20].lower())
    if after and lexicon.unit_price_after.match(after, 0):
        return True
    return _phrase_before(view, claim, lexicon.unit_price_before)


KINDS = (
    CheckKind("share-of-whole", Scope.document, ShareOptions, check_share_of_whole,
              "Shares of one whole must not add up to more than 100%."),
    CheckKind("parts-of-total", Scope.sentence, PartsOptions, check_parts_of_total,
              "Parts must not exceed their total, and must add up to it when the text says they make it up."),
    CheckKind("unit-price", Scope.sentence, UnitPriceOptions, check_unit_price,
              "Units times the price of one unit must give the stated total."),
)
