"""Events: who did what, where and when — the models every later stage reads.

An :class:`Event` carries its type (with CAMEO and ACLED codes), actors with roles, a date
with its precision, a location with its precision, uncertainty and the reason it was
chosen, an optional zone (the geometry of a spatial relation such as "west of the
Euphrates"), and every source that reported it. Cross-document dedup merges sources.
"""

from __future__ import annotations

import calendar
import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field

from geo.events.actors import Actor
from geo.events.taxonomy import EventType
from geo.events.timex import DatePrecision
from geo.events.triggers import Modality
from geo.places.mentions import Mention

__all__ = [
    "ON_OR_BEFORE_DAYS",
    "DocumentSummary",
    "Event",
    "EventCollection",
    "EventDate",
    "EventLocation",
    "LocationPrecision",
    "PlaceSummary",
    "ReferencedFeature",
    "Source",
    "Zone",
]


class LocationPrecision(StrEnum):
    POINT = "point"  # a point or small place: village, city
    CITY = "city"
    ADMIN1 = "admin1"  # province, governorate, state (or admin-2 county)
    COUNTRY = "country"
    WATER_BODY = "water_body"  # sea, gulf, lake, river
    REGION = "region"  # a named region: Levant, Golan Heights
    ZONE = "zone"  # the geometry of a spatial relation
    UNKNOWN = "unknown"


ON_OR_BEFORE_DAYS = 2
"""An event dated "on or before" a day happened on that day or up to this many days before.

Wire copy and monitors' notes report the day's events or the day before's: of the 562 UCDP
events of ``ucdp_ged_sample.jsonl``, 264 end on the day of their report, 93 the day before
and 14 two days before (29 earlier still). Dedup reads this window (geo.events.dedup).
"""

Span = tuple[dt.date, dt.date]


class EventDate(BaseModel):
    """When an event happened: a day, or the days a coarser date admits (``earliest`` to
    ``latest``: a week, a month, a year, or the days up to a report's that it may tell of)."""

    model_config = ConfigDict(frozen=True)

    date: dt.date | None = None
    precision: DatePrecision = DatePrecision.UNKNOWN
    text: str | None = Field(default=None, description="The time phrase, if any.")
    reason: str = ""

    @computed_field(description="The first day the date admits.")  # type: ignore[prop-decorator]
    @property
    def earliest(self) -> dt.date | None:
        span = self.span()
        return None if span is None else span[0]

    @computed_field(description="The last day the date admits.")  # type: ignore[prop-decorator]
    @property
    def latest(self) -> dt.date | None:
        span = self.span()
        return None if span is None else span[1]

    def span(self) -> Span | None:
        """The first and last day the date admits; None when undated.

        >>> EventDate(date=dt.date(2020, 5, 4), precision=DatePrecision.ON_OR_BEFORE).span()
        (datetime.date(2020, 5, 2), datetime.date(2020, 5, 4))
        """
        day, precision = self.date, self.precision
        if day is None:
            return None
        if precision == DatePrecision.MONTH:
            last = calendar.monthrange(day.year, day.month)[1]
            return day.replace(day=1), day.replace(day=last)
        if precision == DatePrecision.YEAR:
            return day.replace(month=1, day=1), day.replace(month=12, day=31)
        if precision == DatePrecision.WEEK:
            return day, _shifted(day, 6) or dt.date.max
        if precision == DatePrecision.ON_OR_BEFORE:
            return _shifted(day, -ON_OR_BEFORE_DAYS) or dt.date.min, day
        return day, day


def _shifted(date: dt.date, days: int) -> dt.date | None:
    """``date`` moved by ``days``, or None past the calendar's ends (1 January 1, 9999)."""
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


class EventLocation(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str | None = None
    gazetteer_id: str | None = None
    geonameid: int | None = None
    feature_class: str | None = None
    country: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    precision: LocationPrecision = LocationPrecision.UNKNOWN
    uncertainty_km: float | None = Field(default=None, ge=0)
    reason: str = ""


class Zone(BaseModel):
    """The area a spatial relation names: "west of the Euphrates in Syria"."""

    model_config = ConfigDict(frozen=True)

    id: str
    relation: str = Field(
        description="west_of, east_of, north_of, south_of, near, offset, between, road, along, part"
    )
    label: str
    anchor_id: str | None = None
    anchor_name: str | None = None
    clip_id: str | None = None
    clip_name: str | None = None
    distance_km: float | None = None
    geometry: dict[str, Any] = Field(description="GeoJSON Polygon or MultiPolygon, lon/lat.")
    text: str = Field(default="", description="The phrase that stated the relation.")


class Source(BaseModel):
    """One report of an event: which document, which sentence, where in the text."""

    model_config = ConfigDict(frozen=True)

    document_id: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    sentence: str
    start: int = Field(ge=0, description="Sentence start offset in the document text.")
    end: int = Field(ge=0)
    trigger_start: int = Field(ge=0)
    trigger_end: int = Field(ge=0)


class Event(BaseModel):
    id: str
    event_type: EventType
    label: str
    cameo: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    modality: Modality
    trigger: str
    object_kind: str | None = Field(
        default=None, description="What was hit or downed, where named: 'drone', 'aircraft'."
    )
    actors: list[Actor] = Field(default_factory=list)
    date: EventDate = Field(default_factory=EventDate)
    location: EventLocation = Field(default_factory=EventLocation)
    zone: Zone | None = None
    confidence: float = Field(default=0.5, ge=0, le=1)
    sources: list[Source] = Field(default_factory=list)


class PlaceSummary(BaseModel):
    """A resolved place and every mention of it across the documents."""

    gazetteer_id: str
    geonameid: int | None = None
    name: str
    feature_class: str
    country: str | None = None
    lat: float
    lon: float
    mentions: list[dict[str, Any]] = Field(
        default_factory=list, description="{document_id, text, start, end}"
    )


class ReferencedFeature(BaseModel):
    """A gazetteer feature an event refers to, drawn with its real geometry (river, sea)."""

    gazetteer_id: str
    name: str
    feature_class: str
    role: str = Field(description="'targeting line', 'anchor', 'event location'")
    geometry: dict[str, Any]


class DocumentSummary(BaseModel):
    id: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    mentions: list[Mention] = Field(default_factory=list)


class EventCollection(BaseModel):
    """Everything extracted from a set of documents."""

    events: list[Event] = Field(default_factory=list)
    places: list[PlaceSummary] = Field(default_factory=list)
    features: list[ReferencedFeature] = Field(default_factory=list)
    documents: list[DocumentSummary] = Field(default_factory=list)
