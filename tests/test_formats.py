"""CI report formats: SARIF, JUnit, GitHub annotations, GitLab Code Quality and Markdown.

Golden files in tests/golden/ hold each format's output for the seeds. After an intended change, regenerate them
from the repository root with `python -m tests.test_formats --regenerate` and review the diff.
"""

from __future__ import annotations

import contextlib
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

import factcheck
from factcheck import from_text
from factcheck.models import Document, Finding, InputError, Location, Report, Severity, Tool
from factcheck.report import build_report, github, gitlab, html, junit, markdown, sarif, text
from factcheck.report import json as json_report
from factcheck.rulebook import all_specs, spec_for
from factcheck.runner import CheckRun, run_check
from factcheck.segment import line_and_column, line_starts

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
GOLDEN_FORMATS = {"sarif.json": sarif, "junit.xml": junit, "github.txt": github, "gitlab.json": gitlab,
                  "md": markdown, "txt": text, "report.json": json_report, "html": html}
GOLDEN_VERSION = "0.0.0"
"""The golden files must not change with every release, so their report names a fixed tool version."""

ARTICLE = "Exports climb\n\nExports rose 12% to $4.2 billion in 2024.\nProfit fell 3% to $1.1 billion.\n"


# --- building reports ---------------------------------------------------------------------------------------------

def seeds_run() -> CheckRun:
    # Relative paths, as a CI job run at the repository root would report them.
    with contextlib.chdir(REPO):
        return run_check(["seeds"])


@pytest.fixture(scope="module")
def seeds() -> CheckRun:
    return seeds_run()


def located(document: Document, needle: str) -> Location:
    start = document.text.index(needle)
    end = start + len(needle)
    starts = line_starts(document.text)
    (line, column), (end_line, end_column) = line_and_column(starts, start), line_and_column(starts, end)
    return Location(document=document.id, path=document.path, start=start, end=end, line=line, column=column,
                    end_line=end_line, end_column=end_column, text=needle)


def finding(document: Document | None, needle: str = "12%", *, rule: str = "FC301", message: str = "a message",
            severity: Severity | None = None, fingerprint: str = "f1") -> Finding:
    spec = spec_for(rule)
    return Finding(rule=rule, name=spec.slug, category=spec.category, severity=severity or spec.severity,
                   message=message, locations=(located(document, needle),) if document else (),
                   fingerprint=fingerprint, trace={"arithmetic": "12 != 13", "claims": ["x#1", "x#2"]})


def article(path: str | None = "articles/q3.md", text: str = ARTICLE, document_id: str = "q3") -> Document:
    return from_text(text, fmt="markdown", document_id=document_id, path=path)


def report_of(documents: list[Document], findings: list[Finding], errors: list[InputError] = ()) -> Report:
    return build_report(documents, {}, findings, errors)


# --- SARIF --------------------------------------------------------------------------------------------------------

def sarif_validator() -> jsonschema.Draft7Validator:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA}; it lives in the shared folder beside the repository")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def sarif_run(report: Report) -> dict:
    log = json.loads(sarif.render(report, {}))
    sarif_validator().validate(log)
    assert log["version"] == "2.1.0" and log["$schema"]
    (run,) = log["runs"]
    return run


def test_sarif_of_the_seeds_is_valid_and_fully_located(seeds):
    run = sarif_run(seeds.report)
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["automationDetails"]["id"] == "factcheck/"
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert len(run["results"]) == len(seeds.report.findings) > 0
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert {"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength"} <= region.keys()


def test_sarif_regions_cover_exactly_the_flagged_text(seeds):
    run = sarif_run(seeds.report)
    texts = {document.path: document.text for document in seeds.documents.values()}
    for result, found in zip(run["results"], seeds.report.findings):
        for where, place in zip(found.locations, _sarif_locations(result)):
            text = texts[place["artifactLocation"]["uri"]]
            region = place["region"]
            assert text[region["charOffset"]:region["charOffset"] + region["charLength"]] == where.text
            line = text[line_starts(text)[region["startLine"] - 1]:]
            # endColumn is the column after the last character, so the slice by columns is the flagged text.
            assert line[region["startColumn"] - 1:region["endColumn"] - 1] == where.text


