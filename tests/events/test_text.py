"""Sentence and clause splitting of wire copy."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.events import text as text_module
from geo.events.text import CaseBlind, Sentence, split_clauses, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("   \n\n  ", []),
        ("No full stop at the end", ["No full stop at the end"]),
        ("Troops advanced. Rebels fled.", ["Troops advanced.", "Rebels fled."]),
        ("Is it over? Nobody knows! Fighting resumed.",
         ["Is it over?", "Nobody knows!", "Fighting resumed."]),
        ('He said "We will respond." The army moved.',
         ['He said "We will respond."', "The army moved."]),
        ('"Why now?" he asked.', ['"Why now?" he asked.']),
        ("The U.S. Navy said the ship was hit.", ["The U.S. Navy said the ship was hit."]),
        ("Talks at the U.N. Security Council failed.",
         ["Talks at the U.N. Security Council failed."]),
        ("Troops left the U.S. Officials said so.", ["Troops left the U.S. Officials said so."]),
        ("Troops left the U.S.\nOfficials said so.",
         ["Troops left the U.S.", "Officials said so."]),
        ("Gen. Joseph Votel and Lt. Gen. Stephen Townsend met Sen. John McCain.",
         ["Gen. Joseph Votel and Lt. Gen. Stephen Townsend met Sen. John McCain."]),
        ("Dr. J. R. Smith spoke at 9 a.m. Monday in St. Louis.",
         ["Dr. J. R. Smith spoke at 9 a.m. Monday in St. Louis."]),
        ("On Jan. 5 the death toll rose to 2.5 times the estimate. It fell later.",
         ["On Jan. 5 the death toll rose to 2.5 times the estimate.", "It fell later."]),
        ("Resolution No. 5 passed. No. It did not.",
         ["Resolution No. 5 passed.", "No.", "It did not."]),
        ("Headline without stop\n\nFirst paragraph. Second sentence.",
         ["Headline without stop", "First paragraph.", "Second sentence."]),
        ("BEIRUT (Reuters) -\nSyrian jets struck Idlib.",
         ["BEIRUT (Reuters) -", "Syrian jets struck Idlib."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_split_sentences_large_text_is_linear_and_exact() -> None:
    paragraph = "Russian jets bombed Idlib on Tuesday. The U.S. said 12 people died!\n"
    text = paragraph * (5_000_000 // len(paragraph))
    sentences = split_sentences(text)
    assert len(sentences) == 2 * text.count("\n")
    assert all(text[s.start : s.end] == s.text for s in sentences[:50])


# The splitter's shortcuts against the plain regexes they stand for.
_PUNCTUATED = st.text(alphabet="aZ.?!\"')]-1 \n\t\u00a0\u201d\u2019\u00e9", max_size=30)


@given(_PUNCTUATED)
def test_word_before_dot_is_what_the_regex_captures(before: str) -> None:
    found = re.search(r"([A-Za-z][A-Za-z.\-]*)\.$", before + ".")
    assert text_module._word_before_dot(before + ".") == (found.group(1) if found else "")


@given(_PUNCTUATED)
def test_candidate_ends_and_next_characters(line: str) -> None:
    plain = re.compile(r"[.?!]+[\"'\u201d\u2019\u00bb)\]]*(?=\s)")
    expected = []
    for end in plain.finditer(line):
        after = re.compile(r"\s+(\S)").match(line, end.end())
        expected.append((end.span(), after.group(1) if after else None))
    found = [(end.span(), end.group(1)) for end in text_module._CANDIDATE_END.finditer(line)]
    assert found == expected


def test_sentence_rejects_mismatched_span() -> None:
    with pytest.raises(ValueError, match="length"):
        Sentence(start=0, end=3, text="ab")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops advanced; rebels fled.", ["Troops advanced", "rebels fled."]),
        ("Russia shelled the town, while Turkey watched.",
         ["Russia shelled the town", "while Turkey watched."]),
        ("The army struck, but the rebels held.", ["The army struck", "but the rebels held."]),
        ("Israel struck Gaza whereas Hamas fired rockets.",
         ["Israel struck Gaza", "whereas Hamas fired rockets."]),
        ("Clashes in the west of Daraa as well as shelling on Deir Ezzor countryside",
         ["Clashes in the west of Daraa", "as well as shelling on Deir Ezzor countryside"]),
        ("Jets bombed the city, and the army advanced.",
         ["Jets bombed the city", "and the army advanced."]),
        ("Jets bombed Raqqa, and Russia condemned the raid.",
         ["Jets bombed Raqqa", "and Russia condemned the raid."]),
        ("Syria, Iraq, and Turkey met in Astana.", ["Syria, Iraq, and Turkey met in Astana."]),
        # a source's own report of another event
        ("Strikes hit a market in Taizz, according to the UN, who said a separate strike hit "
         "al-Tuhayta.", ["Strikes hit a market in Taizz, according to the UN",
                         "who said a separate strike hit al-Tuhayta."]),
        ("The man who said he saw it left.", ["The man who said he saw it left."]),
        ("A single clause", ["A single clause"]),
    ],
)
def test_split_clauses(text: str, expected: list[str]) -> None:
    doc = "Intro. " + text
    sentence = Sentence(start=7, end=len(doc), text=text)
    clauses = split_clauses(sentence)
    assert [c.text for c in clauses] == expected
    assert all(doc[c.start : c.end] == c.text for c in clauses)


_CLAUSE_PIECES = (", ", ",  ", "and ", "but ", "the ", "it ", "Russia ", "Al ", "said ", "x")


def test_comma_breaks_are_the_clause_breaks_of_text_without_other_marks() -> None:
    """Every text of up to four pieces: the shortcut finds the breaks the full regex finds."""
    texts = ["".join(p) for n in range(1, 5) for p in itertools.product(_CLAUSE_PIECES, repeat=n)]
    differ = [
        text
        for text in texts
        if [m.span() for m in text_module._COMMA_BREAK.finditer(text)]
        != [m.span() for m in text_module._CLAUSE_BREAK.finditer(text)]
    ]
    assert differ == []


CASE_BLIND_PATTERN = (
    r"\b(?:(?:regime|[A-Z]{1,3}-\d+[A-Z]?)\s+)*(?:(?P<force>forces|troops|Su-\d+)"
    r"|(?P<people>(?<!gun)m[ae]n|people))\b"
)


@pytest.mark.parametrize(
    ("text", "pos", "endpos"),
    [
        ("SYRIAN REGIME FORCES and Russian Su-24 jets; GUNMEN killed two men.", 0, 66),
        ("İstanbul police said F-16 troops and people left.", 0, 49),  # "İ" lowers to two
        ("Diyarbakır: the regıme forces and ſu-24 jets", 0, 44),  # ignore-case "i" matches "ı"
        ("The Regime Forces, regime forces and REGIME troops", 4, 40),
        ("", 0, 0),
    ],
)
def test_case_blind_matches_as_the_ignore_case_regex_does(text: str, pos: int, endpos: int) -> None:
    blind = CaseBlind(CASE_BLIND_PATTERN)
    folding = re.compile(CASE_BLIND_PATTERN, re.IGNORECASE)

    def spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int, str | None]]:
        return [(m.start(), m.end(), m.lastgroup) for m in matches]

    assert spans(blind.finditer_in_document(text, pos, endpos)) == spans(
        folding.finditer(text, pos, endpos)
    )
    window = text[pos:endpos]
    assert spans(blind.finditer(window)) == spans(folding.finditer(window))
    found, expected = blind.search(window), folding.search(window)
    assert (found and found.span()) == (expected and expected.span())


def test_case_blind_refuses_an_upper_case_escape() -> None:
    with pytest.raises(ValueError, match="upper-case escape"):
        CaseBlind(r"\S+ forces")
