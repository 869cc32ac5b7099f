"""Back-off for given spans the gazetteer has no entry for: an answer, and the rule that gave it.

Gold-span resolution (:func:`geo.places.find.resolve_spans`) is handed spans such as
"Iowans", "Beirut International Airport" or "Memorial Hospital" that no gazetteer key names.
Rather than drop them, three rules are tried in order; each answer's reason names its rule:

1. the surface's normal form (:func:`back_off`): a people's or plural name ("Iowans" Iowa,
   "Iraqis" Iraqi), an area's word left out ("Gwinnett" Gwinnett County), a compound
   adjective ("Iranian-backed"), "X of the Y" as "X of Y" (possessives, a leading "the",
   "Republic of Congo" for "Republic of the Congo" and romanisation variants are the
   gazetteer's own lookup);
2. a place named inside the span ("Beirut International Airport" Beirut, "University of
   Texas" Texas): the longest, preferring a name the text uses elsewhere, when the rest of the
   span is a facility's, organisation's or feature's word or a qualifier ("South"); not a
   road's, which is named for where it leads ("Oxford Street" is in London);
3. a facility, road, organisation or feature with no place in its name is placed where the
   text puts it, if a place follows it ("the Bell Centre in Montreal": :func:`placed_after`),
   else at the nearest town its sentence names, where that agrees with the document's
   focus (:func:`town_beside`), else ("Main Street", "Memorial Hospital") at the document's
   focus (:func:`focus_place`), each with a low confidence (:func:`at_the_focus`);
4. any other name, when a lookup of places outside the gazetteer is given (GeoNames' postal
   places, :meth:`gazetteer.Gazetteer.postal_places`): the place of that name in the country
   most of the text's own places lie in, nearest them (:func:`at_a_postal_place`).

Rules 1 and 2 give the resolver a name to resolve with the text's evidence; rule 3 runs on
the resolved mentions. The words are data: ``backoff.toml`` beside this module.

>>> head_of("Gaza City's Shifa hospital")
('hospital', 'facility')
>>> head_of("the") is None
True
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from pydantic import Field

from gazetteer.geodesy import great_circle_km
from gazetteer.model import Candidate, FeatureClass, NameKind, PostalPlace
from gazetteer.normalize import normalize
from geo.places.mentions import Mention, MentionKind
from geo.places.recognition import NEVER_ALONE
from geo.places.resolution import FAR_KM
from geo.vocabulary import (
    LowerStr,
    LowerWord,
    LowerWords,
    Vocabulary,
    alternation,
    load_vocabulary,
)

__all__ = [
    "BackoffFile",
    "Focus",
    "HomeCountry",
    "Reading",
    "answer_backed_off",
    "answer_unresolved",
    "at_a_postal_place",
    "at_the_focus",
    "at_the_place",
    "at_the_town_beside",
    "back_off",
    "focus_place",
    "head_of",
    "home_country",
    "only_stop_words",
    "placed_after",
    "placed_in_own_words",
    "postal_place_in",
    "town_beside",
]


class _Endings(Vocabulary):
    demonym: tuple[tuple[LowerStr, LowerStr], ...] = Field(min_length=1)
    plural: tuple[tuple[LowerStr, LowerStr], ...] = Field(min_length=1)


class _Areas(Vocabulary):
    left_out: LowerWords
    abbreviations: tuple[tuple[LowerWord, LowerWord], ...] = Field(min_length=1)


class BackoffFile(Vocabulary):
    """``backoff.toml``: head words by kind, qualifiers, stop words and name endings."""

    facility: LowerWords
    road: LowerWords
    organisation: LowerWords
    feature: LowerWords
    modifiers: LowerWords
    stop_words: LowerWords
    placed_by: LowerWords
    placed_by_adjectives: LowerWords
    endings: _Endings
    areas: _Areas


_WORDS = load_vocabulary("geo.places", "backoff.toml", BackoffFile)
_HEADS = {
    word: kind
    for kind, words in (
        ("facility", _WORDS.facility),
        ("road", _WORDS.road),
        ("organisation", _WORDS.organisation),
        ("feature", _WORDS.feature),
    )
    for word in words
}
_MODIFIERS = frozenset(_WORDS.modifiers)
_ABBREVIATIONS = dict(_WORDS.areas.abbreviations)
_AREAS = frozenset({FeatureClass.ADMIN1, FeatureClass.ADMIN2, FeatureClass.REGION})
_STOP = frozenset(_WORDS.stop_words)
_TOKEN = re.compile(r"[^\s\-‐‑–—/,;:()\"“”]+")
_POSSESSIVE = re.compile(r"['’]s?$")
# a person's initials: "A.N.R. Robinson", "E.T. Joshua", and a middle initial, "Clayton J.
# Lloyd" (not a side's or a university's letter: "N.E. Portland", "E. Lansing", "Boston U.")
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}|[A-DF-MO-RTV-Z]\.")
_SIDE_LETTERS = frozenset({"N.E.", "N.W.", "S.E.", "S.W."})
_COMPOUND = re.compile(r"(\w[\w .'’]*?)[-‐‑](?:[a-z]+-?)+")
_MIN_STEM = 3  # letters left after an ending is cut: "Ian" is no one's name for "Ia"
_MAX_WORDS = 8  # a longer span is a sentence, not a name
# Rule 3's answer is a guess from the rest of the text: it never claims more than this.
_FOCUS_CONFIDENCE = 0.3
# ... and a place the text puts it in, though named, is its container, not it.
_PLACED_CONFIDENCE = 0.5
# ... and a town the sentence names beside it is where it likely is, a guess nearer than the
# focus's area
_BESIDE_CONFIDENCE = 0.4
# ... and a village no entry names, chosen by its name and the text's country alone, as sure
# as a facility at the document's focus
_POSTAL_CONFIDENCE = 0.3
_POSTAL_ID_PREFIX = "postal:"
# A place this large (a town of ten thousand) that bears the name as its own is a reading
# the resolver weighed: no postal village takes its name's span
_POSTAL_RIVAL_PRIOR = 4.0
# A sentence's end, for the towns named beside a feature: a stop and a space, or a line's end;
# not an abbreviation's stop ("St. Louis", "U.S. forces", "Mt. Hood").
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bSt)(?<!\bMt)(?<!\bFt)(?<!\bMr)(?<!\bDr)(?<!\bNo)[.!?][\"”’)]?\s|\n"
)
_PLACED_BY = re.compile(
    rf"\s+{alternation(_WORDS.placed_by)}\s+(?:the\s+)?"
    rf"(?:{alternation(_WORDS.placed_by_adjectives)}\s+)?",
    re.IGNORECASE,
)
_FOCUS_CLASSES = {  # the kinds of place a document's focus may be, most specific first
    FeatureClass.CITY: 0,
    FeatureClass.ADMIN2: 1,
    FeatureClass.ADMIN1: 2,
    FeatureClass.REGION: 3,
    FeatureClass.COUNTRY: 4,
}

Lookup = Callable[[str], list[Candidate]]


@dataclass(frozen=True, slots=True)
class Reading:
    """What the back-off reads a span as: the name looked up, its candidates, the rule."""

    name: str
    key: str
    candidates: list[Candidate]
    kind: MentionKind
    reason: str
    contained: bool = False  # rule 2: a place inside the span
    elsewhere: bool = False  # ... whose name the text uses elsewhere


def _word(token: str) -> str:
    """A token as the word lists write it: lower case, no possessive, no full stop."""
    return _POSSESSIVE.sub("", token.lower()).rstrip(".")


def _tokens(surface: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(surface))


def head_of(surface: str) -> tuple[str, str] | None:
    """The last word of ``surface`` that marks a facility, road, organisation or natural
    feature, and which of them (None if it has none)."""
    for token in reversed(_tokens(surface)):
        word = _word(token.group())
        if word in _HEADS:
            return word, _HEADS[word]
    return None


def _generic(word: str) -> bool:
    """A word that names no place by itself: a head word, a qualifier or a stop word."""
    word = _word(word)
    return word in _HEADS or word in _MODIFIERS or word in _STOP


def only_stop_words(surface: str) -> bool:
    """True for a span of nothing but articles and other words that name no place."""
    return all(_word(token.group()) in _STOP for token in _tokens(surface))


def back_off(surface: str, lookup: Lookup, known: Container[str] = frozenset()) -> Reading | None:
    """Rules 1 and 2 for a span ``lookup`` (``Gazetteer.candidates``) finds nothing for;
    ``known`` holds the keys of the names the text uses elsewhere. None: neither applies."""
    tokens = _tokens(surface)
    if not tokens or len(tokens) > _MAX_WORDS or only_stop_words(surface):
        return None
    return _normal_form(surface, tokens, lookup) or _contained_place(surface, tokens, lookup, known)


def _forms(surface: str, last: re.Match[str]) -> list[tuple[str, str]]:
    """Rewritten surfaces to try, each with the rule that made it."""
    forms: list[tuple[str, str]] = []
    # (the store indexes every "X of the Y" as "X of Y" too: "Republic of Congo")
    if re.search(r"\bof the\b", surface, re.IGNORECASE):
        forms.append((re.sub(r"\b(of) the\b", r"\1", surface, flags=re.IGNORECASE), "'of the'"))
    compound = _COMPOUND.fullmatch(surface)
    if compound and compound.group(1)[:1].isupper():  # "Iranian-backed", "Texas-based"
        forms.append((compound.group(1), "compound"))
    word = _POSSESSIVE.sub("", last.group())
    if not word[:1].isupper():
        return forms
    short = _word(word)
    if short in _ABBREVIATIONS:
        forms.append((surface[: last.start()] + _ABBREVIATIONS[short].title(), "area"))
    elif short not in _HEADS:
        forms.extend((f"{surface} {area.title()}", "area") for area in _WORDS.areas.left_out)
    for rule, endings in (("demonym", _WORDS.endings.demonym), ("plural", _WORDS.endings.plural)):
        for ending, replacement in endings:
            stem = word[: len(word) - len(ending)]
            new = stem + replacement
            # "Westerners" names no place called Western: a qualifier is no stem
            if word.lower().endswith(ending) and len(stem) >= _MIN_STEM and not _generic(new):
                forms.append((surface[: last.start()] + new, rule))
    return forms


def _normal_form(surface: str, tokens: list[re.Match[str]], lookup: Lookup) -> Reading | None:
    """Rule 1: the rewrite of the surface whose best reading ranks highest."""
    best: tuple[float, str, str, list[Candidate]] | None = None
    for form, rule in _forms(surface, tokens[-1]):
        candidates = lookup(form)
        if rule == "plural":  # "Iraqis", "Czechs": a people; "the Urals" is no town of Ural
            candidates = [c for c in candidates if c.name_kind == NameKind.DEMONYM]
        elif rule == "area":  # "Gwinnett" for Gwinnett County, not a town named for it
            candidates = [c for c in candidates if c.feature_class in _AREAS]
        if candidates and (best is None or candidates[0].importance > best[0]):
            best = (candidates[0].importance, form, rule, candidates)
    if best is None:
        return None
    _, form, rule, candidates = best
    demonym = rule == "demonym" or all(c.name_kind == NameKind.DEMONYM for c in candidates)
    what = {
        "demonym": "a people's name",
        "plural": "a plural",
        "'of the'": "'of' for 'of the'",
        "area": "an area's word left out or shortened",
        "compound": "the place of a compound adjective",
    }
    return Reading(
        form,
        normalize(form),
        candidates,
        MentionKind.DEMONYM if demonym else MentionKind.TOPONYM,
        f"back-off, normal form: '{surface}' read as '{form}' ({what[rule]})",
    )


def _contained_place(
    surface: str, tokens: list[re.Match[str]], lookup: Lookup, known: Container[str]
) -> Reading | None:
    """Rule 2: the longest place name inside the span (a name the text uses elsewhere
    first), when the words around it hold a facility's, organisation's or feature's word,
    or are all qualifiers."""
    words = [_word(token.group()) for token in tokens]
    best: tuple[tuple[bool, int, int], str, list[Candidate]] | None = None
    for length in range(len(tokens) - 1, 0, -1):
        for first in range(len(tokens) - length + 1):
            last = first + length - 1
            inside = words[first : last + 1]
            rest = words[:first] + words[last + 1 :]
            if (
                not tokens[first].group()[:1].isupper()
                or not tokens[last].group()[:1].isupper()
                or inside[0] in _STOP
                or inside[-1] in _STOP
                or all(w in _HEADS or w in _MODIFIERS or w in _STOP for w in inside)
                or not (
                    any(_HEADS.get(w, "road") != "road" for w in rest)
                    or all(w in _MODIFIERS or w in _STOP for w in rest)
                )
            ):
                continue
            name = _POSSESSIVE.sub("", surface[tokens[first].start() : tokens[last].end()])
            if best is not None and (normalize(name) in known, length) < best[0][:2]:
                continue
            if normalize(name) in NEVER_ALONE and any(_HEADS.get(w) == "facility" for w in rest):
                continue  # "Olympic Stadium" holds no town Olympic; "Pleasant Township" does
            if _beside_initials(tokens, first, last, lookup):
                continue  # "Clayton J. Lloyd International Airport": no Clayton, no Lloyd
            # a romanisation variant is a reading of a whole name, not of a word in one
            candidates = [c for c in lookup(name) if c.name_kind != NameKind.VARIANT]
            if not candidates:
                continue
            # of two names as long, the more specific: "University of Texas at Austin" is Austin
            specific = -_FOCUS_CLASSES.get(candidates[0].feature_class, len(_FOCUS_CLASSES))
            rank = (normalize(name) in known, length, specific)
            if best is None or rank > best[0]:
                best = (rank, name, candidates)
    if best is None:
        return None
    (elsewhere, _, _), name, candidates = best
    also = ", a name the text uses elsewhere" if elsewhere else ""
    kind = (
        MentionKind.DEMONYM
        if all(c.name_kind == NameKind.DEMONYM for c in candidates)
        else MentionKind.TOPONYM
    )
    return Reading(
        name,
        normalize(name),
        candidates,
        kind,
        f"back-off, contained place: '{name}' named inside '{surface}'{also}",
        contained=True,
        elsewhere=elsewhere,
    )


def _initials(token: str, lookup: Lookup) -> bool:
    """Whether ``token`` is a person's initials ("J.", "E.T."), not a place's ("U.S.")."""
    return bool(_INITIALS.fullmatch(token)) and token not in _SIDE_LETTERS and not lookup(token)


def _beside_initials(
    tokens: Sequence[re.Match[str]], first: int, last: int, lookup: Lookup
) -> bool:
    """Whether tokens ``first`` to ``last`` are a person's surname after initials ("E.T.
    Joshua") or given name before a middle initial and a surname ("Clayton J. Lloyd")."""
    if first > 0 and _initials(tokens[first - 1].group(), lookup):
        return True
    return (
        last + 2 < len(tokens)
        and len(tokens[last + 1].group()) == 2
        and _initials(tokens[last + 1].group(), lookup)
        and tokens[last + 2].group()[:1].isupper()
    )


