"""Event location: the most specific place the text supports for an event, never more.

Order of evidence (the reason names which one decided):

1. a spatial relation in the event's sentence ("west of the Euphrates in Syria") → a zone;
2. a place named in the event's clause, then in its sentence — the most specific one, the
   nearest to the trigger among equals; places that are actors ("Moscow said"), parts of
   organisation names, or topics ("talks on Syria") do not count. Places listed with it
   widen its radius to take them in, or, too far apart for one event's area, are each
   the place of an event of their own ("air strikes hit Aleppo and Deir Ezzor");
3. the article's focus: the country the article most often names as a location.

Precision follows the feature class; the uncertainty radius is that of the feature's area
(a circle of equal area), or a small default for cities, worked out when the gazetteer
store is built.

The precision and specificity of each feature class and the words that say how a name is
used (locative prepositions, topic words, nouns of attack, nouns after a demonym, words
that stop a name being a modifier) are data: ``locations.toml`` beside this module, read
once at import and validated by :class:`LocationsFile`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Annotated, Any, Final, TypeVar

from pydantic import Field

from gazetteer import Gazetteer
from gazetteer.geodesy import (
    AREA_WITHOUT_OUTLINE_KM,
    CITY_UNCERTAINTY_KM,
    great_circle_km,
    radius_km,
)
from gazetteer.model import Candidate, Entry, FeatureClass
from geo.events.containment import (
    ADMIN_WORDS,
    COMPASS_SIDE,
    DISTRICT_RADIUS_KM,
    DISTRICT_WORD_AFTER,
    PLACE_NOUNS,
    admin_area_named_like,
    admin_word_after,
    candidate_inside,
    container_after,
    holds_place,
    in_admin_chain,
    part_of_a_city,
    unknown_place_before,
    within_the_city,
)
from geo.events.model import EventLocation, LocationPrecision
from geo.events.text import STANCE_BEFORE, CaseBlind
from geo.places import admin_chain
from geo.places.mentions import Mention, MentionKind
from geo.places.recognition import in_title_case
from geo.vocabulary import (
    Alternatives,
    LowerAlternatives,
    Vocabulary,
    alternation,
    covers,
    load_vocabulary,
)

__all__ = [
    "PRECISION_BY_CLASS",
    "SPECIFICITY",
    "LocationsFile",
    "an_origin",
    "article_focus",
    "in_dateline",
    "is_locative",
    "is_modifier",
    "location_from_candidate",
    "location_from_country",
    "location_from_mention",
    "locations_in_span",
    "names_a_site",
    "radius_km",
]


class _Words(Vocabulary):
    """``[words]``: the words around a name that say whether it is used as a place."""

    locative: LowerAlternatives
    topic: LowerAlternatives
    attack_nouns: LowerAlternatives
    demonym_place_nouns: LowerAlternatives
    not_a_modifier_before: LowerAlternatives
    whose_nouns: LowerAlternatives
    backing: LowerAlternatives
    operation_heads: Alternatives
    relationship_nouns: LowerAlternatives
    departure_verbs: LowerAlternatives
    destination_phrases: LowerAlternatives
    accusation_phrases: LowerAlternatives
    arrival_verbs: LowerAlternatives
    origin_nouns: LowerAlternatives
    framework_before: LowerAlternatives
    framework_nouns: LowerAlternatives
    site_nouns: LowerAlternatives
    remote_site_nouns: LowerAlternatives
    airport_nouns: LowerAlternatives
    town_words: LowerAlternatives


class LocationsFile(Vocabulary):
    """``locations.toml``: precision and specificity by feature class, and the words around
    a name that make it a location, a topic or a modifier."""

    precision_by_class: Annotated[dict[FeatureClass, LocationPrecision], covers(FeatureClass)]
    specificity: Annotated[dict[FeatureClass, Annotated[int, Field(ge=0)]], covers(FeatureClass)]
    words: _Words


_VOCABULARY: Final = load_vocabulary("geo.events", "locations.toml", LocationsFile)
_WORDS: Final = _VOCABULARY.words


PRECISION_BY_CLASS: dict[str, LocationPrecision] = {
    feature_class.value: precision
    for feature_class, precision in _VOCABULARY.precision_by_class.items()
}
# Lower is more specific.
SPECIFICITY: dict[str, int] = {
    feature_class.value: rank for feature_class, rank in _VOCABULARY.specificity.items()
}
_LOCATIVE = CaseBlind(rf"(?:\b{alternation(_WORDS.locative)}\s+(?:the\s+)?{COMPASS_SIDE})$")
# "in the Mouawad neighbourhood of Beirut", "through the Pasdaran district of Tehran", "on
# the southern outskirts of": the place named after a locative phrase's noun and "of" is
# where, as after "in".
_LOCATIVE_NOUN_OF = re.compile(
    rf"\b{alternation(_WORDS.locative)}\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?"
    rf"(?:{PLACE_NOUNS}|{ADMIN_WORDS})\s+of\s+(?:the\s+)?{COMPASS_SIDE}$",
    re.IGNORECASE,
)
_TOPIC = re.compile(rf"\b{alternation(_WORDS.topic)}\s+(?:the\s+)?$", re.IGNORECASE)
# "strikes on Saraqib", "an attack on the town": after a noun of attack, "on" names the place hit.
_ATTACK_ON = re.compile(rf"\b{alternation(_WORDS.attack_nouns)}\s+on\s+(?:the\s+)?$", re.IGNORECASE)
_DEMONYM_PLACE = re.compile(rf"^\s+{alternation(_WORDS.demonym_place_nouns)}\b")
# A name used as a modifier ("US warplane", "U.S.-backed", "Syria tensions") says whose
# something is, not where it happened; a verb after it ("Iraq killed", "Syria resumed") makes
# the name a subject or an object, not a modifier. A dash between spaces ("in Somalia -
# residents") joins no compound.
_MODIFIER_AFTER = re.compile(
    rf"^(?:(?:-\s?|\s-)[a-z]+|\s+(?!{alternation(_WORDS.not_a_modifier_before)}\b)[a-z]+)"
)


def _radius_for(gazetteer: Gazetteer, gazetteer_id: str) -> float:
    index = gazetteer.index_of(gazetteer_id)
    return CITY_UNCERTAINTY_KM if index is None else gazetteer.radius_km(index)


def location_from_mention(mention: Mention, gazetteer: Gazetteer, reason: str) -> EventLocation:
    feature_class = mention.feature_class or ""
    return EventLocation(
        name=mention.name,
        gazetteer_id=mention.gazetteer_id,
        geonameid=gazetteer.geonameid_of(mention.gazetteer_id),
        feature_class=feature_class,
        country=mention.country,
        lat=mention.lat,
        lon=mention.lon,
        precision=PRECISION_BY_CLASS.get(feature_class, LocationPrecision.UNKNOWN),
        uncertainty_km=_radius_for(gazetteer, mention.gazetteer_id or ""),
        reason=reason,
    )


def location_from_candidate(
    candidate: Candidate, gazetteer: Gazetteer, reason: str
) -> EventLocation:
    """An entry the text did not name as such (the X inside Y, the province of a city's
    name), as an event location: a mention of it, for the one way to build a location."""
    mention = Mention(
        start=0,
        end=0,
        text=candidate.name,
        kind=MentionKind.TOPONYM,
        gazetteer_id=candidate.id,
        name=candidate.name,
        lat=candidate.lat,
        lon=candidate.lon,
        feature_class=candidate.feature_class.value,
        country=candidate.country_code,
    )
    return location_from_mention(mention, gazetteer, reason)


def is_modifier(text: str, mention: Mention) -> bool:
    """True for a name used attributively: "US warplane", "USA -backed", "Syria tensions"."""
    return _modifier_after(text, mention.end)


def _modifier_after(text: str, end: int) -> bool:
    following = text[end : end + 30]
    if _MODIFIER_AFTER.match(following):
        return True
    # a headline in title case capitalises the noun: "Involved in U.S. Drone Attack"
    return (
        _CAPITAL_AFTER.match(following) is not None
        and in_title_case(text, end)
        and bool(_MODIFIER_AFTER.match(following.lower()))
    )


_CAPITAL_AFTER = re.compile(r"\s+[A-Z][a-z]")
_WHOSE_NOUN_AFTER = re.compile(rf"\s+{alternation(_WORDS.whose_nouns)}\b")


def _says_whose(text: str, mention: Mention) -> bool:
    """A name before a noun of a body's people or a medium: "Cumhuriyet editor-in-chief"."""
    return _WHOSE_NOUN_AFTER.match(text, mention.end, mention.end + 40) is not None


