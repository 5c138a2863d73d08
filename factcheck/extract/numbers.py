"""Numerals: digits, spelled-out numbers, fractions and scale words, with the precision the text states."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..lexicon import Lexicon
from ..tokens import Token, decimals, is_fraction_token, number_value, tokenize

_DASHES = ("-", "–")
# Digit tokens and their words must touch for a scale abbreviation to count ("16.6bn", "€10M"); a space
# is allowed for the longer abbreviations ("$5 mn") but not for one-letter ones ("5 m" may be metres).
_SPACED_ABBREVIATION_MIN_LENGTH = 2
# 'a quarter', 'two thirds': a fraction named in words is exact to two decimals.
_SPELLED_FRACTION_PRECISION = 0.005


class Numeral:
    """A number as written, with its scale. A plain class, not a NamedTuple: compiled (mypyc), it is built
    without the NamedTuple's Python-level ``__new__``, once for every figure."""

    __slots__ = ("end", "fraction", "next_index", "precision", "rest", "scale", "spelled", "start", "value")

    def __init__(self, value: float, precision: float, scale: float, start: int, end: int, next_index: int,
                 spelled: bool = False, fraction: bool = False, rest: str | None = None) -> None:
        self.value, self.precision, self.scale = value, precision, scale
        """``precision``: half a unit of the last stated digit, after scale."""
        self.start, self.end, self.next_index = start, end, next_index
        self.spelled, self.fraction = spelled, fraction
        self.rest = rest
        """What follows the number inside one hyphenated word: 'year' in 'one-year', 'fold' in 'ten-fold'."""

    def _replace(self, **changes: Any) -> Numeral:
        """A copy with ``changes``, as NamedTuple._replace gives."""
        copy = Numeral(self.value, self.precision, self.scale, self.start, self.end, self.next_index, self.spelled,
                       self.fraction, self.rest)
        for name, value in changes.items():
            setattr(copy, name, value)
        return copy


def parse_numeral(tokens: list[Token], index: int, lexicon: Lexicon, *, money: bool = False) -> Numeral | None:
    """A numeral starting at ``index``: digits or words, with an optional scale word. ``money``: a currency comes
    before it, so a one-letter scale is never a unit ('£20m higher' is millions, '20m high' metres)."""
    token = tokens[index]
    if token.kind == "num":
        return _with_scale(tokens, index, lexicon, money)
    if token.kind == "word":
        return _spelled(tokens, index, lexicon)
    return None


def _with_scale(tokens: list[Token], index: int, lexicon: Lexicon, money: bool) -> Numeral:
    token = tokens[index]
    value, places = number_value(token.text), decimals(token.text)
    unit_precision = 0.5 * 10.0 ** -places
    scale, end, next_index = 1.0, token.end, index + 1
    if _fraction_follows(tokens, next_index, token):
        value, unit_precision = value + number_value(tokens[next_index].text), 0.005
        end, next_index = tokens[next_index].end, next_index + 1
    hundred = _hundred_after(tokens, next_index, lexicon)
    if hundred:
        value, next_index, end = value * 100, next_index + 1, tokens[next_index].end
        if _small_number_after_and(tokens, next_index, lexicon):
            value, next_index, end = value + number_value(tokens[next_index + 1].text), next_index + 2, \
                tokens[next_index + 1].end
    scaled = _scale_after(tokens, next_index, end, lexicon, money)
    if scaled:
        scale, next_index, end = scaled
    step = scale if scaled else 100.0 if hundred else None
    more = None if step is None else _spelled_after_and(tokens, next_index, lexicon, step)
    if more is not None:
        value, next_index, end = value + more[0] / scale, more[1], more[2]
    fraction = is_fraction_token(token.text) and abs(value) < 1
    return Numeral(_times(value, scale), unit_precision * scale, scale, token.start, end, next_index,
                   fraction=fraction)