@dataclass(frozen=True, slots=True)
class Focus:
    """The document's focus place: the mention that names it, and how many places agree."""

    mention: Mention
    support: int
    places: int


def focus_place(
    mentions: Sequence[Mention], candidate_of: Callable[[str], Candidate | None]
) -> Focus | None:
    """The most specific place that at least half of the document's resolved toponyms are,
    or lie in, and no other place as specific as it matches (the town named most, else
    their admin-1 area, else their country); None when they agree on none."""
    placed: list[tuple[Mention, Candidate]] = []
    for mention in mentions:
        if mention.kind != MentionKind.TOPONYM or mention.gazetteer_id is None:
            continue
        candidate = candidate_of(mention.gazetteer_id)
        if candidate is not None and candidate.feature_class in _FOCUS_CLASSES:
            placed.append((mention, candidate))
    levels: dict[int, list[tuple[int, Mention]]] = {}
    seen: set[str] = set()
    for mention, place in placed:
        if place.id not in seen:
            seen.add(place.id)
            support = sum(_within(other, place) for _, other in placed)
            if 2 * support >= len(placed):
                levels.setdefault(_FOCUS_CLASSES[place.feature_class], []).append(
                    (support, mention)
                )
    for level in sorted(levels):
        ranked = sorted(levels[level], key=lambda item: -item[0])
        if len(ranked) == 1 or ranked[0][0] > ranked[1][0]:
            return Focus(ranked[0][1], ranked[0][0], len(placed))
    return None


