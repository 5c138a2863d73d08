"""Running the pipeline over many inputs: each file is read on its own, so one bad file never stops the rest."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple
from datetime import date
from pathlib import Path

from pydantic_core import to_json

from . import engine
from .config import Config, configured_rules
from .errors import ConfigError, InputError
from .keys import Aliases, default_aliases, with_extra
from .references import load_references, match
from .store import UNCHANGED, ClaimStore, IndexStats, PreparedDocument, prepare
from .suppress import filter_findings
from .extract import extract_claims, preload
from .ingest import iter_paths, load
from .models import Claim, Document, InputError as InputErrorRecord, Report
from .report import build_report
from .rulebook import Rule

if TYPE_CHECKING:
    import multiprocessing.pool


@dataclass
class Extraction:
    documents: list[Document] = field(default_factory=list)
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    errors: list[InputErrorRecord] = field(default_factory=list)


def extract_paths(paths: Iterable[str | Path | Document], *, published: date | None = None,
                  progress: Callable[[str], None] | None = None, jobs: int = 1) -> Extraction:
    """Documents and their claims; a file that cannot be read is recorded as an error and skipped.

    With ``jobs`` > 1 the files are read in worker processes; results are merged in input order, so the output
    is the same whatever the number of jobs."""
    result = Extraction()
    sources = list(_sources(paths))
    for source, (document, claims, error) in zip(sources, _read_all(sources, published, jobs), strict=True):
        if progress is not None:
            progress(str(source))
        if error is not None:
            result.errors.append(error)
            continue
        unique = _unique_id(document, result.claims)
        result.documents.append(unique)
        result.claims[unique.id] = claims if unique is document else _renamed(claims, document.id, unique.id)
    return result


_Read = tuple[Document | None, list[Claim] | None, InputErrorRecord | None]


def _read_one(job: tuple[Path | Document, date | None], skip: Callable[[Document], bool] | None = None) -> _Read:
    """The document and its claims; no claims when ``skip`` says the document needs no extraction."""
    source, published = job
    try:
        document = source if isinstance(source, Document) else load(source, published=published)
    except InputError as error:
        return None, None, InputErrorRecord(path=str(source), message=str(error))
    if skip is not None and skip(document):
        return document, None, None
    return document, extract_claims(document), None


def _read_all(sources: list[Path | Document], published: date | None, jobs: int) -> Iterable[_Read]:
    work = [(source, published) for source in sources]
    if jobs <= 1 or len(work) < _PARALLEL_MIN_FILES:
        return map(_read_one, work)
    with _worker_pool(jobs) as pool:
        return pool.map(_read_one, work, chunksize=max(1, len(work) // (jobs * 8)))


_PARALLEL_MIN_FILES = 8
"""Below this many files, starting worker processes costs more than it saves."""


def _worker_pool(jobs: int, **options: Any) -> multiprocessing.pool.Pool:
    """A pool of ``jobs`` worker processes. Forked workers share what this process has loaded, so the lexicons,
    period grammar and unit registry are loaded here first rather than once in every worker."""
    import multiprocessing

    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":
        preload()
    return context.Pool(jobs, **options)


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
              rules: Iterable[Rule] | None = None, config: Config | None = None,
              progress: Callable[[str], None] | None = None, jobs: int = 1) -> CheckRun:
    config = config or Config()
    chosen = list(rules) if rules is not None else configured_rules(config)
    aliases = with_extra(config.aliases) if config.aliases else default_aliases()
    references = load_references(config.references) if config.references else []
    result = extract_paths(sources, published=config.published, progress=progress, jobs=jobs)
    with _archive(config, aliases) as archive:
        findings = engine.run(chosen, result.documents, result.claims, archive=archive, aliases=aliases,
                              references=references)
    claims = _verified(result.claims, references, aliases) if references else result.claims
    kept = filter_findings(findings, result.documents, config)
    report = build_report(result.documents, claims, kept.findings, result.errors, suppressed=kept.suppressed,
                          baselined=kept.baselined, stale_baseline=kept.stale_baseline)
    return CheckRun(report, {document.id: document for document in result.documents})


@contextmanager
def _archive(config: Config, aliases: Aliases) -> Iterator[ClaimStore | None]:
    if config.store is None:
        yield None
        return
    if not Path(config.store).is_file():
        raise ConfigError(f"{config.store}: no claim store here; create one with `factcheck index`")
    with ClaimStore(config.store, aliases=aliases, readonly=True) as store:
        yield store


def _verified(claims: dict[str, list[Claim]], references, aliases: Aliases) -> dict[str, list[Claim]]:
    """Claims that agree with a reference figure carry its source."""
    verified = {}
    for document_id, document_claims in claims.items():
        verified[document_id] = [
            claim.model_copy(update={"verified_by": found[0].source})
            if (found := match(claim, references, aliases)) is not None and found[1] else claim
            for claim in document_claims
        ]
    return verified


def index_paths(paths: Iterable[str | Path], store_path: str | Path, *, published: date | None = None,
                aliases: Aliases | None = None, jobs: int = 1) -> tuple[IndexStats, list[InputErrorRecord]]:
    """Add articles' claims to a claim store; unchanged documents are skipped, changed ones replaced.

    Readers (``jobs`` worker processes, or this one) load, extract and prepare each document's rows, and skip
    extraction for content the store already holds; this process gives each document its id (as
    `extract_paths` does) and writes it as its turn comes, in input order, so the store ends up the same
    whatever the number of jobs."""
    sources = list(_sources(paths))
    errors: list[InputErrorRecord] = []
    with ClaimStore(store_path, aliases=aliases) as store:
        job = _IndexJob(published, store.content_hashes(), store.aliases)
        stats, seen = IndexStats(), set()
        for source, read in zip(sources, _run_index_job(job, sources, jobs), strict=True):
            if isinstance(read, InputErrorRecord):
                errors.append(read)
                continue
            read = job.settled(source, read, _unique_name(read.id, read.path, seen) if read.id in seen else read.id)
            seen.add(read.id)
            if isinstance(read, _Unchanged):
                stats = stats.counted(UNCHANGED, 0)
                continue
            stats = stats.counted(store.add(read, replace=read.id in job.known), len(read.rows))
    return stats, errors


class _Unchanged(NamedTuple):
    id: str
    path: str | None
    content_hash: str


@dataclass(frozen=True)
class _IndexJob:
    """What a reader needs to prepare documents for the store: sent once to each worker process."""

    published: date | None
    known: dict[str, str]
    """Content hash of every document the store holds, by id."""
    aliases: Aliases

    def __call__(self, source: Path | Document) -> PreparedDocument | _Unchanged | InputErrorRecord:
        document, claims, error = _read_one((source, self.published), skip=self._maybe_unchanged)
        if error is not None:
            return error
        if claims is None:
            return _Unchanged(document.id, document.path, document.content_hash)
        return prepare(document, claims, self.aliases)

    def _maybe_unchanged(self, document: Document) -> bool:
        """Held unchanged under the id the document will get: its own, or its path when its own is taken."""
        return document.content_hash in (self.known.get(document.id), self.known.get(document.path))

    def settled(self, source: Path | Document, read: PreparedDocument | _Unchanged,
                final_id: str) -> PreparedDocument | _Unchanged:
        """``read`` under the id this run gives it, unchanged only when the store holds it under that id."""
        if self.known.get(final_id) == read.content_hash:
            return _Unchanged(final_id, read.path, read.content_hash)
        if isinstance(read, _Unchanged):
            document, claims, _ = _read_one((source, self.published))
            read = prepare(document, claims, self.aliases)
        return read if final_id == read.id else _moved(read, final_id)


def _moved(read: PreparedDocument, new_id: str) -> PreparedDocument:
    """The rows under the document's new id, renamed in their JSON as `_renamed` renames claims. A JSON string
    cannot hold an unescaped quote, so a key followed by the old id in quotes is that key's value and nothing
    else; the writer process then renames in microseconds instead of parsing and dumping every claim again."""
    old, new = to_json(read.id).decode(), to_json(new_id).decode()
    renames = [(f'"{key}":{old[:-1]}#', f'"{key}":{new[:-1]}#') for key in ("id", "target")]
    renames.append((f'"document":{old}', f'"document":{new}'))

    def renamed(claim_json: str) -> str:
        for before, after in renames:
            claim_json = claim_json.replace(before, after)
        return claim_json

    rows = tuple((new_id, new_id + row[1][len(read.id):], *row[2:-1], renamed(row[-1])) for row in read.rows)
    return dataclasses.replace(read, id=new_id, rows=rows)


_WORKER_JOB: _IndexJob | None = None


def _start_worker(job: _IndexJob) -> None:
    global _WORKER_JOB
    _WORKER_JOB = job


def _in_worker(source: Path | Document) -> PreparedDocument | _Unchanged | InputErrorRecord:
    return _WORKER_JOB(source)


def _run_index_job(job: _IndexJob, sources: list[Path | Document], jobs: int) -> Iterator:
    """Each source's prepared document, in input order, streamed so that writing overlaps reading."""
    if jobs <= 1 or len(sources) < _PARALLEL_MIN_FILES:
        yield from map(job, sources)
        return
    with _worker_pool(jobs, initializer=_start_worker, initargs=(job,)) as pool:
        yield from pool.imap(_in_worker, sources, chunksize=max(1, len(sources) // (jobs * 16)))


def _renamed(claims: list[Claim], old: str, new: str) -> list[Claim]:
    """Claims moved to their document's new id: claim ids and link targets start with the document id."""
    def moved(identifier: str) -> str:
        return new + identifier[len(old):]

    return [claim.model_copy(update={
        "id": moved(claim.id), "document": new,
        "links": tuple(link.model_copy(update={"target": moved(link.target)}) for link in claim.links),
    }) for claim in claims]


def _unique_id(document: Document, seen: Collection[str]) -> Document:
    """Two files may share a stem ('a/x.md', 'b/x.md'); the second gets its path as id so ids stay unique."""
    if document.id not in seen:
        return document
    return document.model_copy(update={"id": _unique_name(document.id, document.path, seen)})


def _unique_name(taken: str, path: str | None, seen: Collection[str]) -> str:
    return path or f"{taken}-{len(seen)}"
