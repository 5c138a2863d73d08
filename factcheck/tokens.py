"""Tokens of the analysable view, with code-point offsets. One regex pass, linear in the input."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, DecimalException
from typing import Final

# Grouped numbers must use exactly three digits per group so "1,2" or "[13][15]" never read as one number;
# European "1.111,11" is tried first so its dots are not taken for decimals.
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
# Words come first: most tokens are words, and the number patterns' look-arounds then run on digits only.
# Only words of two letters or more take hyphenated parts, so "5m-HK$7m" keeps its scale "m" apart.
# No capturing groups: findall then returns the tokens' text and builds no match objects; a token's first
# character says which branch it came from (see _kind). Each match takes the blanks before its token, so that
# offsets follow from lengths and the engine does not try every branch at every blank. The hyphen is tested
# before the look-behind that reads the two letters before it, which then runs only at hyphens.
_TOKEN = re.compile(
    rf"\s*+(?:(?:[^\W\d_{_VULGAR}]+(?:['’][^\W\d_{_VULGAR}]+)*"
    rf"(?:-(?<=[^\W\d_{_VULGAR}]{{2}}-)[^\W\d_{_VULGAR}]+(?:['’][^\W\d_{_VULGAR}]+)*)*)"
    rf"|(?=[\d.{_VULGAR}])(?:\d+(?:\.\d+)?(?:[eE][-+]?\d+|\s?[x×]\s?10(?:\^[-−+]?|[−-])\d+|\^[-−+]?\d+)(?![\w.])"
    r"|\d{1,3}(?:\.\d{3})+,\d+(?![\d.,]\d)"
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![\d,]\d)"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"
    r"|(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3}){2,}(?![\d.,]?\d)"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?![\d.,]?\d)"
    r"|\d+(?=\.\d+\.\d)|(?<=\d\.)\d+"
    r"|(?<![\d/])\d{1,2}/(?:2|3|4|5|6|8|10|16|32|100)(?![\d/])"
    rf"|\d*[{_VULGAR}]"
    r"|\d+(?:\.\d+)?"
    r"|(?<!\d)\.\d+)"
    r"|\S)"
)


class Token:
    """A word, number or symbol of the view. A plain class, not a NamedTuple: compiled (mypyc), its fields are
    read straight from the object, and the scanner and context read them millions of times."""

    __slots__ = ("end", "kind", "lower", "start", "text")

    def __init__(self, kind: str, text: str, start: int, end: int, lower: str) -> None:
        self.kind = kind
        """num | word | sym"""
        self.text = text
        self.start = start
        self.end = end
        """Code-point offsets into the view, end exclusive."""
        self.lower = lower

    def __repr__(self) -> str:
        return f"Token({self.kind!r}, {self.text!r}, {self.start}, {self.end})"


POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
"""How an owner's word ends ('Intel's', 'the clubs'')."""


def tokenize(view: str) -> list[Token]:
    tokens: list[Token] = []
    end = 0
    # Up to the last token: blanks with no token after them would each be matched to the end, and fail.
    for spaced in _TOKEN.findall(view, 0, len(view.rstrip())):
        text = spaced.lstrip()  # a token starts with no blank
        start = end + len(spaced) - len(text)
        end = start + len(text)
        tokens.append(Token(_kind(text), text, start, end, text.lower()))
    return tokens


def _kind(text: str) -> str:
    """The branch of _TOKEN a token came from: a word starts with a letter (a word character that is no
    digit, '_' or vulgar fraction), a number with a digit, a fraction or a decimal point and a digit."""
    first = text[0]
    kind = _FIRST_KINDS.get(first)
    if kind is None:
        kind = _first_kind(first)
    return kind or ("num" if len(text) > 1 else "sym")


def _first_kind(first: str) -> str:
    """'word' or 'num' for a character that starts only that kind of token; '' for any other."""
    if first.isalnum() and not first.isdecimal() and first not in _VULGAR:
        return "word"
    return "num" if first.isdecimal() or first in _VULGAR else ""


_FIRST_KINDS: Final = {chr(code): _first_kind(chr(code)) for code in range(0x800)}
"""The kinds of the characters most tokens start with, looked up: testing them costs every token three calls."""


_POWER = re.compile(r"([\d.]+)\s?(?:[eE]|[x×]\s?10\^?|\^)([-−+]?\d+)")


_SEPARATORS = re.compile(r"[,\s\u00a0\u202f\u2009]")


def _plain(text: str) -> bool:
    """ASCII digits with at most one decimal point ('2024', '173.96'): most figures, read without the slow paths."""
    return text.isascii() and text.replace(".", "", 1).isdigit()


def number_value(text: str) -> float:
    """The value of a digit token: grouped, European '1.111,11', '3/4', '2½', '1e10', '6.23x10^-4', '1.1^2'."""
    if _plain(text):
        return float(text)
    if text[-1] in _VULGAR:
        return float(text[:-1] or 0) + unicodedata.numeric(text[-1])
    if "/" in text:
        numerator, denominator = text.split("/")
        return int(numerator) / int(denominator)
    power = _POWER.fullmatch(text)
    if power is not None:
        return _power_value(Decimal(power.group(1)), _exponent(power.group(2).replace("−", "-")),
                            raised="^" in text and "10^" not in text)
    if "," in text and "." in text and text.rfind(",") > text.rfind("."):
        return float(text.replace(".", "").replace(",", "."))
    return float(_SEPARATORS.sub("", text))


def _power_value(mantissa: Decimal, exponent: int, *, raised: bool) -> float:
    """'1.1^2' (``raised``: a power of the mantissa) or '6.23x10^-4' (a power of ten), exact in decimals. Past
    what decimals hold the value is infinite or zero, as in float arithmetic, and 0^0 is 1."""
    try:
        return float(mantissa ** exponent if raised else mantissa.scaleb(exponent))
    except DecimalException:
        if mantissa == 0:
            return 1.0 if raised and exponent == 0 else 0.0
        grows = (mantissa > 1) == (exponent > 0) if raised else exponent > 0
        return math.inf if grows else 0.0


def _exponent(digits: str) -> int:
    """An exponent as written; one too long to read (thousands of digits) is as large as any decimal allows."""
    if len(digits.lstrip("+-")) <= _EXPONENT_DIGITS:
        return int(digits)
    return -_HUGE_EXPONENT if digits.startswith("-") else _HUGE_EXPONENT


_EXPONENT_DIGITS = 18
_HUGE_EXPONENT = 10 ** _EXPONENT_DIGITS


def is_fraction_token(text: str) -> bool:
    return "/" in text or text[-1] in _VULGAR


def decimals(text: str) -> int:
    """Digits after the decimal mark as written: '173.96' -> 2; 0 for fractions and powers."""
    if is_fraction_token(text) or _POWER.fullmatch(text):
        return 0
    if "," in text and "." in text and text.rfind(",") > text.rfind("."):
        return len(text) - text.rfind(",") - 1
    return len(text) - text.find(".") - 1 if "." in text else 0
