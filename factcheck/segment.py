"""Paragraph and sentence spans over the analysable view."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from .models import Span
from .resources import load_yaml

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# A sentence ends at . ! ? (or a CJK full stop) plus closing quotes/brackets, before space and a capital,
# digit, quote or bullet, and at a CJK full stop anyway; the abbreviation check below vetoes "U.S. Export" and
# "Corp. said". Both forms open with the stop itself, so the regex engine can skip from one stop to the next.
_SENTENCE_END = re.compile(r"[.!?。！？](?:[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9$€£¥-])|(?<=[。！？]))")
_LINE_BREAK = re.compile(r"\n(?=[ \t]*\S)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_SHORT_LINE = 80
# Spans are built by their model's validator: BaseModel.__init__ costs 1.5 us more each, and a document has one
# per sentence and paragraph.
_SPAN = Span.__pydantic_validator__


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(load_yaml("lexicons/en/text.yml")["abbreviations"])


def line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(match.end() for match in re.finditer(r"\r\n|\r|\n", text))
    return starts


def line_and_column(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of an offset."""
    line = bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def split(view: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    paragraphs: list[Span] = []
    sentences: list[Span] = []
    for start, end in _paragraph_bounds(view):
        paragraphs.append(_SPAN.validate_python({"start": start, "end": end}))
        sentences.extend(_SPAN.validate_python({"start": s, "end": e}) for s, e in _sentence_bounds(view, start, end))
    return tuple(paragraphs), tuple(sentences)


def _paragraph_bounds(view: str) -> list[tuple[int, int]]:
    bounds, cursor = [], 0
    for match in _PARAGRAPH_BREAK.finditer(view):
        bounds.append((cursor, match.start()))
        cursor = match.end()
    bounds.append((cursor, len(view)))
    return [trimmed for trimmed in (_trim(view, s, e) for s, e in bounds) if trimmed]


def _trim(view: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and view[start].isspace():
        start += 1
    while end > start and view[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _sentence_bounds(view: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [match.end() for match in _SENTENCE_END.finditer(view, start, end) if not _is_abbreviation(view, match)]
    cuts.extend(_line_cuts(view, start, end))
    bounds, cursor = [], start
    for cut in sorted(set(cuts)):
        bounds.append((cursor, cut))
        cursor = cut
    bounds.append((cursor, end))
    return [trimmed for trimmed in (_trim(view, s, e) for s, e in bounds) if trimmed]


def _is_abbreviation(view: str, match: re.Match[str]) -> bool:
    if view[match.start()] != ".":
        return False
    word = _WORD_BEFORE.search(view, max(0, match.start() - 12), match.start())
    if word is None:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in _abbreviations() or len(token) == 1


def _line_cuts(view: str, start: int, end: int) -> list[int]:
    """A single line break ends a sentence when the line before is short: headlines, datelines, list items."""
    cuts, line_start = [], start
    for match in _LINE_BREAK.finditer(view, start, end):
        line = view[line_start:match.start()].strip()
        if line and (len(line) < _SHORT_LINE or line[-1] in ".!?:;"):
            cuts.append(match.start())
        line_start = match.end()
    return cuts
