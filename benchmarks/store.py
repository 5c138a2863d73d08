"""Claim store: indexing throughput and the latency of checking one article against stores of growing size.

    python benchmarks/store.py [--sizes 10000 100000 1000000]

Synthetic archives are built by replicating real claims with new subjects (so keys spread like a real archive);
the draft is a seed article. Targets: >= 500 articles indexed per second; one article against 1,000,000 claims in
under 20 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from factcheck import engine
from factcheck.config import Config, configured_rules
from factcheck.extract import extract_claims
from factcheck.ingest import iter_paths, load
from factcheck.keys import default_aliases, figure_key
from factcheck.runner import index_paths
from factcheck.store import ClaimStore

ROOT = Path(__file__).resolve().parents[1]
INDEX_COPIES = 12


def articles():
    return [load(path) for path in iter_paths([ROOT / "seeds", ROOT / "tests" / "corpus"])]


def index_rate(folder: Path, base) -> float:
    """Articles per second, extraction included, each article written in its own transaction."""
    copies = [document.model_copy(update={"id": f"{document.id}-{n}", "content_hash": f"{document.content_hash}{n}"})
              for n in range(12) for document in base]
    started = time.perf_counter()
    with ClaimStore(folder / "index.db") as store:
        store.index((document, extract_claims(document)) for document in copies)
    return len(copies) / (time.perf_counter() - started)


def index_files_rate(folder: Path, jobs: int) -> tuple[float, float]:
    """Articles per second through ``factcheck index`` (reading files, extraction, writing), with ``jobs``
    worker processes, over copies of the seed and corpus files: a first run, then a second over the unchanged
    files (which the store skips without extracting them)."""
    sources = list(iter_paths([ROOT / "seeds", ROOT / "tests" / "corpus"]))
    archive = folder / f"files-{jobs}"
    for copy in range(INDEX_COPIES):
        target = archive / str(copy)
        target.mkdir(parents=True)
        for source in sources:
            shutil.copy(source, target / source.name)
    rates = []
    for _ in ("first", "again"):
        started = time.perf_counter()
        stats, errors = index_paths([archive], folder / f"files-{jobs}.db", jobs=jobs)
        elapsed = time.perf_counter() - started
        if errors:
            raise SystemExit(f"benchmark input failed: {errors[0]}")
        rates.append((stats.added + stats.replaced + stats.unchanged) / elapsed)
    return rates[0], rates[1]


def synthetic_store(path: Path, size: int, base) -> None:
    """Fill a store with ``size`` keyed claims by bulk insert: replicas of real claims under new subjects."""
    with ClaimStore(path):
        pass
    rows = []
    aliases = default_aliases()
    templates = [(document, claim) for document in base for claim in extract_claims(document)
                 if figure_key(claim, aliases) is not None]
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO documents VALUES ('synthetic', NULL, 'x', '2025-01-01', datetime('now'))")
    for number in range(size):
        document, claim = templates[number % len(templates)]
        key = figure_key(claim, aliases)
        rows.append(("synthetic", f"s#{number}", f"{key.subject}-{number // len(templates)}", key.metric,
                     key.period, key.measure, 1, 1, 1, 2, claim.model_dump_json()))
        if len(rows) == 50_000:
            connection.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            rows.clear()
    connection.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    connection.commit()
    connection.close()


def draft_latency(path: Path, draft) -> float:
    """Milliseconds to check one extracted article's claims against the store with the cross-article rules."""
    rules = configured_rules(Config(select=("cross",)))
    claims = {draft.id: extract_claims(draft)}
    timings = []
    for _ in range(5):
        with ClaimStore(path, readonly=True) as store:
            started = time.perf_counter()
            engine.run(rules, [draft], claims, archive=store)
            timings.append(time.perf_counter() - started)
    return min(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    arguments = parser.parse_args()
    base = articles()
    draft = next(document for document in base if document.id == "h200-exports-2026")
    with tempfile.TemporaryDirectory() as folder:
        print(f"indexing (extract + write, in process): {index_rate(Path(folder), base):,.0f} articles/s "
              f"(target >= 500)")
        for jobs in sorted({1, os.cpu_count() or 1}):
            first, again = index_files_rate(Path(folder), jobs)
            print(f"factcheck index --jobs {jobs} (files -> store): {first:,.0f} articles/s; "
                  f"unchanged on a second run: {again:,.0f} articles/s")
        for size in arguments.sizes:
            path = Path(folder) / f"store-{size}.db"
            started = time.perf_counter()
            synthetic_store(path, size, base)
            built = time.perf_counter() - started
            print(f"{size:>9,} claims: built in {built:5.1f} s; one article checked in "
                  f"{draft_latency(path, draft):6.2f} ms (target < 20 ms)")


if __name__ == "__main__":
    main()
