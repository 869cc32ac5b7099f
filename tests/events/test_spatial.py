"""Spatial relations: detection tables, geometry facts, and the Euphrates acceptance points.

Mentions are built from the real gazetteer (not recognised), so these tests check this
stage alone; one end-to-end row runs the places stage on the headline sentence.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Iterator, Sequence
from types import ModuleType
from typing import Any, NamedTuple

import numpy as np
import pytest
import shapely
from conftest import DELETE, changed, module_with_vocabulary, vocabulary_data
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from shapely.geometry import mapping, shape

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.model import FeatureClass
from geo.errors import GazetteerDataError
from geo.events import spatial
from geo.events.model import Zone
from geo.events.spatial import (
    BEARINGS,
    NEAR_RADIUS_KM,
    RelationKind,
    RelationsFile,
    SpatialRelation,
    find_relations,
    relation_geometry,
)
from geo.events.text import CaseBlind
from geo.places.mentions import Mention, MentionKind


class LatLon(NamedTuple):
    lat: float
    lon: float


class Place(NamedTuple):
    """A place named in a test sentence: its surface text and gazetteer id."""

    surface: str
    gazetteer_id: str | None
    kind: MentionKind = MentionKind.TOPONYM
    government_actor: bool = False


ALEPPO = "geonames:170063"
RAQQA = "geonames:172955"
DEIR_EZ_ZOR = "geonames:170794"
IDLIB_CITY = "geonames:169389"
DAMASCUS = "geonames:170654"
BAGHDAD = "geonames:98182"
MOSUL = "geonames:99072"
TEHRAN = "geonames:112931"
LATAKIA = "geonames:173576"
IDLIB_PROVINCE = "admin1:SY.12"
EUPHRATES = "river:euphrates"
TIGRIS = "river:tigris"
DNIEPER = "river:dnieper"

# The product's acceptance points for "west of the Euphrates in Syria".
WEST_BANK = {
    "Damascus": LatLon(33.51, 36.29),
    "Palmyra": LatLon(34.56, 38.27),
    "Homs": LatLon(34.73, 36.72),
    "Aleppo": LatLon(36.20, 37.16),
    "Deir ez-Zor": LatLon(35.336, 40.141),
}
EAST_BANK = {
    "Raqqa": LatLon(35.95, 39.01),
    "Hasakah": LatLon(36.50, 40.75),
    "Qamishli": LatLon(37.05, 41.22),
}
HEADLINE = (
    "Russia said it would treat any US jet flying west of the Euphrates River in Syria "
    "as a potential target."
)
HEADLINE_PLACES = (
    Place("Russia", "country:RU", government_actor=True),
    Place("US", "country:US"),
    Place("Euphrates", EUPHRATES),
    Place("Syria", "country:SY"),
)


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The shared store ($GEO_GAZETTEER_DIR respected); retried while the lead rebuilds it."""
    for attempt in range(5):
        try:
            return open_gazetteer()
        except GazetteerDataError:
            if attempt == 4:
                raise
            time.sleep(3)
    raise AssertionError("unreachable")


def mentions_for(text: str, places: Sequence[Place], gazetteer: Gazetteer) -> list[Mention]:
    """Mentions for the first occurrence of each surface (after the previous one)."""
    found: list[Mention] = []
    cursor = 0
    for place in places:
        start = text.index(place.surface, cursor)
        cursor = start + len(place.surface)
        fields: dict[str, Any] = {}
        if place.gazetteer_id is not None:
            entry = gazetteer.get(place.gazetteer_id, geometry=False)
            assert entry is not None, place.gazetteer_id
            fields = {
                "gazetteer_id": entry.id,
                "name": entry.name,
                "lat": entry.lat,
                "lon": entry.lon,
                "feature_class": entry.feature_class.value,
                "country": entry.country_code,
                "confidence": 0.9,
            }
        found.append(
            Mention(
                start=start,
                end=cursor,
                text=place.surface,
                kind=place.kind,
                government_actor=place.government_actor,
                **fields,
            )
        )
    return found


def relations_in(text: str, places: Sequence[Place], gazetteer: Gazetteer) -> list[SpatialRelation]:
    return find_relations(text, 0, len(text), mentions_for(text, places, gazetteer))


def only_relation(text: str, places: Sequence[Place], gazetteer: Gazetteer) -> SpatialRelation:
    relations = relations_in(text, places, gazetteer)
    assert len(relations) == 1, relations
    return relations[0]


def zone_for(text: str, places: Sequence[Place], gazetteer: Gazetteer) -> Zone:
    zone = relation_geometry(only_relation(text, places, gazetteer), gazetteer)
    assert zone is not None
    return zone


def contains(geometry: shapely.Geometry, point: LatLon) -> bool:
    return bool(geometry.contains(shapely.Point(point.lon, point.lat)))


def area_km2(geometry: shapely.Geometry) -> float:
    """Approximate area: degrees² scaled at the centroid's latitude (ranges only)."""
    latitude = math.radians(geometry.centroid.y)
    return float(geometry.area) * 111.32 * 111.32 * math.cos(latitude)


def exterior_rings(geometry: shapely.Geometry) -> Iterator[shapely.LinearRing]:
    for polygon in shapely.get_parts(geometry):
        yield polygon.exterior


