"""Claim extraction: each mechanism the claim record promises, on sentences in news style."""

from datetime import date

import pytest

import factcheck
from factcheck.models import Approximation, AttributionKind, Direction, LinkRole, Modality, QuantityKind

PUBLISHED = date(2026, 2, 1)


def claims(text, published=PUBLISHED):
    return factcheck.extract(text, published=published)


def only(text, published=PUBLISHED):
    found = claims(text, published)
    assert len(found) == 1, [c.text for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Output reached 1,234,567 units.", "1,234,567", 1234567),
        ("The index stood at 1,111.25 points higher.", "1,111.25", 1111.25),
        ("Temperatures fell to -12.5 degrees Celsius.", "-12.5 degrees Celsius", -12.5),
        ("The council hired twelve inspectors.", "twelve", 12),
        ("They built three hundred homes.", "three hundred", 300),
        ("It sold twenty-one trillion three hundred coupons.", "twenty-one trillion three hundred", 21e12 + 300),
        ("A fifth of the budget went on wages.", "A fifth", 0.2),
        ("Half of the staff left.", "Half", 0.5),
        ("A quarter of households rent.", "A quarter", 0.25),
        ("She bought a dozen trucks.", "a dozen", 12),
        ("Two thirds of voters agreed.", "Two thirds", 2 / 3),
        ("Fewer than one in five homes has solar.", "Fewer than one in five", 0.2),
        ("The hall seats 3 hundred and one people.", "3 hundred and one", 301),
        ("The estate covers 6 million and two hundred acres.", "6 million and two hundred acres", 6_000_200),
        ("Donations reached 3 million and a quarter.", "3 million and a quarter", 3_250_000),
        ("He counted three million, two hundred & forty votes.", "three million, two hundred & forty",
         3_000_240),
        ("The gauge read ninety - five.", "ninety - five", 95),
        ("Only three twenty-firsts of the land is farmed.", "three twenty-firsts", 3 / 21),
        ("The grant was one billion and a quarter million.", "one billion and a quarter million", 1_000_250_000),
        ("A hundred trillionths of a second passed.", "A hundred trillionths", 1e-10),
    ],
)
def test_numerals(text, surface, value):
    claim = only(text)
    assert claim.text == surface
    assert claim.quantity.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["China is the third largest market.", "It is one of the best results.", "The second biggest gainer rose.",
     "He finished 3rd in the race.", "The meeting starts at 10:30 on Monday.",
     "They marked the thirty fifth anniversary.", "It is the twenty-first century."],
)
def test_ranks_pronouns_and_times_are_not_quantities(text):
    assert claims(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Sales hit 4.2 thousand units.", 4200),
        ("The fund holds 3 million shares.", 3e6),
        ("Debt rose to $16.6 billion.", 16.6e9),
        ("Exports reached 1 trillion yuan.", 1e12),
        ("It raised $5k from donors.", 5e3),
        ("It raised $5m from donors.", 5e6),
        ("It raised $5 mn from donors.", 5e6),
        ("It raised $5 mln from donors.", 5e6),
        ("It raised $5bn from donors.", 5e9),
        ("It raised $5 bln from donors.", 5e9),
        ("It raised $1.2tn from donors.", 1.2e12),
    ],
)
def test_scale_words(text, value):
    assert only(text).quantity.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "surface", "value", "currency", "inferred"),
    [
        ("Intel lost $16.6 billion in Q3.", "$16.6 billion", 16.6e9, "USD", True),
        ("Intel lost US$16.6 billion.", "US$16.6 billion", 16.6e9, "USD", False),
        ("The market reached 173.96 billion RMB.", "173.96 billion RMB", 173.96e9, "CNY", False),
        ("The deal was worth USD 16,600 million.", "USD 16,600 million", 16.6e9, "USD", False),
        ("Exports exceeded 1 trillion yuan.", "exceeded 1 trillion yuan", 1e12, "CNY", False),
        ("It wrote off 16.6bn dollars.", "16.6bn dollars", 16.6e9, "USD", True),
        ("Profit was €1.2bn.", "€1.2bn", 1.2e9, "EUR", False),
        ("Profit was 1.05 billion euros.", "1.05 billion euros", 1.05e9, "EUR", False),
        ("Costs were £3.2m.", "£3.2m", 3.2e6, "GBP", False),
        ("Sales were ¥231.8 billion.", "¥231.8 billion", 231.8e9, "JPY", True),
        ("Revenue was HK$4.5 billion.", "HK$4.5 billion", 4.5e9, "HKD", False),
        ("It paid EUR 1.71 billion.", "EUR 1.71 billion", 1.71e9, "EUR", False),
        ("Reserves hit 3.2 trillion renminbi.", "3.2 trillion renminbi", 3.2e12, "CNY", False),
        ("The dividend is 45 cents.", "45 cents", 0.45, "USD", True),
        ("They spent 10 australian dollars.", "10 australian dollars", 10, "AUD", False),
        ("Net income was SFr2.64bn.", "SFr2.64bn", 2.64e9, "CHF", False),
        ("Revenue reached Rp5tn.", "Rp5tn", 5e12, "IDR", False),
    ],
)
def test_money(text, surface, value, currency, inferred):
    claim = only(text)
    assert claim.text == surface
    assert claim.quantity.kind is QuantityKind.money
    assert claim.quantity.value == pytest.approx(value)
    assert claim.quantity.currency == currency
    assert claim.quantity.currency_inferred is inferred


def test_regional_currency_names_follow_the_document():
    norway = only("Norway approved fields worth 210 billion crowns.")
    assert norway.quantity.currency == "NOK"
    unknown = only("The fields are worth 210 billion crowns.")
    assert unknown.quantity.kind is QuantityKind.money and unknown.quantity.currency is None