# "shot dead Moayad Hameidi, who headed the WFP's office in Taiz, in the town of Al-Turbah":
# a place inside a clause about a person says who they were. A clause set off by commas
# ends at its comma; one without ends where the event's verb begins ("a teacher who taught
# in Aleppo was shot dead in Saraqib").
_ABOUT_SOMEONE = re.compile(r"\bwho(?:se)?\s[^,;.()]*$", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:[a-z]+ly\s+)?$")
_ABOUT_SOMEONE_SET_OFF = re.compile(r",[^,;.()]*\bwho(?:se)?\s[^,;.()]*$", re.IGNORECASE)
# "an official wanted for bombings in Mosul": what a person is held for, where it was
_HELD_FOR = re.compile(
    rf"\b{alternation(_WORDS.accusation_phrases)}\s[^,;.()]*$", re.IGNORECASE
)


def _describes_someone(text: str, mention: Mention, trigger_start: int) -> bool:
    """Whether the name is inside a relative clause about a person ("who headed ... in X") or
    what a person is held for ("wanted for bombings in X"); before the event's verb, a
    relative clause only about its victim, the passive's subject ("Gunmen who stormed a
    hotel in Mogadishu killed 10" says where they struck)."""
    if mention.end <= trigger_start:
        before = max(0, mention.start - 120)
        if _HELD_FOR.search(text, before, mention.start) is not None:
            return True
        if not _PASSIVE_BEFORE.search(text, max(0, trigger_start - 25), trigger_start):
            return False
        return _ABOUT_SOMEONE.search(text, before, mention.start) is not None
    after_the_verb = max(trigger_start, mention.start - 120)
    return (
        _ABOUT_SOMEONE_SET_OFF.search(text, after_the_verb, mention.start) is not None
        or _HELD_FOR.search(text, after_the_verb, mention.start) is not None
    )


_SITE_AT_END = re.compile(rf"\b{alternation(_WORDS.site_nouns)}$", re.IGNORECASE)


def names_a_site(phrase: str) -> bool:
    """Whether an actor's phrase names a site ("Balad air base", "the Makhmour camp"): a
    place where the event is, not a party to it."""
    return _SITE_AT_END.search(phrase) is not None