# -- detection ---------------------------------------------------------------------------
DETECTION_CASES = [
    pytest.param(
        HEADLINE,
        HEADLINE_PLACES,
        RelationKind.WEST_OF,
        (EUPHRATES,),
        "country:SY",
        None,
        "west of the Euphrates River in Syria",
        id="river-clip-right-after",
    ),
    pytest.param(
        "Turkish troops and allied fighters pushed east of the Euphrates into Kurdish-held "
        "territory in northern Syria on Wednesday.",
        (Place("Turkish", "country:TR", MentionKind.DEMONYM), Place("Euphrates", EUPHRATES),
         Place("Syria", "country:SY")),
        RelationKind.EAST_OF,
        (EUPHRATES,),
        "country:SY",
        None,
        "east of the Euphrates",
        id="river-clip-later-demonym-ignored",
    ),
    pytest.param(
        "Russian forces withdrew to the east of the Dnieper River in Ukraine's Kherson region.",
        (Place("Russian", "country:RU", MentionKind.DEMONYM), Place("Dnieper", DNIEPER),
         Place("Ukraine", "country:UA")),
        RelationKind.EAST_OF,
        (DNIEPER,),
        "country:UA",
        None,
        "to the east of the Dnieper River in Ukraine",
        id="to-the-east-of",
    ),
    pytest.param(
        "Rebels shelled government positions 15 kilometres (9 miles) south of Aleppo on "
        "Tuesday, a monitor said.",
        (Place("Aleppo", ALEPPO),),
        RelationKind.OFFSET,
        (ALEPPO,),
        None,
        15.0,
        "15 kilometres (9 miles) south of Aleppo",
        id="offset-km-with-miles-aside",
    ),
    pytest.param(
        "A car bomb exploded in a village about 30 miles northwest of Baghdad, police said.",
        (Place("Baghdad", BAGHDAD),),
        RelationKind.OFFSET,
        (BAGHDAD,),
        None,
        48.28,
        "30 miles northwest of Baghdad",
        id="offset-miles",
    ),
    pytest.param(
        "The drone came down five km north-east of Mosul.",
        (Place("Mosul", MOSUL),),
        RelationKind.OFFSET,
        (MOSUL,),
        None,
        5.0,
        "five km north-east of Mosul",
        id="offset-number-word-hyphenated-direction",
    ),
    pytest.param(
        "Air strikes hit rebel-held towns near Idlib, the opposition's last stronghold in Syria.",
        (Place("Idlib", IDLIB_CITY), Place("Syria", "country:SY")),
        RelationKind.NEAR,
        (IDLIB_CITY,),
        "country:SY",
        None,
        "near Idlib",
        id="near-clip-in-sentence",
    ),
    pytest.param(
        "Clashes broke out on the outskirts of Deir ez-Zor late on Monday.",
        (Place("Deir ez-Zor", DEIR_EZ_ZOR),),
        RelationKind.NEAR,
        (DEIR_EZ_ZOR,),
        None,
        None,
        "on the outskirts of Deir ez-Zor",
        id="outskirts-no-clip",
    ),
    pytest.param(
        "Hundreds of protesters gathered 20 km from Tehran on Friday.",
        (Place("Tehran", TEHRAN),),
        RelationKind.NEAR,
        (TEHRAN,),
        None,
        20.0,
        "20 km from Tehran",
        id="distance-without-direction",
    ),
    pytest.param(
        "Rebels shelled an army base 20 km outside of Aleppo on Monday.",
        (Place("Aleppo", ALEPPO),),
        RelationKind.NEAR,
        (ALEPPO,),
        None,
        20.0,
        "20 km outside of Aleppo",
        id="distance-outside-of",
    ),
    pytest.param(
        "Fierce fighting raged between Raqqa and Deir ez-Zor as the militants retreated.",
        (Place("Raqqa", RAQQA), Place("Deir ez-Zor", DEIR_EZ_ZOR)),
        RelationKind.BETWEEN,
        (RAQQA, DEIR_EZ_ZOR),
        None,
        None,
        "between Raqqa and Deir ez-Zor",
        id="between-cities",
    ),
    pytest.param(
        "Gunmen set up a checkpoint on the Aleppo-Idlib road on Monday.",
        (Place("Aleppo", ALEPPO), Place("Idlib", IDLIB_CITY)),
        RelationKind.ROAD,
        (ALEPPO, IDLIB_CITY),
        None,
        None,
        "Aleppo-Idlib road",
        id="road-between-two-cities",
    ),
    pytest.param(
        "An IED hit a convoy on the Raqqa – Deir ez-Zor highway.",
        (Place("Raqqa", RAQQA), Place("Deir ez-Zor", DEIR_EZ_ZOR)),
        RelationKind.ROAD,
        (RAQQA, DEIR_EZ_ZOR),
        None,
        None,
        "Raqqa – Deir ez-Zor highway",
        id="road-with-a-spaced-dash",
    ),
    pytest.param(
        "Witnesses reported heavy shelling west of the northern Syrian city of Aleppo.",
        (Place("Syrian", "country:SY", MentionKind.DEMONYM), Place("Aleppo", ALEPPO)),
        RelationKind.WEST_OF,
        (ALEPPO,),
        None,
        None,
        "west of the northern Syrian city of Aleppo",
        id="filler-words-before-the-place",
    ),
    pytest.param(
        "Israeli jets struck targets south of Damascus, Syrian state media said.",
        (Place("Israeli", "country:IL", MentionKind.DEMONYM), Place("Damascus", DAMASCUS),
         Place("Syrian", "country:SY", MentionKind.DEMONYM)),
        RelationKind.SOUTH_OF,
        (DAMASCUS,),
        None,
        None,
        "south of Damascus",
        id="city-direction-no-clip",
    ),
    pytest.param(
        "Government forces shelled villages just west of Idlib province in Syria.",
        (Place("Idlib", IDLIB_PROVINCE), Place("Syria", "country:SY")),
        RelationKind.WEST_OF,
        (IDLIB_PROVINCE,),
        "country:SY",
        None,
        "just west of Idlib province in Syria",
        id="admin1-anchor-trailing-noun",
    ),
    pytest.param(
        "Iraqi troops pushed along the Tigris in Iraq on Sunday.",
        (Place("Iraqi", "country:IQ", MentionKind.DEMONYM), Place("Tigris", TIGRIS),
         Place("Iraq", "country:IQ")),
        RelationKind.ALONG,
        (TIGRIS,),
        "country:IQ",
        None,
        "along the Tigris in Iraq",
        id="along-river",
    ),
    pytest.param(
        "Jets flew north of Aleppo near the border with Iraq.",
        (Place("Aleppo", ALEPPO), Place("Iraq", "country:IQ")),
        RelationKind.NORTH_OF,
        (ALEPPO,),
        None,
        None,
        "north of Aleppo",
        id="clip-in-another-country-refused",
    ),
    pytest.param(
        "Regime jets struck villages in the southern countryside of Idlib on Monday.",
        (Place("Idlib", IDLIB_PROVINCE),),
        RelationKind.PART,
        (IDLIB_PROVINCE,),
        None,
        None,
        "the southern countryside of Idlib",
        id="side-of-a-province-with-countryside",
    ),
    pytest.param(
        "A civilian was killed in northern Idlib province by a sniper.",
        (Place("Idlib", IDLIB_PROVINCE),),
        RelationKind.PART,
        (IDLIB_PROVINCE,),
        None,
        None,
        "northern Idlib province",
        id="side-of-a-province-bare-adjective",
    ),
    pytest.param(
        "Jets struck villages on the eastern bank of the Euphrates in Deir ez-Zor province.",
        (Place("Euphrates", EUPHRATES), Place("Deir ez-Zor", "admin1:SY.07")),
        RelationKind.EAST_OF,
        (EUPHRATES,),
        "admin1:SY.07",
        None,
        "the eastern bank of the Euphrates in Deir ez-Zor",
        id="a-river-s-bank",
    ),
    pytest.param(
        "Turkish troops crossed into north-eastern Syria at dawn.",
        (Place("Turkish", "country:TR", MentionKind.DEMONYM), Place("Syria", "country:SY")),
        RelationKind.PART,
        ("country:SY",),
        None,
        None,
        "north-eastern Syria",
        id="side-of-a-country",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "places", "kind", "anchors", "clip", "distance_km", "phrase"), DETECTION_CASES
)
def test_find_relations_detects_relation_anchor_and_clip(
    gazetteer: Gazetteer,
    text: str,
    places: Sequence[Place],
    kind: RelationKind,
    anchors: tuple[str, ...],
    clip: str | None,
    distance_km: float | None,
    phrase: str,
) -> None:
    relation = only_relation(text, places, gazetteer)
    assert relation.relation == kind
    assert tuple(a.gazetteer_id for a in relation.anchors) == anchors
    assert (relation.clip.gazetteer_id if relation.clip else None) == clip
    assert (
        relation.distance_km == pytest.approx(distance_km, abs=0.01)
        if distance_km
        else (relation.distance_km is None)
    )
    assert relation.text == phrase
    assert text[relation.start : relation.end] == phrase
    assert relation.reason


