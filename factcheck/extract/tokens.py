"""Tokens of the analysable view, with code-point offsets. One regex pass, linear in the input."""

from __future__ import annotations

import re
from typing import NamedTuple

# Grouped numbers must use exactly three digits per group so "1,2" or "[13][15]" never read as one number;
# European "1.111,11" is tried first so its dots are not taken for decimals.
_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:\.\d{3})+,\d+(?![\d.,]\d)"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"
    r"|\d+(?:\.\d+)?"
    r"|\.\d+)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*)"
    r"|(?P<sym>\S)"
)


class Token(NamedTuple):
    kind: str
    """num | word | sym"""
    text: str
    start: int
    end: int
    lower: str


def tokenize(view: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(view):
        text = match.group()
        tokens.append(Token(match.lastgroup, text, match.start(), match.end(), text.lower()))
    return tokens


def number_value(text: str) -> float:
    """The value of a digit token; European '1.111,11' swaps its separators."""
    if "," in text and "." in text and text.rfind(",") > text.rfind("."):
        return float(text.replace(".", "").replace(",", "."))
    return float(text.replace(",", ""))


def decimals(text: str) -> int:
    """Digits after the decimal mark as written: '173.96' -> 2."""
    if "," in text and "." in text and text.rfind(",") > text.rfind("."):
        return len(text) - text.rfind(",") - 1
    return len(text) - text.find(".") - 1 if "." in text else 0
