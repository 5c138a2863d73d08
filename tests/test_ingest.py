"""Reading articles: formats, metadata, publication dates, masking, segmentation, decoding and ids.

Every generated input lives in pytest's tmp_path or in a string; nothing here writes into the repository.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import factcheck
from factcheck import InputError, extract, from_text, load
from factcheck.ingest import iter_paths
from factcheck.models import DateSource
from factcheck.runner import extract_paths

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PUBLISHED = dt.date(2025, 11, 1)


# -- helpers ----------------------------------------------------------------------------------------------

def _claims(text: str | bytes, fmt: str = "text", **kwargs):
    document = from_text(text, fmt=fmt, **kwargs)
    return document, extract(document)


def _assert_offsets(document, claims) -> None:
    """The view keeps every offset, and each claim's text is the original slice."""
    assert len(document.view) == len(document.text)
    for index, char in enumerate(document.text):
        if char in "\r\n":
            assert document.view[index] == char, f"line break at {index} not kept in view"
    for claim in claims:
        assert claim.text == document.text[claim.start:claim.end]
        assert claim.sentence.start <= claim.start and claim.end <= claim.sentence.end
        assert claim.paragraph.start <= claim.sentence.start and claim.sentence.end <= claim.paragraph.end


def _span(text: str, fragment: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(fragment, start + 1)
    return start, start + len(fragment)


def _overlapping(claims, start: int, end: int) -> list:
    return [claim for claim in claims if claim.start < end and start < claim.end]


def _assert_not_claimed(document, claims, fragment: str) -> None:
    start, end = _span(document.text, fragment)
    hits = _overlapping(claims, start, end)
    assert hits == [], f"{fragment!r} produced claims {[c.text for c in hits]}"


def _claim_texts(claims) -> list[str]:
    return [claim.text for claim in claims]


# -- input formats ----------------------------------------------------------------------------------------

def test_txt_file_is_read_as_text(tmp_path):
    path = tmp_path / "acme-results.txt"
    path.write_text("Acme results\n\nRevenue rose 12% to $4.2 billion.\n", encoding="utf-8")
    document = load(path)
    assert document.format == "text"
    assert document.id == "acme-results"
    assert document.path == str(path)
    assert document.text == path.read_text(encoding="utf-8")
    assert document.title == "Acme results"
    claims = extract(document)
    _assert_offsets(document, claims)
    assert _claim_texts(claims) == ["12%", "$4.2 billion"]
    money = claims[1].quantity
    assert money.value == pytest.approx(4.2e9) and money.currency == "USD"


@pytest.mark.parametrize(("name", "fmt"), [
    ("a.txt", "text"), ("a.md", "markdown"), ("a.markdown", "markdown"), ("a.MD", "markdown"),
    ("a.html", "html"), ("a.htm", "html"), ("a.HTML", "html"),
])
def test_format_follows_suffix(tmp_path, name, fmt):
    path = tmp_path / name
    path.write_text("Revenue rose 12%.\n", encoding="utf-8")
    document = load(path)
    assert document.format == fmt
    assert document.id == "a"
    assert _claim_texts(extract(document)) == ["12%"]


MARKDOWN_WITH_FRONT_MATTER = """\
---
id: nordwind-2025-q3
title: Nordwind reports third quarter
published: 2025-10-30
source: Example Wire 24
url: https://example.com/news/2025/10/30/nordwind-77
language: en
---
# Nordwind reports third quarter

Nordwind said revenue rose 12% to $4.2 billion.
"""


def test_markdown_front_matter_is_read_and_blanked():
    document, claims = _claims(MARKDOWN_WITH_FRONT_MATTER, fmt="markdown")
    assert document.id == "nordwind-2025-q3"
    assert document.title == "Nordwind reports third quarter"
    assert document.published == dt.date(2025, 10, 30)
    assert document.published_source is DateSource.front_matter
    assert document.source == "Example Wire 24"
    assert document.url == "https://example.com/news/2025/10/30/nordwind-77"
    assert document.language == "en"
    _assert_offsets(document, claims)
    front_matter_end = document.text.index("# Nordwind")
    assert document.view[:front_matter_end].strip() == ""
    assert any(m.reason == "front_matter" and m.start == 0 for m in document.masked)
    assert all(claim.start >= front_matter_end for claim in claims)
    assert _claim_texts(claims) == ["12%", "$4.2 billion"]


def test_markdown_file_with_front_matter_on_disk(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(MARKDOWN_WITH_FRONT_MATTER, encoding="utf-8")
    document = load(path)
    assert document.format == "markdown"
    assert document.id == "nordwind-2025-q3"
    assert document.published == dt.date(2025, 10, 30)


def test_front_matter_language_and_lang_alias():
    document = from_text("---\nlang: de\n---\nText.\n", fmt="markdown")
    assert document.language == "de"


HTML_ARTICLE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<title>Volta plans 2026 plant 99</title>
<meta name="date" content="2025-09-12">
<meta property="og:site_name" content="Example Wire">
<style>p { margin: 300px; } .x:after { content: "55%"; }</style>
<script>var ignored = 12345; // 77% of nothing</script>
</head>
<body>
<!-- edited 42 times, 88% done -->
<h1>Volta builds a plant</h1>
<p><strong>&#36;3.1 billion</strong></p>
<p>Volta will hire 2,500&nbsp;workers &amp; raise output by 25%.</p>
<noscript>Enable 64 scripts</noscript>
</body>
</html>
"""


def test_html_visible_text_only_with_offsets_into_the_original():
    document, claims = _claims(HTML_ARTICLE, fmt="html")
    assert document.format == "html"
    _assert_offsets(document, claims)
    assert _claim_texts(claims) == ["&#36;3.1 billion", "2,500", "25%"]
    money = claims[0]
    assert document.text[money.start:money.end] == "&#36;3.1 billion"
    assert money.quantity.value == pytest.approx(3.1e9)
    assert money.quantity.currency == "USD"
    assert money.quantity.kind.value == "money"
    for hidden in ("99", "300px", "55%", "12345", "77%", "42 times", "88%", "64"):
        start, end = _span(document.text, hidden)
        assert document.view[start:end].strip() == "", hidden
    # the entity is decoded in place in the view
    assert "$" in document.view[money.start:money.end]
    assert "<" not in document.view and ">" not in document.view
    assert document.published == dt.date(2025, 9, 12)
    assert document.published_source is DateSource.metadata
    assert document.title == "Volta plans 2026 plant 99"
    assert document.source == "Example Wire"


def test_html_minimal_strong_dollar_entity():
    original = "<p><strong>&#36;3.1 billion</strong></p>"
    document, claims = _claims(original, fmt="html")
    assert len(document.view) == len(original)
    assert len(claims) == 1
    claim = claims[0]
    assert claim.text == original[claim.start:claim.end] == "&#36;3.1 billion"
    assert claim.quantity.value == pytest.approx(3.1e9)
    assert claim.quantity.currency == "USD"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_html_offsets_survive_line_endings_and_uppercase_tags(newline):
    original = newline.join([
        "<HTML><BODY>",
        "<P>Output reached 40&nbsp;GWh &mdash; up 25%.<BR/>",
        "Sales hit &euro;2 billion.</P>",
        "</BODY></HTML>",
    ])
    document, claims = _claims(original, fmt="html")
    _assert_offsets(document, claims)
    assert "25%" in _claim_texts(claims)
    euro = [c for c in claims if c.quantity.currency == "EUR"]
    assert [c.text for c in euro] == ["&euro;2 billion"]
    assert euro[0].quantity.value == pytest.approx(2e9)


def test_html_time_tag_gives_metadata_date():
    document = from_text('<p>By X <time datetime="2025-07-01T10:00">July 1</time></p><p>Sales rose 5%.</p>',
                         fmt="html")
    assert document.published == dt.date(2025, 7, 1)
    assert document.published_source is DateSource.metadata


def test_from_text_accepts_str_and_bytes_alike():
    text = "Acme results\n\nRevenue rose 12% to $4.2 billion.\n"
    from_str = from_text(text)
    from_bytes = from_text(text.encode("utf-8"))
    assert from_str.text == from_bytes.text == text
    assert from_str.view == from_bytes.view
    assert from_str.id == from_bytes.id == "text"
    assert _claim_texts(extract(from_str)) == _claim_texts(extract(from_bytes)) == ["12%", "$4.2 billion"]
    assert _claim_texts(factcheck.extract(text)) == ["12%", "$4.2 billion"]
    assert _claim_texts(factcheck.extract(text.encode("utf-8"))) == ["12%", "$4.2 billion"]


def test_from_text_markdown_and_html_formats():
    assert from_text("# Title\n\nText.", fmt="markdown").format == "markdown"
    assert from_text("<p>Text.</p>", fmt="html").format == "html"
    assert from_text("Text.", document_id="mine").id == "mine"


def test_from_text_refuses_an_unknown_format_by_name():
    with pytest.raises(InputError, match=r"^draft: unknown format 'pdf' \(text, markdown or html\)$"):
        from_text("Text.", fmt="pdf", document_id="draft")


# -- directories ------------------------------------------------------------------------------------------

def _touch(path: Path, text: str = "Revenue rose 12%.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_iter_paths_recurses_sorted_article_suffixes_only(tmp_path):
    root = tmp_path / "corpus"
    expected = [
        _touch(root / "a.txt"),
        _touch(root / "b" / "deep" / "c.htm"),
        _touch(root / "b" / "x.md"),
        _touch(root / "b" / "y.markdown"),
        _touch(root / "z.html"),
    ]
    for ignored in ("notes.rst", "data.json", "gold.yml", "b/image.png", "README"):
        _touch(root / ignored)
    _touch(root / ".hidden" / "secret.txt")
    _touch(root / "b" / ".git" / "objects" / "o.txt")
    _touch(root / ".dotfile.md")
    found = list(iter_paths([root]))
    assert found == expected
    assert found == sorted(found)


def test_iter_paths_keeps_argument_order_and_passes_files_through(tmp_path):
    second = _touch(tmp_path / "dir" / "b.txt")
    first = _touch(tmp_path / "dir" / "a.txt")
    direct = _touch(tmp_path / "z-named-directly.bin")
    assert list(iter_paths([direct, tmp_path / "dir"])) == [direct, first, second]
    assert list(iter_paths([str(second), str(first)])) == [second, first]


def test_iter_paths_root_inside_hidden_folder_is_still_read(tmp_path):
    root = tmp_path / ".cache" / "articles"
    article = _touch(root / "a.txt")
    assert list(iter_paths([root])) == [article]


# -- publication date -------------------------------------------------------------------------------------

DATELINES = [
    ("Sou Hu Cai Jing·2025-11-24 01:28", dt.date(2025, 11, 24)),
    ("Nov 24, 2025", dt.date(2025, 11, 24)),
    ("24 November 2025", dt.date(2025, 11, 24)),
    ("2025年11月24日", dt.date(2025, 11, 24)),
    ("Reuters · Jul 8, 2025", dt.date(2025, 7, 8)),
    ("NEW YORK, March 4, 2026 (Reuters) - Stores beat estimates.", dt.date(2026, 3, 4)),
]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize(("dateline", "expected"), DATELINES)
def test_dateline_gives_the_date_and_is_not_claimed(dateline, expected, fmt):
    text = f"Chip exports climb\n{dateline}\n\nRevenue rose 12% to $4.2 billion.\n"
    document, claims = _claims(text, fmt=fmt)
    assert document.published == expected
    assert document.published_source is DateSource.dateline
    line_start, line_end = _span(text, dateline)
    assert _overlapping(claims, line_start, line_end) == []
    assert any(m.reason == "dateline" and line_start <= m.start < m.end <= line_end for m in document.masked)
    assert _claim_texts(claims) == ["12%", "$4.2 billion"]
    _assert_offsets(document, claims)


def test_dateline_wins_over_the_published_argument():
    document = from_text("Headline\nNov 24, 2025\n\nSales rose 3%.\n", published=dt.date(2024, 1, 1))
    assert document.published == dt.date(2025, 11, 24)
    assert document.published_source is DateSource.dateline


def test_front_matter_date_wins_over_dateline_and_argument():
    text = "---\npublished: 2025-01-02\n---\nHeadline\nNov 24, 2025\n\nSales rose 3%.\n"
    document = from_text(text, fmt="markdown", published=dt.date(2024, 1, 1))
    assert document.published == dt.date(2025, 1, 2)
    assert document.published_source is DateSource.front_matter


@pytest.mark.parametrize("value", ["2025-03-04", "2025-03-04T10:00:00", '"March 4, 2025"', '"2025-03-04"',
                                   "'4 March 2025'"])
def test_front_matter_published_as_date_datetime_or_string(value):
    document = from_text(f"---\npublished: {value}\n---\nSales rose 3%.\n", fmt="markdown")
    assert document.published == dt.date(2025, 3, 4)
    assert document.published_source is DateSource.front_matter


def test_front_matter_date_alias_and_front_matter_in_plain_text():
    document = from_text("---\nid: t1\ndate: 2025-03-04\n---\nSales rose 3%.\n", fmt="text")
    assert document.id == "t1"
    assert document.published == dt.date(2025, 3, 4)
    assert document.published_source is DateSource.front_matter
    assert _claim_texts(extract(document)) == ["3%"]


def test_published_argument_is_used_when_the_article_has_no_date():
    document = from_text("Acme results\n\nSales rose 3%.\n", published=dt.date(2025, 5, 6))
    assert document.published == dt.date(2025, 5, 6)
    assert document.published_source is DateSource.argument


def test_no_date_at_all():
    document = from_text("Acme results\n\nSales rose 3%.\n")
    assert document.published is None
    assert document.published_source is DateSource.none


@pytest.mark.parametrize(("dateline", "expected"), [
    DATELINES[0],
    DATELINES[1],
    DATELINES[2],
    pytest.param(*DATELINES[3]),
    DATELINES[4],
])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_dateline_digits_are_not_claims_when_the_date_comes_from_metadata(dateline, expected, fmt):
    if fmt == "markdown":
        text = f"---\npublished: 2025-01-02\n---\nChip exports climb\n{dateline}\n\nRevenue rose 12% to $4.2 billion.\n"
        source = DateSource.front_matter
    else:
        text = (f"<html><head><meta name='date' content='2025-01-02'></head><body><h1>Chip exports climb</h1>"
                f"<p>{dateline}</p><p>Revenue rose 12% to $4.2 billion.</p></body></html>")
        source = DateSource.metadata
    document, claims = _claims(text, fmt=fmt)
    assert document.published == dt.date(2025, 1, 2)
    assert document.published_source is source
    start, end = _span(text, dateline)
    assert _overlapping(claims, start, end) == []
    assert _claim_texts(claims) == ["12%", "$4.2 billion"]


def test_a_date_inside_a_body_sentence_is_not_a_dateline():
    text = "Acme results\n\nRevenue rose 12% in the quarter ended Sept 30, 2025, the company said.\n"
    document = from_text(text, published=dt.date(2025, 11, 4))
    assert document.published == dt.date(2025, 11, 4)
    assert document.published_source is DateSource.argument
    start, end = _span(text, "Sept 30, 2025")
    assert document.view[start:end] == "Sept 30, 2025"


# -- masking ----------------------------------------------------------------------------------------------

def test_citation_markers_are_masked_and_recorded():
    text = "Exports rose 12% [1] last year.\n\nImports fell 3%[13][15] in the period.\n"
    document, claims = _claims(text)
    _assert_offsets(document, claims)
    assert _claim_texts(claims) == ["12%", "3%"]
    assert [text[s.start:s.end] for s in document.citations] == ["[1]", "[13][15]"]
    for marker in ("[1]", "[13][15]"):
        start, end = _span(text, marker)
        assert document.view[start:end].strip() == ""
        assert any(m.reason == "citation" and (m.start, m.end) == (start, end) for m in document.masked)
    assert claims[0].attribution.markers == ("[1]",)
    assert claims[1].attribution.markers == ("[13][15]",)
    assert claims[0].attribution.kind.value == "citation"


@pytest.mark.parametrize("label", ["Group 1:", "Part 2.", "Table 3)", "Section 12:"])
def test_section_labels_are_masked(label):
    text = f"{label} firms grew 5% this year.\n"
    document, claims = _claims(text)
    _assert_not_claimed(document, claims, label)
    assert _claim_texts(claims) == ["5%"]
    assert any(m.reason == "section_label" for m in document.masked)


@pytest.mark.parametrize("url", [
    "https://example.com/2025/10/report-123?page=4",
    "http://www.example.org/a/77/b.html",
    "www.example.net/2024/99",
])
def test_urls_are_masked(url):
    text = f"See {url} for the 9% growth figure.\n"
    document, claims = _claims(text)
    _assert_not_claimed(document, claims, url)
    assert _claim_texts(claims) == ["9%"]
    assert any(m.reason == "url" for m in document.masked)
    assert any(text[link.start:link.end] == url for link in document.links)


@pytest.mark.parametrize("code", ["H200", "A100", "F-35", "28nm", "5G", "CO2", "G20", "B737"])
def test_product_and_model_codes_are_masked(code):
    text = f"Shipments of the {code} rose 12% last year.\n"
    document, claims = _claims(text)
    _assert_not_claimed(document, claims, code)
    assert _claim_texts(claims) == ["12%"]


@pytest.mark.parametrize("index", ["CAC 40", "S&P 500", "FTSE 100", "Nikkei 225", "Russell 2000", "Stoxx 600"])
def test_index_names_are_masked(index):
    text = f"The {index} fell 3% on Monday.\n"
    document, claims = _claims(text)
    _assert_not_claimed(document, claims, index)
    assert _claim_texts(claims) == ["3%"]


@pytest.mark.parametrize("phone", [
    "202-555-0143",
    "+1 202 555 0143",
    "+44 20 7946 0958",
    "020 7946 0958",
    pytest.param("(202) 555-0143"),
    pytest.param("+1 (202) 555-0143"),
])
def test_phone_numbers_are_masked(phone):
    text = f"Call {phone} for details. Sales rose 4% in the year.\n"
    document, claims = _claims(text)
    _assert_not_claimed(document, claims, phone)
    assert _claim_texts(claims) == ["4%"]


@pytest.mark.parametrize("furniture", [
    "Page 2 of 3", "page 12 / 40", "© 2025", "(c) 2024", "Copyright 2020-2025",
    "Page 12/40",
])
def test_page_furniture_is_masked(furniture):
    text = f"Acme results\n\nProfit rose 7% in the year.\n\n{furniture}\n"
    document, claims = _claims(text)
    _assert_not_claimed(document, claims, furniture)
    assert _claim_texts(claims) == ["7%"]


def _lexicon_furniture_examples() -> list[str]:
    from factcheck.resources import load_yaml

    return [example for entry in load_yaml("lexicons/en/text.yml")["furniture_patterns"]
            for example in entry["examples"]]


def _lexicon_label_examples() -> list[str]:
    from factcheck.resources import load_yaml

    text = load_yaml("lexicons/en/text.yml")
    return [f"{word.title()} 3:" for word in text["section_labels"]] + \
        [f"{word.title()} 7" for word in text["name_prefixes"]]


@pytest.mark.parametrize("example", _lexicon_furniture_examples())
def test_every_furniture_pattern_blanks_its_examples_inside_prose(example):
    # Ingest runs the patterns only around the digits its cue picks out: a pattern without a cue misses these.
    text = f"Sales rose. The footer reads {example} as printed."
    document = from_text(text)
    start = text.index(example)
    assert any(m.start <= start and m.end >= start + len(example) for m in document.masked), document.masked


@pytest.mark.parametrize("example", _lexicon_label_examples())
def test_every_label_and_name_word_of_the_lexicon_is_masked(example):
    text = f"Output grew. {example} figures follow."
    document = from_text(text)
    digit = text.index(example) + len(example.rstrip(":")) - 1
    assert document.view[digit] == " ", example


@pytest.mark.parametrize(("text", "expected_label"), [
    ("Revenue was $16.6 billion in Q3.", "Q3"),
    ("Revenue was $16.6 billion in H1.", "H1"),
    ("Revenue was $16.6 billion in FY2024.", "FY2024"),
    ("Revenue was $16.6 billion in Q3 2024.", "2024-Q3"),
])
def test_periods_look_like_codes_but_are_not_masked(text, expected_label):
    document, claims = _claims(text, published=PUBLISHED)
    assert len(claims) == 1
    claim = claims[0]
    assert claim.text == "$16.6 billion"
    assert claim.quantity.value == pytest.approx(16.6e9)
    assert claim.period is not None
    assert claim.period.label.endswith(expected_label)
    period_word = expected_label.split("-")[-1]
    start, end = _span(text, period_word)
    assert document.view[start:end] == period_word
    assert all(not (m.start < end and start < m.end) for m in document.masked)


MARKDOWN_MARKUP = """\
# Results for 2025

## Highlights

1. Revenue rose **12%** in the year.
2. Costs fell *3%*.
10) Margins hit __30%__.
- Staff numbers hit 200.
+ Debt fell to _$1.5 billion_.

> Analysts expect 4% growth.

See the [full report](https://example.com/reports/2025/q3-777 "Report 88") and ![chart](img/chart-2024-7.png).

```python
x = 12345
y = 678
```

~~~
total = 999
~~~

Run `cmd --limit 4242` to refresh.
"""


def test_markdown_markup_is_masked():
    document, claims = _claims(MARKDOWN_MARKUP, fmt="markdown")
    _assert_offsets(document, claims)
    assert _claim_texts(claims) == ["12%", "3%", "30%", "200", "$1.5 billion", "4%"]
    assert claims[4].quantity.value == pytest.approx(1.5e9)
    text = document.text
    for fragment in ("# ", "## ", "1. ", "2. ", "10) ", "- ", "+ ", "> ", "**", "__",
                     "https://example.com/reports/2025/q3-777", "Report 88", "img/chart-2024-7.png",
                     "12345", "678", "999", "`cmd --limit 4242`"):
        start, end = _span(text, fragment)
        assert document.view[start:end].strip() == "", fragment
    # link text stays readable and is recorded
    start, end = _span(text, "full report")
    assert document.view[start:end] == "full report"
    assert any(text[link.start:link.end] == "full report" for link in document.links)
    assert any(m.reason == "code" for m in document.masked)


def test_nested_ordered_list_markers_are_masked():
    text = "- Top item\n    1. Sub item rose 4%\n    2. Sub item fell 3%\n"
    document, claims = _claims(text, fmt="markdown")
    assert _claim_texts(claims) == ["4%", "3%"]


def test_markdown_comparison_signs_are_not_html_tags():
    text = "Inflation stayed <2% while unemployment was >4% in May.\n"
    document, claims = _claims(text, fmt="markdown")
    start, end = _span(text, "2%")
    assert document.view[start:end] == "2%"
    assert [c.quantity.value for c in claims] == [2.0, 4.0]


def test_markdown_footnote_markers_are_not_claims():
    text = "Exports rose 3%[^1] last year.\n\n[^1]: Ministry data.\n"
    document, claims = _claims(text, fmt="markdown")
    assert _claim_texts(claims) == ["3%"]


@pytest.mark.parametrize(("text", "amount", "value", "currency"), [
    ("Profit was EUR1.2bn last year.", "EUR1.2bn", 1.2e9, "EUR"),
    ("Sales hit RMB500 million in 2024.", "RMB500 million", 5e8, "CNY"),
    ("It raised USD3 billion in debt.", "USD3 billion", 3e9, "USD"),
    ("It paid CHF5 million in fines.", "CHF5 million", 5e6, "CHF"),
])
def test_currency_codes_glued_to_amounts_are_not_product_codes(text, amount, value, currency):
    document, claims = _claims(text)
    start, end = _span(text, amount)
    assert document.view[start:end] == amount
    assert [(c.text, c.quantity.currency) for c in claims] == [(amount, currency)]
    assert claims[0].quantity.value == pytest.approx(value)


def test_currency_codes_with_space_or_sign_still_work():
    document, claims = _claims("Profit was EUR 1.2bn and HK$12 billion and US$3 billion.")
    assert [(c.text, c.quantity.currency) for c in claims] == [
        ("EUR 1.2bn", "EUR"), ("HK$12 billion", "HKD"), ("US$3 billion", "USD")]


def test_masked_ranges_are_sorted_and_blank_in_the_view():
    text = ("Chip exports climb\nReuters · Jul 8, 2025\n\nGroup 1: The H200 rose 12% [1] "
            "(see https://example.com/x-9).\n\nPage 2 of 3\n")
    document, claims = _claims(text)
    assert list(document.masked) == sorted(document.masked, key=lambda m: (m.start, m.end))
    reasons = {m.reason for m in document.masked}
    assert {"dateline", "section_label", "furniture", "citation", "url"} <= reasons
    for masked in document.masked:
        assert document.view[masked.start:masked.end].strip() == ""
    assert _claim_texts(claims) == ["12%"]


# -- paragraphs and sentences ----------------------------------------------------------------------------

def _sentences(document) -> list[str]:
    return [document.text[s.start:s.end] for s in document.sentences]


def _paragraphs(document) -> list[str]:
    return [document.text[p.start:p.end] for p in document.paragraphs]


def _assert_sentences_inside_paragraphs(document) -> None:
    for sentence in document.sentences:
        assert any(p.start <= sentence.start and sentence.end <= p.end for p in document.paragraphs), sentence
    spans = [(p.start, p.end) for p in document.paragraphs]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))


def test_blank_lines_split_paragraphs():
    text = "First para. Second sentence.\n\nSecond para here. Another one.\n   \t\n\nThird para.\n"
    document = from_text(text)
    assert _paragraphs(document) == ["First para. Second sentence.", "Second para here. Another one.",
                                     "Third para."]
    assert _sentences(document) == ["First para.", "Second sentence.", "Second para here.", "Another one.",
                                    "Third para."]
    _assert_sentences_inside_paragraphs(document)


def test_sentences_split_before_capital_or_digit_but_not_after_abbreviations_or_in_decimals():
    text = ("The U.S. Commerce Department said exports rose. Acme Corp. said revenue was 3.5 billion. "
            "Mr. Smith agreed! Was it enough? 2025 was good. Prices rose, e.g. Food prices jumped. "
            "Acme Inc. Shares rose 3.5 percent.")
    document = from_text(text)
    assert _sentences(document) == [
        "The U.S. Commerce Department said exports rose.",
        "Acme Corp. said revenue was 3.5 billion.",
        "Mr. Smith agreed!",
        "Was it enough?",
        "2025 was good.",
        "Prices rose, e.g. Food prices jumped.",
        "Acme Inc. Shares rose 3.5 percent.",
    ]
    assert len(document.paragraphs) == 1
    _assert_sentences_inside_paragraphs(document)


def test_no_split_before_lowercase():
    document = from_text("It rose 3% vs. last year. and then fell. Next one.")
    assert _sentences(document) == ["It rose 3% vs. last year. and then fell.", "Next one."]


def test_claims_carry_their_sentence_and_paragraph():
    text = "Acme said sales rose 12%. Costs fell 3%.\n\nProfit hit $4 million.\n"
    document, claims = _claims(text)
    sentences = [text[c.sentence.start:c.sentence.end] for c in claims]
    paragraphs = [text[c.paragraph.start:c.paragraph.end] for c in claims]
    assert sentences == ["Acme said sales rose 12%.", "Costs fell 3%.", "Profit hit $4 million."]
    assert paragraphs == ["Acme said sales rose 12%. Costs fell 3%."] * 2 + ["Profit hit $4 million."]


@pytest.mark.parametrize("path", sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md", ".html")),
                         ids=lambda p: p.name)
def test_seed_sentences_lie_within_paragraphs_and_offsets_hold(path):
    document = load(path)
    assert document.sentences and document.paragraphs
    _assert_sentences_inside_paragraphs(document)
    _assert_offsets(document, extract(document))


# -- decoding ---------------------------------------------------------------------------------------------

ARTICLE = "Café Lumière\n\nRevenue rose 12% to €4.2 billion — a record.\n"

ENCODINGS = {
    "utf-8": ARTICLE.encode("utf-8"),
    "utf-8-bom": b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
    "utf-16-le-bom": b"\xff\xfe" + ARTICLE.encode("utf-16-le"),
    "utf-16-be-bom": b"\xfe\xff" + ARTICLE.encode("utf-16-be"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_decoding_from_bytes_and_files(tmp_path, encoding):
    data = ENCODINGS[encoding]
    path = tmp_path / "cafe.txt"
    path.write_bytes(data)
    for document in (from_text(data), load(path)):
        assert document.text == ARTICLE  # the BOM is not part of the text
        claims = extract(document)
        _assert_offsets(document, claims)
        assert [(c.text, c.quantity.currency) for c in claims] == [("12%", None), ("€4.2 billion", "EUR")]
    assert path.read_bytes() == data


def test_utf8_bom_before_front_matter(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf---\nid: bom-doc\npublished: 2025-03-04\n---\nSales rose 3%.\n")
    document = load(path)
    assert document.id == "bom-doc"
    assert document.published_source is DateSource.front_matter


@pytest.mark.parametrize(("name", "data"), [
    ("nul.txt", b"Sales rose 3%\x00\x00 in May"),
    ("image.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ("latin1.txt", "café rose 3%".encode("latin-1")),
    ("broken-utf16.txt", b"\xff\xfeA"),
    ("jpeg.html", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
])
def test_binary_or_undecodable_input_raises_input_error_naming_the_file(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        load(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, factcheck.FactcheckError)
    with pytest.raises(InputError, match=r"^upload\.bin: "):
        from_text(data, path="upload.bin")


def test_loading_a_directory_or_a_missing_file_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        load(tmp_path)
    with pytest.raises(InputError) as caught:
        load(tmp_path / "missing.txt")
    assert "missing.txt" in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize(("front_matter", "expected"), [
    ("id: [unclosed\ntitle: x", "invalid YAML front matter"),
    ("title: 'open", "invalid YAML front matter"),
    ("- a\n- b", "front matter must be a mapping"),
])
def test_invalid_front_matter_raises_input_error_naming_the_file(tmp_path, front_matter, expected):
    path = tmp_path / "broken.md"
    path.write_text(f"---\n{front_matter}\n---\nSales rose 3%.\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message


# -- document ids -----------------------------------------------------------------------------------------

def test_document_id_from_front_matter_else_stem(tmp_path):
    named = tmp_path / "file-name.md"
    named.write_text("---\nid: chosen-id\n---\nSales rose 3%.\n", encoding="utf-8")
    plain = tmp_path / "plain-story.txt"
    plain.write_text("Sales rose 3%.\n", encoding="utf-8")
    assert load(named).id == "chosen-id"
    assert load(plain).id == "plain-story"
    claims = extract(load(named))
    assert [c.id for c in claims] == ["chosen-id#1"]
    assert claims[0].document == "chosen-id"


def test_same_stem_in_different_folders_gets_unique_ids(tmp_path):
    _touch(tmp_path / "a" / "story.txt", "Sales rose 3%.\n")
    _touch(tmp_path / "b" / "story.md", "Costs fell 4%.\n")
    _touch(tmp_path / "c" / "story.html", "<p>Debt hit $5 million.</p>")
    result = extract_paths([tmp_path])
    assert result.errors == []
    ids = [document.id for document in result.documents]
    assert len(ids) == 3 and len(set(ids)) == 3
    assert ids[0] == "story"
    for document in result.documents:
        claims = result.claims[document.id]
        assert len(claims) == 1
        assert claims[0].document == document.id
        assert claims[0].id == f"{document.id}#1"


def test_same_stem_keeps_claims_and_links_under_the_new_id(tmp_path):
    text = "Its share rose from 16% in 2020 to 28% in 2024.\n"
    _touch(tmp_path / "a" / "share.txt", text)
    _touch(tmp_path / "b" / "share.txt", text)
    first, second = extract_paths([tmp_path]).documents
    claims = extract_paths([tmp_path]).claims
    assert second.id != first.id
    renamed = claims[second.id]
    assert [claim.quantity for claim in renamed] == [claim.quantity for claim in claims[first.id]]
    assert [claim.id for claim in renamed] == [f"{second.id}#1", f"{second.id}#2"]
    assert renamed[0].links[0].target == f"{second.id}#2" and renamed[1].links[0].target == f"{second.id}#1"


def test_runner_keeps_reading_after_a_bad_file(tmp_path):
    _touch(tmp_path / "a.txt", "Sales rose 3%.\n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02")
    _touch(tmp_path / "c.txt", "Costs fell 4%.\n")
    result = extract_paths([tmp_path], published=dt.date(2025, 1, 1))
    assert [d.id for d in result.documents] == ["a", "c"]
    assert [e.path for e in result.errors] == [str(tmp_path / "b.txt")]
    assert result.errors[0].message.startswith(str(tmp_path / "b.txt"))
    assert all(d.published == dt.date(2025, 1, 1) and d.published_source is DateSource.argument
               for d in result.documents)