@pytest.mark.parametrize(
    ("measure", "km"),
    [
        ("12 miles", 19.312),
        ("12 mile", 19.312),
        ("12 Mi.", 19.312),
        ("10 nautical miles", 18.52),
        ("15 kilometres", 15.0),
        ("15 kilometers", 15.0),
        ("15 KMS", 15.0),
        ("fifteen km", 15.0),
        ("1,500 km", 1500.0),
    ],
)
def test_a_distance_is_converted_by_its_unit(gazetteer: Gazetteer, measure: str, km: float) -> None:
    text = f"Shells fell {measure} north of Aleppo."
    relation = only_relation(text, (Place("Aleppo", ALEPPO),), gazetteer)
    assert (relation.relation, relation.distance_km) == (RelationKind.OFFSET, km)
    assert relation.text == f"{measure} north of Aleppo"


NO_RELATION_CASES = [
    pytest.param("Troops massed west of here before dawn.", (), id="west-of-here"),
    pytest.param(
        "The column moved north of 2,000 troops stationed in Aleppo.",
        (Place("Aleppo", ALEPPO),),
        id="north-of-troops",
    ),
    pytest.param(
        "Shelling west of the city continued, residents in Aleppo said.",
        (Place("Aleppo", ALEPPO),),
        id="relation-to-an-unnamed-place",
    ),
    pytest.param(
        "Shelling near Kafr Nabl killed four people.",
        (Place("Kafr Nabl", None),),
        id="anchor-unresolved",
    ),
    pytest.param(
        "Talks between Damascus and Aleppo officials stalled.",
        (Place("Damascus", DAMASCUS), Place("Aleppo", ALEPPO)),
        id="talks-between",
    ),
    pytest.param(
        "Direct flights between Tehran and Baghdad resumed.",
        (Place("Tehran", TEHRAN), Place("Baghdad", BAGHDAD)),
        id="flights-between",
    ),
    pytest.param(
        "The Aleppo-Idlib front was quiet.",
        (Place("Aleppo", ALEPPO), Place("Idlib", IDLIB_CITY)),
        id="two-places-joined-by-a-dash-before-no-road",
    ),
    pytest.param(
        "The Syria-Iraq highway reopened.",
        (Place("Syria", "country:SY"), Place("Iraq", "country:IQ")),
        id="road-between-countries",
    ),
    pytest.param(
        "Relations between Russia and Ukraine soured.",
        (Place("Russia", "country:RU"), Place("Ukraine", "country:UA")),
        id="between-countries",
    ),
    pytest.param(
        "Millions of refugees now live outside Syria.",
        (Place("Syria", "country:SY"),),
        id="outside-a-country",
    ),
    pytest.param(
        "Moscow said jets would stay north of Moscow airspace.",
        (Place("Moscow", "geonames:524901", government_actor=True),
         Place("Moscow", "geonames:524901", government_actor=True)),
        id="anchor-is-a-government-actor",
    ),
    pytest.param(
        "Clashes erupted in northern Aleppo on Monday.",
        (Place("Aleppo", ALEPPO),),
        id="side-of-a-city-is-the-city",
    ),
    pytest.param(
        "Talks with South Korea and Japan resumed.",
        (Place("South Korea", "country:KR"), Place("Japan", "country:JP")),
        id="compass-word-inside-a-name",
    ),
    pytest.param(
        "Western diplomats met in Syria.",
        (Place("Syria", "country:SY"),),
        id="compass-adjective-of-no-place",
    ),
    pytest.param(
        "Jets struck western Euphrates villages overnight.",
        (Place("Euphrates", EUPHRATES),),
        id="a-compass-word-before-a-river-with-no-bank",
    ),
    pytest.param("", (), id="empty"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "places"), NO_RELATION_CASES)
def test_find_relations_ignores_phrases_without_a_place(
    gazetteer: Gazetteer, text: str, places: Sequence[Place]
) -> None:
    assert relations_in(text, places, gazetteer) == []


def test_find_relations_uses_only_mentions_inside_the_sentence(gazetteer: Gazetteer) -> None:
    text = "Jets struck west of. Aleppo was quiet."
    mentions = mentions_for(text, (Place("Aleppo", ALEPPO),), gazetteer)
    assert find_relations(text, 0, 20, mentions) == []
    assert find_relations(text, 21, len(text), mentions) == []


