from importlib.machinery import EXTENSION_SUFFIXES
from importlib.util import find_spec

__version__ = "0.1.0"


def build_kind() -> str:
    """'compiled' when claim extraction runs as C built by mypyc (see pyproject.toml), else 'pure Python'."""
    spec = find_spec("factcheck.extract.quantities")
    origin = spec.origin if spec is not None else None
    return "compiled" if origin is not None and origin.endswith(tuple(EXTENSION_SUFFIXES)) else "pure Python"
