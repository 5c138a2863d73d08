"""The quantity grammar: [hedge] [currency] numeral [scale] [unit | % | points | currency | noun] [range].

One left-to-right pass over the tokens with bounded look-ahead, so extraction stays linear in the input.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

from ..lexicon import Currency, Lexicon, PhraseTable
from ..models import Approximation, QuantityKind
from ..units import PERCENT_UNIT, POINTS_UNIT, canonical_unit, dimension_of, is_duration, measuring_unit, ureg
from .numbers import Numeral, parse_numeral
from ..tokens import Token, tokenize

_NEGATIVE_SIGNS = ("-", "−", "–")
_BASIS_POINTS = 100
"""Basis points in a percentage point."""
_PERCENT = 100
# Figures whose measure a bare number compared with them shares ('3.2% from 2.9'); not 'doubled from 40'.
_MEASURED = frozenset({QuantityKind.money, QuantityKind.percent, QuantityKind.percentage_points,
                       QuantityKind.physical})
_RATES = frozenset({QuantityKind.percent, QuantityKind.percentage_points})
_COMMA = frozenset({","})
_LOWER_BOUND = (Approximation.more_than, Approximation.at_least)
_UPPER_BOUND = (Approximation.less_than, Approximation.at_most)
# Units that are one letter long are read only when they touch the number ("-10C", "5t"), unless the lexicon
# lists them as unambiguous with a space too ("4 L").
_MIN_SPACED_SYMBOL = 2
_CHANGE_REACH = 12
_FROM = "from"
_CLAUSE_ENDS = frozenset({".", ";", "!", "?"})
_SENTENCE_ENDS = frozenset({".", "!", "?"})
_CLOSING_PUNCTUATION = frozenset({".", ",", ";", "!", "?", ")"})
_APOSTROPHES = frozenset({"'", "’"})
_SLASH = "/"
_ANGLE_DEGREE = "degree"
_YEAR = "year"
_TEMPERATURE_SCALE_KEY = ("degrees", "temperature scale")
# "20 (kg)", "20 <kg>": a unit in brackets right after the number.
_UNIT_WRAPPERS = {"(": ")", "<": ">", "[": "]"}
# Compound units: factors joined by these signs ("km/s", "N·m"), raised by "^2", "-1", "⁻¹" or a glued digit.
_UNIT_MULTIPLY = frozenset({"·", "⋅", "*"})
_UNIT_POWERS = frozenset({"^"})
_UNIT_MINUS = frozenset({"-", "−", "⁻"})
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_DIGITS_SET = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_MAX_UNIT_POWER = 4
_MAX_UNIT_FACTORS = 4
# A symbol only pint knows ("J", "s", "Pa") is read inside a compound unit, never alone; longer names must
# come from the lexicon, since pint also reads English words ("at", "as", "me").
_MAX_PINT_SYMBOL = 3
# A digit glued to a symbol is a power only for lengths and times ("m2", "s2"); "A320" is a name.
_GLUED_POWER_DIMENSIONS = frozenset({"[length]", "[time]"})


class _UnitFactor(NamedTuple):
    """One factor of a compound unit: a pint expression, its power as written (None when plain), and
    whether it was written as a symbol ("kg", "s") rather than a name ("hours")."""

    unit: str
    power: int | None
    next_index: int
    symbol: bool

    def written(self) -> str:
        return f"({self.unit})" if self.power is None else f"({self.unit}) ** {self.power}"


class RawQuantity:
    """A figure as the scanner reads it, before it becomes a Claim. A plain class, not a NamedTuple: compiled
    (mypyc), it is built and copied without the NamedTuple's Python-level ``_replace``."""

    __slots__ = ("approximation", "bare", "currency", "currency_inferred", "end", "first_token", "is_range", "kind",
                 "lower", "next_index", "precision", "scale", "start", "unit", "upper", "value")

    def __init__(self, start: int, end: int, value: float | None, kind: QuantityKind, precision: float | None = None,
                 scale: float = 1.0, unit: str | None = None, currency: str | None = None,
                 currency_inferred: bool = False, lower: float | None = None, upper: float | None = None,
                 is_range: bool = False, approximation: Approximation = Approximation.exact, first_token: int = 0,
                 next_index: int = 0, bare: bool = False) -> None:
        self.start, self.end, self.value, self.kind = start, end, value, kind
        self.precision, self.scale, self.unit, self.currency = precision, scale, unit, currency
        self.currency_inferred, self.lower, self.upper, self.is_range = currency_inferred, lower, upper, is_range
        self.approximation, self.first_token, self.next_index = approximation, first_token, next_index
        self.bare = bare
        """True when only a number was read: a range partner may lend it its unit ("25-35%")."""

    def _replace(self, **changes: Any) -> RawQuantity:
        """A copy with ``changes``, as NamedTuple._replace gives."""
        copy = RawQuantity(self.start, self.end, self.value, self.kind, self.precision, self.scale, self.unit,
                           self.currency, self.currency_inferred, self.lower, self.upper, self.is_range,
                           self.approximation, self.first_token, self.next_index, self.bare)
        for name, value in changes.items():
            setattr(copy, name, value)
        return copy


