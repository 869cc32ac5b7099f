"""Cross-document dedup: one event per happening, every source listed, nothing wrongly merged.

Reports are built directly as :class:`~geo.events.model.Event` models (what the pipeline hands
to :func:`merge_events`), so each row states exactly which property differs; two tests run
two short wire stories through the whole pipeline.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from typing import Any

import pytest
from conftest import DATA_DIR

from gazetteer import Gazetteer, open_gazetteer
from geo.documents import Document
from geo.events.actors import Actor, ActorKind, ActorRole
from geo.events.dedup import compatible, merge_events, merge_into
from geo.events.model import Event, EventDate, EventLocation, LocationPrecision, Source
from geo.events.taxonomy import EventType
from geo.events.timex import DatePrecision
from geo.events.triggers import Modality
from geo.pipeline import extract_events

SUNDAY = dt.date(2019, 8, 11)
SYRIA = EventLocation(
    name="Syria", gazetteer_id="country:SY", feature_class="country", country="SY",
    lat=35.0, lon=38.0, precision=LocationPrecision.COUNTRY, uncertainty_km=243.6,
    reason="target's country",
)  # fmt: skip
IDLIB = EventLocation(
    name="Idlib", gazetteer_id="geonames:169388", feature_class="city", country="SY",
    lat=35.93, lon=36.63, precision=LocationPrecision.CITY, uncertainty_km=10.0,
    reason="named",
)  # fmt: skip
ALEPPO = EventLocation(
    name="Aleppo", gazetteer_id="geonames:170063", feature_class="city", country="SY",
    lat=36.20, lon=37.16, precision=LocationPrecision.CITY, uncertainty_km=10.0,
    reason="named",
)  # fmt: skip
DARAA = EventLocation(
    name="Daraa", gazetteer_id="geonames:170592", feature_class="city", country="SY",
    lat=32.62, lon=36.10, precision=LocationPrecision.CITY, uncertainty_km=10.0,
    reason="named",
)  # fmt: skip
BAGHDAD = EventLocation(
    name="Baghdad", gazetteer_id="geonames:98182", feature_class="city", country="IQ",
    lat=33.34, lon=44.40, precision=LocationPrecision.CITY, uncertainty_km=10.0,
    reason="named",
)  # fmt: skip
SARAQIB = EventLocation(
    name="Saraqib", gazetteer_id="geonames:163270", feature_class="city", country="SY",
    lat=35.86, lon=36.80, precision=LocationPrecision.CITY, uncertainty_km=10.0,
    reason="named",
)  # fmt: skip
NOWHERE = EventLocation(reason="the text names no place for this event")
HAMA_PROVINCE = EventLocation(
    name="Hama", gazetteer_id="admin1:SY.10", feature_class="admin1", country="SY",
    lat=35.13, lon=36.75, precision=LocationPrecision.ADMIN1, uncertainty_km=60.0,
    reason="named",
)  # fmt: skip
SURAN = EventLocation(
    name="Suran", gazetteer_id="geonames:164000", feature_class="town", country="SY",
    lat=35.29, lon=36.74, precision=LocationPrecision.POINT, uncertainty_km=5.0, reason="named",
)  # fmt: skip
# A zone whose country is not known (a river's bank), near Daraa.
ZONE_NEAR_DARAA = EventLocation(
    name="near Daraa", feature_class="zone", lat=32.7, lon=36.2,
    precision=LocationPrecision.ZONE, uncertainty_km=30.0, reason="a zone",
)  # fmt: skip
# Idlib under another spelling, resolved to another gazetteer entry 2 km away.
IDLIB_2_KM = IDLIB.model_copy(update={"name": "Idleb", "gazetteer_id": "geonames:1", "lat": 35.948})
ON_OR_BEFORE = DatePrecision.ON_OR_BEFORE

_COUNTER = itertools.count()

PAIRS = DATA_DIR / "events" / "dedup_pairs.jsonl"


def _actor(actor_id: str, role: ActorRole, country: str | None = None) -> Actor:
    kind = ActorKind.COALITION if actor_id.startswith("coalition") else ActorKind.STATE_FORCES
    return Actor(
        id=actor_id, name=actor_id, kind=kind, country=country, role=role, start=0, end=1,
        text=actor_id,
    )  # fmt: skip


US_JETS = _actor("US.military", ActorRole.INITIATOR, "US")
SYRIAN_JET = _actor("SY.military", ActorRole.TARGET, "SY")
RUSSIA = _actor("RU.government", ActorRole.INITIATOR, "RU")
TURKEY = _actor("TR.government", ActorRole.INITIATOR, "TR")
REBELS = _actor("unknown.rebels", ActorRole.INITIATOR)


def _report(
    event_type: EventType = EventType.SHOOT_DOWN,
    *,
    document: str = "reuters",
    date: dt.date | None = SUNDAY,
    precision: DatePrecision = DatePrecision.DAY,
    actors: tuple[Actor, ...] = (US_JETS, SYRIAN_JET),
    location: EventLocation = SYRIA,
    object_kind: str | None = None,
    sentence: str | None = None,
) -> Event:
    number = next(_COUNTER)
    text = sentence or f"Report {number} of a {event_type.value}."
    return Event(
        id=f"ev-{number:04d}",
        event_type=event_type,
        label=event_type.value,
        modality=Modality.ASSERTED,
        trigger="shot down",
        object_kind=object_kind,
        actors=list(actors),
        date=EventDate(date=date, precision=precision if date else DatePrecision.UNKNOWN),
        location=location,
        sources=[
            Source(
                document_id=document, sentence=text, start=10 * number, end=10 * number + 5,
                trigger_start=10 * number, trigger_end=10 * number + 1,
            )
        ],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # the same shoot-down, reported by two agencies
        (_report(document="reuters"), _report(document="ap"), True),
        (_report(), _report(document="ap", location=IDLIB), True),
        (_report(), _report(document="ap", actors=(US_JETS,)), True),
        (_report(object_kind="aircraft"), _report(document="ap"), True),
        (_report(location=IDLIB), _report(document="ap", location=ALEPPO), True),  # ~55 km
        # ... but an event on the ground is at one town: two towns are two events, unless one
        # town under two spellings
        (_report(EventType.KILLING, location=IDLIB),
         _report(EventType.KILLING, document="ap", location=ALEPPO), False),
        (_report(EventType.KILLING, location=SARAQIB),
         _report(EventType.KILLING, document="ap", location=IDLIB), False),  # ~17 km
        (_report(EventType.KILLING, location=IDLIB),
         _report(EventType.KILLING, document="ap", location=IDLIB_2_KM), True),
        (_report(), _report(document="ap", date=dt.date(2019, 8, 1),
                            precision=DatePrecision.MONTH), True),
        # reports dated to different days are different events, however close
        (_report(), _report(document="ap", date=SUNDAY + dt.timedelta(days=1)), False),
        (_report(), _report(document="ap", date=SUNDAY - dt.timedelta(days=1)), False),
        (_report(), _report(document="ap", date=SUNDAY + dt.timedelta(days=2)), False),
        (_report(), _report(document="ap", date=dt.date(2019, 8, 12),
                            precision=DatePrecision.WEEK), False),
        # "on or before D" (no time phrase in an article of day D) admits D-2 .. D
        (_report(), _report(document="ap", date=SUNDAY, precision=ON_OR_BEFORE), True),
        (_report(), _report(document="ap", date=SUNDAY + dt.timedelta(days=1),
                            precision=ON_OR_BEFORE), True),
        (_report(), _report(document="ap", date=SUNDAY + dt.timedelta(days=2),
                            precision=ON_OR_BEFORE), True),
        (_report(), _report(document="ap", date=SUNDAY + dt.timedelta(days=3),
                            precision=ON_OR_BEFORE), False),
        (_report(), _report(document="ap", date=SUNDAY - dt.timedelta(days=1),
                            precision=ON_OR_BEFORE), False),
        (_report(date=SUNDAY, precision=ON_OR_BEFORE),
         _report(document="ap", date=SUNDAY + dt.timedelta(days=2), precision=ON_OR_BEFORE),
         True),
        (_report(date=SUNDAY, precision=ON_OR_BEFORE),
         _report(document="ap", date=SUNDAY + dt.timedelta(days=3), precision=ON_OR_BEFORE),
         False),
        (_report(date=SUNDAY, precision=ON_OR_BEFORE),
         _report(document="ap", date=dt.date(2019, 8, 1), precision=DatePrecision.MONTH), True),
        # ... and, like an undated one, must agree positively with the other report
        (_report(actors=(US_JETS,)),
         _report(document="ap", precision=ON_OR_BEFORE, actors=(SYRIAN_JET,)), False),
        (_report(location=IDLIB, actors=()),
         _report(document="ap", precision=ON_OR_BEFORE, actors=(), location=IDLIB), True),
        (_report(location=IDLIB, actors=()),
         _report(document="ap", precision=ON_OR_BEFORE, actors=(), location=IDLIB_2_KM), True),
        (_report(location=IDLIB, actors=()),
         _report(document="ap", precision=ON_OR_BEFORE, actors=(), location=ALEPPO), False),
        # a drone is not a jet
        (_report(object_kind="drone"), _report(document="ap", object_kind="aircraft"), False),
        # a different type, initiator, target or country is a different event
        (_report(), _report(EventType.AIR_STRIKE, document="ap"), False),
        (_report(), _report(document="ap", actors=(TURKEY, SYRIAN_JET)), False),
        (_report(), _report(document="ap", actors=(US_JETS, _actor("IR.military",
                                                                     ActorRole.TARGET, "IR"))),
         False),
        (_report(), _report(document="ap", location=BAGHDAD), False),
        (_report(location=IDLIB), _report(document="ap", location=DARAA), False),  # ~370 km
        # a province holds only what lies within its radius, in one article or across two
        # (Daraa is ~280 km from Hama's centre, Suran inside the province)
        (_report(location=HAMA_PROVINCE), _report(document="ap", location=DARAA), False),
        (_report(location=HAMA_PROVINCE), _report(document="ap", location=SURAN), True),
        (_report(location=HAMA_PROVINCE, sentence="One."),
         _report(location=DARAA, sentence="Two."), False),
        (_report(location=HAMA_PROVINCE, sentence="One."),
         _report(location=SURAN, sentence="Two."), True),
        (_report(), _report(document="ap", date=dt.date(2019, 6, 1),
                            precision=DatePrecision.MONTH), False),
        # statements and warnings: the same named speaker or nothing
        (_report(EventType.STATEMENT, actors=(RUSSIA,)),
         _report(EventType.STATEMENT, document="ap", actors=(RUSSIA,)), True),
        (_report(EventType.STATEMENT, actors=(RUSSIA,)),
         _report(EventType.STATEMENT, document="ap", actors=(TURKEY,)), False),
        (_report(EventType.STATEMENT, actors=(RUSSIA,)),
         _report(EventType.STATEMENT, document="ap", actors=()), False),
        (_report(EventType.STATEMENT, actors=()),
         _report(EventType.STATEMENT, document="ap", actors=()), False),
        (_report(EventType.THREAT, actors=(RUSSIA, _actor("US.military", ActorRole.TARGET, "US"))),
         _report(EventType.THREAT, document="ap", date=None,
                 actors=(_actor("US.government", ActorRole.TARGET, "US"),)), False),
        (_report(EventType.CONDEMNATION, actors=(RUSSIA,)),
         _report(EventType.CONDEMNATION, document="ap", actors=(REBELS,)), False),
        # a report dated to a month or a year ("in 2018") shares no day: it too must agree
        # positively (a named actor, the same place)
        (_report(location=IDLIB, actors=()),
         _report(document="ap", date=dt.date(2019, 8, 1), precision=DatePrecision.MONTH,
                 actors=(), location=ALEPPO), False),
        (_report(location=IDLIB, actors=()),
         _report(document="ap", date=dt.date(2019, 1, 1), precision=DatePrecision.YEAR,
                 actors=(), location=IDLIB), True),
        # two reports placed only in the country: one event only with a named actor shared
        (_report(location=SYRIA, actors=()), _report(document="ap", location=SYRIA, actors=()),
         False),
        (_report(location=SYRIA), _report(document="ap", location=SYRIA), True),
        # ... named, not only of one country: Syria's police are not its air force
        (_report(location=SYRIA, actors=(_actor("SY.police", ActorRole.INITIATOR, "SY"),)),
         _report(document="ap", location=IDLIB,
                 actors=(_actor("SY.military", ActorRole.INITIATOR, "SY"),)), False),
        (_report(location=SYRIA, actors=(_actor("SY.military", ActorRole.INITIATOR, "SY"),)),
         _report(document="ap", location=IDLIB,
                 actors=(_actor("SY.military", ActorRole.INITIATOR, "SY"),)), True),
        # ... but one article that tells a bombing twice tells one bombing
        (_report(location=SYRIA, actors=(), sentence="One."),
         _report(location=SYRIA, actors=(), sentence="Two."), True),
        # a zone of no known country holds only what lies within its radius, in any article
        (_report(location=ZONE_NEAR_DARAA), _report(document="ap", location=DARAA), True),
        (_report(location=ZONE_NEAR_DARAA), _report(document="ap", location=BAGHDAD), False),
        # an undated report needs positive agreement, not just no conflict
        (_report(), _report(document="ap", date=None), True),
        (_report(actors=(US_JETS,)), _report(document="ap", date=None, actors=(SYRIAN_JET,)),
         False),
        (_report(location=IDLIB, actors=()),
         _report(document="ap", date=None, actors=(), location=IDLIB), True),
    ],
)  # fmt: skip
def test_compatible(a: Event, b: Event, same: bool) -> None:
    assert compatible(a, b) is same
    assert compatible(b, a) is same


def test_merge_lists_both_sources_and_keeps_the_most_precise_facts() -> None:
    vague = _report(document="ap", date=dt.date(2019, 8, 1), precision=DatePrecision.MONTH)
    exact = _report(document="reuters", location=IDLIB)
    merged = merge_into(vague, exact)
    assert [s.document_id for s in merged.sources] == ["ap", "reuters"]
    assert (merged.date.date, merged.date.precision) == (SUNDAY, DatePrecision.DAY)
    assert merged.location == IDLIB
    assert merged.confidence > vague.confidence


# A point a distance and a bearing put, 25 km west of Daraa: as tight as a town.
MEASURED_ZONE = ZONE_NEAR_DARAA.model_copy(
    update={"name": "25 km west of Daraa", "uncertainty_km": 15.0}
)


@pytest.mark.parametrize(
    ("first", "second", "kept"),
    [
        (MEASURED_ZONE, DARAA, MEASURED_ZONE),
        (DARAA, MEASURED_ZONE, DARAA),  # equals: the cluster's own stays
        (ZONE_NEAR_DARAA, DARAA, ZONE_NEAR_DARAA),  # "near Daraa", 30 km: as tight
        (ZONE_NEAR_DARAA.model_copy(update={"uncertainty_km": 90.0}), DARAA, DARAA),
    ],
)
def test_a_zone_as_tight_as_a_town_is_as_specific(
    first: EventLocation, second: EventLocation, kept: EventLocation
) -> None:
    merged = merge_into(_report(location=first), _report(document="ap", location=second))
    assert merged.location == kept


def test_merge_does_not_repeat_a_source() -> None:
    report = _report()
    assert merge_into(report, report).sources == report.sources


def test_undated_report_joins_only_an_unambiguous_match() -> None:
    monday = _report(document="a", date=SUNDAY + dt.timedelta(days=3))
    sunday = _report(document="b")
    undated = _report(document="c", date=None)
    merged = merge_events([sunday, monday, undated])
    assert len(merged) == 3
    assert all(len(event.sources) == 1 for event in merged)
    alone = merge_events([sunday, undated])
    assert len(alone) == 1 and {s.document_id for s in alone[0].sources} == {"b", "c"}


def test_two_shoot_downs_two_days_apart_with_a_report_of_each() -> None:
    first = [_report(document="a"), _report(document="b")]
    second = [_report(document=d, date=SUNDAY + dt.timedelta(days=2)) for d in ("a", "b")]
    merged = merge_events([*first, *second])
    assert [len(event.sources) for event in merged] == [2, 2]
    assert [event.date.date for event in merged] == [SUNDAY, SUNDAY + dt.timedelta(days=2)]


def _day(day: int, precision: DatePrecision = DatePrecision.DAY) -> EventDate:
    return EventDate(date=dt.date(2019, 8, day), precision=precision)


@pytest.mark.parametrize(
    ("first", "second", "agreed"),
    [
        (_day(11, ON_OR_BEFORE), _day(11), _day(11)),
        (_day(11), _day(12, ON_OR_BEFORE), _day(11)),
        (_day(13, ON_OR_BEFORE), _day(12, ON_OR_BEFORE), _day(12, ON_OR_BEFORE)),
        (_day(12, DatePrecision.WEEK), _day(13, ON_OR_BEFORE), _day(13, ON_OR_BEFORE)),
        (_day(1, DatePrecision.MONTH), _day(12, DatePrecision.WEEK), _day(12, DatePrecision.WEEK)),
        (EventDate(), _day(12, ON_OR_BEFORE), _day(12, ON_OR_BEFORE)),
        (_day(12, ON_OR_BEFORE), EventDate(), _day(12, ON_OR_BEFORE)),
    ],
)  # fmt: skip
def test_merged_date_is_the_most_precise_both_admit(
    first: EventDate, second: EventDate, agreed: EventDate
) -> None:
    a = _report(location=IDLIB).model_copy(update={"date": first})
    b = _report(document="ap", location=IDLIB).model_copy(update={"date": second})
    assert merge_into(a, b).date == agreed
    assert merge_into(b, a).date == agreed


def _dated(document: str, date: EventDate) -> Event:
    return _report(EventType.SHELLING, document=document, location=IDLIB, actors=()).model_copy(
        update={"date": date}
    )


def test_a_cluster_keeps_the_days_all_its_reports_admit() -> None:
    """A report on or before the 13th admits the 11th; once it joined the 11th, a report on
    or before the 14th (12th-14th) no longer fits, though it would fit the 13th's alone."""
    merged = merge_events(
        [_dated("a", _day(11)), _dated("b", _day(13, ON_OR_BEFORE)),
         _dated("c", _day(14, ON_OR_BEFORE))]
    )  # fmt: skip
    assert sorted(sorted(s.document_id for s in e.sources) for e in merged) == [["a", "b"], ["c"]]
    assert {e.date for e in merged} == {_day(11), _day(14, ON_OR_BEFORE)}
    alone = merge_events([_dated("b", _day(13, ON_OR_BEFORE)), _dated("c", _day(14, ON_OR_BEFORE))])
    assert len(alone) == 1 and alone[0].date == _day(13, ON_OR_BEFORE)


