"""Event dates: the time phrase that governs an event's trigger, resolved to a calendar date.

The phrase chosen is the nearest one to the trigger, preferring the trigger's own clause.
Phrases relative to another event ("one day after", "the previous day") that the time
module could not resolve inside the sentence are resolved against the document's reference
date (the last event date before, else the publication date). "N days after <trigger>"
dates the trigger's event N days *before* the reference: "The incident comes one day after
the ministry said ..." puts the saying the day before the incident.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from geo.events.model import EventDate
from geo.events.text import Sentence
from geo.events.timex import DatePrecision, TimeExpression, TimeRelation, shift

__all__ = ["choose_expression", "date_event"]

_OTHER_CLAUSE_PENALTY = 150
_UNDATED = EventDate(reason="no time phrase in the sentence")  # frozen: one for every event


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

    def cost(expression: TimeExpression) -> int:
        penalty = 0 if _clause_of(clauses, expression.start) == clause else _OTHER_CLAUSE_PENALTY
        return _distance(expression, trigger_start, trigger_end) + penalty

    return min(expressions, key=cost)


def date_event(
    expressions: Sequence[TimeExpression],
    clauses: Sequence[Sentence],
    trigger_start: int,
    trigger_end: int,
    reference: dt.date | None,
) -> EventDate:
    """The event's date: its phrase resolved, or shifted from ``reference`` when relative.

    ``reference`` is the date relative phrases count from (the last event date before the
    sentence, else the publication date); without it they stay unresolved and say so.
    """
    expression = choose_expression(expressions, clauses, trigger_start, trigger_end)
    if expression is None:
        return _UNDATED
    if expression.resolved and expression.date is not None:
        return EventDate(
            date=expression.date,
            precision=expression.precision,
            text=expression.text,
            reason=expression.reason,
        )
    if expression.relative_days is not None and reference is not None:
        days = expression.relative_days
        after = (
            expression.relation == TimeRelation.AFTER or " after" in f" {expression.text.lower()}"
        )
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
    return EventDate(text=expression.text, reason=expression.reason)