def is_locative(text: str, mention: Mention) -> bool:
    return _locative_before(text, mention.start) or in_admin_chain(text, mention)


_Answer = TypeVar("_Answer")
# A list of places farther apart than this is no one event's area ("Aleppo, Idlib and Deir
# Ezzor"): the event keeps the chosen place's own radius.
_LIST_REACH_KM = 150.0


def _per_document(function: Callable[..., _Answer]) -> Callable[..., _Answer]:
    """Memoise ``function(text, *args)`` for the text it was last called with.

    Every event of a sentence asks the same questions about the same mentions. An
    ``lru_cache`` would keep thousands of documents' texts alive in a stream; this keeps one.
    """
    memo: dict[tuple[Any, ...], _Answer] = {}
    current: list[str] = [""]

    @functools.wraps(function)
    def memoised(text: str, *args: Any) -> _Answer:
        if text is not current[0]:
            memo.clear()
            current[0] = text
        key = (text, *args)  # the text too: threads on different documents stay right
        try:
            return memo[key]
        except KeyError:
            answer = memo[key] = function(text, *args)
            return answer

    return memoised


@_per_document
def _locative_before(text: str, start: int) -> bool:
    return bool(
        _LOCATIVE.search(text[max(0, start - 30) : start])
        or _LOCATIVE_NOUN_OF.search(text, max(0, start - 60), start)
    )


@lru_cache(maxsize=512)
def _country_entry(gazetteer: Gazetteer, code: str) -> Entry | None:
    return gazetteer.get(f"country:{code}", geometry=False)


def location_from_country(gazetteer: Gazetteer, code: str, reason: str) -> EventLocation | None:
    """A country-precision location: the country's centre and the radius of its area."""
    entry = _country_entry(gazetteer, code)
    if entry is None:
        return None
    return EventLocation(
        name=entry.name,
        gazetteer_id=entry.id,
        geonameid=entry.geonameid,
        feature_class="country",
        country=code,
        lat=entry.lat,
        lon=entry.lon,
        precision=LocationPrecision.COUNTRY,
        uncertainty_km=_radius_for(gazetteer, entry.id),
        reason=reason,
    )


def _is_location_candidate(text: str, mention: Mention) -> bool:
    if not mention.resolved or mention.in_organisation or mention.government_actor:
        return False
    if mention.kind == MentionKind.ORGANISATION and not names_a_site(mention.text):
        return False  # "Baghdad International Airport" is where; "Baghdad Provincial
        # Council" is who
    if in_dateline(text, mention) or _in_operation_name(text, mention.start):
        return False
    return _named_as_place(text, mention.start, mention.end, mention.kind, mention.feature_class)


# "Operation Wrath of the Euphrates": the head, then capitalised words or "of", "the".
_OPERATION_NAME = re.compile(
    rf"\b{alternation(_WORDS.operation_heads)}\s+(?:(?:[A-Z][\w'’-]*|of|the)\s+){{0,5}}$"
)


def _in_operation_name(text: str, start: int) -> bool:
    """Whether a name at ``start`` is part of a military operation's name."""
    return bool(_OPERATION_NAME.search(text, max(0, start - 60), start))


@_per_document
def _named_as_place(
    text: str, start: int, end: int, kind: MentionKind, feature_class: str | None
) -> bool:
    """Whether the resolved name at ``text[start:end]`` is used as a place where it stands."""
    if kind == MentionKind.DEMONYM:
        # "Syrian airspace", "Russian territory": a demonym names a place only so.
        return bool(_DEMONYM_PLACE.match(text[end : end + 25]))
    if feature_class == "country" and _modifier_after(text, end):
        return False  # "US warplane": whose, not where ("Baltic Sea exercise" stays a place)
    if feature_class == "country" and not _locative_before(text, start):
        # A bare country name is a party or a topic ("condemned the United States", "the US
        # did not seek a fight"); a country named as a place is introduced ("in Syria").
        return False
    before = text[max(0, start - 30) : start]
    if _not_where(text, start, end):
        return False
    is_topic = bool(_TOPIC.search(before))
    return not is_topic or bool(_LOCATIVE.search(before) or _ATTACK_ON.search(before))