def _sarif_locations(result: dict) -> list[dict]:
    return [place["physicalLocation"] for place in result["locations"] + result.get("relatedLocations", [])]


def test_sarif_lists_every_catalogue_rule_with_its_help(seeds):
    driver = sarif_run(seeds.report)["tool"]["driver"]
    assert driver["name"] == "factcheck" and driver["semanticVersion"] == factcheck.__version__
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == [spec.code for spec in all_specs()]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for rule, spec in zip(driver["rules"], all_specs()):
        assert rule["name"] == spec.slug and rule["properties"]["tags"] == [spec.group]
        assert rule["defaultConfiguration"]["level"] == levels[spec.severity.value]
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["help"]["markdown"].startswith(f"# {spec.code} {spec.slug}")


def test_sarif_result_points_at_its_rule_and_carries_our_fingerprint():
    document = article()
    report = report_of([document], [finding(document, severity=Severity.info, fingerprint="abc123:2")])
    run = sarif_run(report)
    (result,) = run["results"]
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == "FC301"
    assert result["level"] == "note"
    assert result["partialFingerprints"] == {"primaryLocationLineHash": "abc123:2", "factcheck/v1": "abc123:2"}
    assert result["properties"]["trace"] == {"arithmetic": "12 != 13", "claims": ["x#1", "x#2"]}


def test_sarif_related_locations_follow_the_first():
    document = article()
    two = finding(document).model_copy(update={"locations": (located(document, "12%"), located(document, "3%"))})
    (result,) = sarif_run(report_of([document], [two]))["results"]
    (related,) = result["relatedLocations"]
    assert related["physicalLocation"]["region"]["startLine"] == 4 and related["message"]["text"] == "3%"


