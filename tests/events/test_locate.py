"""Event location: the most specific place the text supports for an event, never more.

Sentences follow the patterns of agency copy; each row says where a coder would put the
event and how precise that is. Spatial relations and reported speech run through the whole
pipeline, since what matters is what :func:`geo.pipeline.extract_events` outputs.
"""

from __future__ import annotations

import datetime as dt
import re
from types import ModuleType
from typing import Any

import pytest
import shapely
from conftest import DELETE, changed, module_with_vocabulary, vocabulary_data
from pydantic import ValidationError
from shapely.geometry import Point, box, shape

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.geodesy import AREA_WITHOUT_OUTLINE_KM, great_circle_km
from gazetteer.model import FeatureClass
from geo.documents import Document
from geo.events import locate
from geo.events.locate import (
    CITY_UNCERTAINTY_KM,
    PRECISION_BY_CLASS,
    SPECIFICITY,
    LocationsFile,
    article_focus,
    is_locative,
    is_modifier,
    location_from_country,
    locations_in_span,
    radius_km,
)
from geo.events.model import Event, EventLocation, LocationPrecision
from geo.events.taxonomy import TAXONOMY, EventType
from geo.pipeline import extract_events
from geo.places.find import find_places
from geo.places.mentions import Mention, MentionKind

PUBLISHED = dt.date(2019, 8, 14)
CITY, COUNTRY, ADMIN1 = LocationPrecision.CITY, LocationPrecision.COUNTRY, LocationPrecision.ADMIN1
WATER, REGION, ZONE = (
    LocationPrecision.WATER_BODY,
    LocationPrecision.REGION,
    LocationPrecision.ZONE,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def _events(text: str, gazetteer: Gazetteer) -> list[Event]:
    document = Document(id="wire", text=text, published=PUBLISHED)
    return extract_events([document], gazetteer).events


def _only(events: list[Event], event_type: EventType) -> Event:
    found = [event for event in events if event.event_type == event_type]
    assert len(found) == 1, [(e.event_type, e.location.name) for e in events]
    return found[0]


def _mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    return find_places(Document(id="wire", text=text), gazetteer).mentions


def _mention(mentions: list[Mention], text: str, occurrence: int = 0) -> Mention:
    return [m for m in mentions if m.text == text][occurrence]


# -- which place, how precise ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "event_type", "country", "name", "precision"),
    [
        # clause place beats the sentence's other places
        ("Rebels shelled army positions in Hama on Sunday, while jets bombed villages in Idlib.",
         EventType.SHELLING, "SY", "Ḩamāh", CITY),
        ("Rebels shelled army positions in Hama on Sunday, while jets bombed villages in Idlib.",
         EventType.AIR_STRIKE, "SY", "Idlib", CITY),
        # sentence place beats the article's focus (Iraq)
        ("Violence has surged across Iraq this year. Gunmen killed two policemen on Tuesday "
         "and wounded three others; the attack took place in Kirkuk.",
         EventType.KILLING, "IQ", "Kirkuk", CITY),
        ("Protesters marched through central Baghdad on Friday; police arrested dozens of them.",
         EventType.ARREST, "IQ", "Baghdad", CITY),
        # the article's focus when the sentence names nothing
        ("Violence has surged across Iraq this year. Gunmen killed two policemen on Tuesday.",
         EventType.KILLING, "IQ", "Iraq", COUNTRY),
        # actors' places are not locations: Iraqi troops, Moscow
        ("Iraqi troops clashed with Islamic State militants in Mosul on Monday.",
         EventType.ARMED_CLASH, "IQ", "Mosul", CITY),
        ("Moscow said its jets bombed rebel positions in Idlib on Monday.",
         EventType.AIR_STRIKE, "SY", "Idlib", CITY),
        # "US warplane" says whose, not where: the target's country places the event
        ("A US warplane shot down a Syrian jet on Sunday.",
         EventType.SHOOT_DOWN, "SY", "Syria", COUNTRY),
        # ... but the paragraph's place before it outranks that guess
        ("Rockets struck a base in Haditha on Wednesday. A US contractor was killed.",
         EventType.KILLING, "IQ", "Ḩadīthah", CITY),
        # a demonym names a place only with a place noun: "in Syrian airspace"
        ("Syrian air defences shot down an Israeli drone in Syrian airspace on Monday.",
         EventType.SHOOT_DOWN, "SY", "Syria", COUNTRY),
        # "in Yemen" after the target is still where it happened; the target itself where
        # the gazetteer knows it ("Hodeidah", a spelling of Al Hudaydah)
        ("Saudi-led coalition jets bombed the port of Hodeidah in Yemen on Sunday.",
         EventType.AIR_STRIKE, "YE", "Al Ḩudaydah", CITY),
        # "strikes on X": the place hit, not a topic
        ("Government forces retaliated with air strikes on Saraqib.",
         EventType.AIR_STRIKE, "SY", "Saraqib", CITY),
        ("Turkey has conducted air strikes on Kurdish militants in northern Iraq since 2015.",
         EventType.AIR_STRIKE, "IQ", "northern Iraq", ZONE),
        ("Turkey has conducted air strikes on Kurdish militants in Iraq since 2015.",
         EventType.AIR_STRIKE, "IQ", "Iraq", COUNTRY),
        # the side of a country that otherwise only says whose ("DR Congo attack")
        ("Suspected rebels kill 10 in east DR Congo attack.",
         EventType.KILLING, "CD", "eastern Democratic Republic of the Congo", ZONE),
        # water bodies and regions
        ("Russian and NATO warships held naval exercises in the Black Sea on Monday.",
         EventType.MILITARY_EXERCISE, None, "Black Sea", WATER),
        ("Somali pirates attacked a tanker in the Gulf of Aden on Monday.",
         EventType.ATTACK, None, "Gulf of Aden", WATER),
        ("Israeli jets struck targets in the Golan Heights on Tuesday.",
         EventType.AIR_STRIKE, None, "Golan Heights", REGION),
        ("Militants attacked an army checkpoint in the Sinai Peninsula on Wednesday.",
         EventType.ATTACK, None, "Sinai Peninsula", REGION),
        # a headline's city before the event noun is where, not who
        ("Mogadishu Explosions Target Federal Govt Soldiers",
         EventType.BOMBING, "SO", "Mogadishu", CITY),
        # a capital that opens the sentence may be any word ("Tank", a town of Pakistan):
        # the place the sentence introduces comes first
        ("Tank damage and casualties among the regular forces in Idlib",
         EventType.KILLING, "SY", "Idlib", CITY),
        # "as well as" opens a clause of its own: the shelling is not west of Daraa
        ("The regime forces target Harasta and clashes in the west of Daraa as well as "
         "casualties by shelling on Deir Ezzor countryside",
         EventType.SHELLING, "SY", "Dayr Az Zawr", ADMIN1),
        # a title-cased headline's place before a capitalised noun
        ("Taliban Key Commander Killed in Laghman Clash",
         EventType.KILLING, "AF", "Mehtar Lām", CITY),
        # a name before a noun says whose ("Cumhuriyet" the newspaper, a town of the name):
        # the place is where the text puts the event
        ("On 31 October 2016, police detained Cumhuriyet editor-in-chief Murat Sabuncu and "
         "a dozen journalists in Istanbul.", EventType.ARREST, "TR", "Istanbul", CITY),
        # a place in a clause about a person says who they were, not where they were killed
        ("On 21 July 2023, gunmen shot dead Moayad Hameidi, a Jordanian who headed the World "
         "Food Programme's office in Taiz, in the town of Al-Turbah in Taiz province.",
         EventType.KILLING, "YE", "At Turbah", CITY),
        ("On 3 May 2019, a teacher who taught in Aleppo was shot dead in Saraqib.",
         EventType.KILLING, "SY", "Saraqib", CITY),
        # where people were going is not where the event is
        ("A Turkish military convoy passed through Antakya on Sunday on its way to the "
         "Cilvegozu border crossing and Syria's Idlib province.",
         EventType.DEPLOYMENT, "TR", "Antakya", CITY),
        ("A Turkish military convoy entered Idlib province on Sunday on its way to Saraqib.",
         EventType.DEPLOYMENT, "SY", "Idlib", ADMIN1),
        # ... though not where they went by a road through the event's place
        ("A bus bound for Quetta was attacked in Mastung district on Tuesday.",
         EventType.ATTACK, "PK", "Mastung", CITY),
        ("Thousands of residents fled to escape the fighting in El Fasher on Monday.",
         EventType.ARMED_CLASH, "SD", "El Fasher", CITY),
        # ... though a clause about the attackers may say where they struck
        ("On 3 May 2019, gunmen who stormed a house in Saraqib killed two men.",
         EventType.KILLING, "SY", "Saraqib", CITY),
        ("Gunmen who stormed a hotel in Mogadishu on Friday killed 10 people, a police officer "
         "in Baidoa told Reuters.", EventType.KILLING, "SO", "Mogadishu", CITY),
    ],
)  # fmt: skip
def test_event_location(
    text: str,
    event_type: EventType,
    country: str | None,
    name: str,
    precision: LocationPrecision,
    gazetteer: Gazetteer,
) -> None:
    location = _only(_events(text, gazetteer), event_type).location
    assert (location.name, location.precision) == (name, precision)
    if country is not None:
        assert location.country == country
    assert location.reason