def _within(candidate: Candidate, area: Candidate) -> bool:
    if candidate.id == area.id:
        return True
    if area.feature_class == FeatureClass.COUNTRY:
        return candidate.country_code == area.country_code
    if area.feature_class == FeatureClass.ADMIN1 and area.admin1_code:
        return candidate.admin1_code == area.admin1_code
    return False


def at_the_focus(mention: Mention, head: tuple[str, str], focus: Focus) -> Mention:
    """Rule 3: an unanswered facility, road, organisation or feature placed at the focus."""
    place = focus.mention
    share = focus.support / focus.places
    return _placed_at(
        mention,
        place,
        _FOCUS_CONFIDENCE * share,
        f"back-off, document focus: '{head[0]}' names a {head[1]} with no known place "
        f"in its name, placed at the document's focus {place.name} ({focus.support} "
        f"of {focus.places} places agree), a guess",
    )


def _placed_at(mention: Mention, place: Mention, confidence: float, reason: str) -> Mention:
    return mention.model_copy(
        update={
            "gazetteer_id": place.gazetteer_id,
            "geonameid": place.geonameid,
            "name": place.name,
            "lat": place.lat,
            "lon": place.lon,
            "feature_class": place.feature_class,
            "country": place.country,
            "confidence": round(confidence, 3),
            "reason": reason,
        }
    )


