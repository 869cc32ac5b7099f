"""Time expressions: find dates in news text and resolve them against the publication date.

News copy rarely writes full dates. "The Pentagon said Tuesday", "last month", "the previous
day" only mean something against the article's publication date (or another date in the
text), so every :class:`TimeExpression` keeps the calendar date it resolved to, how precise
that date is, what it was resolved against and a short human-readable ``reason``.

Conventions (wire-copy habits, documented so every stage reads the same thing):

* A date always means the *first day* of its period: a month resolves to its 1st, a year to
  1 January, a week (and a weekend) to the Monday of that ISO week.
* A bare weekday ("on Sunday", "Tuesday night") is the most recent such day on or before
  publication, the publication day included. With a future cue in the same clause ("will",
  "is to", "plans to", "scheduled", "expected to") or right before it ("starting", "from",
  "next") it is the next such day on or after publication. A reporting verb right next to it
  ("said Tuesday", "on Monday said") keeps it in the past whatever the clause says; a cue
  after it across "and"/"which"/... belongs to another clause, and one after it with a
  determiner before it modifies a noun ("fought on Saturday over the planned return").
  "next Monday" is the first Monday after publication, "last Monday" the last one before it.
* A bare month ("in April") is the most recent such month on or before the publication
  month, or the coming one (the current month included) with a future cue.
* A day and month without a year ("on 3 May", "July 10") take the year that puts them on or
  after publication with a future cue, otherwise the year that puts them closest to it,
  a future date counting double distance (news mostly reports what already happened).
  After a date written with its year in the same text, they are read against that date
  instead ("On 19 November 2017 ... lost on 11 November" is 11 November 2017).
* "the previous day", "a day later", "two days later" carry ``relative_days`` and resolve
  against the nearest earlier day-precise expression of the same text; "one day after the
  ministry said ..." points at an event named *after* it, so it stays unresolved with
  ``anchor == "event"`` for the event stage to :func:`shift`.
* Decades ("the 1990s") are skipped: a decade is too coarse to date an event and reading it
  as its first year would mislead. Ambiguous numeric dates ("3/5/2020") are skipped too.
* A bare year needs a date-like context ("in 2015", "since 2015", "mid-2016", "the 2016
  election") and must lie in 1900-2100, so "1500 troops" and "Resolution 2254" are not years.
* "recently", "earlier", "in recent days" are found but unresolved, precision UNKNOWN.
* Without a publication date only absolute expressions ("3 May 2020", "in 2015") resolve.

Vocabulary: the words all this is read with (month and weekday names, number words,
named days, prepositions and their relations, future cues, reporting verbs ...) are
reviewed data in ``time_words.toml`` beside this module, validated at import by
:class:`TimeWordsFile`. The grammar, how the words combine, stays here: every rule pattern
is built from the loaded words, and so are the trigger words the scan looks for.

Speed: every regular expression is compiled at import. Instead of scanning each character
with the combined rule regex, the scan looks for trigger words with ``str.find`` and tries
the rules only at the few words just before each trigger (see ``_candidate_matches``). On
ASCII text the ignore-case searches run as case-sensitive ones on the lower-cased text.

>>> import datetime
>>> [(e.text, str(e.date)) for e in find_time_expressions(
...     "The Pentagon said Tuesday that talks resume on July 10.", datetime.date(2017, 6, 20))]
[('Tuesday', '2017-06-20'), ('on July 10', '2017-07-10')]
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise
from typing import Annotated, NamedTuple

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from geo.errors import InputError
from geo.vocabulary import (
    LowerAlternatives,
    LowerWords,
    Vocabulary,
    alternation,
    distinct,
    in_lower_case,
    load_vocabulary,
)

__all__ = [
    "NOUN_PARTICIPLE_BEFORE",
    "DatePrecision",
    "TimeAnchor",
    "TimeExpression",
    "TimeRelation",
    "TimeWordsFile",
    "find_time_expressions",
    "shift",
]


class DatePrecision(StrEnum):
    """How much of ``TimeExpression.date`` is meaningful."""

    DAY = "day"
    WEEK = "week"  # date is the Monday of the ISO week
    MONTH = "month"  # date is the 1st of the month
    YEAR = "year"  # date is 1 January
    # date is the latest day it can be: the day the report was filed. Only an event
    # carries it (geo.events.dating), never a time expression: it says the text gives no
    # date, but a dated report cannot tell of what has not happened yet.
    ON_OR_BEFORE = "on_or_before"
    UNKNOWN = "unknown"


class TimeRelation(StrEnum):
    """How the phrase relates the event to the date ("since 2015" -> SINCE)."""

    ON = "on"
    SINCE = "since"
    STARTING = "starting"
    UNTIL = "until"
    BEFORE = "before"
    AFTER = "after"


class TimeAnchor(StrEnum):
    """What the date was (or must be) resolved against."""

    ABSOLUTE = "absolute"  # the text itself names the date
    PUBLICATION = "publication"  # relative to the article's publication date
    PREVIOUS_EXPRESSION = "previous_expression"  # relative to an earlier date in the text
    EVENT = "event"  # relative to an event's date, resolved later with shift()


class TimeExpression(BaseModel):
    """One time expression, with offsets into the original text (``offset`` added)."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    date: datetime.date | None = Field(
        default=None, description="First day of the period; None when unresolved."
    )
    precision: DatePrecision = DatePrecision.UNKNOWN
    relation: TimeRelation = TimeRelation.ON
    anchor: TimeAnchor = TimeAnchor.ABSOLUTE
    resolved: bool = False
    reason: str = ""
    relative_days: int | None = Field(
        default=None,
        description="Offset from another date: 'the previous day' = -1, 'a week later' = +7.",
    )
    clock_time: datetime.time | None = Field(
        default=None, description="Clock time attached to the date ('at 12:30 am on Tuesday')."
    )
    part_of_day: str | None = Field(
        default=None, description="'morning', 'afternoon', 'evening', 'night', 'early', 'late'."
    )


# --------------------------------------------------------------------------------------
# Vocabulary: time_words.toml beside this module, validated at import
# --------------------------------------------------------------------------------------


def _is_name(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z]+", name):
        raise ValueError(f"{name!r} is not one word of letters")
    return name


def _is_scanned_phrase(phrase: str) -> str:
    if not re.fullmatch(r"[A-Za-z]+(?: [A-Za-z]+)*", phrase):
        raise ValueError(f"{phrase!r} is not words of letters separated by single spaces")
    return phrase


_WORD = r"[^\W_]+(?:[-+.'’/:][^\W_]+)*"


def _is_phrase(phrase: str) -> str:
    if not re.fullmatch(f"{_WORD}(?: {_WORD})*", phrase):
        raise ValueError(
            f"{phrase!r} is not words separated by single spaces, each of letters or digits"
            " (joined by - + . ' ’ / : inside a word)"
        )
    return phrase


Name = Annotated[str, AfterValidator(_is_name)]
"""A month or weekday name or abbreviation: one word of ASCII letters, as the scan splits
text into words."""
ScannedPhrase = Annotated[str, AfterValidator(_is_scanned_phrase)]
"""Words of ASCII letters separated by single spaces: a phrase inside an expression, which
the scan walks through word by word."""
LowerScannedPhrase = Annotated[ScannedPhrase, AfterValidator(in_lower_case)]
Phrase = Annotated[str, AfterValidator(_is_phrase)]
"""Words separated by single spaces, each of letters or digits joined by ``- + . ' ’ / :``
("rocket-launchers", "UTC+3"): a phrase matched around an expression, never scanned for."""
LowerPhrase = Annotated[Phrase, AfterValidator(in_lower_case)]
Names = Annotated[tuple[Name, ...], AfterValidator(distinct)]
Phrases = Annotated[tuple[Phrase, ...], AfterValidator(distinct)]
LowerPhrases = Annotated[tuple[LowerPhrase, ...], AfterValidator(distinct)]
LowerScannedPhrases = Annotated[tuple[LowerScannedPhrase, ...], AfterValidator(distinct)]
Step = Annotated[int, Field(ge=-1, le=1)]


class Month(Vocabulary):
    """A month: its name, its number and the abbreviations news copy writes."""

    name: Name
    number: int = Field(ge=1, le=12)
    abbreviations: Names = ()
    also_a_word: bool = False

    @model_validator(mode="after")
    def _abbreviations_are_prefixes(self) -> Month:
        name = self.name
        wrong = [a for a in self.abbreviations if len(a) < 3 or a == name or not name.startswith(a)]
        if wrong:
            problem = "abbreviations are shorter prefixes of the name, at least three letters"
            raise ValueError(f"{name}: {problem}: {', '.join(wrong)}")
        return self


class NamedDay(Vocabulary):
    """A day named relative to publication ("yesterday"), and the part of the day it names."""

    phrase: LowerScannedPhrase
    offset: int
    part: LowerScannedPhrase | None = None


class LeadIn(Vocabulary):
    """A phrase naming a part of a day before a date ("the night of"), and that part."""

    phrase: LowerPhrase
    part: LowerScannedPhrase


