"""Reading articles: decode, find metadata, and build the analysable view with offsets kept intact.

The view has the same length as the original text. Markup and news artefacts (citation markers, section
labels, URLs, product codes, the dateline) are blanked to spaces and HTML entities are decoded in place, so
every offset found in the view is an offset into the original file.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from datetime import date, datetime
from html.parser import HTMLParser
from html import unescape
from pathlib import Path

import yaml

from . import segment
from .errors import InputError
from .models import DateSource, Document, DocumentFormat, MaskedRange, MaskReason, Span
from .patterns import alternation, word_start
from .resources import load_yaml, read_yaml

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
ARTICLE_SUFFIXES = MARKDOWN_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES
PROJECT_FILES = frozenset({"README", "CHANGELOG", "CHANGES", "CONTRIBUTING", "LICENSE", "LICENCE", "AUTHORS",
                           "CODE_OF_CONDUCT", "SECURITY", "NOTICE", "HISTORY"})

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_DIRECTIVE = re.compile(r"<!--\s*factcheck:.*?-->", re.I | re.S)
_CITATION_MARK = r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]"
# One mark, then any more: opening with the literal "[" lets the regex engine skip to each bracket.
_CITATION = re.compile(rf"{_CITATION_MARK}(?:{_CITATION_MARK})*")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+")
_MARKDOWN_LINK = re.compile(r"(!?\[)([^\]\n]*)(\]\([^)\s]*(?:\s+\"[^\"\n]*\")?\))")
_MARKDOWN_INLINE = re.compile(r"`[^`\n]*`|(?<![\w*])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*])|<!--.*?-->"
                              r"|</?[A-Za-z][^<>\n]{0,200}>|\[\^[^\]\s]{1,20}\]:?",
                              re.DOTALL)
_MARKDOWN_LINE_MARKERS = re.compile(
    r"(?m)^[ \t]*(?:#{1,6}[ \t]+(?:\d{1,3}(?:\.\d{1,3})*[.)]?[ \t]+)?|>[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+|\|)")
_MARKDOWN_FENCE = re.compile(r"(?ms)^[ \t]{0,3}(```|~~~).*?(?:^[ \t]{0,3}\1[^\n]*$|\Z)")
_TABLE_PIPE = re.compile(r"\|")
_TABLE_RULE = re.compile(r"(?m)^[ \t]*\|?[ \t:-]*-{3,}[ \t:|-]*$")
# Codes such as H200, A100, F-35, G20, 5G, 28nm name products or process nodes; Q3, H1 and FY2024 are periods.
_PRODUCT_CODE = re.compile(
    r"(?=[A-Z\d])(?:(?<!\d\s)(?<![\d.])\b(?!(?:Q[1-4]|H[12]|FY\d{2,4}|[1-4]Q\d{0,4}|[12]H\d{0,4})\b)"
    r"([A-Z][A-Za-z]{0,4})-?\d+[A-Za-z]*\b|\b\d{1,3}(?:nm|G)\b)"
)
_DATELINE_DATE = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{4}年\d{1,2}月\d{1,2}日(?:\s*\d{1,2}:\d{2})?"
    r"|\d{4}/\d{1,2}/\d{1,2}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}(?:,? \d{1,2}:\d{2}(?: ?[AaPp]\.?[Mm]\.?)?)?"
    r"|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{4}"
)
_DATELINE_LINES = 4
# Spelled out rather than \d{4}: a pattern that opens with one digit lets the regex engine skip to the next.
_FOUR_DIGITS = re.compile(r"\d\d\d\d")
_DATELINE_PREFIX = 60
_LONGEST_DATE = 40
_FIGURE_LOOKBACK = 24
_DATELINE_TRAILERS = " \t.,;:()[]_*|·"
_DATELINE_DASHES = frozenset("—–-|:")
_AGENCY = re.compile(r"\A\([^()\n]{1,40}\)\s*")
"""'(Reuters)' between a dateline's date and its dash."""
# No label, code or furniture pattern matches these characters or looks ahead at them, and none is a word
# character (for \b): a match never crosses one, and a scan that stops at one finds what a whole-view scan finds.
_LABEL_CUTS = re.escape("\"“”‘’%$€£¥;!?—…*#@|<>=[]{}~")
_NEXT_CUT = re.compile(f"[{_LABEL_CUTS}]")
_LAST_CUT = re.compile(f"(?s:.*)[{_LABEL_CUTS}]")
"""Matched up to a position, the greedy run backs off from there to the last cut before it."""


