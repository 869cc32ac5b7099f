"""Tests for geo.events.timex: time expressions in wire copy, resolved against publication dates.

Sentences are written in the style of Reuters/AP/AFP copy and ACLED notes. The default
publication date is Tuesday 20 June 2017, so "Monday" is 19 June and "Sunday" 18 June.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from conftest import DELETE, changed, vocabulary_data
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from geo.errors import InputError
from geo.events.timex import (
    _CASED_WORDS,
    _CLOCK_BEFORE,
    _FUTURE_CUE,
    _FUTURE_CUE_LOWER,
    _MASTER,
    _PREPOSITION_BEFORE,
    _PREPOSITION_BEFORE_LOWER,
    _QUALIFIER_WORDS,
    _RULE_FIRST_WORDS,
    _RULE_PATTERNS,
    _RULES,
    _TRIGGER_KEYS_ANY_CASE,
    _TRIGGER_KEYS_CASED,
    _TRIGGER_WORDS,
    _WORDS,
    DatePrecision,
    TimeAnchor,
    TimeExpression,
    TimeRelation,
    TimeWordsFile,
    _candidate_matches,
    _keys,
    _may_hold_clock,
    _phrase,
    _preposition_alternation,
    _trigger_starts,
    _trigger_words,
    _word_at,
    find_time_expressions,
    shift,
)

D = datetime.date
TUESDAY = D(2017, 6, 20)
MONDAY = D(2017, 6, 19)
SUNDAY = D(2017, 6, 18)
DAY, WEEK, MONTH, YEAR, UNKNOWN = (
    DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR,
    DatePrecision.UNKNOWN,
)  # fmt: skip


def only(text: str, published: datetime.date | None = TUESDAY) -> TimeExpression:
    """The single expression of ``text``; fails if there is not exactly one."""
    found = find_time_expressions(text, published)
    assert len(found) == 1, [e.text for e in found]
    return found[0]


# ----------------------------------------------------------------------------------------
# Explicit dates
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "date", "precision"),
    [
        ("Security forces killed 12 protesters on 3 May 2020, the group said.",
         "on 3 May 2020", D(2020, 5, 3), DAY),
        ("The ceasefire was signed on May 3, 2020, in Doha.", "on May 3, 2020", D(2020, 5, 3), DAY),
        ("Hijacked jets struck on Sept. 11, 2001, killing nearly 3,000.",
         "on Sept. 11, 2001", D(2001, 9, 11), DAY),
        ("Militants attacked a checkpoint on 2020-05-03.", "on 2020-05-03", D(2020, 5, 3), DAY),
        ("Clashes were reported on 13/5/2020 near Idlib.", "on 13/5/2020", D(2020, 5, 13), DAY),
        ("Clashes were reported on 5/13/2020 near Idlib.", "on 5/13/2020", D(2020, 5, 13), DAY),
        ("Polls opened on Sunday, May 3, 2020 across the country.",
         "on Sunday, May 3, 2020", D(2020, 5, 3), DAY),
        ("The town fell on the 5th of December 2019.", "5th of December 2019", D(2019, 12, 5), DAY),
        ("Talks collapsed on 5 Dec. 2016 in Geneva.", "on 5 Dec. 2016", D(2016, 12, 5), DAY),
        # A span of days is dated by its first day (as event coders do).
        ("On the night of 17-18 January 2022, rebels shelled Taiz.",
         "On the night of 17-18 January 2022", D(2022, 1, 17), DAY),
        ("Fighting raged on 4\u20135 April 2022 in Irpin.",
         "on 4\u20135 April 2022", D(2022, 4, 4), DAY),
        ("Strikes hit Gaza on May 10-11, 2021, officials said.",
         "on May 10-11, 2021", D(2021, 5, 10), DAY),
        ("The siege ended on 29 February 2016.", "on 29 February 2016", D(2016, 2, 29), DAY),
        ("The offensive began in April 2017.", "in April 2017", D(2017, 4, 1), MONTH),
        ("Protests spread after the March 2011 uprising in Deraa.",
         "March 2011", D(2011, 3, 1), MONTH),
        ("The base was handed over in Sept 2001.", "in Sept 2001", D(2001, 9, 1), MONTH),
        ("The group has held the town since 2015.", "since 2015", D(2015, 1, 1), YEAR),
        ("He was first detained in 1962.", "in 1962", D(1962, 1, 1), YEAR),
        ("Fighting flared again in mid-2016.", "in mid-2016", D(2016, 1, 1), YEAR),
        ("Rebels regrouped in early 2016.", "in early 2016", D(2016, 1, 1), YEAR),
        ("Turnout fell in the 2016 election.", "2016", D(2016, 1, 1), YEAR),
    ],
)  # fmt: skip
def test_explicit_dates_resolve_absolutely(
    sentence: str, span: str, date: datetime.date, precision: DatePrecision
) -> None:
    for published in (TUESDAY, None):  # an absolute date needs no publication date
        expression = only(sentence, published)
        assert (expression.text, expression.date, expression.precision) == (span, date, precision)
        assert expression.resolved
        assert expression.anchor is TimeAnchor.ABSOLUTE


@pytest.mark.parametrize(
    ("sentence", "published", "date"),
    [
        ("Troops entered the town on 3 May.", D(2020, 5, 10), D(2020, 5, 3)),
        ("The strike was carried out on May 3.", D(2020, 5, 10), D(2020, 5, 3)),
        ("Peace talks on Syria are starting on July 10.", D(2017, 6, 19), D(2017, 7, 10)),
        ("Talks resume on July 10.", D(2017, 6, 19), D(2017, 7, 10)),  # closer ahead than back
        ("The convoy was hit on Dec 5.", TUESDAY, D(2016, 12, 5)),  # a past date is preferred
        ("The convoy was hit on December 28.", D(2018, 1, 4), D(2017, 12, 28)),
        ("The vote will be held on 12 March.", D(2019, 2, 20), D(2019, 3, 12)),
        ("The vote will be held on 12 March.", D(2019, 3, 12), D(2019, 3, 12)),
        ("The resolution was adopted on Feb. 29.", TUESDAY, D(2016, 2, 29)),
    ],
)  # fmt: skip
def test_day_and_month_without_year(
    sentence: str, published: datetime.date, date: datetime.date
) -> None:
    expression = only(sentence, published)
    assert (expression.date, expression.precision) == (date, DAY)
    assert expression.anchor is TimeAnchor.PUBLICATION


@pytest.mark.parametrize(
    ("sentence", "span", "date"),
    [
        # the year a sentence has just written, not the publication's
        ("On 19 November 2017, forces retook the town they had lost on 11 November.",
         "on 11 November", D(2017, 11, 11)),
        ("On 3 January 2018, officials said the raid of 28 December killed two.",
         "28 December", D(2017, 12, 28)),
    ],
)  # fmt: skip
def test_day_and_month_without_year_after_a_full_date(
    sentence: str, span: str, date: datetime.date
) -> None:
    found = {e.text: e for e in find_time_expressions(sentence, D(2020, 5, 10))}
    assert found[span].date == date
    assert found[span].anchor is TimeAnchor.ABSOLUTE


@pytest.mark.parametrize(
    ("sentence", "spans"),
    [
        # a range across months dates its event from its first day, as one within a month does
        ("Fighting lasted from 28 May 2016 to 2 June 2016.", ["from 28 May 2016"]),
        # ... but a range in brackets after a day it holds is only the days that one may have
        # been ("Around 1 June 2016", ACLED's date, is the event's)
        ("Around 1 June 2016 (between 31 May and 1 June), clashes erupted.",
         ["Around 1 June 2016"]),
        ("Around 20 February 2021 (between 17 and 20 February), troops deployed.",
         ["Around 20 February 2021"]),
        # ... not a range ending on another day
        ("On 10 June 2016 (between 1 and 3 June), troops deployed.",
         ["On 10 June 2016", "between 1 and 3 June"]),
        ("Clashes between 28 May 2016 and 2 June 2016 killed ten.", ["between 28 May 2016"]),
        # ... written with a dash and no space: the second day is no month alone
        ("On the night of 31 May-1 June 2016, a missile struck.", ["On the night of 31 May"]),
        # a dash after a code is no range ("Su-24 March": no 24 March)
        ("The Su-24 March exercise began.", []),
        # two days named apart are two dates
        ("Protests were held on 3 May 2016 and 5 June 2016.", ["on 3 May 2016", "5 June 2016"]),
    ],
)  # fmt: skip
def test_the_last_day_of_a_range_across_months_is_no_date_of_its_own(
    sentence: str, spans: list[str]
) -> None:
    assert [e.text for e in find_time_expressions(sentence, D(2016, 6, 10))] == spans


def test_day_and_month_without_year_needs_publication() -> None:
    expression = only("Troops entered the town on 3 May.", None)
    assert not expression.resolved and expression.date is None
    assert "no publication date" in expression.reason


# ----------------------------------------------------------------------------------------
# Months and years relative to publication
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "published", "span", "date", "precision"),
    [
        ("Fighting intensified in April, residents said.", TUESDAY, "in April", D(2017, 4, 1),
         MONTH),
        ("The camp was shelled in August.", TUESDAY, "in August", D(2016, 8, 1), MONTH),
        ("Elections will be held in August.", TUESDAY, "in August", D(2017, 8, 1), MONTH),
        ("The summit is scheduled for April.", TUESDAY, "for April", D(2018, 4, 1), MONTH),
        ("Aid deliveries resumed in June.", TUESDAY, "in June", D(2017, 6, 1), MONTH),
        ("Iraqi forces launched an offensive in mid-May.", TUESDAY, "in mid-May", D(2017, 5, 1),
         MONTH),
        ("Troops had left by the end of March.", TUESDAY, "by the end of March", D(2017, 3, 1),
         MONTH),
        ("The town was retaken last April.", TUESDAY, "last April", D(2017, 4, 1), MONTH),
        ("The town was retaken last June.", TUESDAY, "last June", D(2016, 6, 1), MONTH),
        ("The curfew was lifted early June.", TUESDAY, "early June", D(2017, 6, 1), MONTH),
        ("The ministry said last month it had made arrests.", TUESDAY, "last month",
         D(2017, 5, 1), MONTH),
        ("The ministry said last month it had made arrests.", D(2017, 1, 15), "last month",
         D(2016, 12, 1), MONTH),
        ("Strikes have intensified this month.", TUESDAY, "this month", D(2017, 6, 1), MONTH),
        ("The army took the hill earlier this month.", TUESDAY, "earlier this month",
         D(2017, 6, 1), MONTH),
        ("The mission ends next month.", D(2017, 12, 5), "next month", D(2018, 1, 1), MONTH),
        ("The bank cut rates twice last year.", TUESDAY, "last year", D(2016, 1, 1), YEAR),
        ("Arrivals rose this year.", TUESDAY, "this year", D(2017, 1, 1), YEAR),
        ("Troops withdraw next year.", TUESDAY, "next year", D(2018, 1, 1), YEAR),
        ("The plant closed earlier this year.", TUESDAY, "earlier this year", D(2017, 1, 1),
         YEAR),
        ("The town fell two months ago.", TUESDAY, "two months ago", D(2017, 4, 1), MONTH),
        ("The town fell a year ago.", TUESDAY, "a year ago", D(2016, 1, 1), YEAR),
    ],
)  # fmt: skip
def test_months_and_years_relative_to_publication(
    sentence: str,
    published: datetime.date,
    span: str,
    date: datetime.date,
    precision: DatePrecision,
) -> None:
    expression = only(sentence, published)
    assert (expression.text, expression.date, expression.precision) == (span, date, precision)
    assert expression.anchor is TimeAnchor.PUBLICATION and expression.resolved


# ----------------------------------------------------------------------------------------
# Weekdays and named days
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "published", "span", "date"),
    [
        ("A US warplane shot down a drone, the Pentagon said Tuesday.", TUESDAY, "Tuesday",
         TUESDAY),
        ("Seven people were killed in an air strike on Sunday.", TUESDAY, "on Sunday", SUNDAY),
        ("Tuesday night clashes left three dead.", TUESDAY, "Tuesday night", TUESDAY),
        ("Late Monday, troops moved into the old city.", TUESDAY, "Late Monday", MONDAY),
        ("On Monday morning police said the road was open.", TUESDAY, "On Monday morning",
         MONDAY),
        ("Tuesday's statement stressed the right to self-defense.", TUESDAY, "Tuesday's",
         TUESDAY),
        ("Earlier on Tuesday, a car bomb exploded.", TUESDAY, "Earlier on Tuesday", TUESDAY),
        ("Talks will resume on Monday in Astana.", TUESDAY, "on Monday", D(2017, 6, 26)),
        ("The ministry is to announce the results on Friday.", TUESDAY, "on Friday",
         D(2017, 6, 23)),
        ("The vote is scheduled for Tuesday.", TUESDAY, "for Tuesday", TUESDAY),
        ("The ban takes effect starting Monday.", MONDAY, "starting Monday", MONDAY),
        ("The army said on Monday it will withdraw.", TUESDAY, "on Monday", MONDAY),
        ("On Monday, the army said it will withdraw.", TUESDAY, "On Monday", MONDAY),
        ("The ministry on Monday said it would respond.", TUESDAY, "on Monday", MONDAY),
        ("On Monday, the leaders will meet in Brussels.", TUESDAY, "On Monday", D(2017, 6, 26)),
        ("Rebels attacked on Sunday and the army will respond.", TUESDAY, "on Sunday", SUNDAY),
        ("Rebels attacked on Sunday, which will delay the talks.", TUESDAY, "on Sunday", SUNDAY),
        ("Leaders meet next Monday.", TUESDAY, "next Monday", D(2017, 6, 26)),
        ("Leaders meet next Monday.", MONDAY, "next Monday", D(2017, 6, 26)),
        ("The plane landed last Monday.", TUESDAY, "last Monday", MONDAY),
        ("The plane landed last Monday.", MONDAY, "last Monday", D(2017, 6, 12)),
        ("Police said on Sunday that protests began.", D(2017, 6, 24), "on Sunday",
         D(2017, 6, 18)),
    ],
)  # fmt: skip
def test_weekdays(
    sentence: str, published: datetime.date, span: str, date: datetime.date
) -> None:
    expression = only(sentence, published)
    assert (expression.text, expression.date, expression.precision) == (span, date, DAY)
    assert expression.anchor is TimeAnchor.PUBLICATION
    assert str(published) in expression.reason


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        ("Tuesday night clashes left three dead.", "night"),
        ("Late Monday, troops moved.", "late"),
        ("On Monday morning police said.", "morning"),
        ("Shelling resumed on Sunday.", None),
    ],
)
def test_weekday_part_of_day(sentence: str, part: str | None) -> None:
    assert only(sentence).part_of_day == part


def test_clock_time_is_kept_without_publication_date() -> None:
    expression = only("The drone advanced at 12:30 am local time on Tuesday.", None)
    assert expression.text == "at 12:30 am local time on Tuesday"
    assert (expression.clock_time, expression.resolved) == (datetime.time(0, 30), False)


def test_clock_time_is_not_attached_to_a_year() -> None:
    found = find_time_expressions("Talks resumed since 2015, at 3 p.m. on Sunday.", TUESDAY)
    assert [(e.text, e.clock_time) for e in found] == [
        ("since 2015", None), ("at 3 p.m. on Sunday", datetime.time(15, 0)),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "span", "date", "clock"),
    [
        ("The drone advanced at 12:30 am local time on Tuesday, the coalition said.",
         "at 12:30 am local time on Tuesday", TUESDAY, datetime.time(0, 30)),
        ("Shelling began on Saturday at 3 p.m.", "on Saturday at 3 p.m.", D(2017, 6, 17),
         datetime.time(15, 0)),
        ("The truce is due to start at midnight (2200 GMT) on Saturday.",
         "at midnight (2200 GMT) on Saturday", D(2017, 6, 24), datetime.time(0, 0)),
        ("The blast hit on Monday at 0300 GMT.", "on Monday at 0300 GMT", MONDAY,
         datetime.time(3, 0)),
        ("Troops crossed on 3 May 2020 at 14:45.", "on 3 May 2020 at 14:45", D(2020, 5, 3),
         datetime.time(14, 45)),
    ],
)  # fmt: skip
def test_clock_time_attached_to_a_date(
    sentence: str, span: str, date: datetime.date, clock: datetime.time
) -> None:
    expression = only(sentence)
    assert (expression.text, expression.date, expression.clock_time) == (span, date, clock)
    assert expression.precision is DAY


@pytest.mark.parametrize(
    ("sentence", "span", "date"),
    [
        ("Yesterday, gunmen stormed a hotel.", "Yesterday", MONDAY),
        ("The talks open today in Geneva.", "today", TUESDAY),
        ("The talks open tomorrow in Geneva.", "tomorrow", D(2017, 6, 21)),
        ("Leaders will address the nation tonight.", "tonight", TUESDAY),
        ("Rockets hit the base last night.", "last night", MONDAY),
        ("Jets pounded the city overnight.", "overnight", MONDAY),
        ("The bridge collapsed the day before yesterday.", "the day before yesterday", SUNDAY),
        ("Rebels shelled the airport yesterday morning.", "yesterday morning", MONDAY),
        ("Rebels withdrew three days ago.", "three days ago", D(2017, 6, 17)),
        ("Rebels withdrew 10 days ago.", "10 days ago", D(2017, 6, 10)),
    ],
)
def test_named_days(sentence: str, span: str, date: datetime.date) -> None:
    expression = only(sentence)
    assert (expression.text, expression.date, expression.precision) == (span, date, DAY)
    assert expression.anchor is TimeAnchor.PUBLICATION


def test_capitalised_today_after_a_word_is_a_title() -> None:
    assert find_time_expressions("USA Today reported the strike.", TUESDAY) == []
    assert only("Today the army advanced.").date == TUESDAY


# ----------------------------------------------------------------------------------------
# Weeks and weekends
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "published", "span", "date", "precision", "relation"),
    [
        ("Aid reached the town last week.", TUESDAY, "last week", D(2017, 6, 12), WEEK,
         TimeRelation.ON),
        ("Aid reached the town this week.", TUESDAY, "this week", MONDAY, WEEK, TimeRelation.ON),
        ("The talks resume next week.", TUESDAY, "next week", D(2017, 6, 26), WEEK,
         TimeRelation.ON),
        ("The army said earlier this week it had pulled back.", TUESDAY, "earlier this week",
         MONDAY, WEEK, TimeRelation.ON),
        ("The road was cut two weeks ago.", TUESDAY, "two weeks ago", D(2017, 6, 5), WEEK,
         TimeRelation.ON),
        ("Protests erupted last weekend.", TUESDAY, "last weekend", D(2017, 6, 12), WEEK,
         TimeRelation.ON),
        ("Protests erupted over the weekend.", TUESDAY, "over the weekend", D(2017, 6, 12), WEEK,
         TimeRelation.ON),
        ("Protests erupted over the weekend.", SUNDAY, "over the weekend", D(2017, 6, 12), WEEK,
         TimeRelation.ON),
        ("Protests will be held this weekend.", TUESDAY, "this weekend", MONDAY, WEEK,
         TimeRelation.ON),
        ("Protests are planned next weekend.", TUESDAY, "next weekend", D(2017, 6, 26), WEEK,
         TimeRelation.ON),
        ("Strikes have killed 40 people over the past week.", TUESDAY, "over the past week",
         D(2017, 6, 13), DAY, TimeRelation.SINCE),
        ("Prices doubled in the past two years.", TUESDAY, "in the past two years",
         D(2015, 1, 1), YEAR, TimeRelation.SINCE),
    ],
)  # fmt: skip
def test_weeks_and_weekends(
    sentence: str,
    published: datetime.date,
    span: str,
    date: datetime.date,
    precision: DatePrecision,
    relation: TimeRelation,
) -> None:
    expression = only(sentence, published)
    assert (expression.text, expression.date, expression.precision) == (span, date, precision)
    assert expression.relation is relation
    if precision is WEEK:
        assert expression.date is not None and expression.date.weekday() == 0


# ----------------------------------------------------------------------------------------
# Relations
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        ("The group has held the town since 2015.", TimeRelation.SINCE),
        ("The mandate runs until 2020.", TimeRelation.UNTIL),
        ("Troops must leave by 2020.", TimeRelation.UNTIL),
        ("The deal was struck before 2015.", TimeRelation.BEFORE),
        ("Violence surged after 2014.", TimeRelation.AFTER),
        ("The curfew applies from Monday.", TimeRelation.STARTING),
        ("Prices rise starting from July 1.", TimeRelation.STARTING),
        ("Clashes erupted on Sunday.", TimeRelation.ON),
        ("Clashes erupted in 2014.", TimeRelation.ON),
        ("Nobody has crossed since 3 am on Tuesday.", TimeRelation.SINCE),
    ],
)
def test_relation_comes_from_the_preposition(sentence: str, relation: TimeRelation) -> None:
    expression = only(sentence)
    assert expression.relation is relation
    assert expression.text.split()[0].lower() in sentence.lower()


# ----------------------------------------------------------------------------------------
# Phrases relative to another date
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("follow_up", "relative_days", "date"),
    [
        ("The previous day, jets struck the bridge.", -1, D(2017, 6, 11)),
        ("Jets had struck the bridge the day before.", -1, D(2017, 6, 11)),
        ("Jets had struck the bridge a day earlier.", -1, D(2017, 6, 11)),
        ("They withdrew the next day.", 1, D(2017, 6, 13)),
        ("They withdrew the following day.", 1, D(2017, 6, 13)),
        ("They withdrew a day later.", 1, D(2017, 6, 13)),
        ("Two days later, talks began.", 2, D(2017, 6, 14)),
        ("A week later the siege ended.", 7, D(2017, 6, 19)),
        ("Later that day, a second blast hit.", 0, D(2017, 6, 12)),
        ("A second blast hit the same day.", 0, D(2017, 6, 12)),
        ("Hours later, a second blast hit.", 0, D(2017, 6, 12)),
        ("They withdrew two days after.", 2, D(2017, 6, 14)),
    ],
)
def test_relative_phrase_resolves_against_previous_expression(
    follow_up: str, relative_days: int, date: datetime.date
) -> None:
    found = find_time_expressions("Rebels seized the town on June 12. " + follow_up, TUESDAY)
    assert [e.date for e in found] == [D(2017, 6, 12), date]
    relative = found[1]
    assert relative.relative_days == relative_days
    assert relative.anchor is TimeAnchor.PREVIOUS_EXPRESSION and relative.resolved
    assert "on June 12" in relative.reason


@pytest.mark.parametrize(
    ("sentence", "relative_days"),
    [
        ("The previous day, jets struck the bridge.", -1),
        ("They withdrew the next day.", 1),
        ("A week later the siege ended.", 7),
        ("Two days later, talks began.", 2),
    ],
)
def test_relative_phrase_without_earlier_date_is_left_for_shift(
    sentence: str, relative_days: int
) -> None:
    expression = only(sentence)
    assert (expression.resolved, expression.date) == (False, None)
    assert expression.relative_days == relative_days
    assert expression.anchor is TimeAnchor.EVENT
    assert "shift" in expression.reason


@pytest.mark.parametrize(
    ("sentence", "span", "relative_days"),
    [
        ("On Monday, the incident came one day after the ministry said it would act.",
         "one day after", 1),
        ("Tuesday's raid came two days after the attack.", "two days after", 2),
        ("On Monday, talks ended a week before the vote.", "a week before", -7),
    ],
)  # fmt: skip
def test_counting_from_a_later_named_event_stays_unresolved(
    sentence: str, span: str, relative_days: int
) -> None:
    relative = find_time_expressions(sentence, TUESDAY)[-1]
    assert (relative.text, relative.relative_days, relative.resolved) == (
        span, relative_days, False,
    )  # fmt: skip
    assert relative.anchor is TimeAnchor.EVENT


def test_week_relative_anchor_keeps_week_precision() -> None:
    found = find_time_expressions("Aid arrived on Thursday, June 15. The following week, "
                                  "the road closed.", TUESDAY)  # fmt: skip
    assert found[1].precision is WEEK and found[1].date == MONDAY


@pytest.mark.parametrize(
    ("sentence", "reference", "date", "precision"),
    [
        ("The previous day, jets struck the bridge.", D(2017, 3, 1), D(2017, 2, 28), DAY),
        ("They withdrew the next day.", D(2016, 12, 31), D(2017, 1, 1), DAY),
        ("The following week the road closed.", D(2017, 6, 14), D(2017, 6, 19), WEEK),
    ],
)
def test_shift_resolves_against_an_event_date(
    sentence: str, reference: datetime.date, date: datetime.date, precision: DatePrecision
) -> None:
    shifted = shift(only(sentence), reference)
    assert (shifted.date, shifted.precision, shifted.resolved) == (date, precision, True)
    assert shifted.anchor is TimeAnchor.EVENT
    assert str(reference) in shifted.reason


def test_shift_accepts_a_datetime_reference() -> None:
    shifted = shift(only("They withdrew the next day."), datetime.datetime(2017, 6, 1, 23, 59))
    assert shifted.date == D(2017, 6, 2)


def test_shift_without_relative_days_raises() -> None:
    with pytest.raises(InputError, match="relative_days"):
        shift(only("Clashes erupted on Sunday."), TUESDAY)


# ----------------------------------------------------------------------------------------
# Vague and unresolved expressions
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Fighting has recently intensified.", "recently"),
        ("Earlier, officials said the road was closed.", "Earlier"),
        ("Dozens have fled in recent days.", "in recent days"),
        ("The militia seized the town a few days ago.", "a few days ago"),
        ("Days later the bodies were found.", "Days later"),
        ("Strikes have intensified during the past few days.", "during the past few days"),
        ("More troops are expected in the coming weeks.", "in the coming weeks"),
    ],
)
def test_vague_expressions_are_unresolved(sentence: str, span: str) -> None:
    expression = only(sentence)
    assert expression.text == span
    assert (expression.resolved, expression.date, expression.precision) == (False, None, UNKNOWN)
    assert "vague" in expression.reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Mortar shells fell on the recently recaptured Gogjali neighbourhood.",
        "Fighters moved into a recently abandoned village.",
        "The army reinforced its recently built positions.",
    ],
)
def test_a_vague_word_after_a_determiner_qualifies_a_thing(sentence: str) -> None:
    assert find_time_expressions(sentence, TUESDAY) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Seven people were killed in an air strike on Sunday.",
        "Gunmen stormed a hotel yesterday.",
        "Fighting intensified in April.",
        "The bank cut rates twice last year.",
        "Aid reached the town last week.",
        "Protests erupted over the weekend.",
        "The town fell three days ago.",
    ],
)
def test_relative_expressions_need_a_publication_date(sentence: str) -> None:
    expression = only(sentence, None)
    assert (expression.resolved, expression.date, expression.precision) == (False, None, UNKNOWN)
    assert expression.anchor is TimeAnchor.PUBLICATION
    assert "no publication date" in expression.reason


# ----------------------------------------------------------------------------------------
# False positives
# ----------------------------------------------------------------------------------------


# ----------------------------------------------------------------------------------------
# How monitors and agencies write dates: approximations, spans of days, parts of a night
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "date", "precision", "part"),
    [
        ("On or around 12 March 2017, gunmen killed a council member in Jasim.",
         "On or around 12 March 2017", D(2017, 3, 12), DAY, None),
        ("On or about 4 April 2017, jets struck Khan Shaykhun.",
         "On or about 4 April 2017", D(2017, 4, 4), DAY, None),
        ("Around 29 April 2020, IS militants attacked a checkpoint near Diban.",
         "Around 29 April 2020", D(2020, 4, 29), DAY, None),
        ("Circa 2 May 2020, militias clashed in Mayadin.",
         "Circa 2 May 2020", D(2020, 5, 2), DAY, None),
        # ACLED's "(week of)" and "(month of)": the date only names its week or month
        ("Around 2 January 2023 (week of), US forces struck al-Shabaab near Jilib.",
         "Around 2 January 2023 (week of)", D(2023, 1, 2), WEEK, None),
        ("On 15 March 2023 (week of), militias looted shops in Hajin.",
         "On 15 March 2023 (week of)", D(2023, 3, 13), WEEK, None),
        ("In 14 May 2021 (month of), unknown gunmen abducted a teacher in Tafas.",
         "In 14 May 2021 (month of)", D(2021, 5, 1), MONTH, None),
        # a span of days is dated by its first day
        ("On the night of 2 to 3 May, Israeli jets struck militia depots near Albu Kamal.",
         "On the night of 2 to 3 May", D(2017, 5, 2), DAY, "night"),
        ("Between 1 and 3 May 2020, clashes continued in the Kabana hills.",
         "Between 1 and 3 May 2020", D(2020, 5, 1), DAY, None),
        ("On May 10 and 11, 2021, rockets hit Ashkelon.",
         "On May 10 and 11, 2021", D(2021, 5, 10), DAY, None),
        # ... a lower number after "and" is no span: a count, then a date
        ("The toll rose to 12 and 3 May saw more raids.", "3 May", D(2017, 5, 3), DAY, None),
        ("Raids on May 3 and 2 others were reported.", "on May 3", D(2017, 5, 3), DAY, None),
        # parts of a day or night before the date
        ("In the early hours of Sunday, gunmen attacked a police post in Kirkuk.",
         "In the early hours of Sunday", SUNDAY, DAY, "early"),
        ("At dawn on Monday, troops stormed the village.", "At dawn on Monday", MONDAY, DAY,
         "morning"),
        ("On the evening of 18 June, shells fell on Daraa al-Balad.",
         "On the evening of 18 June", SUNDAY, DAY, "evening"),
        # unambiguous numeric dates with dots or hyphens too
        ("Protesters were arrested on 13.05.2020 in Nasiriyah.", "on 13.05.2020",
         D(2020, 5, 13), DAY, None),
        ("Protesters were arrested on 13-05-2020 in Nasiriyah.", "on 13-05-2020",
         D(2020, 5, 13), DAY, None),
        ("Protesters were arrested on 5/13/2020 in Nasiriyah.", "on 5/13/2020",
         D(2020, 5, 13), DAY, None),
    ],
)  # fmt: skip
def test_how_monitors_write_dates(
    sentence: str, span: str, date: datetime.date, precision: DatePrecision, part: str | None
) -> None:
    expression = only(sentence)
    assert (expression.text, expression.date, expression.precision) == (span, date, precision)
    assert expression.part_of_day == part


@pytest.mark.parametrize("phrase", ["earlier in the day", "later in the day", "Later in the day"])
def test_earlier_or_later_in_the_day_is_the_same_day(phrase: str) -> None:
    found = find_time_expressions(f"Jets struck Idlib on Monday. {phrase}, rebels shelled it.")
    assert [e.text for e in found] == ["on Monday", phrase]
    assert found[1].relative_days == 0
    found = find_time_expressions(f"Jets struck Idlib on Monday, and {phrase} rebels shelled it.",
                                  TUESDAY)  # fmt: skip
    assert found[1].date == MONDAY


@pytest.mark.parametrize("lead", _WORDS.days.lead_ins, ids=lambda lead: lead.phrase)
def test_every_lead_in_is_taken_in(lead: Any) -> None:
    found = only(f"Rebels shelled Taiz on {lead.phrase} 3 May 2020.")
    assert (found.text, found.date) == (f"on {lead.phrase} 3 May 2020", D(2020, 5, 3))
    assert found.part_of_day == lead.part


@pytest.mark.parametrize("word", _WORDS.clauses.determiners)
def test_a_cue_after_a_determiner_modifies_a_noun(word: str) -> None:
    """A cue after the date with a determiner before it is no tense of the date's clause."""
    assert only(f"Crowds fought on Monday over {word} planned return.").date == MONDAY
    assert only("Crowds fought on Monday over plans to return.").date == D(2017, 6, 26)


