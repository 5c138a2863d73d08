"""What a figure is about: period, subject, metric, modality, direction, attribution and links.

Every lookup is confined to the claim's sentence (or its paragraph for continued attribution) and bounded
in tokens, so the context pass stays linear in the document.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import partial
from typing import Any, NamedTuple

from ..lexicon import Lexicon
from ..models import (
    Attribution,
    Granularity,
    AttributionKind,
    Direction,
    Document,
    Link,
    LinkRole,
    Modality,
    Period,
    QuantityKind,
    Span,
)
from .quantities import RawQuantity
from ..tokens import POSSESSIVE_ENDINGS, Token
from ..units import is_duration

_PERIOD_AFTER_REACH = 8
_SUBJECT_REACH = 40
"""Tokens around a figure searched for its subject, clause and period: bounded, so a sentence with thousands of
figures stays linear."""
_PERIOD_WINDOW = 400
_SHIFTABLE = frozenset({Granularity.month, Granularity.quarter, Granularity.half, Granularity.day, Granularity.range})
_METRIC_BEFORE_REACH = 10
_METRIC_AFTER_REACH = 6
_DIRECTION_REACH = 6
_MODALITY_REACH = 12
_RATE_RESULT_REACH = 14
_CHANGE_METRICS = frozenset({"growth", "decline"})
_DURATION = "duration"
_MEASURES = {kind: kind.value for kind in QuantityKind}
"""Each kind's name, read without the enum's Python-level ``value`` property, twice for every figure."""
_ANY_MEASURE = frozenset(_MEASURES.values())
"""What a metric the lexicon gives no measures for can measure: any kind of figure, but no span of time."""
_MARKET_SIZE, _MARKET_SHARE = "market_size", "market_share"
_SHARE_OF_REACH = 5
"""'34% of US streaming subscriptions': words allowed between 'of' and what the share is of."""
_MARKET_UNIT_METRICS = frozenset({"sales", "volume", "customers", "users"})
_ADJACENT = 3
_EXPECTED_REACH = 8
_RATE_KINDS = (QuantityKind.percent, QuantityKind.multiple, QuantityKind.percentage_points)
_CHANGE_ROLES = frozenset({LinkRole.change_from, LinkRole.change_to})
_OBSERVED_METRICS = frozenset({"gdp", "inflation", "unemployment_rate", "participation_rate", "interest_rate",
                               "exchange_rate", "exports", "imports", "trade_balance", "market_share", "market_size",
                               "population"})
"""What an economy or a market does, which whoever reports it measures rather than owns."""
_DATELINE_PARAGRAPHS = 4
_DATELINE_REACH = 12
"""A wire dateline opens one of the first paragraphs and ends with its dash within this many tokens."""
_NAME_OPENER_REACH = 3
"""'European Central Bank': capitalised words an adjective may stand before the institution word."""
_OPENING_PHRASE = 5
"""'In the third quarter, ...': the most tokens an opening phrase before a sentence's main clause has."""
_APPOSITION_REACH = 4
"""'Laura Page, a gas analyst at ...': words after a name's comma searched for a person's title."""
_APPOSED_SPEAKER_REACH = 8
"""'Nordavia Group, the Scandinavian airline group, said': the most tokens of an apposition before a verb."""
_NO_ATTRIBUTION = Attribution()


class SentenceIndex:
    """Which sentence and paragraph an offset falls in, by binary search over sorted spans. Their bounds are kept
    as plain integers too: reading a pydantic model's attribute costs several times more."""

    def __init__(self, sentences: tuple[Span, ...], paragraphs: tuple[Span, ...]) -> None:
        self.sentences, self.paragraphs = sentences, paragraphs
        self._sentence_starts = [span.start for span in sentences]
        self._sentence_ends = [span.end for span in sentences]
        self._paragraph_starts = [span.start for span in paragraphs]
        self._paragraph_ends = [span.end for span in paragraphs]

    def sentence_of(self, offset: int) -> Span:
        return _containing(self.sentences, self._sentence_starts, self._sentence_ends, offset)

    def paragraph_of(self, offset: int) -> Span:
        return _containing(self.paragraphs, self._paragraph_starts, self._paragraph_ends, offset)

    def previous_sentence(self, sentence: Span) -> Span | None:
        position = bisect_left(self._sentence_starts, sentence.start)
        return self.sentences[position - 1] if position > 0 else None


def _containing(spans: tuple[Span, ...], starts: list[int], ends: list[int], offset: int) -> Span:
    position = bisect_right(starts, offset) - 1
    if position >= 0 and offset < max(ends[position], starts[position] + 1):
        return spans[position]
    return Span(start=offset, end=offset + 1)


class _Cues:
    """One cue table's matches in a document, by start token, and their starts in order for window queries."""

    def __init__(self, matches: dict[int, tuple[Any, int]]) -> None:
        self.matches = matches
        self.starts = list(matches)
        """Ascending: the tables are indexed in one left-to-right pass."""

    def get(self, index: int) -> tuple[Any, int] | None:
        return self.matches.get(index)

    def starts_in(self, low: int, high: int) -> list[int]:
        starts = self.starts
        return starts[bisect_left(starts, low):bisect_left(starts, high)]


class _Name(NamedTuple):
    text: str
    possessive: bool
    start: int
    end: int
    """Token indices, end exclusive."""


