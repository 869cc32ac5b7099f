"""Geodesy: an area's representative point lies in its main body (a sea's open water)."""

from __future__ import annotations

import pytest
import shapely

from gazetteer import open_gazetteer
from gazetteer.geodesy import great_circle_km, main_body_point


@pytest.mark.parametrize(
    ("geometry", "point"),
    [
        (shapely.box(0, 0, 2, 2), (1.0, 1.0)),
        # the largest part decides, not an outlying island
        (shapely.MultiPolygon([shapely.box(0, 0, 2, 2), shapely.box(10, 10, 10.5, 10.5)]),
         (1.0, 1.0)),
        # a U: the point is in one arm, never in the bay between them
        (shapely.Polygon([(0, 0), (6, 0), (6, 6), (4, 6), (4, 2), (2, 2), (2, 6), (0, 6)]),
         None),
    ],
)  # fmt: skip
def test_main_body_point_is_inside_the_largest_part(
    geometry: shapely.Geometry, point: tuple[float, float] | None
) -> None:
    lat, lon = main_body_point(geometry)
    assert geometry.contains(shapely.Point(lon, lat))
    if point is not None:
        assert (lat, lon) == pytest.approx(point, abs=0.05)


@pytest.mark.parametrize(
    ("entry_id", "lat", "lon", "km"),
    [
        ("sea:baltic-sea", 58.0, 19.0, 300.0),  # not the Gulf of Finland
        ("sea:north-sea", 56.0, 3.0, 200.0),
        ("sea:black-sea", 43.4, 34.0, 300.0),
    ],
)
def test_a_sea_is_placed_in_its_main_basin(
    entry_id: str, lat: float, lon: float, km: float
) -> None:
    entry = open_gazetteer().get(entry_id)
    assert entry is not None and entry.geometry is not None
    assert great_circle_km(entry.lat, entry.lon, lat, lon) <= km
    assert shapely.geometry.shape(entry.geometry).contains(shapely.Point(entry.lon, entry.lat))
