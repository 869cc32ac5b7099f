"""Cross-document dedup: the same event reported by several articles becomes one event.

Two reports are the same event when they have the same type, compatible actors (each role's
actors overlap or one side names none; statements, condemnations, accusations and warnings
need the same named speaker), dates within a day (an undated report joins only
when exactly one dated event fits it), compatible locations (same place, one inside the
other's country, or within 100 km) and the same kind of object where one is named (a drone
is not a jet). Distinct events are never merged: anything ambiguous stays separate.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

from gazetteer.geodesy import great_circle_km
from geo.events.actors import ActorKind
from geo.events.locate import SPECIFICITY
from geo.events.model import Event, EventLocation, LocationPrecision
from geo.events.taxonomy import EventType
from geo.events.timex import DatePrecision

__all__ = ["compatible", "merge_events", "merge_into"]

MAX_DAYS_APART = 1
_MAX_UNDATED_CANDIDATES = 64
_MAX_DATED_CANDIDATES = 256
# Statements, condemnations and warnings are everywhere in news; two are one event only when
# both name their speaker and it is the same one (a warning by an unnamed speaker is not
# Russia's warning just because both address the United States).
_NEEDS_SPEAKER = frozenset(
    {EventType.STATEMENT, EventType.CONDEMNATION, EventType.ACCUSATION, EventType.THREAT}
)
MAX_KM_APART = 100.0
_COARSE = frozenset(
    {
        LocationPrecision.COUNTRY,
        LocationPrecision.REGION,
        LocationPrecision.ZONE,
        LocationPrecision.ADMIN1,
        LocationPrecision.WATER_BODY,
        LocationPrecision.UNKNOWN,
    }
)


def _actor_keys(event: Event, role: str) -> set[str]:
    """Who plays a role, as countries or actor ids; unidentified actors match anyone."""
    return {
        actor.country or actor.id
        for actor in event.actors
        if actor.role is not None
        and actor.role.value == role
        and (actor.country or not actor.id.startswith("unknown."))
        and actor.kind != ActorKind.COALITION  # a coalition of states matches its members
    }


def _roles_compatible(a: Event, b: Event) -> bool:
    for role in ("initiator", "target"):
        left, right = _actor_keys(a, role), _actor_keys(b, role)
        if left and right and not left & right:
            return False
    return True


def _period(date: dt.date, precision: DatePrecision) -> tuple[dt.date, dt.date]:
    if precision == DatePrecision.MONTH:
        last = calendar.monthrange(date.year, date.month)[1]
        return date.replace(day=1), date.replace(day=last)
    if precision == DatePrecision.YEAR:
        return date.replace(month=1, day=1), date.replace(month=12, day=31)
    if precision == DatePrecision.WEEK:
        return date, _shifted(date, 6) or dt.date.max
    return date, date


def _dates_compatible(a: Event, b: Event) -> bool:
    if a.date.date is None or b.date.date is None:
        return True
    a_start, a_end = _period(a.date.date, a.date.precision)
    b_start, b_end = _period(b.date.date, b.date.precision)
    gap = max((b_start - a_end).days, (a_start - b_end).days, 0)
    return gap <= MAX_DAYS_APART


def _km(a: EventLocation, b: EventLocation) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return great_circle_km(a.lat, a.lon, b.lat, b.lon)


def _locations_compatible(a: EventLocation, b: EventLocation) -> bool:
    if a.precision == LocationPrecision.UNKNOWN or b.precision == LocationPrecision.UNKNOWN:
        return True
    if a.gazetteer_id is not None and a.gazetteer_id == b.gazetteer_id:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if a.precision in _COARSE or b.precision in _COARSE:
        return True
    if a.lat is None or b.lat is None:
        return True
    return _km(a, b) <= MAX_KM_APART


def compatible(a: Event, b: Event) -> bool:
    """Could ``a`` and ``b`` be two reports of one event?"""
    if a.event_type != b.event_type:
        return False
    if _repeated_sentence(a, b):
        return True
    if a.object_kind and b.object_kind and a.object_kind != b.object_kind:
        return False
    if not (
        _dates_compatible(a, b)
        and _roles_compatible(a, b)
        and _locations_compatible(a.location, b.location)
    ):
        return False
    if a.event_type in _NEEDS_SPEAKER:
        return _same_speaker(a, b)
    if a.date.date is None or b.date.date is None:
        # Compatibility by absence is not enough here: something must positively agree.
        return _shares_an_actor(a, b) or _same_named_place(a.location, b.location)
    return True


def _repeated_sentence(a: Event, b: Event) -> bool:
    """The same sentence printed twice in one article (wire copy repeats captions)."""
    seen = {(s.document_id, s.sentence) for s in a.sources}
    return any((s.document_id, s.sentence) in seen for s in b.sources)


def _speakers(event: Event) -> set[str]:
    """Who speaks (initiates): countries or actor ids, coalitions included, unknowns not."""
    return {
        actor.country or actor.id
        for actor in event.actors
        if actor.role is not None
        and actor.role.value == "initiator"
        and (actor.country or not actor.id.startswith("unknown."))
    }


def _same_speaker(a: Event, b: Event) -> bool:
    return bool(_speakers(a) & _speakers(b))


def _shares_an_actor(a: Event, b: Event) -> bool:
    return any(_actor_keys(a, role) & _actor_keys(b, role) for role in ("initiator", "target"))


def _same_named_place(a: EventLocation, b: EventLocation) -> bool:
    return (
        a.gazetteer_id is not None
        and a.gazetteer_id == b.gazetteer_id
        and a.precision not in (LocationPrecision.COUNTRY, LocationPrecision.UNKNOWN)
    )


def _more_specific(a: EventLocation, b: EventLocation) -> EventLocation:
    rank_a = (
        8 if a.precision == LocationPrecision.ZONE else SPECIFICITY.get(a.feature_class or "", 9)
    )
    rank_b = (
        8 if b.precision == LocationPrecision.ZONE else SPECIFICITY.get(b.feature_class or "", 9)
    )
    if a.precision == LocationPrecision.ZONE and b.precision in (
        LocationPrecision.COUNTRY,
        LocationPrecision.UNKNOWN,
    ):
        return a
    if b.precision == LocationPrecision.ZONE and a.precision in (
        LocationPrecision.COUNTRY,
        LocationPrecision.UNKNOWN,
    ):
        return b
    return a if rank_a <= rank_b else b


def merge_into(cluster: Event, report: Event) -> Event:
    """One event from two reports: every source, the most precise date and location."""
    sources = list(cluster.sources)
    seen = {(s.document_id, s.start) for s in sources}
    sources.extend(s for s in report.sources if (s.document_id, s.start) not in seen)
    actors = list(cluster.actors)
    actor_keys = {(a.id, a.role) for a in actors}
    actors.extend(a for a in report.actors if (a.id, a.role) not in actor_keys)
    date = cluster.date
    if report.date.date is not None and (
        date.date is None
        or _precision_rank(report.date.precision) < _precision_rank(date.precision)
    ):
        date = report.date
    location = _more_specific(cluster.location, report.location)
    zone = cluster.zone or report.zone
    documents = {s.document_id for s in sources}
    confidence = min(0.99, max(cluster.confidence, report.confidence) + 0.05 * (len(documents) - 1))
    return cluster.model_copy(
        update={
            "sources": sources,
            "actors": actors,
            "date": date,
            "location": location,
            "zone": zone,
            "confidence": round(confidence, 3),
            "object_kind": cluster.object_kind or report.object_kind,
        }
    )


def _precision_rank(precision: DatePrecision) -> int:
    order = [
        DatePrecision.DAY,
        DatePrecision.WEEK,
        DatePrecision.MONTH,
        DatePrecision.YEAR,
        DatePrecision.UNKNOWN,
    ]
    return order.index(precision)


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge reports of the same event, in a deterministic order."""
    ordered = sorted(
        events,
        key=lambda e: (
            e.date.date is None,
            e.date.date or dt.date.min,
            e.sources[0].document_id if e.sources else "",
            e.id,
        ),
    )
    clusters: list[Event] = []
    index = _ClusterIndex()
    for event in ordered:
        fitting = [
            position
            for position in index.candidates(event)
            if compatible(clusters[position], event)
        ]
        if event.date.date is None and len(fitting) > 1:
            fitting = []  # ambiguous: which of several dated events does it report?
        if not fitting:
            clusters.append(event)
            index.add(len(clusters) - 1, event)
            continue
        best = min(fitting, key=lambda position: _date_gap(clusters[position], event))
        clusters[best] = merge_into(clusters[best], event)
        index.add(best, clusters[best])
    return clusters