def test_on_or_before_report_joins_only_an_unambiguous_match() -> None:
    """Shelling of Idlib on the 11th and the 12th: a report "on or before" the 13th could be
    either, so it joins neither."""
    merged = merge_events(
        [_dated("a", _day(11)), _dated("b", _day(12)), _dated("c", _day(13, ON_OR_BEFORE))]
    )
    assert len(merged) == 3
    assert merged[0].date == _day(11) and merged[1].date == _day(12)


def test_reports_of_different_days_never_merge() -> None:
    reports = [_dated(document, _day(day)) for day in (11, 12, 13) for document in ("a", "b")]
    merged = merge_events(reports)
    assert [e.date for e in merged] == [_day(11), _day(12), _day(13)]
    assert all({s.document_id for s in e.sources} == {"a", "b"} for e in merged)


def test_repeated_sentence_in_one_article_merges() -> None:
    caption = "The ministry said the plane was destroyed."
    a = _report(EventType.STATEMENT, actors=(), date=None, sentence=caption)
    b = _report(EventType.STATEMENT, actors=(), date=None, sentence=caption)
    assert len(merge_events([a, b])) == 1


def test_two_events_one_sentence_tells_stay_two() -> None:
    """ "protested in Kashmar ..., a day after the first protests erupted in Mashhad": one
    sentence, two places too far apart for one event; no repeated caption."""
    sentence = "Jets were shot down over Aleppo, a day after another was downed near Daraa."
    aleppo = _report(location=ALEPPO, sentence=sentence)
    daraa = _report(location=DARAA, sentence=sentence)
    same_place_in_the_text = aleppo.sources[0].model_copy(update={"trigger_start": 99})
    daraa = daraa.model_copy(update={"sources": [same_place_in_the_text]})
    assert len(merge_events([aleppo, daraa])) == 2


