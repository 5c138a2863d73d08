"""The wheel carries the rule catalogue and lexicons, and the public API is what __all__ says."""

import subprocess
import sys
import zipfile
from pathlib import Path

import factcheck

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