def _keys(event: Event) -> set[tuple[str, str]]:
    """What an undated report must share with a cluster to join it (see ``compatible``)."""
    keys = {(role, key) for role in ("initiator", "target") for key in _actor_keys(event, role)}
    if event.location.gazetteer_id:
        keys.add(("place", event.location.gazetteer_id))
    keys.update(("sentence", f"{s.document_id}\x00{s.sentence}") for s in event.sources)
    return keys


class _ClusterIndex:
    """Which clusters could be compatible with a report, without comparing every pair.

    A report dated to the day can only join clusters of its type dated within a day, or
    coarser or undated ones; an undated report must share an actor, a named place or a
    sentence with its cluster. Every candidate is still checked with :func:`compatible`,
    so a stale entry costs a check, never a wrong merge.
    """

    def __init__(self) -> None:
        self._by_day: dict[tuple[EventType, dt.date], set[int]] = {}
        self._coarse: dict[EventType, set[int]] = {}
        self._by_key: dict[tuple[EventType, tuple[str, str]], set[int]] = {}
        self._all: dict[EventType, set[int]] = {}

    def add(self, position: int, cluster: Event) -> None:
        kind = cluster.event_type
        self._all.setdefault(kind, set()).add(position)
        if cluster.date.date is not None and cluster.date.precision == DatePrecision.DAY:
            self._by_day.setdefault((kind, cluster.date.date), set()).add(position)
        else:
            self._coarse.setdefault(kind, set()).add(position)
        for key in _keys(cluster):
            self._by_key.setdefault((kind, key), set()).add(position)

    def candidates(self, event: Event) -> list[int]:
        kind, date = event.event_type, event.date.date
        found: set[int] = set()
        if date is None:
            for key in _keys(event):
                found |= self._by_key.get((kind, key), set())
                if len(found) > _MAX_UNDATED_CANDIDATES:
                    # An undated report joins exactly one cluster or none; with scores of
                    # clusters sharing its actors (a long dump about one war) it is
                    # ambiguous, so none.
                    return []
            return sorted(found)
        if event.date.precision != DatePrecision.DAY:
            return sorted(self._all.get(kind, set()))
        for offset in range(-MAX_DAYS_APART, MAX_DAYS_APART + 1):
            day = _shifted(date, offset)
            if day is not None:
                found |= self._by_day.get((kind, day), set())
        found |= self._coarse.get(kind, set())
        # A dump of thousands of same-day reports of one type (a 50 MB file) would make this
        # quadratic; the most recent clusters are kept. A merge can be missed, never forced.
        return sorted(found)[-_MAX_DATED_CANDIDATES:]


def _shifted(date: dt.date, days: int) -> dt.date | None:
    """``date`` moved by ``days``, or None past the calendar's ends (1 January 1, 9999)."""
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


def _date_gap(cluster: Event, event: Event) -> int:
    if cluster.date.date is None or event.date.date is None:
        return 0
    return abs((cluster.date.date - event.date.date).days)