# "tensions between Tehran and Washington": both places are the relationship's parties.
_PARTY_OF = re.compile(
    rf"\b{alternation(_WORDS.relationship_nouns)}\s+between\s+(?:the\s+)?"
    r"(?:[\w'’.-]+\s+){0,3}?(?:and\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
# The words of a destination's name and of the list it opens, up to a place after it: capitals,
# "the", "and", "of", a possessive, a place noun or an area's word ("the Cilvegozu border
# crossing and Syria's Idlib province"); no verb, so "a bus bound for Quetta was attacked in
# Mastung" keeps Mastung
_DESTINATION_WORDS = (
    rf"(?:(?:the|and|of|border|(?-i:[A-Z])[\w'’.-]*|{PLACE_NOUNS}|{ADMIN_WORDS})\s+){{0,8}}"
)
# "left At Tall (At Tall, Rural Damascus) for Idleb": where people went (and the area the
# text puts the destination in: "left the post towards Jabal al-Zawiya in southern Idleb";
# not "fled to escape the fighting in El Fasher")
_DESTINATION = re.compile(
    rf"\b{alternation(_WORDS.departure_verbs)}\b[^.;:]{{0,60}}?\s(?:for|to|towards)\s+"
    r"(?:(?-i:[A-Z])[\w'’-]*(?:\s+[\w'’-]+){0,3}?\s+in\s+)?"
    r"(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+)?$",
    re.IGNORECASE,
)
# "passed through Antakya on its way to the Cilvegozu crossing and Syria's Idlib province"
_ON_THE_WAY = re.compile(
    rf"\b{alternation(_WORDS.destination_phrases)}\s+{_DESTINATION_WORDS}$", re.IGNORECASE
)
# "arrived back from a meeting in the southeastern city of Gaziantep": where people came from
# (the first name after "from": "... Gaziantep at Istanbul's airport" is where they were).
_ORIGIN = re.compile(
    rf"\b(?i:{alternation(_WORDS.arrival_verbs)})(?:\s+(?i:back|home))?\s+(?i:from)\s+"
    r"[^.;:A-Z]{0,60}?$"
)
# "led by brigades from Misrata": where the people came from (right after the noun: "forces
# withdrew from Khanaqin" is where the event is); a second choice, not ruled out.
_ORIGIN_OF_PEOPLE = re.compile(
    rf"\b{alternation(_WORDS.origin_nouns)}\s+from\s+(?:the\s+)?"
    # ... and each name of the list it opens: "reinforcements from Sanaa and Sa'ada"
    r"(?:(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3}(?:\s*,\s*(?:and\s+)?|\s+and\s+))*$",
    re.IGNORECASE,
)


_HOLDING_AREAS = frozenset({"country", "admin1", "admin2", "region"})


def _held_by_another(place: Mention, inside: Sequence[Mention], gazetteer: Gazetteer) -> bool:
    """ "A boy from Kafr Nabl was killed by shelling in Idlib province": an origin inside an
    area the clause also names is no other place, and the more precise of the two."""
    return (
        place.resolved
        and place.lat is not None
        and any(
            other is not place
            and other.resolved
            and other.feature_class in _HOLDING_AREAS
            and holds_place(gazetteer, other, place)
            for other in inside
        )
    )


_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)


def _after_from(text: str, mention: Mention) -> bool:
    return bool(_FROM_BEFORE.search(text, max(0, mention.start - 12), mention.start))


def an_origin(text: str, mention: Mention) -> bool:
    """Whether the text names ``mention`` as where people came from ("a man from Aleppo",
    "brigades from Misrata")."""
    return bool(_ORIGIN_OF_PEOPLE.search(text, max(0, mention.start - 60), mention.start))


# "under the Astana de-escalation arrangement": the place names the framework.
_FRAMEWORK_BEFORE = re.compile(
    rf"\b{alternation(_WORDS.framework_before)}\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE
)
_FRAMEWORK_AFTER = re.compile(
    rf"(?:[\s-]+[\w-]+){{0,2}}?\s+{alternation(_WORDS.framework_nouns)}\b", re.IGNORECASE
)


def _not_where(text: str, start: int, end: int) -> bool:
    """A name that names a relationship's party, people's destination or origin, or a
    framework."""
    before = text[max(0, start - 100) : start]
    return bool(
        _PARTY_OF.search(before)
        or _DESTINATION.search(before)
        or _ON_THE_WAY.search(before)
        or _ORIGIN.search(before)
        or (_FRAMEWORK_BEFORE.search(before) and _FRAMEWORK_AFTER.match(text, end))
    )


# A wire dateline opens a story or a paragraph: "BEIRUT (Reuters) -", "ADEN, Yemen, June 13
# (AFP) --", "ANKARA/BEIRUT -". The city is where the reporter filed from, not where the
# event happened; the capitals (or the agency in brackets) and the dash tell it from a
# sentence.
_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+)*)"
    r"(?:,[ \t]+[A-Z][\w.'’]*(?:[ \t][A-Z][\w.'’]*)*)*"
    r"(?:,?[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?"
    r"[ \t]*(?:\([A-Z][\w .&/-]*\))?[ \t]*(?:-{1,2}|–|—)[ \t]",
    re.MULTILINE,
)


@_per_document
def _dateline_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(match.span() for match in _DATELINE.finditer(text))


def in_dateline(text: str, mention: Mention) -> bool:
    """Whether the mention is in a wire dateline ("BEIRUT (AFP) -"): where the story was
    filed, not where it happened.

    >>> text = "BEIRUT (AFP) - Shelling killed two in Idlib."
    >>> beirut = Mention(start=0, end=6, text="BEIRUT", kind=MentionKind.TOPONYM)
    >>> idlib = Mention(start=38, end=43, text="Idlib", kind=MentionKind.TOPONYM)
    >>> in_dateline(text, beirut), in_dateline(text, idlib)
    (True, False)
    """
    spans = _dateline_spans(text)
    return any(start <= mention.start and mention.end <= end for start, end in spans)


def _inside_actor(text: str, mention: Mention, actor_spans: Sequence[tuple[int, int]]) -> bool:
    """A place inside an actor phrase says who ("Syrian regime forces"), unless introduced
    as a place ("troops in Yemen"): the actor stage may have taken the place as the target."""
    inside = any(start <= mention.start and mention.end <= end for start, end in actor_spans)
    return inside and not is_locative(text, mention)


