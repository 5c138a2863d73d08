"""Language lexicons loaded from ``rules/lexicons/<lang>/`` into fast lookup tables.

Every language-specific word the extractor knows lives in those YAML files; this module only compiles them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, TypeVar

from .tokens import Token, tokenize
from .resources import load_yaml, rules_dir

V = TypeVar("V")


_NO_VALUE = object()


class PhraseTable(Generic[V]):
    """Maps word sequences to values; ``match`` finds the longest phrase starting at a token index.

    Phrases are stored as a trie of words: a lookup walks one dictionary per word and stops at the
    first word no phrase continues with, so a miss costs one dictionary access."""

    def __init__(self, phrases: dict[str, V], *, case_sensitive: bool = False) -> None:
        self.case_sensitive = case_sensitive
        self._root: dict[str, tuple[Any, dict]] = {}
        self.longest = 0
        last_words = set()
        for phrase, value in phrases.items():
            key = [self._key(token) for token in tokenize(str(phrase))]
            if key:
                self._insert(key, value)
                last_words.add(key[-1])
                self.longest = max(self.longest, len(key))
        self.last_words = frozenset(last_words)
        """The words a phrase can end with, to rule text out before tokenizing it."""

    def _insert(self, key: list[str], value: V) -> None:
        level = self._root
        for position, word in enumerate(key):
            stored, children = level.get(word, (_NO_VALUE, {}))
            if position == len(key) - 1:
                stored = value
            level[word] = (stored, children)
            level = children

    def _key(self, token: Token) -> str:
        return token.text if self.case_sensitive else token.lower

    def match(self, tokens: list[Token], index: int) -> tuple[V, int] | None:
        """(value, index after the phrase) for the longest phrase at ``index``, or None."""
        if index >= len(tokens):
            return None
        token = tokens[index]
        node = self._root.get(token.text if self.case_sensitive else token.lower)
        if node is None:
            return None
        found = None
        while True:
            value, children = node
            index += 1
            if value is not _NO_VALUE:
                found = (value, index)
            if not children or index >= len(tokens):
                return found
            token = tokens[index]
            node = children.get(token.text if self.case_sensitive else token.lower)
            if node is None:
                return found

    def first_words(self) -> frozenset[str]:
        """The words a phrase can start with (case as the table matches them)."""
        return frozenset(self._root)


class TableGroup:
    """Several case-insensitive tables indexed together in one pass over a text's tokens."""

    def __init__(self, *tables: PhraseTable) -> None:
        if any(table.case_sensitive for table in tables):
            raise ValueError("a table group takes case-insensitive tables only")
        self.tables = tables
        self._by_first: dict[str, list[int]] = {}
        for number, table in enumerate(tables):
            for word in table.first_words():
                self._by_first.setdefault(word, []).append(number)

    def index(self, tokens: list[Token]) -> list[dict[int, tuple[Any, int]]]:
        """Every match of each table by start index: lookups later cost a dict access."""
        found: list[dict[int, tuple[Any, int]]] = [{} for _ in self.tables]
        by_first, tables = self._by_first, self.tables
        for position, token in enumerate(tokens):
            numbers = by_first.get(token.lower)
            if numbers is not None:
                for number in numbers:
                    match = tables[number].match(tokens, position)
                    if match is not None:
                        found[number][position] = match
        return found


@dataclass(frozen=True)
class Currency:
    code: str | None
    inferred: bool = False
    factor: float = 1.0