class Scanner:
    """Reads the figures of one sentence. A plain class: one is made per sentence, and a dataclass's generated
    ``__init__`` would stay uncompiled Python."""

    def __init__(self, tokens: list[Token], lexicon: Lexicon, blocked: frozenset[int],
                 share_context: Callable[[int], bool], lowered_text: str = "",
                 document_choices: dict[tuple[str, ...], str | None] | None = None) -> None:
        self.tokens = tokens
        self.lexicon = lexicon
        self.blocked = blocked
        """Token indices that belong to periods or masked artefacts; no quantity may use them."""
        self.share_context = share_context
        """Whether the sentence around an offset talks about shares or rates (for bare 'points')."""
        self.lowered_text = lowered_text
        """The whole view in lower case, to resolve names several currencies share ('crowns')."""
        self.document_choices: dict[tuple[str, ...], str | None] = {} if document_choices is None else document_choices
        """Decisions made once per document and shared by its sentences' scanners: which currency each shared
        name stands for there, and (under `_TEMPERATURE_SCALE_KEY`) the scale of its bare temperature degrees."""

    def scan(self) -> list[RawQuantity]:
        found: list[RawQuantity] = []
        resume = 0
        for index in self._openings():
            if index < resume:
                continue  # inside the figure just read
            quantity = self.quantity_at(index)
            if quantity is not None:
                if found and quantity.bare:
                    quantity = self._compared_with(found[-1], quantity)
                found.append(quantity)
                resume = quantity.next_index
        return found

    def _compared_with(self, previous: RawQuantity, bare: RawQuantity) -> RawQuantity:
        """'fell to 90.07 billion dollars from 104.8 billion in September': a bare number the measure just
        stated is compared with is in that measure. Not one that counts something else ('from 12 stores')."""
        between = [token.lower for token in self.tokens[previous.next_index:bare.first_token]]
        if previous.kind not in _MEASURED or not between or between[-1] not in self.lexicon.comparison_heads \
                or any(word not in self.lexicon.comparison_joiners for word in between[:-1]):
            return bare
        after = bare.next_index
        following = self.tokens[after] if after < len(self.tokens) else None
        if following is not None and following.kind == "word" \
                and (following.lower not in self.lexicon.function_words or not following.text.islower()):
            return bare  # 'from 12 stores', 'from two US carmakers' ('US' is no 'us')
        if previous.kind in _RATES and (bare.scale != 1.0 or self._sizes_a_change(previous)):
            return bare  # 'up 4.7% from 76.4 million', '8.4%, with 27.9 million': no rate is counted in millions
        return _lend(bare, previous)._replace(bare=False)

    def _sizes_a_change(self, rate: RawQuantity) -> bool:
        return rate.first_token > 0 and self.tokens[rate.first_token - 1].lower in self.lexicon.change_cues

    def _openings(self) -> list[int]:
        """The tokens a figure may start at, in order: digits, and words that can open a figure with a digit or
        a number word within reach. Every other token is skipped without parsing."""
        starters, blocked = _starters(self.lexicon), self.blocked
        return [index for index, token in enumerate(self.tokens) if index not in blocked and (
            token.kind == "num" or _starts(token, starters.any) and self._core_ahead(index, starters))]

    def _core_ahead(self, index: int, starters: _Starters) -> bool:
        """Whether a digit or a number word comes within reach: most words that can open a figure ('a', 'over',
        'up') open none, and this rules them out before any parsing."""
        for ahead in range(index, min(len(self.tokens), index + starters.reach)):
            token = self.tokens[ahead]
            if token.kind == "num" or _starts(token, starters.cores):
                return True
        return False

    # -- statements -------------------------------------------------------------------------------------

    def quantity_at(self, index: int) -> RawQuantity | None:
        token = self.tokens[index]
        if token.lower in self.lexicon.range_openers:
            opened = self._opened_range(index)
            if opened is not None:
                return opened
        hedge = self.lexicon.hedges_before.match(self.tokens, index)
        if hedge is not None and self._free(hedge[1]):
            simple = self.simple_at(hedge[1])
            if simple is not None and self._hedges_figure(token, simple):
                ranged = self._range_after(simple)
                if ranged is not None:
                    return ranged._replace(start=token.start, first_token=index, approximation=Approximation(hedge[0]))
                hedged = _hedged(simple, Approximation(hedge[0]), token.start, index)
                return self._two_sided(hedged) or self._after_hedge(hedged)
            if simple is not None:
                return simple
        if token.kind != "num" and not _starts(token, _starters(self.lexicon).figure):
            return None
        simple = self.simple_at(index)
        if simple is None:
            return None
        simple = self._compound_measure(simple) or simple
        uncertain = self._uncertainty(simple)
        if uncertain is not None:
            return uncertain
        ranged = self._range_after(simple)
        return self._after_hedge(ranged or simple)

    def _uncertainty(self, central: RawQuantity) -> RawQuantity | None:
        """'9.83e-3 +/- 1e-5 km/s2', '5.0 ± 0.2 mm': a central value and its error are one figure, bounded by
        the value minus and plus the error; a unit written on either side measures both. An error in percent
        of a figure that is no percentage is relative to it ('revenue of $2.0 billion, plus or minus 5%')."""
        after = central.next_index
        sign = self.lexicon.uncertainty.match(self.tokens, after + self._is_word(after, _COMMA))
        if sign is None or central.value is None or central.is_range or not self._free(sign[1]):
            return None
        error = self.simple_at(sign[1])
        if error is None or error.value is None or error.value <= 0 or error.is_range:
            return None
        if error.kind is QuantityKind.percent and central.kind is not QuantityKind.percent and not central.bare:
            error = error._replace(value=abs(central.value) * error.value / _PERCENT)
        elif central.bare:
            central = _lend(central, error)._replace(bare=False)
        elif error.bare:
            error = _lend(error, central)
        elif not _same_measure(central, error):
            return None
        if central.value is None or error.value is None:
            return None
        return central._replace(end=error.end, next_index=error.next_index, lower=central.value - error.value,
                                upper=central.value + error.value)

    def _compound_measure(self, first: RawQuantity) -> RawQuantity | None:
        """'5 ft 2 in', '6 feet and 1 inch', '2 hours 30 minutes': a measure continued in a smaller unit of the
        same dimension is one figure, in the larger unit."""
        if first.kind is not QuantityKind.physical or first.unit is None or first.value is None:
            return None
        index = first.next_index + (1 if self._is_word(first.next_index, self.lexicon.joiners) else 0)
        if not self._free(index) or self.tokens[index].kind != "num":
            return None
        numeral = parse_numeral(self.tokens, index, self.lexicon)
        if numeral is None or numeral.scale != 1.0:
            return None
        unit = self._unit_at(numeral.next_index, numeral.end) or self.lexicon.compound_tails.match(
            self.tokens, numeral.next_index)
        if unit is None:
            return None
        part = ureg.Quantity(numeral.value, canonical_unit(unit[0]))
        whole = ureg.Quantity(1.0, first.unit)
        if part.dimensionality != whole.dimensionality or ureg.Quantity(1.0, part.units).to(first.unit).magnitude >= 1:
            return None
        added = part.to(first.unit).magnitude
        precision = ureg.Quantity(numeral.precision, part.units).to(first.unit).magnitude
        return first._replace(value=first.value + added, precision=precision, end=self.tokens[unit[1] - 1].end,
                       next_index=unit[1])

    def _two_sided(self, first: RawQuantity) -> RawQuantity | None:
        """'above 1,000 and below 1,500': two opposite bounds joined by 'and' make one range."""
        joiner = first.next_index
        if not self._is_word(joiner, self.lexicon.bound_joiners):
            return None
        hedge = self.lexicon.hedges_before.match(self.tokens, joiner + 1)
        if hedge is None or not self._free(hedge[1]):
            return None
        second_figure = self.simple_at(hedge[1])
        if second_figure is None:
            return None
        second = _hedged(second_figure, Approximation(hedge[0]), second_figure.start, hedge[1])
        low, high = (first.lower, second.upper) if first.lower is not None else (second.lower, first.upper)
        if low is None or high is None or not _same_measure(first, second) and not second_figure.bare:
            return None
        if low > high:
            return None
        return first._replace(end=second.end, next_index=second.next_index, value=(low + high) / 2, lower=low,
                       upper=high, is_range=True)

    def _hedges_figure(self, hedge: Token, figure: RawQuantity) -> bool:
        """'over ten years' is a span of time ('during'), not 'more than ten years'."""
        if hedge.lower not in self.lexicon.not_before_durations or figure.unit is None:
            return True
        return figure.kind is not QuantityKind.physical or not is_duration(figure.unit)

    def _opened_range(self, index: int) -> RawQuantity | None:
        """'between 25 and 35 percent', 'from 2 to 3 million' (a range unless a change verb precedes)."""
        closers = self.lexicon.range_openers[self.tokens[index].lower]
        first = self.simple_at(index + 1) if self._free(index + 1) else None
        if first is None or not self._is_word(first.next_index, closers):
            return None
        if self.tokens[index].lower == _FROM and self._change_precedes(index):
            return None
        second = self.simple_at(first.next_index + 1) if self._free(first.next_index + 1) else None
        if second is None:
            return None
        return _range(first, second, self.tokens[index].start, index)

    def _range_after(self, first: RawQuantity) -> RawQuantity | None:
        connector = self._past_suspended_hyphen(first.next_index)
        if connector >= len(self.tokens) or self.tokens[connector].lower not in self.lexicon.range_connectors:
            return None
        if self.tokens[connector].lower == "to" and not self._level_head(first.first_token) \
                and self._change_precedes(first.first_token):
            return None
        if first.first_token > 0 and self.tokens[first.first_token - 1].lower in self.lexicon.range_openers:
            return None
        if self.tokens[connector].lower == "or" and not (first.bare and first.scale == 1.0):
            return None
        second = self.simple_at(connector + 1) if self._free(connector + 1) else None
        if second is None or self._is_identifier(second):
            return None
        if first.bare and second.bare and _descending(first, second):
            return None  # a score or a vote: 'won 1-0', 'voted six to three'
        if self.tokens[connector].kind == "sym" and first.bare and second.bare and self._code_like(first, second):
            return None
        return _range(first, second, first.start, first.first_token)

    def _past_suspended_hyphen(self, index: int) -> int:
        """'16- to 24-year-olds': a hyphen left hanging before 'to' belongs to the unit written after."""
        if index + 1 < len(self.tokens) and self.tokens[index].text == "-" and self._touching(index - 1, index + 1) \
                and self.tokens[index + 1].lower in self.lexicon.range_connectors:
            return index + 1
        return index

    def _code_like(self, first: RawQuantity, second: RawQuantity) -> bool:
        """'1995-01', '4-0', '1 - 2 - 3': a dash between bare numbers that do not read as a range."""
        second_text = self.tokens[second.first_token].text
        if second_text.startswith("0") and second_text.isdigit() and len(second_text) > 1:
            return True
        return second.value is not None and first.value is not None and second.value < first.value \
            and len(second_text) < len(self.tokens[first.first_token].text)

    def _after_hedge(self, quantity: RawQuantity) -> RawQuantity:
        trailing = self.lexicon.hedges_after.match(self.tokens, quantity.next_index)
        if trailing is None or quantity.approximation is not Approximation.exact or quantity.is_range:
            return quantity
        hedged = _hedged(quantity, Approximation(trailing[0]), quantity.start, quantity.first_token)
        return hedged._replace(end=self.tokens[trailing[1] - 1].end, next_index=trailing[1])

    def _level_head(self, index: int) -> bool:
        """Whether the figure at ``index`` (past any hedge before it) follows a word that makes it a level
        ('revenue of', 'will be', 'grow to'), which no change word before can turn into a starting point."""
        hedges = self.lexicon.hedges_before
        for back in range(max(0, index - hedges.longest), index):
            found = hedges.match(self.tokens, back)
            if found is not None and found[1] == index:
                index = back
                break
        return index > 0 and self.tokens[index - 1].lower in self.lexicon.range_heads

    def _change_precedes(self, index: int) -> bool:
        """A change word earlier in the clause ('fell 15% in 2025, from A to B', 'improved from A to B') makes
        'from A to B' a change of two figures, not a range."""
        for back in range(index - 1, max(-1, index - _CHANGE_REACH), -1):
            token = self.tokens[back]
            if token.text in _CLAUSE_ENDS or "\n" in self.lowered_text[token.end:self.tokens[back + 1].start]:
                return False
            if token.lower in self.lexicon.change_cues or self.lexicon.direction.match(self.tokens, back):
                return True
        return False

    def _is_identifier(self, second: RawQuantity) -> bool:
        """'1111-2222-3333' is an account or phone number, not a range."""
        after = second.next_index
        return after + 1 < len(self.tokens) and self.tokens[after].text == "-" and self.tokens[after + 1].kind == "num"

    # -- a single figure --------------------------------------------------------------------------------

    def simple_at(self, index: int) -> RawQuantity | None:
        if index >= len(self.tokens):
            return None
        worded = self._occurrence_word(index) or self._multiple_word(index) or self._age_before(index) \
            or self._percent_before(index)
        if worded is not None:
            return worded
        currency, number_index, negative = self._signed_currency(index)
        if not negative and self._negative_sign(number_index):
            negative, number_index = True, number_index + 1
        if number_index >= len(self.tokens) or not self._free(number_index):
            return None
        numeral = parse_numeral(self.tokens, number_index, self.lexicon, money=currency is not None)
        if numeral is None or self._not_a_quantity(numeral, number_index):
            return None
        if negative:
            numeral = numeral._replace(value=-numeral.value)
        start = self.tokens[index].start
        if currency is not None:
            return self._money(numeral, currency, start, index, prefixed=True)
        return self._suffixed(numeral, start, index)

    def _occurrence_word(self, index: int) -> RawQuantity | None:
        """'twice a month', 'once every year': a word that counts occurrences, then a span of time."""
        value = self.lexicon.numbers["occurrences"]["words"].get(self.tokens[index].lower)
        if value is None:
            return None
        token = self.tokens[index]
        counted = RawQuantity(token.start, token.end, value, QuantityKind.count, 0.0, first_token=index,
                              next_index=index + 1)
        return self._frequency(counted)

    def _frequency(self, occurrences: RawQuantity) -> RawQuantity | None:
        """'four times per week', 'three times a day': occurrences per span of time are a rate (1 / week). Not
        'twice a year ago', where the span is a point in time."""
        after = occurrences.next_index
        rate = self._per_time(after)
        if rate is None or not is_duration(canonical_unit(rate[0])):
            return None
        if self.lexicon.time_rate_joiners.match(self.tokens, after) is not None \
                and self._is_word(rate[1], self.lexicon.frequency_blockers):
            return None
        return self._with_unit(occurrences, QuantityKind.physical, canonical_unit(f"1 / ({rate[0]})"), rate[1])

    def _age_before(self, index: int) -> RawQuantity | None:
        """'died aged 87', 'ages 18 to 24': a number of no unit after a word that makes it an age in years."""
        prefix = self.lexicon.age_prefixes.match(self.tokens, index)
        if prefix is None or not self._is_number(prefix[1]):
            return None
        figure = self.simple_at(prefix[1])
        if figure is None or figure.kind not in (QuantityKind.count, QuantityKind.plain):
            return None
        figure = self._range_after(figure) or figure
        return figure._replace(start=self.tokens[index].start, first_token=index, kind=QuantityKind.physical,
                               unit=_YEAR, bare=False)

    def _percent_before(self, index: int) -> RawQuantity | None:
        """'per cent of 210' at the head of a clause: the number after the percent words, in percent."""
        prefix = self.lexicon.percent_before.match(self.tokens, index)
        if prefix is None or not self._free(prefix[1]) or not self._opens_clause(index):
            return None
        figure = self.simple_at(prefix[1])
        if figure is None or not figure.bare:
            return None
        return self._with_unit(figure, QuantityKind.percent, PERCENT_UNIT, figure.next_index)._replace(
            start=self.tokens[index].start, first_token=index)

    def _opens_clause(self, index: int) -> bool:
        return index == 0 or self.tokens[index - 1].text in self.lexicon.clauses.clause_breaks

    def _multiple_word(self, index: int) -> RawQuantity | None:
        found = self.lexicon.multiple_words.match(self.tokens, index)
        if found is None:
            return None
        following = self.tokens[found[1]].lower if found[1] < len(self.tokens) else ""
        if following in self.lexicon.multiple_blockers:
            return None
        token = self.tokens[index]
        return RawQuantity(token.start, token.end, found[0], QuantityKind.multiple, 0.0, first_token=index,
                           next_index=found[1])

    def _currency_prefix(self, index: int) -> tuple[Currency | None, int]:
        sign = self.lexicon.currency_signs.match(self.tokens, index)
        if sign is not None and self._touching(index, sign[1]):
            return sign[0], sign[1]
        spaced = self._spaced_letter_sign(index)
        if spaced is not None:
            return spaced
        for table in (self.lexicon.currency_codes, self.lexicon.currency_codes_lower):
            code = table.match(self.tokens, index)
            if code is not None and self._is_number(code[1]) and self.tokens[index].text not in self.lexicon.word_codes:
                return code[0], code[1]
        return None, index

    def _signed_currency(self, index: int) -> tuple[Currency | None, int, bool]:
        """The currency opening a figure, the index of its number, and whether a minus word came before the
        currency ('minus €250'). (None, index, False) when no currency opens it."""
        currency, number_index = self._currency_prefix(index)
        if currency is None and self._is_word(index, self.lexicon.negative_words):
            after_minus = self._currency_prefix(index + 1)
            if after_minus[0] is not None:
                return *after_minus, True
        return currency, number_index, False

    def _spaced_letter_sign(self, index: int) -> tuple[Currency, int] | None:
        """'c $ 16.4 million', 'HK $ 5': a letter-prefixed dollar sign written apart, as tokenised newswire does.
        Not a word that stands there on its own ('a $ 5 bill', 'told us $ 5'), nor the 's' of a split possessive
        ("india ' s $ 10")."""
        if not self._is_number(index + 2) or self.tokens[index + 1].kind != "sym":
            return None
        letters = self.tokens[index]
        if letters.kind != "word" or not (letters.text.islower() or letters.text.isupper()) \
                or letters.lower in self.lexicon.function_words:
            return None
        if index > 0 and self.tokens[index - 1].text in _APOSTROPHES:
            return None
        upper = letters.text.upper()
        written = [Token(letters.kind, upper, letters.start, letters.end, letters.lower), self.tokens[index + 1]]
        sign = self.lexicon.currency_signs.match(written, 0)
        return (sign[0], index + 2) if sign is not None and sign[1] == len(written) else None

    def _negative_sign(self, index: int) -> bool:
        """'-12', '$-99.99', 'minus five'; not the dash of a range ('25-35') or a hyphenated code."""
        if index + 1 >= len(self.tokens):
            return False
        sign, number = self.tokens[index], self.tokens[index + 1]
        if sign.lower in self.lexicon.negative_words:
            return True
        if sign.text not in _NEGATIVE_SIGNS or number.kind != "num" or sign.end != number.start:
            return False
        if index == 0:
            return True
        previous = self.tokens[index - 1]
        after_sign = previous.end == sign.start and self.lexicon.currency_signs.match(self.tokens, index - 1)
        return bool(after_sign) or previous.end < sign.start and previous.kind != "num"

    def _not_a_quantity(self, numeral: Numeral, index: int) -> bool:
        """Ranks, times of day, pronoun 'one', slashed pairs, and fractions that are not 'of' something."""
        tokens, after = self.tokens, numeral.next_index
        following = tokens[after] if after < len(tokens) else None
        previous = tokens[index - 1] if index > 0 else None
        if self._slashed_pair(index - 1) or after == index + 1 and self._slashed_pair(after):
            return True
        if previous is not None and previous.text == ":" and index > 1 and tokens[index - 2].kind == "num" \
                and previous.start == tokens[index - 2].end:
            return True
        if following is not None and following.start == tokens[after - 1].end:
            if following.lower in self.lexicon.numbers["ordinal_suffixes"]:
                return True
            if following.text == ":" and after + 1 < len(tokens) and tokens[after + 1].kind == "num":
                return True
        if numeral.spelled and tokens[index].lower == "one" and numeral.next_index == index + 1 \
                and not self._measure_follows(after):
            if following is not None and following.lower in self.lexicon.numbers["pronoun_one_followers"]:
                return True
            if previous is not None and previous.lower in self.lexicon.numbers["pronoun_one_preceders"]:
                return True
        if numeral.fraction:
            return not self._fraction_stands(numeral, index, previous, following)
        return False

    def _slashed_pair(self, slash: int) -> bool:
        """'24/7', '50/50', '1/0', '9/11': two numbers glued to a slash (no fraction the tokenizer reads) are a
        name, a split or a code, so neither is a figure. ``slash`` is the slash's index. A longer chain
        ('5/17/2018') is a date or a list, left to the readers of those."""
        tokens = self.tokens
        if not (0 < slash < len(tokens) - 1 and tokens[slash].text == _SLASH
                and tokens[slash - 1].kind == "num" and tokens[slash + 1].kind == "num"
                and self._touching(slash - 1, slash + 2)):
            return False
        chained_before = slash > 1 and tokens[slash - 2].text == _SLASH and self._touching(slash - 2, slash)
        chained_after = self._free(slash + 2) and tokens[slash + 2].text == _SLASH \
            and self._touching(slash + 1, slash + 3)
        return not (chained_before or chained_after)

    def _fraction_stands(self, numeral: Numeral, index: int, previous: Token | None, following: Token | None) -> bool:
        """'two thirds' is a figure; 'a third' and 'half' need 'of', 'by', a hedge or a comparative beside them."""
        if following is not None and following.lower in self.lexicon.fraction_followers:
            return True
        if previous is not None and previous.lower in self.lexicon.fraction_preceders:
            return True
        phrase = self.lowered_text[numeral.start:numeral.end] if self.lowered_text else self.tokens[index].lower
        return not _needs_context(phrase.split(), self.lexicon.indefinite_articles)

    def _measure_follows(self, index: int) -> bool:
        """'one mile', 'one dollar': a unit or currency after 'one' makes it a number, not a pronoun."""
        return any(table.match(self.tokens, index) for table in
                   (self.lexicon.units_words, self.lexicon.currency_names, self.lexicon.percent))

    def _suffixed(self, numeral: Numeral, start: int, first: int) -> RawQuantity | None:
        after = numeral.next_index
        base = RawQuantity(start, numeral.end, numeral.value, QuantityKind.plain, numeral.precision,
                           numeral.scale, first_token=first, next_index=after, bare=True)
        if numeral.rest is not None:
            return self._compound(numeral, base)
        if numeral.fraction and numeral.spelled:
            return base._replace(kind=QuantityKind.ratio, bare=False)
        # One call after another, not a loop over bound methods: compiled, each is then a direct call.
        read = self._one_in_n(numeral, base) or self._over(numeral, base) or self._multiple_suffix(numeral, base) \
            or self._percent(numeral, base) or self._basis_points(numeral, base) or self._points(numeral, base) \
            or self._currency_suffix(numeral, base) or self._unit(numeral, base) or self._hyphenated_head(numeral, base)
        if read is not None:
            return read
        if numeral.fraction:
            return base._replace(kind=QuantityKind.ratio, bare=False)
        if self._part_of_name(numeral, first):
            return None
        return base._replace(kind=_count_or_plain(numeral))

    def _part_of_name(self, numeral: Numeral, index: int) -> bool:
        """A bare whole number between a capitalised word inside a sentence and another word names something
        ('the Mate 80 series', 'Boeing 737 jets', 'Windows 11 users'), as does a number word between two names
        ('Erik ten Hag'). Not after a period word ('in May 80 people')."""
        if index < 2 or numeral.scale != 1.0 or not float(numeral.value).is_integer():
            return False
        previous = self.tokens[index - 1]
        if previous.kind != "word" or not previous.text[0].isupper() or index - 1 in self.blocked \
                or previous.end != self.tokens[index].start - 1:
            return False
        following = self.tokens[numeral.next_index] if numeral.next_index < len(self.tokens) else None
        if following is None or following.kind != "word":
            return False
        if not numeral.spelled:
            return "," not in self.tokens[index].text
        return self.tokens[index].text.islower() and following.text[0].isupper()

    def _compound(self, numeral: Numeral, base: RawQuantity) -> RawQuantity | None:
        """One hyphenated word: 'ten-fold' is a multiple, 'one-year' a duration; 'one-off' is no figure."""
        token = self.tokens[numeral.next_index - 1]
        rest = numeral.rest or ""
        if rest in self.lexicon.multiple_suffixes or "-" + rest in self.lexicon.multiple_suffixes:
            return base._replace(kind=QuantityKind.multiple, end=token.end, bare=False)
        headed = self._measure_heading(numeral, base, rest, token.end - len(rest))
        return headed[0] if headed is not None and headed[1] else None

    def _over(self, numeral: Numeral, base: RawQuantity) -> RawQuantity | None:
        """'one over three': a spelled-out quotient (with digits, 'over' is a hedge on what follows)."""
        if not numeral.spelled:
            return None
        return self._quotient(numeral, base, self.lexicon.quotient_joiners)

    def _one_in_n(self, numeral: Numeral, base: RawQuantity) -> RawQuantity | None:
        """'one in five', '2 out of 3': a ratio of two whole numbers."""
        return self._quotient(numeral, base, self.lexicon.ratio_joiners, whole_numbers=True)

    def _quotient(self, numeral: Numeral, base: RawQuantity, joiners: PhraseTable[bool], *,
                  whole_numbers: bool = False) -> RawQuantity | None:
        joiner = joiners.match(self.tokens, numeral.next_index)
        if joiner is None or not self._free(joiner[1]) or numeral.value == 0:
            return None
        whole = parse_numeral(self.tokens, joiner[1], self.lexicon)
        if whole is None or whole.fraction or whole.rest or not whole.value > abs(numeral.value):
            return None
        if whole_numbers and not (float(abs(numeral.value)).is_integer() and float(whole.value).is_integer()):
            return None
        return base._replace(kind=QuantityKind.ratio, value=numeral.value / whole.value, precision=0.0,
                       end=whole.end, next_index=whole.next_index, bare=False)

    def _multiple_suffix(self, numeral: Numeral, base: RawQuantity) -> RawQuantity | None:
        after = numeral.next_index
        if after >= len(self.tokens):
            return None
        token = self.tokens[after]
        suffixes = self.lexicon.multiple_suffixes
        word = token.lower
        if word in suffixes and (word != "x" or token.start == numeral.end):
            multiple = base._replace(kind=QuantityKind.multiple, end=token.end, next_index=after + 1, bare=False)
            counts_occurrences = word in self.lexicon.numbers["occurrences"]["suffixes"]
            return (self._frequency(multiple) if counts_occurrences else None) or multiple
        if token.text == "-" and after + 1 < len(self.tokens) and "-" + self.tokens[after + 1].lower in suffixes:
            return base._replace(kind=QuantityKind.multiple, end=self.tokens[after + 1].end,
                           next_index=after + 2, bare=False)
        return None

    def _percent(self, numeral: Numeral, base: RawQuantity) -> RawQuantity | None:
        found = self.lexicon.percent.match(self.tokens, numeral.next_index)
        if found is None or self.lexicon.percentage_points.match(self.tokens, numeral.next_index):
            return None
        return self._with_unit(base, QuantityKind.percent, PERCENT_UNIT, found[1])

    def _points(self, numeral: Numeral, base: RawQuantity) -> RawQuantity | None:
        found = self.lexicon.percentage_points.match(self.tokens, numeral.next_index)
        if found is None:
            return None
        word = self.tokens[numeral.next_index].lower
        if word.startswith(("point", "pt")) and not self.share_context(self.tokens[numeral.next_index].start):
            return None
        return self._with_unit(base, QuantityKind.percentage_points, POINTS_UNIT, found[1])

    def _basis_points(self, numeral: Numeral, base: RawQuantity) -> RawQuantity | None:
        """'25 bps', 'eight basis points': hundredths of a percentage point, like a scale word on points."""
        found = self.lexicon.basis_points.match(self.tokens, numeral.next_index)
        if found is None or base.value is None:
            return None
        hundredths = base._replace(value=base.value / _BASIS_POINTS, scale=base.scale / _BASIS_POINTS,
                                   precision=None if base.precision is None else base.precision / _BASIS_POINTS)
        return self._with_unit(hundredths, QuantityKind.percentage_points, POINTS_UNIT, found[1])

    def _currency_suffix(self, numeral: Numeral, base: RawQuantity) -> RawQuantity | None:
        currency, after = self._currency_after(numeral.next_index)
        if currency is None:
            return self._money_by_minor_amount(numeral, base)
        named = self.lexicon.currency_names.match(self.tokens, numeral.next_index) is not None
        return self._money(numeral, currency, base.start, base.first_token, prefixed=False, after=after,
                           named=named)

    def _money_by_minor_amount(self, numeral: Numeral, base: RawQuantity) -> RawQuantity | None:
        """'two pounds fifty', 'five pounds and twenty pence': a name that is also a unit of weight is money
        when an amount in its smaller units follows. Being ambiguous, it takes a bare amount only where one
        must end ('he weighed 200 pounds and 10 ...' stays a weight)."""
        found = self.lexicon.minor_amount_names.match(self.tokens, numeral.next_index)
        if found is None or self._minor_amount(found[1], numeral, found[0], named=False) is None:
            return None
        return self._money(numeral, found[0], base.start, base.first_token, prefixed=False, after=found[1])

    def _hyphenated_head(self, numeral: Numeral, base: RawQuantity) -> RawQuantity | None:
        """'a 12-cent-a-share dividend', 'a 5-mile-long road': a currency, percent or unit heading the hyphenated
        word glued to the number ('-mile' alone is read as a unit already). The figure ends with that head."""
        dash = numeral.next_index
        if dash + 1 >= len(self.tokens) or self.tokens[dash].text != "-" or not self._touching(dash - 1, dash + 2):
            return None
        word = self.tokens[dash + 1]
        headed = self._measure_heading(numeral, base._replace(next_index=dash + 2), word.text, word.start)
        return headed[0] if headed is not None and not headed[1] else None

    def _measure_heading(self, numeral: Numeral, base: RawQuantity, word: str,
                         word_start: int) -> tuple[RawQuantity, bool] | None:
        """The figure measured by the currency, percent or unit that opens a hyphenated ``word`` (at offset
        ``word_start``), ending with it, and whether that measure is the whole word."""
        pieces = tokenize(word.replace("-", " "))  # same length: offsets into the word still hold
        currency = self.lexicon.currency_names.match(pieces, 0)
        if currency is not None and currency[0].code:
            factor, taken = currency[0].factor, currency[1]
            read = base._replace(kind=QuantityKind.money, currency=currency[0].code,
                                 currency_inferred=currency[0].inferred, value=numeral.value * factor,
                                 precision=numeral.precision * factor, scale=numeral.scale * factor)
        elif (percent := self.lexicon.percent.match(pieces, 0)) is not None:
            read, taken = base._replace(kind=QuantityKind.percent, unit=PERCENT_UNIT), percent[1]
        elif (points := self.lexicon.percentage_points.match(pieces, 0)) is not None \
                and self.share_context(word_start):
            read, taken = base._replace(kind=QuantityKind.percentage_points, unit=POINTS_UNIT), points[1]
        elif (unit := self.lexicon.units_words.match(pieces, 0)) is not None:
            read, taken = base._replace(kind=QuantityKind.physical, unit=canonical_unit(unit[0])), unit[1]
        else:
            return None
        return read._replace(end=word_start + pieces[taken - 1].end, bare=False), taken == len(pieces)

    def _currency_after(self, index: int) -> tuple[Currency | None, int]:
        for table in (self.lexicon.currency_names, self.lexicon.currency_codes, self.lexicon.currency_codes_lower):
            found = table.match(self.tokens, index)
            if found is not None:
                return found
        regional = self.lexicon.regional_names.match(self.tokens, index)
        if regional is not None:
            return self._regional(regional[0]), regional[1]
        sign = self.lexicon.currency_signs.match(self.tokens, index)
        if sign is not None and not self._is_number(sign[1]):
            return sign
        return None, index

    def _regional(self, candidates: dict[str, tuple[str, ...]]) -> Currency:
        """The currency whose place names the document mentions; unknown (None) when none or several match.
        Decided once per name and document, not per figure."""
        key = tuple(candidates)
        if key not in self.document_choices:
            matches = [code for code, cues in candidates.items() if any(cue in self.lowered_text for cue in cues)]
            self.document_choices[key] = matches[0] if len(matches) == 1 else None
        return Currency(self.document_choices[key], inferred=True)

    def _is_number(self, index: int) -> bool:
        return index < len(self.tokens) and self.tokens[index].kind == "num"

    def _money(self, numeral: Numeral, currency: Currency, start: int, first: int, *, prefixed: bool,
               after: int | None = None, named: bool = False) -> RawQuantity:
        next_index = after if after is not None else numeral.next_index
        if prefixed:
            named_currency, named_after = self._currency_after(numeral.next_index)
            if named_currency is not None and named_currency.code == currency.code:
                next_index = named_after
            elif named_currency is not None and currency.inferred and named_currency.code != currency.code:
                currency, next_index = named_currency, named_after
        value = numeral.value * currency.factor
        cents = self._minor_amount(next_index, numeral, currency, named=named)
        if cents is not None:
            value, next_index = value + cents[0], cents[1]
        return RawQuantity(start, self.tokens[next_index - 1].end, value, QuantityKind.money,
                           numeral.precision * currency.factor, numeral.scale * currency.factor,
                           currency=currency.code, currency_inferred=currency.inferred, first_token=first,
                           next_index=next_index)

    def _minor_amount(self, index: int, whole: Numeral, currency: Currency, *, named: bool) -> tuple[float, int] | None:
        """'3 dollars 50 cents', '17 USD 25', 'thirteen dollars forty five', 'ten dollars and fifty cents', 'one
        dollar and one', 'one kuai and five mao five': a whole amount, then amounts in its smaller units (in the
        main unit, with the index after them)."""
        if whole.scale != 1.0 or not float(whole.value).is_integer() or currency.code is None:
            return None
        return self._smaller_units(index, currency.code, currency.factor, named=named)

    def _smaller_units(self, index: int, code: str, unit: float, *, named: bool,
                       depth: int = 2) -> tuple[float, int] | None:
        """An amount in a unit smaller than ``unit`` (a fraction of the main unit): a named sub-unit ('fifty
        cents', 'five mao', perhaps followed by a bare amount of the next one), or a bare number counting the
        next smaller unit ('two pounds fifty'). A bare number must end the amount: before punctuation or the
        end, and, when the currency is written as a name, after 'and' or before a conjunction ('one dollar and
        one and ...'); otherwise it may count something else ('ten dollars and three people')."""
        joiners = self.lexicon.joiners
        joined = self._is_word(index, joiners)
        start = index + 1 if joined else index
        minor = self._small_numeral(start, joiners)
        if minor is None or minor.scale != 1.0 or minor.fraction or minor.rest is not None \
                or not float(minor.value).is_integer() or minor.value <= 0:
            return None
        after = minor.next_index
        subunit = self.lexicon.currency_names.match(self.tokens, after)
        if subunit is not None and subunit[0].factor < unit and (subunit[0].code == code or subunit[0].inferred):
            amount = minor.value * subunit[0].factor
            if amount >= unit:
                return None
            smaller = self._smaller_units(subunit[1], code, subunit[0].factor, named=True, depth=depth - 1) \
                if depth > 1 else None
            return (amount + smaller[0], smaller[1]) if smaller is not None else (amount, subunit[1])
        step = _next_minor_step(self.lexicon, code, unit)
        if step is None or minor.value >= round(unit / step) or joined and not named:
            return None
        ends = after >= len(self.tokens) or self.tokens[after].text in _CLOSING_PUNCTUATION
        if ends or named and self._is_word(after, self.lexicon.amount_enders):
            return minor.value * step, after
        return None

    def _small_numeral(self, index: int, joiners: frozenset[str]) -> Numeral | None:
        """The number at ``index`` up to the first joiner: an amount below a hundred never spans 'and', so in
        'one dollar and one and one point' the cents are 'one', not 'one and one'."""
        numeral = parse_numeral(self.tokens, index, self.lexicon) if self._free(index) else None
        if numeral is None:
            return None
        joiner = next((at for at in range(index + 1, numeral.next_index) if self.tokens[at].lower in joiners), None)
        if joiner is None:
            return numeral
        shorter = parse_numeral(self.tokens[index:joiner], 0, self.lexicon)
        return None if shorter is None else shorter._replace(next_index=shorter.next_index + index)

    def _unit(self, numeral: Numeral, base: RawQuantity) -> RawQuantity | None:
        index = numeral.next_index
        if index + 1 < len(self.tokens) and self.tokens[index].text == "-" and self._touching(index - 1, index + 2):
            index += 1
        if index >= len(self.tokens):
            return None
        closer = _UNIT_WRAPPERS.get(self.tokens[index].text)
        wrapped = closer is not None and index + 2 < len(self.tokens)
        unit_index = index + 1 if wrapped else index
        found = self._unit_expression(unit_index) or self._unit_at(unit_index, numeral.end) \
            or (None if wrapped else self._clause_final_tail(unit_index))
        if found is None:
            return None
        unit, after = found
        if wrapped:
            if after >= len(self.tokens) or self.tokens[after].text != closer:
                return None
            after += 1
        if after < len(self.tokens) and self.tokens[after].lower in self.lexicon.age_markers:
            after += 1
        rate = self._per_time(after)
        if rate is not None:
            unit, after = f"({unit}) / {rate[0]}", rate[1]
        elif canonical_unit(unit) == _ANGLE_DEGREE:
            unit = self._temperature_degree() or unit
        return self._with_unit(base, QuantityKind.physical, canonical_unit(unit), after)

    def _temperature_degree(self) -> str | None:
        """A bare 'degrees' in a sentence about temperature ('temperatures hit 40 degrees') is a temperature,
        on the scale the document names somewhere ('Fahrenheit'), else the lexicon's default. Decided once
        per document."""
        cues, scales = self.lexicon.temperature_cues, self.lexicon.temperature_scales
        if not any(token.lower in cues for token in self.tokens):
            return None
        if _TEMPERATURE_SCALE_KEY not in self.document_choices:
            self.document_choices[_TEMPERATURE_SCALE_KEY] = next(
                (unit for unit, names in scales.items()
                 if not names or any(name in self.lowered_text for name in names)), None)
        return self.document_choices[_TEMPERATURE_SCALE_KEY]

    def _clause_final_tail(self, index: int) -> tuple[str, int] | None:
        """'The pencil is 2 in': a unit that is also a preposition ('in') is read alone only where nothing it
        could govern follows: at the end of the sentence ('2 in, 3 out' is a vote count)."""
        tail = self.lexicon.compound_tails.match(self.tokens, index)
        if tail is None:
            return None
        after = tail[1]
        return tail if after >= len(self.tokens) or self.tokens[after].text in _SENTENCE_ENDS else None

    def _per_time(self, index: int) -> tuple[str, int] | None:
        """'per year', 'a day', '/cm3' after a unit: the quantity is a rate. Not 'a year earlier', a period."""
        if not self._free(index):
            return None
        joiner = self.lexicon.rate_joiners.match(self.tokens, index)
        time_only = joiner is None
        if joiner is None:
            joiner = self.lexicon.time_rate_joiners.match(self.tokens, index)
        if joiner is None:
            return None
        unit = self._unit_expression(joiner[1]) or self._unit_at(joiner[1], -1)
        if unit is None and not time_only:
            unit = self._span_of_time(joiner[1])
        if unit is None or time_only and unit[0] not in self.lexicon.durations:
            return None
        return unit

    def _span_of_time(self, index: int) -> tuple[str, int] | None:
        """'per second': after 'per' or '/', a singular span of time is the unit ('a second' alone is a rank)."""
        word = self.tokens[index].lower if self._free(index) else ""
        return (word, index + 1) if word in self.lexicon.durations else None

    def _unit_at(self, index: int, number_end: int) -> tuple[str, int] | None:
        if index >= len(self.tokens):  # 'pumped 1.8 million barrels a' at the end of a sentence
            return None
        exact = self.lexicon.units_exact.match(self.tokens, index)
        if exact is not None:
            symbol_start, symbol_end = self.tokens[index].start, self.tokens[exact[1] - 1].end
            touching = symbol_start == number_end
            glued = exact[1] < len(self.tokens) and self.tokens[exact[1]].start == symbol_end \
                and self.tokens[exact[1]].kind != "sym"
            spaced_ok = symbol_end - symbol_start >= _MIN_SPACED_SYMBOL \
                or self.tokens[index].text in self.lexicon.spaced_symbols
            if (touching or spaced_ok) and not glued:
                return exact
        return self.lexicon.units_words.match(self.tokens, index) or self._prefixed_unit_name(index)

    def _prefixed_unit_name(self, index: int) -> tuple[str, int] | None:
        """'30 nanoseconds', '980 hectopascals': a unit name with an SI prefix, as pint reads it. Written in lower
        case only: capitalised, it is a name ('5 Micron chips', '40 Megabus riders')."""
        token = self.tokens[index]
        if token.kind != "word" or not token.text.islower() or not token.text.startswith(self.lexicon.si_prefixes):
            return None
        unit = measuring_unit(token.lower)
        return None if unit is None else (unit, index + 1)

    def _unit_expression(self, index: int) -> tuple[str, int] | None:
        """A compound unit ('km/s2', 'J/m^2', 'W/min', 'm s-1', 'kg m-3', 'm·s⁻²') and the index after it, as
        pint reads it. Only two or more factors or a written power count: a single unit is `_unit_at`'s, with
        its caution about one-letter symbols."""
        factor = self._unit_factor(index)
        if factor is None:
            return None
        written, after, compound = [factor.written()], factor.next_index, factor.power is not None
        for _ in range(_MAX_UNIT_FACTORS - 1):
            joined = self._joined_factor(after)
            if joined is None or self._scale_before_per(index, after):
                break
            operator, factor = joined
            written.append(f" {operator} {factor.written()}")
            after, compound = factor.next_index, True
        if not compound and not _mixed_case_symbol(self.tokens[index].text, factor):
            return None
        unit = measuring_unit("".join(written))
        return None if unit is None else (unit, after)

    def _joined_factor(self, index: int) -> tuple[str, _UnitFactor] | None:
        """The next factor of a compound unit: after a touching '/' or '·', or (SI style, 'kg m-3') a spaced
        symbol with a negative power."""
        if not self._free(index) or index == 0:
            return None
        sign = self.tokens[index].text
        if sign == _SLASH or sign in _UNIT_MULTIPLY:
            factor = self._unit_factor(index + 1) if self._touching(index - 1, index + 2) else None
            return None if factor is None else ("/" if sign == _SLASH else "*", factor)
        per = self.lexicon.rate_joiners.match(self.tokens, index)
        if per is not None:
            factor = self._unit_factor(per[1])
            if factor is None and (span := self._span_of_time(per[1])) is not None:
                factor = _UnitFactor(span[0], None, span[1], symbol=False)
            return None if factor is None else ("/", factor)
        factor = self._unit_factor(index)
        if factor is None or not factor.symbol or factor.power is None or factor.power > 0:
            return None
        return "*", factor

    def _scale_before_per(self, first: int, joiner: int) -> bool:
        """'5 m per year' may be five million a year: a spaced one-letter symbol that is also a scale
        abbreviation opens a compound unit only with a sign ('5 m/s'), not with 'per'."""
        token = self.tokens[first]
        return (joiner == first + 1 and self.tokens[joiner].kind == "word" and len(token.text) == 1
                and self.lexicon.rate_joiners.match(self.tokens, joiner) is not None
                and first > 0 and self.tokens[first - 1].end < token.start
                and self.lexicon.scale_abbreviations.match(self.tokens, first) is not None)

    def _unit_factor(self, index: int) -> _UnitFactor | None:
        """A unit symbol or name with its power: 'km', 's2', 'm^2', 's-1', 's⁻¹', 'hours'."""
        atom = self._unit_atom(index)
        if atom is None:
            return None
        unit, after, symbol = atom
        if unit[-1] in _SUPERSCRIPT_DIGITS_SET:  # 'mm²': pint reads the symbol, the power is written inside
            base = unit.rstrip(_SUPERSCRIPT_DIGITS_SET)
            exponent = int(unit[len(base):].translate(_SUPERSCRIPT_DIGITS))
            return _UnitFactor(base, exponent, after, symbol) if base and exponent <= _MAX_UNIT_POWER else None
        power = self._unit_power(after)
        if power is None:
            if self._glued_number(after):  # 'A320': a name, not a unit
                return None
            return _UnitFactor(unit, None, after, symbol)
        exponent, power_end, marked = power
        if not marked and not (symbol and _takes_glued_power(unit)) or exponent < 0 and not symbol:
            return None  # SI writes negative powers on symbols ('s-1'); 'tonnes-1' opens a range
        return _UnitFactor(unit, exponent, power_end, symbol)

    def _unit_atom(self, index: int) -> tuple[str, int, bool] | None:
        """(pint expression, index after, written as a symbol) of one unit: the lexicon's first (a phrase such as
        'km/h' only when no power is glued to its end), then a short symbol pint knows that is no English word."""
        if not self._free(index) or self.tokens[index].kind != "word":
            return None
        for table, symbol in ((self.lexicon.units_exact, True), (self.lexicon.units_words, False)):
            found = table.match(self.tokens, index)
            if found is not None and found[1] > index + 1 and self._unit_power(found[1]) is not None:
                found = table.match(self.tokens[index:index + 1], 0)  # 'm/s2': the power is the last symbol's
                found = None if found is None else (found[0], index + 1)
            if found is not None:
                return found[0], found[1], symbol
        token = self.tokens[index]
        if len(token.text) <= _MAX_PINT_SYMBOL and token.lower not in self.lexicon.function_words \
                and measuring_unit(token.text) is not None:
            return token.text, index + 1, True
        return None

    def _unit_power(self, index: int) -> tuple[int, int, bool] | None:
        """(exponent, index after, marked by '^' or a minus) of a power glued to a unit symbol: '^2', '^-1',
        '-1', '⁻¹', '2'. Never a range's dash: '3 kg-4 kg' has a unit after the digit."""
        cursor, sign = index, 1
        if self._glued_sign(cursor, _UNIT_POWERS):
            cursor += 1
        if self._glued_sign(cursor, _UNIT_MINUS):
            cursor, sign = cursor + 1, -1
        if not self._free(cursor) or not self._touching(cursor - 1, cursor + 1):
            return None
        digits = self.tokens[cursor].text.translate(_SUPERSCRIPT_DIGITS)
        if not digits.isdigit() or not 0 < int(digits) <= _MAX_UNIT_POWER:
            return None
        marked = cursor > index
        if not marked and int(digits) < 2 or sign < 0 and self._continues_a_figure(cursor):
            return None
        return sign * int(digits), cursor + 1, marked

    def _continues_a_figure(self, index: int) -> bool:
        """'3 kg-4 kg', '5 t-1bn t', '2 t-1 million t': a range's second figure, not a negative power."""
        numeral = parse_numeral(self.tokens, index, self.lexicon)
        after = index + 1 if numeral is None else numeral.next_index
        return numeral is not None and numeral.scale != 1.0 or self._unit_atom(after) is not None

    def _glued_sign(self, index: int, signs: frozenset[str]) -> bool:
        """A sign at ``index`` that touches the token before it."""
        return index > 0 and self._free(index) and self.tokens[index].text in signs \
            and self._touching(index - 1, index + 1)

    def _glued_number(self, index: int) -> bool:
        return self._is_number(index) and self._touching(index - 1, index + 1)

    def _with_unit(self, base: RawQuantity, kind: QuantityKind, unit: str, after: int) -> RawQuantity:
        return base._replace(kind=kind, unit=unit, end=self.tokens[after - 1].end, next_index=after, bare=False)

    # -- helpers ----------------------------------------------------------------------------------------

    def _free(self, index: int) -> bool:
        return index < len(self.tokens) and index not in self.blocked

    def _is_word(self, index: int, words: frozenset[str]) -> bool:
        return index < len(self.tokens) and self.tokens[index].lower in words

    def _touching(self, start: int, end: int) -> bool:
        """Whether tokens ``start`` to ``end`` (exclusive) are written with nothing between them; tokens past the
        sentence's last do not."""
        return end <= len(self.tokens) and all(self.tokens[i].end == self.tokens[i + 1].start
                                                for i in range(start, end - 1))


