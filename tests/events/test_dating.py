"""Event dates: each time phrase of wire copy, resolved against the publication date.

Sentences are written in the style of agency copy (Reuters, AP, AFP), ACLED notes and PITF
descriptions, not taken from the seeds or the development notes. The publication date is
Wednesday 14 August 2019 unless a row says otherwise. An event whose sentence has no time
phrase takes its paragraph's leading date, the headline's, or "on or before" the report.
"""

from __future__ import annotations

import datetime as dt

import pytest

from gazetteer import Gazetteer, open_gazetteer
from geo.documents import Document
from geo.events.dating import DateScopes, choose_expression, date_event
from geo.events.model import Event
from geo.events.taxonomy import EventType
from geo.events.text import Sentence, split_clauses
from geo.events.timex import DatePrecision, find_time_expressions
from geo.pipeline import extract_events

PUBLISHED = dt.date(2019, 8, 14)  # a Wednesday
DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
ON_OR_BEFORE = DatePrecision.ON_OR_BEFORE


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
            # a state's start ("shut since 2015") dates no event where the sentence gives a day
            "On 28 September 2017, UAE forces took up positions inside the Balhaf gas facility "
            "on the coast and set up a military base at the site, which has been shut since "
            "2015.",
            EventType.DEPLOYMENT,
            dt.date(2017, 9, 28),
            DAY,
        ),
        (
            # ... but a "since" that is the event's own start stays, beside a day of speech or
            # of another event
            "The journalist, who has been detained since 2019, was sentenced on Monday.",
            EventType.ARREST,
            dt.date(2019, 1, 1),
            YEAR,
        ),
        (
            "Fighting has continued in Gaza since Monday, killing at least 30 people, "
            "officials said on Wednesday.",
            EventType.ARMED_CLASH,
            dt.date(2019, 8, 12),
            DAY,
        ),
        (
            # ... nor does a vague word that qualifies a thing ("the recently recaptured")
            "On 18 November 2016, Islamic State mortar shells fell on the recently recaptured "
            "Gogjali neighbourhood of Mosul, killing 7 civilians.",
            EventType.SHELLING,
            dt.date(2016, 11, 18),
            DAY,
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


def test_no_time_phrase_in_a_dated_article_is_on_or_before_publication(
    gazetteer: Gazetteer,
) -> None:
    event = _only(_events("Gunmen killed two policemen in Kirkuk.", gazetteer), EventType.KILLING)
    assert (event.date.date, event.date.precision) == (PUBLISHED, ON_OR_BEFORE)
    assert event.date.text is None
    assert "no time phrase" in event.date.reason
    assert PUBLISHED.isoformat() in event.date.reason


def test_no_time_phrase_in_an_undated_article_stays_undated(gazetteer: Gazetteer) -> None:
    text = "Gunmen killed two policemen in Kirkuk."
    event = _only(_events(text, gazetteer, published=None), EventType.KILLING)
    assert (event.date.date, event.date.precision) == (None, DatePrecision.UNKNOWN)
    assert event.date.text is None
    assert "no time phrase" in event.date.reason


# -- each phrase kind of conflict reporting dates its own event ----------------------------------

TUESDAY = dt.date(2020, 5, 5)  # publication of the rows below


@pytest.mark.parametrize(
    ("text", "event_type", "date", "precision", "phrase"),
    [
        # ACLED notes
        ("On 3 May 2020, Turkish forces shelled the village of Um al-Kef near Tal Tamr.",
         EventType.SHELLING, dt.date(2020, 5, 3), DAY, "On 3 May 2020"),
        ("On or around 12 March 2017, unidentified gunmen killed a local council member in "
         "Jasim, Daraa.", EventType.KILLING, dt.date(2017, 3, 12), DAY,
         "On or around 12 March 2017"),
        ("Around 29 April 2020, IS militants attacked an SDF checkpoint near Diban.",
         EventType.ATTACK, dt.date(2020, 4, 29), DAY, "Around 29 April 2020"),
        ("Around 27 April 2020 (week of), regime forces shelled the outskirts of Kansafra.",
         EventType.SHELLING, dt.date(2020, 4, 27), DatePrecision.WEEK,
         "Around 27 April 2020 (week of)"),
        # PITF descriptions
        ("On the night of 2-3 May, Israeli jets struck Iranian-backed militias near Albu Kamal.",
         EventType.AIR_STRIKE, dt.date(2020, 5, 2), DAY, "On the night of 2-3 May"),
        ("In the early hours of Sunday, unidentified gunmen attacked a police station in Kirkuk.",
         EventType.ATTACK, dt.date(2020, 5, 3), DAY, "In the early hours of Sunday"),
        ("Security forces arrested 12 protesters in Nasiriyah on 13/4/2020.",
         EventType.ARREST, dt.date(2020, 4, 13), DAY, "on 13/4/2020"),
        # wire copy
        ("Late on Saturday, a car bomb exploded near a market in Afrin.",
         EventType.BOMBING, dt.date(2020, 5, 2), DAY, "Late on Saturday"),
        ("A roadside bomb killed three soldiers near Tikrit yesterday, police said.",
         EventType.KILLING, dt.date(2020, 5, 4), DAY, "yesterday"),
        ("Gunmen on Tuesday shot dead a shop owner in Basra, police said.",
         EventType.KILLING, TUESDAY, DAY, "on Tuesday"),
        ("Houthi rebels fired a ballistic missile at Marib last night, the coalition said.",
         EventType.MISSILE_STRIKE, dt.date(2020, 5, 4), DAY, "last night"),
        ("Coalition aircraft bombed Houthi positions in Hodeidah earlier this week.",
         EventType.AIR_STRIKE, dt.date(2020, 5, 4), DatePrecision.WEEK, "earlier this week"),
        # an ambiguous numeric date names no day: the report's day bounds the event
        ("Security forces arrested 12 protesters in Nasiriyah on 3/4/2020.",
         EventType.ARREST, TUESDAY, ON_OR_BEFORE, None),
        # a vague phrase names no day either
        ("Militants recently attacked a police station in Kirkuk.",
         EventType.ATTACK, TUESDAY, ON_OR_BEFORE, "recently"),
    ],
)  # fmt: skip
def test_each_phrase_kind_dates_its_event(
    text: str,
    event_type: EventType,
    date: dt.date,
    precision: DatePrecision,
    phrase: str | None,
    gazetteer: Gazetteer,
) -> None:
    event = _only(_events(text, gazetteer, published=TUESDAY), event_type)
    assert (event.date.date, event.date.precision, event.date.text) == (date, precision, phrase)
    assert event.date.reason


# -- scopes: clause, sentence, paragraph's leading date, headline, dateline ---------------------


@pytest.mark.parametrize(
    ("text", "event_type", "date", "precision", "why"),
    [
        # The paragraph's leading phrase dates its other sentences (ACLED style).
        ("On 3 May 2020, Turkish forces shelled Tal Tamr. Two civilians were killed.",
         EventType.KILLING, dt.date(2020, 5, 3), DAY, "paragraph opens with"),
        ("Movement of forces: On 2 May 2020, SDF reinforcements arrived in Ain Issa. IS "
         "fighters later attacked a checkpoint there.",
         EventType.ATTACK, dt.date(2020, 5, 2), DAY, "paragraph opens with"),
        ("BEIRUT (Wire) - On Saturday, a car bomb exploded in Afrin. Police arrested two men.",
         EventType.ARREST, dt.date(2020, 5, 2), DAY, "paragraph opens with"),
        # ... not the next paragraph's.
        ("Clashes in the north-east\nOn 3 May 2020, Turkish forces shelled Tal Tamr.\n"
         "Gunmen killed a farmer in Daraa.",
         EventType.KILLING, TUESDAY, ON_OR_BEFORE, "no time phrase"),
        # A phrase in the middle of a paragraph does not lead it.
        ("Clashes in the north-east\nTurkish forces shelled Tal Tamr on 3 May. Two civilians "
         "were killed.",
         EventType.KILLING, TUESDAY, ON_OR_BEFORE, "no time phrase"),
        # The sentence's own phrase wins over the paragraph's.
        ("On 3 May 2020, Turkish forces shelled Tal Tamr. On 4 May, two civilians were killed.",
         EventType.KILLING, dt.date(2020, 5, 4), DAY, "'4 May' without a year"),
        # The headline's date dates the body.
        ("Car bomb kills 12 in Baghdad on Friday\n\nPolice said gunmen also attacked a "
         "checkpoint in Mosul.", EventType.ATTACK, dt.date(2020, 5, 1), DAY, "headline"),
        # A dateline's date is the report's: the event is on or before it.
        ("Market bombing\nBAGHDAD, May 3 (Reuters) - A car bomb killed 12 people in a market.",
         EventType.KILLING, dt.date(2020, 5, 3), ON_OR_BEFORE, "dateline"),
    ],
)  # fmt: skip
def test_scopes_of_a_date(
    text: str,
    event_type: EventType,
    date: dt.date,
    precision: DatePrecision,
    why: str,
    gazetteer: Gazetteer,
) -> None:
    title = text.split("\n")[0]
    document = Document(id="wire", text=text, title=title, published=TUESDAY)
    event = _only(extract_events([document], gazetteer).events, event_type)
    assert (event.date.date, event.date.precision) == (date, precision)
    assert why in event.date.reason


def test_leading_relative_phrase_counts_from_the_paragraphs_reference(
    gazetteer: Gazetteer,
) -> None:
    """A relative phrase leading a paragraph ("The next day") dates its later sentences the
    same day as the sentence it opens, not one more day on."""
    text = (
        "On 3 May 2020, regime forces shelled Kafr Nabl.\n"
        "The next day, jets struck Saraqib. Two civilians were killed."
    )
    events = _events(text, gazetteer, published=TUESDAY)
    assert _only(events, EventType.AIR_STRIKE).date.date == dt.date(2020, 5, 4)
    assert _only(events, EventType.KILLING).date.date == dt.date(2020, 5, 4)


@pytest.mark.parametrize(
    ("text", "title", "published", "position", "expected"),
    [
        ("On 3 May 2020, jets struck. Two died.", None, TUESDAY, 30,
         (dt.date(2020, 5, 3), DAY)),
        ("Jets struck. Two died.", None, TUESDAY, 15, (TUESDAY, ON_OR_BEFORE)),
        ("Jets struck. Two died.", "Clashes on Sunday", TUESDAY, 15, (dt.date(2020, 5, 3), DAY)),
        ("Jets struck. Two died.", "Clashes in 2019", TUESDAY, 15, (TUESDAY, ON_OR_BEFORE)),
        ("Jets struck. Two died.", None, None, 15, (None, DatePrecision.UNKNOWN)),
        ("ALEPPO, May 3 (SANA) - Jets struck. Two died.", None, TUESDAY, 40,
         (dt.date(2020, 5, 3), ON_OR_BEFORE)),
        ("ALEPPO, 3 May 2020 (SANA) - Jets struck.", None, None, 35,
         (dt.date(2020, 5, 3), ON_OR_BEFORE)),
        ("ALEPPO (SANA) - Yesterday, jets struck. Two died.", None, TUESDAY, 42,
         (dt.date(2020, 5, 4), DAY)),
        ("", None, TUESDAY, 0, (TUESDAY, ON_OR_BEFORE)),
    ],
)  # fmt: skip
def test_date_scopes_fallback(
    text: str,
    title: str | None,
    published: dt.date | None,
    position: int,
    expected: tuple[dt.date | None, DatePrecision],
) -> None:
    date = DateScopes(text, title, published).fallback(position, published)
    assert (date.date, date.precision) == expected
    assert date.reason


def test_dateline_date_is_not_the_events_own_phrase() -> None:
    text = "BAGHDAD, May 3 (Reuters) - A car bomb killed 12 people."
    scopes = DateScopes(text, None, TUESDAY)
    sentence = Sentence(start=0, end=len(text), text=text)
    trigger = text.index("killed")
    date = date_event(
        find_time_expressions(text, TUESDAY), split_clauses(sentence), trigger, trigger + 6,
        TUESDAY, scopes,
    )  # fmt: skip
    assert (date.date, date.precision) == (dt.date(2020, 5, 3), ON_OR_BEFORE)


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


@pytest.mark.parametrize(
    ("text", "trigger", "date"),
    [
        # "two days after parliamentary elections" dates the elections, not the fighting
        ("On 8 May 2018, two days after parliamentary elections, supporters of two parties "
         "exchanged fire in Choueifat.", "exchanged fire", dt.date(2018, 5, 8)),
        # "more than a week after IS had pushed them out" says how far apart two events are:
        # the recapture's date is the one the sentence opens with
        ("On 19 November 2017, regime forces regained control of Al Bukamal, more than a week "
         "after IS fighters had pushed them out of the town on 11 November, two days after "
         "they first entered it.", "regained", dt.date(2017, 11, 19)),
        # "the offensive launched on 4 April" dates the offensive, not the sentence's other
        # events ...
        ("On 26 June 2019, forces regained Gharyan, capturing the operations room of the "
         "Tripoli offensive launched on 4 April; dozens of fighters were killed.", "killed",
         dt.date(2019, 6, 26)),
        # ... but a participle that is the trigger keeps its own date
        ("Sirte was captured on 12 May 2016, the ministry said on 14 May 2016.", "captured",
         dt.date(2016, 5, 12)),
        # ... and still the offensive itself
        ("On 26 June 2019, forces regained Gharyan, capturing the operations room of the "
         "Tripoli offensive launched on 4 April; dozens of fighters were killed.", "offensive",
         dt.date(2019, 4, 4)),
    ],
)  # fmt: skip
def test_a_phrase_counting_between_two_events_dates_neither_against_its_own_date(
    text: str, trigger: str, date: dt.date
) -> None:
    got, precision, _ = _date_of(text, trigger, published=PUBLISHED, reference=PUBLISHED)
    assert (got, precision) == (date, DAY)


@pytest.mark.parametrize(
    ("text", "trigger", "date"),
    [
        # the day the sentence gives, not the publication day, is what "a day after" counts
        # back from: the first protests came the day before Kashmar's
        ("On 29 December 2017, hundreds of people protested in Kashmar over prices, a day "
         "after the first protests erupted in Mashhad.", "erupted", dt.date(2017, 12, 28)),
        ("On 8 May 2018, two days after parliamentary elections, supporters of two parties "
         "exchanged fire in Choueifat.", "elections", dt.date(2018, 5, 6)),
    ],
)  # fmt: skip
def test_a_phrase_counting_from_another_event_counts_from_its_sentence_s_day(
    text: str, trigger: str, date: dt.date
) -> None:
    got, precision, _ = _date_of(text, trigger, published=PUBLISHED, reference=PUBLISHED)
    assert (got, precision) == (date, DAY)


def test_an_event_keeps_its_own_date_beside_a_phrase_counting_from_another(
    gazetteer: Gazetteer,
) -> None:
    """The recapture was dated 20 November: 'a week' and 'two days after' counted on from the
    11 November the sentence names for the other event."""
    text = (
        "On 19 November 2017, SAA forces, Hezbollah fighters and Iranian-backed militias, "
        "supported by Russian air strikes, regained control of Al Bukamal (Al Bukamal, "
        "Deir-ez-Zor) from IS, more than a week after IS fighters had pushed pro-government "
        "forces back out of the town on 11 November, two days after they first entered it."
    )
    events = _events(text, gazetteer, published=dt.date(2017, 11, 20))
    regained = [e for e in events if e.acled_sub_event_type == "Government regains territory"]
    assert [e.date.date for e in regained] == [dt.date(2017, 11, 19)]


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
