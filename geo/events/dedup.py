"""Cross-document dedup: the same event reported by several articles becomes one event.

Two reports are the same event when they have the same type, compatible actors (each role's
actors overlap or one side names none; statements, condemnations, accusations and warnings
need the same named speaker; two articles' reports placed no nearer than a country, a
shared named actor), dates that admit a common day, compatible locations (same place, one
inside the other's country, within 100 km, or an area and a place within its radius) and the
same kind of object where one is named (a drone is not a jet). Distinct events are never
merged: anything ambiguous stays separate, and so do the events one report places at places
listed too far apart to share one event's area (geo.events.locate).

Dates: each report's date admits a span of days (``EventDate.span``, its ``earliest`` to
``latest``): its day, its week, month or year, or for an event dated "on or before" a
report's day D (no time phrase in a dated article, :mod:`geo.events.dating`) the days
D - ``ON_OR_BEFORE_DAYS`` to D. Reports merge only when their spans share a day, and a
cluster keeps the days *all* its reports admit: two reports dated to different days never
merge, however close; a report "on or before 4 May" joins one dated 3 May but never one
dated 5 May or 1 May. A merged event's date is the most precise date of its reports (a day
over "on or before", over a week, a month, a year). A report dated only "on or before" its
publication, only to a week, month or year, or not at all, must also agree positively with
its cluster (a shared named actor, the same place) and joins only when exactly one cluster
fits it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from gazetteer.geodesy import great_circle_km
from geo.events.actors import ActorKind
from geo.events.locate import SPECIFICITY
from geo.events.model import Event, EventDate, EventLocation, LocationPrecision, Span
from geo.events.taxonomy import EventType
from geo.events.timex import DatePrecision

__all__ = ["compatible", "merge_events", "merge_into", "report_order"]

_MAX_UNDATED_CANDIDATES = 64
_MAX_DATED_CANDIDATES = 256
# Statements, condemnations and warnings are everywhere in news; two are one event only when
# both name their speaker and it is the same one (a warning by an unnamed speaker is not
# Russia's warning just because both address the United States).
_NEEDS_SPEAKER = frozenset(
    {EventType.STATEMENT, EventType.CONDEMNATION, EventType.ACCUSATION, EventType.THREAT}
)
MAX_KM_APART = 100.0
_AREA_SLACK_KM = 10.0  # an area's radius is drawn round its centre, its edge is not a circle
# Two points this close are one place for a loosely dated report's positive agreement: the
# same town under two romanisations may resolve to two gazetteer entries a few km apart.
SAME_PLACE_KM = 10.0
_POINTS = frozenset({LocationPrecision.POINT, LocationPrecision.CITY})
_IN_THE_AIR = frozenset({EventType.SHOOT_DOWN, EventType.INTERCEPTION})
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


def _common(a: Span | None, b: Span | None) -> Span | None:
    """The days both spans admit (None stands for every day); an empty span if none."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a[0], b[0]), min(a[1], b[1])


def _admits_a_day(span: Span | None) -> bool:
    return span is None or span[0] <= span[1]


def _dates_compatible(a: Event, b: Event) -> bool:
    return _admits_a_day(_common(a.date.span(), b.date.span()))


_NO_DAY = frozenset(
    {DatePrecision.ON_OR_BEFORE, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR}
)


def _loosely_dated(event: Event) -> bool:
    """Undated, dated only by its report ("on or before"), or only to a week, month or year
    ("in 2018", "since July"): the text gives no day, so sharing one proves nothing."""
    return event.date.date is None or event.date.precision in _NO_DAY


def _km(a: EventLocation, b: EventLocation) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return great_circle_km(a.lat, a.lon, b.lat, b.lon)