def placed_after(text: str, mention: Mention, mentions: Sequence[Mention]) -> Mention | None:
    """Rule 3, first: the resolved place the text names right after an unanswered facility,
    road or feature, joined by "in", "near"... ("the Bell Centre in Montreal")."""
    for place in mentions:
        if place.start < mention.end:
            continue
        if (
            place.kind == MentionKind.TOPONYM
            and place.gazetteer_id is not None
            and _PLACED_BY.fullmatch(text, mention.end, place.start)
        ):
            return place
        return None
    return None


def _sentence_starts(text: str) -> list[int]:
    return [0, *(end.end() for end in _SENTENCE_END.finditer(text))]


def _sentence_of(text: str, starts: Sequence[int], mention: Mention) -> tuple[int, int]:
    """The bounds of the sentence holding ``mention`` (``starts``: each sentence's start)."""
    index = bisect.bisect_right(starts, mention.start) - 1
    after = bisect.bisect_left(starts, mention.end)
    return starts[index], starts[after] if after < len(starts) else len(text)


def town_beside(
    sentence: tuple[int, int],
    mention: Mention,
    mentions: Sequence[Mention],
    candidate_of: Callable[[str], Candidate | None],
    focus: Candidate | None,
) -> Mention | None:
    """Rule 3, next: the town its sentence names nearest to an unanswered facility, road or
    feature, where it agrees with the document's focus ("felucca captains in Aswan say boats
    to Elephantine Island are full"): a feature is told of by the towns beside it, nearer it
    than the centre of the focus's country or province. With no focus, only a sentence's
    one town ("the rally on Main Street drew tourists from Paris, Tokyo, Lagos and Lima"
    names none). ``sentence`` is its bounds; ``mentions`` the text's own names."""
    start, end = sentence
    towns = []
    for other in mentions:
        if not (start <= other.start and other.end <= end) or other.gazetteer_id is None:
            continue
        town = candidate_of(other.gazetteer_id)
        if (
            other.kind == MentionKind.TOPONYM
            and town is not None
            and town.feature_class == FeatureClass.CITY
            and (focus is None or _agrees(town, focus))
        ):
            towns.append(other)
    if not towns or (focus is None and len({town.gazetteer_id for town in towns}) > 1):
        return None
    return min(towns, key=lambda town: max(town.start - mention.end, mention.start - town.end))


