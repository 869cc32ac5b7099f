"""A country's adjective before "capital" places an event in its capital city."""

from __future__ import annotations

import datetime as dt

import pytest

from gazetteer import Gazetteer, open_gazetteer
from geo.documents import Document
from geo.events.capitals import capital_of, with_capitals_named_by_adjective
from geo.events.model import LocationPrecision
from geo.pipeline import extract_events
from geo.places.find import find_places


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


@pytest.mark.parametrize(
    ("code", "capital"),
    [("SY", "Damascus"), ("AF", "Kabul"), ("LY", "Tripoli"), ("YE", "Sanaa"), ("US", "Washington")],
)
def test_capital_of_a_country(code: str, capital: str, gazetteer: Gazetteer) -> None:
    city = capital_of(gazetteer, code)
    assert city is not None and city.country_code == code and capital in city.name


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("A suicide bomber killed 12 people in the Afghan capital on Monday.", "Kabul"),
        ("Clashes erupted in the Libyan capital overnight.", "Tripoli"),
        ("Gunmen shot dead a judge in the Iraqi capital's Mansour district.", "Baghdad"),
    ],
)
def test_the_adjectives_capital_is_the_capital_city(
    text: str, place: str, gazetteer: Gazetteer
) -> None:
    document = Document(id="wire", text=text, published=dt.date(2020, 7, 28))
    (event, *_) = extract_events([document], gazetteer).events
    assert event.location.name == place
    assert event.location.precision == LocationPrecision.CITY
    assert "capital" in event.location.reason


def test_a_relation_to_the_capital_is_anchored_on_the_city(gazetteer: Gazetteer) -> None:
    text = "A bomb exploded near a shrine south of the Syrian capital, killing six people."
    document = Document(id="wire", text=text, published=dt.date(2020, 7, 28))
    event = extract_events([document], gazetteer).events[0]
    assert event.location.precision == LocationPrecision.ZONE
    assert event.location.name == "south of Damascus"


@pytest.mark.parametrize(
    "text",
    [
        "Syrian forces shelled Idlib on Monday.",  # whose forces
        "The Syrian capital markets fell as rockets hit Idlib.",  # not the city
        "The Syrian capital market fell.",
        "He faces the Syrian capital punishment law.",
    ],
)
def test_other_uses_of_the_adjective_are_no_capital(text: str, gazetteer: Gazetteer) -> None:
    mentions = find_places(Document(id="wire", text=text), gazetteer).mentions
    read = with_capitals_named_by_adjective(text, mentions, gazetteer)
    assert read == mentions and any(m.text == "Syrian" for m in read)