def _descending(first: RawQuantity, second: RawQuantity) -> bool:
    return first.value is not None and second.value is not None and second.value < first.value


def _next_minor_step(lexicon: Lexicon, code: str, unit: float) -> float | None:
    """The next unit below ``unit`` (a fraction of the main unit): the lexicon's named sub-units ('mao', then
    'fen'), else ISO 4217's minor unit (a cent for USD; none for JPY)."""
    steps = lexicon.minor_steps.get(code) or _iso_minor_step(code)
    return next((step for step in steps if step < unit * (1 - 1e-9)), None)


@cache
def _iso_minor_step(code: str) -> tuple[float, ...]:
    import iso4217

    try:
        exponent = iso4217.Currency(code).exponent
    except ValueError:
        return ()
    return (10.0 ** -exponent,) if exponent else ()


class _Starters(NamedTuple):
    any: frozenset[str]
    """Every word or sign a quantity can begin with; other tokens are skipped without parsing."""
    figure: frozenset[str]
    """Those a figure itself can begin with, hedges and range openers left out."""
    cores: frozenset[str]
    """Words that are a number by themselves ('twelve', 'million', 'twice'): every figure has one or a digit."""
    reach: int
    """How many tokens a figure's opening words span at most before its core (hedge, sign, minus)."""