def at_the_town_beside(mention: Mention, head: tuple[str, str], town: Mention) -> Mention:
    """The unanswered mention placed at the town its sentence names beside it."""
    return _placed_at(
        mention,
        town,
        _BESIDE_CONFIDENCE,
        f"back-off, town named beside it: '{head[0]}' names a {head[1]} with no known place "
        f"in its name, placed at {town.name}, the nearest town its sentence names, a guess",
    )


def at_the_place(mention: Mention, head: tuple[str, str], place: Mention) -> Mention:
    """The unanswered mention placed at the place the text puts it in."""
    between = f"{mention.text} ... {place.text}"
    return _placed_at(
        mention,
        place,
        _PLACED_CONFIDENCE,
        f"back-off, named place after it: '{head[0]}' names a {head[1]} with no known place "
        f"in its name, placed at {place.name}, where the text puts it ('{between}')",
    )


def _agrees(place: Candidate, focus: Candidate) -> bool:
    """Whether a place lies in the focus's area (its admin-1 area, or its country when the
    focus is a country or larger), or contains the focus ("Texas" for a story from Austin)."""
    if focus.feature_class in (FeatureClass.COUNTRY, FeatureClass.REGION) or not focus.admin1_code:
        inside = place.country_code == focus.country_code
    else:
        inside = place.admin1_code == focus.admin1_code
    return (
        inside
        or _within(focus, place)
        or (place.feature_class == FeatureClass.CONTINENT and place.continent == focus.continent)
    )


