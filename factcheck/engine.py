"""Running rules over claims: slice claims by each kind's scope, collect violations, turn them into findings.

A check that raises becomes an FC900 finding naming the rule and the document; the run goes on.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from .checks import CheckContext, Scope, Violation
from .checks.base import Archive
from .keys import Aliases, default_aliases
from .references import ReferenceFigure
from .lexicon import lexicon
from .models import Category, Claim, Document, Finding, Location, Severity
from .rulebook import Rule
from .segment import line_and_column, line_starts

CRASH_CODE = "FC900"
CRASH_SLUG = "rule-crashed"


def run(rules: Sequence[Rule], documents: Sequence[Document], claims: dict[str, list[Claim]], *,
        archive: Archive | None = None, aliases: Aliases | None = None,
        references: Sequence[ReferenceFigure] = ()) -> list[Finding]:
    context = CheckContext({document.id: document for document in documents}, lexicon(),
                           aliases or default_aliases(), archive, tuple(references))
    locator = _Locator(context.documents)
    findings: list[Finding] = []
    slices: dict[Scope, list[tuple[list[Claim], str | None]]] = {}
    for rule in rules:
        scope = rule.check.scope
        if scope not in slices:
            slices[scope] = list(_slices(scope, documents, claims))
        for scope_claims, document_id in slices[scope]:
            try:
                violations = list(rule.check.run(scope_claims, context, rule.options))
            except Exception as error:  # noqa: BLE001 - a broken check must not stop the run
                findings.append(_crash(rule, document_id, error, locator))
                continue
            findings.extend(_finding(rule, violation, locator) for violation in violations)
    return _unique_fingerprints(findings)


def _slices(scope: Scope, documents: Sequence[Document],
            claims: dict[str, list[Claim]]) -> Iterator[tuple[list[Claim], str | None]]:
    if scope is Scope.corpus:
        yield [claim for document in documents for claim in claims.get(document.id, [])], None
        return
    for document in documents:
        document_claims = claims.get(document.id, [])
        if scope is Scope.document:
            yield document_claims, document.id
            continue
        groups: dict[tuple[int, int], list[Claim]] = defaultdict(list)
        for claim in document_claims:
            span = claim.sentence if scope is Scope.sentence else claim.paragraph
            groups[(span.start, span.end)].append(claim)
        for group in groups.values():
            yield group, document.id


class _Locator:
    """Offsets to line and column, with each document's line index built once."""

    def __init__(self, documents: dict[str, Document]) -> None:
        self.documents = documents
        self._starts: dict[str, list[int]] = {}

    def location(self, document_id: str, start: int, end: int) -> Location:
        document = self.documents[document_id]
        if document_id not in self._starts:
            self._starts[document_id] = line_starts(document.text)
        starts = self._starts[document_id]
        line, column = line_and_column(starts, start)
        end_line, end_column = line_and_column(starts, end)
        return Location(document=document_id, path=document.path, start=start, end=end, line=line, column=column,
                        end_line=end_line, end_column=end_column, text=document.text[start:end])


def _finding(rule: Rule, violation: Violation, locator: _Locator) -> Finding:
    spec = rule.spec
    locations = [locator.location(claim.document, claim.start, claim.end) for claim in violation.claims]
    locations.extend(locator.location(document, start, end) for document, start, end in violation.extra_locations)
    locations.extend(violation.archived_locations)
    primary = violation.claims[0]
    return Finding(
        rule=spec.code,
        name=spec.slug,
        category=spec.category,
        severity=spec.severity,
        message=spec.message.format(**violation.values),
        locations=tuple(locations),
        claims=tuple(claim.id for claim in violation.claims),
        fingerprint=fingerprint(spec.code, primary.document, violation.key),
        trace={key: value for key, value in violation.trace.items() if value is not None},
    )


def fingerprint(code: str, document_id: str, key: str) -> str:
    """Stable across edits elsewhere in the file: rule, document and what the claim says, never line numbers."""
    return hashlib.sha256(f"{code}\x1f{document_id}\x1f{key}".encode()).hexdigest()[:20]


def _crash(rule: Rule, document_id: str | None, error: Exception, locator: _Locator) -> Finding:
    where = document_id or "the corpus"
    locations = (locator.location(document_id, 0, 0),) if document_id else ()
    return Finding(
        rule=CRASH_CODE,
        name=CRASH_SLUG,
        category=Category.engine,
        severity=Severity.error,
        message=f"Rule {rule.code} ({rule.spec.slug}) crashed on {where}: {type(error).__name__}: {error}",
        locations=locations,
        fingerprint=fingerprint(CRASH_CODE, document_id or "", f"{rule.code}|{type(error).__name__}"),
        trace={"rule": rule.code, "error": f"{type(error).__name__}: {error}"},
    )


def _unique_fingerprints(findings: Iterable[Finding]) -> list[Finding]:
    """The findings in text order; two with one fingerprint (the same claim text twice) get an occurrence suffix,
    in that order."""
    seen: dict[str, int] = defaultdict(int)
    unique = []
    for finding in _ordered(findings):
        seen[finding.fingerprint] += 1
        count = seen[finding.fingerprint]
        unique.append(finding if count == 1 else finding.model_copy(
            update={"fingerprint": f"{finding.fingerprint}:{count}"}))
    return unique


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    def position(finding: Finding) -> tuple:
        first = finding.locations[0] if finding.locations else None
        return (first.path or first.document, first.start, finding.rule) if first else ("", 0, finding.rule)

    return sorted(findings, key=position)
