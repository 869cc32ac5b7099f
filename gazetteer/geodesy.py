"""Great-circle distances and feature extents: the one implementation the gazetteer and the
pipeline share.

>>> round(great_circle_km(33.51, 36.29, 35.95, 39.01))  # Damascus to Raqqa
368
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import shapely

__all__ = [
    "CITY_UNCERTAINTY_KM",
    "EARTH_RADIUS_KM",
    "great_circle_km",
    "great_circle_km_to_many",
    "radius_km",
]

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
CITY_UNCERTAINTY_KM = 10.0


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


def radius_km(geometry: shapely.Geometry | None, feature_class: str) -> float:
    """Radius of the circle with the feature's area (half a line's length); a default for
    points and cities."""
    if geometry is None or geometry.is_empty or feature_class == "city":
        return CITY_UNCERTAINTY_KM
    if geometry.geom_type in ("LineString", "MultiLineString"):
        return round(max(25.0, _line_length_km(geometry) / 2), 1)
    area = _area_km2(geometry)
    return round(max(CITY_UNCERTAINTY_KM, math.sqrt(area / math.pi)), 1)


def _area_km2(geometry: shapely.Geometry) -> float:
    latitude = geometry.centroid.y
    return float(geometry.area) * 111.32 * 111.32 * max(0.05, math.cos(math.radians(latitude)))


def _line_length_km(geometry: shapely.Geometry) -> float:
    latitude = geometry.centroid.y
    return float(geometry.length) * 111.32 * max(0.2, math.cos(math.radians(latitude)))