def _starters(lexicon: Lexicon) -> _Starters:
    if lexicon.language not in _STARTERS:
        _STARTERS[lexicon.language] = _collect_starters(lexicon)
    return _STARTERS[lexicon.language]


_STARTERS: dict[str, _Starters] = {}


def _collect_starters(lexicon: Lexicon) -> _Starters:
    tables = (lexicon.multiple_words, lexicon.currency_signs, lexicon.currency_codes, lexicon.currency_codes_lower)
    figure = set().union(*(table.first_words() for table in tables))
    figure.update(word.lower() for word in lexicon.currency_signs.first_words())  # 'hk $ 5' (tokenised newswire)
    numbers = lexicon.numbers
    cores = set(lexicon.multiple_words.first_words())
    cores.update(lexicon.number_words, numbers["hundred"], numbers["scales"], numbers["standalone"],
                 numbers["occurrences"]["words"], lexicon.fractions)
    figure.update(cores, numbers["articles"], lexicon.negative_words, _NEGATIVE_SIGNS,
                  lexicon.age_prefixes.first_words(), lexicon.percent_before.first_words())
    signs = max(table.longest for table in tables[1:])
    reach = 1 + lexicon.hedges_before.longest + signs + 1  # the opener, a hedge, a currency sign, a minus
    return _Starters(frozenset(figure | lexicon.hedges_before.first_words() | set(lexicon.range_openers)),
                     frozenset(figure), frozenset(cores), reach)


