"""Villages in running text: a name no entry has, read as a place GeoNames' postal codes list
in the text's country, where the text introduces it as a place.

The postal places (:meth:`gazetteer.Gazetteer.postal_places`) are the villages, hamlets and
suburbs cities500 lacks: "Glenridding", "Tamms", "Gjógv". Most capitalised words that match
one are people's names or common words ("Jones", "House"), so recognition never reads them.
A name the text introduces as a place is one:

- after a place preposition or a settlement's noun: "near Polbain", "residents of
  Glenridding", "between Fosdyke and Gedney Drove End";
- in a list with a place the text names: "Mound City, Ullin and Tamms";
- before a place the text names, after a comma: "Drummore, Scotland".

Its answer is the back-off's rule 4 (:func:`geo.places.backoff.postal_place_in`): the postal
place of that name in the country most of the text's places lie in, the nearest to them, if
it lies within 200 km of one of them. A headline's words, a sentence's first word, a
possessive, a person's name (a given name before another word, a common surname alone, a
name before "said"), a common word that is never a place alone, a facility's or road's word
("State Road") and an apposition ("Cemex, Mexico's biggest cement maker") are no village.
The words are data: ``villages.toml`` beside this module.

>>> list(_introduced_names("Residents of Glenridding and Patterdale", [(29, 39)]))
[(13, 24, 'after "of"'), (13, 24, 'listed before a place')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence

from gazetteer.geodesy import great_circle_km
from gazetteer.model import Candidate, PostalPlace
from geo.places.backoff import HomeCountry, head_of, home_country, postal_place_in
from geo.places.feature_names import CAPITALS, COMMON_GIVEN_NAME, opens_a_sentence
from geo.places.mentions import Mention, MentionKind
from geo.places.recognition import (
    NEVER_ALONE,
    PERSON_VERBS,
    POSSESSIVE_ENDINGS,
    PersonNames,
    in_title_case,
)
from geo.vocabulary import LowerWords, Vocabulary, alternation, load_vocabulary

__all__ = ["VillagesFile", "villages_introduced"]


class VillagesFile(Vocabulary):
    """``villages.toml``: the words that introduce a village's name."""

    prepositions: LowerWords
    settlement_nouns: LowerWords


_WORDS = load_vocabulary("geo.places", "villages.toml", VillagesFile)

# A word of a name: capitalised, with a lower-case letter ("USA" is an abbreviation), its
# inner hyphens and apostrophes ("Kincardine O'Neil", "Terre-de-Haut"); a name of up to four
# words, joined by a connector ("Stratford upon Avon")
_WORD = rf"[{CAPITALS}][\w'’-]*[a-zà-ÿ][\w'’-]*"
_CONNECTOR = r"(?:de|del|la|le|on|upon|en|sur|am|an|der|y|do|da|dos)"
_NAME = re.compile(rf"(?<![\w'’.-]){_WORD}(?:(?: {_CONNECTOR})? {_WORD}){{0,3}}(?![\w'’-])")
# Where a name may be introduced: after a place preposition, as written or opening a
# sentence, or after a settlement's noun and "of". Found from each capital after a space, by
# the word before it: twice as fast as a pattern of the words.
_PREPOSITIONS = frozenset(_WORDS.prepositions) | {w.capitalize() for w in _WORDS.prepositions}
_SETTLEMENT_NOUNS = frozenset(_WORDS.settlement_nouns)
_CAPITAL_AFTER_A_SPACE = re.compile(rf"(?<= )[{CAPITALS}]")
_OPENING_MARKS = '"“(—'
_LIST_AFTER = re.compile(r",? (?:and |or )|, ")  # after a place: "Mound City, Ullin"
_LIST_BEFORE = re.compile(  # before a place: "Ullin and Mound City", "Drummore, Scotland"
    rf"(?<![\w'’.-])({_WORD}(?:(?: {_CONNECTOR})? {_WORD}){{0,3}})(,? (?:and|or) |, )$"
)
_LIST_REACH = 80  # characters before a place searched for a name listed before it
_SEPARATORS = (", ", " and ", " or ")
_POSSESSIVE = re.compile(r"['’]s?$")
# The rank in the person lexicon (1 the most common) under which a lone word is a surname
_COMMON_SURNAME = 5000
# The kinds of head word that say a name is no village's ("State Road", "Bellslea Park"); a
# feature's may close one ("Freiston Shore")
_NOT_A_VILLAGE_S = frozenset({"facility", "road", "organisation"})
# How near one of the text's places of its country a village must lie: a village a story
# names is one of its area's, not a namesake across the country ("Takaichi" in a story from
# Tokyo is no village of Shikoku); 100 km lost villages the development sets name that 200 km
# keeps, and 200 km still turns away every namesake a review of the rule found
_NEAR_KM = 200.0
# A person's verb after the name: "In Lansing, Whitmer said"
_SPEAKS_AFTER = re.compile(rf"\s+{alternation(sorted(PERSON_VERBS))}\b")


