"""Great-circle distances: the one implementation the gazetteer and the pipeline share.

>>> round(great_circle_km(33.51, 36.29, 35.95, 39.01))  # Damascus to Raqqa
368
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = ["EARTH_RADIUS_KM", "great_circle_km", "great_circle_km_to_many"]

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius


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
