"""Tests of the Natural Earth derived data (the committed files) and of its build helpers."""

from __future__ import annotations

import gzip
import itertools
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from geopy.distance import great_circle
from shapely.geometry import LineString, Point, shape

from gazetteer.sources.natural_earth import (
    DerivedFeature,
    FeatureProperties,
    RiverPiece,
    SourcePaths,
    build,
    clean_ne_name,
    group_river_pieces,
    haversine_km,
    main_course,
    slugify,
    write_feature_collection,
)
from geo.errors import GazetteerDataError

DATA = REPO / "gazetteer" / "data"
FILES = ("rivers.geojson.gz", "admin1.geojson.gz", "lakes.geojson.gz")
PROPERTY_KEYS = set(FeatureProperties.model_fields)


@cache
def features(filename: str) -> tuple[dict[str, Any], ...]:
    with gzip.open(DATA / filename, "rt", encoding="utf-8") as handle:
        collection = json.load(handle)
    assert collection["type"] == "FeatureCollection"
    return tuple(collection["features"])


@cache
def by_id(filename: str) -> dict[str, dict[str, Any]]:
    return {f["properties"]["id"]: f for f in features(filename)}


def main_line(feature: dict[str, Any]) -> LineString:
    geometry = feature["geometry"]
    if geometry["type"] == "LineString":
        return LineString(geometry["coordinates"])
    assert geometry["type"] == "MultiLineString"
    return LineString(geometry["coordinates"][0])


def geodesic_length_km(line: LineString) -> float:
    coords = list(line.coords)
    return sum(
        float(great_circle((a[1], a[0]), (b[1], b[0])).km) for a, b in itertools.pairwise(coords)
    )


def distance_to_line_km(line: LineString, lat: float, lon: float) -> float:
    nearest = line.interpolate(line.project(Point(lon, lat)))
    return float(great_circle((lat, lon), (nearest.y, nearest.x)).km)


# --------------------------------------------------------------------------- files


@pytest.mark.parametrize("filename", FILES)
def test_file_is_sorted_with_unique_ids_and_full_properties(filename: str) -> None:
    ids = [f["properties"]["id"] for f in features(filename)]
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))
    for feature in features(filename):
        assert set(feature["properties"]) == PROPERTY_KEYS
        assert -90 <= feature["properties"]["lat"] <= 90
        assert -180 <= feature["properties"]["lon"] <= 180


@pytest.mark.parametrize(
    ("filename", "feature_class", "prefix", "minimum"),
    [
        ("rivers.geojson.gz", "river", "river:", 500),
        ("admin1.geojson.gz", "admin1", "admin1:", 4000),
        ("lakes.geojson.gz", "lake", "lake:", 500),
    ],
)
def test_file_holds_one_feature_class(
    filename: str, feature_class: str, prefix: str, minimum: int
) -> None:
    assert len(features(filename)) >= minimum
    for feature in features(filename):
        assert feature["properties"]["feature_class"] == feature_class
        assert feature["properties"]["id"].startswith(prefix)


def test_files_total_well_under_12_mb() -> None:
    assert sum((DATA / name).stat().st_size for name in FILES) < 8_000_000


@pytest.mark.parametrize("filename", ["admin1.geojson.gz", "lakes.geojson.gz"])
def test_polygons_are_valid(filename: str) -> None:
    invalid = [
        f["properties"]["id"] for f in features(filename) if not shape(f["geometry"]).is_valid
    ]
    assert invalid == []
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in features(filename))


def test_coordinates_have_at_most_five_decimals() -> None:
    for feature in features("lakes.geojson.gz")[:50]:
        text = json.dumps(feature["geometry"]["coordinates"])
        decimals = [
            len(n.split(".")[1])
            for n in text.replace("[", "").replace("]", "").split(",")
            if "." in n
        ]
        assert max(decimals) <= 5


# --------------------------------------------------------------------------- rivers