def answer_backed_off(
    text: str,
    mentions: list[Mention],
    readings: dict[tuple[int, int], Reading | None],
    candidate_of: Callable[[str], Candidate | None],
    postal: Callable[[str], Sequence[PostalPlace]] | None = None,
) -> list[Mention]:
    """The resolved mentions with the back-off's reasons on the spans it read (``readings``:
    every span the gazetteer had no entry for, None where rules 1 and 2 found nothing).

    A contained place the text names nowhere else must agree with the document's focus
    ("Griffith Park" in a Los Angeles story is no town called Griffith); if it does not,
    or nothing was found, a span with a facility's, road's, organisation's or feature's word
    goes to rule 3, and any other to rule 4 (with ``postal``) or stays unanswered."""
    focus = focus_place([m for m in mentions if (m.start, m.end) not in readings], candidate_of)
    focus_candidate = None
    if focus is not None and focus.mention.gazetteer_id is not None:
        focus_candidate = candidate_of(focus.mention.gazetteer_id)
    others = placed_in_own_words(mentions, readings, candidate_of)
    own_words = sorted(
        (m for m in mentions if (m.start, m.end) not in readings), key=lambda m: m.start
    )
    own_starts = [m.start for m in own_words]
    sentences = _sentence_starts(text) if readings else []
    done = []
    for mention in mentions:
        span = (mention.start, mention.end)
        if span not in readings:
            done.append(mention)
            continue
        reading = readings[span]
        answer = candidate_of(mention.gazetteer_id) if mention.gazetteer_id else None
        reason = f"{reading.reason}; {mention.reason}" if reading else mention.reason
        if (
            reading is not None
            and reading.contained
            and not reading.elsewhere
            and answer is not None
        ):
            why_not = _why_not_contained(answer, mention, focus_candidate, others)
            if why_not is not None:
                answer, reason = None, f"{reading.reason}, but {why_not}"
        elif (
            reading is not None
            and not reading.contained
            and answer is not None
            and answer.feature_class in (FeatureClass.CITY, FeatureClass.ADMIN2)
            and _far_from_all(answer, others)
        ):
            # a rewritten name read as a town far from every place of the text: "the Ramis
            # and Coata rivers" in a story from Puno is no "Ram" of Palestine
            where = f"{mention.name} ({mention.country})"
            answer, reason = None, f"{reading.reason}, but {where} is far from every other place"
        head = head_of(mention.text)
        place = None if answer is not None or head is None else placed_after(
            text, mention, mentions
        )
        beside = None
        if answer is None and place is None and head is not None:
            bounds = _sentence_of(text, sentences, mention)
            first, last = (bisect.bisect_left(own_starts, bound) for bound in bounds)
            nearby = own_words[first:last]
            beside = town_beside(bounds, mention, nearby, candidate_of, focus_candidate)
        if place is not None and head is not None:
            done.append(at_the_place(mention, head, place))
        elif beside is not None and head is not None:
            done.append(at_the_town_beside(mention, head, beside))
        elif answer is None and head is not None and focus is not None:
            done.append(at_the_focus(mention, head, focus))
        elif answer is None:
            found = None
            if postal is not None and head is None and mention.kind == MentionKind.TOPONYM:
                found = at_a_postal_place(mention, postal(_without_the(mention.text)), others)
            done.append(found or _unanswered(mention, reason))
        else:
            done.append(mention.model_copy(update={"reason": reason}))
    return done


