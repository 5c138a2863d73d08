"""The `html` format: one self-contained page (inline CSS and JS, no network) with every article's text,
each claim highlighted in place, each finding's location highlighted more strongly, a sortable findings table
and a detail panel (message and trace) that opens on a click.

Article text is hostile input: every piece of text reaches the page through `html.escape`, and the script
never builds markup from strings (details are rendered here, hidden, and cloned into the panel).
The page is deterministic: the same report and documents give the same bytes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files

from ..models import Claim, Document, DocumentReport, Finding, Location, QuantityKind, Report, Severity

SEVERITY_ORDER = (Severity.error, Severity.warning, Severity.info)
_SEVERITY_RANK = {severity.value: rank for rank, severity in enumerate(SEVERITY_ORDER)}
_KIND_LABELS = {
    QuantityKind.money: "money",
    QuantityKind.percent: "percent",
    QuantityKind.percentage_points: "percentage points",
    QuantityKind.ratio: "ratio",
    QuantityKind.multiple: "multiple",
    QuantityKind.count: "count",
    QuantityKind.physical: "physical",
    QuantityKind.plain: "plain number",
}
_PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")


def render(report: Report, documents: dict[str, Document]) -> str:
    """The report as one HTML page; `documents` (id -> Document) supplies the article text to highlight."""
    page = _Page(report, documents)
    values = {
        "generator": _e(f"{report.tool.name} {report.tool.version}"),
        "title": _e(page.title()),
        "body": page.body(),
    }
    # One pass over the template: substituted values are never scanned again for placeholders.
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], _template())


@cache
def _template() -> str:
    return files(__package__).joinpath("html_template.html").read_text(encoding="utf-8")


def _e(value: object) -> str:
    return escape(str(value), quote=True)


# --------------------------------------------------------------------------------------------- highlighting


@dataclass(frozen=True)
class Highlight:
    """One span to mark in a document's text: [start, end) in code points."""

    start: int
    end: int
    key: str
    """Unique per highlight; the first fragment carries it as element id, every fragment as data-hl."""
    detail: str
    """The detail block shown for it (a finding's or a claim's)."""
    classes: str
    title: str
    rank: int = 0
    """Among spans with the same extent, lower rank nests outside (claims outside findings)."""
    focusable: bool = False