@dataclass
class _View:
    """A mutable same-length copy of the text, blanked piece by piece, and the record of what was masked.

    Most articles have little to blank and the view is read several times: the characters are copied into a list
    only at the first change, and joined again only when read after one."""

    text: str
    masked: list[MaskedRange] = field(default_factory=list)
    chars: list[str] | None = field(default=None, init=False)
    rendered: str | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.chars = None  # compiled by mypyc, a dataclass leaves its init=False fields unset
        self.rendered = self.text

    def blank(self, start: int, end: int, reason: MaskReason) -> None:
        chars = self._editable()
        chars[start:end] = [char if char in "\n\r" else " " for char in chars[start:end]]
        self.masked.append(MaskedRange(start=start, end=end, reason=reason))

    def put(self, index: int, value: str) -> None:
        self._editable()[index] = value

    def render(self) -> str:
        if self.rendered is None:
            self.rendered = "".join(self._editable())
        return self.rendered

    def _editable(self) -> list[str]:
        if self.chars is None:
            self.chars = list(self.text)
        self.rendered = None
        return self.chars


def read_bytes(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; refuse binary input."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode(data, "utf-16", name)
    else:
        text = _decode(data, "utf-8-sig", name)
    if "\x00" in text:
        raise InputError(f"{name}: binary file (contains NUL bytes), not an article")
    return text


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        label = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise InputError(f"{name}: cannot decode as {label} at byte {error.start}") from None


def load(path: str | Path, *, published: date | None = None, document_id: str | None = None) -> Document:
    """Read one article file into a Document."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; use iter_paths() or pass its files") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    text = read_bytes(data, str(path))
    return build(text, path=str(path), fmt=format_of(path), published=published, document_id=document_id)


def format_of(path: Path) -> DocumentFormat:
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


_FORMATS: dict[str, DocumentFormat] = {"text": "text", "markdown": "markdown", "html": "html"}


def _known_format(fmt: str, name: str) -> DocumentFormat:
    if fmt not in _FORMATS:
        raise InputError(f"{name}: unknown format {fmt!r} (text, markdown or html)")
    return _FORMATS[fmt]


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and article files found recursively in folders, in a stable order.

    In folders, hidden entries and project files (README, CHANGELOG, LICENSE, ...) are not articles."""
    for item in paths:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if _is_article(p, path))
        else:
            yield path


def _is_article(path: Path, root: Path) -> bool:
    return (path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES
            and path.stem.upper() not in PROJECT_FILES
            and not any(part.startswith(".") for part in path.relative_to(root).parts))


def from_text(text: str | bytes, *, fmt: str = "text", published: date | None = None,
              document_id: str = "text", path: str | None = None) -> Document:
    """A Document from a string or bytes given through the API."""
    if isinstance(text, bytes):
        text = read_bytes(text, path or document_id)
    return build(text, path=path, fmt=fmt, published=published, document_id=document_id)


