"""Recognition: find every span of a text that names a place, with offsets into the original.

The recogniser is a longest-match scan of capitalised token runs against the gazetteer's
name index, followed by rules that tell places from the people, organisations and common
words that share their names. Each rule is a small function; the scan calls them in order.

Kinds (see :class:`geo.places.mentions.MentionKind`): a toponym ("Syria", "Euphrates River"), a
demonym ("Syrian", "Russians"), or part of an organisation name ("Syrian Democratic Forces")
kept as an association, never a location.

Some of the rules: an abbreviation's senses apply only when it is written as one ("US",
"U.S.", "Calif.", never "us" or "Us and them"); a capitalised generic word joins the name
when a candidate is of that kind ("Euphrates River"); web and mail addresses name nothing;
a run of capitalised words that reads as a person ("Joseph Dunford", "President Assad")
blocks its words. Gazetteer and person-lexicon answers are memoised per process (both are
read-only), which is most of recognition's speed on a stream of articles.

The words the rules know (connectors, common words that are never a place alone, heads of
organisation names, speech verbs, Arabic articles...) are data: ``recognition.toml`` beside
this module, read once at import and checked by :class:`RecognitionFile`.

>>> from gazetteer import open_gazetteer  # doctest: +SKIP
>>> [m.text for m in recognize("US-backed forces crossed the Euphrates River.",
...                            open_gazetteer())]  # doctest: +SKIP
['US', 'Euphrates River']
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress, pairwise, repeat
from operator import itemgetter, not_
from typing import Annotated, NamedTuple, Protocol

from pydantic import AfterValidator, Field, model_validator

from gazetteer.geodesy import great_circle_km
from gazetteer.model import Candidate, FeatureClass, NameKind
from gazetteer.normalize import (
    LOOSE_SCOPE,
    VARIANT_MARK,
    loose_key,
    loose_word,
    normalize,
    spelling_distance,
    variant_key,
)
from geo.named_actors import NAMED_ACTORS, ActorKind, NamedActorRow
from geo.places import admin_chain
from geo.places.mentions import MentionKind
from geo.prefilter import Prefilter, guarded
from geo.vocabulary import (
    CountryCode,
    LowerAlternatives,
    LowerWord,
    LowerWords,
    Vocabulary,
    alternation,
    distinct,
    load_vocabulary,
    one_word,
)

__all__ = [
    "Match",
    "NoPersonNames",
    "PersonNames",
    "RecognitionFile",
    "Token",
    "countries_named",
    "in_title_case",
    "opens_a_dateline",
    "recognize",
    "tokenize",
    "written_as_abbreviation",
]


# -- the word lists ----------------------------------------------------------------------------
def _a_key(word: str) -> str:
    if normalize(word) != word:
        raise ValueError(f"{word!r} is not written as a name's key ({normalize(word)!r})")
    return word


def _capitalised(word: str) -> str:
    if not word[:1].isupper():
        raise ValueError(f"{word!r} is not capitalised (it is compared with capitalised words)")
    return word


KeyWords = Annotated[
    tuple[Annotated[str, AfterValidator(one_word), AfterValidator(_a_key)], ...],
    Field(min_length=1),
    AfterValidator(distinct),
]
"""Words written as :func:`~gazetteer.normalize.normalize` writes a name's key, none twice."""
CapitalisedWords = Annotated[
    tuple[Annotated[str, AfterValidator(one_word), AfterValidator(_capitalised)], ...],
    Field(min_length=1),
    AfterValidator(distinct),
]
"""Capitalised words, compared as written, none twice."""
FeatureClasses = Annotated[tuple[FeatureClass, ...], Field(min_length=1), AfterValidator(distinct)]
"""Feature classes of the gazetteer, none twice."""


class _Names(Vocabulary):
    """How place names are written around their words."""

    abbreviated_prefixes: CapitalisedWords  # "St. Louis": the name goes on after ". "
    written_short: dict[LowerWord, LowerWord]  # "Co Cork": the first word a name's, shortened
    articles: CapitalisedWords  # "The Hague": no part of the name's span
    connectors: LowerWords  # "Dayr az Zawr": lower-case words inside a name


class _CommonWords(Vocabulary):
    """Words that look like places but are almost never one alone."""

    never_alone: KeyWords
    sides: KeyWords
    noun_endings: KeyWords
    people_endings: KeyWords  # "Farmers reported...": a sentence's first word, the people


class _Illnesses(Vocabulary):
    """Words after a name that make it an illness ("Ebola virus"); joined in order; and the
    words that may stand between ("Ebola haemorrhagic fever")."""

    words: LowerWords
    between: LowerWords


class _Addresses(Vocabulary):
    """Top-level domains that end a web address ("reuters.com"); joined in order."""

    top_level_domains: LowerWords


class _Speech(Vocabulary):
    """Speech verbs, and the words that may stand between a capital and its verb."""

    fillers: LowerWords
    verbs: LowerWords
    not_speech_objects: LowerAlternatives


class _Organisations(Vocabulary):
    """Head words of organisation names ("Syrian Democratic Forces")."""

    heads: KeyWords
    need_a_word_between: KeyWords  # not right after a place's name: "Ukraine Army"
    facilities: KeyWords  # a place's possessive owns them: "Istanbul's Ataturk Airport"
    group_nouns: LowerWords  # after an armed group's name: "in Taliban attack", not a village

    @model_validator(mode="after")
    def _heads_are_listed(self) -> _Organisations:
        unknown = [
            word for word in (*self.need_a_word_between, *self.facilities) if word not in self.heads
        ]
        if unknown:
            raise ValueError(f"need_a_word_between: not among the heads: {', '.join(unknown)}")
        return self


class _People(Vocabulary):
    """Verbs after a lone name that make it a person, beside the speech verbs; nouns after
    a lone surname that make it a person's; nouns after a name that make it its people's
    place."""

    verbs: LowerWords
    nouns: LowerWords
    residents: LowerWords
    faiths: LowerWords
    openers: LowerWords


class _Arabic(Vocabulary):
    """Arabic articles that join two capitalised words into one name ("al-Balad")."""

    articles: LowerWords
    spaced: LowerWords  # articles that are no English word: "al Bab" as well as "al-Bab"

    @model_validator(mode="after")
    def _spaced_are_articles(self) -> _Arabic:
        unknown = [word for word in self.spaced if word not in self.articles]
        if unknown:
            raise ValueError(f"spaced: not among the articles: {', '.join(unknown)}")
        return self


class _Currencies(Vocabulary):
    """Currency words: after a country's name or demonym they name money ("US dollar")."""

    words: LowerWords
    world: tuple[CountryCode, ...]


class _Countryside(Vocabulary):
    """Words for the countryside of a city, before ("Rural", "Reef") or after its name."""

    before: LowerWords
    after: LowerWords  # the first is the word of the area's name ("Damascus Countryside")


class _Saints(Vocabulary):
    """A saint's name before these is a dedication, no place: "St Nicholas Church", "St
    Luke's Hospital", "St Patrick's Day"."""

    buildings: LowerWords
    after_a_possessive: LowerWords


class _Variants(Vocabulary):
    """Words of a name that do not tell one place from another ("district", "camp"), and
    endings of English words ("-ish", "-tion") that no romanised place name has."""

    generic_words: LowerWords
    english_endings: LowerWords
    backing: LowerWords


class _Languages(Vocabulary):
    """Words before or after a people's adjective that make it its language ("in French",
    "French-speaking"), and the words that may follow one after "in" ("in English at")."""

    before: LowerWords
    between: LowerWords
    after: LowerWords
    as_a_language: LowerWords


class _Prepositions(Vocabulary):
    """Prepositions after which a name is most often a place ("in Djibo"), and verbs whose
    object is ("shelled Afrin")."""

    place: LowerWords
    place_verbs: LowerWords
    place_nouns: LowerWords
    place_nouns_of: LowerWords  # before "of" only: "the island of Gozo"
    place_noun_modifiers: LowerWords
    camp_nouns: LowerWords
    place_before_of: LowerWords
    roads_between: LowerWords


class _Weapons(Vocabulary):
    """Words after a name that make it a weapon's ("Tomahawk missiles"); joined in order; and
    the words that may stand between ("Tomahawk cruise missiles")."""

    words: LowerWords
    between: LowerWords


class RecognitionFile(Vocabulary):
    """``recognition.toml``: the word lists of recognition, one section per use."""

    names: _Names
    common_words: _CommonWords
    illnesses: _Illnesses
    weapons: _Weapons
    addresses: _Addresses
    generic_suffixes: dict[LowerWord, FeatureClasses]  # "river" -> the classes it may join
    generic_prefixes: dict[LowerWord, FeatureClasses]  # "River Shannon"
    speech: _Speech
    organisations: _Organisations
    people: _People
    arabic: _Arabic
    variants: _Variants
    saints: _Saints
    countryside: _Countryside
    currencies: _Currencies
    languages: _Languages
    prepositions: _Prepositions

    @model_validator(mode="after")
    def _person_verbs_are_not_speech_verbs(self) -> RecognitionFile:
        repeated = [verb for verb in self.people.verbs if verb in self.speech.verbs]
        if repeated:
            raise ValueError(
                f"people.verbs: already speech verbs (which count too): {', '.join(repeated)}"
            )
        return self


_WORDS = load_vocabulary("geo.places", "recognition.toml", RecognitionFile)


def _disease_pattern(illness_words: Sequence[str], between: Sequence[str]) -> re.Pattern[str]:
    """Capitalised words followed by an illness word: "Ebola virus", "West Nile fever",
    perhaps with a word between ("Ebola haemorrhagic fever")."""
    return re.compile(
        rf"((?:[A-Z][\w'’-]+ )+)(?:{alternation(between)} )?{alternation(illness_words)}\b"
    )