def answer_unresolved(
    mentions: list[Mention],
    candidate_of: Callable[[str], Candidate | None],
    postal: Callable[[str], Sequence[PostalPlace]],
    *,
    placed: Sequence[Mention],
    readings: Callable[[str], Sequence[Candidate]],
    skip: Container[tuple[int, int]] = frozenset(),
) -> list[Mention]:
    """Rule 4 for given spans the resolver left unanswered though the gazetteer has their name
    elsewhere, only in villages ("Irishtown" in a story from Tasmania is no Irishtown of
    Canada): the postal place of the text's country, where there is one. A name that is a
    town's of some size (``readings``) stays unanswered: the resolver weighed a real place
    ("Vichy" in a story from Ohio is no village of Missouri). ``placed``: the text's places,
    resolved (its country is theirs); ``skip``: spans already backed off."""
    others = placed_in_own_words(placed, {}, candidate_of)
    done = []
    for mention in mentions:
        found = None
        if (
            not mention.resolved
            and (mention.start, mention.end) not in skip
            and mention.kind == MentionKind.TOPONYM
            and head_of(mention.text) is None
            and not any(
                c.importance >= _POSTAL_RIVAL_PRIOR and c.name_kind == NameKind.NAME
                for c in readings(mention.text)
            )
        ):
            found = at_a_postal_place(mention, postal(_without_the(mention.text)), others)
        done.append(found or mention)
    return done


def at_a_postal_place(
    mention: Mention, places: Sequence[PostalPlace], others: Sequence[Candidate]
) -> Mention | None:
    """Rule 4: a name no entry has, as the postal place of that name in the country most of
    the text's own places lie in (``others``), the one nearest them; None where the text's
    places agree on no country or none of the places is in it ("Berkshire" in a story from
    England is no village of the United States)."""
    home = home_country(others)
    return None if home is None else postal_place_in(mention, places, home)


