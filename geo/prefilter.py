"""Regex prefilters: skip a regex on text that cannot match it, decided in one linear pass.

The trigger lexicon and the actor vocabulary are large regexes; most sentences match few of
them. From each regex's parse tree (the standard library's own parser) we derive words one of
which every match must contain; an Aho-Corasick automaton finds, in one pass over the text,
which of those words occur; only regexes whose words occur are run.

>>> prefilter = Prefilter([r"shot\\s+down|downed", r"(?:peace\\s+)?talks"])
>>> prefilter.possible("Jets downed a drone.")
[True, False]
"""

from __future__ import annotations

import bisect
import re
import re._parser as _sre  # the stdlib's own regex parser
from collections.abc import Sequence
from typing import Any

import ahocorasick

__all__ = ["Prefilter", "required_words"]

_Words = frozenset[str]
_Items = list[tuple[Any, Any]]


def _minimal(words: _Words) -> _Words:
    """Without the words that contain another ("missiles" holds "missile"): the same test."""
    return frozenset(w for w in words if not any(o != w and o in w for o in words))


def _strongest(options: list[_Words], shortest: int) -> _Words | None:
    """Of several valid requirements, the one whose shortest word is longest."""
    valid = [
        _minimal(words) for words in options if words and min(map(len, words)) >= shortest
    ]
    return max(valid, key=lambda words: min(map(len, words)), default=None)


def _branch_words(branches: list[_Items], shortest: int) -> _Words | None:
    """A match of any branch must contain one of these words, if every branch has some."""
    union: set[str] = set()
    for branch in branches:
        words = _sequence_words(branch, shortest)
        if words is None:
            return None
        union |= words
    return frozenset(union)


_EXACT_LIMIT = 64  # the most strings an exact set may hold before it is given up
_SMALL_CLASS = 4  # character classes of at most this many letters are spelled out


def _exact_item(op: Any, value: Any) -> _Words | None:
    """Every string one parse item can match, when that is a small finite set."""
    if op is _sre.LITERAL:
        return frozenset({chr(value)})
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return frozenset({""})  # zero width: "forces\b" still spells "forces"
    if op is _sre.IN:
        if len(value) <= _SMALL_CLASS and all(kind is _sre.LITERAL for kind, _ in value):
            return frozenset(chr(char) for _, char in value)
        return None
    if op is _sre.BRANCH:
        options: set[str] = set()
        for branch in value[1]:
            exact = _exact_sequence(list(branch))
            if exact is None:
                return None
            options |= exact
        return frozenset(options) if len(options) <= _EXACT_LIMIT else None
    if op is _sre.SUBPATTERN and not value[1] & re.IGNORECASE:
        return _exact_sequence(list(value[3]))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and value[1] == 1:  # "x?" or "x{1}"
        exact = _exact_sequence(list(value[2]))
        if exact is None:
            return None
        return exact | {""} if value[0] == 0 else exact
    return None


def _concatenate(left: _Words, right: _Words) -> _Words | None:
    if len(left) * len(right) > _EXACT_LIMIT:
        return None
    return frozenset(a + b for a in left for b in right)


def _exact_sequence(items: _Items) -> _Words | None:
    """Every string a sequence can match, when that is a small finite set."""
    exact: _Words | None = frozenset({""})
    for op, value in items:
        item = _exact_item(op, value)
        if item is None or exact is None:
            return None
        exact = _concatenate(exact, item)
    return exact


def _sequence_words(items: _Items, shortest: int) -> _Words | None:
    """Words one of which every match of this sequence must contain (None: no such set).

    Runs of items with a small finite set of spellings count (literals, small classes,
    optional parts, alternatives of such: "m[ae]n", "U\\.?S\\."), and so do mandatory groups
    and repeats whose every alternative has words.
    """
    options: list[_Words] = []
    current: _Words = frozenset({""})
    for op, value in items:
        exact = _exact_item(op, value)
        if exact is not None:
            joined = _concatenate(current, exact)
            if joined is not None:
                current = joined
                continue
        options.append(current)
        current = exact if exact is not None else frozenset({""})
        if exact is not None:
            continue
        words: _Words | None = None
        if op is _sre.BRANCH:
            words = _branch_words([list(branch) for branch in value[1]], shortest)
        elif op is _sre.MAX_REPEAT and value[0] >= 1:
            words = _sequence_words(list(value[2]), shortest)
        elif op is _sre.SUBPATTERN and not value[1] & re.IGNORECASE:
            # A group that switches case folding on ("(?i:...)") is not searched by case.
            words = _sequence_words(list(value[3]), shortest)
        if words is not None:
            options.append(words)
    options.append(current)
    return _strongest(options, shortest)


def required_words(pattern: str, flags: int = re.IGNORECASE, shortest: int = 3) -> _Words | None:
    """Substrings one of which any match must contain (lower case when ``flags`` ignore case).

    None when no such set of words at least ``shortest`` long can be said.
    """
    words = _sequence_words(list(_sre.parse(pattern, flags)), shortest)
    if words is None:
        return None
    return frozenset(word.lower() for word in words) if flags & re.IGNORECASE else words


class Prefilter:
    """For a list of regex patterns, which ones can possibly match a given text."""

    def __init__(
        self, patterns: Sequence[str], flags: int = re.IGNORECASE, shortest: int = 3
    ) -> None:
        self._fold = bool(flags & re.IGNORECASE)
        self.words = tuple(required_words(pattern, flags, shortest) for pattern in patterns)
        self._automaton = ahocorasick.Automaton()
        for words in self.words:
            for word in words or ():
                self._automaton.add_word(word, word)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()
        self._always = frozenset(i for i, words in enumerate(self.words) if words is None)
        patterns_of: dict[str, set[int]] = {}
        for index, words in enumerate(self.words):
            for word in words or ():
                patterns_of.setdefault(word, set()).add(index)
        self._patterns_of = {word: frozenset(indices) for word, indices in patterns_of.items()}

    def present(self, text: str) -> set[str]:
        """The required words that occur in ``text``."""
        if self._empty:
            return set()
        return {word for _, word in self._automaton.iter(text.lower() if self._fold else text)}

    def possible(self, text: str) -> list[bool]:
        """One flag per pattern: False means the pattern cannot match ``text``."""
        present = self.present(text)
        return [words is None or not present.isdisjoint(words) for words in self.words]

    def candidates(self, text: str) -> list[int]:
        """Indices of the patterns that can match ``text``, ascending (for long pattern
        lists where a text holds the words of a few: no pass over all of them)."""
        indices = set(self._always)
        for word in self.present(text):
            indices |= self._patterns_of[word]
        return sorted(indices)

    def candidates_per_span(self, text: str, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
        """:meth:`candidates` of each ``text[start:end]`` (sorted, disjoint spans), from one
        pass over the whole text: a document's sentences without one automaton run each."""
        folded = text.lower() if self._fold else text
        if len(folded) != len(text):  # lower case changed the offsets ("İ"): span by span
            return [self.candidates(text[start:end]) for start, end in spans]
        starts = [start for start, _ in spans]
        found: list[set[int]] = [set(self._always) for _ in spans]
        if not self._empty:
            for last, word in self._automaton.iter(folded):
                first = last + 1 - len(word)
                span = bisect.bisect_right(starts, first) - 1
                if span >= 0 and last < spans[span][1]:
                    found[span] |= self._patterns_of[word]
        return [sorted(indices) for indices in found]
