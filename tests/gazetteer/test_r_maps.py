"""Islands from R's maps world database: its binary format read, names and groups built."""

from __future__ import annotations

import math
import struct
from pathlib import Path

import pytest
import shapely

from gazetteer import open_gazetteer
from gazetteer.sources.natural_earth import CountryIndex
from gazetteer.sources.r_maps import build_islands, island_names, read_world_database
from geo.errors import GazetteerDataError


def _write_database(directory: Path, polygons: list[tuple[str, list[tuple[float, float]]]]) -> None:
    """A database in the package's format: one polyline per polygon, radians on the sphere."""
    line_headers, points, region_headers, numbers = b"", b"", b"", b""
    lines_start = 8 + 28 * len(polygons)
    regions_start = 2 + 24 * len(polygons)
    for index, (_, ring) in enumerate(polygons, start=1):
        flat = [math.radians(value) for point in ring for value in point]
        offset = lines_start + len(points)
        line_headers += struct.pack("<IHHHxxffff", offset, len(ring), index, 0, 0, 0, 0, 0)
        points += struct.pack(f"<{len(flat)}f", *flat)
        region_headers += struct.pack("<IBxxxffff", regions_start + len(numbers), 1, 0, 0, 0, 0)
        numbers += struct.pack("<i", index)
    lines = struct.pack("<ii", 2, len(polygons)) + line_headers + points
    (directory / "world.L").write_bytes(lines)
    (directory / "world.G").write_bytes(struct.pack("<H", len(polygons)) + region_headers + numbers)
    names = [f"{name}\t{index}\n" for index, (name, _) in enumerate(polygons, start=1)]
    (directory / "world.N").write_text("".join(names))


def _square(x: float, y: float, side: float = 1.0) -> list[tuple[float, float]]:
    return [(x, y), (x + side, y), (x + side, y + side), (x, y + side), (x, y)]


def test_the_binary_database_is_read_in_degrees(tmp_path: Path) -> None:
    _write_database(
        tmp_path, [("Testland:Isle of Foo", _square(10, 20)), ("Testland:7", _square(30, 40))]
    )
    polygons = read_world_database(tmp_path)
    assert [p.path for p in polygons] == [("Testland", "Isle of Foo"), ("Testland", "7")]
    assert polygons[0].polygon.bounds == pytest.approx((10, 20, 11, 21), abs=1e-4)


def test_an_island_across_the_antimeridian_is_split_at_it(tmp_path: Path) -> None:
    _write_database(tmp_path, [("Fiji:Vanua Levu", _square(179.5, -16.5))])
    geometry = read_world_database(tmp_path)[0].polygon
    minx, _, maxx, _ = geometry.bounds
    assert minx >= -180 and maxx <= 180
    assert geometry.area == pytest.approx(1.0, abs=1e-3)


def test_a_missing_database_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerDataError, match="r-cran-maps"):
        read_world_database(tmp_path)


@pytest.mark.parametrize(
    ("name", "others"),
    [
        ("Isle of Mull", ["Mull"]),
        ("Isola d'Elba", ["Elba"]),
        ("Otok Brac", ["Brac"]),
        ("Long Island", []),  # never a bare "Long"
        ("Sulawesi", []),
    ],
)
def test_island_names(name: str, others: list[str]) -> None:
    assert island_names(name) == (name, others)


def test_islands_and_groups_are_built_and_numbered_islands_skipped(tmp_path: Path) -> None:
    _write_database(tmp_path, [
        ("UK:Scotland:Shetland Islands:Yell", _square(-1.2, 60.5, 0.2)),
        ("UK:Scotland:Shetland Islands:Unst", _square(-0.9, 60.7, 0.2)),
        ("UK:Scotland:Isle of Mull", _square(-6.0, 56.4, 0.3)),
        ("UK:12", _square(-7.0, 57.0, 0.1)),
    ])  # fmt: skip
    countries = CountryIndex(["GB"], [shapely.box(-8, 49, 2, 61)])
    features = build_islands(read_world_database(tmp_path), countries)
    by_name = {f["properties"]["name"]: f["properties"] for f in features}
    assert set(by_name) == {"Yell", "Unst", "Isle of Mull", "Shetland Islands"}
    assert by_name["Shetland Islands"]["subtype"] == "island group"
    assert by_name["Isle of Mull"]["alt_names"] == ["Mull"]
    assert by_name["Yell"]["country_code"] == "GB"
    assert by_name["Yell"]["id"] == "island:gb:yell"


@pytest.mark.parametrize(
    ("name", "country", "island"),
    [
        ("Sulawesi", "ID", True),
        ("Kyushu", "JP", True),
        ("Jura", "GB", True),  # Scotland's, beside France's and Switzerland's admin-1 areas
        ("Tasmania", "AU", False),  # the state of that name stands for the island
        ("Hawaii", "US", False),
    ],
)
def test_the_store_has_islands_not_named_like_their_areas(
    name: str, country: str, island: bool
) -> None:
    candidates = [c for c in open_gazetteer().candidates(name) if c.country_code == country]
    assert any(c.id.startswith("island:") for c in candidates) is island