@pytest.mark.parametrize(
    "text",
    [
        "The US military statement said it acted in self-defence and the US did not seek a fight.",
        "A top Russian diplomat condemned the United States on Monday.",
    ],
)
def test_country_as_a_party_is_not_the_place(text: str, gazetteer: Gazetteer) -> None:
    """A bare country name is a speaker or a target, not where the event happened."""
    for event in _events(text, gazetteer):
        assert "in the event's" not in event.location.reason, event.location


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("On 6 November 2016, the SDF launched Operation Wrath of the Euphrates, advancing on "
         "ISIS positions in Ar-Raqqa countryside.", "Ar Raqqah"),
        ("On 24 August 2016, Turkish tanks crossed into Syria in Operation Euphrates Shield, "
         "shelling ISIS positions in Jarabulus.", "Jarābulus"),
    ],
)  # fmt: skip
def test_a_place_in_an_operation_name_is_not_the_place(
    text: str, place: str, gazetteer: Gazetteer
) -> None:
    locations = [event.location for event in _events(text, gazetteer)]
    assert locations and all(location.feature_class != "river" for location in locations)
    assert any(location.name == place for location in locations)


@pytest.mark.parametrize(
    ("text", "not_place"),
    [
        # a relationship's parties
        ("Iran's Revolutionary Guards shot down a US drone over Hormozgan province, a sharp "
         "escalation in tensions between Tehran and Washington.", "Tehran"),
        # where people went
        ("On 2 December 2016, rebel fighters left At Tall for Idleb on government buses under "
         "a local settlement, handing the town over to SAA control.", "Idlib"),
        ("On 19 July 2019, IRGC naval forces seized the tanker Stena Impero in the Strait of "
         "Hormuz and escorted it to Bandar Abbas.", "Bandar Abbas"),
        # the framework an event is done under
        ("On 5 February 2018, a TSK convoy set up an observation point near Al Eis under the "
         "Astana de-escalation arrangement.", "Astana"),
    ],
)  # fmt: skip
def test_a_party_a_destination_or_a_framework_is_not_the_place(
    text: str, not_place: str, gazetteer: Gazetteer
) -> None:
    locations = [event.location for event in _events(text, gazetteer)]
    assert locations and all(location.name != not_place for location in locations), locations


def test_no_place_at_all_says_so(gazetteer: Gazetteer) -> None:
    event = _only(_events("Gunmen killed two policemen on Tuesday.", gazetteer), EventType.KILLING)
    assert event.location.precision == LocationPrecision.UNKNOWN
    assert (event.location.lat, event.location.lon) == (None, None)
    assert "no place" in event.location.reason