def locations_in_span(
    text: str,
    mentions: Sequence[Mention],
    start: int,
    end: int,
    trigger_start: int,
    gazetteer: Gazetteer,
    scope: str,
    *,
    actor_spans: Sequence[tuple[int, int]] = (),
    locative_only: bool = False,
) -> list[EventLocation]:
    """Where an event is, by the places named in [start, end): first the most specific place,
    among equals one after the trigger (or put before it with "in") before one before it,
    then the nearest to the trigger (of a list of equals, the one the text puts in an
    area); then one location for each place listed with it too far away to share one event's
    area ("air strikes hit Aleppo and Deir Ezzor" reports an event at each: ACLED codes one
    event a location). Empty when the span names no place.

    Places inside the event's actor phrases ("Syrian regime forces") say who, not where;
    with ``locative_only`` only places introduced as locations ("in Syria") count.
    """
    inside = [
        m
        for m in mentions
        if start <= m.start
        and m.end <= end
        and _is_location_candidate(text, m)
        and not _inside_actor(text, m, actor_spans)
        and (not locative_only or is_locative(text, m))
    ]
    if not inside:
        return []
    # "Sinjar in the countryside of Idlib", "Qamishli city (Al-Hasakeh)": the text says the
    # first is the more specific.
    put_in = {(m.start, m.end): container_after(text, m, mentions) for m in inside}
    containers = {(c.start, c.end) for c in put_in.values() if c is not None}
    alone = len(inside) == 1  # most events: one place, nothing to weigh
    best = min(
        inside,
        key=lambda m: (
            (m.start, m.end) in containers,
            # "looted shops in Tal X (Tal X, Idleb) ... towards Hama": the area that holds a
            # place the gazetteer lacks is where that place is (unless the text puts that area
            # where it does not lie: a wrong homonym)
            alone
            or unknown_place_before(text, m, mentions, actor_spans) is None
            or _outside_its_own_container(text, m, mentions, gazetteer),
            _opens_its_sentence(text, m) and not is_locative(text, m),
            an_origin(text, m) and not _held_by_another(m, inside, gazetteer),
            # "police detained Cumhuriyet editor-in-chief Murat Sabuncu ... in Istanbul": a
            # name before a noun says whose (a newspaper's, a town's people), where the
            # text puts the event another way
            _says_whose(text, m) and not is_locative(text, m),
            SPECIFICITY.get(m.feature_class or "", 9),
            _describes_someone(text, m, trigger_start),
            # "advancing after retaking Ataq, regained control of Zinjibar": a bare name before
            # the trigger is another phrase's (a subject, another verb's object), as is one
            # people came "from"; the event's own place follows its verb, or is put before it
            # with "in"
            m.end <= trigger_start and (not is_locative(text, m) or _after_from(text, m)),
            abs(m.start - trigger_start),
        ),
    )
    best = _the_one_put_somewhere(text, best, inside, put_in)
    how = "named as the place" if is_locative(text, best) else "named"
    reason = f"{best.text!r} {how} in the event's {scope}"
    location = _place_at(text, best, inside, mentions, gazetteer, actor_spans, reason)
    apart = _listed_apart(text, best, inside, location, gazetteer)
    return [
        location,
        *(
            _place_at(
                text,
                other,
                inside,
                mentions,
                gazetteer,
                actor_spans,
                f"{other.text!r} listed with {best.text!r} in the event's {scope}, too far "
                "from it for one event's area",
            )
            for other in apart
        ),
    ]


def _place_at(
    text: str,
    place: Mention,
    inside: Sequence[Mention],
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    actor_spans: Sequence[tuple[int, int]],
    reason: str,
) -> EventLocation:
    """The location a named place gives an event: the place, what the text puts it in, the
    area its administrative word names, or the place with a radius over its list."""
    contained = _contained_location(text, place, mentions, gazetteer, actor_spans, reason)
    if contained is not None:
        return contained
    if admin_word_after(text, place):
        return _area_around(place, gazetteer, f"{reason}, with an administrative word after it")
    location = _over_its_province(
        text, place, location_from_mention(place, gazetteer, reason), gazetteer
    )
    location = _around_a_site_named_for_it(text, place, location)
    return _covering_the_list(text, place, inside, location, gazetteer)


