"""Names of natural features and parks found by their generic word: "Lizard Island".

Recognition reads the names the gazetteer knows, so a feature it lacks was read in parts, or
not at all: "researchers on Lizard Island" gave "Island" (Iceland's own name), "a boat trip
into the Mekong Delta" the river and "Delta" (a Nigerian state), "Saylorville Lake" nothing.
A run of capitalised words closed by a feature's generic word ("Island", "Lake", "Delta"),
or opened by one before "of" ("the Gulf of Maine") or before a name ("Mount Elgon"), names
one place. Its span replaces the parts read inside it; the back-off
(:mod:`geo.places.backoff`) answers it as it answers such a span given by a gold corpus.

The words are data: ``feature_names.toml`` beside this module.

>>> text = "The divers went to Lizard Island, and the boats fished in the Gulf of Maine."
>>> [name for _, _, name in feature_names(text)]
['Lizard Island', 'Gulf of Maine']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from geo.places.recognition import NEVER_ALONE, NoPersonNames, PersonNames, in_title_case
from geo.vocabulary import LowerWords, Vocabulary, alternation, load_vocabulary

__all__ = ["CAPITALS", "COMMON_GIVEN_NAME", "feature_names", "opens_a_sentence"]


class FeatureNamesFile(Vocabulary):
    """``feature_names.toml``: the generic words that close or open a feature's name."""

    closing: LowerWords
    opening_of: LowerWords
    opening: LowerWords
    surnames: LowerWords
    not_a_name: LowerWords
    institutions: LowerWords


_WORDS = load_vocabulary("geo.places", "feature_names.toml", FeatureNamesFile)


def _capitalised(words: Sequence[str]) -> str:
    return alternation([word.capitalize() for word in words])


# A word of a name: capitalised, with its inner hyphens and apostrophes, or an abbreviated
# saint's or mountain's title ("St. Lawrence River", "Mt. Hood"); a name may hold a connector
# ("Rio de la Plata"), not "of", which joins an organisation to its town ("Sun News of
# Myrtle Beach")
CAPITALS = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĠĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_WORD = rf"(?:(?:St|Ste|Mt|Ft)\.|[{CAPITALS}][\w-]*(?:['’](?!s\b)\w+)*)"
_CONNECTOR = r"(?:de|del|du|des|la|le|da|do|dos|das|di|van|von)"
_RUN = rf"{_WORD}(?: {_CONNECTOR})*(?: {_WORD}(?: {_CONNECTOR})*)*"
# ... and nothing capitalised or hyphened goes on after it: "Silicon Valley Bank" is a bank's
# (a possessive may: "Lizard Island's reefs")
_ENDS = r"(?=['’]s\b|(?![\w'’-]| [A-Z]| &))"
_OPENS = r"(?<![\w'’.-])"
_CLOSED = re.compile(rf"{_OPENS}{_RUN} {_capitalised(_WORDS.closing)}{_ENDS}")
_CLOSING_WORD = re.compile(rf"(?<= ){_capitalised(_WORDS.closing)}{_ENDS}")
_LONGEST_NAME = 80  # characters before the generic word: longer runs are no name
# An opening word's name is short and ends the run: "Mount Pleasant High School" is a school
_SHORT = rf"{_WORD}(?:(?: {_CONNECTOR})* {_WORD})?"  # "Elgon", "St. Helens", "Juan de Fuca"
_OPENED_OF = re.compile(rf"{_OPENS}{_capitalised(_WORDS.opening_of)} of (?:the )?{_SHORT}{_ENDS}")
_OPENED = re.compile(rf"{_OPENS}(?:{_capitalised(_WORDS.opening)}|Mt\.) {_SHORT}{_ENDS}")
# What an opening word's name needs in the text: most texts have none of these
_OPENING_WORDS = (
    *(f"{word.capitalize()} of " for word in _WORDS.opening_of),
    *(f"{word.capitalize()} " for word in _WORDS.opening),
    "Mt. ",
)
_LEAD = re.compile(rf"{_WORD}(?: of)? ")
_POSSESSOR = re.compile(rf"{_WORD}['’]s ")  # "Kenya's Rift Valley" is the Rift Valley
_SENTENCE_END = re.compile(r"(?:[.!?:;\"“”(]\s*|\n\s*|^\s*)$")
_AFTER_A_NAME = re.compile(rf"{_WORD} $")
# Ranks in the person lexicon (1 the most common) under which a word is a given name
COMMON_GIVEN_NAME = 1000
_SURNAMES = frozenset(_WORDS.surnames)
_NO_NAME = frozenset(_WORDS.not_a_name)
_INSTITUTION_AFTER = re.compile(rf" {_capitalised(_WORDS.institutions)}$")


