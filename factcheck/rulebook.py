"""The rule catalogue: rules/<group>/FCnnn.yml files validated into RuleSpec records and bound to check kinds."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .checks import CheckKind, CheckOptions, registry
from .errors import RuleDefinitionError
from .models import Category, Severity
from .resources import read_yaml, rules_dir

GROUP_RANGES = {"internal": 1, "cross": 2, "support": 3, "hygiene": 4, "engine": 9}
CATEGORIES = {"internal": Category.internal, "cross": Category.cross_document, "support": Category.unsupported,
              "hygiene": Category.hygiene, "engine": Category.engine}
_CODE = re.compile(r"^FC(\d)\d\d$")
_SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleDocs(Spec):
    what: str
    why: str
    how_to_fix: str
    references: tuple[str, ...] = ()


class ExampleDocument(Spec):
    text: str
    published: date | None = None
    format: Literal["text", "markdown", "html"] = "text"


class OkExample(Spec):
    """An example that must give no finding: one text, or several articles for cross-article rules, optionally
    with reference figures."""

    text: str | None = None
    published: date | None = None
    format: Literal["text", "markdown", "html"] = "text"
    documents: tuple[ExampleDocument, ...] = ()
    references: tuple[dict[str, Any], ...] = ()

    @model_validator(mode="after")
    def _one_source(self) -> OkExample:
        if (self.text is None) == (not self.documents):
            raise ValueError("an example has either `text` or `documents`")
        return self

    def articles(self) -> tuple[ExampleDocument, ...]:
        if self.documents:
            return self.documents
        return (ExampleDocument(text=self.text or "", published=self.published, format=self.format),)


class FlaggedExample(OkExample):
    expect: tuple[str, ...] = Field(min_length=1)
    """The text each finding of the rule must land on."""


class Examples(Spec):
    flagged: tuple[FlaggedExample, ...] = ()
    ok: tuple[OkExample, ...] = ()

    @field_validator("ok", mode="before")
    @classmethod
    def _plain_strings(cls, value: Any) -> Any:
        return [{"text": item} if isinstance(item, str) else item for item in value or ()]


class RuleSpec(Spec):
    code: str
    slug: str
    group: Literal["internal", "cross", "support", "hygiene", "engine"]
    kind: str
    severity: Severity
    message: str
    fix: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)
    docs: RuleDocs
    examples: Examples = Examples()
    aliases: tuple[str, ...] = ()

    @field_validator("code")
    @classmethod
    def _code_format(cls, value: str) -> str:
        if not _CODE.match(value):
            raise ValueError(f"code {value!r} is not FC followed by three digits")
        return value

    @field_validator("slug")
    @classmethod
    def _slug_format(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError(f"slug {value!r} is not kebab-case")
        return value

    @property
    def category(self) -> Category:
        return CATEGORIES[self.group]


class Rule(BaseModel):
    """A rule bound to its check kind, with its options validated."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    spec: RuleSpec
    check: CheckKind
    options: CheckOptions
    path: Path | None = None

    @property
    def code(self) -> str:
        return self.spec.code


ENGINE_KIND = "engine"
"""FC9xx rules describe what the engine reports about itself; they bind to no check."""


def load_rule_file(path: Path, kinds: dict[str, CheckKind] | None = None) -> Rule | None:
    """One rule file, validated: unknown keys, bad codes and option typos fail here, naming the file."""
    kinds = kinds if kinds is not None else registry()
    try:
        raw = read_yaml(path.read_text(encoding="utf-8"))
        spec = RuleSpec.model_validate(raw)
    except (yaml.YAMLError, ValidationError, OSError) as error:
        raise RuleDefinitionError(f"{path}: {_first_error(error)}") from None
    _check_placement(spec, path)
    if spec.kind == ENGINE_KIND:
        return None
    kind = kinds.get(spec.kind)
    if kind is None:
        raise RuleDefinitionError(f"{path}: kind {spec.kind!r} is not a known check kind")
    return Rule(spec=spec, check=kind, options=bind_options(kind, spec.options, str(path)), path=path)


def bind_options(kind: CheckKind, options: dict[str, Any], where: str) -> CheckOptions:
    try:
        return kind.options.model_validate(options)
    except ValidationError as error:
        raise RuleDefinitionError(f"{where}: options: {_first_error(error)}") from None


def _first_error(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        location = ".".join(str(part) for part in first["loc"])
        return f"{location}: {first['msg']}" if location else first["msg"]
    return str(error).splitlines()[0]


def _check_placement(spec: RuleSpec, path: Path) -> None:
    if path.stem != spec.code:
        raise RuleDefinitionError(f"{path}: file name must be the rule code {spec.code}.yml")
    if int(spec.code[2]) != GROUP_RANGES[spec.group]:
        raise RuleDefinitionError(f"{path}: code {spec.code} is outside the {spec.group} range "
                                  f"FC{GROUP_RANGES[spec.group]}xx")


def rule_files(folders: Iterable[Path]) -> list[Path]:
    return sorted(path for folder in folders for path in Path(folder).glob("*/FC*.yml"))


def load_rules(extra_folders: Iterable[str | Path] = ()) -> list[Rule]:
    """The built-in catalogue plus rules from extra folders (each laid out as <group>/FCnnn.yml)."""
    return list(_load(tuple(str(folder) for folder in extra_folders)))


@cache
def _load(extra_folders: tuple[str, ...]) -> tuple[Rule, ...]:
    rules: dict[str, Rule] = {}
    for path in rule_files([rules_dir(), *map(Path, extra_folders)]):
        rule = load_rule_file(path)
        if rule is None:
            continue
        if rule.code in rules:
            raise RuleDefinitionError(f"{path}: code {rule.code} is already defined by {rules[rule.code].path}")
        rules[rule.code] = rule
    return tuple(sorted(rules.values(), key=lambda rule: rule.code))


@cache
def all_specs() -> tuple[RuleSpec, ...]:
    """Every rule of the built-in catalogue, engine rules included, for docs and the rules table."""
    specs = []
    for path in rule_files([rules_dir()]):
        spec = RuleSpec.model_validate(read_yaml(path.read_text(encoding="utf-8")))
        specs.append(spec)
    return tuple(sorted(specs, key=lambda spec: spec.code))


def spec_for(code: str) -> RuleSpec | None:
    wanted = code.upper()
    return next((spec for spec in all_specs() if spec.code == wanted or spec.slug == code.lower()), None)


def select(rules: Iterable[Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """Rules chosen by code, code prefix ('FC1'), slug or group; ignore wins over select."""
    chosen = [rule for rule in rules if not select or any(_matches(rule.spec, s) for s in select)]
    return [rule for rule in chosen if not any(_matches(rule.spec, i) for i in ignore)]


def _matches(spec: RuleSpec, selector: str) -> bool:
    selector = selector.strip()
    return (spec.code.startswith(selector.upper()) or selector.lower() in (spec.slug, spec.group, "all")
            or selector.upper() in spec.aliases)
