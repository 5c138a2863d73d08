"""The quantity grammar: [hedge] [currency] numeral [scale] [unit | % | points | currency | noun] [range].

One left-to-right pass over the tokens with bounded look-ahead, so extraction stays linear in the input.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from ..lexicon import Currency, Lexicon, PhraseTable
from ..models import Approximation, QuantityKind
from ..units import canonical_unit, is_duration, ureg
from .numbers import Numeral, parse_numeral
from ..tokens import Token, tokenize

_NEGATIVE_SIGNS = ("-", "−", "–")
_LOWER_BOUND = (Approximation.more_than, Approximation.at_least)
_UPPER_BOUND = (Approximation.less_than, Approximation.at_most)
_PERCENT_UNIT = "percent"
_POINTS_UNIT = "percentage_point"
# Units that are one letter long are read only when they touch the number ("-10C", "5t").
_MIN_SPACED_SYMBOL = 2
_CHANGE_REACH = 12
_FROM = "from"
_CLAUSE_ENDS = frozenset({".", ";", "!", "?"})
_BOUND_JOINERS = frozenset({"and", "but", ","})
_CLOSING_PUNCTUATION = frozenset({".", ",", ";", "!", "?", ")"})
# "20 (kg)", "20 <kg>": a unit in brackets right after the number.
_UNIT_WRAPPERS = {"(": ")", "<": ">", "[": "]"}


class RawQuantity(NamedTuple):
    start: int
    end: int
    value: float | None
    kind: QuantityKind
    precision: float | None = None
    scale: float = 1.0
    unit: str | None = None
    currency: str | None = None
    currency_inferred: bool = False
    lower: float | None = None
    upper: float | None = None
    is_range: bool = False
    approximation: Approximation = Approximation.exact
    first_token: int = 0
    next_index: int = 0
    bare: bool = False
    """True when only a number was read: a range partner may lend it its unit ("25-35%")."""


@dataclass(frozen=True)
class Scanner:
    tokens: list[Token]
    lexicon: Lexicon
    blocked: frozenset[int]
    """Token indices that belong to periods or masked artefacts; no quantity may use them."""
    share_context: Callable[[int], bool]
    """Whether the sentence around an offset talks about shares or rates (for bare 'points')."""
    lowered_text: str = ""
    """The whole view in lower case, to resolve names several currencies share ('crowns')."""
    regional_codes: dict[tuple[str, ...], str | None] = field(default_factory=dict)
    """Shared by the scanners of one document: which currency each shared name stands for there."""

    def scan(self) -> list[RawQuantity]:
        found, index = [], 0
        starters = _starters(self.lexicon)
        while index < len(self.tokens):
            token = self.tokens[index]
            could_start = token.kind == "num" or _starts(token, starters.any)
            quantity = None if index in self.blocked or not could_start else self.quantity_at(index)
            if quantity is None:
                index += 1
                continue
            found.append(quantity)
            index = quantity.next_index
        return found

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
        ranged = self._range_after(simple)
        return self._after_hedge(ranged or simple)

    def _compound_measure(self, first: RawQuantity) -> RawQuantity | None:
        """'5 ft 2 in', '6 feet and 1 inch', '2 hours 30 minutes': a measure continued in a smaller unit of the
        same dimension is one figure, in the larger unit."""
        if first.kind is not QuantityKind.physical or first.unit is None or first.value is None:
            return None
        index = first.next_index + (1 if self._is_word(first.next_index, frozenset({"and"})) else 0)
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
        if not self._is_word(joiner, _BOUND_JOINERS):
            return None
        hedge = self.lexicon.hedges_before.match(self.tokens, joiner + 1)
        if hedge is None or not self._free(hedge[1]):
            return None
        second_figure = self.simple_at(hedge[1])
        if second_figure is None:
            return None
        second = _hedged(second_figure, Approximation(hedge[0]), second_figure.start, hedge[1])
        bounds = (first.lower, second.upper) if first.lower is not None else (second.lower, first.upper)
        if None in bounds or not _same_measure(first, second) and not second_figure.bare:
            return None
        low, high = bounds
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
        connector = first.next_index
        if connector >= len(self.tokens) or self.tokens[connector].lower not in self.lexicon.range_connectors:
            return None
        if self.tokens[connector].lower == "to" and self._change_precedes(first.first_token):
            return None
        if first.first_token > 0 and self.tokens[first.first_token - 1].lower in self.lexicon.range_openers:
            return None
        if self.tokens[connector].lower == "or" and not (first.bare and first.scale == 1.0):
            return None
        second = self.simple_at(connector + 1) if self._free(connector + 1) else None
        if second is None or self._is_identifier(second):
            return None
        if self.tokens[connector].kind == "sym" and first.bare and second.bare and self._code_like(first, second):
            return None
        return _range(first, second, first.start, first.first_token)

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
        multiple = self._multiple_word(index)
        if multiple is not None:
            return multiple
        currency, number_index = self._currency_prefix(index)
        negative = self._negative_sign(number_index)
        if negative:
            number_index += 1
        if number_index >= len(self.tokens) or not self._free(number_index):
            return None
        numeral = parse_numeral(self.tokens, number_index, self.lexicon)
        if numeral is None or self._not_a_quantity(numeral, number_index):
            return None
        if negative:
            numeral = numeral._replace(value=-numeral.value)
        start = self.tokens[index].start
        if currency is not None:
            return self._money(numeral, currency, start, index, prefixed=True)
        return self._suffixed(numeral, start, index)

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
        for table in (self.lexicon.currency_codes, self.lexicon.currency_codes_lower):
            code = table.match(self.tokens, index)
            if code is not None and self._is_number(code[1]) and self.tokens[index].text not in self.lexicon.word_codes:
                return code[0], code[1]
        return None, index

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
        """Ranks, times of day, pronoun 'one', and fractions that are not 'of' something."""
        tokens, after = self.tokens, numeral.next_index
        following = tokens[after] if after < len(tokens) else None
        previous = tokens[index - 1] if index > 0 else None
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

    def _fraction_stands(self, numeral: Numeral, index: int, previous: Token | None, following: Token | None) -> bool:
        """'two thirds' is a figure; 'a third' and 'half' need 'of', 'by', a hedge or a comparative beside them."""
        if following is not None and following.lower in self.lexicon.fraction_followers:
            return True
        if previous is not None and previous.lower in self.lexicon.fraction_preceders:
            return True
        phrase = self.lowered_text[numeral.start:numeral.end] if self.lowered_text else self.tokens[index].lower
        return not _needs_context(phrase.split())

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
        for reader in (self._one_in_n, self._over, self._multiple_suffix, self._percent, self._points, self._currency_suffix,
                       self._unit, self._hyphenated_head):
            read = reader(numeral, base)
            if read is not None:
                return read
        if numeral.fraction:
            return base._replace(kind=QuantityKind.ratio, bare=False)
        return base._replace(kind=_count_or_plain(numeral))

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
            return base._replace(kind=QuantityKind.multiple, end=token.end, next_index=after + 1, bare=False)
        if token.text == "-" and after + 1 < len(self.tokens) and "-" + self.tokens[after + 1].lower in suffixes:
            return base._replace(kind=QuantityKind.multiple, end=self.tokens[after + 1].end,
                           next_index=after + 2, bare=False)
        return None

    def _percent(self, numeral: Numeral, base: RawQuantity) -> RawQuantity | None:
        found = self.lexicon.percent.match(self.tokens, numeral.next_index)
        if found is None or self.lexicon.percentage_points.match(self.tokens, numeral.next_index):
            return None
        return self._with_unit(base, QuantityKind.percent, _PERCENT_UNIT, found[1])

    def _points(self, numeral: Numeral, base: RawQuantity) -> RawQuantity | None:
        found = self.lexicon.percentage_points.match(self.tokens, numeral.next_index)
        if found is None:
            return None
        word = self.tokens[numeral.next_index].lower
        if word.startswith(("point", "pt")) and not self.share_context(self.tokens[numeral.next_index].start):
            return None
        return self._with_unit(base, QuantityKind.percentage_points, _POINTS_UNIT, found[1])

    def _currency_suffix(self, numeral: Numeral, base: RawQuantity) -> RawQuantity | None:
        currency, after = self._currency_after(numeral.next_index)
        if currency is None:
            return None
        return self._money(numeral, currency, base.start, base.first_token, prefixed=False, after=after)

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
            read, taken = base._replace(kind=QuantityKind.percent, unit=_PERCENT_UNIT), percent[1]
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
        if key not in self.regional_codes:
            matches = [code for code, cues in candidates.items() if any(cue in self.lowered_text for cue in cues)]
            self.regional_codes[key] = matches[0] if len(matches) == 1 else None
        return Currency(self.regional_codes[key], inferred=True)

    def _is_number(self, index: int) -> bool:
        return index < len(self.tokens) and self.tokens[index].kind == "num"

    def _money(self, numeral: Numeral, currency: Currency, start: int, first: int, *, prefixed: bool,
               after: int | None = None) -> RawQuantity:
        next_index = after if after is not None else numeral.next_index
        if prefixed:
            named, named_after = self._currency_after(numeral.next_index)
            if named is not None and named.code == currency.code:
                next_index = named_after
            elif named is not None and currency.inferred and named.code != currency.code:
                currency, next_index = named, named_after
        value = numeral.value * currency.factor
        cents = self._minor_amount(next_index, numeral)
        if cents is not None:
            value, next_index = value + cents[0], cents[1]
        return RawQuantity(start, self.tokens[next_index - 1].end, value, QuantityKind.money,
                           numeral.precision * currency.factor, numeral.scale * currency.factor,
                           currency=currency.code, currency_inferred=currency.inferred, first_token=first,
                           next_index=next_index)

    def _minor_amount(self, index: int, whole: Numeral) -> tuple[float, int] | None:
        """'3 dollars 50 cents', '17 USD 25', 'thirteen dollars forty five', 'ten dollars and fifty cents': a
        whole amount then its cents (after 'and' only when the cents are named)."""
        joined = index < len(self.tokens) and self.tokens[index].lower in self.lexicon.numbers["joiners"]
        start = index + 1 if joined else index
        if whole.scale != 1.0 or not float(whole.value).is_integer() or not self._free(start):
            return None
        minor = parse_numeral(self.tokens, start, self.lexicon)
        if minor is None or minor.scale != 1.0 or not (0 < minor.value < 100) or minor.fraction:
            return None
        after = minor.next_index
        subunit = self.lexicon.currency_names.match(self.tokens, after)
        if subunit is not None and subunit[0].factor < 1:
            return minor.value * subunit[0].factor, subunit[1]
        if not joined and (after >= len(self.tokens) or self.tokens[after].text in _CLOSING_PUNCTUATION):
            return minor.value / 100, after
        return None

    def _unit(self, numeral: Numeral, base: RawQuantity) -> RawQuantity | None:
        index = numeral.next_index
        if index + 1 < len(self.tokens) and self.tokens[index].text == "-" and self._touching(index - 1, index + 2):
            index += 1
        if index >= len(self.tokens):
            return None
        closer = _UNIT_WRAPPERS.get(self.tokens[index].text)
        wrapped = closer is not None and index + 2 < len(self.tokens)
        found = self._unit_at(index + 1 if wrapped else index, numeral.end)
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
        return self._with_unit(base, QuantityKind.physical, canonical_unit(unit), after)

    def _per_time(self, index: int) -> tuple[str, int] | None:
        """'per year', 'a day', '/cm3' after a unit: the quantity is a rate."""
        joiner = self.lexicon.rate_joiners.match(self.tokens, index)
        time_only = joiner is None
        if joiner is None:
            joiner = self.lexicon.time_rate_joiners.match(self.tokens, index)
        if joiner is None:
            return None
        unit = self._unit_at(joiner[1], -1)
        if unit is None or time_only and unit[0] not in self.lexicon.durations:
            return None
        return unit

    def _unit_at(self, index: int, number_end: int) -> tuple[str, int] | None:
        exact = self.lexicon.units_exact.match(self.tokens, index)
        if exact is not None:
            symbol_start, symbol_end = self.tokens[index].start, self.tokens[exact[1] - 1].end
            touching = symbol_start == number_end
            glued = exact[1] < len(self.tokens) and self.tokens[exact[1]].start == symbol_end \
                and self.tokens[exact[1]].kind != "sym"
            if (touching or symbol_end - symbol_start >= _MIN_SPACED_SYMBOL) and not glued:
                return exact
        return self.lexicon.units_words.match(self.tokens, index)

    def _with_unit(self, base: RawQuantity, kind: QuantityKind, unit: str, after: int) -> RawQuantity:
        return base._replace(kind=kind, unit=unit, end=self.tokens[after - 1].end, next_index=after, bare=False)

    # -- helpers ----------------------------------------------------------------------------------------

    def _free(self, index: int) -> bool:
        return index < len(self.tokens) and index not in self.blocked

    def _is_word(self, index: int, words: frozenset[str]) -> bool:
        return index < len(self.tokens) and self.tokens[index].lower in words

    def _touching(self, start: int, end: int) -> bool:
        return all(self.tokens[i].end == self.tokens[i + 1].start for i in range(start, end - 1))


class _Starters(NamedTuple):
    any: frozenset[str]
    """Every word or sign a quantity can begin with; other tokens are skipped without parsing."""
    figure: frozenset[str]
    """Those a figure itself can begin with, hedges and range openers left out."""


def _starters(lexicon: Lexicon) -> _Starters:
    if lexicon.language not in _STARTERS:
        _STARTERS[lexicon.language] = _collect_starters(lexicon)
    return _STARTERS[lexicon.language]


_STARTERS: dict[str, _Starters] = {}


def _collect_starters(lexicon: Lexicon) -> _Starters:
    tables = (lexicon.multiple_words, lexicon.currency_signs, lexicon.currency_codes, lexicon.currency_codes_lower)
    figure = set().union(*(table.first_words() for table in tables))
    numbers = lexicon.numbers
    figure.update(lexicon.number_words, numbers["hundred"], numbers["scales"], numbers["standalone"],
                  lexicon.fractions, numbers["articles"], lexicon.negative_words, _NEGATIVE_SIGNS)
    return _Starters(frozenset(figure | lexicon.hedges_before.first_words() | set(lexicon.range_openers)),
                     frozenset(figure))


def _starts(token: Token, starters: frozenset[str]) -> bool:
    """Whether a word or sign (or the first part of a hyphenated word: 'ten-fold') is among ``starters``."""
    lower = token.lower
    return lower in starters or token.text in starters or "-" in lower and lower.partition("-")[0] in starters


def _count_or_plain(numeral: Numeral) -> QuantityKind:
    """Whole or scaled numbers in news count things ('151,000 jobs', 'about 16.3 million'); '105.3' does not."""
    return QuantityKind.count if numeral.scale > 1 or float(numeral.value).is_integer() else QuantityKind.plain


def _needs_context(words: list[str]) -> bool:
    """'a third', 'half', 'a quarter' are also ranks and periods; 'two thirds' and 'one fifth' are clear."""
    if len(words) == 1:
        return words[0].isalpha() and not words[0].endswith("s")
    return len(words) == 2 and words[0] in ("a", "an")


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