class Days(Vocabulary):
    """Parts of a day, days named relative to publication, phrases naming a part of a day
    before a date ("the night of"), and words that make a weekday a name ("Black Monday")
    or a title ("Sunday Times")."""

    parts: LowerScannedPhrases
    named: tuple[NamedDay, ...]
    lead_ins: tuple[LeadIn, ...] = ()
    weekday_name_before: Phrases
    weekday_title_after: Phrases
    date_name_after: LowerScannedPhrases = ()

    @model_validator(mode="after")
    def _named_days_are_known(self) -> Days:
        distinct(tuple(day.phrase for day in self.named))
        unknown = [d.phrase for d in self.named if d.part is not None and d.part not in self.parts]
        if unknown:
            raise ValueError(f"named days with a part not in days.parts: {', '.join(unknown)}")
        distinct(tuple(lead.phrase for lead in self.lead_ins))
        parts = {*self.parts, "early", "late"}
        unknown = [lead.phrase for lead in self.lead_ins if lead.part not in parts]
        if unknown:
            raise ValueError(
                f"lead-ins with a part not in days.parts (or early, late): {', '.join(unknown)}"
            )
        return self


class Periods(Vocabulary):
    """Qualifiers of a period ("early", "the end of") and vague time words ("recently")."""

    qualifiers: LowerAlternatives
    qualifier_first_words: LowerWords
    vague: LowerScannedPhrases


class Preposition(Vocabulary):
    """A preposition before a time expression and what it says about the date."""

    words: LowerPhrase
    followed_by: LowerPhrases = ()
    relation: TimeRelation = TimeRelation.ON
    future: bool = False
    dates: bool = False
    dates_also_a_word: bool = False

    @model_validator(mode="after")
    def _dating_a_word_dates(self) -> Preposition:
        if self.dates_also_a_word and not self.dates:
            raise ValueError(f"{self.words}: dates_also_a_word needs dates")
        return self


class Relations(Vocabulary):
    """The prepositions before a time expression, in matching order."""

    prepositions: tuple[Preposition, ...]

    @model_validator(mode="after")
    def _one_row_a_preposition(self) -> Relations:
        distinct(tuple(row.words for row in self.prepositions))
        return self


class Clauses(Vocabulary):
    """Future cues, reporting verbs, determiners and clause joiners: what makes a bare date
    future."""

    future_cues: LowerAlternatives
    reporting_verbs: Phrases
    determiners: Annotated[LowerPhrases, Field(min_length=1)]
    joiners: Phrases
    noun_participles: Phrases  # "the offensive launched on 4 April": another thing's date


class Years(Vocabulary):
    """Nouns after a number that make it a count, not a year ("1990 troops")."""

    count_nouns: LowerPhrases


class Clock(Vocabulary):
    """Words that introduce a clock time, and the time zones that may follow it."""

    prepositions: LowerPhrases
    zones: Phrases


class TimeWordsFile(Vocabulary):
    """``time_words.toml``: the words time expressions are found and resolved with."""

    months: tuple[Month, ...]
    weekdays: Names
    number_words: dict[LowerScannedPhrase, int]
    days: Days
    which: dict[LowerScannedPhrase, Step]
    anaphor: dict[LowerScannedPhrase, Step]
    periods: Periods
    relations: Relations
    clauses: Clauses
    years: Years
    clock: Clock

    @model_validator(mode="after")
    def _consistent(self) -> TimeWordsFile:
        problems = self._calendar_problems()
        if 0 in self.anaphor.values():
            problems.append("anaphor steps are -1 or 1")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def _calendar_problems(self) -> list[str]:
        problems = []
        if [month.number for month in self.months] != list(range(1, 13)):
            problems.append("months must be the twelve months in calendar order, numbered 1-12")
        names = [name for m in self.months for name in (m.name, *m.abbreviations)]
        if len(set(names)) != len(names):
            problems.append("a month name or abbreviation is listed more than once")
        if len(self.weekdays) != 7:
            problems.append("weekdays must be the seven days of the week, Monday first")
        return problems


_WORDS = load_vocabulary("geo.events", "time_words.toml", TimeWordsFile)


def _phrase(phrase: str) -> str:
    r"""An entry of a word list as a regex: its words as written, separated by any whitespace.

    >>> print(_phrase("local time"), _phrase("UTC+3"))
    local\s+time UTC\+3
    """
    return r"\s+".join(re.escape(word) for word in phrase.split(" "))


def _alternatives(phrases: Iterable[str]) -> str:
    r"""The entries of a word list as one regex unit, in their order.

    >>> print(_alternatives(["at", "shortly after"]))
    (?:at|shortly\s+after)
    """
    return alternation([_phrase(phrase) for phrase in phrases])


def _first_words(phrases: Iterable[str]) -> set[str]:
    return {phrase.split(" ")[0] for phrase in phrases}


def _last_words(phrases: Iterable[str]) -> set[str]:
    return {phrase.split(" ")[-1] for phrase in phrases}


def _words_before_the_last(phrases: Iterable[str]) -> set[str]:
    return {word for phrase in phrases for word in phrase.split(" ")[:-1]}


_MONTHS = [month.name for month in _WORDS.months]
_ABBREVIATIONS = [abbreviation for month in _WORDS.months for abbreviation in month.abbreviations]
_MONTH_NUMBER: dict[str, int] = {month.name: month.number for month in _WORDS.months}
_MONTH_NUMBER.update(
    {abbreviation: month.number for month in _WORDS.months for abbreviation in month.abbreviations}
)
_WEEKDAYS = list(_WORDS.weekdays)
_WEEKDAY_NUMBER = {name: i for i, name in enumerate(_WEEKDAYS)}

# "the" counts one only in the count rule ("the day before"), which names it itself.
_NUMBER_WORDS: dict[str, int] = {**_WORDS.number_words, "the": 1}
# The units of a count ("two days later"), with the days in one unit. The count rules give
# each its own arithmetic: hours and minutes stay on the same day, months and years are
# calendar steps (_add_months), not days.
_UNIT_DAYS = {"day": 1, "week": 7, "hour": 0, "minute": 0}
_UNITS = (*_UNIT_DAYS, "month", "year")
_ANAPHOR_UNITS = ("day", "morning", "evening", "night", "week")  # "the previous morning"

_AMBIGUOUS_MONTHS = frozenset(month.name for month in _WORDS.months if month.also_a_word)

_MONTH_FULL = _alternatives(_MONTHS)
# Longer abbreviations first ("Sept" before "Sep"), and the dot after one taken in look-behinds
# of one width each (a look-behind matches a fixed width).
_MONTH_ANY = _alternatives([*_MONTHS, *sorted(_ABBREVIATIONS, key=len, reverse=True)])
_ABBREVIATION_DOT = (
    "(?:"
    + "|".join(
        f"(?<={_alternatives(a for a in _ABBREVIATIONS if len(a) == width)})\\."
        for width in sorted({len(a) for a in _ABBREVIATIONS})
    )
    + ")?"
)
_WEEKDAY = _alternatives(_WEEKDAYS)
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19\d\d|20\d\d|2100)(?!\d)"
# "17-18 January 2022", "the night of 4-5 April", "2 and 3 May", "1 to 3 May": a span of
# days is dated by its first day.
_TO_DAY = (
    r"(?:(?:\s?[-\u2013]\s?|\s+(?:to|and)\s+)(?P<to>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)"
    r"(?![\d:]))?"
)
_NUM = alternation([r"\d{1,3}", *(_phrase(word) for word in _WORDS.number_words)])
_PERIOD_QUALIFIER = alternation(_WORDS.periods.qualifiers)
_PART_OF_DAY = _alternatives(_WORDS.days.parts)
_NAMED_DAY = _alternatives(day.phrase for day in _WORDS.days.named)
_WHICH = _alternatives(_WORDS.which)
_ANAPHOR = _alternatives(_WORDS.anaphor)
_VAGUE = _alternatives(_WORDS.periods.vague)

_NAMED_DAY_OFFSET = {day.phrase: day.offset for day in _WORDS.days.named}
_NAMED_DAY_PART = {day.phrase: day.part for day in _WORDS.days.named if day.part is not None}
_WHICH_STEP = dict(_WORDS.which)
# "this past" is grammar of the period and weekend rules only: the weekday and month rules
# read "this past Monday" as "past Monday", the same day.
_PERIOD_WHICH_STEP = {"this past": -1, **_WHICH_STEP}
_PERIOD_WHICH = _alternatives(_PERIOD_WHICH_STEP)
_ANAPHOR_STEP = dict(_WORDS.anaphor)

# A range's second day right after the first's month and a dash: "31 October-1 November
# 2021" (the month's last three letters, as a lookbehind needs one width)
_AFTER_MONTH_DASH = (
    r"(?<=(?:ary|rch|ril|May|une|uly|ust|ber|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|ept|Oct|Nov|Dec)"
    r"[-–])"
)