@pytest.mark.parametrize("path, expected", [
    ("articles/q3.md", {"uri": "articles/q3.md", "uriBaseId": "%SRCROOT%"}),
    ("./articles/my story.md", {"uri": "articles/my%20story.md", "uriBaseId": "%SRCROOT%"}),
    ("articles\\q3.md", {"uri": "articles/q3.md", "uriBaseId": "%SRCROOT%"}),
    ("/srv/articles/q3.md", {"uri": "file:///srv/articles/q3.md"}),
    (None, {"uri": "q3", "uriBaseId": "%SRCROOT%"}),
])
def test_sarif_uris_are_relative_posix_with_the_id_as_fallback(path, expected):
    document = article(path=path)
    (result,) = sarif_run(report_of([document], [finding(document)]))["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == expected


def test_sarif_input_errors_and_unplaced_findings_are_execution_notifications():
    document = article()
    crash = finding(None, rule="FC900", message="Rule FC101 crashed on the corpus")
    errors = [InputError(path="articles/bad.bin", message="articles/bad.bin: binary file")]
    run = sarif_run(report_of([document], [finding(document), crash], errors))
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    unreadable, crashed = invocation["toolExecutionNotifications"]
    assert unreadable["message"]["text"] == "articles/bad.bin: binary file"
    assert unreadable["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "articles/bad.bin"
    assert crashed["associatedRule"]["id"] == "FC900"
    assert [result["ruleId"] for result in run["results"]] == ["FC301"]


# --- JUnit --------------------------------------------------------------------------------------------------------

def junit_suite(report: Report) -> ET.Element:
    root = ET.fromstring(junit.render(report, {}).encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.get("name") == "factcheck"
    for element in (root, suite):
        cases = suite.findall("testcase")
        assert element.get("tests") == str(len(cases))
        assert element.get("failures") == str(sum(case.find("failure") is not None for case in cases))
        assert element.get("errors") == str(sum(case.find("error") is not None for case in cases))
    pairs = [(case.get("classname"), case.get("name")) for case in suite.findall("testcase")]
    assert len(pairs) == len(set(pairs)), "GitLab keeps only the first of test cases sharing classname and name"
    return suite


def test_junit_has_one_case_per_document_and_one_failure_per_finding(seeds):
    suite = junit_suite(seeds.report)
    assert suite.get("tests") == str(len(seeds.report.documents))
    assert suite.get("errors") == "0"
    assert sum(len(case.findall("failure")) for case in suite) == len(seeds.report.findings)
    passing = [case for case in suite if not len(case)]
    assert passing and all(case.get("classname").startswith("seeds/") for case in passing)


def test_junit_failure_names_rule_place_and_trace():
    document = article()
    suite = junit_suite(report_of([document], [finding(document, message="Stated 12% is wrong")]))
    (failure,) = suite.iter("failure")
    assert failure.get("type") == "FC301" and failure.get("message") == "FC301 Stated 12% is wrong"
    assert failure.text.splitlines()[0] == "articles/q3.md:3:14: FC301 [warning] Stated 12% is wrong"
    assert "arithmetic: 12 != 13" in failure.text and "claims: x#1, x#2" in failure.text


def test_junit_input_errors_are_error_cases_and_duplicate_paths_stay_unique():
    first, second = article(document_id="q3"), article(document_id="articles/q3.md")
    errors = [InputError(path="bad.bin", message="binary file"), InputError(path="bad.bin", message="binary file")]
    suite = junit_suite(report_of([first, second], [finding(first), finding(second)], errors))
    assert suite.get("tests") == "4" and suite.get("failures") == "2" and suite.get("errors") == "2"
    assert [case.get("name") for case in suite] == ["articles/q3.md", "articles/q3.md #2", "bad.bin", "bad.bin #2"]


def test_junit_strips_characters_xml_cannot_hold():
    document = article(text="Exports\x0b rose 12% to $4.2 billion.\n")
    message = "12%\x0b is \x01odd \ud800here"
    suite = junit_suite(report_of([document], [finding(document, "\x0b rose 12%", message=message)]))
    (failure,) = suite.iter("failure")
    assert failure.get("message") == "FC301 12% is odd here"
    assert "12% is odd here" in failure.text


def test_junit_finding_without_a_place_gets_its_own_case():
    crash = finding(None, rule="FC900", message="Rule FC101 crashed on the corpus")
    suite = junit_suite(report_of([article()], [crash]))
    assert [(case.get("name"), len(case)) for case in suite] == [("articles/q3.md", 0), ("(corpus)", 1)]


# --- GitHub annotations -------------------------------------------------------------------------------------------

def test_github_escapes_message_and_properties_like_the_toolkit():
    assert github.escape_data("100% up\r\nnext") == "100%25 up%0D%0Anext"
    assert github.escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"
    assert github.escape_data("%0A") == "%250A", "% is escaped first, so existing escapes are not decoded"


def test_github_escapes_a_path_and_title_with_separators():
    document = article(path="news/q3: part 1, final%.md")
    line = github.render(report_of([document], [finding(document, message="up 12%\nsee below")]), {})
    assert line == ("::warning file=news/q3%3A part 1%2C final%25.md,line=3,endLine=3,col=14,endColumn=17,"
                    "title=factcheck FC301 (unsupported-figure)::up 12%25%0Asee below\n")


@pytest.mark.parametrize("severity, command", [(Severity.error, "::error "), (Severity.warning, "::warning "),
                                               (Severity.info, "::notice ")])
def test_github_maps_severity_to_command(severity, command):
    document = article()
    assert github.render(report_of([document], [finding(document, severity=severity)]), {}).startswith(command)


def test_github_drops_columns_for_a_span_across_lines():
    document = article()
    line = github.render(report_of([document], [finding(document, needle="2024.\nProfit")]), {})
    assert "line=3,endLine=4,title=" in line and "col=" not in line


def test_github_annotates_input_errors_and_summarises_in_markdown(seeds):
    error = InputError(path="bad.bin", message="binary file")
    assert github.render(report_of([], [], [error]), {}) == \
        "::error file=bad.bin,title=factcheck%3A unreadable input::binary file\n"
    summary = github.step_summary(seeds.report)
    assert summary.startswith("## factcheck: ") and "| severity | location | rule | message |" in summary


# --- GitLab Code Quality ------------------------------------------------------------------------------------------

def test_gitlab_issues_have_the_fields_gitlab_reads(seeds):
    output = gitlab.render(seeds.report, {})
    assert not output.startswith("\ufeff")
    issues = json.loads(output)
    assert isinstance(issues, list) and len(issues) == len(seeds.report.findings)
    for issue, found in zip(issues, seeds.report.findings):
        assert issue["description"] == found.message and issue["check_name"] == found.rule
        assert issue["severity"] in {"info", "minor", "major"}
        assert not Path(issue["location"]["path"]).is_absolute()
        assert issue["location"]["lines"]["begin"] == issue["location"]["positions"]["begin"]["line"] >= 1
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_gitlab_maps_severity_and_keeps_shared_fingerprints_apart():
    document = article()
    findings = [finding(document, severity=Severity.info), finding(document, "3%", severity=Severity.warning),
                finding(document, "$1.1 billion", severity=Severity.error)]
    errors = [InputError(path="bad.bin", message="binary file")]
    issues = json.loads(gitlab.render(report_of([document], findings, errors), {}))
    assert [issue["severity"] for issue in issues] == ["info", "minor", "major", "major"]
    assert [issue["fingerprint"] for issue in issues[:3]] == ["f1", "f1-2", "f1-3"]
    assert issues[3]["check_name"] == "input-error" and issues[3]["location"]["path"] == "bad.bin"


# --- Markdown -----------------------------------------------------------------------------------------------------

def test_markdown_heading_counts_and_rows_sorted_by_file():
    first, second = article(path="b.md", document_id="b"), article(path="a.md", document_id="a")
    findings = [finding(first, severity=Severity.error), finding(second, "3%"), finding(second, "12%")]
    lines = markdown.render(report_of([first, second], findings), {}).splitlines()
    assert lines[0] == "## factcheck: 3 findings (1 error, 2 warning) in 2 documents"
    assert [line.split(" | ")[1] for line in lines[4:]] == ["a.md:3:14", "a.md:4:13", "b.md:3:14"]


def test_markdown_escapes_cells():
    document = article()
    message = "a|b\\|c\nd <script>"
    output = markdown.render(report_of([document], [finding(document, message=message)]), {})
    assert output.splitlines()[-1].endswith(" | a\\|b\\\\\\|c<br>d &lt;script&gt; |")


def test_markdown_says_when_there_is_nothing_to_report():
    error = InputError(path="bad.bin", message="binary file")
    output = markdown.render(report_of([article()], [], [error]), {})
    assert output == ("## factcheck: 0 findings in 1 document\n\nNo findings in 1 document.\n\n"
                      "### 1 unreadable input\n\n- bad.bin: binary file\n")


# --- golden files -------------------------------------------------------------------------------------------------

def golden_outputs(run: CheckRun) -> dict[str, str]:
    report = run.report.model_copy(update={"tool": Tool(version=GOLDEN_VERSION)})
    return {f"seeds.{suffix}": module.render(report, run.documents) for suffix, module in GOLDEN_FORMATS.items()}


@pytest.fixture(scope="module")
def golden(seeds) -> dict[str, str]:
    return golden_outputs(seeds)


@pytest.mark.parametrize("name", [f"seeds.{suffix}" for suffix in GOLDEN_FORMATS])
def test_output_matches_golden_file(golden, name):
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert golden[name] == expected, \
        f"{name} changed; if intended, run `python -m tests.test_formats --regenerate` and review the diff"


def regenerate() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name, content in golden_outputs(seeds_run()).items():
        (GOLDEN / name).write_text(content, encoding="utf-8", newline="")
        print(f"wrote {GOLDEN / name}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--regenerate"]:
        sys.exit("usage: python -m tests.test_formats --regenerate")
    regenerate()
