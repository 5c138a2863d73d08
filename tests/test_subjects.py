"""Who a figure is about, who reports it, and which figures one statement links: names, sources and links."""

from datetime import date

import pytest

import factcheck
from factcheck.models import AttributionKind, LinkRole

PUBLISHED = date(2025, 6, 1)


def claims(text):
    return factcheck.extract(text, published=PUBLISHED)


def first(text):
    return claims(text)[0]


def roles(text):
    """(figure, role, linked figure) of every link in the text."""
    found = claims(text)
    by_id = {claim.id: claim.text for claim in found}
    return {(claim.text, link.role, by_id[link.target]) for claim in found for link in claim.links}


# -- institutions' names ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The Office for National Statistics said GDP grew 0.2 per cent in March.", "Office for National Statistics"),
        ("The Bank of England expects growth of 1 per cent this year.", "Bank of England"),
        ("The Institute for Fiscal Studies said borrowing was £20 billion.", "Institute for Fiscal Studies"),
        ("Installed capacity grew 31%, the Ministry of New and Renewable Energy said.",
         "Ministry of New and Renewable Energy"),
        ("Reserves rose $4.7 billion, the Office of the Comptroller said.", "Office of the Comptroller"),
    ],
)
def test_an_institution_s_name_holds_its_connecting_words(text, source):
    assert first(text).attribution.source == source


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("The European Union imposed tariffs of 35%.", "European Union"),
        ("The European Central Bank held rates at 2%.", "European Central Bank"),
        ("The People's Bank of China cut the rate to 3.1%.", "People's Bank of China"),
        ("The Bank of Japan raised rates to 0.5%.", "Bank of Japan"),
        # Connectors join only an institution's name: two companies stay two names.
        ("Apple and Samsung shipped 40 million phones.", "Samsung"),
    ],
)
def test_institutions_are_named_whole(text, subject):
    assert first(text).subject == subject


def test_a_person_of_a_company_is_no_institution_s_name():
    claim = first("Lucas Zhong of Canalys expects 5% growth.")
    assert (claim.subject, claim.attribution.source) == ("Lucas Zhong", "Canalys")


# -- who is not the subject ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        # An agency or an analyst measuring an economy or a market reports figures that are not its own.
        "GDP grew 5.2 percent in the first three quarters, the NBS said.",
        "Borrowing was £20 billion, the Office for National Statistics said.",
        "Installed capacity grew 31%, the Ministry of New and Renewable Energy said.",
        "Apple's rivals held 20% of the market, Canalys said.",
    ],
)
def test_an_observer_reporting_a_figure_is_not_its_subject(text):
    claim = first(text)
    assert claim.attribution.kind is AttributionKind.source
    assert claim.subject is None or claim.subject == "Apple"


def test_an_observer_s_initials_name_it_later():
    text = ("The Office for National Statistics said GDP grew 0.2 per cent in March. "
            "Separate ONS data showed that borrowing reached £20.2bn in May.")
    borrowing = claims(text)[-1]
    assert (borrowing.attribution.source, borrowing.subject) == ("ONS", None)


def test_a_person_named_with_a_title_after_the_name_is_no_reporting_company():
    claim = first("Prices could move 5%, said Laura Page, a gas analyst at consultancy Northsea Insight.")
    assert (claim.attribution.source, claim.subject) == ("Laura Page", None)


def test_a_company_reporting_its_own_figures_stays_their_subject():
    assert first("Revenue fell 5%, Tata Motors said.").subject == "Tata Motors"


def test_who_hears_a_statement_is_not_its_subject():
    claim = first("Helen Miller told the BBC that borrowing was £20 billion higher.")
    assert claim.subject != "BBC"
    assert claim.attribution.source == "Helen Miller"


def test_a_name_in_a_relative_clause_is_not_the_main_clause_s_subject():
    assert first("Vivo, which overtook Transsion to become the fourth-largest, had 9%.").subject == "Vivo"


def test_a_name_in_an_apposition_is_not_the_subject():
    claim = first("Voltera Motors, the California-based EV maker, registered 112,000 vehicles in Europe.")
    assert claim.subject == "Voltera Motors"


def test_a_dash_after_a_place_opens_no_apposition():
    found = claims("Markets were calm. SYDNEY — The Reserve Bank of Australia held its cash rate at 3.85 per cent, "
                   "defying markets that had priced a roughly 90 per cent chance of a cut.")
    assert [claim.subject for claim in found] == ["Reserve Bank of Australia"] * 2


def test_the_speaker_is_the_name_before_an_apposition():
    claim = first("Nordavia Group, the Scandinavian airline group, said it carried 3.42 million passengers.")
    assert claim.attribution.source == "Nordavia"


def test_a_month_after_a_name_is_no_part_of_it():
    assert first("Nordavia July passenger numbers rose 7% on a year earlier.").subject == "Nordavia"


