"""GeoParquet 1.1: read back with geopandas and pyarrow, geometry and properties checked
against the GeoJSON of the same run (`geo extract` and `geo map`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import geopandas
import pandas as pd
import pyarrow.parquet as pq
import pytest
import shapely
from shapely.geometry import shape

from geo.errors import OutputError
from geo.outputs.geoparquet import write_geoparquet, write_geoparquet_dataset

REPO = Path(__file__).resolve().parents[2]
NOTES = REPO / "tests" / "data" / "events" / "acled_located.jsonl"
NESTED = ("actors", "sources", "mentions")


def _geo(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo.cli", *args], cwd=REPO, capture_output=True, text=True,
        timeout=300, check=False,
    )


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("parquet")
    result = _geo("extract", str(NOTES), "--geojson", str(folder / "notes.geojson"),
                  "--parquet", str(folder / "notes.parquet"))
    assert result.returncode == 0, result.stderr
    features = json.loads((folder / "notes.geojson").read_text(encoding="utf-8"))
    return folder / "notes.parquet", features


def test_schema_metadata_is_geoparquet_1_1_wkb(written: tuple[Path, dict[str, Any]]) -> None:
    path, features = written
    schema = pq.read_schema(path)
    meta = json.loads(schema.metadata[b"geo"])
    assert meta["version"] == "1.1.0"
    assert meta["primary_column"] == "geometry"
    column = meta["columns"]["geometry"]
    assert column["encoding"] == "WKB"
    assert set(column["geometry_types"]) == {
        feature["geometry"]["type"] for feature in features["features"] if feature["geometry"]
    }
    assert column["covering"]["bbox"]["xmin"] == ["bbox", "xmin"]
    assert pq.read_metadata(path).num_rows == len(features["features"])


def _same(value: Any, expected: Any) -> bool:
    if expected is None:
        return value is None or bool(pd.isna(value))
    if isinstance(expected, list | dict):
        return json.loads(value) == expected
    if isinstance(expected, float):
        return bool(value == pytest.approx(expected))
    return bool(value == expected)


def test_rows_match_the_geojson_features(written: tuple[Path, dict[str, Any]]) -> None:
    path, features = written
    frame = geopandas.read_parquet(path)
    assert frame.crs is not None and frame.crs.equals("OGC:CRS84")
    assert len(frame) == len(features["features"]) > 50
    for (_, row), feature in zip(frame.iterrows(), features["features"], strict=True):
        geometry = feature["geometry"]
        if geometry is None:
            assert row.geometry is None
        else:
            assert shapely.equals_exact(row.geometry, shape(geometry), tolerance=1e-9)
        for key, expected in feature["properties"].items():
            assert _same(row[key], expected), (feature["properties"]["id"], key, row[key])
        missing = set(frame.columns) - set(feature["properties"]) - {"geometry", "bbox"}
        assert all(_same(row[key], None) for key in missing)


def test_integer_columns_stay_integers(written: tuple[Path, dict[str, Any]]) -> None:
    path, _ = written
    schema = pq.read_schema(path)
    assert str(schema.field("mention_count").type) == "int64"
    assert str(schema.field("confidence").type) == "double"
    assert str(schema.field("actors").type) in ("string", "large_string")


def test_geo_map_writes_the_same_features(tmp_path: Path) -> None:
    result = _geo("map", str(REPO / "seeds"), "-o", str(tmp_path / "seeds.html"),
                  "--parquet", str(tmp_path / "seeds.parquet"))
    assert result.returncode == 0, result.stderr
    frame = geopandas.read_parquet(tmp_path / "seeds.parquet")
    features = json.loads((tmp_path / "seeds.geojson").read_text(encoding="utf-8"))
    assert list(frame["id"]) == [f["properties"]["id"] for f in features["features"]]


def test_an_empty_collection_writes_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"
    write_geoparquet({"type": "FeatureCollection", "features": []}, path)
    assert len(geopandas.read_parquet(path)) == 0


def test_a_failed_write_leaves_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "events.parquet"
    path.write_bytes(b"previous")

    def fail(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(geopandas.GeoDataFrame, "to_parquet", fail)
    with pytest.raises(RuntimeError):
        write_geoparquet({"type": "FeatureCollection", "features": []}, path)
    assert path.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["events.parquet"]


@pytest.mark.parametrize("part_rows", [1, 2, 1000])
def test_a_dataset_holds_the_file_s_rows_in_parts(
    written: tuple[Path, dict[str, Any]], tmp_path: Path, part_rows: int
) -> None:
    features = {**written[1], "features": written[1]["features"][:5]}
    parts = write_geoparquet_dataset(features, tmp_path / "events", part_rows=part_rows)
    assert len(parts) == -(-5 // part_rows)
    assert all(pq.read_schema(part).metadata[b"geo"] for part in parts)
    dataset = geopandas.read_parquet(tmp_path / "events")
    assert list(dataset["id"]) == [f["properties"]["id"] for f in features["features"]]


def test_a_dataset_replaces_a_dataset_but_never_other_files(tmp_path: Path) -> None:
    empty = {"type": "FeatureCollection", "features": []}
    target = tmp_path / "out"
    target.mkdir()
    (target / "part-00007.parquet").write_bytes(b"stale")
    assert [p.name for p in write_geoparquet_dataset(empty, target)] == ["part-00000.parquet"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary left
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match=r"not \.parquet"):
        write_geoparquet_dataset(empty, target)
    assert (target / "notes.txt").exists()


def test_cli_parquet_directory_writes_a_dataset(tmp_path: Path) -> None:
    result = _geo("extract", str(NOTES), "--parquet", f"{tmp_path / 'dataset'}/")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "dataset").iterdir()] == ["part-00000.parquet"]
    refused = _geo("extract", str(NOTES), "--parquet", f"{NOTES.parent}/")
    assert refused.returncode == 2 and "an input is in this directory" in refused.stderr
