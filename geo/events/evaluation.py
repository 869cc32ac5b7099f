"""Scoring events against coded conflict records: located, dated, typed, honest.

A coded record is one report with the event a human coder took from it: the coded point and
the coder's precision, the date (or range) and the type. Two layouts are read:

* ACLED-style notes (``tests/data/events/conflict_notes.jsonl``): ``gold`` holds
  ``latitude``, ``longitude``, ``geo_precision`` (ACLED: 1 the town, 2 near a town or a part
  of a region, 3 a province or larger), ``date``, ``event_type`` and ``sub_event_type``;
* UCDP GED (``../shared/eval/ucdp_ged_sample.jsonl``): ``gold`` holds ``where_prec`` (1 an
  exact place .. 7 international waters), ``date_start``/``date_end`` and
  ``type_of_violence``.

A record's events are those that list it among their sources, after cross-document dedup
(a merge across different days costs the later record its date). Each figure is a share of
all records:

* **located**: an event within the coder's precision of the coded point (:data:`ACLED_KM`,
  :data:`UCDP_KM`);
* **dated**: an event dated in the coder's range;
* **in window**: an event whose days (``EventDate.earliest`` to ``latest``: "on or before" a
  report's day admits that day and the two before it) meet the coder's range; the date's
  counterpart of *honest*;
* **typed**: an event of the coded ACLED type (UCDP: state-based and non-state conflict are
  Battles or Explosions/Remote violence, one-sided violence Violence against civilians or
  Explosions/Remote violence);
* **honest**: the coded point lies inside the uncertainty radius of the record's event
  nearest to it (a record with no located event is not honest).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from gazetteer.geodesy import great_circle_km
from geo.events.model import Event

__all__ = [
    "ACLED_KM",
    "UCDP_KM",
    "CodedRecord",
    "Figures",
    "Outcome",
    "events_by_record",
    "figures",
    "score",
]

# How far from the coded point an event may be and still be located, by the coder's
# precision code. ACLED's 1 and 2 name a town (25 km, as issue 16 scores them), 3 a
# province. UCDP's 3 is an admin-2 area, 4 an admin-1 area, 5 a larger part of a country,
# 6 the country, 7 international waters.
ACLED_KM: Mapping[int, float] = {1: 25.0, 2: 25.0, 3: 100.0}
UCDP_KM: Mapping[int, float] = {1: 25.0, 2: 25.0, 3: 60.0, 4: 150.0, 5: 300.0, 6: 600.0, 7: 600.0}
_UCDP_TYPES: Mapping[int, frozenset[str]] = {
    1: frozenset({"Battles", "Explosions/Remote violence"}),
    2: frozenset({"Battles", "Explosions/Remote violence"}),
    3: frozenset({"Violence against civilians", "Explosions/Remote violence"}),
}
_HONEST_SLACK_KM = 1.0  # coordinates rounded by coders and sources


class CodedRecord(BaseModel):
    """What the coder recorded for one report."""

    model_config = ConfigDict(frozen=True)

    id: str
    lat: float
    lon: float
    precision: int
    located_km: float
    date_start: dt.date
    date_end: dt.date
    event_types: frozenset[str]
    sub_event_type: str | None = None

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> CodedRecord:
        gold = record["gold"]
        if "where_prec" in gold:
            return cls(
                id=record["id"],
                lat=gold["latitude"],
                lon=gold["longitude"],
                precision=gold["where_prec"],
                located_km=UCDP_KM[gold["where_prec"]],
                date_start=dt.date.fromisoformat(gold["date_start"]),
                date_end=dt.date.fromisoformat(gold["date_end"]),
                event_types=_UCDP_TYPES[gold["type_of_violence"]],
            )
        day = dt.date.fromisoformat(gold["date"])
        return cls(
            id=record["id"],
            lat=gold["latitude"],
            lon=gold["longitude"],
            precision=gold["geo_precision"],
            located_km=ACLED_KM[gold["geo_precision"]],
            date_start=day,
            date_end=day,
            event_types=frozenset({gold["event_type"]}),
            sub_event_type=gold.get("sub_event_type"),
        )


class Outcome(BaseModel):
    """How one record's events fare against what the coder recorded."""

    model_config = ConfigDict(frozen=True)

    record_id: str
    events: int
    located: bool
    dated: bool
    in_window: bool
    typed: bool
    sub_typed: bool
    honest: bool
    nearest_km: float | None


class Figures(BaseModel):
    """Shares of records (0..1)."""

    records: int
    yielded: float
    located: float
    dated: float
    in_window: float
    typed: float
    honest: float
    sub_typed: float | None


def _distance_km(event: Event, record: CodedRecord) -> float | None:
    location = event.location
    if location.lat is None or location.lon is None:
        return None
    return great_circle_km(location.lat, location.lon, record.lat, record.lon)


def score(record: CodedRecord, events: Sequence[Event]) -> Outcome:
    """One record's outcome, given the events that cite it."""
    placed = [(km, event) for event in events if (km := _distance_km(event, record)) is not None]
    nearest_km, nearest = min(placed, key=lambda pair: pair[0]) if placed else (None, None)
    honest = (
        nearest is not None
        and nearest_km is not None
        and nearest_km <= (nearest.location.uncertainty_km or 0.0) + _HONEST_SLACK_KM
    )
    days = [event.date.date for event in events if event.date.date is not None]
    spans = [span for event in events if (span := event.date.span()) is not None]
    return Outcome(
        record_id=record.id,
        events=len(events),
        located=nearest_km is not None and nearest_km <= record.located_km,
        dated=any(record.date_start <= day <= record.date_end for day in days),
        in_window=any(
            first <= record.date_end and record.date_start <= last for first, last in spans
        ),
        typed=any(event.acled_event_type in record.event_types for event in events),
        sub_typed=record.sub_event_type is not None
        and any(event.acled_sub_event_type == record.sub_event_type for event in events),
        honest=honest,
        nearest_km=nearest_km,
    )


def events_by_record(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Each document's events: those listing it among their sources."""
    found: dict[str, list[Event]] = {}
    for event in events:
        for document_id in dict.fromkeys(source.document_id for source in event.sources):
            found.setdefault(document_id, []).append(event)
    return found


def figures(outcomes: Sequence[Outcome], records: Sequence[CodedRecord]) -> Figures:
    total = len(outcomes)

    def share(flag: str) -> float:
        hits: int = sum(bool(getattr(outcome, flag)) for outcome in outcomes)
        return round(hits / total, 3)

    with_sub_type = any(record.sub_event_type for record in records)
    return Figures(
        records=total,
        yielded=round(sum(outcome.events > 0 for outcome in outcomes) / total, 3),
        located=share("located"),
        dated=share("dated"),
        in_window=share("in_window"),
        typed=share("typed"),
        honest=share("honest"),
        sub_typed=share("sub_typed") if with_sub_type else None,
    )
