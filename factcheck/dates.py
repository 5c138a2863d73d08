"""Time periods in news text, resolved against the article's publication date.

``find_periods`` scans the text once with one regular expression built from the lexicon
``rules/lexicons/<language>/periods.yml`` and resolves each match with a small function; the expression
has already isolated every part of a date ("November 24", "3 March 2025"), so prose needs no date parser.
The expression is tried only at the tokens a period can start with, and there only with the kinds of
period their word can start ("a" opens "a year ago", never "March 2024").
``parse_date`` reads the dates of datelines and front matter. It is the project's only caller of
dateparser, for the forms its layouts do not cover, and only ever on an isolated span: run over free
text, dateparser takes ordinary numbers and words for dates.

Conventions:

* A period whose year is not written ("Q3", "in March", "the first half") is the most recent one that
  had started by the publication date, with ``anchored=False``. Without a publication date it is
  skipped, as are relative expressions ("last year", "the past decade", "since 2020").
* Relative expressions count from the publication date, not from another period named nearby.
* "the quarter", "the period" and their like refer back: they are the last such period the text named
  before them, and nothing when it named none.
* A span counted back from the end the text names ("the three months to April", "the year to June
  2024") takes that end's year; one counted from the start of a year ("the first 10 months") is the
  same period as "January to October", and takes its year the same way.
* Fiscal years are read as calendar years. Fiscal calendars differ from company to company and the
  text rarely says which one it means, so "FY2024" is 2024-01-01..2024-12-31, and "fiscal 2024-25" and
  the season "2024/25" cover both calendar years. When the text gives the last day ("the first quarter
  of fiscal 2026, which ended May 3"), the period ends on it.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from datetime import MAXYEAR, MINYEAR, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from factcheck.models import Granularity, Period, Span
from factcheck.patterns import alternation
from factcheck.resources import load_yaml
from factcheck.tokens import Token, tokenize

__all__ = ["find_periods", "parse_date"]


def find_periods(text: str, published: date | None, lexicon: str = "en", *, sentences: Sequence[Span] = (),
                 paragraphs: Sequence[Span] = (), tokens: list[Token] | None = None) -> list[Period]:
    """All period expressions in text, non-overlapping, in text order, longest match wins.

    ``published`` resolves what the text leaves open: the year of "Q3" or "in March", and every relative
    expression ("last year", "the past decade", "since 2020"). Without it those are skipped.
    ``lexicon`` names a directory under ``rules/lexicons/``. ``sentences`` and ``paragraphs`` let "the year"
    refer back to the period its own sentence names, or the one its paragraph opens with; without them the
    whole text is one sentence. ``tokens``: the text's tokens, when already read."""
    grammar = _grammar(lexicon)
    periods: list[Period] = []
    antecedents = _Antecedents(text, grammar, sentences, paragraphs)
    for match in grammar.scan(text, tokenize(text) if tokens is None else tokens):
        if grammar.looks_like_quantity(text, match.start(), match.end()):
            continue
        if match.lastgroup in (_ANAPHOR, _WHOLE_YEAR):
            if match.lastgroup == _ANAPHOR and grammar.points_elsewhere(text, match.start(), periods):
                continue
            referred = antecedents.referred_to(match, grammar)
            if referred is not None:
                periods.append(referred)
            continue
        when = _resolve(match, grammar, published)
        if when is not None:
            period = _PERIOD.validate_python({
                "start": when.start, "end": when.end, "label": when.label, "granularity": when.granularity,
                "anchored": when.anchored, "text": match.group(), "start_offset": match.start(),
                "end_offset": match.end(),
            })
            periods.append(period)
            if match.lastgroup != _RELATIVE or match.group(_COUNTED_BACK) is None:  # 'a year earlier' is a base
                antecedents.named(period)
    return periods


_ANAPHOR, _WHOLE_YEAR = "anaphor", "whole_year"
# Built by the model's validator: BaseModel.__init__ costs 1.5 us more for each period a text names.
_PERIOD = Period.__pydantic_validator__
_FRAMING_REACH = 64
"""Characters from a sentence's start within which a framing word and the blanks of masked markup fit."""
_RELATIVE, _COUNTED_BACK = "relative", "relative_ago_unit"
_ANY_PERIOD = "any"
_ANTECEDENT_KINDS = frozenset({Granularity.year, Granularity.half, Granularity.quarter, Granularity.month,
                               Granularity.range, Granularity.window})


class _Antecedents:
    """The periods named so far that 'the quarter' or 'the period' can refer back to. The most salient one of
    the kind wins: the last its own sentence names, else the last that opens a sentence of its paragraph ('For
    fiscal 2026, ...'), else the last named. A period named in passing ('up from the $72.4 billion it reported
    for fiscal 2025') does not take over the paragraph's topic."""

    def __init__(self, text: str, grammar: _Grammar, sentences: Sequence[Span], paragraphs: Sequence[Span]) -> None:
        self._text, self._grammar = text, grammar
        self._sentence_starts = [span.start for span in sentences] or [0]
        self._paragraph_starts = [span.start for span in paragraphs] or [0]
        self._by_kind: dict[str, Period] = {}
        self._in_sentence: dict[tuple[int, str], Period] = {}
        self._framing: dict[tuple[int, str], Period] = {}

    def named(self, period: Period) -> None:
        if period.granularity not in _ANTECEDENT_KINDS:
            return
        sentence, paragraph = self._sentence_of(period.start_offset), self._paragraph_of(period.start_offset)
        framing = self._opens_sentence(period, sentence)
        for kind in (period.granularity.value, _ANY_PERIOD):
            self._by_kind[kind] = self._in_sentence[sentence, kind] = period
            if framing:
                self._framing[paragraph, kind] = period

    def referred_to(self, match: re.Match[str], grammar: _Grammar) -> Period | None:
        """The period an anaphor ('the quarter') or a whole-year word ('full-year') stands for, at its own words."""
        if match.lastgroup == _ANAPHOR:
            period = self._salient(grammar.anaphora[_key(match.group("anaphor_word"))], match.start())
        else:
            period = self._whole_year()
        return None if period is None else period.model_copy(
            update={"text": match.group(), "start_offset": match.start(), "end_offset": match.end()})

    def _salient(self, kind: str, offset: int) -> Period | None:
        found = self._in_sentence.get((self._sentence_of(offset), kind))
        if found is None:
            found = self._framing.get((self._paragraph_of(offset), kind))
        return found if found is not None else self._by_kind.get(kind)

    def _opens_sentence(self, period: Period, sentence: int) -> bool:
        """'For fiscal 2026, ...', 'In the third quarter revenue ...', 'Last year, ...'."""
        if period.start_offset - sentence > _FRAMING_REACH:
            return False  # more than one word before it: reading all of a long sentence per period is quadratic
        words = self._text[sentence:period.start_offset].split()
        return not words or len(words) == 1 and _key(words[0]) in self._grammar.framing_words

    def _sentence_of(self, offset: int) -> int:
        return _last_start(self._sentence_starts, offset)

    def _paragraph_of(self, offset: int) -> int:
        return _last_start(self._paragraph_starts, offset)

    def _whole_year(self) -> Period | None:
        """The calendar year of the last period named, when that period lies within one year."""
        last = self._by_kind.get(_ANY_PERIOD)
        if last is None or last.start.year != last.end.year:
            return None
        year = _year_when(last.start.year, last.anchored)
        return last.model_copy(update={"start": year.start, "end": year.end, "label": year.label,
                                       "granularity": year.granularity})


