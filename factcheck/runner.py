"""Running the pipeline over many inputs: each file is read on its own, so one bad file never stops the rest."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import InputError
from .extract import extract_claims
from .ingest import iter_paths, load
from .models import Claim, Document, InputError as InputErrorRecord


@dataclass
class Extraction:
    documents: list[Document] = field(default_factory=list)
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    errors: list[InputErrorRecord] = field(default_factory=list)


def extract_paths(paths: Iterable[str | Path], *, published: date | None = None) -> Extraction:
    result = Extraction()
    for path in iter_paths(paths):
        try:
            document = load(path, published=published)
        except InputError as error:
            result.errors.append(InputErrorRecord(path=str(path), message=str(error)))
            continue
        document = _unique_id(document, result.claims)
        result.documents.append(document)
        result.claims[document.id] = extract_claims(document)
    return result


def _unique_id(document: Document, seen: dict[str, list[Claim]]) -> Document:
    """Two files may share a stem ('a/x.md', 'b/x.md'); the second gets its path as id so ids stay unique."""
    if document.id not in seen:
        return document
    return document.model_copy(update={"id": document.path or f"{document.id}-{len(seen)}"})