def feature_names(text: str, people: PersonNames | None = None) -> Iterator[tuple[int, int, str]]:
    """The spans (start, end, text) of the feature names of ``text``, in order. Lines in
    title case (headlines) are left to recognition: every word there is capitalised."""
    closing = list(_CLOSING_WORD.finditer(text))
    opening = any(word in text for word in _OPENING_WORDS)
    if not closing and not opening:
        return  # most texts
    people = people or NoPersonNames()
    closed = (
        (start, found.end())
        for found in _closed_names(text, closing)
        if (start := _first_name_word(text, found.start(), found.end())) is not None
        and not _a_person_s_name(text[start : found.end()], people)
    )
    opened = (
        (found.start(), found.end())
        for pattern in ((_OPENED_OF, _OPENED) if opening else ())
        for found in pattern.finditer(text)
        if not _AFTER_A_NAME.search(text, max(0, found.start() - 40), found.start())
        and not _INSTITUTION_AFTER.search(found.group())
    )
    spans = [span for span in (*closed, *opened) if not in_title_case(text, span[0])]
    taken_until = -1
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start >= taken_until:  # the longest of overlapping names
            taken_until = end
            yield start, end, text[start:end]


def _closed_names(text: str, closing: list[re.Match[str]]) -> Iterator[re.Match[str]]:
    """The runs closed by the generic words ``closing``, found from each such word back: a
    scan from every capital would go over a long run of capitals once for each of its words."""
    for word in closing:
        window = max(0, word.start() - _LONGEST_NAME)
        found = _CLOSED.search(text, window, min(len(text), word.end() + 3))
        while found is not None and found.end() < word.end():  # another word closed a run
            found = _CLOSED.search(text, found.end(), min(len(text), word.end() + 3))
        if found is not None and found.end() == word.end():
            yield found


def _first_name_word(text: str, start: int, end: int) -> int | None:
    """Where the name opens: after a possessor ("Kenya's Rift Valley"), past a sentence's
    first word when that is no name ("After Lizard Island", "Residents of Orchid Island");
    None if no name is left before the generic word."""
    while (possessor := _POSSESSOR.search(text, start, end)) is not None:
        start = possessor.end()
    while (lead := _LEAD.match(text, start, end)) is not None:
        word, *of = lead.group().split()
        if word.lower() not in _NO_NAME and not (
            opens_a_sentence(text, start) and _no_name_elsewhere(text, word, bool(of))
        ):
            break
        start = lead.end()
    return start if " " in text[start:end] else None


def opens_a_sentence(text: str, at: int) -> bool:
    """Whether ``at`` opens a sentence, a line, a quotation or a bracket."""
    return _SENTENCE_END.search(text, max(0, at - 3), at) is not None


def _no_name_elsewhere(text: str, word: str, before_of: bool) -> bool:
    """Whether a sentence's first word is a common word: written in lower case somewhere in
    the text, or before "of" and never capitalised inside a sentence ("Residents of Orchid
    Island"; "Gros Morne National Park" opens with a name)."""
    lower = word.lower()
    if lower in NEVER_ALONE or _written_as_a_word(text, lower):
        return True
    return before_of and not _written_as_a_word(text, word, inside_a_sentence=True)


def _written_as_a_word(text: str, word: str, *, inside_a_sentence: bool = False) -> bool:
    """Whether ``word`` stands in the text as a word of its own (after a word or a comma and
    a space, with ``inside_a_sentence``); plain string search, no pattern per word."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        before = text[at - 2 : at] if at >= 2 else ""
        starts = at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "-_")
        ends = end == len(text) or not (text[end].isalnum() or text[end] in "-_")
        inside = len(before) == 2 and before[1] == " " and (before[0].isalnum() or before[0] == ",")
        if starts and ends and (inside or not inside_a_sentence):
            return True
        at = text.find(word, at + 1)
    return False


def _a_person_s_name(name: str, people: PersonNames) -> bool:
    """ "said Angela Hill", "Robin Lake, a senior": a given name and a closing word that is
    also a surname."""
    *given, surname = name.split()
    if not 1 <= len(given) <= 2 or surname.lower() not in _SURNAMES:
        return False
    ranks = [people.given_rank(word) for word in given]  # "Mary Ann Hill"
    return all(rank is not None and rank <= COMMON_GIVEN_NAME for rank in ranks)
