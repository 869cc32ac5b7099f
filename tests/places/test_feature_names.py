"""Names of natural features and parks found by their generic word ("Lizard Island")."""

from __future__ import annotations

import pytest
from conftest import changed, vocabulary_data
from pydantic import ValidationError

from gazetteer import Gazetteer, open_gazetteer
from geo.documents import Document
from geo.places.feature_names import FeatureNamesFile, feature_names
from geo.places.find import find_places, person_names


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Researchers diving on Lizard Island said the water was warmer than in any year.",
         ["Lizard Island"]),
        ("Fishermen working in the Gulf of Maine said the catch had moved north this year.",
         ["Gulf of Maine"]),
        ("The ferry crosses the Strait of Juan de Fuca twice a day in the summer season.",
         ["Strait of Juan de Fuca"]),
        ("Climbers set out for Mount Elgon and the crater lake at dawn on the first day.",
         ["Mount Elgon"]),
        ("Workers at Shannon Airport and in the city cannot find homes to rent this year.",
         ["Shannon Airport"]),
        ("The drought hit farms in the Barossa Valley and vineyards along the Murray banks.",
         ["Barossa Valley"]),
        # a possessor is no part of the name; a possessive after it is none either
        ("Thousands were ordered out of homes in British Columbia's Okanagan Valley on the day.",
         ["Okanagan Valley"]),
        ("The reefs of Lizard Island's lagoon were bleached for a third summer running now.",
         ["Lizard Island"]),
        # an abbreviated saint's name and a connector belong to it
        ("Ships wait at the mouth of the St. Lawrence River for the ice to clear in the spring.",
         ["St. Lawrence River"]),
        # a sentence's first common word is not ("after" is written in lower case elsewhere)
        ("After Lizard Island, the boat went on to the outer reef after a short stop there.",
         ["Lizard Island"]),
        ("Residents of Orchid Island were stranded when the ferries stopped for the storm.",
         ["Orchid Island"]),
        # what goes on capitalised after the generic word is an organisation's name
        ("The collapse of Silicon Valley Bank shook the lenders of the whole region that week.",
         []),
        ("Deann is a graduate of Mount Pleasant High School and attended a college in the north.",
         []),
        ("She spoke to the Laguna Lake Development Authority about the hyacinth in the water.",
         []),
        # a given name before a word that is also a common surname is a person's name
        ("The body was found by a neighbour, said Angela Hill, a public information officer.",
         []),
        ("The body was found by Mary Ann Hill, a teacher, who said she had called the police.",
         []),
        # a sentence's first preposition is no part of the name
        ("Off Lizard Island, the divers found the reef bleached by the summer heat this year.",
         ["Lizard Island"]),
        # an opening word's name going on into an institution's is the institution's
        ("Deann attended Mount Holyoke College and then a college in the north of the state.",
         []),
        # a headline in title case is left to recognition
        ("Floods Hit Mekong Delta Farms As Rains Continue\n\nThe rains went on for a week.", []),
    ],
)  # fmt: skip
def test_feature_names_are_found_whole(text: str, names: list[str], gazetteer: Gazetteer) -> None:
    found = list(feature_names(text, person_names(gazetteer)))
    assert [name for _, _, name in found] == names
    assert all(text[start:end] == name for start, end, name in found)


@pytest.mark.parametrize(
    ("text", "surface", "near"),
    [
        # "Island" alone had been Iceland's own name, 15,000 km off
        ("Scientists diving on Lizard Island, off Cairns, said the water was warm this year.",
         "Lizard Island", (-16.9, 145.8)),
        # "Saylorville" is a town beside its lake; "Lake" alone had been nothing
        ("Boaters were warned off Saylorville Lake, north of Des Moines, after the storms.",
         "Saylorville Lake", (41.7, -93.6)),
    ],
)  # fmt: skip
def test_a_feature_the_gazetteer_lacks_is_placed_by_the_back_off(
    text: str, surface: str, near: tuple[float, float], gazetteer: Gazetteer
) -> None:
    mentions = find_places(Document(id="d", text=text), gazetteer).mentions
    feature = next(m for m in mentions if m.text == surface)
    assert feature.lat is not None and feature.lon is not None, feature.reason
    assert abs(feature.lat - near[0]) < 1.0 and abs(feature.lon - near[1]) < 1.0, feature.reason
    assert feature.reason.startswith("back-off"), feature.reason
    assert not any(m.country == "IS" for m in mentions)


def test_a_country_or_a_people_s_adjective_before_a_feature_is_its_owner(
    gazetteer: Gazetteer,
) -> None:
    text = ("Refiners on the US Gulf Coast raised their prices, and shippers working on the "
            "Chinese Yangtze River said that trade was slower this year.")  # fmt: skip
    mentions = find_places(Document(id="d", text=text), gazetteer).mentions
    assert [m.text for m in mentions] == ["US", "Gulf Coast", "Chinese", "Yangtze River"]


def test_a_known_feature_keeps_its_recognised_reading(gazetteer: Gazetteer) -> None:
    text = "Russia warned that jets flying west of the Euphrates River would be targets."
    mentions = find_places(Document(id="d", text=text), gazetteer).mentions
    assert [(m.text, m.feature_class) for m in mentions] == [
        ("Russia", "country"),
        ("Euphrates River", "river"),
    ]


def test_a_closing_word_in_upper_case_is_refused() -> None:
    data = vocabulary_data("geo/places/feature_names.toml")
    with pytest.raises(ValidationError, match="not in lower case"):
        FeatureNamesFile.model_validate(changed(data, "closing.0", "River"))
