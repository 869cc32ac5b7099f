"""Areas split into first-order areas named for their sides (gazetteer.split_areas)."""

from __future__ import annotations

import pytest
from shapely.geometry import Point, shape

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.split_areas import shared_name


@pytest.mark.parametrize(
    ("area", "shared"),
    [
        ("North Darfur", "Darfur"),
        ("Sud-Kivu", "Kivu"),
        ("Mashonaland Central", "Mashonaland"),
        ("Cheshire West and Chester", "Cheshire"),
        ("Darfur", None),  # no side
        ("Northern Province", None),  # a generic word is shared, no name
        ("East End", None),
    ],
)
def test_shared_name(area: str, shared: str | None) -> None:
    assert shared_name(area) == shared


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


@pytest.mark.parametrize(
    ("name", "region_id", "inside"),
    [
        ("Kivu", "region:cd-kivu", (-1.68, 29.22)),  # Goma, in Nord-Kivu
        ("Kivu", "region:cd-kivu", (-2.51, 28.86)),  # Bukavu, in Sud-Kivu
        ("Kordufan", "region:sd-kordufan", (13.18, 30.22)),  # El Obeid, North Kordufan
        ("Sussex", "region:gb-sussex", (50.87, 0.01)),  # Lewes, East Sussex
        ("Sussex", "region:gb-sussex", (50.84, -0.78)),  # Chichester, West Sussex
    ],
)
def test_a_split_area_is_one_region_holding_its_sides(
    gazetteer: Gazetteer, name: str, region_id: str, inside: tuple[float, float]
) -> None:
    region = next(c for c in gazetteer.candidates(name) if c.id == region_id)
    entry = gazetteer.get(region.id)
    assert entry is not None and entry.geometry is not None
    assert shape(entry.geometry).buffer(0.05).contains(Point(inside[1], inside[0]))


@pytest.mark.parametrize(
    ("name", "would_be_id"),
    [
        ("Nouakchott", "region:mr-nouakchott"),  # Nouakchott Nord and Sud: the city's parts
        ("Carolina", "region:us-carolina"),  # a first-order area of Puerto Rico has the name
        ("Australia", "region:au-australia"),  # ... a country has this one
    ],
)
def test_no_region_where_the_name_is_taken(
    gazetteer: Gazetteer, name: str, would_be_id: str
) -> None:
    assert gazetteer.get(would_be_id, geometry=False) is None
    assert all(c.id != would_be_id for c in gazetteer.candidates(name))
