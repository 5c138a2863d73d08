"""The command line: `factcheck extract` and `factcheck schema`, through click's CliRunner and one real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import factcheck
from factcheck.cli import cli

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

GOOD_TXT = "Chip exports climb\nReuters · Jul 8, 2025\n\nExports rose 12% to $4.2 billion.\n"
OTHER_MD = ("---\nid: other-story\npublished: 2025-03-04\ntitle: Other story\n---\n"
            "# Other story\n\nCosts fell 3% and debt hit $1.5 billion.\n")
NODATE_TXT = "Acme results\n\nProfit rose 7% in the year.\n"
BAD_BIN = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"
BAD_YAML_MD = "---\ntitle: [unclosed\n---\nSales rose 3%.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus(tmp_path) -> dict[str, Path]:
    files = {
        "good": tmp_path / "good.txt",
        "other": tmp_path / "other.md",
        "nodate": tmp_path / "nodate.txt",
        "bad": tmp_path / "bad.bin",
        "badyaml": tmp_path / "badyaml.md",
    }
    files["good"].write_text(GOOD_TXT, encoding="utf-8")
    files["other"].write_text(OTHER_MD, encoding="utf-8")
    files["nodate"].write_text(NODATE_TXT, encoding="utf-8")
    files["bad"].write_bytes(BAD_BIN)
    files["badyaml"].write_text(BAD_YAML_MD, encoding="utf-8")
    return files


def _run(runner: CliRunner, *args: str | Path):
    return runner.invoke(cli, [str(arg) for arg in args], catch_exceptions=False)


def _schema(runner: CliRunner, *args: str) -> dict:
    result = _run(runner, "schema", *args)
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    jsonschema.validators.validator_for(schema).check_schema(schema)
    return schema


def _validate(instance: dict, schema: dict) -> None:
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def _documents(report: dict) -> dict[str, dict]:
    return {document["id"]: document for document in report["documents"]}


# -- json ------------------------------------------------------------------------------------------------

def test_json_report_structure(runner, corpus):
    result = _run(runner, "extract", corpus["good"], corpus["other"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["schema"] == "factcheck-report/1"
    assert report["tool"]["name"] == "factcheck"
    assert report["tool"]["version"]
    assert report["findings"] == []
    assert report["errors"] == []
    documents = _documents(report)
    assert list(documents) == ["good", "other-story"]
    good, other = documents["good"], documents["other-story"]
    assert good["path"] == str(corpus["good"])
    assert good["published"] == "2025-07-08" and good["published_source"] == "dateline"
    assert other["path"] == str(corpus["other"])
    assert other["published"] == "2025-03-04" and other["published_source"] == "front_matter"
    assert other["title"] == "Other story"
    assert [c["text"] for c in good["claims"]] == ["12%", "$4.2 billion"]
    assert [c["text"] for c in other["claims"]] == ["3%", "$1.5 billion"]
    for document, path in ((good, corpus["good"]), (other, corpus["other"])):
        text = path.read_text(encoding="utf-8")
        for claim in document["claims"]:
            assert claim["document"] == document["id"]
            assert claim["id"].startswith(document["id"] + "#")
            assert text[claim["start"]:claim["end"]] == claim["text"]
    money = good["claims"][1]["quantity"]
    assert money["value"] == pytest.approx(4.2e9) and money["currency"] == "USD" and money["kind"] == "money"
    total = sum(len(d["claims"]) for d in report["documents"])
    assert report["summary"]["claims"] == total == 4
    assert report["summary"]["documents"] == 2
    assert report["summary"]["errors"] == 0
    assert report["summary"]["findings"] == 0


def test_json_report_validates_against_the_report_schema(runner, corpus):
    schema = _schema(runner, "--report")
    assert "schema" in schema["properties"]
    result = _run(runner, "extract", corpus["good"], corpus["other"], corpus["nodate"], corpus["bad"])
    report = json.loads(result.stdout)
    _validate(report, schema)
    broken = dict(report, schema="factcheck-report/2")
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert not validator.is_valid(broken)


def test_unit_mentions_validate_against_the_mention_schema(runner):
    schema = _schema(runner, "--mention")
    found = factcheck.unit_mentions("Convert 200 celsius into Fahrenheit; the dollar fell.")
    assert [mention.text for mention in found] == ["Fahrenheit", "dollar"]
    for mention in found:
        _validate(mention.model_dump(mode="json"), schema)
    assert not jsonschema.validators.validator_for(schema)(schema).is_valid({"text": "dollar"})


def test_schema_prints_the_claim_schema_by_default(runner, corpus):
    schema = _schema(runner)
    assert schema == _schema(runner, "--claim")
    assert {"id", "document", "text", "start", "end", "quantity"} <= set(schema["properties"])
    report = json.loads(_run(runner, "extract", corpus["good"], corpus["other"]).stdout)
    claims = [claim for document in report["documents"] for claim in document["claims"]]
    assert claims
    for claim in claims:
        _validate(claim, schema)
    assert not jsonschema.validators.validator_for(schema)(schema).is_valid({"id": "x"})


def test_output_file(runner, corpus, tmp_path):
    out = tmp_path / "out" / "report.json"
    out.parent.mkdir()
    result = _run(runner, "extract", corpus["good"], "-o", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [d["id"] for d in report["documents"]] == ["good"]
    assert report["summary"]["claims"] == 2


def test_folder_input_and_unique_ids_for_same_stem(runner, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text("Sales rose 3%.\n", encoding="utf-8")
    (tmp_path / "b" / "story.md").write_text("Costs fell 4%.\n", encoding="utf-8")
    (tmp_path / "b" / "notes.json").write_text('{"x": 5}', encoding="utf-8")
    result = _run(runner, "extract", tmp_path, "--published", "2025-02-03")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    ids = [d["id"] for d in report["documents"]]
    assert len(ids) == 2 and len(set(ids)) == 2
    assert [d["path"] for d in report["documents"]] == [str(tmp_path / "a" / "story.txt"),
                                                        str(tmp_path / "b" / "story.md")]
    for document in report["documents"]:
        assert [c["document"] for c in document["claims"]] == [document["id"]]


# -- --published -----------------------------------------------------------------------------------------

def test_published_option_only_fills_documents_without_a_date(runner, corpus):
    result = _run(runner, "extract", corpus["good"], corpus["other"], corpus["nodate"], "--published", "2024-12-31")
    assert result.exit_code == 0
    documents = _documents(json.loads(result.stdout))
    assert (documents["nodate"]["published"], documents["nodate"]["published_source"]) == ("2024-12-31", "argument")
    assert (documents["good"]["published"], documents["good"]["published_source"]) == ("2025-07-08", "dateline")
    assert (documents["other-story"]["published"], documents["other-story"]["published_source"]) == (
        "2025-03-04", "front_matter")


def test_without_published_option_undated_document_has_no_date(runner, corpus):
    documents = _documents(json.loads(_run(runner, "extract", corpus["nodate"]).stdout))
    assert documents["nodate"]["published"] is None
    assert documents["nodate"]["published_source"] == "none"


@pytest.mark.parametrize("value", ["2024-13-01", "yesterday", "31/12/2024", ""])
def test_bad_published_value_is_a_usage_error(runner, corpus, value):
    result = runner.invoke(cli, ["extract", str(corpus["good"]), "--published", value])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert "--published" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


# -- errors ----------------------------------------------------------------------------------------------

def test_bad_inputs_are_reported_and_the_rest_still_output(runner, corpus):
    result = _run(runner, "extract", corpus["good"], corpus["bad"], corpus["other"], corpus["badyaml"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [d["id"] for d in report["documents"]] == ["good", "other-story"]
    assert [e["path"] for e in report["errors"]] == [str(corpus["bad"]), str(corpus["badyaml"])]
    assert report["summary"]["errors"] == 2
    assert report["summary"]["claims"] == 4
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"error: {corpus['bad']}: ")
    assert lines[1].startswith(f"error: {corpus['badyaml']}: ")
    assert "invalid YAML front matter" in lines[1]
    assert [e["message"] for e in report["errors"]] == [line.removeprefix("error: ") for line in lines]


def test_all_inputs_read_exits_0(runner, corpus):
    result = _run(runner, "extract", corpus["good"], corpus["other"], corpus["nodate"])
    assert result.exit_code == 0
    assert result.stderr == ""


def test_only_bad_input_exits_2_with_empty_report(runner, corpus):
    result = _run(runner, "extract", corpus["bad"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["documents"] == [] and report["summary"]["claims"] == 0 and report["summary"]["errors"] == 1


def test_nonexistent_path_is_a_usage_error(runner, corpus, tmp_path):
    missing = tmp_path / "missing.txt"
    result = runner.invoke(cli, ["extract", str(corpus["good"]), str(missing)])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_extract_without_paths_is_a_usage_error(runner):
    result = runner.invoke(cli, ["extract"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_input_files_are_never_modified(runner, corpus, tmp_path):
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in corpus.values()}
    _run(runner, "extract", tmp_path, "-f", "table")
    _run(runner, "extract", *corpus.values(), "--published", "2025-01-01", "-o", tmp_path / "report.json")
    after = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in corpus.values()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [p.name for p in corpus.values()] + ["report.json"])


# -- table -----------------------------------------------------------------------------------------------

def _expected_locations(root: Path, names: dict[str, list[str]]) -> list[tuple[str, str]]:
    expected = []
    for name, claim_texts in names.items():
        text = (root / name).read_text(encoding="utf-8")
        for claim_text in claim_texts:
            offset = text.index(claim_text)
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            expected.append((f"{name}:{line}:{column}", claim_text))
    return expected


def test_table_format_one_row_per_claim_with_location(runner, corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # short relative paths: the location column fits the table width
    result = _run(runner, "extract", "good.txt", "other.md", "bad.bin", "--format", "table")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["location", "text", "kind"]
    rows = lines[1:-1]
    assert len(rows) == 4
    assert lines[-1] == "4 claims in 2 documents, 1 unreadable"
    expected = _expected_locations(tmp_path, {"good.txt": ["12%", "$4.2 billion"],
                                              "other.md": ["3%", "$1.5 billion"]})
    assert [row.split()[0] for row in rows] == [location for location, _ in expected]
    assert expected[0][0] == "good.txt:4:14"
    assert expected[2][0] == "other.md:8:12"  # front matter lines count
    for row, (_, claim_text) in zip(rows, expected):
        assert f" {claim_text} " in row
    assert "money" in rows[1] and "USD" in rows[1]
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("error: bad.bin: ")


def test_table_summary_without_errors(runner, corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run(runner, "extract", "-f", "table", "nodate.txt")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[1].startswith("nodate.txt:3:13 ")
    assert lines[-1] == "1 claims in 1 documents"


def test_table_location_is_not_truncated_for_long_paths(runner, tmp_path):
    folder = tmp_path / "a-rather-long-folder-name-for-news-articles"
    folder.mkdir()
    article = folder / "article.txt"
    article.write_text(NODATE_TXT, encoding="utf-8")
    result = _run(runner, "extract", "-f", "table", article)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith(f"{article}:3:13 ")


# -- a real process --------------------------------------------------------------------------------------

def test_module_entry_point_exit_code_and_stderr(corpus):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    process = subprocess.run(
        [sys.executable, "-m", "factcheck", "extract", str(corpus["good"]), str(corpus["bad"]),
         str(corpus["other"]), str(corpus["badyaml"])],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=corpus["good"].parent, timeout=120,
    )
    assert process.returncode == 2, process.stderr
    assert "Traceback" not in process.stderr
    lines = process.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"error: {corpus['bad']}: ")
    assert lines[1].startswith(f"error: {corpus['badyaml']}: ")
    report = json.loads(process.stdout)
    assert [d["id"] for d in report["documents"]] == ["good", "other-story"]
    assert report["summary"]["claims"] == sum(len(d["claims"]) for d in report["documents"])

    missing = subprocess.run([sys.executable, "-m", "factcheck", "extract", str(corpus["good"].parent / "nope.txt")],
                             capture_output=True, text=True, env=env, timeout=120)
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr
    assert "does not exist" in missing.stderr


# -- seeds -----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_run():
    result = CliRunner().invoke(cli, ["extract", str(SEEDS)], catch_exceptions=False)
    return result, json.loads(result.stdout)


def test_seeds_folder_end_to_end(seeds_run):
    result, report = seeds_run
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert report["errors"] == []
    articles = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md", ".html")
                      and p.name != "README.md")
    paths = [d["path"] for d in report["documents"]]
    assert set(map(str, articles)) <= set(paths)
    assert not any(p.endswith(".gold.yml") for p in paths)
    assert paths == sorted(paths)
    assert report["summary"]["claims"] == sum(len(d["claims"]) for d in report["documents"])


def test_every_seed_article_has_a_published_date(seeds_run):
    _, report = seeds_run
    articles = [d for d in report["documents"] if Path(d["path"]).name != "README.md"]
    assert len(articles) >= 8
    for document in articles:
        assert document["published"], document["path"]
        assert document["published_source"] in ("front_matter", "metadata", "dateline"), document["path"]


def test_every_document_of_the_seeds_folder_has_a_published_date(seeds_run):
    _, report = seeds_run
    undated = [d["path"] for d in report["documents"] if not d["published"]]
    assert undated == []


def _story(tmp_path, name, body, published="Feb 1, 2026"):
    path = tmp_path / name
    path.write_text(f"Headline\nReuters · {published}\n\n{body}\n", encoding="utf-8")
    return path


def test_check_prints_location_rule_message_and_marked_sentence(tmp_path):
    path = _story(tmp_path, "a.txt", "Its market share rose from 16% in 2020 to 28% in 2024, a 12% increase.")
    result = CliRunner().invoke(cli, ["check", "--select", "internal", str(path)])
    assert result.exit_code == 1
    first, excerpt = result.output.splitlines()[:2]
    assert first.startswith(f"{path}:4:") and " FC102 [error] " in first
    assert ">>12%<<" in excerpt
    assert result.output.splitlines()[-1].startswith("1 findings (1 error)")


def test_check_exit_codes_follow_fail_on_and_exit_zero(tmp_path):
    warning_only = _story(tmp_path, "b.txt", "Exports are projected to exceed 1 trillion yuan in 2024.")
    clean = _story(tmp_path, "c.txt", "Exports rose 5% to $42 billion last year.")
    runner = CliRunner()
    assert runner.invoke(cli, ["check", str(clean)]).exit_code == 0
    assert runner.invoke(cli, ["check", str(warning_only)]).exit_code == 0
    assert runner.invoke(cli, ["check", "--fail-on", "warning", str(warning_only)]).exit_code == 1
    assert runner.invoke(cli, ["check", "--fail-on", "warning", "--exit-zero", str(warning_only)]).exit_code == 0


def test_check_json_is_the_report_with_findings(tmp_path):
    path = _story(tmp_path, "d.txt", "Its market share rose from 16% in 2020 to 28% in 2024, a 12% increase.")
    result = CliRunner().invoke(cli, ["check", "--select", "internal", "--format", "json", str(path)])
    report = json.loads(result.output)
    assert report["schema"] == "factcheck-report/1"
    assert [finding["rule"] for finding in report["findings"]] == ["FC102"]
    assert report["findings"][0]["locations"][0]["text"] == "12%"


def test_check_select_and_ignore(tmp_path):
    path = _story(tmp_path, "e.txt", "Its market share rose from 16% in 2020 to 28% in 2024, a 12% increase.")
    runner = CliRunner()
    assert runner.invoke(cli, ["check", "--ignore", "FC102", str(path)]).exit_code == 0
    assert runner.invoke(cli, ["check", "--select", "hygiene", str(path)]).exit_code == 0
    assert runner.invoke(cli, ["check", "--select", "points-called-percent", str(path)]).exit_code == 1


def test_rules_lists_the_catalogue():
    result = CliRunner().invoke(cli, ["rules"])
    assert result.exit_code == 0
    codes = [line.split()[0] for line in result.output.splitlines()[1:]]
    assert "FC101" in codes and "FC402" in codes and "FC900" in codes


def test_explain_prints_the_rule_page_and_refuses_unknown_codes():
    runner = CliRunner()
    page = runner.invoke(cli, ["explain", "FC102"])
    assert page.exit_code == 0
    assert "## What it does" in page.output and "## Why is this bad?" in page.output and "tolerance" not in page.output
    assert "## Options" in page.output and "`hedge`" in page.output
    assert runner.invoke(cli, ["explain", "points-called-percent"]).output == page.output
    missing = runner.invoke(cli, ["explain", "FC999"])
    assert missing.exit_code == 2 and "FC999" in missing.output


@pytest.mark.parametrize(
    ("body", "args", "code"),
    [
        ("Exports rose 5% to $42 billion last year, the ministry said.", [], 0),
        ("Its market share rose from 16% in 2020 to 28% in 2024, a 12% increase.", [], 1),
        ("Its market share rose from 16% in 2020 to 28% in 2024, a 12% increase.", ["--exit-zero"], 0),
        ("Exports are projected to exceed 1 trillion yuan in 2024, the ministry said.", [], 0),
        ("Exports are projected to exceed 1 trillion yuan in 2024, the ministry said.", ["--fail-on", "warning"], 1),
        ("Intel lost $16.6 billion in Q3, the company said.", ["--fail-on", "warning"], 0),
        ("Intel lost $16.6 billion in Q3, the company said.", ["--fail-on", "info"], 1),
        ("Exports rose 5%.", ["--select", "NOPE"], 0),
    ],
)
def test_exit_code_matrix(tmp_path, body, args, code):
    path = _story(tmp_path, "m.txt", body)
    assert CliRunner().invoke(cli, ["check", "--ignore", "support", *args, str(path)]).exit_code == code


@pytest.mark.parametrize("args", [["check", "--fail-on", "never", "x"], ["check", "--format", "pdf", "x"],
                                  ["check", "does-not-exist.txt"], ["frobnicate"]])
def test_usage_errors_exit_2_without_traceback(tmp_path, args):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_every_format_renders_the_seeds():
    for fmt in ("text", "json", "sarif", "junit", "github", "gitlab", "markdown", "html"):
        result = CliRunner().invoke(cli, ["check", "--format", fmt, "--exit-zero", "seeds"])
        assert result.exit_code == 0, (fmt, result.output[-300:])
        assert result.output.strip()


def test_github_format_writes_the_job_summary(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    path = _story(tmp_path, "g.txt", "Its market share rose from 16% in 2020 to 28% in 2024, a 12% increase.")
    result = CliRunner().invoke(cli, ["check", "--select", "internal", "--format", "github", str(path)])
    assert result.output.startswith("::error file=")
    assert "FC102" in summary.read_text(encoding="utf-8")


def test_output_does_not_depend_on_jobs():
    runner = CliRunner()
    one = runner.invoke(cli, ["check", "--format", "json", "--exit-zero", "seeds", "tests/corpus"])
    two = runner.invoke(cli, ["check", "--format", "json", "--exit-zero", "--jobs", "2", "seeds", "tests/corpus"])
    assert one.exit_code == two.exit_code == 0
    assert one.output == two.output
