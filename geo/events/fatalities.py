"""Fatalities: the death toll an event's sentence states, for ACLED's ``fatalities`` column.

A toll is a count next to a death word, in either order: "killing 12", "12 people were
killed", "at least five dead", "left twenty-five dead", "the death toll rose to 40". Counts
are digits ("1,200") or number words; vague counts take ACLED's values ("dozens" 12,
"hundreds" 100). A sentence that states no toll gives None (ACLED's column is then empty:
not stated is not zero). Several tolls in a sentence ("killing four soldiers, ... 12 dead")
add up, as ACLED sums an event's reported deaths. The words are data:
``fatalities.toml`` beside this module.

>>> stated_fatalities("Government jets shelled Kafr Zita, killing 12 people.")
12
>>> stated_fatalities("At least five civilians were killed and 20 wounded in Hama.")
5
>>> stated_fatalities("Twenty-five people died when the bridge was shelled.")
25
>>> stated_fatalities("Rebels were killed 12 May near Idlib.") is None
True
>>> stated_fatalities("Three soldiers were wounded.") is None
True
"""

from __future__ import annotations

import re
from typing import Final

from pydantic import Field

from geo.vocabulary import LowerAlternatives, Vocabulary, alternation, load_vocabulary

__all__ = ["FatalitiesFile", "FatalityWords", "parse_count", "stated_fatalities"]


class FatalityWords(Vocabulary):
    qualifiers: LowerAlternatives
    after_count: LowerAlternatives
    before_count: LowerAlternatives
    need_death_word: LowerAlternatives
    breaks: LowerAlternatives
    not_counts: LowerAlternatives


class FatalitiesFile(Vocabulary):
    numbers: dict[str, int] = Field(min_length=1)
    words: FatalityWords


_FILE: Final = load_vocabulary("geo.events", "fatalities.toml", FatalitiesFile)
_NUMBERS: Final = {word.lower(): value for word, value in _FILE.numbers.items()}
_WORDS: Final = _FILE.words

_NUMBER_WORD = alternation(sorted(map(re.escape, _NUMBERS), key=len, reverse=True))
_COUNT = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_NUMBER_WORD}(?:[ -]{_NUMBER_WORD})*)"
)
_QUALIFIED = rf"(?:{alternation(_WORDS.qualifiers)}\s+)?(?P<count>{_COUNT})\b"
_ANY_COUNT = rf"(?:{alternation(_WORDS.qualifiers)}\s+)?{_COUNT}\b"
_NOT_A_COUNT = rf"(?!\s+{alternation(_WORDS.not_counts)}\b)"
_BREAK = rf"\b{alternation(_WORDS.breaks)}\b"
# Up to four words between a count and its death word, none a break word or another count.
_BETWEEN = rf"(?:(?!{_BREAK}|{_COUNT}\b)[\w'’-]+,?\s+){{0,4}}?"
_DEATH_AFTER = alternation(_WORDS.after_count)

# A count followed by a death word, unless the death word is an active verb with a count of
# its own after it: in "An air strike killed 30" the 30 are the dead, not "an".
_COUNT_THEN_DEATH: Final = re.compile(
    rf"\b{_QUALIFIED}{_NOT_A_COUNT}\s+{_BETWEEN}{_DEATH_AFTER}\b(?!\s+{_ANY_COUNT})",
    re.IGNORECASE,
)
_DEATH_THEN_COUNT: Final = re.compile(
    rf"\b(?P<verb>{alternation(_WORDS.before_count)})\s*(?:to\s+|at\s+|of\s+)?"
    rf"{_QUALIFIED}{_NOT_A_COUNT}(?P<rest>(?:\s+[\w'’-]+){{0,3}})",
    re.IGNORECASE,
)
_NEEDS_DEATH_WORD: Final = re.compile(alternation(_WORDS.need_death_word), re.IGNORECASE)
_DEATH_WORD: Final = re.compile(rf"\b{_DEATH_AFTER}\b", re.IGNORECASE)
_YEARS: Final = range(1900, 2100)
_CUE: Final = re.compile(
    rf"\b(?:{_DEATH_AFTER}|{alternation(_WORDS.before_count)})\b", re.IGNORECASE
)


def parse_count(text: str) -> int | None:
    """The value of a count as written: digits, "1,200", "twenty-five", "two dozen".

    >>> [parse_count(t) for t in ("12", "1,200", "twenty-five", "two dozen", "hundreds")]
    [12, 1200, 25, 24, 100]
    """
    cleaned = text.replace(",", "").strip().lower()
    if cleaned.isdigit():
        return int(cleaned)
    total = 0
    for word in re.split(r"[ -]+", cleaned):
        value = _NUMBERS.get(word)
        if value is None:
            return None
        # "two dozen", "three hundred": a multiplier scales what came before it.
        total = total * value if value in (12, 100) and 0 < total < value else total + value
    return total


def _is_year(match: re.Match[str]) -> bool:
    text = match.group("count")
    return text.isdigit() and len(text) == 4 and int(text) in _YEARS


def _tolls(sentence: str) -> list[tuple[int, int, int]]:
    """``(start, end, count)`` of each stated toll, in either order, overlaps dropped."""
    found: list[tuple[int, int, int]] = []
    for match in _COUNT_THEN_DEATH.finditer(sentence):
        if _is_year(match):
            continue
        count = parse_count(match.group("count"))
        if count is not None:
            found.append((match.start("count"), match.end("count"), count))
    for match in _DEATH_THEN_COUNT.finditer(sentence):
        needs_word = _NEEDS_DEATH_WORD.fullmatch(match.group("verb"))
        if _is_year(match) or (needs_word and not _DEATH_WORD.search(match.group("rest"))):
            continue
        count = parse_count(match.group("count"))
        if count is not None:
            found.append((match.start("count"), match.end("count"), count))
    kept: list[tuple[int, int, int]] = []
    for start, end, count in sorted(found):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, count))
    return kept


def stated_fatalities(sentence: str) -> int | None:
    """The deaths ``sentence`` states, summed over its tolls; None when it states none."""
    if not _CUE.search(sentence):  # most sentences name no death: skip the two patterns
        return None
    tolls = _tolls(sentence)
    return sum(count for _, _, count in tolls) if tolls else None