def test_money_precision_follows_the_stated_digits():
    claim = only("The market reached approximately 173.96 billion RMB.")
    assert claim.quantity.precision == pytest.approx(0.005e9)
    assert only("Intel lost $16.6 billion.").quantity.precision == pytest.approx(0.05e9)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Inflation was 5% in May.", QuantityKind.percent, 5),
        ("Inflation was 5 percent in May.", QuantityKind.percent, 5),
        ("Inflation was 5 per cent in May.", QuantityKind.percent, 5),
        ("The rate rose 0.5 percentage points.", QuantityKind.percentage_points, 0.5),
        ("The rate rose 0.3pp.", QuantityKind.percentage_points, 0.3),
        ("Its market share rose 3 points.", QuantityKind.percentage_points, 3),
        ("The rate rose roughly half a percentage point.", QuantityKind.percentage_points, 0.5),
    ],
)
def test_percent_versus_percentage_points(text, kind, value):
    claim = only(text)
    assert claim.quantity.kind is kind
    assert claim.quantity.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("per cent of 210", "per cent of 210", 210),
        ("Percents of twenty were lost.", "Percents of twenty", 20),
        ("The answer: percent of 12.5", "percent of 12.5", 12.5),
    ],
)
def test_percent_words_before_the_number_at_a_clause_head(text, surface, value):
    claim = only(text)
    assert (claim.text, claim.quantity.kind, claim.quantity.value) == (surface, QuantityKind.percent, value)


@pytest.mark.parametrize("text", ["The percent of 210 voters who agreed fell.", "What percent of 210 is it?",
                                  "He asked for per cent of $5 million."])
def test_percent_of_inside_a_clause_asks_for_a_share_and_states_none(text):
    assert all(claim.quantity.kind is not QuantityKind.percent for claim in claims(text))


def test_bare_points_without_a_share_context_are_not_percentage_points():
    claim = only("The Dow fell 300 points on Friday.")
    assert claim.quantity.kind is not QuantityKind.percentage_points


@pytest.mark.parametrize(
    ("text", "surface", "lower", "upper", "kind"),
    [
        ("Shares fell 25%-35% this year.", "25%-35%", 25, 35, QuantityKind.percent),
        ("Shares fell 25–35% this year.", "25–35%", 25, 35, QuantityKind.percent),
        ("It expects between 25 and 35 percent.", "between 25 and 35 percent", 25, 35, QuantityKind.percent),
        ("It sees $13.6 billion to $14.6 billion.", "$13.6 billion to $14.6 billion", 13.6e9, 14.6e9,
         QuantityKind.money),
        ("It sees 2 to 3 million buyers.", "2 to 3 million", 2e6, 3e6, QuantityKind.count),
        ("It sees $13.6 to $14.6 billion.", "$13.6 to $14.6 billion", 13.6e9, 14.6e9, QuantityKind.money),
    ],
)
def test_ranges(text, surface, lower, upper, kind):
    claim = only(text)
    assert claim.text == surface
    assert claim.quantity.is_range
    assert (claim.quantity.lower, claim.quantity.upper) == (pytest.approx(lower), pytest.approx(upper))
    assert claim.quantity.value == pytest.approx((lower + upper) / 2)
    assert claim.quantity.kind is kind


def test_inverted_range_keeps_the_written_order():
    claim = only("Shares fell 35%-25% this year.")
    assert (claim.quantity.lower, claim.quantity.upper) == (35, 25)


def test_a_change_from_to_is_two_linked_claims_not_a_range():
    first, second = claims("Domestic market share rose from 16% in 2020 to 28% in 2024.")
    assert (first.text, second.text) == ("16%", "28%")
    assert (first.period.label, second.period.label) == ("2020", "2024")
    assert first.links[0].role is LinkRole.change_from and first.links[0].target == second.id
    assert second.links[0].role is LinkRole.change_to and second.links[0].target == first.id


def test_rate_and_result_are_linked():
    rate, result = claims("Revenue grew 7.4% to 173.96 billion RMB in 2025.")
    assert rate.links[0].role is LinkRole.rate_of and rate.links[0].target == result.id
    assert result.links[0].role is LinkRole.result_of


def test_currency_conversion_is_linked():
    dollars, yuan = claims("It lost $16.6 billion (about 120 billion yuan) last year.")
    assert yuan.links[0].role is LinkRole.conversion_of and yuan.links[0].target == dollars.id


@pytest.mark.parametrize(
    ("text", "approximation", "lower", "upper"),
    [
        ("It employs about 600 people.", Approximation.approximately, None, None),
        ("It employs approximately 600 people.", Approximation.approximately, None, None),
        ("It employs around 600 people.", Approximation.approximately, None, None),
        ("It employs roughly 600 people.", Approximation.approximately, None, None),
        ("It employs some 600 people.", Approximation.approximately, None, None),
        ("It employs nearly 600 people.", Approximation.nearly, None, None),
        ("It employs almost 600 people.", Approximation.nearly, None, None),
        ("It employs over 600 people.", Approximation.more_than, 600, None),
        ("It employs more than 600 people.", Approximation.more_than, 600, None),
        ("Exports will exceed 600 tonnes.", Approximation.more_than, 600, None),
        ("It employs at least 600 people.", Approximation.at_least, 600, None),
        ("It employs up to 600 people.", Approximation.at_most, None, 600),
        ("It employs under 600 people.", Approximation.less_than, None, 600),
        ("It employs less than 600 people.", Approximation.less_than, None, 600),
        ("It employs 600 or more people.", Approximation.at_least, 600, None),
    ],
)
def test_hedges(text, approximation, lower, upper):
    claim = only(text)
    assert claim.quantity.approximation is approximation
    assert (claim.quantity.lower, claim.quantity.upper) == (lower, upper)


