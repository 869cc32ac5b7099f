"""The back-off for given spans the gazetteer has no entry for (geo/places/backoff.py).

Invented sentences in the styles of web news (local crime and sport, politics, health,
business, travel): one table per rule, each row a span that no gazetteer key names and the
place it must end at (or none). Rows are checked through ``resolve_spans``, as gold-span
evaluation runs them, and each checks the rule its reason names.
"""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.model import Candidate
from geo.documents import Document
from geo.places.backoff import back_off, head_of, only_stop_words
from geo.places.find import resolve_spans
from geo.places.mentions import Mention


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def resolved(text: str, span: str, gazetteer: Gazetteer) -> Mention:
    """The mention of ``span`` (its first occurrence) when it is the only span given."""
    start = text.index(span)
    assert not gazetteer.candidates(span), f"{span!r} has entries: no case for the back-off"
    mentions = resolve_spans(Document(id="t", text=text), [(start, start + len(span))], gazetteer)
    [mention] = mentions.mentions
    assert mention.text == span and mention.reason
    return mention


# (text, span, the place's name, its feature class, its country)
NORMAL_FORMS = [
    ("Iowans head to the caucuses on Monday; candidates crisscrossed Des Moines all week.",
     "Iowans", "Iowa", "admin1", "US"),
    ("Coach Ryan told Kansans at a rally in Wichita that the season starts now.",
     "Kansans", "Kansas", "admin1", "US"),
    ("Thousands of Iraqis crossed into Syria last year, the UN refugee agency said.",
     "Iraqis", "Iraq", "country", "IQ"),
    ("Ontarians will pay more for hydro from May, the province announced in Toronto.",
     "Ontarians", "Ontario", "admin1", "CA"),
    ("Virginians braced for the storm as it turned toward Norfolk overnight.",
     "Virginians", "Virginia", "admin1", "US"),
    ("Pakistanis abroad sent home record remittances this year, the central bank said.",
     "Pakistanis", "Pakistan", "country", "PK"),
    ("Hundreds of thousands of Keralites work in the Gulf and send money home to Kochi.",
     "Keralites", "Kerala", "admin1", "IN"),
    ("The Gwinnett school board met Tuesday in Lawrenceville, Georgia, to vote on the budget.",
     "Gwinnett", "Gwinnett County", "admin2", "US"),
    ("Deputies said the crash happened in Loudon Co. late Friday, near Lenoir City.",
     "Loudon Co.", "Loudon County", "admin2", "US"),
    ("The Texas-based chain will close 40 stores, its Dallas office said.",
     "Texas-based", "Texas", "admin1", "US"),
    ("Iranian-backed militias fired rockets at the base overnight, the coalition said.",
     "Iranian-backed", "Iran", "country", "IR"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "span", "name", "feature_class", "country"), NORMAL_FORMS)
def test_a_normal_form_of_the_span_is_resolved(
    text: str, span: str, name: str, feature_class: str, country: str, gazetteer: Gazetteer
) -> None:
    mention = resolved(text, span, gazetteer)
    assert (mention.name, mention.feature_class, mention.country) == (name, feature_class, country)
    assert mention.reason.startswith("back-off, normal form")


# (text, span, the contained place's name, its country)
CONTAINED = [
    ("Flights resumed at Beirut International Airport after the strike, Lebanese officials said.",
     "Beirut International Airport", "Beirut", "LB"),
    ("Patients were moved from Gaza City's Shifa hospital, medics in Gaza said.",
     "Gaza City's Shifa hospital", "Gaza", "PS"),
    ("Home prices in South Los Angeles rose 4% this spring, brokers said.",
     "South Los Angeles", "Los Angeles", "US"),
    ("Fans filled the Manchester Arena for the final night; Manchester police made no arrests.",
     "Manchester Arena", "Manchester", "GB"),
    ("Crews dredged the Port of Los Angeles through the winter, the harbor commission said.",
     "Port of Los Angeles", "Los Angeles", "US"),
    # of two names as long, the more specific
    ("Students at the University of Texas at Austin marched on the state's capitol.",
     "University of Texas at Austin", "Austin", "US"),
    ("Lawmakers returned to the Texas State Capitol on Monday for a special session.",
     "Texas State Capitol", "Texas", "US"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "span", "name", "country"), CONTAINED)