def test_two_words_of_one_sentence_for_one_event_merge() -> None:
    """ "the coalition said in a statement": two triggers, one statement."""
    sentence = "The coalition said in a statement that the drone was shot down."
    said = _report(EventType.STATEMENT, actors=(), sentence=sentence)
    statement = _report(EventType.STATEMENT, actors=(RUSSIA,), sentence=sentence)
    one_sentence = said.sources[0].model_copy(update={"trigger_start": said.sources[0].start + 30})
    statement = statement.model_copy(update={"sources": [one_sentence]})
    assert len(merge_events([said, statement])) == 1


@pytest.mark.parametrize("events", [[], [_report()]])
def test_merge_events_degenerate(events: list[Event]) -> None:
    assert merge_events(events) == events


def test_merge_order_is_deterministic() -> None:
    reports = [
        _report(document="a"),
        _report(document="b", object_kind="drone", date=SUNDAY + dt.timedelta(days=2)),
        _report(document="c", date=None, location=BAGHDAD, actors=()),
        _report(EventType.STATEMENT, document="a", actors=(RUSSIA,)),
        _report(EventType.STATEMENT, document="b", actors=(RUSSIA,)),
        _report(document="b"),
    ]
    expected = [event.model_dump_json() for event in merge_events(reports)]
    for permutation in itertools.permutations(reports):
        assert [e.model_dump_json() for e in merge_events(permutation)] == expected


