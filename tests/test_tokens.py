"""factcheck.tokens: the view cut into words, numbers and signs, with offsets."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.tokens import number_value, tokenize

ODD_TEXT = st.text(alphabet=st.sampled_from(list("aZé ²½¾٣_.,-–'’\u2009\u00a0\n0123456789x×^eE/$%()年")), max_size=60)


@given(text=ODD_TEXT | st.text(max_size=80))
def test_tokens_cover_every_non_blank_character_in_order(text: str) -> None:
    covered = 0
    for token in tokenize(text):
        assert text[token.start:token.end] == token.text
        assert not text[covered:token.start].strip()
        assert token.lower == token.text.lower()
        covered = token.end
    assert not text[covered:].strip()


@given(text=ODD_TEXT | st.text(max_size=80))
def test_numbers_have_a_value_and_words_no_digit(text: str) -> None:
    for token in tokenize(text):
        if token.kind == "num":
            assert isinstance(number_value(token.text), float)
        elif token.kind == "word":
            assert not any(character.isdecimal() for character in token.text)
        else:
            assert len(token.text) == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("2024", [("num", "2024")]),
    (".5 and 3½", [("num", ".5"), ("word", "and"), ("num", "3½")]),
    ("m² ²", [("word", "m²"), ("word", "²")]),
    ("٣ _ .", [("num", "٣"), ("sym", "_"), ("sym", ".")]),
    ("1 000 000 year-on-year", [("num", "1 000 000"), ("word", "year-on-year")]),
    ("Q3, $16.6bn", [("word", "Q"), ("num", "3"), ("sym", ","), ("sym", "$"), ("num", "16.6"), ("word", "bn")]),
    ("6.23x10^-4 kg", [("num", "6.23x10^-4"), ("word", "kg")]),
])  # fmt: skip
def test_token_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(token.kind, token.text) for token in tokenize(text)] == expected


@pytest.mark.parametrize(("text", "value"), [
    ("1.1^2", 1.21),
    ("6.23x10^-4", 0.000623),
    ("1e10", 1e10),
    ("0^0", 1.0),  # undefined in decimals; read as float arithmetic reads it
    ("9^9999999", math.inf),  # past what decimals hold
    ("0.5^-9999999", math.inf),
    ("1.5e99999999999", math.inf),
    ("3e-99999999999", 0.0),
    ("2^" + "9" * 5000, math.inf),  # more digits than an int may be read from
])  # fmt: skip
def test_powers_read_to_a_value_however_large(text: str, value: float) -> None:
    assert number_value(text) == pytest.approx(value)