def build(text: str, *, path: str | None, fmt: str, published: date | None, document_id: str | None) -> Document:
    known_format = _known_format(fmt, path or document_id or "text")
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError(f"{path or document_id or 'text'}: not valid Unicode text (unpaired surrogate at "
                         f"character {error.start})") from None
    view = _View(text)
    meta = _front_matter(text, view, path or document_id or "text") if fmt in ("markdown", "text") else {}
    links: list[MaskedRange] = []
    html_meta: dict[str, str] = {}
    if fmt == "html":
        links, html_meta = _mask_html(text, view)
    elif fmt == "markdown":
        links = _mask_markdown(text, view)
    citations = _mask_news_artefacts(text, view, links)
    found_date, date_source = _publication_date(meta, html_meta, text, view, published)
    rendered = view.render()
    paragraphs, sentences = segment.split(rendered)
    return Document(
        id=str(meta.get("id") or document_id or (Path(path).stem if path else "text")),
        path=path,
        format=known_format,
        text=text,
        view=rendered,
        title=_as_text(meta.get("title")) or html_meta.get("title") or _first_line(rendered),
        published=found_date,
        published_source=date_source,
        source=_as_text(meta.get("source")) or html_meta.get("source"),
        url=_as_text(meta.get("url")) or html_meta.get("url"),
        language=str(meta.get("language") or meta.get("lang") or html_meta.get("language") or "en"),
        content_hash=hashlib.sha256(encoded).hexdigest(),
        paragraphs=paragraphs,
        sentences=sentences,
        masked=tuple(sorted(view.masked, key=lambda m: (m.start, m.end))),
        citations=citations,
        links=tuple(links),
    )


def _as_text(value: object) -> str | None:
    return None if value is None else str(value)


def _first_line(view: str) -> str | None:
    for line in view.splitlines():
        if line.strip():
            return line.strip()[:200]
    return None


# -- front matter and dates -------------------------------------------------------------------------------

def _front_matter(text: str, view: _View, name: str) -> dict:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}
    try:
        meta = read_yaml(match.group(1)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 2}" if mark is not None else ""
        raise InputError(f"{name}: invalid YAML front matter{where}") from None
    except ValueError as error:
        raise InputError(f"{name}: invalid value in front matter ({error})") from None
    if not isinstance(meta, dict):
        raise InputError(f"{name}: front matter must be a mapping of keys to values")
    view.blank(match.start(), match.end(), "front_matter")
    return meta


def _publication_date(meta: dict, html_meta: dict[str, str], text: str, view: _View,
                      given: date | None) -> tuple[date | None, DateSource]:
    dateline = _dateline(view)
    for value, source in ((meta.get("published", meta.get("date")), DateSource.front_matter),
                          (html_meta.get("published"), DateSource.metadata)):
        parsed = _coerce_date(value) if value else None
        if parsed is not None:
            return parsed, source
    if dateline is not None:
        return dateline, DateSource.dateline
    if given is not None:
        return given, DateSource.argument
    return None, DateSource.none


def _coerce_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    from .dates import parse_date

    return parse_date(str(value))


def _dateline(view: _View) -> date | None:
    """The date of a dateline in the first lines ('Sou Hu Cai Jing·2025-11-24 01:28', 'Reuters · Nov 24, 2025',
    'LONDON, 3 March 2025 — ...'), masked so its digits never become claims. A date later in a body sentence
    is a figure's date, not the dateline."""
    from .dates import parse_date

    rendered = view.render()
    for start, line in _head_lines(rendered):
        for match in _head_dates(line):
            if not _dateline_position(line, match):
                continue
            found = parse_date(match.group())
            if found is not None:
                view.blank(start + match.start(), start + match.end(), "dateline")
                return found
    return None


def _head_dates(line: str) -> Iterable[re.Match[str]]:
    """A dateline's date starts within the line's first characters: the rest of a long line is not searched.
    Every date form holds a four-digit year; most lines have none there, and a scan for one rules them out far
    faster than trying each date form at every position."""
    if _FOUR_DIGITS.search(line, 0, _DATELINE_PREFIX + _LONGEST_DATE) is None:
        return ()
    return _DATELINE_DATE.finditer(line, 0, _DATELINE_PREFIX + _LONGEST_DATE)


