"""Rule pages, generated from the rule files and their check kinds; never written by hand.

`python -m factcheck.docs [DOCS]` writes one page per rule and an index into DOCS/rules, and the JSON Schemas
of the public records into DOCS/schema.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .checks import registry
from .rulebook import RuleSpec, all_specs


def rule_page(spec: RuleSpec) -> str:
    """The Markdown page of a rule, in ruff's sections."""
    sections = [
        f"# {spec.code} {spec.slug}",
        f"Group: {spec.group} · Severity: {spec.severity.value} · Check kind: `{spec.kind}`",
        "## What it does\n" + _prose(spec.docs.what),
        "## Why is this bad?\n" + _prose(spec.docs.why),
        "## How to fix\n" + _prose(spec.docs.how_to_fix) + (f"\n\nIn short: {spec.fix}" if spec.fix else ""),
    ]
    if spec.examples.flagged:
        sections.append("## Example\n" + "\n".join(_example(e, e.expect) for e in spec.examples.flagged))
    if spec.examples.ok:
        sections.append("## Use instead\n" + "\n".join(_example(e) for e in spec.examples.ok))
    options = _options(spec)
    if options:
        sections.append("## Options\n" + options)
    if spec.docs.references:
        sections.append("## References\n" + "\n".join(f"- {reference}" for reference in spec.docs.references))
    return "\n\n".join(sections) + "\n"


def _prose(text: str) -> str:
    return " ".join(text.split())


def _example(example, expect: tuple[str, ...] = ()) -> str:
    lines = []
    articles = example.articles()
    for index, article in enumerate(articles):
        name = f"Article {chr(ord('a') + index)}" if len(articles) > 1 else "Published"
        if article.published or len(articles) > 1:
            date_note = f" ({article.published.isoformat()})" if article.published else ""
            lines.append(f"{name}{date_note}:" if len(articles) > 1 else f"Published {article.published}:")
        lines.extend(["```text", article.text, "```"])
    for reference in example.references:
        lines.append("Reference: " + ", ".join(f"{key}={value}" for key, value in reference.items()))
    if expect:
        lines.append("Flagged on: " + ", ".join(f"`{item}`" for item in expect))
    return "\n".join(lines)


def _options(spec: RuleSpec) -> str:
    kind = registry().get(spec.kind)
    if kind is None or not kind.options.model_fields:
        return ""
    lines = []
    for name, field in kind.options.model_fields.items():
        value = spec.options.get(name, field.default)
        lines.append(f"- `{name}` (default `{value}`): {field.description or ''}".rstrip())
    return "\n".join(lines)


def rule_index(specs: tuple[RuleSpec, ...]) -> str:
    lines = ["# Rules", "", "Generated from `rules/` by `python -m factcheck.docs`; do not edit by hand.", "",
             "| code | name | group | severity | what it flags |", "|---|---|---|---|---|"]
    for spec in specs:
        what = _prose(spec.docs.what).replace("|", "\\|")
        lines.append(f"| [{spec.code}]({spec.code}.md) | {spec.slug} | {spec.group} | {spec.severity.value} | {what} |")
    return "\n".join(lines) + "\n"


def generated_pages() -> dict[str, str]:
    """File name -> content of every generated rule page and the index."""
    specs = all_specs()
    pages = {f"{spec.code}.md": rule_page(spec) for spec in specs}
    pages["index.md"] = rule_index(specs)
    return pages


def generated_schemas() -> dict[str, str]:
    """File name -> JSON Schema of the public records."""
    from .models import Claim, Report, UnitMention

    records = (("claim.schema.json", Claim), ("report.schema.json", Report), ("unit-mention.schema.json", UnitMention))
    return {name: json.dumps(model.model_json_schema(by_alias=True), indent=2) + "\n" for name, model in records}


def write_pages(docs: Path) -> None:
    """Regenerate docs/rules/ and docs/schema/."""
    for folder, files in ((docs / "rules", generated_pages()), (docs / "schema", generated_schemas())):
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (folder / name).write_text(content, encoding="utf-8")


if __name__ == "__main__":
    write_pages(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