def test_a_figure_inside_a_relative_clause_keeps_its_subject():
    assert first("Samsung said Apple, which sold 5 million phones, gained share.").subject in ("Apple", None)


def test_a_name_in_a_later_contrasting_statement_is_not_the_subject():
    assert first("Revenue rose 12% to $60.9 billion, while current RPO increased 9%.").subject is None


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # A name in the next clause is about something else ...
        ("Kestrel reported a loss of $2.4 billion, as write-downs at its Arizona foundry mounted.", "Kestrel"),
        # ... unless the speaker's report goes on about it.
        ("Omar Reid said the £420 million wage bill was sustainable, and that Northbridge met the rules.",
         "Northbridge"),
    ],
)
def test_a_name_after_the_figure_is_its_subject_only_within_its_statement(text, subject):
    assert first(text).subject == subject


@pytest.mark.parametrize(
    "text",
    [
        "SEATTLE (Reuters) - Amazon said revenue rose 10% to $60 billion.",
        "BEIJING, Nov. 7 (Xinhua) -- Amazon said revenue rose 10% to $60 billion.",
        "LONDON — Amazon said revenue rose 10% to $60 billion.",
    ],
)
def test_a_wire_dateline_names_no_subject(text):
    assert {claim.subject for claim in claims(text)} == {"Amazon"}


def test_capitals_later_in_the_article_are_no_dateline():
    text = "Revenue rose 5%, the company said.\n\n" * 4 + "NVIDIA - the chipmaker - said sales rose 3%."
    assert claims(text)[-1].subject == "NVIDIA"


# -- who is the source --------------------------------------------------------------------------------------

def test_a_name_inside_a_quotation_is_not_who_says_it():
    claim = first('"Discounts of up to 2,530 yuan paid off for Apple," said Lucas Zhong.')
    assert claim.attribution.source == "Lucas Zhong"
    assert claim.subject == "Apple"


@pytest.mark.parametrize(
    ("text", "source", "verb"),
    [
        ("Inflation was 3.5%, the ONS added.", "ONS", "added"),
        ("The IFS added that borrowing would be £20 billion higher.", "IFS", "added"),
        ("The IFS warned that borrowing would be £20 billion higher.", "IFS", "warned"),
        ("BBC Sport understands the fee is £50m.", "BBC Sport", "understands"),
        ("The company took a $4.5 billion charge and said profit fell 10%.", "The company", "said"),
        ("Separately, Dell Technologies on Thursday raised its outlook, and said revenue would be $101 billion.",
         "Dell Technologies", "said"),
        ("Shares fell 5%, citing the Commerce Department.", "Commerce Department", "citing"),
    ],
)
def test_reporting_verbs_name_their_speaker(text, source, verb):
    attribution = first(text).attribution
    assert (attribution.kind, attribution.source, attribution.verb) == (AttributionKind.source, source, verb)


@pytest.mark.parametrize(
    "text",
    [
        "Exports rose 5%, citing robust exports.",  # a reason, not a source
        "US employers added 228,000 jobs in March.",  # 'added' counts here
    ],
)
def test_no_source_is_named(text):
    assert first(text).attribution.kind is AttributionKind.none


# -- links --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "unlinked"),
    [
        ("The wage bill was £300m, down from £350m a year earlier, while net debt climbed to £650m, the club said.",
         ("£350m", "£650m")),
        ("Revenue rose 12% to $60.9 billion from $50.9 billion, while current RPO increased 12% to $29.6 billion.",
         ("$50.9 billion", "$29.6 billion")),
        ("The rate fell from 5% to 4%, and inflation rose from 3% to 4.5%.", ("4%", "3%")),
    ],
)
def test_a_change_does_not_link_across_statements(text, unlinked):
    linked = {(a, b) for a, _, b in roles(text)}
    assert unlinked not in linked and unlinked[::-1] not in linked


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Goldman Sachs raised its forecast for China's 2025 GDP growth to 5 percent from 4.6 percent.",
         ("4.6 percent", LinkRole.change_from, "5 percent")),
        ("The wage bill was £300m, down from £350m a year earlier, the club said.",
         ("£350m", LinkRole.change_from, "£300m")),
        ("The rate fell to 3.2% in March, down from 3.5% in February.", ("3.5%", LinkRole.change_from, "3.2%")),
        ("Revenue rose 12% to $60.9 billion from $50.9 billion.",
         ("$50.9 billion", LinkRole.change_from, "$60.9 billion")),
        ("The group carried 3.42 million passengers in July, up 7% from 3.20 million a year earlier.",
         ("3.20 million", LinkRole.change_from, "3.42 million")),
        ("Its share was 41%, up about 2 points from 39%.", ("39%", LinkRole.change_from, "41%")),
    ],
)
def test_a_change_within_one_statement_is_linked(text, link):
    assert link in roles(text)
