"""factcheck: check the numbers in news articles.

    >>> import factcheck
    >>> [c.quantity.value for c in factcheck.extract("Revenue rose 12% to $4.2 billion.")]
    [12.0, 4200000000.0]
"""

from .__about__ import __version__
from .config import Config
from .errors import ConfigError, FactcheckError, InputError, RuleDefinitionError
from .extract import extract, unit_mentions
from .ingest import from_text, load
from .rulebook import Rule, load_rules
from .runner import check
from .models import (
    Approximation,
    Attribution,
    Claim,
    Document,
    Finding,
    Granularity,
    Modality,
    Period,
    Quantity,
    QuantityKind,
    Report,
    Severity,
    UnitMention,
)

__all__ = [
    "Approximation",
    "Attribution",
    "Claim",
    "Config",
    "ConfigError",
    "Document",
    "FactcheckError",
    "Finding",
    "Granularity",
    "InputError",
    "Modality",
    "Period",
    "Quantity",
    "QuantityKind",
    "Report",
    "Rule",
    "RuleDefinitionError",
    "Severity",
    "UnitMention",
    "__version__",
    "check",
    "extract",
    "from_text",
    "load",
    "load_rules",
    "unit_mentions",
]
