"""Event dates: each time phrase of wire copy, resolved against the publication date.

Sentences are written in the style of agency copy (Reuters, AP, AFP), not taken from the
seeds. The publication date is Wednesday 14 August 2019 unless a row says otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest

from gazetteer import Gazetteer, open_gazetteer
from geo.documents import Document
from geo.events.dating import choose_expression, date_event
from geo.events.model import Event
from geo.events.taxonomy import EventType
from geo.events.text import Sentence, split_clauses
from geo.events.timex import DatePrecision, find_time_expressions
from geo.pipeline import extract_events

PUBLISHED = dt.date(2019, 8, 14)  # a Wednesday
DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def _events(text: str, gazetteer: Gazetteer, published: dt.date | None = PUBLISHED) -> list[Event]:
    document = Document(id="wire", text=text, published=published)
    return extract_events([document], gazetteer).events


def _only(events: list[Event], event_type: EventType) -> Event:
    found = [event for event in events if event.event_type == event_type]
    assert len(found) == 1, [(e.event_type, e.date) for e in events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "event_type", "date", "precision"),
    [
        (
            "Government forces shelled the town of Kafr Nabl on Sunday, a monitoring group said.",
            EventType.SHELLING,
            dt.date(2019, 8, 11),
            DAY,
        ),
        (
            "Israeli jets struck Hezbollah positions near Damascus Tuesday, the military said.",
            EventType.AIR_STRIKE,
            dt.date(2019, 8, 13),
            DAY,
        ),
        (
            "Police arrested dozens of protesters in Baghdad on Wednesday.",
            EventType.ARREST,
            PUBLISHED,  # the publication day itself counts as "on Wednesday"
            DAY,
        ),
        (
            "The army said that, starting Monday, it would treat any vehicle approaching "
            "the border as a target.",
            EventType.THREAT,
            dt.date(2019, 8, 19),
            DAY,
        ),
        (
            "US warplanes bombed Islamic State positions near Raqqa in April.",
            EventType.AIR_STRIKE,
            dt.date(2019, 4, 1),
            MONTH,
        ),
        (
            "Israeli jets struck Hezbollah positions near Damascus on July 10, a monitor said.",
            EventType.AIR_STRIKE,
            dt.date(2019, 7, 10),
            DAY,
        ),
        (
            "The Syrian army shelled Daraa on 10 July, activists said.",
            EventType.SHELLING,
            dt.date(2019, 7, 10),
            DAY,
        ),
        (
            "Russian warplanes have bombed rebel positions in Syria since 2015.",
            EventType.AIR_STRIKE,
            dt.date(2015, 1, 1),
            YEAR,
        ),
        (
            "Police arrested dozens of protesters in Baghdad on 3 May 2020.",
            EventType.ARREST,
            dt.date(2020, 5, 3),
            DAY,
        ),
    ],
)
def test_time_phrase_dates_the_event(
    text: str,
    event_type: EventType,
    date: dt.date,
    precision: DatePrecision,
    gazetteer: Gazetteer,
) -> None:
    event = _only(_events(text, gazetteer), event_type)
    assert (event.date.date, event.date.precision) == (date, precision)
    assert event.date.text and event.date.text in text
    assert event.date.reason


@pytest.mark.parametrize(
    ("text", "first", "second", "first_date", "second_date"),
    [
        (
            # "the previous day" counts from the last dated event, not from publication.
            "Rebels shot down a government helicopter over Idlib on Monday. "
            "Government forces had shelled Saraqib the previous day.",
            EventType.SHOOT_DOWN,
            EventType.SHELLING,
            dt.date(2019, 8, 12),
            dt.date(2019, 8, 11),
        ),
        (
            # "X came one day after Y": Y is the day before X, X is the reference day.
            "The clashes erupted one day after government forces shelled the city of Hama.",
            EventType.ARMED_CLASH,
            EventType.SHELLING,
            PUBLISHED,
            dt.date(2019, 8, 13),
        ),
    ],
)
def test_relative_phrases_count_from_the_reference(
    text: str,
    first: EventType,
    second: EventType,
    first_date: dt.date,
    second_date: dt.date,
    gazetteer: Gazetteer,
) -> None:
    events = _events(text, gazetteer)
    assert _only(events, first).date.date == first_date
    assert _only(events, second).date.date == second_date


def test_events_of_one_sentence_share_a_relative_date(gazetteer: Gazetteer) -> None:
    """Two events dated by one "the previous day" are the same day, not one day apart."""
    text = (
        "Rebels shot down a government helicopter over Idlib on Monday. "
        "Government forces retaliated the previous day with air strikes on Saraqib."
    )
    later = [e for e in _events(text, gazetteer) if e.event_type != EventType.SHOOT_DOWN]
    assert len(later) >= 2
    assert {event.date.date for event in later} == {dt.date(2019, 8, 11)}


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested dozens of protesters in Baghdad on Tuesday.",
        "Police arrested dozens of protesters in Baghdad in April.",
        "Police arrested dozens of protesters in Baghdad on Tuesday. "
        "Clashes erupted in Basra the previous day.",
    ],
)
def test_relative_phrase_without_publication_date_stays_unresolved(
    text: str, gazetteer: Gazetteer
) -> None:
    events = _events(text, gazetteer, published=None)
    assert events
    for event in events:
        assert event.date.date is None
        assert event.date.precision == DatePrecision.UNKNOWN
        assert event.date.text  # the phrase was found ...
        assert "no publication date" in event.date.reason or "no earlier" in event.date.reason


def test_absolute_date_resolves_without_publication_date(gazetteer: Gazetteer) -> None:
    text = "On 3 May 2020, regime forces shelled Kafr Nabl in Idlib."
    event = _only(_events(text, gazetteer, published=None), EventType.SHELLING)
    assert (event.date.date, event.date.precision) == (dt.date(2020, 5, 3), DAY)


def test_no_time_phrase_says_so(gazetteer: Gazetteer) -> None:
    event = _only(_events("Gunmen killed two policemen in Kirkuk.", gazetteer), EventType.KILLING)
    assert event.date.date is None
    assert event.date.text is None
    assert "no time phrase" in event.date.reason


# -- date_event and choose_expression on their own --------------------------------------------


def _date_of(
    text: str, trigger: str, *, published: dt.date | None, reference: dt.date | None
) -> tuple[dt.date | None, DatePrecision, str]:
    sentence = Sentence(start=0, end=len(text), text=text)
    start = text.index(trigger)
    result = date_event(
        find_time_expressions(text, published),
        split_clauses(sentence),
        start,
        start + len(trigger),
        reference,
    )
    return result.date, result.precision, result.reason


@pytest.mark.parametrize(
    ("text", "trigger", "reference", "expected"),
    [
        ("The talks collapsed one day after rebels shelled Hama.", "shelled", PUBLISHED,
         dt.date(2019, 8, 13)),
        ("The talks collapsed one day after rebels shelled Hama.", "collapsed", PUBLISHED,
         PUBLISHED),
        ("Troops withdrew the previous day.", "withdrew", dt.date(2019, 8, 12),
         dt.date(2019, 8, 11)),
    ],
)  # fmt: skip
def test_event_relative_phrases_shift_the_reference(
    text: str, trigger: str, reference: dt.date, expected: dt.date
) -> None:
    date, precision, reason = _date_of(text, trigger, published=PUBLISHED, reference=reference)
    assert (date, precision) == (expected, DAY)
    assert reference.isoformat() in reason


def test_relative_phrase_without_reference_is_unresolved() -> None:
    date, precision, reason = _date_of(
        "Troops withdrew the previous day.", "withdrew", published=None, reference=None
    )
    assert (date, precision) == (None, DatePrecision.UNKNOWN)
    assert reason


@pytest.mark.parametrize(
    ("text", "trigger", "chosen"),
    [
        # The trigger's own clause wins over a nearer phrase in another clause.
        ("Rebels said on Monday that jets bombed Idlib on Sunday.", "bombed", "on Sunday"),
        ("Jets bombed Idlib on Sunday, rebels said on Monday.", "bombed", "on Sunday"),
        ("Jets bombed Idlib on Sunday, rebels said on Monday.", "said", "on Monday"),
        ("Jets bombed Idlib.", "bombed", None),
        ("", "", None),
    ],
)
def test_choose_expression(text: str, trigger: str, chosen: str | None) -> None:
    sentence = Sentence(start=0, end=len(text), text=text)
    start = text.index(trigger)
    expression = choose_expression(
        find_time_expressions(text, PUBLISHED),
        split_clauses(sentence) if text else [],
        start,
        start + len(trigger),
    )
    assert (expression.text if expression else None) == chosen