def _head_lines(rendered: str) -> Iterator[tuple[int, str]]:
    """The first non-blank lines with their offsets, read without splitting the whole text."""
    seen, offset = 0, 0
    while offset < len(rendered) and seen < _DATELINE_LINES:
        end = rendered.find("\n", offset)
        end = len(rendered) if end == -1 else end + 1
        line = rendered[offset:end]
        if line.strip():
            yield offset, line
            seen += 1
        offset = end


def _dateline_position(line: str, match: re.Match[str]) -> bool:
    """A dateline's date closes its line ('Reuters · Nov 24, 2025') or opens the story ('PARIS, 6 March 2025 —',
    'NEW YORK, March 4, 2026 (Reuters) -')."""
    if match.start() > _DATELINE_PREFIX:
        return False
    rest = _AGENCY.sub("", line[match.end():].strip(), count=1)
    return not rest.strip(_DATELINE_TRAILERS) or rest[:1] in _DATELINE_DASHES


# -- masking ----------------------------------------------------------------------------------------------

def _mask_news_artefacts(text: str, view: _View, links: list[MaskedRange]) -> tuple[Span, ...]:
    rendered = view.render()
    citations = []
    for match in _CITATION.finditer(rendered):
        view.blank(match.start(), match.end(), "citation")
        citations.append(Span(start=match.start(), end=match.end()))
    for match in _DIRECTIVE.finditer(rendered):
        view.blank(match.start(), match.end(), "markup")
    for match in _urls(rendered):
        view.blank(match.start(), match.end(), "url")
        links.append(MaskedRange(start=match.start(), end=match.end(), reason="url"))
    _mask_labels(view)
    return tuple(citations)


def _urls(rendered: str) -> Iterable[re.Match[str]]:
    """Every URL opens with "http" or "www."; most views hold neither, and a substring test rules that out far
    faster than the regex engine stepping through every position."""
    if "http" not in rendered and "www." not in rendered:
        return ()
    return _URL.finditer(rendered)


def _mask_labels(view: _View) -> None:
    rendered = view.render()
    for start, end in _label_pieces(rendered):
        for reason, pattern in _label_patterns():
            for match in pattern.finditer(rendered, start, end):
                if reason == "product_code" and (_after_a_figure(rendered, match.start())
                                                 or match.group(1) in _currency_codes()):
                    continue
                view.blank(match.start(), match.end(), "section_label" if reason == "section_label" else "furniture")


def _label_pieces(rendered: str) -> Iterator[tuple[int, int]]:
    """The stretches between two cuts that hold a cue. Every label, code or furniture match lies inside one, so
    the patterns scan a few short stretches instead of every position of the view, where each pattern costs
    tens of milliseconds per megabyte even when nothing matches."""
    end = 0
    for cue in _label_cue().finditer(rendered):
        if cue.start() < end:
            continue
        # The stretch before ended at a cut: the search back for this one's start stops there.
        last_cut = _LAST_CUT.match(rendered, end, cue.start())
        next_cut = _NEXT_CUT.search(rendered, cue.end())
        start, end = last_cut.end() if last_cut else 0, next_cut.start() if next_cut else len(rendered)
        yield start, end


@cache
def _label_cue() -> re.Pattern[str]:
    """The first digit of a run that a label, code or furniture match may hold; every match holds one. Each
    pattern of _label_patterns has its cue here (page and copyright are the furniture words): a new one needs
    its own."""
    text_lexicon = load_yaml("lexicons/en/text.yml")
    words = [*text_lexicon["section_labels"], *text_lexicon["name_prefixes"], "page", "copyright"]
    return re.compile(
        r"\d(?<!\d\d)(?:"
        # After a gap: a label or name before it (Table 3, Model 3), a longer gap, F-35, (c) 2024.
        rf"(?<=[\s-]\d)(?:{_after_word_cue(words)}|(?<=[\s-][\s-]\d)|(?<=[^\W\d_]-\d)|(?<=[©)][\s-]\d))"
        # Glued to letters or a sign: H200, copyright2025, ©2025, (c)2025, +44, (202) 555.
        r"|(?<=[^\W\d_]\d)|(?<=[©)+]\d)|(?<=\(\d)(?=\d{1,3}\))"
        # The shape of a code, a quarter, a phone number or a time: 28nm, 5G, 3Q, 2H, 555 0143, 9 a.m.
        r"|(?=\d{0,2}(?:nm|G)|[QH]|\d{2,3}[\s.-]\d{3}|(?i:\d?(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am|pm))))"
    )