# -- radius per class --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("geometry", "feature_class", "low", "high"),
    [
        (None, "city", CITY_UNCERTAINTY_KM, CITY_UNCERTAINTY_KM),
        (None, "country", CITY_UNCERTAINTY_KM, CITY_UNCERTAINTY_KM),
        (Point(36.0, 35.0), "admin1", CITY_UNCERTAINTY_KM, CITY_UNCERTAINTY_KM),
        (box(36.0, 35.0, 37.0, 36.0), "city", CITY_UNCERTAINTY_KM, CITY_UNCERTAINTY_KM),
        (shapely.Polygon(), "country", CITY_UNCERTAINTY_KM, CITY_UNCERTAINTY_KM),
        # one degree square at 35° N: ~10,150 km² → radius ~57 km
        (box(36.0, 35.0, 37.0, 36.0), "admin1", 50.0, 65.0),
        # a tiny polygon never gets a radius under the city default
        (box(36.0, 35.0, 36.001, 35.001), "admin1", CITY_UNCERTAINTY_KM, CITY_UNCERTAINTY_KM),
        # a river: half its length, at least 25 km
        (shapely.LineString([(38.0, 36.0), (40.0, 35.0)]), "river", 100.0, 130.0),
        (shapely.LineString([(38.0, 36.0), (38.01, 36.0)]), "river", 25.0, 25.0),
    ],
)
def test_radius_km(
    geometry: shapely.Geometry | None, feature_class: str, low: float, high: float
) -> None:
    assert low <= radius_km(geometry, feature_class) <= high


@pytest.mark.parametrize(
    ("code", "low", "high"),
    [("SY", 300.0, 550.0), ("US", 2000.0, 3000.0), ("LB", 40.0, 150.0), ("RU", 2500.0, 5000.0)],
)
def test_country_radius_grows_with_its_area(
    gazetteer: Gazetteer, code: str, low: float, high: float
) -> None:
    location = location_from_country(gazetteer, code, "test")
    assert location is not None
    assert location.precision == COUNTRY
    assert location.uncertainty_km is not None and low <= location.uncertainty_km <= high


@pytest.mark.parametrize("entry_id", ["country:SY", "country:IQ", "country:CL", "admin1:SY.12",
                                      "admin1:IQ.10", "admin1:YE.22", "admin1:US.CA"])
def test_area_radius_covers_the_main_body(gazetteer: Gazetteer, entry_id: str) -> None:
    """An event placed at an area is somewhere in it: the circle holds all its main land
    (Chile and California are long: a circle of equal area would miss their ends)."""
    index = gazetteer.index_of(entry_id)
    assert index is not None
    entry, geometry = gazetteer.entry(index, geometry=False), gazetteer.geometry(index)
    parts = sorted(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
    far = max(
        great_circle_km(entry.lat, entry.lon, lat, lon)
        for lon, lat in shapely.get_coordinates(parts[-1].exterior)
    )
    assert far - 0.1 <= gazetteer.radius_km(index) <= far * 1.1 + 1  # rounded to 0.1 km


def test_admin2_without_outline_covers_its_cities() -> None:
    assert radius_km(None, "admin2", spread_km=60.0) == 60.0 + CITY_UNCERTAINTY_KM
    assert radius_km(None, "admin2", spread_km=3.0) == AREA_WITHOUT_OUTLINE_KM
    assert radius_km(None, "admin2") == CITY_UNCERTAINTY_KM  # nothing known: a point


def test_unknown_country_has_no_location(gazetteer: Gazetteer) -> None:
    assert location_from_country(gazetteer, "XX", "test") is None


@pytest.mark.parametrize(
    ("text", "event_type", "precision", "low", "high"),
    [
        ("Iraqi troops clashed with militants in Mosul on Monday.",
         EventType.ARMED_CLASH, CITY, CITY_UNCERTAINTY_KM, CITY_UNCERTAINTY_KM),
        ("Russian warplanes have bombed rebel positions in Syria since 2015.",
         EventType.AIR_STRIKE, COUNTRY, 300.0, 550.0),
        # placed at its western basin's pole of inaccessibility, the Black Sea reaches the
        # Sea of Azov's far shore 880 km away
        ("Russian and NATO warships held naval exercises in the Black Sea on Monday.",
         EventType.MILITARY_EXERCISE, WATER, 400.0, 950.0),
        ("Israeli jets struck targets in the Golan Heights on Tuesday.",
         EventType.AIR_STRIKE, REGION, 10.0, 60.0),
    ],
)  # fmt: skip
def test_uncertainty_follows_the_place(
    text: str,
    event_type: EventType,
    precision: LocationPrecision,
    low: float,
    high: float,
    gazetteer: Gazetteer,
) -> None:
    location = _only(_events(text, gazetteer), event_type).location
    assert location.precision == precision
    assert location.uncertainty_km is not None and low <= location.uncertainty_km <= high


# -- the building blocks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "modifier", "locative"),
    [
        ("A US warplane shot down a jet.", "US", True, False),
        ("The USA -backed forces advanced.", "USA", True, False),
        ("Drone strike kills two in Somalia - residents", "Somalia", False, True),  # a dash
        # a headline in title case capitalises the noun a name modifies
        ("Somalia Intelligence Involved in U.S. Drone Attack - Official", "U.S.", True, True),
        ("Shelling resumed in Syria Monday, and Turkish forces replied.", "Syria", False, True),
        ("Syria tensions rose.", "Syria", True, False),
        ("Jets flew over Syria on Monday.", "Syria", False, True),
        ("Clashes in northern Iraq killed five.", "Iraq", False, True),
        ("Protesters marched through central Baghdad.", "Baghdad", False, True),
        ("Russia said it would respond.", "Russia", False, False),
        ("Talks on Syria resumed.", "Syria", False, False),
        # a locative phrase's place noun and "of": the name after it is where
        ("Drones came down in the Mouawad neighbourhood of Beirut.", "Beirut", False, True),
        # ... or an administrative word, and a side of the place
        ("Gunmen shot them as they drove through the Pasdaran district of Tehran.", "Tehran",
         False, True),
        ("Gunmen seized them in the Dora district of southern Baghdad.", "Baghdad", False, True),
        ("A shell hit the southern suburbs of Beirut.", "Beirut", False, False),
        # ACLED's admin areas in parentheses are where, as after "in"
        ("Shells hit Al-Jineh village (Atareb, Aleppo).", "Aleppo", False, True),
    ],
)  # fmt: skip
def test_modifier_and_locative(
    text: str, place: str, modifier: bool, locative: bool, gazetteer: Gazetteer
) -> None:
    mention = _mention(_mentions(text, gazetteer), place)
    assert (is_modifier(text, mention), is_locative(text, mention)) == (modifier, locative)