def _last_start(starts: list[int], offset: int) -> int:
    """The start of the span an offset falls in, from the ascending starts of a text's spans."""
    return starts[max(0, bisect_right(starts, offset) - 1)]


def parse_date(span: str, published: date | None = None) -> date | None:
    """Parse an already-isolated date string (e.g. 'Nov 24, 2025', '2025-11-24', '2025年11月24日',
    '24 November 2025') with dateparser; missing parts are taken relative to ``published``.
    Used for datelines and front matter."""
    exact = _numeric_date(span)
    if exact is not None:
        return exact
    languages = ["zh"] if any(mark in span for mark in _CJK_DATE_MARKS) else ["en"]
    return _dateparser_date(span, published, languages)


_NUMERIC_DATE = re.compile(r"\s*(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s*")


def _numeric_date(span: str) -> date | None:
    """'2025-11-24 01:28', '2025年11月24日', 'Nov 24, 2025', '24 November 2025' need no dateparser (which costs
    milliseconds a call); anything else goes to it."""
    match = _NUMERIC_DATE.fullmatch(span)
    if match is not None:
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            return None
    cleaned = " ".join(span.replace(".", " ").replace(",", " ").replace("Sept ", "Sep ").split())
    for layout in _WRITTEN_LAYOUTS:
        try:
            return datetime.strptime(cleaned, layout).date()
        except ValueError:
            continue
    return None


_WRITTEN_LAYOUTS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")


_CJK_DATE_MARKS = "年月日"


def _dateparser_date(span: str, published: date | None, languages: list[str]) -> date | None:
    # Imported here: it costs ~100 ms, and many runs never meet a full date.
    import dateparser

    settings: dict[str, Any] = {"PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "past"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime.combine(published, time())
    parsed = dateparser.parse(span, languages=languages, settings=settings)
    return parsed.date() if parsed else None


# ---------------------------------------------------------------------------------------------------
# Patterns. Number shapes carry no language, so they live here; every word comes from the lexicon.

_YEAR = r"(?:19[0-9]{2}|20[0-9]{2}|2100)"
_TWO_DIGITS = r"[0-9]{2}"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])"
# A period never starts or ends inside a word or a larger number: "2,024", "12024", "2024.5", "2024%".
# Every period starts with a letter or digit; testing that first keeps the scan cheap over spaces.
_START = r"(?<!\w)(?<![0-9][.,])(?=\w)"
_NUMBER_END = r"(?![\w%‰]|[.,][0-9])"
# "year" in "year-on-year", "year/year" or "year-end" belongs to a compound, not to a period.
_WORD_END = r"(?!\w|[-/]\w)"
_LONGEST_NUMBER = 4
"""The most digits a number opening a period has: every number in these patterns is a year, day, count, quarter
or two-digit year of at most four digits, and none goes on with a decimal or a digit group."""

_ATOMIC_KINDS = ("date", "quarter", "half", "year_range", "fiscal", "mid", "decade", "relative", "month", "year")
# At one position the first kind that matches wins, so longer, more specific kinds come first.
_SCANNER_KINDS = (
    "since", "deadline", "ended", "ending", "leading", "date", "quarter", "half", "year_range", "month_range",
    "fiscal", "mid", "decade", "window", "relative", "month", "year", "anaphor", "whole_year",
)  # fmt: skip
# The kinds a span runs to ("the three months to April"), and those whose end the text may give ("the first
# quarter of fiscal 2026, which ended May 3").
_END_KINDS = ("date", "month")
_ENDED_HOST_KINDS = ("quarter", "half", "fiscal")


def _words(words: Iterable[str], *, exact_case: bool = False) -> str:
    """Alternation of lexicon entries; "fiscal year" is tried before "fiscal"."""
    body = alternation(words)
    return f"(?:{body})" if exact_case else f"(?i:{body})"


