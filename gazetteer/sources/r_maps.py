"""Build the committed islands file from the world database of R's ``maps`` package.

Natural Earth's physical layers (islands, ranges) ship in no installable package, but the
world database of the R package ``maps`` (Debian ``r-cran-maps``; taken from Natural Earth
1:50m, public domain) names its polygons "Country:Island" ("Indonesia:Sulawesi",
"UK:Scotland:Isle of Mull", "Canary Islands:Tenerife"). This module reads its binary files
once and writes ``gazetteer/data/islands.geojson.gz`` (see ``gazetteer/data/ISLANDS.md``)::

    python -m gazetteer.sources.r_maps --maps DIR --out gazetteer/data

Each named island becomes a region entry (subtype "island"); a named level above islands
whose name says it is a group ("Canary Islands", "Shetland Islands") becomes one more, the
union of its islands (subtype "island group"). Numbered polygons ("Canada:64") are skipped.
The format, from the package's ``src/map.h``: ``world.N`` holds "name<TAB>polygon" lines;
``world.G`` a count of polygons (uint16), then per polygon the offset of its polyline
numbers (uint32), their count (uint8, padded to 4) and a bounding box (4 float32); each
polyline number (int32, negative when reversed) indexes ``world.L``, which holds the
coordinate type (int32: 2 = radians on the sphere), a count of polylines (int32), then per
polyline the offset of its points (uint32), their count (uint16), the polygons left and
right of it (uint16 each, padded to 4) and a bounding box; the points are float32 pairs.
"""

from __future__ import annotations

import argparse
import math
import re
import struct
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
import shapely.affinity
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from gazetteer.geodesy import area_km2, main_body_point
from gazetteer.sources.natural_earth import (
    CountryIndex,
    _countries_zip_path,
    geometry_to_geojson,
    slugify,
    write_geojson_gz,
)
from geo.errors import GazetteerDataError

__all__ = ["MapPolygon", "build_islands", "island_names", "main", "read_world_database"]

DEFAULT_MAPS_DIR = Path("/usr/lib/R/site-library/maps/mapdata")
SOURCE = "R package maps 3.4.1 world database (Natural Earth 1:50m), Debian r-cran-maps"
_SPHERE_TYPES = (0, 2)  # map.h: SPHERE0 (legacy) and SPHERE hold radians
_REGION_HEADER = struct.Struct("IBxxxffff")
_LINE_HEADER = struct.Struct("IHHHxxffff")
# "Isle of Mull" is "Mull" in most copy; "Isla Fernandina", "Isola d'Elba", "Otok Brac" are
# the island of that name in the local language
_GENERIC_BEFORE = re.compile(
    r"^(?:isle of|island of|isla|ilha|isola d'|isola|ile d'|ile|otok|ostrov|pulau)\s*",
    re.IGNORECASE,
)
_GROUP_WORDS = re.compile(r"\b(?:islands|isles|archipelago)$", re.IGNORECASE)


@dataclass(frozen=True)
class MapPolygon:
    """One named polygon of the database: its name path ("Indonesia", "Sulawesi")."""

    path: tuple[str, ...]
    polygon: Polygon


def read_world_database(directory: Path, database: str = "world") -> list[MapPolygon]:
    """Every named polygon of ``database`` in ``directory`` (lon/lat degrees)."""
    files = [directory / f"{database}.{suffix}" for suffix in ("L", "G", "N")]
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        raise GazetteerDataError(
            f"R maps database missing: {', '.join(missing)}; install r-cran-maps or pass "
            "--maps (see gazetteer/data/ISLANDS.md)"
        )
    lines, regions, names = (path.read_bytes() for path in files)
    order = "<" if 0 <= struct.unpack_from("<i", lines, 0)[0] <= 10000 else ">"
    coordinate_type = struct.unpack_from(f"{order}i", lines, 0)[0]
    degrees = 180 / math.pi if coordinate_type in _SPHERE_TYPES else 1.0
    polygons = []
    for line in names.decode("latin-1").splitlines():
        name, _, number = line.rpartition("\t")
        ring = _ring(lines, regions, int(number), order, degrees)
        if len(ring) >= 4:
            polygon = _within_the_antimeridian(shapely.make_valid(Polygon(ring)))
            polygons.append(MapPolygon(tuple(name.split(":")), polygon))
    return polygons


