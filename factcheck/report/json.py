"""The `json` format: the Report model as `factcheck-report/1`."""

from __future__ import annotations

from ..models import Document, Report


def render(report: Report, _documents: dict[str, Document] | None = None) -> str:
    return report.model_dump_json(indent=2, by_alias=True) + "\n"