def _starts(token: Token, starters: frozenset[str]) -> bool:
    """Whether a word or sign (or the first part of a hyphenated word: 'ten-fold') is among ``starters``."""
    lower = token.lower
    return lower in starters or token.text in starters or "-" in lower and lower.partition("-")[0] in starters


def _takes_glued_power(unit: str) -> bool:
    """Whether a bare digit glued to this unit is its power: 'm2', 's2' (lengths and times), not 'A320'."""
    name = measuring_unit(unit)
    return name is not None and dimension_of(name) in _GLUED_POWER_DIMENSIONS


def _mixed_case_symbol(text: str, factor: _UnitFactor) -> bool:
    """'kPa', 'GeV', 'mA': a prefixed SI symbol pint reads, mixing cases as no English word does (a capitalised
    word or an acronym does not count: 'Am', 'PM'). Such a symbol is read alone, without a compound."""
    return (factor.unit == text and factor.power is None and any(c.isupper() for c in text)
            and any(c.islower() for c in text) and not (text[0].isupper() and text[1:].islower()))


def _count_or_plain(numeral: Numeral) -> QuantityKind:
    """Whole or scaled numbers in news count things ('151,000 jobs', 'about 16.3 million'); '105.3' does not."""
    return QuantityKind.count if numeral.scale > 1 or float(numeral.value).is_integer() else QuantityKind.plain


