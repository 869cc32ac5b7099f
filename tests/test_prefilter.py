"""Regex prefilters: the words they require, and that they never hide a real match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.prefilter import Prefilter, required_words


@pytest.mark.parametrize(
    ("pattern", "flags", "words"),
    [
        (r"shot\s+down|downed", re.IGNORECASE, {"shot", "downed"}),
        (r"(?:peace\s+)?talks", re.IGNORECASE, {"talks"}),
        (r"condemnation|criticism", re.IGNORECASE, {"ondemnation", "riticism"}),
        (r"Hezbollah|Hamas", 0, {"ezbollah", "amas"}),
        (r"(?:fired|launched)\s+(?:\w+\s+){0,3}?missiles?", re.IGNORECASE, {"missile"}),
        (r"(?i:forces|troops)", 0, None),  # case folding switched on inside: cannot say
        (r"[A-Z]-\d+", re.IGNORECASE, None),  # no literal word at all
        (r"UN|EU", 0, None),  # too short for the default
    ],
)
def test_required_words(pattern: str, flags: int, words: set[str] | None) -> None:
    found = required_words(pattern, flags)
    assert (None if found is None else set(found)) == words


def test_short_words_when_allowed() -> None:
    assert required_words(r"UN|EU", 0, shortest=2) == frozenset({"UN", "EU"})


def test_possible_flags_each_pattern() -> None:
    prefilter = Prefilter([r"shot\s+down|downed", r"(?:peace\s+)?talks", r"[A-Z]-\d+"])
    assert prefilter.possible("Jets DOWNED a drone.") == [True, False, True]
    assert prefilter.possible("") == [False, False, True]


PATTERNS = [r"shot\s+down|downed", r"(?:peace\s+)?talks", r"bomb(?:ed|ing|s)?", r"clash(?:es|ed)"]
WORDS = st.sampled_from(["shot down", "downed", "talks", "bombing", "clashed", "peace", "x", " "])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(max_size=5)), max_size=12).map(" ".join))
def test_a_pattern_that_matches_is_never_filtered_out(text: str) -> None:
    flags = Prefilter(PATTERNS).possible(text)
    for pattern, possible in zip(PATTERNS, flags, strict=True):
        if re.search(pattern, text, re.IGNORECASE):
            assert possible, (pattern, text)
