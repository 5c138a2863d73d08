"""Run configuration: which rules, with which options. Files and discovery come on top of this model."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .checks import registry
from .errors import RuleDefinitionError
from .rulebook import Rule, bind_options, load_rules, select


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    select: tuple[str, ...] = ()
    """Rules to run, by code, code prefix, slug or group; empty means all."""
    ignore: tuple[str, ...] = ()
    """Rules to skip; wins over select."""
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Per-rule option overrides, keyed by code or slug: {"FC103": {"tolerance_pp": 1.0}}."""
    rule_paths: tuple[str, ...] = ()
    """Extra rule folders laid out like rules/ (<group>/FCnnn.yml)."""
    published: date | None = None
    """Publication date for articles that state none."""
    store: str | None = None
    """A claim store (SQLite file written by `factcheck index`) to check articles against."""
    references: str | None = None
    """A reference-figures file (CSV or YAML) that claims are verified against."""
    aliases: dict[str, list[str]] = Field(default_factory=dict)
    """Extra subject aliases: canonical name -> other names."""


def configured_rules(config: Config) -> list[Rule]:
    rules = select(load_rules(config.rule_paths), config.select, config.ignore)
    return [_with_overrides(rule, config) for rule in rules]


def _with_overrides(rule: Rule, config: Config) -> Rule:
    overrides = config.rules.get(rule.code) or config.rules.get(rule.spec.slug)
    if not overrides:
        return rule
    kind = registry()[rule.spec.kind]
    merged = {**rule.spec.options, **overrides}
    try:
        options = bind_options(kind, merged, f"configuration for {rule.code}")
    except RuleDefinitionError as error:
        from .errors import ConfigError

        raise ConfigError(str(error)) from None
    return rule.model_copy(update={"options": options})
