"""GeoNames' points for the entries standard_points.toml lists, and what the store makes of them."""

from __future__ import annotations

import pytest
import shapely
from shapely.ops import nearest_points

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.geodesy import great_circle_km
from gazetteer.standard_points import _POINTS, StandardPoint, StandardPointsFile
from geo.vocabulary import load_vocabulary

ROWS = sorted(_POINTS.values(), key=lambda row: row.id)
# A listed point lies in its entry's outline, or this near it (an island state's point at
# sea among its islands, as GeoNames places Fiji's).
_OFF_THE_OUTLINE_KM = 150.0


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def test_the_shipped_file_is_valid() -> None:
    rows = load_vocabulary("gazetteer", "standard_points.toml", StandardPointsFile).point
    assert len(rows) == len({row.id for row in rows}) >= 10


def test_an_entry_listed_twice_is_refused() -> None:
    row = {"id": "country:IN", "geonameid": 1269750, "lat": 22.0, "lon": 79.0}
    with pytest.raises(ValueError, match="listed twice"):
        StandardPointsFile.model_validate({"point": [row, row]})


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_the_store_puts_the_entry_at_the_geonames_point(
    gazetteer: Gazetteer, row: StandardPoint
) -> None:
    entry = gazetteer.get(row.id)
    assert entry is not None, row.id
    assert (entry.lat, entry.lon) == (row.lat, row.lon)
    assert entry.geonameid == row.geonameid


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_a_listed_point_lies_on_its_entry(gazetteer: Gazetteer, row: StandardPoint) -> None:
    """A transcription error (a sign, swapped coordinates) would put the point far off."""
    index = gazetteer.index_of(row.id)
    assert index is not None
    outline = gazetteer.geometry(index)
    assert outline is not None
    point = shapely.Point(row.lon, row.lat)
    if outline.contains(point):
        return
    nearest = nearest_points(outline, point)[0]
    assert great_circle_km(row.lat, row.lon, nearest.y, nearest.x) <= _OFF_THE_OUTLINE_KM


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("India", "country:IN"),
        ("Canada", "country:CA"),
        ("Atlantic Ocean", "sea:atlantic-ocean"),
    ],
)
def test_a_name_resolves_to_the_moved_entry(gazetteer: Gazetteer, text: str, entry_id: str) -> None:
    best = gazetteer.candidates(text)[0]
    assert best.id == entry_id
    assert (best.lat, best.lon) == (_POINTS[entry_id].lat, _POINTS[entry_id].lon)
