"""The claim store: one SQLite file holding indexed articles' claims, looked up by (subject, metric, period).

Re-indexing a changed document replaces its claims (document id + content hash); unchanged documents are
skipped. Each document is written in its own transaction, so an interrupted run loses nothing committed, and
WAL mode lets readers check drafts while an index runs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .keys import Aliases, FigureKey, default_aliases, figure_key
from .models import Claim, Document, Location
from .segment import line_and_column, line_starts

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, path TEXT, content_hash TEXT NOT NULL, published TEXT, indexed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS claims (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    claim_id TEXT NOT NULL,
    subject TEXT NOT NULL, metric TEXT NOT NULL, period TEXT NOT NULL, measure TEXT NOT NULL,
    line INTEGER NOT NULL, col INTEGER NOT NULL, end_line INTEGER NOT NULL, end_col INTEGER NOT NULL,
    claim TEXT NOT NULL,
    PRIMARY KEY (document_id, claim_id)
);
CREATE INDEX IF NOT EXISTS claims_by_figure ON claims (subject, metric, period);
"""


@dataclass(frozen=True)
class ArchivedClaim:
    claim: Claim
    location: Location
    published: date | None


@dataclass(frozen=True)
class IndexStats:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    claims: int = 0

    def counted(self, outcome: str, claims: int) -> IndexStats:
        return IndexStats(self.added + (outcome == ADDED), self.replaced + (outcome == REPLACED),
                          self.unchanged + (outcome == UNCHANGED), self.claims + claims)


ADDED, REPLACED, UNCHANGED = "added", "replaced", "unchanged"


@dataclass(frozen=True)
class PreparedDocument:
    """What the store keeps of one document, built where the document was read (a worker process can build it,
    so the writer only writes)."""

    id: str
    path: str | None
    content_hash: str
    published: str | None
    rows: Iterable[tuple]
    """One row per keyed claim, in the column order of the claims table."""


def prepare(document: Document, claims: Sequence[Claim], aliases: Aliases) -> PreparedDocument:
    starts = line_starts(document.text)
    rows = []
    for claim in claims:
        key = figure_key(claim, aliases)
        if key is None:
            continue
        line, column = line_and_column(starts, claim.start)
        end_line, end_column = line_and_column(starts, claim.end)
        rows.append((document.id, claim.id, key.subject, key.metric, key.period, key.measure, line, column,
                     end_line, end_column, claim.model_dump_json()))
    return PreparedDocument(document.id, document.path, document.content_hash,
                            document.published.isoformat() if document.published else None, tuple(rows))


class ClaimStore:
    """A claim store on disk. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path, *, aliases: Aliases | None = None, readonly: bool = False) -> None:
        """``readonly`` opens an existing store for lookups without ever taking a write lock, so checks run
        while an index is being written."""
        self.path = Path(path)
        self.aliases = aliases or default_aliases()
        if readonly:
            self._connection = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=30.0,
                                               isolation_level=None)
            return
        self._connection = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute("PRAGMA foreign_keys=ON")
        self._connection.execute("PRAGMA synchronous=NORMAL")
        self._connection.executescript(_SCHEMA)
        self._connection.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def __enter__(self) -> ClaimStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._connection.close()

    # -- writing ----------------------------------------------------------------------------------------

    def index(self, documents: Iterable[tuple[Document, Sequence[Claim]]]) -> IndexStats:
        stats, known = IndexStats(), self.content_hashes()
        for document, claims in documents:
            if known.get(document.id) == document.content_hash:
                stats = stats.counted(UNCHANGED, 0)
                continue
            prepared = prepare(document, claims, self.aliases)
            stats = stats.counted(self.add(prepared, replace=document.id in known), len(prepared.rows))
            known[document.id] = document.content_hash
        return stats

    def content_hashes(self) -> dict[str, str]:
        """Every indexed document's content hash by id: what a reader needs to skip unchanged documents."""
        return dict(self._connection.execute("SELECT id, content_hash FROM documents"))

    def add(self, document: PreparedDocument, *, replace: bool) -> str:
        """Write one document's claims in one transaction, replacing what the store held under its id."""
        connection = self._connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            if replace:
                connection.execute("DELETE FROM documents WHERE id = ?", (document.id,))
            connection.execute("INSERT INTO documents VALUES (?, ?, ?, ?, datetime('now'))",
                               (document.id, document.path, document.content_hash, document.published))
            connection.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", document.rows)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return REPLACED if replace else ADDED

    # -- reading ----------------------------------------------------------------------------------------

    def lookup(self, key: FigureKey) -> list[ArchivedClaim]:
        """Every stored claim about the same figure, in any measure (currencies and units convert later)."""
        rows = self._connection.execute(
            "SELECT c.claim, c.line, c.col, c.end_line, c.end_col, d.path, d.published FROM claims c "
            "JOIN documents d ON d.id = c.document_id WHERE c.subject = ? AND c.metric = ? AND c.period = ? "
            "ORDER BY d.published, c.document_id, c.claim_id", key.as_row()).fetchall()
        return [self._archived(row) for row in rows]

    @staticmethod
    def _archived(row: tuple) -> ArchivedClaim:
        claim = Claim.model_validate_json(row[0])
        location = Location(document=claim.document, path=row[5], start=claim.start, end=claim.end, line=row[1],
                            column=row[2], end_line=row[3], end_column=row[4], text=claim.text)
        return ArchivedClaim(claim, location, date.fromisoformat(row[6]) if row[6] else None)

    def counts(self) -> tuple[int, int]:
        """(documents, claims) in the store."""
        documents = self._connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        claims = self._connection.execute("SELECT count(*) FROM claims").fetchone()[0]
        return documents, claims