def test_over_before_a_span_of_time_is_not_a_hedge():
    claim = only("Grants are spread over ten years.")
    assert claim.text == "ten years"
    assert claim.quantity.approximation is Approximation.exact


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Generation is twice that of the U.S.", "twice", 2),
        ("Revenue doubled last year.", "doubled", 2),
        ("Demand could reach three times the 2020 level.", "three times", 3),
        ("Output is tripling.", "tripling", 3),
        ("The shares have halved.", "halved", 0.5),
        ("Capacity grew ten-fold.", "ten-fold", 10),
        ("Capacity grew 10-fold.", "10-fold", 10),
        ("Capacity grew 2.5 times.", "2.5 times", 2.5),
    ],
)
def test_multiples(text, surface, value):
    multiples = [c for c in claims(text) if c.quantity.kind is QuantityKind.multiple]
    assert [c.text for c in multiples] == [surface]
    assert multiples[0].quantity.value == value


def test_double_digit_is_not_a_multiple():
    assert claims("Sales posted double-digit growth.") == []


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("Demand reached 4,200 TWh.", "terawatt_hour", 4200),
        ("The plant adds 1.5 GW of capacity.", "gigawatt", 1.5),
        ("It shipped 160,000 tonnes of ore.", "metric_ton", 160000),
        ("Output was 2.02 million barrels per day.", "oil_barrel / day", 2.02e6),
        ("The line runs 300 km north.", "kilometer", 300),
        ("The farm covers 300 square kilometres.", "square_kilometer", 300),
        ("It stores 1.5 million tonnes per year.", "metric_ton / year", 1.5e6),
        ("It was the highest in 56 years.", "year", 56),
        ("A one-year suspension began.", "year", 1),
        ("The 10-year bond rallied.", "year", 10),
        ("Its weight is 20 (kg).", "kilogram", 20),
        ("Now it is -10C outside.", "degree_Celsius", -10),
    ],
)
def test_physical_quantities_use_the_one_pint_registry(text, unit, value):
    from factcheck.units import ureg

    claim = only(text)
    assert claim.quantity.kind is QuantityKind.physical
    assert ureg.Quantity(1, claim.quantity.unit).to(unit).magnitude == pytest.approx(1)
    assert claim.quantity.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "published", "label", "anchored"),
    [
        ("Intel lost $16.6 billion in Q3.", date(2026, 2, 1), "2025-Q3", False),
        ("Intel lost $16.6 billion in Q3.", date(2025, 11, 24), "2025-Q3", False),
        ("Intel lost $16.6 billion in Q3 2024.", None, "2024-Q3", True),
        ("Intel lost $16.6 billion in the third quarter of 2024.", None, "2024-Q3", True),
        ("Sales were $4 billion in H1.", date(2025, 10, 1), "2025-H1", False),
        ("Sales were $4 billion in the first half of 2024.", None, "2024-H1", True),
        ("Revenue was $4 billion in FY2024.", None, "FY2024", True),
        ("Revenue was $4 billion in fiscal 2024.", None, "FY2024", True),
        ("Revenue was $4 billion in March 2024.", None, "2024-03", True),
        ("Exports grew 21.4% from January to October.", date(2024, 11, 20), "2024-01..2024-10", False),
        ("Exports grew 21% from 2020 to 2024.", None, "2020..2024", True),
        ("Exports grew 10% over the past decade.", date(2026, 2, 1), "P10Y..2026-02-01", False),
        ("Exports grew 10% last year.", date(2026, 2, 1), "2025", False),
        ("Output will triple to 9,000 TWh by 2026.", date(2025, 1, 1), "by 2026", True),
    ],
)
def test_periods_resolve_against_the_publication_date(text, published, label, anchored):
    claim = claims(text, published)[-1]
    assert claim.period is not None
    assert claim.period.label == label
    assert claim.period.anchored is anchored
    assert claim.document and text[claim.period.start_offset:claim.period.end_offset] == claim.period.text


def test_years_and_false_dates_are_never_claims_or_dates():
    found = claims("Intel's loss of $16 in 2020 and 16% in 2020 were noted.")
    assert [c.text for c in found] == ["$16", "16%"]
    assert all(c.period.label == "2020" for c in found)


def test_sentence_year_anchors_unanchored_months():
    claim = claims("Exports topped 1 trillion yuan in 2024 after rising 21.4% from January to October.",
                   date(2026, 2, 1))[1]
    assert claim.period.label == "2024-01..2024-10"


def test_a_figure_in_the_quarter_takes_the_quarter_named_before():
    text = "Kestrel's revenue rose 5% in the third quarter of 2024.\n\nOperating margin widened to 12% in the quarter."
    margin = claims(text, date(2024, 11, 5))[-1]
    assert (margin.text, margin.period.label, margin.period.text) == ("12%", "2024-Q3", "the quarter")


def test_full_year_is_the_year_of_the_period_named_before():
    text = "For Q4 2025, Tidewater expects revenue of $2.2 billion. It sees full-year revenue of about $8.4 billion."
    outlook = claims(text, date(2025, 11, 5))[-1]
    assert (outlook.period.label, outlook.period.text) == ("2025", "full-year")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The central bank expects inflation to peak at 3.7% in September.", "2025-09"),
        ("Inflation is expected to hit 4% in March.", "2026-03"),  # written in June: next March
        ("Exports beat the median forecast of a 1.1% rise in May.", "2025-05"),  # the month just over
        ("Inflation was 3.4% in April.", "2025-04"),  # an actual figure keeps the month already over
        ("Analysts expect revenue of $4 billion in Q3 2024.", "2024-Q3"),  # a written year is kept
    ],
)
def test_a_forecast_for_a_month_or_quarter_without_a_year_is_for_the_next_one(text, label):
    assert only(text, date(2025, 6, 1)).period.label == label