RIVER_CASES = [
    # id, min length km, alt names required, countries required, (lat, lon) within 5 km
    (
        "river:euphrates",
        2300,
        {"Firat", "Al Furat", "Furat"},
        {"TR", "SY", "IQ"},
        [
            (36.817, 38.011),  # Jarabulus
            (35.950, 39.009),  # Raqqa
            (35.336, 40.141),  # Deir ez-Zor
            (34.450, 40.918),  # Abu Kamal
            (33.426, 43.299),  # Ramadi
            (31.052, 46.261),  # Nasiriyah
        ],
    ),
    ("river:tigris", 1400, {"Dicle", "Dijla"}, {"TR", "IQ"}, [(36.34, 43.13), (33.34, 44.40)]),
    (
        "river:danube",
        2300,
        {"Donau", "Duna", "Dunav", "Dunarea"},
        {"DE", "AT", "HU", "RS", "RO"},
        [(48.21, 16.37), (47.50, 19.04), (44.80, 20.47)],  # Vienna, Budapest, Belgrade
    ),
]


@pytest.mark.parametrize(("river_id", "min_km", "alts", "countries", "places"), RIVER_CASES)
def test_joined_river_main_course(
    river_id: str,
    min_km: float,
    alts: set[str],
    countries: set[str],
    places: list[tuple[float, float]],
) -> None:
    feature = by_id("rivers.geojson.gz")[river_id]
    properties = feature["properties"]
    line = main_line(feature)
    assert geodesic_length_km(line) > min_km
    assert properties["length_km"] > min_km
    assert alts <= set(properties["alt_names"])
    assert countries <= set(properties["country_codes"])
    assert properties["country_code"] is None
    for lat, lon in places:
        assert distance_to_line_km(line, lat, lon) < 5.0, (lat, lon)


@pytest.mark.parametrize("river_id", ["river:euphrates", "river:tigris", "river:danube"])
def test_main_course_is_one_connected_line(river_id: str) -> None:
    coords = list(main_line(by_id("rivers.geojson.gz")[river_id]).coords)
    gaps = [haversine_km(a[0], a[1], b[0], b[1]) for a, b in itertools.pairwise(coords)]
    # One LineString by construction; a jump between source pieces would be a long segment
    # (straight stretches simplified to two vertices stay well under this).
    assert max(gaps) < 60.0
    properties = by_id("rivers.geojson.gz")[river_id]["properties"]
    assert sum(gaps) == pytest.approx(properties["length_km"], rel=0.02)


def test_euphrates_runs_from_turkey_to_iraq() -> None:
    line = main_line(by_id("rivers.geojson.gz")["river:euphrates"])
    (start_lon, start_lat), (end_lon, end_lat) = line.coords[0], line.coords[-1]
    assert start_lat > 38.5 and start_lon > 38.0  # eastern Turkey
    assert end_lat < 31.5 and end_lon > 46.0  # southern Iraq


@pytest.mark.parametrize(
    ("river_id", "point"),
    [("river:euphrates", (35.5, 40.0)), ("river:tigris", (35.0, 43.6))],
)
def test_river_representative_point_is_mid_course(
    river_id: str, point: tuple[float, float]
) -> None:
    properties = by_id("rivers.geojson.gz")[river_id]["properties"]
    assert great_circle((properties["lat"], properties["lon"]), point).km < 150


def test_river_names_are_not_split_ids() -> None:
    ids = by_id("rivers.geojson.gz")
    for local_name in ("river:firat", "river:al-furat", "river:dicle", "river:donau"):
        assert local_name not in ids


# --------------------------------------------------------------------------- admin-1

