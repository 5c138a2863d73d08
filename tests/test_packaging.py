"""The wheel carries the rule catalogue and lexicons, and the public API is what __all__ says."""

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import factcheck
from factcheck.__about__ import build_kind
from factcheck.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_ships_rules_lexicons_and_data(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                    "--wheel-dir", str(tmp_path), str(ROOT)], check=True)
    wheel = next(tmp_path.glob("factcheck_claims-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "factcheck/_rules/internal/FC101.yml" in names
    assert "factcheck/_rules/lexicons/en/numbers.yml" in names
    assert "factcheck/_rules/aliases.yml" in names
    assert "factcheck/data/units.txt" in names
    assert not any(name.startswith(("tests/", "seeds/")) for name in names)


def test_exports_are_sorted_and_importable():
    assert factcheck.__all__ == sorted(factcheck.__all__)
    for name in factcheck.__all__:
        assert getattr(factcheck, name) is not None


def _compiled_modules() -> list[str]:
    hook = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return hook["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["mypyc"]["include"]


def test_every_module_the_compiled_build_names_exists():
    """A renamed module left in the mypyc list would quietly drop out of the compiled build."""
    assert _compiled_modules()
    for name in _compiled_modules():
        assert (ROOT / name).exists(), name


def test_version_names_the_build():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"factcheck {factcheck.__version__} ({build_kind()} extraction)\n"


@pytest.mark.skipif(os.environ.get("FACTCHECK_EXPECT_BUILD") is None,
                    reason="FACTCHECK_EXPECT_BUILD not set (make test sets it to the build it installed)")
def test_the_suite_runs_against_the_build_make_installed():
    """make test compiles extraction when it can; this keeps it from testing the sources instead unnoticed."""
    expected = "compiled" if os.environ["FACTCHECK_EXPECT_BUILD"] == "true" else "pure Python"
    assert build_kind() == expected