@pytest.mark.parametrize(
    ("text", "over_the_province"),
    [
        # a small seat's bare name may mean its province: the point stays, the radius grows
        ("Over 20 Houthi rebels were killed in fighting in Marib on Monday.", True),
        ("Two young people were killed by a landmine in Al-Quneitra on Monday.", True),
        # called the town, or ACLED's town with its areas, it is the town
        ("Over 20 Houthi rebels were killed in fighting in Marib city on Monday.", False),
        ("Over 20 Houthi rebels were killed in fighting in the city of Marib on Monday.", False),
        ("Over 20 Houthi rebels were killed in fighting in Marib (Marib, Marib) on Monday.", False),
        # a large seat's name is the city
        ("Two young people were killed by a landmine in Idlib on Monday.", False),
    ],
)  # fmt: skip
def test_a_small_seat_named_like_its_province_may_mean_the_province(
    text: str, over_the_province: bool, gazetteer: Gazetteer
) -> None:
    location = _events(text, gazetteer)[0].location
    assert location.precision == LocationPrecision.CITY
    assert location.uncertainty_km is not None
    assert (location.uncertainty_km > 30.0) == over_the_province, location.reason
    assert ("the uncertainty covers it" in location.reason) == over_the_province


def locate_in_span(*args: Any, **kwargs: Any) -> EventLocation | None:
    """The event's own location: the first of :func:`locations_in_span`."""
    return next(iter(locations_in_span(*args, **kwargs)), None)


def test_locate_in_span_scopes(gazetteer: Gazetteer) -> None:
    """A clause with no place finds none; the sentence's locative place is found."""
    text = "Gunmen killed two policemen on Tuesday; the attack took place in Kirkuk."
    mentions = _mentions(text, gazetteer)
    clause_end = text.index(";")
    trigger = text.index("killed")
    in_clause = locate_in_span(text, mentions, 0, clause_end, trigger, gazetteer, "clause")
    assert in_clause is None
    in_sentence = locate_in_span(
        text, mentions, 0, len(text), trigger, gazetteer, "sentence", locative_only=True
    )
    assert in_sentence is not None and in_sentence.name == "Kirkuk"
    assert "sentence" in in_sentence.reason


def test_locate_in_span_skips_actor_phrases(gazetteer: Gazetteer) -> None:
    text = "Syrian regime forces shelled Kafr Nabl."
    mentions = _mentions(text, gazetteer)
    trigger = text.index("shelled")
    actor = (0, text.index(" shelled"))
    found = locate_in_span(
        text, mentions, 0, len(text), trigger, gazetteer, "clause", actor_spans=[actor]
    )
    assert found is not None and found.country == "SY" and found.precision == CITY


def test_locate_in_span_prefers_the_most_specific_place(gazetteer: Gazetteer) -> None:
    text = "Jets bombed a market in Idlib in northwest Syria."
    mentions = _mentions(text, gazetteer)
    found = locate_in_span(text, mentions, 0, len(text), 5, gazetteer, "clause")
    assert found is not None and found.name == "Idlib"


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        ("Clashes in Syria. Fighting in Aleppo. Washington said it was concerned.", "SY"),
        ("A US warplane and a US drone flew. Jets struck targets in Iraq.", "IQ"),
        ("Nothing happened anywhere.", None),
        ("", None),
        # the dateline's country outweighs a demonym ("Palestinian refugee camp")...
        ("SIDON, Lebanon - Fighting resumed in a Palestinian refugee camp.", "LB"),
        # ... but not a country the text names as where ("BEIRUT (Reuters)" for Syria)
        ("BEIRUT, Lebanon (Reuters) - Jets struck targets in Syria on Monday.", "SY"),
    ],
)
def test_article_focus(text: str, focus: str | None, gazetteer: Gazetteer) -> None:
    found = article_focus(text, _mentions(text, gazetteer) if text else [])
    assert (found.country if found else None) == focus


# -- spatial relations become zones on events ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "event_type", "relation", "inside", "outside"),
    [
        ("Pro-government forces shelled rebel-held villages west of Aleppo on Sunday.",
         EventType.SHELLING, "west_of", (36.10, 36.80), (36.20, 37.60)),
        ("Israeli jets struck Hezbollah positions near Damascus on Tuesday.",
         EventType.AIR_STRIKE, "near", (33.45, 36.35), (34.73, 36.72)),
        ("Islamic State fighters attacked Iraqi troops 20 km north of Mosul on Monday.",
         EventType.ATTACK, "offset", (36.52, 43.13), (36.34, 43.13)),
        ("Government forces shelled villages between Hama and Idlib on Sunday.",
         EventType.SHELLING, "between", (35.50, 36.70), (33.51, 36.29)),
        ("Government forces shelled villages east of the Tigris in Iraq on Sunday.",
         EventType.SHELLING, "east_of", (33.75, 45.0), (33.0, 42.0)),
        ("The US-led coalition bombed Islamic State positions along the Euphrates in Syria "
         "on Friday.", EventType.AIR_STRIKE, "along", (35.336, 40.141), (33.51, 36.29)),
        # a road's ends are no place of the event: it is somewhere on the road
        ("Lebanese protesters blocked the Tripoli-Akkar road on Monday.",
         EventType.PROTEST, "road", (34.46, 35.87), (33.89, 35.50)),
        # ... and a relation that says more comes first
        ("An IED hit a convoy on the Aleppo-Damascus highway near Saraqeb on Monday.",
         EventType.BOMBING, "near", (35.86, 36.80), (33.51, 36.29)),
    ],
)  # fmt: skip
def test_spatial_relation_becomes_a_zone(
    text: str,
    event_type: EventType,
    relation: str,
    inside: tuple[float, float],
    outside: tuple[float, float],
    gazetteer: Gazetteer,
) -> None:
    event = _only(_events(text, gazetteer), event_type)
    assert event.zone is not None
    assert event.zone.relation == relation
    assert event.location.precision == ZONE
    zone = shape(event.zone.geometry)
    assert zone.is_valid and not zone.is_empty
    assert zone.contains(Point(inside[1], inside[0]))
    assert not zone.contains(Point(outside[1], outside[0]))
    assert event.location.lat is not None and event.location.lon is not None
    assert zone.contains(Point(event.location.lon, event.location.lat))
    assert event.zone.text and event.zone.text in text


