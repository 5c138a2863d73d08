"""Extraction throughput on one core, over a synthetic corpus grown from the seed articles.

    python benchmarks/extract.py [--size-mb 2] [--repeat 3]

The corpus is deterministic: sentences of the seed articles (markup already blanked by ingest), with their
figures replaced by random ones of the same shape, regrouped into article-sized documents. Reports, for
reading alone (factcheck.from_text) and for reading plus extraction (factcheck.extract), the best of
``--repeat`` runs. MB means a million characters. Target: >= 1 MB/s per core for reading plus extraction.

The seed articles were written to exercise extraction and carry about 11 claims per 1,000 characters; news
articles carry fewer (the two source articles in ../shared/seeds: 2 and 5), and extraction costs mostly per
claim. A last line reads those source articles, when they are there, for the rate on real news text.
It also says which build ran: claim extraction compiled by mypyc (what `make` installs when a C compiler is
present) or pure Python.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

import factcheck
from factcheck.__about__ import build_kind
from factcheck.ingest import iter_paths

T = TypeVar("T")
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SOURCE_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SOURCE_COPIES = 50
RANDOM_SEED = 20250601
# Relative periods ("last year", "Q3") resolve against a date, as they do for a dated article.
PUBLISHED = date(2025, 6, 1)
SENTENCES_PER_PARAGRAPH = (2, 5)
PARAGRAPHS_PER_ARTICLE = (4, 10)
# Years and the digits of "Q3", "H1", "3Q24" stay as they are, so periods remain periods.
_DIGITS = re.compile(r"(?P<period>(?<!\d)(?:19|20)\d\d(?!\d)|(?<=[QH])[1-4](?!\d)|(?<!\d)[1-4](?=[QH])"
                     r"|(?<=[1-4][QH])\d\d(?!\d))|\d+")


def seed_sentences() -> list[str]:
    """Every sentence of the seed articles, as visible text on one line."""
    sentences = []
    for path in iter_paths([SEEDS]):
        document = factcheck.load(path)
        for span in document.sentences:
            words = document.view[span.start:span.end].split()
            if words:
                sentences.append(" ".join(words))
    return sentences


def vary_figures(sentence: str, rng: random.Random) -> str:
    """New digits of the same length, so '4.82' stays a two-decimal figure and '1,200' stays grouped."""

    def replace(match: re.Match[str]) -> str:
        digits = match.group()
        if match.group("period"):
            return digits
        first = "0" if digits[0] == "0" else str(rng.randint(1, 9))
        return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])

    return _DIGITS.sub(replace, sentence)


def synthetic_articles(size_mb: float, rng: random.Random) -> list[str]:
    sentences = seed_sentences()
    articles, total = [], 0
    while total < size_mb * 1e6:
        paragraphs = [
            " ".join(vary_figures(rng.choice(sentences), rng) for _ in range(rng.randint(*SENTENCES_PER_PARAGRAPH)))
            for _ in range(rng.randint(*PARAGRAPHS_PER_ARTICLE))
        ]
        article = "\n\n".join(paragraphs)
        articles.append(article)
        total += len(article)
    return articles


def best_of(repeat: int, work: Callable[[], T]) -> tuple[float, T]:
    """The fastest of ``repeat`` runs, and what the work returned (the same every run)."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        timings.append(time.perf_counter() - started)
    return min(timings), result


def ingest_all(articles: list[str]) -> int:
    return len([factcheck.from_text(article, published=PUBLISHED) for article in articles])


def extract_all(articles: list[str]) -> int:
    return sum(len(factcheck.extract(article, published=PUBLISHED)) for article in articles)


def source_articles() -> list[str]:
    """The source articles' text, each repeated so that the timing is not lost in the clock's noise."""
    if not SOURCE_ARTICLES.is_dir():
        return []
    texts = [path.read_text(encoding="utf-8") for path in sorted(SOURCE_ARTICLES.glob("*.txt"))]
    return texts * SOURCE_COPIES


def report_row(stage: str, articles: list[str], seconds: float, claims: int | None) -> None:
    size_mb = sum(map(len, articles)) / 1e6
    rates = (f"{claims / seconds:9.0f} {claims / size_mb / 1e3:9.1f}" if claims is not None
             else f"{'-':>9} {'-':>9}")
    print(f"{stage:<26} {size_mb:6.2f} {seconds:8.3f} {size_mb / seconds:6.2f} {rates}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=2.0, help="corpus size in millions of characters")
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage; the fastest counts")
    arguments = parser.parse_args()
    articles = synthetic_articles(arguments.size_mb, random.Random(RANDOM_SEED))
    # Lexicons, unit registry and dateparser load on first use; keep that out of the timings.
    extract_all(articles[:1])
    ingest_seconds, _ = best_of(arguments.repeat, lambda: ingest_all(articles))
    extract_seconds, claims = best_of(arguments.repeat, lambda: extract_all(articles))
    print(f"build: {build_kind()} extraction")
    print(f"corpus: {sum(map(len, articles)) / 1e6:.2f} MB in {len(articles)} articles; {claims} claims")
    print(f"{'stage':<26} {'MB':>6} {'seconds':>8} {'MB/s':>6} {'claims/s':>9} {'claims/kB':>9}")
    report_row("ingest", articles, ingest_seconds, None)
    report_row("ingest + extract", articles, extract_seconds, claims)
    news = source_articles()
    if news:
        news_seconds, news_claims = best_of(arguments.repeat, lambda: extract_all(news))
        report_row("source articles, + extract", news, news_seconds, news_claims)


if __name__ == "__main__":
    main()