def test_find_relations_offsets_are_document_offsets(gazetteer: Gazetteer) -> None:
    text = "First sentence here. Shelling hit villages near Idlib on Monday."
    mentions = mentions_for(text, (Place("Idlib", IDLIB_CITY),), gazetteer)
    (relation,) = find_relations(text, 21, len(text), mentions)
    assert text[relation.start : relation.end] == "near Idlib"


def test_find_relations_river_falls_back_to_the_article_focus(gazetteer: Gazetteer) -> None:
    text = "Kurdish fighters hold the land east of the Euphrates."
    focus = mentions_for("Syria", (Place("Syria", "country:SY"),), gazetteer)[0]
    mentions = mentions_for(text, (Place("Euphrates", EUPHRATES),), gazetteer)
    (relation,) = find_relations(text, 0, len(text), mentions, focus=focus)
    assert relation.clip == focus
    assert "focus" in relation.reason


def test_river_clip_falls_back_to_a_country_the_article_names(gazetteer: Gazetteer) -> None:
    text = (
        "Rebel commanders in Syria met on Monday. Jets of the US-led coalition will keep "
        "flying west of the Euphrates, a spokesman said."
    )
    places = (
        Place("Syria", "country:SY"),
        Place("US", "country:US"),
        Place("Euphrates", EUPHRATES),
    )
    mentions = mentions_for(text, places, gazetteer)
    sentence_start = text.index("Jets")
    (relation,) = find_relations(text, sentence_start, len(text), mentions, focus=mentions[1])
    assert relation.clip is not None and relation.clip.gazetteer_id == "country:US"
    assert [m.gazetteer_id for m in relation.alternative_clips] == ["country:SY"]
    zone = relation_geometry(relation, gazetteer)
    assert zone is not None
    assert zone.id == "zone:west_of:river:euphrates:country:SY"
    assert contains(shape(zone.geometry), WEST_BANK["Homs"])


def test_find_relations_finds_several_relations_in_text_order(gazetteer: Gazetteer) -> None:
    text = "Iraqi troops advanced along the Tigris south of Mosul."
    places = (Place("Tigris", TIGRIS), Place("Mosul", MOSUL))
    relations = relations_in(text, places, gazetteer)
    assert [r.relation for r in relations] == [RelationKind.ALONG, RelationKind.SOUTH_OF]


# -- geometry: the acceptance criteria ---------------------------------------------------
@pytest.fixture(scope="session")
def west_of_euphrates(gazetteer: Gazetteer) -> Zone:
    return zone_for(HEADLINE, HEADLINE_PLACES, gazetteer)


def test_west_of_euphrates_in_syria_zone_fields(west_of_euphrates: Zone) -> None:
    assert west_of_euphrates.id == "zone:west_of:river:euphrates:country:SY"
    assert west_of_euphrates.label == "Syria west of the Euphrates"
    assert west_of_euphrates.relation == "west_of"
    assert (west_of_euphrates.anchor_id, west_of_euphrates.clip_id) == (EUPHRATES, "country:SY")
    assert west_of_euphrates.text == "west of the Euphrates River in Syria"
    assert west_of_euphrates.geometry["type"] in {"Polygon", "MultiPolygon"}


@pytest.mark.parametrize(("name", "point"), WEST_BANK.items())
def test_west_of_euphrates_in_syria_contains(
    west_of_euphrates: Zone, name: str, point: LatLon
) -> None:
    assert contains(shape(west_of_euphrates.geometry), point), name


@pytest.mark.parametrize(("name", "point"), EAST_BANK.items())
def test_west_of_euphrates_in_syria_excludes(
    west_of_euphrates: Zone, name: str, point: LatLon
) -> None:
    assert not contains(shape(west_of_euphrates.geometry), point), name


def test_deir_ez_zor_is_on_the_south_bank_of_the_real_river(gazetteer: Gazetteer) -> None:
    index = gazetteer.index_of(EUPHRATES)
    assert index is not None
    river = gazetteer.geometry(index)
    assert river is not None
    city = WEST_BANK["Deir ez-Zor"]
    degrees = river.distance(shapely.Point(city.lon, city.lat))
    # About 1.3 km from the Natural Earth line: close, so the split must be exact there.
    assert 0.5 < degrees * 111.32 * math.cos(math.radians(city.lat)) < 3.0


def test_east_of_euphrates_is_the_complement_within_syria(gazetteer: Gazetteer) -> None:
    east = zone_for(HEADLINE.replace("west of", "east of"), HEADLINE_PLACES, gazetteer)
    west = zone_for(HEADLINE, HEADLINE_PLACES, gazetteer)
    east_shape, west_shape = shape(east.geometry), shape(west.geometry)
    assert all(contains(east_shape, p) for p in EAST_BANK.values())
    assert not any(contains(east_shape, p) for p in WEST_BANK.values())
    assert east_shape.intersection(west_shape).area < 0.001 * west_shape.area
    syria = gazetteer.geometry(gazetteer.index_of("country:SY") or 0)
    assert syria is not None
    assert east_shape.union(west_shape).area == pytest.approx(syria.area, rel=0.01)


def test_the_same_zone_in_another_article_keeps_its_own_phrase(gazetteer: Gazetteer) -> None:
    """A zone news repeats is built once; each report still carries its own words."""
    text = "Coalition jets struck targets west of the Euphrates in Syria on Monday."
    places = (Place("Euphrates", EUPHRATES), Place("Syria", "country:SY"))
    first = zone_for(HEADLINE, HEADLINE_PLACES, gazetteer)
    again = zone_for(text, places, gazetteer)
    assert again.geometry == first.geometry
    assert (again.id, again.label) == (first.id, first.label)
    assert again.text == "west of the Euphrates in Syria"
    assert first.text == "west of the Euphrates River in Syria"


def test_the_same_phrase_with_another_clip_is_another_zone(gazetteer: Gazetteer) -> None:
    syria = zone_for(HEADLINE, HEADLINE_PLACES, gazetteer)
    in_iraq = HEADLINE.replace("in Syria", "in Iraq")
    places = (*HEADLINE_PLACES[:3], Place("Iraq", "country:IQ"))
    iraq = zone_for(in_iraq, places, gazetteer)
    assert iraq.clip_id == "country:IQ"
    assert shape(iraq.geometry).intersection(shape(syria.geometry)).area < 0.01


