"""Run configuration: which rules, with which options, and where the files are.

Read from `[tool.factcheck]` in pyproject.toml or from .factcheck.toml, the closest one found walking up from
the checked path; `--config FILE` replaces discovery and command-line flags win over both. Unknown keys are
errors that name the key.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .checks import registry
from .errors import ConfigError, RuleDefinitionError
from .rulebook import Rule, bind_options, load_rules, select

CONFIG_FILES = (".factcheck.toml", "pyproject.toml")


class Override(BaseModel):
    """Settings for some paths only, chosen with gitignore-style globs: `paths = ["archive/**"]`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    paths: tuple[str, ...]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


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
    overrides: tuple[Override, ...] = ()
    """Per-path rule selection."""
    fail_on: Literal["info", "warning", "error"] = "error"
    """Exit 1 when a finding has at least this severity."""
    baseline: str | None = None
    """A baseline file: findings already in it are not reported."""
    base_dir: str | None = Field(None, exclude=True)
    """Folder of the configuration file, which relative paths in it are resolved against."""

    def merged(self, **flags: Any) -> Config:
        """This configuration with command-line values laid over it (None and empty mean 'not given')."""
        given = {key: value for key, value in flags.items() if value not in (None, (), [], {})}
        return self.model_copy(update=given)


def discover(start: Path) -> Path | None:
    """The closest .factcheck.toml, or pyproject.toml with a [tool.factcheck] table, at or above ``start``."""
    folder = start.resolve()
    folder = folder if folder.is_dir() else folder.parent
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        return "factcheck" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError):
        return False


def load_config(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read ({error.strerror or error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    table = data.get("tool", {}).get("factcheck", {}) if path.name == "pyproject.toml" else data
    try:
        config = Config.model_validate(table)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"{path}: {key}: {first['msg']}") from None
    return _relative_to(config, path.parent)


def _relative_to(config: Config, folder: Path) -> Config:
    def resolve(value: str | None) -> str | None:
        return None if value is None else str(folder / value)

    return config.model_copy(update={
        "store": resolve(config.store), "references": resolve(config.references), "baseline": resolve(config.baseline),
        "rule_paths": tuple(str(folder / path) for path in config.rule_paths), "base_dir": str(folder),
    })


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
        raise ConfigError(str(error)) from None
    return rule.model_copy(update={"options": options})