@dataclass
class Context:
    document: Document
    tokens: list[Token]
    lexicon: Lexicon
    periods: list[Period]
    index: SentenceIndex
    period_tokens: frozenset[int]
    """Tokens that belong to periods: no part of a name ('Nordavia July')."""
    token_starts: list[int]
    """Each token's start offset, in order, for binary search."""

    def __post_init__(self) -> None:
        self._sentence_ranges = self._ranges_of_sentences()
        self._last_span: Span | None = None
        self._last_range = (0, 0)
        self._words = self.lexicon.clauses
        self._period_starts = [period.start_offset for period in self.periods]
        self._citation_starts = [citation.start for citation in self.document.citations]
        self._links = sorted(self.document.links, key=lambda link: link.start)
        self._link_starts = [link.start for link in self._links]
        self._attributions: dict[int, Attribution] = {}
        self._names: dict[int, list[_Name]] = {}
        self._words_written = {token.text for token in self.tokens if token.kind == "word"}
        self._metrics, self._directions, self._modalities, self._verbs, self._prefixes = \
            map(_Cues, self.lexicon.context_cues.index(self.tokens))
        self.figure_tokens: frozenset[int] = frozenset()
        self._dateline = self._find_dateline()
        self._observer_initials: set[str] = set()

    def _find_dateline(self) -> range:
        """'SEATTLE (Reuters) - ', 'BEIJING, Nov. 7 (Xinhua) -- ': a place in capitals opening one of the first
        paragraphs, then no lower-case word before a dash. Furniture: its words name no subject."""
        for paragraph in self.document.paragraphs[:_DATELINE_PARAGRAPHS]:
            low, high = self.token_range(paragraph)
            if low == high or not _all_capitals(self.tokens[low]):
                continue
            for index in range(low + 1, min(high, low + _DATELINE_REACH)):
                token = self.tokens[index]
                if token.text in self._words.dashes:
                    return range(low, index)
                if token.kind == "word" and token.text.islower():
                    break
        return range(0)

    def mark_figures(self, quantities: list[RawQuantity]) -> None:
        """Tokens read as figures ('TWh', 'M') can never be part of a subject's name."""
        self.figure_tokens = frozenset(i for q in quantities for i in range(q.first_token, q.next_index))

    # -- token windows ----------------------------------------------------------------------------------

    def token_range(self, span: Span) -> tuple[int, int]:
        if span is self._last_span:  # a figure's sentence, asked for by each of its readers in turn
            return self._last_range
        known = self._sentence_ranges.get(span.start)
        found = known[1] if known is not None and known[0] == span.end else \
            (bisect_left(self.token_starts, span.start), bisect_left(self.token_starts, span.end))
        self._last_span, self._last_range = span, found
        return found

    def _ranges_of_sentences(self) -> dict[int, tuple[int, tuple[int, int]]]:
        """Each sentence's end and token range, by its start: every figure asks for its sentence's several
        times."""
        ranges: dict[int, tuple[int, tuple[int, int]]] = {}
        low = 0
        for sentence in self.index.sentences:
            low = bisect_left(self.token_starts, sentence.start, low)
            ranges[sentence.start] = (sentence.end, (low, bisect_left(self.token_starts, sentence.end, low)))
        return ranges

    def periods_between(self, start: int, end: int) -> list[Period]:
        return self.periods[bisect_left(self._period_starts, start):bisect_left(self._period_starts, end)]

    # -- period ---------------------------------------------------------------------------------------------

    def period_for(self, quantity: RawQuantity, sentence: Span, quantities: list[RawQuantity]) -> Period | None:
        """The period written right after the figure ('16% in 2020'), else one earlier in its clause or at the
        head of the sentence ('In 2024, ...'). Comparison bases ('from a year earlier') are never the period."""
        return self._forecast_period(quantity, sentence, self._written_period(quantity, sentence, quantities))

    def _written_period(self, quantity: RawQuantity, sentence: Span, quantities: list[RawQuantity]) -> Period | None:
        window = self.periods_between(max(sentence.start, quantity.start - _PERIOD_WINDOW),
                                      min(sentence.end, quantity.end + _PERIOD_WINDOW))
        candidates = [p for p in window if not self._comparison_base(p)]
        chosen = self._period_after(quantity, candidates, quantities) or self._period_before(quantity, candidates,
                                                                                              sentence)
        if chosen is None or chosen.anchored or chosen.granularity not in _SHIFTABLE \
                or any(word in chosen.text.lower() for word in self._words.relative_period_words):
            return chosen
        anchored_years = {p.start.year for p in candidates if p.anchored and p.granularity is Granularity.year
                          and not _figure_between(quantity.end, p.start_offset, quantities)}
        return _in_year(chosen, anchored_years.pop()) if len(anchored_years) == 1 else chosen

    def _period_after(self, quantity: RawQuantity, candidates: list[Period],
                      quantities: list[RawQuantity]) -> Period | None:
        following = [p for p in candidates if p.start_offset >= quantity.end]
        if not following:
            return None
        nearest = following[0]
        gap_low, gap_high = quantity.next_index, bisect_left(self.token_starts, nearest.start_offset)
        if gap_high - gap_low > _PERIOD_AFTER_REACH or _figure_between(quantity.end, nearest.start_offset, quantities) \
                or self._clause_break(gap_low, gap_high):
            return None
        return nearest

    def _period_before(self, quantity: RawQuantity, candidates: list[Period], sentence: Span) -> Period | None:
        preceding = [p for p in candidates if p.end_offset <= quantity.start]
        if not preceding:
            return None
        nearest = preceding[-1]
        period_token = bisect_left(self.token_starts, nearest.end_offset)
        if quantity.first_token - period_token > _SUBJECT_REACH:
            return None
        contrast, breaks = self._words.contrast_words, self._words.strong_breaks
        if any(self.tokens[i].lower in contrast or self.tokens[i].text in breaks
               for i in range(period_token, quantity.first_token)):
            return None
        return nearest

    def _comparison_base(self, period: Period) -> bool:
        """'down 20% from 2023', 'up 9.3% on a year earlier': the base of a change, not the figure's period."""
        index = bisect_left(self.token_starts, period.start_offset)
        before = self.tokens[index - 1].lower if index > 0 else ""
        if before in self._words.base_prepositions:
            return True
        return before in self._words.relative_base_prepositions and any(
            word in period.text.lower() for word in self._words.base_period_words)

    def _clause_break(self, low: int, high: int) -> bool:
        return any(self._opens_clause(self.tokens[i]) for i in range(low, min(high, len(self.tokens))))

    def _opens_clause(self, token: Token) -> bool:
        return token.text in self._words.clause_breaks or token.lower in self._words.clause_words

    # -- subject ------------------------------------------------------------------------------------------

    def subject_for(self, quantity: RawQuantity, sentence: Span) -> str | None:
        """The entity a figure is about: the nearest possessive name before it, else the nearest name before
        it, else the first after it in its statement. Who is quoted ('analyst Rohan Mehta said') is the source, not
        the subject; nor is who hears it ('told the BBC'), nor a name inside a relative clause the figure is not in
        ('Vivo, which overtook Transsion to become the fourth-largest, had 9%')."""
        bounds = self.token_range(sentence)
        low, high = max(bounds[0], quantity.first_token - _SUBJECT_REACH), min(bounds[1], quantity.next_index + _SUBJECT_REACH)
        source = self.attribution_for(sentence).source
        phrases = [name for name in self._proper_phrases(bounds, low, quantity.first_token)
                   if name.text != source and not self._addressed(name.start)]
        phrases = [name for name in phrases if not self._in_relative_clause(name, quantity.first_token, low)]
        possessive = [name for name in phrases if name.possessive]
        if possessive:
            return possessive[-1].text
        if phrases:
            return phrases[-1].text
        high = self._statement_end(quantity.next_index, high)
        after = [name for name in self._proper_phrases(bounds, quantity.next_index, high)
                 if name.text != source and not self._is_place(name.start) and not self._addressed(name.start)]
        if not after or self._names_a_source(after[0].text, quantity.next_index, high):
            return None
        return after[0].text

    def _addressed(self, start: int) -> bool:
        """'told the BBC': a name after a verb of telling, with or without a determiner, hears the statement."""
        before = start - 1
        if before >= 0 and self.tokens[before].lower in self._words.source_determiners:
            before -= 1
        return before >= 0 and self.tokens[before].lower in self._words.address_verbs

    def _in_relative_clause(self, name: _Name, figure: int, low: int) -> bool:
        """Whether a name sits in a relative clause (', which ... ,') or an apposition (', the California-based EV
        maker,') that closes before the figure or verb at ``figure``."""
        breaks = self._words.clause_breaks
        for back in range(name.start - 1, low - 1, -1):
            if self.tokens[back].text in breaks:
                relative = back + 1 < name.start and self.tokens[back + 1].lower in self._words.relative_pronouns
                set_off = relative or back > low and self._opens_apposition(back)
                return set_off and any(self.tokens[i].text in breaks for i in range(name.end, figure))
        return False

    def _opens_apposition(self, mark: int) -> bool:
        """', the California-based EV maker,': a comma after a name, then a determiner."""
        return self.tokens[mark].text in self._words.apposition_marks and mark > 0 \
            and self.tokens[mark - 1].text[:1].isupper() and mark + 1 < len(self.tokens) \
            and self.tokens[mark + 1].lower in self._words.determiners

    def _statement_end(self, low: int, high: int) -> int:
        """Where the figure's clause ends: '..., as write-downs at its Arizona foundry swamped ...' and '..., while
        current RPO increased ...' are about something else. A further clause the speaker reports ('said the
        club's £420 million wage bill was sustainable, and that Northbridge remained ...') continues it."""
        index = low
        while index < high:
            if self._opens_clause(self.tokens[index]) or self.tokens[index].lower in self._words.contrast_words:
                reported = self._reported_clause(index, high)
                if reported is None:
                    return index
                index = reported
            index += 1
        return high

    def _reported_clause(self, index: int, high: int) -> int | None:
        """', and that': where a coordinated reported clause opens at ``index``, the index of its 'that'."""
        words = self._words
        while index < high and (self.tokens[index].text in words.clause_breaks
                                or self.tokens[index].lower in words.verb_coordinators):
            index += 1
        return index if index < high and self.tokens[index].lower in words.statement_openers else None

    def reporting_company(self, sentence: Span, metric: str | None) -> str | None:
        """Who reports its own figures: a source named by a verb ('Intel reported', 'Tata Motors said'). Not one
        cited with 'according to' or 'per' (a data source), one the text only describes ('the carmaker'), a
        person ('chief executive Maren Holt'), an institution that measures others ('the Office for National
        Statistics said'), nor whoever reports what an economy or a market does ('GDP grew 5.2%, the NBS said')."""
        attribution = self.attribution_for(sentence)
        if attribution.source is None or attribution.start is None or metric in _OBSERVED_METRICS \
                or self._names_observer(attribution.source) or attribution.source in self._observer_initials:
            return None
        cue = bisect_left(self.token_starts, attribution.start)
        if self._prefixes.get(cue) is not None:
            return None
        bounds = self.token_range(sentence)
        for name in self._proper_phrases(bounds, *bounds):
            if name.text == attribution.source:
                return None if self._person(name, bounds[1]) else name.text
        return None

    def _names_observer(self, name: str) -> bool:
        """'Office for National Statistics', 'General Administration of Customs': an institution that measures
        others. Its initials ('ONS', 'GAC') name it later in the article."""
        return any(word in self._words.observer_words for word in name.lower().split())

    def _person(self, name: _Name, high: int) -> bool:
        """'analyst Rohan Mehta', 'Laura Page, a gas analyst at ...': a title before the name or in the phrase
        set off after it."""
        if name.start > 0 and self.tokens[name.start - 1].lower in self._words.person_titles:
            return True
        if name.end >= high or self.tokens[name.end].text not in self._words.clause_breaks:
            return False
        return any(token.lower in self._words.person_titles
                   for token in self.tokens[name.end + 1:min(high, name.end + 1 + _APPOSITION_REACH)])

    def _is_place(self, start: int) -> bool:
        """'rose 6.1% in New York trading', 'a plant at Lordstown': a name after a preposition of place, which
        tells where the figure was, not whom it is about."""
        return start > 0 and self.tokens[start - 1].lower in self._words.place_prepositions

    def _names_a_source(self, name: str, low: int, high: int) -> bool:
        """'..., Canalys analyst Rohan Mehta said': a name in the clause that reports the figure."""
        for index in range(low, min(high, low + _SUBJECT_REACH)):
            if self.document.view.startswith(name, self.tokens[index].start):
                verbs = self._verbs.starts_in(index + 1, min(high, index + 6))
                return bool(verbs) and not self._quoted_before(index + 1, verbs[0])
        return False

    def _proper_phrases(self, bounds: tuple[int, int], low: int, high: int) -> list[_Name]:
        """The names of a sentence (its token ``bounds``) that overlap tokens ``low`` to ``high``, whole."""
        if bounds[0] not in self._names:
            self._names[bounds[0]] = self._sentence_names(*bounds)
        return [name for name in self._names[bounds[0]] if name.end > low and name.start < high]

    def _sentence_names(self, low: int, high: int) -> list[_Name]:
        """Runs of capitalised words in a sentence, found once and shared by every figure in it."""
        names: list[_Name] = []
        run: list[Token] = []
        for index in range(low, high):
            token = self.tokens[index]
            if not run and not token.text[:1].isupper():
                continue  # most tokens: no name starts in lower case
            end = index  # where a run closed by this token ends; a possessive closes the run after itself
            if index not in self.figure_tokens and index not in self._dateline and index not in self.period_tokens \
                    and self._is_name_part(token, run, index):
                run.append(token)
                if not self._owner(token):
                    continue
                end = index + 1
            if run:
                names.append(_Name(*self._name(run), end - len(run), end))
                run = []
        if run:
            names.append(_Name(*self._name(run), high - len(run), high))
        names = [name for name in names if name.text]
        self._observer_initials.update(_initials(name.text) for name in names
                                       if " " in name.text and self._names_observer(name.text))
        return names

    def _owner(self, token: Token) -> bool:
        """A possessive names the owner of what follows and closes its name, unless it is part of the name."""
        return token.text.endswith(("'s", "’s")) \
            and token.lower.replace("’", "'") not in self._words.name_possessives

    def _is_name_part(self, token: Token, run: list[Token], index: int) -> bool:
        if token.kind == "word" and token.text[:1].isupper():
            if run:
                return True
            if token.text in self.lexicon.subject_stopwords:
                return self._opens_institution(token, index)
            initialism = index + 1 < len(self.tokens) and self.tokens[index + 1].text == "." \
                and self.tokens[index + 1].start == token.end
            # A name never opens with a metric's words: 'Gross margin slipped' names no company.
            return (len(token.text) > 1 or initialism) and not self._common_word(token, index) \
                and self._metrics.get(index) is None
        if token.text == "." and run and len(run[-1].text) == 1 and run[-1].end == token.start:
            return True
        if token.text in ("&",) and run:
            return True
        if run and token.kind == "word" and token.text.islower():
            return self._joins_institution(token, run, index)
        return bool(run) and token.kind == "word" and len(token.text) == 1 and token.text.isupper()

    def _opens_institution(self, token: Token, index: int) -> bool:
        """'European Union', 'European Central Bank': an adjective that names nothing alone opens an institution's
        name. A function word never does ('The Bank of England')."""
        if token.lower in self.lexicon.function_words:
            return False
        for ahead in range(index + 1, min(len(self.tokens), index + 1 + _NAME_OPENER_REACH)):
            following = self.tokens[ahead]
            if following.kind != "word" or not following.text[:1].isupper():
                return False
            if following.lower in self._words.institution_words:
                return True
        return False

    def _joins_institution(self, token: Token, run: list[Token], index: int) -> bool:
        """'Bank of England', 'Office for National Statistics', 'Department for Business and Trade': lower-case
        words inside an institution's name, when a capitalised word follows them."""
        words = self._words
        if token.lower in words.name_connectors:
            joined = any(part.lower in words.institution_words for part in run)
        elif token.lower in words.name_continuers:
            joined = any(part.lower in words.name_connectors for part in run)
        else:
            return False
        ahead = index + 1
        if ahead < len(self.tokens) and self.tokens[ahead].lower in words.name_continuers:
            ahead += 1  # 'Office of the Comptroller'
        return joined and ahead < len(self.tokens) and self.tokens[ahead].kind == "word" \
            and self.tokens[ahead].text[:1].isupper()

    def _common_word(self, token: Token, index: int) -> bool:
        """A capitalised word that the article also writes in lower case is an ordinary word ('Now', 'Exports')."""
        return token.lower in self._words_written and token.lower.islower() \
            and (index == 0 or self._starts_sentence(index))

    def _starts_sentence(self, index: int) -> bool:
        return self.index.sentence_of(self.tokens[index].start).start == self.tokens[index].start

    def _name(self, run: list[Token]) -> tuple[str, bool]:
        while run and run[-1].text in ("&",):
            run = run[:-1]
        text = self.document.view[run[0].start:run[-1].end]
        possessive = text.endswith(POSSESSIVE_ENDINGS)
        if text.endswith(("'s", "’s")):
            text = text[:-2]
        words = text.split()
        while len(words) > 1 and words[-1] in self.lexicon.subject_suffixes:
            words.pop()
        return " ".join(words).strip(" ,"), possessive

    # -- metric, modality, direction --------------------------------------------------------------------------

    def metric_for(self, quantity: RawQuantity, sentence: Span) -> str | None:
        metric = self._metric_in_sentence(quantity, sentence)
        if quantity.kind is QuantityKind.percent and (metric == _MARKET_SIZE or self._share_of_units(quantity)):
            return _MARKET_SHARE
        return metric

    def _share_of_units(self, quantity: RawQuantity) -> bool:
        """'22% of shipments', 'a third of sales': a share of what a market sells."""
        index = quantity.next_index
        if index + 1 >= len(self.tokens) or self.tokens[index].lower not in self._words.share_of:
            return False
        for ahead in range(index + 1, min(len(self.tokens), index + _SHARE_OF_REACH)):
            found = self._metrics.get(ahead)
            if found is not None:
                return found[0] in _MARKET_UNIT_METRICS
        return False

    def _metric_in_sentence(self, quantity: RawQuantity, sentence: Span) -> str | None:
        """What the figure measures, from the metric cues around it, most telling position first.

        'revenue of $4.8 billion' (cue right before), '35% market share' (cue right after), then the nearest
        cue earlier in the clause or sentence; change words ('growth', 'fell') only when nothing else names it.
        """
        low, high = self.token_range(sentence)
        # A cue counts when it ends within reach: 'gross margin' far back is not read as just 'margin'.
        reach = quantity.first_token - _METRIC_BEFORE_REACH
        cues = [cue for cue in self._metric_cues(max(low, reach - self.lexicon.metrics.longest + 1),
                                                 min(high, quantity.next_index + _METRIC_AFTER_REACH), quantity)
                if cue[1] > reach]
        nouns = [cue for cue in cues if cue[2] not in _CHANGE_METRICS]
        before = [cue for cue in nouns if cue[1] <= quantity.first_token]
        after = [cue for cue in nouns if cue[0] >= quantity.next_index]
        if before and quantity.first_token - before[-1][1] <= _ADJACENT and \
                self._only_linking_words(before[-1][1], quantity.first_token):
            return self._per_unit(quantity, after, before[-1][2]) or before[-1][2]
        if after and after[0][0] - quantity.next_index <= _ADJACENT \
                and not self._clause_break(quantity.next_index, after[0][0]):
            return after[0][2]
        clause_start = self._clause_start(quantity.first_token, low)
        in_clause = [cue for cue in before if cue[0] >= clause_start]
        if in_clause:
            return in_clause[-1][2]
        if before:
            return before[-1][2]
        changes = [cue for cue in cues if cue[2] in _CHANGE_METRICS and quantity.kind in _RATE_KINDS
                   and _cue_distance(cue, quantity) <= _ADJACENT]
        if after:
            return after[0][2]
        return min(changes, key=partial(_cue_distance, quantity=quantity))[2] if changes else None

    def _metric_cues(self, low: int, high: int, quantity: RawQuantity) -> list[tuple[int, int, str]]:
        """(start, end, metric) of the cues in tokens ``low`` to ``high`` outside the figure, none overlapping,
        that name a metric able to measure a figure of its kind."""
        cues, free_from = [], low
        measures, measure = self.lexicon.metric_measures, measure_of(quantity)
        for index in self._metrics.starts_in(low, high):
            if index < free_from or quantity.first_token <= index < quantity.next_index:
                continue
            metric, end = self._metrics.matches[index]
            free_from = end
            if measure in measures.get(metric, _ANY_MEASURE):
                cues.append((index, end, metric))
        return cues

    def _per_unit(self, quantity: RawQuantity, after: list[tuple[int, int, str]], named: str) -> str | None:
        """The per-unit metric a phrase right after the figure turns ``named`` into ('earned $1.23 a share')."""
        index = quantity.next_index
        if not after or after[0][0] != index or named not in self.lexicon.per_unit_metrics.get(after[0][2], ()):
            return None
        joined = self.lexicon.rate_joiners.match(self.tokens, index) or \
            self.lexicon.time_rate_joiners.match(self.tokens, index)
        return after[0][2] if joined else None

    def _only_linking_words(self, low: int, high: int) -> bool:
        return all(self.tokens[i].lower in self._words.linking_words for i in range(low, high))

    def _clause_start(self, index: int, low: int) -> int:
        low = max(low, index - _SUBJECT_REACH)
        for back in range(index - 1, low - 1, -1):
            if self._opens_clause(self.tokens[back]):
                return back + 1
        return low

    def modality_for(self, quantity: RawQuantity, sentence: Span, period: Period | None) -> Modality:
        cued = self._cued_modality(quantity, sentence)
        if cued is not None:
            return cued
        if self._expected_after(quantity, sentence):
            return Modality.projected
        published = self.document.published
        if period is not None and published is not None and period.start > published:
            return Modality.projected
        return Modality.actual

    def _cued_modality(self, quantity: RawQuantity, sentence: Span) -> Modality | None:
        low, _ = self.token_range(sentence)
        cues = self._modalities.starts_in(max(low, quantity.first_token - _MODALITY_REACH), quantity.first_token)
        return Modality(self._modalities.matches[cues[-1]][0]) if cues else None

    def _forecast_period(self, quantity: RawQuantity, sentence: Span, period: Period | None) -> Period | None:
        """'expects inflation to peak at 3.7% in September', written in June: a forecast for a month, quarter or
        half whose year the text leaves open is for the next one, not one over long ago. The one just over stays:
        'beating forecasts of a 1.1% rise in October', written in November, is about last month."""
        published = self.document.published
        if period is None or period.anchored or published is None or period.granularity not in _SHIFTABLE:
            return period
        just_over = (published - period.end).days <= (period.end - period.start).days + 1
        if period.end >= published or just_over or self._cued_modality(quantity, sentence) is not Modality.projected:
            return period
        shifted = _in_year(period, period.start.year + 1)
        return shifted.model_copy(update={"anchored": False}) if shifted.start > published else period

    def _expected_after(self, quantity: RawQuantity, sentence: Span) -> bool:
        """'the 170,000 (that) economists had expected': a forecast named after the figure, in its clause."""
        _, high = self.token_range(sentence)
        for index in range(quantity.next_index, min(high, quantity.next_index + _EXPECTED_REACH)):
            token = self.tokens[index]
            if token.text in self._words.clause_breaks or token.lower in self._words.comparison_words:
                return False
            if token.lower in self._words.expectation_verbs:
                return True
        return False

    def direction_for(self, quantity: RawQuantity, sentence: Span) -> Direction:
        low, high = self.token_range(sentence)
        best: tuple[int, str] | None = None
        for index in self._directions.starts_in(max(low, quantity.first_token - _DIRECTION_REACH),
                                                min(high, quantity.next_index + _DIRECTION_REACH)):
            if quantity.first_token <= index < quantity.next_index:
                continue
            distance = abs(index - quantity.first_token)
            if best is None or distance < best[0]:
                best = (distance, self._directions.matches[index][0])
        return Direction(best[1]) if best else Direction.none

    # -- attribution ----------------------------------------------------------------------------------------

    def attribution_for(self, sentence: Span) -> Attribution:
        if sentence.start not in self._attributions:
            self._attributions[sentence.start] = self._attribution(sentence)
        return self._attributions[sentence.start]

    def _attribution(self, sentence: Span) -> Attribution:
        found = self._attribution_in(sentence)
        if found.kind is not AttributionKind.none:
            return found
        previous = self.index.previous_sentence(sentence)
        if previous is not None and self._continues(sentence, previous):
            return self._attribution_in(previous)
        return found

    def _continues(self, sentence: Span, previous: Span) -> bool:
        if self.index.paragraph_of(sentence.start).start != self.index.paragraph_of(previous.start).start:
            return False
        low, _ = self.token_range(sentence)
        return self.lexicon.continuations.match(self.tokens, low) is not None

    def _attribution_in(self, sentence: Span) -> Attribution:
        citations = self.document.citations
        low = bisect_left(self._citation_starts, sentence.start)
        high = bisect_right(self._citation_starts, sentence.end + 1)
        markers = tuple(self.document.text[c.start:c.end] for c in citations[low:high])
        if markers:
            return Attribution(kind=AttributionKind.citation, markers=markers)
        named = self._named_source(sentence)
        if named is not None:
            return named
        first_link = bisect_left(self._link_starts, sentence.start)
        if first_link < len(self._link_starts) and self._link_starts[first_link] < sentence.end:
            link = self._links[first_link]
            return Attribution(kind=AttributionKind.link, text=self.document.text[link.start:link.end],
                               start=link.start, end=link.end)
        return _NO_ATTRIBUTION

    def _named_source(self, sentence: Span) -> Attribution | None:
        low, high = self.token_range(sentence)
        prefixes = [index for index in self._prefixes.starts_in(low, high) if self._cites(index)]
        if prefixes:
            index, end = prefixes[0], self._prefixes.matches[prefixes[0]][1]
            phrases = self._proper_phrases((low, high), end, min(high, end + 8))
            return self._source(phrases[0].text if phrases else self._noun_after(end, high), self._span_text(index, end),
                                index, end)
        for index in self._verbs.starts_in(low, high):
            verb = self._verbs.matches[index]
            if self._passive(index, high) or self._takes_object(index, high):
                continue
            source = self._source_near_verb(index, low, high)
            if source is not None:
                return self._source(source, self._span_text(index, verb[1]), index, verb[1])
        return None

    def _cites(self, prefix: int) -> bool:
        """Whether a prefix cue names a source. Not inside a figure (the 'per' of '5 per cent'), nor a rate's
        'per' before a common noun ('76 cents per share'), nor 'citing' a reason ('citing robust exports'): these
        cite only a name or 'the filing'."""
        if prefix in self.figure_tokens:
            return False
        name_only = self.tokens[prefix].lower in self._words.name_only_prefixes \
            or self.lexicon.rate_joiners.match(self.tokens, prefix) is not None
        if not name_only or prefix + 1 >= len(self.tokens):
            return True
        following = self.tokens[prefix + 1]
        return following.text[:1].isupper() or following.lower in self._words.source_determiners

    def _takes_object(self, verb: int, high: int) -> bool:
        """'employers added 151,000 jobs' counts; ', the ONS added.' and 'added that' report."""
        if self.tokens[verb].lower not in self._words.objectless_verbs or verb + 1 >= high:
            return False
        following = self.tokens[verb + 1]
        return following.kind != "sym" and following.lower not in self._words.statement_openers

    def _passive(self, verb: int, high: int) -> bool:
        """'exports are projected to ...' states a forecast; 'are projected by the ministry' names a source."""
        if verb == 0 or self.tokens[verb - 1].lower not in self._words.passive_auxiliaries:
            return False
        return not (verb + 1 < high and self.tokens[verb + 1].lower in self._words.passive_agents)

    def _source_near_verb(self, verb: int, low: int, high: int) -> str | None:
        before = [name for name in self._proper_phrases((low, high), max(low, verb - 6), verb)
                  if not name.possessive and not self._quoted_before(name.end, verb)
                  and not self._in_relative_clause(name, verb, low)]
        if before:
            return before[-1].text
        apposed = self._apposed_speaker(verb, low, high)
        if apposed is not None:
            return apposed
        for size in (2, 1):
            start = verb - size
            if start >= low and self._span_text(start, verb).lower() in self._words.source_nouns:
                return self._span_text(start, verb)
        determined = self._determined_speaker(verb, low) or self._coordinated_speaker(verb, low, high)
        if determined is not None:
            return determined
        after = self._proper_phrases((low, high), verb + 1, min(high, verb + 5))
        return after[0].text if after and verb + 1 < high and self.tokens[verb + 1].text[:1].isupper() else None

    def _apposed_speaker(self, verb: int, low: int, high: int) -> str | None:
        """'Nordavia Group, the Scandinavian airline group, said': the name before an apposition that ends right
        before the verb."""
        if verb - 1 <= low or self.tokens[verb - 1].text not in self._words.apposition_marks:
            return None
        for back in range(verb - 2, max(low, verb - 2 - _APPOSED_SPEAKER_REACH) - 1, -1):
            if self.tokens[back].text in self._words.clause_breaks:
                if back <= low or not self._opens_apposition(back):
                    return None
                named = [name for name in self._proper_phrases((low, high), back - 1, back) if name.end == back]
                return named[0].text if named and not named[0].possessive else None
        return None

    def _quoted_before(self, end: int, verb: int) -> bool:
        """'"... paid off for Apple," said Lucas Zhong': a quotation closes between the name and the verb."""
        return any(self.tokens[index].text in self._words.quote_marks for index in range(end, verb))

    def _coordinated_speaker(self, verb: int, low: int, high: int) -> str | None:
        """'The company took a $4.5 billion charge and said ...': the speaker of a verb coordinated with the
        sentence's first is the sentence's subject, a name or a source noun opening its main clause."""
        if verb - 1 <= low or self.tokens[verb - 1].lower not in self._words.verb_coordinators:
            return None
        start = self._main_clause_start(low, verb)
        opening = self._proper_phrases((low, high), start, start + 2)
        if opening and opening[0].start <= start + 1 and not opening[0].possessive:
            return opening[0].text
        for size in (2, 1):
            if self._span_text(start, start + size).lower() in self._words.source_nouns:
                return self._span_text(start, start + size)
        return None

    def _main_clause_start(self, low: int, high: int) -> int:
        """Past an opening phrase set off by a comma ('Separately, Dell Technologies ...')."""
        for index in range(low, min(high, low + _OPENING_PHRASE)):
            if self.tokens[index].text in self._words.clause_breaks:
                return index + 1
        return low

    def _determined_speaker(self, verb: int, low: int) -> str | None:
        """'..., the carmaker said', 'its chief financial officer told': who speaks, named by up to four
        lower-case words after a determiner. Not after 'as' or 'than' ('rose more than the company said'): that
        compares the figure with a statement, it cites none."""
        if self.tokens[verb].lower not in self._words.speech_verbs:
            return None
        for size in (5, 4, 3, 2):
            start = verb - size
            if start < low or self.tokens[start].lower not in self._words.source_determiners:
                continue
            compared = start > low and self.tokens[start - 1].lower in self._words.comparison_words
            if not compared and all(self._plain_noun_word(token) for token in self.tokens[start + 1:verb]):
                return self._span_text(start, verb)
        return None

    def _plain_noun_word(self, token: Token) -> bool:
        """A lower-case word that can be part of a speaker's title: no 'than', 'and' or 'of' ('the winter than
        first reported' names nobody)."""
        words = self._words
        return token.kind == "word" and token.text.islower() and token.lower not in words.comparison_words \
            and token.lower not in words.clause_words and token.lower not in self.lexicon.function_words

    def _noun_after(self, index: int, high: int) -> str | None:
        words = [t.text for t in self.tokens[index:min(high, index + 4)] if t.kind == "word"]
        return " ".join(words[:3]) or None

    def _source(self, name: str | None, phrase: str, start: int, end: int) -> Attribution:
        return Attribution(kind=AttributionKind.source, source=name, verb=phrase.lower(),
                           start=self.tokens[start].start, end=self.tokens[end - 1].end)

    def _span_text(self, start: int, end: int) -> str:
        return self.document.view[self.tokens[start].start:self.tokens[end - 1].end]

    # -- links between the figures of one statement ---------------------------------------------------------

    def links_for(self, quantities: list[RawQuantity], ids: list[str]) -> dict[int, list[Link]]:
        links: dict[int, list[Link]] = {}
        sentences = [self.index.sentence_of(quantity.start).start for quantity in quantities]
        for position in range(len(quantities)):
            for later in range(position + 1, min(len(quantities), position + 4)):
                if sentences[position] == sentences[later]:
                    self._link_pair(quantities, ids, position, later, links)
                if quantities[later].kind not in _RATE_KINDS and any(
                        link.role is LinkRole.rate_of for link in links.get(position, ())):
                    break
        return links

    def _link_pair(self, quantities: list[RawQuantity], ids: list[str], a: int, b: int,
                   links: dict[int, list[Link]]) -> None:
        first, second = quantities[a], quantities[b]
        role = self._relation(first, second, quantities[a + 1:b])
        if role is None or role[0] in _CHANGE_ROLES and not self._same_statement(first, second):
            return
        forward, backward = role
        links.setdefault(a, []).append(Link(role=forward, target=ids[b]))
        links.setdefault(b, []).append(Link(role=backward, target=ids[a]))

    def _relation(self, first: RawQuantity, second: RawQuantity,
                  between: list[RawQuantity]) -> tuple[LinkRole, LinkRole] | None:
        before_first = self._word_before(first.first_token)
        before_second = self._word_before(second.first_token)
        change_from, change_to = self._words.change_from, self._words.change_to
        if before_first in change_from and before_second in change_to and first.kind == second.kind:
            return LinkRole.change_from, LinkRole.change_to
        if before_first in change_to and before_second in change_from and first.kind == second.kind:
            return LinkRole.change_to, LinkRole.change_from
        if before_second in change_from and first.kind == second.kind \
                and (self._direction_before(second.first_token - 1) or self._sized_change_before(second, between)):
            return LinkRole.change_to, LinkRole.change_from
        if first.kind in _RATE_KINDS and second.kind not in _RATE_KINDS \
                and second.first_token - first.next_index <= _RATE_RESULT_REACH \
                and self._result_word_between(first.next_index, second.first_token):
            return LinkRole.rate_of, LinkRole.result_of
        if first.kind is second.kind is QuantityKind.money and first.currency != second.currency \
                and self._word_before(second.first_token) in self._words.conversion_opens \
                and second.first_token - first.next_index <= 2:
            return LinkRole.conversion_of, LinkRole.conversion_of
        return None

    def _same_statement(self, first: RawQuantity, second: RawQuantity) -> bool:
        """'down from £350m a year earlier, while net debt climbed to £650m': a contrast word, a strong break, or a
        change verb with words of its own after a clause opener ('and inflation rose from 3%') starts a statement
        the first figure is not part of. '85%, up from 73%' is one statement."""
        opened = None
        for index in range(first.next_index, second.first_token - 1):
            token = self.tokens[index]
            if token.lower in self._words.contrast_words or token.text in self._words.strong_breaks:
                return False
            if self._opens_clause(token):
                opened = index
            elif opened is not None and index > opened + 1 and self._directions.get(index) is not None:
                return False
        return True

    def _direction_before(self, index: int) -> bool:
        """'85%, up from 73%': a direction word right before 'from'."""
        return index > 0 and self.lexicon.direction.match(self.tokens, index - 1) is not None

    def _sized_change_before(self, base: RawQuantity, between: list[RawQuantity]) -> bool:
        """'3.42 million passengers in July, up 7% from 3.20 million': a rate after a direction word, right
        before the 'from' of the base."""
        return any(rate.kind in _RATE_KINDS and rate.next_index == base.first_token - 1
                   and self._direction_before(rate.first_token) for rate in between)

    def _word_before(self, index: int) -> str | None:
        return self.tokens[index - 1].lower if index > 0 else None

    def _result_word_between(self, low: int, high: int) -> bool:
        return any(self.tokens[i].lower in self._words.result_words for i in range(low, high))