def test_headline_end_to_end_with_the_places_stage(gazetteer: Gazetteer) -> None:
    from geo.documents import Document
    from geo.places.find import find_places

    mentions = find_places(Document(id="d1", text=HEADLINE), gazetteer).mentions
    (relation,) = find_relations(HEADLINE, 0, len(HEADLINE), mentions)
    zone = relation_geometry(relation, gazetteer)
    assert zone is not None
    assert zone.id == "zone:west_of:river:euphrates:country:SY"
    assert contains(shape(zone.geometry), WEST_BANK["Palmyra"])


# -- geometry: facts per relation kind ---------------------------------------------------
GEOMETRY_CASES = [
    pytest.param(
        "Rebels shelled positions 15 kilometres (9 miles) south of Aleppo on Tuesday.",
        (Place("Aleppo", ALEPPO),),
        [LatLon(36.066, 37.161)],
        [LatLon(36.201, 37.161), LatLon(35.90, 37.161)],
        (55.0, 100.0),
        "zone:offset:geonames:170063:none:15km",
        "15 km south of Aleppo",
        id="offset-disc-15km",
    ),
    pytest.param(
        "A car bomb exploded about 30 miles northwest of Baghdad.",
        (Place("Baghdad", BAGHDAD),),
        [LatLon(33.64, 44.03)],
        [LatLon(33.31, 44.37)],
        (350.0, 560.0),
        "zone:offset:geonames:98182:none:48.28km",
        "48 km northwest of Baghdad",
        id="offset-disc-miles",
    ),
    pytest.param(
        "Air strikes hit rebel-held towns near Idlib, in northwestern Syria.",
        (Place("Idlib", IDLIB_CITY), Place("Syria", "country:SY")),
        [LatLon(35.93, 36.63), LatLon(35.93, 36.85)],
        [LatLon(35.93, 37.10), LatLon(36.20, 37.16)],
        (1500.0, 2000.0),
        "zone:near:geonames:169389:country:SY",
        "near Idlib",
        id="near-city-25km",
    ),
    pytest.param(
        "Hundreds of protesters gathered 20 km from Tehran on Friday.",
        (Place("Tehran", TEHRAN),),
        [LatLon(35.694, 51.64)],
        [LatLon(35.694, 51.42)],
        (600.0, 1300.0),
        "zone:near:geonames:112931:country:IR:20km",
        "20 km from Tehran",
        id="distance-ring",
    ),
    pytest.param(
        "Israeli jets struck targets south of Damascus, Syrian state media said.",
        (Place("Damascus", DAMASCUS),),
        [LatLon(33.06, 36.29), LatLon(32.75, 36.10)],
        [LatLon(33.90, 36.29), LatLon(32.55, 35.85), LatLon(33.89, 35.50)],
        (2000.0, 8000.0),
        "zone:south_of:geonames:170654:country:SY",
        "south of Damascus",
        id="sector-clipped-to-country",
    ),
    pytest.param(
        "Naval drones were spotted west of Latakia on Friday.",
        (Place("Latakia", LATAKIA),),
        [LatLon(35.52, 35.20)],
        [LatLon(35.52, 36.20)],
        (6000.0, 8500.0),
        "zone:west_of:geonames:173576:none",
        "west of Latakia",
        id="sector-out-to-sea-unclipped",
    ),
    pytest.param(
        "Fierce fighting raged between Raqqa and Deir ez-Zor as the militants retreated.",
        (Place("Raqqa", RAQQA), Place("Deir ez-Zor", DEIR_EZ_ZOR)),
        [LatLon(35.95, 39.01), LatLon(35.336, 40.141), LatLon(35.64, 39.57)],
        [LatLon(34.56, 38.27), LatLon(36.20, 37.16), LatLon(36.50, 40.75)],
        (2000.0, 4500.0),
        "zone:between:geonames:172955+geonames:170794:country:SY",
        "between Ar Raqqah and Deir ez-Zor",
        id="between-corridor",
    ),
    pytest.param(
        "Fighting between Kharkiv and Belgorod intensified overnight.",
        (Place("Kharkiv", "geonames:706483"), Place("Belgorod", "geonames:578072")),
        [LatLon(49.99, 36.23), LatLon(50.60, 36.59), LatLon(50.30, 36.41)],
        [LatLon(50.30, 37.20), LatLon(49.50, 36.30)],
        (1200.0, 2300.0),
        "zone:between:geonames:706483+geonames:578072:countries",
        "between Kharkiv and Belgorod",
        id="between-across-a-border-keeps-both-countries",
    ),
    pytest.param(
        "Gunmen set up a checkpoint on the Aleppo-Idlib road on Monday.",
        (Place("Aleppo", ALEPPO), Place("Idlib", IDLIB_CITY)),
        [LatLon(36.20, 37.16), LatLon(35.93, 36.63), LatLon(36.02, 36.86)],
        [LatLon(35.13, 36.75), LatLon(36.80, 38.00)],
        (1000.0, 3000.0),
        "zone:road:geonames:170063+geonames:169389:country:SY",
        "on the road between Aleppo and Idlib",
        id="road-corridor",
    ),
    pytest.param(
        "Heavy fighting was reported near the Euphrates in Iraq.",
        (Place("Euphrates", EUPHRATES), Place("Iraq", "country:IQ")),
        [LatLon(33.64, 42.83)],
        [LatLon(33.31, 44.37), LatLon(35.336, 40.141)],
        (15000.0, 30000.0),
        "zone:near:river:euphrates:country:IQ",
        "near the Euphrates in Iraq",
        id="near-river-band",
    ),
    pytest.param(
        "Government forces shelled villages west of Idlib province in Syria.",
        (Place("Idlib", IDLIB_PROVINCE), Place("Syria", "country:SY")),
        [LatLon(35.81, 36.32)],
        [LatLon(35.86, 36.80), LatLon(36.20, 37.16)],
        (1500.0, 4000.0),
        "zone:west_of:admin1:SY.12:country:SY",
        "west of Idlib",
        id="area-half",
    ),
    pytest.param(
        "Iraqi troops pushed along the Tigris in Iraq on Sunday.",
        (Place("Tigris", TIGRIS), Place("Iraq", "country:IQ")),
        [LatLon(36.34, 43.13), LatLon(33.31, 44.37)],
        [LatLon(36.19, 44.01), LatLon(35.47, 44.39), LatLon(37.91, 40.22)],
        (15000.0, 30000.0),
        "zone:along:river:tigris:country:IQ",
        "along the Tigris in Iraq",
        id="along-river-in-country",
    ),
    pytest.param(
        "Russian troops dug in west of the Dnieper River in Ukraine.",
        (Place("Dnieper", DNIEPER), Place("Ukraine", "country:UA")),
        [LatLon(49.84, 24.03), LatLon(46.48, 30.73), LatLon(50.45, 30.50)],
        [LatLon(49.99, 36.23), LatLon(48.00, 37.80), LatLon(55.75, 37.62)],
        (250000.0, 400000.0),
        "zone:west_of:river:dnieper:country:UA",
        "Ukraine west of the Dnieper",
        id="river-split-other-country",
    ),
    pytest.param(
        "Kurdish fighters hold the land east of the Euphrates.",
        (Place("Euphrates", EUPHRATES),),
        [LatLon(36.50, 40.75), LatLon(36.34, 43.13), LatLon(33.31, 44.37)],
        [LatLon(33.51, 36.29), LatLon(31.95, 35.93)],
        (350000.0, 550000.0),
        "zone:east_of:river:euphrates:countries",
        "Iraq, Syria and Turkey east of the Euphrates",
        id="river-without-clip-uses-countries-crossed",
    ),
    pytest.param(
        "Fighting flared west of the Euphrates in Lebanon, the report said.",
        (Place("Euphrates", EUPHRATES), Place("Lebanon", "country:LB")),
        [LatLon(33.51, 36.29), LatLon(39.93, 32.86)],
        [LatLon(33.89, 35.50), LatLon(36.50, 40.75)],
        (800000.0, 1100000.0),
        "zone:west_of:river:euphrates:countries",
        "Iraq, Syria and Turkey west of the Euphrates",
        id="clip-the-river-misses-is-dropped",
    ),
    pytest.param(
        "Regime jets struck villages in the southern countryside of Idlib on Monday.",
        (Place("Idlib", IDLIB_PROVINCE),),
        [LatLon(35.65, 36.60), LatLon(35.47, 36.52)],  # Maarat al-Numan, Kafr Nabl
        [LatLon(36.21, 36.52), LatLon(35.93, 36.63)],  # Sarmada, Idlib city
        (2000.0, 4500.0),
        "zone:part:admin1:SY.12:country:SY",
        "southern Idlib",
        id="southern-side-of-a-province",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "places", "inside", "outside", "area_range", "zone_id", "label"), GEOMETRY_CASES
)
def test_relation_geometry_facts(
    gazetteer: Gazetteer,
    text: str,
    places: Sequence[Place],
    inside: list[LatLon],
    outside: list[LatLon],
    area_range: tuple[float, float],
    zone_id: str,
    label: str,
) -> None:
    zone = zone_for(text, places, gazetteer)
    geometry = shape(zone.geometry)
    assert [p for p in inside if not contains(geometry, p)] == []
    assert [p for p in outside if contains(geometry, p)] == []
    low, high = area_range
    assert low <= area_km2(geometry) <= high
    assert (zone.id, zone.label) == (zone_id, label)