def _locations_compatible(a: EventLocation, b: EventLocation) -> bool:
    """Same place, one inside the other's country, or close enough.

    An area (a province, a zone, a sea) holds only what lies within its radius: an article
    naming a district for one blast and a town 260 km away for another reports two, and so
    do two articles, one placing a killing in Hama province and one in Daraa the same day.
    """
    if a.precision == LocationPrecision.UNKNOWN or b.precision == LocationPrecision.UNKNOWN:
        return True
    if a.gazetteer_id is not None and a.gazetteer_id == b.gazetteer_id:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if LocationPrecision.COUNTRY in (a.precision, b.precision):
        return True  # one inside the other's country
    if a.lat is None or b.lat is None:
        return True
    if a.precision in _COARSE or b.precision in _COARSE:
        # an area holds what lies within its radius: a province's report and a town's in it
        # may be one event, a province's and a town 280 km away are two, in one article or two
        if a.uncertainty_km is None or b.uncertainty_km is None:
            return True
        return _km(a, b) <= a.uncertainty_km + b.uncertainty_km + _AREA_SLACK_KM
    return _km(a, b) <= MAX_KM_APART


def _towns_agree(a: Event, b: Event) -> bool:
    """Two towns the reports name are one place only under two spellings (Najafabad and
    Qahderijan, 11 km apart, had two shootings on one day of the 2018 protests), unless
    the event happens in the air, where reports place it by different towns below (a jet
    shot down "over Idlib" and "near Aleppo")."""
    x, y = a.location, b.location
    if (
        x.precision not in _POINTS
        or y.precision not in _POINTS
        or x.gazetteer_id == y.gazetteer_id
        or a.event_type in _IN_THE_AIR
        or x.lat is None
        or y.lat is None
    ):
        return True
    return _km(x, y) <= SAME_PLACE_KM


def compatible(a: Event, b: Event) -> bool:
    """Could ``a`` and ``b`` be two reports of one event?"""
    if a.event_type != b.event_type or _one_report_at_places_apart(a, b):
        return False
    if _repeated_sentence(a, b):
        return True
    if a.object_kind and b.object_kind and a.object_kind != b.object_kind:
        return False
    if not (
        _dates_compatible(a, b)
        and _roles_compatible(a, b)
        and _locations_compatible(a.location, b.location)
        and _towns_agree(a, b)
    ):
        return False
    if a.event_type in _NEEDS_SPEAKER:
        # "the coalition said in a statement": two words of one sentence for one statement
        return _same_speaker(a, b) or _told_in_one_sentence(a, b)
    if _loosely_dated(a) or _loosely_dated(b):
        # Compatibility by absence is not enough here: something must positively agree.
        return _shares_an_actor(a, b) or _same_named_place(a.location, b.location)
    placed_far = _placed_nowhere_nearer(a.location) and _placed_nowhere_nearer(b.location)
    if (placed_far or _a_country_and_a_nearer_place(a, b)) and not _share_an_article(a, b):
        # two articles' killings in Syria the same day are two unless they share a named
        # actor (one article that tells a bombing twice tells one bombing); so are one placed
        # only in Syria and one in a town or area there (a strike on a convoy at al-Tanf is
        # no massacre east of Salamiyah). One placed nowhere at all takes the other's place.
        return _shares_a_named_actor(a, b)
    return True


def _a_country_and_a_nearer_place(a: Event, b: Event) -> bool:
    precisions = {a.location.precision, b.location.precision}
    return LocationPrecision.COUNTRY in precisions and not precisions <= _NOWHERE_NEARER


_NOWHERE_NEARER = frozenset({LocationPrecision.COUNTRY, LocationPrecision.UNKNOWN})
_UNNAMED_KINDS = frozenset({ActorKind.CIVILIANS, ActorKind.PROTESTERS, ActorKind.RIOTERS})


def _placed_nowhere_nearer(location: EventLocation) -> bool:
    """Placed only in a country, or nowhere: a war has many events a day there."""
    return location.precision in _NOWHERE_NEARER


def _share_an_article(a: Event, b: Event) -> bool:
    return not {s.document_id for s in a.sources}.isdisjoint(s.document_id for s in b.sources)