@pytest.mark.parametrize(
    ("text", "event_type", "name"),
    [
        ("On 17 October 2017, Iraqi army units took over Mosul Dam after Peshmerga forces "
         "withdrew.", EventType.TERRITORY_CAPTURE, "Mosul"),
        ("Rockets hit Balad air base on Sunday.", EventType.MISSILE_STRIKE, "Balad"),
        # an airport within 30 km; a facility's name read as an organisation is still where
        # the event is
        ("A drone struck Erbil airport on Monday.", EventType.AIR_STRIKE, "Erbil"),
        ("Rockets hit Baghdad International Airport on Sunday.", EventType.MISSILE_STRIKE,
         "Baghdad"),
    ],
)  # fmt: skip
def test_a_site_named_for_a_town_is_placed_around_it(
    text: str, event_type: EventType, name: str, gazetteer: Gazetteer
) -> None:
    location = _only(_events(text, gazetteer), event_type).location
    assert location.name == name
    assert location.uncertainty_km is not None and location.uncertainty_km >= 30
    assert "a site named for it" in location.reason


@pytest.mark.parametrize(
    ("text", "event_type", "name"),
    [
        # a town named for a site, and sites at or by their town, keep the town's radius
        ("A shooting in Beaver Dam, Wisconsin killed two people on Sunday.", EventType.KILLING,
         "Beaver Dam"),
    ],
)  # fmt: skip
def test_a_site_at_its_town_keeps_the_town_s_radius(
    text: str, event_type: EventType, name: str, gazetteer: Gazetteer
) -> None:
    location = _only(_events(text, gazetteer), event_type).location
    assert (location.name, location.uncertainty_km) == (name, CITY_UNCERTAINTY_KM)


def test_an_offset_s_radius_reaches_back_to_the_place_named(gazetteer: Gazetteer) -> None:
    text = "Islamic State fighters attacked Iraqi troops 40 km north of Mosul on Monday."
    location = _only(_events(text, gazetteer), EventType.ATTACK).location
    assert location.lat is not None and location.lon is not None
    assert location.uncertainty_km is not None
    mosul = gazetteer.candidates("Mosul")[0]
    km_to_mosul = great_circle_km(location.lat, location.lon, mosul.lat, mosul.lon)
    assert 35 < km_to_mosul <= location.uncertainty_km


def test_a_measured_distance_outranks_a_road_from_its_end(gazetteer: Gazetteer) -> None:
    text = ("On 23 March 2021, a landmine exploded under a pick-up truck beside the desert road "
            "between al-Mayadin and Palmyra, about 15 km west of al-Mayadin, killing three.")
    event = _only(_events(text, gazetteer), EventType.BOMBING)
    assert event.zone is not None and event.zone.distance_km == 15, event.location.reason


def test_a_measured_distance_from_elsewhere_outranks_nothing(gazetteer: Gazetteer) -> None:
    text = ("On 5 May 2021, gunmen attacked a checkpoint near Kidal, killing two soldiers who "
            "had driven from a base 30 km north of Gao.")
    event = _only(_events(text, gazetteer), EventType.ATTACK)
    assert event.zone is not None and event.zone.relation == "near", event.location.reason


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a town the event's clause names after the trigger, before a relation, is where
        ("On 25 August 2016, Iraqi forces regained Qayyarah from ISIS after clashes south of "
         "Mosul.", "Al Qayyārah"),
        ("On 17 November 2017, Iraqi forces recaptured Rawa after an offensive along the "
         "Euphrates.", "Rāwah"),
        # ... and one an apposition places by the relation
        ("On 18 August 2020, ISWAP fighters entered Kukawa (Kukawa, Kukawa, Borno), a town "
         "near Lake Chad, and took control of it.", "Kukawa"),
    ],
)  # fmt: skip
def test_a_town_named_before_a_relation_is_the_event_s_place(
    text: str, name: str, gazetteer: Gazetteer
) -> None:
    event = _only(_events(text, gazetteer), EventType.TERRITORY_CAPTURE)
    assert (event.location.name, event.zone) == (name, None), event.location.reason


@pytest.mark.parametrize(
    "text",
    [
        # the site hit is a place, not a party: its town is where, before the relation
        "On 4 January 2020, Katyusha rockets hit Balad air base north of Baghdad.",
        "On 4 January 2020, rockets struck the Balad airbase, north of Baghdad.",
    ],
)
def test_a_site_hit_is_at_its_town(text: str, gazetteer: Gazetteer) -> None:
    strike = _only(_events(text, gazetteer), EventType.MISSILE_STRIKE)
    assert (strike.location.name, strike.zone) == ("Balad", None), strike.location.reason


def test_a_relation_before_the_trigger_gives_way_to_a_town_after_it(
    gazetteer: Gazetteer,
) -> None:
    """ "angered by strikes near al-Qaim, supporters broke into the embassy in Baghdad": the
    relation says where the strikes were, the town where the break-in was."""
    text = (
        "On 31 December 2019, angered by US air strikes on Kata'ib Hizballah near al-Qaim, "
        "thousands of PMF supporters broke into the US embassy in Baghdad, setting fires."
    )
    events = _events(text, gazetteer)
    strike = _only(events, EventType.AIR_STRIKE)
    assert strike.zone is not None and strike.zone.relation == "near"
    others = [event for event in events if event.event_type != EventType.AIR_STRIKE]
    assert others and all(event.location.name == "Baghdad" for event in others)


def test_the_anchor_of_another_relation_is_no_town_of_the_event(gazetteer: Gazetteer) -> None:
    """ "near Dumayr, east of Damascus": Damascus places the first relation, not the event."""
    text = (
        "On 7 April 2016, IS fighters stormed a cement plant near Dumayr, east of Damascus, "
        "and seized some 300 workers."
    )
    event = _only(_events(text, gazetteer), EventType.ABDUCTION)
    assert event.zone is not None and event.zone.relation == "near", event.location.reason