def _site_pattern(nouns: Sequence[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A site's nouns right after a town's name, and closing an organisation's."""
    alternatives = alternation(nouns)
    return (
        re.compile(rf"\s+{alternatives}\b", re.IGNORECASE),
        re.compile(rf"\b{alternatives}$", re.IGNORECASE),
    )


# How far a site named for a town may lie from it: Mosul Dam is 40 km from Mosul, Balad air
# base 20 km from Balad; an airport, up to 30 km (Damascus's is 24 km from the city, Erbil's 6)
_SITES_NAMED_FOR_TOWNS = (
    (_site_pattern(_WORDS.remote_site_nouns), 50.0),
    (_site_pattern(_WORDS.airport_nouns), 30.0),
)


def _around_a_site_named_for_it(
    text: str, place: Mention, location: EventLocation
) -> EventLocation:
    """ "took over Mosul Dam", "rockets hit Balad air base", "missiles struck Damascus
    International Airport": the event is at a site named for the town that may lie some way
    from it (a port or a camp lies at it)."""
    if location.feature_class != "city":
        return location
    for (after, at_end), reach in _SITES_NAMED_FOR_TOWNS:
        if place.kind == MentionKind.ORGANISATION:
            named_for = at_end.search(place.text) is not None
        else:  # "Mosul Dam" read as "Mosul"; not the town of Beaver Dam
            named_for = after.match(text, place.end) is not None
        if named_for and (location.uncertainty_km or 0) < reach:
            return location.model_copy(
                update={
                    "uncertainty_km": reach,
                    "reason": f"{location.reason}; a site named for it may lie some way off",
                }
            )
    return location


_TOWN_WORD_AFTER = re.compile(rf"\s+(?:{alternation(_WORDS.town_words)})\b", re.IGNORECASE)
_TOWN_WORD_BEFORE = re.compile(
    rf"\b(?:{alternation(_WORDS.town_words)})\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
_CHAIN_AFTER = re.compile(r"\s*\([^()]{1,60}\)")
# A seat this populous is what its bare name means ("in Aleppo", "in Kandahar"); a smaller one
# shares its name with a province that reports mean as often ("fighting in Marib").
_SMALL_SEAT_POPULATION = 100_000


def _over_its_province(
    text: str, place: Mention, location: EventLocation, gazetteer: Gazetteer
) -> EventLocation:
    """A small town named like the first-order area it lies in, and not called a town ("Marib
    city", ACLED's "Marib (Marib, Marib)", a dateline), keeps its point with an uncertainty
    that covers the area: the bare name may mean either ("Houthis killed in Marib")."""
    index = gazetteer.index_of(place.gazetteer_id or "")
    if (
        index is None
        or location.lat is None
        or location.lon is None
        or place.feature_class != FeatureClass.CITY
        or gazetteer.candidate(index).population >= _SMALL_SEAT_POPULATION
        or _TOWN_WORD_AFTER.match(text, place.end)
        or _TOWN_WORD_BEFORE.search(text, max(0, place.start - 20), place.start)
        or in_dateline(text, place)
        or _CHAIN_AFTER.match(text, place.end)  # "Marib (Marib, Marib)": ACLED's town
    ):
        return location
    area = admin_area_named_like(gazetteer, place)
    if area is None or area.feature_class != FeatureClass.ADMIN1:
        return location
    reach = great_circle_km(location.lat, location.lon, area.lat, area.lon)
    reach += gazetteer.radius_km(area.position)
    if reach <= (location.uncertainty_km or 0.0):
        return location
    why = f"{location.reason}; the name is also {area.name}'s, the area it lies in: the "
    return location.model_copy(
        update={"uncertainty_km": round(reach, 1), "reason": why + "uncertainty covers it"}
    )


_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:|]\s+|\n\s*)$")


def _opens_its_sentence(text: str, mention: Mention) -> bool:
    """ "Tank damage ... in Idlib": a name that opens the sentence may be any capitalised word."""
    return _SENTENCE_OPENING.search(text, max(0, mention.start - 3), mention.start) is not None


# "the ports of Hodeidah, Saleef and Ras Isa": the places of one list, joined by these.
# a gap in a list, perhaps after ACLED's admin chain ("Jaar (Khanfar, Abyan) and Zinjibar")
# or a noun that calls the name a place ("Jisr al-Shughour countryside and Daraa city")
_LIST_GAP = re.compile(
    rf"^(?:\s*\([^()]{{1,80}}\)|\s+(?:{PLACE_NOUNS}|{ADMIN_WORDS}))?"
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)$",
    re.IGNORECASE,
)


def _listed_with(text: str, best: Mention, mentions: Sequence[Mention]) -> list[Mention]:
    """The places named in one list with ``best`` ("Hodeidah, Saleef and Ras Isa")."""
    # the areas of an admin chain say where a listed place is, not another place of the list
    ordered = sorted(
        (m for m in mentions if m is best or not in_admin_chain(text, m)), key=lambda m: m.start
    )
    at = next(i for i, m in enumerate(ordered) if m is best)
    listed = [best]
    for step in (-1, 1):
        i = at
        while 0 <= i + step < len(ordered):
            a, b = (ordered[i], ordered[i + step])[::step]
            if not _LIST_GAP.match(text[a.end : b.start]):
                break
            i += step
            listed.append(ordered[i])
    return listed


def _the_one_put_somewhere(
    text: str,
    best: Mention,
    inside: Sequence[Mention],
    put_in: Mapping[tuple[int, int], Mention | None],
) -> Mention:
    """Of the places listed with ``best`` and as specific, the first the text puts in an area
    (``put_in``: each place's container), if ``best`` is put in none: ACLED writes its coded
    place's areas after it ("the villages of Mu'allaq and Sayda and Ein Issa town (Tell
    Abiad, Ar-Raqqa)")."""
    if put_in[(best.start, best.end)] is not None:
        return best
    rank = SPECIFICITY.get(best.feature_class or "", 9)
    for other in sorted(_listed_with(text, best, inside), key=lambda m: m.start):
        if (
            other is not best
            and SPECIFICITY.get(other.feature_class or "", 9) == rank
            and put_in[(other.start, other.end)] is not None
        ):
            return other
    return best


def _listed_reach(
    text: str, best: Mention, inside: Sequence[Mention], at: EventLocation, gazetteer: Gazetteer
) -> list[tuple[Mention, float]]:
    """The other places of ``best``'s list (no country, nor an area it is put in or that
    holds it: "Behbahan, Khuzestan"), each with how far from ``at`` a radius must reach to
    take it in."""
    assert at.lat is not None and at.lon is not None
    holding = _containers_of(text, best, inside)
    reach: list[tuple[Mention, float]] = []
    for other in _listed_with(text, best, inside):
        if other is best or other in holding or other.lat is None or other.lon is None:
            continue
        if other.feature_class in ("country", "continent"):
            continue
        if best.lat is not None and best.lon is not None and holds_place(gazetteer, other, best):
            continue
        km = great_circle_km(at.lat, at.lon, other.lat, other.lon)
        reach.append((other, km + _radius_for(gazetteer, other.gazetteer_id or "")))
    return reach


