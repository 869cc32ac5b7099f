"""Event location: the most specific place the text supports for an event, never more.

Order of evidence (the reason names which one decided):

1. a spatial relation in the event's sentence ("west of the Euphrates in Syria") → a zone;
2. a place named in the event's clause, then in its sentence — the most specific one, the
   nearest to the trigger among equals; places that are actors ("Moscow said"), parts of
   organisation names, or topics ("talks on Syria") do not count;
3. the article's focus: the country the article most often names as a location.

Precision follows the feature class; the uncertainty radius is that of the feature's area
(a circle of equal area), or a small default for cities.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

import shapely

from gazetteer import Gazetteer
from geo.events import EventLocation, LocationPrecision
from geo.mentions import Mention, MentionKind

__all__ = [
    "PRECISION_BY_CLASS",
    "SPECIFICITY",
    "article_focus",
    "locate_in_span",
    "location_from_mention",
    "radius_km",
]

PRECISION_BY_CLASS: dict[str, LocationPrecision] = {
    "city": LocationPrecision.CITY,
    "admin2": LocationPrecision.ADMIN1,
    "admin1": LocationPrecision.ADMIN1,
    "country": LocationPrecision.COUNTRY,
    "sea": LocationPrecision.WATER_BODY,
    "lake": LocationPrecision.WATER_BODY,
    "river": LocationPrecision.WATER_BODY,
    "region": LocationPrecision.REGION,
    "continent": LocationPrecision.REGION,
}
# Lower is more specific.
SPECIFICITY: dict[str, int] = {
    "city": 0,
    "admin2": 1,
    "lake": 2,
    "river": 3,
    "admin1": 3,
    "region": 4,
    "sea": 4,
    "country": 5,
    "continent": 6,
}
CITY_UNCERTAINTY_KM = 10.0
_LOCATIVE = re.compile(
    r"(?:\b(?:in|inside|into|across|over|near|at|outside|throughout|within|from|off|"
    r"around|toward|towards|on the outskirts of|north of|south of|east of|west of)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_TOPIC = re.compile(r"\b(?:on|about|over|regarding|concerning)\s+(?:the\s+)?$", re.IGNORECASE)
_DEMONYM_PLACE = re.compile(
    r"^\s+(?:airspace|territory|territorial waters|waters|soil|border|coast)\b"
)


def radius_km(geometry: shapely.Geometry | None, feature_class: str) -> float:
    """Radius of the circle with the feature's area; a default for points."""
    if geometry is None or geometry.is_empty or feature_class == "city":
        return CITY_UNCERTAINTY_KM
    if geometry.geom_type in ("LineString", "MultiLineString"):
        return round(max(25.0, _line_length_km(geometry) / 2), 1)
    area = _area_km2(geometry)
    return round(max(CITY_UNCERTAINTY_KM, math.sqrt(area / math.pi)), 1)


def _area_km2(geometry: shapely.Geometry) -> float:
    latitude = geometry.centroid.y
    return float(geometry.area) * 111.32 * 111.32 * max(0.05, math.cos(math.radians(latitude)))


def _line_length_km(geometry: shapely.Geometry) -> float:
    latitude = geometry.centroid.y
    return float(geometry.length) * 111.32 * max(0.2, math.cos(math.radians(latitude)))


@lru_cache(maxsize=4096)
def _radius_for(gazetteer: Gazetteer, gazetteer_id: str, feature_class: str) -> float:
    index = gazetteer.index_of(gazetteer_id)
    geometry = None if index is None else gazetteer.geometry(index)
    return radius_km(geometry, feature_class)


def location_from_mention(mention: Mention, gazetteer: Gazetteer, reason: str) -> EventLocation:
    feature_class = mention.feature_class or ""
    return EventLocation(
        name=mention.name,
        gazetteer_id=mention.gazetteer_id,
        feature_class=feature_class,
        country=mention.country,
        lat=mention.lat,
        lon=mention.lon,
        precision=PRECISION_BY_CLASS.get(feature_class, LocationPrecision.UNKNOWN),
        uncertainty_km=_radius_for(gazetteer, mention.gazetteer_id or "", feature_class),
        reason=reason,
    )


def _is_location_candidate(text: str, mention: Mention) -> bool:
    if not mention.resolved or mention.kind == MentionKind.ORGANISATION:
        return False
    if mention.in_organisation or mention.government_actor:
        return False
    before = text[max(0, mention.start - 30) : mention.start]
    if _TOPIC.search(before) and not _LOCATIVE.search(before):
        return False
    if mention.kind == MentionKind.DEMONYM:
        # "Syrian airspace", "Russian territory": a demonym names a place only so.
        return bool(_DEMONYM_PLACE.match(text[mention.end : mention.end + 25]))
    return True


def locate_in_span(
    text: str,
    mentions: Sequence[Mention],
    start: int,
    end: int,
    trigger_start: int,
    gazetteer: Gazetteer,
    scope: str,
) -> EventLocation | None:
    """The most specific location candidate inside [start, end), nearest the trigger."""
    inside = [
        m for m in mentions if start <= m.start and m.end <= end and _is_location_candidate(text, m)
    ]
    if not inside:
        return None
    best = min(
        inside,
        key=lambda m: (SPECIFICITY.get(m.feature_class or "", 9), abs(m.start - trigger_start)),
    )
    locative = bool(_LOCATIVE.search(text[max(0, best.start - 30) : best.start]))
    how = "named as the place" if locative else "named"
    return location_from_mention(best, gazetteer, f"{best.text!r} {how} in the event's {scope}")


def article_focus(text: str, mentions: Sequence[Mention]) -> Mention | None:
    """The country the article names most as a location (locative uses count double)."""
    weights: defaultdict[str, float] = defaultdict(float)
    representative: dict[str, Mention] = {}
    for mention in mentions:
        if not mention.resolved or mention.country is None or mention.in_organisation:
            continue
        if mention.kind == MentionKind.ORGANISATION or mention.government_actor:
            continue
        before = text[max(0, mention.start - 30) : mention.start]
        weight = 2.0 if _LOCATIVE.search(before) else 1.0
        if mention.kind == MentionKind.DEMONYM:
            weight *= 0.5
        weights[mention.country] += weight
        if mention.feature_class == "country":
            representative.setdefault(mention.country, mention)
    for country in sorted(weights, key=lambda code: (-weights[code], code)):
        if country in representative:
            return representative[country]
    return None