ALL_ZONE_CASES = [
    pytest.param(HEADLINE, HEADLINE_PLACES, id="headline"),
    *(pytest.param(*case.values[:2], id=case.id) for case in GEOMETRY_CASES),
]


@pytest.mark.parametrize(("text", "places"), ALL_ZONE_CASES)
def test_zone_geometry_is_clean_geojson(
    gazetteer: Gazetteer, text: str, places: Sequence[Place]
) -> None:
    zone = zone_for(text, places, gazetteer)
    geometry = shape(zone.geometry)
    assert zone.geometry["type"] == geometry.geom_type in {"Polygon", "MultiPolygon"}
    assert geometry.is_valid and not geometry.is_empty
    assert all(ring.is_ccw for ring in exterior_rings(geometry))
    assert shapely.get_num_coordinates(geometry) <= 2000
    coordinates = shapely.get_coordinates(geometry)
    assert np.allclose(coordinates, np.round(coordinates, 6), atol=1e-9, rtol=0)
    assert (np.abs(coordinates[:, 0]) <= 180).all()
    assert (np.abs(coordinates[:, 1]) <= 90).all()


def test_near_radius_table_covers_every_anchor_class() -> None:
    assert set(NEAR_RADIUS_KM) >= {"city", "admin1", "admin2", "country", "river", "region"}


# -- geometry: degenerate input gives None ------------------------------------------------
def _mention(gazetteer_id: str | None, feature_class: str, **fields: Any) -> Mention:
    defaults: dict[str, Any] = {"lat": 36.2, "lon": 37.16, "country": "SY", "name": "Place"}
    defaults.update(fields)
    return Mention(
        start=8,
        end=13,
        text="Place",
        kind=MentionKind.TOPONYM,
        gazetteer_id=gazetteer_id,
        feature_class=feature_class,
        **defaults,
    )


DEGENERATE_CASES = [
    pytest.param(
        SpatialRelation(
            relation=RelationKind.NEAR, start=0, end=13, text="near Place",
            anchors=(_mention("geonames:0", "city"),),
        ),
        id="anchor-not-in-gazetteer",
    ),
    pytest.param(
        SpatialRelation(
            relation=RelationKind.NEAR, start=0, end=13, text="near Place",
            anchors=(_mention(None, "city"),),
        ),
        id="anchor-unresolved",
    ),
    pytest.param(
        SpatialRelation(
            relation=RelationKind.OFFSET, start=0, end=13, text="north of Place",
            anchors=(_mention(ALEPPO, "city"),),
        ),
        id="offset-without-distance",
    ),
    pytest.param(
        SpatialRelation(
            relation=RelationKind.WEST_OF, start=0, end=13, text="west of Place",
            anchors=(_mention(ALEPPO, "city"),),
        ),
        id="direction-without-bearing",
    ),
    pytest.param(
        SpatialRelation(
            relation=RelationKind.WEST_OF, start=0, end=13, text="west of the lake",
            anchors=(_mention("lake:buhayrat-al-assad", "lake", country=None),), bearing=270.0,
        ),
        id="direction-of-a-lake",
    ),
    pytest.param(
        SpatialRelation(
            relation=RelationKind.BETWEEN, start=0, end=13, text="between Place and Place",
            anchors=(_mention(ALEPPO, "city"), _mention("geonames:0", "city")),
        ),
        id="between-second-anchor-missing",
    ),
]  # fmt: skip