def _within_the_antimeridian(polygon: BaseGeometry) -> BaseGeometry:
    """The database draws islands across 180° E unbroken (Fiji, Chukotka run to 190° E):
    the part east of it is moved to the west of -180°, as GeoJSON wants."""
    minx, _, maxx, _ = polygon.bounds
    if minx >= -180 and maxx <= 180:
        return polygon
    west = polygon.intersection(shapely.box(-540, -90, -180, 90))
    middle = polygon.intersection(shapely.box(-180, -90, 180, 90))
    east = polygon.intersection(shapely.box(180, -90, 540, 90))
    moved = [
        shapely.affinity.translate(west, xoff=360),
        middle,
        shapely.affinity.translate(east, xoff=-360),
    ]
    return shapely.union_all([part for part in moved if not part.is_empty])


def _ring(
    lines: bytes, regions: bytes, region: int, order: str, degrees: float
) -> list[tuple[float, float]]:
    offset, count, *_ = struct.unpack_from(
        order + _REGION_HEADER.format, regions, 2 + (region - 1) * _REGION_HEADER.size
    )
    ring: list[tuple[float, float]] = []
    for number in struct.unpack_from(f"{order}{count}i", regions, offset):
        start, pairs, *_ = struct.unpack_from(
            order + _LINE_HEADER.format, lines, 8 + (abs(number) - 1) * _LINE_HEADER.size
        )
        values = struct.unpack_from(f"{order}{2 * pairs}f", lines, start)
        points = [(values[2 * i] * degrees, values[2 * i + 1] * degrees) for i in range(pairs)]
        ring.extend(points if number > 0 else points[::-1])
    return ring


def island_names(name: str) -> tuple[str, list[str]]:
    """An island's name and its other names: "Isle of Mull" is also "Mull", "Isola d'Elba"
    also "Elba"."""
    bare = _GENERIC_BEFORE.sub("", name).strip()
    if bare and bare != name and bare[0].isupper():
        return name, [bare]
    return name, []


def build_islands(polygons: Sequence[MapPolygon], countries: CountryIndex) -> list[dict[str, Any]]:
    """GeoJSON features of the named islands and island groups, sorted by id."""
    features: dict[str, dict[str, Any]] = {}
    groups: dict[tuple[str, ...], list[BaseGeometry]] = defaultdict(list)
    for item in polygons:
        for depth in range(1, len(item.path)):
            if _GROUP_WORDS.search(item.path[depth - 1]):
                groups[item.path[:depth]].append(item.polygon)
        name = item.path[-1]
        if len(item.path) < 2 or name.isdigit():
            continue
        _add(features, _feature(name, item.polygon, countries, "island"))
    for path, parts in groups.items():
        if len(parts) >= 2:
            _add(features, _feature(path[-1], shapely.union_all(parts), countries, "island group"))
    return [features[key] for key in sorted(features)]


def _add(features: dict[str, dict[str, Any]], feature: dict[str, Any]) -> None:
    """Keep ids unique: a second "Long Island" of a country gets a number."""
    base = feature["properties"]["id"]
    key, number = base, 1
    while key in features:
        number += 1
        key = f"{base}-{number}"
    feature["properties"]["id"] = key
    features[key] = feature


def _feature(
    name: str, geometry: BaseGeometry, countries: CountryIndex, subtype: str
) -> dict[str, Any]:
    codes = countries.codes_touched(geometry)
    lat, lon = main_body_point(geometry)
    name, alt_names = island_names(name)
    country = codes[0] if codes else None
    return {
        "type": "Feature",
        "properties": {
            "id": f"island:{(country or 'xx').lower()}:{slugify(name)}",
            "name": name,
            "alt_names": alt_names,
            "feature_class": "region",
            "subtype": subtype,
            "country_code": country,
            "country_codes": codes,
            "population": 0,
            "lat": lat,
            "lon": lon,
            "area_km2": round(area_km2(geometry), 1),
            "source": SOURCE,
        },
        "geometry": geometry_to_geojson(geometry),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write islands.geojson.gz and print its counts; errors as one line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--maps", type=Path, default=DEFAULT_MAPS_DIR)
    parser.add_argument("--out", type=Path, default=Path("gazetteer/data"))
    args = parser.parse_args(argv)
    try:
        polygons = read_world_database(args.maps)
    except GazetteerDataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    features = build_islands(polygons, CountryIndex.read(_countries_zip_path()))
    size = write_geojson_gz(features, args.out / "islands.geojson.gz")
    kinds = dict(Counter(feature["properties"]["subtype"] for feature in features))
    print(f"{len(polygons)} polygons read; {kinds}; islands.geojson.gz {size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
