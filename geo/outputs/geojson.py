"""GeoJSON: an :class:`~geo.events.model.EventCollection` as one RFC 7946 FeatureCollection.

The FeatureCollection is what every consumer reads: the HTML map (:mod:`geo.outputs.render`), GIS
tools (GDAL/pyogrio, geopandas, QGIS) and other programs. Each feature says what it is in
``properties.kind``:

``event``
    A Point at the event location, or ``"geometry": null`` for an event geo could not place
    (RFC 7946 §3.2 allows unlocated features).
``zone``
    The Polygon/MultiPolygon of a spatial relation ("west of the Euphrates in Syria").
``feature``
    A gazetteer feature an event refers to, drawn with its real geometry (a river, a sea).
``place``
    A resolved place and every mention of it.

Why the rules below:

* **Coordinate order** is ``[longitude, latitude]`` everywhere (RFC 7946 §3.1.1); the
  models keep ``lat``/``lon`` as named fields, and only :func:`lon_lat` turns them into a
  position, so the swap happens in one place.
* **Precision**: coordinates are rounded to :data:`COORDINATE_DECIMALS` (6 decimals, about
  0.1 m; RFC 7946 §11.2 recommends no more) so that float noise does not change the file.
* **Polygons** are repaired with shapely ``make_valid`` (only polygonal parts are kept),
  snapped to the 1e-6 grid while staying valid, and oriented by the right-hand rule
  (RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise).
* **Determinism**: events are ordered by date (undated last) then id; zones, features and
  places by id; every dict is built with a fixed key order. The same collection therefore
  always yields byte-identical text from :func:`dumps_feature_collection`, and the golden
  file ``tests/data/export/golden_small.geojson`` can be reviewed as a diff.
* **No NaN or infinity** can reach the file (JSON has no such numbers, RFC 8259 §6):
  :class:`~geo.errors.OutputError` names the offending feature.

:func:`validate_feature_collection` checks a FeatureCollection against the GeoJSON object
model (with the maintained ``geojson-pydantic`` models) and the rules RFC 7946 adds on top
(positions, ranges, ring closure and length, winding), collecting every problem first.

Example:
    >>> from geo.events.model import EventCollection
    >>> fc = to_feature_collection(EventCollection())
    >>> dumps_feature_collection(fc)
    '{"type":"FeatureCollection","features":[]}\\n'
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final

import shapely
from geojson_pydantic.features import Feature as GeoJsonFeature
from geojson_pydantic.geometries import Geometry as GeoJsonGeometry
from pydantic import ValidationError
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from geo.errors import OutputError
from geo.events.model import (
    Event,
    EventCollection,
    PlaceSummary,
    ReferencedFeature,
    Source,
    Zone,
)

__all__ = [
    "COORDINATE_DECIMALS",
    "FEATURE_KINDS",
    "LonLat",
    "dumps_feature_collection",
    "event_feature",
    "located_features",
    "lon_lat",
    "ordered_events",
    "place_feature",
    "polygonal_geometry",
    "referenced_feature",
    "round_coordinates",
    "to_feature_collection",
    "validate_feature_collection",
    "zone_feature",
]

LonLat = tuple[float, float]
"""A GeoJSON position: ``(longitude, latitude)``, in that order (RFC 7946 §3.1.1)."""

COORDINATE_DECIMALS: Final = 6
"""Decimals kept in every coordinate: about 0.1 m, the most RFC 7946 §11.2 recommends."""

FEATURE_KINDS: Final = ("event", "zone", "feature", "place")
"""The values of ``properties.kind``, in the order the FeatureCollection lists them."""

_GRID_SIZE: Final = 10.0**-COORDINATE_DECIMALS
_POLYGONAL_TYPES: Final = frozenset({"Polygon", "MultiPolygon"})
_LINEAR_TYPES: Final = frozenset({"LineString", "MultiLineString"})
_FEATURE_GEOMETRY_TYPES: Final = _POLYGONAL_TYPES | _LINEAR_TYPES
_GEOMETRY_TYPES: Final = frozenset(
    {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
)


# ---------------------------------------------------------------------------------------
# Coordinates and geometries.
# ---------------------------------------------------------------------------------------


def _round(value: float) -> float:
    # ``+ 0.0`` turns -0.0 into 0.0 so that the sign of a rounded zero never changes the text.
    return round(float(value), COORDINATE_DECIMALS) + 0.0


def lon_lat(lat: float, lon: float) -> LonLat:
    """The GeoJSON position of a ``(lat, lon)`` pair: longitude first, rounded.

    >>> lon_lat(35.9528, 39.0129)
    (39.0129, 35.9528)
    >>> lon_lat(-0.0000001, 12.3456789)
    (12.345679, 0.0)
    """
    return (_round(lon), _round(lat))


def round_coordinates(coordinates: Any) -> Any:
    """Round every number of a (nested) GeoJSON ``coordinates`` array; tuples become lists.

    >>> round_coordinates(((1.23456789, 2.0), (3.0, -4.0000004)))
    [[1.234568, 2.0], [3.0, -4.0]]
    >>> round_coordinates([])
    []
    """
    if isinstance(coordinates, (int, float)) and not isinstance(coordinates, bool):
        return _round(coordinates)
    if isinstance(coordinates, (list, tuple)):
        return [round_coordinates(item) for item in coordinates]
    raise TypeError(f"not a GeoJSON coordinate: {coordinates!r}")


def _rounded_geometry(geometry: BaseGeometry) -> dict[str, Any]:
    interface = mapping(geometry)
    return {"type": interface["type"], "coordinates": round_coordinates(interface["coordinates"])}


def _polygons_of(geometry: BaseGeometry) -> list[Polygon]:
    """The non-empty polygons inside any geometry (``make_valid`` may return a collection)."""
    if isinstance(geometry, Polygon):
        return [] if geometry.is_empty else [geometry]
    if hasattr(geometry, "geoms"):
        return [polygon for part in geometry.geoms for polygon in _polygons_of(part)]
    return []


def polygonal_geometry(geometry: Mapping[str, Any], *, name: str) -> dict[str, Any]:
    """A valid, right-hand-rule, rounded Polygon or MultiPolygon from GeoJSON ``geometry``.

    Invalid input (a bow tie, overlapping parts, a spike) is repaired with ``make_valid``
    (method ``structure``: overlapping parts are unioned) and only its polygonal parts are
    kept; the result is snapped to the 1e-6 grid (staying valid) and
    oriented with exterior rings counter-clockwise and holes clockwise (RFC 7946 §3.1.6).
    ``name`` identifies the feature in the :class:`~geo.errors.OutputError` raised when
    nothing polygonal is left.

    >>> bow_tie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    >>> polygonal_geometry(bow_tie, name="zone z1")["type"]
    'MultiPolygon'
    >>> clockwise = {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}
    >>> Polygon(polygonal_geometry(clockwise, name="zone z2")["coordinates"][0]).exterior.is_ccw
    True
    """
    if geometry.get("type") not in _POLYGONAL_TYPES:
        raise OutputError(
            f"{name}: expected a Polygon or MultiPolygon, got {geometry.get('type')!r}"
        )
    _require_finite(geometry.get("coordinates"), name=name)
    try:
        parsed = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.ShapelyError) as err:
        raise OutputError(f"{name}: unreadable {geometry.get('type')}: {err}") from err
    # "structure" repair unions overlapping parts (a zone built from two overlapping areas
    # covers both); the default "linework" method would cut their overlap out.
    repaired = shapely.make_valid(parsed, method="structure", keep_collapsed=False)
    snapped = shapely.set_precision(repaired, _GRID_SIZE)
    polygons = [orient(polygon, 1.0) for polygon in _polygons_of(snapped)]
    if not polygons:
        raise OutputError(f"{name}: the polygon has no area left after repair")
    polygons.sort(key=lambda polygon: polygon.bounds)  # make_valid's part order is not ours
    if len(polygons) == 1:
        return _rounded_geometry(polygons[0])
    return _rounded_geometry(MultiPolygon(polygons))


def _linear_geometry(geometry: Mapping[str, Any], *, name: str) -> dict[str, Any]:
    _require_finite(geometry.get("coordinates"), name=name)
    return {"type": geometry["type"], "coordinates": round_coordinates(geometry["coordinates"])}


def _require_finite(value: Any, *, name: str) -> None:
    """Raise :class:`OutputError` naming ``name`` if any number inside ``value`` is NaN/inf."""
    for path, bad in _non_json_values(value, ""):
        raise OutputError(f"{name}: {bad} at {path or 'top level'} cannot be written as JSON")


def _non_json_values(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every NaN, infinity or unencodable string (lone surrogate) inside ``value``."""
    if isinstance(value, float) and not math.isfinite(value):
        yield path, repr(value)
    elif isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            yield path, "a string that is not valid Unicode"
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _non_json_values(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _non_json_values(item, f"{path}[{index}]")


# ---------------------------------------------------------------------------------------
# Features, one builder per kind.
# ---------------------------------------------------------------------------------------


def _feature(geometry: dict[str, Any] | None, properties: dict[str, Any]) -> dict[str, Any]:
    feature = {"type": "Feature", "geometry": geometry, "properties": properties}
    name = f"{properties['kind']} {properties['id']!r}"
    for path, bad in _non_json_values(feature, ""):
        raise OutputError(f"{name}: {bad} at {path} cannot be written as JSON")
    return feature


def _source_properties(source: Source) -> dict[str, Any]:
    return {
        "document_id": source.document_id,
        "title": source.title,
        "published": source.published.isoformat() if source.published else None,
        "url": source.url,
        "source": source.source,
        "sentence": source.sentence,
        "start": source.start,
        "end": source.end,
        "trigger_start": source.trigger_start,
        "trigger_end": source.trigger_end,
    }


def _first_sentence(event: Event) -> str | None:
    return event.sources[0].sentence if event.sources else None


def _event_date(event: Event) -> str | None:
    return _iso(event.date.date)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def event_feature(event: Event) -> dict[str, Any]:
    """The ``event`` feature: a Point at the event location, or null geometry if unlocated.

    An event is located only when both ``lat`` and ``lon`` are known.
    """
    location = event.location
    geometry: dict[str, Any] | None = None
    if location.lat is not None and location.lon is not None:
        geometry = {"type": "Point", "coordinates": list(lon_lat(location.lat, location.lon))}
    properties: dict[str, Any] = {
        "kind": "event",
        "id": event.id,
        "event_type": event.event_type.value,
        "event_label": event.label,
        "cameo": event.cameo,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "modality": event.modality.value,
        "date": _event_date(event),
        "date_precision": event.date.precision.value,
        "date_earliest": _iso(event.date.earliest),
        "date_latest": _iso(event.date.latest),
        "date_text": event.date.text,
        "actors": [
            {
                "id": actor.id,
                "name": actor.name,
                "kind": actor.kind.value,
                "role": actor.role.value if actor.role else None,
                "country": actor.country,
            }
            for actor in event.actors
        ],
        "location_name": location.name,
        "gazetteer_id": location.gazetteer_id,
        "geonameid": location.geonameid,
        "precision": location.precision.value,
        "uncertainty_km": location.uncertainty_km,
        "confidence": event.confidence,
        "reason": location.reason,
        "date_reason": event.date.reason,
        "trigger": event.trigger,
        "sentence": _first_sentence(event),
        "zone_id": event.zone.id if event.zone else None,
        "sources": [_source_properties(source) for source in event.sources],
    }
    return _feature(geometry, properties)


def zone_feature(event: Event, zone: Zone) -> dict[str, Any]:
    """The ``zone`` feature of ``event``'s spatial relation; ``statement`` is its sentence."""
    properties: dict[str, Any] = {
        "kind": "zone",
        "id": zone.id,
        "relation": zone.relation,
        "label": zone.label,
        "anchor_id": zone.anchor_id,
        "anchor_name": zone.anchor_name,
        "clip_id": zone.clip_id,
        "clip_name": zone.clip_name,
        "distance_km": zone.distance_km,
        "statement": _first_sentence(event) or zone.text or None,
        "date": _event_date(event),
        "event_id": event.id,
        "sources": [_source_properties(source) for source in event.sources],
    }
    name = f"zone {zone.id!r} of event {event.id!r}"
    return _feature(polygonal_geometry(zone.geometry, name=name), properties)


def referenced_feature(feature: ReferencedFeature) -> dict[str, Any]:
    """The ``feature`` feature: a river, sea or border drawn with its gazetteer geometry."""
    name = f"feature {feature.gazetteer_id!r}"
    geometry_type = feature.geometry.get("type")
    if geometry_type in _POLYGONAL_TYPES:
        geometry = polygonal_geometry(feature.geometry, name=name)
    elif geometry_type in _LINEAR_TYPES:
        geometry = _linear_geometry(feature.geometry, name=name)
    else:
        raise OutputError(
            f"{name}: expected one of {sorted(_FEATURE_GEOMETRY_TYPES)}, got {geometry_type!r}"
        )
    properties: dict[str, Any] = {
        "kind": "feature",
        "id": feature.gazetteer_id,
        "name": feature.name,
        "feature_class": feature.feature_class,
        "role": feature.role,
    }
    return _feature(geometry, properties)


def place_feature(place: PlaceSummary) -> dict[str, Any]:
    """The ``place`` feature: a Point with every mention of the place."""
    _require_finite([place.lon, place.lat], name=f"place {place.gazetteer_id!r}")
    mentions = [
        {
            "document_id": mention.get("document_id"),
            "text": mention.get("text"),
            "start": mention.get("start"),
            "end": mention.get("end"),
        }
        for mention in place.mentions
    ]
    properties: dict[str, Any] = {
        "kind": "place",
        "id": place.gazetteer_id,
        "geonameid": place.geonameid,
        "name": place.name,
        "feature_class": place.feature_class,
        "country": place.country,
        "mention_count": len(mentions),
        "mentions": mentions,
    }
    geometry = {"type": "Point", "coordinates": list(lon_lat(place.lat, place.lon))}
    return _feature(geometry, properties)


# ---------------------------------------------------------------------------------------
# The FeatureCollection.
# ---------------------------------------------------------------------------------------


def ordered_events(events: Iterable[Event]) -> list[Event]:
    """Events by date (undated last), then id: the order the FeatureCollection lists them."""
    return sorted(
        events,
        key=lambda event: (event.date.date is None, event.date.date or dt.date.min, event.id),
    )


def _zones(events: Sequence[Event]) -> list[tuple[Event, Zone]]:
    """One ``(event, zone)`` per zone id, taken from the first event (in export order)."""
    zones: dict[str, tuple[Event, Zone]] = {}
    for event in events:
        if event.zone is not None and event.zone.id not in zones:
            zones[event.zone.id] = (event, event.zone)
    return [zones[zone_id] for zone_id in sorted(zones)]


def to_feature_collection(collection: EventCollection) -> dict[str, Any]:
    """The RFC 7946 FeatureCollection of ``collection``: events, zones, features, places.

    Zones shared by several events (same id) appear once, with the first event's sentence.
    Raises :class:`~geo.errors.OutputError` naming the feature if a NaN or infinity, an
    unknown geometry type or a polygon with no area would be written.
    """
    events = ordered_events(collection.events)
    features = [event_feature(event) for event in events]
    features += [zone_feature(event, zone) for event, zone in _zones(events)]
    features += [
        referenced_feature(feature)
        for feature in sorted(
            collection.features, key=lambda f: (f.gazetteer_id, f.role, f.name, f.feature_class)
        )
    ]
    features += [
        place_feature(place) for place in sorted(collection.places, key=lambda p: p.gazetteer_id)
    ]
    return {"type": "FeatureCollection", "features": features}


def located_features(fc: Mapping[str, Any]) -> dict[str, Any]:
    """The FeatureCollection without its unlocated (``"geometry": null``) features.

    For consumers that need a geometry on every feature, such as the HTML map.

    >>> located_features({"type": "FeatureCollection", "features": [
    ...     {"type": "Feature", "geometry": None, "properties": {}}]})
    {'type': 'FeatureCollection', 'features': []}
    """
    features = [feature for feature in fc.get("features", []) if feature.get("geometry")]
    return {"type": "FeatureCollection", "features": features}


def dumps_feature_collection(fc: Mapping[str, Any]) -> str:
    """The text of a FeatureCollection: compact JSON, one feature per line, newline at end.

    Format (fixed, so that output is byte-identical for the same input and golden files
    diff line by line): ``json.dumps`` with ``ensure_ascii=False`` (UTF-8 text stays
    readable), ``separators=(",", ":")``, ``indent=None`` and ``allow_nan=False`` for each
    feature; each feature sits on its own line between ``{"type":"FeatureCollection",
    "features":[`` and ``]}`` (an empty collection is one line). Any other top-level member
    of ``fc`` (``bbox``) is written after ``features``. The text is UTF-8 without a BOM.

    >>> dumps_feature_collection({"type": "FeatureCollection", "features": [
    ...     {"type": "Feature", "geometry": None, "properties": {"name": "Ḥalab"}}]})
    '{"type":"FeatureCollection","features":[\\n{"type":"Feature","geometry":null,"properties":{"name":"Ḥalab"}}\\n]}\\n'
    """
    lines = [_dump(feature, "feature", index) for index, feature in enumerate(fc["features"])]
    extra = "".join(
        f",{_dump(key, 'member', key)}:{_dump(value, 'member', key)}"
        for key, value in fc.items()
        if key not in ("type", "features")
    )
    body = "\n" + ",\n".join(lines) + "\n" if lines else ""
    return '{"type":"FeatureCollection","features":[' + body + "]" + extra + "}\n"


def _dump(value: Any, what: str, where: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (ValueError, TypeError) as err:
        raise OutputError(f"GeoJSON {what} {where}: cannot be written as JSON: {err}") from err


# ---------------------------------------------------------------------------------------
# Validation.
# ---------------------------------------------------------------------------------------


_FEATURE_MODEL: Final = GeoJsonFeature[GeoJsonGeometry, dict[str, Any]]


def validate_feature_collection(fc: Mapping[str, Any]) -> None:
    """Check ``fc`` against RFC 7946 and geo's feature kinds; raise one error listing all.

    Checks: the GeoJSON object model (``geojson-pydantic``: member types, geometry types,
    ring closure, minimum lengths), then the rules of RFC 7946 it leaves out or that geo
    enforces on its own output: positions of 2 or 3 finite numbers in longitude, latitude
    order and range, linear rings closed with 4 or more positions, exterior rings
    counter-clockwise and holes clockwise, valid polygons, no ``crs`` member, and a known
    ``properties.kind`` with an ``id``. Raises :class:`~geo.errors.OutputError`.

    >>> validate_feature_collection({"type": "FeatureCollection", "features": []})
    >>> validate_feature_collection({"type": "Feature"})
    Traceback (most recent call last):
    ...
    geo.errors.OutputError: 1 GeoJSON problem(s): RFC 7946 §3.3: top-level type must be \
"FeatureCollection", got 'Feature'
    """
    problems = list(_collection_problems(fc))
    if problems:
        raise OutputError(f"{len(problems)} GeoJSON problem(s): " + "; ".join(problems))


def _collection_problems(fc: Mapping[str, Any]) -> Iterator[str]:
    if not isinstance(fc, Mapping):
        yield f"RFC 7946 §3.3: a FeatureCollection must be a JSON object, got {type(fc).__name__}"
        return
    if fc.get("type") != "FeatureCollection":
        yield f'RFC 7946 §3.3: top-level type must be "FeatureCollection", got {fc.get("type")!r}'
        return
    if "crs" in fc:
        yield 'RFC 7946 §4: the "crs" member was removed; coordinates are WGS 84 lon/lat'
    features = fc.get("features")
    if not isinstance(features, list):
        yield 'RFC 7946 §3.3: a FeatureCollection has a member "features" that is an array'
        return
    for index, feature in enumerate(features):
        yield from (f"{_feature_label(index, feature)}: {p}" for p in _feature_problems(feature))
    yield from _duplicate_id_problems(features)


def _feature_label(index: int, feature: Any) -> str:
    properties = feature.get("properties") if isinstance(feature, Mapping) else None
    if isinstance(properties, Mapping) and "kind" in properties and "id" in properties:
        return f"feature {index} ({properties['kind']} {properties['id']!r})"
    return f"feature {index}"


def _feature_problems(feature: Any) -> list[str]:
    """RFC 7946 problems of one feature; the object-model validator only if they are none."""
    if not isinstance(feature, Mapping):
        return [f"RFC 7946 §3.2: a Feature must be a JSON object, got {type(feature).__name__}"]
    problems = list(_feature_member_problems(feature))
    geometry = feature.get("geometry")
    if isinstance(geometry, Mapping):
        problems += _geometry_problems(geometry)
    problems += _kind_problems(feature.get("properties"))
    if not problems:
        problems += _object_model_problems(feature)
    return problems


def _feature_member_problems(feature: Mapping[str, Any]) -> Iterator[str]:
    if feature.get("type") != "Feature":
        yield f'RFC 7946 §3.2: a Feature has "type": "Feature", got {feature.get("type")!r}'
    if "geometry" not in feature:
        yield 'RFC 7946 §3.2: a Feature has a member "geometry" (an object or null)'
    elif feature["geometry"] is not None and not isinstance(feature["geometry"], Mapping):
        yield 'RFC 7946 §3.2: "geometry" must be a geometry object or null'
    if "properties" not in feature:
        yield 'RFC 7946 §3.2: a Feature has a member "properties" (an object or null)'


def _kind_problems(properties: Any) -> Iterator[str]:
    if not isinstance(properties, Mapping):
        yield "geo: properties must be an object with kind and id"
        return
    if properties.get("kind") not in FEATURE_KINDS:
        kind = properties.get("kind")
        yield f"geo: properties.kind must be one of {list(FEATURE_KINDS)}, got {kind!r}"
    if not isinstance(properties.get("id"), str) or not properties.get("id"):
        yield "geo: properties.id must be a non-empty string"
    for path, bad in _non_json_values(properties, "properties"):
        yield f"RFC 8259 §6: {bad} at {path} is not a JSON value"


def _duplicate_id_problems(features: list[Any]) -> Iterator[str]:
    seen: set[tuple[Any, Any]] = set()
    for index, feature in enumerate(features):
        properties = feature.get("properties") if isinstance(feature, Mapping) else None
        if not isinstance(properties, Mapping):
            continue
        key = (properties.get("kind"), properties.get("id"))
        # Features may repeat a gazetteer id with another role; events, zones, places may not.
        if key[0] != "feature" and key in seen:
            yield f"feature {index}: geo: duplicate {key[0]} id {key[1]!r}"
        seen.add(key)


def _object_model_problems(feature: Mapping[str, Any]) -> list[str]:
    try:
        _FEATURE_MODEL.model_validate(feature)
    except ValidationError as err:
        return [
            "GeoJSON object model (geojson-pydantic): "
            f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}"
            for error in err.errors()
        ]
    return []


def _geometry_problems(geometry: Mapping[str, Any]) -> list[str]:
    geometry_type = geometry.get("type")
    if geometry_type == "GeometryCollection":
        return ["geo: GeometryCollection is not used in geo's output (RFC 7946 §3.1.8)"]
    if geometry_type not in _GEOMETRY_TYPES:
        return [f"RFC 7946 §3.1: unknown geometry type {geometry_type!r}"]
    coordinates: Any = geometry.get("coordinates")
    depth = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2}
    depth |= {"Polygon": 2, "MultiPolygon": 3}
    shape_problems = list(_nesting_problems(coordinates, depth[geometry_type], "coordinates"))
    if shape_problems:
        return shape_problems
    problems = list(_position_problems(coordinates, depth[geometry_type], "coordinates"))
    if geometry_type in ("LineString", "MultiLineString"):
        lines: list[Any] = [coordinates] if geometry_type == "LineString" else coordinates
        problems += [
            f"RFC 7946 §3.1.4: a LineString has 2 or more positions (line {i} has {len(line)})"
            for i, line in enumerate(lines)
            if len(line) < 2
        ]
    if geometry_type in _POLYGONAL_TYPES:
        polygons: list[Any] = [coordinates] if geometry_type == "Polygon" else coordinates
        problems += _polygon_problems(polygons)
        if not problems:
            problems += _validity_problems(geometry)
    return problems


