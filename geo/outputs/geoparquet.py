"""GeoParquet: the GeoJSON's features as one GeoParquet 1.1 file, for GIS tools and dataframes.

What GIS users keep next to GeoJSON: a columnar, compressed file that geopandas, GDAL/QGIS,
DuckDB and Arrow read directly. Written through geopandas and pyarrow (the reference
implementation of the format, not hand-made Parquet): geometry encoded as WKB, the ``geo``
key of the schema metadata (version 1.1.0, the column's CRS, OGC:CRS84 as in GeoJSON,
and its geometry types), and a ``bbox`` covering column so readers can skip row groups by
area.

One row per feature of :func:`~geo.outputs.geojson.to_feature_collection`, in its order
(events, zones, features, places; ``kind`` says which), and one column per property; a
feature without a property has null there (integer columns stay integers), an unplaced event
a null geometry. Properties
that are lists or objects in the GeoJSON (``actors``, ``sources``, ``mentions``) are JSON
text, the same JSON as in the GeoJSON: GIS tools show text, and a row's value never depends
on what type the other rows made a nested column. The file is written atomically.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any, Final

from geo.outputs.files import atomic_writer

__all__ = ["GEOPARQUET_VERSION", "geodataframe", "write_geoparquet"]

GEOPARQUET_VERSION: Final = "1.1.0"


def _flat(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def geodataframe(features: Mapping[str, Any]) -> Any:
    """A geopandas ``GeoDataFrame`` of a FeatureCollection: nested properties as JSON text."""
    import geopandas
    from shapely.geometry import shape

    rows = [
        {key: _flat(value) for key, value in feature["properties"].items()}
        for feature in features["features"]
    ]
    geometries = [
        shape(feature["geometry"]) if feature["geometry"] is not None else None
        for feature in features["features"]
    ]
    frame = geopandas.GeoDataFrame(rows, geometry=geometries, crs="OGC:CRS84")
    for column, values in _columns(rows).items():
        # pandas makes an integer column with nulls float; keep the GeoJSON's integers.
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            frame[column] = frame[column].astype("Int64")
    return frame


def _columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Each column's non-null values."""
    columns: dict[str, list[Any]] = {}
    for row in rows:
        for key, value in row.items():
            values = columns.setdefault(key, [])
            if value is not None:
                values.append(value)
    return columns


def write_geoparquet(features: Mapping[str, Any], path: str | os.PathLike[str]) -> None:
    """Write a FeatureCollection to ``path`` as GeoParquet 1.1 (WKB), atomically."""
    frame = geodataframe(features)
    with atomic_writer(path, "wb") as handle:
        frame.to_parquet(
            handle,
            index=False,
            schema_version=GEOPARQUET_VERSION,
            geometry_encoding="WKB",
            write_covering_bbox=True,
            compression="zstd",
        )