def test_a_year_named_for_a_later_figure_does_not_anchor_the_period():
    found = claims("In the first seven months of the year, it carried 20.9 million passengers, up 5% from "
                   "19.9 million in the same period of 2025.", date(2026, 8, 7))
    assert [(claim.text, claim.period.label) for claim in found] == [
        ("20.9 million", "2026-01..2026-07"), ("5%", "2026-01..2026-07"), ("19.9 million", "2025")]


def test_comparison_base_is_not_the_period():
    claim = only("Revenue rose 9.3% from a year earlier.", date(2025, 10, 30))
    assert claim.period is None


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Intel's record loss of $16.6 billion shocked investors.", "Intel"),
        ("Intel Corp. lost $16.6 billion in Q3.", "Intel"),
        ("Analysts say ASML's DUV machines hold a 35% market share.", "ASML"),
        ("In Ohio, Volta Cells committed $3.1 billion to a plant.", "Volta Cells"),
        # A metric's words at the head of a sentence name no one.
        ("Gross margin slipped to 20.4% in the quarter.", None),
        ("Net profit at Kestrel rose to $320 million.", "Kestrel"),
        # The company reporting its own figures is their subject; a person or a data source cited is not.
        ("Intel reported a net loss of $16.6 billion for the third quarter.", "Intel"),
        ("Revenue fell 5% in the third quarter, Tata Motors said.", "Tata Motors"),
        ("Shipments rose 5% in the quarter, Canalys analyst Rohan Mehta said.", None),
        ("Revenue fell 5% in the quarter, chief executive Maren Holt said.", None),
        ("Capacity grew 42% in 2025, according to the BSW association.", None),
        # A name after a preposition of place says where, not whom about.
        ("Shares rose 6.1% in New York trading.", None),
    ],
)
def test_subject(text, subject):
    assert only(text).subject == subject


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Intel's record loss of $16.6 billion shocked investors.", "net_loss"),
        ("SMIC holds 25% of the global market.", "market_share"),
        ("Revenue of $4.8 billion beat forecasts.", "revenue"),
        ("Chinese chip exports exceeded 1 trillion yuan.", "exports"),
        ("The company employs about 600 personnel.", "headcount"),
        ("The unemployment rate rose to 4.3%.", "unemployment_rate"),
        ("Brent crude traded around $71 a barrel.", "price"),
    ],
)
def test_metric_from_the_lexicon(text, metric):
    assert only(text).metric == metric


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Exports are projected to exceed 1 trillion yuan in 2024.", Modality.projected),
        ("Exports are expected to reach 1 trillion yuan.", Modality.projected),
        ("Analysts forecast sales of 16.3 million vehicles.", Modality.projected),
        ("The company aims to cut costs by $250 million.", Modality.target),
        ("The government targets 40% renewable power.", Modality.target),
        ("If imposed, the tariff would cost $5 billion.", Modality.hypothetical),
        ("Exports rose to 1 trillion yuan in 2024.", Modality.actual),
    ],
)
def test_modality(text, modality):
    assert only(text, date(2025, 1, 1)).modality is modality


def test_a_figure_for_a_future_period_is_projected():
    assert only("Exports reach 1 trillion yuan in 2027.", date(2025, 1, 1)).modality is Modality.projected


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Sales rose 5% last year.", Direction.increase),
        ("Sales fell 5% last year.", Direction.decrease),
        ("Sales were 5 million last year.", Direction.none),
    ],
)
def test_direction(text, direction):
    assert only(text).direction is direction


def test_citation_markers_attribute_a_figure():
    claim = only("The market will grow 7.4% by 2025 [13][15].")
    assert claim.attribution.kind is AttributionKind.citation
    assert claim.attribution.markers == ("[13][15]",)


@pytest.mark.parametrize(
    ("text", "source", "verb"),
    [
        ("Exports rose 5%, according to the Commerce Ministry.", "Commerce Ministry", "according to"),
        ("Exports rose 5%, the Commerce Ministry said.", "Commerce Ministry", "said"),
        ("Gartner estimates the market at $40 billion.", "Gartner", "estimates"),
        ("Analysts expect sales of 16.3 million vehicles.", "Analysts", "expect"),
        ("Deliveries fell 8.6% last year, the carmaker said on Friday.", "the carmaker", "said"),
        ("Margins widened to 41%, its chief financial officer told analysts.", "its chief financial officer", "told"),
        ("Revenue rose 5 per cent, per the annual filing.", "the annual filing", "per"),
        ("The monthly consumer price indicator showed inflation of 2.1 per cent.", "The monthly consumer price indicator",
         "showed"),
    ],
)
def test_named_sources_attribute_a_figure(text, source, verb):
    attribution = only(text).attribution
    assert attribution.kind is AttributionKind.source
    assert source in (attribution.source or "")
    assert attribution.verb == verb


def test_markdown_link_attributes_a_figure():
    document = factcheck.from_text("Sales rose 5%, a [report](https://example.org/r) shows.\n", fmt="markdown")
    claim = factcheck.extract(document)[0]
    assert claim.attribution.kind in (AttributionKind.link, AttributionKind.source)


def test_continued_attribution_in_the_next_sentence():
    first, second = claims("Revenue rose 5%, the company said. It added that margins widened 2 percentage points.")
    assert first.attribution.kind is AttributionKind.source
    assert second.attribution.kind is AttributionKind.source