def _fraction_follows(tokens: list[Token], index: int, whole: Token) -> bool:
    """A mixed number: '2 1/4', '3 ½'."""
    return (index < len(tokens) and tokens[index].kind == "num" and is_fraction_token(tokens[index].text)
            and not is_fraction_token(whole.text) and "." not in whole.text)


def _times(value: float, scale: float) -> float:
    """Exact decimal product, so '16.6bn' is 16600000000 and not 16600000000.000002."""
    if scale == 1.0:
        return value
    return float(Decimal(repr(value)) * Decimal(repr(scale)))


def _small_number_after_and(tokens: list[Token], index: int, lexicon: Lexicon) -> bool:
    """'3 hundred and 21' (not '3 hundred and 21 thousand')."""
    numbers = lexicon.numbers
    return (index + 1 < len(tokens) and tokens[index].lower in numbers["joiners"] and tokens[index + 1].kind == "num"
            and tokens[index + 1].text.isdigit() and int(tokens[index + 1].text) < 100
            and not (index + 2 < len(tokens) and (tokens[index + 2].lower in numbers["hundred"]
                                                  or tokens[index + 2].lower in numbers["scales"])))


def _spelled_after_and(tokens: list[Token], index: int, lexicon: Lexicon,
                       step: float) -> tuple[float, int, int] | None:
    """'3 hundred and one', '6 million and two hundred', '3 million and a quarter': spelled words after
    'and' that add less than the multiplier just read (a fraction with an article is a part of it). A
    larger amount ('3 million and 4 million') or a figure of its own ('2 million and two percent') is not."""
    if index + 1 >= len(tokens) or tokens[index].lower not in lexicon.numbers["joiners"] \
            or tokens[index + 1].kind != "word":
        return None
    words = _spelled(tokens, index + 1, lexicon)
    if words is None or words.rest is not None or _measure_word(tokens, words.next_index, lexicon):
        return None
    if words.fraction:
        article = tokens[index + 1].lower in lexicon.numbers["articles"]
        return (words.value * step, words.next_index, words.end) if article else None
    return (words.value, words.next_index, words.end) if words.value < step else None


def _measure_word(tokens: list[Token], index: int, lexicon: Lexicon) -> bool:
    return any(table.match(tokens, index) for table in (lexicon.percent, lexicon.percentage_points))


def _hundred_after(tokens: list[Token], index: int, lexicon: Lexicon) -> bool:
    return index < len(tokens) and tokens[index].lower in lexicon.numbers["hundred"]


def _scale_after(tokens: list[Token], index: int, end: int, lexicon: Lexicon,
                 money: bool = False) -> tuple[float, int, int] | None:
    """(multiplier, next index, end offset) of scale words after a number; chains like 'thousand million'."""
    if index >= len(tokens):
        return None
    found = lexicon.scales.match(tokens, index)
    if found is None:
        found = _abbreviation(tokens, index, end, lexicon, money)
    if found is None:
        return None
    scale, after = found
    chained = _scale_after(tokens, after, tokens[after - 1].end, lexicon) if after < len(tokens) else None
    if chained and lexicon.scales.match(tokens, after):
        return scale * chained[0], chained[1], chained[2]
    return scale, after, tokens[after - 1].end


def _abbreviation(tokens: list[Token], index: int, end: int, lexicon: Lexicon,
                  money: bool) -> tuple[float, int] | None:
    found = lexicon.scale_abbreviations.match(tokens, index)
    if found is None:
        return None
    token = tokens[index]
    touching = token.start == end
    if not touching and len(token.text) < _SPACED_ABBREVIATION_MIN_LENGTH:
        return None
    following = tokens[found[1]] if found[1] < len(tokens) else None
    if following is not None and following.start == token.end and following.kind != "sym":
        return None
    if following is not None and following.lower in lexicon.length_adjectives and not money:
        return None
    return found