def _covering_the_list(
    text: str,
    best: Mention,
    inside: Sequence[Mention],
    location: EventLocation,
    gazetteer: Gazetteer,
) -> EventLocation:
    """An event at several places listed together is placed at the one chosen, with a
    radius that reaches the others near enough to share one event's area: the coder may
    have placed it at any of them."""
    if location.lat is None or location.lon is None or location.uncertainty_km is None:
        return location
    near = [
        (other, km)
        for other, km in _listed_reach(text, best, inside, location, gazetteer)
        if km <= _LIST_REACH_KM
    ]
    reach = max((km for _, km in near), default=0.0)
    if reach <= location.uncertainty_km:
        return location
    named = ", ".join(other.text for other, _ in near)
    return location.model_copy(
        update={
            "uncertainty_km": round(reach, 1),
            "reason": f"{location.reason}; listed with {named}: the radius reaches them",
        }
    )


def _listed_apart(
    text: str,
    best: Mention,
    inside: Sequence[Mention],
    location: EventLocation,
    gazetteer: Gazetteer,
) -> list[Mention]:
    """The places of ``best``'s list too far from the event's location to share its area, in
    its country (a list across a border more often holds a wrong homonym than two events)."""
    if location.lat is None or location.lon is None:
        return []
    return [
        other
        for other, km in _listed_reach(text, best, inside, location, gazetteer)
        if km > _LIST_REACH_KM and other.country == location.country
    ]


def _containers_of(text: str, place: Mention, mentions: Sequence[Mention]) -> list[Mention]:
    """ "Abu Kamal, Deir Ezzor governorate": the areas the text puts ``place`` in, which hold
    it rather than list another place beside it."""
    chain: list[Mention] = []
    inner = place
    for _ in range(_CHAIN_LENGTH):
        container = container_after(text, inner, mentions)
        if container is None:
            break
        chain.append(container)
        inner = container
    return chain


def _contained_location(
    text: str,
    best: Mention,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    actor_spans: Sequence[tuple[int, int]],
    reason: str,
) -> EventLocation | None:
    """What "X in Y" says about the place chosen: X resolved outside Y is the X inside Y (or
    Y); a place the gazetteer lacks, put in the city Y, is in the area around Y; a part of
    a city ("the Ortakoy district of Istanbul") is in the city."""
    city = container_after(text, best, mentions)
    if city is not None and city.resolved and part_of_a_city(text, best, city, gazetteer):
        if best.feature_class == FeatureClass.CITY and within_the_city(city, best):
            return location_from_mention(best, gazetteer, f"{reason}, a part of {city.text}")
        why = f"{reason}, a part of {city.text}: placed in the city"
        return location_from_mention(city, gazetteer, why)
    container = _container_not_holding(text, best, mentions, gazetteer)
    if container is not None:
        inside = candidate_inside(gazetteer, best.text, container)
        if inside is not None:
            return location_from_candidate(
                inside, gazetteer, f"{reason}; the {inside.name} in {container.text}"
            )
        why = f"{reason}, but no {best.text} is known in {container.text}"
        return _area_around(container, gazetteer, why, district=_names_a_district(text, container))
    unknown = unknown_place_before(text, best, mentions, actor_spans)
    if unknown is None or unknown.urban:
        return None
    why = f"{unknown.name!r} is not in the gazetteer; it lies in {best.text}"
    return _area_around(best, gazetteer, why, district=_names_a_district(text, best))


def _names_a_district(text: str, mention: Mention) -> bool:
    """ "Al-Baghdadi (Hit, Anbar)", "Daraa al-Balad (Dar'a, Dar'a)": the first of ACLED's
    two admin areas is a district, named for its town; so is a town's name before a
    district's word ("in Jamshoro district", "the Djenne cercle")."""
    return (
        in_admin_chain(text, mention) and admin_chain.CONTINUES.match(text, mention.end) is not None
    ) or DISTRICT_WORD_AFTER.match(text, mention.end) is not None


# How many containers out a place is checked against: "Al-Mansoura (Al Mansura, Aden)".
_CHAIN_LENGTH = 3


def _container_not_holding(
    text: str, best: Mention, mentions: Sequence[Mention], gazetteer: Gazetteer
) -> Mention | None:
    """The innermost container the text puts ``best`` in ("X in Y", "X (Y, Z)", and Y's
    own container) that does not hold the place ``best`` resolved to: a wrong homonym."""
    if best.lat is None or best.lon is None:
        return None
    inner = best
    for _ in range(_CHAIN_LENGTH):
        container = container_after(text, inner, mentions)
        if container is None:
            return None
        if (
            container.resolved
            and not holds_place(gazetteer, container, best)
            and not _in_its_wide_district(text, container, best, gazetteer)
            and not _outside_its_own_container(text, container, mentions, gazetteer)
        ):
            return container
        inner = container
    return None


