"""The offline basemap: countries and major rivers from the gazetteer, around the map's area.

An offline map has no tile server; this gives it land, borders and rivers to read against.
Geometry is clipped to the area of interest (plus a margin) and simplified to the scale.
"""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry import box, mapping

from gazetteer import Gazetteer
from gazetteer.build import importance
from gazetteer.model import Entry, FeatureClass

__all__ = ["MIN_RIVER_KM", "basemap_collection"]

MIN_RIVER_KM = 400.0
_MIN_RIVER_IMPORTANCE = importance(
    Entry(id="river:threshold", name="", feature_class=FeatureClass.RIVER, lat=0, lon=0,
          raw={"length_km": MIN_RIVER_KM})
)  # fmt: skip
_MARGIN_DEGREES = 8.0


def _area_box(bounds: tuple[float, float, float, float] | None) -> shapely.Geometry:
    if bounds is None:
        return box(-180, -85, 180, 85)
    west, south, east, north = bounds
    return box(
        max(-180.0, west - _MARGIN_DEGREES),
        max(-85.0, south - _MARGIN_DEGREES),
        min(180.0, east + _MARGIN_DEGREES),
        min(85.0, north + _MARGIN_DEGREES),
    )


def basemap_collection(
    gazetteer: Gazetteer, bounds: tuple[float, float, float, float] | None
) -> dict[str, Any]:
    """Country polygons and rivers within ``bounds`` (west, south, east, north), as GeoJSON."""
    area = _area_box(bounds)
    west, south, east, north = area.bounds
    tolerance = max(0.005, max(east - west, north - south) / 900)
    features: list[dict[str, Any]] = []
    for feature_class in (FeatureClass.COUNTRY, FeatureClass.RIVER):
        for index in gazetteer.names_within([feature_class]):
            if feature_class == FeatureClass.RIVER and not _long_river(gazetteer, index):
                continue
            geometry = gazetteer.geometry(index)
            if geometry is None or not geometry.intersects(area):
                continue
            clipped = shapely.simplify(
                geometry.intersection(area), tolerance, preserve_topology=True
            )
            if clipped.is_empty:
                continue
            features.append(
                {
                    "type": "Feature",
                    "geometry": mapping(shapely.set_precision(clipped, 1e-4)),
                    "properties": {
                        "name": gazetteer.candidate(index).name,
                        "feature_class": feature_class.value,
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}


def _long_river(gazetteer: Gazetteer, index: int) -> bool:
    """A river's prior rises with its length (gazetteer.build.importance): use it as the test."""
    return gazetteer.candidate(index).importance >= _MIN_RIVER_IMPORTANCE