ADMIN1_CASES = [
    # id, name, admin1_code, alt name required, iso 3166-2
    ("admin1:SY.04", "Ar Raqqah", "SY.04", "Raqqa", "SY-RA"),
    ("admin1:SY.07", "Dayr Az Zawr", "SY.07", "Deir ez-Zor", "SY-DY"),
    ("admin1:SY.11", "Homs", "SY.11", "Hims", "SY-HI"),
    ("admin1:SY.01", "Hasaka", "SY.01", "Al Haksa", "SY-HA"),
    ("admin1:US.WA", "Washington", "US.WA", "Washington State", "US-WA"),
]


@pytest.mark.parametrize(("admin_id", "name", "code", "alt", "iso"), ADMIN1_CASES)
def test_admin1_linked_to_geonames(admin_id: str, name: str, code: str, alt: str, iso: str) -> None:
    properties = by_id("admin1.geojson.gz")[admin_id]["properties"]
    assert properties["name"] == name
    assert properties["admin1_code"] == code
    assert alt in properties["alt_names"]
    assert properties["iso_3166_2"] == iso
    assert properties["country_code"] == code[:2]
    assert properties["population"] > 0


def test_admin1_ids_without_code_use_country_and_slug() -> None:
    for feature in features("admin1.geojson.gz"):
        properties = feature["properties"]
        if properties["admin1_code"] is None:
            assert properties["id"].startswith(f"admin1:{properties['country_code'] or 'XX'}-")
        else:
            assert properties["id"] == f"admin1:{properties['admin1_code']}"


def test_most_admin1_polygons_are_linked() -> None:
    linked = sum(1 for f in features("admin1.geojson.gz") if f["properties"]["admin1_code"])
    assert linked / len(features("admin1.geojson.gz")) > 0.6


def test_alt_names_are_latin_and_deduplicated() -> None:
    for feature in features("admin1.geojson.gz"):
        alts = feature["properties"]["alt_names"]
        assert len(alts) == len(set(alts))
        assert all(not any("\u0600" <= ch <= "\u06ff" for ch in alt) for alt in alts)


# --------------------------------------------------------------------------- lakes

LAKE_CASES = [
    ("lake:buhayrat-al-assad", "Lake Assad", {"SY"}),
    ("lake:caspian-sea", "Caspian", {"KZ", "TM", "RU", "IR", "AZ"}),
    ("lake:dead-sea", "Salt Sea", {"JO", "IL"}),
    ("lake:buhayrat-ath-tharthar", "Lake Tharthar", {"IQ"}),
]


