"""Geodesy: an area's representative point lies in its main body (a sea's open water)."""

from __future__ import annotations

import pytest
import shapely

from gazetteer import open_gazetteer
from gazetteer.geodesy import great_circle_km, main_body_point, radius_km, river_mouth


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


_SEA = shapely.box(10.0, -5.0, 20.0, 5.0)


@pytest.mark.parametrize(
    ("line", "mouth"),
    [
        # drawn downstream, ending a few km short of the coast
        (shapely.LineString([(0.0, 0.0), (5.0, 1.0), (9.9, 1.0)]), (1.0, 9.9)),
        # drawn from the mouth up: the end at the sea is the mouth all the same
        (shapely.LineString([(9.9, 1.0), (5.0, 1.0), (0.0, 0.0)]), (1.0, 9.9)),
        # a delta: the arm that reaches the sea, not the longest piece's inland end
        (shapely.MultiLineString([[(0.0, 0.0), (8.0, 0.0)], [(8.0, 0.0), (9.95, 2.0)]]),
         (2.0, 9.95)),
        # a tributary far from any sea: the downstream end of its longest piece
        (shapely.LineString([(0.0, 0.0), (3.0, 0.0)]), (0.0, 3.0)),
    ],
)  # fmt: skip
def test_a_river_mouth_is_its_end_at_the_sea_else_its_downstream_end(
    line: shapely.Geometry, mouth: tuple[float, float]
) -> None:
    assert river_mouth(line, _SEA) == pytest.approx(mouth)
    assert river_mouth(line, shapely.GeometryCollection()) == pytest.approx(
        tuple(reversed(max(getattr(line, "geoms", [line]), key=lambda p: p.length).coords[-1]))
    )


def test_a_river_placed_at_its_mouth_covers_its_source() -> None:
    line = shapely.LineString([(0.0, 0.0), (0.0, 10.0)])  # 1,113 km due north
    assert radius_km(line, "river", point=(10.0, 0.0)) == pytest.approx(1112, abs=2)
    assert radius_km(line, "river") == pytest.approx(556, abs=2)  # no point: half its length


@pytest.mark.parametrize(
    ("entry_id", "lat", "lon", "km"),
    [
        ("river:euphrates", 31.0, 47.43, 30.0),  # the Shatt al-Arab at Al-Qurnah, not Syria
        ("river:sacramento", 38.06, -121.85, 30.0),  # Suisun Bay (LGL's gold point)
        ("river:new", 38.84, -82.14, 30.0),  # the Kanawha at the Ohio
        ("river:ob", 66.5, 71.5, 200.0),  # the Gulf of Ob, though drawn from the mouth up
        ("river:benue", 7.8, 6.75, 30.0),  # its confluence with the Niger at Lokoja
    ],
)
def test_a_river_is_placed_at_its_mouth(entry_id: str, lat: float, lon: float, km: float) -> None:
    entry = open_gazetteer().get(entry_id, geometry=False)
    assert entry is not None
    assert great_circle_km(entry.lat, entry.lon, lat, lon) <= km
