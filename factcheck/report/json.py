"""The `json` format: the Report model as `factcheck-report/1`."""

from __future__ import annotations

from ..models import Report


def render(report: Report) -> str:
    return report.model_dump_json(indent=2, by_alias=True) + "\n"