def _in_its_wide_district(
    text: str, container: Mention, place: Mention, gazetteer: Gazetteer
) -> bool:
    """ "As-Sukhnah (Tadmur, Homs)": a town that names ACLED's district stands for a district
    the gazetteer has no outline of, and a desert district reaches far from its town
    (Tadmur's, 150 km east to the Euphrates valley); the province after it still decides. The
    place lies in the town's country and province ("near Shebaa, in Hasbaya district" is no
    Sha'ab of Israel)."""
    assert place.lat is not None and place.lon is not None
    return (
        container.feature_class == FeatureClass.CITY
        and container.lat is not None
        and container.lon is not None
        and place.country == container.country
        and _names_a_district(text, container)
        and great_circle_km(container.lat, container.lon, place.lat, place.lon)
        <= _WIDE_DISTRICT_REACH_KM
        and _same_province(gazetteer, container, place)
    )


def _same_province(gazetteer: Gazetteer, one: Mention, other: Mention) -> bool:
    """Whether two places lie in one first-order area, where the gazetteer says of both."""
    indices = [gazetteer.index_of(mention.gazetteer_id or "") for mention in (one, other)]
    areas = [None if i is None else gazetteer.candidate(i).admin1_code for i in indices]
    return None in areas or areas[0] == areas[1]


# How far a desert district reaches from its town: twice a district's common reach.
_WIDE_DISTRICT_REACH_KM = 120.0


def _outside_its_own_container(
    text: str, container: Mention, mentions: Sequence[Mention], gazetteer: Gazetteer
) -> bool:
    """ "Taiz city (Al Qahirah, Taiz)": a container resolved outside the next one out (Cairo,
    for a quarter of Taiz) is a wrong homonym itself, and says nothing of what it holds."""
    if container.lat is None or container.lon is None:
        return False
    outer = container_after(text, container, mentions)
    return outer is not None and outer.resolved and not holds_place(gazetteer, outer, container)


def _area_around(
    container: Mention, gazetteer: Gazetteer, why: str, *, district: bool = False
) -> EventLocation:
    """Where an event at an unknown place inside ``container`` goes: the container, or for a
    city the admin area of its name (a village "in Hama" is in Hama province), with the
    area's uncertainty, never a city's; a city named as a district in ACLED's notation
    ("Fishkhabour (Zakho, Duhok)", "Daraa al-Balad (Dar'a, Dar'a)") reaches as far as a
    district does, not as far as the province of its name."""
    if container.feature_class != FeatureClass.CITY:
        located = location_from_mention(container, gazetteer, f"{why}: placed in {container.text}")
        return _as_wide_as_a_district(located) if district else located
    area = admin_area_named_like(gazetteer, container)
    if area is not None and not (district and area.feature_class == FeatureClass.ADMIN1):
        located = location_from_candidate(area, gazetteer, f"{why}: placed in {area.name}")
        return _as_wide_as_a_district(located) if district else located
    location = location_from_mention(container, gazetteer, f"{why}: placed around it")
    reach = DISTRICT_RADIUS_KM if district else AREA_WITHOUT_OUTLINE_KM
    return location.model_copy(update={"uncertainty_km": reach})


def _as_wide_as_a_district(location: EventLocation) -> EventLocation:
    """ACLED's district the gazetteer knows only by a town or two of it ("Jawdara village
    (Deh Bala, Nangarhar)") reaches as far as a district does."""
    if (location.uncertainty_km or 0.0) >= DISTRICT_RADIUS_KM:
        return location
    return location.model_copy(update={"uncertainty_km": DISTRICT_RADIUS_KM})


_DATELINE_FOCUS_WEIGHT = 0.5
# "a Saudi-led coalition", "the US-backed SDF": the country leads or backs, it is not where.
_BACKING_AFTER = re.compile(rf"^\s?-\s?{alternation(_WORDS.backing)}\b")


def _focus_weight(text: str, mention: Mention) -> float:
    """How much one mention says the article happens in its country."""
    if _BACKING_AFTER.match(text[mention.end : mention.end + 20]) or STANCE_BEFORE.search(
        text, max(0, mention.start - 5), mention.start
    ):
        return 0.0  # "Iranian-backed", "pro-Iranian militias": whose side, not where
    if in_dateline(text, mention):
        # where the reporter filed from: most often the story's country, but a report from
        # Syria is filed from Beirut, so far less than a place named as where (3), a little
        # more than a demonym of a country (0.3: "a Palestinian refugee camp" in Sidon)
        return _DATELINE_FOCUS_WEIGHT
    if is_locative(text, mention):
        weight = 3.0
    elif mention.kind == MentionKind.DEMONYM or is_modifier(text, mention):
        weight = 0.3
    else:
        weight = 1.0
    if mention.feature_class not in ("country", "continent"):
        weight *= 2.0  # a city, province, river or sea places the story physically
    return weight


def article_focus(text: str, mentions: Sequence[Mention]) -> Mention | None:
    """The country the article places things in: locative uses weigh most, modifiers least.

    Only a country the article names as a country can be its focus, so only those
    countries' mentions are weighed (most articles name none: nothing is weighed).
    """
    eligible = [
        m
        for m in mentions
        if m.resolved
        and m.country is not None
        and not m.in_organisation
        and m.kind != MentionKind.ORGANISATION
        and not m.government_actor
    ]
    representative: dict[str, Mention] = {}
    weights: dict[str, float] = {}
    for mention in eligible:
        if mention.feature_class == "country" and mention.country:
            representative.setdefault(mention.country, mention)
    for mention in eligible:
        if mention.country in representative:
            weight = _focus_weight(text, mention)
            weights[mention.country] = weights.get(mention.country, 0.0) + weight
    weighed = [code for code, weight in weights.items() if weight > 0.0]
    if not weighed:
        return None
    return representative[min(weighed, key=lambda code: (-weights[code], code))]