@pytest.mark.parametrize("text", [
    "Revenue rose 5% last year.",
    "Profit jumped 20% as the market expected.",  # compared with a view, citing none
    "Only 1.5 GW was tendered, and the only floating project is rated at 88 MW.",  # 'project' is a noun here
    "Revisions removed 48,000 jobs, a softer picture of the winter than first reported.",
    "Sales at Tesco fell 3 per cent in the quarter.",  # the 'per' of 'per cent' cites nobody
    "Net income climbed 26% to $18.8 billion, or 76 cents per share.",  # nor a rate's 'per'
])
def test_unattributed_figure_has_no_attribution(text):
    assert {claim.attribution.kind for claim in claims(text)} == {AttributionKind.none}


def test_claim_ids_are_stable_and_in_text_order():
    found = claims("Sales rose 5% to $2 billion, and costs fell 3%.")
    assert [c.id for c in found] == ["text#1", "text#2", "text#3"]
    assert [c.start for c in found] == sorted(c.start for c in found)


def test_news_artefacts_never_become_quantities():
    text = ("Sou Hu Cai Jing·2026-02-01 01:50\n\nGroup 1: Calculations - NVIDIA's H200 and A100 chips and "
            "SMIC's 28nm process [4][6] see https://example.com/2024/report-17 for more.")
    assert claims(text) == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("He is 5 ft 2 in tall.", "5 ft 2 in", 5 + 2 / 12, "foot"),
        ("He is 6 feet and 1 inch tall.", "6 feet and 1 inch", 6 + 1 / 12, "foot"),
        ("The flight took 2 hours 30 minutes.", "2 hours 30 minutes", 2.5, "hour"),
    ],
)
def test_compound_measures_are_one_figure(text, surface, value, unit):
    claim = only(text)
    assert claim.text == surface
    assert claim.quantity.value == pytest.approx(value)
    assert claim.quantity.unit == unit


def test_between_to_is_a_range():
    claim = only("They were given between 44 mg to 50 mg of ethanol.")
    assert (claim.quantity.lower, claim.quantity.upper) == (44, 50)


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("Bids ranged between 3 million and 4 million.", ["between 3 million and 4 million"]),
        ("Output grew 2 million and two percent of it was sold.", ["2 million", "two percent"]),
        ("In two thousand, five people applied.", ["two thousand", "five"]),
    ],
)
def test_and_or_a_comma_joins_only_a_smaller_spelled_part(text, surfaces):
    assert [claim.text for claim in claims(text)] == surfaces


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value", "unit", "currency"),
    [
        ("It declared a 12-cent-a-share dividend.", "12-cent", "money", 0.12, None, "USD"),
        ("They paved a 5-mile-long road.", "5-mile", "physical", 5, "mile", None),
        ("It sold its 20-percent-owned unit.", "20-percent", "percent", 20, "percent", None),
        ("It cost ten dollars and fifty cents.", "ten dollars and fifty cents", "money", 10.5, None, "USD"),
        ("Nokia paid 420 million Finnish markka.", "420 million Finnish markka", "money", 420e6, None, "FIM"),
        ("The fine was 5 Swiss francs.", "5 Swiss francs", "money", 5, None, "CHF"),
    ],
)
def test_hyphenated_heads_named_cents_and_cldr_currency_names(text, surface, kind, value, unit, currency):
    claim = only(text)
    assert (claim.text, claim.quantity.kind.value, claim.quantity.unit, claim.quantity.currency) == \
        (surface, kind, unit, currency)
    assert claim.quantity.value == pytest.approx(value)


def test_metal_names_are_not_currencies():
    assert only("She won 10 gold medals.").quantity.kind is QuantityKind.count


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("It took thirty seconds.", [("thirty seconds", 30.0, "second")]),
        ("The alarm rang a few seconds later.", []),
        ("They bought a ten-dollar ticket.", [("ten-dollar", 10.0, None)]),
    ],
)
def test_fraction_words_that_are_units_stay_units(text, surfaces):
    assert [(claim.text, claim.quantity.value, claim.quantity.unit) for claim in claims(text)] == surfaces


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("Violet light oscillates at 4e14 s-1.", "4e14 s-1", "1 / second"),
        ("The drain was -1e-3 W/min overnight.", "-1e-3 W/min", "watt / minute"),
        ("Objects fall at 9.8 m/s2 here.", "9.8 m/s2", "meter / second ** 2"),
        ("It accelerates at 9.8 km/s^2 in the model.", "9.8 km/s^2", "kilometer / second ** 2"),
        ("Workers are exposed to 20 J/m^2 per year.", "20 J/m^2 per year", "joule / meter ** 2 / year"),
        ("Winds reached 12 m s-1 at noon.", "12 m s-1", "meter / second"),
        ("The brine holds 1200 kg m-3 of salt.", "1200 kg m-3", "kilogram / meter ** 3"),
        ("Panels deliver 10 W per m2 in winter.", "10 W per m2", "watt / square_meter"),
        ("The probe moved at 5 m·s⁻¹ before landing.", "5 m·s⁻¹", "meter / second"),
    ],
)
def test_compound_units_are_read_through_pint(text, surface, unit):
    claim = only(text)
    assert (claim.text, claim.quantity.kind, claim.quantity.unit) == (surface, QuantityKind.physical, unit)


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("The pulse lasts 30 nanoseconds.", "30 nanoseconds", "nanosecond"),
        ("Pressure fell to 980 hectopascals overnight.", "980 hectopascals", "hectopascal"),
        ("Workers received 20 millisieverts.", "20 millisieverts", "millisievert"),
        ("One gigaannum is a billion years.", "One gigaannum", "gigayear"),
        ("The mine produces 1.5 million tonnes per annum.", "1.5 million tonnes per annum", "metric_ton / year"),
    ],
)
def test_prefixed_unit_names_are_read_through_pint(text, surface, unit):
    claim = claims(text)[0]
    assert (claim.text, claim.quantity.kind, claim.quantity.unit) == (surface, QuantityKind.physical, unit)