def test_a_side_of_an_area_is_not_cut_to_another_country(gazetteer: Gazetteer) -> None:
    """ "near the Syrian border in the northern Bekaa": the northern half of the Bekaa, not
    the sliver of it a coarse Syrian outline overlaps."""
    text = "Suicide bombers struck the village of al-Qaa near the Syrian border in the northern "
    text += "Bekaa."
    event = _events(text, gazetteer)[0]
    location = event.location
    assert event.zone is not None and location.country == "LB"
    assert location.lat is not None and location.lon is not None
    assert location.uncertainty_km is not None and location.uncertainty_km > 30.0
    al_qaa = (34.35, 36.38)
    assert great_circle_km(location.lat, location.lon, *al_qaa) <= location.uncertainty_km


# -- negation and reported speech never become a past attack --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The army denied that it shelled the village of Kafr Nabl on Sunday.",
        "Russia's defence ministry denied that its jets bombed a hospital in Idlib.",
        "Rebels said they did not attack the convoy near Aleppo.",
        "Russia has no plans to bomb targets in Idlib, the Kremlin said.",
        "Israel did not carry out air strikes on Damascus on Sunday, the military said.",
        "The Pentagon denied reports that US jets bombed a school near Raqqa.",
        "Russian planes could target US jets flying west of the Euphrates, analysts said.",
        "The army said it would strike rebel positions in Idlib.",
        "Turkey threatened to bomb Kurdish militias near Manbij.",
        "Turkey said it would strike Kurdish militias east of the Euphrates.",
    ],
)
def test_negation_and_reported_speech_are_no_past_attack(text: str, gazetteer: Gazetteer) -> None:
    for event in _events(text, gazetteer):
        assert not TAXONOMY[event.event_type].violent, (event.event_type, text)


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("The army said it would strike rebel positions near Idlib.", "near"),
        ("Turkey said it would strike Kurdish militias east of the Euphrates in Syria.",
         "east_of"),
    ],
)  # fmt: skip
def test_a_threat_carries_its_zone(text: str, relation: str, gazetteer: Gazetteer) -> None:
    event = _only(_events(text, gazetteer), EventType.THREAT)
    assert event.zone is not None and event.zone.relation == relation


def test_per_document_memo_answers_for_the_text_asked_about() -> None:
    from geo.events.locate import _per_document

    calls: list[tuple[str, int]] = []

    @_per_document
    def char_at(text: str, index: int) -> str:
        calls.append((text, index))
        return text[index]

    first, second = "in Syria", "near Aleppo"
    assert [char_at(first, 3), char_at(first, 3), char_at(second, 3), char_at(first, 3)] == [
        "S",
        "S",
        "r",
        "S",
    ]
    assert calls == [(first, 3), (second, 3), (first, 3)]  # one document's answers kept


# -- vocabulary: locations.toml ----------------------------------------------------------------
LOCATIONS = vocabulary_data("geo/events/locations.toml")


def locate_with(data: dict[str, Any]) -> ModuleType:
    """locate.py run afresh on ``data`` in place of its data file."""
    return module_with_vocabulary(locate, LocationsFile.model_validate(data))


def test_the_shipped_locations_file_is_valid() -> None:
    vocabulary = LocationsFile.model_validate(LOCATIONS)
    classes = {c.value for c in FeatureClass}
    assert set(PRECISION_BY_CLASS) == set(SPECIFICITY) == classes
    assert {str(c): p for c, p in vocabulary.precision_by_class.items()} == PRECISION_BY_CLASS
    assert PRECISION_BY_CLASS["river"] is LocationPrecision.WATER_BODY
    assert SPECIFICITY["city"] < SPECIFICITY["admin1"] < SPECIFICITY["country"]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (changed(LOCATIONS, "precision_by_class.town", "city"), "Input should be 'continent'"),
        (changed(LOCATIONS, "precision_by_class.sea", "ocean"), "Input should be 'point'"),
        (changed(LOCATIONS, "precision_by_class.lake", DELETE), "no entry for lake"),
        (changed(LOCATIONS, "specificity.city", -1), "greater than or equal to 0"),
        (changed(LOCATIONS, "specificity.region", DELETE), "no entry for region"),
        (changed(LOCATIONS, "words.topic", ["on", "about", "on"]), "listed more than once: on"),
        (changed(LOCATIONS, "words.attack_nouns", ["strikes?", "raids?("]),
         "not a regular expression"),
        (changed(LOCATIONS, "words.locative", ["in", "(at|by)"]), "has a capturing group"),
        (changed(LOCATIONS, "words.demonym_place_nouns", ["Airspace"]), "not in lower case"),
        (changed(LOCATIONS, "words.colours", ["red"]), "Extra inputs are not permitted"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)  # fmt: skip
def test_a_malformed_locations_file_is_refused(data: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(problem)):
        LocationsFile.model_validate(data)


def _added(key: str, word: str) -> dict[str, Any]:
    return changed(LOCATIONS, f"words.{key}", [*LOCATIONS["words"][key], word])


@pytest.mark.parametrize(
    ("data", "text", "place", "shipped", "edited"),
    [
        pytest.param(_added("locative", "beyond"), "Jets flew beyond Syria.", "Syria",
                     (False, False), (False, True), id="a-locative-word"),
        pytest.param(_added("not_a_modifier_before", "struck"), "Iraq struck targets.", "Iraq",
                     (True, False), (False, False), id="a-word-after-a-subject"),
    ],
)  # fmt: skip
def test_a_word_added_to_locations_toml_is_read(
    data: dict[str, Any],
    text: str,
    place: str,
    shipped: tuple[bool, bool],
    edited: tuple[bool, bool],
) -> None:
    start = text.index(place)
    mention = Mention(start=start, end=start + len(place), text=place, kind=MentionKind.TOPONYM)

    def read(module: ModuleType) -> tuple[bool, bool]:
        return module.is_modifier(text, mention), module.is_locative(text, mention)

    assert read(locate) == shipped
    assert read(locate_with(data)) == edited


def test_the_shipped_locations_file_builds_the_same_patterns() -> None:
    """Run afresh on the shipped data, locate.py builds exactly the patterns it has."""
    fresh = locate_with(LOCATIONS)
    for name in ("_LOCATIVE", "_TOPIC", "_ATTACK_ON", "_DEMONYM_PLACE", "_MODIFIER_AFTER"):
        assert getattr(fresh, name).pattern == getattr(locate, name).pattern, name
    assert (fresh.PRECISION_BY_CLASS, fresh.SPECIFICITY) == (PRECISION_BY_CLASS, SPECIFICITY)


