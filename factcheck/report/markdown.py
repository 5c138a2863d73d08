"""The `markdown` format: a heading with counts and one table sorted by file, for pull-request comments and job
summaries (GitHub-flavoured Markdown tables)."""

from __future__ import annotations

from ..models import Document, Finding, Report, Severity

SEVERITY_ORDER = (Severity.error, Severity.warning, Severity.info)
NO_PLACE = "(corpus)"
# Article text quoted in messages must stay text: a backslash could escape a cell's closing pipe, and angle
# brackets would open raw HTML. The backslash goes first so the escapes added after it survive.
_CELL_ESCAPES = (("\\", "\\\\"), ("|", "\\|"), ("<", "&lt;"), (">", "&gt;"), ("\r\n", "<br>"), ("\r", "<br>"),
                 ("\n", "<br>"))


def render(report: Report, documents: dict[str, Document]) -> str:
    blocks = [_heading(report)]
    if report.findings:
        blocks.append(_table(report.findings))
    else:
        blocks.append(f"No findings in {_plural(report.summary.documents, 'document')}.")
    if report.errors:
        blocks.append(_errors(report))
    return "\n\n".join(blocks) + "\n"


def _heading(report: Report) -> str:
    counts = ", ".join(f"{report.summary.by_severity[severity.value]} {severity.value}"
                       for severity in SEVERITY_ORDER if report.summary.by_severity.get(severity.value))
    detail = f" ({counts})" if counts else ""
    return (f"## factcheck: {_plural(report.summary.findings, 'finding')}{detail} "
            f"in {_plural(report.summary.documents, 'document')}")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _table(findings: tuple[Finding, ...]) -> str:
    rows = ["| severity | location | rule | message |", "|---|---|---|---|"]
    for finding in sorted(findings, key=_position):
        cells = (finding.severity.value, _where(finding), f"{finding.rule} {finding.name}", finding.message)
        rows.append("| " + " | ".join(escape_cell(cell) for cell in cells) + " |")
    return "\n".join(rows)


def _position(finding: Finding) -> tuple[str, int, int, str]:
    if not finding.locations:
        return ("", 0, 0, finding.rule)
    where = finding.locations[0]
    return (where.path or where.document, where.line, where.column, finding.rule)


def _where(finding: Finding) -> str:
    if not finding.locations:
        return NO_PLACE
    where = finding.locations[0]
    return f"{where.path or where.document}:{where.line}:{where.column}"


def escape_cell(text: str) -> str:
    for raw, escaped in _CELL_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def _errors(report: Report) -> str:
    lines = [f"### {_plural(report.summary.errors, 'unreadable input')}", ""]
    lines.extend(f"- {escape_cell(error.path)}: {escape_cell(error.message)}" for error in report.errors)
    return "\n".join(lines)