@pytest.mark.parametrize(
    "sentence",
    [
        "",
        "   ",
        "Workers may strike if talks fail.",
        "May said the talks would go on.",
        "The crowd cheered a speech by May.",
        "Speaking to May, the envoy urged calm.",
        "Critics attacked the plan in May's speech.",
        "Thousands joined a protest march through the capital.",
        "They marched to parliament and March organisers said.",
        "The Sunday Times reported the deal.",
        "Traders still talk about Black Monday.",
        "Fighters clashed around the 22 May hospital.",
        "Leaders of the March 14 alliance met.",
        "The Good Friday Agreement ended the conflict.",
        "The coalition deployed 1500 troops.",
        "About 2,000 people fled the fighting.",
        "Aid reached 2000 homes in 2000 villages.",
        "Aid reached in 2000 homes.",
        "An F-15 and a Su-22 were seen over the border.",
        "Resolution 2254 calls for elections.",
        "The economy boomed in the 1990s.",
        "February 30, 2020 was given as the date.",
        "The order dated 31 April 2017 was forged.",
        "Clashes were reported on 3/5/2020 near Idlib.",
        "Clashes were reported on 03.05.2020 near Idlib.",
        "Clashes were reported on 3-5-2020 near Idlib.",
        "Firmware 1.12.2020 was installed.",
        "Police opened fire at 12:30 on protesters.",
        "USA Today reported the strike.",
        "Flight MH17 was downed by a Buk missile.",
        "A 1,500-strong force entered the town.",
        "Spending rose 2015-16.",
        "The day the ceasefire held was quiet.",
    ],
)
def test_no_false_positives(sentence: str) -> None:
    assert find_time_expressions(sentence, TUESDAY) == []


