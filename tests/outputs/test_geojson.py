"""Tests of geo.outputs.geojson: the RFC 7946 FeatureCollection, its validation and GIS interop.

The golden file ``tests/data/export/golden_small.geojson`` is the export of
:func:`small_collection`, compared byte for byte. After an intended change regenerate it
with ``UPDATE_GOLDEN=1 pytest tests/outputs/test_geojson.py`` and review the diff (one feature per
line) before committing.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import random
from pathlib import Path
from typing import Any

import pytest
import shapely
from conftest import DATA_DIR
from shapely.geometry import Polygon, shape

from geo.errors import OutputError
from geo.events.actors import Actor, ActorKind, ActorRole
from geo.events.model import (
    Event,
    EventCollection,
    EventDate,
    EventLocation,
    LocationPrecision,
    PlaceSummary,
    ReferencedFeature,
    Source,
    Zone,
)
from geo.events.taxonomy import EventType
from geo.events.timex import DatePrecision
from geo.events.triggers import Modality
from geo.outputs.geojson import (
    COORDINATE_DECIMALS,
    FEATURE_KINDS,
    dumps_feature_collection,
    event_feature,
    located_features,
    lon_lat,
    ordered_events,
    polygonal_geometry,
    round_coordinates,
    to_feature_collection,
    validate_feature_collection,
)
from geo.outputs.render import parse_collection

GOLDEN = DATA_DIR / "export" / "golden_small.geojson"

HOSTILE_TITLE = '"><script>alert(1)</script> \'single\' "double" \\ back\\slash'
HOSTILE_SENTENCE = (
    "Officials said 🚀 drones hit الرقة (Raqqa) — \u200f\u202eRTL override\u202c — "
    "and </script><img src=x onerror=alert(1)> next to 'Ḥalab'\u2028line separator."
)
HOSTILE_NAME = "דמשק \U0001f1f8\U0001f1fe Damascus\ttab\nnewline"

# ---------------------------------------------------------------------------------------
# Fixture builders: real-looking events of a Syria news story.
# ---------------------------------------------------------------------------------------


def _square(west: float, south: float, east: float, north: float) -> list[list[float]]:
    """A clockwise ring (the wrong way round for RFC 7946 exteriors)."""
    return [[west, south], [west, north], [east, north], [east, south], [west, south]]


def _ccw(ring: list[list[float]]) -> list[list[float]]:
    return list(reversed(ring))


def _source(
    document_id: str, sentence: str, *, title: str = "U.S. jet downs Syrian plane"
) -> Source:
    return Source(
        document_id=document_id,
        title=title,
        published=dt.date(2017, 6, 19),
        url=f"https://news.example.org/{document_id}",
        source="Example Wire",
        sentence=sentence,
        start=120,
        end=120 + len(sentence),
        trigger_start=140,
        trigger_end=148,
    )


def _actor(actor_id: str, name: str, country: str, role: ActorRole | None) -> Actor:
    return Actor(
        id=actor_id,
        name=name,
        kind=ActorKind.STATE_FORCES,
        country=country,
        role=role,
        start=0,
        end=len(name),
        text=name,
    )


SHOOT_DOWN_SENTENCE = "A U.S. Navy F/A-18E Super Hornet shot down a Syrian Su-22 south of Tabqa."
THREAT_SENTENCE = (
    "Russia said it would treat any US jet flying west of the Euphrates River in Syria "
    "as a potential target."
)

# A zone around a hole, clockwise exterior and counter-clockwise hole (both wrong), plus a
# second part: the exporter must orient all of them.
ZONE_MULTIPOLYGON: dict[str, Any] = {
    "type": "MultiPolygon",
    "coordinates": [
        [_square(36.0, 33.0, 38.5, 36.5), _ccw(_square(36.9, 34.4, 37.3, 34.8))],
        [_square(35.7, 35.4, 35.95, 35.9)],
    ],
}
EUPHRATES_LINE: dict[str, Any] = {
    "type": "LineString",
    "coordinates": [[38.02, 36.83], [38.12, 36.25], [38.55, 35.93], [39.35, 35.82], [40.14, 35.33]],
}
MEDITERRANEAN: dict[str, Any] = {
    "type": "Polygon",
    "coordinates": [_square(32.3, 31.1, 35.9, 36.0)],
}


def shoot_down_event(**changes: Any) -> Event:
    """A shoot-down with a day date and a point location south of Tabqa."""
    fields: dict[str, Any] = {
        "id": "ev-shoot-down-tabqa",
        "event_type": EventType.SHOOT_DOWN,
        "label": "Shoot-down",
        "cameo": "190",
        "acled_event_type": "Battles",
        "acled_sub_event_type": "Armed clash",
        "modality": Modality.ASSERTED,
        "trigger": "shot down",
        "object_kind": "aircraft",
        "actors": [
            _actor("US.military", "U.S. Navy", "US", ActorRole.INITIATOR),
            _actor("SY.military", "Syrian air force", "SY", ActorRole.TARGET),
        ],
        "date": EventDate(
            date=dt.date(2017, 6, 18),
            precision=DatePrecision.DAY,
            text="on Sunday",
            reason="weekday before publication",
        ),
        "location": EventLocation(
            name="south of Tabqa",
            gazetteer_id="geonames:166365",
            geonameid=166365,
            feature_class="city",
            country="SY",
            lat=35.7370004,
            lon=38.5477996,
            precision=LocationPrecision.CITY,
            uncertainty_km=15.0,
            reason="'south of Tabqa': Tabqa offset 10 km south",
        ),
        "confidence": 0.8,
        "sources": [_source("doc-shootdown", SHOOT_DOWN_SENTENCE)],
    }
    return Event(**(fields | changes))


def country_event() -> Event:
    """A statement placed only at the country level, with a month date and no zone."""
    return Event(
        id="ev-condemnation-syria",
        event_type=EventType.CONDEMNATION,
        label="Condemnation",
        cameo="122",
        modality=Modality.REPORTED,
        trigger="condemned",
        actors=[_actor("SY.government", "Syrian foreign ministry", "SY", ActorRole.INITIATOR)],
        date=EventDate(date=dt.date(2017, 6, 1), precision=DatePrecision.MONTH, text="in June"),
        location=EventLocation(
            name="Syria",
            gazetteer_id="ne:SYR",
            lat=35.0,
            lon=38.5,
            precision=LocationPrecision.COUNTRY,
            uncertainty_km=300.0,
            reason="only the country is named; placed at its centroid",
        ),
        confidence=0.5,
        sources=[_source("doc-russia", "Syria's foreign ministry condemned the attack.")],
    )


def threat_event() -> Event:
    """A threat whose location is the zone 'west of the Euphrates in Syria'."""
    return Event(
        id="ev-threat-west-euphrates",
        event_type=EventType.THREAT,
        label="Threat",
        modality=Modality.HYPOTHETICAL,
        trigger="treat ... as a potential target",
        actors=[
            _actor("RU.government", "Russia", "RU", ActorRole.INITIATOR),
            _actor("US.military", "US jet", "US", ActorRole.TARGET),
        ],
        date=EventDate(date=dt.date(2017, 6, 19), precision=DatePrecision.DAY),
        location=EventLocation(
            name="Syria west of the Euphrates",
            lat=34.6,
            lon=37.2,
            precision=LocationPrecision.ZONE,
            uncertainty_km=250.0,
            reason="spatial relation 'west of' the Euphrates River, clipped to Syria",
        ),
        zone=Zone(
            id="zone-west-of-euphrates",
            relation="west_of",
            label="Syria west of the Euphrates",
            anchor_id="ne:river:euphrates",
            anchor_name="Euphrates",
            clip_id="ne:SYR",
            clip_name="Syria",
            geometry=ZONE_MULTIPOLYGON,
            text="west of the Euphrates River in Syria",
        ),
        confidence=0.7,
        sources=[_source("doc-russia", THREAT_SENTENCE, title="Russia warns coalition")],
    )


def unlocated_event() -> Event:
    """An undated event geo could not place: exported with ``"geometry": null``."""
    return Event(
        id="ev-accusation-unplaced",
        event_type=EventType.ACCUSATION,
        label="Accusation",
        modality=Modality.REPORTED,
        trigger="accused",
        sources=[_source("doc-russia", "Moscow accused Washington of violating the memorandum.")],
    )


def places() -> list[PlaceSummary]:
    return [
        PlaceSummary(
            gazetteer_id="geonames:170654",
            geonameid=170654,
            name="Damascus",
            feature_class="city",
            country="SY",
            lat=33.5102,
            lon=36.29128,
            mentions=[{"document_id": "doc-russia", "text": "Damascus", "start": 220, "end": 228}],
        ),
        PlaceSummary(
            gazetteer_id="geonames:166365",
            geonameid=166365,
            name="Tabqa",
            feature_class="city",
            country="SY",
            lat=35.83698,
            lon=38.54775,
            mentions=[
                {"document_id": "doc-shootdown", "text": "Tabqa", "start": 190, "end": 195},
                {"document_id": "doc-russia", "text": "Tabqa", "start": 30, "end": 35},
            ],
        ),
    ]


def referenced_features() -> list[ReferencedFeature]:
    return [
        ReferencedFeature(
            gazetteer_id="ne:sea:mediterranean",
            name="Mediterranean Sea",
            feature_class="sea",
            role="anchor",
            geometry=MEDITERRANEAN,
        ),
        ReferencedFeature(
            gazetteer_id="ne:river:euphrates",
            name="Euphrates",
            feature_class="river",
            role="targeting line",
            geometry=EUPHRATES_LINE,
        ),
    ]


def small_collection() -> EventCollection:
    """The golden fixture: every feature kind, a zone with a hole, an unlocated event."""
    return EventCollection(
        events=[threat_event(), unlocated_event(), shoot_down_event(), country_event()],
        places=places(),
        features=referenced_features(),
    )


def hostile_collection() -> EventCollection:
    """Quotes, markup, emoji, RTL and control characters in every kind of text field."""
    source = _source('doc-"hostile"-<1>', HOSTILE_SENTENCE, title=HOSTILE_TITLE)
    event = shoot_down_event(
        id="ev-<script>",
        trigger="shot\u00a0down 🛩",
        sources=[source],
        location=EventLocation(
            name=HOSTILE_NAME, lat=33.5, lon=36.3, reason=HOSTILE_SENTENCE, uncertainty_km=1.0
        ),
    )
    place = PlaceSummary(
        gazetteer_id="geonames:<b>1</b>",
        name=HOSTILE_NAME,
        feature_class="city",
        lat=33.5,
        lon=36.3,
        mentions=[{"document_id": "d'1", "text": HOSTILE_NAME, "start": 0, "end": 3}],
    )
    return EventCollection(events=[event], places=[place])


@pytest.fixture(scope="module")
def small_fc() -> dict[str, Any]:
    return to_feature_collection(small_collection())


def _by_id(fc: dict[str, Any], feature_id: str) -> dict[str, Any]:
    matches: list[dict[str, Any]] = [
        f for f in fc["features"] if f["properties"]["id"] == feature_id
    ]
    assert len(matches) == 1, matches
    return matches[0]


# ---------------------------------------------------------------------------------------
# The FeatureCollection.
# ---------------------------------------------------------------------------------------


def test_features_are_ordered_by_kind_then_date_then_id(small_fc: dict[str, Any]) -> None:
    listed = [(f["properties"]["kind"], f["properties"]["id"]) for f in small_fc["features"]]
    assert listed == [
        ("event", "ev-condemnation-syria"),  # 2017-06-01 (month)
        ("event", "ev-shoot-down-tabqa"),  # 2017-06-18
        ("event", "ev-threat-west-euphrates"),  # 2017-06-19
        ("event", "ev-accusation-unplaced"),  # undated: last
        ("zone", "zone-west-of-euphrates"),
        ("feature", "ne:river:euphrates"),
        ("feature", "ne:sea:mediterranean"),
        ("place", "geonames:166365"),
        ("place", "geonames:170654"),
    ]


@pytest.mark.parametrize(
    ("kind", "keys"),
    [
        (
            "event",
            [
                "kind", "id", "event_type", "event_label", "cameo", "acled_event_type",
                "acled_sub_event_type", "modality", "date", "date_precision", "date_earliest",
                "date_latest", "date_text", "actors", "location_name", "gazetteer_id",
                "geonameid", "precision", "uncertainty_km", "confidence", "reason",
                "date_reason", "trigger", "sentence", "zone_id", "sources",
            ],
        ),
        (
            "zone",
            [
                "kind", "id", "relation", "label", "anchor_id", "anchor_name", "clip_id",
                "clip_name", "distance_km", "statement", "date", "event_id", "sources",
            ],
        ),
        ("feature", ["kind", "id", "name", "feature_class", "role"]),
        (
            "place",
            [
                "kind", "id", "geonameid", "name", "feature_class", "country", "mention_count",
                "mentions",
            ],
        ),
    ],
)  # fmt: skip
def test_property_keys_have_a_fixed_order(
    small_fc: dict[str, Any], kind: str, keys: list[str]
) -> None:
    of_kind = [f for f in small_fc["features"] if f["properties"]["kind"] == kind]
    assert of_kind
    assert all(list(f) == ["type", "geometry", "properties"] for f in of_kind)
    assert all(list(f["properties"]) == keys for f in of_kind)


def test_event_properties(small_fc: dict[str, Any]) -> None:
    event = _by_id(small_fc, "ev-shoot-down-tabqa")
    assert event["geometry"] == {"type": "Point", "coordinates": [38.5478, 35.737]}
    props = event["properties"]
    assert (props["event_type"], props["event_label"], props["modality"]) == (
        "shoot_down",
        "Shoot-down",
        "asserted",
    )
    assert (props["date"], props["date_precision"], props["date_text"]) == (
        "2017-06-18",
        "day",
        "on Sunday",
    )
    assert props["actors"][1] == {
        "id": "SY.military",
        "name": "Syrian air force",
        "kind": "state_forces",
        "role": "target",
        "country": "SY",
    }
    assert props["sentence"] == SHOOT_DOWN_SENTENCE
    assert props["zone_id"] is None
    assert props["sources"][0]["published"] == "2017-06-19"
    assert list(props["sources"][0]) == [
        "document_id", "title", "published", "url", "source", "sentence", "start", "end",
        "trigger_start", "trigger_end",
    ]  # fmt: skip


def test_country_event_has_no_zone(small_fc: dict[str, Any]) -> None:
    props = _by_id(small_fc, "ev-condemnation-syria")["properties"]
    assert (props["precision"], props["zone_id"], props["date_precision"]) == (
        "country",
        None,
        "month",
    )
    assert props["date"] == "2017-06-01"


def test_unlocated_event_has_null_geometry_and_date(small_fc: dict[str, Any]) -> None:
    feature = _by_id(small_fc, "ev-accusation-unplaced")
    assert feature["geometry"] is None
    assert (feature["properties"]["date"], feature["properties"]["actors"]) == (None, [])


def test_event_with_only_one_coordinate_is_unlocated() -> None:
    event = shoot_down_event(location=EventLocation(name="Tabqa", lat=35.8))
    assert event_feature(event)["geometry"] is None


def test_zone_links_event_and_carries_its_sentence(small_fc: dict[str, Any]) -> None:
    zone = _by_id(small_fc, "zone-west-of-euphrates")
    assert zone["properties"]["event_id"] == "ev-threat-west-euphrates"
    assert zone["properties"]["statement"] == THREAT_SENTENCE
    assert zone["properties"]["date"] == "2017-06-19"
    assert (
        _by_id(small_fc, "ev-threat-west-euphrates")["properties"]["zone_id"]
        == zone["properties"]["id"]
    )


def test_zone_multipolygon_keeps_its_hole_and_follows_right_hand_rule(
    small_fc: dict[str, Any],
) -> None:
    geometry = _by_id(small_fc, "zone-west-of-euphrates")["geometry"]
    assert geometry["type"] == "MultiPolygon"
    rings_per_polygon = sorted(len(polygon) for polygon in geometry["coordinates"])
    assert rings_per_polygon == [1, 2]
    for polygon in geometry["coordinates"]:
        assert Polygon(polygon[0]).exterior.is_ccw
        assert all(not Polygon(hole).exterior.is_ccw for hole in polygon[1:])
    assert shape(geometry).area == pytest.approx(2.5 * 3.5 - 0.4 * 0.4 + 0.25 * 0.5)


def test_shared_zone_is_written_once_with_the_first_event() -> None:
    later = threat_event().model_copy(
        update={"id": "ev-threat-repeated", "date": EventDate(date=dt.date(2017, 6, 20))}
    )
    fc = to_feature_collection(EventCollection(events=[later, threat_event()]))
    zones = [f for f in fc["features"] if f["properties"]["kind"] == "zone"]
    assert [z["properties"]["event_id"] for z in zones] == ["ev-threat-west-euphrates"]


def test_place_counts_mentions(small_fc: dict[str, Any]) -> None:
    place = _by_id(small_fc, "geonames:166365")
    assert place["geometry"] == {"type": "Point", "coordinates": [38.54775, 35.83698]}
    assert place["properties"]["mention_count"] == 2
    assert place["properties"]["mentions"][0] == {
        "document_id": "doc-shootdown",
        "text": "Tabqa",
        "start": 190,
        "end": 195,
    }


def test_river_feature_keeps_its_line(small_fc: dict[str, Any]) -> None:
    river = _by_id(small_fc, "ne:river:euphrates")
    assert river["geometry"] == EUPHRATES_LINE
    assert river["properties"] == {
        "kind": "feature",
        "id": "ne:river:euphrates",
        "name": "Euphrates",
        "feature_class": "river",
        "role": "targeting line",
    }


def test_empty_collection() -> None:
    fc = to_feature_collection(EventCollection())
    assert fc == {"type": "FeatureCollection", "features": []}
    validate_feature_collection(fc)
    assert dumps_feature_collection(fc) == '{"type":"FeatureCollection","features":[]}\n'


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ([None, dt.date(2017, 6, 2), dt.date(2017, 6, 1)], ["c", "b", "a"]),
        ([None, None, None], ["a", "b", "c"]),
        ([dt.date(2017, 6, 1)] * 3, ["a", "b", "c"]),
        ([], []),
    ],
)
def test_ordered_events(dates: list[dt.date | None], expected: list[str]) -> None:
    events = [
        shoot_down_event(id=event_id, date=EventDate(date=date))
        for event_id, date in zip("abc", dates, strict=False)
    ]
    assert [e.id for e in ordered_events(reversed(events))] == expected


# ---------------------------------------------------------------------------------------
# Coordinates and polygons.
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        (35.9528, 39.0129, (39.0129, 35.9528)),  # Raqqa: longitude first
        (33.5102, 36.29128, (36.29128, 33.5102)),
        (-33.8688, 151.2093, (151.2093, -33.8688)),  # southern/eastern hemisphere
        (0.0, 0.0, (0.0, 0.0)),
        (-0.0000004, -0.0000004, (0.0, 0.0)),  # rounds to zero without a minus sign
        (89.99999999, 179.99999999, (180.0, 90.0)),
        (12.3456785, 98.7654321, (98.765432, 12.345678)),
    ],
)
def test_lon_lat(lat: float, lon: float, expected: tuple[float, float]) -> None:
    position = lon_lat(lat, lon)
    assert position == expected
    assert all(
        math.copysign(1.0, v) == math.copysign(1.0, e)
        for v, e in zip(position, expected, strict=True)
    )


@pytest.mark.parametrize(
    ("coordinates", "expected"),
    [
        ([1.23456789, 2], [1.234568, 2.0]),
        (((1.0000001, 2.0), (3.0, 4.0)), [[1.0, 2.0], [3.0, 4.0]]),
        ([[[0.1234567, -0.0000001]]], [[[0.123457, 0.0]]]),
        ([], []),
    ],
)
def test_round_coordinates(coordinates: Any, expected: Any) -> None:
    assert round_coordinates(coordinates) == expected


def test_round_coordinates_rejects_non_numbers() -> None:
    with pytest.raises(TypeError):
        round_coordinates([["1.0", 2.0]])


def _rings(geometry: dict[str, Any]) -> list[tuple[bool, list[list[float]]]]:
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    return [(index == 0, ring) for polygon in polygons for index, ring in enumerate(polygon)]


@pytest.mark.parametrize(
    ("geometry", "expected_type", "expected_area"),
    [
        pytest.param(
            {"type": "Polygon", "coordinates": [_square(0, 0, 1, 1)]},
            "Polygon",
            1.0,
            id="cw-square",
        ),
        pytest.param(
            {"type": "Polygon", "coordinates": [_ccw(_square(0, 0, 1, 1))]},
            "Polygon",
            1.0,
            id="ccw-square",
        ),
        pytest.param(
            {
                "type": "Polygon",
                "coordinates": [_ccw(_square(0, 0, 4, 4)), _ccw(_square(1, 1, 2, 2))],
            },
            "Polygon",
            15.0,
            id="hole-wrong-way",
        ),
        pytest.param(
            {"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]},
            "MultiPolygon",
            2.0,
            id="bow-tie",
        ),
        pytest.param(
            {
                "type": "MultiPolygon",
                "coordinates": [[_square(0, 0, 2, 2)], [_square(1, 1, 3, 3)]],
            },
            "Polygon",
            7.0,
            id="overlapping-parts",
        ),
        pytest.param(
            {
                "type": "Polygon",
                "coordinates": [[[0, 0], [4, 0], [4, 4], [2, 4], [2, 6], [2, 4], [0, 4], [0, 0]]],
            },
            "Polygon",
            16.0,
            id="spike-dropped",
        ),
        pytest.param(
            {
                "type": "Polygon",
                "coordinates": [
                    [[0, 0], [0.00000001, 0.0], [1.000000049, 0.0], [1, 1], [0, 1], [0, 0]]
                ],
            },
            "Polygon",
            1.0,
            id="near-duplicate-vertex-snapped",
        ),
    ],
)
def test_polygonal_geometry_is_valid_oriented_and_rounded(
    geometry: dict[str, Any], expected_type: str, expected_area: float
) -> None:
    result = polygonal_geometry(geometry, name="zone test")
    assert result["type"] == expected_type
    parsed = shape(result)
    assert parsed.is_valid
    assert parsed.area == pytest.approx(expected_area, abs=1e-5)
    for exterior, ring in _rings(result):
        assert Polygon(ring).exterior.is_ccw is exterior
        for x, y in ring:
            assert (round(x, COORDINATE_DECIMALS), round(y, COORDINATE_DECIMALS)) == (x, y)
    validate_feature_collection(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "geometry": result, "properties": {"kind": "zone", "id": "z"}}
            ],
        }
    )


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        pytest.param(
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [2, 2], [0, 0]]]},
            "no area",
            id="collinear",
        ),
        pytest.param(
            {"type": "Polygon", "coordinates": [[[0, 0], [1e-8, 0], [1e-8, 1e-8], [0, 0]]]},
            "no area",
            id="smaller-than-grid",
        ),
        pytest.param(
            {"type": "Point", "coordinates": [0, 0]}, "Polygon or MultiPolygon", id="point"
        ),
        pytest.param(
            {"type": "Polygon", "coordinates": [[[0, 0], [1, math.nan], [1, 1], [0, 0]]]},
            "nan",
            id="nan",
        ),
        pytest.param({"type": "Polygon", "coordinates": [[[0, 0], [1]]]}, "unreadable", id="short"),
    ],
)
def test_polygonal_geometry_rejects(geometry: dict[str, Any], message: str) -> None:
    with pytest.raises(OutputError, match=message) as caught:
        polygonal_geometry(geometry, name="zone 'z-bad'")
    assert "zone 'z-bad'" in str(caught.value)


# ---------------------------------------------------------------------------------------
# NaN, infinity and unencodable text never reach the file.
# ---------------------------------------------------------------------------------------


def _zone_with(geometry: dict[str, Any], **changes: Any) -> Event:
    zone = threat_event().zone
    assert zone is not None
    return threat_event().model_copy(
        update={"zone": zone.model_copy(update={"geometry": geometry} | changes)}
    )


_NAN_SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, math.nan], [0, 0]]]}


@pytest.mark.parametrize(
    ("collection", "named"),
    [
        pytest.param(
            EventCollection(places=[places()[0].model_copy(update={"lat": math.nan})]),
            "place 'geonames:170654'",
            id="place-nan-lat",
        ),
        pytest.param(
            EventCollection(places=[places()[0].model_copy(update={"lon": math.inf})]),
            "place 'geonames:170654'",
            id="place-inf-lon",
        ),
        pytest.param(
            EventCollection(events=[_zone_with(_NAN_SQUARE)]),
            "zone 'zone-west-of-euphrates'",
            id="zone-nan-coordinate",
        ),
        pytest.param(
            EventCollection(events=[_zone_with(ZONE_MULTIPOLYGON, distance_km=math.nan)]),
            "zone 'zone-west-of-euphrates'",
            id="zone-nan-distance",
        ),
        pytest.param(
            EventCollection(
                features=[
                    referenced_features()[1].model_copy(
                        update={
                            "geometry": {
                                "type": "LineString",
                                "coordinates": [[0, 0], [1, -math.inf]],
                            }
                        }
                    )
                ]
            ),
            "feature 'ne:river:euphrates'",
            id="river-inf",
        ),
        pytest.param(
            EventCollection(
                events=[
                    shoot_down_event(
                        location=EventLocation.model_construct(lat=math.nan, lon=38.5, name="x")
                    )
                ]
            ),
            "event 'ev-shoot-down-tabqa'",
            id="event-nan-lat",
        ),
        pytest.param(
            EventCollection(
                events=[
                    shoot_down_event(
                        location=EventLocation(lat=35.0, lon=38.0, uncertainty_km=math.inf)
                    )
                ]
            ),
            "event 'ev-shoot-down-tabqa'",
            id="event-inf-uncertainty",
        ),
        pytest.param(
            EventCollection(
                events=[shoot_down_event(sources=[_source("doc", "broken \udc80 text")])]
            ),
            "event 'ev-shoot-down-tabqa'",
            id="lone-surrogate",
        ),
    ],
)
def test_non_json_values_raise_naming_the_feature(collection: EventCollection, named: str) -> None:
    with pytest.raises(OutputError) as caught:
        to_feature_collection(collection)
    assert named in str(caught.value)


def test_unknown_feature_geometry_type_raises() -> None:
    point = referenced_features()[1].model_copy(
        update={"geometry": {"type": "Point", "coordinates": [38.0, 36.0]}}
    )
    with pytest.raises(OutputError, match=r"feature 'ne:river:euphrates'.*'Point'"):
        to_feature_collection(EventCollection(features=[point]))


def test_dumps_refuses_nan_even_when_built_by_hand() -> None:
    fc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": None, "properties": {"x": math.nan}}],
    }
    with pytest.raises(OutputError, match="feature 0"):
        dumps_feature_collection(fc)


# ---------------------------------------------------------------------------------------
# Text: determinism, hostile strings, golden file.
# ---------------------------------------------------------------------------------------


def test_same_input_in_any_order_gives_identical_bytes() -> None:
    reference = dumps_feature_collection(to_feature_collection(small_collection()))
    shuffler = random.Random(7)
    for _ in range(5):
        collection = small_collection()
        shuffler.shuffle(collection.events)
        shuffler.shuffle(collection.places)
        shuffler.shuffle(collection.features)
        assert dumps_feature_collection(to_feature_collection(collection)) == reference


def test_dumps_format(small_fc: dict[str, Any]) -> None:
    text = dumps_feature_collection(small_fc)
    lines = text.split("\n")
    assert lines[0] == '{"type":"FeatureCollection","features":['
    assert lines[-2:] == ["]}", ""]
    assert len(lines) == len(small_fc["features"]) + 3  # one feature per line
    assert json.loads(text) == small_fc
    assert "NaN" not in text and "Infinity" not in text


def test_hostile_strings_survive_a_json_round_trip_unchanged() -> None:
    fc = to_feature_collection(hostile_collection())
    validate_feature_collection(fc)
    text = dumps_feature_collection(fc)
    assert "🚀" in text and "الرقة" in text  # ensure_ascii=False: written as UTF-8, not \u escapes
    again = json.loads(text)
    assert again == fc
    event, place = again["features"]
    assert event["properties"]["id"] == "ev-<script>"
    assert event["properties"]["sources"][0]["title"] == HOSTILE_TITLE
    assert event["properties"]["sentence"] == HOSTILE_SENTENCE
    assert event["properties"]["location_name"] == HOSTILE_NAME
    assert event["properties"]["trigger"] == "shot\u00a0down 🛩"
    assert place["properties"]["mentions"][0] == {
        "document_id": "d'1",
        "text": HOSTILE_NAME,
        "start": 0,
        "end": 3,
    }
    assert text.encode("utf-8").decode("utf-8") == text


def test_golden_file(small_fc: dict[str, Any]) -> None:
    text = dumps_feature_collection(small_fc)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8", newline="\n")
    assert GOLDEN.read_bytes() == text.encode("utf-8"), (
        "export changed; review, then regenerate with "
        "UPDATE_GOLDEN=1 pytest tests/outputs/test_geojson.py"
    )


# ---------------------------------------------------------------------------------------
# Validation.
# ---------------------------------------------------------------------------------------


def test_own_output_validates(small_fc: dict[str, Any]) -> None:
    validate_feature_collection(small_fc)
    validate_feature_collection(json.loads(GOLDEN.read_text(encoding="utf-8")))


def _fc(geometry: Any, **properties: Any) -> dict[str, Any]:
    props = {"kind": "zone", "id": "z-1"} | properties
    return {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": geometry, "properties": props}],
    }


_CCW = _ccw(_square(0, 0, 1, 1))


@pytest.mark.parametrize(
    ("fc", "message"),
    [
        pytest.param(
            {"type": "Feature"}, '§3.3: top-level type must be "FeatureCollection"', id="not-fc"
        ),
        pytest.param(
            {"type": "FeatureCollection"}, '"features" that is an array', id="no-features"
        ),
        pytest.param(
            {"type": "FeatureCollection", "features": [], "crs": {"type": "name"}},
            '§4: the "crs" member was removed',
            id="crs",
        ),
        pytest.param(
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}}]},
            '§3.2: a Feature has a member "geometry"',
            id="no-geometry",
        ),
        pytest.param(
            {"type": "FeatureCollection", "features": [{"geometry": None, "properties": None}]},
            '§3.2: a Feature has "type": "Feature"',
            id="no-type",
        ),
        pytest.param(
            _fc({"type": "Polygon", "coordinates": [_square(0, 0, 1, 1)]}),
            "RFC 7946 §3.1.6: polygon exterior ring must be counter-clockwise",
            id="cw",
        ),
        pytest.param(
            _fc(
                {
                    "type": "Polygon",
                    "coordinates": [_ccw(_square(0, 0, 4, 4)), _ccw(_square(1, 1, 2, 2))],
                }
            ),
            "RFC 7946 §3.1.6: polygon holes must be clockwise",
            id="ccw-hole",
        ),
        pytest.param(
            _fc({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}),
            "first and last positions of a linear ring must be equivalent",
            id="open-ring",
        ),
        pytest.param(
            _fc({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}),
            "a linear ring has four or more positions",
            id="short-ring",
        ),
        pytest.param(
            _fc({"type": "Point", "coordinates": [36.3, 33.5, 10.0, 1.0]}),
            "a position has two or three elements",
            id="4d-position",
        ),
        pytest.param(
            _fc({"type": "Point", "coordinates": [36.3]}), "two or three elements", id="1d"
        ),
        pytest.param(
            _fc({"type": "Point", "coordinates": [33.5, 236.3]}),
            "latitude must be within [-90, 90]",
            id="lat-lon-swapped",
        ),
        pytest.param(
            _fc({"type": "Point", "coordinates": [-181.0, 0.0]}),
            "longitude must be within [-180, 180]",
            id="lon-range",
        ),
        pytest.param(
            _fc({"type": "Point", "coordinates": [math.nan, 0.0]}),
            "NaN and Infinity are not JSON numbers",
            id="nan",
        ),
        pytest.param(
            _fc({"type": "Point", "coordinates": ["36.3", "33.5"]}),
            "a position is an array of numbers",
            id="strings",
        ),
        pytest.param(
            _fc({"type": "LineString", "coordinates": [[0, 0]]}),
            "§3.1.4: a LineString has 2 or more positions",
            id="one-point-line",
        ),
        pytest.param(
            _fc({"type": "Circle", "coordinates": [0, 0]}), "unknown geometry type", id="circle"
        ),
        pytest.param(
            _fc({"type": "GeometryCollection", "geometries": []}),
            "GeometryCollection is not used",
            id="geometry-collection",
        ),
        pytest.param(
            _fc(
                {
                    "type": "Polygon",
                    "coordinates": [
                        _ccw([[0, 0], [0, 2], [2, 2], [2, 0], [0, 0]]),
                        [[0.5, 0.5], [0.5, 3], [1, 3], [1, 0.5], [0.5, 0.5]],
                    ],
                }
            ),
            "polygons must be valid",
            id="hole-outside",
        ),
        pytest.param(_fc(None, kind="river"), "properties.kind must be one of", id="bad-kind"),
        pytest.param(_fc(None, id=""), "properties.id must be a non-empty string", id="no-id"),
        pytest.param(
            _fc(None, distance_km=math.inf), "inf at properties.distance_km", id="inf-prop"
        ),
        pytest.param(
            {"type": "FeatureCollection", "features": _fc(None)["features"] * 2},
            "duplicate zone id 'z-1'",
            id="duplicate-id",
        ),
        pytest.param(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": None,
                        "properties": {"kind": "zone", "id": "z"},
                        "bbox": [1, 2],
                    }
                ],
            },
            "geojson-pydantic",
            id="object-model-bad-bbox",
        ),
    ],
)
def test_validation_problems_quote_the_spec(fc: dict[str, Any], message: str) -> None:
    with pytest.raises(OutputError) as caught:
        validate_feature_collection(fc)
    assert message in str(caught.value)


def test_validation_collects_every_problem() -> None:
    features = [
        _fc({"type": "Polygon", "coordinates": [_square(0, 0, 1, 1)]})["features"][0],
        _fc({"type": "Point", "coordinates": [33.5, 236.3]}, id="z-2")["features"][0],
        _fc(None, kind="river", id="r-1")["features"][0],
    ]
    with pytest.raises(OutputError) as caught:
        validate_feature_collection({"type": "FeatureCollection", "features": features})
    message = str(caught.value)
    assert message.startswith("3 GeoJSON problem(s): ")
    assert "feature 0 (zone 'z-1'): RFC 7946 §3.1.6" in message
    assert "feature 1 (zone 'z-2'): RFC 7946 §3.1.1" in message
    assert "feature 2 (river 'r-1'): geo: properties.kind" in message


def test_validation_accepts_altitude_and_null_properties() -> None:
    fc = _fc({"type": "Point", "coordinates": [36.3, 33.5, 700.0]})
    validate_feature_collection(fc)
    fc["features"][0]["properties"] = None
    with pytest.raises(OutputError, match="geo: properties must be an object"):
        validate_feature_collection(fc)


# ---------------------------------------------------------------------------------------
# Interop: GDAL (pyogrio), geopandas, shapely and geo's own map.
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory, small_fc: dict[str, Any]) -> Path:
    path = tmp_path_factory.mktemp("export") / "events.geojson"
    path.write_text(dumps_feature_collection(small_fc), encoding="utf-8")
    return path


def test_pyogrio_reads_the_file(written: Path, small_fc: dict[str, Any]) -> None:
    pyogrio = pytest.importorskip("pyogrio")
    frame = pyogrio.read_dataframe(written)
    assert len(frame) == len(small_fc["features"])
    assert list(frame["kind"]) == [f["properties"]["kind"] for f in small_fc["features"]]
    types = [None if g is None else g.geom_type for g in frame.geometry]
    assert types == [
        None if f["geometry"] is None else f["geometry"]["type"] for f in small_fc["features"]
    ]
    assert str(frame.crs).upper().endswith("4326")
    row = frame[frame["id"] == "ev-shoot-down-tabqa"].iloc[0]
    assert row["sentence"] == SHOOT_DOWN_SENTENCE
    assert row["confidence"] == pytest.approx(0.8)
    assert (row.geometry.x, row.geometry.y) == (38.5478, 35.737)  # lon, lat


def test_geopandas_reads_the_file(written: Path, small_fc: dict[str, Any]) -> None:
    geopandas = pytest.importorskip("geopandas")
    frame = geopandas.read_file(written, engine="pyogrio")
    assert len(frame) == len(small_fc["features"])
    assert sorted(set(frame["kind"])) == sorted(FEATURE_KINDS)
    zone = frame[frame["kind"] == "zone"].iloc[0]
    assert zone.geometry.geom_type == "MultiPolygon"
    assert zone["statement"] == THREAT_SENTENCE
    assert zone.geometry.is_valid
    place = frame[frame["id"] == "geonames:166365"].iloc[0]
    assert place["mention_count"] == 2
    mentions = place["mentions"]  # nested arrays come back as JSON text or as lists
    mentions = json.loads(mentions) if isinstance(mentions, str) else mentions
    assert mentions[0]["text"] == "Tabqa"


def test_hostile_text_survives_gdal(tmp_path: Path) -> None:
    pyogrio = pytest.importorskip("pyogrio")
    path = tmp_path / "hostile.geojson"
    path.write_text(dumps_feature_collection(to_feature_collection(hostile_collection())), "utf-8")
    frame = pyogrio.read_dataframe(path)
    assert frame["location_name"].iloc[0] == HOSTILE_NAME
    assert frame["name"].iloc[1] == HOSTILE_NAME
    assert frame["sentence"].iloc[0] == HOSTILE_SENTENCE
    assert list(frame["id"]) == ["ev-<script>", "geonames:<b>1</b>"]


def test_shapely_reads_every_geometry(small_fc: dict[str, Any]) -> None:
    for feature in small_fc["features"]:
        if feature["geometry"] is None:
            continue
        geometry = shape(feature["geometry"])
        assert geometry.geom_type == feature["geometry"]["type"]
        assert geometry.is_valid and not geometry.is_empty
        assert shapely.get_coordinate_dimension(geometry) == 2


def test_the_map_reads_the_located_features(small_fc: dict[str, Any]) -> None:
    parsed = parse_collection(located_features(small_fc))
    assert [props.id for _, props in parsed.events] == [
        "ev-condemnation-syria",
        "ev-shoot-down-tabqa",
        "ev-threat-west-euphrates",
    ]
    assert [props.event_id for _, props in parsed.zones] == ["ev-threat-west-euphrates"]
    assert len(parsed.features) == 2 and len(parsed.places) == 2


def test_geopandas_reads_the_feature_collection_without_a_file() -> None:
    geopandas = pytest.importorskip("geopandas")
    frame = geopandas.GeoDataFrame.from_features(
        to_feature_collection(small_collection()), crs="EPSG:4326"
    )
    assert list(frame["kind"]).count("event") == 4
    assert frame.geometry.isna().sum() == 1  # the unlocated event
    assert frame.loc[frame["id"] == "zone-west-of-euphrates"].geometry.iloc[0].is_valid
