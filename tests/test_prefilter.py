"""Regex prefilters: the words they require, and that they never hide a real match."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from geo.prefilter import Prefilter, guarded, required_words


@pytest.mark.parametrize(
    ("pattern", "flags", "words"),
    [
        (r"shot\s+down|downed", re.IGNORECASE, {"shot", "downed"}),
        (r"(?:peace\s+)?talks", re.IGNORECASE, {"talks"}),
        (r"condemnation|criticism", re.IGNORECASE, {"condemnation", "criticism"}),
        (r"Hezbollah|Hamas", 0, {"Hezbollah", "Hamas"}),  # the parser factors out the "H"
        (r"(?<!gun)m[ae]n\b", re.IGNORECASE, {"man", "men"}),  # small classes spelled out
        (
            r"U\.?S\.? Central Command",
            0,
            {
                "US Central Command",
                "U.S Central Command",
                "US. Central Command",
                "U.S. Central Command",
            },
        ),
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
    found = required_words(r"United Nations(?: Security Council)?|U\.N\.|UN", 0, shortest=2)
    assert found == {"United Nations", "U.N.", "UN"}


def test_possible_flags_each_pattern() -> None:
    prefilter = Prefilter([r"shot\s+down|downed", r"(?:peace\s+)?talks", r"[A-Z]-\d+"])
    assert prefilter.possible("Jets DOWNED a drone.") == [True, False, True]
    assert prefilter.possible("") == [False, False, True]
    assert prefilter.candidates("Jets DOWNED a drone before talks.") == [0, 1, 2]
    assert prefilter.candidates("Jets downed a drone.") == [0, 2]
    assert prefilter.candidates("") == [2]


@pytest.mark.parametrize(
    "text", ["He said so.", "\U0001d11e\u00e9 he said so", "İ said", "SAID"]
)
def test_a_word_inside_another_patterns_word_is_found_too(text: str) -> None:
    prefilter = Prefilter([r"said", r"aid(?:ed|s)?"])
    assert prefilter.candidates(text) == [0, 1]
    assert prefilter.candidates_per_span(text, [(0, len(text))]) == [[0, 1]]


PATTERNS = [r"shot\s+down|downed", r"(?:peace\s+)?talks", r"bomb(?:ed|ing|s)?", r"clash(?:es|ed)"]
WORDS = st.sampled_from(["shot down", "downed", "talks", "bombing", "clashed", "peace", "x", " "])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(max_size=5)), max_size=12).map(" ".join))
def test_a_pattern_that_matches_is_never_filtered_out(text: str) -> None:
    flags = Prefilter(PATTERNS).possible(text)
    for pattern, possible in zip(PATTERNS, flags, strict=True):
        if re.search(pattern, text, re.IGNORECASE):
            assert possible, (pattern, text)


_Case = tuple[str, Prefilter, int, re.Pattern[str], list[str]]


def _product_prefilters() -> list[_Case]:
    """Every prefilter geo uses, each pattern it guards (compiled as geo runs it), and the
    pieces to generate matching text from (whole regexes whose lookarounds defeat
    generation are given by their alternatives)."""
    from geo.events import actors, spatial, triggers

    cases: list[_Case] = [
        (
            f"trigger:{rule.event_type.value}",
            triggers._PREFILTER,
            index,
            regex.folding,
            [regex.pattern],
        )
        for index, (rule, regex) in enumerate(triggers._COMPILED)
    ]
    cases += [
        (f"modality:{index}", triggers._CUE_WORDS, index, cue.folding, [cue.pattern])
        for index, cue in enumerate(triggers._CUES)
    ]
    subject_cues = (actors._CONTROL_VERB, actors._SPEECH_THEN_PRONOUN, actors._PRONOUN)
    cases += [
        (f"subject:{index}", actors._SUBJECT_CUE_WORDS, index, cue.folding, [cue.pattern])
        for index, cue in enumerate((*subject_cues, actors._SPEECH_CUT))
    ]
    named = [actors._alternation(row.patterns) for row in actors.NAMED_ACTORS]
    countries = [pattern for pattern, _, _ in actors._COUNTRY_INDEX]
    cases += [
        ("actors:named", actors._VOCABULARIES, 0, actors._NAMED_RE, named),
        ("actors:force", actors._FORCE_WORDS, 0, actors._FORCE.folding, [actors._FORCE.pattern]),
        ("actors:country", actors._VOCABULARIES, 1, actors._COUNTRY_RE, countries),
    ]
    relations = (
        spatial._OFFSET_RE,
        spatial._DISTANCE_RE,
        spatial._DIRECTION_RE,
        spatial._NEAR_RE,
        spatial._BETWEEN_RE,
        spatial._ALONG_RE,
    )
    cases += [
        (f"relation:{index}", spatial._RELATION_WORDS, index, regex, [regex.pattern])
        for index, regex in enumerate(relations)
    ]
    return cases


@pytest.mark.parametrize(
    ("prefilter", "index", "regex", "pieces"),
    [pytest.param(*case[1:], id=case[0]) for case in _product_prefilters()],
)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_geo_prefilters_never_hide_a_match_of_their_own_patterns(
    prefilter: Prefilter,
    index: int,
    regex: re.Pattern[str],
    pieces: list[str],
    data: st.DataObject,
) -> None:
    piece = data.draw(st.sampled_from(pieces))
    text = " " + data.draw(st.from_regex(re.compile(piece, regex.flags), fullmatch=True)) + " "
    assume(regex.search(text) is not None)
    assert prefilter.possible(text)[index], text
    assert index in prefilter.candidates(text), text


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.one_of(WORDS, st.text(max_size=8), st.sampled_from(["İstanbul", "\n"])))
)
def test_candidates_per_span_are_the_candidates_of_each_span(parts: list[str]) -> None:
    text = " ".join(parts)
    cuts = sorted({0, len(text), *(i for i, ch in enumerate(text) if ch in ".\n")})
    spans = list(itertools.pairwise(cuts))
    prefilter = Prefilter(PATTERNS)
    expected = [prefilter.candidates(text[start:end]) for start, end in spans]
    assert prefilter.candidates_per_span(text, spans) == expected


@pytest.mark.parametrize("text", ["a ; b", "x, but y", "troops while", "no break"])
def test_guarded_alternation_finds_what_the_plain_one_finds(text: str) -> None:
    body = r"\s*;\s*|,\s+(?=but\b)|\s+(?=while\b)"
    plain, with_guard = re.compile(body), re.compile(guarded("", body))
    assert [m.span() for m in with_guard.finditer(text)] == [m.span() for m in plain.finditer(text)]