def _address_patterns(domains: Sequence[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Web and mail addresses, and the fast test for text that may hold one (see below)."""
    endings = alternation(domains)
    address = re.compile(
        r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
        rf"|\b(?:[\w-]+\.)+{endings}\b(?:/\S*)?",
        re.IGNORECASE,
    )
    hint = re.compile(rf"[@:.](?:(?<=:)//|(?<=@)|(?<=www\.)|(?<=\w\.){endings}\b)", re.IGNORECASE)
    return address, hint


MAX_NAME_TOKENS = 7

# A token: an initialism with full stops ("U.S.") or a word with inner apostrophes ("Zawr's").
# The group keeps the tokens in re.split's output, between the gaps.
# A token is an abbreviation with full stops ("U.S.") or a word with inner apostrophes
# ("Zawr's"). Both start with a word character, taken first so that the regex engine skips
# to the next one between tokens; the lookbehind then reads it as the abbreviation's capital.
_TOKEN_SPLIT = re.compile(r"(\w(?:(?<=[A-Z])(?:\.[A-Z])+\.|\w*(?:['’`]\w+)*))")
_POSSESSIVE = re.compile(r"['’]s$")
_POSSESSIVE_ENDINGS = ("'s", "’s")
# A hyphen opens a sentence as a list's bullet ("- Aleppo"), not inside a word ("al-Hawl").
# ... and a wire service's slug before a headline: "UPDATE 1-Teen killed", "EXCLUSIVE-Iran"
_SENTENCE_END = re.compile(
    r"(?:[.!?…:;]['\"”’)\]]*|[\n•*\"“‘(\[—–]|(?<!\w)-|[A-Z] \d-|[A-Z]{3}-)\s*$"
)
_JOINING_GAPS = frozenset({" ", "-", " - ", "- ", " -"})
_AYN_MARKS = frozenset("'’‘`")
_ABBREVIATED_PREFIXES = frozenset(_WORDS.names.abbreviated_prefixes)
_WRITTEN_SHORT = dict(_WORDS.names.written_short)
_ARTICLES = frozenset(_WORDS.names.articles)
_OPENERS = frozenset(_WORDS.people.openers)
CONNECTORS = frozenset(_WORDS.names.connectors)
NEVER_ALONE = frozenset(_WORDS.common_words.never_alone)
_SIDES = frozenset(_WORDS.common_words.sides)
_NOUN_ENDINGS = tuple(_WORDS.common_words.noun_endings)
_PEOPLE_ENDINGS = tuple(_WORDS.common_words.people_endings)
# ... unless the town so named has some 30,000 people or more (Poitiers, Angers)
_PEOPLE_WORD_PRIOR = 4.5
# "South governorate": the words that join a first-order area's name (generic_suffixes)
_AREA_WORDS = [w for w, kinds in _WORDS.generic_suffixes.items() if FeatureClass.ADMIN1 in kinds]
_AREA_WORD_AFTER = re.compile(rf"\s+{alternation(_AREA_WORDS)}\b", re.IGNORECASE)
# Armed groups named in one word ("Taliban", "Hamas", "Fano", "Houthi"): gazetteers list some
# of these words as villages or towns (Taliban in Turkey, Fano in Italy), or meet them by a
# romanisation variant ("Houthi", Lahij's loose key), which a report that names the group
# does not mean. Taken from the actor vocabulary's patterns, so the two stay in step; a
# group's home country (Houthis: Yemen) also says which country the text is about.
_GROUP_NOUNS = frozenset(_WORDS.organisations.group_nouns)
_ARMED_GROUP_ROWS = tuple(row for row in NAMED_ACTORS if row.kind is ActorKind.ARMED_GROUP)
# One pattern for all groups, a named alternative a row: one match call a word, whose
# ``lastgroup`` says which group.
_ARMED_GROUP = re.compile(
    "|".join(
        f"(?P<g{number}>" + "|".join(f"(?:{pattern})" for pattern in row.patterns) + ")"
        for number, row in enumerate(_ARMED_GROUP_ROWS)
    ),
    re.IGNORECASE,
)


# The groups of one country, found anywhere in a text as the actor analysis finds them (case
# as written). Most texts name none: the prefilter says so in one pass, before any regex.
_HOME_GROUP_ROWS = tuple(row for row in _ARMED_GROUP_ROWS if row.country is not None)
_HOME_GROUP_WORDS = Prefilter(["|".join(row.patterns) for row in _HOME_GROUP_ROWS], flags=0)
_HOME_GROUP = re.compile(
    guarded(
        r"(?<![\w-])",
        "|".join(
            f"(?P<g{number}>" + "|".join(f"(?:{pattern})" for pattern in row.patterns) + ")"
            for number, row in enumerate(_HOME_GROUP_ROWS)
        ),
    )
    + r"(?!\w)"
)


@functools.lru_cache(maxsize=1 << 16)
def _armed_group_named(word: str) -> NamedActorRow | None:
    """The armed group one word alone names ("Houthi", "Taliban"), if any."""
    found = _ARMED_GROUP.fullmatch(word) if " " not in word else None
    if found is None or found.lastgroup is None:
        return None
    return _ARMED_GROUP_ROWS[int(found.lastgroup[1:])]


def names_armed_group(word: str) -> bool:
    """Whether one word alone names an armed group of the actor vocabulary ("Houthi")."""
    return _armed_group_named(word) is not None


_ILLNESS_WORDS = _WORDS.illnesses.words
_DISEASE_WORDS = _disease_pattern(_ILLNESS_WORDS, _WORDS.illnesses.between)
# Substrings without which _DISEASE_WORDS cannot match: a plain search for each is several
# times faster than the regex, which tries every capital letter of the text.
_ILLNESS_HINTS = tuple(" " + word for word in _ILLNESS_WORDS)
_WEAPON_WORDS = _disease_pattern(_WORDS.weapons.words, _WORDS.weapons.between)
_WEAPON_HINTS = tuple(" " + word.rstrip("s") for word in _WORDS.weapons.words)
# A weapon's name is taken for a town's only this small ("Tomahawk", Wisconsin): "Gaza
# rockets", "Iranian missiles" still name where they come from.
_WEAPON_NAME_PRIOR = 5.0
# Web and mail addresses: "https://example.com/Syria-news" names no place. The hint is some
# text that every address has: "://", "www.", "@" or a word and a top-level domain. Every
# branch starts at one of "@:." so the regex engine skips ahead to those characters.
_ADDRESS, _ADDRESS_HINT = _address_patterns(_WORDS.addresses.top_level_domains)
_GENERIC_PREFIXES: dict[str, frozenset[FeatureClass]] = {
    word: frozenset(classes) for word, classes in _WORDS.generic_prefixes.items()
}
_GENERIC_SUFFIXES: dict[str, frozenset[FeatureClass]] = {
    word: frozenset(classes) for word, classes in _WORDS.generic_suffixes.items()
}
_SPEECH_FILLERS = frozenset(_WORDS.speech.fillers)
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m|t)$", re.IGNORECASE)
ORGANISATION_HEADS = frozenset(_WORDS.organisations.heads)
# The heads that make "<Place> <Head>" an organisation even without other words between.
_PLAIN_ORG_HEADS = ORGANISATION_HEADS - frozenset(_WORDS.organisations.need_a_word_between)
_FACILITY_HEADS = frozenset(_WORDS.organisations.facilities)
SPEECH_VERBS = frozenset(_WORDS.speech.verbs)
PERSON_VERBS = SPEECH_VERBS | frozenset(_WORDS.people.verbs)
_PERSON_NOUNS = frozenset(_WORDS.people.nouns)


class PersonNames(Protocol):
    """Given names, surnames and titles (see gazetteer.sources.people)."""

    def given_rank(self, name: str) -> int | None: ...
    def surname_rank(self, name: str) -> int | None: ...
    def is_title(self, word: str) -> bool: ...


class NoPersonNames:
    """Fallback when no person lexicon is available: nothing is known to be a person."""

    def given_rank(self, name: str) -> int | None:
        return None

    def surname_rank(self, name: str) -> int | None:
        return None

    def is_title(self, word: str) -> bool:
        return False


class NameIndex(Protocol):
    """The part of :class:`gazetteer.Gazetteer` recognition needs."""

    def has_key(self, key: str) -> bool: ...
    def has_prefix(self, key: str) -> bool: ...
    def candidates_for_key(self, key: str) -> list[Candidate]: ...
    def country(self, code: str) -> Candidate | None: ...


_CACHE_LIMIT = 200_000  # entries per table; cleared when full (a cache, not a store)
_MISSING = object()


def _written_out(key: str) -> str:
    """A key whose first word is written short, with that word written out: "co cork" is
    "county cork" (Irish copy writes "Co Cork"); any other key as it is. Looked up only where
    the key as written names nothing ("Co To", an island of Vietnam, is one)."""
    first, space, rest = key.partition(" ")
    if space and (whole := _WRITTEN_SHORT.get(first)) is not None:
        return f"{whole} {rest}"
    return key


class _CachedIndex:
    """Memoised name-index lookups. News repeats the same few thousand capitalised words, and
    the index is read-only, so each answer is computed once per process."""

    __slots__ = ("_candidates", "_dead_heads", "_index", "_keys", "_prefixes", "_variant_heads")

    def __init__(self, index: NameIndex) -> None:
        self._index = index
        self._variant_heads: dict[str, bool] = {}
        self._dead_heads: dict[str, bool] = {}
        self._keys: dict[str, bool] = {}
        self._prefixes: dict[str, bool] = {}
        self._candidates: dict[str, list[Candidate]] = {}

    def has_key(self, key: str) -> bool:
        found = self._keys.get(key)
        if found is None:
            if len(self._keys) >= _CACHE_LIMIT:
                self._keys.clear()
            found = self._keys[key] = self._index.has_key(key) or (
                (whole := _written_out(key)) != key and self._index.has_key(whole)
            )
        return found

    def has_prefix(self, key: str) -> bool:
        found = self._prefixes.get(key)
        if found is None:
            if len(self._prefixes) >= _CACHE_LIMIT:
                self._prefixes.clear()
            found = self._prefixes[key] = self._index.has_prefix(key) or (
                (whole := _written_out(key)) != key and self._index.has_prefix(whole)
            )
        return found

    def opens_nothing(self, word: str) -> bool:
        """Whether no indexed name is ``word`` (a token's text, possessive or not) or has it as
        its first word: :func:`_longest_match` of it is then None unless a full stop joins
        the next token ("W.Va"). Most capitalised words of news are no place's first word;
        this answers them in one lookup."""
        found = self._dead_heads.get(word)
        if found is None:
            if len(self._dead_heads) >= _CACHE_LIMIT:
                self._dead_heads.clear()
            stripped = _POSSESSIVE.sub("", word) if word.endswith(_POSSESSIVE_ENDINGS) else word
            found = not (
                self.has_prefix(normalize(word) + " ") or self.has_key(normalize(stripped or word))
            )
            self._dead_heads[word] = found
        return found

    def opens_variant(self, word: str) -> bool:
        """Whether a loose key is the loose form of ``word`` (a token's text) or opens with it
        as a word; an article (loose form "") opens any."""
        found = self._variant_heads.get(word)
        if found is None:
            if len(self._variant_heads) >= _CACHE_LIMIT:
                self._variant_heads.clear()
            bare = _POSSESSIVE.sub("", word)  # "Hodeidah's"
            loose = loose_key(bare)
            key = VARIANT_MARK + loose
            found = normalize(bare) in _ARABIC_ARTICLES or (
                len(loose) >= 2 and (self.has_key(key) or self.has_prefix(key + " "))
            )
            self._variant_heads[word] = found
        return found

    def candidates_for_key(self, key: str) -> list[Candidate]:
        found = self._candidates.get(key)
        if found is None:
            if len(self._candidates) >= _CACHE_LIMIT // 10:
                self._candidates.clear()
            found = self._index.candidates_for_key(key)
            if not found and (whole := _written_out(key)) != key:
                found = self._index.candidates_for_key(whole)
            self._candidates[key] = found
        return list(found)  # a copy: callers may filter or reorder their own list

    def country(self, code: str) -> Candidate | None:
        return self._index.country(code)


class _CachedPeople:
    """Memoised person-lexicon lookups, for the same reason as :class:`_CachedIndex`."""

    __slots__ = ("_given", "_people", "_surnames", "_titles")

    def __init__(self, people: PersonNames) -> None:
        self._people = people
        self._given: dict[str, int | None] = {}
        self._surnames: dict[str, int | None] = {}
        self._titles: dict[str, bool] = {}

    def given_rank(self, name: str) -> int | None:
        found = self._given.get(name, _MISSING)
        if found is _MISSING:
            if len(self._given) >= _CACHE_LIMIT:
                self._given.clear()
            found = self._given[name] = self._people.given_rank(name)
        return found  # type: ignore[return-value]

    def surname_rank(self, name: str) -> int | None:
        found = self._surnames.get(name, _MISSING)
        if found is _MISSING:
            if len(self._surnames) >= _CACHE_LIMIT:
                self._surnames.clear()
            found = self._surnames[name] = self._people.surname_rank(name)
        return found  # type: ignore[return-value]

    def is_title(self, word: str) -> bool:
        found = self._titles.get(word)
        if found is None:
            if len(self._titles) >= _CACHE_LIMIT:
                self._titles.clear()
            found = self._titles[word] = self._people.is_title(word)
        return found


# One cache per index and lexicon object, keyed by id(); the object itself is held so that
# its id cannot be reused. A process opens one or two of each, so the tables stay tiny.
_INDEX_CACHES: dict[int, tuple[NameIndex, _CachedIndex]] = {}
_PEOPLE_CACHES: dict[int, tuple[PersonNames, _CachedPeople]] = {}
_MAX_CACHED_OBJECTS = 8


def _cached_index(index: NameIndex) -> _CachedIndex:
    if isinstance(index, _CachedIndex):
        return index
    held = _INDEX_CACHES.get(id(index))
    if held is None or held[0] is not index:
        if len(_INDEX_CACHES) >= _MAX_CACHED_OBJECTS:
            _INDEX_CACHES.clear()
        held = _INDEX_CACHES[id(index)] = (index, _CachedIndex(index))
    return held[1]


def _cached_people(people: PersonNames) -> _CachedPeople:
    if isinstance(people, _CachedPeople):
        return people
    held = _PEOPLE_CACHES.get(id(people))
    if held is None or held[0] is not people:
        if len(_PEOPLE_CACHES) >= _MAX_CACHED_OBJECTS:
            _PEOPLE_CACHES.clear()
        held = _PEOPLE_CACHES[id(people)] = (people, _CachedPeople(people))
    return held[1]


class Token(NamedTuple):
    """A word of the text; a NamedTuple because a long article has hundreds of thousands."""

    start: int
    end: int
    text: str
    capitalised: bool

    @property
    def all_caps(self) -> bool:
        return _all_caps(self.text)


@functools.lru_cache(maxsize=1 << 16)
def _all_caps(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


@dataclass(slots=True)
class Match:
    """A recognised span and its gazetteer candidates, before resolution."""

    start: int
    end: int
    text: str
    key: str
    kind: MentionKind
    candidates: list[Candidate]
    first_token: int
    last_token: int
    government_actor: bool = False
    in_organisation: bool = False
    notes: list[str] = field(default_factory=list)
    # evidence of where the text is, not a place it names ("the Lebanese pound slid")
    context_only: bool = False
    # a side read as the area on that side of its country ("(Koura, North)"): which country's
    # is for the rest of the text to say
    by_side: bool = False
    # why the span is looked up under another name ("read as 'Cooke County', ...")
    read_as: str = ""


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` with their offsets; ``capitalised`` when the first letter is upper.

    >>> [t.text for t in tokenize("U.S.-backed forces near Dayr az-Zawr's edge")]
    ['U.S.', 'backed', 'forces', 'near', 'Dayr', 'az', "Zawr's", 'edge']
    """
    return _tokenize(text)[0]


def _tokenize(text: str) -> tuple[list[Token], list[str], list[bool]]:
    """The tokens, and their words and capitalisation as lists (for loops that need no more)."""
    # The hottest loop of recognition, so no Python-level loop: splitting on the token
    # pattern alternates gaps and words, and the running sum of their lengths gives every
    # offset. tuple.__new__ skips the NamedTuple constructor's argument parsing.
    parts = _TOKEN_SPLIT.split(text)
    words = parts[1::2]
    offsets = list(accumulate(map(len, parts)))
    capitalised = list(map(str.isupper, map(itemgetter(0), words)))
    starts, ends = offsets[0:-1:2], offsets[1::2]
    # map's second iterable passes the class without partial's copy of the arguments
    fields = zip(starts, ends, words, capitalised, strict=True)
    tokens = list(map(tuple.__new__, repeat(Token), fields))
    return tokens, words, capitalised


def _strip_possessive(token: Token) -> Token:
    if not token.text.endswith(_POSSESSIVE_ENDINGS):  # most words: no regex
        return token
    stripped = _POSSESSIVE.sub("", token.text)
    if stripped == token.text or not stripped:
        return token
    return Token(token.start, token.start + len(stripped), stripped, token.capitalised)


def _include_abbreviation_dot(text: str, match: Match) -> None:
    """Keep the full stop of an abbreviation ("Ga.", "W.Va.") inside its span."""
    if (
        match.end < len(text)
        and text[match.end] == "."
        and not match.text.replace(".", "").isupper()
        and any(c.name_kind == NameKind.ABBREVIATION for c in match.candidates)
    ):
        match.end += 1
        match.text = text[match.start : match.end]


def _joins(text: str, left: Token, right: Token) -> bool:
    gap = text[left.end : right.start]
    if right.text in _ARTICLES and text.endswith(".", 0, left.end):
        return False  # "Long Island, N.Y. The U.S. Navy cleaned the site": a new sentence
    if gap in _JOINING_GAPS:
        return True
    if gap[-1:] in _AYN_MARKS and gap[:-1] in _JOINING_GAPS and left.text in _ARABIC_ARTICLES:
        return True  # "al-'Ayn", "al ‘Arab": the mark of an ayn opens the word
    if gap == "." and len(left.text) <= 2 and left.text[:1].isupper():
        return True  # "W.Va", "N.S.W"
    return gap == ". " and left.text in _ABBREVIATED_PREFIXES


def _sentence_initial(text: str, token: Token) -> bool:
    before = text[max(0, token.start - 4) : token.start]
    return token.start == 0 or not before.strip() or bool(_SENTENCE_END.search(before))


@dataclass(slots=True)
class _Scan:
    text: str
    tokens: list[Token]
    capitalised: list[bool]
    index: _CachedIndex
    people: PersonNames
    blocked: set[int] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    lower_words: set[str] = field(default_factory=set)
    diseases: set[str] = field(default_factory=set)
    weapons: set[str] = field(default_factory=set)
    person_like: list[tuple[int, int]] = field(default_factory=list)  # untitled full names
    surname_like: list[Match] = field(default_factory=list)  # dropped only as surnames
    romanised: bool = False  # some name's best reading is in a romanised country
    dropped: list[Match] = field(default_factory=list)  # names not kept as places
    last_place_end: int = -1  # where the last name kept as a place ends
    last_language_end: int = -1  # where a list of languages ends ("in English, Arabic")
    title_case_lines: dict[int, bool] = field(default_factory=dict)  # by a line's start
    rivers_named: dict[str, bool] = field(default_factory=dict)  # by a name as written
    # where the text's telling names are (a country's centre, a large place's point)
    anchors: list[tuple[float, float]] = field(default_factory=list)
    # ... of them, the places of some size named as places (no country: its centre may lie
    # 3,000 km from its border, as Russia's does)
    town_anchors: list[tuple[float, float]] = field(default_factory=list)


def recognize(text: str, index: NameIndex, people: PersonNames | None = None) -> list[Match]:
    """Every place-like span of ``text``, longest match first, people and common words removed."""
    tokens, words, capitalised = _tokenize(text)
    people = _cached_people(people or NoPersonNames())
    scan = _Scan(text, tokens, capitalised, _cached_index(index), people)
    scan.lower_words = set(compress(words, map(not_, capitalised)))
    scan.diseases = _disease_names(text)
    scan.weapons = _weapon_names(text)
    _block_addresses(scan)
    _block_people(scan)
    matches: list[Match] = []
    pending: list[_Variant] = []
    opens_variant = scan.index.opens_variant
    covered_until = -1
    for position in compress(range(len(tokens)), capitalised):
        if position <= covered_until:
            continue
        match = _longest_match(scan, position)
        lower = words[position].lower()
        if lower in _ARABIC_ARTICLES and (match is None or _only_an_article(scan, match)):
            match = _exact_after_article(scan, position) or match
        variant = None
        if (
            (lower not in _NO_VARIANT_HEADS or _hyphened_article(scan, tokens[position]))
            and opens_variant(words[position])
            and (match is None or _continues(scan, match.last_token))
        ):
            variant = _longest_variant(scan, position, -1 if match is None else match.last_token)
        if variant is not None and len(_name_words(scan, variant)) > (
            0 if match is None else len(_name_words(scan, match))
        ):
            pending.append(_Variant(variant, match))
            covered_until = variant.last_token
            continue
        if match is None:
            continue
        covered_until = match.last_token
        if _opens_a_longer_arabic_name(scan, match):
            continue
        _add(scan, match, matches)
    pending.extend(_person_like_variants(scan))
    homes = _armed_groups_at_home(scan)
    if pending or scan.romanised or homes:  # most texts: no variant, no romanised country
        _settle_variants(scan, pending, matches, Counter(home.country for home in homes))
    if scan.surname_like:
        _readmit_in_the_text_s_country(scan, matches)
    matches.extend(_home_country_context(scan, homes))
    if scan.dropped:
        _readmit_what_the_story_calls_places(scan, matches)
    for match in matches:
        _with_its_article(scan, match)
    return matches


def _headline_end(text: str) -> int:
    """Where the text's headline ends: its first line, if short and with no closing stop
    before a story; else 0 (the first line is the story's)."""
    first_line_end = text.find("\n")
    if 0 <= first_line_end <= _HEADLINE_LENGTH and not text[:first_line_end].rstrip().endswith(
        "."
    ):
        return first_line_end
    return 0


def _opens_a_headline(text: str, at: int, headline_end: int) -> bool:
    """The name opens the text's headline (ending at ``headline_end``: "Taos housing crunch
    pushes workers out"), or stands in a line in title case."""
    return (at == len(text) - len(text.lstrip()) and at < headline_end) or in_title_case(
        text, at
    )


_HEADLINE_LENGTH = 120  # characters: a first line longer, or ending in a stop, is the story


def _readmit_what_the_story_calls_places(scan: _Scan, matches: list[Match]) -> None:
    """ "Sialkot Ball-Makers Race to Meet European Orders / SIALKOT, Pakistan — ...": a
    headline in title case capitalises every word, and one in sentence case opens with its
    name ("Taos housing crunch pushes workers out"), so a name in it looks like part of a
    longer one, a person's or a common word; the story naming it as a place says what it
    is. So is the town the story is filed from, wherever it is named ("READING, England —
    Councillors in Reading have approved"), but inside a longer name ("the Boston Marathon")."""
    places = {m.key for m in matches if m.kind == MentionKind.TOPONYM and not m.context_only}
    datelines = {m.key for m in matches if _opens_a_dateline(scan, m)}
    kept = {id(m) for m in matches}  # some were readmitted already, as surnames of a country
    headline_end = _headline_end(scan.text)
    readmitted = [
        m
        for m in scan.dropped
        if id(m) not in kept
        and (
            (m.key in places and _opens_a_headline(scan.text, m.start, headline_end))
            or (
                m.key in datelines
                and not _embedded_in_name(scan, m)
                and m.start >= headline_end  # a headline's, as above
            )
        )
        # "AUSTIN, Texas — Defense Secretary Lloyd Austin ... Austin said": a person's name
        and m.key not in scan.surnames
        and not _followed_by_person_verb(scan, m)
    ]
    for match in readmitted:
        _readmit(scan, match, matches, "the story names it as a place", surname=False)
    if readmitted:
        matches.sort(key=lambda m: (m.start, -m.end))


def _with_its_article(scan: _Scan, match: Match) -> None:
    """ "in The Hague", "homes in The Plains": a capitalised "The" that a town's own name opens
    with belongs to the span (the name is indexed without it); a country's article is no
    part of its name as corpora mark it ("The Netherlands will...": "Netherlands")."""
    if match.first_token <= 0 or not match.candidates:
        return
    before = scan.tokens[match.first_token - 1]
    if (
        before.text == "The"
        and scan.text[before.end : match.start] == " "
        and match.candidates[0].name.startswith("The ")
        and match.candidates[0].feature_class == FeatureClass.CITY  # not "the Netherlands"
    ):
        match.start = before.start
        match.text = scan.text[match.start : match.end]


def _readmit_in_the_text_s_country(scan: _Scan, matches: list[Match]) -> None:
    """ "to north Galway", "Cork city" in a story that names Ireland: a town whose name is
    also an uncommon surname, read in the country the text is about, is that town there (the
    one country it names, or the one it names most, three times at least, by large places or
    names found in no other country: "Lahinch", "Ennistymon"; or in a story of a border, each
    of the two countries it names by name, so supported: "Elvas" and "Portalegre" in a story
    of Portugal's frontier with Spain)."""
    homes = _home_countries(matches)
    if not homes:
        return
    taken = {id(match) for match in matches}  # readmitted in a romanised country already
    for match in scan.surname_like:
        if (
            (match.candidates[0].country_code in homes or _own_name_country(match) in homes)
            and id(match) not in taken
            # "Many residents", "Plus, the state": a common word opening a sentence, unless
            # the text writes it inside one too; "Moore's Ford": a person's
            and (
                not _opens_sentence(scan, match.first_token)
                or re.search(rf"(?<=[\w,] ){re.escape(match.text)}\b", scan.text) is not None
            )
            and match.text.lower() not in scan.lower_words
            and not scan.tokens[match.last_token].text.endswith(_POSSESSIVE_ENDINGS)
        ):
            _readmit(scan, match, matches, "a place in the country the text is about")
    matches.sort(key=lambda match: (match.start, match.end))


def _own_name_country(match: Match) -> str | None:
    """The country of the likeliest place that bears the name as its own ("Marvão" of
    Portugal, as well as the town of Brazil that has it as an alternate name)."""
    own = next((c for c in match.candidates if c.name_kind == NameKind.NAME), None)
    return None if own is None else own.country_code


def _home_countries(matches: Sequence[Match]) -> frozenset[str]:
    """The country the text is about (see :func:`_readmit_in_the_text_s_country`), or the two
    it names by name when neither leads; empty when it is about none."""
    named = _country_counts(matches)
    if len(named) == 1:
        return frozenset(named)
    support = named + _one_country_names(matches)
    by_name = {
        country
        for match in matches
        if match.kind == MentionKind.TOPONYM
        and match.candidates
        and match.candidates[0].feature_class == FeatureClass.COUNTRY
        and match.candidates[0].name_kind == NameKind.NAME
        and (country := match.candidates[0].country_code)
    }
    if len(by_name) == 2:
        low, high = sorted(support[country] for country in by_name)
        if low >= _HOME_NAMES and 2 * low >= high:
            return frozenset(by_name)  # a story of two countries, as of their border
    counts = support.most_common(2)
    if counts and counts[0][1] >= _HOME_NAMES and (
        len(counts) == 1 or counts[0][1] > counts[1][1]
    ):
        return frozenset({counts[0][0]})
    return frozenset()


_HOME_NAMES = 3
# A place this large (a country, a state of millions) keeps its name in any line.
_STRONG_IMPORTANCE = 6.5


def _one_country_names(matches: Sequence[Match]) -> Counter[str]:
    """The countries of the names whose every reading lies in one country, however small
    ("Lahinch", "Ennistymon", "County Clare": Ireland)."""
    counts: Counter[str] = Counter()
    for match in matches:
        if match.kind == MentionKind.ORGANISATION or not match.candidates:
            continue
        countries = {c.country_code for c in match.candidates}
        if len(countries) == 1 and (country := countries.pop()):
            counts[country] += 1
    return counts


_BACKING_AFTER = re.compile(rf"-{alternation(_WORDS.variants.backing)}\b", re.IGNORECASE)


def _says_whose_backing(scan: _Scan, match: Match) -> bool:
    """ "Iranian-backed militias": a people's adjective that names no country of the text."""
    return match.kind == MentionKind.DEMONYM and bool(_BACKING_AFTER.match(scan.text, match.end))


def _settle_variants(
    scan: _Scan, pending: list[_Variant], matches: list[Match], groups: Counter[str]
) -> None:
    where = [match for match in matches if not _says_whose_backing(scan, match)]
    counts = _country_counts(where) + _areas_named_as_areas(scan, matches) + groups
    if pending:
        _settle(scan, pending, matches, counts)
    countries = {country for country in counts if country in LOOSE_SCOPE}
    if countries:
        _readmit_in_named_countries(scan, matches, countries)
        qualified = _qualified_by_an_area(scan, matches, countries)
        for match in matches:
            _add_variants_in(
                scan, match, _named_besides(match, counts, countries), id(match) in qualified
            )
    if pending or scan.surname_like:
        matches.sort(key=lambda m: (m.start, -m.end))


def _areas_named_as_areas(scan: _Scan, matches: Sequence[Match]) -> Counter[str]:
    """The countries of first-order areas the text names as areas ("Abyan province", the
    last of ACLED's "(Lawdar, Abyan)"), however small: as telling as a large place."""
    counts: Counter[str] = Counter()
    for match in matches:
        area = next((c for c in match.candidates if c.feature_class == FeatureClass.ADMIN1), None)
        if (
            area is not None
            and area.country_code
            and match.candidates[0].importance < _TELLING_IMPORTANCE  # counted already
            and (
                _AREA_WORD_AFTER.match(scan.text, match.end)
                or admin_chain.closes(scan.text, match.start, match.end)
            )
        ):
            counts[area.country_code] += 1
    return counts


def _qualified_by_an_area(scan: _Scan, matches: Sequence[Match], countries: set[str]) -> set[int]:
    """The matches right before an area or the country itself of one of ``countries``
    ("Bajel, Al Hudaydah province", "Bajel (Al Hudaydah)", "Bajel, Yemen"): ids of the
    qualified ones."""
    qualified = set()
    for left, right in pairwise(matches):
        if scan.text[left.end : right.start].strip() in (",", "(") and any(
            c.feature_class in _QUALIFYING and c.country_code in countries
            for c in right.candidates
        ):
            qualified.add(id(left))
    return qualified


_QUALIFYING = frozenset({FeatureClass.ADMIN1, FeatureClass.ADMIN2, FeatureClass.COUNTRY})


def _hyphened_article(scan: _Scan, token: Token) -> bool:
    """ "Al-Atareb", "al-Hol": an article joined to the name it opens."""
    return normalize(token.text) in _ARABIC_ARTICLES and scan.text[token.end : token.end + 1] == "-"


def _readmit_in_named_countries(scan: _Scan, matches: list[Match], countries: set[str]) -> None:
    """ "Turkish forces besieged Afrin": the names of towns in Arabic, Kurdish, Persian and
    Turkish are often given names or surnames too, and a lone surname is dropped unless
    some evidence says place. A place in a country the text is about (of the romanised
    countries) is that evidence, for any but the commonest names (Hassan, Ali)."""
    for match in scan.surname_like:
        if any(
            c.country_code in countries and c.name_kind < NameKind.VARIANT for c in match.candidates
        ):
            _readmit(scan, match, matches, "a place in a country the text is about")


def _readmit(
    scan: _Scan, match: Match, matches: list[Match], why: str, *, surname: bool = True
) -> None:
    """Take back a dropped name (as a surname, unless ``surname`` is False), with its
    organisation if it opens one."""
    match.notes.append(f"a surname too, but {why}" if surname else f"dropped, but {why}")
    organisation = _classify(scan, match)
    matches.append(match)
    if organisation is not None:
        matches.append(organisation)


def _continues(scan: _Scan, position: int) -> bool:
    """A name could go on after the token at ``position`` (a variant longer than a match)."""
    following = position + 1
    if following >= len(scan.tokens):
        return False
    token = scan.tokens[following]
    return (token.capitalised or token.text.lower() in CONNECTORS) and _joins(
        scan.text, scan.tokens[position], token
    )


def _opens_a_longer_arabic_name(scan: _Scan, match: Match) -> bool:
    """ "Ain al-Hilweh", "Bab al-Hawa": a one-word name followed by an Arabic article and a
    capitalised word is the first word of a longer name the gazetteer lacks, not the place
    of that word when it is best read outside the romanised countries (Ain, a French
    department) or by another of its names ("Riad al-Solh", a square: not Riyadh). One read
    inside them by its own name may still be meant: "Aleppo al-Jadida"."""
    following = match.last_token + 1
    if match.first_token != match.last_token or following + 1 >= len(scan.tokens):
        return False
    best = match.candidates[0] if match.candidates else None
    if best is None or (best.country_code in LOOSE_SCOPE and best.name_kind == NameKind.NAME):
        return False
    article, word = scan.tokens[following], scan.tokens[following + 1]
    return (
        article.text.lower() in _ARABIC_ARTICLES
        and not article.capitalised
        and scan.text[match.end : article.start] == " "
        and word.capitalised
        and _article_before(scan.text, article, word.start)
    )


def _only_an_article(scan: _Scan, match: Match) -> bool:
    return match.first_token == match.last_token and (
        scan.tokens[match.first_token].text.lower() in _ARABIC_ARTICLES
    )


def _exact_after_article(scan: _Scan, position: int) -> Match | None:
    """ "Ar-Raqqa", "Al Bab": the exact name after a capitalised article, the article in its
    span (the rules still read the name's own first word)."""
    if position + 1 >= len(scan.tokens):
        return None
    article, following = scan.tokens[position], scan.tokens[position + 1]
    if not following.capitalised or not _article_before(scan.text, article, following.start):
        return None
    match = _longest_match(scan, position + 1)
    if match is not None:
        match.start = article.start
        match.text = scan.text[match.start : match.end]
    return match


def _add(scan: _Scan, match: Match, matches: list[Match]) -> None:
    tokens, first, following = scan.tokens, match.first_token, match.last_token + 1
    before = tokens[first - 1].text.lower() if first > 0 else ""
    after = tokens[following].text.lower() if following < len(tokens) else ""
    if before in _ARABIC_ARTICLES:  # the cheap tests first: most names need none of these
        _after_lower_case_article(scan, match)
    if match.candidates and match.candidates[0].country_code in LOOSE_SCOPE:
        scan.romanised = True
        _add_variant_kinds(scan, match)
    if before in _COUNTRYSIDE_BEFORE or after in _COUNTRYSIDE_AFTER:
        _countryside_area(scan, match)
    if after in _CURRENCIES and _names_a_currency(scan, match):
        match.notes.append("names a currency ('US dollar', 'Syrian pound')")
        if match.candidates and match.candidates[0].country_code not in _WORLD_CURRENCIES:
            match.context_only = True  # a story about the Lebanese pound is about Lebanon
            matches.append(match)
        return
    if _names_a_language(scan, match) or _a_saint_s_dedication(scan, match):
        return
    if match.candidates and _keep(scan, match):
        organisation = _classify(scan, match)
        matches.append(match)
        if organisation is not None:
            matches.append(organisation)
        else:
            scan.last_place_end = match.end
    elif match.candidates:
        scan.dropped.append(match)


# -- romanisation variants -----------------------------------------------------------------
# "Ras al-Ain", "Ain Issa", "Deir Ezzor": spellings the gazetteer does not hold, found by
# their loose key (gazetteer.normalize.loose_key) where the exact scan finds fewer words of
# a name. Only places of the countries whose names are romanised from Arabic, Kurdish,
# Persian or Turkish have a loose key, and a loose key is loose: English words and names
# meet some ("Money", "Mohammad Abed"). So a variant is taken for a place in a country the
# text is about, or after "in", "near"...; otherwise the exact reading stands.
_ARABIC_ARTICLES = frozenset(_WORDS.arabic.articles)
_SPACED_ARTICLES = frozenset(_WORDS.arabic.spaced)
_GENERIC_WORDS = frozenset(_WORDS.variants.generic_words)
_ENGLISH_ENDINGS = tuple(_WORDS.variants.english_endings)
# Words that open no variant: common words and generic ones ("The", "County", "Monday").
_NO_VARIANT_HEADS = NEVER_ALONE | _GENERIC_WORDS
_HYPHENS = frozenset({"-", "- ", " -", " - "})
_CURRENCIES = frozenset(_WORDS.currencies.words)
_LANGUAGE_BEFORE = frozenset(_WORDS.languages.before)
_LANGUAGE_BETWEEN = frozenset(_WORDS.languages.between)
_LANGUAGE_AFTER = frozenset(_WORDS.languages.after)
_LANGUAGE_AFTER_OR_AS = _LANGUAGE_AFTER | {"as"}
_AS_A_LANGUAGE = re.compile(
    rf" as an? {alternation(_WORDS.languages.as_a_language)} language", re.IGNORECASE
)
_WORLD_CURRENCIES = frozenset(_WORDS.currencies.world)
_SETTLED = frozenset({FeatureClass.CITY, FeatureClass.ADMIN1, FeatureClass.ADMIN2})
_LARGE = frozenset({FeatureClass.COUNTRY, FeatureClass.CONTINENT})
_COUNTRYSIDE_BEFORE = frozenset(_WORDS.countryside.before)
_COUNTRYSIDE_AFTER = frozenset(_WORDS.countryside.after)
_COUNTRYSIDE_NAME = _WORDS.countryside.after[0]
# A place this large (log10 of its population, roughly) that a name most likely means tells
# which country a text is about; a village that shares an English word's spelling does not.
_TELLING_IMPORTANCE = 5.0
# Readings that say which part of the world a text is about, not where in it.
_COUNTRY_OR_LARGER = frozenset({FeatureClass.COUNTRY, FeatureClass.CONTINENT, FeatureClass.REGION})
# Nor is a one-word variant after "in" alone trusted for a place smaller than this: a town
# of about two thousand, which admits the seats GeoNames lists without a population (ranked
# just above it: Hawijah, Al Atarib), many of them towns of tens of thousands.
_LONE_VARIANT_IMPORTANCE = 3.3
# A one-word variant has at least this many letters ("Sub", "Cup" meet too many villages)
# and no article before it ("the Senate": a romanised town takes none in English).
_LONE_VARIANT_LETTERS = 4
_BEFORE_NO_VARIANT = frozenset({"the", "a", "an"})
# In a text about the variant's country, only a common given name or surname (Hassan,
# Bashir, Assad: ranked this high in either list) reads as a person rather than a town.
_COMMON_NAME_RANK = 500
# A place of this prior or more after "in" stays a place though a person of its name is in
# the text (Tiraspol, 130,000 people, is 5.2)
_SURNAME_TOWN_IMPORTANCE = 4.5
_PLACE_NOUNS = frozenset(_WORDS.prepositions.place_nouns)
# Words that end a name of a place, never a person's: "Hudson River" is no Mr River.
_NO_SURNAME_ENDINGS = _PLACE_NOUNS | frozenset(_WORDS.generic_suffixes)
# ... and the words that open one: "the River Shannon" is no River Shannon.
_NO_GIVEN_NAME_HEADS = frozenset(_WORDS.generic_prefixes)


@dataclass(slots=True)
class _Variant:
    """A variant found by the scan, the exact match it would replace, and whether its words
    also read as a person's full name ("Mohammad Abed")."""

    match: Match
    exact: Match | None
    person_like: bool = False


def _after_the(scan: _Scan, match: Match) -> bool:
    """ "the Minyeh district", "the Karoo region": a name so written is a romanised town only
    in a country the text names, or when a camp ("the Makhmour refugee camp")."""
    first = match.first_token
    return first > 0 and scan.tokens[first - 1].text.lower() in _BEFORE_NO_VARIANT


def _longest_variant(scan: _Scan, first: int, exact_last: int) -> Match | None:
    """The longest run from ``first`` past ``exact_last`` whose loose key is indexed."""
    tokens, text, index = scan.tokens, scan.text, scan.index
    head = tokens[first]
    if first in scan.blocked or head.text in _ARTICLES:
        return None
    best: Match | None = None
    words: list[str] = []  # the loose words so far ("" for an article)
    for last in range(first, min(first + MAX_NAME_TOKENS, len(tokens))):
        token = tokens[last]
        if last > first:
            if not _joins(text, tokens[last - 1], token) or last in scan.blocked:
                break
            if not token.capitalised and token.text.lower() not in CONNECTORS:
                break
        word = normalize(token.text)
        words.append(loose_word(word, first=not any(words)) if " " not in word else word)
        loose = " ".join(filter(None, words))
        if (
            token.capitalised
            and last > exact_last
            and token.text.lower() not in _ARABIC_ARTICLES
            and index.has_key(VARIANT_MARK + loose)
            and (" " in loose or _may_be_a_place(scan, last, _COMMON_NAME_RANK))
        ):  # a one-word variant that reads as a word or a name in any text: not built
            best = _variant_match(scan, first, last) or best
        if loose and not index.has_prefix(f"{VARIANT_MARK}{loose} "):
            break
    return best


def _variant_match(scan: _Scan, first: int, last: int) -> Match | None:
    """The tokens ``first..last`` as a variant, if their loose key is indexed."""
    start, ending = scan.tokens[first].start, _strip_possessive(scan.tokens[last])
    surface = scan.text[start : ending.end]
    key = variant_key(surface)
    if key is None or not scan.index.has_key(key):
        return None
    candidates = scan.index.candidates_for_key(key)
    own = normalize(surface)
    return Match(
        start=start,
        end=ending.end,
        text=surface,
        key=own,  # the rules compare the name's own key
        kind=MentionKind.DEMONYM if _a_nisba(own, candidates) else MentionKind.TOPONYM,
        candidates=candidates,
        first_token=first,
        last_token=last,
    )


def _a_nisba(key: str, candidates: Sequence[Candidate]) -> bool:
    """ "Gonabadi dervishes", "Baghdadi families": a place's name and the -i of Arabic and
    Persian adjectives of origin says who or whose, as a demonym does; the loose key, which
    drops a final vowel, meets the place itself."""
    return key.endswith("i") and any(normalize(c.name) == key[:-1] for c in candidates)


def _person_like_variants(scan: _Scan) -> list[_Variant]:
    """Runs blocked as full names that are also variants ("Ras Al Ain", "Tal Tamer")."""
    found = []
    for first, last in scan.person_like:
        match = _variant_match(scan, first, last)
        if match is not None and len(_name_words(scan, match)) >= 2:
            found.append(_Variant(match, None, person_like=True))
    return found


def _add_variant_kinds(scan: _Scan, match: Match) -> None:
    """ "Idleb" is the city's spelling, "Idlib" the governorate's: sources romanise a province
    and its capital differently, so a name of a romanised country also reads as the places of
    another kind (city, admin area) in that country that share its loose key."""
    if not match.candidates or match.candidates[0].country_code not in LOOSE_SCOPE:
        return  # most names: their best reading is elsewhere
    kinds = {(c.country_code, c.feature_class) for c in match.candidates}
    countries = {country for country, kind in kinds if country in LOOSE_SCOPE and kind in _SETTLED}
    if not countries or any(kind in _LARGE for _, kind in kinds):
        return  # "Algeria" is the country, whatever its loose key shares with "Alger"
    key = variant_key(match.text)
    if key is None or not scan.index.has_key(key):
        return
    match.candidates += [
        c
        for c in scan.index.candidates_for_key(key)
        if c.country_code in countries
        and c.feature_class in _SETTLED
        and (c.country_code, c.feature_class) not in kinds
    ]


def _countryside_area(scan: _Scan, match: Match) -> None:
    """ "Rural Damascus", "Reef Damascus", "Damascus countryside": the area the gazetteer
    names "<name> Countryside" (Rif Dimashq), where it has one; the word joins the span."""
    tokens, text = scan.tokens, scan.text
    before = tokens[match.first_token - 1] if match.first_token > 0 else None
    after = tokens[match.last_token + 1] if match.last_token + 1 < len(tokens) else None
    start, end = match.start, match.end
    if (
        before is not None
        and before.text.lower() in _COUNTRYSIDE_BEFORE
        and text[before.end : match.start] in _JOINING_GAPS
    ):
        start = before.start
    elif (
        after is not None
        and after.text.lower() in _COUNTRYSIDE_AFTER
        and text[match.end : after.start] == " "
    ):
        end = after.end
    else:
        return
    name = text[tokens[match.first_token].start : match.end]
    area = normalize(f"{name} {_COUNTRYSIDE_NAME}")
    if not scan.index.has_key(area):
        return
    match.start, match.end, match.text, match.key = start, end, text[start:end], area
    match.candidates = scan.index.candidates_for_key(area)


def _name_words(scan: _Scan, match: Match) -> list[int]:
    """Positions of the match's words that tell one place from another: capitalised, not
    articles, generic or common words ("Fire District" shares only "Fire" with "Farah
    District"; "In July" has none), not an initial."""
    positions = []
    for position in range(match.first_token, match.last_token + 1):
        token = scan.tokens[position]
        word = token.text.lower()
        if (
            token.capitalised
            and len(word) > 1
            and word not in _ARABIC_ARTICLES
            and word not in _GENERIC_WORDS
            and normalize(word) not in NEVER_ALONE
        ):
            positions.append(position)
    return positions


def _settle(
    scan: _Scan, pending: Sequence[_Variant], matches: list[Match], counts: Counter[str]
) -> None:
    """Take each variant the text supports, the exact reading of the others. A variant
    taken for a place in one country is one more mention of that country (``counts``)."""
    undecided = list(pending)
    telling = [
        (match, best)
        for match in matches
        if match.candidates
        and match.kind != MentionKind.ORGANISATION
        and _telling(best := match.candidates[0])
    ]
    scan.anchors = [(best.lat, best.lon) for _, best in telling]
    scan.town_anchors = [
        (best.lat, best.lon)
        for match, best in telling
        if match.kind == MentionKind.TOPONYM and best.feature_class not in _COUNTRY_OR_LARGER
    ]
    while undecided:
        taken = [variant for variant in undecided if _supported(scan, variant, counts)]
        if not taken:
            break
        for variant in taken:
            undecided.remove(variant)
            _add(scan, variant.match, matches)
            codes = {c.country_code or "" for c in variant.match.candidates}
            if len(codes) == 1 and codes <= LOOSE_SCOPE:
                counts.update(codes)
    for variant in undecided:
        if not variant.person_like:
            _add_exact_reading(scan, variant, matches)


def _named_besides(match: Match, counts: Counter[str], countries: set[str]) -> set[str]:
    """The text's countries but for the one only ``match`` itself names ("al-Mansoura" is
    first a city of Egypt: that says nothing of where the text is)."""
    own = _country_counts([match])
    return {country for country in countries if counts[country] > own[country]}


def _add_variants_in(
    scan: _Scan, match: Match, countries: set[str], qualified: bool = False
) -> None:
    """ "Loder" names a village in Europe, "Lawdar" a town in Yemen: in a text about Yemen,
    a name none of whose readings is there and none of them a place of some size (unless
    the text calls it a place, or names its area right after it: ``qualified``) also reads
    as the places of the text's countries that share its loose key."""
    if match.kind != MentionKind.TOPONYM or not match.candidates:
        return
    if any(c.country_code in countries for c in match.candidates):
        return
    if any(c.importance >= _TELLING_IMPORTANCE for c in match.candidates) and not (
        qualified
        or _called_a_place(scan, match)  # "the village of al-Mansoura", though Egypt's is a city
    ):
        return
    key = variant_key(match.text)
    if key is None or not scan.index.has_key(key):
        return
    match.candidates += [
        c for c in scan.index.candidates_for_key(key) if c.country_code in countries
    ]


def _supported(scan: _Scan, variant: _Variant, counts: Counter[str]) -> bool:
    """Whether the text supports the variant; its candidates narrowed to those it supports.
    A variant of two words or more may be a place of any romanised country the text names;
    a one-word variant only of one the text is mostly about (named at least half as often
    as the country named most: "Fear" is no town of Afghanistan in a story from Fargo that
    mentions the war there)."""
    match = variant.match
    words = _name_words(scan, match)
    top = max(counts.values(), default=0)
    countries = {
        country
        for country, count in counts.items()
        if country in LOOSE_SCOPE and (len(words) >= 2 or 2 * count >= top)
    }
    in_countries = [c for c in match.candidates if c.country_code in countries]
    called = _called_a_place(scan, match)
    after_in = _after_place_preposition(scan, match.first_token)
    if len(words) >= 2 and _written_in_lower_case(scan, [scan.tokens[p] for p in words]):
        return False  # words the text also writes in lower case are common words, no
        # romanised name's
    if len(words) == 1 and not _may_be_a_place(
        scan,
        words[0],
        _COMMON_NAME_RANK if in_countries or called or (after_in and not countries) else None,
    ):
        return False  # after "in" in a text that names no country, only a common name
        # reads as a person ("in Hassan's"); with countries named, a town outside them
        # must read as no name at all
    if in_countries:
        # a city of some size near the text's places stays a reading: "Quamishli", near the
        # Turkish border, is Syria's Qamishli, not a village of Turkey
        match.candidates = [
            c
            for c in match.candidates
            if c.country_code in countries
            or (c.importance >= _TELLING_IMPORTANCE and _near_an_anchor(scan, c))
        ]
        return True
    if countries and scan.anchors:
        # "Dar Saad district of Aden": no Deir el Asad of Israel in a text about Yemen; and a
        # neighbour's town needs a spelling near its name ("al-Shoula" by Deir ez-Zor is no
        # Al Hillah of Iraq)
        near = [
            c
            for c in match.candidates
            if _near_an_anchor(scan, c)
            and spelling_distance(match.text, c.name) <= _NEIGHBOUR_SPELLING
        ]
        if not near:
            return False
        match.candidates = near
    elif scan.town_anchors:
        # the text names no romanised country but places elsewhere: a variant is one of
        # their region's only ("a woman in Koyra", in a story from Bangladesh, is no Cairo)
        near = [c for c in match.candidates if _near_an_anchor(scan, c, scan.town_anchors)]
        if not near:
            return False
        match.candidates = near
    if len(words) >= 2 and not variant.person_like:
        first = scan.tokens[words[0]].text
        if scan.people.given_rank(first) is None:  # "Yousuf Raza" may be a person
            return True
    if (
        called
        and not countries
        and (not _after_the(scan, match) or _CAMP_AFTER.match(scan.text, match.end))
    ):
        return True  # "Efrin city", "the town of Efrin"; not a town abroad ("Al-Jineh
        # village (Atareb, Aleppo)" is no Jounieh of Lebanon), nor "the Karoo region"
    return after_in and (
        len(words) >= 2 or match.candidates[0].importance >= _LONE_VARIANT_IMPORTANCE
    )


# A variant in a romanised country the text does not name is taken only this near one of
# its telling names: a neighbour's town (Turkey's, in a report from Syria), not one abroad.
_VARIANT_REACH_KM = 1000.0
# ... and only spelt this near its name (0 the same letters, 1 none shared; 0.2 to 0.35
# give the same figures on every measure, 0.4 lets "al-Shoula" be Iran's Shal).
_NEIGHBOUR_SPELLING = 0.35


def _near_an_anchor(
    scan: _Scan, candidate: Candidate, anchors: Sequence[tuple[float, float]] | None = None
) -> bool:
    return any(
        great_circle_km(lat, lon, candidate.lat, candidate.lon) <= _VARIANT_REACH_KM
        for lat, lon in (scan.anchors if anchors is None else anchors)
    )


def _telling(candidate: Candidate) -> bool:
    """A reading that says where the text is: a country, or a place of some size."""
    return candidate.feature_class == FeatureClass.COUNTRY or (
        candidate.importance >= _TELLING_IMPORTANCE
    )


def _add_exact_reading(scan: _Scan, variant: _Variant, matches: list[Match]) -> None:
    """A variant not taken: the exact match it would have replaced, and any exact match in
    the rest of its words ("My Soul" is not Mosul; "Soul" is scanned as usual)."""
    position = variant.match.first_token
    if variant.exact is not None:
        if not _opens_a_longer_arabic_name(scan, variant.exact):  # "Ain al-Asad": no Ain
            _add(scan, variant.exact, matches)
        position = variant.exact.last_token + 1
    while position <= variant.match.last_token:
        match = None
        if scan.capitalised[position]:
            match = _longest_match(scan, position)
        if match is None or match.last_token > variant.match.last_token:
            position += 1
            continue
        _add(scan, match, matches)
        position = match.last_token + 1


def countries_named(matches: Sequence[Match]) -> set[str]:
    """The countries the matches name, or name a place of some size in: those whose
    romanisation variants recognition reads."""
    return set(_country_counts(matches))


def _country_counts(matches: Sequence[Match]) -> Counter[str]:
    """How often the text names each country ("Syria", "Yemeni") or a place of some size
    that a name most likely means there ("Aleppo")."""
    counts: Counter[str] = Counter()
    for match in matches:
        if not match.candidates or match.kind == MentionKind.ORGANISATION:
            continue
        best = match.candidates[0]
        if best.country_code and (
            best.feature_class == FeatureClass.COUNTRY or best.importance >= _TELLING_IMPORTANCE
        ):
            counts[best.country_code] += 1
    return counts


class _HomeGroup(NamedTuple):
    start: int
    end: int
    country: str


def _armed_groups_at_home(scan: _Scan) -> list[_HomeGroup]:
    """Where the text names an armed group of one country, and that country ("Houthi
    forces", "Boko Haram"): written as the actor analysis reads them, case as written."""
    homes: list[_HomeGroup] = []
    if not any(_HOME_GROUP_WORDS.possible(scan.text)):
        return homes
    for found in _HOME_GROUP.finditer(scan.text):
        row = _HOME_GROUP_ROWS[int(str(found.lastgroup)[1:])]
        homes.append(_HomeGroup(found.start(), found.end(), str(row.country)))
    return homes


def _home_country_context(scan: _Scan, homes: Sequence[_HomeGroup]) -> Iterator[Match]:
    """A group's home country as evidence of where the text is, not a place it names: "Houthi
    forces shelled Hays" is a report from Yemen as much as one naming Sanaa would be."""
    for home in homes:
        country = scan.index.country(home.country)
        if country is not None:
            yield Match(
                home.start, home.end, scan.text[home.start : home.end], normalize(country.name),
                MentionKind.DEMONYM, [country], first_token=-1, last_token=-1,
                notes=["names an armed group of this country"], context_only=True,
            )  # fmt: skip


def _may_be_a_place(scan: _Scan, position: int, name_rank: int | None) -> bool:
    """The one word of a variant reads as no person (a given name or surname ranked up to
    ``name_rank``; any, if None), common word, sentence opener or part of a longer name
    ("Sub-Saharan", "Egyptian Cup", "the Senate")."""
    token = _strip_possessive(scan.tokens[position])
    word = normalize(token.text)
    given = scan.people.given_rank(token.text)
    surname = scan.people.surname_rank(token.text)
    before = scan.tokens[position - 1] if position > 0 else None
    after = scan.tokens[position + 1] if position + 1 < len(scan.tokens) else None
    return not (
        len(word) < _LONE_VARIANT_LETTERS
        or word.endswith(_ENGLISH_ENDINGS)
        or (
            before is not None
            and before.text.lower() in _BEFORE_NO_VARIANT
            and not _PLACE_NOUN_AFTER.match(scan.text, token.end)  # "the Makhmour camp"
        )
        or (
            before is not None
            and before.capitalised
            and _joins(scan.text, before, token)
            and normalize(before.text) not in _ARABIC_ARTICLES  # "Al-Atareb" is one name
        )
        or (
            after is not None
            and after.capitalised
            and _joins(scan.text, token, after)
            and normalize(after.text) not in _PLACE_NOUNS  # "al-Bokamal City" calls it a place
        )
        or word in scan.surnames
        or word in scan.diseases
        or names_armed_group(word)
        or token.text.lower() in scan.lower_words
        or token.all_caps
        or (given is not None and (name_rank is None or given <= name_rank))
        or (surname is not None and (name_rank is None or surname <= name_rank))
        or (_opens_sentence(scan, position) and not _opens_an_admin_chain(scan, token))
        or (_next_word_after(scan, position) != "" and _speaks(scan, position + 1))
    )


# "Chibayish (Chibayish, Dhi-Qar)": a location, then its admin areas in parentheses
_ADMIN_CHAIN_AFTER = re.compile(r"\s\((?:[^(),\n]{1,40},\s*){1,3}[^(),\n]{1,40}\)")


def _before_its_admin_chain(scan: _Scan, match: Match) -> bool:
    return _ADMIN_CHAIN_AFTER.match(scan.text, match.end) is not None


def _opens_an_admin_chain(scan: _Scan, token: Token) -> bool:
    """ "Al-Jineh village (Atareb, Aleppo)": a name opening ACLED's admin areas opens no
    sentence."""
    return admin_chain.opens(scan.text, token.start, token.end)


def _closes_an_admin_chain(scan: _Scan, match: Match) -> bool:
    """ "Raydah (Raydah, Amran)": the province that closes ACLED's admin areas is a place,
    whatever person shares its name (a district that opens them may be one the gazetteer
    lacks, its name a village's far away: "(Taji, Baghdad)")."""
    start, end = scan.tokens[match.first_token].start, scan.tokens[match.last_token].end
    return admin_chain.closes(scan.text, start, end)


def _next_word_after(scan: _Scan, position: int) -> str:
    following = position + 1
    if following >= len(scan.tokens):
        return ""
    token = scan.tokens[following]
    if scan.text[scan.tokens[position].end : token.start].strip(" ,"):
        return ""
    return token.text.lower()


def _article_before(text: str, token: Token, start: int) -> bool:
    """``token`` is an Arabic article that opens the name at ``start``: "al-Bab", "as-Safira",
    "al Bab" (with a space only the articles that are no English word: not "as Safira")."""
    gap = text[token.end : start]
    word = token.text.lower()
    if gap in _HYPHENS:
        return word in _ARABIC_ARTICLES
    return gap == " " and word in _SPACED_ARTICLES


def _after_lower_case_article(scan: _Scan, match: Match) -> None:
    """ "the al Malaqa road": a name after a lower-case Arabic article is an Arabic name, so
    only places of the romanised countries can be meant (not Malaga, whose Arabic name is
    an alternate); failing those, the variants of the name with its article."""
    if match.first_token == 0:
        return
    before = scan.tokens[match.first_token - 1]
    if before.capitalised or not _article_before(scan.text, before, match.start):
        return
    match.start = before.start  # the article belongs to the name: "al-Hawl" is one name
    match.text = scan.text[match.start : match.end]
    kept = [c for c in match.candidates if c.country_code in LOOSE_SCOPE | {None}]
    if kept:
        match.candidates = kept
        return
    key = variant_key(match.text)
    match.candidates = [] if key is None else scan.index.candidates_for_key(key)
    if not match.candidates:
        match.notes.append("an Arabic name the gazetteer does not know")


def _disease_names(text: str) -> set[str]:
    """Keys of every name the text uses for an illness ("Ebola" in "Ebola virus")."""
    names: set[str] = set()
    if not any(hint in text for hint in _ILLNESS_HINTS):
        return names
    for found in _DISEASE_WORDS.finditer(text):
        words = found.group(1).split()
        names.update(normalize(" ".join(words[i:])) for i in range(len(words)))
    return names


def _weapon_names(text: str) -> set[str]:
    """Keys of the one-word names the text gives a weapon ("Tomahawk" in "Tomahawk
    missiles")."""
    if not any(hint in text for hint in _WEAPON_HINTS):
        return set()
    return {normalize(found.group(1)) for found in _WEAPON_WORDS.finditer(text)}


def _block_addresses(scan: _Scan) -> None:
    """Mark the tokens of web and mail addresses as not places."""
    text = scan.text
    if _ADDRESS_HINT.search(text) is None:  # most texts: one fast pass instead of the full one
        return
    start_of = itemgetter(0)  # Token.start: no list of every token's start to search
    for found in _ADDRESS.finditer(text):
        first = bisect.bisect_left(scan.tokens, found.start(), key=start_of)
        last = bisect.bisect_left(scan.tokens, found.end(), key=start_of)
        scan.blocked.update(range(first, last))


# -- people --------------------------------------------------------------------------------
def _capitalised_runs(scan: _Scan) -> Iterator[tuple[int, int]]:
    """First and last index of each run of capitalised words one space apart, or joined by
    an article's hyphen: "Ras Al-Ain", "Mohammed Al-Sudani" are one run, not "Ras Al" (a
    given name and a surname) and a place "Al-Ain"."""
    tokens, text, capitalised = scan.tokens, scan.text, scan.capitalised
    j = -1
    for i in compress(range(len(tokens)), capitalised):
        if i <= j:
            continue  # inside the run just given
        j = i
        while (
            j + 1 < len(tokens)
            and capitalised[j + 1]
            and (
                text[tokens[j].end : tokens[j + 1].start] == " "
                or (j > i and _hyphened_article(scan, tokens[j]))
            )
        ):
            j += 1
        yield i, j


def _block_people(scan: _Scan) -> None:
    """Mark tokens of personal names ("Joseph Dunford", "President Assad") as not places."""
    tokens, is_title = scan.tokens, scan.people.is_title  # every capitalised word: no wrapper
    for first, last in _capitalised_runs(scan):
        while first <= last and (
            tokens[first].text in _ARTICLES or tokens[first].text.lower() in _OPENERS
        ):
            # "The U.S. Treasury", "On Madeira": "The" and "On" are ranked as given names
            # somewhere
            first += 1
        # "Mansfield Mayor Curtis McCoy", "Fargo Police Chief Dave Todd": a title inside the run
        # opens the person's name; the words before it say whose office, no name of theirs
        first = _after_an_inner_title(scan, first, last)
        start = first
        while start <= last and is_title(tokens[start].text):
            start += 1
        if start > last:
            continue
        titled = start > first or (
            first > 0
            and is_title(tokens[first - 1].text)
            # "said a packhouse manager. Japan is": a title ends no sentence before its name
            and scan.text[tokens[first - 1].end : tokens[first].start] == " "
        )
        if start > first and scan.index.has_key(
            normalize(scan.text[tokens[first].start : _strip_possessive(tokens[last]).end])
        ):
            continue  # a place's name that opens with a title's word: "DR Congo"
        run = scan.tokens[start : last + 1]
        if titled or (len(run) >= 2 and _looks_like_full_name(scan, run)):
            # A line in title case capitalises every word: above a story, what reads there as
            # a name is one only if the story names it too ("Kerry Edge Dublin in All-Ireland
            # Semi-Final Thriller" had made every later "Dublin" a surname; "Denzel
            # Washington Wins Award" is a person's); alone, the line may be a name ("Paris
            # Hilton Flies to Paris"), but its words are no surnames for other lines
            in_title_case_line = not titled and _in_a_title_case_line(scan, run[0].start)
            if (
                in_title_case_line
                and _a_story_follows(scan.text, run[0].start)
                and scan.text.count(scan.text[run[0].start : run[1].end]) < 2
            ):
                continue
            scan.blocked.update(range(start, last + 1))
            if not in_title_case_line:
                scan.surnames.add(normalize(_strip_possessive(run[-1]).text))
            if not titled and len(run) >= 2:
                scan.person_like.append((start, last))  # or "Ras Al Ain": see _settle
    _block_names_with_an_initial(scan)


def _a_story_follows(text: str, at: int) -> bool:
    """Whether the line holding ``at`` has more text after it."""
    end = text.find("\n", at)
    return end >= 0 and bool(text[end:].strip())


def _after_an_inner_title(scan: _Scan, first: int, last: int) -> int:
    """Where the person's part of a capitalised run begins: at the first title after its
    first word that has a name after it ("Mansfield Mayor Curtis McCoy"), else its start."""
    for position in range(first + 1, last):
        if scan.people.is_title(scan.tokens[position].text):
            return position
    return first


# "St. Patrick's Day", "St. George's Day": a saint's day, no place.
_FEAST_DAYS = ("'s Day", "’s Day")
# "John A. Stewart", "Tyrise M. Bell": a middle initial makes a person's name, whether or not
# the lexicon knows the given name.
# (The initial alone, a literal space first: the scan fails at once almost everywhere.)
_AN_INITIAL = re.compile(r" [A-Z]\. ")


def _block_names_with_an_initial(scan: _Scan) -> None:
    tokens = scan.tokens
    start_of = itemgetter(0)  # Token.start
    for found in _AN_INITIAL.finditer(scan.text):
        initial = bisect.bisect_left(tokens, found.start() + 1, key=start_of)
        first, last = initial - 1, initial + 1
        if (
            first < 0
            or last >= len(tokens)
            or not tokens[first].text[-1:].islower()  # "Tyrise M. Bell", not "U.S. A. Smith"
            or scan.text[tokens[first].end : tokens[initial].start] != " "  # "County, W. Va."
            or not tokens[first].capitalised
            or not tokens[last].capitalised
            or not tokens[last].text[1:2].islower()
        ):
            continue
        scan.blocked.update(range(first, last + 1))
        scan.surnames.add(normalize(_strip_possessive(tokens[last]).text))


def _looks_like_full_name(scan: _Scan, run: Sequence[Token]) -> bool:
    ending = normalize(run[-1].text)
    if ending in ORGANISATION_HEADS or ending in _NO_SURNAME_ENDINGS or len(run) > 4:
        return False  # "Homs City", "Hudson River": a place noun is no surname
    if normalize(run[0].text) in _NO_GIVEN_NAME_HEADS:
        return False  # "River Shannon", "Lake Erie"
    if any(token.all_caps for token in run[1:]):
        return False  # "April U.S. strikes": an abbreviation is no surname
    if any(_strip_possessive(token) is not token for token in run[:-1]):
        return False  # "Western Australia's Pilbara": a possessive ends a name
    if _hyphened_article(scan, run[0]):
        return False  # "Al-Atareb": an article joined to its name, as no "Al" is to a surname
    given = scan.people.given_rank(run[0].text)
    if given is None or given > 2000:
        return False
    # the whole without its possessive: "New York's mayor", "Tamil Nadu's cluster" (New and
    # Tamil are given names) are places
    whole = normalize(scan.text[run[0].start : _strip_possessive(run[-1]).end])
    if scan.index.has_key(whole):
        return False
    last = _strip_possessive(run[-1]).text
    if any(c.importance >= 6.0 for c in scan.index.candidates_for_key(normalize(last))):
        return scan.people.surname_rank(last) is not None
    if any(c.importance >= 6.0 for c in scan.index.candidates_for_key(normalize(run[0].text))):
        # "Baghdad Shi'ite districts": a great city's name before no surname is the city
        return scan.people.surname_rank(last) is not None
    return True


# -- matching ------------------------------------------------------------------------------
def _longest_match(scan: _Scan, first: int) -> Match | None:
    tokens, text, index = scan.tokens, scan.text, scan.index
    head = tokens[first]
    if not head.capitalised or first in scan.blocked or head.text in _ARTICLES:
        return None
    prefix_classes = _GENERIC_PREFIXES.get(head.text.lower())
    if prefix_classes is not None:  # "River Shannon" (a rare head: tested first)
        prefixed = _after_generic_word(scan, first, prefix_classes)
        if prefixed is not None:
            return prefixed
    if index.opens_nothing(head.text) and (
        first + 1 >= len(tokens) or text[head.end : tokens[first + 1].start] != "."
    ):
        return None
    best: Match | None = None
    for last in range(first, min(first + MAX_NAME_TOKENS, len(tokens))):
        token = tokens[last]
        if last > first:
            if not _joins(text, tokens[last - 1], token) or last in scan.blocked:
                break
            if not token.capitalised and token.text.lower() not in CONNECTORS:
                break
        raw_key = normalize(text[head.start : token.end])
        if token.capitalised:
            ending = _strip_possessive(token)
            if ending is not token and last > first and index.has_key(raw_key):
                ending = token  # "St. John's" is the name, no possessive of St. John
            key = raw_key if ending is token else normalize(text[head.start : ending.end])
            if index.has_key(key):
                best = Match(
                    start=head.start,
                    end=ending.end,
                    text=text[head.start : ending.end],
                    key=key,
                    kind=MentionKind.TOPONYM,
                    candidates=[],
                    first_token=first,
                    last_token=last,
                )
        if not index.has_prefix(raw_key + " "):
            # Only a dot-joined abbreviation ("W.Va") continues a key without a space.
            following = last + 1
            if following >= len(tokens) or text[token.end : tokens[following].start] != ".":
                break
            if not index.has_prefix(raw_key):
                break
    if best is not None:
        best.candidates = index.candidates_for_key(best.key)
        if best.last_token > first:
            _add_readings_without_generic_word(scan, best)
        _extend_over_generic_word(scan, best)
        _include_abbreviation_dot(text, best)
    return best


def _after_generic_word(scan: _Scan, first: int, classes: frozenset[FeatureClass]) -> Match | None:
    """ "River Shannon": the generic word and the name after it, read as the name's readings
    of the word's classes (none if it has none)."""
    tokens = scan.tokens
    if first + 1 >= len(tokens):
        return None
    if scan.text[tokens[first].end : tokens[first + 1].start] != " ":
        return None
    name = _longest_match(scan, first + 1)
    if name is None:
        return None
    fitting = [c for c in name.candidates if c.feature_class in classes]
    if not fitting:
        return None
    start = tokens[first].start
    return Match(
        start=start,
        end=name.end,
        text=scan.text[start : name.end],
        key=normalize(scan.text[start : name.end]),
        kind=MentionKind.TOPONYM,
        candidates=fitting,
        first_token=first,
        last_token=name.last_token,
    )


def _add_readings_without_generic_word(scan: _Scan, match: Match) -> None:
    """ "Dublin City" is an alternate name of Dublin, Ireland only; every Dublin that is a city
    is a reading of it too (a name whose own name it is, "Kansas City", keeps it alone)."""
    *words, ending = match.key.split()
    classes = _GENERIC_SUFFIXES.get(ending)
    if classes is None or any(
        c.name_kind == NameKind.NAME and c.feature_class in classes for c in match.candidates
    ):
        return
    known = {c.position for c in match.candidates}
    shorter = scan.index.candidates_for_key(" ".join(words))
    match.candidates = sorted(
        [
            *match.candidates,
            *(c for c in shorter if c.feature_class in classes and c.position not in known),
        ],
        key=lambda c: (-c.importance, c.name_kind, c.position),
    )


def _extend_over_generic_word(scan: _Scan, match: Match) -> None:
    """Take "River" into "Euphrates River" when the name has a river among its candidates."""
    following = match.last_token + 1
    if following >= len(scan.tokens) or following in scan.blocked:
        return
    token = _strip_possessive(scan.tokens[following])
    classes = _GENERIC_SUFFIXES.get(token.text.lower())
    if classes is None or not token.capitalised or scan.text[match.end : token.start] != " ":
        return
    fitting = [c for c in match.candidates if c.feature_class in classes]
    if not fitting:
        return
    match.end = token.end
    match.text = scan.text[match.start : token.end]
    match.key = normalize(match.text)
    match.last_token = following
    match.candidates = fitting


def _name_kinds(match: Match) -> set[NameKind]:
    return {candidate.name_kind for candidate in match.candidates}


def _keep(scan: _Scan, match: Match) -> bool:
    """Rules that drop a span: abbreviations not in capitals, common words, people."""
    tokens = scan.tokens[match.first_token : match.last_token + 1]
    kinds = _name_kinds(match)
    if NameKind.ABBREVIATION in kinds:
        if _in_capitals(match.text):  # "UAE", "US's": only the abbreviation's senses
            match.candidates = [c for c in match.candidates if c.name_kind == NameKind.ABBREVIATION]
            return True
        if not written_as_abbreviation(match.text):
            # "Us and them": the abbreviation's senses do not apply, other senses may.
            match.candidates = [c for c in match.candidates if c.name_kind != NameKind.ABBREVIATION]
            if not match.candidates:
                return False
    if _ARMED_GROUP.fullmatch(match.text) and not _after_place_preposition(scan, match.first_token):
        match.notes.append("names an armed group")  # "Al-Shabab", not the Iranian town
        return False
    if len(tokens) > 1:
        return not _common_words_in_a_headline(scan, match, tokens)
    head = tokens[0].start  # a lower-case article before it may have joined the span
    if _NAME_THEN_ARTICLE.search(scan.text, max(0, head - 40), head):
        match.notes.append("ends a name with an Arabic article ('Daraa al-Balad')")
        return False
    return _keep_single_word(scan, match, tokens[0])


def _common_words_in_a_headline(scan: _Scan, match: Match, tokens: Sequence[Token]) -> bool:
    """ "In Mexico, Maine, a Mill Town Bets on Trails": a title-case line capitalises common
    words the story writes in lower case ("the paper mill", "the town"), which are no name
    unless the story writes them as one too, or a place bears them as its own name ("Near
    High Point School" though the story writes "a high school" and "at one point")."""
    return (
        _written_in_lower_case(scan, tokens)
        and not any(c.name_kind == NameKind.NAME for c in match.candidates)
        and max(c.importance for c in match.candidates) < _STRONG_IMPORTANCE
        and scan.text.count(match.text) == 1
        and _in_a_title_case_line(scan, match.start)
    )


def _written_in_lower_case(scan: _Scan, tokens: Sequence[Token]) -> bool:
    """Whether the text writes every one of these words in lower case somewhere."""
    return all(token.text.lower() in scan.lower_words for token in tokens)


def _an_area_named_by_its_side(scan: _Scan, match: Match, token: Token) -> bool:
    """ "Tripoli (Tripoli, North)", "Saida, South governorate": ACLED's notation, and local
    copy before an area's word, name a first-order area by the side of its country it lies
    on; only the areas so named are then the word's readings."""
    if match.key not in _SIDES or not (
        admin_chain.closes(scan.text, token.start, token.end)
        or _AREA_WORD_AFTER.match(scan.text, token.end)
    ):
        return False
    areas = [c for c in match.candidates if c.feature_class == FeatureClass.ADMIN1]
    if areas:
        match.candidates = areas
        match.by_side = True
        match.notes.append("names the area on that side of its country")
    return bool(areas)


def _names_a_language(scan: _Scan, match: Match) -> bool:
    """ "printed in English, Arabic and French", "she studied French at Ibadan",
    "French-speaking regions": a people's adjective that names its language, not the place."""
    tokens, text = scan.tokens, scan.text
    following, first = match.last_token + 1, match.first_token
    if not (
        match.start < scan.last_language_end
        or (first > 0 and tokens[first - 1].text.lower() in _LANGUAGE_BEFORE)
        or (
            following < len(tokens)
            and tokens[following].text.lower() in _LANGUAGE_AFTER_OR_AS
        )
    ):
        return False  # most names: the cheap tests first
    if not any(c.name_kind == NameKind.DEMONYM for c in match.candidates):
        return False
    if match.start < scan.last_language_end:
        return True  # listed with a language: "in English, Arabic, French and Swahili"
    if _AS_A_LANGUAGE.match(text, match.end):
        return True
    if (
        following < len(tokens)
        and text[match.end : tokens[following].start] in (" ", "-")
        and tokens[following].text.lower() in _LANGUAGE_AFTER
    ):
        return True
    if first == 0 or tokens[first - 1].text.lower() not in _LANGUAGE_BEFORE:
        return False
    if text[tokens[first - 1].end : match.start] != " ":
        return False
    after, end = _after_the_list(scan, match.last_token)
    if after is not None:
        gap = text[end : after.start]
        if gap.startswith("-"):
            return False  # "in Indian-administered Kashmir", "Russian-American art"
        if not gap.strip() and after.text.lower() not in _LANGUAGE_BETWEEN:
            return False  # "in Russian and Ukrainian cities": adjectives of a noun
    scan.last_language_end = end
    return True


def _after_the_list(scan: _Scan, last: int) -> tuple[Token | None, int]:
    """The token after the list a name opens ("English, Arabic, French and Swahili"), or
    None at the text's end, and where the list ends."""
    tokens, text = scan.tokens, scan.text
    end, position = tokens[last].end, last + 1
    while position < len(tokens):
        token, gap = tokens[position], text[end : tokens[position].start]
        if token.capitalised and gap.strip() == ",":
            end, position = token.end, position + 1
            continue
        joined = position + 1 < len(tokens) and tokens[position + 1].capitalised
        if token.text in ("and", "or") and gap.strip() in ("", ",") and joined:
            following = tokens[position + 1]
            if text[token.end : following.start] == " ":
                end, position = following.end, position + 2
                continue
        break
    return (tokens[position] if position < len(tokens) else None), end


def _names_a_currency(scan: _Scan, match: Match) -> bool:
    """ "US dollar", "Syrian pound", "Lebanese lira": a country's name or demonym before a
    currency word names the money, not the place."""
    following = match.last_token + 1
    if following >= len(scan.tokens):
        return False
    token = scan.tokens[following]
    gap = scan.text[match.end : token.start]
    return (gap == " " or gap == "-") and token.text.lower() in _CURRENCIES


def _in_capitals(surface: str) -> bool:
    """Two or more letters, all upper case: "UAE", "US", "W.VA"."""
    letters = [ch for ch in surface if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def written_as_abbreviation(surface: str) -> bool:
    """In capitals ("UAE"), or with full stops ("U.S.", "Calif.", "W.Va.") - not "Us"."""
    return "." in surface or _in_capitals(surface)


# "Daraa al-Balad", "Riad al-Solh": an Arabic article joins two capitalised words into one
# name, so a part of a name the gazetteer does not know is no place of its own.
# The article with its hyphen ("al-", "al- " as some copy spaces it) or, for those that are
# no English word, a space ("Abu al Duhur").
_ARABIC_ARTICLE = (
    rf"(?:{alternation(_WORDS.arabic.articles)}- ?|{alternation(_WORDS.arabic.spaced)} )"
)
_ARTICLE_THEN_NAME = re.compile(rf" {_ARABIC_ARTICLE}[A-Z]")
# A headline in title case ("Taliban Key Commander Killed in Laghman Clash") capitalises
# nearly every word of four letters or more: its capitals say nothing of names.
_LONG_WORD = re.compile(r"\b[^\W\d_]{4,}")
_TITLE_CASE_WORDS = 3
# a possessive is no part of the name ("Syria's al-Raqqa", "the UN's al-Hol camp"), though
# "Ra's" ("cape") is
_NAME_THEN_ARTICLE = re.compile(rf"(?:Ra's|[A-Z][\w'-]*(?<!['’][sS])) {_ARABIC_ARTICLE}$")


def _embedded_in_name(scan: _Scan, match: Match) -> bool:
    """True when capitalised words the match does not cover sit right beside it."""
    tokens, text = scan.tokens, scan.text
    if _ARTICLE_THEN_NAME.match(text, match.end):
        return True
    before, after = match.first_token - 1, match.last_token + 1
    if before >= 0:
        left = tokens[before]
        if (
            left.capitalised
            and text[left.end : tokens[match.first_token].start] == " "
            and not left.text.endswith(_POSSESSIVE_ENDINGS)  # "Syria's Idlib province"
            and not _sentence_initial(text, left)
            and not scan.people.is_title(left.text)
            and left.text not in _ARTICLES  # "in The Hague": the article, no word of a name
        ):
            return True
    if after < len(tokens):
        right = tokens[after]
        if right.capitalised and text[match.end : right.start] == " ":
            return not _place_noun_ends_the_run(scan, after)
    return False


def _in_a_title_case_line(scan: _Scan, at: int) -> bool:
    """:func:`in_title_case`, once per line of the text (a story may be one long line)."""
    line = scan.text.rfind("\n", 0, at) + 1
    found = scan.title_case_lines.get(line)
    if found is None:
        found = scan.title_case_lines[line] = in_title_case(scan.text, at)
    return found


def in_title_case(text: str, at: int) -> bool:
    """Whether the line holding ``at`` is a headline in title case: three in four of its
    words of four letters or more capitalised (at least three of them)."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    if end - start > _HEADLINE_LINE:
        return False  # a paragraph, however many capitals it has
    words = _LONG_WORD.findall(text, start, end)
    capitalised = sum(word[0].isupper() for word in words)
    return len(words) >= _TITLE_CASE_WORDS and 4 * capitalised >= 3 * len(words)


_HEADLINE_LINE = 400  # characters: a longer line is no headline


def _place_noun_ends_the_run(scan: _Scan, position: int) -> bool:
    """ "in Daraa City", "Homs Countryside": a capitalised place noun closes the name; "Huntsville
    City Schools" goes on into an organisation's."""
    tokens = scan.tokens
    if tokens[position].text.lower() not in _PLACE_NOUNS:
        return False
    following = position + 1
    return following >= len(tokens) or not (
        tokens[following].capitalised and _joins(scan.text, tokens[position], tokens[following])
    )


# A lower-case "the" and a capitalised word right after a sentence's first word: the word
# is a verb ("Save the Children said", "Stop the War Coalition"), not a town a sentence opens
# with, which a comma, a verb or a preposition follows
_THE_NAME_AFTER = re.compile(r" the [A-Z]")


def _keep_single_word(scan: _Scan, match: Match, token: Token) -> bool:
    """Whether a one-word name is kept as read; then whether a reading is left once a river's
    is taken from a bare word the text never names as one."""
    if not _keep_single_word_as_read(scan, match, token):
        return False
    if any(
        c.feature_class == FeatureClass.RIVER and c.importance < _GREAT_RIVER_PRIOR
        for c in match.candidates
    ) and not _named_as_a_river(scan, match):
        match.candidates = [
            c
            for c in match.candidates
            if c.feature_class != FeatureClass.RIVER or c.importance >= _GREAT_RIVER_PRIOR
        ]
        if all(c.name_kind in _OTHER_NAMES for c in match.candidates):
            # "Trent flood defences" is no Trento by the English name of the city
            match.notes.append("a river's name with no 'the' before it ('Wind farm developers')")
            return False
    return True


def _keep_single_word_as_read(scan: _Scan, match: Match, token: Token) -> bool:
    word = match.key
    best = match.candidates[0] if match.candidates else None
    if best is None or len(word) < 2 or _CONTRACTION.search(token.text):
        return False
    if word in scan.diseases:
        match.notes.append("names an illness in this text")
        return False
    if word in scan.weapons and best.importance < _WEAPON_NAME_PRIOR:
        match.notes.append("names a weapon in this text ('Tomahawk missiles')")
        return False
    if scan.text.startswith(_FEAST_DAYS, match.end):
        match.notes.append("names a feast day ('St. Patrick's Day')")
        return False
    if word in _ARABIC_ARTICLES:
        match.notes.append("a lone Arabic article ('Ar' of 'Ar-Raqqa')")
        return False
    if token.all_caps and _opens_a_dateline(scan, match):
        return True  # "LISTOWEL, County Kerry —", "GOMA, Democratic Republic of Congo —"
    if (
        _people_of_it_after(scan, match)
        and word not in scan.surnames
        # "One man", "Many residents": a sentence's first word, a town only if of some size
        # and no common word
        and (
            not _opens_sentence(scan, match.first_token)
            or (best.importance >= 4.0 and word not in NEVER_ALONE)
        )
    ):
        return True  # "a Concord resident", "Williston man, 87, killed": the people of a place
    strong = (
        best.feature_class in (FeatureClass.COUNTRY, FeatureClass.CONTINENT)
        or best.importance >= _STRONG_IMPORTANCE
    )
    if (
        not strong
        and best.feature_class != FeatureClass.ADMIN1
        and best.importance < 6.0
        and _embedded_in_name(scan, match)
        # "Killed in Laghman Clash": a title-cased headline capitalises every word
        and not (
            _after_place_preposition(scan, match.first_token)
            and _in_a_title_case_line(scan, match.start)
        )
        and not _before_an_office(scan, match)  # "Fargo Mayor Dennis Walaker": whose office
    ):
        return False
    if (
        word in NEVER_ALONE
        # a large place keeps its own name ("Union" is none); not another tongue's ("Island"
        # is Iceland's in Icelandic, "Delft Island" in a headline no Iceland)
        and (not strong or best.name_kind != NameKind.NAME)
        and not _an_area_named_by_its_side(scan, match, token)
        and not _qualified_by_a_state(scan, match)  # "Mobile, Alabama", "Reading, Pa."
    ):
        return False
    if names_armed_group(word) and (
        not _after_place_preposition(scan, match.first_token)
        or _next_word(scan, match).lower() in _GROUP_NOUNS
    ):
        match.notes.append("names an armed group")  # "Taliban fighters", not the Turkish village
        return False
    if (
        not strong
        and best.importance < _TELLING_IMPORTANCE
        and word.endswith(_NOUN_ENDINGS)
        and not _said_to_be_a_place(scan, match)
    ):
        match.notes.append("an English abstract noun ('Liberation'), not said to be a place")
        return False
    if word in scan.surnames and not (
        # "FC Sheriff Tiraspol" names no person, and "apartment blocks in Tiraspol" a place
        best.importance >= _SURNAME_TOWN_IMPORTANCE
        and _after_place_preposition(scan, match.first_token)
        and not token.text.endswith(_POSSESSIVE_ENDINGS)
    ):
        match.notes.append("surname of a person named in the text")
        return False
    if not strong and word in scan.lower_words:
        return False
    if (
        not strong
        and token.all_caps
        and len(token.text) <= 4
        and best.name_kind != NameKind.ABBREVIATION
    ):
        return False  # "NATO", "CNN", "ISIS": acronyms, not small towns
    if (
        not strong
        and _next_token_text(scan, match) in _PERSON_NOUNS
        and scan.people.surname_rank(token.text) is not None
    ):
        match.notes.append("a surname before a noun of a person's ('the Obama administration')")
        return False
    if (
        not strong
        and _followed_by_person_verb(scan, match)
        and not _listed_after_a_place(scan, match)  # "growers in Jaen and Granada say"
    ):
        surname = scan.people.surname_rank(token.text)
        if surname is not None or best.importance < 5.0:
            return False
    if (
        not strong
        and _opens_sentence(scan, match.first_token)
        and _THE_NAME_AFTER.match(scan.text, match.end)
    ):
        match.notes.append("a verb opening a sentence or a name ('Save the Children said')")
        return False
    if (
        not strong
        and _opens_sentence(scan, match.first_token)
        and not _opens_an_admin_chain(scan, token)
        and scan.people.surname_rank(token.text) is None
    ):
        # "Farmers reported...": a plural noun of people, whatever town bears it
        return best.importance >= 4.0 and not (
            word.lower().endswith(_PEOPLE_ENDINGS)
            and best.importance < _PEOPLE_WORD_PRIOR  # Poitiers, Angers are towns of note
            and not _said_to_be_a_place(scan, match)
        )
    surname = scan.people.surname_rank(token.text)
    common_surname = surname is not None and surname <= 3000
    kept = (
        strong
        or not common_surname
        or best.importance >= 5.0
        or (
            (
                _after_place_preposition(scan, match.first_token)
                or _after_word_in(scan, match.first_token, _PLACE_VERBS)  # "shelled Afrin"
            )
            and not token.text.endswith(_POSSESSIVE_ENDINGS)  # "in Johnson's speech"
        )
        or _called_a_place(scan, match)  # "the town of Afrin"
        or _qualified_by_a_state(scan, match)  # "Gary, Indiana"
        or _listed_after_a_place(scan, match)  # "hospitals in Limerick and Galway"
        or _listed_before_a_large_place(scan, match)  # "trains to Tartu and Tallinn"
        or _closes_an_admin_chain(scan, match)  # "Raydah (Raydah, Amran)"
        or _before_an_office(scan, match)  # "Fargo Mayor Dennis Walaker"
    )
    if not kept and surname is not None and surname > _COMMON_NAME_RANK:
        scan.surname_like.append(match)  # "Afrin" (a surname too): _readmit_in_named_countries
    return kept


# English names a river with "the" ("the Oconee", "the lower Oconee", "the Tigris and
# Euphrates", "Iraq's Euphrates") or its generic word ("Platte River"): a bare word the text
# never so names is no river ("Wind farm developers", "Moose started", "to combat Ebola"),
# unless a headline's title case capitalises it ("Douro Bridge Opens") or a preposition of
# place puts something at it ("in Karamea": the town at its mouth). Once so named, it may
# stand bare ("Tamar silt builds up ... the Tamar"). A great river stands bare anyway ("Nile
# flows", "Rhine shipping", "Yangtze floods"): the prior of a river some 2,000 km long, above
# every river a common word names (the Wind River of Wyoming, 5.7; Germany's Main, 5.7).
_GREAT_RIVER_PRIOR = 6.0
_OTHER_NAMES = frozenset({NameKind.ALT, NameKind.VARIANT})
_RIVER_ARTICLE_BEFORE = re.compile(
    r"(?:\b(?i:the)\s+(?:[a-z][\w'’-]*\s+)?"
    r"(?:[A-Z][\w'’-]*(?:\s*,\s*|\s+(?:and|or)\s+))*|[\w.]['’]s?\s+)$"
)
_RIVER_WORD_AFTER = re.compile(
    r"['’]?s?\s+(?:[Rr]ivers?|[Bb]asin|[Dd]elta|[Vv]alley|[Ee]stuary|[Ww]atershed|[Gg]orge)\b"
)


def _named_as_a_river(scan: _Scan, match: Match) -> bool:
    if _in_a_title_case_line(scan, match.start) or _after_place_preposition(
        scan, match.first_token
    ):
        return True
    named = scan.rivers_named.get(match.text)
    if named is None:  # once a name a text: a long text names a river many times
        text = scan.text
        named = scan.rivers_named[match.text] = any(
            _RIVER_ARTICLE_BEFORE.search(text, max(0, found.start() - 80), found.start())
            or _RIVER_WORD_AFTER.match(text, found.end())
            for found in re.finditer(rf"(?<![\w-]){re.escape(match.text)}(?![\w-])", text)
        )
    return named


def _said_to_be_a_place(scan: _Scan, match: Match) -> bool:
    """The text calls the name a place: after "in" or a verb of places ("shelled Afrin"), "the
    town of", its state after it, or listed after a place."""
    return (
        _after_place_preposition(scan, match.first_token)
        or _after_word_in(scan, match.first_token, _PLACE_VERBS)
        or _called_a_place(scan, match)
        or _qualified_by_a_state(scan, match)
        or _listed_after_a_place(scan, match)
    )


# Between the last two names of a list ("Limerick and Galway", "Cork, Limerick, and
# Galway"), and between two names inside one ("Cork, Galway and Limerick").
_LAST_GAP = re.compile(r",?\s+(?:and|or|&)\s+")
_INNER_GAP = re.compile(r"\s*,\s*")
_LIST_GOES_ON = re.compile(r"(?:\s*,\s*|,?\s+(?:and|or|&)\s+)[A-Z]")


def _listed_after_a_place(scan: _Scan, match: Match) -> bool:
    """The name follows a place in a list ("Limerick and Galway", "Cork, Galway and
    Limerick"): a place too, though a surname ("Galway"), as a person is rarely listed with
    towns. A comma alone makes no list ("In Denver, Johnson, the mayor, said")."""
    end = scan.last_place_end
    if end < 0:
        return False
    return bool(
        _LAST_GAP.fullmatch(scan.text, end, match.start)
        or (
            _INNER_GAP.fullmatch(scan.text, end, match.start)
            and _LIST_GOES_ON.match(scan.text, match.end)
        )
    )


_NOUN_NEXT = re.compile(r"[ -][a-z]")  # a noun after a name: the name says whose


def _listed_before_a_large_place(scan: _Scan, match: Match) -> bool:
    """The name is the first of two, the second a country, a first-order area or a city of
    some size of a country the name has a place in ("trains to Tartu and Tallinn"): a place
    too, though a surname ("Tartu"), as a person is rarely listed with a capital; not the
    commonest surnames ("thanked Johnson and Paris")."""
    gap = _LAST_GAP.match(scan.text, match.end)
    if gap is None:
        return False
    rank = scan.people.surname_rank(match.text)
    if rank is not None and rank <= _COMMONEST_SURNAME_RANK:
        return False
    tokens = scan.tokens
    following = next(
        (i for i in range(match.last_token + 1, len(tokens)) if tokens[i].start >= gap.end()),
        None,
    )
    if following is None or tokens[following].start != gap.end():
        return False
    other = _longest_match(scan, following)
    best = other.candidates[0] if other is not None and other.candidates else None
    return (
        best is not None
        and other is not None
        and not _NOUN_NEXT.match(scan.text, other.end)  # "met Hastings and Florida donors"
        and (
            best.feature_class in (FeatureClass.COUNTRY, FeatureClass.ADMIN1)
            or best.importance >= _LARGE_PLACE_PRIOR
        )
        and any(c.country_code == best.country_code for c in match.candidates)
    )


# the prior of a city of about a million: a name listed before one is a place
_LARGE_PLACE_PRIOR = 6.0
# ... unless the name is among the commonest surnames ("Johnson and Texas officials")
_COMMONEST_SURNAME_RANK = 300


# After a dateline's name: its region or country after a comma, an agency in brackets, a
# dash ("TROY, New York —", "DOVER, Del. —", "GOMA, Democratic Republic of Congo —",
# "MAPUTO (Reuters) -").
_DATELINE_AFTER = re.compile(r"(?:,\s[^!?\n—–]{1,45}?)?\s*(?:\([^)\n]{1,20}\)\s*)?(?:—|–|--?)\s")
_CLOSES_A_SENTENCE = frozenset(".!?\"”")


def opens_a_dateline(text: str, start: int, end: int) -> bool:
    """The name at ``text[start:end]``, in capitals, opens the story (or a paragraph after its
    headline) before a dash: the dateline, the city the story was filed from, however much
    the word is also a surname ("LISTOWEL") or reads like an acronym ("GOMA")."""
    surface = text[start:end]
    if len(surface) < 3 or not surface.isupper():  # most names: one C-level test
        return False
    window = max(0, start - 40)  # what precedes, without copying the text before it
    preceding = text[window:start]
    before = preceding.rstrip()
    if not before:
        opens = window == 0
    else:  # after a sentence, or at a line's start (after a headline that ends in no stop)
        opens = before[-1] in _CLOSES_A_SENTENCE or "\n" in preceding[len(before) :]
    return opens and bool(_DATELINE_AFTER.match(text, end))


def _opens_a_dateline(scan: _Scan, match: Match) -> bool:
    return opens_a_dateline(scan.text, match.start, match.end)


def _qualified_by_a_state(scan: _Scan, match: Match) -> bool:
    """ "Gary, Indiana", "Cushing, Oklahoma": a country or first-order area named after a
    comma says the name before it is a place of it."""
    tokens = scan.tokens
    following = match.last_token + 1
    if following >= len(tokens) or scan.text[match.end : tokens[following].start] != ", ":
        return False
    codes = {c.country_code for c in match.candidates} | {c.admin1_code for c in match.candidates}
    for last in range(following, min(following + 3, len(tokens))):
        if not tokens[last].capitalised:
            break
        key = normalize(scan.text[tokens[following].start : tokens[last].end])
        for area in scan.index.candidates_for_key(key):
            if area.name_kind >= NameKind.VARIANT:
                continue
            if (area.feature_class == FeatureClass.COUNTRY and area.country_code in codes) or (
                area.feature_class == FeatureClass.ADMIN1 and area.admin1_code in codes
            ):
                return True
    return False


def _opens_sentence(scan: _Scan, position: int) -> bool:
    """The token starts a sentence, alone or after an article ("The Barn", "The Pope")."""
    token = scan.tokens[position]
    if _sentence_initial(scan.text, token):
        return True
    before = scan.tokens[position - 1] if position > 0 else None
    return (
        before is not None
        and before.text in _ARTICLES
        and scan.text[before.end : token.start] == " "
        and _sentence_initial(scan.text, before)
    )


# Prepositions after which a name is a place far more often than a person or a group ("in
# Djibo", "near Fano"); "from", "of", "to" and "at" are not ("a letter from Smith", "at Mile 4").
_PLACE_PREPOSITIONS = frozenset(_WORDS.prepositions.place)
_PLACE_BEFORE_OF = frozenset(_WORDS.prepositions.place_before_of)
_ROADS_BETWEEN = frozenset(_WORDS.prepositions.roads_between)
_BETWEEN = frozenset({"between", "linking", "connecting"})
_PLACE_VERBS = frozenset(_WORDS.prepositions.place_verbs)
# "claims the lives of five": no speech, so the name before it is no person
_NO_SPEECH_AFTER = re.compile(
    rf"\s+{alternation(_WORDS.speech.not_speech_objects)}\b", re.IGNORECASE
)
# "the town of Afrin", "the village of al-Khoukha" (the article the name opens with)
_NOUNS_BEFORE_OF = (*_WORDS.prepositions.place_nouns, *_WORDS.prepositions.place_nouns_of)
_PLACE_NOUN_OF = re.compile(
    rf"\b{alternation(_NOUNS_BEFORE_OF)} of "
    rf"(?:the |{alternation(_WORDS.arabic.articles)}[- ])?$",
    re.IGNORECASE,
)
_NOUN_MODIFIER = rf"(?:{alternation(_WORDS.prepositions.place_noun_modifiers)} )?"
_CAMP_AFTER = re.compile(
    rf" {_NOUN_MODIFIER}{alternation(_WORDS.prepositions.camp_nouns)}\b", re.IGNORECASE
)
_PLACE_NOUN_AFTER = re.compile(
    rf"(?:['’]s)? {_NOUN_MODIFIER}{alternation(_WORDS.prepositions.place_nouns)}\b",
    re.IGNORECASE,
)


def _called_a_place(scan: _Scan, match: Match) -> bool:
    """A noun beside the name calls it a place: "the town of Afrin", "Efrin city"."""
    start, end = match.start, match.end
    return bool(
        _PLACE_NOUN_OF.search(scan.text, max(0, start - 25), start)
        or _PLACE_NOUN_AFTER.match(scan.text, end)
    )


def _after_word_in(scan: _Scan, position: int, words: frozenset[str]) -> bool:
    """The token follows one of ``words`` (lower-case), a space between."""
    if position == 0:
        return False
    before = scan.tokens[position - 1]
    return scan.text[before.end : scan.tokens[position].start] == " " and before.text in words


def _after_place_preposition(scan: _Scan, position: int) -> bool:
    """The token follows a place preposition: "in Fano" is the town, "Fano militia" not."""
    if position == 0:
        return False
    before, token = scan.tokens[position - 1], scan.tokens[position]
    if position >= 2 and _article_before(scan.text, before, token.start):
        before, token = scan.tokens[position - 2], before  # "in al-Hawl"
    joined = not scan.text[before.end : token.start].strip()
    if not joined:
        return False
    if before.text.lower() in _PLACE_PREPOSITIONS:
        return True
    # "north of Napier", "the outskirts of Galway": a side or a part of something is a place's;
    # "the road between Biu and Damboa" joins places
    if position < 2 or scan.text[scan.tokens[position - 2].end : before.start].strip():
        return False
    word, noun = before.text.lower(), scan.tokens[position - 2].text.lower()
    return (word == "of" and noun in _PLACE_BEFORE_OF) or (
        word in _BETWEEN and noun in _ROADS_BETWEEN
    )


def _next_word(scan: _Scan, match: Match) -> str:
    following = match.last_token + 1
    if following >= len(scan.tokens):
        return ""
    token = scan.tokens[following]
    if scan.text[match.end : token.start].strip(" ,"):
        return ""
    return token.text.lower()


# Nouns of the people of a place, after its name in local news ("a Concord resident", "two
# Reading residents", "Williston man, 87, killed"); not "family" ("the Kennedy family").
_RESIDENT_NOUNS = frozenset(_WORDS.people.residents)
_FAITH_NOUNS = frozenset(_WORDS.people.faiths)
# ... after a city of about 100,000 or more ("Belfast Catholic")
_FAITH_CITY_PRIOR = 5.0
_THE = frozenset({"the", "The"})


def _people_of_it_after(scan: _Scan, match: Match) -> bool:
    """ "a Concord resident('s)", "Williston man": a noun of its people right after the name,
    and no article before it that makes the name a family's ("the Smith man")."""
    following = _POSSESSIVE.sub("", _next_token_text(scan, match))
    if following in _FAITH_NOUNS:
        best = match.candidates[0]
        return best.feature_class == FeatureClass.CITY and best.importance >= _FAITH_CITY_PRIOR
    if following not in _RESIDENT_NOUNS:
        return False
    return not _after_word_in(scan, match.first_token, _THE)


def _before_an_office(scan: _Scan, match: Match) -> bool:
    """ "Fargo Mayor Dennis Walaker", "Athens Mayor Randy Daniel": a name right before a
    capitalised title, a person's name after it, says whose office: a place, not a surname."""
    following = match.last_token + 1
    tokens = scan.tokens
    if following + 1 >= len(tokens) or scan.text[match.end : tokens[following].start] != " ":
        return False
    title = tokens[following]
    return (
        title.capitalised
        and scan.people.is_title(title.text)
        and tokens[following + 1].capitalised
        and following + 1 in scan.blocked  # the person's name after the title
    )


def _next_token_text(scan: _Scan, match: Match) -> str:
    """The next word in lower case when a single space joins it ("Obama administration")."""
    following = match.last_token + 1
    if following >= len(scan.tokens):
        return ""
    token = scan.tokens[following]
    return token.text.lower() if scan.text[match.end : token.start] == " " else ""


def _followed_by_person_verb(scan: _Scan, match: Match) -> bool:
    """ "Ware explained": the name is the verb's subject, right before it. Not after a comma
    ("a stand-up from Cork, said she": the subject came earlier), nor after a place
    preposition or "from" ("analysts in Perth say", "researchers from Morioka say"), nor when
    the verb says no speech ("al-Bokamal claims the lives of five")."""
    return (
        _next_token_text(scan, match) != ""
        and _speaks(scan, match.last_token + 1)
        and not _after_place_preposition(scan, match.first_token)
        # "researchers from Morioka say": the verb's subject is before "from"
        and not _after_word_in(scan, match.first_token, _FROM)
    )


_FROM = frozenset({"from"})


def _speaks(scan: _Scan, position: int) -> bool:
    """The token is a person's verb that says speech: "said", not "claims the lives of"."""
    token = scan.tokens[position]
    return token.text.lower() in PERSON_VERBS and not _NO_SPEECH_AFTER.match(scan.text, token.end)


# -- kinds -----------------------------------------------------------------------------------
def _classify(scan: _Scan, match: Match) -> Match | None:
    """Set the match's kind; return the organisation it opens ("Texas Forest Service"), if any."""
    kinds = _name_kinds(match)
    if (kinds and kinds <= {NameKind.DEMONYM}) or (
        NameKind.DEMONYM in kinds and not kinds & {NameKind.NAME, NameKind.ABBREVIATION}
    ):
        match.kind = MentionKind.DEMONYM
    if match.kind == MentionKind.DEMONYM:
        match.candidates = [
            c for c in match.candidates if c.name_kind == NameKind.DEMONYM
        ] or match.candidates
    organisation_end = _organisation_end(scan, match)
    if organisation_end is not None:
        match.in_organisation = True
        return Match(
            start=match.start,
            end=organisation_end,
            text=scan.text[match.start : organisation_end],
            key=match.key,
            kind=MentionKind.ORGANISATION,
            candidates=match.candidates,
            first_token=match.first_token,
            last_token=match.last_token,
        )
    if match.kind == MentionKind.TOPONYM and _followed_by_speech(scan, match):
        best = match.candidates[0] if match.candidates else None
        if best is not None and (
            best.feature_class == FeatureClass.COUNTRY or best.importance >= 6.5
        ):
            match.government_actor = True
    return None


def _followed_by_speech(scan: _Scan, match: Match) -> bool:
    following = _next_word(scan, match)
    position = match.last_token + 1
    while following in _SPEECH_FILLERS and position < match.last_token + 3:
        position += 1
        if position >= len(scan.tokens):
            return False
        following = scan.tokens[position].text.lower()
    return following in SPEECH_VERBS


_SAINT_TITLES = frozenset({"st", "st.", "saint", "ste", "ste.", "sainte"})
POSSESSIVE_ENDINGS = ("'s", "’s")
_RELIGIOUS_BUILDINGS = frozenset(_WORDS.saints.buildings)
_DEDICATED = _RELIGIOUS_BUILDINGS | frozenset(_WORDS.saints.after_a_possessive)
# "St Luke's Hospital", "St Nicholas Church", "St Patrick's Day": a saint's name before a
# possessive or an institution's word is a dedication, no place
_DEDICATION_AFTER = re.compile(r"(?:['’]s)?\s+(?P<head>[A-Z][a-z]+)\b")


def _a_saint_s_dedication(scan: _Scan, match: Match) -> bool:
    if scan.tokens[match.first_token].text.lower() not in _SAINT_TITLES:
        return False
    found = _DEDICATION_AFTER.match(scan.text, match.end)
    if found is None:
        return False
    head = found["head"].lower()
    possessive = match.text.endswith(POSSESSIVE_ENDINGS) or scan.text.startswith(
        POSSESSIVE_ENDINGS, match.end
    )
    return head in _RELIGIOUS_BUILDINGS or (possessive and head in _DEDICATED)


def _organisation_end(scan: _Scan, match: Match) -> int | None:
    """End offset of an organisation name the match starts ("Syrian Democratic Forces"); a
    facility after a place's possessive is the place's ("Istanbul's Ataturk Airport")."""
    tokens = scan.tokens
    end: int | None = None
    last = match.last_token
    possessive = scan.text.startswith(("'s", "’s"), match.end)
    for following in range(last + 1, min(last + 5, len(tokens))):
        token = tokens[following]
        if not token.capitalised or not _joins(scan.text, tokens[following - 1], token):
            break
        word = token.text.lower()
        if (word in ORGANISATION_HEADS and (following > last + 1 or word in _PLAIN_ORG_HEADS)) or (
            word in ORGANISATION_HEADS and match.kind == MentionKind.DEMONYM
        ):
            end = token.end
            if possessive and word in _FACILITY_HEADS:
                return None
    return end