@pytest.mark.parametrize("relation", DEGENERATE_CASES)
def test_relation_geometry_returns_none_on_degenerate_input(
    gazetteer: Gazetteer, relation: SpatialRelation
) -> None:
    assert relation_geometry(relation, gazetteer) is None


BORDER_RIVER_CASES = [
    pytest.param(
        "Militants crossed west of the Jordan River in Jordan.",
        (Place("Jordan River", "river:jordan"), Place("Jordan", "country:JO")),
        id="sliver-side-of-a-border-river",
    ),
    pytest.param(
        "Jets struck west of the Tigris in Syria.",
        (Place("Tigris", TIGRIS), Place("Syria", "country:SY")),
        id="whole-clip-on-one-side",
    ),
]


@pytest.mark.parametrize(("text", "places"), BORDER_RIVER_CASES)
def test_river_that_does_not_divide_its_clip_gives_none(
    gazetteer: Gazetteer, text: str, places: Sequence[Place]
) -> None:
    relation = only_relation(text, places, gazetteer)
    assert relation.clip is not None
    assert relation_geometry(relation, gazetteer) is None


# -- matching shortcuts --------------------------------------------------------------------
_SHORTCUT_PATTERNS = [
    pytest.param(spatial._OFFSET, (spatial._UNIT_WORDS, spatial._COMPASS_OF), id="offset"),
    pytest.param(spatial._DISTANCE, (spatial._UNIT_WORDS,), id="distance"),
    pytest.param(spatial._DIRECTION_OF, (spatial._COMPASS_OF,), id="direction"),
    pytest.param(spatial._NEAR, (), id="near"),
    pytest.param(spatial._PART, (), id="part"),
]
_NOISE = st.sampled_from([" ", "Middle ", "İ", "\u212a", "West", "20 KM ", "of ", "x"])


