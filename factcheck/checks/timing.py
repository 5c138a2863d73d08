"""Figures and time: forecasts for periods already over, and periods whose year the reader must guess."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..tokens import Token, tokenize
from ..models import Claim, Granularity, Modality
from .base import CheckContext, CheckKind, CheckOptions, Scope, Violation, claim_key

_LOOK_BACK = 200
"""Characters before a figure searched for forecast wording; bounded so long sentences stay linear."""
_YEARLESS = (Granularity.quarter, Granularity.half, Granularity.month, Granularity.range, Granularity.day)


def check_stale_projection(claims: Sequence[Claim], context: CheckContext,
                           _options: CheckOptions) -> Iterator[Violation]:
    """'exports are projected to exceed 1 trillion yuan in 2024' in an article dated 2026-02-01."""
    for claim in claims:
        published = context.document_of(claim).published
        period = claim.period
        if claim.modality is not Modality.projected or period is None or published is None:
            continue
        if period.end >= published:
            continue
        before = _tokens_before(claim, context)
        if _reported_as_past(before, context) or not _projected_before(before, context):
            continue
        yield Violation((claim,),
                        {"value": claim.text, "period": period.label, "published": published.isoformat()},
                        {"arithmetic": f"{period.label} ended {period.end.isoformat()}, before publication on "
                                       f"{published.isoformat()}"},
                        claim_key(claim),
                        extra_locations=((claim.document, period.start_offset, period.end_offset),))


def _projected_before(tokens: list[Token], context: CheckContext) -> bool:
    """'are projected to exceed ...': the projection is the sentence's claim, not a forecast it reports after the
    figure ('the 170,000 economists had expected', 'the 1.1% forecast by economists')."""
    return any((found := context.lexicon.modality.match(tokens, index)) and found[0] == Modality.projected.value
               for index in range(len(tokens)))


def _tokens_before(claim: Claim, context: CheckContext) -> list[Token]:
    start = max(claim.sentence.start, claim.start - _LOOK_BACK)
    return tokenize(context.document_of(claim).view[start:claim.start].lower())


def _reported_as_past(tokens: list[Token], context: CheckContext) -> bool:
    """'sales had been forecast at ...', 'was expected to': a past forecast, reported as such."""
    return any(context.lexicon.past_forecast.match(tokens, index) for index in range(len(tokens)))


def check_unanchored_period(claims: Sequence[Claim], context: CheckContext,
                            _options: CheckOptions) -> Iterator[Violation]:
    """'Q3' in an article dated February 2026 is read as 2025-Q3: the reader has to guess the year."""
    seen: set[tuple[int, int]] = set()
    for claim in claims:
        period = claim.period
        published = context.document_of(claim).published
        if period is None or period.anchored or period.granularity not in _YEARLESS or published is None:
            continue
        if period.start.year == published.year or (period.start_offset, period.end_offset) in seen:
            continue
        seen.add((period.start_offset, period.end_offset))
        yield Violation((claim,),
                        {"period": period.text, "label": period.label, "published": published.isoformat()},
                        {"arithmetic": f"'{period.text}' has no year; read as {period.label} from the "
                                       f"publication date {published.isoformat()}"},
                        claim_key(claim),
                        extra_locations=((claim.document, period.start_offset, period.end_offset),))


KINDS = (
    CheckKind("stale-projection", Scope.document, CheckOptions, check_stale_projection,
              "A projection must be for a period that has not ended by the publication date."),
    CheckKind("unanchored-period", Scope.document, CheckOptions, check_unanchored_period,
              "A period without a year must fall in the year of publication."),
)