def _anonymous(pattern: str) -> str:
    """The pattern with its named groups made non-capturing, so that it can be embedded in a pattern
    that defines the same names (``re`` accepts each name once). Embedded matches are re-parsed."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _key(word: str) -> str:
    return " ".join(word.lower().split())


def _month_names(months: list[dict[str, Any]]) -> str:
    """Capitalised or upper-case names only: lower-case "march" and "may" are verbs."""
    names = [entry["name"] for entry in months]
    abbreviations = [abbreviation for entry in months for abbreviation in entry["abbreviations"]]

    def cased(words: list[str]) -> str:
        return _words(words + [word.upper() for word in words], exact_case=True)

    return rf"(?:{cased(names)}(?!\w)|{cased(abbreviations)}(?!\w)\.?)"


def _part_pattern(kind: str, spec: dict[str, Any], parts: int, words: dict[str, str]) -> str:
    """Quarters and halves: "the third quarter of 2024", "fourth-quarter", "Q3 FY24", "3Q24", "2024 H1"."""
    the, of, ordinal, year_ref = words["the"], words["of"], words["ordinal"], words["year_ref"]
    noun = _words(spec["words"])
    letter = _words([spec["letter"]], exact_case=True)
    number = f"[1-{parts}]"
    return (
        rf"(?:{the}\s+)?(?P<{kind}_ordinal>{ordinal})(?:\s+|\s*-\s*){noun}{_WORD_END}"
        rf"(?:\s+(?:{of}\s+)?(?P<{kind}_ref>{year_ref}))?"
        # "the first half of the match" is not a period of time.
        rf"(?!\s+{of}\b)"
        # "H200" and "A100" are chips, "H1-B" a visa, "Q35" a model number.
        rf"|{letter}(?P<{kind}_number>{number})(?![\w-])(?:\s+(?:{of}\s+)?(?P<{kind}_letter_ref>{year_ref}))?"
        rf"|(?P<{kind}_lead>{number}){letter}(?:(?P<{kind}_yy>{_TWO_DIGITS})|\s?(?P<{kind}_year>{_YEAR})){_NUMBER_END}"
        rf"|(?P<{kind}_year_first>{_YEAR})[\s-]?{letter}(?P<{kind}_trailing>{number})(?!\w)"
    )


def _patterns(lexicon: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """The year-reference pattern, and one pattern per kind of period."""
    units, ranges = lexicon["units"], lexicon["range"]
    the, of = _words(lexicon["article"]), _words(lexicon["of"])
    months = _month_names(lexicon["months"])
    count = rf"(?:{_words(lexicon['numbers'])}|[0-9]{{1,3}}(?![0-9]))"
    offsets = _words(lexicon["relative"]["offsets"])
    year_word = _words([units["year"]["one"]])
    fiscal = (
        rf"(?:{_words([lexicon['fiscal']['abbreviation']], exact_case=True)}\s?"
        rf"|{_words(lexicon['fiscal']['words'])}\s+)"
    )
    dashes = _words(ranges["dashes"], exact_case=True)
    connector = rf"(?:\s+{_words(ranges['connectors'])}\s+|\s*{dashes}\s*)"
    between, from_, and_ = _words(ranges["between"]), _words(ranges["from"]), _words(ranges["and"])
    calendar_units = lexicon["relative"]["units"]

    def forms(names: Iterable[str], *, plural: bool = True) -> str:
        return _words(form for name in names for form in (units[name]["one"], units[name]["many"])[: 1 + plural])

    year_ref = (
        rf"(?:(?P<ref_year>{_YEAR}){_NUMBER_END}"
        rf"|{fiscal}(?P<ref_fiscal>{_YEAR}|{_TWO_DIGITS}){_NUMBER_END}"
        rf"|(?:{the}\s+)?(?P<ref_offset>{offsets})\s+{year_word}{_WORD_END}"
        rf"|{the}\s+{year_word}{_WORD_END})"
    )
    part_words = {"the": the, "of": of, "ordinal": _words(lexicon["ordinals"]), "year_ref": _anonymous(year_ref)}
    day = rf"{_DAY}(?:{_words(lexicon['day_suffixes'])})?(?!\w|[.,][0-9]|%)"
    kinds = {
        "date": (
            rf"(?P<date_iso>{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])){_NUMBER_END}"
            rf"|(?P<date_month>{months})\s+(?P<date_day>{day})(?:,?\s+(?P<date_year>{_YEAR}){_NUMBER_END})?"
            rf"|(?P<date_day_first>{day})\s+(?:{of}\s+)?(?P<date_month_after>{months})"
            rf"(?:,?\s+(?P<date_year_after>{_YEAR}){_NUMBER_END})?"
        ),
        "quarter": _part_pattern("quarter", lexicon["quarter"], 4, part_words),
        "half": _part_pattern("half", lexicon["half"], 2, part_words),
        # A slash ("2024/25") writes a season or fiscal span in any language, so it is not lexicon data.
        # No conditional group, unlike month ranges: "by 2026-27" embeds this pattern, without its group names.
        "year_range": (
            rf"(?:{between}\s+(?P<year_range_between>{_YEAR})\s+{and_}\s+(?P<year_range_and>{_YEAR})"
            rf"|(?:{from_}\s+)?(?P<year_range_first>{_YEAR})"
            rf"(?:\s+{_words(ranges['connectors'])}\s+(?P<year_range_to>{_YEAR})"
            rf"|(?:\s*{dashes}\s*|(?P<year_range_slash>/))(?P<year_range_dash>{_YEAR}|{_TWO_DIGITS}))){_NUMBER_END}"
        ),
        "month_range": (
            rf"(?:(?P<month_range_between>{between}\s+)|(?:{from_}\s+)?)"
            rf"(?P<month_range_first>{months})(?:\s+(?P<month_range_first_year>{_YEAR}))?"
            rf"(?(month_range_between)\s+{and_}\s+|{connector})"
            rf"(?P<month_range_last>{months})(?:,?\s+(?P<month_range_last_year>{_YEAR}){_NUMBER_END})?"
        ),
        "fiscal": (
            rf"{fiscal}(?P<fiscal_year>{_YEAR}|{_TWO_DIGITS})"
            rf"(?:(?:/|{dashes})(?P<fiscal_end>{_YEAR}|{_TWO_DIGITS}))?{_NUMBER_END}"
        ),
        "mid": rf"{_words(lexicon['mid'])}(?:-|\s+)?(?P<mid_year>{_YEAR}){_NUMBER_END}",
        "decade": rf"(?:{the}\s+)?(?P<decade_start>(?:19|20)[0-9]0){_words(lexicon['decade_suffixes'])}(?!\w)",
        "window": (
            rf"(?:{the}\s+)?{_words(lexicon['windows']['words'])}\s+(?P<window_count>{count})\s+"
            rf"(?P<window_unit>{forms(units)}){_WORD_END}"
            rf"|{the}\s+{_words(lexicon['windows']['words'])}\s+"
            rf"(?P<window_bare>{forms(lexicon['windows']['bare_units'], plural=False)}){_WORD_END}"
        ),
        "relative": (
            rf"(?:{the}\s+)?(?P<relative_offset>{offsets})\s+"
            rf"(?P<relative_unit>{forms(calendar_units, plural=False)}){_WORD_END}(?!\s+{of}\b)"
            rf"|(?P<relative_count>{count})\s+(?P<relative_ago_unit>{forms(calendar_units)})\s+"
            rf"{_words(lexicon['relative']['ago'])}(?!\w)"
        ),
        # "March 2024", "June last year", "March of this year"
        "month": rf"(?P<month_name>{months})(?:\s+(?:{of}\s+)?(?P<month_ref>{part_words['year_ref']}))?",
        "year": rf"(?P<year_value>{_YEAR}){_NUMBER_END}",
        "anaphor": (
            rf"{the}\s+(?P<anaphor_word>{_words(lexicon['anaphora']['words'])}){_WORD_END}"
            rf"(?!\s+{_words(lexicon['anaphora']['not_before'])}(?!\w))(?!\s+[0-9])"
        ),
        "whole_year": rf"{_words(lexicon['anaphora']['whole_year'])}{_WORD_END}",
    }
    kinds["leading"] = (
        rf"(?:{the}\s+)?{_words(lexicon['leading']['words'])}\s+(?P<leading_count>{count})\s+"
        rf"(?P<leading_unit>{forms(lexicon['leading']['units'])}){_WORD_END}"
        rf"(?:\s+(?:{of}\s+)?(?P<leading_ref>{part_words['year_ref']}))?(?!\s+{of}\b)"
    )
    ending_units = lexicon["ending"]["units"]
    span = (
        rf"{the}\s+(?:(?P<ending_count>{count})\s+(?P<ending_units>{forms(ending_units)})"
        rf"|(?P<ending_unit>{forms(ending_units, plural=False)})){_WORD_END}"
    )
    _add_composites(kinds, lexicon, span)
    return year_ref, kinds


def _add_composites(kinds: dict[str, str], lexicon: dict[str, Any], span: str) -> None:
    """The kinds that embed other kinds: "since 2020", "by 2026-27", "the three months to April", "the first
    quarter of fiscal 2026, which ended May 3". ``span`` is the length of the third ("the three months")."""
    target = _anonymous(_alternation(kinds, _ATOMIC_KINDS))
    end_of = rf"(?:{_words(lexicon['end_of'])}\s*)?"
    event = lexicon["since_event"]
    # Words of letters only, so that the event stops at a number or punctuation: "since records began in 1997".
    event_words = rf"(?:[^\W\d_]+\s+){{1,{event['reach']}}}?{_words(event['prepositions'])}\s+"
    kinds["since"] = rf"{_words(lexicon['since'])}\s+(?:{event_words})?(?P<since_target>{target})"
    kinds["deadline"] = rf"{_words(lexicon['deadline']['words'])}\s+{end_of}(?P<deadline_target>{target})"
    end = _anonymous(_alternation(kinds, _END_KINDS))
    kinds["ending"] = rf"{span}\s+{_words(lexicon['ending']['words'])}\s+{end_of}(?P<ending_target>{end})"
    ended = lexicon["ended"]
    kinds["ended"] = (
        rf"(?P<ended_host>{_anonymous(_alternation(kinds, _ENDED_HOST_KINDS))})"
        rf"(?:,\s*{_words(ended['relative'])})?\s+{_words(ended['words'])}\s+(?P<ended_target>{end})"
    )


