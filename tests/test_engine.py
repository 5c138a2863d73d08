"""The engine: findings carry exact locations, a trace and a stable fingerprint; a crashing check is reported."""

from datetime import date

import pytest

import factcheck
from factcheck import engine
from factcheck.checks import CheckKind, CheckOptions, Scope
from factcheck.config import Config
from factcheck.errors import ConfigError
from factcheck.extract import extract_claims
from factcheck.models import Category, Severity
from factcheck.rulebook import Rule, load_rules

PUBLISHED = date(2026, 2, 1)
INTERNAL = Config(select=("internal",))
CHANGE = "Its market share rose from 16% in 2020 to 28% in 2024, a 12% increase."


def _document(text, document_id="story"):
    return factcheck.from_text(text, published=PUBLISHED, document_id=document_id, path=f"{document_id}.txt")


def _run(text, rules=None):
    document = _document(text)
    return engine.run(rules or load_rules(), [document], {document.id: extract_claims(document)})


def test_finding_points_at_every_claim_with_line_and_column():
    findings = [f for f in _run("Headline\n\n" + CHANGE) if f.rule == "FC102"]
    assert len(findings) == 1
    finding = findings[0]
    assert [location.text for location in finding.locations] == ["12%", "16%", "28%"]
    primary = finding.locations[0]
    assert (primary.line, primary.column) == (3, CHANGE.index("12%") + 1)
    assert primary.path == "story.txt"
    assert finding.category is Category.internal and finding.severity is Severity.error
    assert "+12.0 points" in finding.trace["arithmetic"] and "+75.0%" in finding.trace["arithmetic"]
    assert "12%" in finding.message and "percentage points" in finding.message


def test_fingerprint_ignores_line_numbers_but_not_the_claim():
    first = [f for f in _run(CHANGE) if f.rule == "FC102"][0]
    moved = [f for f in _run("A new first paragraph.\n\n" + CHANGE) if f.rule == "FC102"][0]
    other = [f for f in _run(CHANGE.replace("12%", "11%").replace("28%", "27%")) if f.rule == "FC102"][0]
    assert first.fingerprint == moved.fingerprint
    assert first.fingerprint != other.fingerprint


def test_a_crashing_check_becomes_an_fc900_finding_and_the_run_goes_on():
    def explode(claims, context, options):
        raise ZeroDivisionError("boom")

    broken = CheckKind("explodes", Scope.document, CheckOptions, explode, "Always raises.")
    healthy = load_rules()
    spec = healthy[0].spec.model_copy(update={"code": "FC199", "slug": "explodes", "kind": "explodes"})
    rules = [Rule(spec=spec, check=broken, options=CheckOptions()), *healthy]
    findings = _run(CHANGE, rules)
    crash = [f for f in findings if f.rule == "FC900"]
    assert len(crash) == 1
    assert "FC199" in crash[0].message and "story" in crash[0].message and "boom" in crash[0].message
    assert any(f.rule == "FC102" for f in findings)


def test_check_api_returns_the_report_model(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\nReuters · Feb 1, 2026\n\n" + CHANGE, encoding="utf-8")
    report = factcheck.check([tmp_path], config=INTERNAL)
    assert report.schema_ == "factcheck-report/1"
    assert [f.rule for f in report.findings] == ["FC102"]
    assert report.summary.findings == 1 and report.summary.by_severity == {"error": 1}


def test_check_accepts_documents_and_selection():
    report = factcheck.check(_document(CHANGE), config=Config(select=("internal",), ignore=("FC102",)))
    assert report.findings == ()
    report = factcheck.check(_document(CHANGE), config=Config(select=("internal",)))
    assert [f.rule for f in report.findings] == ["FC102"]


def test_rule_options_can_be_overridden_and_typos_are_errors():
    shares = "ASML holds 60.0% of the market, while Nikon holds 40.6% of the market."
    assert [f.rule for f in factcheck.check(_document(shares), config=INTERNAL).findings] == []
    strict = Config(select=("internal",), rules={"FC103": {"tolerance_pp": 0.0}})
    assert [f.rule for f in factcheck.check(_document(shares), config=strict).findings] == ["FC103"]
    with pytest.raises(ConfigError, match="tolerance_p"):
        factcheck.check(_document(shares), config=Config(rules={"FC103": {"tolerance_p": 1}}))


def test_tolerance_follows_stated_precision():
    fits = "Sales rose 12% from 500 units to 562 units."
    misses = "Sales rose 12% from 500 units to 576 units."
    assert [f.rule for f in factcheck.check(_document(fits), config=INTERNAL).findings] == []
    assert [f.rule for f in factcheck.check(_document(misses), config=INTERNAL).findings] == ["FC101"]
