"""Numerals: digits, spelled-out numbers, fractions and scale words, with the precision the text states."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..lexicon import Lexicon
from .tokens import Token, decimals, number_value

# Digit tokens and their words must touch for a scale abbreviation to count ("16.6bn", "€10M"); a space
# is allowed for the longer abbreviations ("$5 mn") but not for one-letter ones ("5 m" may be metres).
_SPACED_ABBREVIATION_MIN_LENGTH = 2


@dataclass(frozen=True)
class Numeral:
    value: float
    precision: float
    """Half a unit of the last stated digit, after scale."""
    scale: float
    start: int
    end: int
    next_index: int
    spelled: bool = False
    fraction: bool = False
    rest: str | None = None
    """What follows the number inside one hyphenated word: 'year' in 'one-year', 'fold' in 'ten-fold'."""


def parse_numeral(tokens: list[Token], index: int, lexicon: Lexicon) -> Numeral | None:
    """A numeral starting at ``index``: digits or words, with an optional scale word."""
    token = tokens[index]
    if token.kind == "num":
        return _with_scale(tokens, index, lexicon)
    if token.kind == "word":
        return _spelled(tokens, index, lexicon)
    return None


def _with_scale(tokens: list[Token], index: int, lexicon: Lexicon) -> Numeral:
    token = tokens[index]
    value, places = number_value(token.text), decimals(token.text)
    unit_precision = 0.5 * 10.0 ** -places
    scale, end, next_index = 1.0, token.end, index + 1
    hundred = _hundred_after(tokens, next_index, lexicon)
    if hundred:
        value, next_index, end = value * 100, next_index + 1, tokens[next_index].end
    scaled = _scale_after(tokens, next_index, end, lexicon)
    if scaled:
        scale, next_index, end = scaled
    return Numeral(_times(value, scale), unit_precision * scale, scale, token.start, end, next_index)


def _times(value: float, scale: float) -> float:
    """Exact decimal product, so '16.6bn' is 16600000000 and not 16600000000.000002."""
    return float(Decimal(repr(value)) * Decimal(repr(scale)))


def _hundred_after(tokens: list[Token], index: int, lexicon: Lexicon) -> bool:
    return index < len(tokens) and tokens[index].lower in lexicon.numbers["hundred"]


def _scale_after(tokens: list[Token], index: int, end: int, lexicon: Lexicon) -> tuple[float, int, int] | None:
    """(multiplier, next index, end offset) of scale words after a number; chains like 'thousand million'."""
    if index >= len(tokens):
        return None
    found = lexicon.scales.match(tokens, index)
    if found is None:
        found = _abbreviation(tokens, index, end, lexicon)
    if found is None:
        return None
    scale, after = found
    chained = _scale_after(tokens, after, tokens[after - 1].end, lexicon) if after < len(tokens) else None
    if chained and lexicon.scales.match(tokens, after):
        return scale * chained[0], chained[1], chained[2]
    return scale, after, tokens[after - 1].end


def _abbreviation(tokens: list[Token], index: int, end: int, lexicon: Lexicon) -> tuple[float, int] | None:
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
    end = tokens[next_index - 1].end
    scaled = None if is_fraction else _scale_after(tokens, next_index, end, lexicon)
    if scaled:
        value, scale, next_index, end = _times(value, scaled[0]), scale * scaled[0], scaled[1], scaled[2]
    precision = 0.5 * scale if not is_fraction else 0.005
    return Numeral(value, precision, scale, tokens[index].start, end, next_index, spelled=True, fraction=is_fraction)


def _hyphenated_compound(tokens: list[Token], index: int, lexicon: Lexicon) -> Numeral | None:
    """'one-year', 'ten-fold', 'twenty-five-day': number words, then the rest of the word."""
    token = tokens[index]
    pieces = token.lower.split("-")
    count = 0
    while count < len(pieces) and _is_number_word(pieces[count], lexicon) and pieces[count] not in ("a", "an", "and"):
        count += 1
    if count == 0 or count == len(pieces):
        return None
    parsed = _evaluate(pieces[:count], lexicon)
    if parsed is None or parsed[2]:
        return None
    number_end = token.start + len("-".join(pieces[:count]))
    return Numeral(parsed[0], 0.5 * parsed[1], parsed[1], token.start, number_end, index + 1, spelled=True,
                   rest="-".join(pieces[count:]))


def _word_parts(tokens: list[Token], index: int, lexicon: Lexicon) -> tuple[list[str], int]:
    """Consecutive number words (hyphenated words split), stopping before a trailing 'and'."""
    parts: list[str] = []
    cursor = index
    while cursor < len(tokens) and tokens[cursor].kind == "word":
        pieces = tokens[cursor].lower.split("-")
        if not all(_is_number_word(piece, lexicon) for piece in pieces):
            break
        if pieces == ["and"]:
            if not parts or cursor + 1 >= len(tokens) or not _continues_after_and(tokens[cursor + 1], lexicon):
                break
        parts.extend(pieces)
        cursor += 1
    while parts and parts[-1] in lexicon.numbers["articles"] + ["and"] and len(parts) > 0 and parts[-1] != "one":
        parts.pop()
        cursor -= 1
    return parts, cursor


def _article_follows(tokens: list[Token], index: int, lexicon: Lexicon) -> bool:
    """'half a percentage point', 'half a million': the fraction applies to what follows the article."""
    return (index + 1 < len(tokens) and tokens[index].lower in ("a", "an")
            and tokens[index + 1].kind == "word" and tokens[index + 1].lower not in lexicon.fractions)


def _continues_after_and(token: Token, lexicon: Lexicon) -> bool:
    first = token.lower.split("-")[0]
    return first in lexicon.number_words or first in ("a", "an") or first in lexicon.fractions


def _is_number_word(word: str, lexicon: Lexicon) -> bool:
    numbers = lexicon.numbers
    return (
        word in lexicon.number_words
        or word in numbers["hundred"]
        or word in numbers["scales"]
        or word in numbers["standalone"]
        or word in lexicon.fractions
        or word in numbers["articles"]
        or word in numbers["joiners"]
    )


def _evaluate(parts: list[str], lexicon: Lexicon) -> tuple[float, float, bool] | None:
    """(value, largest scale, is_fraction) of number words, or None when they do not form a number."""
    numbers = lexicon.numbers
    total = current = 0.0
    scale = 1.0
    article = seen_integer = seen_fraction = False
    for word in parts:
        if word in numbers["joiners"]:
            total, current = total + current, 0.0
        elif word in numbers["articles"] and word != "one":
            article = True
        elif word in lexicon.number_words or word == "one":
            current += lexicon.number_words[word]
            seen_integer = True
        elif word in numbers["hundred"]:
            current = (current or 1) * 100
            seen_integer = True
        elif word in numbers["scales"]:
            factor = numbers["scales"][word]
            current = current or 1
            if 0 < total < factor:
                total, current = (total + current) * factor, 0.0
            else:
                total, current = total + current * factor, 0.0
            scale, seen_integer = max(scale, factor), True
        elif word in numbers["standalone"]:
            current = (current or 1) * numbers["standalone"][word]
            seen_integer = True
        elif word in lexicon.fractions:
            numerator = current or 1
            if current and total == 0 and not article:
                seen_integer = False
            total, current = total + numerator / lexicon.fractions[word], 0.0
            seen_fraction = True
        article = article and word in numbers["articles"]
    if not (seen_integer or seen_fraction):
        return None
    return total + current, scale, seen_fraction and not seen_integer
