"""Reports: the one Report model, assembled from a run, and rendered by one module per format."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..__about__ import __version__
from ..models import Claim, Document, DocumentReport, Finding, InputError, Report, Summary, Tool


def build_report(documents: Iterable[Document], claims: dict[str, list[Claim]],
                 findings: Iterable[Finding] = (), errors: Iterable[InputError] = (), *, suppressed: int = 0,
                 baselined: int = 0, stale_baseline: int = 0) -> Report:
    documents, findings, errors = list(documents), list(findings), list(errors)
    entries = tuple(
        DocumentReport(id=d.id, path=d.path, title=d.title, published=d.published,
                       published_source=d.published_source, content_hash=d.content_hash,
                       claims=tuple(claims.get(d.id, ())))
        for d in documents
    )
    severities = Counter(finding.severity.value for finding in findings)
    summary = Summary(documents=len(entries), claims=sum(len(e.claims) for e in entries), findings=len(findings),
                      errors=len(errors), by_severity=dict(sorted(severities.items())), suppressed=suppressed,
                      baselined=baselined, stale_baseline=stale_baseline)
    return Report(tool=Tool(version=__version__), documents=entries, findings=tuple(findings), errors=tuple(errors),
                  summary=summary)
