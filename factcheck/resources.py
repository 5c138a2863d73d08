"""Where the shipped data lives: the rule catalogue and lexicons under ``rules/``.

An installed wheel carries ``rules/`` as ``factcheck/_rules``; a source checkout keeps it at the top level.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def rules_dir() -> Path:
    packaged = PACKAGE_DIR / "_rules"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / "rules"


@cache
def load_yaml(relative: str) -> Any:
    with (rules_dir() / relative).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def data_file(name: str) -> Path:
    return PACKAGE_DIR / "data" / name