def _alternation(kinds: dict[str, str], order: Iterable[str], opener: str = "") -> str:
    return _START + opener + "(?:" + "|".join(f"(?P<{kind}>{kinds[kind]})" for kind in order) + ")"


def _opener(words: Iterable[str]) -> str:
    """A look-ahead for the words a period can start with. Most words in a text cannot start one, and
    this one test rules them out before the kinds are tried one by one."""
    firsts = {word.split()[0].lower() for word in words}
    # A first word may run straight into digits ("Q3", "FY2024", "mid-2024") but not into more letters.
    return rf"(?=[0-9]|(?i:{alternation(firsts)})(?![^\W\d_]))"


_A_DIGIT = "0"
"""Stands, among a kind's first words, for any number ("2024", "3Q24", "5 years ago"), and is the key numbers
are filed under."""
_ASCII_DIGITS = frozenset("0123456789")
_FIRST_LETTERS = re.compile(r"[^\W\d_]*")


def _first_words(lexicon: dict[str, Any]) -> dict[str, list[str]]:
    """For each kind, the words its matches can start with (_A_DIGIT: a number). Kept beside the patterns of
    ``_patterns``: a kind that starts with another word must list it here, or it is never tried there. After an
    article the kind's next word is listed too ('the third'): most articles in a text start no period, and the
    scan then tries a kind after 'the' only where one of those words follows."""
    article, ranges = lexicon["article"], lexicon["range"]
    months = [name for month in lexicon["months"] for name in (month["name"], *month["abbreviations"])]
    ordinals = [*lexicon["ordinals"]]
    parts = [*_after(article, ordinals), *ordinals, _A_DIGIT]
    fiscal = [*lexicon["fiscal"]["words"], lexicon["fiscal"]["abbreviation"]]
    windows, leading = lexicon["windows"]["words"], lexicon["leading"]["words"]
    offsets = [*lexicon["relative"]["offsets"]]
    counts = [*lexicon["numbers"], _A_DIGIT]
    ending_units = [lexicon["units"][name]["one"] for name in lexicon["ending"]["units"]]
    words = {
        "date": [_A_DIGIT, *months],
        "quarter": [*parts, lexicon["quarter"]["letter"]],
        "half": [*parts, lexicon["half"]["letter"]],
        "year_range": [*ranges["between"], *ranges["from"], _A_DIGIT],
        "month_range": [*ranges["between"], *ranges["from"], *months],
        "fiscal": fiscal,
        "mid": lexicon["mid"],
        "decade": [*_after(article, [_A_DIGIT]), _A_DIGIT],
        "window": [*_after(article, windows), *windows],
        "relative": [*_after(article, offsets), *offsets, *counts],
        "month": months,
        "year": [_A_DIGIT],
        "anaphor": _after(article, lexicon["anaphora"]["words"]),
        "whole_year": lexicon["anaphora"]["whole_year"],
        "leading": [*_after(article, leading), *leading],
        "ending": _after(article, [*counts, *ending_units]),
        "since": lexicon["since"],
        "deadline": lexicon["deadline"]["words"],
    }
    words["ended"] = [*words["quarter"], *words["half"], *fiscal]
    return words


def _after(article: Iterable[str], words: Iterable[str]) -> list[str]:
    return [f"{first} {word}" for first in article for word in words]


def _dispatch_key(word: str) -> str:
    """The key a first word is filed under: its leading letters in lower case, as one token of the text
    reads; _A_DIGIT for a number."""
    first = word.split()[0]
    if first[0] in _ASCII_DIGITS:
        return _A_DIGIT
    letters = _FIRST_LETTERS.match(first)
    if letters is None or not letters.group():
        raise ValueError(f"a period's first word must start with a letter or a digit: {word!r}")
    return letters.group().lower()


