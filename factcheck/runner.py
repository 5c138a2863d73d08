"""Running the pipeline over many inputs: each file is read on its own, so one bad file never stops the rest."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import engine
from .config import Config, configured_rules
from .errors import InputError
from .extract import extract_claims
from .ingest import iter_paths, load
from .models import Claim, Document, InputError as InputErrorRecord, Report
from .report import build_report
from .rulebook import Rule


@dataclass
class Extraction:
    documents: list[Document] = field(default_factory=list)
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    errors: list[InputErrorRecord] = field(default_factory=list)


def extract_paths(paths: Iterable[str | Path | Document], *, published: date | None = None) -> Extraction:
    """Documents and their claims; a file that cannot be read is recorded as an error and skipped."""
    result = Extraction()
    for source in _sources(paths):
        try:
            document = source if isinstance(source, Document) else load(source, published=published)
        except InputError as error:
            result.errors.append(InputErrorRecord(path=str(source), message=str(error)))
            continue
        document = _unique_id(document, result.claims)
        result.documents.append(document)
        result.claims[document.id] = extract_claims(document)
    return result


def _sources(items: Iterable[str | Path | Document]) -> Iterable[Path | Document]:
    for item in [items] if isinstance(items, (str, Path, Document)) else items:
        if isinstance(item, Document):
            yield item
        else:
            yield from iter_paths([item])


@dataclass(frozen=True)
class CheckRun:
    """A finished check: the report, and the documents it was made from (for formats that quote the text)."""

    report: Report
    documents: dict[str, Document]


def check(sources: Iterable[str | Path | Document] | str | Path | Document, *,
          rules: Iterable[Rule] | None = None, config: Config | None = None) -> Report:
    """Extract every source's claims, run the rules, and return the report (`factcheck-report/1`)."""
    return run_check(sources, rules=rules, config=config).report


def run_check(sources: Iterable[str | Path | Document] | str | Path | Document, *,
              rules: Iterable[Rule] | None = None, config: Config | None = None) -> CheckRun:
    config = config or Config()
    chosen = list(rules) if rules is not None else configured_rules(config)
    result = extract_paths(sources, published=config.published)
    findings = engine.run(chosen, result.documents, result.claims)
    report = build_report(result.documents, result.claims, findings, result.errors)
    return CheckRun(report, {document.id: document for document in result.documents})


def _unique_id(document: Document, seen: dict[str, list[Claim]]) -> Document:
    """Two files may share a stem ('a/x.md', 'b/x.md'); the second gets its path as id so ids stay unique."""
    if document.id not in seen:
        return document
    return document.model_copy(update={"id": document.path or f"{document.id}-{len(seen)}"})