def _spelled(tokens: list[Token], index: int, lexicon: Lexicon) -> Numeral | None:
    """Spelled-out numbers: 'twenty-one trillion three hundred', 'a dozen', 'two thirds', 'a fifth'."""
    compound = _hyphenated_compound(tokens, index, lexicon)
    if compound is not None:
        return compound
    parts, next_index = _word_parts(tokens, index, lexicon)
    if not parts:
        return None
    parsed = _evaluate(parts, lexicon)
    if parsed is None:
        return None
    value, scale, is_fraction = parsed
    if is_fraction and _article_follows(tokens, next_index, lexicon):
        is_fraction, next_index = False, next_index + 1
    elif is_fraction and _of_a_scale(tokens, next_index, lexicon):
        is_fraction, next_index = False, next_index + 2
    end = tokens[next_index - 1].end
    scaled = None if is_fraction else _scale_after(tokens, next_index, end, lexicon)
    if scaled:
        value, scale, next_index, end = _times(value, scaled[0]), scale * scaled[0], scaled[1], scaled[2]
    precision = 0.5 * scale if not is_fraction else _SPELLED_FRACTION_PRECISION
    return Numeral(value, precision, scale, tokens[index].start, end, next_index, spelled=True, fraction=is_fraction)


def _hyphenated_compound(tokens: list[Token], index: int, lexicon: Lexicon) -> Numeral | None:
    """'one-year', 'ten-fold', 'twenty-five-day': number words, then the rest of the word."""
    token = tokens[index]
    pieces = token.lower.split("-")
    count = 0
    while count < len(pieces) and _is_number_word(pieces[count], lexicon) \
            and not _trailing_word(pieces[count], lexicon):
        count += 1
    if count == 0 or count == len(pieces):
        return None
    parsed = _evaluate(pieces[:count], lexicon)
    rest = "-".join(pieces[count:])
    # 'a quarter-point cut' is a fraction of a point; 'half-year', 'quarter-final' are no figures.
    if parsed is None or parsed[2] and not _is_points(rest, lexicon):
        return None
    number_end = token.start + len("-".join(pieces[:count]))
    value, scale, is_fraction = parsed
    precision = _SPELLED_FRACTION_PRECISION if is_fraction else 0.5 * scale
    return Numeral(value, precision, scale, token.start, number_end, index + 1, spelled=True, rest=rest)


def _is_points(word: str, lexicon: Lexicon) -> bool:
    pieces = tokenize(word.replace("-", " "))
    found = lexicon.percentage_points.match(pieces, 0)
    return found is not None and found[1] == len(pieces)


def _word_parts(tokens: list[Token], index: int, lexicon: Lexicon) -> tuple[list[str], int]:
    """Consecutive number words (hyphenated words split), stopping before a trailing 'and'."""
    parts: list[str] = []
    sizes: list[int] = []
    """How many of the parts each token gave."""
    cursor = index
    while cursor < len(tokens):
        if tokens[cursor].kind == "sym":
            pieces = _joined_across(tokens, cursor, parts, lexicon)
            if pieces is None:
                break
        elif tokens[cursor].kind != "word":
            break
        else:
            pieces = tokens[cursor].lower.split("-")
            if not all(_is_number_word(piece, lexicon) for piece in pieces):
                break
            if len(pieces) == 1 and pieces[0] in lexicon.joiners and (
                    not parts or cursor + 1 >= len(tokens) or not _continues_after_and(tokens[cursor + 1], lexicon)):
                break
        parts.extend(pieces)
        sizes.append(len(pieces))
        cursor += 1
    # A trailing article, 'and' or 'point' is no part of the number; a hyphenated word ending in one
    # ('a quarter-point cut') goes whole, since its pieces share one token.
    while sizes and sizes[-1] and _trailing_word(parts[-1], lexicon):
        del parts[-sizes.pop():]
        cursor -= 1
    return parts, cursor


def _trailing_word(word: str, lexicon: Lexicon) -> bool:
    return word in lexicon.indefinite_articles or word in lexicon.joiners or word in lexicon.numbers["decimal_point"]


