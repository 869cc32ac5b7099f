"""``geo gazetteer ...`` through a real subprocess: output shapes, one-line errors, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from shapely.geometry import Point, shape


def geo(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo.cli", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
    )


def test_lookup_json_is_an_array_best_first_with_geometry() -> None:
    result = geo("gazetteer", "lookup", "Euphrates", "--json")
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert isinstance(entries, list) and entries
    best = entries[0]
    for key in (
        "id",
        "name",
        "alt_names",
        "feature_class",
        "country_code",
        "population",
        "lat",
        "lon",
        "geometry",
    ):
        assert key in best
    assert best["feature_class"] == "river"
    assert best["geometry"]["type"] in ("LineString", "MultiLineString")


def test_lookup_limit() -> None:
    result = geo("gazetteer", "lookup", "Damascus", "--limit", "2", "--json")
    assert len(json.loads(result.stdout)) == 2


def test_lookup_table() -> None:
    result = geo("gazetteer", "lookup", "Syria")
    assert result.returncode == 0 and "country:SY" in result.stdout


def test_syria_polygon_contains_damascus() -> None:
    best = json.loads(geo("gazetteer", "lookup", "Syrian", "--json").stdout)[0]
    assert shape(best["geometry"]).contains(Point(36.29, 33.51))


def test_reverse_json() -> None:
    result = geo("gazetteer", "reverse", "35.95", "39.01", "--json")
    data = json.loads(result.stdout)
    assert data["country"]["country_code"] == "SY"
    assert data["admin1"]["admin1_code"] == "SY.04"
    assert data["nearest_place"]["name"] == "Ar Raqqah"


def test_info() -> None:
    result = geo("gazetteer", "info", "--json")
    meta = json.loads(result.stdout)
    assert meta["entries"] > 100_000 and "counts" in meta and "built" in meta


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("gazetteer", "lookup", ""), "empty place name"),
        (("gazetteer", "reverse", "95", "10"), "latitude 95.0 is outside"),
        (("gazetteer", "reverse", "10", "abc"), "not a number"),
        (("gazetteer", "lookup", "Syria", "--limit", "0"), "limit must be at least 1"),
        (("gazetteer",), "required"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: tuple[str, ...], message: str) -> None:
    result = geo(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in result.stderr
