"""Regex prefilters: skip a regex on text that cannot match it, decided in one linear pass.

The trigger lexicon and the actor vocabulary are large regexes; most sentences match few of
them. From each regex's parse tree (the standard library's own parser) we derive words one of
which every match must contain; an Aho-Corasick automaton finds, in one pass over the text,
which of those words occur; only regexes whose words occur are run. From the same parse,
:func:`guarded` writes a look-ahead of the characters every match opens with, so the regex
engine turns most positions away after a character or two, and :func:`literal_openings`
lists the strings every match starts with, so a caller can try the regex only where one
occurs.

>>> prefilter = Prefilter([r"shot\\s+down|downed", r"(?:peace\\s+)?talks"])
>>> prefilter.possible("Jets downed a drone.")
[True, False]
"""

from __future__ import annotations

import bisect
import re
import re._parser as _sre  # the stdlib's own regex parser
from collections.abc import Sequence
from typing import Any, NamedTuple

from ahocorasick_rs import AhoCorasick, Implementation

__all__ = ["Prefilter", "guarded", "literal_openings", "required_words", "spellings"]

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


def spellings(pattern: str) -> _Words | None:
    """Every string ``pattern`` can match, when that is a small finite set (else None).

    >>> sorted(spellings(r"kms?"))
    ['km', 'kms']
    >>> spellings(r"k+m") is None
    True
    """
    return _exact_sequence(list(_sre.parse(pattern)))


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


# -- openings: a look-ahead that turns most positions away -----------------------------------
# A regex opening with an alternation of words is tried in full at every word start, one
# alternative after another. A look-ahead of the first characters every match opens with,
# arranged as a trie ("a(?:ir|rm)|b(?:as|om)"), turns most words away after a character or
# two. It finds the same matches: it only rejects positions where no match can begin.

_OPENING_LENGTH = 5  # characters of each opening spelled out; more add size, not speed
_CLASS_ESCAPES = {
    _sre.CATEGORY_DIGIT: r"\d",
    _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_WORD: r"\w",
}
_Opening = tuple[str, ...]  # one regex per character: a literal or a character class


def _character_class(items: list[tuple[Any, Any]]) -> str | None:
    """A parsed character class written back as a regex (None for what it does not spell)."""
    parts: list[str] = []
    for op, value in items:
        if op is _sre.LITERAL:
            parts.append(re.escape(chr(value)))
        elif op is _sre.RANGE:
            parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif op is _sre.CATEGORY and value in _CLASS_ESCAPES:
            parts.append(_CLASS_ESCAPES[value])
        else:
            return None
    if len(parts) == 1 and parts[0] in _CLASS_ESCAPES.values():
        return parts[0]  # \s, not [\s]
    return "[" + "".join(parts) + "]"


def _openings(items: list[tuple[Any, Any]], length: int, fold: bool) -> set[_Opening]:
    """The first ``length`` characters every match of a parsed sequence opens with.

    An opening cut short means "anything may follow": the end of the budget, the end of the
    pattern, or a construct not spelled out. Zero-width assertions are left out (the
    look-ahead then allows more, never less). ``fold``: letters in lower case (the pattern
    ignores case), so "F-16" and "fighter" share a branch.
    """
    if length == 0 or not items:
        return {()}
    (op, value), rest = items[0], items[1:]
    if op is _sre.LITERAL:
        char = chr(value).lower() if fold and len(chr(value).lower()) == 1 else chr(value)
        return {(re.escape(char), *tail) for tail in _openings(rest, length - 1, fold)}
    if op is _sre.IN:
        spelled = _character_class(value)
        if spelled is None:
            return {()}
        return {(spelled, *tail) for tail in _openings(rest, length - 1, fold)}
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return _openings(rest, length, fold)
    if op is _sre.SUBPATTERN and not (value[1] or value[2]):  # a group without flags
        return _openings([*value[3], *rest], length, fold)
    if op is _sre.BRANCH:
        return set().union(*(_openings([*branch, *rest], length, fold) for branch in value[1]))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and value[2].getwidth()[0] > 0:
        low, high, repeated = value
        found = _openings(rest, length, fold) if low == 0 else set()
        if high > 0:
            fewer = high if high == _sre.MAXREPEAT else high - 1
            again = (op, (max(low - 1, 0), fewer, repeated))
            found |= _openings([*repeated, again, *rest], length, fold)
        return found
    return {()}