# -- through the pipeline: two agencies report the same day -----------------------------------


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


REUTERS = (
    "Syrian army shoots down rebel drone\n\n"
    "Syrian air defences shot down an Israeli drone over Quneitra on Sunday, state media said. "
    "Separately, rebels shelled government positions in Aleppo on Friday."
)
AFP = (
    "Tensions rise on the Golan\n\n"
    "Syria's army said it downed an Israeli drone in Quneitra province on Sunday. "
    "Israeli jets had shot down a Syrian fighter jet over the Golan Heights on Tuesday."
)


def test_same_event_in_two_documents_merges(gazetteer: Gazetteer) -> None:
    documents = [
        Document(id="reuters", text=REUTERS, published=dt.date(2019, 8, 12)),
        Document(id="afp", text=AFP, published=dt.date(2019, 8, 12)),
    ]
    events = extract_events(documents, gazetteer).events
    downs = [e for e in events if e.event_type == EventType.SHOOT_DOWN]
    drone = [e for e in downs if e.object_kind == "drone"]
    assert len(drone) == 1
    assert {s.document_id for s in drone[0].sources} == {"reuters", "afp"}
    assert drone[0].date.date == SUNDAY
    jets = [e for e in downs if e.object_kind == "aircraft"]
    assert len(jets) == 1 and {s.document_id for s in jets[0].sources} == {"afp"}
    assert jets[0].date.date == dt.date(2019, 8, 6)


