"""Sanity checks for the evaluation corpus (not a pytest module).

Run: python tests/corpus/check_corpus.py   (needs pyyaml)

Checks that every article has a findings file whose `published` matches the article's own
date, that every finding's `text` occurs in the raw article the expected number of times
(exactly once unless `occurrence` is given), that article lengths are 150-350 words, and
prints the per-rule counts.
"""

from __future__ import annotations

import collections
import datetime as dt
import html
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
RULES = {f"FC1{n:02d}" for n in range(1, 13)} | {"FC401", "FC402"}
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}


def article_date(path: Path, text: str) -> dt.date:
    if path.suffix == ".md":
        m = re.search(r"^published:\s*(\d{4}-\d{2}-\d{2})\s*$", text, re.M)
        return dt.date.fromisoformat(m.group(1))
    if path.suffix == ".html":
        meta = re.search(r'<meta name="date" content="(\d{4}-\d{2}-\d{2})">', text).group(1)
        time = re.search(r'<time datetime="(\d{4}-\d{2}-\d{2})">', text).group(1)
        assert meta == time, (path.name, meta, time)
        return dt.date.fromisoformat(meta)
    line2 = text.splitlines()[1]
    if m := re.search(r"(\d{4}-\d{2}-\d{2})", line2):
        return dt.date.fromisoformat(m.group(1))
    if m := re.search(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4})", line2):
        return dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    m = re.search(r"([A-Z][a-z]+) (\d{1,2}), (\d{4})", line2)
    return dt.date(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))


def word_count(path: Path, text: str) -> int:
    if path.suffix == ".html":
        body = re.search(r"<article>(.*)</article>", text, re.S).group(1)
        text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    elif path.suffix == ".md":
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return len(text.split())


def main() -> int:
    errors: list[str] = []
    per_rule: collections.Counter[str] = collections.Counter()
    controls = 0
    articles = sorted(p for p in HERE.iterdir()
                      if p.suffix in {".txt", ".md", ".html"} and p.name != "README.md")
    for art in articles:
        text = art.read_text(encoding="utf-8")
        gold_path = art.with_name(art.stem + ".findings.yml")
        if not gold_path.exists():
            errors.append(f"{art.name}: no {gold_path.name}")
            continue
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        published = gold["published"]
        if article_date(art, text) != published:
            errors.append(f"{art.name}: published {published} != article date {article_date(art, text)}")
        n = word_count(art, text)
        if not 150 <= n <= 350:
            errors.append(f"{art.name}: {n} words")
        findings = gold["findings"] or []
        controls += not findings
        seen = set()
        for f in findings:
            rule, span, occ = f["rule"], f["text"], f.get("occurrence")
            if rule not in RULES:
                errors.append(f"{art.name}: unknown rule {rule}")
            per_rule[rule] += 1
            raw = text.count(span)
            bounded = len(re.findall(r"(?<![\w$£€¥.])" + re.escape(span) + r"(?![\w%])", text))
            if occ is None and raw != 1:
                errors.append(f"{art.name}: {span!r} occurs {raw} times, no occurrence given")
            if occ is not None and not 1 <= occ <= raw:
                errors.append(f"{art.name}: {span!r} occurrence {occ} but {raw} matches")
            if raw != bounded:
                errors.append(f"{art.name}: {span!r} also matches inside a longer token ({raw} raw, {bounded} bounded)")
            key = (span, occ or 1)
            if key in seen:
                errors.append(f"{art.name}: {span!r} listed twice")
            seen.add(key)
    orphan = {p.name for p in HERE.glob("*.findings.yml")} - {a.stem + ".findings.yml" for a in articles}
    errors += [f"orphan findings file {o}" for o in sorted(orphan)]
    print(f"{len(articles)} articles, {controls} clean controls, {sum(per_rule.values())} findings")
    for rule in sorted(RULES):
        print(f"  {rule}: {per_rule[rule]}")
        if per_rule[rule] < 3:
            errors.append(f"{rule} planted only {per_rule[rule]} times")
    for e in errors:
        print("ERROR:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
