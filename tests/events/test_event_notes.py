"""Event extraction on ACLED-style coder notes ("On 3 May 2020, regime forces shelled ...").

Each row of ``tests/data/events/acled_style.jsonl`` is a short note in the style of ACLED's
public ``notes`` field, written for this project, with the event a coder would record: its
type, the initiator (an ISO country code or an actor id, or null when the note names none),
the target (checked only when given), whether the note asserts that the event happened, and
the ACLED event type and sub-event type by ACLED's Codebook (2023) (null where ACLED codes
no event: statements, threats, condemnations). The notes run through the real places stage
(so country words come from the gazetteer) and :func:`find_event_mentions`. Run with
``pytest -s`` to see the accuracy summary.
"""

from __future__ import annotations

import datetime
import json
from functools import cache

import pytest
from conftest import DATA_DIR
from pydantic import BaseModel, ConfigDict

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.geodesy import great_circle_km
from geo.documents import Document
from geo.events.actors import Actor, ActorRole
from geo.events.taxonomy import TAXONOMY, EventType
from geo.events.text import Sentence
from geo.events.triggers import EventMention, Modality, find_event_mentions
from geo.pipeline import document_events
from geo.places.find import find_places

NOTES = DATA_DIR / "events" / "acled_style.jsonl"


class Note(BaseModel):
    """One coded note."""

    model_config = ConfigDict(frozen=True)

    text: str
    event_type: str
    initiator: str | None
    target: str | None
    asserted: bool
    acled_event_type: str | None
    acled_sub_event_type: str | None


def _load_notes() -> list[Note]:
    lines = NOTES.read_text(encoding="utf-8").splitlines()
    return [Note.model_validate(json.loads(line)) for line in lines if line.strip()]


ALL_NOTES = _load_notes()


@cache
def _events(text: str) -> tuple[EventMention, ...]:
    mentions = find_places(Document(id="note", text=text)).mentions
    sentence = Sentence(start=0, end=len(text), text=text)
    return tuple(find_event_mentions(text, sentence, mentions))


def _matches(actor: Actor, wanted: str) -> bool:
    return wanted in (actor.id, actor.country)


def _role_ok(event: EventMention, role: ActorRole, wanted: str | None) -> bool:
    actors = [a for a in event.actors if a.role is role]
    if wanted is None:
        return not actors
    return any(_matches(a, wanted) for a in actors)


def _pick(note: Note) -> EventMention | None:
    """The extracted event of the note's type: the first one with the coded modality."""
    same_type = [e for e in _events(note.text) if e.event_type.value == note.event_type]
    for event in same_type:
        if (event.modality is Modality.ASSERTED) == note.asserted:
            return event
    return same_type[0] if same_type else None


class Score(BaseModel):
    """Per-note outcome of the four checks."""

    type_ok: bool
    modality_ok: bool
    initiator_ok: bool
    target_ok: bool
    acled_ok: bool

    @property
    def all_ok(self) -> bool:
        return (
            self.type_ok
            and self.modality_ok
            and self.initiator_ok
            and self.target_ok
            and self.acled_ok
        )


def _acled(event: EventMention) -> tuple[str | None, str | None]:
    return event.acled_event_type, event.acled_sub_event_type


def _score(note: Note) -> Score:
    event = _pick(note)
    if event is None:
        return Score(
            type_ok=False, modality_ok=False, initiator_ok=False, target_ok=False, acled_ok=False
        )
    return Score(
        type_ok=True,
        modality_ok=(event.modality is Modality.ASSERTED) == note.asserted,
        initiator_ok=_role_ok(event, ActorRole.INITIATOR, note.initiator),
        target_ok=note.target is None or _role_ok(event, ActorRole.TARGET, note.target),
        acled_ok=_acled(event) == (note.acled_event_type, note.acled_sub_event_type),
    )


def test_notes_file_is_well_formed() -> None:
    assert len(ALL_NOTES) >= 80
    assert len({(n.text, n.event_type) for n in ALL_NOTES}) == len(ALL_NOTES)
    assert {n.event_type for n in ALL_NOTES} <= {t.value for t in EventType}
    coded = {(n.acled_event_type, n.acled_sub_event_type) for n in ALL_NOTES}
    assert len(coded) >= 20  # every ACLED rule family has its notes


