"""Scoring events against coded records, and the figures on the project's conflict notes.

``tests/data/events/conflict_notes.jsonl`` holds notes in the styles of ACLED, PITF and wire
copy, written here from public-record incidents in Syria, Iraq, Yemen, Lebanon, Turkey and
Iran, with the place, point, date and ACLED type a coder would record.
``tests/data/events/blind_notes.jsonl`` holds 120 more in the same format, written blind: by
a session that saw neither the code nor the first set, and measured before any change was
made for them (located/dated/typed/honest 0.78/0.98/0.88/0.86 on 2026-12-05); they have
guided development since. Each set runs as one collection, as ``geo extract`` runs a file:
the floors below are what the pipeline reached when they were set
(``benchmarks/event_accuracy.py`` prints the same figures).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

import pytest
from conftest import DATA_DIR

from gazetteer import open_gazetteer
from geo.documents import Document
from geo.events.evaluation import (
    CodedRecord,
    Figures,
    events_by_record,
    figures,
    score,
)
from geo.events.model import Event, EventDate, EventLocation, Source
from geo.events.taxonomy import EventType
from geo.events.timex import DatePrecision
from geo.events.triggers import Modality
from geo.pipeline import extract_events

NOTES = DATA_DIR / "events" / "conflict_notes.jsonl"
BLIND_NOTES = DATA_DIR / "events" / "blind_notes.jsonl"
# 100 more, written blind on 2026-12-06 (tests/data/events/BLIND_NOTES_2.md)
BLIND_NOTES_2 = DATA_DIR / "events" / "blind_notes_2.jsonl"
# ... and 100 more, in ACLED's terser notation, the same day (BLIND_NOTES_3.md)
BLIND_NOTES_3 = DATA_DIR / "events" / "blind_notes_3.jsonl"
# ... and a fourth 100, more PITF and villages (BLIND_NOTES_4.md)
BLIND_NOTES_4 = DATA_DIR / "events" / "blind_notes_4.jsonl"
# ... and a fifth 100, written in the tenth round (BLIND_NOTES_5.md)
BLIND_NOTES_5 = DATA_DIR / "events" / "blind_notes_5.jsonl"
# ... and a sixth, ACLED notes without sub-event labels and PITF (BLIND_NOTES_6.md)
BLIND_NOTES_6 = DATA_DIR / "events" / "blind_notes_6.jsonl"
# ... and a seventh, the sources' spellings, chains, ranges and other events' dates
# (BLIND_NOTES_7.md)
BLIND_NOTES_7 = DATA_DIR / "events" / "blind_notes_7.jsonl"
# ... and an eighth, with Afghanistan, Somalia, Libya and Nigeria beside the six
# (BLIND_NOTES_8.md)
BLIND_NOTES_8 = DATA_DIR / "events" / "blind_notes_8.jsonl"
# ... and a ninth, the six countries of the hidden set, villages and camps in the sources'
# spellings (BLIND_NOTES_9.md)
BLIND_NOTES_9 = DATA_DIR / "events" / "blind_notes_9.jsonl"
# ... and a tenth, a third of its ACLED notes terse rows (BLIND_NOTES_10.md)
BLIND_NOTES_10 = DATA_DIR / "events" / "blind_notes_10.jsonl"
# ... and an eleventh, two-thirds of it modelled on documented patterns, ranges coded to
# their first day (BLIND_NOTES_11.md)
BLIND_NOTES_11 = DATA_DIR / "events" / "blind_notes_11.jsonl"
# ... and a twelfth, a quarter of it wire copy and PITF's prose from twelve conflicts
# (BLIND_NOTES_12.md)
BLIND_NOTES_12 = DATA_DIR / "events" / "blind_notes_12.jsonl"
# ... and a thirteenth, the six countries of the hidden set and ten more, half of it
# modelled on typical events at real places (BLIND_NOTES_13.md)
BLIND_NOTES_13 = DATA_DIR / "events" / "blind_notes_13.jsonl"
# ... and a fourteenth, the six countries of the hidden set dated 2016-2020 and ten notes from
# other conflicts, most of it modelled on typical events at villages and sites
# (BLIND_NOTES_14.md)
BLIND_NOTES_14 = DATA_DIR / "events" / "blind_notes_14.jsonl"
# ... and a fifteenth, the six countries again and ten notes from other conflicts, a third of
# them naming a place where the event did not happen (BLIND_NOTES_15.md)
BLIND_NOTES_15 = DATA_DIR / "events" / "blind_notes_15.jsonl"

RECORD = CodedRecord(
    id="r1",
    lat=35.0,
    lon=36.0,
    precision=1,
    located_km=25.0,
    date_start=dt.date(2020, 5, 3),
    date_end=dt.date(2020, 5, 3),
    event_types=frozenset({"Battles"}),
    sub_event_type="Armed clash",
)


def _event(
    lat: float | None, lon: float | None, radius: float | None, day: dt.date | None, acled: str
) -> Event:
    return Event(
        id="e",
        event_type=EventType.ARMED_CLASH,
        label="Armed clash",
        acled_event_type=acled,
        acled_sub_event_type="Armed clash",
        modality=Modality.ASSERTED,
        trigger="clashed",
        date=EventDate(date=day),
        location=EventLocation(lat=lat, lon=lon, uncertainty_km=radius),
        sources=[Source(document_id="r1", sentence="s", start=0, end=1, trigger_start=0,
                        trigger_end=1)],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("event", "located", "dated", "typed", "honest"),
    [
        (_event(35.1, 36.0, 10.0, dt.date(2020, 5, 3), "Battles"), True, True, True, False),
        (_event(35.1, 36.0, 20.0, dt.date(2020, 5, 4), "Battles"), True, False, True, True),
        (_event(36.0, 36.0, 150.0, None, "Riots"), False, False, False, True),
        (_event(None, None, None, dt.date(2020, 5, 3), "Battles"), False, True, True, False),
    ],
)  # fmt: skip
def test_score(event: Event, located: bool, dated: bool, typed: bool, honest: bool) -> None:
    outcome = score(RECORD, [event])
    assert (outcome.located, outcome.dated, outcome.typed, outcome.honest) == (
        located, dated, typed, honest,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("date", "dated", "in_window"),
    [
        (EventDate(date=dt.date(2020, 5, 3), precision=DatePrecision.DAY), True, True),
        # no time phrase in a report of 4 May: that day or up to two days before
        (EventDate(date=dt.date(2020, 5, 4), precision=DatePrecision.ON_OR_BEFORE), False, True),
        (EventDate(date=dt.date(2020, 5, 6), precision=DatePrecision.ON_OR_BEFORE), False, False),
        (EventDate(date=dt.date(2020, 5, 1), precision=DatePrecision.MONTH), False, True),
        (EventDate(), False, False),
    ],
)  # fmt: skip
def test_in_window_is_the_dates_honesty(date: EventDate, dated: bool, in_window: bool) -> None:
    event = _event(35.1, 36.0, 10.0, None, "Battles").model_copy(update={"date": date})
    outcome = score(RECORD, [event])
    assert (outcome.dated, outcome.in_window) == (dated, in_window)


def test_ucdp_record_reads_the_coders_range_and_type() -> None:
    record = CodedRecord.from_json(
        {"id": "u", "gold": {"latitude": 1.0, "longitude": 2.0, "where_prec": 4,
                             "date_start": "2017-09-11", "date_end": "2017-09-12",
                             "type_of_violence": 3}}
    )  # fmt: skip
    assert record.located_km == 150.0
    assert (record.date_start, record.date_end) == (dt.date(2017, 9, 11), dt.date(2017, 9, 12))
    assert "Violence against civilians" in record.event_types


@cache
def _notes(path: Path = NOTES) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("path", [NOTES, BLIND_NOTES], ids=["conflict", "blind"])
def test_notes_are_well_formed(path: Path) -> None:
    notes = _notes(path)
    assert len(notes) >= 120
    assert len({note["id"] for note in notes}) == len(notes)
    for note in notes:
        gold = note["gold"]
        assert isinstance(gold, dict) and isinstance(note["text"], str)
        assert gold["place"] in note["text"], note["id"]
        published = dt.date.fromisoformat(str(note["published"]))
        assert 1 <= (published - dt.date.fromisoformat(gold["date"])).days <= 3, note["id"]


@cache
def _figures(path: Path) -> Figures:
    notes = _notes(path)
    documents = [
        Document(id=str(note["id"]), text=str(note["text"]),
                 published=dt.date.fromisoformat(str(note["published"])))
        for note in notes
    ]  # fmt: skip
    records = [CodedRecord.from_json(note) for note in notes]
    found = events_by_record(extract_events(documents, gazetteer=open_gazetteer()).events)
    return figures([score(record, found.get(record.id, [])) for record in records], records)


# What each set scored when the floors were last raised; a change that lowers one must say
# why in its commit.
FLOORS = {
    NOTES: {"located": 0.96, "dated": 1.00, "typed": 0.99, "honest": 0.98, "sub_typed": 0.93},
    BLIND_NOTES: {"located": 0.94, "dated": 0.99, "typed": 0.99, "honest": 0.99, "sub_typed": 0.96},
    BLIND_NOTES_2: {
        "located": 0.95,
        "dated": 0.99,
        "typed": 0.95,
        "honest": 1.00,
        "sub_typed": 0.85,
    },
    # first run, before any change made for it: 0.86 / 0.98 / 0.82 / 0.89, sub-type 0.72
    BLIND_NOTES_3: {
        "located": 0.89,
        "dated": 0.99,
        "typed": 0.92,
        "honest": 0.96,
        "sub_typed": 0.89,
    },
    # first run: 0.88 / 0.99 / 0.90 / 0.91, sub-type 0.84
    BLIND_NOTES_4: {
        "located": 0.93,
        "dated": 1.00,
        "typed": 0.99,
        "honest": 0.98,
        "sub_typed": 0.94,
    },
    # first run, on arrival: 0.85 / 1.00 / 0.94 / 0.94, sub-type 0.88 (at the round's start);
    # 0.88 located and 0.95 honest after the eleventh round, which read its misses; 0.90 and
    # 0.96 after the twelfth, by rules found there in the eleventh
    BLIND_NOTES_5: {
        "located": 0.91,
        "dated": 0.99,
        "typed": 0.97,
        "honest": 0.96,
        "sub_typed": 0.93,
    },
    # first run, on arrival: 0.90 / 0.97 / 0.91 / 0.91 (at the thirteenth round's start);
    # its misses read in that round. The sixth to eighth sets code "Around X (between A and
    # X)" to A, the ninth and tenth (and the issue: "Around 29 April 2020" is the event's own
    # date) to X, which the events take since the seventeenth round: dated fell by the notes
    # so written (7, 10 and 9)
    BLIND_NOTES_6: {
        "located": 0.97,
        "dated": 0.93,
        "typed": 0.97,
        "honest": 0.98,
        "sub_typed": 0.93,
    },
    # first run, on arrival: 0.87 / 0.97 / 0.91 / 0.95, sub-type 0.87 (at the fourteenth
    # round's start); its misses read in that round
    BLIND_NOTES_7: {
        "located": 0.88,
        "dated": 0.89,
        "typed": 0.98,
        "honest": 0.96,
        "sub_typed": 0.94,
    },
    # first run, on arrival: 0.85 / 0.99 / 0.96 / 0.91, sub-type 0.88 (at the fifteenth
    # round's start); its misses read in that round
    BLIND_NOTES_8: {
        "located": 0.89,
        "dated": 0.91,
        "typed": 0.98,
        "honest": 0.97,
        "sub_typed": 0.96,
    },
    # first run, on arrival: 0.92 / 0.97 / 0.94 / 0.89, sub-type 0.92 (at the sixteenth
    # round's start); its misses read in that round
    # located 0.96 until the eighteenth round: "Houthi forces took control of Al Abdiyah
    # district (Al Abdiyah, Marib), south of Marib city" is now placed south of the city the
    # text names, 70 km from the district's centre the coder chose, no longer south of the
    # province, whose zone's point fell near it
    BLIND_NOTES_9: {
        "located": 0.95,
        "dated": 0.99,
        "typed": 0.97,
        "honest": 0.95,
        "sub_typed": 0.94,
    },
    # first run, on arrival: 0.86 / 0.95 / 0.98 / 0.94, sub-type 0.96 (at the seventeenth
    # round's start); its misses read in that round
    BLIND_NOTES_10: {
        "located": 0.88,
        "dated": 1.00,
        "typed": 0.99,
        "honest": 0.97,
        "sub_typed": 0.98,
    },
    # first run, on arrival: 0.81 / 0.97 / 0.98 / 0.87, sub-type 0.97 (at the eighteenth
    # round's start); its misses read in that round
    BLIND_NOTES_11: {
        "located": 0.86,
        "dated": 0.96,
        "typed": 0.98,
        "honest": 0.96,
        "sub_typed": 0.97,
    },
    # first run, on arrival: 0.86 / 1.00 / 0.97 / 0.94, sub-type 0.90 (at the nineteenth
    # round's start); its misses read in that round
    BLIND_NOTES_12: {
        "located": 0.88,
        "dated": 1.00,
        "typed": 0.96,
        "honest": 0.95,
        "sub_typed": 0.89,
    },
    # first run, on arrival: 0.83 / 0.99 / 0.97 / 0.88, sub-type 0.94 (at the twentieth
    # round's start); its misses read in that round
    BLIND_NOTES_13: {
        "located": 0.86,
        "dated": 0.99,
        "typed": 0.97,
        "honest": 0.91,
        "sub_typed": 0.94,
    },
    # first run, on arrival: 0.82 / 0.95 / 0.93 / 0.88, sub-type 0.90 (at the twenty-first
    # round's start); its misses read in that round
    BLIND_NOTES_14: {
        "located": 0.86,
        "dated": 0.99,
        "typed": 0.97,
        "honest": 0.94,
        "sub_typed": 0.94,
    },
    # first run, on arrival: 0.90 / 1.00 / 0.99 / 0.94, sub-type 0.98 (at the twenty-second
    # round's start); its misses read in that round
    BLIND_NOTES_15: {
        "located": 0.91,
        "dated": 0.99,
        "typed": 0.99,
        "honest": 0.96,
        "sub_typed": 0.98,
    },
}


@pytest.mark.parametrize(
    ("path", "figure"),
    [(path, figure) for path, floors in FLOORS.items() for figure in sorted(floors)],
    ids=lambda value: value.stem if isinstance(value, Path) else str(value),
)
def test_conflict_notes_figures(path: Path, figure: str) -> None:
    value = getattr(_figures(path), figure)
    print(f"{path.stem} {figure}: {value:.3f}")
    assert value >= FLOORS[path][figure]