def _repeated_sentence(a: Event, b: Event) -> bool:
    """The same sentence printed twice in one article (wire copy repeats captions): the same
    text, its trigger at the same place in it, at another offset of the article."""
    seen = {(s.document_id, s.sentence, s.trigger_start - s.start): s.start for s in a.sources}
    return any(
        seen.get((s.document_id, s.sentence, s.trigger_start - s.start), s.start) != s.start
        for s in b.sources
    )


def _told_in_one_sentence(a: Event, b: Event) -> bool:
    """Two triggers of one sentence ("the coalition said in a statement"); two events of one
    sentence merge otherwise only as any two reports do ("protested in Kashmar ..., a day
    after the first protests erupted in Mashhad" tells two)."""
    seen = {(s.document_id, s.start) for s in a.sources}
    return any((s.document_id, s.start) in seen for s in b.sources)


def _one_report_at_places_apart(a: Event, b: Event) -> bool:
    """One trigger's events at places listed too far apart for one event's area ("air
    strikes hit Aleppo and Deir Ezzor"): two events, as the report says."""
    seen = {(s.document_id, s.trigger_start) for s in a.sources}
    return any((s.document_id, s.trigger_start) in seen for s in b.sources)


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


def _named_actors(event: Event) -> set[tuple[str, str]]:
    """The actors an article names as a party, with their role: not the unidentified, nor a
    country's civilians, protesters or rioters ("Lebanese protesters" are in every town)."""
    return {
        (actor.role.value, actor.id)
        for actor in event.actors
        if actor.role is not None
        and not actor.id.startswith("unknown.")
        and actor.kind not in _UNNAMED_KINDS
    }


def _shares_a_named_actor(a: Event, b: Event) -> bool:
    return bool(_named_actors(a) & _named_actors(b))


def _same_named_place(a: EventLocation, b: EventLocation) -> bool:
    """The same named place: one gazetteer entry (not a country), or two towns within
    ``SAME_PLACE_KM`` (one town under two spellings)."""
    if a.gazetteer_id is not None and a.gazetteer_id == b.gazetteer_id:
        return a.precision not in (LocationPrecision.COUNTRY, LocationPrecision.UNKNOWN)
    return (
        a.precision in _POINTS
        and b.precision in _POINTS
        and a.lat is not None
        and b.lat is not None
        and _km(a, b) <= SAME_PLACE_KM
    )


def _specificity(location: EventLocation) -> int:
    """A zone ranks below any place, unless it is as tight as a town: "25 km west of
    Maiduguri" is a point of its own, as specific as Maiduguri (of two equals, the cluster
    keeps its own)."""
    if location.precision != LocationPrecision.ZONE:
        return SPECIFICITY.get(location.feature_class or "", 9)
    radius = location.uncertainty_km
    return SPECIFICITY["city"] if radius is not None and radius <= _TOWN_SIZED_KM else 8


# A zone this tight is as specific as a town (a distance and a bearing from one: 15 km;
# "around al-Mayadin": 26 km)
_TOWN_SIZED_KM = 30.0


def _more_specific(a: EventLocation, b: EventLocation) -> EventLocation:
    rank_a = _specificity(a)
    rank_b = _specificity(b)
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
    date = _agreed_date(cluster.date, report.date)
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


def _agreed_date(a: EventDate, b: EventDate) -> EventDate:
    """The most precise of two compatible dates: the one admitting the fewest days (then
    the earlier last day: "on or before 3 May" over "on or before 4 May")."""
    a_span, b_span = a.span(), b.span()
    if b_span is None:
        return a
    if a_span is None:
        return b

    def narrowness(span: Span) -> tuple[int, dt.date]:
        return (span[1] - span[0]).days, span[1]

    return b if narrowness(b_span) < narrowness(a_span) else a


