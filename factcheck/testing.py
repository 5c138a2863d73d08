"""The harness that runs a rule's own examples; plugin authors use it for their rules too."""

from __future__ import annotations

from datetime import date

from . import engine
from .extract import extract_claims
from .ingest import from_text
from .models import Finding
from .rulebook import Rule

EXAMPLE_PUBLISHED = date(2026, 1, 15)
"""Publication date of examples that give none, so periods resolve the same way every run."""


def run_example(rule: Rule, text: str, *, published: date | None = None, fmt: str = "text") -> list[Finding]:
    """The findings of one rule on one example text, as the engine reports them."""
    document = from_text(text, fmt=fmt, published=published or EXAMPLE_PUBLISHED, document_id="example")
    return engine.run([rule], [document], {document.id: extract_claims(document)})


def landing_texts(findings: list[Finding]) -> list[str]:
    """The text each finding lands on: its first location."""
    return [finding.locations[0].text for finding in findings if finding.locations]
