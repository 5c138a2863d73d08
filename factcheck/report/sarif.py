"""The `sarif` format: SARIF 2.1.0 as GitHub code scanning accepts it.

One run; the driver lists the whole rule catalogue so alerts keep their rule help even for rules that found nothing.
Regions carry both line/column (GitHub needs them) and charOffset/charLength (the exact span); columns and
offsets are code points, declared by `columnKind`. The fingerprint is ours, never a line hash, so an alert survives
edits elsewhere in the paragraph and two findings on one long Markdown line stay separate alerts.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from ..docs import rule_page
from ..models import Document, Finding, InputError, Location, Report, Severity
from ..rulebook import RuleSpec, all_specs

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
# No public repository URL exists yet; the PyPI page of the distribution name is the stable address to point at.
INFORMATION_URI = "https://pypi.org/project/factcheck-claims/"
SOURCE_ROOT = "%SRCROOT%"
FINGERPRINT_KEY = "factcheck/v1"
LEVELS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def render(report: Report, documents: dict[str, Document]) -> str:
    return json.dumps(sarif_log(report), indent=2, ensure_ascii=False) + "\n"


def sarif_log(report: Report) -> dict[str, Any]:
    rules = _rule_descriptors(report.findings)
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    located = [finding for finding in report.findings if finding.locations]
    notifications = [_error_notification(error) for error in report.errors]
    # A finding with no place in any file (a rule crashing on the whole corpus) is a failure of the run, not an
    # alert: GitHub rejects results without a location.
    notifications += [_finding_notification(finding, index) for finding in report.findings if not finding.locations]
    run = {
        "tool": {"driver": {
            "name": report.tool.name,
            "semanticVersion": report.tool.version,
            "informationUri": INFORMATION_URI,
            "rules": rules,
        }},
        "automationDetails": {"id": f"{report.tool.name}/"},
        "columnKind": "unicodeCodePoints",
        "invocations": [_invocation(notifications)],
        "results": [_result(finding, index) for finding in located],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rule_descriptors(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    """The catalogue, then any rule from an extra rules folder, which the report knows only by its findings."""
    specs = all_specs()
    known = {spec.code for spec in specs}
    extra = {finding.rule: finding for finding in findings if finding.rule not in known}
    return [_descriptor(spec) for spec in specs] + [_extra_descriptor(finding) for finding in extra.values()]


def _descriptor(spec: RuleSpec) -> dict[str, Any]:
    return {
        "id": spec.code,
        "name": spec.slug,
        "shortDescription": {"text": _title(spec.slug)},
        "fullDescription": {"text": _prose(spec.docs.what)},
        "help": {"text": _help_text(spec), "markdown": rule_page(spec)},
        "defaultConfiguration": {"level": LEVELS[spec.severity]},
        "properties": {"tags": [spec.group]},
    }


def _extra_descriptor(finding: Finding) -> dict[str, Any]:
    title = _title(finding.name)
    return {
        "id": finding.rule,
        "name": finding.name,
        "shortDescription": {"text": title},
        "fullDescription": {"text": title},
        "help": {"text": f"{finding.rule} {finding.name}: a rule from an extra rules folder."},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"tags": [finding.category.value]},
    }


def _title(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def _prose(text: str) -> str:
    return " ".join(text.split())


def _help_text(spec: RuleSpec) -> str:
    docs = spec.docs
    return "\n\n".join([_prose(docs.what), _prose(docs.why), "How to fix: " + _prose(docs.how_to_fix)])


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    primary, *others = finding.locations
    result = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(primary)],
        "partialFingerprints": {"primaryLocationLineHash": finding.fingerprint, FINGERPRINT_KEY: finding.fingerprint},
        "properties": {"trace": finding.trace},
    }
    if others:
        result["relatedLocations"] = [_location(where, id_=number) for number, where in enumerate(others, 1)]
    return result


def _location(where: Location, id_: int | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {"physicalLocation": {
        "artifactLocation": artifact_location(where.path or where.document),
        "region": {
            "startLine": where.line,
            "startColumn": where.column,
            "endLine": where.end_line,
            # Location.end_column is the column of the exclusive end offset: the column after the last character.
            "endColumn": where.end_column,
            "charOffset": where.start,
            "charLength": where.end - where.start,
        },
    }}
    if id_ is not None:
        location["id"] = id_
        if where.text:
            location["message"] = {"text": where.text}
    return location


def artifact_location(path: str) -> dict[str, str]:
    """A repository-relative URI under %SRCROOT%, which is what GitHub resolves; an absolute path as a file URI."""
    for flavour in (PurePosixPath, PureWindowsPath):
        if flavour(path).is_absolute():
            return {"uri": flavour(path).as_uri()}
    relative = posixpath.normpath(path.replace("\\", "/"))
    return {"uri": quote(relative, safe="/"), "uriBaseId": SOURCE_ROOT}


def _invocation(notifications: list[dict[str, Any]]) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _error_notification(error: InputError) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": error.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(error.path)}}],
        "descriptor": {"id": "input-error"},
    }


def _finding_notification(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    return {
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "associatedRule": {"id": finding.rule, "index": index[finding.rule]},
        "properties": {"trace": finding.trace},
    }