# Ordered: at one position the first alternative that matches wins, so longer and more
# specific forms come before the shorter forms they contain.
_RULE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"(?<![\w-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
            r"(?![\w-])"),
    ("slash", r"(?<![\w/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>" + _YEAR
              + r")(?![\w/-]|\.\d)"),
    ("dmy", r"(?:(?P<wd>" + _WEEKDAY + r"),?\s+(?:the\s+)?)?(?:(?<![\w,.$£€-])|" + _AFTER_MONTH_DASH
            + r")(?P<d>" + _DAYNUM
            + r")" + _TO_DAY + r"(?:\s+of)?\s+(?P<m>" + _MONTH_ANY + r")\b" + _ABBREVIATION_DOT
            + r"(?:,?\s+(?P<y>" + _YEAR + r"))?"),
    ("mdy", r"(?:(?P<wd>" + _WEEKDAY + r"),?\s+)?(?P<m>" + _MONTH_ANY + r")\b" + _ABBREVIATION_DOT
            + r"\s+(?P<d>" + _DAYNUM + r")" + _TO_DAY + r"(?![\w:]|[.,]\d)(?:,?\s+(?P<y>" + _YEAR
            + r"))?"),
    ("month_year", r"(?:(?P<qual>(?i:" + _PERIOD_QUALIFIER + r"))[\s-]+)?(?P<m>" + _MONTH_ANY
                   + r")\b" + _ABBREVIATION_DOT + r"(?:\s+of)?,?\s+(?P<y>" + _YEAR + r")"),
    ("named_day", r"(?i:(?:(?P<qual>early|late|earlier|later)\s+)?(?P<word>" + _NAMED_DAY
                  + r")(?:\s+(?P<pod>" + _PART_OF_DAY + r"))?)\b"),
    ("anaphor", r"(?i:(?P<in_day>(?:later|earlier)\s+in\s+the\s+day)"
                r"|(?:(?P<later>later|earlier)\s+)?(?P<word>the\s+" + _ANAPHOR + r"\s+"
                + alternation(_ANAPHOR_UNITS) + r"|the\s+same\s+day|that\s+(?:same\s+)?day))\b"),
    ("count", r"(?i:(?:(?P<n>" + _NUM + r"|the)\s+)?(?P<unit>" + alternation(_UNITS) + r")s?\s+"
              r"(?P<dir>later|earlier|afterwards?|after|before|ago))\b"),
    ("since_period", r"(?i:the\s+(?:past|last)\s+(?:(?P<n>" + _NUM + r")\s+)?(?P<unit>day|week"
                     r"|month|year)s?)\b(?!\s+of\b)"),
    ("weekend", r"(?i:(?:(?P<which>" + _PERIOD_WHICH + r")|(?P<the>the))\s+weekend)\b"),
    ("period", r"(?i:(?:(?P<qual>earlier|later|" + _PERIOD_QUALIFIER + r")[\s-]+)?(?P<which>"
               + _PERIOD_WHICH + r")\s+(?P<unit>week|month|year))\b(?!\s+of\b)"),
    ("weekday", r"(?:(?P<qual>(?i:late|early|earlier|later))\s+(?:on\s+)?)?(?:(?P<which>(?i:"
                + _WHICH + r"))\s+)?(?P<wd>" + _WEEKDAY + r")\b(?:['’]s\b|\s+"
                r"(?P<pod>(?i:" + _PART_OF_DAY + r"))\b)?"),
    ("year", r"(?:(?P<qual>(?i:" + _PERIOD_QUALIFIER + r"))[\s-]+|(?<![\w.,/'’$£€-]))(?P<y>"
             + _YEAR + r")(?![\w-]|[.,/]\d|\s*%)"),
    ("month", r"(?:(?P<qual>(?i:" + _PERIOD_QUALIFIER + r"))[\s-]+(?:of\s+)?|(?P<which>(?i:"
              + _WHICH + r"))\s+)?(?P<m>" + _MONTH_FULL + r")\b(?!['’]s)"),
    ("vague", r"(?i:" + _VAGUE + r"|in\s+recent\s+(?:days|weeks|months"
              r"|years)|(?:the\s+)?(?:past|last|coming|next)\s+(?:few|several)\s+(?:days|weeks"
              r"|months|years)|(?:the\s+)?coming\s+(?:days|weeks|months)|(?:(?:a\s+)?few|several|many)\s+(?:days|weeks|months|years)\s+ago"
              r")\b"),
)  # fmt: skip


_DIGIT_KEY = "#"  # the dispatch key of a word of digits
_QUALIFIER_WORDS = frozenset(_WORDS.periods.qualifier_first_words)
_WHICH_WORDS = frozenset(_first_words(_WHICH_STEP))
_PERIOD_WHICH_WORDS = frozenset(_first_words(_PERIOD_WHICH_STEP))
_RULE_FIRST_WORDS: dict[str, frozenset[str]] = {
    "iso": frozenset({_DIGIT_KEY}),
    "slash": frozenset({_DIGIT_KEY}),
    "dmy": frozenset({_DIGIT_KEY, *_WEEKDAYS}),
    "mdy": frozenset({*_MONTH_NUMBER, *_WEEKDAYS}),
    "month_year": frozenset({*_MONTH_NUMBER, *_QUALIFIER_WORDS}),
    "named_day": frozenset(
        {"early", "late", "earlier", "later"} | _first_words(_NAMED_DAY_OFFSET)
    ),
    "anaphor": frozenset({"later", "earlier", "the", "that"}),
    "count": frozenset(
        {*_first_words(_NUMBER_WORDS), _DIGIT_KEY, "the"}
        | {unit + plural for unit in _UNITS for plural in ("", "s")}
    ),
    "since_period": frozenset({"the"}),
    "weekend": frozenset({*_PERIOD_WHICH_WORDS, "the"}),
    "period": frozenset({"earlier", "later", *_QUALIFIER_WORDS, *_PERIOD_WHICH_WORDS}),
    "weekday": frozenset({"late", "early", "earlier", "later", *_WHICH_WORDS, *_WEEKDAYS}),
    "year": frozenset({_DIGIT_KEY, *_QUALIFIER_WORDS}),
    "month": frozenset({*_QUALIFIER_WORDS, *_WHICH_WORDS, *_MONTHS}),
    "vague": frozenset(
        _first_words(_WORDS.periods.vague)
        | {*"in the past last coming next a few several many days weeks months years".split()}
    ),
}  # fmt: skip


def _prefixed(rule: str, pattern: str) -> str:
    """Rename a rule's named groups ``x`` (and back-references to them) to ``rule__x`` so all
    rules fit in one regex."""
    return re.sub(r"\(\?P([<=])(\w+)", lambda m: f"(?P{m.group(1)}{rule}__{m.group(2)}", pattern)


def _compile_rules(names: frozenset[str]) -> re.Pattern[str]:
    """One regex of the named rules, in priority order; the matching rule is ``lastgroup``."""
    return re.compile(
        r"\b(?:"
        + "|".join(
            f"(?P<{name}>{_prefixed(name, pattern)})"
            for name, pattern in _RULE_PATTERNS if name in names
        )
        + ")"
    )  # fmt: skip


_MASTER = _compile_rules(frozenset(name for name, _ in _RULE_PATTERNS))


def _dispatch_table() -> dict[str, re.Pattern[str]]:
    """First word -> regex of the rules that can start with it (shared between words)."""
    by_rules: dict[frozenset[str], re.Pattern[str]] = {}
    table: dict[str, re.Pattern[str]] = {}
    words = set().union(*_RULE_FIRST_WORDS.values())
    for word in words:
        rules = frozenset(name for name, firsts in _RULE_FIRST_WORDS.items() if word in firsts)
        if rules not in by_rules:
            by_rules[rules] = _compile_rules(rules)
        table[word] = by_rules[rules]
    return table


_BY_FIRST_WORD = _dispatch_table()

# Scanning every position with _MASTER costs about a microsecond a character, so it is only
# tried at the start of the few words before a trigger word that every expression contains.
# Triggers are found with bytes.split, str.find and a regex that opens with a character class
# (all C speed) rather than with a regex alternation tried at every position.
_TOKEN = re.compile(r"[A-Za-z]+|[0-9]+")
_WORDS_BACK = 5  # "the end of this month": words a match may have before its trigger


def _trigger_words(words: TimeWordsFile) -> frozenset[str]:
    """The words every expression without a digit, month or weekday name holds one of.

    They are the units of counts and periods and their plurals ("two days later", "in recent
    weeks"), "weekend", the units of "the previous day", and the last word of each named day
    and vague phrase.
    """
    return frozenset(
        {*_UNITS, *(unit + "s" for unit in _UNITS), "weekend", *_ANAPHOR_UNITS}
        | _last_words(day.phrase for day in words.days.named)
        | _last_words(words.periods.vague)
    )


def _keys(words: Iterable[str]) -> tuple[str, ...]:
    """The words that hold none of the others, in order: each word holds one of them.

    >>> _keys(["day", "days", "week", "weekend", "today", "monday"])
    ('day', 'week')
    """
    listed = list(dict.fromkeys(words))
    return tuple(word for word in listed if not any(o != word and o in word for o in listed))


