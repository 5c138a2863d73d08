"""Regular-expression building blocks shared by the lexicon-driven scanners."""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""
_GAP = " "


def alternation(words: Iterable[str], *, gap: str = r"\s+") -> str:
    """A pattern matching any of ``words`` (a phrase's words are joined by ``gap``), factored as a trie.

    Python's ``re`` tries the branches of a plain alternation one after another at every position;
    the trie compares each character once. Where one word is a prefix of another, the longer is tried
    first, as a longest-first alternation would."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for part in _parts(word):
            node = node.setdefault(part, {})
        node[_END] = {}
    return _branch(trie, gap) if trie else "(?!)"  # an empty alternation would match everywhere


def _parts(word: str) -> list[str]:
    parts: list[str] = []
    for position, piece in enumerate(word.split()):
        if position:
            parts.append(_GAP)
        parts.extend(piece)
    return parts


def _branch(node: dict, gap: str) -> str:
    branches = [(gap if key == _GAP else re.escape(key)) + _branch(child, gap)
                for key, child in sorted(node.items()) if key != _END]
    if not branches:
        return ""
    body = "|".join(branches)
    if _END in node:
        return f"(?:{body})?"
    return body if len(branches) == 1 else f"(?:{body})"


def word_start(words: Iterable[str]) -> str:
    """``alternation(words)`` at the start of a word. A look-ahead for the words' first characters comes
    first: it is the cheapest test, and it fails at almost every position of a text."""
    words = list(words)
    firsts = "".join(sorted({re.escape(word[0]) for word in words if word}))
    return rf"(?=[{firsts}])\b(?:{alternation(words)})" if firsts else "(?!)"
