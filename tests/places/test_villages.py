"""Villages in running text: a name no entry has, read as a postal place of the text's country
only where the text introduces it as a place."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer, open_gazetteer
from geo.documents import Document
from geo.places.find import find_places, person_names
from geo.places.recognition import NoPersonNames
from geo.places.villages import _a_village_name, _introduced_names


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def _villages(text: str, gazetteer: Gazetteer) -> list[tuple[str, str | None]]:
    mentions = find_places(Document(id="d", text=text), gazetteer).mentions
    return [
        (m.text, m.country)
        for m in mentions
        if m.gazetteer_id is not None and m.gazetteer_id.startswith("postal:")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after a place preposition or a settlement's noun
        ("Residents of Glenridding were clearing mud after the floods in Cumbria. The road "
         "between Glenridding and Patterdale near Penrith was closed.",
         [("Glenridding", "GB"), ("Glenridding", "GB"), ("Patterdale", "GB")]),
        # in a list with a place the text names, one after another
        ("Officials in Mound City, Ullin and Tamms in Illinois hope to attract warehouses.",
         [("Ullin", "US"), ("Tamms", "US")]),
        # before a place the text names, after a comma
        ("Trains stop short of Stranraer. \"People see Drummore, Scotland as the end of the "
         "line,\" said a café owner.", [("Drummore", "GB")]),
    ],
)  # fmt: skip
def test_a_village_the_text_introduces(
    text: str, expected: list[tuple[str, str]], gazetteer: Gazetteer
) -> None:
    assert _villages(text, gazetteer) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a name the text does not introduce as a place
        "Glenridding said the council had failed the town of Penrith in Cumbria.",
        # a possessive, a common surname, a month, a road: no village
        "Shoppers in Penrith, Cumbria, went to Turner's and to Smith for their groceries.",
        "The vote in Penrith, Cumbria, takes place in March.",
        "Crews worked near State Road in Penrith, Cumbria.",
        # a headline's words are all capitalised
        "Floods Hit Penrith as Residents of Glenridding Clear Mud\n\nThe river rose overnight.",
        # no place of the text says which country's village it would be
        "Residents of Glenridding were clearing mud.",
        # a person who speaks, a company in apposition, a namesake far from the text's places
        "In Tokyo, Takaichi said Japan would raise defence spending.",
        "The plant belonged to Cemex, Mexico's biggest cement maker, in Monterrey.",
        "Workers at Disney in Orlando, Florida went on strike.",
    ],
)
def test_no_village_without_an_introduction(text: str, gazetteer: Gazetteer) -> None:
    assert _villages(text, gazetteer) == []


def test_a_village_s_reason_says_how_the_text_introduced_it(gazetteer: Gazetteer) -> None:
    text = "Floods hit Penrith in Cumbria and residents of Glenridding cleared mud."
    mentions = find_places(Document(id="d", text=text), gazetteer).mentions
    (village,) = [m for m in mentions if m.text == "Glenridding"]
    assert village.reason is not None
    assert village.reason.startswith('a village the text introduces as a place (after "of")')
    assert "postal place" in village.reason
    assert village.confidence < 0.5


@pytest.mark.parametrize(
    ("text", "name", "read", "how"),
    [
        ("Residents of Glenridding were clearing mud.", "Glenridding", [], 'after "of"'),
        ("the road near Polbain", "Polbain", [], 'after "near"'),
        ("Officials in Mound City, Ullin and Tamms", "Ullin", ["Mound City"],
         "listed after a place"),
        ("Ullin and Mound City", "Ullin", ["Mound City"], "listed before a place"),
        ("Drummore, Scotland", "Drummore", ["Scotland"], "before a place, after a comma"),
        ("Ullin and Tamms", "Tamms", [], None),  # "Ullin" was read as no place
        ("Polbain said", "Polbain", [], None),
    ],
)  # fmt: skip
def test_how_a_name_is_introduced(text: str, name: str, read: list[str], how: str | None) -> None:
    spans = sorted((text.index(place), text.index(place) + len(place)) for place in read)
    start = text.index(name)
    found = [
        h for s, e, h in _introduced_names(text, spans) if (s, e) == (start, start + len(name))
    ]
    assert found[:1] == ([how] if how else [])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Glenridding", True),
        ("Gedney Drove End", True),
        ("Freiston Shore", True),  # a feature's word may close a village's name
        ("Turner's", False),
        ("Smith", False),  # a common surname
        ("John Gedney", False),  # a given name before another word
        ("March", False),  # never a place alone
        ("State Road", False),  # a road's word
        ("Bellslea Park", False),  # a facility's word
    ],
)
def test_a_village_name(name: str, expected: bool, gazetteer: Gazetteer) -> None:
    assert _a_village_name(name, person_names(gazetteer)) is expected


def test_without_a_person_lexicon_a_name_is_judged_by_its_words_alone() -> None:
    assert _a_village_name("Smith", NoPersonNames())
    assert not _a_village_name("Smith's", NoPersonNames())
