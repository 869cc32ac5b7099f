"""Acceptance tests for the curated seas and regions (reads the committed geojson.gz)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from gazetteer.sources.marine import (
    CURATED_PATH,
    OUTPUT_PATH,
    SourcePaths,
    build,
    load_curated,
    load_seas_regions,
)
from geo.errors import GazetteerDataError

LAND_SHP = Path("/tmp/deb/x/usr/share/magics/10m/ne_10m_land.shp")


@pytest.fixture(scope="module")
def features() -> dict[str, dict[str, Any]]:
    with gzip.open(OUTPUT_PATH, "rt", encoding="utf-8") as handle:
        collection = json.load(handle)
    return {f["id"]: f for f in collection["features"]}


@pytest.fixture(scope="module")
def shapes(features: dict[str, dict[str, Any]]) -> dict[str, BaseGeometry]:
    return {fid: shape(f["geometry"]) for fid, f in features.items()}


@pytest.mark.parametrize(
    ("feature_id", "lat", "lon", "inside"),
    [
        ("sea:baltic-sea", 58.0, 20.0, True),
        ("sea:baltic-sea", 55.5, 15.0, True),
        ("sea:baltic-sea", 60.0, 25.0, True),  # Gulf of Finland is part of the Baltic
        ("sea:baltic-sea", 52.23, 21.01, False),  # Warsaw
        ("sea:baltic-sea", 59.91, 10.75, False),  # Oslo
        ("sea:baltic-sea", 59.9, 17.0, False),  # inland Uppland, north of Stockholm
        ("sea:baltic-sea", 56.0, 3.0, False),  # North Sea
        ("sea:baltic-sea", 57.0, 11.5, False),  # Kattegat
        ("sea:north-sea", 56.0, 3.0, True),
        ("sea:black-sea", 43.0, 34.0, True),
        ("sea:black-sea", 39.93, 32.86, False),  # Ankara
        ("sea:black-sea", 46.0, 36.5, False),  # Sea of Azov
        ("sea:persian-gulf", 27.0, 51.0, True),
        ("sea:persian-gulf", 24.5, 58.5, False),  # Gulf of Oman
        ("sea:gulf-of-oman", 24.5, 58.5, True),
        ("sea:mediterranean-sea", 35.0, 18.0, True),
        ("sea:mediterranean-sea", 36.0, -10.0, False),  # Atlantic off Portugal
        ("sea:red-sea", 20.0, 38.5, True),
        ("sea:caspian-sea", 42.0, 50.5, True),
        ("sea:pacific-ocean", 0.0, -150.0, True),
        ("sea:pacific-ocean", 0.0, 170.0, True),  # across the antimeridian
        ("sea:atlantic-ocean", 30.0, -30.0, True),
        ("sea:atlantic-ocean", 35.0, 18.0, False),  # Mediterranean is not the Atlantic
        ("region:golan-heights", 33.0, 35.75, True),
        ("region:golan-heights", 33.51, 36.29, False),  # Damascus
        ("region:golan-heights", 32.6, 36.1, False),  # Daraa plain
        ("region:levant", 33.51, 36.29, True),  # Damascus
        ("region:levant", 33.89, 35.50, True),  # Beirut
        ("region:levant", 31.95, 35.93, True),  # Amman
        ("region:levant", 33.31, 44.37, False),  # Baghdad
        ("region:ghab-plain", 35.6, 36.35, True),
        ("region:ghab-plain", 35.13, 36.75, False),  # Hama city
        ("region:iraqi-kurdistan", 36.19, 44.01, True),  # Erbil
        ("region:iraqi-kurdistan", 36.34, 43.13, False),  # Mosul
        ("region:donbas", 48.0, 37.8, True),  # Donetsk
        ("region:crimea", 44.95, 34.1, True),  # Simferopol
        ("region:eastern-ghouta", 33.57, 36.40, True),  # Douma
        ("region:eastern-ghouta", 33.51, 36.29, False),  # Damascus centre
        # mountain ranges: their main chains, not the plains beside them
        ("region:alps", 46.56, 8.56, True),  # the Gotthard
        ("region:alps", 45.46, 9.19, False),  # Milan
        ("region:himalayas", 27.99, 86.93, True),  # Everest
        ("region:himalayas", 28.61, 77.21, False),  # Delhi
        ("region:qandil-mountains", 36.35, 44.95, True),
        ("region:qandil-mountains", 36.19, 44.01, False),  # Erbil
        ("region:jabal-al-akrad", 35.72, 36.15, True),  # Salma
        ("region:andes", -13.16, -72.55, True),  # Machu Picchu
        ("region:andes", -12.05, -77.04, False),  # Lima
    ],
)
def test_point_in_feature(
    shapes: dict[str, BaseGeometry], feature_id: str, lat: float, lon: float, inside: bool
) -> None:
    assert shapes[feature_id].contains(Point(lon, lat)) is inside


@pytest.mark.parametrize(
    ("feature_id", "lat", "lon"),
    [
        ("region:himalayas", 28.0, 84.0),
        ("region:ural-mountains", 60.0, 60.0),
        ("region:atlas-mountains", 32.0, -2.0),
    ],
)
def test_a_given_point_is_the_features_point(
    features: dict[str, dict[str, Any]], feature_id: str, lat: float, lon: float
) -> None:
    properties = features[feature_id]["properties"]
    assert (properties["lat"], properties["lon"], properties["subtype"]) == (lat, lon, "mountains")


def test_ids_unique_and_sorted(features: dict[str, dict[str, Any]]) -> None:
    ids = [f["properties"]["id"] for f in features.values()]
    assert ids == sorted(ids) and len(set(ids)) == len(ids) >= 120


def test_every_geometry_valid_with_point_inside(
    features: dict[str, dict[str, Any]], shapes: dict[str, BaseGeometry]
) -> None:
    for fid, feature in features.items():
        props = feature["properties"]
        geom = shapes[fid]
        assert geom.is_valid and not geom.is_empty, fid
        assert geom.contains(Point(props["lon"], props["lat"])), fid
        assert props["area_km2"] > 0, fid


def test_aliases_and_properties(features: dict[str, dict[str, Any]]) -> None:
    for fid, feature in features.items():
        props = feature["properties"]
        assert props["name"].strip(), fid
        assert all(alias.strip() for alias in props["alt_names"]), fid
        assert props["feature_class"] in {"sea", "region"}
        assert props["population"] == 0
        codes = props["country_codes"]
        assert props["country_code"] == (codes[0] if len(codes) == 1 else None), fid


@pytest.mark.skipif(not LAND_SHP.is_file(), reason="Natural Earth land not extracted")
def test_seas_lie_in_water(
    features: dict[str, dict[str, Any]], shapes: dict[str, BaseGeometry]
) -> None:
    from pyogrio.raw import read
    from shapely import STRtree, from_wkb

    land = list(from_wkb(read(str(LAND_SHP))[2]))
    tree = STRtree(land)
    curated = {entry.id: entry for entry in load_curated()}
    for fid, geom in shapes.items():
        if features[fid]["properties"]["feature_class"] != "sea" or curated[fid].as_drawn:
            continue
        hits = tree.query(geom, predicate="intersects")
        overlap = unary_union([land[i].intersection(geom) for i in hits]).area if len(hits) else 0.0
        assert overlap < 0.01 * geom.area, fid


def test_curated_entries_have_a_shape_source() -> None:
    entries = load_curated()
    assert len(entries) >= 120
    for entry in entries:
        assert entry.boundary is not None or entry.union_of is not None, entry.id


def test_load_seas_regions_gives_entries() -> None:
    entries = {entry.id: entry for entry in load_seas_regions()}
    gulf = entries["sea:persian-gulf"]
    assert "Arabian Gulf" in gulf.alt_names and gulf.geometry is not None
    assert entries["region:golan-heights"].country_code == "SY"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not readable JSON"),
        ('{"id": "sea:x"}', "expected a JSON list"),
        ('[{"id": "sea:x", "name": "X", "feature_class": "sea", "subtype": "sea"}]', "exactly one"),
        (
            '[{"id": "region:x", "name": "X", "feature_class": "region", "subtype": "region",'
            ' "union_of": ["SY"], "boundary": [[0, 0], [1, 0], [1, 1]]}]',
            "exactly one",
        ),
        (
            '[{"id": "sea:x", "name": "X", "alt_names": [""], "feature_class": "sea",'
            ' "subtype": "sea", "boundary": [[0, 0], [1, 0], [1, 1]]}]',
            "alt_names",
        ),
        (
            '[{"id": "sea:x", "name": "X", "feature_class": "sea", "subtype": "sea",'
            ' "boundary": [[0, 0], [1, 1], [1, 0], [0, 1]]}]',
            "not a valid polygon",
        ),
        (
            '[{"id": "sea:x", "name": "X", "feature_class": "region", "subtype": "sea",'
            ' "boundary": [[0, 0], [1, 0], [1, 1]]}]',
            "id must start with 'region:'",
        ),
        (
            '[{"id": "sea:x", "name": "X", "feature_class": "sea", "subtype": "sea",'
            ' "boundary": [[0, 0], [1, 0], [1, 1]], "colour": "blue"}]',
            "colour",
        ),
    ],
)
def test_malformed_curated_file_names_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "curated.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerDataError, match=message) as info:
        build(path, tmp_path / "out.geojson.gz")
    assert str(path) in str(info.value)


def test_missing_curated_file(tmp_path: Path) -> None:
    with pytest.raises(GazetteerDataError, match="curated feature file missing"):
        load_curated(tmp_path / "absent.json")


def test_missing_source_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "ne_10m_ocean.shp"
    with pytest.raises(GazetteerDataError, match=r"ne_10m_ocean\.shp"):
        build(CURATED_PATH, tmp_path / "out.geojson.gz", SourcePaths(ocean=missing))


def test_corrupt_output_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.geojson.gz"
    path.write_bytes(b"not gzip")
    with pytest.raises(GazetteerDataError, match="corrupt"):
        load_seas_regions(path)