@dataclass(frozen=True)
class ClauseWords:
    """Function words and marks the context reader needs (``clauses.yml``), lower case."""

    clause_breaks: frozenset[str]
    strong_breaks: frozenset[str]
    clause_words: frozenset[str]
    contrast_words: frozenset[str]
    relative_period_words: frozenset[str]
    base_prepositions: frozenset[str]
    relative_base_prepositions: frozenset[str]
    base_period_words: frozenset[str]
    linking_words: frozenset[str]
    share_of: frozenset[str]
    result_words: frozenset[str]
    expectation_verbs: frozenset[str]
    comparison_words: frozenset[str]
    passive_auxiliaries: frozenset[str]
    passive_agents: frozenset[str]
    source_nouns: frozenset[str]
    source_determiners: frozenset[str]
    speech_verbs: frozenset[str]
    place_prepositions: frozenset[str]
    person_titles: frozenset[str]
    change_from: frozenset[str]
    change_to: frozenset[str]
    conversion_opens: frozenset[str]
    name_connectors: frozenset[str]
    name_continuers: frozenset[str]
    name_possessives: frozenset[str]
    institution_words: frozenset[str]
    observer_words: frozenset[str]
    relative_pronouns: frozenset[str]
    address_verbs: frozenset[str]
    objectless_verbs: frozenset[str]
    statement_openers: frozenset[str]
    verb_coordinators: frozenset[str]
    name_only_prefixes: frozenset[str]
    quote_marks: frozenset[str]
    dashes: frozenset[str]
    determiners: frozenset[str]
    apposition_marks: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    language: str
    numbers: dict[str, Any]
    number_words: dict[str, float]
    scales: PhraseTable[float]
    scale_abbreviations: PhraseTable[float]
    fractions: dict[str, int]
    multiple_words: PhraseTable[float]
    multiple_suffixes: frozenset[str]
    multiple_blockers: frozenset[str]
    hedges_before: PhraseTable[str]
    hedges_after: PhraseTable[str]
    range_openers: dict[str, frozenset[str]]
    range_connectors: frozenset[str]
    change_cues: frozenset[str]
    range_heads: frozenset[str]
    comparison_heads: frozenset[str]
    comparison_joiners: frozenset[str]
    not_before_durations: frozenset[str]
    fraction_preceders: frozenset[str]
    fraction_followers: frozenset[str]
    ratio_joiners: PhraseTable[bool]
    quotient_joiners: PhraseTable[bool]
    negative_words: frozenset[str]
    currency_signs: PhraseTable[Currency]
    currency_names: PhraseTable[Currency]
    currency_codes: PhraseTable[Currency]
    currency_codes_lower: PhraseTable[Currency]
    word_codes: frozenset[str]
    dollar_contexts: dict[str, tuple[str, ...]]
    regional_names: PhraseTable[dict[str, tuple[str, ...]]]
    units_exact: PhraseTable[str]
    units_words: PhraseTable[str]
    age_markers: frozenset[str]
    age_prefixes: PhraseTable[bool]
    rate_joiners: PhraseTable[bool]
    time_rate_joiners: PhraseTable[bool]
    durations: frozenset[str]
    length_adjectives: frozenset[str]
    compound_tails: PhraseTable[str]
    percent: PhraseTable[bool]
    percent_before: PhraseTable[bool]
    percentage_points: PhraseTable[bool]
    basis_points: PhraseTable[bool]
    points_cues: tuple[str, ...]
    metrics: PhraseTable[str]
    sensitive_metrics: frozenset[str]
    metric_measures: dict[str, frozenset[str]]
    """The kinds of figure a metric can measure, for the metrics that cannot measure every kind."""
    unqualifying: frozenset[str]
    """Words before a metric cue that do not narrow the metric ('total revenue')."""
    adjusted_markers: PhraseTable[bool]
    """Words that make a figure an adjusted one ('excluding one-time items')."""
    per_unit_metrics: dict[str, frozenset[str]]
    """Per-unit metric -> the metrics a per-unit phrase right after the figure turns into it ('earned $1.23 a
    share' is earnings per share, not profit)."""
    modality: PhraseTable[str]
    direction: PhraseTable[str]
    attribution_prefixes: PhraseTable[bool]
    attribution_verbs: PhraseTable[bool]
    continuations: PhraseTable[bool]
    subject_stopwords: frozenset[str]
    subject_suffixes: frozenset[str]
    total_openers: PhraseTable[bool]
    part_markers: PhraseTable[bool]
    exhaustive_markers: PhraseTable[bool]
    unit_price_after: PhraseTable[bool]
    unit_price_before: PhraseTable[bool]
    multiple_bases: PhraseTable[bool]
    past_forecast: PhraseTable[bool]
    period_adjectives: PhraseTable[str]
    """Words naming the length of a figure's period ('quarterly'), to the granularity they name."""
    context_cues: TableGroup
    """metrics, direction, modality, attribution_verbs and attribution_prefixes, indexed together."""
    clauses: ClauseWords
    uncertainty: PhraseTable[bool]
    function_words: frozenset[str]
    """Words that are never what a number counts ('of', 'and', 'the')."""
    joiners: frozenset[str]
    bound_joiners: frozenset[str]
    indefinite_articles: frozenset[str]
    spaced_symbols: frozenset[str]
    amount_enders: frozenset[str]
    minor_amount_names: PhraseTable[Currency]
    """Names that are money only when a smaller unit's amount follows ('two pounds fifty')."""
    minor_steps: dict[str, tuple[float, ...]]
    """Each currency's named sub-units, largest first ('CNY': (0.1, 0.01))."""
    temperature_cues: frozenset[str]
    temperature_scales: dict[str, tuple[str, ...]]
    frequency_blockers: frozenset[str]
    not_alone_units: frozenset[str]
    """Unit and currency words that name nothing without a figure beside them ('won', 'foot', 'points')."""
    si_prefixes: tuple[str, ...]
    """Prefixes that make a word a unit name pint reads ('nano' in 'nanoseconds')."""