def test_a_place_named_inside_the_span_is_taken(
    text: str, span: str, name: str, country: str, gazetteer: Gazetteer
) -> None:
    mention = resolved(text, span, gazetteer)
    assert (mention.name, mention.country) == (name, country)
    assert mention.reason.startswith("back-off, contained place")


def test_a_contained_name_the_text_uses_elsewhere_says_so(gazetteer: Gazetteer) -> None:
    text, span, _, _ = CONTAINED[3]
    assert span == "Manchester Arena"
    assert "a name the text uses elsewhere" in resolved(text, span, gazetteer).reason


# (text, span, the focus place's name, its country); no place inside the span's name, and
# none the text puts it in
AT_THE_FOCUS = [
    ("Firefighters in Lanesboro, Minnesota, were called out on Sunday. The blaze on Main "
     "Street was put out by noon. Lanesboro's mayor thanked them.", "Main Street",
     "Lanesboro", "US"),
    ("Chelan, Washington, is under a smoke warning, Chelan officials said. The Wolverine "
     "Creek fire grew overnight.", "Wolverine Creek", "Chelan", "US"),
    ("Police in Savannah, Georgia, made an arrest. Two victims were taken to Memorial "
     "Hospital.", "Memorial Hospital", "Savannah", "US"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "span", "name", "country"), AT_THE_FOCUS)
def test_a_facility_road_or_feature_is_placed_at_the_document_focus(
    text: str, span: str, name: str, country: str, gazetteer: Gazetteer
) -> None:
    mention = resolved(text, span, gazetteer)
    assert (mention.name, mention.country) == (name, country)
    assert mention.reason.startswith("back-off, document focus")
    assert "a guess" in mention.reason and mention.confidence <= 0.3


# (text, span, the town its sentence names nearest it, its country): before the document's
# focus, after a place the text puts it in
TOWN_BESIDE = [
    ("ASWAN, Egypt — Tourism is back in Egypt's south. Felucca captains in Aswan say boats "
     "to Elephantine Island are full, and cruise ships fill the quays of Luxor.",
     "Elephantine Island", "Aswān", "EG"),
    # a town abroad the sentence compares it with is no town beside it
    ("KOCHI, India — Monsoon tourism is up. In Alappuzha, houseboats crowd Vembanad Lake, "
     "which brochures liken to Venice.", "Vembanad Lake", "Alappuzha", "IN"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "span", "name", "country"), TOWN_BESIDE)
def test_a_facility_road_or_feature_is_placed_at_the_town_its_sentence_names(
    text: str, span: str, name: str, country: str, gazetteer: Gazetteer
) -> None:
    mention = resolved(text, span, gazetteer)
    assert (mention.name, mention.country) == (name, country)
    assert mention.reason.startswith("back-off, town named beside it")
    assert "a guess" in mention.reason and mention.confidence == 0.4


# (text, span, the place the text puts it in, its country): before the document's focus
PLACED_AFTER = [
    ("Two victims were taken to Memorial Hospital in Savannah, Georgia, police said.",
     "Memorial Hospital", "Savannah", "US"),
    ("Traffic backed up for miles on Interstate 95 outside Baltimore, Maryland, after a crash "
     "near Baltimore.", "Interstate 95", "Baltimore", "US"),
    # a road is named for where it leads: Oxford Street is no street of Oxford
    ("Shoppers crowded Oxford Street in London on Boxing Day.", "Oxford Street", "London", "GB"),
    # a word never read alone is no town inside a facility's name
    ("Fans packed Liberty Stadium in Memphis, Tennessee, for the bowl game.",
     "Liberty Stadium", "Memphis", "US"),
    # the place named after it, not the document's focus
    ("Floods hit Nigeria after the release of water from the Lagdo Dam in neighbouring "
     "Cameroon. Nigeria's Benue and Kogi states were worst hit.", "Lagdo Dam", "Cameroon", "CM"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "span", "name", "country"), PLACED_AFTER)
def test_a_facility_road_or_feature_is_placed_where_the_text_puts_it(
    text: str, span: str, name: str, country: str, gazetteer: Gazetteer
) -> None:
    mention = resolved(text, span, gazetteer)
    assert (mention.name, mention.country) == (name, country)
    assert mention.reason.startswith("back-off, named place after it")
    assert mention.confidence == 0.5


