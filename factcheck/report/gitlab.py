"""The `gitlab` format: a GitLab Code Quality report, one JSON array (written without a BOM).

GitLab collapses entries with one fingerprint into a single one in the merge request widget, so fingerprints are
made unique here even when two findings share one.
"""

from __future__ import annotations

import json
from typing import Any

from ..models import Document, Finding, InputError, Report, Severity

SEVERITIES = {Severity.info: "info", Severity.warning: "minor", Severity.error: "major"}
INPUT_ERROR_CHECK = "input-error"
NO_PATH = "."
"""Where a finding tied to no file is listed: GitLab requires a path on every entry."""


def render(report: Report, documents: dict[str, Document]) -> str:
    used: set[str] = set()
    issues = [_finding_issue(finding, _unique(finding.fingerprint, used)) for finding in report.findings]
    issues += [_error_issue(error, used) for error in report.errors]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _unique(fingerprint: str, used: set[str]) -> str:
    candidate, count = fingerprint, 1
    while candidate in used:
        count += 1
        candidate = f"{fingerprint}-{count}"
    used.add(candidate)
    return candidate


def _finding_issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    return {
        "description": finding.message,
        "check_name": finding.rule,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity],
        "location": _location(finding),
    }


def _location(finding: Finding) -> dict[str, Any]:
    if not finding.locations:
        return {"path": NO_PATH, "lines": {"begin": 1}}
    where = finding.locations[0]
    return {
        "path": where.path or where.document,
        "lines": {"begin": where.line, "end": where.end_line},
        "positions": {
            "begin": {"line": where.line, "column": where.column},
            "end": {"line": where.end_line, "column": where.end_column},
        },
    }


def _error_issue(error: InputError, used: set[str]) -> dict[str, Any]:
    return {
        "description": error.message,
        "check_name": INPUT_ERROR_CHECK,
        "fingerprint": _unique(f"{INPUT_ERROR_CHECK}:{error.path}", used),
        "severity": SEVERITIES[Severity.error],
        "location": {"path": error.path, "lines": {"begin": 1}},
    }