class _Dispatch:
    """For each first word, the scanner pattern with only the kinds that can start with it, in the scanner's
    order: at a number or at 'the' most kinds need not be tried at all. Each pattern is compiled when first
    needed, since compiling them all would cost every run a tenth of a second. Where every kind a first word
    starts lists the word after it too ('the third', 'the past'), only those words can follow it."""

    def __init__(self, kinds: dict[str, str], first_words: dict[str, list[str]], opener: str) -> None:
        self._kinds, self._opener = kinds, opener
        starting: dict[str, set[str]] = {}
        following: dict[str, set[str] | None] = {}
        for kind, words in first_words.items():
            for word in words:
                key, rest = _dispatch_key(word), word.split()[1:]
                starting.setdefault(key, set()).add(kind)
                known = following.setdefault(key, set())
                if known is not None:
                    following[key] = known | {_dispatch_key(rest[0])} if rest else None
        self._orders = {key: tuple(kind for kind in _SCANNER_KINDS if kind in kinds_there)
                        for key, kinds_there in starting.items()}
        self._following = {key: frozenset(words) for key, words in following.items() if words is not None}
        self._compiled: dict[tuple[str, ...], re.Pattern[str]] = {}
        self._by_key: dict[str, re.Pattern[str]] = {}
        """The patterns compiled so far, by key: looked up for almost every token, so no tuple is hashed."""

    def pattern(self, key: str) -> re.Pattern[str] | None:
        """The pattern for a token read as ``key`` (a word in lower case, or _A_DIGIT); None when no period
        starts with it."""
        compiled = self._by_key.get(key)
        if compiled is not None:
            return compiled
        order = self._orders.get(key)
        if order is None:
            return None
        compiled = self._compiled.get(order)
        if compiled is None:
            compiled = self._compiled[order] = re.compile(_alternation(self._kinds, order, self._opener))
        self._by_key[key] = compiled
        return compiled

    def may_go_on(self, key: str, following: Token | None) -> bool:
        """Whether a period starting with ``key`` can go on with the token that follows it. A token the keys do
        not tell apart (a non-ASCII word, a sign) may always."""
        words = self._following.get(key)
        if words is None:
            return True
        if following is None:
            return False
        if following.kind == "num":
            return following.text[0] not in _ASCII_DIGITS or _A_DIGIT in words
        if following.kind != "word" or not following.lower.isascii():
            return True
        letters = _FIRST_LETTERS.match(following.lower)
        return letters is None or letters.group() in words


@lru_cache(maxsize=None)
def _grammar(lexicon: str) -> _Grammar:
    return _Grammar(load_yaml(f"lexicons/{lexicon}/periods.yml"))


class _Grammar:
    """One language's compiled patterns, and the word tables its matches are resolved with."""

    def __init__(self, lexicon: dict[str, Any]) -> None:
        year_ref, kinds = _patterns(lexicon)
        self.year_ref = re.compile(year_ref)
        self.atomic = re.compile(_alternation(kinds, _ATOMIC_KINDS))
        first_words = _first_words(lexicon)
        opener = _opener(word for kind in _SCANNER_KINDS for word in first_words[kind])
        self.scanner = re.compile(_alternation(kinds, _SCANNER_KINDS, opener))
        self.dispatch = _Dispatch(kinds, first_words, opener)
        self.months: dict[str, tuple[int, bool]] = {}
        for number, entry in enumerate(lexicon["months"], start=1):
            self.months[_key(entry["name"])] = (number, entry.get("guarded", False))
            self.months.update({_key(abbreviation): (number, True) for abbreviation in entry["abbreviations"]})
        self.month_guard = {_key(word) for word in lexicon["month_guard"]}
        self.framing_words = {_key(word) for word in lexicon["anaphora"]["framing"]}
        self.anaphor_not_after = {_key(word) for word in lexicon["anaphora"]["not_after"]}
        self.of_words = {_key(word) for word in lexicon["of"]}
        self.anaphora = {_key(word): kind for word, kind in lexicon["anaphora"]["words"].items()}
        self.ordinals = {_key(word): value for word, value in lexicon["ordinals"].items()}
        self.numbers = {_key(word): value for word, value in lexicon["numbers"].items()}
        self.offsets = {_key(word): value for word, value in lexicon["relative"]["offsets"].items()}
        self.unit_names = {
            _key(form): name for name, unit in lexicon["units"].items() for form in (unit["one"], unit["many"])
        }
        self.durations = {name: _duration(unit["duration"]) for name, unit in lexicon["units"].items()}
        context = lexicon["quantity_context"]
        markers = "|".join(
            rf"(?<!\w){re.escape(marker)}" if marker[0].isalnum() else re.escape(marker)
            for marker in sorted(context["before"], key=len, reverse=True)
        )
        self._quantity_before = re.compile(rf"(?:{markers})\s*\Z")
        self._quantity_reach = max(map(len, context["before"])) + 4
        self._quantity_after = re.compile(rf"\s*{_words(context['words_after'])}(?!\w)")

    def scan(self, text: str, tokens: list[Token]) -> list[re.Match[str]]:
        """The matches ``scanner.finditer(text)`` gives, found by trying the scanner only where a token can start
        a period, and there only the kinds that can start with its word."""
        found: list[re.Match[str]] = []
        resume = 0
        for index, token in enumerate(tokens):
            if token.end <= resume:
                continue
            pattern = self._pattern_for(tokens, index) if token.start >= resume else None
            match = pattern.match(text, token.start) if pattern is not None else None
            if match is not None:
                found.append(match)
                resume = match.end()
            if not token.text.isalnum():  # '1 000 000', 'year-on-year': a word or number may start inside it
                for position in _inner_starts(text, token.start, token.end):
                    match = self.scanner.match(text, position) if position >= resume else None
                    if match is not None:
                        found.append(match)
                        resume = match.end()
        return found

    def _pattern_for(self, tokens: list[Token], index: int) -> re.Pattern[str] | None:
        token = tokens[index]
        if token.kind == "word":
            word = token.lower
            if not (token.text.isalnum() and word.isascii()):  # an ASCII word is alphanumeric when all letters
                return self.scanner
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            return self.dispatch.pattern(word) if self.dispatch.may_go_on(word, following) else None
        if token.kind == "num":
            text = token.text
            if text[0] not in _ASCII_DIGITS:
                return self.scanner
            return self.dispatch.pattern(_A_DIGIT) if _may_open_period(text) else None
        return None  # a sign: '_' is the only one that is a word character, and no period starts with it

    def month(self, name: str) -> tuple[int, bool]:
        """Month number, and whether the name is too common a word to count on its own."""
        return self.months[_key(name).rstrip(".")]

    def count(self, word: str) -> int:
        return int(word) if word.isdigit() else self.numbers[_key(word)]

    def unit(self, word: str) -> str:
        return self.unit_names[_key(word)]

    def looks_like_quantity(self, text: str, start: int, end: int) -> bool:
        """True for a number dressed as a year: "$2024", "No. 2024", "2024 tonnes", "by 2030 million"."""
        if text[start].isdigit() and self._quantity_before.search(text, max(0, start - self._quantity_reach), start):
            return True
        return text[end - 1].isdigit() and self._quantity_after.match(text, end) is not None

    def points_elsewhere(self, text: str, start: int, earlier: list[Period]) -> bool:
        """'up 2% on the year' compares with a year before; 'the first two months of the financial year' names
        the year of the period before it, which that period already reads."""
        previous = _PREVIOUS_WORD.search(text, max(0, start - _GUARD_REACH), start)
        if previous is None:
            return False
        word = _key(previous.group(1))
        if word in self.anaphor_not_after:
            return True
        # Right after: only blanks between, within the reach searched for the word (so no long slice per anaphor).
        gap = previous.start(1) - earlier[-1].end_offset if earlier else _GUARD_REACH + 1
        return word in self.of_words and 0 <= gap <= _GUARD_REACH \
            and not text[earlier[-1].end_offset:previous.start(1)].strip()

    def after_guard_word(self, text: str, start: int) -> bool:
        """True when the word just before ``start`` makes a guarded month name a month ("in May")."""
        previous = _PREVIOUS_WORD.search(text, max(0, start - _GUARD_REACH), start)
        return previous is not None and _key(previous.group(1)) in self.month_guard


