"""The public data contract: frozen pydantic records that flow one way through the pipeline.

read -> Document -> Claim -> (rules) -> Finding -> Report. Every offset is a code-point index into
``Document.text`` (the original file text after decoding), end exclusive.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

REPORT_SCHEMA = "factcheck-report/1"


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class Span(Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class QuantityKind(str, Enum):
    money = "money"
    percent = "percent"
    percentage_points = "percentage_points"
    ratio = "ratio"
    multiple = "multiple"
    count = "count"
    physical = "physical"
    plain = "plain"


class Approximation(str, Enum):
    exact = "exact"
    approximately = "approximately"
    nearly = "nearly"
    at_least = "at_least"
    more_than = "more_than"
    at_most = "at_most"
    less_than = "less_than"


class Granularity(str, Enum):
    year = "year"
    half = "half"
    quarter = "quarter"
    month = "month"
    day = "day"
    range = "range"
    window = "window"
    deadline = "deadline"


class Modality(str, Enum):
    actual = "actual"
    projected = "projected"
    target = "target"
    hypothetical = "hypothetical"


class Direction(str, Enum):
    increase = "increase"
    decrease = "decrease"
    none = "none"


class DateSource(str, Enum):
    front_matter = "front_matter"
    metadata = "metadata"
    """HTML <meta> or <time datetime> tags."""
    dateline = "dateline"
    argument = "argument"
    none = "none"


class Quantity(Record):
    value: float | None
    """The stated value after scale words; for a range, its midpoint. Percentages keep the stated number."""
    lower: float | None = None
    """Lower bound of a range or hedge (None when unbounded below)."""
    upper: float | None = None
    """Upper bound of a range or hedge (None when unbounded above)."""
    is_range: bool = False
    """True when the text states two endpoints ("25%-35%", "between 2 and 3")."""
    unit: str | None = None
    """A pint unit name for physical quantities, 'percent' or 'percentage_point' for shares."""
    currency: str | None = None
    """ISO 4217 code for money."""
    currency_inferred: bool = False
    """True when the code was inferred from an ambiguous sign or name ("$", "dollars")."""
    kind: QuantityKind
    scale: float = 1.0
    """Multiplier given by a scale word (1e9 for "billion")."""
    precision: float | None = None
    """Half a unit in the last stated digit, after scale: 173.96 billion -> 5e6."""
    approximation: Approximation = Approximation.exact


class Period(Record):
    start: date
    end: date
    """Last day of the period, inclusive."""
    label: str
    """Canonical label: '2024', '2024-Q3', '2024-H1', '2024-03', 'FY2024', '2020..2024', 'by 2026'."""
    granularity: Granularity
    anchored: bool
    """True when the text gives the year; False when it was inferred from the publication date."""
    text: str
    start_offset: int = Field(ge=0)
    end_offset: int = Field(ge=0)


class AttributionKind(str, Enum):
    citation = "citation"
    source = "source"
    link = "link"
    none = "none"


class Attribution(Record):
    kind: AttributionKind = AttributionKind.none
    markers: tuple[str, ...] = ()
    """Citation markers such as '[4]' found in the claim's sentence."""
    source: str | None = None
    """The named source, e.g. 'the Commerce Department'."""
    verb: str | None = None
    """The reporting verb or phrase: 'according to', 'said', 'estimates', ..."""
    url: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


class LinkRole(str, Enum):
    change_from = "change_from"
    """This claim is the start value of a "from X to Y" change; the target is the end value."""
    change_to = "change_to"
    """This claim is the end value of a change; the target is its start value."""
    rate_of = "rate_of"
    """This claim (a percent or multiple) is the rate of change that ends at / applies to the target."""
    result_of = "result_of"
    """This claim is the result reached by the target rate."""
    conversion_of = "conversion_of"
    """This claim restates the target in another currency or unit ("$16.6 billion (about 50 billion yuan)")."""


class Link(Record):
    role: LinkRole
    target: str
    """Id of the other claim of the statement."""


class Claim(Record):
    id: str
    """Stable within a document: '<document id>#<n>' in text order."""
    document: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence: Span
    paragraph: Span
    quantity: Quantity
    period: Period | None = None
    subject: str | None = None
    metric: str | None = None
    modality: Modality = Modality.actual
    direction: Direction = Direction.none
    links: tuple[Link, ...] = ()
    attribution: Attribution = Attribution()
    verified_by: str | None = None
    """The source of the reference figure this claim matches, when checked against a reference file."""


class UnitMention(Record):
    """A unit or currency named with no figure: "convert it into Fahrenheit", "the dollar fell", "what
    percentage". No claim, so no rule reads it; it records which units and currencies a text talks about."""

    document: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quantity: Quantity
    """Kind, unit and currency of the named unit; ``value`` is always None."""


MaskReason = Literal["markup", "front_matter", "citation", "section_label", "url", "code", "dateline", "furniture"]
DocumentFormat = Literal["text", "markdown", "html"]


class MaskedRange(Record):
    start: int
    end: int
    reason: MaskReason


class Document(Record):
    id: str
    path: str | None = None
    format: DocumentFormat = "text"
    text: str
    """The original text, decoded; every offset points into it."""
    view: str
    """Same length as ``text``: markup and news artefacts blanked to spaces, entities decoded in place."""
    title: str | None = None
    published: date | None = None
    published_source: DateSource = DateSource.none
    source: str | None = None
    url: str | None = None
    language: str = "en"
    content_hash: str
    paragraphs: tuple[Span, ...] = ()
    sentences: tuple[Span, ...] = ()
    masked: tuple[MaskedRange, ...] = ()
    citations: tuple[Span, ...] = ()
    """Citation markers ("[4]", "[13][15]") kept for attribution although masked for extraction."""
    links: tuple[MaskedRange, ...] = ()


class Severity(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"


class Category(str, Enum):
    internal = "internal"
    cross_document = "cross_document"
    unsupported = "unsupported"
    hygiene = "hygiene"
    engine = "engine"


class Location(Record):
    document: str
    path: str | None = None
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str


class Finding(Record):
    rule: str
    name: str
    category: Category
    severity: Severity
    message: str
    locations: tuple[Location, ...]
    claims: tuple[str, ...] = ()
    fingerprint: str
    trace: dict[str, str | float | int | bool | None | list[str]] = Field(default_factory=dict)


class DocumentReport(Record):
    id: str
    path: str | None = None
    title: str | None = None
    published: date | None = None
    published_source: DateSource = DateSource.none
    content_hash: str
    claims: tuple[Claim, ...] = ()


class InputError(Record):
    path: str
    message: str


class Tool(Record):
    name: str = "factcheck"
    version: str


class Summary(Record):
    documents: int = 0
    claims: int = 0
    findings: int = 0
    errors: int = 0
    by_severity: dict[str, int] = Field(default_factory=dict)
    suppressed: int = 0
    """Findings silenced by inline directives or per-path configuration."""
    baselined: int = 0
    """Findings not reported because the baseline already lists them."""
    stale_baseline: int = 0
    """Baseline entries that no longer match any finding."""


class Report(Record):
    schema_: Literal["factcheck-report/1"] = Field(REPORT_SCHEMA, alias="schema")
    tool: Tool
    documents: tuple[DocumentReport, ...] = ()
    findings: tuple[Finding, ...] = ()
    errors: tuple[InputError, ...] = ()
    summary: Summary = Summary()

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
