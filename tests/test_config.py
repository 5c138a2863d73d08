"""Configuration files, layering with flags, per-path overrides, inline suppression and the baseline."""

import json

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.config import Config, discover, load_config

STORY = "Its market share rose from 16% in 2020 to 28% in 2024, a 12% increase."
STALE = "Exports are projected to exceed 1 trillion yuan in 2024."


def _article(folder, name, body, published="Feb 1, 2026"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"Headline\nReuters · {published}\n\n{body}\n", encoding="utf-8")
    return path


def _rules(args):
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return [finding["rule"] for finding in json.loads(result.output)["findings"]]


def test_pyproject_table_is_discovered_upward(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nselect = ["internal"]\nignore = ["FC102"]\n')
    article = _article(tmp_path / "news" / "2026", "a.txt", STORY)
    assert discover(article) == tmp_path / "pyproject.toml"
    assert _rules([str(article)]) == []


def test_a_pyproject_without_the_table_is_skipped_for_a_higher_factcheck_toml(tmp_path):
    (tmp_path / ".factcheck.toml").write_text('select = ["FC102"]\n')
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    article = _article(tmp_path / "news", "a.txt", STORY)
    assert discover(article) == tmp_path / ".factcheck.toml"
    assert _rules([str(article)]) == ["FC102"]


def test_flags_win_over_the_file_and_config_flag_replaces_discovery(tmp_path):
    (tmp_path / ".factcheck.toml").write_text('select = ["FC102"]\nfail_on = "warning"\n')
    other = tmp_path / "other.toml"
    other.write_text('select = ["FC106"]\n')
    article = _article(tmp_path, "a.txt", STORY + " " + STALE)
    assert _rules([str(article)]) == ["FC102"]
    assert _rules(["--select", "FC106", str(article)]) == ["FC106"]
    assert _rules(["--config", str(other), str(article)]) == ["FC106"]
    only_warning = _article(tmp_path, "b.txt", STALE)
    runner = CliRunner()
    assert runner.invoke(cli, ["check", "--select", "FC106", str(only_warning)]).exit_code == 1
    assert runner.invoke(cli, ["check", "--select", "FC106", "--fail-on", "error", str(only_warning)]).exit_code == 0


def test_rule_options_in_the_file(tmp_path):
    shares = "ASML holds 60.0% of the market, while Nikon holds 40.6% of the market."
    article = _article(tmp_path, "a.txt", shares)
    (tmp_path / ".factcheck.toml").write_text('select = ["FC103"]\n[rules.FC103]\ntolerance_pp = 0.0\n')
    assert _rules([str(article)]) == ["FC103"]


@pytest.mark.parametrize(
    ("content", "key"),
    [('selct = ["FC1"]\n', "selct"), ('[rules.FC103]\ntolerance_p = 1\n', "tolerance_p"),
     ('fail_on = "sometimes"\n', "fail_on"), ("select = [\n", "invalid TOML")],
)
def test_configuration_errors_name_the_key_and_exit_2(tmp_path, content, key):
    (tmp_path / ".factcheck.toml").write_text(content)
    article = _article(tmp_path, "a.txt", STORY)
    result = CliRunner().invoke(cli, ["check", str(article)])
    assert result.exit_code == 2
    assert key in result.output and "Traceback" not in result.output


def test_relative_paths_in_the_file_resolve_against_it(tmp_path):
    (tmp_path / ".factcheck.toml").write_text('store = "archive/claims.db"\nbaseline = "base.json"\n')
    config = load_config(tmp_path / ".factcheck.toml")
    assert config.store == str(tmp_path / "archive" / "claims.db")
    assert config.baseline == str(tmp_path / "base.json")


def test_per_path_overrides_use_gitignore_globs(tmp_path):
    (tmp_path / ".factcheck.toml").write_text(
        'select = ["internal"]\n[[overrides]]\npaths = ["archive/**"]\nignore = ["FC102"]\n')
    kept = _article(tmp_path / "drafts", "a.txt", STORY)
    silenced = _article(tmp_path / "archive" / "2020", "b.txt", STORY)
    assert _rules([str(kept)]) == ["FC102"]
    assert _rules([str(silenced)]) == []


@pytest.mark.parametrize(
    ("body", "fmt"),
    [
        (f"<!-- factcheck: disable=FC102 -->\n{STORY}\n<!-- factcheck: enable=FC102 -->", "a.md"),
        (f"<!-- factcheck: disable-next-line=points-called-percent -->\n{STORY}", "a.md"),
        (f"<!-- factcheck: disable=internal -->\n{STORY}", "a.txt"),
        (f"<p><!-- factcheck: disable-next-line=FC102 --></p>\n<p>{STORY}</p>", "a.html"),
    ],
)
def test_inline_directives_silence_findings(tmp_path, body, fmt):
    article = _article(tmp_path, fmt, body)
    result = CliRunner().invoke(cli, ["check", "--select", "internal", "--format", "json", str(article)])
    report = json.loads(result.output)
    assert report["findings"] == [] and report["summary"]["suppressed"] == 1
    assert result.exit_code == 0


def test_directives_only_cover_their_range(tmp_path):
    body = f"<!-- factcheck: disable=FC102 -->\nFirst.\n<!-- factcheck: enable=FC102 -->\n\n{STORY}"
    assert _rules(["--select", "internal", str(_article(tmp_path, "a.md", body))]) == ["FC102"]
    inline = f"Some text <!-- factcheck: disable=FC102 --> more.\n\n{STORY}"
    assert _rules(["--select", "internal", str(_article(tmp_path, "b.txt", inline))]) == ["FC102"]


def test_baseline_round_trip_reports_only_new_findings(tmp_path):
    old = _article(tmp_path / "news", "old.txt", STORY)
    baseline = tmp_path / "factcheck-baseline.json"
    runner = CliRunner()
    created = runner.invoke(cli, ["baseline", "create", "--select", "internal", "--output", str(baseline),
                                  str(tmp_path / "news")])
    assert created.exit_code == 0 and "1 findings" in created.output
    assert json.loads(baseline.read_text())["schema"] == "factcheck-baseline/1"
    _article(tmp_path / "news", "new.txt", STORY.replace("16%", "15%").replace("28%", "27%"))
    result = runner.invoke(cli, ["check", "--select", "internal", "--format", "json", "--baseline", str(baseline),
                                 str(tmp_path / "news")])
    report = json.loads(result.output)
    assert [f["locations"][0]["document"] for f in report["findings"]] == ["new"]
    assert report["summary"]["baselined"] == 1 and report["summary"]["stale_baseline"] == 0
    old.unlink()
    stale = json.loads(runner.invoke(cli, ["check", "--select", "internal", "--format", "json", "--baseline",
                                           str(baseline), str(tmp_path / "news")]).output)
    assert stale["summary"]["stale_baseline"] == 1


def test_a_broken_baseline_is_a_config_error(tmp_path):
    baseline = tmp_path / "b.json"
    baseline.write_text("{not json")
    result = CliRunner().invoke(cli, ["check", "--baseline", str(baseline), str(_article(tmp_path, "a.txt", STORY))])
    assert result.exit_code == 2 and "baseline" in result.output


def test_config_merge_keeps_file_values_for_flags_not_given():
    base = Config(select=("internal",), fail_on="warning")
    assert base.merged(select=(), fail_on=None, published=None).select == ("internal",)
    assert base.merged(fail_on="info").fail_on == "info"


def test_extra_rule_folders_from_the_configuration(tmp_path):
    house = tmp_path / "house-rules" / "internal"
    house.mkdir(parents=True)
    (house / "FC199.yml").write_text("""\
code: FC199
slug: house-inverted-range
group: internal
kind: inverted-range
severity: error
message: "House style: {range} runs backwards"
docs: {what: Ranges run low to high., why: House style., how_to_fix: Swap the ends.}
examples:
  flagged: [{text: "Shares fell 35%-25% last year.", expect: ["35%-25%"]}]
  ok: ["Shares fell 25%-35% last year."]
""")
    (tmp_path / ".factcheck.toml").write_text('rule_paths = ["house-rules"]\nselect = ["FC199"]\n')
    article = _article(tmp_path, "a.txt", "Shares fell 35%-25% last year.")
    assert _rules([str(article)]) == ["FC199"]