def _may_open_period(number: str) -> bool:
    """Whether a number token (ASCII digits first) may open a period: not '16600', nor the whole part of '4.82'
    or the first group of '1,200'."""
    digits = 0
    while digits < len(number) and number[digits] in _ASCII_DIGITS:
        digits += 1
    if digits > _LONGEST_NUMBER:
        return False
    return not (digits + 1 < len(number) and number[digits] in ".," and number[digits + 1] in _ASCII_DIGITS)


def _inner_starts(text: str, start: int, end: int) -> list[int]:
    """Where a run of word characters starts inside a token, as the scanner's start test reads it: not after a
    word character, nor after a decimal mark or a group separator that follows a digit."""
    return [
        position for position in range(start + 1, end)
        if _is_word_character(text[position]) and not _is_word_character(text[position - 1])
        and not (text[position - 1] in ".," and position >= 2 and text[position - 2] in _ASCII_DIGITS)
    ]


def _is_word_character(character: str) -> bool:
    """What ``\\w`` matches in a str pattern."""
    return character.isalnum() or character == "_"


_PREVIOUS_WORD = re.compile(r"(\w+)[\s-]*\Z")
_GUARD_REACH = 24


def _duration(iso: str) -> tuple[int, str]:
    """"P10Y" -> (10, "Y")."""
    match = re.fullmatch(r"P([0-9]+)([YMWD])", iso)
    if match is None:
        raise ValueError(f"unsupported unit duration {iso!r}; expected P<n>Y, P<n>M, P<n>W or P<n>D")
    return int(match.group(1)), match.group(2)


# ---------------------------------------------------------------------------------------------------
# Resolution: one function per kind of match.


class _When(NamedTuple):
    start: date
    end: date
    label: str
    granularity: Granularity
    anchored: bool


class _YearRef(NamedTuple):
    year: int | None
    """None when the text leaves the year to the publication date ("the third quarter of the year")."""
    fiscal: bool
    anchored: bool


_Resolver = Callable[[re.Match[str], _Grammar, date | None], _When | None]


def _resolve(match: re.Match[str], grammar: _Grammar, published: date | None) -> _When | None:
    return _RESOLVERS[match.lastgroup or ""](match, grammar, published)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int] | None:
    """(year, month) ``delta`` months away, or None outside the years ``datetime`` can represent."""
    shifted_year, month_index = divmod(year * 12 + month - 1 + delta, 12)
    return (shifted_year, month_index + 1) if MINYEAR <= shifted_year <= MAXYEAR else None


def _latest_year(published: date, month: int) -> int | None:
    """Year of the most recent 1st of ``month`` on or before ``published``."""
    latest = _shift_months(published.year, published.month, -((published.month - month) % 12))
    return None if latest is None else latest[0]


def _full_year(digits: str) -> int:
    """"24" -> 2024, "99" -> 1999 (the POSIX %y pivot); four digits are kept."""
    return int(digits) if len(digits) == 4 else datetime.strptime(digits, "%y").year


def _end_year(first: int, digits: str) -> int | None:
    """The later year of a span: "2020-2024", "2020-24". Two digits stay in the first year's century,
    so "2019-03" (an ISO month) is not read as a span."""
    last = int(digits) if len(digits) == 4 else first - first % 100 + int(digits)
    return last if last > first else None


def _year_when(year: int, anchored: bool) -> _When:
    return _When(date(year, 1, 1), date(year, 12, 31), str(year), Granularity.year, anchored)


def _month_when(year: int, month: int, anchored: bool) -> _When:
    return _When(date(year, month, 1), _month_end(year, month), f"{year}-{month:02d}", Granularity.month, anchored)


def _part_when(year: int, index: int, parts: int, ref: _YearRef) -> _When:
    months = 12 // parts
    first = (index - 1) * months + 1
    prefix = "FY" if ref.fiscal else ""
    letter = "Q" if parts == 4 else "H"
    granularity = Granularity.quarter if parts == 4 else Granularity.half
    return _When(
        date(year, first, 1),
        _month_end(year, first + months - 1),
        f"{prefix}{year}-{letter}{index}",
        granularity,
        ref.anchored,
    )


def _year(match: re.Match[str], _: _Grammar, __: date | None) -> _When:
    return _year_when(int(match.group("year_value")), anchored=True)


def _decade(match: re.Match[str], _: _Grammar, __: date | None) -> _When:
    first = int(match.group("decade_start"))
    return _When(date(first, 1, 1), date(first + 9, 12, 31), f"{first}..{first + 9}", Granularity.range, True)


def _mid(match: re.Match[str], _: _Grammar, __: date | None) -> _When:
    # The middle two quarters: wide enough to hold whatever the writer meant by "mid".
    year = int(match.group("mid_year"))
    return _When(date(year, 4, 1), date(year, 9, 30), f"mid-{year}", Granularity.range, True)


def _fiscal(match: re.Match[str], _: _Grammar, __: date | None) -> _When | None:
    first = _full_year(match.group("fiscal_year"))
    if match.group("fiscal_end") is None:
        return _When(date(first, 1, 1), date(first, 12, 31), f"FY{first}", Granularity.year, True)
    # "fiscal 2024-25" is one fiscal year straddling two calendar years.
    if _end_year(first, match.group("fiscal_end")) != first + 1:
        return None
    label = f"FY{first}-{(first + 1) % 100:02d}"
    return _When(date(first, 1, 1), date(first + 1, 12, 31), label, Granularity.range, True)


