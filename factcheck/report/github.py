"""The `github` format: GitHub Actions workflow commands, one annotation per finding.

Escaping follows actions/toolkit (`packages/core/src/command.ts`) exactly. GitHub shows at most 10 errors and 10
warnings per step, so a corpus-wide run belongs in SARIF or the step summary; annotations suit a few files.
"""

from __future__ import annotations

from ..models import Document, Finding, InputError, Report, Severity
from . import markdown

COMMANDS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def render(report: Report, documents: dict[str, Document]) -> str:
    lines = [_finding_command(finding) for finding in report.findings]
    lines.extend(_error_command(error) for error in report.errors)
    return "".join(line + "\n" for line in lines)


def step_summary(report: Report) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY, which has no annotation limit."""
    return markdown.render(report, {})


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, str | int], message: str) -> str:
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {listed}::{escape_data(message)}"


def _finding_command(finding: Finding) -> str:
    properties: dict[str, str | int] = {}
    if finding.locations:
        where = finding.locations[0]
        properties = {"file": where.path or where.document, "line": where.line, "endLine": where.end_line}
        # GitHub reads columns only within one line; across lines they would mark the wrong characters.
        if where.line == where.end_line:
            properties |= {"col": where.column, "endColumn": where.end_column}
    properties["title"] = f"factcheck {finding.rule} ({finding.name})"
    return command(COMMANDS[finding.severity], properties, finding.message)


def _error_command(error: InputError) -> str:
    return command("error", {"file": error.path, "title": "factcheck: unreadable input"}, error.message)