@pytest.mark.parametrize(
    ("text", "city", "dateline"),
    [
        ("BEIRUT (Reuters) - Shelling killed two people in Idlib on Monday.", "BEIRUT", True),
        ("ANKARA/BEIRUT (Reuters) - A car bomb exploded in Tal Abyad.", "BEIRUT", True),
        ("ADEN, Yemen, June 13 (AFP) -- Fighting raged south of Hodeidah.", "ADEN", True),
        ("SIDON, Lebanon - Heavy fighting resumed in the camp.", "SIDON", True),
        ("Title\n\nDAMASCUS (AP) — A bomb exploded near the shrine.", "DAMASCUS", True),
        ("Shelling killed two people in Beirut - the army said.", "Beirut", False),
        ("Clashes in ADEN - and in Taiz - went on.", "ADEN", False),
    ],
)
def test_dateline_city_is_not_where_it_happened(text: str, city: str, dateline: bool) -> None:
    start = text.index(city)
    mention = Mention(start=start, end=start + len(city), text=city, kind=MentionKind.TOPONYM)
    assert locate.in_dateline(text, mention) is dateline


def test_dated_story_is_placed_where_it_happened(gazetteer: Gazetteer) -> None:
    text = "BEIRUT (AFP) - An air strike killed five civilians in Saraqib on Monday."
    events = _events(text, gazetteer)
    assert events and all(event.location.country == "SY" for event in events)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        # a camp the gazetteer lacks, in the town the story is filed from
        ("SIDON, Lebanon - Heavy fighting resumed on Thursday in the Ein el-Hilweh refugee "
         "camp between Fatah and Islamist militants.", "Sidon"),
        # no country named at all: the dateline's is the only one
        ("SANAA (Reuters) - Fighting erupted late on Wednesday between Houthi fighters and "
         "Saleh loyalists around the capital's al-Saleh mosque, residents said.", "Sanaa"),
    ],
)  # fmt: skip
def test_an_event_placed_nowhere_else_is_around_the_dateline_town(
    text: str, town: str, gazetteer: Gazetteer
) -> None:
    events = _events(text, gazetteer)
    assert events
    for event in events:
        assert event.location.name is not None and town in event.location.name
        assert "filed from" in event.location.reason
        assert event.location.uncertainty_km is not None and event.location.uncertainty_km >= 100


def test_a_story_filed_from_abroad_is_not_placed_at_the_dateline(gazetteer: Gazetteer) -> None:
    text = "BEIRUT (AFP) - Shelling killed two civilians in Syria on Monday, a monitor said."
    events = _events(text, gazetteer)
    assert events and all(event.location.country == "SY" for event in events)


def test_a_separate_strike_a_source_reports_is_placed_apart(gazetteer: Gazetteer) -> None:
    text = (
        "On 26 December 2017, Saudi-led coalition air strikes hit a crowded market in al-Hayma "
        "in Taizz governorate, killing at least 54 civilians, according to the UN humanitarian "
        "coordinator, who said a separate strike on a farm in al-Tuhayta in Hodeidah "
        "governorate killed 14 members of one family the same day."
    )
    strikes = [e for e in _events(text, gazetteer) if e.event_type.value == "air_strike"]
    assert any(e.location.name is not None and "izz" in e.location.name for e in strikes)


def test_what_was_dropped_on_a_town_places_the_event_there(gazetteer: Gazetteer) -> None:
    text = "On 3 May 2019, helicopters dropped barrel bombs on Kafr Nabl, killing 4 civilians."
    assert all(e.location.name == "Kafranbel" for e in _events(text, gazetteer))


def test_where_people_came_from_is_no_place_of_the_event(gazetteer: Gazetteer) -> None:
    text = (
        "ISTANBUL (Reuters) - Police detained a businessman late on Wednesday as he arrived back "
        "from a meeting in the southeastern city of Gaziantep at Istanbul's Ataturk Airport."
    )
    arrest = next(e for e in _events(text, gazetteer) if e.event_type.value == "arrest")
    assert arrest.location.name == "Istanbul", arrest.location.reason


@pytest.mark.parametrize(
    ("text", "event_type", "place"),
    [
        ("On 5 December 2018, Iraqi intelligence forces arrested a senior IS official wanted "
         "for bombings in Mosul during a raid on a house in Tel Kayf (Tel Kayf, Tel Kayf, "
         "Ninewa), north of the city.", "arrest", "Tallkayf"),
        ("A man accused of killing a policeman in Basra was shot dead in Zubair on Monday.",
         "killing", "Az Zubayr"),
    ],
)  # fmt: skip
def test_where_a_person_s_deeds_were_is_no_place_of_the_event(
    text: str, event_type: str, place: str, gazetteer: Gazetteer
) -> None:
    event = next(e for e in _events(text, gazetteer) if e.event_type.value == event_type)
    assert event.location.name == place, event.location.reason


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the brigades came from Misrata; the town regained is where the event is
        ("On 5 December 2016, GNA-aligned forces, led by brigades from Misrata, regained full "
         "control of Sirte (Sirt, Sirt) from IS.", "Sirte"),
        # ... but forces that withdrew from a town left it there
        ("On 17 October 2017, Peshmerga forces withdrew from Khanaqin (Khanaqin, Diyala), a "
         "day after the federal takeover of Kirkuk.", "Khānaqīn"),
        # one person's home town is no place of what befell him
        ("On Wednesday, a young Syrian man from Aleppo was shot dead near the border crossing "
         "in Turkey's Edirne province.", "Edirne"),
        # ... nor one named before a relation that says where it was
        ("On 17 March 2020, unidentified gunmen abducted a man from As-Sweida city on the "
         "outskirts of Al-Shaykh Maskin (Izra', Dar'a, Dar'a).", "near Shaykh Miskīn"),
        # ... but a home town inside the area the clause names is the more precise place
        ("A boy from Kafr Nabl was killed by regime shelling in Idlib province on Monday.",
         "Kafranbel"),
        # ... while families moved from a town are moved there
        ("On 26 August 2016, under a surrender deal, buses began evacuating fighters and their "
         "families from Daraya in Rural Damascus to Idleb, handing the town to regime forces.",
         "Dārayyā"),
        # a bare name before the verb is another phrase's: the event's place follows the verb
        ("Around 28 August 2019, government forces, advancing from Shabwah after retaking "
         "Ataq, regained control of Zinjibar (Zingibar, Abyan).", "Zinjibār"),
        # ... and one people came from before it is where they left
        ("Russian military police crossed the Euphrates from Manbij and entered the border "
         "town of Kobani on Wednesday.", "‘Ayn al ‘Arab"),
        # every town of the list they came from: the reinforcements went to Al Jawf
        ("On 20 February 2020, the Houthis sent reinforcements of fighters and armoured "
         "vehicles from Sanaa and Sa'ada into Al Jawf governorate.", "Al Jawf"),
        # ... a list its commas or "and" make, not a title-case headline's capitals
        ("Reinforcements From Sanaa Arrive In Marib As Fighting Rages", "Ma'rib"),
    ],
)  # fmt: skip
def test_the_town_people_came_from_is_a_second_choice(
    text: str, place: str, gazetteer: Gazetteer
) -> None:
    event = _events(text, gazetteer)[0]
    assert event.location.name == place, event.location.reason


