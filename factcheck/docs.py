"""Rule pages, generated from the rule files and their check kinds; never written by hand."""

from __future__ import annotations

from .checks import registry
from .rulebook import RuleSpec


def rule_page(spec: RuleSpec) -> str:
    """The Markdown page of a rule, in ruff's sections."""
    sections = [
        f"# {spec.code} {spec.slug}",
        f"Group: {spec.group} · Severity: {spec.severity.value} · Check kind: `{spec.kind}`",
        "## What it does\n" + _prose(spec.docs.what),
        "## Why is this bad?\n" + _prose(spec.docs.why),
        "## How to fix\n" + _prose(spec.docs.how_to_fix),
    ]
    if spec.examples.flagged:
        sections.append("## Example\n" + "\n".join(_example(e.text, e.published, e.expect)
                                                   for e in spec.examples.flagged))
    if spec.examples.ok:
        sections.append("## Use instead\n" + "\n".join(_example(e.text, e.published) for e in spec.examples.ok))
    options = _options(spec)
    if options:
        sections.append("## Options\n" + options)
    if spec.docs.references:
        sections.append("## References\n" + "\n".join(f"- {reference}" for reference in spec.docs.references))
    return "\n\n".join(sections) + "\n"


def _prose(text: str) -> str:
    return " ".join(text.split())


def _example(text: str, published, expect: tuple[str, ...] = ()) -> str:
    lines = ["```text", text, "```"]
    if published:
        lines.insert(0, f"Published {published.isoformat()}:")
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
