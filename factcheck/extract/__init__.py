"""Claim extraction: Document -> list[Claim], one linear pass over the document's tokens."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection
from datetime import date

from ..dates import find_periods
from ..ingest import from_text
from ..lexicon import Lexicon, lexicon_for
from ..models import Claim, Document, Period, Quantity, Span, UnitMention
from .context import Context, SentenceIndex, measure_of
from .mentions import find_unit_mentions
from .quantities import RawQuantity, Scanner
from ..tokens import Token, tokenize

__all__ = ["extract_claims", "extract", "unit_mentions", "preload"]

_SHARE_CONTEXT_REACH = 200
_SPAN_ONLY_DATE = date(2000, 1, 1)
_ENTITY_LENGTH = 12
# Two records per claim are built straight by their models' validators: BaseModel.__init__ (a Python frame taking
# keyword arguments) would cost 1.5 us more for each, a tenth of what extracting a claim costs.
_CLAIM, _QUANTITY = Claim.__pydantic_validator__, Quantity.__pydantic_validator__
# Touches every resource extraction loads lazily: number words, currencies, units, periods, attribution.
_PRELOAD_TEXT = "In the third quarter of 2024, revenue rose about 5% to $2.1 billion and output reached 3 GW, it said."


def extract(source: str | bytes | Document, *, published: date | None = None, fmt: str = "text") -> list[Claim]:
    """Every numeric claim in a Document, or in text given as str or bytes."""
    return extract_claims(_document(source, published, fmt))


def unit_mentions(source: str | bytes | Document, *, published: date | None = None, fmt: str = "text",
                  claims: list[Claim] | None = None) -> list[UnitMention]:
    """Units and currencies named with no figure ('convert it into Fahrenheit'), outside every claim.
    ``claims``: the Document's claims when already extracted, so they are not extracted again."""
    document = _document(source, published, fmt)
    claims = extract_claims(document) if claims is None else claims
    return find_unit_mentions(document, tokenize(document.view), lexicon_for(document.language), claims)


def preload() -> None:
    """Load everything extraction needs now rather than at the first document: worker processes forked
    afterwards share it instead of each loading their own."""
    extract_claims(from_text(_PRELOAD_TEXT, published=_SPAN_ONLY_DATE))


def _document(source: str | bytes | Document, published: date | None, fmt: str) -> Document:
    if not isinstance(source, Document):
        return from_text(source, fmt=fmt, published=published)
    if published is not None and source.published is None:
        return source.model_copy(update={"published": published})
    return source


def extract_claims(document: Document) -> list[Claim]:
    language = lexicon_for(document.language)
    tokens = tokenize(document.view)
    sentences, paragraphs = document.sentences, document.paragraphs
    periods = find_periods(document.view, document.published, sentences=sentences, paragraphs=paragraphs,
                           tokens=tokens)
    # Without a publication date, 'Q3' has no year and is no period, but its digit is still no figure.
    spans = periods if document.published else find_periods(document.view, _SPAN_ONLY_DATE, sentences=sentences,
                                                             paragraphs=paragraphs, tokens=tokens)
    starts = [token.start for token in tokens]
    in_periods = _blocked_tokens(starts, spans)
    quantities = _scan_sentences(document, tokens, starts, language, in_periods)
    context = Context(document, tokens, language, periods, SentenceIndex(sentences, paragraphs), in_periods, starts)
    context.mark_figures(quantities)
    return _claims(document, quantities, context)


def _scan_sentences(document: Document, tokens: list[Token], starts: list[int], language: Lexicon,
                    blocked: frozenset[int]) -> list[RawQuantity]:
    """Quantities sentence by sentence, so that no figure reads across a sentence or paragraph end."""
    share_context, lowered = _share_context(document.view, language), document.view.lower()
    ordered_blocked = sorted(blocked)
    document_choices: dict = {}
    found: list[RawQuantity] = []
    for sentence in document.sentences:
        low, high = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        if low == high:
            continue
        inside = ordered_blocked[bisect_left(ordered_blocked, low):bisect_left(ordered_blocked, high)]
        local_blocked = frozenset(index - low for index in inside)
        scanner = Scanner(tokens[low:high], language, local_blocked, share_context, lowered, document_choices)
        found.extend(_shifted(quantity, low, document) for quantity in scanner.scan())
    return found


def _shifted(quantity: RawQuantity, offset: int, document: Document) -> RawQuantity:
    return quantity._replace(first_token=quantity.first_token + offset, next_index=quantity.next_index + offset,
                   end=_past_entity(document, quantity.end))


