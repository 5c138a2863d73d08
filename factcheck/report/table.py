"""The `table` format: one line per claim, for reading extraction results in a terminal."""

from __future__ import annotations

from ..models import Claim, Report
from ..segment import line_and_column, line_starts

_COLUMNS = ("location", "text", "kind", "value", "unit", "period", "subject", "metric", "modality", "source")
_MAX_WIDTH = 40
"""Cells past the location column are cut to this width; the location never is."""


def render(report: Report, texts: dict[str, str]) -> str:
    """``texts`` maps document ids to their original text, for line and column numbers."""
    rows = [_COLUMNS]
    for document in report.documents:
        starts = line_starts(texts.get(document.id, ""))
        for claim in document.claims:
            line, column = line_and_column(starts, claim.start)
            rows.append(_row(f"{document.path or document.id}:{line}:{column}", claim))
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    widths[1:] = [min(_MAX_WIDTH, width) for width in widths[1:]]
    lines = ["  ".join(cell[:width].ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    summary = report.summary
    lines.append(f"{summary.claims} claims in {summary.documents} documents"
                 + (f", {summary.errors} unreadable" if summary.errors else ""))
    return "\n".join(lines) + "\n"


def _row(location: str, claim: Claim) -> tuple[str, ...]:
    quantity = claim.quantity
    value = _number(quantity.value)
    if quantity.is_range or quantity.lower is not None or quantity.upper is not None:
        value = f"{value} [{_number(quantity.lower)}..{_number(quantity.upper)}]"
    return (
        location,
        " ".join(claim.text.split()),
        quantity.kind.value,
        value,
        quantity.currency or quantity.unit or "",
        claim.period.label if claim.period else "",
        claim.subject or "",
        claim.metric or "",
        claim.modality.value,
        claim.attribution.kind.value,
    )


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.6g}"