_TRIGGER_WORDS = _trigger_words(_WORDS)
_TRIGGER_KEYS_ANY_CASE = _keys(sorted(_TRIGGER_WORDS | {day.lower() for day in _WEEKDAYS}))
_TRIGGER_KEYS_CASED = _keys(name for m in _WORDS.months for name in (m.name, *m.abbreviations))


def _digits_or_keys(keys: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for the digit runs and the (capitalised) ``keys`` of a text.

    It opens with a character class, which the regex engine skips to in C, and look-behinds
    then pick the key by its first letter. A pattern opening with an alternation is tried in
    full at every position: three times slower, and slower than a ``str.find`` a key.

    >>> [m.group() for m in _digits_or_keys(("Jan", "Jun")).finditer("On 3 June, 20 Jan")]
    ['3', 'Jun', '20', 'Jan']
    """
    rests: dict[str, list[str]] = {}
    for key in keys:
        rests.setdefault(key[0], []).append(re.escape(key[1:]))
    by_first = "|".join(f"(?<={first})(?:{'|'.join(rest)})" for first, rest in rests.items())
    return re.compile(f"[0-9{''.join(rests)}](?:(?<=[0-9])[0-9]*|{by_first})")


_DIGITS_OR_CASED_KEY = _digits_or_keys(_TRIGGER_KEYS_CASED)
_CASED_WORDS = frozenset(_MONTH_NUMBER) | frozenset(_WEEKDAYS)

# Most sentences hold no trigger word. Their ASCII words are split off in C and checked
# against the trigger words before any key is looked for: the text is encoded one byte a
# character (errors="replace"), then letters are lower-cased, digits become tabs and all
# else spaces, so bytes.split() gives exactly the lower-cased runs of ASCII letters.
_DIGIT_BYTE = b"\t"
_FOLD_ASCII = bytes(
    (c | 0x20) if chr(c).isascii() and chr(c).isalpha()
    else _DIGIT_BYTE[0] if chr(c) in "0123456789" else ord(" ")
    for c in range(256)
)  # fmt: skip
_KEYS_OF_TOKEN: dict[bytes, tuple[str, ...]] = {
    word.lower().encode(): tuple(key for key in _TRIGGER_KEYS_ANY_CASE if key in word.lower())
    for word in _TRIGGER_WORDS | _CASED_WORDS
}
_TRIGGER_TOKENS = frozenset(_KEYS_OF_TOKEN)
_MONTH_TOKENS = frozenset(month.lower().encode() for month in _MONTH_NUMBER)


# Every word a match may hold before its trigger word: the walk back from a trigger
# (_candidate_starts) goes through these only.
_CHAIN_WORDS = (
    frozenset[str]().union(*_RULE_FIRST_WORDS.values())
    | frozenset("of on before after same recent and to".split())
    | {word for phrase in (*_NUMBER_WORDS, *_PERIOD_WHICH_STEP, *_ANAPHOR_STEP)
       for word in phrase.split(" ")}
    | _words_before_the_last(_NAMED_DAY_OFFSET)
    | _words_before_the_last(_WORDS.periods.vague)
)  # fmt: skip


def _dispatch_key(word: str) -> str:
    """Month and weekday names are matched as written; other words in any case."""
    if word[0].isdigit():
        return _DIGIT_KEY
    return word if word in _CASED_WORDS else word.lower()


def _word_at(text: str, index: int) -> tuple[int, str]:
    """Start and text of the word containing ``index``."""
    start = index
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    token = _TOKEN.match(text, start)
    return start, token.group() if token is not None else ""


def _trigger_starts(text: str) -> list[int]:
    """Sorted starts of the words every time expression contains at least one of.

    Trigger words are found through keys they contain ("day" in "Monday", "Mar" in "March"),
    looked for with ``str.find`` (C speed) and the digit/month regex. Only the keys of the
    trigger words the text holds are looked for; the word at each key decides.
    """
    folded = text.encode("ascii", "replace").translate(_FOLD_ASCII)
    present = _TRIGGER_TOKENS.intersection(folded.split())
    has_digits = _DIGIT_BYTE in folded
    if not (present or has_digits):
        return []
    lowered = text.lower()
    keys: Iterable[str]
    if len(lowered) != len(text):  # a few Unicode letters grow when lowered: keep offsets
        lowered, keys, months = text, _TRIGGER_KEYS_ANY_CASE, True  # and look for every key
    else:
        keys = {key for token in present for key in _KEYS_OF_TOKEN[token]}
        months = has_digits or not _MONTH_TOKENS.isdisjoint(present)
    starts: set[int] = set()
    if months:
        for match in _DIGITS_OR_CASED_KEY.finditer(text):
            index = match.start()
            if text[index].isdigit():
                starts.add(index)
            else:
                _add_trigger_word(text, index, starts)
    for key in keys:
        index = lowered.find(key)
        while index >= 0:
            _add_trigger_word(text, index, starts)
            index = lowered.find(key, index + len(key))
    return sorted(starts)


def _add_trigger_word(text: str, index: int, starts: set[int]) -> None:
    """Add the start of the word around a trigger key at ``index`` if it is a trigger word."""
    start, word = _word_at(text, index)
    if word in _CASED_WORDS or word.lower() in _TRIGGER_WORDS:
        starts.add(start)


def _candidate_starts(text: str, low: int, trigger: int) -> list[int]:
    """Starts of the run of words a match may open with before ``trigger``, earliest first.

    Every word inside a match before its first trigger is a qualifier ("early", "the end
    of"), a count ("two") or a function word ("on", "the"), so the walk back stops at the
    first other word, or at ``low``, or after ``_WORDS_BACK`` words.
    """
    starts = [trigger]
    position = trigger
    while len(starts) <= _WORDS_BACK:
        gap = position
        while gap > low and (text[gap - 1].isspace() or text[gap - 1] == "-"):
            gap -= 1
        if gap == position or gap <= low:
            break
        word_start = gap
        while word_start > low and text[word_start - 1].isalnum():
            word_start -= 1
        if word_start == low and low > 0 and text[low - 1].isalnum():
            break  # the window cut a word
        word = text[word_start:gap]
        if not (word.isdigit() or word in _CASED_WORDS or word.lower() in _CHAIN_WORDS):
            break
        starts.append(word_start)
        position = word_start
    starts.reverse()
    return starts


def _candidate_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches ``_MASTER.finditer(text)`` gives, found by trying only plausible starts."""
    consumed = 0
    for trigger in _trigger_starts(text):
        if trigger < consumed:
            continue
        for start in _candidate_starts(text, consumed, trigger):
            token = _TOKEN.match(text, start)
            rules = _BY_FIRST_WORD.get(_dispatch_key(token.group())) if token else None
            match = rules.match(text, start) if rules is not None else None
            if match is not None:
                consumed = match.end()
                yield match
                break


def _preposition_alternation(rows: Iterable[Preposition]) -> str:
    r"""The prepositions of ``rows`` as one alternation, in order.

    >>> print(_preposition_alternation(_PREPOSITIONS[1:3]))
    (?:from|starting(?:\s+(?:on|from|in))?)
    """
    return alternation(
        [
            _phrase(row.words)
            + (r"(?:\s+" + _alternatives(row.followed_by) + ")?" if row.followed_by else "")
            for row in rows
        ]
    )


_PREPOSITIONS = _WORDS.relations.prepositions
_PREPOSITION_BEFORE = re.compile(
    r"(?<![\w-])(?P<prep>(?i:" + _preposition_alternation(_PREPOSITIONS) + r"))\s+$"
)
# For lower-cased ASCII text: the same pattern matched with case, about twice as fast (see
# _FUTURE_CUE_LOWER). Its "prep" group comes out lower-case, as _preposition_name makes it.
_PREPOSITION_BEFORE_LOWER = re.compile(_PREPOSITION_BEFORE.pattern.replace("(?i:", "(?:"))
_RELATION_OF_PREPOSITION: dict[str, TimeRelation] = {
    row.words: row.relation for row in _PREPOSITIONS if row.relation is not TimeRelation.ON
}
_FUTURE_PREPOSITIONS = frozenset(row.words for row in _PREPOSITIONS if row.future)
_DATE_PREPOSITIONS = frozenset(row.words for row in _PREPOSITIONS if row.dates)
_STRONG_MONTH_PREPOSITIONS = frozenset(row.words for row in _PREPOSITIONS if row.dates_also_a_word)
_PREPOSITION_OF_FORM = {
    form: row.words
    for row in _PREPOSITIONS
    for form in (row.words, *(f"{row.words} {then}" for then in row.followed_by))
}

_CLOCK = (
    r"(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.?m\.?|[AP]\.?M\.?)(?!\w)"
    r"|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?!\d)|(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d)\s*"
    r"(?:GMT|UTC|hrs|hours)|(?P<word>noon|midday|midnight))"
)
_CLOCK_ZONE = r"(?:\s+" + _alternatives(_WORDS.clock.zones) + r"|\s*\(\d{3,4}\s*(?:GMT|UTC)\))?"
_CLOCK_LEAD = r"(?:(?i:" + _alternatives(_WORDS.clock.prepositions) + r")\s+)"
_CLOCK_BEFORE = re.compile(
    r"(?<![\w:.])" + _CLOCK_LEAD + "?" + _CLOCK + _CLOCK_ZONE + r"\s*,?\s+(?:(?i:on)\s+)?$"
)
_LEAD_IN_PART = {lead.phrase: lead.part for lead in _WORDS.days.lead_ins}
_LEAD_IN_BEFORE = (
    re.compile(r"(?<![\w-])(?P<lead>(?i:" + _alternatives(_LEAD_IN_PART) + r"))\s+$")
    if _LEAD_IN_PART
    else None
)
_LEAD_IN_REACH = max((len(phrase) for phrase in _LEAD_IN_PART), default=0) + 4
# ACLED's "Around 2 January 2023 (week of)": the date only names its week (or month).
_PERIOD_OF = re.compile(r"\s*\((?i:(?P<unit>week|month))\s+of\)")
_ANY_DIGIT = re.compile(r"\d")  # every clock time has one, unless it is a _CLOCK word
_CLOCK_AFTER = re.compile(r",?\s+" + _CLOCK_LEAD + _CLOCK + _CLOCK_ZONE)

_FUTURE_CUE = re.compile(r"\b" + alternation(_WORDS.clauses.future_cues) + r"\b|'ll\b", re.I)
# The same lower-case pattern matched with case against lower-cased ASCII text finds exactly
# what _FUTURE_CUE finds in the text, twice as fast: an ignore-case alternation cannot skip
# alternatives by their first letter. Other text keeps _FUTURE_CUE (Unicode case folding).
_FUTURE_CUE_LOWER = re.compile(_FUTURE_CUE.pattern)
_REPORTING_VERB = _alternatives(_WORDS.clauses.reporting_verbs)
# "... the offensive launched on <date>": the participle and preposition before a date
NOUN_PARTICIPLE_BEFORE = re.compile(
    rf"(?<![\w-]){_alternatives(_WORDS.clauses.noun_participles)}\s+(?:(?:on|in)\s+)?$"
)
_REPORTING_ANYWHERE = re.compile(r"\b" + _REPORTING_VERB + r"\b")
_CLAUSE_JOINER = re.compile(r"\b" + _alternatives(_WORDS.clauses.joiners) + r"\b")
_DETERMINER_BEFORE = re.compile(
    r"(?<![\w-])(?i:" + _alternatives(_WORDS.clauses.determiners) + r")\s+$"
)
_REPORTING_BEFORE = re.compile(r"\b" + _REPORTING_VERB + r"\s+(?:on\s+)?$")
_REPORTING_AFTER = re.compile(r",?\s+" + _REPORTING_VERB + r"\b")

_NAMED_DAY_BEFORE = re.compile(r"\b" + _alternatives(_WORDS.days.weekday_name_before) + r"\s+$")
_NAMED_DAY_AFTER = re.compile(r"\s+" + _alternatives(_WORDS.days.weekday_title_after) + r"\b")
# "the 22 May hospital", "the March 14 alliance": a day and month named after, not a date
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_DATE_NAME_AFTER = re.compile(
    r"\s+" + _alternatives(_WORDS.days.date_name_after) + r"\b", re.IGNORECASE
)
_COUNT_NOUN_AFTER = re.compile(r"\s+" + _alternatives(_WORDS.years.count_nouns) + r"\b", re.I)
# "Today" capitalised after a word is a title: "USA Today", "Russia Today".
_TITLE_WORD_BEFORE = re.compile(r"[A-Za-z]\s+$")
# A cataphoric "two days after" is followed by the event it counts from.
_WORD_AFTER = re.compile(r"\s+[\w\"'“‘]")

_CLAUSE_BREAKS = ".;!?\n"
_CLAUSE_BREAK = re.compile(f"[{re.escape(_CLAUSE_BREAKS)}]")
_LAST_CLAUSE_BREAK = re.compile(f"(?s:.*)[{re.escape(_CLAUSE_BREAKS)}]")  # greedy: the last one
_LOOK_BEHIND = 48
_CLAUSE_REACH = 200


# --------------------------------------------------------------------------------------
# Calendar helpers
# --------------------------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    """The date, or None for an impossible one ("February 30") or a year out of 1900-2100."""
    if not 1900 <= year <= 2100:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """First day of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _weekday_on_or_before(reference: datetime.date, weekday: int) -> datetime.date:
    return reference - datetime.timedelta(days=(reference.weekday() - weekday) % 7)


def _weekday_on_or_after(reference: datetime.date, weekday: int) -> datetime.date:
    return reference + datetime.timedelta(days=(weekday - reference.weekday()) % 7)


def _day_month_near(
    published: datetime.date, month: int, day: int, future: bool
) -> datetime.date | None:
    """The (month, day) in the year that fits publication best: see the module docstring."""
    candidates = [
        d for y in (published.year - 1, published.year, published.year + 1)
        if (d := _safe_date(y, month, day)) is not None
    ]  # fmt: skip
    if future:
        upcoming = [d for d in candidates if d >= published]
        return min(upcoming) if upcoming else None
    if not candidates:
        return None
    # A past date is twice as likely as a future one: news mostly reports what happened.
    return min(candidates, key=lambda d: abs((d - published).days) * (2 if d > published else 1))


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[_squash(word)]


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


# --------------------------------------------------------------------------------------
# Scanning
# --------------------------------------------------------------------------------------


class _Reading(NamedTuple):
    """What one rule made of a match, before spans and relations are attached."""

    date: datetime.date | None
    precision: DatePrecision
    anchor: TimeAnchor
    resolved: bool
    reason: str
    relative_days: int | None = None
    part_of_day: str | None = None
    relation: TimeRelation | None = None  # overrides the preposition's relation


@dataclass
class _Scan:
    """One call's state: the text, the publication date and the last day-precise date."""

    text: str
    published: datetime.date | None
    start: int = 0  # span of the current core match
    end: int = 0
    preposition: str | None = None
    previous_day: TimeExpression | None = None
    # The last date written with its year: the year a later day and month without one is in.
    narrative: datetime.date | None = None
    # The text lower-cased if it is ASCII (offsets and word boundaries are kept), else None.
    lowered: str | None = field(init=False)

    def __post_init__(self) -> None:
        self.lowered = self.text.lower() if self.text.isascii() else None

    def is_future(self) -> bool:
        """A future cue governs the current match (see the module docstring)."""
        if self.preposition in _FUTURE_PREPOSITIONS:
            return True
        text, start, end = self.text, self.start, self.end
        before_from = max(0, start - _LOOK_BEHIND)
        if _REPORTING_BEFORE.search(text, before_from, start) or _REPORTING_AFTER.match(text, end):
            return False
        last_break = _LAST_CLAUSE_BREAK.match(text, max(0, start - _CLAUSE_REACH), start)
        low = last_break.end() - 1 if last_break else -1
        next_break = _CLAUSE_BREAK.search(text, end, end + _CLAUSE_REACH)
        high = next_break.start() if next_break else end + _CLAUSE_REACH
        for cue in self.future_cues(max(low + 1, start - _CLAUSE_REACH), high):
            if cue.end() <= start:
                if not _REPORTING_ANYWHERE.search(text, cue.end(), start):
                    return True
            elif not (
                _REPORTING_ANYWHERE.search(text, end, cue.start())
                or _CLAUSE_JOINER.search(text, end, cue.start())
                or _DETERMINER_BEFORE.search(text, max(end, cue.start() - 8), cue.start())
            ):
                return True
        return False

    def future_cues(self, low: int, high: int) -> Iterator[re.Match[str]]:
        """``_FUTURE_CUE.finditer(self.text, low, high)``, faster on ASCII text."""
        if self.lowered is not None:
            return _FUTURE_CUE_LOWER.finditer(self.lowered, low, high)
        return _FUTURE_CUE.finditer(self.text, low, high)

    def no_publication(self, what: str) -> _Reading:
        return _Reading(
            None, DatePrecision.UNKNOWN, TimeAnchor.PUBLICATION, False,
            f"{what} is relative: no publication date",
        )  # fmt: skip


_Rule = Callable[[re.Match[str], _Scan], _Reading | None]


def _absolute_day(day: datetime.date | None, what: str) -> _Reading | None:
    if day is None:
        return None
    return _Reading(day, DatePrecision.DAY, TimeAnchor.ABSOLUTE, True, f"explicit date {what}")


def _rule_iso(m: re.Match[str], scan: _Scan) -> _Reading | None:
    day = _safe_date(int(m["iso__y"]), int(m["iso__m"]), int(m["iso__d"]))
    return _absolute_day(day, f"'{m['iso']}'")


def _rule_slash(m: re.Match[str], scan: _Scan) -> _Reading | None:
    first, second, year = int(m["slash__a"]), int(m["slash__b"]), int(m["slash__y"])
    if first == second:
        day = _safe_date(year, first, first)
    elif first > 12 >= second:
        day = _safe_date(year, second, first)
    elif second > 12 >= first:
        day = _safe_date(year, first, second)
    else:
        return None  # 3/5/2020: day-first or month-first cannot be told apart
    return _absolute_day(day, f"'{m['slash']}' (only one day/month reading is valid)")


def _day_month(m: re.Match[str], scan: _Scan, rule: str) -> _Reading | None:
    month = _MONTH_NUMBER[m[f"{rule}__m"]]
    day_number = int(m[f"{rule}__d"].rstrip("stndrh"))
    year_text = m[f"{rule}__y"]
    to = m[f"{rule}__to"]
    if to is not None and int(to.rstrip("stndrh")) <= day_number:
        # Not a span of days ("killed 12 and 3 May", "May 3 and 2 others"): the date is
        # the day written next to the month, and the span shrinks to it.
        if rule == "dmy":
            day_number, scan.start = int(to.rstrip("stndrh")), m.start(f"{rule}__to")
        else:
            scan.end, year_text = m.end(f"{rule}__d"), None
    written = f"'{scan.text[scan.start : scan.end]}'"
    if year_text is not None:
        return _absolute_day(_safe_date(int(year_text), month, day_number), written)
    if _THE_BEFORE.search(scan.text, max(0, scan.start - 5), scan.start) and _DATE_NAME_AFTER.match(
        scan.text, scan.end
    ):
        return None
    if _safe_date(2000, month, day_number) is None:  # 2000 is a leap year: Feb 29 passes
        return None
    if scan.narrative is not None:
        # "On 19 November 2017, forces retook the town they had lost on 11 November": the
        # year is the one the text has just given, not the publication's
        day = _day_month_near(scan.narrative, month, day_number, False)
        if day is not None:
            return _Reading(
                day, DatePrecision.DAY, TimeAnchor.ABSOLUTE, True,
                f"{written} without a year = closest (past preferred) to {scan.narrative}, "
                "the date written before it",
            )  # fmt: skip
    if scan.published is None:
        return scan.no_publication(f"day and month {written} without a year")
    future = scan.is_future()
    day = _day_month_near(scan.published, month, day_number, future)
    if day is None:
        return None
    rule_text = "next on or after" if future else "closest (past preferred) to"
    return _Reading(
        day, DatePrecision.DAY, TimeAnchor.PUBLICATION, True,
        f"{written} without a year = {rule_text} publication {scan.published}",
    )  # fmt: skip


def _rule_dmy(m: re.Match[str], scan: _Scan) -> _Reading | None:
    return _day_month(m, scan, "dmy")


def _rule_mdy(m: re.Match[str], scan: _Scan) -> _Reading | None:
    return _day_month(m, scan, "mdy")


def _rule_month_year(m: re.Match[str], scan: _Scan) -> _Reading | None:
    day = _safe_date(int(m["month_year__y"]), _MONTH_NUMBER[m["month_year__m"]], 1)
    if day is None:
        return None
    qualifier = m["month_year__qual"]
    return _Reading(
        day, DatePrecision.MONTH, TimeAnchor.ABSOLUTE, True, f"explicit month '{m['month_year']}'",
        part_of_day=_squash(qualifier) if qualifier else None,
    )  # fmt: skip


def _rule_named_day(m: re.Match[str], scan: _Scan) -> _Reading | None:
    word = _squash(m["named_day__word"])
    capitalised = m["named_day__word"][0] == "T" and m["named_day__qual"] is None
    if (
        capitalised
        and word in ("today", "tonight")
        and _TITLE_WORD_BEFORE.search(scan.text, max(0, scan.start - 3), scan.start)
    ):
        return None  # "USA Today", "Russia Today"
    if scan.published is None:
        return scan.no_publication(f"'{word}'")
    offset = _NAMED_DAY_OFFSET[word]
    day = scan.published + datetime.timedelta(days=offset)
    pod = m["named_day__pod"] or _NAMED_DAY_PART.get(word) or m["named_day__qual"]
    return _Reading(
        day, DatePrecision.DAY, TimeAnchor.PUBLICATION, True,
        f"'{word}' = publication {scan.published} {offset:+d} day(s)",
        part_of_day=pod.lower() if pod else None,
    )  # fmt: skip


def _relative_to_previous(
    scan: _Scan, what: str, days: int, precision: DatePrecision, cataphoric: bool = False
) -> _Reading:
    """Resolve a day offset against the last day-precise expression, or leave it to shift()."""
    previous = scan.previous_day
    if cataphoric or previous is None or previous.date is None:
        why = (
            "counts from the event named after it" if cataphoric
            else "no earlier day-precise date in the text"
        )  # fmt: skip
        return _Reading(
            None, precision, TimeAnchor.EVENT, False,
            f"{what} is relative ({days:+d} days): {why}; resolve with shift()",
            relative_days=days,
        )  # fmt: skip
    day = previous.date + datetime.timedelta(days=days)
    if precision is DatePrecision.WEEK:
        day = _monday_of(day)
    return _Reading(
        day, precision, TimeAnchor.PREVIOUS_EXPRESSION, True,
        f"{what} = {days:+d} days from '{previous.text}' ({previous.date})", relative_days=days,
    )  # fmt: skip


def _rule_anaphor(m: re.Match[str], scan: _Scan) -> _Reading | None:
    if m["anaphor__in_day"] is not None:  # "earlier in the day": the same day
        what = f"'{_squash(m['anaphor'])}'"
        return _relative_to_previous(scan, what, 0, DatePrecision.DAY)
    phrase = _squash(m["anaphor__word"])
    which = " ".join(phrase.split(" ")[1:-1])
    sign = _ANAPHOR_STEP.get(which, 0)  # 0: "the same day", "that day"
    is_week = phrase.endswith("week")
    days = sign * (7 if is_week else 1)
    precision = DatePrecision.WEEK if is_week else DatePrecision.DAY
    pod = phrase.rsplit(" ", 1)[-1]
    return _relative_to_previous(scan, f"'{_squash(m['anaphor'])}'", days, precision)._replace(
        part_of_day=pod if pod in ("morning", "evening", "night") else None
    )


def _rule_count(m: re.Match[str], scan: _Scan) -> _Reading | None:
    word, unit, direction = m["count__n"], m["count__unit"].lower(), m["count__dir"].lower()
    what = f"'{_squash(m['count'])}'"
    if word is None:
        if unit in ("hour", "minute"):
            word = "a"  # "hours later": the same day is the best guess
        else:
            return _rule_vague(m, scan, "count")  # "days later", "weeks ago"
    if word.lower() == "the" and (direction == "ago" or unit not in ("day", "week")):
        return None  # "the year before" is too loose; "the day ago" is not English
    number = _count(word)
    if direction == "ago":
        return _ago(scan, what, number, unit)
    if unit in ("month", "year"):
        return None  # "a year later": calendar offsets not carried by relative_days
    sign = -1 if direction in ("earlier", "before") else 1
    days = sign * number * _UNIT_DAYS[unit]
    cataphoric = direction in ("after", "before") and bool(_WORD_AFTER.match(scan.text, scan.end))
    precision = DatePrecision.DAY
    return _relative_to_previous(scan, what, days, precision, cataphoric=cataphoric)


def _ago(scan: _Scan, what: str, number: int, unit: str) -> _Reading:
    if scan.published is None:
        return scan.no_publication(what)
    published = scan.published
    if unit in ("day", "hour", "minute", "week"):
        day = published - datetime.timedelta(days=number * _UNIT_DAYS[unit])
        precision = DatePrecision.WEEK if unit == "week" else DatePrecision.DAY
        if precision is DatePrecision.WEEK:
            day = _monday_of(day)
    elif unit == "month":
        day, precision = _add_months(published, -number), DatePrecision.MONTH
    else:
        day, precision = datetime.date(published.year - number, 1, 1), DatePrecision.YEAR
    return _Reading(
        day, precision, TimeAnchor.PUBLICATION, True,
        f"{what} counted back from publication {published}",
    )  # fmt: skip


def _rule_since_period(m: re.Match[str], scan: _Scan) -> _Reading | None:
    what = f"'{_squash(m['since_period'])}'"
    if scan.published is None:
        return scan.no_publication(what)
    number = _count(m["since_period__n"]) if m["since_period__n"] else 1
    unit, published = m["since_period__unit"].lower(), scan.published
    if unit in ("day", "week"):  # "the past week" is the last seven days, not an ISO week
        day = published - datetime.timedelta(days=number * _UNIT_DAYS[unit])
        precision = DatePrecision.DAY
    elif unit == "month":
        day, precision = _add_months(published, -number), DatePrecision.MONTH
    else:
        day, precision = datetime.date(published.year - number, 1, 1), DatePrecision.YEAR
    return _Reading(
        day, precision, TimeAnchor.PUBLICATION, True,
        f"{what} = period since {day}, counted back from publication {published}",
        relation=TimeRelation.SINCE,
    )  # fmt: skip


def _rule_weekend(m: re.Match[str], scan: _Scan) -> _Reading | None:
    what = f"'{_squash(m['weekend'])}'"
    if scan.published is None:
        return scan.no_publication(what)
    which = _squash(m["weekend__which"] or "the")
    published = scan.published
    monday = _monday_of(published)
    step = _PERIOD_WHICH_STEP.get(which, 0)
    if step:
        monday += datetime.timedelta(days=7 * step)
    elif which == "the" and published.weekday() < 5 and not scan.is_future():
        monday -= datetime.timedelta(days=7)  # "over the weekend" in a weekday story: just past
    saturday = monday + datetime.timedelta(days=5)
    return _Reading(
        monday, DatePrecision.WEEK, TimeAnchor.PUBLICATION, True,
        f"{what} = weekend {saturday}/{saturday + datetime.timedelta(days=1)}"
        f" (week of {monday}), publication {published}",
    )  # fmt: skip


def _rule_period(m: re.Match[str], scan: _Scan) -> _Reading | None:
    which, unit = _squash(m["period__which"]), m["period__unit"].lower()
    what = f"'{_squash(m['period'])}'"
    if scan.published is None:
        return scan.no_publication(what)
    step = _PERIOD_WHICH_STEP[which]
    published = scan.published
    if unit == "week":
        day = _monday_of(published) + datetime.timedelta(days=7 * step)
        precision = DatePrecision.WEEK
    elif unit == "month":
        day, precision = _add_months(published, step), DatePrecision.MONTH
    else:
        day, precision = datetime.date(published.year + step, 1, 1), DatePrecision.YEAR
    qualifier = m["period__qual"]
    return _Reading(
        day, precision, TimeAnchor.PUBLICATION, True,
        f"{what} relative to publication {published}",
        part_of_day=_squash(qualifier) if qualifier else None,
    )  # fmt: skip


def _rule_weekday(m: re.Match[str], scan: _Scan) -> _Reading | None:
    name = m["weekday__wd"]
    if _NAMED_DAY_BEFORE.search(scan.text, max(0, scan.start - 12), scan.start):
        return None  # "Black Monday", "Good Friday"
    if _NAMED_DAY_AFTER.match(scan.text, scan.end):
        return None  # "Sunday Times"
    qualifier, pod = m["weekday__qual"], m["weekday__pod"]
    part = (pod or qualifier or "").lower() or None
    if scan.published is None:
        return scan.no_publication(f"weekday '{name}'")._replace(part_of_day=part)
    weekday, published = _WEEKDAY_NUMBER[name], scan.published
    step = _WHICH_STEP.get(_squash(m["weekday__which"] or ""), 0)
    if step > 0:
        day = _weekday_on_or_after(published + datetime.timedelta(days=1), weekday)
        how = "next after"
    elif step < 0:
        day = _weekday_on_or_before(published - datetime.timedelta(days=1), weekday)
        how = "most recent before"
    elif scan.is_future():
        day, how = _weekday_on_or_after(published, weekday), "next on or after (future cue)"
    else:
        day, how = _weekday_on_or_before(published, weekday), "most recent on or before"
    return _Reading(
        day, DatePrecision.DAY, TimeAnchor.PUBLICATION, True,
        f"weekday '{name}' = {how} publication {published}", part_of_day=part,
    )  # fmt: skip


def _rule_year(m: re.Match[str], scan: _Scan) -> _Reading | None:
    qualifier = m["year__qual"]
    has_context = qualifier is not None or scan.preposition in _DATE_PREPOSITIONS
    if not has_context and scan.text[max(0, scan.start - 4) : scan.start].lower() != "the ":
        return None  # a bare number: "1990 troops", "Resolution 2254"
    if qualifier is None and _COUNT_NOUN_AFTER.match(scan.text, scan.end):
        return None  # "in 2000 homes"
    year = int(m["year__y"])
    what = f"'{_squash(m['year'])}'"
    return _Reading(
        datetime.date(year, 1, 1), DatePrecision.YEAR, TimeAnchor.ABSOLUTE, True,
        f"year {what}", part_of_day=_squash(qualifier) if qualifier else None,
    )  # fmt: skip


def _rule_month(m: re.Match[str], scan: _Scan) -> _Reading | None:
    name, qualifier, which = m["month__m"], m["month__qual"], m["month__which"]
    allowed = _STRONG_MONTH_PREPOSITIONS if name in _AMBIGUOUS_MONTHS else _DATE_PREPOSITIONS
    attributive = (
        name not in _AMBIGUOUS_MONTHS
        and scan.text[max(0, scan.start - 4) : scan.start].lower() == "the "
    )  # "the April missile strikes": a month used as a modifier
    if qualifier is None and which is None and scan.preposition not in allowed and not attributive:
        return None  # "April" alone may be a name; "May" and "March" are words
    what = f"'{_squash(m['month'])}'"
    if scan.published is None:
        return scan.no_publication(what)
    month, published = _MONTH_NUMBER[name], scan.published
    this_year = datetime.date(published.year, month, 1)
    step = _WHICH_STEP.get(_squash(which or ""), 0)
    if step > 0:
        future, strict = True, True
    elif step < 0:
        future, strict = False, True
    else:
        future, strict = scan.is_future(), False
    current = this_year.month == published.month
    if future:
        day = (
            this_year
            if this_year > published or (current and not strict)
            else (this_year.replace(year=published.year + 1))
        )
        how = "coming"
    else:
        day = (
            this_year
            if this_year <= published and not (current and strict)
            else (this_year.replace(year=published.year - 1))
        )
        how = "most recent"
    return _Reading(
        day, DatePrecision.MONTH, TimeAnchor.PUBLICATION, True,
        f"month {what} = {how} {name} relative to publication {published}",
        part_of_day=_squash(qualifier) if qualifier else None,
    )  # fmt: skip


def _rule_vague(m: re.Match[str], scan: _Scan, rule: str = "vague") -> _Reading | None:
    if _DETERMINER_BEFORE.search(scan.text, max(0, scan.start - 8), scan.start):
        return None  # "the recently recaptured neighbourhood": the word qualifies a thing
    return _Reading(
        None, DatePrecision.UNKNOWN, TimeAnchor.PUBLICATION, False,
        f"'{_squash(m[rule])}' is vague: no date can be given",
    )  # fmt: skip


_RULES: dict[str, _Rule] = {
    "iso": _rule_iso, "slash": _rule_slash, "dmy": _rule_dmy, "mdy": _rule_mdy,
    "month_year": _rule_month_year, "named_day": _rule_named_day, "anaphor": _rule_anaphor,
    "count": _rule_count, "since_period": _rule_since_period, "weekend": _rule_weekend,
    "period": _rule_period, "weekday": _rule_weekday, "year": _rule_year, "month": _rule_month,
    "vague": _rule_vague,
}  # fmt: skip


def _clock_of(match: re.Match[str]) -> datetime.time:
    """The time named by a ``_CLOCK`` match."""
    word = match["word"]
    if word is not None:
        return datetime.time(0 if word.lower() == "midnight" else 12)
    if match["h"] is not None:
        hour, minute = int(match["h"]), int(match["mi"] or 0)
        hour = min(hour, 12) % 12 + (12 if match["ap"].lower().startswith("p") else 0)
        return datetime.time(hour, minute)
    if match["h2"] is not None:
        return datetime.time(int(match["h2"]), int(match["mi2"]))
    return datetime.time(int(match["h3"]), int(match["mi3"]))


_COARSER_THAN_DAY = frozenset({DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR})


def _extend_with_clock(
    scan: _Scan, start: int, end: int, low: int
) -> tuple[int, int, datetime.time | None]:
    """Take in a clock time written right before or after a date ("at 12:30 am on Tuesday").

    Nothing before ``low`` (the end of the previous expression) is taken.
    """
    window = max(low, start - _LOOK_BEHIND)
    before = None
    if _may_hold_clock(scan.text, window, start):
        before = _CLOCK_BEFORE.search(scan.text, window, start)
    if before is not None:
        return before.start(), end, _clock_of(before)
    after = _CLOCK_AFTER.match(scan.text, end)
    if after is not None:
        return start, after.end(), _clock_of(after)
    return start, end, None


def _may_hold_clock(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has a digit or a clock word, without which ``_CLOCK`` fails.

    Searching ``_CLOCK_BEFORE`` tries its whole pattern at every position of the window; most
    windows before a date hold no clock at all and are turned down by this cheaper test.
    """
    return (
        _ANY_DIGIT.search(text, start, end) is not None
        or text.find("noon", start, end) >= 0
        or text.find("mid", start, end) >= 0  # midday, midnight
    )


def _lead_in_before(text: str, start: int, low: int) -> re.Match[str] | None:
    """A phrase naming a part of the day right before a date: "the night of" 2-3 May."""
    if _LEAD_IN_BEFORE is None or start - low < 4:
        return None
    return _LEAD_IN_BEFORE.search(text, max(low, start - _LEAD_IN_REACH), start)


def _period_of(reading: _Reading, unit: str) -> _Reading:
    """A day read as its week or month: "3 May 2020 (week of)"."""
    assert reading.date is not None
    if unit == "week":
        day, precision = _monday_of(reading.date), DatePrecision.WEEK
    else:
        day, precision = reading.date.replace(day=1), DatePrecision.MONTH
    return reading._replace(
        date=day, precision=precision, reason=f"{reading.reason}, read as its {unit} ({unit} of)"
    )


def _preposition_before(scan: _Scan, start: int, low: int) -> re.Match[str] | None:
    if scan.lowered is not None:
        return _PREPOSITION_BEFORE_LOWER.search(scan.lowered, max(low, start - 24), start)
    return _PREPOSITION_BEFORE.search(scan.text, max(low, start - 24), start)


def _preposition_name(match: re.Match[str] | None) -> str | None:
    """'starting on' -> 'starting'; multi-word prepositions ('as of') are kept whole."""
    if match is None:
        return None
    name = _squash(match["prep"])
    return _PREPOSITION_OF_FORM.get(name, name)


def _iter_expressions(
    text: str, published: datetime.date | None, offset: int, matches: list[re.Match[str]]
) -> Iterator[TimeExpression]:
    scan = _Scan(text, published)
    previous_end = 0  # spans never overlap: extensions stop at the previous expression
    for match in matches:
        rule = match.lastgroup
        if rule is None:  # pragma: no cover - every alternative is a named group
            continue
        scan.start, scan.end = match.start(), match.end()
        if scan.start < previous_end:
            continue  # inside the clock time taken by the previous expression
        prep = _preposition_before(scan, scan.start, previous_end)
        scan.preposition = _preposition_name(prep)
        try:
            reading = _RULES[rule](match, scan)
        except (ValueError, OverflowError):
            continue  # "in March" or "last week" counted from 1 January 1: before the calendar
        if reading is None:
            continue
        start, end, clock = scan.start, scan.end, None
        period_of = _PERIOD_OF.match(text, end) if reading.date is not None else None
        if period_of is not None:
            reading, end = _period_of(reading, period_of["unit"].lower()), period_of.end()
        if reading.precision not in _COARSER_THAN_DAY:  # a clock time only sharpens a day
            start, end, clock = _extend_with_clock(scan, start, end, previous_end)
            lead = _lead_in_before(text, start, previous_end)
            if lead is not None:
                start = lead.start()
                part = _LEAD_IN_PART[_squash(lead["lead"])]
                reading = reading._replace(part_of_day=reading.part_of_day or part)
        if start != scan.start:  # "since 3 am on Tuesday": the preposition precedes the clock
            prep = _preposition_before(scan, start, previous_end)
        if prep is not None:
            start = prep.start()
        relation = reading.relation or _RELATION_OF_PREPOSITION.get(
            _preposition_name(prep) or "", TimeRelation.ON
        )
        expression = TimeExpression(
            start=start + offset, end=end + offset, text=text[start:end], date=reading.date,
            precision=reading.precision, relation=relation, anchor=reading.anchor,
            resolved=reading.resolved, reason=reading.reason,
            relative_days=reading.relative_days, clock_time=clock,
            part_of_day=reading.part_of_day,
        )  # fmt: skip
        if expression.resolved and expression.precision is DatePrecision.DAY:
            scan.previous_day = expression
            if expression.anchor is TimeAnchor.ABSOLUTE and expression.date is not None:
                scan.narrative = expression.date
        previous_end = end
        yield expression


def find_time_expressions(
    text: str, published: datetime.date | None = None, *, offset: int = 0
) -> list[TimeExpression]:
    """Find the time expressions of ``text`` and resolve them against ``published``.

    Parameters
    ----------
    text
        A sentence, paragraph or whole article, as written.
    published
        The article's publication date (a ``datetime`` is reduced to its date). Without it
        only absolute expressions resolve; relative ones say "no publication date".
    offset
        Added to every ``start``/``end`` so spans index the caller's larger text.

    Returns
    -------
    list of TimeExpression
        In text order; ``original[e.start:e.end] == e.text`` when ``text`` sits at
        ``offset`` in ``original``.

    Examples
    --------
    >>> [e.date for e in find_time_expressions("It happened on 3 May 2020.")]
    [datetime.date(2020, 5, 3)]
    >>> find_time_expressions("Protesters may march on the capital.")
    []
    >>> e = find_time_expressions("Troops withdrew the previous day.")[0]
    >>> (e.resolved, e.relative_days, e.anchor.value)
    (False, -1, 'event')
    """
    if isinstance(published, datetime.datetime):
        published = published.date()
    matches = list(_candidate_matches(text))
    if not matches:  # most sentences
        return []
    expressions = list(_iter_expressions(text, published, offset, matches))
    return _without_restated_ranges(text, _without_range_ends(text, expressions, offset), offset)


# "between 31 May and 1 June", "from 28 February to 2 March": the days of one range
_RANGE_TO = re.compile(r"\s*(?:to|until|till|through|-|–)\s*", re.IGNORECASE)
_RANGE_AND = re.compile(r"\s*and\s*", re.IGNORECASE)
_RANGE_OPENING = re.compile(r"(?:between|from)\b", re.IGNORECASE)
_RANGE_MAX_DAYS = 31


def _without_range_ends(
    text: str, expressions: list[TimeExpression], offset: int
) -> list[TimeExpression]:
    """The expressions without the last day of a range across months ("between 31 May and 1
    June"): a range dates its event from its first day, as "between 22 and 24 May" does."""
    if len(expressions) < 2:
        return expressions
    kept = [expressions[0]]
    for previous, expression in pairwise(expressions):
        gap = text[previous.end - offset : expression.start - offset]
        joined = _RANGE_TO.fullmatch(gap) or (
            _RANGE_AND.fullmatch(gap) and _RANGE_OPENING.match(previous.text)
        )
        if not (
            joined
            and previous.precision is DatePrecision.DAY
            and expression.precision is DatePrecision.DAY
            and previous.date is not None
            and expression.date is not None
            and 0 < (expression.date - previous.date).days <= _RANGE_MAX_DAYS
        ):
            kept.append(expression)
    return kept


# "Around 20 February 2021 (between 17 and 20 February)": ACLED's date, then the days it may
# have been in brackets
_RESTATING_BRACKET = re.compile(r"\s*\(\s*", re.IGNORECASE)


def _without_restated_ranges(
    text: str, expressions: list[TimeExpression], offset: int
) -> list[TimeExpression]:
    """The expressions without a range in brackets right after the day it ends on ("Around 20
    February 2021 (between 17 and 20 February)", ACLED's form): the day before the brackets
    is the event's date, the range only the days it may have been. A range ending on
    another day ("On 10 June 2020 (between 1 and 3 June)") is kept."""
    if len(expressions) < 2:
        return expressions
    kept = [expressions[0]]
    for previous, expression in pairwise(expressions):
        gap = text[previous.end - offset : expression.start - offset]
        if not (
            _RESTATING_BRACKET.fullmatch(gap)
            and _RANGE_OPENING.match(expression.text)
            and previous.precision is DatePrecision.DAY
            and expression.precision is DatePrecision.DAY
            and previous.date is not None
            and expression.date is not None
            and 0 <= (previous.date - expression.date).days <= _RANGE_MAX_DAYS
            and _bracket_ends_on(text, expression.start - offset, previous.date.day)
        ):
            kept.append(expression)
    return kept


_DAY_NUMBER = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")


def _bracket_ends_on(text: str, start: int, day: int) -> bool:
    """Whether the last day number of the bracket opening before ``start`` is ``day``."""
    close = text.find(")", start)
    numbers = _DAY_NUMBER.findall(text, start, close if close >= 0 else len(text))
    return bool(numbers) and int(numbers[-1]) == day


def shift(expression: TimeExpression, reference: datetime.date) -> TimeExpression:
    """Resolve a ``relative_days`` expression against ``reference`` (an event's date).

    >>> e = find_time_expressions("Clashes broke out the next day.")[0]
    >>> shift(e, datetime.date(2017, 6, 19)).date
    datetime.date(2017, 6, 20)

    Raises
    ------
    InputError
        The expression carries no ``relative_days`` offset, so there is nothing to shift.
    """
    if expression.relative_days is None:
        raise InputError(f"time expression {expression.text!r} has no relative_days to shift")
    if isinstance(reference, datetime.datetime):
        reference = reference.date()
    day = reference + datetime.timedelta(days=expression.relative_days)
    precision = expression.precision
    if precision is DatePrecision.WEEK:
        day = _monday_of(day)
    elif precision is DatePrecision.UNKNOWN:
        precision = DatePrecision.DAY
    return expression.model_copy(
        update={
            "date": day, "precision": precision, "anchor": TimeAnchor.EVENT, "resolved": True,
            "reason": f"'{expression.text}' = {expression.relative_days:+d} days from "
                      f"reference {reference}",
        }
    )  # fmt: skip