# Spans the back-off must leave unanswered
NO_ANSWER = [
    # the text's places agree on no focus
    ("The rally on Main Street drew tourists from Paris, Tokyo, Lagos and Lima.", "Main Street"),
    # no head word, no qualifier, no postal place in the text's country: "Indian" is no
    # reading of the name, nor is India; the only postal Kremlins are towns of the US
    ("Officials in the Kremlin said Moscow and St Petersburg would host the talks.",
     "Kremlin"),
    ("Holidays in Provence, between Avignon and Marseille, cost more this year.", "Provence"),
    # a qualifier or an area's generic word is no place: not Western Province, nor "Area"
    ("Westerners were told to leave the capital within a week.", "Westerners"),
    ("Rents in the Bay Area rose again, a survey of tenants found.", "Bay Area"),
    # a lone article, and nothing but stop words
    ("They walked to the market near the bridge in Springfield.", "the"),
    ("Sales of the new phone rose in Dallas.", "of the"),
    # a lower-case compound is no place's adjective
    ("The well-known chef opened a bistro in Dallas.", "well-known"),
]  # fmt: skip


# (text, span, the postal place's country): a village no entry names, in the country most of
# the text's places lie in
POSTAL_PLACES = [
    ("Racing returned to Cartmel on Monday; crowds came from Kendal and Lancaster.",
     "Cartmel", "GB"),
    ("Residents of Indian Orchard, a Springfield neighbourhood, met on Monday.",
     "Indian Orchard", "US"),
    ("Fishermen in Auchmithie, north of Arbroath, landed a record catch of lobster.",
     "Auchmithie", "GB"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "span", "country"), POSTAL_PLACES)
def test_a_village_no_entry_names_is_the_postal_place_of_the_text_s_country(
    text: str, span: str, country: str, gazetteer: Gazetteer
) -> None:
    mention = resolved(text, span, gazetteer)
    assert (mention.country, mention.feature_class) == (country, "city"), mention.reason
    assert "postal place" in mention.reason and mention.confidence < 0.5


def test_a_name_read_far_off_is_the_postal_place_of_the_text_s_country(
    gazetteer: Gazetteer,
) -> None:
    """ "Irishtown" is a town of Canada and an alternate name of one of the United States: in
    a story from Tasmania, neither, but the Tasmanian village of GeoNames' postal codes."""
    text = (
        "Floods cut roads around Irishtown and Edith Creek, south of Smithton and Wynyard in "
        "Tasmania."
    )
    start = text.index("Irishtown")
    assert gazetteer.candidates("Irishtown")
    [mention] = resolve_spans(Document(id="t", text=text), [(start, start + 9)], gazetteer).mentions
    assert (mention.country, round(mention.lat or 0), round(mention.lon or 0)) == ("AU", -41, 145)
    assert "postal place" in mention.reason


def test_a_town_of_some_size_the_resolver_weighed_takes_no_postal_village(
    gazetteer: Gazetteer,
) -> None:
    """ "Vichy" in a story from Ohio stays the French town or nothing, never a village of
    Missouri that GeoNames' postal codes list."""
    text = "Students from Ohio toured Verdun and Vichy this summer, returning to Columbus."
    start = text.index("Vichy")
    [mention] = resolve_spans(Document(id="t", text=text), [(start, start + 5)], gazetteer).mentions
    assert mention.country in (None, "FR") and "postal" not in mention.reason


@pytest.mark.parametrize(("text", "span"), NO_ANSWER)
def test_no_back_off_answer(text: str, span: str, gazetteer: Gazetteer) -> None:
    assert not resolved(text, span, gazetteer).resolved


def test_a_contained_place_far_from_every_other_place_of_a_text_with_no_focus_is_none(
    gazetteer: Gazetteer,
) -> None:
    """ "Stone Town" in a story from Zanzibar is no Stone of England, though the text's places
    (Tanzania's, Kenya's) agree on no focus."""
    text = (
        "Ferries from Dar es Salaam and Mombasa now dock at a new terminal in Stone Town, the "
        "old quarter of Zanzibar."
    )
    names = ["Dar es Salaam", "Mombasa", "Stone Town", "Zanzibar"]
    assert not gazetteer.candidates("Stone Town")
    spans = [(text.index(name), text.index(name) + len(name)) for name in names]
    mentions = resolve_spans(Document(id="t", text=text), spans, gazetteer).mentions
    stone_town = next(m for m in mentions if m.text == "Stone Town")
    assert not stone_town.resolved
    assert (
        "far from every other place" in stone_town.reason
        or "another continent than every other place" in stone_town.reason
        or "a country no other place of the text is in" in stone_town.reason
    )