def villages_introduced(
    text: str,
    read: Sequence[tuple[int, int]],
    places: Callable[[], Sequence[Candidate]],
    postal: Callable[[str], Sequence[PostalPlace]],
    people: PersonNames,
) -> list[Mention]:
    """The villages ``text`` introduces as places outside the spans recognition ``read``
    (``places``: the places the text names in its own words, asked for only when a name is
    introduced)."""
    taken = sorted(read)
    if not taken:
        return []
    waiting = sorted(_introduced_names(text, taken), reverse=True)
    home: HomeCountry | None = None
    answers: dict[str, Mention | None] = {}  # a name's answer, once per text
    found: list[Mention] = []
    while waiting:
        start, end, how = waiting.pop()
        name = text[start:end]
        if _overlaps(taken, start, end) or not _a_village_name(name, people):
            continue
        if opens_a_sentence(text, start) or in_title_case(text, start):
            continue
        if _SPEAKS_AFTER.match(text, end):  # "In Tokyo, Takaichi said ..."
            continue
        if home is None:
            home = home_country(places()) or HomeCountry("", ())
        if name not in answers:
            answers[name] = _village(name, postal(name), home)
        village = answers[name]
        if village is None:
            continue
        reason = f"a village the text introduces as a place ({how}); {village.reason}"
        found.append(
            village.model_copy(update={"start": start, "end": end, "text": name, "reason": reason})
        )
        bisect.insort(taken, (start, end))
        if (listed := _listed_after(text, end)) is not None:  # "Ullin and Tamms"
            waiting.append(listed)
            waiting.sort(reverse=True)
    return found


def _village(name: str, places: Sequence[PostalPlace], home: HomeCountry) -> Mention | None:
    """The postal place of ``name`` in the text's country, if it lies near one of the text's
    places there."""
    if not home.code:
        return None
    mention = Mention(start=0, end=len(name), text=name, kind=MentionKind.TOPONYM)
    village = postal_place_in(mention, places, home)
    if village is None or village.lat is None or village.lon is None:
        return None
    lat, lon = village.lat, village.lon
    if not any(great_circle_km(lat, lon, *point) <= _NEAR_KM for point in home.points):
        return None
    return village


def _introduced_names(
    text: str, taken: Sequence[tuple[int, int]]
) -> Iterator[tuple[int, int, str]]:
    """The names the text introduces as places (start, end, how), by the words before them
    or the places listed with them: found from those words and places, not by trying every
    capitalised word."""
    for capital in _CAPITAL_AFTER_A_SPACE.finditer(text):
        word = _introducing_word(text, capital.start() - 1)
        if word is not None and (name := _NAME.match(text, capital.start())) is not None:
            yield name.start(), name.end(), f'after "{word.lower()}"'
    for start, end in taken:
        if (listed := _listed_after(text, end)) is not None:
            yield listed
        if not text.endswith(_SEPARATORS, 0, start):
            continue  # most places: no list before them
        before = _LIST_BEFORE.search(text, max(0, start - _LIST_REACH), start)
        if before is not None and not (
            before[2] == ", " and text.startswith(POSSESSIVE_ENDINGS, end)
        ):  # "Cemex, Mexico's biggest cement maker" is an apposition
            how = "before a place, after a comma" if before[2] == ", " else "listed before a place"
            yield before.start(1), before.end(1), how


def _introducing_word(text: str, space: int) -> str | None:
    """The place preposition, or the settlement's noun and "of", that ends at ``space``."""
    word = _word_before(text, space)
    if word in _PREPOSITIONS:
        return word
    if word == "of" and _word_before(text, space - 3).lower() in _SETTLEMENT_NOUNS:
        return "of"
    return None


def _word_before(text: str, end: int) -> str:
    start = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end)) + 1
    return text[start:end].lstrip(_OPENING_MARKS)


def _listed_after(text: str, end: int) -> tuple[int, int, str] | None:
    """The name listed right after a place ending at ``end``: "Mound City, Ullin"."""
    after = _LIST_AFTER.match(text, end)
    name = _NAME.match(text, after.end()) if after is not None else None
    return None if name is None else (name.start(), name.end(), "listed after a place")


def _overlaps(taken: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a span of ``taken`` (sorted by start; a name read
    inside a longer one is at most a few spans back)."""
    at = bisect.bisect_left(taken, (end, end))
    return any(e > start for _, e in taken[max(0, at - 3) : at])


def _a_village_name(name: str, people: PersonNames) -> bool:
    """Whether ``name`` may be a village's: no possessive, no person's name, no common word
    and no facility's or road's word."""
    words = name.split()
    head = head_of(name)
    if _POSSESSIVE.search(name) or (head is not None and head[1] in _NOT_A_VILLAGE_S):
        return False
    if any(word.lower() in NEVER_ALONE for word in words):
        return False
    if len(words) > 1:
        given = people.given_rank(words[0])
        return given is None or given > COMMON_GIVEN_NAME
    surname, given = people.surname_rank(name), people.given_rank(name)
    return (surname is None or surname > _COMMON_SURNAME) and (
        given is None or given > COMMON_GIVEN_NAME
    )