def _nesting_problems(value: Any, depth: int, path: str) -> Iterator[str]:
    """Arrays nested ``depth`` levels deep around positions (which are arrays of numbers)."""
    if not isinstance(value, list):
        yield f"RFC 7946 §3.1.1: {path} must be an array, got {type(value).__name__}"
        return
    if depth == 0:
        if not all(_is_number(item) for item in value):
            yield f"RFC 7946 §3.1.1: a position is an array of numbers ({path})"
        return
    for index, item in enumerate(value):
        yield from _nesting_problems(item, depth - 1, f"{path}[{index}]")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _positions(coordinates: Any, depth: int, path: str) -> Iterator[tuple[str, list[Any]]]:
    if depth == 0:
        yield path, coordinates
        return
    for index, item in enumerate(coordinates):
        yield from _positions(item, depth - 1, f"{path}[{index}]")


def _position_problems(coordinates: Any, depth: int, path: str) -> Iterator[str]:
    for where, position in _positions(coordinates, depth, path):
        if len(position) not in (2, 3):
            yield (
                "RFC 7946 §3.1.1: a position has two or three elements "
                f"(longitude, latitude[, altitude]); {where} has {len(position)}"
            )
            continue
        if not all(math.isfinite(value) for value in position):
            yield f"RFC 8259 §6: NaN and Infinity are not JSON numbers ({where} = {position})"
            continue
        lon, lat = position[0], position[1]
        if not -180 <= lon <= 180:
            yield f"RFC 7946 §3.1.1: longitude must be within [-180, 180]; {where} has {lon}"
        if not -90 <= lat <= 90:
            yield (
                "RFC 7946 §3.1.1: latitude must be within [-90, 90] (positions are "
                f"longitude, latitude); {where} has {lat}"
            )