def _trie(openings: set[_Opening]) -> str:
    if () in openings:
        return ""  # one opening ends here: anything may follow
    by_first: dict[str, set[_Opening]] = {}
    for first, *rest in openings:
        by_first.setdefault(first, set()).add(tuple(rest))
    branches = [first + _trie(rests) for first, rests in sorted(by_first.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def guarded(head: str, body: str, flags: int = 0) -> str:
    r"""``head + body`` with a look-ahead of the openings of ``body`` after ``head`` (the
    zero-width checks that end most attempts at once, such as ``\b``); ``body`` is grouped,
    so a top-level alternation stays under the look-ahead.

    >>> print(guarded(r"\b", r"jets?|navy|army"))
    \b(?=(?:army|jet|navy))(?:jets?|navy|army)
    """
    fold = bool(flags & re.IGNORECASE)
    openings = _openings(list(_sre.parse(body, flags)), _OPENING_LENGTH, fold)
    return f"{head}(?={_trie(openings)})(?:{body})"


# -- literal openings: where a regex can start, as strings to look for ---------------------
_LITERAL_OPENING_LENGTH = 4  # openings are cut here: longer ones would only multiply
_WHOLE_LIMIT = 64  # the most spellings followed before giving up on a longer opening


class _Starts(NamedTuple):
    """What a parsed piece of pattern matches: strings beginning with one of ``cut``, or
    exactly one of ``whole`` (which a following piece may extend)."""

    cut: frozenset[str]
    whole: frozenset[str]


_ZERO_WIDTH = _Starts(frozenset(), frozenset({""}))
_UNKNOWN = _Starts(frozenset({""}), frozenset())  # anything at all: starts with ""


def _item_starts(op: Any, value: Any) -> _Starts:
    if op is _sre.LITERAL:
        return _Starts(frozenset(), frozenset({chr(value)}))
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return _ZERO_WIDTH
    if op is _sre.IN and all(kind is _sre.LITERAL for kind, _ in value):
        return _Starts(frozenset(), frozenset(chr(char) for _, char in value))
    if op is _sre.BRANCH:
        branches = [_sequence_starts(branch) for branch in value[1]]
        return _Starts(
            frozenset().union(*(b.cut for b in branches)),
            frozenset().union(*(b.whole for b in branches)),
        )
    if op is _sre.SUBPATTERN and not value[1] and not value[2]:  # no flags switched
        return _sequence_starts(value[3])
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        low, high, body = value[0], value[1], _sequence_starts(value[2])
        if high == 1:
            return body if low == 1 else _Starts(body.cut, body.whole | {""})
        first = _Starts(body.cut | body.whole, frozenset())  # more repeats may follow
        return first if low else _Starts(first.cut, frozenset({""}))
    return _UNKNOWN


def _sequence_starts(items: Sequence[tuple[Any, Any]]) -> _Starts:
    cut: set[str] = set()
    whole = frozenset({""})
    for op, value in items:
        if not whole:
            break
        item = _item_starts(op, value)
        cut |= {prefix + start for prefix in whole for start in item.cut}
        whole = frozenset(prefix + rest for prefix in whole for rest in item.whole)
        if len(whole) > _WHOLE_LIMIT:
            cut |= {prefix[:_LITERAL_OPENING_LENGTH] for prefix in whole}
            whole = frozenset()
        cut |= {prefix for prefix in whole if len(prefix) >= _LITERAL_OPENING_LENGTH}
        whole = frozenset(prefix for prefix in whole if len(prefix) < _LITERAL_OPENING_LENGTH)
    return _Starts(frozenset(cut), whole)


def literal_openings(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` starts with (None: no such strings);
    none is a prefix of another, so at most one occurs at any position.

    >>> literal_openings(r"(?<![\\w-])(?:shot\\s+down|downed|(?:peace\\s+)?talks)")
    ('down', 'peac', 'shot', 'talk')
    >>> literal_openings(r"(?:[\\w-]+\\s+){0,3}?missiles?") is None
    True
    """
    starts = _sequence_starts(_sre.parse(pattern))
    found = starts.cut | starts.whole
    if "" in found:
        return None
    return tuple(sorted(s for s in found if not any(s.startswith(o) for o in found - {s})))


class Prefilter:
    """For a list of regex patterns, which ones can possibly match a given text."""

    def __init__(
        self, patterns: Sequence[str], flags: int = re.IGNORECASE, shortest: int = 3
    ) -> None:
        self._fold = bool(flags & re.IGNORECASE)
        self.words = tuple(required_words(pattern, flags, shortest) for pattern in patterns)
        self._always = frozenset(i for i, words in enumerate(self.words) if words is None)
        self._always_flags = tuple(words is None for words in self.words)
        patterns_of: dict[str, set[int]] = {}
        for index, words in enumerate(self.words):
            for word in sorted(words or ()):
                patterns_of.setdefault(word, set()).add(index)
        self._vocabulary = tuple(patterns_of)
        self._patterns_of = tuple(frozenset(patterns_of[word]) for word in self._vocabulary)
        # A DFA: the largest automaton to build, the fastest to run (several times faster than
        # the default) for these vocabularies of a few hundred short words.
        self._automaton = (
            AhoCorasick(self._vocabulary, implementation=Implementation.DFA)
            if self._vocabulary
            else None
        )

    def _hits(self, text: str, folded: bool = False) -> list[tuple[int, int, int]]:
        """(word index, start, end) of every occurrence of a required word, overlaps too;
        ``folded``: ``text`` is already in lower case where the patterns ignore case."""
        if self._automaton is None:
            return []
        if self._fold and not folded:
            text = text.lower()
        return self._automaton.find_matches_as_indexes(text, overlapping=True)

    def possible(self, text: str) -> list[bool]:
        """One flag per pattern: False means the pattern cannot match ``text``."""
        flags = list(self._always_flags)
        for word, _, _ in self._hits(text):
            for index in self._patterns_of[word]:
                flags[index] = True
        return flags

    def candidates(self, text: str) -> list[int]:
        """Indices of the patterns that can match ``text``, ascending (for long pattern
        lists where a text holds the words of a few: no pass over all of them)."""
        indices = set(self._always)
        for word in {word for word, _, _ in self._hits(text)}:
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
        for word, start, end in self._hits(folded, folded=True):
            span = bisect.bisect_right(starts, start) - 1
            if span >= 0 and end <= spans[span][1]:
                found[span] |= self._patterns_of[word]
        return [sorted(indices) for indices in found]