def test_pipeline_order_does_not_depend_on_document_order(gazetteer: Gazetteer) -> None:
    documents = [
        Document(id="reuters", text=REUTERS, published=dt.date(2019, 8, 12)),
        Document(id="afp", text=AFP, published=dt.date(2019, 8, 12)),
    ]
    forward = extract_events(documents, gazetteer).events
    backward = extract_events(list(reversed(documents)), gazetteer).events
    assert [e.id for e in forward] == [e.id for e in backward]


@pytest.mark.parametrize("day", [dt.date.min, dt.date.max], ids=["first-day", "last-day"])
@pytest.mark.parametrize("precision", [DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH])
def test_reports_at_the_ends_of_the_calendar_merge(day: dt.date, precision: DatePrecision) -> None:
    merged = merge_events(
        [
            _report(date=day, precision=precision),
            _report(document="ap", date=day, precision=precision),
        ]
    )
    assert len(merged) == 1
    assert {source.document_id for source in merged[0].sources} == {"reuters", "ap"}


def _pipeline(*reports: tuple[str, str, dt.date]) -> list[Event]:
    documents = [Document(id=name, text=text, published=day) for name, text, day in reports]
    return extract_events(documents, open_gazetteer()).events


def _sources(events: list[Event], event_type: EventType) -> list[set[str]]:
    return [
        {source.document_id for source in event.sources}
        for event in events
        if event.event_type == event_type
    ]