def _after_word_cue(words: list[str]) -> str:
    """After one of the words (the last of a phrase) and a one-character gap, in any case. Look-behinds are
    fixed-width, so there is one per word length, behind a test of the last two letters that turns away almost
    every other word at once."""
    last_words = {word.split()[-1] for word in words}
    by_length = defaultdict(set)
    for word in last_words:
        by_length[len(word)].add(word)
    exact = "|".join(rf"(?<=\b{alternation(same_length)}[\s-]\d)" for same_length in by_length.values())
    return rf"(?i:(?<={alternation({word[-2:] for word in last_words})}[\s-]\d)(?:{exact}))"


@cache
def _label_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Section labels, named numbers ('Model 3'), product codes and page furniture, compiled once."""
    text_lexicon = load_yaml("lexicons/en/text.yml")
    labels, names = word_start(text_lexicon["section_labels"]), word_start(text_lexicon["name_prefixes"])
    return (
        ("section_label", re.compile(rf"(?i){labels}\s+\d+[A-Za-z]?\s*[:.)]")),
        ("name", re.compile(rf"(?i){names}[\s-]+\d+[A-Za-z]*\b")),
        ("product_code", _PRODUCT_CODE),
        *(("furniture", re.compile(entry["pattern"])) for entry in text_lexicon["furniture_patterns"]),
    )


@cache
def _currency_codes() -> frozenset[str]:
    """Letters that, glued to digits, make an amount ('EUR1.2bn', 'RMB500', 'SFr2.6bn'), not a product code."""
    import iso4217

    money = load_yaml("lexicons/en/money.yml")
    letter_signs = {sign.rstrip(".") for sign in money["signs"] if sign.rstrip(".").isalpha()}
    return frozenset(member.code for member in iso4217.Currency) | frozenset(money["code_aliases"]) | letter_signs


def _after_a_figure(rendered: str, start: int) -> bool:
    """'5 GW-7 GW', '5 million EUR-7 million EUR': a unit or currency after a figure, not a product code."""
    before = rendered[max(0, start - _FIGURE_LOOKBACK):start].rstrip()
    if before[-1:].isdigit():
        return True
    last_word = before.rsplit(None, 1)[-1].lower() if before.split() else ""
    return last_word in _scale_words()


@cache
def _scale_words() -> frozenset[str]:
    numbers = load_yaml("lexicons/en/numbers.yml")
    return frozenset(numbers["scales"]) | frozenset(word.lower() for word in numbers["scale_abbreviations"])


def _mask_markdown(text: str, view: _View) -> list[MaskedRange]:
    rendered = view.render()
    links: list[MaskedRange] = []
    for match in _MARKDOWN_FENCE.finditer(rendered):
        view.blank(match.start(), match.end(), "code")
    rendered = view.render()
    for match in _MARKDOWN_LINK.finditer(rendered):
        if match.group(1) == "![":
            view.blank(match.start(), match.end(), "markup")
            continue
        view.blank(match.start(1), match.end(1), "markup")
        view.blank(match.start(3), match.end(3), "markup")
        links.append(MaskedRange(start=match.start(2), end=match.end(2), reason="markup"))
    rendered = view.render()
    for pattern in (_MARKDOWN_LINE_MARKERS, _TABLE_RULE, _MARKDOWN_INLINE, _TABLE_PIPE):
        for match in pattern.finditer(rendered):
            view.blank(match.start(), match.end(), "markup")
    return links


class _HtmlVisibleText(HTMLParser):
    """Copies visible text into the view at its own offsets; tags, scripts and styles stay blank."""

    _BLOCK = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
                        "table", "section", "article", "header", "footer", "blockquote", "hr", "dd", "dt",
                        "figcaption", "title", "main", "aside", "nav", "pre"})
    _HIDDEN = frozenset({"script", "style", "head", "noscript", "template", "svg"})

    def __init__(self, text: str, view: _View) -> None:
        super().__init__(convert_charrefs=False)
        self.text, self.view = text, view
        self.line_starts = segment.line_starts(text)
        self.hidden = 0
        self.links: list[MaskedRange] = []
        self.meta: dict[str, str] = {}
        self._anchor_start: int | None = None
        self._title: list[str] = []
        self._in_title = False

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag_event(tag)
        if tag in self._HIDDEN and tag != "head":
            self.hidden += 1
        if tag == "title":
            self._in_title = True
        if tag == "a":
            self._anchor_start = self._tag_end()
        if tag == "meta":
            self._read_meta(dict(attrs))
        if tag == "time" and "published" not in self.meta:
            stamp = dict(attrs).get("datetime")
            if stamp:
                self.meta["published"] = stamp
        if tag == "html" and dict(attrs).get("lang"):
            self.meta["language"] = str(dict(attrs)["lang"]).split("-")[0]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag_event(tag)
        if tag == "meta":
            self._read_meta(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        start = self.position()
        self._tag_event(tag)
        if tag in self._HIDDEN and tag != "head" and self.hidden:
            self.hidden -= 1
        if tag == "title":
            self._in_title = False
            self.meta.setdefault("title", " ".join("".join(self._title).split()))
        if tag == "a" and self._anchor_start is not None:
            self.links.append(MaskedRange(start=self._anchor_start, end=start, reason="markup"))
            self._anchor_start = None

    def _read_meta(self, attrs: dict[str, str | None]) -> None:
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        content = attrs.get("content")
        if not content:
            return
        if key in ("article:published_time", "date", "pubdate", "publish-date", "dc.date", "og:published_time"):
            self.meta.setdefault("published", content)
        elif key in ("og:site_name", "author", "article:publisher"):
            self.meta.setdefault("source", content)
        elif key == "og:url":
            self.meta.setdefault("url", content)

    def _tag_end(self) -> int:
        raw = self.get_starttag_text() or ""
        return self.position() + len(raw)

    def _tag_event(self, tag: str) -> None:
        start = self.position()
        end = self.text.find(">", start) + 1 or len(self.text)
        self.view.blank(start, end, "markup")
        if tag in self._BLOCK and end - start >= 2:
            self.view.put(start, "\n")
            self.view.put(start + 1, "\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        if self.hidden or self._in_title:
            start = self.position()
            self.view.blank(start, start + len(data), "markup")

    def handle_entityref(self, name: str) -> None:
        self._entity(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._entity(f"&#{name};")

    def _entity(self, raw: str) -> None:
        start = self.position()
        length = len(raw) if self.text.startswith(raw, start) else len(raw) - 1
        decoded = unescape(self.text[start:start + length])
        self.view.blank(start, start + length, "markup")
        if not self.hidden and len(decoded) == 1:
            self.view.put(start, " " if decoded in "\u00a0\u202f\u2009" else decoded)

    def handle_comment(self, data: str) -> None:
        start = self.position()
        self.view.blank(start, start + len(data) + 7, "markup")

    def handle_decl(self, decl: str) -> None:
        start = self.position()
        self.view.blank(start, start + len(decl) + 3, "markup")

    def handle_pi(self, data: str) -> None:
        start = self.position()
        self.view.blank(start, start + len(data) + 3, "markup")


def _mask_html(text: str, view: _View) -> tuple[list[MaskedRange], dict[str, str]]:
    parser = _HtmlVisibleText(text, view)
    parser.feed(text)
    parser.close()
    return parser.links, parser.meta
