"""The `text` format: `path:line:col: FC101 message`, the sentence with the claim marked, and a summary line."""

from __future__ import annotations

from ..models import Document, Finding, Report

_MARK_START, _MARK_END = "\x1b[1;31m", "\x1b[0m"
_PLAIN_START, _PLAIN_END = ">>", "<<"
_CONTEXT = 160


def render(report: Report, documents: dict[str, Document], *, color: bool = False) -> str:
    lines = []
    for finding in report.findings:
        lines.extend(_finding_lines(finding, documents, color))
    for error in report.errors:
        lines.append(f"{error.path}: error: {error.message}")
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def _finding_lines(finding: Finding, documents: dict[str, Document], color: bool) -> list[str]:
    if not finding.locations:
        return [f"{finding.rule} [{finding.severity.value}] {finding.message}"]
    where = finding.locations[0]
    head = f"{where.path or where.document}:{where.line}:{where.column}: {finding.rule} [{finding.severity.value}] " \
           f"{finding.message}"
    document = documents.get(where.document)
    if document is None or where.start == where.end:
        return [head]
    return [head, "    " + _excerpt(document, where.start, where.end, color)]


def _excerpt(document: Document, start: int, end: int, color: bool) -> str:
    sentence = next((s for s in document.sentences if s.start <= start < s.end), None)
    low, high = (sentence.start, sentence.end) if sentence else (start, end)
    low, high = max(low, start - _CONTEXT), min(high, end + _CONTEXT)
    opening, closing = (_MARK_START, _MARK_END) if color else (_PLAIN_START, _PLAIN_END)
    text = document.text
    excerpt = f"{text[low:start]}{opening}{text[start:end]}{closing}{text[end:high]}"
    return " ".join(excerpt.split())


def _summary(report: Report) -> str:
    summary = report.summary
    counts = ", ".join(f"{count} {severity}" for severity, count in summary.by_severity.items()) or "no findings"
    errors = f", {summary.errors} unreadable" if summary.errors else ""
    return f"{summary.findings} findings ({counts}) in {summary.documents} documents, {summary.claims} claims{errors}"
