"""Generated documentation stays in step with the rule files."""

from pathlib import Path

from factcheck.docs import generated_pages

DOCS_RULES = Path(__file__).resolve().parents[1] / "docs" / "rules"


def test_generated_rule_pages_are_up_to_date():
    stale = [name for name, content in generated_pages().items()
             if not (DOCS_RULES / name).is_file() or (DOCS_RULES / name).read_text(encoding="utf-8") != content]
    assert stale == [], "run `python -m factcheck.docs docs/rules` and commit the result"
