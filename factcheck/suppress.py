"""What is not reported: inline directives, per-path overrides and the baseline.

Directives are HTML comments, invisible in rendered Markdown and HTML (in plain text, on a line of their own):
    <!-- factcheck: disable=FC101,FC3 --> ... <!-- factcheck: enable=FC101,FC3 -->
    <!-- factcheck: disable-next-line=FC301 -->
Selectors are codes, code prefixes, slugs, groups or `all`, as for --select.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .config import Config
from .errors import ConfigError
from .models import Document, Finding
from .rulebook import all_specs
from .segment import line_and_column, line_starts

BASELINE_SCHEMA = "factcheck-baseline/1"
_DIRECTIVE = re.compile(r"<!--\s*factcheck:\s*(disable-next-line|disable|enable)\s*=\s*([\w,\s-]+?)\s*-->", re.I)


@dataclass(frozen=True)
class _Silence:
    start: int
    end: int
    selectors: tuple[str, ...]


def directives(document: Document) -> list[_Silence]:
    """The stretches of a document where some rules are disabled."""
    text = document.text
    starts = line_starts(text)
    silences, open_ranges = [], {}
    for match in _DIRECTIVE.finditer(text):
        if document.format == "text" and not _alone_on_its_line(text, match):
            continue
        action, selectors = match.group(1).lower(), _selectors(match.group(2))
        if action == "disable-next-line":
            line, _ = line_and_column(starts, match.end())
            if line < len(starts):
                following_end = starts[line + 1] if line + 1 < len(starts) else len(text)
                silences.append(_Silence(starts[line], following_end, selectors))
        elif action == "disable":
            open_ranges.update({selector: match.end() for selector in selectors})
        else:
            for selector in selectors:
                if selector in open_ranges:
                    silences.append(_Silence(open_ranges.pop(selector), match.start(), (selector,)))
    silences.extend(_Silence(start, len(text), (selector,)) for selector, start in open_ranges.items())
    return silences


def _alone_on_its_line(text: str, match: re.Match[str]) -> bool:
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start:match.start()].strip() and not text[match.end():line_end].strip()


def _selectors(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def _applies(selector: str, finding: Finding) -> bool:
    lowered = selector.lower()
    if lowered == "all" or finding.rule.startswith(selector.upper()) or lowered == finding.name:
        return True
    return any(spec.code == finding.rule and spec.group == lowered for spec in all_specs())


def silenced(finding: Finding, silences: dict[str, list[_Silence]]) -> bool:
    if not finding.locations:
        return False
    primary = finding.locations[0]
    return any(silence.start <= primary.start < silence.end and any(_applies(s, finding) for s in silence.selectors)
               for silence in silences.get(primary.document, ()))


def by_path(finding: Finding, config: Config) -> bool:
    """Whether a per-path override turns this finding's rule off for its file."""
    if not config.overrides or not finding.locations or not finding.locations[0].path:
        return False
    path = _relative(finding.locations[0].path, config.base_dir)
    for override in config.overrides:
        if _spec(override.paths).match_file(path):
            if override.ignore and any(_applies(s, finding) for s in override.ignore):
                return True
            if override.select and not any(_applies(s, finding) for s in override.select):
                return True
    return False


@cache
def _spec(patterns: tuple[str, ...]):
    import pathspec

    return pathspec.PathSpec.from_lines("gitignore", patterns)


def _relative(path: str, base: str | None) -> str:
    candidate = Path(path)
    if base and candidate.is_absolute():
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            return candidate.as_posix()
    return candidate.as_posix()


class BaselineEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fingerprint: str
    rule: str
    path: str | None = None
    message: str


class Baseline(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_: str = BASELINE_SCHEMA
    findings: tuple[BaselineEntry, ...] = ()

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Baseline:
        return cls(findings=tuple(BaselineEntry(fingerprint=f.fingerprint, rule=f.rule, message=f.message,
                                                path=f.locations[0].path if f.locations else None)
                                  for f in findings))

    def dump(self) -> str:
        data = {"schema": self.schema_, "findings": [entry.model_dump() for entry in self.findings]}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def load_baseline(path: str | Path) -> Baseline:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("schema") != BASELINE_SCHEMA:
            raise ConfigError(f"{path}: not a factcheck baseline (schema {data.get('schema')!r})")
        return Baseline(findings=tuple(BaselineEntry.model_validate(entry) for entry in data.get("findings", [])))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read baseline ({error.strerror or error})") from None
    except (json.JSONDecodeError, ValidationError, AttributeError) as error:
        raise ConfigError(f"{path}: invalid baseline ({str(error).splitlines()[0]})") from None


@dataclass(frozen=True)
class Filtered:
    findings: list[Finding]
    suppressed: int
    baselined: int
    stale_baseline: int


def filter_findings(findings: list[Finding], documents: Iterable[Document], config: Config) -> Filtered:
    silences = {document.id: directives(document) for document in documents}
    kept, suppressed = [], 0
    for finding in findings:
        if silenced(finding, silences) or by_path(finding, config):
            suppressed += 1
        else:
            kept.append(finding)
    if config.baseline is None:
        return Filtered(kept, suppressed, 0, 0)
    known = {entry.fingerprint for entry in load_baseline(config.baseline).findings}
    reported = [finding for finding in kept if finding.fingerprint not in known]
    matched = {finding.fingerprint for finding in kept} & known
    return Filtered(reported, suppressed, len(kept) - len(reported), len(known - matched))