def _needs_context(words: list[str], articles: frozenset[str]) -> bool:
    """'a third', 'half', 'a quarter' are also ranks and periods; 'two thirds' and 'one fifth' are clear."""
    if len(words) == 1:
        return words[0].isalpha()
    return len(words) == 2 and words[0] in articles


def _hedged(quantity: RawQuantity, approximation: Approximation, start: int, first: int) -> RawQuantity:
    lower = quantity.value if approximation in _LOWER_BOUND else quantity.lower
    upper = quantity.value if approximation in _UPPER_BOUND else quantity.upper
    return quantity._replace(start=start, first_token=first, approximation=approximation, lower=lower, upper=upper,
                   bare=False)


def _range(first: RawQuantity, second: RawQuantity, start: int, first_token: int) -> RawQuantity | None:
    """Join two figures into one range, lending the second's unit to a bare first ('25-35%', '2 to 3 million')."""
    if second.bare and first.kind is QuantityKind.money and first.currency:
        second = second._replace(kind=QuantityKind.money, currency=first.currency,
                         currency_inferred=first.currency_inferred, bare=False)
    if first.bare or _same_measure(first, second):
        low = _lend(first, second)
    else:
        return None
    if low.value is None or second.value is None:
        return None
    midpoint = (low.value + second.value) / 2
    return second._replace(start=start, first_token=first_token, value=midpoint, lower=low.value,
                   upper=second.value, is_range=True, approximation=Approximation.exact,
                   precision=max(low.precision or 0.0, second.precision or 0.0))


def _lend(first: RawQuantity, second: RawQuantity) -> RawQuantity:
    """The first figure of a range in the second's measure; it borrows the scale only when it states none and
    is no larger than the second's own number ('2 to 3 million', '1,500 to 2,000 million', not '1,000 to 2
    million')."""
    mantissa = (second.value or 0) / second.scale if second.scale else 0
    scale = second.scale if first.scale == 1.0 < second.scale and abs(first.value or 0) <= abs(mantissa) else 1.0
    value = (first.value or 0.0) * scale
    return first._replace(value=value, precision=(first.precision or 0.0) * scale, kind=second.kind,
                   unit=second.unit, currency=second.currency)


def _same_measure(first: RawQuantity, second: RawQuantity) -> bool:
    return (first.kind, first.unit, first.currency) == (second.kind, second.unit, second.currency)