def test_shelling_of_one_town_on_two_days_stays_two_events() -> None:
    events = _pipeline(
        ("sohr", "On 2 May 2020, regime forces shelled Kansafra in the Jabal al-Zawiya area, "
                 "Idleb.", dt.date(2020, 5, 3)),
        ("acled", "On 3 May 2020, regime forces shelled Kansafra in the Jabal al-Zawiya area, "
                  "Idleb.", dt.date(2020, 5, 4)),
    )  # fmt: skip
    assert _sources(events, EventType.SHELLING) == [{"sohr"}, {"acled"}]


def test_a_friday_and_a_saturday_bombing_in_baghdad_stay_two() -> None:
    events = _pipeline(
        ("ap", "BAGHDAD (AP) - A car bomb exploded in a crowded market in Baghdad's Sadr City on "
               "Friday, killing 12 people, police said.", dt.date(2020, 5, 2)),
        ("reuters", "BAGHDAD (Reuters) - A car bomb exploded near a mosque in Baghdad's Sadr City "
                    "on Saturday, killing nine people, police said.", dt.date(2020, 5, 3)),
    )  # fmt: skip
    assert sorted(map(sorted, _sources(events, EventType.BOMBING))) == [["ap"], ["reuters"]]
    assert not any(len(sources) > 1 for sources in _sources(events, EventType.KILLING))


