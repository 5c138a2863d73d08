"""The command line: `factcheck extract`, `factcheck schema`. Exit codes: 0 ok, 1 findings, 2 input or usage error."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

import click

from .__about__ import __version__, build_kind
from .config import Config
from .errors import FactcheckError
from .models import Claim, Report, Severity, UnitMention
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
@click.version_option(__version__, prog_name="factcheck", message=f"%(prog)s %(version)s ({build_kind()} extraction)")
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
FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab", "markdown", "html")


def _check_options(command):
    """Options shared by `check` and `baseline create`."""
    for option in reversed([
        click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True)),
        click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
                     help="Use this configuration file instead of discovering one."),
        click.option("--published", callback=_parse_date, metavar="YYYY-MM-DD",
                     help="Publication date for articles that state none."),
        click.option("--select", multiple=True, metavar="RULE",
                     help="Run only these rules (code, prefix, slug, group)."),
        click.option("--ignore", multiple=True, metavar="RULE", help="Skip these rules (code, prefix, slug, group)."),
        click.option("--against", metavar="STORE", help="Also compare with the articles in this claim store."),
        click.option("--references", metavar="FILE", help="Verify figures against this reference file."),
    ]):
        command = option(command)
    return command


def _config(paths: tuple[str, ...], config_path: str | None, **flags) -> Config:
    from .config import discover, load_config

    found = Path(config_path) if config_path else discover(Path(paths[0]) if paths else Path.cwd())
    base = load_config(found) if found else Config()
    flags["select"], flags["ignore"] = _split(flags.get("select", ())), _split(flags.get("ignore", ()))
    flags["store"] = flags.pop("against", None)
    return base.merged(**flags)


@cli.command()
@_check_options
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              envvar="FACTCHECK_FORMAT")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="Write to a file.")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error"]),
              help="Exit 1 when a finding has at least this severity [default: error].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--baseline", metavar="FILE", help="Do not report findings listed in this baseline.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Read articles in this many processes; the output does not depend on it.")
def check(paths: tuple[str, ...], config_path: str | None, fmt: str, output, fail_on: str | None, exit_zero: bool,
          baseline: str | None, jobs: int, **flags) -> None:
    """Check the numbers in articles (files or folders) and report findings."""
    try:
        config = _config(paths, config_path, fail_on=fail_on, baseline=baseline, **flags)
        run = run_check(list(paths), config=config, progress=_progress(paths), jobs=jobs)
    except FactcheckError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    for error in run.report.errors:
        click.echo(f"error: {error.message}", err=True)
    output.write(_render(run, fmt, output))
    if fmt == "github":
        _write_step_summary(run.report)
    sys.exit(_exit_code(run.report, Severity(config.fail_on), exit_zero))


@cli.group()
def baseline() -> None:
    """Record today's findings so that CI reports only new ones."""


@baseline.command("create")
@_check_options
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="factcheck-baseline.json",
              show_default=True, help="Where to write the baseline.")
def baseline_create(paths: tuple[str, ...], config_path: str | None, output: str, **flags) -> None:
    """Write every current finding's fingerprint to a baseline file."""
    from .suppress import Baseline

    try:
        config = _config(paths, config_path, **flags).model_copy(update={"baseline": None})
        run = run_check(list(paths), config=config)
    except FactcheckError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    Path(output).write_text(Baseline.of(run.report.findings).dump(), encoding="utf-8")
    click.echo(f"{len(run.report.findings)} findings written to {output}")
    sys.exit(EXIT_ERROR if run.report.errors else EXIT_OK)


def _split(selectors: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for item in selectors for part in item.split(",") if part.strip())


def _progress(paths: tuple[str, ...]):
    """A progress bar on a terminal for long runs; nothing in CI or when stderr is redirected."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from .ingest import iter_paths

    total = sum(1 for _ in iter_paths(paths))
    if total < _PROGRESS_MIN_FILES:
        return None
    bar = click.progressbar(length=total, label="checking", file=sys.stderr)
    bar.__enter__()

    def advance(_path: str) -> None:
        bar.update(1)
        if bar.pos >= total:
            bar.__exit__(None, None, None)

    return advance


_PROGRESS_MIN_FILES = 20


def _render(run, fmt: str, output) -> str:
    import importlib

    renderer = importlib.import_module(f".report.{fmt}", __package__)
    if fmt == "text":
        return renderer.render(run.report, run.documents, color=output.isatty())
    return renderer.render(run.report, run.documents)


def _write_step_summary(report: Report) -> None:
    """GitHub shows only 10 annotations of each level per step; the job summary lists everything."""
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary_path:
        return
    from .report import github

    with open(summary_path, "a", encoding="utf-8") as handle:
        handle.write(github.step_summary(report))


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
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Read articles in this many processes.")
def index(paths: tuple[str, ...], store: str, published: date | None, jobs: int) -> None:
    """Add articles' claims to a claim store, for `check --against`."""
    from .runner import index_paths

    try:
        stats, errors = index_paths(paths, store, published=published, jobs=jobs)
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
@click.option("--mention", "which", flag_value="mention", help="The unit mention record (a unit with no figure).")
def schema(which: str) -> None:
    """Print the JSON Schema of the claim record, the unit mention record or the report."""
    model = {"report": Report, "mention": UnitMention}.get(which, Claim)
    click.echo(json.dumps(model.model_json_schema(by_alias=True), indent=2))


def main() -> None:
    cli(prog_name="factcheck")
