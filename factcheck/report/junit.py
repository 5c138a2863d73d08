"""The `junit` format: one test case per document, failing with one <failure> per finding.

GitLab keeps only the first of several test cases with the same (classname, name), so every test case gets a
unique pair. Article text may hold characters XML 1.0 forbids (a vertical tab from a CMS export); ElementTree would
write them and then fail to read its own file, so every string is cleaned first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from ..models import Document, Finding, InputError, Report

SUITE_NAME = "factcheck"
CORPUS_CASE = "(corpus)"
"""The test case for findings tied to no document, such as a rule crashing on the whole corpus."""
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(report: Report, documents: dict[str, Document]) -> str:
    suite = ET.Element("testsuite", name=SUITE_NAME)
    names = _CaseNames()
    for place, findings in _findings_by_place(report):
        suite.append(_document_case(place, names.unique(place), findings))
    for error in report.errors:
        suite.append(_error_case(clean(error.path), names.unique(clean(error.path)), error))
    _count(suite)
    root = ET.Element("testsuites", name=SUITE_NAME)
    root.append(suite)
    _count(root)
    ET.indent(root)
    return XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def clean(text: str) -> str:
    """The text without the characters an XML 1.0 document cannot hold."""
    return _XML_ILLEGAL.sub("", text)


class _CaseNames:
    """Test case labels made unique: the same file given twice is two documents under one path."""

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()

    def unique(self, label: str) -> str:
        self._seen[label] += 1
        count = self._seen[label]
        return label if count == 1 else f"{label} #{count}"


def _findings_by_place(report: Report) -> list[tuple[str, list[Finding]]]:
    """(path or id, findings) for every document in report order, passing ones too, then for any other place a
    finding points at (a document from the claim store, or none at all)."""
    grouped: dict[str | None, list[Finding]] = {entry.id: [] for entry in report.documents}
    places = {entry.id: entry.path or entry.id for entry in report.documents}
    for finding in report.findings:
        document_id = finding.locations[0].document if finding.locations else None
        grouped.setdefault(document_id, []).append(finding)
        places.setdefault(document_id, _place(finding))
    return [(clean(places[document_id]), findings) for document_id, findings in grouped.items()]


def _place(finding: Finding) -> str:
    if not finding.locations:
        return CORPUS_CASE
    where = finding.locations[0]
    return where.path or where.document


def _document_case(place: str, label: str, findings: list[Finding]) -> ET.Element:
    case = ET.Element("testcase", classname=label, name=label)
    if place != CORPUS_CASE:
        case.set("file", place)
    for finding in findings:
        failure = ET.SubElement(case, "failure", message=clean(f"{finding.rule} {finding.message}"),
                                type=finding.rule)
        failure.text = clean(_failure_body(finding))
    return case


def _failure_body(finding: Finding) -> str:
    head = f"{finding.rule} [{finding.severity.value}] {finding.message}"
    if finding.locations:
        where = finding.locations[0]
        head = f"{where.path or where.document}:{where.line}:{where.column}: {head}"
    trace = [f"  {key}: {_trace_value(value)}" for key, value in finding.trace.items()]
    return "\n".join([head, *trace])


def _trace_value(value: object) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


def _error_case(place: str, label: str, error: InputError) -> ET.Element:
    case = ET.Element("testcase", classname=label, name=label, file=place)
    element = ET.SubElement(case, "error", message=clean(error.message), type="input-error")
    element.text = clean(error.message)
    return case


def _count(element: ET.Element) -> None:
    cases = list(element.iter("testcase"))
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(1 for case in cases if case.find("failure") is not None)))
    element.set("errors", str(sum(1 for case in cases if case.find("error") is not None)))
    if element.tag == "testsuite":
        element.set("skipped", "0")