def test_month_names_as_words_are_left_alone_but_real_months_are_found() -> None:
    found = find_time_expressions("In May, Theresa May spoke to May about the march.", TUESDAY)
    assert [(e.text, e.date) for e in found] == [("In May", D(2017, 5, 1))]


# ----------------------------------------------------------------------------------------
# Offsets, ordering, inputs
# ----------------------------------------------------------------------------------------


def test_offsets_index_the_original_text() -> None:
    original = "HEADLINE\n\nThe army said Tuesday it took the town on 3 May 2020; a day later, "
    original += "rebels fled. In April, since 2015, at 3 p.m. on Sunday."
    start = original.index("The army")
    found = find_time_expressions(original[start:], TUESDAY, offset=start)
    assert [e.text for e in found] == [
        "Tuesday", "on 3 May 2020", "a day later", "In April", "since 2015",
        "at 3 p.m. on Sunday",
    ]  # fmt: skip
    for expression in found:
        assert original[expression.start : expression.end] == expression.text
    assert [e.start for e in found] == sorted(e.start for e in found)


def test_datetime_publication_is_reduced_to_its_date() -> None:
    expression = only("Gunmen stormed a hotel yesterday.", datetime.datetime(2017, 6, 20, 23, 0))
    assert expression.date == MONDAY


