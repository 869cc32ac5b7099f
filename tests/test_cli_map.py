"""The main job: ``geo map`` (and ``geo extract --geojson``) run as a user runs them.

Each command runs in a fresh folder holding a copy of the repository's ``seeds/``, as a new
user's checkout would. The seeds' GeoJSON is also compared byte for byte with the reviewed
golden file ``tests/data/golden/seeds.geojson``; set ``UPDATE_GOLDEN=1`` to rewrite it and
review its diff (see ``tests/data/golden/README.md``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from geo.outputs.geojson import validate_feature_collection
from geo.outputs.render import BASEMAP_LAYER

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
GOLDEN = Path(__file__).parent / "data" / "golden" / "seeds.geojson"
KINDS = {"event", "zone", "feature", "place"}
# A script or stylesheet fetched from the network: what an offline map must not have.
_REMOTE_ASSET = re.compile(
    r"<script[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//|<link[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//",
    re.IGNORECASE,
)


def _workspace(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SEEDS, root / "seeds")
    return root


def _geo(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "geo.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def _load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def default_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """``geo map`` with no path, in a folder with only ``seeds/``."""
    cwd = _workspace(tmp_path_factory.mktemp("default"))
    result = _geo(cwd, "map")
    return cwd, result.stderr


@pytest.fixture(scope="module")
def offline_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cwd = _workspace(tmp_path_factory.mktemp("offline"))
    (cwd / "out").mkdir()
    _geo(cwd, "map", "seeds", "--offline", "-o", "out/offline.html", "--geojson", "out/x.geojson")
    return cwd


def test_map_without_path_writes_the_seeds_map(default_run: tuple[Path, str]) -> None:
    cwd, stderr = default_run
    html, geojson = cwd / "maps" / "seeds.html", cwd / "maps" / "seeds.geojson"
    assert html.is_file() and geojson.is_file()
    page = html.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert "leaflet" in page.lower()
    assert "maps/seeds.html" in stderr and "maps/seeds.geojson" in stderr
    assert sorted(p.name for p in (cwd / "maps").iterdir()) == ["seeds.geojson", "seeds.html"]


def test_default_geojson_is_valid_rfc7946(default_run: tuple[Path, str]) -> None:
    collection = _load(default_run[0] / "maps" / "seeds.geojson")
    validate_feature_collection(collection)
    kinds = {feature["properties"]["kind"] for feature in collection["features"]}
    assert kinds == KINDS
    events = [f for f in collection["features"] if f["properties"]["kind"] == "event"]
    for event in events:
        props = event["properties"]
        for key in ("event_type", "date", "date_precision", "actors", "precision",
                    "uncertainty_km", "confidence", "reason", "sources"):  # fmt: skip
            assert key in props, key
        for source in props["sources"]:
            assert {"document_id", "title", "sentence", "start", "end"} <= set(source)


def test_geojson_reads_back_with_pyogrio_and_geopandas(default_run: tuple[Path, str]) -> None:
    pyogrio = pytest.importorskip("pyogrio")
    geopandas = pytest.importorskip("geopandas")
    path = default_run[0] / "maps" / "seeds.geojson"
    collection = _load(path)
    located = [f for f in collection["features"] if f["geometry"] is not None]
    info = pyogrio.read_info(path)
    assert info["features"] == len(collection["features"])
    frame = geopandas.read_file(path, engine="pyogrio")
    assert len(frame) == len(collection["features"])
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert set(frame["kind"]) == KINDS
    assert frame.geometry.notna().sum() == len(located)
    assert frame.geometry.dropna().is_valid.all()
    west, south, east, north = frame.total_bounds
    assert -180 <= west <= east <= 180 and -90 <= south <= north <= 90


@pytest.mark.parametrize(
    ("options", "html", "geojson"),
    [
        (["-o", "out/custom.html"], "out/custom.html", "out/custom.geojson"),
        (["--output", "out/a.html", "--geojson", "out/b.geojson"], "out/a.html", "out/b.geojson"),
        (["--geojson", "out/only.geojson"], "maps/seeds.html", "out/only.geojson"),
    ],
)
def test_output_options(tmp_path: Path, options: list[str], html: str, geojson: str) -> None:
    cwd = _workspace(tmp_path)
    (cwd / "out").mkdir()
    _geo(cwd, "map", *options)
    assert (cwd / html).is_file()
    validate_feature_collection(_load(cwd / geojson))
    written = sorted(str(p.relative_to(cwd)) for p in cwd.rglob("*") if p.suffix in
                     (".html", ".geojson"))  # fmt: skip
    assert written == sorted([html, geojson])


def test_offline_map_fetches_nothing(offline_run: Path) -> None:
    page = (offline_run / "out" / "offline.html").read_text(encoding="utf-8")
    assert not _REMOTE_ASSET.search(page), _REMOTE_ASSET.search(page)
    assert "tile.openstreetmap" not in page and "{z}/{x}/{y}" not in page
    assert "L.map(" in page or "L.map (" in page  # Leaflet is inlined, not linked


def test_offline_map_draws_the_basemap(offline_run: Path) -> None:
    page = (offline_run / "out" / "offline.html").read_text(encoding="utf-8")
    assert f'"{BASEMAP_LAYER}"' in page
    assert "geo-basemap" in page


def test_default_map_fetches_nothing_but_offers_online_tiles(
    default_run: tuple[Path, str],
) -> None:
    """Every map opens with no network; only the default one names a tile server (an
    optional layer), which is the contrast that makes the offline check meaningful."""
    page = (default_run[0] / "maps" / "seeds.html").read_text(encoding="utf-8")
    assert not _REMOTE_ASSET.search(page), _REMOTE_ASSET.search(page)
    assert "tile.openstreetmap.org" in page and "geo-basemap" in page


def test_offline_and_online_geojson_are_the_same(
    default_run: tuple[Path, str], offline_run: Path
) -> None:
    online = (default_run[0] / "maps" / "seeds.geojson").read_bytes()
    assert (offline_run / "out" / "x.geojson").read_bytes() == online


def test_extract_geojson_equals_map_geojson(tmp_path: Path, default_run: tuple[Path, str]) -> None:
    cwd = _workspace(tmp_path)
    result = _geo(cwd, "extract", "seeds", "--geojson", "extracted.geojson")
    assert json.loads(result.stdout)["events"]
    mapped = (default_run[0] / "maps" / "seeds.geojson").read_bytes()
    assert (cwd / "extracted.geojson").read_bytes() == mapped


def test_seeds_geojson_matches_the_golden_file(default_run: tuple[Path, str]) -> None:
    produced = (default_run[0] / "maps" / "seeds.geojson").read_bytes()
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_bytes(produced)
    assert GOLDEN.is_file(), "no golden file: run with UPDATE_GOLDEN=1 and review the diff"
    assert produced == GOLDEN.read_bytes(), (
        "seeds GeoJSON changed: if intended, rerun with UPDATE_GOLDEN=1 and review the diff "
        f"of {GOLDEN.relative_to(REPO)}"
    )


def test_golden_file_is_valid(default_run: tuple[Path, str]) -> None:
    validate_feature_collection(_load(GOLDEN))