def report_order(event: Event) -> tuple[bool, bool, dt.date, str, str]:
    """The order :func:`merge_events` takes reports in (stable: ties keep input order)."""
    return (
        event.date.date is None,
        _loosely_dated(event),
        event.date.date or dt.date.min,
        event.sources[0].document_id if event.sources else "",
        event.id,
    )


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge reports of the same event, in a deterministic order."""
    # Reports with a day of their own first: a loosely dated one then joins the one cluster
    # it fits, if only one does.
    ordered = sorted(events, key=report_order)
    clusters: list[Event] = []
    spans: list[Span | None] = []  # the days every report of a cluster admits
    index = _ClusterIndex()
    for event in ordered:
        span = event.date.span()
        fitting = [
            position
            for position in index.candidates(event, span)
            if _admits_a_day(_common(spans[position], span))
            and compatible(clusters[position], event)
        ]
        if _loosely_dated(event) and len(fitting) > 1:
            fitting = []  # ambiguous: which of several events does it report?
        if not fitting:
            clusters.append(event)
            spans.append(span)
            index.add(len(clusters) - 1, event, span)
            continue
        best = min(fitting, key=lambda position: _date_gap(clusters[position], event))
        clusters[best] = merge_into(clusters[best], event)
        spans[best] = _common(spans[best], span)
        index.add(best, clusters[best], spans[best])
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

    A report whose date admits a few days (a day, "on or before", a week) can only join
    clusters of its type admitting one of those days, or month-, year- or undated ones; an
    undated report must share an actor, a named place or a sentence with its cluster. Every
    candidate is still checked with :func:`compatible`, so a stale entry (a cluster's days
    only narrow as it merges) costs a check, never a wrong merge.
    """

    def __init__(self) -> None:
        self._by_day: dict[tuple[EventType, dt.date], set[int]] = {}
        self._coarse: dict[EventType, set[int]] = {}
        self._by_key: dict[tuple[EventType, tuple[str, str]], set[int]] = {}
        self._all: dict[EventType, set[int]] = {}

    def add(self, position: int, cluster: Event, span: Span | None) -> None:
        kind = cluster.event_type
        self._all.setdefault(kind, set()).add(position)
        days = _days(span)
        if days is None:
            self._coarse.setdefault(kind, set()).add(position)
        for day in days or ():
            self._by_day.setdefault((kind, day), set()).add(position)
        for key in _keys(cluster):
            self._by_key.setdefault((kind, key), set()).add(position)

    def candidates(self, event: Event, span: Span | None) -> list[int]:
        kind = event.event_type
        found: set[int] = set()
        if span is None:
            for key in _keys(event):
                found |= self._by_key.get((kind, key), set())
                if len(found) > _MAX_UNDATED_CANDIDATES:
                    # An undated report joins exactly one cluster or none; with scores of
                    # clusters sharing its actors (a long dump about one war) it is
                    # ambiguous, so none.
                    return []
            return sorted(found)
        days = _days(span)
        if days is None:
            return sorted(self._all.get(kind, set()))
        for day in days:
            found |= self._by_day.get((kind, day), set())
        found |= self._coarse.get(kind, set())
        # A dump of thousands of same-day reports of one type (a 50 MB file) would make this
        # quadratic; the most recent clusters are kept. A merge can be missed, never forced.
        return sorted(found)[-_MAX_DATED_CANDIDATES:]


_FEW_DAYS = 7  # a span of at most this many days is indexed by each of its days


def _days(span: Span | None) -> list[dt.date] | None:
    """Each day of a short span; None for a long one (a month, a year) or no span."""
    if span is None or (span[1] - span[0]).days >= _FEW_DAYS:
        return None
    return [span[0] + dt.timedelta(days=n) for n in range((span[1] - span[0]).days + 1)]


def _date_gap(cluster: Event, event: Event) -> int:
    """How far apart two fitting reports' dates are: a dated cluster before an undated one."""
    if cluster.date.date is None or event.date.date is None:
        return _UNDATED_GAP
    return abs((cluster.date.date - event.date.date).days)


_UNDATED_GAP = 1 << 20