def test_expression_is_frozen() -> None:
    expression = only("Clashes erupted on Sunday.")
    with pytest.raises(ValueError, match="frozen"):
        expression.start = 3  # type: ignore[misc]


def test_unicode_text_keeps_offsets() -> None:
    text = "İstanbul’da “çatışma” oldu on Sunday — İzmir’de 3 May 2020."
    found = find_time_expressions(text, TUESDAY)
    assert [e.text for e in found] == ["on Sunday", "3 May 2020"]
    assert all(text[e.start : e.end] == e.text for e in found)


# ----------------------------------------------------------------------------------------
# Properties
# ----------------------------------------------------------------------------------------

_WIRE_WORDS = (
    "on in since until by the a last next this early late mid of day days week weekend month "
    "year ago later earlier previous following Monday Tuesday Sunday May March June Sept. 3 12 "
    "31 2015 2020 1990s 12:30 am p.m. at local time yesterday today tonight overnight said will "
    "to , . ; - 3/5/2020 2020-05-03 2017-02-30 February 30 recently hours two USA Today Black"
).split()
_texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(_WIRE_WORDS), max_size=40).map(" ".join),
    st.lists(st.sampled_from(_WIRE_WORDS), max_size=40).map("".join),
)
_dates = st.one_of(st.none(), st.dates(D(1900, 1, 1), D(2100, 12, 31)))


