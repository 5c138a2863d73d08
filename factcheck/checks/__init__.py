"""Check kinds: the Python logic that rule files in rules/ instantiate.

Built-in kinds are listed here explicitly; third-party kinds come from the entry-point group `factcheck.checks`
(each entry point names a tuple of CheckKind objects).
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points

from . import changes, consistency, cross, money, support, timing, wholes
from .base import CheckContext, CheckKind, CheckOptions, Scope, Violation

BUILTIN_KINDS: tuple[CheckKind, ...] = (*changes.KINDS, *wholes.KINDS, *consistency.KINDS, *timing.KINDS,
                                        *money.KINDS, *cross.KINDS, *support.KINDS)
ENTRY_POINT_GROUP = "factcheck.checks"

__all__ = ["BUILTIN_KINDS", "CheckContext", "CheckKind", "CheckOptions", "Scope", "Violation", "registry"]


@cache
def registry() -> dict[str, CheckKind]:
    kinds = {kind.id: kind for kind in BUILTIN_KINDS}
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        for kind in entry_point.load():
            kinds.setdefault(kind.id, kind)
    return kinds