def test_a_neighbourhood_put_in_a_city_by_an_apposition_is_placed_in_it(
    gazetteer: Gazetteer,
) -> None:
    """Libya's Az Zahra is no neighbourhood of Homs, and must not pull Homs to Al Khums."""
    text = (
        "On Tuesday, a car bomb struck a checkpoint in al-Zahra, a mainly Alawite neighbourhood "
        "in the eastern part of Homs, killing 22 people."
    )
    for event in _events(text, gazetteer):
        assert event.location.country == "SY", event.location.reason


def test_acled_s_district_known_by_a_town_reaches_as_far_as_a_district(
    gazetteer: Gazetteer,
) -> None:
    """Jawdara lies 29 km from Deh Bala, the town ACLED's district "(Deh Bala, Nangarhar)"
    is named for: a district is 40 km across, not a town's 25 km."""
    text = (
        "On 18 October 2019, explosives planted in the roof of a mosque in Jawdara village, "
        "Haska Mina district (Deh Bala, Nangarhar), went off during Friday prayers."
    )
    (event,) = _events(text, gazetteer)
    assert event.location.uncertainty_km is not None and event.location.uncertainty_km >= 35
    assert event.location.name == "Deh Bālā", event.location.reason


def test_a_town_the_store_lacks_put_off_a_city_is_placed_by_that_relation(
    gazetteer: Gazetteer,
) -> None:
    """Not at the Baharestan of Isfahan, 340 km from the Tehran the text puts it by."""
    text = (
        "On 16 November 2019, security forces shot dead at least ten protesters in "
        "Baharestan, a working-class town south-west of Tehran."
    )
    for event in _events(text, gazetteer):
        assert event.location.name == "southwest of Tehran", event.location.reason


def test_a_point_a_distance_puts_serves_the_sentence_s_other_events(
    gazetteer: Gazetteer,
) -> None:
    """The clause of "shot others" names no place: the sentence's point 25 km west of
    Maiduguri is nearer where it happened than Maiduguri, the town the distance counts from."""
    text = (
        "On the night of 9-10 February 2020, ISWAP fighters attacked Auno, on the "
        "Maiduguri-Damaturu road about 25 km west of Maiduguri; the attackers set vehicles on "
        "fire, shot others and abducted women."
    )
    events = _events(text, gazetteer)
    assert events and all(e.location.name == "25 km west of Maiduguri" for e in events), [
        (e.event_type, e.location.name) for e in events
    ]


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        ("A Saudi-led coalition air strike hit a bus in Dahyan, killing dozens.", None),
        ("The US-backed SDF said its fighters repelled an attack.", None),
        ("Pro-Iranian militias shelled the base, a monitor said.", None),
        ("Saudi-led coalition jets struck again, Saudi state media said.", "SA"),
        ("More than 60 Syrians were killed on Sunday, a monitor said.", "SY"),
    ],
)
def test_a_leading_or_backing_country_is_no_focus(
    text: str, focus: str | None, gazetteer: Gazetteer
) -> None:
    mentions = find_places(Document(id="d", text=text), gazetteer=gazetteer).mentions
    found = article_focus(text, mentions)
    assert (found.country if found else None) == focus


@pytest.mark.parametrize(
    ("text", "site", "bearing_check"),
    [
        # K1 base, about 15 km north-west of Kirkuk
        ("Rockets were fired at a military base northwest of Kirkuk on Friday.",
         (35.51, 44.28), lambda lat, lon: lat > 35.47 and lon < 44.39),
        # the al-Taim oil field, about 10 km south of Deir ez-Zor
        ("A roadside bomb exploded near an army convoy south of Deir ez-Zor on Monday.",
         (35.25, 40.12), lambda lat, lon: lat < 35.33),
    ],
)  # fmt: skip
def test_a_direction_from_a_town_places_the_event_near_it_along_the_bearing(
    text: str, site: tuple[float, float], bearing_check: Any, gazetteer: Gazetteer
) -> None:
    location = _events(text, gazetteer)[0].location
    assert location.feature_class == "zone"
    assert location.lat is not None and location.lon is not None
    assert location.uncertainty_km is not None
    assert bearing_check(location.lat, location.lon)
    assert great_circle_km(location.lat, location.lon, *site) <= 25.0
    assert great_circle_km(location.lat, location.lon, *site) <= location.uncertainty_km


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # another country's forces taking ground overtake it (ACLED: "non-state or foreign
        # state actors acquire control")
        ("On 8 March 2018, TSK and Turkish-backed factions captured Jinderes in Syria's Afrin.",
         "Non-state actor overtakes territory"),
        # ... the country's own forces regain it
        ("On 3 November 2017, Iraqi forces took control of Al-Qaim in Iraq's Anbar.",
         "Government regains territory"),
    ],
)  # fmt: skip
def test_ground_taken_by_foreign_forces_is_overtaken(
    text: str, sub_event_type: str, gazetteer: Gazetteer
) -> None:
    event = _only(_events(text, gazetteer), EventType.TERRITORY_CAPTURE)
    assert event.acled_sub_event_type == sub_event_type, event.location
