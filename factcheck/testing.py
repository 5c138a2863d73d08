"""The harness that runs a rule's own examples; plugin authors use it for their rules too."""

from __future__ import annotations

from datetime import date

from . import engine
from .extract import extract_claims
from .ingest import from_text
from .models import Finding
from .references import ReferenceFigure
from .rulebook import OkExample, Rule

EXAMPLE_PUBLISHED = date(2026, 1, 15)
"""Publication date of examples that give none, so periods resolve the same way every run."""


def run_example(rule: Rule, example: OkExample) -> list[Finding]:
    """The findings of one rule on one example (its articles are named a, b, c ...), as the engine reports them."""
    documents = [from_text(article.text, fmt=article.format, published=article.published or EXAMPLE_PUBLISHED,
                           document_id="example" if len(example.articles()) == 1 else chr(ord("a") + index))
                 for index, article in enumerate(example.articles())]
    references = [ReferenceFigure.model_validate(entry) for entry in example.references]
    return engine.run([rule], documents, {document.id: extract_claims(document) for document in documents},
                      references=references)


def landing_texts(findings: list[Finding]) -> list[str]:
    """The text each finding lands on: its first location."""
    return [finding.locations[0].text for finding in findings if finding.locations]
