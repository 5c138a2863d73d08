"""One figure, said twice or said backwards: restatements with another value, and inverted ranges."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from pydantic import Field

from ..keys import fold, period_key
from ..lexicon import Lexicon
from ..tokens import POSSESSIVE_ENDINGS, Token, tokenize
from ..models import Claim, LinkRole, Period, QuantityKind
from ..tolerance import stated
from .base import CheckContext, CheckKind, CheckOptions, Scope, Violation, claim_key, states_a_change


_RATE_KINDS = (QuantityKind.percent, QuantityKind.percentage_points, QuantityKind.multiple)
_LEVEL_KINDS = (QuantityKind.money, QuantityKind.count, QuantityKind.physical)
_NOT_RESTATED = (LinkRole.rate_of, LinkRole.conversion_of, LinkRole.change_from, LinkRole.change_to)


class RestatementOptions(CheckOptions):
    hedge: float = Field(0.05, ge=0, le=1)
    """Relative slack for hedged figures ('about', 'nearly')."""


def _restatable(claim: Claim, context: CheckContext) -> bool:
    """A level with a value and a metric; change endpoints, rates, conversions and the size of a change ('demand
    growth of 740,000 b/d' beside 'demand of 103.9 million b/d') are different figures by nature."""
    return bool(claim.metric) and claim.quantity.value is not None and claim.quantity.kind in _LEVEL_KINDS \
        and not any(link.role in _NOT_RESTATED for link in claim.links) and not states_a_change(claim, context)


def _unnamed(claim: Claim) -> tuple:
    quantity = claim.quantity
    return claim.metric, claim.modality.value, quantity.kind.value, quantity.currency, quantity.unit


def _figures(claims: Sequence[Claim], context: CheckContext) -> list[tuple | None]:
    """Each claim's subject, metric, modality and measure, or None when it cannot be restated; a figure whose
    sentence names nobody ('the 19.8 million net additions') is about the article's only subject for that metric
    and measure."""
    measures = [_unnamed(claim) for claim in claims]
    named = _only_subjects(claims, measures)
    figures: list[tuple | None] = []
    for claim, measure in zip(claims, measures):
        subject = claim.subject or named.get(measure)
        figures.append((_folded(subject), *measure) if subject and _restatable(claim, context) else None)
    return figures


_folded = lru_cache(maxsize=4096)(fold)
"""Articles name the same few subjects again and again."""


def _only_subjects(claims: Sequence[Claim], measures: Sequence[tuple]) -> dict[tuple, str]:
    """For each metric and measure, the subject when the article gives it exactly one."""
    subjects: dict[tuple, set[str]] = defaultdict(set)
    for claim, measure in zip(claims, measures):
        if claim.subject:
            subjects[measure].add(claim.subject)
    return {key: next(iter(names)) for key, names in subjects.items() if len(names) == 1}


def _periods(claims: Sequence[Claim], figures: Sequence[tuple | None]) -> dict[tuple, dict[str, Period]]:
    """The periods each figure is stated for by claims that name their subject, by period key."""
    periods: dict[tuple, dict[str, Period]] = defaultdict(dict)
    for claim, figure in zip(claims, figures):
        if figure is not None and claim.subject and claim.period is not None:
            periods[figure][period_key(claim.period)] = claim.period
    return periods


def _period_of(claim: Claim, figure: tuple, periods: dict[tuple, dict[str, Period]],
               context: CheckContext) -> str | None:
    """The claim's period; 'its quarterly loss' takes the latest period of that length the article gives that
    figure elsewhere (its reporting period): an 'annual forecast' is no second-quarter figure."""
    if claim.period is not None:
        return period_key(claim.period)
    known = periods.get(figure, {})
    if not known:
        return None
    sentence = claim.sentence
    view = context.document_of(claim).view[max(sentence.start, claim.start - 200):min(sentence.end, claim.end + 200)]
    tokens = tokenize(view.lower())
    lengths = {found[0] for index in range(len(tokens))
               if (found := context.lexicon.period_adjectives.match(tokens, index)) is not None}
    fitting = [(period.end, key) for key, period in known.items() if period.granularity.value in lengths]
    return max(fitting)[1] if fitting else None


def check_restatement(claims: Sequence[Claim], context: CheckContext,
                      options: RestatementOptions) -> Iterator[Violation]:
    """A level (money, count, physical) restated with another value: percentages of one metric are too often
    different figures (a share, a growth rate, a margin) to compare without more context."""
    figures = _figures(claims, context)
    periods = _periods(claims, figures)
    first_said: dict[tuple, Claim] = {}
    # An article that first gives 'underlying profit' means it by a later bare 'profit'; one that first gives
    # 'revenue' means another figure by 'broadcasting revenue' after it, and one that first gives 'gold revenue'
    # may mean all revenue, or another part of it, by a later bare 'revenue'.
    first_qualifier: dict[tuple, str | None] = {}
    readings: dict[tuple[str, int], _Reading] = {}
    flagged: set[tuple] = set()
    for claim, figure in zip(claims, figures):
        if figure is None:
            continue
        period = _period_of(claim, figure, periods, context)
        if period is None and claim.quantity.kind is not QuantityKind.money:
            continue
        base = (*figure, period)
        qualifier = _qualifier(claim, _reading(claim, context, readings), context.lexicon)
        if qualifier is _CARRIED:
            continue
        first = first_qualifier.setdefault(base, qualifier)
        key = (*base, qualifier or (first if first == _ADJUSTED else None))
        earlier = first_said.setdefault(key, claim)
        if earlier is claim or key in flagged or earlier.sentence == claim.sentence:
            continue
        if stated(earlier, hedge=options.hedge).overlaps(stated(claim, hedge=options.hedge)):
            continue
        flagged.add(key)
        yield Violation((claim, earlier),
                        {"value": claim.text, "earlier": earlier.text,
                         "subject": claim.subject or earlier.subject or figure[0],
                         "metric": claim.metric.replace("_", " "),
                         "period": (claim.period or earlier.period).label if (claim.period or earlier.period)
                         else "the article's period"},
                        {"arithmetic": f"{earlier.text} and {claim.text} do not overlap "
                                       f"({stated(earlier).describe()} vs {stated(claim).describe()})",
                         "key": "|".join(str(part) for part in key)},
                        claim_key(claim))


class _Reading(NamedTuple):
    """What a sentence says about the metrics of its figures, read once for all of them."""
    tokens: list[Token]
    adjusted: bool
    cues: dict[str, list[int]]
    """Metric -> the token indexes where a cue of it starts."""


def _reading(claim: Claim, context: CheckContext, readings: dict[tuple[str, int], _Reading]) -> _Reading:
    key = (claim.document, claim.sentence.start)
    if key not in readings:
        lexicon = context.lexicon
        tokens = tokenize(context.document_of(claim).view[claim.sentence.start:claim.sentence.end])
        cues: dict[str, list[int]] = defaultdict(list)
        for index in range(len(tokens)):
            if (found := lexicon.metrics.match(tokens, index)) is not None:
                cues[found[0]].append(index)
        adjusted = any(lexicon.adjusted_markers.match(tokens, index) for index in range(len(tokens)))
        readings[key] = _Reading(tokens, adjusted, cues)
    return readings[key]


def _qualifier(claim: Claim, reading: _Reading, lexicon: Lexicon) -> str | None:
    """What narrows the figure's metric, so that one article may give both figures: 'adjusted' when its sentence
    says so ('excluding one-time items'), else the word right before the nearest cue of its metric ('broadcasting
    revenue', 'core inflation', 'gaming revenue'; not 'total revenue' or 'fourth-quarter profit'); `_CARRIED`
    when the sentence names no cue of its metric."""
    if reading.adjusted:
        return _ADJUSTED
    cues = reading.cues.get(claim.metric or "")
    if not cues:
        return _CARRIED
    at = claim.start - claim.sentence.start
    cue = min(cues, key=lambda index: abs(reading.tokens[index].start - at))
    return _narrowing(reading.tokens, cue - 1, lexicon, claim.subject) if cue > 0 else None


def _narrowing(tokens: list[Token], index: int, lexicon: Lexicon, subject: str | None) -> str | None:
    """The word at ``index`` when it narrows the cue after it; not a name, an owner ('the club's'), a function
    word, or what a number counts ('37 million phones shipped')."""
    word = tokens[index]
    if word.kind != "word" or word.text[0].isupper() and (index > 0 or word.text in (subject or "").split()) \
            or word.lower.endswith(POSSESSIVE_ENDINGS) or word.lower in lexicon.function_words \
            or word.lower.rsplit("-", 1)[-1] in lexicon.unqualifying:
        return None
    if _numeric(tokens, index, lexicon) or index > 0 and _numeric(tokens, index - 1, lexicon):
        return None
    return word.lower


def _numeric(tokens: list[Token], index: int, lexicon: Lexicon) -> bool:
    return tokens[index].kind == "num" or lexicon.scales.match(tokens, index) is not None \
        or lexicon.scale_abbreviations.match(tokens, index) is not None


_ADJUSTED = "adjusted"
_CARRIED = "(carried)"
"""What _qualifier gives a figure whose sentence never names its metric: the metric was carried over from an
earlier sentence, which is too weak a ground to call two figures one."""
_TALLY_KINDS = (QuantityKind.count, QuantityKind.plain)


def check_inverted_range(claims: Sequence[Claim], context: CheckContext, _options: CheckOptions) -> Iterator[Violation]:
    for claim in claims:
        quantity = claim.quantity
        if quantity.is_range and quantity.lower is not None and quantity.upper is not None \
                and quantity.lower > quantity.upper and not _tally_or_split(claim, context):
            yield Violation((claim,), {"range": claim.text},
                            {"arithmetic": f"lower end {quantity.lower:g} > upper end {quantity.upper:g}"},
                            claim_key(claim))


def _tally_or_split(claim: Claim, context: CheckContext) -> bool:
    """Two figures written high first that are no range: a vote or a score ('voted six to three', 'won 1-0'),
    which is how a pair of bare counts reads unless 'between' makes it a range, and a split of one whole between
    two sides ('passed 52%-48%')."""
    quantity = claim.quantity
    if quantity.kind in _TALLY_KINDS:
        words = claim.text.lower().split()
        return not (words and words[0] in context.lexicon.range_openers)
    both_rounded = 2 * (quantity.precision or 0.0)
    return quantity.kind is QuantityKind.percent and abs(quantity.lower + quantity.upper - 100) <= both_rounded


KINDS = (
    CheckKind("restatement", Scope.document, RestatementOptions, check_restatement,
              "The same figure (subject, metric, period) must not be restated with another value."),
    CheckKind("inverted-range", Scope.sentence, CheckOptions, check_inverted_range,
              "A range runs from its low end to its high end."),
)