def _year_range(match: re.Match[str], _: _Grammar, __: date | None) -> _When | None:
    first = int(match.group("year_range_first") or match.group("year_range_between"))
    digits = match.group("year_range_and") or match.group("year_range_to") or match.group("year_range_dash")
    last = _end_year(first, digits)
    if last is None:
        return None
    # "2024-25" and "2024/25" name one fiscal year or season, not two years; like a fiscal year it is read as
    # the calendar years it touches.
    season = last == first + 1 and match.group("year_range_dash") is not None and (
        len(digits) == 2 or match.group("year_range_slash") is not None)
    label = f"{first}-{last % 100:02d}" if season else f"{first}..{last}"
    return _When(date(first, 1, 1), date(last, 12, 31), label, Granularity.range, True)


def _month(match: re.Match[str], grammar: _Grammar, published: date | None) -> _When | None:
    number, guarded = grammar.month(match.group("month_name"))
    ref = _year_ref(match.group("month_ref"), grammar, published)
    if ref is None:
        return None
    if ref.anchored and ref.year is not None:
        return _month_when(ref.year, number, anchored=True)
    # A relative year does not make "May" a month: "Theresa May last year".
    if guarded and not grammar.after_guard_word(match.string, match.start()):
        return None
    year = ref.year if ref.year is not None or published is None else _latest_year(published, number)
    return None if year is None else _month_when(year, number, anchored=False)


def _month_range(match: re.Match[str], grammar: _Grammar, published: date | None) -> _When | None:
    first, _ = grammar.month(match.group("month_range_first"))
    last, _ = grammar.month(match.group("month_range_last"))
    first_year, last_year = match.group("month_range_first_year"), match.group("month_range_last_year")
    wraps = first > last  # "November to February" runs into the next year
    if last_year:
        end_year: int | None = int(last_year)
    elif first_year:
        end_year = int(first_year) + wraps
    else:
        end_year = None if published is None else _latest_year(published, last)
    if end_year is None:
        return None
    start_year = int(first_year) if first_year else end_year - wraps
    start, end = date(start_year, first, 1), _month_end(end_year, last)
    if start > end:
        return None
    label = f"{start_year}-{first:02d}..{end_year}-{last:02d}"
    return _When(start, end, label, Granularity.range, bool(first_year or last_year))


def _full_date(match: re.Match[str], grammar: _Grammar, published: date | None) -> _When | None:
    if match.group("date_iso"):
        day = _numeric_date(match.group("date_iso"))
        return None if day is None else _When(day, day, day.isoformat(), Granularity.day, True)
    month = grammar.month(match.group("date_month") or match.group("date_month_after"))[0]
    day_digits = _LEADING_DIGITS.match(match.group("date_day") or match.group("date_day_first"))
    if day_digits is None:
        return None
    day_of_month = int(day_digits.group())
    year_text = match.group("date_year") or match.group("date_year_after")
    if year_text:
        years = [int(year_text)]
    elif published is None:
        return None
    else:  # the latest such day on or before publication: "Feb 29" may be years back
        latest = published.year - ((month, day_of_month) > (published.month, published.day))
        years = list(range(latest, max(MINYEAR, latest - _LEAP_CYCLE) - 1, -1))
    for year in years:
        try:
            day = date(year, month, day_of_month)
        except ValueError:
            continue
        return _When(day, day, day.isoformat(), Granularity.day, bool(year_text))
    return None


_LEADING_DIGITS = re.compile(r"[0-9]+")
_LEAP_CYCLE = 8
"""Years to look back for a February 29 (no leap day between 2096 and 2104)."""


def _year_ref(text: str | None, grammar: _Grammar, published: date | None) -> _YearRef | None:
    """The year named after a quarter or half ("of 2024", "FY24", "of last year"). Its ``year`` is None
    when left to the publication date; the result is None when a relative year leaves the calendar."""
    match = None if text is None else grammar.year_ref.fullmatch(text)
    if match is None:
        return _YearRef(None, fiscal=False, anchored=False)
    if match.group("ref_year"):
        return _YearRef(int(match.group("ref_year")), fiscal=False, anchored=True)
    if match.group("ref_fiscal"):
        return _YearRef(_full_year(match.group("ref_fiscal")), fiscal=True, anchored=True)
    if match.group("ref_offset") is None or published is None:
        return _YearRef(None, fiscal=False, anchored=False)
    shifted = _shift_months(published.year, 1, 12 * grammar.offsets[_key(match.group("ref_offset"))])
    return None if shifted is None else _YearRef(shifted[0], fiscal=False, anchored=False)


def _part(kind: str, parts: int) -> _Resolver:
    """Resolver for quarters (parts=4) or halves (parts=2)."""

    def resolve(match: re.Match[str], grammar: _Grammar, published: date | None) -> _When | None:
        ordinal = match.group(f"{kind}_ordinal")
        if ordinal is not None:
            index = grammar.ordinals[_key(ordinal)]
            index = parts if index == -1 else index
        else:
            index = int(match.group(f"{kind}_number") or match.group(f"{kind}_lead") or match.group(f"{kind}_trailing"))
        if not 1 <= index <= parts:
            return None  # "third half"
        written = match.group(f"{kind}_yy") or match.group(f"{kind}_year") or match.group(f"{kind}_year_first")
        ref = (
            _YearRef(_full_year(written), fiscal=False, anchored=True)
            if written
            else _year_ref(match.group(f"{kind}_ref") or match.group(f"{kind}_letter_ref"), grammar, published)
        )
        if ref is None:
            return None
        year = ref.year
        if year is None:
            first_month = (index - 1) * 12 // parts + 1
            year = None if published is None else _latest_year(published, first_month)
        return None if year is None else _part_when(year, index, parts, ref)

    return resolve


def _leading(match: re.Match[str], grammar: _Grammar, published: date | None) -> _When | None:
    """"the first 10 months of 2025", "the first three quarters": from the start of the year. Without a written
    year, the year is that of "January to October": the latest whose last month had begun by publication."""
    unit = grammar.unit(match.group("leading_unit"))
    per_unit, designator = grammar.durations[unit]
    count = grammar.count(match.group("leading_count"))
    months = count * per_unit
    ref = _year_ref(match.group("leading_ref"), grammar, published)
    if designator != "M" or not 0 < months <= 12 or ref is None:
        return None
    year = ref.year if ref.year is not None or published is None else _latest_year(published, months)
    if year is None:
        return None
    first = f"{'FY' if ref.fiscal else ''}{year}"
    label = f"{first}-Q1..{first}-Q{count}" if unit == "quarter" else f"{first}-01..{first}-{months:02d}"
    return _When(date(year, 1, 1), _month_end(year, months), label, Granularity.range, ref.anchored)