@pytest.mark.parametrize("note", ALL_NOTES, ids=lambda n: f"{n.event_type}:{n.text[15:55]}")
def test_note(note: Note) -> None:
    event = _pick(note)
    got = [
        (e.event_type.value, e.modality.value, [(a.id, a.role) for a in e.actors])
        for e in _events(note.text)
    ]
    assert event is not None, got
    assert (event.modality is Modality.ASSERTED) == note.asserted, got
    assert _role_ok(event, ActorRole.INITIATOR, note.initiator), got
    if note.target is not None:
        assert _role_ok(event, ActorRole.TARGET, note.target), got
    assert _acled(event) == (note.acled_event_type, note.acled_sub_event_type), (
        _acled(event),
        got,
    )


def test_accuracy_summary(capsys: pytest.CaptureFixture[str]) -> None:
    """Per-check accuracy over every note, printed with ``pytest -s``."""
    scores = [_score(note) for note in ALL_NOTES]
    total = len(scores)
    counts = {
        "type": sum(s.type_ok for s in scores),
        "modality": sum(s.modality_ok for s in scores),
        "initiator": sum(s.initiator_ok for s in scores),
        "target": sum(s.target_ok for s in scores),
        "acled": sum(s.acled_ok for s in scores),
        "all": sum(s.all_ok for s in scores),
    }
    with capsys.disabled():
        print("\nacled notes: " + " ".join(f"{k}={v}/{total}" for k, v in counts.items()))
    assert counts["all"] == total


# --- the whole pipeline on located notes ---------------------------------------------------
# ``acled_located.jsonl``: 80 notes in ACLED's style over 28 countries, written by a helper
# that had not seen the code, each with the coded date (and its precision), type and location
# (name, admin-1, country, approximate coordinates, ACLED geo-precision 1 town, 2 near a
# town, 3 province). First run, before any change made for them: type 71, date 77 and
# location 69 of 80. The floors below are today's figures: a change may not lower them.
# The type is right when an event has the note's type, or the ACLED event type that type has
# in the taxonomy (a riot coded from "set fire to" is a riot whichever trigger found it).
LOCATED = DATA_DIR / "events" / "acled_located.jsonl"
# How far the extracted location may lie from the coded one, by geo-precision.
_WITHIN_KM = {1: 25.0, 2: 50.0, 3: 150.0}
FLOORS = {"type": 79, "date": 80, "location": 74, "all": 73}


class CodedPlace(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    admin1: str
    country: str
    lat: float
    lon: float
    geo_precision: int


class LocatedNote(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    event_date: datetime.date
    date_precision: str
    event_type: str
    location: CodedPlace


LOCATED_NOTES = [
    LocatedNote.model_validate_json(line)
    for line in LOCATED.read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def _date_ok(note: LocatedNote, got: datetime.date | None) -> bool:
    if got is None:
        return False
    if note.date_precision == "day":
        return got == note.event_date
    if note.date_precision == "week":
        return abs((got - note.event_date).days) <= 6
    return (got.year, got.month) == (note.event_date.year, note.event_date.month)


def _located_score(note: LocatedNote, gazetteer: Gazetteer) -> tuple[bool, bool, bool]:
    """Type, date and location of the note's event (the first of its type, else the first)."""
    document = Document(id="note", text=note.text, published=note.event_date)
    events, _ = document_events(document, gazetteer)
    acled = TAXONOMY[EventType(note.event_type)].acled_event_type
    same_type = [
        e
        for e in events
        if e.event_type.value == note.event_type
        or (acled is not None and e.acled_event_type == acled)
    ]
    event = (same_type or events or [None])[0]
    if event is None:
        return False, False, False
    where = event.location
    located = (
        where.lat is not None
        and where.lon is not None
        and great_circle_km(where.lat, where.lon, note.location.lat, note.location.lon)
        <= _WITHIN_KM[note.location.geo_precision]
    )
    return bool(same_type), _date_ok(note, event.date.date), located


def test_located_notes_file_is_well_formed() -> None:
    assert len(LOCATED_NOTES) == 80
    assert len({n.text for n in LOCATED_NOTES}) == 80
    assert {n.location.geo_precision for n in LOCATED_NOTES} == {1, 2, 3}


def test_located_notes_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    gazetteer = open_gazetteer()
    scores = [_located_score(note, gazetteer) for note in LOCATED_NOTES]
    counts = {
        "type": sum(s[0] for s in scores),
        "date": sum(s[1] for s in scores),
        "location": sum(s[2] for s in scores),
        "all": sum(all(s) for s in scores),
    }
    with capsys.disabled():
        total = len(scores)
        print("\nlocated notes: " + " ".join(f"{k}={v}/{total}" for k, v in counts.items()))
    assert all(counts[check] >= floor for check, floor in FLOORS.items()), (counts, FLOORS)
