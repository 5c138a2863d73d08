"""The command line: `factcheck extract`, `factcheck schema`. Exit codes: 0 ok, 1 findings, 2 input or usage error."""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from .__about__ import __version__
from .models import Claim, Report
from .report import build_report
from .runner import extract_paths

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


@cli.command()
@click.option("--report", "which", flag_value="report", help="The report document (factcheck-report/1).")
@click.option("--claim", "which", flag_value="claim", default=True, help="The claim record (default).")
def schema(which: str) -> None:
    """Print the JSON Schema of the claim record or of the report."""
    model = Report if which == "report" else Claim
    click.echo(json.dumps(model.model_json_schema(by_alias=True), indent=2))


def main() -> None:
    cli(prog_name="factcheck")