def test_same_day_reports_in_two_spellings_merge() -> None:
    events = _pipeline(
        ("wire", "Turkish drones struck a vehicle near Qamishli on Sunday, killing two SDF "
                 "fighters, a war monitor said.", dt.date(2020, 5, 4)),
        ("note", "On 3 May 2020, a Turkish drone strike targeted an SDF vehicle on the outskirts "
                 "of Al-Qamishli, killing two fighters.", dt.date(2020, 5, 4)),
    )  # fmt: skip
    strikes = [e for e in events if e.event_type == EventType.AIR_STRIKE]
    assert len(strikes) == 1
    assert {s.document_id for s in strikes[0].sources} == {"wire", "note"}
    assert (strikes[0].date.date, strikes[0].date.precision) == (
        dt.date(2020, 5, 3), DatePrecision.DAY,
    )  # fmt: skip


def test_a_country_level_report_joins_no_other_articles_town_without_a_shared_actor() -> None:
    events = _pipeline(
        ("wire", "U.S.-led coalition aircraft on Thursday struck a convoy in Syria, U.S. "
                 "officials said.", dt.date(2017, 5, 18)),
        ("pitf", "On 18 May 2017, fighters struck the village of Aqarib al-Safiyah, east of "
                 "Salamiyah in Hama governorate, killing dozens.", dt.date(2017, 5, 19)),
    )  # fmt: skip
    assert sorted(map(sorted, _sources(events, EventType.ATTACK))) == [["pitf"], ["wire"]]


def test_report_without_a_time_phrase_joins_the_days_event() -> None:
    """Published the day after, with no time phrase: on or before 4 May admits 3 May."""
    events = _pipeline(
        ("sohr", "On 3 May 2020, a Turkish drone strike targeted an SDF vehicle near Qamishli.",
         dt.date(2020, 5, 3)),
        ("wire", "A Turkish drone struck an SDF vehicle near Qamishli, a war monitor said.",
         dt.date(2020, 5, 4)),
    )  # fmt: skip
    strikes = [e for e in events if e.event_type == EventType.AIR_STRIKE]
    assert len(strikes) == 1 and {s.document_id for s in strikes[0].sources} == {"sohr", "wire"}
    assert strikes[0].date.precision == DatePrecision.DAY


def _pairs() -> list[dict[str, Any]]:
    lines = PAIRS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("pair", _pairs(), ids=lambda pair: str(pair["id"]))
def test_two_outlets_reports(pair: dict[str, Any], gazetteer: Gazetteer) -> None:
    """Reports by two outlets (``tests/data/events/dedup_pairs.jsonl``, written here from
    public-record incidents): one event, reported twice, merges; the same place on
    different days never does: the two reports' own events (the first each tells) stay
    apart, though one report may name the other's event in passing ("a week after a
    similar attack at the same site") and that mention merge with it."""
    documents = [
        Document(id=side["id"], text=side["text"],
                 published=dt.date.fromisoformat(side["published"]))
        for side in (pair["a"], pair["b"])
    ]  # fmt: skip
    events = extract_events(documents, gazetteer=gazetteer).events
    if pair["same_event"]:
        ids = {pair["a"]["id"], pair["b"]["id"]}
        assert any(ids <= {s.document_id for s in e.sources} for e in events), pair["why"]
        return
    leads = {_lead(events, side["id"]) for side in (pair["a"], pair["b"])}
    merged = [e for e in events if leads <= {(s.document_id, s.trigger_start) for s in e.sources}]
    assert not merged, pair["why"]


def _lead(events: list[Event], document_id: str) -> tuple[str, int]:
    """The first trigger of a document's events: the event its lead reports."""
    return min(
        (s.document_id, s.trigger_start)
        for event in events
        for s in event.sources
        if s.document_id == document_id
    )