def _phrases(words: list[str]) -> PhraseTable[bool]:
    """A table that only says whether a phrase is there."""
    return PhraseTable(dict.fromkeys(words, True))


def _invert(groups: dict[str, list[str]]) -> dict[str, str]:
    return {cue: name for name, cues in groups.items() for cue in cues}


def _currencies(entries: dict[str, dict]) -> dict[str, Currency]:
    return {name: Currency(**entry) for name, entry in entries.items()}


def _currency_table(entries: dict[str, dict], **kwargs: Any) -> PhraseTable[Currency]:
    return PhraseTable(_currencies(entries), **kwargs)


def _cldr_currency_names(language: str) -> dict[str, Currency]:
    """Currency names in the language from Unicode CLDR ('Finnish markka', 'Swiss francs'), under the hand-written
    names of the lexicon. One-word names of X-codes are left out: they are metals ('gold', 'silver')."""
    from babel.numbers import get_currency_name, list_currencies

    names = {}
    for code in sorted(list_currencies()):
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale=language)
            if name != code and (" " in name or not code.startswith("X")):
                names[name.lower()] = Currency(code)
    return names


def _minor_steps(subunits: dict[str, dict]) -> dict[str, tuple[float, ...]]:
    steps: dict[str, set[float]] = {}
    for entry in subunits.values():
        if not entry.get("inferred"):
            steps.setdefault(entry["code"], set()).add(entry["factor"])
    return {code: tuple(sorted(factors, reverse=True)) for code, factors in steps.items()}


def _iso_codes(aliases: dict[str, str], scaled: dict[str, dict]) -> dict[str, Currency]:
    import iso4217

    codes = {member.code: Currency(member.code) for member in iso4217.Currency}
    codes.update({alias: Currency(code) for alias, code in aliases.items()})
    codes.update(_currencies(scaled))
    return codes


_CONTEXT_CUES = ("metrics", "direction", "modality", "attribution_verbs", "attribution_prefixes")


@cache
def lexicon_for(language: str) -> Lexicon:
    """The lexicon of a document's language; English until a folder rules/lexicons/<language>/ exists."""
    return lexicon(language if (rules_dir() / "lexicons" / language).is_dir() else "en")


