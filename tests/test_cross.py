"""Cross-article contradictions on the multi-article fixtures in tests/cross/: every kind, every never-flag case."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

import factcheck
from factcheck.config import Config
from seedgold import gold_span

CROSS = Path(__file__).resolve().parent / "cross"
CASES = sorted(path.parent for path in CROSS.glob("*/expected.yml"))
FLOOR = 0.9


def _span(folder: Path, file: str, text: str, occurrence: int = 1) -> tuple[str, int, int]:
    document = factcheck.load(folder / file)
    start, end = gold_span(document.text, {"text": text, "occurrence": occurrence})
    return document.id, start, end


def _expected(folder: Path) -> set[tuple]:
    spec = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8"))
    return {(entry["rule"], *_span(folder, entry["file"], entry["text"], entry.get("occurrence", 1)))
            for entry in spec.get("findings") or []}


def _found(folder: Path) -> set[tuple]:
    report = factcheck.check([folder], config=Config(select=("cross",)))
    return {(f.rule, f.locations[0].document, f.locations[0].start, f.locations[0].end) for f in report.findings}


@pytest.fixture(scope="module")
def outcomes():
    return {folder.name: (_expected(folder), _found(folder)) for folder in CASES}


def test_there_are_fixtures_for_every_kind_and_never_flag_cases(outcomes):
    per_rule = Counter(rule for expected, _ in outcomes.values() for rule, *_ in expected)
    assert all(per_rule[code] >= 2 for code in ("FC201", "FC202", "FC203", "FC204")), per_rule
    assert sum(1 for expected, _ in outcomes.values() if not expected) >= 8


@pytest.mark.parametrize("code", ["FC201", "FC202", "FC203", "FC204"])
def test_precision_and_recall_per_rule(outcomes, code):
    want = {(name, item) for name, (expected, _) in outcomes.items() for item in expected if item[0] == code}
    got = {(name, item) for name, (_, found) in outcomes.items() for item in found if item[0] == code}
    hits = len(want & got)
    precision = hits / len(got) if got else 1.0
    recall = hits / len(want) if want else 1.0
    print(f"\n{code}: precision {precision:.2f} recall {recall:.2f}; missed {sorted(want - got)}; "
          f"extra {sorted(got - want)}")
    assert precision >= FLOOR and recall >= FLOOR


@pytest.mark.parametrize("folder", [c for c in CASES if c.name.startswith("ok-")], ids=lambda c: c.name)
def test_never_flag_cases_give_no_finding(outcomes, folder):
    assert outcomes[folder.name][1] == set()
