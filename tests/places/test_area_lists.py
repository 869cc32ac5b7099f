"""Names listed before an area's plural word ("Cooke, Grayson and Love counties")."""

from __future__ import annotations

import pytest
from conftest import changed, vocabulary_data
from pydantic import ValidationError

from gazetteer import Gazetteer, open_gazetteer
from geo.documents import Document
from geo.places.area_lists import AreaListsFile, listed_areas
from geo.places.find import find_places, resolve_spans


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


@pytest.mark.parametrize(
    ("text", "areas"),
    [
        ("Girls from Cooke, Grayson and Love counties will compete.",
         ["Cooke County", "Grayson County", "Love County"]),
        ("Roads closed in Marion and Polk Counties.", ["Marion County", "Polk County"]),
        ("Orleans and Jefferson parishes voted.", ["Orleans Parish", "Jefferson Parish"]),
        ("Allegheny, Butler, and Westmoreland counties", ["Allegheny County", "Butler County",
                                                          "Westmoreland County"]),
        # a name the gazetteer has no such area for is left to the rest of recognition
        ("Zzyzx and Polk counties", ["Polk County"]),
        # no list: one county written out, or the plural with nothing listed before it
        ("Cooke County commissioners met.", []),
        ("Both counties voted.", []),
        ("the counties of Texas", []),
    ],
)  # fmt: skip
def test_each_listed_name_is_the_area_with_the_word(
    text: str, areas: list[str], gazetteer: Gazetteer
) -> None:
    listed = list(listed_areas(text, gazetteer.candidates))
    assert [area.area_name for area in listed] == areas
    for area in listed:
        assert text[area.start : area.end] == area.area_name.rsplit(" ", 1)[0]
        assert all(c.feature_class.value == "admin2" for c in area.candidates)


@pytest.mark.parametrize(
    ("text", "surface", "admin1"),
    [
        # Oregon has both counties, and Salem lies in Marion County
        ("Flooding closed roads in Marion and Polk counties on Tuesday, and schools in Salem "
         "stayed shut.", "Salem", "US.OR"),
        ("Area girls from Cooke, Grayson and Love counties will get the chance to be queen "
         "at the Gainesville rodeo.", "Gainesville", "US.TX"),
    ],
)  # fmt: skip
def test_the_listed_counties_place_the_towns_of_the_story(
    text: str, surface: str, admin1: str, gazetteer: Gazetteer
) -> None:
    mentions = find_places(Document(id="d", text=text), gazetteer).mentions
    town = next(m for m in mentions if m.text == surface)
    entry = gazetteer.get(town.gazetteer_id or "", geometry=False)
    assert entry is not None and entry.admin1_code == admin1, town.reason
    county = next(m for m in mentions if m.feature_class == "admin2")
    assert county.reason.startswith("read as"), county.reason


def test_a_given_span_of_a_listed_name_is_the_area(gazetteer: Gazetteer) -> None:
    text = "Area girls from Cooke, Grayson and Love counties will compete in Gainesville."
    spans = [(text.index(name), text.index(name) + len(name)) for name in ("Cooke", "Love")]
    mentions = resolve_spans(Document(id="d", text=text), spans, gazetteer).mentions
    assert [(m.text, m.name) for m in mentions] == [
        ("Cooke", "Cooke County"),
        ("Love", "Love County"),
    ]


def test_a_plural_word_in_upper_case_is_refused() -> None:
    data = vocabulary_data("geo/places/area_lists.toml")
    with pytest.raises(ValidationError, match="not in lower case"):
        AreaListsFile.model_validate(changed(data, "plurals", {"Counties": "County"}))
