"""Generated documentation stays in step with the rule files and models, and the site builds."""

import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.docs import generated_pages, generated_schemas

ROOT = Path(__file__).resolve().parents[1]


def _stale(folder: Path, files: dict[str, str]) -> list[str]:
    return [name for name, content in files.items()
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != content]


def test_generated_rule_pages_and_schemas_are_up_to_date():
    stale = _stale(ROOT / "docs" / "rules", generated_pages()) + _stale(ROOT / "docs" / "schema", generated_schemas())
    assert stale == [], "run `python -m factcheck.docs docs` and commit the result"


def test_the_documentation_site_builds(tmp_path):
    pytest.importorskip("mkdocs", reason="mkdocs is part of the test extra")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "rules" / "FC101" / "index.html").is_file() or (tmp_path / "rules" / "FC101.html").is_file()
