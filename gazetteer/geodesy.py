"""Great-circle distances and feature extents: the one implementation the gazetteer and the
pipeline share.

>>> round(great_circle_km(33.51, 36.29, 35.95, 39.01))  # Damascus to Raqqa
368
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

# shapely is imported where geometry is handled: `geo places` and the store's name lookups
# never touch it, and it costs every command's start-up.
if TYPE_CHECKING:
    import shapely

__all__ = [
    "AREA_WITHOUT_OUTLINE_KM",
    "CITY_UNCERTAINTY_KM",
    "EARTH_RADIUS_KM",
    "area_km2",
    "great_circle_km",
    "great_circle_km_to_many",
    "main_body_point",
    "radius_km",
    "river_mouth",
]

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
# An event placed at a town: of 434 such placements in the five conflict-note sets, 80 % lay
# within 1.6 km of the coder's point, 90 % within 11.8 km ("near X", "on the outskirts of X"
# are coded at X), 95 % within 28 km; 10 km held 88 %.
CITY_UNCERTAINTY_KM = 15.0
# An admin area known only from its cities (no outline): never tighter than a small district.
AREA_WITHOUT_OUTLINE_KM = 25.0
MAIN_PART_SHARE = 0.25
# A river end this near a sea or ocean is its mouth: Natural Earth's lines stop short of
# the coast by a few km, and a delta's arms end within tens of km of each other.
MOUTH_SEA_KM = 30.0


def main_body_point(geometry: shapely.Geometry) -> tuple[float, float]:
    """(lat, lon) of the pole of inaccessibility of an area's largest part: the point inside
    its main body farthest from its edges (a sea's open water, never a gulf or a strait), on
    a plane where a degree of longitude is as long as at the part's middle latitude.

    >>> import shapely
    >>> [round(value, 2) for value in main_body_point(shapely.box(0, 0, 2, 2))]
    [1.0, 1.0]
    """
    import shapely.affinity
    import shapely.ops

    largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
    minx, miny, maxx, maxy = largest.bounds
    stretch = max(0.1, math.cos(math.radians((miny + maxy) / 2)))
    plane = shapely.affinity.scale(largest, xfact=stretch, yfact=1.0, origin=(0, 0))
    tolerance = max(maxx - minx, maxy - miny) / 1000
    point = shapely.ops.polylabel(plane, tolerance=tolerance)
    return round(point.y, 5), round(point.x / stretch, 5)


def river_mouth(line: shapely.Geometry, sea: shapely.Geometry) -> tuple[float, float]:
    """(lat, lon) of a river's mouth, the point GeoNames and the corpora scored against it
    give a river: the end of any of its pieces nearest the sea where one lies within
    ``MOUTH_SEA_KM`` (Natural Earth draws some rivers upstream: the Ob, the Amazon), else
    the downstream end of its longest piece (a tributary's confluence, an inland delta).
    ``sea`` is the union of the seas and oceans, prepared.

    >>> import shapely
    >>> ocean = shapely.box(10.0, 0.0, 12.0, 2.0)
    >>> river_mouth(shapely.LineString([(9.95, 1.0), (5.0, 1.0)]), ocean)
    (1.0, 9.95)
    >>> river_mouth(shapely.LineString([(5.0, 1.0), (7.0, 1.0)]), ocean)
    (1.0, 7.0)
    """
    import shapely.ops

    pieces = list(getattr(line, "geoms", [line]))
    end = shapely.Point(max(pieces, key=lambda piece: piece.length).coords[-1])
    if not sea.is_empty:
        ends = [shapely.Point(piece.coords[index]) for piece in pieces for index in (0, -1)]
        nearest = min(ends, key=lambda point: point.distance(sea))
        shore = shapely.ops.nearest_points(sea, nearest)[0]
        if great_circle_km(nearest.y, nearest.x, shore.y, shore.x) <= MOUTH_SEA_KM:
            end = nearest
    return round(end.y, 5), round(end.x, 5)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in km between two (lat, lon) points in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def great_circle_km_to_many(lat: float, lon: float, lats: Any, lons: Any) -> Any:
    """Haversine distances in km from one point to arrays of points (numpy, vectorised)."""
    lat1, lon1 = math.radians(lat), math.radians(lon)
    lat2, lon2 = np.radians(lats), np.radians(lons)
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def radius_km(
    geometry: shapely.Geometry | None,
    feature_class: str,
    *,
    point: tuple[float, float] | None = None,
    spread_km: float | None = None,
) -> float:
    """How far from its point an event placed at the feature may be: its uncertainty radius.

    An area with a polygon covers the farthest point of its main body from ``point`` (lat,
    lon), never less than the circle of its area; a line, its farthest point from ``point``
    (a river's mouth), never less than half its length; an area known
    only from the cities inside (``spread_km``: its point to the farthest of them) covers
    them, never less than ``AREA_WITHOUT_OUTLINE_KM``; a city or a bare point, a default.

    >>> import shapely
    >>> square = shapely.box(36.0, 35.0, 37.0, 36.0)  # about 100 km a side
    >>> radius_km(square, "admin1"), radius_km(square, "admin1", point=(35.5, 36.5))
    (56.7, 71.8)
    >>> radius_km(None, "admin2", spread_km=40.0), radius_km(None, "admin2", spread_km=0.0)
    (55.0, 25.0)
    """
    if feature_class == "city":
        return CITY_UNCERTAINTY_KM
    if geometry is None or geometry.is_empty:
        if spread_km is None:
            return CITY_UNCERTAINTY_KM
        return round(max(AREA_WITHOUT_OUTLINE_KM, spread_km + CITY_UNCERTAINTY_KM), 1)
    if geometry.geom_type in ("LineString", "MultiLineString"):
        farthest = 0.0 if point is None else _farthest_vertex_km(geometry, *point)
        return round(max(25.0, _line_length_km(geometry) / 2, farthest), 1)
    equal_area = math.sqrt(area_km2(geometry) / math.pi)
    covering = 0.0 if point is None else _covering_km(geometry, *point)
    return round(max(CITY_UNCERTAINTY_KM, equal_area, covering), 1)


def _covering_km(geometry: shapely.Geometry, lat: float, lon: float) -> float:
    """The farthest point of the area's main body from (lat, lon): the hull of its parts at
    least a quarter the size of the largest (a far island must not make a province's circle
    the size of an ocean)."""
    import shapely

    parts = list(getattr(geometry, "geoms", [geometry]))
    sizes = [area_km2(part) for part in parts]
    largest = max(sizes)
    main = shapely.union_all(
        [part for part, size in zip(parts, sizes, strict=True) if size >= MAIN_PART_SHARE * largest]
    )
    hull = shapely.convex_hull(main)
    coordinates = shapely.get_coordinates(hull)
    if len(coordinates) == 0:
        return 0.0
    return float(great_circle_km_to_many(lat, lon, coordinates[:, 1], coordinates[:, 0]).max())


def _farthest_vertex_km(geometry: shapely.Geometry, lat: float, lon: float) -> float:
    import shapely

    coordinates = shapely.get_coordinates(geometry)
    return float(great_circle_km_to_many(lat, lon, coordinates[:, 1], coordinates[:, 0]).max())


def area_km2(geometry: shapely.Geometry) -> float:
    """An area's size in km², on a plane scaled at its centroid's latitude."""
    latitude = geometry.centroid.y
    return float(geometry.area) * 111.32 * 111.32 * max(0.05, math.cos(math.radians(latitude)))


def _line_length_km(geometry: shapely.Geometry) -> float:
    latitude = geometry.centroid.y
    return float(geometry.length) * 111.32 * max(0.2, math.cos(math.radians(latitude)))