@cache
def lexicon(language: str = "en") -> Lexicon:
    def part(name: str) -> Any:
        return load_yaml(f"lexicons/{language}/{name}.yml")

    numbers, hedges, money = part("numbers"), part("hedges"), part("money")
    units, metrics, context = part("units"), part("metrics"), part("context")
    structure = part("structure")
    iso = _iso_codes(money["code_aliases"], money["scaled_codes"])
    metrics = dict(metrics)
    sensitive = metrics.pop("sensitive")
    measures = metrics.pop("measures")
    per_unit = metrics.pop("per_unit")
    unqualifying = metrics.pop("unqualifying")
    adjusted_markers = metrics.pop("adjusted_markers")
    structure_tables: dict[str, Any] = {
        name: _phrases(words) for name, words in structure.items() if name != "period_adjectives"
    }
    tables: dict[str, Any] = dict(
        metrics=PhraseTable(_invert(metrics)),
        modality=PhraseTable(_invert(context["modality"])),
        direction=PhraseTable(_invert(context["direction"])),
        attribution_prefixes=_phrases(context["attribution"]["prefix"]),
        attribution_verbs=_phrases(context["attribution"]["verbs"]),
    )
    return Lexicon(
        **tables,
        context_cues=TableGroup(*(tables[name] for name in _CONTEXT_CUES)),
        clauses=ClauseWords(**{name: frozenset(words) for name, words in part("clauses").items()}),
        language=language,
        numbers=numbers,
        number_words={**numbers["units"], **numbers["tens"]},
        scales=PhraseTable(numbers["scales"]),
        scale_abbreviations=PhraseTable(numbers["scale_abbreviations"], case_sensitive=True),
        fractions=numbers["fraction_denominators"],
        multiple_words=PhraseTable(numbers["multiple_words"]),
        multiple_suffixes=frozenset(numbers["multiple_suffixes"]),
        multiple_blockers=frozenset(numbers["multiple_blockers"]),
        hedges_before=PhraseTable(hedges["before"]),
        hedges_after=PhraseTable(hedges["after"]),
        range_openers={k: frozenset(v) for k, v in hedges["range_openers"].items()},
        range_connectors=frozenset(hedges["range_connectors"]),
        change_cues=frozenset(hedges["change_cues"]),
        range_heads=frozenset(hedges["range_heads"]),
        comparison_heads=frozenset(hedges["comparison_heads"]),
        comparison_joiners=frozenset(hedges["comparison_joiners"]),
        not_before_durations=frozenset(hedges["not_before_durations"]),
        fraction_preceders=frozenset(numbers["fraction_preceders"]),
        fraction_followers=frozenset(numbers["fraction_followers"]),
        ratio_joiners=_phrases(numbers["ratio_joiners"]),
        quotient_joiners=_phrases(numbers["quotient_joiners"]),
        negative_words=frozenset(numbers["negative_words"]),
        currency_signs=_currency_table(money["signs"], case_sensitive=True),
        currency_names=PhraseTable(
            {**_cldr_currency_names(language), **_currencies(money["names"]), **_currencies(money["subunits"])}
        ),
        currency_codes=PhraseTable(iso, case_sensitive=True),
        currency_codes_lower=PhraseTable({c: iso[c.upper()] for c in money["lowercase_codes"]}),
        word_codes=frozenset(money["word_codes"]),
        dollar_contexts={k: tuple(v) for k, v in money["dollar_contexts"].items()},
        regional_names=PhraseTable({name: {code: tuple(cues) for code, cues in by_code.items()}
                                    for name, by_code in money["regional_names"].items()}),
        units_exact=PhraseTable(units["exact"], case_sensitive=True),
        units_words=PhraseTable(units["words"]),
        age_markers=frozenset(units["age_markers"]),
        age_prefixes=_phrases(units["age_prefixes"]),
        rate_joiners=_phrases(units["rate_joiners"]),
        time_rate_joiners=_phrases(units["time_rate_joiners"]),
        durations=frozenset(units["durations"]),
        length_adjectives=frozenset(units["length_adjectives"]),
        compound_tails=PhraseTable(units["compound_tails"]),
        percent=_phrases(units["percent"]),
        percent_before=_phrases(units["percent_before"]),
        percentage_points=_phrases(units["percentage_points"]),
        basis_points=_phrases(units["basis_points"]),
        points_cues=tuple(units["points_cues"]),
        sensitive_metrics=frozenset(sensitive),
        metric_measures={metric: frozenset(kinds) for metric, kinds in measures.items()},
        per_unit_metrics={metric: frozenset(refined) for metric, refined in per_unit.items()},
        unqualifying=frozenset(unqualifying),
        adjusted_markers=_phrases(adjusted_markers),
        continuations=_phrases(context["attribution"]["continuations"]),
        subject_stopwords=frozenset(context["subject_stopwords"]),
        subject_suffixes=frozenset(context["subject_suffixes"]),
        uncertainty=_phrases(units["uncertainty"]),
        function_words=frozenset(numbers["not_nouns"]),
        joiners=frozenset(numbers["joiners"]),
        bound_joiners=frozenset(numbers["bound_joiners"]),
        indefinite_articles=frozenset(numbers["indefinite_articles"]),
        spaced_symbols=frozenset(units["spaced_symbols"]),
        amount_enders=frozenset(money["amount_enders"]),
        minor_amount_names=_currency_table(money["minor_amount_names"]),
        minor_steps=_minor_steps(money["subunits"]),
        temperature_cues=frozenset(units["temperature_cues"]),
        temperature_scales={unit: tuple(names) for unit, names in units["temperature_scales"].items()},
        frequency_blockers=frozenset(numbers["frequency_blockers"]),
        not_alone_units=frozenset(units["not_alone_units"]),
        si_prefixes=tuple(units["si_prefixes"]),
        period_adjectives=PhraseTable(_invert(structure["period_adjectives"])),
        **structure_tables,
    )
