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

A dataset (:func:`write_geoparquet_dataset`, ``--parquet DIR/``): the same rows in part files
of :data:`PART_ROWS` rows (``part-00000.parquet``, ...), each a GeoParquet file, which
``geopandas.read_parquet(DIR)`` and Arrow, DuckDB or Dask read as one table; the directory
is replaced at once, and only when it holds nothing but ``.parquet`` files.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from geo.errors import OutputError
from geo.outputs.files import atomic_writer

__all__ = [
    "GEOPARQUET_VERSION",
    "PART_ROWS",
    "geodataframe",
    "is_dataset_path",
    "write_geoparquet",
    "write_geoparquet_dataset",
]

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


def _to_parquet(frame: Any, target: Any) -> None:
    frame.to_parquet(
        target,
        index=False,
        schema_version=GEOPARQUET_VERSION,
        geometry_encoding="WKB",
        write_covering_bbox=True,
        compression="zstd",
    )


def write_geoparquet(features: Mapping[str, Any], path: str | os.PathLike[str]) -> None:
    """Write a FeatureCollection to ``path`` as GeoParquet 1.1 (WKB), atomically."""
    frame = geodataframe(features)
    with atomic_writer(path, "wb") as handle:
        _to_parquet(frame, handle)


PART_ROWS: Final = 250_000  # rows a part file of a dataset holds (a few row groups of zstd)


def is_dataset_path(path: str | os.PathLike[str]) -> bool:
    """Whether ``--parquet`` names a dataset: an existing directory, or a path ending in /."""
    text = os.fspath(path)
    return text.endswith(("/", os.sep)) or Path(text).is_dir()


def write_geoparquet_dataset(
    features: Mapping[str, Any], directory: str | os.PathLike[str], *, part_rows: int = PART_ROWS
) -> list[Path]:
    """Write a FeatureCollection as a GeoParquet dataset directory; return its part files.

    The parts are written into a new directory beside ``directory``, which then takes its
    place: readers see the old dataset or the new one, never a mix.
    """
    target = Path(directory)
    if target.is_dir() and any(not p.name.endswith(".parquet") for p in target.iterdir()):
        raise OutputError(f"cannot write {target}: it holds files that are not .parquet")
    frame = geodataframe(features)
    try:
        temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        try:
            temp.chmod(0o755)
            for part, start in enumerate(range(0, max(len(frame), 1), part_rows)):
                part_file = temp / f"part-{part:05d}.parquet"
                _to_parquet(frame.iloc[start : start + part_rows], part_file)
            if target.exists():
                old = temp.with_name(temp.name + "old")
                target.rename(old)
                temp.rename(target)
                shutil.rmtree(old)
            else:
                temp.rename(target)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from err
    return sorted(target.glob("part-*.parquet"))