def highlight(text: str, spans: list[Highlight]) -> str:
    """Escaped `text` with every span wrapped in <mark> elements, properly nested.

    One pass over the sorted boundaries. Between two boundaries the set of covering spans is fixed; it is kept
    as a stack in canonical order (start, longest first, rank), so nested spans open and close once. Spans
    that cross are split: the inner one is closed and reopened around the boundary, each fragment carrying the
    same data-hl. Empty spans become empty marks at their position.
    """
    size = len(text)
    unique = {id(s): s for s in spans if 0 <= s.start <= s.end <= size}  # the same object twice: once
    spans = sorted(unique.values(), key=_nesting_key)
    order = {id(s): index for index, s in enumerate(spans)}
    starts: dict[int, list[Highlight]] = {}
    ends: dict[int, list[Highlight]] = {}
    empties: dict[int, list[Highlight]] = {}
    for span in spans:
        if span.start == span.end:
            empties.setdefault(span.start, []).append(span)
        else:
            starts.setdefault(span.start, []).append(span)
            ends.setdefault(span.end, []).append(span)
    bounds = sorted({0, size} | starts.keys() | ends.keys() | empties.keys())
    opened_once: set[str] = set()
    out: list[str] = []
    stack: list[Highlight] = []
    covering: dict[int, Highlight] = {}
    for index, position in enumerate(bounds):
        for span in ends.get(position, ()):
            del covering[id(span)]
        for span in starts.get(position, ()):
            covering[id(span)] = span
        wanted = sorted(covering.values(), key=lambda s: order[id(s)])
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        out.extend("</mark>" for _ in stack[keep:])
        for span in empties.get(position, ()):
            out.append(_open(span, opened_once, empty=True) + "</mark>")
        out.extend(_open(span, opened_once) for span in wanted[keep:])
        stack = wanted
        following = bounds[index + 1] if index + 1 < len(bounds) else size
        out.append(escape(text[position:following]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def _nesting_key(span: Highlight) -> tuple:
    return span.start, -span.end, span.rank, span.key


def _open(span: Highlight, opened_once: set[str], *, empty: bool = False) -> str:
    first = span.key not in opened_once
    opened_once.add(span.key)
    classes = span.classes + (" empty" if empty else "")
    attributes = [f'class="{_e(classes)}"']
    if first:
        attributes.append(f'id="{_e(span.key)}"')
    attributes.append(f'data-hl="{_e(span.key)}"')
    attributes.append(f'data-detail="{_e(span.detail)}"')
    attributes.append(f'title="{_e(span.title)}"')
    if span.focusable and first:
        attributes.append('tabindex="0" role="button"')
    return f"<mark {' '.join(attributes)}>"


# --------------------------------------------------------------------------------------------------- the page


class _Page:
    def __init__(self, report: Report, documents: dict[str, Document]) -> None:
        self.report = report
        self.documents = documents
        self.doc_index = {entry.id: index for index, entry in enumerate(report.documents)}
        self.claim_keys: dict[str, str] = {}
        self.claims: dict[str, Claim] = {}
        for d, entry in enumerate(report.documents):
            for n, claim in enumerate(entry.claims):
                self.claim_keys.setdefault(claim.id, f"c{d}-{n}")
                self.claims.setdefault(claim.id, claim)
        self.findings_by_claim: dict[str, list[int]] = {}
        for i, finding in enumerate(report.findings):
            for claim_id in finding.claims:
                self.findings_by_claim.setdefault(claim_id, []).append(i)
        self.counts = self.finding_counts()

    # --- whole page

    def title(self) -> str:
        summary = self.report.summary
        return (f"factcheck report: {_plural(summary.documents, 'document')}, {_plural(summary.claims, 'claim')}, "
                f"{_plural(summary.findings, 'finding')}")

    def body(self) -> str:
        parts = [
            self.header(),
            '<main class="wrap">',
            self.legend(),
            self.findings_table(),
            self.errors(),
            self.document_index(),
            '<section id="documents" aria-label="Articles">',
            *(self.document(d, entry) for d, entry in enumerate(self.report.documents)),
            "</section>",
            f'<footer>Generated by {_e(self.report.tool.name)} {_e(self.report.tool.version)} '
            f'&middot; {_e(self.report.schema_)}</footer>',
            "</main>",
            self.panel(),
            self.details(),
        ]
        return "\n".join(part for part in parts if part)

    # --- summary header

    def header(self) -> str:
        summary = self.report.summary
        cards = [
            _card(summary.documents, "documents", "documents"),
            _card(summary.claims, "claims", "claims"),
            _card(summary.findings, "findings", "findings"),
        ]
        for severity in SEVERITY_ORDER:
            count = summary.by_severity.get(severity.value, 0)
            cards.append(_card(count, severity.value, f"sev-{severity.value}" + (" zero" if not count else ""),
                               name=f"severity-{severity.value}"))
        for extra in sorted(set(summary.by_severity) - {s.value for s in SEVERITY_ORDER}):
            cards.append(_card(summary.by_severity[extra], extra, "other"))
        if summary.errors:
            cards.append(_card(summary.errors, "unreadable", "sev-error", name="errors"))
        for field, label in (("suppressed", "suppressed"), ("baselined", "baselined")):
            count = getattr(summary, field, 0)
            if count:
                cards.append(_card(count, label, "zero", name=field))
        return (
            '<header class="top"><div class="wrap">'
            '<div class="brand"><h1>factcheck report</h1>'
            f'<div class="sub">{_e(self.report.tool.name)} {_e(self.report.tool.version)} &middot; '
            f'{_e(self.report.schema_)}</div></div>'
            f'<div class="cards" id="summary">{"".join(cards)}</div>'
            "</div></header>"
        )

    def legend(self) -> str:
        kinds = [k for k in QuantityKind]
        claim_samples = "".join(
            f'<mark class="hl claim sample k-{k.value}">{_e(_KIND_LABELS[k])}</mark>' for k in kinds)
        severity_samples = "".join(
            f'<mark class="hl finding sample sev-{s.value}">{_e(s.value)}</mark>' for s in SEVERITY_ORDER)
        related = '<mark class="hl finding related sample sev-warning">other location</mark>'
        return (
            '<section id="legend" class="panel-box legend" aria-label="Legend">'
            f'<div class="group"><b>Claims</b>{claim_samples}</div>'
            f'<div class="group"><b>Findings</b>{severity_samples}{related}</div>'
            '<div class="hint">Hover a highlight for its message; click it for the details and the trace. '
            "Click a column header to sort the findings.</div>"
            "</section>"
        )

    # --- findings table

    def findings_table(self) -> str:
        findings = self.report.findings
        if not findings:
            return ('<section id="findings"><h2>Findings</h2>'
                    '<p class="panel-box empty-note">No findings.</p></section>')
        rows = [self.finding_row(i, finding) for i, finding in enumerate(findings)]
        headers = "".join([
            _sort_header("severity", "Severity", "number"),
            _sort_header("rule", "Rule", "text"),
            _sort_header("file", "File", "text"),
            _sort_header("line", "Line", "number"),
            '<th class="plain" scope="col">Message</th>',
        ])
        return (
            f'<section id="findings"><h2>Findings <span class="count">({len(findings)})</span></h2>'
            '<div class="table-box"><table class="findings" id="fc-findings">'
            f"<thead><tr>{headers}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
        )

    def finding_row(self, i: int, finding: Finding) -> str:
        where = finding.locations[0] if finding.locations else None
        path = (where.path or where.document) if where else ""
        line = where.line if where else 0
        column = where.column if where else 0
        target = self.location_key(i, 0) if where is not None and self.has_text(where) else None
        place = f"{_e(path)}:{line}:{column}" if where else "&mdash;"
        if target:
            place = f'<a href="#{_e(target)}" data-goto="{_e(target)}" data-detail="f{i}">{place}</a>'
        severity = finding.severity.value
        return (
            f'<tr id="row-f{i}" data-index="{i}" data-severity="{_SEVERITY_RANK.get(severity, 9)}" '
            f'data-rule="{_e(finding.rule)}" data-file="{_e(path)}\t{line:09d}\t{column:09d}" data-line="{line}">'
            f'<td class="severity"><span class="badge sev-{_e(severity)}">{_e(severity)}</span></td>'
            f'<td class="rule"><code>{_e(finding.rule)}</code><span class="name">{_e(finding.name)}</span></td>'
            f'<td class="file">{place}</td>'
            f'<td class="num line">{line if where else ""}</td>'
            f'<td class="message">{_e(finding.message)}</td>'
            "</tr>"
        )

    def errors(self) -> str:
        if not self.report.errors:
            return ""
        items = "".join(f"<li><code>{_e(error.path)}</code>: {_e(error.message)}</li>" for error in self.report.errors)
        return f'<section id="errors"><h2>Unreadable inputs</h2><ul class="panel-box errors">{items}</ul></section>'

    # --- documents

    def document_index(self) -> str:
        if not self.report.documents:
            return ""
        counts = self.counts
        items = []
        for d, entry in enumerate(self.report.documents):
            found = counts.get(entry.id, 0)
            finding_text = _plural(found, "finding")
            if found:
                finding_text = f'<span class="has">{finding_text}</span>'
            items.append(
                f'<li><a href="#doc-{d}">{_e(entry.title or entry.path or entry.id)}</a>'
                f'<span class="counts">{_plural(len(entry.claims), "claim")} &middot; {finding_text}</span></li>')
        return (f'<section id="index" aria-label="Articles index"><h2>Articles ({len(self.report.documents)})</h2>'
                f'<ul class="panel-box doc-index">{"".join(items)}</ul></section>')

    def finding_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for finding in self.report.findings:
            for document_id in dict.fromkeys(location.document for location in finding.locations):
                counts[document_id] = counts.get(document_id, 0) + 1
        return counts

    def document(self, d: int, entry: DocumentReport) -> str:
        document = self.documents.get(entry.id)
        meta = [f"<span><code>{_e(entry.path or entry.id)}</code></span>"]
        if document is not None:
            meta.append(f"<span>{_e(document.format)}</span>")
        if entry.published:
            meta.append(f"<span>published {_e(entry.published.isoformat())} "
                        f"({_e(entry.published_source.value.replace('_', ' '))})</span>")
        meta.append(f"<span>{_plural(len(entry.claims), 'claim')}</span>")
        found = self.counts.get(entry.id, 0)
        meta.append(f"<span>{_plural(found, 'finding')}</span>")
        head = (f'<header><h3>{_e(entry.title or entry.id)}</h3>'
                f'<div class="docmeta">{"".join(meta)}</div></header>')
        if document is None:
            body = '<p class="missing">The article text is not available.</p>'
        else:
            spans = self.spans_for(d, entry, document)
            # The newline after <pre> is swallowed by the HTML parser, so the text's own first character survives.
            body = (f'<pre class="article fmt-{_e(document.format)}" data-document="{_e(entry.id)}">\n'
                    f"{highlight(document.text, spans)}</pre>")
        return f'<article class="doc" id="doc-{d}" data-document="{_e(entry.id)}">{head}{body}</article>'

    def has_text(self, location: Location) -> bool:
        document = self.documents.get(location.document)
        return (document is not None and location.document in self.doc_index
                and 0 <= location.start <= location.end <= len(document.text))

    def location_key(self, i: int, j: int) -> str:
        return f"f{i}-{j}"

    def spans_for(self, d: int, entry: DocumentReport, document: Document) -> list[Highlight]:
        spans = []
        for n, claim in enumerate(entry.claims):
            key = f"c{d}-{n}"
            classes = f"hl claim k-{claim.quantity.kind.value}"
            if claim.verified_by:
                classes += " verified"
            if claim.id in self.findings_by_claim:
                classes += " flagged"
            spans.append(Highlight(claim.start, claim.end, key, key, classes, self.claim_title(claim), rank=0))
        for i, finding in enumerate(self.report.findings):
            for j, location in enumerate(finding.locations):
                if location.document != entry.id or not self.has_text(location):
                    continue
                classes = f"hl finding sev-{finding.severity.value}" + (" related" if j else " primary")
                # Where spans coincide: claim outermost, then other locations, then primary locations with the
                # most severe innermost, so the strongest colour is the one seen.
                rank = (1 if j else 5) + 2 - _SEVERITY_RANK.get(finding.severity.value, 2)
                spans.append(Highlight(location.start, location.end, self.location_key(i, j), f"f{i}", classes,
                                       self.finding_title(finding, j), rank=rank, focusable=True))
        return spans

    # --- titles (hover) and details (click)

    def claim_title(self, claim: Claim) -> str:
        lines = [f"{_KIND_LABELS[claim.quantity.kind]} claim: {claim.text}"]
        facts = self.claim_facts(claim)
        lines.extend(f"{name}: {value}" for name, value in facts if name in ("value", "period", "subject", "metric"))
        for i in self.findings_by_claim.get(claim.id, ()):
            finding = self.report.findings[i]
            lines.append(f"{finding.rule} [{finding.severity.value}] {finding.message}")
        return "\n".join(lines)

    def finding_title(self, finding: Finding, j: int) -> str:
        lines = [f"{finding.rule} [{finding.severity.value}] {finding.message}"]
        if j:
            lines[0] = f"(location {j + 1} of {len(finding.locations)}) " + lines[0]
        lines.extend(f"{key}: {_trace_value(value)}" for key, value in finding.trace.items())
        return "\n".join(lines)

    def claim_facts(self, claim: Claim) -> list[tuple[str, str]]:
        quantity = claim.quantity
        facts = [("kind", _KIND_LABELS[quantity.kind])]
        value = _number(quantity.value) if quantity.value is not None else "none"
        unit = quantity.currency or quantity.unit
        if unit:
            value += f" {unit}" + (" (inferred)" if quantity.currency_inferred else "")
        facts.append(("value", value))
        if quantity.is_range or quantity.lower is not None or quantity.upper is not None:
            low = _number(quantity.lower) if quantity.lower is not None else "-inf"
            high = _number(quantity.upper) if quantity.upper is not None else "+inf"
            facts.append(("bounds", f"{low} .. {high}"))
        if quantity.approximation.value != "exact":
            facts.append(("approximation", quantity.approximation.value.replace("_", " ")))
        if quantity.precision is not None:
            facts.append(("precision", f"\u00b1{_number(quantity.precision)}"))
        if claim.period is not None:
            anchored = "" if claim.period.anchored else ", year inferred"
            facts.append(("period", f"{claim.period.label} ({claim.period.text}{anchored})"))
        if claim.subject:
            facts.append(("subject", claim.subject))
        if claim.metric:
            facts.append(("metric", claim.metric))
        if claim.modality.value != "actual":
            facts.append(("modality", claim.modality.value))
        if claim.direction.value != "none":
            facts.append(("direction", claim.direction.value))
        attribution = claim.attribution
        if attribution.kind.value != "none":
            said = " ".join(part for part in (attribution.verb, attribution.source or attribution.url) if part)
            markers = " ".join(attribution.markers)
            facts.append(("attribution", " ".join(p for p in (attribution.kind.value + ":", said, markers) if p)))
        if claim.verified_by:
            facts.append(("verified by", claim.verified_by))
        for link in claim.links:
            target = self.claims.get(link.target)
            facts.append((link.role.value.replace("_", " "), target.text if target else link.target))
        facts.append(("id", claim.id))
        return facts

    def panel(self) -> str:
        return ('<aside id="fc-panel" hidden aria-label="Details" aria-live="polite">'
                '<div class="bar"><h2>Details</h2><button type="button" class="close" aria-label="Close">&times;'
                '</button></div><div id="fc-panel-body"></div></aside>')

    def details(self) -> str:
        blocks = [self.finding_detail(i, finding) for i, finding in enumerate(self.report.findings)]
        for d, entry in enumerate(self.report.documents):
            blocks.extend(self.claim_detail(f"c{d}-{n}", claim) for n, claim in enumerate(entry.claims))
        return f'<div id="fc-details" hidden>{"".join(blocks)}</div>'

    def finding_detail(self, i: int, finding: Finding) -> str:
        severity = finding.severity.value
        locations = []
        for j, location in enumerate(finding.locations):
            place = f"{_e(location.path or location.document)}:{location.line}:{location.column}"
            if self.has_text(location):
                key = self.location_key(i, j)
                place = f'<a href="#{_e(key)}" data-goto="{_e(key)}" data-detail="f{i}">{place}</a>'
            locations.append(f'<li>{place} <span class="quote">&ldquo;{_e(location.text)}&rdquo;</span></li>')
        trace = "".join(f"<dt>{_e(key)}</dt><dd>{_e(_trace_value(value))}</dd>" for key, value in finding.trace.items())
        claims = []
        for claim_id in finding.claims:
            claim = self.claims.get(claim_id)
            key = self.claim_keys.get(claim_id)
            label = f"&ldquo;{_e(claim.text)}&rdquo; <code>{_e(claim_id)}</code>" if claim else f"<code>{_e(claim_id)}</code>"
            if key and claim and claim.document in self.documents:
                label = f'<a href="#{_e(key)}" data-goto="{_e(key)}" data-detail="{_e(key)}">{label}</a>'
            claims.append(f"<li>{label}</li>")
        parts = [
            f'<div class="detail finding-detail" id="detail-f{i}" data-finding="{i}" hidden>',
            f'<div class="head"><span class="badge sev-{_e(severity)}">{_e(severity)}</span>'
            f'<code>{_e(finding.rule)}</code><span class="name">{_e(finding.name)} &middot; '
            f"{_e(finding.category.value.replace('_', ' '))}</span></div>",
            f'<p class="message">{_e(finding.message)}</p>',
        ]
        if locations:
            parts.append(f"<h4>Where</h4><ul>{''.join(locations)}</ul>")
        if trace:
            parts.append(f'<h4>Trace</h4><dl class="trace">{trace}</dl>')
        if claims:
            parts.append(f"<h4>Claims</h4><ul>{''.join(claims)}</ul>")
        parts.append(f'<h4>Fingerprint</h4><div class="mono">{_e(finding.fingerprint)}</div></div>')
        return "".join(parts)

    def claim_detail(self, key: str, claim: Claim) -> str:
        kind = claim.quantity.kind.value
        facts = "".join(f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>" for name, value in self.claim_facts(claim))
        parts = [
            f'<div class="detail claim-detail" id="detail-{_e(key)}" hidden>',
            f'<div class="head"><span class="kind-chip k-{_e(kind)}">{_e(_KIND_LABELS[claim.quantity.kind])}'
            f'</span><span class="quote">&ldquo;{_e(claim.text)}&rdquo;</span></div>',
            f"<h4>Claim</h4><dl>{facts}</dl>",
        ]
        flagged = self.findings_by_claim.get(claim.id, ())
        if flagged:
            items = []
            for i in flagged:
                finding = self.report.findings[i]
                head = f'<span class="badge sev-{_e(finding.severity.value)}">{_e(finding.severity.value)}</span> ' \
                       f"<code>{_e(finding.rule)}</code> {_e(finding.message)}"
                target = self.location_key(i, 0) if finding.locations and self.has_text(finding.locations[0]) else None
                if target:
                    head = f'<a href="#{_e(target)}" data-goto="{_e(target)}" data-detail="f{i}">{head}</a>'
                items.append(f"<li>{head}</li>")
            parts.append(f"<h4>Findings</h4><ul>{''.join(items)}</ul>")
        parts.append("</div>")
        return "".join(parts)


# -------------------------------------------------------------------------------------------------- helpers


def _card(count: int, label: str, classes: str, *, name: str | None = None) -> str:
    return (f'<div class="card {_e(classes)}" data-summary="{_e(name or label)}">'
            f'<span class="n">{count}</span><span class="l">{_e(label)}</span></div>')


def _sort_header(column: str, label: str, kind: str) -> str:
    return (f'<th scope="col" data-sort="{column}" data-type="{kind}"><button type="button">{_e(label)}'
            f'<span class="arrow" aria-hidden="true"></span></button></th>')


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _number(value: float) -> str:
    if math.isfinite(value) and value == int(value) and abs(value) < 1e18:
        return f"{int(value):,}"
    return f"{value:,.6g}"


def _trace_value(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, float):
        return _number(value)
    if value is None:
        return "none"
    return str(value)
