"""The offline basemap: countries and long rivers around the map's area, light enough to inline."""

from __future__ import annotations

import json
from typing import Any

import pytest
from shapely.geometry import box, shape

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.model import FeatureClass
from geo.outputs.basemap import MIN_RIVER_KM, basemap_collection

LEVANT = (35.0, 32.0, 42.0, 37.5)  # west, south, east, north: the seeds' events
MARGIN = 8.0  # degrees the basemap reaches beyond the bounds


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


@pytest.fixture(scope="module")
def levant(gazetteer: Gazetteer) -> dict[str, Any]:
    return basemap_collection(gazetteer, LEVANT)


def _names(collection: dict[str, Any], feature_class: str) -> set[str]:
    return {
        f["properties"]["name"]
        for f in collection["features"]
        if f["properties"]["feature_class"] == feature_class
    }


def _coordinates(value: Any) -> list[list[float]]:
    if isinstance(value[0], (int, float)):
        return [value]
    return [position for item in value for position in _coordinates(item)]


def test_is_a_geojson_feature_collection(levant: dict[str, Any]) -> None:
    assert levant["type"] == "FeatureCollection"
    assert levant["features"]
    for feature in levant["features"]:
        assert feature["type"] == "Feature"
        assert set(feature["properties"]) == {"name", "feature_class"}
        assert feature["properties"]["feature_class"] in {"country", "river"}
    json.dumps(levant, allow_nan=False)  # plain JSON, no NaN


@pytest.mark.parametrize(
    ("feature_class", "name", "present"),
    [
        ("country", "Syria", True),
        ("country", "Iraq", True),
        ("country", "Lebanon", True),
        ("country", "Israel", True),
        ("country", "Brazil", False),
        ("country", "Japan", False),
        ("river", "Euphrates", True),
        ("river", "Tigris", True),
        ("river", "Mississippi", False),
    ],
)
def test_features_near_the_area(
    levant: dict[str, Any], feature_class: str, name: str, present: bool
) -> None:
    assert (name in _names(levant, feature_class)) is present


def test_geometry_is_clipped_to_the_area_and_valid(levant: dict[str, Any]) -> None:
    west, south, east, north = LEVANT
    area = box(west - MARGIN, south - MARGIN, east + MARGIN, north + MARGIN)
    for feature in levant["features"]:
        geometry = shape(feature["geometry"])
        assert not geometry.is_empty
        assert geometry.is_valid, feature["properties"]
        assert area.buffer(1e-3).contains(geometry), feature["properties"]


def test_coordinates_are_on_a_coarse_grid(levant: dict[str, Any]) -> None:
    """Coordinates snapped to 1e-4° keep the inlined HTML small."""
    for feature in levant["features"]:
        for lon, lat in _coordinates(feature["geometry"]["coordinates"]):
            assert abs(lon * 1e4 - round(lon * 1e4)) < 1e-6
            assert abs(lat * 1e4 - round(lat * 1e4)) < 1e-6


def test_short_rivers_are_left_out(levant: dict[str, Any], gazetteer: Gazetteer) -> None:
    west, south, east, north = LEVANT
    area = box(west - MARGIN, south - MARGIN, east + MARGIN, north + MARGIN)
    every_river = set()
    for index in gazetteer.names_within([FeatureClass.RIVER]):
        geometry = gazetteer.geometry(index)
        if geometry is not None and geometry.intersects(area):
            every_river.add(gazetteer.candidate(index).name)
    drawn = _names(levant, "river")
    assert MIN_RIVER_KM > 0
    assert drawn <= every_river
    assert len(drawn) < len(every_river)


def test_the_world_when_there_are_no_bounds(gazetteer: Gazetteer) -> None:
    world = basemap_collection(gazetteer, None)
    countries = _names(world, "country")
    assert {"Brazil", "Japan", "Syria", "Australia"} <= countries
    assert len(countries) > 150
    for feature in world["features"]:
        for lon, lat in _coordinates(feature["geometry"]["coordinates"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        ((36.29, 33.51, 36.29, 33.51), "Syria"),  # one event: a degenerate box still works
        ((170.0, -20.0, 179.9, -10.0), "Fiji"),  # the margin stops at the antimeridian
        ((-179.9, 60.0, -170.0, 70.0), "Russia"),
    ],
)
def test_degenerate_and_edge_bounds(
    gazetteer: Gazetteer, bounds: tuple[float, float, float, float], expected: str
) -> None:
    collection = basemap_collection(gazetteer, bounds)
    assert expected in _names(collection, "country")
    for feature in collection["features"]:
        for lon, lat in _coordinates(feature["geometry"]["coordinates"]):
            assert -180 <= lon <= 180 and -85 <= lat <= 85


def test_open_ocean_has_no_land(gazetteer: Gazetteer) -> None:
    collection = basemap_collection(gazetteer, (-140.0, -40.0, -130.0, -30.0))
    assert _names(collection, "country") <= {"Pitcairn", "French Polynesia"}


def test_deterministic(gazetteer: Gazetteer, levant: dict[str, Any]) -> None:
    assert basemap_collection(gazetteer, LEVANT) == levant