def _figure_between(low: int, high: int, quantities: list[RawQuantity]) -> bool:
    """Whether a figure starts between offsets ``low`` and ``high``: a period after it is that figure's ('20.9
    million, up 5% from 19.9 million in the same period of 2025')."""
    return any(low <= quantity.start < high for quantity in quantities)


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def _all_capitals(token: Token) -> bool:
    return token.kind == "word" and len(token.text) > 1 and token.text.isupper()


def _cue_distance(cue: tuple[int, int, str], quantity: RawQuantity) -> int:
    return quantity.first_token - cue[1] if cue[1] <= quantity.first_token else cue[0] - quantity.next_index


def _in_year(period: Period, year: int) -> Period:
    """An unanchored period ('January to October') moved into the year its sentence names."""
    shift = year - period.start.year
    if shift == 0:
        return period
    try:
        start, end = period.start.replace(year=period.start.year + shift), period.end.replace(year=period.end.year + shift)
    except ValueError:
        return period
    label = period.label.replace(str(period.start.year), str(start.year)).replace(str(period.end.year), str(end.year))
    return period.model_copy(update={"start": start, "end": end, "label": label, "anchored": True})


def measure_of(quantity: RawQuantity) -> str:
    """What a figure measures, as the metric lexicon's ``measures`` name it: its kind, or 'duration' for a span of
    time ('a five-year contract', '10-year yields'), which only a metric about time can be."""
    if quantity.kind is QuantityKind.physical and quantity.unit is not None and is_duration(quantity.unit):
        return _DURATION
    return _MEASURES[quantity.kind]
