"""Whether a figure is backed: sensitive figures need a source, and figures must match reference values."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..models import AttributionKind, Claim, Modality, QuantityKind
from ..references import match
from .base import CheckContext, CheckKind, CheckOptions, Scope, Violation, claim_key

_RATE_KINDS = (QuantityKind.percent, QuantityKind.percentage_points, QuantityKind.multiple)


class SupportOptions(CheckOptions):
    metrics: tuple[str, ...] | None = None
    """Metrics whose figures need a source; by default the `sensitive` list of the metric lexicon."""
    forecasts: bool = True
    """Whether projections and targets always need a source."""


def is_sensitive(claim: Claim, metrics: frozenset[str], forecasts: bool) -> bool:
    """Money, shares and growth rates tied to a sensitive metric, and forecasts; plain counts are not."""
    if forecasts and claim.modality in (Modality.projected, Modality.target):
        return True
    if claim.metric not in metrics:
        return False
    return claim.quantity.kind in (QuantityKind.money, *_RATE_KINDS) or claim.quantity.kind is QuantityKind.count \
        and claim.modality is not Modality.actual


def check_unsupported(claims: Sequence[Claim], context: CheckContext, options: SupportOptions) -> Iterator[Violation]:
    metrics = frozenset(options.metrics) if options.metrics is not None else context.lexicon.sensitive_metrics
    for claim in claims:
        if claim.attribution.kind is not AttributionKind.none or not is_sensitive(claim, metrics, options.forecasts):
            continue
        what = claim.metric.replace("_", " ") if claim.metric else claim.modality.value + " figure"
        yield Violation((claim,), {"value": claim.text, "what": what},
                        {"arithmetic": f"no citation, named source or link in the sentence of {claim.text}"},
                        claim_key(claim))


def check_reference(claims: Sequence[Claim], context: CheckContext, _options: CheckOptions) -> Iterator[Violation]:
    if not context.references:  # matching still folds every subject, for nothing to compare with
        return
    for claim in claims:
        found = match(claim, context.references, context.aliases)
        if found is None or found[1]:
            continue
        reference = found[0]
        stated_as = f"{reference.value:g} {reference.currency or reference.unit or ''}".strip()
        yield Violation((claim,), {"value": claim.text, "reference": stated_as, "source": reference.source},
                        {"arithmetic": f"{claim.text} vs reference {stated_as} (tolerance {reference.tolerance:g}) "
                                       f"from {reference.source}"},
                        claim_key(claim))


KINDS = (
    CheckKind("unsupported-figure", Scope.document, SupportOptions, check_unsupported,
              "Sensitive figures (losses, revenue, shares, growth, forecasts) need a source."),
    CheckKind("reference-figure", Scope.document, CheckOptions, check_reference,
              "A figure must match the value in the user's reference file."),
)