def _joined_across(tokens: list[Token], index: int, parts: list[str], lexicon: Lexicon) -> list[str] | None:
    """Words a sign between number words stands for, or None when the sign ends the number: 'ninety - five'
    (a spaced hyphen; no range runs downwards), 'two hundred & forty', 'three million, two hundred' (a
    comma after a scale word, before a hundreds group)."""
    if not parts or index + 1 >= len(tokens) or tokens[index + 1].kind != "word":
        return None
    sign, numbers = tokens[index].text, lexicon.numbers
    following = tokens[index + 1].lower.split("-")
    if sign in _DASHES and parts[-1] in numbers["tens"] and 0 < numbers["units"].get(following[0], 0) < 10:
        return []
    if sign in numbers["joiner_signs"] and _continues_after_and(tokens[index + 1], lexicon):
        return [numbers["joiners"][0]]
    if sign == "," and parts[-1] in numbers["scales"] and _hundreds_group(tokens, index + 1, lexicon):
        return []
    return None


def _hundreds_group(tokens: list[Token], index: int, lexicon: Lexicon) -> bool:
    """'two hundred' at ``index``: a unit word and then 'hundred'."""
    return (index + 1 < len(tokens) and tokens[index].lower in lexicon.numbers["units"]
            and tokens[index + 1].lower in lexicon.numbers["hundred"])


def _article_follows(tokens: list[Token], index: int, lexicon: Lexicon) -> bool:
    """'half a percentage point', 'half a million': the fraction applies to what follows the article."""
    return (index + 1 < len(tokens) and tokens[index].lower in lexicon.indefinite_articles
            and tokens[index + 1].kind == "word" and tokens[index + 1].lower not in lexicon.fractions)


def _of_a_scale(tokens: list[Token], index: int, lexicon: Lexicon) -> bool:
    """'two thirds of a million': the fraction multiplies the scale word after 'of a'."""
    return (index + 2 < len(tokens) and tokens[index].lower in lexicon.numbers["fraction_of"]
            and tokens[index + 1].lower in lexicon.indefinite_articles
            and lexicon.scales.match(tokens, index + 2) is not None)


def _continues_after_and(token: Token, lexicon: Lexicon) -> bool:
    first = token.lower.split("-")[0]
    return first in lexicon.number_words or first in lexicon.indefinite_articles \
        or first in lexicon.fractions


def _is_number_word(word: str, lexicon: Lexicon) -> bool:
    numbers = lexicon.numbers
    return (
        word in lexicon.number_words
        or word in numbers["decimal_point"]
        or word in numbers["hundred"]
        or word in numbers["scales"]
        or word in numbers["standalone"]
        or word in lexicon.fractions
        or word in numbers["articles"]
        or word in numbers["joiners"]
    )


def _evaluate(parts: list[str], lexicon: Lexicon) -> tuple[float, float, bool] | None:
    """(value, largest scale, is_fraction) of number words, or None when they do not form a number."""
    words = _WordNumber(lexicon)
    for position, word in enumerate(parts):
        following = parts[position + 1] if position + 1 < len(parts) else None
        if not words.read(word, following):
            return None
    return words.result()


