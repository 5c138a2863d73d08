"""Every example of every rule behaves as its file says, and the catalogue keeps its shape."""

from pathlib import Path

import pytest
import yaml

from factcheck.checks import registry
from factcheck.errors import RuleDefinitionError
from factcheck.rulebook import GROUP_RANGES, all_specs, load_rule_file, load_rules, rule_files
from factcheck.resources import rules_dir
from factcheck.testing import landing_texts, run_example

RULES = {rule.code: rule for rule in load_rules()}
FLAGGED = [(code, index, example) for code, rule in RULES.items()
           for index, example in enumerate(rule.spec.examples.flagged)]
OK = [(code, index, example) for code, rule in RULES.items() for index, example in enumerate(rule.spec.examples.ok)]


@pytest.mark.parametrize(("code", "index", "example"), FLAGGED, ids=[f"{c}-flagged-{i}" for c, i, _ in FLAGGED])
def test_flagged_example_is_flagged_on_the_expected_text(code, index, example):
    findings = run_example(RULES[code], example)
    assert [f.rule for f in findings] == [code] * len(findings)
    assert sorted(landing_texts(findings)) == sorted(example.expect), [f.message for f in findings]


@pytest.mark.parametrize(("code", "index", "example"), OK, ids=[f"{c}-ok-{i}" for c, i, _ in OK])
def test_ok_example_is_not_flagged(code, index, example):
    findings = run_example(RULES[code], example)
    assert findings == [], [f.message for f in findings]


def test_codes_and_slugs_are_unique():
    specs = all_specs()
    assert len({spec.code for spec in specs}) == len(specs)
    assert len({spec.slug for spec in specs}) == len(specs)


@pytest.mark.parametrize("spec", all_specs(), ids=lambda spec: spec.code)
def test_rule_file_shape(spec):
    path = next(p for p in rule_files([rules_dir()]) if p.stem == spec.code)
    assert path.parent.name == spec.group
    assert int(spec.code[2]) == GROUP_RANGES[spec.group]
    assert spec.docs.what.strip() and spec.docs.why.strip() and spec.docs.how_to_fix.strip()
    if spec.group != "engine":
        assert spec.kind in registry()
        assert spec.examples.flagged and spec.examples.ok, "every rule needs flagged and ok examples"


def test_every_check_kind_is_used_by_a_rule():
    used = {spec.kind for spec in all_specs()}
    assert set(registry()) <= used


def _write_rule(tmp_path: Path, name: str, changes: dict) -> Path:
    source = next(p for p in rule_files([rules_dir()]) if p.stem == "FC103")
    data = yaml.safe_load(source.read_text())
    data.update(changes)
    folder = tmp_path / data.get("group", "internal")
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.mark.parametrize(
    ("name", "changes", "message"),
    [
        ("FC103.yml", {"optoins": {}}, "optoins"),
        ("FC103.yml", {"options": {"tolerance_p": 1}}, "tolerance_p"),
        ("FC103.yml", {"kind": "no-such-kind"}, "no-such-kind"),
        ("FC199.yml", {}, "file name"),
        ("FC103.yml", {"group": "cross"}, "outside the cross range"),
        ("FC103.yml", {"slug": "Not_Kebab"}, "kebab-case"),
    ],
)
def test_a_broken_rule_file_fails_at_load_time_naming_file_and_key(tmp_path, name, changes, message):
    path = _write_rule(tmp_path, name, changes)
    with pytest.raises(RuleDefinitionError) as raised:
        load_rule_file(path)
    assert str(path) in str(raised.value) and message in str(raised.value)