@settings(max_examples=200, deadline=None)
@given(text=_texts, published=_dates, offset=st.integers(0, 10_000))
def test_never_raises_and_spans_match(
    text: str, published: datetime.date | None, offset: int
) -> None:
    found = find_time_expressions(text, published, offset=offset)
    original = "x" * offset + text
    previous_end = offset
    for expression in found:
        assert offset <= expression.start < expression.end <= offset + len(text)
        assert original[expression.start : expression.end] == expression.text
        assert expression.start >= previous_end  # in order, never overlapping
        previous_end = expression.end
        assert expression.resolved == (expression.date is not None)
        assert expression.reason


@settings(max_examples=200, deadline=None)
@given(text=_texts)
def test_fast_scan_finds_what_a_full_scan_finds(text: str) -> None:
    full = [(m.start(), m.end(), m.lastgroup) for m in _MASTER.finditer(text)]
    fast = [(m.start(), m.end(), m.lastgroup) for m in _candidate_matches(text)]
    assert fast == full


def _plain_trigger_starts(text: str) -> list[int]:
    """The trigger scan without its word pre-check: every key looked for everywhere."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text
    starts = {m.start() for m in re.finditer("[0-9]+", text)}
    for haystack, keys in ((lowered, _TRIGGER_KEYS_ANY_CASE), (text, _TRIGGER_KEYS_CASED)):
        for key in keys:
            index = haystack.find(key)
            while index >= 0:
                start, word = _word_at(text, index)
                if word in _CASED_WORDS or word.lower() in _TRIGGER_WORDS:
                    starts.add(start)
                index = haystack.find(key, index + len(key))
    return sorted(starts)


# Letters that change length or turn ASCII when lower-cased, letters and digits glued to words.
_ODD_PIECES = ["İ", "\u212a", "é", "ſ", "½", "٣", "5", "-", "’", "TODAY", "Tomorrow", "WEEK",
               "Mayor", "Mark", "Mondays", "someday", "éday", "wee", "k"]  # fmt: skip
_odd_texts = st.lists(st.sampled_from(_WIRE_WORDS + _ODD_PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(_texts, _odd_texts))
def test_trigger_pre_check_keeps_every_trigger(text: str) -> None:
    assert _trigger_starts(text) == _plain_trigger_starts(text)


_CUE_AND_PREPOSITION_WORDS = (
    "will Won't SHALL is Are to due set plans planned Going expected Slated upcoming intends "
    "they'll since From starting on beginning as of up prior Ahead until by In at over for "
    "said Tuesday 3 May the , . \n"
).split(" ")
_ascii_texts = st.one_of(
    _texts.map(lambda text: text.encode("ascii", "ignore").decode()),
    st.lists(st.sampled_from(_CUE_AND_PREPOSITION_WORDS), max_size=30).map(" ".join),
)


@settings(max_examples=200, deadline=None)
@given(text=_ascii_texts)
def test_lower_case_patterns_agree_with_ignore_case_ones_on_ascii_text(text: str) -> None:
    lowered = text.lower()
    cues = [m.span() for m in _FUTURE_CUE.finditer(text)]
    assert [m.span() for m in _FUTURE_CUE_LOWER.finditer(lowered)] == cues
    for end in range(len(text) + 1):
        match = _PREPOSITION_BEFORE.search(text, 0, end)
        lower = _PREPOSITION_BEFORE_LOWER.search(lowered, 0, end)
        assert (lower and (lower.span(), lower["prep"])) == (
            match and (match.span(), match["prep"].lower())
        )


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(_texts, _odd_texts), data=st.data())
def test_clock_pre_check_only_turns_down_windows_without_a_clock(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    for end in range(start, len(text) + 1):
        if _CLOCK_BEFORE.search(text, start, end):
            assert _may_hold_clock(text, start, end)


def test_every_rule_has_a_handler_and_first_words() -> None:
    names = {name for name, _ in _RULE_PATTERNS}
    assert set(_RULES) == names == set(_RULE_FIRST_WORDS)


# ----------------------------------------------------------------------------------------
# The vocabulary file: every word in it is read, and a malformed file is refused
# ----------------------------------------------------------------------------------------

DATA = vocabulary_data("geo/events/time_words.toml")


def test_the_shipped_time_words_file_is_valid() -> None:
    assert TimeWordsFile.model_validate(DATA) == _WORDS


@pytest.mark.parametrize(
    ("name", "number"),
    [(name, m.number) for m in _WORDS.months for name in (m.name, *m.abbreviations)],
)
def test_every_month_name_and_abbreviation_is_read(name: str, number: int) -> None:
    assert only(f"Clashes erupted on 3 {name} 2020.").date == D(2020, number, 3)


@pytest.mark.parametrize(("index", "name"), list(enumerate(_WORDS.weekdays)))
def test_every_weekday_is_read(index: int, name: str) -> None:
    assert only(f"Clashes erupted on {name}.").date.weekday() == index  # type: ignore[union-attr]


@pytest.mark.parametrize("day", _WORDS.days.named, ids=lambda day: day.phrase)
def test_every_named_day_is_read(day: Any) -> None:
    found = only(f"Clashes erupted {day.phrase}.")
    assert (found.date, found.part_of_day) == (TUESDAY + datetime.timedelta(day.offset), day.part)


@pytest.mark.parametrize("row", _WORDS.relations.prepositions, ids=lambda row: row.words)
def test_every_preposition_gives_its_relation(row: Any) -> None:
    for words in (row.words, *(f"{row.words} {then}" for then in row.followed_by)):
        found = only(f"Talks continue {words} 3 May 2020.")
        assert (found.text, found.relation) == (f"{words} 3 May 2020", row.relation)


@pytest.mark.parametrize(("word", "value"), list(_WORDS.number_words.items()))
def test_every_number_word_counts(word: str, value: int) -> None:
    assert only(f"Troops withdrew {word} days later.").relative_days == value


@pytest.mark.parametrize(("word", "step"), [*_WORDS.which.items(), ("this past", -1)])
def test_every_which_word_is_read_by_the_period_and_weekend_rules(word: str, step: int) -> None:
    week = D(2017, 6, 19) + datetime.timedelta(weeks=step)
    found = find_time_expressions(f"They met {word} week and {word} weekend.", TUESDAY)
    assert [(e.text, e.date) for e in found] == [(f"{word} week", week), (f"{word} weekend", week)]


@pytest.mark.parametrize(("word", "step"), list(_WORDS.anaphor.items()))
def test_every_anaphor_word_has_its_direction(word: str, step: int) -> None:
    assert only(f"Troops withdrew the {word} day.").relative_days == step


@pytest.mark.parametrize("word", _WORDS.periods.vague)
def test_every_vague_word_is_found_unresolved(word: str) -> None:
    found = only(f"Troops withdrew {word}.")
    assert (found.text, found.resolved, found.precision) == (word, False, UNKNOWN)


@pytest.mark.parametrize("verb", _WORDS.clauses.reporting_verbs)
def test_a_reporting_verb_keeps_a_weekday_in_the_past(verb: str) -> None:
    assert only("The ministry agreed Monday it will retaliate.").date == D(2017, 6, 26)
    assert only(f"The ministry {verb} Monday it will retaliate.").date == MONDAY


@pytest.mark.parametrize("joiner", _WORDS.clauses.joiners)
def test_a_clause_joiner_cuts_off_a_later_future_cue(joiner: str) -> None:
    assert only("The army attacked on Sunday the rebels will respond.").date == D(2017, 6, 25)
    assert only(f"The army attacked on Sunday {joiner} the rebels will respond.").date == SUNDAY


@pytest.mark.parametrize("word", _WORDS.days.weekday_name_before)
def test_a_named_weekday_is_no_date(word: str) -> None:
    assert find_time_expressions(f"Markets fell on {word} Monday.", TUESDAY) == []


# "Night Live" and "Night Football" are listed but the weekday rule takes "Night" as a part
# of the day before the title is looked at, so "Saturday Night Live" is still read as a date.
@pytest.mark.parametrize("title", [t for t in _WORDS.days.weekday_title_after if " " not in t])
def test_a_weekday_in_a_title_is_no_date(title: str) -> None:
    assert find_time_expressions(f"The Sunday {title} reported it.", TUESDAY) == []


@pytest.mark.parametrize("noun", _WORDS.years.count_nouns)
def test_a_number_before_a_count_noun_is_no_year(noun: str) -> None:
    assert only("Violence flared in 2000 and again later.").date == D(2000, 1, 1)
    assert all(e.date != D(2000, 1, 1) for e in find_time_expressions(f"It sent 2000 {noun}."))


@pytest.mark.parametrize("zone", _WORDS.clock.zones)
def test_every_clock_zone_is_taken_in(zone: str) -> None:
    found = only(f"The blast came at 10 am {zone} on Tuesday.")
    assert (found.text, found.clock_time) == (f"at 10 am {zone} on Tuesday", datetime.time(10))


@pytest.mark.parametrize("lead", _WORDS.clock.prepositions)
def test_every_clock_preposition_is_taken_in(lead: str) -> None:
    found = only(f"The blast came {lead} 10 am on Tuesday.")
    assert (found.text, found.clock_time) == (f"{lead} 10 am on Tuesday", datetime.time(10))


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_period_qualifier_opens_with_a_listed_first_word(data: st.DataObject) -> None:
    qualifier = data.draw(st.sampled_from(_WORDS.periods.qualifiers))
    text = data.draw(st.from_regex(qualifier, fullmatch=True))
    first = re.match(r"[A-Za-z]+", text)
    assert first is not None and first.group().lower() in _QUALIFIER_WORDS


def test_a_preposition_added_to_the_data_is_matched() -> None:
    row = {"words": "no later than", "relation": "until"}
    data = changed(DATA, "relations.prepositions", [*DATA["relations"]["prepositions"], row])
    rows = TimeWordsFile.model_validate(data).relations.prepositions
    pattern = re.compile(rf"(?P<prep>{_preposition_alternation(rows)})\s+$")
    match = pattern.search("signed no later than ")
    assert match is not None and match["prep"] == "no later than"
    assert _preposition_alternation(_WORDS.relations.prepositions) in _PREPOSITION_BEFORE.pattern


def test_a_space_in_an_entry_is_any_whitespace_and_other_characters_are_as_written() -> None:
    assert re.fullmatch(_phrase("local time"), "local \n time")
    assert re.fullmatch(_phrase("UTC+3"), "UTC+3") and not re.fullmatch(_phrase("UTC+3"), "UTCC3")
    assert re.fullmatch(_phrase("rocket-launchers"), "rocket-launchers")


def test_a_hyphenated_count_noun_and_a_zone_with_an_offset_are_accepted() -> None:
    data = changed(DATA, "years.count_nouns", [*DATA["years"]["count_nouns"], "rocket-launchers"])
    data = changed(data, "clock.zones", ["UTC+3", *DATA["clock"]["zones"]])
    words = TimeWordsFile.model_validate(data)
    assert "rocket-launchers" in words.years.count_nouns and "UTC+3" in words.clock.zones


def test_the_trigger_words_come_from_the_lists() -> None:
    named = [*DATA["days"]["named"], {"phrase": "the eve of yesterday", "offset": -2}]
    data = changed(changed(DATA, "days.named", named), "periods.vague", ["formerly"])
    triggers = _trigger_words(TimeWordsFile.model_validate(data))
    assert {"formerly", "yesterday", "weekend", "days", "minute"} <= triggers
    assert not {"recently", "eve", "the"} & triggers
    assert {"formerly", "day", "night"} <= set(_keys(sorted(triggers)))


def test_every_trigger_word_and_name_holds_a_key() -> None:
    for word in (*_TRIGGER_WORDS, *(day.lower() for day in _WORDS.weekdays)):
        assert any(key in word for key in _TRIGGER_KEYS_ANY_CASE), word
    for month in _WORDS.months:
        for name in (month.name, *month.abbreviations):
            assert any(key in name for key in _TRIGGER_KEYS_CASED), name


def _appended(path: str, entry: Any) -> dict[str, Any]:
    node: Any = DATA
    for key in path.split("."):
        node = node[int(key)] if isinstance(node, list) else node[key]
    return changed(DATA, path, [*node, entry])


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (changed(DATA, "colours", ["red"]), "Extra inputs are not permitted"),
        (_appended("periods.qualifiers", "(?:end"), "not a regular expr"),
        (_appended("periods.qualifiers", "(mid)"), "has a capturing group"),
        (changed(DATA, "relations.prepositions.0.relation", "during"),
         "Input should be 'on', 'since'"),
        (changed(DATA, "months.0.number", 13), "less than or equal to 12"),
        (changed(DATA, "months", DATA["months"][::-1]), "in calendar order, numbered 1-12"),
        (changed(DATA, "months.6.abbreviations", ["Jun"]), "shorter prefixes"),
        (changed(DATA, "months.4.abbreviations", ["Ma"]), "shorter prefixes"),
        (changed(DATA, "months.0.name", "Jan uary"), "not one word of letters"),
        (changed(DATA, "weekdays.6", DELETE), "seven days of the week"),
        (changed(DATA, "weekdays.6", "Monday"), "more than once: Monday"),
        (_appended("clauses.joiners", "and"), "more than once: and"),
        (_appended("relations.prepositions", {"words": "since"}), "more than once: since"),
        (_appended("clauses.future_cues", "Will"), "is not in lower case"),
        (_appended("periods.vague", "Lately"), "is not in lower case"),
        (_appended("years.count_nouns", "Troops"), "is not in lower case"),
        (_appended("clauses.reporting_verbs", "said\\s+so"),
         "not words separated by single spaces, each of letters or digits"),
        (_appended("years.count_nouns", "rocket  launchers"),
         "not words separated by single spaces"),
        (_appended("periods.vague", "of-late"), "words of letters separated by single spaces"),
        (changed(DATA, "days.named.5.part", "dusk"), "part not in days.parts"),
        (changed(DATA, "which.last", -7), "greater than or equal to -1"),
        (changed(DATA, "anaphor.prior", 0), "anaphor steps are -1 or 1"),
        (changed(DATA, "relations.prepositions.0.dates", False), "dates_also_a_word needs dates"),
        (changed(DATA, "unit_days", {"day": 1}), "Extra inputs are not permitted"),
    ],
)  # fmt: skip
def test_a_malformed_time_words_file_is_refused(data: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(problem)):
        TimeWordsFile.model_validate(data)


@pytest.mark.parametrize("phrase", ["in March", "last week", "last year", "on Monday", "in 2020"])
def test_a_phrase_counted_past_the_calendars_start_gives_no_date(phrase: str) -> None:
    found = find_time_expressions(f"Jets shelled the town {phrase}.", datetime.date(1, 1, 1))
    assert all(expression.date is None or expression.date.year >= 1 for expression in found)
