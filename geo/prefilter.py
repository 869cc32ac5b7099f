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

import re
import re._parser as _sre  # the stdlib's own regex parser
from collections.abc import Sequence
from typing import Any

import ahocorasick

__all__ = ["Prefilter", "required_words"]

_Words = frozenset[str]
_Items = list[tuple[Any, Any]]


def _strongest(options: list[_Words], shortest: int) -> _Words | None:
    """Of several valid requirements, the one whose shortest word is longest."""
    valid = [words for words in options if words and min(map(len, words)) >= shortest]
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


def _sequence_words(items: _Items, shortest: int) -> _Words | None:
    """Words one of which every match of this sequence must contain (None: no such set).

    Literal runs count, and so do mandatory groups and repeats whose every alternative
    has words.
    """
    options: list[_Words] = []
    current = ""
    for op, value in items:
        if op is _sre.LITERAL:
            current += chr(value)
            continue
        options.append(frozenset({current}))
        current = ""
        words: _Words | None = None
        if op is _sre.BRANCH:  # the parser factors common prefixes out of alternations
            words = _branch_words([list(branch) for branch in value[1]], shortest)
        elif op is _sre.MAX_REPEAT and value[0] >= 1:
            words = _sequence_words(list(value[2]), shortest)
        elif op is _sre.SUBPATTERN and not value[1] & re.IGNORECASE:
            # A group that switches case folding on ("(?i:...)") is not searched by case.
            words = _sequence_words(list(value[3]), shortest)
        if words is not None:
            options.append(words)
    options.append(frozenset({current}))
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

    def present(self, text: str) -> set[str]:
        """The required words that occur in ``text``."""
        if self._empty:
            return set()
        return {word for _, word in self._automaton.iter(text.lower() if self._fold else text)}

    def possible(self, text: str) -> list[bool]:
        """One flag per pattern: False means the pattern cannot match ``text``."""
        present = self.present(text)
        return [words is None or not present.isdisjoint(words) for words in self.words]