def test_a_decade_is_ten_years_not_pints_logarithmic_decade():
    from factcheck.units import ureg

    [rate] = claims("Warming of 0.2 °C per decade was measured.")
    assert ureg.Quantity(1, rate.quantity.unit).to("delta_degC / year").magnitude == pytest.approx(0.1)
    [span] = claims("The project took two decades.")
    assert ureg.Quantity(span.quantity.value, span.quantity.unit).to("year").magnitude == 20


@pytest.mark.parametrize(
    ("text", "surface", "value", "bounds"),
    [
        ("Smith died aged 87 on Monday.", "aged 87", 87.0, (None, None)),
        ("The patient is a man of age 87.", "age 87", 87.0, (None, None)),
        ("Workers retire at the age of 67.", "age of 67", 67.0, (None, None)),
        ("Children ages 5 to 11 can get the vaccine.", "ages 5 to 11", 8.0, (5.0, 11.0)),
    ],
)
def test_a_word_before_a_number_makes_it_an_age(text, surface, value, bounds):
    [claim] = claims(text)
    quantity = claim.quantity
    assert (claim.text, quantity.kind, quantity.unit, quantity.value) == (surface, QuantityKind.physical, "year", value)
    assert (quantity.lower, quantity.upper) == bounds


def test_an_age_word_keeps_a_stated_unit():
    assert [(c.text, c.quantity.unit) for c in claims("The calf was aged 12 months.")] == [("12 months", "month")]


def test_a_capitalised_prefixed_word_is_a_name_not_a_unit():
    assert [(c.text, c.quantity.unit) for c in claims("The plant ships 5 Micron chips to 40 Megabus depots.")] == [
        ("5", None), ("40", None)]


def test_a_prefix_alone_makes_no_unit():
    assert [(c.text, c.quantity.unit) for c in claims("They sold 3 megaphones and 2 microphones.")] == [
        ("3", None), ("2", None)]


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # A dash between two measures is a range, not a negative power.
        ("Bags weigh 3 kg-4 kg each.", [("3 kg-4 kg", "kilogram")]),
        # 'm' spaced before 'per' may be millions: no unit is guessed.
        ("Output grew 5 m per year.", [("5", None)]),
        # Units that cancel out measure nothing.
        ("The ratio was 5 m/m in the test.", [("5", None)]),
    ],
)
def test_compound_units_stay_conservative(text, surfaces):
    assert [(claim.text, claim.quantity.unit) for claim in claims(text)] == surfaces


def test_a_digit_glued_to_a_symbol_names_a_model_not_a_power():
    first = claims("The airline bought 5 A320s.")[0]
    assert (first.text, first.quantity.unit) == ("5", None)


@pytest.mark.parametrize(
    ("text", "surface", "value", "bounds", "unit"),
    [
        ("Objects fall with an acceleration of 9.83e-3 +/- 1e-5 km/s2.", "9.83e-3 +/- 1e-5 km/s2", 9.83e-3,
         (9.82e-3, 9.84e-3), "kilometer / second ** 2"),
        ("The crack was 5.0 ± 0.2 mm wide.", "5.0 ± 0.2 mm", 5.0, (4.8, 5.2), "millimeter"),
        ("The crack was 5 mm ± 0.2 wide.", "5 mm ± 0.2", 5.0, (4.8, 5.2), "millimeter"),
        ("Support stood at 45% plus or minus 3%.", "45% plus or minus 3%", 45.0, (42.0, 48.0), "percent"),
    ],
)
def test_measurement_uncertainty_is_one_figure_with_bounds(text, surface, value, bounds, unit):
    claim = only(text)
    assert (claim.text, claim.quantity.unit) == (surface, unit)
    assert claim.quantity.value == pytest.approx(value)
    assert (claim.quantity.lower, claim.quantity.upper) == pytest.approx(bounds)


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("It is used four times per week.", "four times per week", 4, "1 / week"),
        ("Nurses visit three times a day.", "three times a day", 3, "1 / day"),
        ("The board meets twice a month.", "twice a month", 2, "1 / month"),
        ("The fair is held once every year.", "once every year", 1, "1 / year"),
        ("Patients take it 3 times/day.", "3 times/day", 3, "1 / day"),
    ],
)
def test_occurrences_per_span_of_time_are_frequencies(text, surface, value, unit):
    claim = only(text)
    assert (claim.text, claim.quantity.kind, claim.quantity.value, claim.quantity.unit) == \
        (surface, QuantityKind.physical, value, unit)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Sales rose three times in 2025.", "three times"),
        ("Prices were twice a year ago levels.", "twice"),
        ("Profit doubled a year earlier.", "doubled"),
    ],
)
def test_multiples_without_a_rate_stay_multiples(text, surface):
    claim = only(text)
    assert (claim.text, claim.quantity.kind) == (surface, QuantityKind.multiple)


def test_once_alone_is_no_figure():
    assert claims("Once the deal closes, shares will trade.") == []


def test_spaced_litre_symbol_measures_a_range():
    claim = only("I want 3 to 4 L of wine.")
    assert (claim.text, claim.quantity.unit, claim.quantity.lower, claim.quantity.upper) == \
        ("3 to 4 L", "liter", 3, 4)


@pytest.mark.parametrize(
    "text", ["The number 1/0 is not a valid value.", "The shop is open 24/7.", "They agreed a 50/50 split."]
)
def test_numbers_glued_to_a_slash_are_no_figures(text):
    assert claims(text) == []