class HomeCountry(NamedTuple):
    """The country most of a text's places lie in, and the points of its places there."""

    code: str
    points: tuple[tuple[float, float], ...]


def home_country(others: Sequence[Candidate]) -> HomeCountry | None:
    """The country most of the text's places (``others``) lie in, if one leads."""
    code = _the_text_s_country(others)
    if code is None:
        return None
    points = dict.fromkeys((other.lat, other.lon) for other in others if other.country_code == code)
    return HomeCountry(code, tuple(points))


def postal_place_in(
    mention: Mention, places: Sequence[PostalPlace], home: HomeCountry
) -> Mention | None:
    """The postal place of ``places`` in the text's country nearest the text's places there,
    as the mention's answer; None where no place of the name lies in that country."""
    here = [place for place in places if place.country == home.code]
    if not here:
        return None
    best = min(
        here,
        key=lambda place: sum(
            great_circle_km(place.lat, place.lon, lat, lon) for lat, lon in home.points
        ),
    )
    return mention.model_copy(
        update={
            "gazetteer_id": f"{_POSTAL_ID_PREFIX}{home.code}:{best.name}",
            "geonameid": None,
            "name": best.name,
            "lat": round(best.lat, 5),
            "lon": round(best.lon, 5),
            "feature_class": FeatureClass.CITY.value,
            "country": home.code,
            "confidence": _POSTAL_CONFIDENCE,
            "reason": f"back-off, postal place: '{best.name}' is a place GeoNames' postal codes "
            f"list in {home.code}, the country most of the text's places lie in",
        }
    )


def _the_text_s_country(others: Sequence[Candidate]) -> str | None:
    """The country most of the places lie in, if one leads."""
    ranked = Counter(c.country_code for c in others if c.country_code).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _without_the(surface: str) -> str:
    return surface[4:] if surface[:4].lower() == "the " else surface


def placed_in_own_words(
    mentions: Sequence[Mention],
    readings: Container[tuple[int, int]],
    candidate_of: Callable[[str], Candidate | None],
) -> list[Candidate]:
    """The places the text names in its own words (no back-off reading)."""
    placed = []
    for mention in mentions:
        if (mention.start, mention.end) in readings or mention.gazetteer_id is None:
            continue
        if mention.kind == MentionKind.TOPONYM and (found := candidate_of(mention.gazetteer_id)):
            placed.append(found)
    return placed


def _why_not_contained(
    answer: Candidate, mention: Mention, focus: Candidate | None, others: Sequence[Candidate]
) -> str | None:
    """Why a contained place is not the span's ("Griffith Park" in a Los Angeles story is no
    town called Griffith), or None when it may be."""
    where = f"{mention.name} ({mention.country})"
    if (
        answer.feature_class == FeatureClass.CITY
        and others
        and answer.country_code not in {other.country_code for other in others}
    ):
        # "Billy's Bay" in a story from Jamaica is no Billy of France: over the development
        # sets no town so read in a country the text names nowhere else was right (0 of 31)
        return f"{where} is in a country no other place of the text is in"
    if focus is not None:
        if _agrees(answer, focus):
            return None
        return f"{where} is outside the document's focus {focus.name}"
    if _far_from_all(answer, others):
        return f"{where} is far from every other place of the text"
    return None


def _far_from_all(place: Candidate, others: Sequence[Candidate]) -> bool:
    """Whether two or more other places are named and ``place`` lies farther from all of them
    than the resolver lets a town lie from the text's places ("Stone Town" in a story from
    Zanzibar is no Stone of England)."""
    return len(others) >= 2 and all(
        great_circle_km(place.lat, place.lon, other.lat, other.lon) > FAR_KM
        for other in others
    )


def _unanswered(mention: Mention, reason: str) -> Mention:
    return Mention(
        start=mention.start,
        end=mention.end,
        text=mention.text,
        kind=mention.kind,
        government_actor=mention.government_actor,
        in_organisation=mention.in_organisation,
        reason=reason,
    )
