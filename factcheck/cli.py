"""The command line: `factcheck extract`, `factcheck schema`. Exit codes: 0 ok, 1 findings, 2 input or usage error."""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from .__about__ import __version__
from .config import Config
from .errors import FactcheckError
from .models import Claim, Report, Severity
from .report import build_report
from .runner import extract_paths, run_check

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
def cli() -> None:
    """Check the numbers in news articles."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True))
@click.option("--format", "-f", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("--published", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Publication date for articles that state none.")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="Write to a file.")
def extract(paths: tuple[str, ...], fmt: str, published: date | None, output) -> None:
    """Extract the numeric claims of articles (files or folders)."""
    result = extract_paths(paths, published=published)
    report = build_report(result.documents, result.claims, errors=result.errors)
    for error in result.errors:
        click.echo(f"error: {error.message}", err=True)
    if fmt == "json":
        from .report import json as renderer

        output.write(renderer.render(report))
    else:
        from .report import table

        output.write(table.render(report, {d.id: d.text for d in result.documents}))
    sys.exit(EXIT_ERROR if result.errors else EXIT_OK)


_SEVERITY_ORDER = {Severity.info: 0, Severity.warning: 1, Severity.error: 2}


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True))
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--published", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Publication date for articles that state none.")
@click.option("--select", multiple=True, metavar="RULE", help="Run only these rules (code, prefix, slug, group).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Skip these rules (code, prefix, slug, group).")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error"]), default="error", show_default=True,
              help="Exit 1 when a finding has at least this severity.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--against", metavar="STORE", help="Also compare with the articles in this claim store.")
@click.option("--references", metavar="FILE", help="Verify figures against this reference file (CSV or YAML).")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="Write to a file.")
def check(paths: tuple[str, ...], fmt: str, published: date | None, select: tuple[str, ...],
          ignore: tuple[str, ...], fail_on: str, exit_zero: bool, against: str | None, references: str | None,
          output) -> None:
    """Check the numbers in articles (files or folders) and report findings."""
    try:
        run = run_check(list(paths), config=Config(select=_split(select), ignore=_split(ignore),
                                                   published=published, store=against, references=references))
    except FactcheckError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    for error in run.report.errors:
        click.echo(f"error: {error.message}", err=True)
    output.write(_render(run, fmt, output))
    sys.exit(_exit_code(run.report, Severity(fail_on), exit_zero))


def _split(selectors: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for item in selectors for part in item.split(",") if part.strip())


def _render(run, fmt: str, output) -> str:
    if fmt == "json":
        from .report import json as renderer

        return renderer.render(run.report)
    from .report import text

    return text.render(run.report, run.documents, color=output.isatty())


def _exit_code(report: Report, fail_on: Severity, exit_zero: bool) -> int:
    if report.errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    threshold = _SEVERITY_ORDER[fail_on]
    failing = any(_SEVERITY_ORDER[finding.severity] >= threshold for finding in report.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True))
@click.option("--store", required=True, metavar="FILE", help="The claim store (SQLite); created when missing.")
@click.option("--published", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Publication date for articles that state none.")
def index(paths: tuple[str, ...], store: str, published: date | None) -> None:
    """Add articles' claims to a claim store, for `check --against`."""
    from .runner import index_paths

    try:
        stats, errors = index_paths(paths, store, published=published)
    except (FactcheckError, OSError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    for error in errors:
        click.echo(f"error: {error.message}", err=True)
    click.echo(f"{stats.added} added, {stats.replaced} replaced, {stats.unchanged} unchanged; "
               f"{stats.claims} claims stored in {store}")
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


@cli.command()
@click.option("--group", type=click.Choice(["internal", "cross", "support", "hygiene", "engine"]),
              help="Only this group.")
def rules(group: str | None) -> None:
    """List the rule catalogue."""
    from .rulebook import all_specs

    specs = [spec for spec in all_specs() if group is None or spec.group == group]
    width = max(len(spec.slug) for spec in specs)
    click.echo(f"{'code':6} {'name':{width}} {'group':9} {'severity':8} what")
    for spec in specs:
        summary = " ".join(spec.docs.what.split())
        click.echo(f"{spec.code:6} {spec.slug:{width}} {spec.group:9} {spec.severity.value:8} {summary[:100]}")


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print a rule's page: what it flags, why, how to fix, options and examples."""
    from .docs import rule_page
    from .rulebook import spec_for

    spec = spec_for(code)
    if spec is None:
        click.echo(f"error: no rule {code!r}; see `factcheck rules`", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(rule_page(spec))


@cli.command()
@click.option("--report", "which", flag_value="report", help="The report document (factcheck-report/1).")
@click.option("--claim", "which", flag_value="claim", default=True, help="The claim record (default).")
def schema(which: str) -> None:
    """Print the JSON Schema of the claim record or of the report."""
    model = Report if which == "report" else Claim
    click.echo(json.dumps(model.model_json_schema(by_alias=True), indent=2))


def main() -> None:
    cli(prog_name="factcheck")