@pytest.mark.parametrize(("pattern", "needs"), _SHORTCUT_PATTERNS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_relation_matching_shortcuts_find_what_the_ignore_case_pattern_finds(
    pattern: CaseBlind, needs: Sequence[Sequence[CaseBlind]], data: st.DataObject
) -> None:
    """Lower-case twins (see geo.events.text.lower_case) and the literal-led needs find exactly the
    matches of the ignore-case pattern."""
    match = data.draw(st.from_regex(pattern.folding, fullmatch=True))
    # An ignore-case "i" or "s" also matches a dotless i or a long s; lower case does not.
    match = match.replace(*data.draw(st.sampled_from([("", ""), ("i", "ı"), ("s", "ſ")])))
    text = data.draw(_NOISE) + match + data.draw(_NOISE) + data.draw(_NOISE)
    expected = [m.span() for m in pattern.folding.finditer(text)]
    found = spatial._matches(pattern, text, 0, len(text), needs)
    assert [m.span() for m in found] == expected


def test_zone_geojson_is_the_json_round_trip_of_the_mapping() -> None:
    polygon = shapely.from_wkt(
        "POLYGON ((0 0, 1 0, 1 1, 0 0), (0.2 0.1, 0.8 0.1, 0.8 0.7, 0.2 0.1))"
    )
    multi = shapely.MultiPolygon([polygon, shapely.box(-0.0, 2.5, 3.123456, 4.0)])
    for geometry in (polygon, multi):
        expected = json.loads(json.dumps(mapping(geometry)))
        assert repr(spatial._geojson(geometry)) == repr(expected)


# -- vocabulary: relations.toml -------------------------------------------------------------
RELATIONS = vocabulary_data("geo/events/relations.toml")


def spatial_with(data: dict[str, Any]) -> ModuleType:
    """spatial.py run afresh on ``data`` in place of its data file."""
    return module_with_vocabulary(spatial, RelationsFile.model_validate(data))


def test_the_shipped_relations_file_is_valid() -> None:
    words = RelationsFile.model_validate(RELATIONS)
    assert list(NEAR_RADIUS_KM) == [str(c) for c in words.near.radius_km]
    assert set(NEAR_RADIUS_KM) == {c.value for c in FeatureClass}
    assert list(words.measure.units) == [
        "km", "kms", "kilomet(?:er|re)s?", "nautical miles?", "miles?", "mi",
    ]  # fmt: skip


def test_the_bearings_are_those_of_the_compass_words_the_grammar_spells() -> None:
    quarters = [f"{a}{joint}{b}" for a in ("north", "south") for b in ("east", "west")
                for joint in ("", "-", " ")]  # fmt: skip
    read = set()
    for spelled in ["north", "east", "south", "west", *quarters]:
        match = spatial._DIRECTION_RE.fullmatch(f"{spelled} of ")
        assert match is not None and match.group("dir") == spelled
        read.add(spatial._direction_word(match))
    assert read == set(BEARINGS)
    assert [BEARINGS[word] for word in ("north", "east", "south", "west")] == [0, 90, 180, 270]
    for word in read - {"north", "east", "south", "west"}:  # halfway between its two words
        first, second = BEARINGS[word[:5]], BEARINGS[word[5:]]
        assert BEARINGS[word] == (first + second + (360 if abs(first - second) > 180 else 0)) / 2


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (changed(RELATIONS, "direction.bearings", {"west": 270.0}), "Extra inputs"),
        (changed(RELATIONS, "direction.not_after", ["middle", "far?"]), "fixed width only"),
        (changed(RELATIONS, "near.radius_km.town", 5.0), "Input should be 'continent'"),
        (changed(RELATIONS, "near.radius_km.lake", DELETE), "no entry for lake"),
        (changed(RELATIONS, "near.radius_km.city", 0), "greater than 0"),
        (changed(RELATIONS, "near.phrases", ["near", "close to ("]), "not a regular expression"),
        (changed(RELATIONS, "near.phrases", ["near", "around", "near"]),
         "listed more than once: near"),
        (changed(RELATIONS, "near.phrases", ["(?:near|close to)", "(around)"]),
         "has a capturing group"),
        (changed(RELATIONS, "near.phrases", ["Near"]), "not in lower case"),
        (changed(RELATIONS, "near.phrases", []), "at least 1 item"),
        (changed(RELATIONS, "near.phrases", ["near", ""]), "matches the empty string"),
        (changed(RELATIONS, "measure.number_words.none", 0), "greater than 0"),
        (changed(RELATIONS, "measure.units.mi", -1.6), "greater than 0"),
        (changed(RELATIONS, "measure.units", {}), "at least 1 item"),
        (changed(RELATIONS, "measure.units", ["km", "miles?"]), "valid dictionary"),
        (changed(RELATIONS, "measure.units.Km", 1.0), "not in lower case"),
        (changed(RELATIONS, "measure.units.km|mi", 1.0), "top-level '|'"),
        (changed(RELATIONS, "measure.units.met(?:er|re)s?", 0.001),
         "unit 'met(?:er|re)s?' (meter, meters, metre, metres) holds no word of the cheap test "
         "_UNIT_WORDS in geo/events/spatial.py"),
        (changed(RELATIONS, "measure.units.min(?:ute)?s", 1.0), "(mins, minutes) holds no word"),
        (changed(RELATIONS, "measure.units.k+m", 1.0), "too many spellings to check"),
        (changed(RELATIONS, "measure.km_per_unit", {"mi": 1.609344}), "Extra inputs"),
        (changed(RELATIONS, "filler.nouns", ["city"]), "Extra inputs are not permitted"),
        (changed(RELATIONS, "clip", DELETE), "clip\n  Field required"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)  # fmt: skip
def test_a_malformed_relations_file_is_refused(data: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(problem)):
        RelationsFile.model_validate(data)


def _added(section: str, key: str, word: str) -> dict[str, Any]:
    return changed(RELATIONS, f"{section}.{key}", [*RELATIONS[section][key], word])


@pytest.mark.parametrize(
    ("data", "text", "places", "shipped", "edited"),
    [
        pytest.param(
            _added("near", "phrases", "in the countryside of"),
            "Clashes in the countryside of Aleppo killed six.", (Place("Aleppo", ALEPPO),),
            [], [("near", "in the countryside of Aleppo")],
            id="a-near-phrase",
        ),
        pytest.param(
            _added("direction", "modifiers", "well"),
            "Jets struck well north of Raqqa.", (Place("Raqqa", RAQQA),),
            [("north_of", "north of Raqqa")], [("north_of", "well north of Raqqa")],
            id="a-direction-modifier",
        ),
        pytest.param(
            _added("between", "not_an_area_after", "clashes"),
            "Clashes between Raqqa and Deir ez-Zor went on.",
            (Place("Raqqa", RAQQA), Place("Deir ez-Zor", DEIR_EZ_ZOR)),
            [("between", "between Raqqa and Deir ez-Zor")], [],
            id="a-word-that-makes-between-no-area",
        ),
        pytest.param(
            _added("road", "nouns", "pipeline"),
            "Saboteurs blew up the Raqqa-Deir ez-Zor pipeline.",
            (Place("Raqqa", RAQQA), Place("Deir ez-Zor", DEIR_EZ_ZOR)),
            [], [("road", "Raqqa-Deir ez-Zor pipeline")],
            id="a-road-noun",
        ),
        pytest.param(
            changed(RELATIONS, "measure.number_words.a dozen", 12),
            "Shells fell a dozen km north of Aleppo.", (Place("Aleppo", ALEPPO),),
            [("north_of", "north of Aleppo")], [("offset", "a dozen km north of Aleppo")],
            id="a-number-word",
        ),
        pytest.param(
            _added("filler", "trailing_nouns", "countryside"),
            "Troops advanced west of Aleppo countryside.", (Place("Aleppo", ALEPPO),),
            [("west_of", "west of Aleppo")], [("west_of", "west of Aleppo countryside")],
            id="a-trailing-noun",
        ),
        pytest.param(
            changed(RELATIONS, "measure.units.statute miles?", 1.609344),
            "Shells fell 12 statute miles north of Aleppo.", (Place("Aleppo", ALEPPO),),
            [("north_of", "north of Aleppo")], [("offset", "12 statute miles north of Aleppo")],
            id="a-unit-with-a-word-of-the-cheap-test",
        ),
    ],
)  # fmt: skip
def test_a_word_added_to_relations_toml_is_found(
    gazetteer: Gazetteer,
    data: dict[str, Any],
    text: str,
    places: Sequence[Place],
    shipped: list[tuple[str, str]],
    edited: list[tuple[str, str]],
) -> None:
    mentions = mentions_for(text, places, gazetteer)

    def found(module: ModuleType) -> list[tuple[str, str]]:
        relations = module.find_relations(text, 0, len(text), mentions)
        return [(r.relation.value, r.text) for r in relations]

    assert found(spatial) == shipped
    assert found(spatial_with(data)) == edited


def test_the_shipped_relations_file_builds_the_same_patterns() -> None:
    """Run afresh on the shipped data, spatial.py builds exactly the patterns it has."""
    fresh = spatial_with(RELATIONS)
    for name in ("_OFFSET_RE", "_DISTANCE_RE", "_DIRECTION_RE", "_NEAR_RE", "_FILLER_RE",
                 "_NOT_AN_AREA_BEFORE_BETWEEN", "_TRAILING_NOUN_RE", "_ADJACENT_CLIP_RE",
                 "_LOCATIVE_BEFORE_RE", "_ROAD_NOUN_RE"):  # fmt: skip
        assert getattr(fresh, name).pattern == getattr(spatial, name).pattern, name


@pytest.mark.parametrize(
    ("lat", "lon", "bearing", "km"),
    [
        (36.2, 37.15, 0.0, 20.0),  # 20 km north of Aleppo
        (33.5, 36.3, 225.0, 150.5),
        (-33.9, 18.4, 90.0, 0.5),
        (64.1, -21.9, 315.0, 800.0),
        (0.0, 179.9, 90.0, 50.0),  # across the antimeridian
        (89.0, 10.0, 180.0, 10.0),
    ],
)
def test_destination_is_geopys_geodesic_destination(
    lat: float, lon: float, bearing: float, km: float
) -> None:
    from geopy.distance import distance

    expected = distance(kilometers=km).destination((lat, lon), bearing=bearing)
    assert spatial.destination(lat, lon, bearing, km) == (expected.latitude, expected.longitude)