def test_a_contained_town_of_a_country_the_text_names_nowhere_else_is_none(
    gazetteer: Gazetteer,
) -> None:
    """ "the Change Islands" in a story with places of Canada, Germany and Japan is no Changé
    of France, though Germany lies near it and no focus leads."""
    text = (
        "Visitors from Ontario, Germany and Japan take the ferry from Farewell to the Change "
        "Islands."
    )
    names = ["Ontario", "Germany", "Japan", "Change Islands"]
    spans = [(text.index(name), text.index(name) + len(name)) for name in names]
    mentions = resolve_spans(Document(id="t", text=text), spans, gazetteer).mentions
    islands = next(m for m in mentions if m.text == "Change Islands")
    assert islands.country != "FR"
    assert "a country no other place of the text is in" in islands.reason


@pytest.mark.parametrize(
    ("text", "span", "country"),
    [
        ("Officers of the E. Lansing Police Department arrested two men.",
         "E. Lansing Police Department", "US"),
        ("Doctors at the Boston U. Medical Center treated the runners.",
         "Boston U. Medical Center", "US"),
        ("The N.E. Portland Community Center reopened on Monday.",
         "N.E. Portland Community Center", "US"),
    ],
)  # fmt: skip
def test_a_side_s_or_a_university_s_letter_is_no_initial(
    text: str, span: str, country: str, gazetteer: Gazetteer
) -> None:
    assert resolved(text, span, gazetteer).country == country


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("American Airlines flights from Miami and New York land at Clayton J. Lloyd "
         "International Airport.", "Clayton J. Lloyd International Airport", "Clayton"),
        ("The ferry from Nevis docks near Vance W. Amory International Airport in Newcastle.",
         "Vance W. Amory International Airport", "Amory"),
        ("Fans from Kingstown flew out of E.T. Joshua Airport for the Test in Barbados.",
         "E.T. Joshua Airport", "Joshua"),
    ],
)  # fmt: skip
def test_a_name_beside_initials_is_a_person_s_no_contained_place(
    text: str, span: str, name: str, gazetteer: Gazetteer
) -> None:
    """An airport named for a person: "Clayton J. Lloyd" holds no Clayton or Lloyd of the
    United States, "Vance W. Amory" no Amory, Mississippi."""
    assert gazetteer.candidates(name)
    assert "contained place" not in resolved(text, span, gazetteer).reason


def test_a_rewritten_name_read_as_a_town_far_from_every_other_place_is_none(
    gazetteer: Gazetteer,
) -> None:
    """ "the Ramis and Coata rivers" in a story from Puno: "Ramis" rewritten as a people's
    name of "Ram" reads a town of Palestine, 12,000 km off."""
    text = (
        "Mining waste is carried down the Ramis and Coata rivers from Juliaca and Puno, and "
        "Lima has promised new plants."
    )
    names = ["Ramis", "Juliaca", "Puno", "Lima"]
    spans = [(text.index(name), text.index(name) + len(name)) for name in names]
    ramis = resolve_spans(Document(id="t", text=text), spans, gazetteer).mentions[0]
    assert not ramis.resolved
    assert "far from every other place" in ramis.reason


@pytest.mark.parametrize(
    "span", ["the", "The", "THE", "a", "an", "of the", "the of", "and", "in the", "its", "de la"]
)
def test_stop_words_never_get_an_answer(span: str, gazetteer: Gazetteer) -> None:
    def everything(name: str) -> list[Candidate]:  # a gazetteer that knows every word
        return gazetteer.candidates("Paris")

    assert only_stop_words(span)
    assert back_off(span, everything, {span.lower()}) is None
    assert head_of(span) is None


@pytest.mark.parametrize(
    ("span", "head"),
    [
        ("Beirut International Airport", ("airport", "facility")),
        ("Memorial Hospital", ("hospital", "facility")),
        ("Interstate 95", ("interstate", "road")),
        ("University of Texas", ("university", "facility")),
        ("Madison Twp.", ("twp", "organisation")),
        ("Neches River", ("river", "feature")),
        ("St. Marc", None),  # "St." opens a saint's name more often than it closes a street
        ("Lanexa", None),
    ],
)
def test_head_words(span: str, head: tuple[str, str] | None) -> None:
    assert head_of(span) == head