class _WordNumber:
    """Accumulates English number words left to right: 'three hundred and two', 'five and a half million',
    'two thirds', 'half a dozen', 'two hundred point seventy-one'."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon, self.numbers = lexicon, lexicon.numbers
        self.total = self.current = 0.0
        self.scale = 1.0
        self.article = self.integer = self.fraction = self.after_point = False
        self.decimals = ""
        self.tens_decimal = False
        self.last_scale = self.scale_before_and = 1.0
        """The multiplier just read, so 'one million and a half' adds half a million."""
        self.after_and = False
        self.denominator_tens = 0
        """'three twenty-firsts': a tens word that belongs to the denominator after it."""
        self.previous: str | None = None

    def read(self, word: str, following: str | None) -> bool:
        accepted = self._read(word, following)
        self.previous = word
        return accepted

    def _read(self, word: str, following: str | None) -> bool:
        numbers = self.numbers
        if self.after_point:
            return self._decimal_digit(word)
        if word in numbers["decimal_point"]:
            self.after_point = True
        elif word in numbers["joiners"]:
            self.total, self.current = self.total + self.current, 0.0
            self.after_and, self.scale_before_and = True, self.last_scale
        elif word in numbers["articles"] and word != "one":
            self.article = True
        elif word in numbers["tens"] and following in self.lexicon.fractions and not self.after_and \
                and (self.current or self.total or self.article):
            self.denominator_tens = numbers["tens"][word]
        elif word in self.lexicon.number_words:
            self.current += self.lexicon.number_words[word]
            self.integer, self.last_scale, self.article = True, 1.0, False
        elif word in numbers["hundred"]:
            self.current = (self.current or 1) * 100
            self.integer, self.article = True, False
        elif word in numbers["scales"]:
            self._times(numbers["scales"][word])
        elif word in numbers["standalone"]:
            if word.endswith("s") and not self.current:
                return False
            self._times(numbers["standalone"][word], scale=False)
        elif word in self.lexicon.fractions:
            return self._fraction_word(word, following)
        return True

    def _fraction_word(self, word: str, following: str | None) -> bool:
        """A singular fraction word right after a tens word is an ordinal ('the thirty fifth anniversary');
        a denominator needs something to divide ('firsts' alone is no number)."""
        if self.previous in self.numbers["tens"] and not self.denominator_tens and not word.endswith("s"):
            return False
        denominator = self.lexicon.fractions[word] + self.denominator_tens
        if denominator == 1:
            return False
        self.denominator_tens = 0
        if (self.article or self.after_and) and following in self.numbers["scales"]:
            # 'one billion and a quarter million': the fraction is of the scale word that follows.
            self.current = (1.0 if self.article else self.current or 1) / denominator
            self.article = self.after_and = False
            return True
        self._fraction(denominator)
        return True

    def _times(self, factor: float, *, scale: bool = True) -> None:
        """A multiplier applies to what came before it: a fraction ('half a million') or the running part."""
        if not self.current and 0 < self.total < factor:
            self.total *= factor
        elif self.total and self.total < factor:
            self.total, self.current = (self.total + (self.current or 1)) * factor, 0.0
        elif scale:
            self.total, self.current = self.total + (self.current or 1) * factor, 0.0
        else:
            self.current = (self.current or 1) * factor
        if scale:
            self.scale = max(self.scale, factor)
            self.last_scale = factor
        self.integer = True

    def _fraction(self, denominator: int) -> None:
        """'twenty and three fifths' adds 3/5 (of the scale before 'and': 'one million and a half');
        'two thirds' or 'one million two thousand three fifths' divides everything read so far."""
        if self.article or self.after_and:
            numerator = 1.0 if self.article else self.current or 1
            self.total, self.current = self.total + numerator * self.scale_before_and / denominator, 0.0
        else:
            self.total, self.current = (self.total + (self.current or 1)) / denominator, 0.0
            self.integer = False
        self.article, self.after_and, self.fraction = False, False, True

    def _decimal_digit(self, word: str) -> bool:
        """Digits after 'point'; 'seventy-one' arrives as 'seventy', 'one' and reads as 71."""
        value = self.lexicon.number_words.get(word)
        if value is None:
            return False
        if value < 10 and self.decimals.endswith("0") and self.tens_decimal:
            self.decimals = self.decimals[:-1]
        self.tens_decimal = value >= 20
        self.decimals += str(int(value))
        return True

    def result(self) -> tuple[float, float, bool] | None:
        if not (self.integer or self.fraction):
            return None
        value = self.total + self.current
        if self.decimals:
            value += float("0." + self.decimals)
        return value, self.scale, self.fraction and not self.integer