def test_a_slashed_chain_is_left_to_the_other_readers():
    assert [claim.text for claim in claims("Ask for parts 3/17/40 today.")] == ["3", "17", "40"]


@pytest.mark.parametrize(
    ("text", "surface", "value", "currency"),
    [
        ("It costs one dollar and one and one point of your credit points.", "one dollar and one", 1.01, "USD"),
        ("It may need one kuai and five mao five.", "one kuai and five mao five", 1.55, "CNY"),
        ("A pint was two pounds fifty.", "two pounds fifty", 2.5, "GBP"),
        ("The stamp cost five pounds and twenty pence.", "five pounds and twenty pence", 5.2, "GBP"),
        ("Tickets were thirteen dollars forty five.", "thirteen dollars forty five", 13.45, "USD"),
    ],
)
def test_amounts_in_smaller_currency_units_join_the_whole(text, surface, value, currency):
    claim = next(c for c in claims(text) if c.quantity.kind is QuantityKind.money)
    assert (claim.text, claim.quantity.currency) == (surface, currency)
    assert claim.quantity.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("He paid ten dollars and three people left.", ["ten dollars", "three"]),
        ("The fish weighed five pounds.", ["five pounds"]),
        ("It cost $5 and 50 more later.", ["$5", "50"]),
        ("The bill was 100 yen 50.", ["100 yen", "50"]),
    ],
)
def test_bare_numbers_after_money_stay_apart_when_they_may_count_something_else(text, surfaces):
    assert [claim.text for claim in claims(text)] == surfaces


def test_pounds_alone_stay_a_weight():
    assert only("The fish weighed five pounds.").quantity.unit == "pound"


@pytest.mark.parametrize(
    ("text", "surface", "currency"),
    [
        ("the price ranges between c $ 16.4 million .", "c $ 16.4 million", "CAD"),
        ("the fund raised hk $ 5 billion .", "hk $ 5 billion", "HKD"),
        ("it paid a $ 5 fee .", "$ 5", "USD"),
        ("india ' s $ 10 billion contract .", "$ 10 billion", "USD"),
    ],
)
def test_letter_prefixed_dollar_signs_written_apart(text, surface, currency):
    claim = only(text)
    assert (claim.text, claim.quantity.currency) == (surface, currency)


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("The valve holds 101.3 kPa at rest.", "101.3 kPa", "kilopascal"),
        ("The beam reached 10 GeV last week.", "10 GeV", "gigaelectron_volt"),
        ("Each cell has 5 mm² of surface.", "5 mm²", "millimeter ** 2"),
        ("The link ran at two kb per second.", "two kb per second", "kilobit / second"),
        ("The length of my pencil is 2 in.", "2 in.", "inch"),
    ],
)
def test_si_symbols_spans_of_time_after_per_and_clause_final_inches(text, surface, unit):
    claim = only(text)
    assert (claim.text, claim.quantity.unit) == (surface, unit)


@pytest.mark.parametrize(
    "text", ["Meet me at 5 Am tomorrow.", "He scored 2 in, 3 out.", "It won 3 titles a second time."]
)
def test_words_that_look_like_units_stay_words(text):
    assert all(claim.quantity.unit is None for claim in claims(text))


@pytest.mark.parametrize(
    ("text", "units"),
    [
        # No scale named anywhere: a temperature, but no guess at Celsius or Fahrenheit.
        ("Temperatures hit 40 degrees on Monday.", ["degree_unstated_scale"]),
        ("It was 50 degrees Fahrenheit at dawn. Temperatures hit 60 degrees later.",
         ["degree_Fahrenheit", "degree_Fahrenheit"]),
        ("Paris saw 35°C on Monday. Temperatures hit 38 degrees on Tuesday.", ["degree_Celsius", "degree_Celsius"]),
        ("The car turned 180 degrees.", ["degree"]),
    ],
)
def test_bare_degrees_are_temperatures_only_in_sentences_about_temperature(text, units):
    assert [claim.quantity.unit for claim in claims(text)] == units


@pytest.mark.parametrize(
    ("text", "surface", "points"),
    [
        ("Ten-year gilt yields rose 8 basis points to 4.64 per cent.", "8 basis points", 0.08),
        ("The Fed cut rates by 25 bps.", "25 bps", 0.25),
        ("Spreads widened by 50bp in March.", "50bp", 0.5),
        ("The bank backed a quarter-point cut to 4 per cent.", "quarter-point", 0.25),
        ("It delivered a half-point rate cut.", "half-point", 0.5),
    ],
)
def test_basis_points_and_fractions_of_a_point_are_percentage_points(text, surface, points):
    claim = next(c for c in claims(text) if c.text == surface)
    assert claim.quantity.kind is QuantityKind.percentage_points
    assert claim.quantity.value == pytest.approx(points)


def test_hyphenated_words_that_only_start_with_a_fraction_are_no_figures():
    assert claims("Half-year results were strong; the quarter-final is next.") == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Borrowing was £7.5bn higher than a year earlier.", "£7.5bn", 7.5e9),
        ("Costs were $20m higher.", "$20m", 20e6),
    ],
)
def test_a_scale_after_a_currency_is_never_a_length(text, surface, value):
    claim = only(text)
    assert (claim.text, claim.quantity.value) == (surface, value)


def test_a_one_letter_scale_before_a_length_adjective_is_a_length():
    claim = only("The wall is 5m high.")
    assert (claim.quantity.value, claim.quantity.unit) == (5, "meter")