def _past_entity(document: Document, end: int) -> int:
    """A figure that ends on an HTML entity ('12&#37;') ends after the whole entity, not one character into it."""
    text = document.text
    if document.format != "html" or end == 0 or text[end - 1] != "&" or document.view[end - 1] == "&":
        return end
    close = text.find(";", end, end + _ENTITY_LENGTH)
    return close + 1 if close != -1 else end


def _blocked_tokens(starts: list[int], periods: list[Period]) -> frozenset[int]:
    blocked: set[int] = set()
    for period in periods:
        blocked.update(range(bisect_left(starts, period.start_offset), bisect_left(starts, period.end_offset)))
    return frozenset(blocked)


def _share_context(view: str, language: Lexicon):
    cues = language.points_cues

    def talks_about_shares(offset: int) -> bool:
        window = view[max(0, offset - _SHARE_CONTEXT_REACH):offset + _SHARE_CONTEXT_REACH].lower()
        return any(cue in window for cue in cues)

    return talks_about_shares


def _claims(document: Document, quantities: list[RawQuantity], context: Context) -> list[Claim]:
    ids = [f"{document.id}#{number}" for number in range(1, len(quantities) + 1)]
    links = context.links_for(quantities, ids)
    claims = []
    carried, subjects = _CarriedMetric(context.lexicon.per_unit_metrics.keys()), _Subjects()
    for position, raw in enumerate(quantities):
        sentence = _covering(context.index.sentence_of(raw.start), raw)
        paragraph = _covering(context.index.paragraph_of(raw.start), raw)
        period = context.period_for(raw, sentence, _neighbours(quantities, position))
        metric = carried.resolve(raw, paragraph, context.metric_for(raw, sentence))
        subject = subjects.resolve(paragraph, context.subject_for(raw, sentence),
                                   context.reporting_company(sentence, metric))
        claims.append(_CLAIM.validate_python({
            "id": ids[position],
            "document": document.id,
            "text": document.text[raw.start:raw.end],
            "start": raw.start,
            "end": raw.end,
            "sentence": sentence,
            "paragraph": paragraph,
            "quantity": _quantity(raw),
            "period": period,
            "subject": subject,
            "metric": metric,
            "modality": context.modality_for(raw, sentence, period),
            "direction": context.direction_for(raw, sentence),
            "links": tuple(links.get(position, ())),
            "attribution": context.attribution_for(sentence),
        }))
    return claims


class _CarriedMetric:
    """A figure whose sentence names no metric continues the paragraph's list: 'Tata Power took 17%, and
    Vikram Solar 21%' after a sentence about market shares."""

    def __init__(self, per_unit: Collection[str]) -> None:
        self._last: dict[tuple[int, str], str] = {}
        self._per_unit = per_unit
        """Metrics never carried: '76 cents per share' is no measure of the next sentence's '$39.1 billion'."""

    def resolve(self, raw: RawQuantity, paragraph: Span, metric: str | None) -> str | None:
        key = (paragraph.start, measure_of(raw))
        if metric is None:
            return self._last.get(key)
        if metric not in self._per_unit:
            self._last[key] = metric
        return metric


class _Subjects:
    """Names within one article: 'Kestrel' after 'Kestrel Semiconductor' is the same company, and a figure whose
    sentence names nobody ('the company's margin') is about the paragraph's subject. Failing that, a figure only
    the company reporting it is named beside ('Intel reported a net loss of $16.6 billion', 'Revenue fell 5%,
    Tata Motors said') is that company's own."""

    def __init__(self) -> None:
        self._full_names: dict[str, str] = {}
        self._by_paragraph: dict[int, str] = {}

    def resolve(self, paragraph: Span, subject: str | None, source: str | None) -> str | None:
        if subject is None and paragraph.start in self._by_paragraph:
            return self._by_paragraph[paragraph.start]
        subject = subject or source
        if subject is None:
            return None
        subject = self._full_names.get(subject, subject)
        words = subject.split()
        if len(words) > 1:
            self._full_names.setdefault(words[0], subject)
        self._by_paragraph[paragraph.start] = subject
        return subject


def _covering(span: Span, raw: RawQuantity) -> Span:
    """A figure ending on an HTML entity reaches past the view's trimmed sentence end; its spans include it."""
    return span if raw.end <= span.end else Span(start=span.start, end=raw.end)


def _neighbours(quantities: list[RawQuantity], position: int) -> list[RawQuantity]:
    return quantities[max(0, position - 3):position + 4]


def _quantity(raw: RawQuantity) -> Quantity:
    return _QUANTITY.validate_python({
        "value": raw.value,
        "lower": raw.lower,
        "upper": raw.upper,
        "is_range": raw.is_range,
        "unit": raw.unit,
        "currency": raw.currency,
        "currency_inferred": raw.currency_inferred,
        "kind": raw.kind,
        "scale": raw.scale,
        "precision": raw.precision,
        "approximation": raw.approximation,
    })
