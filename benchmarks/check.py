"""Check throughput: extraction alone versus extraction plus every rule, over the seed and corpus articles.

    python benchmarks/check.py [--repeat 3] [--copies 20]

Reports MB/s for both and the share of time the rules add (the target is at most 30% on top of extraction).
The share moves whenever extraction gets faster or slower, so the rules' own cost is also given per MB of text:
compare that figure between runs.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from factcheck import engine
from factcheck.config import Config, configured_rules
from factcheck.extract import extract_claims
from factcheck.ingest import iter_paths, load

ROOT = Path(__file__).resolve().parents[1]


def documents(copies: int):
    base = [load(path) for path in iter_paths([ROOT / "seeds", ROOT / "tests" / "corpus"])]
    return [document.model_copy(update={"id": f"{document.id}-{copy}"}) for copy in range(copies)
            for document in base]


def best_of(repeat: int, work) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--copies", type=int, default=20)
    arguments = parser.parse_args()
    docs = documents(arguments.copies)
    size_mb = sum(len(document.text) for document in docs) / 1e6
    rules = configured_rules(Config(ignore=("cross",)))
    claims = {document.id: extract_claims(document) for document in docs}
    engine.run(rules, docs[:40], {d.id: claims[d.id] for d in docs[:40]})  # loads the ECB rate table once
    extraction = best_of(arguments.repeat, lambda: [extract_claims(document) for document in docs])
    checking = best_of(arguments.repeat, lambda: engine.run(rules, docs, claims))
    print(f"{len(docs)} documents, {size_mb:.2f} MB, {sum(map(len, claims.values()))} claims, {len(rules)} rules")
    print(f"extraction          {extraction:7.3f} s  {size_mb / extraction:6.2f} MB/s")
    print(f"rules (per-article) {checking:7.3f} s  {size_mb / checking:6.2f} MB/s  {checking / size_mb:6.3f} s/MB")
    print(f"extraction + rules  {extraction + checking:7.3f} s  {size_mb / (extraction + checking):6.2f} MB/s")
    print(f"rules add {checking / extraction:.0%} to extraction time (target <= 30%)")


if __name__ == "__main__":
    main()
