"""Event dates: the time phrase that governs an event's trigger, resolved to a calendar date.

An event takes the nearest phrase to its trigger, its own clause first, then the rest of
its sentence. An event whose sentence has no time phrase falls back, widest last, on
(see :class:`DateScopes`):

1. its paragraph's leading date: a phrase that opens the paragraph, possibly after a
   dateline ("On 3 May 2020, X shelled Y. Z was killed." dates both events);
2. the headline's date ("Car bomb kills 12 in Baghdad on Friday");
3. "on or before" the report's date: the date in the dateline ("BAGHDAD, May 3
   (Reuters) -"), else the publication date. A report cannot tell of what has not happened
   yet, and news reports what happened on that day or the few days before it, so the
   event is dated :attr:`~geo.events.timex.DatePrecision.ON_OR_BEFORE` that day: it
   happened between :data:`ON_OR_BEFORE_DAYS` days before it and that day. A vague phrase
   ("recently", "earlier") gives the same, since it names no day either.

Only a document with neither a publication date nor a dateline leaves such an event
undated (``date`` None, precision unknown).

Phrases relative to another event ("one day after", "the previous day") that the time
module could not resolve inside the sentence are resolved against the document's reference
date (the last event date before, else the publication date). "N days after <trigger>"
dates the trigger's event N days *before* the reference: "The incident comes one day after
the ministry said ..." puts the saying the day before the incident.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from geo.events.model import ON_OR_BEFORE_DAYS, EventDate
from geo.events.text import Sentence
from geo.events.timex import (
    NOUN_PARTICIPLE_BEFORE,
    DatePrecision,
    TimeAnchor,
    TimeExpression,
    TimeRelation,
    find_time_expressions,
    shift,
)

__all__ = ["ON_OR_BEFORE_DAYS", "DateScopes", "choose_expression", "date_event"]

_SPACE = re.compile(r"\s*")
_OTHER_CLAUSE_PENALTY = 150
_UNDATED = EventDate(reason="no time phrase in the sentence")  # frozen: one for every event
_OPENING_REACH = 400  # characters of a paragraph's start searched for its leading phrase
_PHRASE_REACH = 60  # a leading phrase is first looked for in this many characters
_DATELINE_LINES = 3  # the dateline is in the first lines: headline, byline, first paragraph
_DATELINE_REACH = 80  # a dateline's date starts this close to its paragraph's start

# What may stand before a paragraph's leading phrase: a dateline ("BAGHDAD, May 3 (Reuters)
# -", "Deir ez-Zor (SANA) -", "ALEPPO:") or a short label ending in a colon ("Movement of
# forces:"). A date inside the dateline is the report's date, not the event's.
_PLACE = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z]|[a-z]{1,3}-[A-Z])[\w'’.-]*){0,3}"
_DATELINE_TAIL = r"(?:,?\s+[A-Z0-9][\w.]*){0,4}"
_OPENING = re.compile(
    r"\s*(?:(?P<dateline>" + _PLACE + r"(?:," + _DATELINE_TAIL + r")?\s*(?:\([^()\n]{1,40}\))?"
    r"\s*[-\u2013\u2014:]+)|[A-Z][\w ,'’-]{0,40}?:)?\s*"
)


def _after_space(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    return match.end() if match is not None else position


def _distance(expression: TimeExpression, start: int, end: int) -> int:
    if expression.end <= start:
        return int(start - expression.end)
    if expression.start >= end:
        return int(expression.start - end)
    return 0


def _clause_of(clauses: Sequence[Sentence], position: int) -> int:
    for index, clause in enumerate(clauses):
        if clause.start <= position < clause.end:
            return index
    return -1


def choose_expression(
    expressions: Sequence[TimeExpression],
    clauses: Sequence[Sentence],
    trigger_start: int,
    trigger_end: int,
) -> TimeExpression | None:
    """The time phrase governing the trigger: the nearest, a phrase in its own clause first."""
    if not expressions:
        return None
    clause = _clause_of(clauses, trigger_start)
    expressions = [
        e for e in expressions if not _counts_to_another_event(e, clauses, clause, trigger_start)
    ] or expressions
    if any(e.anchor == TimeAnchor.ABSOLUTE and e.resolved for e in expressions):
        expressions = [
            e
            for e in expressions
            if not _relates_it_to_another_event(e, trigger_end)
            and not _dates_a_thing_named_after(e, clauses, trigger_end)
        ] or expressions
    if any(e.relation == TimeRelation.ON and e.resolved for e in expressions):
        # "On 28 September 2017, forces set up a base at the site, which has been shut
        # since 2015": a thing's state since, told after the event, dates no event where
        # the sentence gives a day ("detained since 2019, was sentenced on Monday" keeps it)
        expressions = [
            e for e in expressions if not _a_thing_s_state_since(e, clauses, trigger_end)
        ] or expressions

    def cost(expression: TimeExpression) -> int:
        penalty = 0 if _clause_of(clauses, expression.start) == clause else _OTHER_CLAUSE_PENALTY
        return _distance(expression, trigger_start, trigger_end) + penalty

    return min(expressions, key=cost)


def _counts_to_another_event(
    expression: TimeExpression, clauses: Sequence[Sentence], clause: int, trigger_start: int
) -> bool:
    """ "On 8 May, two days after parliamentary elections, supporters exchanged fire": the
    phrase dates the elections named right after it, not an event past a comma or in a
    clause after it."""
    if not (
        expression.anchor == TimeAnchor.EVENT
        and expression.relative_days is not None
        and expression.end <= trigger_start
        and any(f" {word}" in f" {expression.text.lower()}" for word in ("after", "before"))
    ):
        return False
    own = _clause_of(clauses, expression.start)
    if own != clause or own < 0:
        return True
    sentence = clauses[own]
    return "," in sentence.text[expression.end - sentence.start : trigger_start - sentence.start]


_RELATIVE_CLAUSE_OF_A_THING = re.compile(r",\s*(?:which|where)\b[^,;]*$")


def _a_thing_s_state_since(
    expression: TimeExpression, clauses: Sequence[Sentence], trigger_end: int
) -> bool:
    """A "since" phrase in a relative clause after the event ("the site, which has been shut
    since 2015")."""
    own = _clause_of(clauses, expression.start)
    if expression.relation != TimeRelation.SINCE or own < 0:
        return False
    clause = clauses[own]
    before = clause.text[: expression.start - clause.start]
    opener = _RELATIVE_CLAUSE_OF_A_THING.search(before)
    return opener is not None and clause.start + opener.start() >= trigger_end


def _relates_it_to_another_event(expression: TimeExpression, trigger_end: int) -> bool:
    """ "On 19 November 2017, forces regained the town, more than a week after IS had pushed
    them out": a phrase after the event counting from another says how far apart the two
    are; the event's own date is the one the sentence gives."""
    return (
        expression.anchor == TimeAnchor.EVENT
        and expression.relative_days is not None
        and expression.start >= trigger_end
        and any(f" {word}" in f" {expression.text.lower()}" for word in ("after", "before"))
    )


def _dates_a_thing_named_after(
    expression: TimeExpression, clauses: Sequence[Sentence], trigger_end: int
) -> bool:
    """ "On 26 June 2019, forces regained Gharyan, capturing the operations room for the
    Tripoli offensive launched on 4 April; dozens of fighters were killed": a date behind a
    participle ("launched on") dates the thing the participle follows (the offensive), no
    other event of the sentence."""
    own = _clause_of(clauses, expression.start)
    if own < 0:
        return False
    clause = clauses[own]
    offset = expression.start - clause.start
    participle = NOUN_PARTICIPLE_BEFORE.search(clause.text, max(0, offset - 30), offset)
    if participle is None:
        return False
    thing_end = clause.start + participle.start()
    if trigger_end > thing_end and trigger_end - len(participle.group()) <= thing_end + 2:
        return False  # the participle is the trigger: "Sirte was captured on 12 May"
    return not thing_end - 2 <= trigger_end <= thing_end


def _resolve(
    expression: TimeExpression, trigger_start: int, reference: dt.date | None
) -> EventDate | None:
    """The phrase as a date, shifted from ``reference`` when relative; None if it gives none."""
    if expression.resolved and expression.date is not None:
        return EventDate(
            date=expression.date,
            precision=expression.precision,
            text=expression.text,
            reason=expression.reason,
        )
    if expression.relative_days is None or reference is None:
        return None
    days = expression.relative_days
    after = expression.relation == TimeRelation.AFTER or " after" in f" {expression.text.lower()}"
    if after and expression.end <= trigger_start:
        days = -abs(days)  # "one day after <the trigger's event>": it came first
    elif after:
        days = 0  # "<the trigger's event> comes one day after ...": it is the reference
    shifted = shift(expression.model_copy(update={"relative_days": days}), reference)
    return EventDate(
        date=shifted.date,
        precision=shifted.precision if shifted.date else DatePrecision.UNKNOWN,
        text=expression.text,
        reason=f"{expression.text!r} counted from {reference.isoformat()}: {shifted.reason}",
    )


class _Opening(NamedTuple):
    """The start of a paragraph: its dateline and the dateline's dates, its leading phrase."""

    start: int
    dateline_end: int  # -1 without a dateline
    dateline: tuple[TimeExpression, ...]
    leading: TimeExpression | None


class DateScopes:
    """The dates of one document that an event without a time phrase of its own falls back
    on: its paragraph's leading date, the headline's date, "on or before" the report's date.

    A paragraph is a line of the text (a newline ends a sentence and a paragraph alike:
    :mod:`geo.events.text`). Phrases relative to another event in a paragraph's leading
    phrase ("The next day, ...") count from the reference as the paragraph began: the one
    given the first time the paragraph is asked about. Events are asked about in text order.

    >>> scopes = DateScopes("Clashes in Idlib\\n\\nOn 3 May 2020, jets struck. Two died.",
    ...                     None, dt.date(2020, 5, 4))
    >>> scopes.fallback(48, dt.date(2020, 5, 4)).date
    datetime.date(2020, 5, 3)
    >>> scopes.fallback(5, dt.date(2020, 5, 4)).precision.value
    'on_or_before'
    """

    def __init__(self, text: str, title: str | None, published: dt.date | None) -> None:
        self.text = text
        self.title = title
        self.published = published
        self._references: dict[int, dt.date | None] = {}
        self._leading: dict[int, EventDate | None] = {}
        self._openings: dict[int, _Opening] = {}
        self._on_or_before: dict[str, EventDate | None] = {}
        self._last_start = 0

    def _paragraph_start(self, position: int) -> int:
        """The start of the line holding ``position``; searched back only to the last one
        found, as events come in text order (a long one-line text stays linear)."""
        low = self._last_start if self._last_start <= position else 0
        start = self.text.rfind("\n", low, position) + 1 or low
        self._last_start = start
        return start

    def _opening(self, start: int) -> _Opening:
        """The paragraph's dateline (and its dates) and the phrase that opens its body."""
        if start in self._openings:
            return self._openings[start]
        end = self.text.find("\n", start, start + _OPENING_REACH)
        end = end if end >= 0 else min(len(self.text), start + _OPENING_REACH)
        lead = _after_space(self.text, start)
        match = _OPENING.match(self.text, lead, end)
        dateline_end = match.end("dateline") if match and match["dateline"] else -1
        dateline: tuple[TimeExpression, ...] = ()
        if dateline_end > 0:
            text = self.text[lead:dateline_end]
            dateline = tuple(find_time_expressions(text, self.published, offset=lead))
            if dateline and dateline[0].start == lead:  # "On Saturday - ...": no dateline
                dateline_end, dateline = -1, ()
        leading = None
        for position in (lead, match.end()) if match is not None else (lead,):
            if position >= dateline_end:
                leading = self._phrase_at(position, end)
                if leading is not None:
                    break
        opening = _Opening(start, dateline_end, dateline, leading)
        self._openings[start] = opening
        return opening

    def _phrase_at(self, position: int, end: int) -> TimeExpression | None:
        """The time phrase starting at ``position``, read up to ``end`` (its clause decides
        whether a bare weekday is past or future); a short window is tried first, as most
        paragraphs open with none."""
        for stop in (min(end, position + _PHRASE_REACH), end):
            found = find_time_expressions(self.text[position:stop], self.published, offset=position)
            if not found or found[0].start != position:
                return None
            if stop == end:
                return found[0]
        return None  # pragma: no cover - the loop returns

    def in_dateline(self, expression: TimeExpression) -> bool:
        """Whether ``expression`` is the date of a dateline ("BAGHDAD, May 3 (Reuters) -")."""
        start = self._paragraph_start(expression.start)
        if expression.start - start > _DATELINE_REACH:
            return False
        return expression.end <= self._opening(start).dateline_end

    def note_reference(self, position: int, reference: dt.date | None) -> None:
        """Remember the reference as the paragraph of ``position`` began (the first call)."""
        self._references.setdefault(self._paragraph_start(position), reference)

    def paragraph_date(self, position: int) -> EventDate | None:
        """The date of the phrase opening the paragraph of ``position``, if one does."""
        start = self._paragraph_start(position)
        if start not in self._leading:
            self._leading[start] = self._leading_date(self._opening(start))
        return self._leading[start]

    def _leading_date(self, opening: _Opening) -> EventDate | None:
        first = opening.leading
        if first is None or first.relation != TimeRelation.ON:
            return None
        date = _resolve(first, first.end, self._references.get(opening.start, self.published))
        if date is None or date.date is None:
            return None
        return date.model_copy(
            update={"reason": f"the paragraph opens with {first.text!r}: {date.reason}"}
        )

    @functools.cached_property
    def headline_date(self) -> EventDate | None:
        """The date a time phrase of the headline gives, if any (a year is too coarse)."""
        if not self.title:
            return None
        opening = _OPENING.match(self.title)
        dateline_end = opening.end("dateline") if opening and opening["dateline"] else -1
        for expression in find_time_expressions(self.title, self.published):
            if (
                expression.end > dateline_end
                and expression.resolved
                and expression.date is not None
                and expression.relation == TimeRelation.ON
                and expression.precision != DatePrecision.YEAR
            ):
                return EventDate(
                    date=expression.date,
                    precision=expression.precision,
                    text=expression.text,
                    reason=f"the headline's date {expression.text!r}: {expression.reason}",
                )
        return None

    @functools.cached_property
    def report_date(self) -> tuple[dt.date, str] | None:
        """The day the report was filed, and why: its dateline's date, else publication."""
        start = 0
        for _ in range(_DATELINE_LINES):
            start = _after_space(self.text, start)
            if start >= len(self.text):
                break
            for expression in self._opening(start).dateline:
                if (
                    expression.resolved
                    and expression.date is not None
                    and expression.precision == DatePrecision.DAY
                ):
                    return expression.date, f"the dateline says {expression.text!r}"
            end = self.text.find("\n", start)
            if end < 0:
                break
            start = end + 1
        if self.published is not None:
            return self.published, f"published {self.published.isoformat()}"
        return None

    def on_or_before(self, why: str) -> EventDate | None:
        """On or before the report's date, or None in a document with no date at all."""
        if why not in self._on_or_before:  # frozen: one for every event with the same why
            self._on_or_before[why] = self._bounded_by_report(why)
        return self._on_or_before[why]

    def _bounded_by_report(self, why: str) -> EventDate | None:
        report = self.report_date
        if report is None:
            return None
        day, source = report
        return EventDate(
            date=day,
            precision=DatePrecision.ON_OR_BEFORE,
            reason=f"{why}; reported on {day.isoformat()} ({source}): on that day or up to "
            f"{ON_OR_BEFORE_DAYS} days before",
        )

    def fallback(self, position: int, reference: dt.date | None) -> EventDate:
        """The date of an event at ``position`` whose sentence has no time phrase."""
        self.note_reference(position, reference)
        return (
            self.paragraph_date(position)
            or self.headline_date
            or self.on_or_before("no time phrase")
            or _UNDATED
        )


def _reference_for(
    expression: TimeExpression, expressions: Sequence[TimeExpression], reference: dt.date | None
) -> dt.date | None:
    """What a relative phrase counts from: a day its own sentence gives before it ("On 29
    December, people protested in Kashmar, a day after the first protests in Mashhad": the
    28th), else the document's ``reference``."""
    if expression.resolved or expression.relative_days is None:
        return reference
    before = [
        e.date
        for e in expressions
        if e.resolved
        and e.date is not None
        and e.precision is DatePrecision.DAY
        and e.end <= expression.start
    ]
    return before[-1] if before else reference


def date_event(
    expressions: Sequence[TimeExpression],
    clauses: Sequence[Sentence],
    trigger_start: int,
    trigger_end: int,
    reference: dt.date | None,
    scopes: DateScopes | None = None,
) -> EventDate:
    """The event's date: its phrase resolved, or shifted from ``reference`` when relative.

    ``reference`` is the date relative phrases count from (the last event date before the
    sentence, else the publication date); without it they stay unresolved and say so.
    Without a phrase, or with a vague one, ``scopes`` (the document's wider dates) decide;
    without ``scopes`` such an event is undated.
    """
    if scopes is not None:
        scopes.note_reference(trigger_start, reference)
        expressions = [e for e in expressions if not scopes.in_dateline(e)]
    expression = choose_expression(expressions, clauses, trigger_start, trigger_end)
    if expression is None:
        return scopes.fallback(trigger_start, reference) if scopes is not None else _UNDATED
    date = _resolve(expression, trigger_start, _reference_for(expression, expressions, reference))
    if date is not None:
        return date
    if expression.relative_days is None and scopes is not None and scopes.published:
        # With a publication date only a vague phrase stays unresolved: "recently".
        vague = scopes.on_or_before(f"{expression.text!r} names no day")
        if vague is not None:
            return vague.model_copy(update={"text": expression.text})
    return EventDate(text=expression.text, reason=expression.reason)
