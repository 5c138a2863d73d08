"""Unsupported figures (FC301) and reference figures (FC302, verified claims)."""

from datetime import date

import pytest

import factcheck
from factcheck.config import Config
from factcheck.errors import ConfigError

SUPPORT = Config(select=("support",))


def _flagged(text, fmt="text"):
    document = factcheck.from_text(text, fmt=fmt, published=date(2026, 1, 15))
    return [f.locations[0].text for f in factcheck.check(document, config=SUPPORT).findings]


@pytest.mark.parametrize(
    "text",
    [
        "Intel's net loss reached $16.6 billion in the third quarter, according to the company's filing.",
        "Intel's net loss reached $16.6 billion in the third quarter, the company said.",
        "Intel's net loss reached $16.6 billion in the third quarter [4].",
        "Gartner estimates ASML's market share at 35% in 2025.",
        "Intel's net loss reached $16.6 billion in the third quarter, the company told reporters.",
        "The filing shows Intel's net loss reached $16.6 billion in the third quarter.",
        "Intel disclosed a net loss of $16.6 billion in the third quarter.",
    ],
)
def test_attributed_sensitive_figures_pass(text):
    assert _flagged(text) == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Intel's net loss reached $16.6 billion in the third quarter.", ["$16.6 billion"]),
        ("ASML holds a 35% share of the lithography market.", ["35%"]),
        ("Exports grew 21.4% last year.", ["21.4%"]),
        ("Exports grew 21.4 per cent last year.", ["21.4 per cent"]),
        ("Sales are expected to reach 16.3 million vehicles in 2027.", ["16.3 million"]),
    ],
)
def test_unattributed_sensitive_figures_are_flagged(text, flagged):
    assert _flagged(text) == flagged


@pytest.mark.parametrize(
    "text",
    ["The company employs about 100,000 people.", "The city has 2.1 million residents.",
     "The airline operates 300 aircraft."],
)
def test_plain_counts_are_not_sensitive(text):
    assert _flagged(text) == []


def test_a_markdown_link_attributes_the_figure():
    text = "Intel's net loss reached $16.6 billion in the quarter, a [filing](https://example.com/10q) shows.\n"
    assert _flagged(text, fmt="markdown") == []


def test_the_next_sentence_continues_the_source_only_when_it_says_so():
    continued = ("Intel's net loss reached $16.6 billion, the company said. It added that revenue fell 6% "
                 "to $13.3 billion.")
    assert _flagged(continued) == []
    not_continued = "Intel's net loss reached $16.6 billion, the company said. Revenue fell 6% to $13.3 billion."
    assert _flagged(not_continued) == ["6%", "$13.3 billion"]


REFERENCES_CSV = """subject,metric,period,value,currency,unit,tolerance,source
Intel,revenue,2024-Q3,13300000000,USD,,0.01,Intel 10-Q
Norway,electricity_generation,2024,154,,terawatt_hour,0.02,Statistics Norway
"""


def test_reference_figures_flag_mismatches_and_verify_matches(tmp_path):
    references = tmp_path / "known-figures.csv"
    references.write_text(REFERENCES_CSV, encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Headline\nReuters · Nov 1, 2024\n\nIntel's revenue was $14.1 billion in the third quarter "
                     "of 2024, the company said. Norway's electricity generation was 154,000 GWh in 2024, "
                     "the agency said.\n", encoding="utf-8")
    report = factcheck.check(story, config=Config(select=("FC302",), references=str(references)))
    assert [(f.rule, f.locations[0].text) for f in report.findings] == [("FC302", "$14.1 billion")]
    assert "Intel 10-Q" in report.findings[0].message
    verified = {c.text: c.verified_by for c in report.documents[0].claims}
    assert verified == {"$14.1 billion": None, "154,000 GWh": "Statistics Norway"}


def test_a_broken_reference_file_is_a_config_error(tmp_path):
    references = tmp_path / "known-figures.yaml"
    references.write_text("- {subject: Intel, metric: revenue, period: 2024-Q3, value: lots, source: x}\n")
    with pytest.raises(ConfigError, match="value"):
        factcheck.check(factcheck.from_text("Nothing."), config=Config(references=str(references)))
