"""What every check kind shares: its scope, typed options, the context it runs in and what it returns."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, ConfigDict

from ..keys import Aliases, FigureKey, default_aliases
from ..lexicon import Lexicon
from ..models import Claim, Direction, Document, Location, QuantityKind
from ..tokens import tokenize


if TYPE_CHECKING:
    from ..store import ArchivedClaim


class Scope(str, Enum):
    sentence = "sentence"
    paragraph = "paragraph"
    document = "document"
    corpus = "corpus"


class CheckOptions(BaseModel):
    """Options of a check kind; a rule file's `options:` are validated against the kind's subclass."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


@dataclass(frozen=True)
class CheckContext:
    documents: dict[str, Document]
    lexicon: Lexicon
    aliases: Aliases = field(default_factory=default_aliases)
    archive: Archive | None = None
    """Claims of articles indexed earlier, looked up by figure key (the claim store)."""
    references: tuple = ()
    """Reference figures supplied by the user (known-figures file)."""

    def document_of(self, claim: Claim) -> Document:
        return self.documents[claim.document]


class Archive(Protocol):
    def lookup(self, key: FigureKey) -> list[ArchivedClaim]: ...


@dataclass(frozen=True)
class Violation:
    """A problem a check found: the claims involved (the one the finding lands on first), the values for the
    rule's message, the arithmetic behind it, and a key that identifies it independently of line numbers."""

    claims: tuple[Claim, ...]
    values: dict[str, Any]
    trace: dict[str, Any]
    key: str
    extra_locations: tuple[tuple[str, int, int], ...] = field(default=())
    """(document id, start, end) of involved text that is not a claim, such as a period phrase."""
    archived_locations: tuple[Location, ...] = field(default=())
    """Where involved claims of archived articles (the claim store) stand; their documents are not loaded."""


CheckFunction = Callable[[Sequence[Claim], CheckContext, Any], Iterable[Violation]]


@dataclass(frozen=True)
class CheckKind:
    """A check kind: pure logic that rules in rules/ instantiate with options, messages and docs."""

    id: str
    scope: Scope
    options: type[CheckOptions]
    run: CheckFunction
    summary: str


def claim_key(claim: Claim) -> str:
    """A line-independent name for a claim: what it says, not where."""
    quantity = claim.quantity
    period = claim.period.label if claim.period else ""
    measure = quantity.currency or quantity.unit or quantity.kind.value
    return f"{claim.subject or ''}|{claim.metric or ''}|{period}|{quantity.value:g}{measure}|{claim.text}"


def word_before(claim: Claim, context: CheckContext) -> str | None:
    """The word right before a figure in its sentence, lower case ('from' in 'from 23.6%')."""
    view = context.document_of(claim).view
    before = tokenize(view[max(claim.sentence.start, claim.start - _WORD_BEFORE_REACH):claim.start].lower())
    return before[-1].lower if before else None


_WORD_BEFORE_REACH = 12
"""Characters before a figure that hold the word before it."""


def market_named(claim: Claim, document: Document) -> str | None:
    """'35% share of China's lithography market' -> 'china lithography market', '22% of the global smartphone
    market' -> 'smartphone market': the market named after the share in its sentence, else the last one before it
    ('Vivo held 19% of China's smartphone market, Apple 17%')."""
    sentence = document.view[claim.sentence.start:claim.sentence.end].lower()
    before = list(_MARKET.finditer(sentence, 0, claim.start - claim.sentence.start))
    match = _MARKET.search(sentence, claim.end - claim.sentence.start) or (before[-1] if before else None)
    if match is None:
        return None
    words = _POSSESSIVE.sub("", match.group(1)).split()
    return " ".join([*(word for word in words if word not in _MARKET_NOISE), "market"])


_MARKET = re.compile(r"\b(?:of|in)\s+((?:[a-z][a-z.'’-]*\s+){0,4})market\b")
_POSSESSIVE = re.compile(r"['’](?:\s*s\b)?")
"""'China's', and "Indonesia&rsquo;s" as the view keeps it: the entity's length padded with spaces."""
_MARKET_NOISE = frozenset({"the", "a", "an", "of", "its", "their", "global", "world", "worldwide", "in", "total",
                           "overall", "entire", "whole"})
"""Words that do not change which market is meant; a region ('China's', 'U.S.', 'domestic') does."""


def same_measure(first: Claim, second: Claim) -> bool:
    """Both figures measure in the same terms: same kind, currency and unit."""
    a, b = first.quantity, second.quantity
    return (a.kind, a.currency, a.unit) == (b.kind, b.currency, b.unit) or (
        {a.kind, b.kind} <= {QuantityKind.count, QuantityKind.plain} and a.unit == b.unit)


CHANGE_METRICS = ("growth", "decline")
"""Metrics whose words make a figure the size of a change rather than a level."""
_RATE_KINDS = (QuantityKind.percent, QuantityKind.percentage_points)
_CHANGE_WORD_REACH = 2
"""Tokens from a change word to its figure: 'grew 40%', 'expanded by 40%', 'growth of 740,000 b/d'."""


def states_a_change(claim: Claim, context: CheckContext) -> bool:
    """'the market grew 40%', 'demand growth of 740,000 b/d', 'a 40% increase': the size of a change, not a level.
    'rose to 21%' is a level (a result word stands between), and so are 'Intel lost $16.6 billion' and 'added
    18.9 million subscribers', whose verbs are no words of growth or decline."""
    if claim.direction is Direction.none:
        return False
    lexicon = context.lexicon
    view = context.document_of(claim).view
    before = tokenize(view[max(claim.sentence.start, claim.start - 40):claim.start].lower())
    if before and claim.quantity.kind in _RATE_KINDS and before[-1].lower in lexicon.change_cues:
        return True  # 'shipments down 2.0%', 'up 4.7%'
    for start in range(max(0, len(before) - _CHANGE_WORD_REACH), len(before)):
        found = lexicon.metrics.match(before, start)
        if found is not None and found[0] in CHANGE_METRICS \
                and not any(token.lower in lexicon.clauses.result_words for token in before[found[1]:]):
            return True
    after = tokenize(view[claim.end:min(claim.sentence.end, claim.end + 20)].lower())
    found = lexicon.metrics.match(after, 0) if after else None
    return found is not None and found[0] in CHANGE_METRICS