@pytest.mark.parametrize(
    ("text", "surface", "bounds"),
    [
        ("Dell raised its forecast and now expects revenue of $101 billion to $105 billion.",
         "$101 billion to $105 billion", (101e9, 105e9)),
        ("Analysts expect growth of 3 to 4 percent this year.", "3 to 4 percent", (3, 4)),
        ("Growth will be 3% to 4% this year.", "3% to 4%", (3, 4)),
        ("The unit could grow to $7 billion to $8 billion by 2028.", "$7 billion to $8 billion", (7e9, 8e9)),
        ("Unemployment among 16- to 24-year-olds rose.", "16- to 24-year", (16, 24)),
    ],
)
def test_a_level_after_a_change_word_can_still_be_a_range(text, surface, bounds):
    claim = next(c for c in claims(text) if c.quantity.is_range)
    assert claim.text == surface
    assert (claim.quantity.lower, claim.quantity.upper) == bounds


def test_a_change_to_a_level_is_still_two_figures():
    rate, level = claims("Revenue rose 12% to $60.9 billion.")
    assert not rate.quantity.is_range and not level.quantity.is_range
    assert [link.role for link in rate.links] == [LinkRole.rate_of]


@pytest.mark.parametrize("text", ["The committee voted six to three to hold rates.",
                                  "Palace won the final 1-0 on Saturday."])
def test_votes_and_scores_are_no_ranges(text):
    assert not any(claim.quantity.is_range for claim in claims(text))


def test_a_percentage_error_on_an_amount_is_relative_to_it():
    claim = only("The company expects revenue of $2.0 billion, plus or minus 5%, for the quarter.")
    assert claim.text == "$2.0 billion, plus or minus 5%"
    assert (claim.quantity.lower, claim.quantity.upper) == pytest.approx((1.9e9, 2.1e9))


@pytest.mark.parametrize(
    ("text", "surface", "value", "approximation"),
    [
        ("Prices fell to as low as minus €250 on Sunday.", "as low as minus €250", -250, Approximation.at_least),
        ("Tickets were cut to as little as $20.", "as little as $20", 20, Approximation.at_least),
        ("Yields rose as high as 5.2%.", "as high as 5.2%", 5.2, Approximation.at_most),
        ("The balance was minus $5 billion.", "minus $5 billion", -5e9, Approximation.exact),
    ],
)
def test_floors_ceilings_and_minus_before_a_currency(text, surface, value, approximation):
    claim = only(text)
    assert (claim.text, claim.quantity.value, claim.quantity.approximation) == (surface, value, approximation)


@pytest.mark.parametrize(
    "text",
    ["United paid £8.6m to former manager Erik ten Hag.", "Huawei will launch its Mate 80 series soon.",
     "Airlines ordered 150 Boeing 737 jets."],
)
def test_numbers_inside_names_are_no_figures(text):
    assert all(claim.text not in ("ten", "80", "737") for claim in claims(text))


@pytest.mark.parametrize("text", ["In May 80 people came.", "Only 80 people came.", "Apple had 12 stores and Samsung 15."])
def test_bare_numbers_after_names_that_do_not_name_them_stay(text):
    assert any(claim.quantity.value == value for claim in claims(text) for value in (80, 15))


@pytest.mark.parametrize("text", ["Kazakhstan pumped 1.8 million barrels a", "Output reached 5 tonnes per"])
def test_a_rate_joiner_ending_the_text_leaves_the_figure_in_its_unit(text):
    assert next(claim.quantity.kind.value for claim in claims(text)) == "physical"


def test_capacity_in_mtpa_converts_to_tonnes_per_year():
    from factcheck.units import ureg
    claim = next(c for c in claims("Qatar will lift capacity to 142 mtpa.") if c.text == "142 mtpa")
    tonnes_a_year = ureg.Quantity(claim.quantity.value, claim.quantity.unit).to("metric_ton / year").magnitude
    assert tonnes_a_year == pytest.approx(142e6)


@pytest.mark.parametrize(
    ("text", "surface", "value", "currency", "unit"),
    [
        ("The surplus fell to 90.07 billion dollars from 104.8 billion in September.", "104.8 billion", 104.8e9,
         "USD", None),
        ("Inflation rose to 3.2% from 2.9 a year earlier.", "2.9", 2.9, None, "percent"),
        ("Sales were $5bn, down from 4.1bn.", "4.1bn", 4.1e9, "USD", None),
    ],
)
def test_a_bare_number_compared_with_a_figure_takes_its_measure(text, surface, value, currency, unit):
    claim = next(c for c in claims(text) if c.text == surface)
    assert (claim.quantity.value, claim.quantity.currency, claim.quantity.unit) == (value, currency, unit)


def test_a_number_that_counts_something_else_keeps_its_own_measure():
    stores = next(c for c in claims("Revenue rose to $5 billion from 12 stores.") if c.text == "12")
    assert stores.quantity.currency is None and stores.quantity.kind is QuantityKind.count


@pytest.mark.parametrize("text", [
    "Apple shipped 80.0 million iPhones, up 4.7% from 76.4 million.",
    "Its shipments were down 3.1% from 76.4 million.",
    "Vivo took 8.4%, with 76.4 million.",
])
def test_the_level_a_rate_of_change_counts_from_is_no_rate(text):
    level = next(c for c in claims(text) if c.text == "76.4 million")
    assert (level.quantity.kind, level.quantity.unit) == (QuantityKind.count, None)


def test_a_year_earlier_after_a_unit_is_a_period_not_a_rate():
    base = claims("Cargo fell to 21,400 tonnes from 19,800 tonnes a year earlier.")[1]
    assert (base.text, base.quantity.unit) == ("19,800 tonnes", "metric_ton")
    assert only("Output was 5 million tonnes a year.").quantity.unit == "metric_ton / year"
