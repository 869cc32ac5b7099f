"""Groupings of countries: continents' adjectives and shapes, supranational and cultural
regions as unions of their members' polygons, former states on their successors."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from shapely.geometry import shape

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.geodesy import great_circle_km
from gazetteer.groupings import FORMER_STATES, GroupingsFile, Region, add_groupings, union_entry
from gazetteer.model import Entry, FeatureClass
from geo.documents import Document
from geo.places.find import find_places

GROUPINGS = Path(__file__).parents[2] / "gazetteer" / "groupings.toml"


def _square(x: float, y: float, size: float = 2.0) -> dict[str, object]:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def _country(code: str, x: float, continent: str = "EU") -> Entry:
    return Entry(
        id=f"country:{code}", name=code, feature_class=FeatureClass.COUNTRY, country_code=code,
        population=10, lat=1, lon=x + 1, geometry=_square(x, 0), raw={"continent": continent},
    )  # fmt: skip


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def test_the_file_says_what_a_row_means_and_where_it_came_from() -> None:
    lines = GROUPINGS.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines[: lines.index("")] if line.startswith("#")]
    assert len(header) >= 3
    assert any("europa.eu" in line for line in lines[:40])


def test_a_region_is_the_union_of_its_members() -> None:
    countries = {"AA": _country("AA", 0), "BB": _country("BB", 2), "CC": _country("CC", 10)}
    entry = union_entry(Region(id="region:ab", name="AB", members=("AA", "BB")), countries)
    assert entry.feature_class == FeatureClass.REGION
    assert shape(entry.geometry).area == pytest.approx(8.0, rel=0.01)
    inside = {"type": "Point", "coordinates": [entry.lon, entry.lat]}
    assert shape(entry.geometry).contains(shape(inside))
    assert entry.population == 20 and entry.country_codes == ("AA", "BB")


def _area(code: str, x: float) -> Entry:
    return Entry(
        id=f"admin1:AA.{code}", name=code, feature_class=FeatureClass.ADMIN1, country_code="AA",
        population=5, lat=1, lon=x + 1, geometry=_square(x, 0),
    )  # fmt: skip


def test_a_region_within_a_country_is_the_union_of_its_areas_gaps_closed() -> None:
    areas = {a.id: a for a in (_area("01", 0), _area("02", 2.01), _area("03", 10))}
    region = Region(
        id="region:east-a", name="East A", members=("AA",), areas=("admin1:AA.01", "admin1:AA.02")
    )
    entry = union_entry(region, {"AA": _country("AA", 0)}, areas)
    assert shape(entry.geometry).geom_type == "Polygon"  # the 0.01 degree gap is closed
    assert shape(entry.geometry).area == pytest.approx(8.0, rel=0.02)
    assert entry.population == 10 and entry.country_codes == ("AA",)


def test_a_region_may_keep_a_point_of_its_own() -> None:
    countries = {"AA": _country("AA", 0), "BB": _country("BB", 2)}
    region = Region(id="region:ab", name="AB", members=("AA", "BB"), point=(0.5, 0.5))
    assert (union_entry(region, countries).lat, union_entry(region, countries).lon) == (0.5, 0.5)


def test_continents_get_adjectives_and_their_countries_shape() -> None:
    continent = Entry(
        id="continent:EU", name="Europe", feature_class=FeatureClass.CONTINENT, lat=48, lon=9,
        raw={"code": "EU"},
    )  # fmt: skip
    groupings = GroupingsFile.model_validate(
        {"continents": {"EU": ["European"]}, "region": [], "demonyms": {"country:AA": ["Aan"]}}
    )
    entries = list(add_groupings([_country("AA", 0), continent], groupings))
    europe = next(e for e in entries if e.id == "continent:EU")
    assert europe.demonyms == ("European",) and (europe.lat, europe.lon) == (48, 9)
    assert shape(europe.geometry).area == pytest.approx(4.0, rel=0.01)
    assert next(e for e in entries if e.id == "country:AA").demonyms == ("Aan",)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"id": "region:a", "name": "A", "members": ["AA"]}, "needs areas or former"),
        (
            {"id": "region:a", "name": "A", "members": ["AA", "BB"], "areas": ["admin1:AA.01"]},
            "one member",
        ),
        (
            {"id": "region:a", "name": "A", "members": ["AA"], "areas": ["admin1:BB.01"]},
            "first-order area of its member",
        ),
        ({"id": "region:a", "name": "A", "members": ["AA", "AA"]}, "listed more than once"),
        ({"id": "eu", "name": "A", "members": ["AA", "BB"]}, "pattern"),
        ({"id": "region:a", "name": "A", "members": ["AA", "bb"]}, "pattern"),
        ({"id": "region:a", "name": "A", "members": ["AA", "BB"], "point": [91, 0]}, "90"),
    ],
)
def test_a_malformed_region_is_refused(data: dict[str, object], problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        Region.model_validate(data)


@pytest.mark.parametrize(
    ("text", "surface", "entry_id", "reason"),
    [
        ("Shares in Charlotte rose as European markets rallied.", "European", "continent:EU",
         ""),
        ("Asian stocks fell overnight, dragging futures in Chicago.", "Asian", "continent:AS",
         ""),
        ("Dairy farmers in Wisconsin hope a deal with the EU will open markets.", "EU",
         "region:european-union", ""),
        ("Arab leaders meeting in Riyadh called for a ceasefire.", "Arab", "region:arab-world",
         ""),
        ("Houston's port handles most Latin American grain trade.", "Latin American",
         "region:latin-america", ""),
        ("Dearborn's Middle Eastern restaurants draw diners.", "Middle Eastern",
         "region:middle-east", ""),
        ("Her parents left the Soviet Union in 1979.", "Soviet Union", "region:soviet-union",
         "a former state, placed on the states that succeeded it"),
        ("The church was founded by families who left Yugoslavia.", "Yugoslavia",
         "region:yugoslavia", "a former state"),
        ("Her parents fled East Germany for Hamburg in 1984.", "East Germany",
         "region:east-germany", "a former state"),
        ("East German border guards fired on the car.", "East German", "region:east-germany",
         ""),
        ("He was born in Czechoslovakia before the war.", "Czechoslovakia",
         "region:czechoslovakia", "a former state"),
        ("The Ottoman Empire ruled Baghdad for four centuries.", "Ottoman Empire",
         "region:ottoman-empire", "a former state"),
        ("Pilgrims to the Holy Land visited Bethlehem.", "Holy Land", "region:holy-land", ""),
        ("Scandinavian banks lent more to Baltic firms.", "Scandinavian", "region:scandinavia",
         ""),
    ],
)  # fmt: skip
def test_groupings_and_adjectives_resolve_to_their_regions(
    text: str, surface: str, entry_id: str, reason: str, gazetteer: Gazetteer
) -> None:
    mentions = find_places(Document(id="g", text=text), gazetteer).mentions
    mention = next(m for m in mentions if m.text == surface)
    assert mention.gazetteer_id == entry_id, mention.reason
    assert reason in mention.reason
    entry = gazetteer.get(entry_id)
    assert entry is not None and entry.geometry is not None
    assert entry.geometry["type"] in ("Polygon", "MultiPolygon")


@pytest.mark.parametrize(
    ("text", "surface", "entry_id"),
    [
        ("Scottish ministers accused Westminster of ignoring Edinburgh.", "Scottish",
         "geonames:2638360"),
        ("Welsh farmers protested outside the Senedd in Cardiff.", "Welsh", "geonames:2634895"),
        ("Texan ranchers lost cattle to the drought near Lubbock.", "Texan", "admin1:US.TX"),
        ("A Bavarian brewery in Munich doubled its exports.", "Bavarian", "admin1:DE.02"),
        ("The Catalan government in Barcelona called a vote.", "Catalan", "admin1:ES.56"),
        ("Korean negotiators met at Panmunjom.", "Korean", "region:korean-peninsula"),
        # adjectives of countries that countryinfo's one demonym misses
        ("Kazakh officials in Astana denied it.", "Kazakh", "country:KZ"),
        ("Argentine farmers blocked roads near Rosario.", "Argentine", "country:AR"),
        ("Nepali climbers reached the summit.", "Nepali", "country:NP"),
    ],
)  # fmt: skip
def test_adjectives_of_regions_resolve_to_them(
    text: str, surface: str, entry_id: str, gazetteer: Gazetteer
) -> None:
    mentions = find_places(Document(id="g", text=text), gazetteer).mentions
    mention = next(m for m in mentions if m.text == surface)
    assert mention.gazetteer_id == entry_id, mention.reason


def test_former_states_are_listed() -> None:
    assert {
        "region:soviet-union",
        "region:yugoslavia",
        "region:czechoslovakia",
        "region:east-germany",
        "region:west-germany",
        "region:ottoman-empire",
    } == FORMER_STATES


@pytest.mark.parametrize(
    ("entry_id", "centre"),
    [
        # a union of first-order areas is placed at its centroid, as an admin-1 is: West
        # Germany's widest part, where the pole of inaccessibility lies, is Bavaria
        ("region:west-germany", (50.6, 9.4)),
        ("region:east-germany", (52.2, 12.5)),
        ("region:czechoslovakia", (49.9, 14.4)),
    ],
)
def test_a_former_state_is_placed_in_its_middle(
    entry_id: str, centre: tuple[float, float], gazetteer: Gazetteer
) -> None:
    entry = gazetteer.get(entry_id)
    assert entry is not None
    assert great_circle_km(entry.lat, entry.lon, *centre) < 50