def _polygon_problems(polygons: list[list[list[list[float]]]]) -> list[str]:
    problems: list[str] = []
    for p_index, rings in enumerate(polygons):
        if not rings:
            problems.append(f"RFC 7946 §3.1.6: polygon {p_index} has no exterior ring")
        for r_index, ring in enumerate(rings):
            where = f"polygon {p_index} ring {r_index}"
            problems += _ring_problems(ring, exterior=r_index == 0, where=where)
    return problems


def _ring_problems(ring: list[list[float]], *, exterior: bool, where: str) -> list[str]:
    if len(ring) < 4:
        return [
            f"RFC 7946 §3.1.6: a linear ring has four or more positions; {where} has {len(ring)}"
        ]
    if ring[0] != ring[-1]:
        return [
            "RFC 7946 §3.1.6: the first and last positions of a linear ring must be "
            f"equivalent; {where} starts at {ring[0]} and ends at {ring[-1]}"
        ]
    area = _signed_area(ring)
    if exterior and area < 0:
        return [f"RFC 7946 §3.1.6: polygon exterior ring must be counter-clockwise ({where})"]
    if not exterior and area > 0:
        return [f"RFC 7946 §3.1.6: polygon holes must be clockwise ({where})"]
    return []


def _signed_area(ring: list[list[float]]) -> float:
    """Shoelace area: positive for a counter-clockwise ring in lon/lat axes."""
    return sum((x1 * y2 - x2 * y1) for (x1, y1, *_), (x2, y2, *_) in itertools.pairwise(ring)) / 2.0


def _validity_problems(geometry: Mapping[str, Any]) -> list[str]:
    polygon = shape(geometry)
    if polygon.is_valid:
        return []
    return [f"geo: polygons must be valid (shapely: {shapely.is_valid_reason(polygon)})"]