def _counted_back(end: date, amount: int, designator: str) -> tuple[date, str] | None:
    """First day and label of the span of ``amount`` units (an ISO 8601 designator) that ends on ``end``.
    A span of months or years ending on a month's last day is whole months, labelled by them."""
    if amount <= 0:
        return None
    if designator in "MY" and end == _month_end(end.year, end.month):
        first = _shift_months(end.year, end.month, 1 - amount * (12 if designator == "Y" else 1))
        return None if first is None else (date(*first, 1), f"{first[0]}-{first[1]:02d}..{end.year}-{end.month:02d}")
    before = _before(end, amount, designator)
    if before is None:
        return None
    start = before + timedelta(days=1)
    return start, f"{start.isoformat()}..{end.isoformat()}"


def _ending(match: re.Match[str], grammar: _Grammar, published: date | None) -> _When | None:
    """"the three months to April", "the year to June 2024", "the nine months ended September 30"."""
    target = _target(match, "ending_target", grammar, published)
    if target is None:
        return None
    end, _ = target
    count = grammar.count(match.group("ending_count")) if match.group("ending_count") else 1
    per_unit, designator = grammar.durations[grammar.unit(match.group("ending_units") or match.group("ending_unit"))]
    counted = _counted_back(end.end, count * per_unit, designator)
    if counted is None:
        return None
    start, label = counted
    return _When(start, end.end, label, Granularity.range, end.anchored)


def _ended(match: re.Match[str], grammar: _Grammar, published: date | None) -> _When | None:
    """"the first quarter of fiscal 2026, which ended May 3": the quarter, moved to end on the day given. When
    the day cannot be placed (no publication date), the quarter as written."""
    host = _target(match, "ended_host", grammar, published)
    if host is None:
        return None
    period, _ = host
    target = _target(match, "ended_target", grammar, published)
    if target is None:
        return period
    end = target[0].end
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
    counted = _counted_back(end, months, "M")
    return period if counted is None else period._replace(start=counted[0], end=end)


def _calendar_period(unit: str, published: date, offset: int) -> _When | None:
    """The calendar year, quarter or month ``offset`` units from the one containing ``published``."""
    if unit == "year":
        shifted = _shift_months(published.year, 1, 12 * offset)
        return None if shifted is None else _year_when(shifted[0], anchored=False)
    if unit == "quarter":
        quarter_start = published.month - (published.month - 1) % 3
        shifted = _shift_months(published.year, quarter_start, 3 * offset)
        if shifted is None:
            return None
        year, month = shifted
        return _part_when(year, (month - 1) // 3 + 1, 4, _YearRef(year, fiscal=False, anchored=False))
    shifted = _shift_months(published.year, published.month, offset)
    return None if shifted is None else _month_when(*shifted, anchored=False)


def _relative(match: re.Match[str], grammar: _Grammar, published: date | None) -> _When | None:
    if published is None:
        return None
    if match.group("relative_offset"):
        offset = grammar.offsets[_key(match.group("relative_offset"))]
        unit = grammar.unit(match.group("relative_unit"))
    else:
        offset = -grammar.count(match.group("relative_count"))
        unit = grammar.unit(match.group("relative_ago_unit"))
    return _calendar_period(unit, published, offset)


def _before(published: date, amount: int, designator: str) -> date | None:
    """``published`` minus an ISO 8601 duration, or None before year 1."""
    if designator in "WD":
        days = amount * (7 if designator == "W" else 1)
        return published - timedelta(days=days) if (published - date.min).days >= days else None
    shifted = _shift_months(published.year, published.month, -amount * (12 if designator == "Y" else 1))
    if shifted is None:
        return None
    year, month = shifted
    return date(year, month, min(published.day, calendar.monthrange(year, month)[1]))


def _window(match: re.Match[str], grammar: _Grammar, published: date | None) -> _When | None:
    if published is None:
        return None
    count = grammar.count(match.group("window_count")) if match.group("window_count") else 1
    per_unit, designator = grammar.durations[grammar.unit(match.group("window_unit") or match.group("window_bare"))]
    amount = count * per_unit
    start = _before(published, amount, designator) if amount else None
    if start is None:
        return None
    return _When(start, published, f"P{amount}{designator}..{published.isoformat()}", Granularity.window, False)


def _target(match: re.Match[str], group: str, grammar: _Grammar, published: date | None) -> tuple[_When, str] | None:
    """The period inside a composite ("since <period>") and its kind. The composite embeds it without
    group names, so it is matched again on its own to recover them."""
    inner = grammar.atomic.fullmatch(match.string, match.start(group), match.end(group))
    if inner is None:
        return None
    when = _resolve(inner, grammar, published)
    return None if when is None else (when, inner.lastgroup or "")


def _since(match: re.Match[str], grammar: _Grammar, published: date | None) -> _When | None:
    if published is None:
        return None
    target = _target(match, "since_target", grammar, published)
    if target is None:
        return None
    when, _ = target
    if when.start > published:
        return None
    return _When(when.start, published, f"{when.label}..{published.isoformat()}", Granularity.range, when.anchored)


def _deadline(match: re.Match[str], grammar: _Grammar, published: date | None) -> _When | None:
    target = _target(match, "deadline_target", grammar, published)
    if target is None:
        return None
    when, kind = target
    # An inferred year looks backwards ("by March" -> last March), which a deadline never does.
    if not (when.anchored or kind == "relative"):
        return None
    # An article written after its deadline ("by 2020", published 2024) still gets an ordered span.
    start = published if published is not None and published <= when.end else date(when.end.year, 1, 1)
    return _When(start, when.end, f"by {when.label}", Granularity.deadline, when.anchored)


_RESOLVERS: dict[str, _Resolver] = {
    "since": _since,
    "deadline": _deadline,
    "ended": _ended,
    "ending": _ending,
    "leading": _leading,
    "date": _full_date,
    "quarter": _part("quarter", 4),
    "half": _part("half", 2),
    "year_range": _year_range,
    "month_range": _month_range,
    "fiscal": _fiscal,
    "mid": _mid,
    "decade": _decade,
    "window": _window,
    "relative": _relative,
    "month": _month,
    "year": _year,
}