@pytest.mark.parametrize(("lake_id", "alt", "countries"), LAKE_CASES)
def test_named_lakes(lake_id: str, alt: str, countries: set[str]) -> None:
    feature = by_id("lakes.geojson.gz")[lake_id]
    assert alt in feature["properties"]["alt_names"]
    assert countries <= set(feature["properties"]["country_codes"])
    point = Point(feature["properties"]["lon"], feature["properties"]["lat"])
    assert shape(feature["geometry"]).buffer(0.01).contains(point)


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("raw", "english_in_parens", "expected"),
    [
        ("Donau (Danube)", True, ("Danube", ["Donau"])),
        ("Bahr el Jebel  (White Nile)", True, ("White Nile", ["Bahr el Jebel"])),
        ("Homs (Hims)", False, ("Homs", ["Hims"])),
        ("Hasaka (Al Haksa)", False, ("Hasaka", ["Al Haksa"])),
        ("Amu  Darya", True, ("Amu Darya", [])),
        ("Ob?", True, ("Ob", [])),
        ("Firat", True, ("Firat", [])),
        ("", True, (None, [])),
        (None, False, (None, [])),
    ],
)
def test_clean_ne_name(
    raw: str | None, english_in_parens: bool, expected: tuple[str | None, list[str]]
) -> None:
    assert clean_ne_name(raw, english_in_parens) == expected


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Dayr Az Zawr", "dayr-az-zawr"),
        ("Dar`a", "dara"),
        ("Euphrates", "euphrates"),
        ("", "unnamed"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def piece(index: int, name: str | None, coords: list[tuple[float, float]]) -> RiverPiece:
    key = name.casefold() if name else None
    return RiverPiece(
        index=index,
        name=name,
        names=(name,) if name else (),
        key=key,
        featurecla="River",
        scalerank=3,
        line=LineString(coords),
    )


def test_rename_at_a_lone_node_joins_but_tributary_does_not() -> None:
    pieces = [
        piece(0, "Upper", [(0.0, 0.0), (1.0, 0.0)]),
        piece(1, "Lower", [(1.0, 0.0), (2.0, 0.0), (3.0, 0.0)]),  # rename: joins
        piece(2, "Side", [(2.0, 1.0), (2.0, 0.0)]),  # ends on Lower's interior: no join
        piece(3, "Upper", [(-1.0, 0.0), (0.0, 0.0)]),  # same name, touching: joins
        piece(4, "Far", [(10.0, 10.0), (11.0, 10.0)]),
    ]
    groups, joins = group_river_pieces(pieces)
    assert sorted(map(sorted, groups)) == [[0, 1, 3], [2], [4]]
    assert len(joins) == 1


def test_no_join_where_a_third_piece_ends_nearby() -> None:
    pieces = [
        piece(0, "Upper", [(0.0, 0.0), (1.0, 0.0)]),
        piece(1, "Lower", [(1.0, 0.0), (2.0, 0.0)]),
        piece(2, "Other", [(1.0, 1.0), (1.0, 0.1)]),  # ends 0.1 degrees away
    ]
    groups, joins = group_river_pieces(pieces)
    assert len(groups) == 3 and joins == []


def test_main_course_follows_longest_path_whatever_the_directions() -> None:
    lines = [
        LineString([(1.0, 0.0), (0.0, 0.0)]),  # digitised upstream
        LineString([(1.0, 0.0), (3.0, 0.0)]),
        LineString([(1.0, 0.0), (1.0, 0.1)]),  # short side branch: dropped
        LineString([(3.0, 0.0), (3.0, 1.0)]),  # the longest path turns here
    ]
    main, branches = main_course(lines)
    assert main.length == pytest.approx(4.0)
    ends = {main.coords[0], main.coords[-1]}
    assert ends == {(0.0, 0.0), (3.0, 1.0)}
    assert branches == []


def test_main_course_keeps_long_branches_after_it() -> None:
    lines = [LineString([(0.0, 0.0), (5.0, 0.0)]), LineString([(2.0, 0.0), (2.0, 1.0)])]
    main, branches = main_course(lines)
    assert main.length == pytest.approx(5.0)
    assert len(branches) == 1 and branches[0].length == pytest.approx(1.0)


def test_main_course_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        main_course([])


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((0.0, 0.0), (0.0, 0.0), 0.0),
        ((0.0, 0.0), (1.0, 0.0), 111.2),
        ((179.5, 0.0), (-179.5, 0.0), 111.2),
    ],
)
def test_haversine_km(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert haversine_km(a[0], a[1], b[0], b[1]) == pytest.approx(km, abs=0.1)


def test_output_is_byte_identical_on_rewrite(tmp_path: Path) -> None:
    feature = DerivedFeature(
        properties=FeatureProperties(
            id="lake:test", name="Test", feature_class="lake", lat=1.0, lon=2.0, source="test"
        ),
        geometry=Point(2.123456789, 1.0).buffer(0.1),
    )
    first = write_feature_collection([feature], tmp_path / "a.geojson.gz")
    data_a = (tmp_path / "a.geojson.gz").read_bytes()
    write_feature_collection([feature], tmp_path / "b.geojson.gz")
    assert first == len(data_a)
    assert data_a == (tmp_path / "b.geojson.gz").read_bytes()


def test_missing_sources_raise_one_line_data_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerDataError, match="source missing") as caught:
        build(SourcePaths(magics=tmp_path, gdl=tmp_path), tmp_path / "out")
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, OSError)
