"""Resolution: choose one gazetteer entry for each recognised span, or none.

Evidence, each a small scoring function (weights in :data:`WEIGHTS`):

* the prior: population and feature class, as ranked by the gazetteer;
* explicit qualifiers: "Aleppo, Syria", "Damascus, Oregon";
* a preposition that introduces places ("in Tal Abyad", "near Hawija"): the text calls the
  name a place, so a town of unknown population needs no other support;
* the document's focus: the countries and admin-1 areas the text names most;
* spatial coherence: candidates near the other places of the text;
* one sense per name per document: every mention of a name gets the same entry;
* priors that survive local context: a name of a country, first-order region, continent,
  region or sea is that place, not a far smaller homonym, unless the text names the homonym
  ("Lebanon, Pennsylvania", "the town of Mexico", "Poland Township"); the focus and the other
  names only choose among the readings the text allows.

A name whose best candidate has too little support is left unresolved rather than forced.
Every resolution carries a confidence in [0, 1] and a short reason naming the evidence.

The generic words that say which kind of place a name means ("province", "city", "river")
are data: ``resolution.toml`` beside this module, checked by :class:`ResolutionFile`.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from pydantic import model_validator

from gazetteer.geodesy import great_circle_km
from gazetteer.groupings import FORMER_STATES
from gazetteer.model import Candidate, FeatureClass, NameKind
from gazetteer.normalize import LOOSE_SCOPE, normalize, spelling_distance
from geo.places import admin_chain
from geo.places.mentions import Mention, MentionKind
from geo.places.recognition import Match, opens_a_dateline
from geo.vocabulary import LowerAlternatives, Vocabulary, alternation, load_vocabulary

__all__ = ["FAR_KM", "WEIGHTS", "ResolutionFile", "resolve_matches"]


class ResolutionFile(Vocabulary):
    """``resolution.toml``: generic words that say which kind of place a name means."""

    admin_words: LowerAlternatives
    admin_words_before: LowerAlternatives
    city_words: LowerAlternatives
    city_words_before: LowerAlternatives
    apposition_nouns: LowerAlternatives
    rank_words: LowerAlternatives
    town_institutions: LowerAlternatives
    residents: LowerAlternatives
    street_words: LowerAlternatives
    directions: LowerAlternatives
    bearings: LowerAlternatives
    approximations: LowerAlternatives
    part_words: LowerAlternatives
    water_words: LowerAlternatives
    open_water_words: LowerAlternatives
    phrase_ends: LowerAlternatives
    place_prepositions: LowerAlternatives
    country_appositions: LowerAlternatives
    border_words_before: LowerAlternatives
    border_words: LowerAlternatives

    @model_validator(mode="after")
    def _area_or_city(self) -> ResolutionFile:
        both = [word for word in self.admin_words if word in self.city_words]
        if both:
            raise ValueError(f"both an area's and a city's word: {', '.join(both)}")
        return self


_WORDS = load_vocabulary("geo.places", "resolution.toml", ResolutionFile)


def _followed_by(words: Sequence[str], between: Sequence[str] = ()) -> re.Pattern[str]:
    """Spaces and one of ``words`` (any case), matched right after a name's end (or its
    possessive "'s", or the mark of a final ayn or hamza: "Al Bayda' province"), perhaps
    with one of ``between`` first ("Hama northern countryside")."""
    optional = rf"(?:{alternation(between)}\s+)?" if between else ""
    return re.compile(rf"(?:['’]s?)?\s+{optional}{alternation(words)}\b", re.IGNORECASE)


def _preceded_by(words: Sequence[str]) -> re.Pattern[str]:
    """One of ``words`` (any case) and spaces or a hyphen, perhaps "the", right before a name
    ("the countryside of Idleb", "rural Damascus", "Reef Damascus"): searched in the text
    that ends where the name starts."""
    return re.compile(rf"(?<!\w){alternation(words)}(?:\s+the)?(?:\s+|-)$", re.IGNORECASE)


def _water_pattern(words: Sequence[str]) -> re.Pattern[str]:
    """One of ``words`` or its plural, anywhere in a name (any case)."""
    return re.compile(rf"\b{alternation(words)}s?\b", re.IGNORECASE)


Weights = defaultdict[str, float]

# Weights were set on the development corpora (LGL, GeoVirus); each sits on a plateau
# (admin1_support 3.5 to 5 give the same accuracy to within half a point).
WEIGHTS = {
    "country_focus": 3.0,
    "admin1_focus": 2.5,
    "qualifier": 6.0,
    # the county a town lies in, named anywhere in the text ("Latah County" for Moscow, Idaho)
    "named_county": 3.0,
    # a small town's name listed only with large cities is the large city of that name
    "large_city_list": 2.0,
    # a name listed only with first-order areas is one ("Ohio, Michigan and Ontario"): as
    # strong as the focus of a story wholly in another country
    "admin1_list": 3.0,
    "coherence": 1.5,
    "own_name": 0.4,
    "alt_name_penalty": 1.0,
    "bare_water_penalty": 1.5,
    # ... and more after "in", "near": "fighting in Helmand" is the province, not the river
    # (which the press writes "the Helmand", "the Helmand River")
    "water_after_preposition": 1.5,
    # a name holding "Sea" or "Ocean" with no administrative word beside it is the water,
    # however much the text is about the area named for it ("Port Sudan on the Red Sea":
    # not Sudan's Red Sea state, which the focus and Port Sudan's own state favour by 5)
    "open_water_name": 6.0,
    "admin_word": 3.0,
    "admin1_support": 4.0,
    # local copy's words for a town ("Lebanon police", "508 Cumberland St., Lebanon") weigh
    # against the country, state or sea of the name, as a qualifier weighs for its place
    "town_words": 6.0,
    "country_support": 1.0,
    "min_score": 3.6,
    "place_preposition": 0.4,
    # a name the text calls a place that the gazetteer knows one place by ("in Bosra", a town
    # of 1,000 by GeoNames' count): no other reading competes for it
    "sole_reading": 0.4,
    # a romanisation variant is taken the less, the farther its spelling from the name
    # (0 to 1): "Efrin" is Afrin (0.20), not Ifrane (0.45)
    "variant_spelling": 4.0,
    # "Georgia, the former Soviet republic": as strong for the country as a qualifier
    "country_apposition": 6.0,
    # "the border with Niger": a little for the country
    "border": 1.5,
}
_COHERENCE_KM = 400.0
# A place this large (the prior of a city of about 800,000) needs no other evidence to be
# named in a text about another continent ("Moscow" in a report from Syria, "San Francisco"
# in a story about Europe's startups). 6.5 (three million) lost San Francisco; 5.9 changes
# nothing else on LGL, GeoVirus, the blind web set or the event notes.
_FAR_PRIOR = 5.9
# ... nor does an area or a town of ten thousand or more named by its own name, the only
# reading of it ("Idlib" in a report from Moscow; not "Titan", a village of Afghanistan, in
# a story from Texas).
_FAR_OWN_NAME_PRIOR = 4.0
# ... unless a namesake's prior comes this close to it (about a third of its population)
_NAMESAKE_MARGIN = 0.5
_LARGE_CLASSES = frozenset({FeatureClass.COUNTRY, FeatureClass.CONTINENT})
# ... and a small place this far from every other place of the text needs that evidence too,
# on any continent (the distance from Syria to the Caspian's far shore, short of Japan's)
FAR_KM: Final = 2500.0
_TOWNS = frozenset({FeatureClass.CITY, FeatureClass.ADMIN2})
_VARIANT_AREAS = _TOWNS | {FeatureClass.ADMIN1}
# ... and a place read by a romanisation variant only this far: a neighbour's town, as the
# places stage takes a variant (geo.places.recognition._VARIANT_REACH_KM)
_VARIANT_FAR_KM = 1000.0
# the prior of a city of about three million: under it, an alternate name is no evidence
# ("Jibin", one of Yibin's, for a village of Hama)
_FAR_METROPOLIS_PRIOR = 6.5
_WATER = frozenset({FeatureClass.RIVER, FeatureClass.LAKE, FeatureClass.SEA})
_ADMIN_AFTER = _followed_by(_WORDS.admin_words, _WORDS.directions)
# A name made of side words only ("South East", "North-West", "Central")
_SIDE_NAME = re.compile(
    rf"{alternation(_WORDS.directions)}(?:[\s-]+{alternation(_WORDS.directions)})*", re.IGNORECASE
)
_ADMIN_BEFORE = _preceded_by(_WORDS.admin_words_before)
_ADMIN = frozenset({FeatureClass.ADMIN1, FeatureClass.ADMIN2})
_CITY_AFTER = _followed_by(_WORDS.city_words)
_PREPOSITION_BEFORE = re.compile(rf"\b{alternation(_WORDS.place_prepositions)}\s+$", re.IGNORECASE)
_CITY_BEFORE = _preceded_by(_WORDS.city_words_before)
# "the" before a bare name that ends its phrase ("south of the Elbe,", "including the Kosi,
# known as"): a river's, a lake's or a sea's way of being named, never a town's
_THE_BEFORE = re.compile(r"(?<!\w)[Tt]he\s+$")
_ADMIN_WORDS = frozenset(_WORDS.admin_words)
_PHRASE_ENDS = re.compile(
    rf"(?:['’]s)?(?:\s*[,.;:!?)]|\s*$|\s+{alternation(_WORDS.phrase_ends)}\b)"
)
_RANKED_BEFORE = re.compile(
    rf"(?<!\w){alternation(_WORDS.rank_words)}\s+{alternation(_WORDS.city_words_before)}"
    r"(?:\s+the)?(?:\s+|-)$",
    re.IGNORECASE,
)
_BORDER_BEFORE = _preceded_by(_WORDS.border_words_before)
_BORDER_AFTER = _followed_by(_WORDS.border_words)
# Between a country's adjective and a place: "Indian| state of |Punjab", "Mexican| border
# city of |Juarez" (up to two words before the kind of place).
_WHOSE_PLACE_NOUN = re.compile(
    rf"\s+(?:[a-z-]+\s+){{0,2}}?{alternation((*_WORDS.admin_words, *_WORDS.city_words))}"
    r"\s+of\s+(?:the\s+)?"
)
# After a place, an apposition with a country's adjective: "Santiago, the Chilean capital"
# (up to two words before the adjective and between it and the noun).
_ADJECTIVE_APPOSITION_GAP = re.compile(r",\s+(?:the|a|an)\s+(?:[a-z-]+\s+){0,2}?")
_APPOSITION_NOUN_AFTER = re.compile(
    rf"\s+(?:[a-z-]+\s+){{0,2}}?{alternation(_WORDS.apposition_nouns)}"
    # ... ending the apposition, or its phrase: not "the American state senator"
    r"(?=\s*(?:[,.;:)\u2014]|(?:of|and|on|in|at|near|across|by|with|from|which|that|where"
    r"|whose)\b|$))"
)
# ... and such an apposition's town noun, with no area's word or clause before it, calls the
# place a town ("the Mexican city of the same name": the city of Durango, not the state;
# not "Chihuahua, a state where the city of Juarez lies")
_CITY_APPOSITION = re.compile(
    rf",\s+(?:the|a|an)\s+(?:(?!{alternation((*_WORDS.admin_words, 'where', 'whose', 'which'))}\b)"
    rf"[\w'’-]+\s+){{0,2}}?{alternation(_WORDS.city_words)}\b",
    re.IGNORECASE,
)
# ... as does a country's or a state's possessive ("Uganda's Eastern Region")
_POSSESSIVE_GAP = re.compile(r"['’]s?\s+")
_TOWN_AFTER = _followed_by(_WORDS.town_institutions)
# "Peru, a town of 11,000 on the Wabash", "Jordan, the Scott County city": an apposition that
# calls the name a town (not "the town's", which says whose)
_TOWN_APPOSITION = re.compile(
    rf",\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{alternation(_WORDS.city_words)}\b(?!['’])",
    re.IGNORECASE,
)
_RESIDENT_AFTER = _followed_by(_WORDS.residents)
_COMMA_BEFORE = re.compile(r",\s+$")
# A town in local copy's address and residence formats: "508 Cumberland St., Lebanon",
# "Joyce Glover, 22, Palestine" (not "Williams, 21, of Pennsylvania": a state's people too).
_ADDRESS_OR_AGE_BEFORE = re.compile(
    rf"(?:\b{alternation(_WORDS.street_words)}\.?|\b\d{{1,3}}),\s+$", re.IGNORECASE
)
# The kinds of place whose name keeps its reading in local context ("China" in a Texas farm
# story is the country, "Oregon" in one from Wisconsin the state): a smaller homonym outside
# it needs evidence of its own in the text, unless it is a city of about 100,000 or more
# (prior 5.0: "Victoria" may be British Columbia's capital, "Armenia" Colombia's city).
_PRIME_CLASSES = frozenset(
    {
        FeatureClass.CONTINENT,
        FeatureClass.COUNTRY,
        FeatureClass.ADMIN1,
        FeatureClass.REGION,
        FeatureClass.SEA,
    }
)
_LARGE_HOMONYM = 5.0
_KIND_WORDS = {
    FeatureClass.CONTINENT: "a continent",
    FeatureClass.COUNTRY: "a country",
    FeatureClass.ADMIN1: "a first-order region",
    FeatureClass.REGION: "a region",
    FeatureClass.SEA: "a sea",
}
_WATER_WORDS = _water_pattern(_WORDS.water_words)
_OPEN_WATER_WORDS = _water_pattern(_WORDS.open_water_words)
_COUNTRY_APPOSITION = re.compile(
    rf",\s+the\s+(?:(?!of\b)[\w'’-]+\s+){{0,4}}?"
    rf"{alternation(_WORDS.country_appositions)}\b(?!['’])",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Group:
    """All mentions of one name in a document: resolved once (one sense per discourse)."""

    key: str
    matches: list[Match]
    candidates: list[Candidate]
    qualifiers: set[str] = field(default_factory=set)  # country or admin-1 codes named after it
    whose: set[str] = field(default_factory=set)  # "the Indian state of": the country before it
    # "al-Rami, Idlib province": the readings of a province the text puts the place in
    held: list[Candidate] = field(default_factory=list)
    # "ATHENS, Georgia": the readings of the place this name qualifies
    qualified: list[Candidate] = field(default_factory=list)
    part_of_the_held: bool = False  # "the Karrada district of Baghdad": no list of areas
    outside_the_holding_area: bool = False  # ... and no reading of the name lies in it
    # "Baharestan, a town south-west of Tehran": the readings of the place it lies off
    bearing_from: list[Candidate] = field(default_factory=list)
    bearing_km: float = 0.0
    # "RICHMOND, North Yorkshire": the readings of the county named after it, finer than
    # GeoNames' first-order areas (England), and the name's towns that lie in one of them
    counties: list[Candidate] = field(default_factory=list)
    in_the_named_county: frozenset[str] = frozenset()
    too_far_off: bool = False  # ... and no reading of the name lies within reach of one
    # its only readings were romanisation variants none of whose names is spelt near it
    spelt_far: bool = False
    nearest_spelling: float | None = None  # of its variant readings (see _nearest_spelling)
    # each variant reading's spelling distance, by position (see _drop_far_spellings)
    spellings: dict[int, float] = field(default_factory=dict)
    choice: Candidate | None = None
    has_own_name: bool = False  # some candidate has this as its own name, not an alternate
    has_exact_name: bool = False  # some candidate has this name, not only a variant of it
    has_area: bool = False  # some candidate is an admin-1 or admin-2 area
    rival_countries: bool = False  # two countries or more have the name ("Congo")
    has_town: bool = False  # some candidate is a city, town or village
    # the admin-1 areas among its readings: a city in one of them is its seat, named like it
    area_codes: frozenset[str | None] = frozenset()
    # the countries it names by their own name: an area of one named like it is no rival
    country_codes: frozenset[str | None] = frozenset()
    says_water: bool = False  # the surface says "River", "Lake", "Sea"...: water is meant
    in_a_longer_name: bool = False  # "in Fraser Valley": the river is the valley's
    has_land: bool = False
    has_water: bool = False
    names_open_water: bool = False  # the name holds "Sea" or "Ocean"
    # "Anbar province", "Hama governorate", "the countryside of Idleb": an area, not the city
    says_admin: bool = False
    says_city: bool = False  # "Jazan city", "the town of Khoukha": the city, not its province
    after_preposition: bool = False  # "in X", "near X": the text calls the name a place
    the_bare_name: bool = False  # "south of the Elbe,": a river's way of being named
    river_after: bool = False  # "along the Sajur river front line": a river's name, no town's
    has_river: bool = False  # some candidate is a river
    # "the town of Mexico", "Lebanon police": some mention of the name reads as a town's
    says_town: bool = False
    says_country: bool = False  # "Georgia, the former Soviet republic": the country is meant
    says_border: bool = False  # "the border with Niger": rather the country
    # the towns of the name that lie in a county the text names ("Lebanon ... Wilson County"):
    # in any reading of the county, and in the reading the county resolved to
    in_named_county: frozenset[str] = frozenset()
    in_chosen_county: frozenset[str] = frozenset()
    # its towns in the first-order area of the text's other places, where its prime is a
    # region of a country the text places nothing in ("Santa Fe" in a story from Taos)
    at_home: frozenset[str] = frozenset()
    # listed with large cities only ("from Buffalo and Pittsburgh and Cleveland")
    among_large_cities: bool = False
    among_admin1: bool = False  # listed only with first-order areas ("Ohio and Ontario")
    among_countries: bool = False  # listed only with countries ("as far as Mexico and Ukraine")
    # ... with large cities of another country than its small reading's ("London and Boston")
    among_cities_abroad: bool = False
    prime: Candidate | None = None  # the largest country, region or sea the name names
    # Each name votes for every admin-1 area (and country) one of its candidates lies in; a
    # candidate where other names could also be is more likely (Gainesville, Hall County and
    # Georgia all have candidates in US.GA). Names found everywhere (Springfield) vote for
    # every area alike, so they shift no comparison.
    admin1_votes: dict[str, float] = field(default_factory=dict)
    country_votes: dict[str, float] = field(default_factory=dict)
    base: list[tuple[float, int]] = field(default_factory=list)  # (score, position), best first
    score: float = 0.0
    runner_up: float | None = None
    reasons: list[str] = field(default_factory=list)
    kind: MentionKind = MentionKind.TOPONYM
    # on another continent than the text's other places, or far from them, unsupported
    far_off: bool = False
    # every mention is a word before a noun, never after "in": "US forces", "UK officials"
    only_attributive: bool = True
    # a side read as an area ("North"): resolved only where the text supports the country
    by_side: bool = False
    supported: bool = True


_VOTING_CANDIDATES = 30
# a reading within this of the likeliest of the name's readings that vote votes in full
# (Tripoli in Lebanon, 2.25 below Libya's capital, votes 0.88); beyond it, less by a factor
# e each scale (London, Ohio, 4.5 below London, 0.29)
_VOTE_FREE_GAP = 2.0
_VOTE_PRIOR_SCALE = 2.0
# A variant reading spelt this much farther from the text than the nearest one is none
# ("Ras al-Ain" is Ra's al 'Ayn's "Ras el Ain", 0.0, or Ceylanpinar's "Rass-el-Ain" across
# the border, 0.07; not Ras el Aioun in Algeria, 0.12, or Rosh Ha'Ayin, 0.14). Measured on
# the romanised table, bare sentence, with distances to the nearest name: 0.05 and 0.15
# each gave 266 of 299, 0.1 268, 0.2 263.
_SPELLING_MARGIN = 0.1
# Nor is one none of whose names is spelt nearer than this: the loose key keeps only the
# consonants' classes, and past half the letters a shared key is chance ("Guddu" and
# Jeddah, "Fezzan" and Fès). In the place corpora no variant reading past 0.45 from its main
# name was right; of the romanised table's right readings the farthest is 0.50 ("Azez" for
# I'zaz, "Heis" for Hays).
_FARTHEST_SPELLING = 0.5
_SCORED_CANDIDATES = 30  # by prior; the 31st "Springfield" never wins


def _spread(
    candidates: Sequence[Candidate], code: Callable[[Candidate], str | None]
) -> dict[str, float]:
    """Each area a name's candidates lie in, with the vote of its likeliest candidate there."""
    if not candidates:
        return {}
    top = max(c.importance for c in candidates)
    votes: dict[str, float] = {}
    for candidate in candidates:
        if (area := code(candidate)) is not None:
            votes[area] = max(votes.get(area, 0.0), _plausibility(candidate, top))
    return votes


def _plausibility(candidate: Candidate, top: float) -> float:
    """How much a reading of a name speaks for its area, against ``top``, the prior of the
    likeliest of the readings that vote (countries do not vote for areas): a village that
    shares a world city's name hardly does ("London and Sydney" are no two towns of Ohio
    because Ohio has both names)."""
    return min(1.0, math.exp(-(top - candidate.importance - _VOTE_FREE_GAP) / _VOTE_PRIOR_SCALE))


def _cast_votes(group: _Group) -> None:
    candidates = [
        c for c in group.candidates[:_VOTING_CANDIDATES] if c.feature_class not in _LARGE_CLASSES
    ]
    group.admin1_votes = _spread(candidates, lambda c: c.admin1_code)
    group.country_votes = _spread(group.candidates[:_VOTING_CANDIDATES], lambda c: c.country_code)


@dataclass(slots=True)
class _Focus:
    countries: Weights
    admin1: Weights
    admin1_votes: Weights = field(default_factory=lambda: defaultdict(float))
    country_votes: Weights = field(default_factory=lambda: defaultdict(float))
    voters: int = 0
    # the sums of countries and admin1, set once the focus is complete (_focus)
    country_total: float = 0.0
    admin1_total: float = 0.0

    def support(self, group: _Group, candidate: Candidate) -> tuple[float, float]:
        """Share of the other names with a candidate in this candidate's admin-1 / country."""
        others = self.voters - 1
        if others <= 0:
            return 0.0, 0.0
        admin1 = candidate.admin1_code
        country = candidate.country_code
        admin1_share = (
            (self.admin1_votes[admin1] - group.admin1_votes.get(admin1, 0.0)) / others
            if admin1
            else 0.0
        )
        country_share = (
            (self.country_votes[country] - group.country_votes.get(country, 0.0)) / others
            if country
            else 0.0
        )
        return admin1_share, country_share

    def country_share(self, code: str | None, exclude: Weights) -> float:
        own = self.countries.get(code, 0.0) - exclude.get(code, 0.0) if code else 0.0
        if own <= 0:
            return 0.0
        total = self.country_total - sum(exclude.values())
        return own / total if total > 0 else 0.0

    def admin1_share(self, code: str | None, exclude: Weights, countries: Weights) -> float:
        """The area's share of the text's areas, or of half its countries where those are
        more: one mention of London in a story of five countries is no English focus."""
        own = self.admin1.get(code, 0.0) - exclude.get(code, 0.0) if code else 0.0
        if own <= 0:
            return 0.0
        total = max(
            self.admin1_total - sum(exclude.values()),
            (self.country_total - sum(countries.values())) / 2,
        )
        return own / total if total > 0 else 0.0


def _without_cities_named_for_a_country(candidates: list[Candidate]) -> list[Candidate]:
    """ "Mexico" is the country: a city that merely has the country's name as an alternate
    ("Mexico" for Mexico City) is not a reading of it."""
    if not any(
        c.feature_class == FeatureClass.COUNTRY and c.name_kind == NameKind.NAME for c in candidates
    ):
        return candidates
    return [
        c
        for c in candidates
        if not (c.feature_class == FeatureClass.CITY and c.name_kind == NameKind.ALT)
    ]


def _groups(
    text: str, matches: Sequence[Match], senses: Mapping[int, int] | None = None
) -> list[_Group]:
    """The matches grouped by name: one reading a name in a text, except where the text
    itself tells two places of the name apart (``senses``, see :func:`_senses`)."""
    by_key: dict[tuple[str, MentionKind, int], _Group] = {}
    lowered = text.lower()
    frontier = any(word in lowered for word in _WORDS.border_words)  # most texts name none
    ends = {match.end for match in matches}
    for match in matches:
        sense = senses.get(id(match), 0) if senses else 0
        group = by_key.get((match.key, match.kind, sense))
        if group is None:
            group = _Group(match.key, [], _without_cities_named_for_a_country(match.candidates))
            group.kind = match.kind
            group.has_own_name = any(c.name_kind == NameKind.NAME for c in match.candidates)
            group.has_exact_name = any(c.name_kind < NameKind.VARIANT for c in match.candidates)
            group.has_area = any(c.feature_class in _ADMIN for c in match.candidates)
            group.rival_countries = (
                sum(c.feature_class == FeatureClass.COUNTRY for c in group.candidates) > 1
            )
            group.has_town = any(c.feature_class == FeatureClass.CITY for c in group.candidates)
            group.has_river = any(c.feature_class == FeatureClass.RIVER for c in group.candidates)
            group.area_codes = frozenset(
                c.admin1_code for c in match.candidates if c.feature_class == FeatureClass.ADMIN1
            )
            group.country_codes = frozenset(
                c.country_code
                for c in match.candidates
                if c.feature_class == FeatureClass.COUNTRY and c.name_kind == NameKind.NAME
            )
            group.says_water = bool(_WATER_WORDS.search(match.text))
            group.says_admin = _says_admin(text, match)
            group.says_city = bool(
                opens_a_dateline(text, match.start, match.end)
                or _CITY_AFTER.match(text, match.end)
                or _called_a_town_before(text, match)
                or (
                    _CITY_APPOSITION.match(text, match.end) is not None
                    and not _qualifies_the_name_before(text, match, ends)
                )
            )
            group.after_preposition = bool(
                _PREPOSITION_BEFORE.search(text, max(0, match.start - 12), match.start)
            )
            group.the_bare_name = _the_bare_name(text, match)
            group.in_a_longer_name = (
                match.key != normalize(match.text)  # the back-off's "Fraser" in "Fraser Valley"
                or _NAME_GOES_ON.match(text, match.end) is not None
            )
            group.prime = _prime(group.candidates)
            group.has_land = any(c.feature_class not in _WATER for c in match.candidates)
            group.has_water = any(c.feature_class in _WATER for c in match.candidates)
            group.names_open_water = bool(_OPEN_WATER_WORDS.search(match.text))
            by_key[(match.key, match.kind, sense)] = group
        group.river_after = group.river_after or bool(_RIVER_AFTER.match(text, match.end))
        if group.prime is not None and not group.says_town:
            group.says_town = _reads_as_a_town(text, match, group.prime, ends)
        if group.only_attributive and not _attributive(text, match):
            group.only_attributive = False
        group.says_border = group.says_border or (
            frontier
            and bool(
                _BORDER_AFTER.match(text, match.end)
                or _BORDER_BEFORE.search(text, max(0, match.start - 20), match.start)
            )
        )
        if not group.says_country and text.startswith(",", match.end):
            group.says_country = _COUNTRY_APPOSITION.match(text, match.end) is not None
        group.by_side = group.by_side or match.by_side
        group.matches.append(match)
    return list(by_key.values())


_NOUN_AFTER = re.compile(r"[ -][a-z]")  # "US forces", "US-led"
# The word written in lower case after a name that the name is a river's ("the Sajur river
# front line"; "the Kabul river"), also after a list of two ("the Rima and Sokoto rivers"):
# no town is written so.
_RIVER_AFTER = re.compile(r"(?: and [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?)? rivers?\b")
# A country's abbreviation before a noun says whose ("U.S. officials"), never where the
# name before its comma is (a state's may: "Dallas, TX residents").
_ATTRIBUTIVE_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,3}|[A-Z]{2,3}")


def _attributive(text: str, match: Match) -> bool:
    """ "a US patrol", "Turkish drones": the name says whose, not where."""
    return bool(_NOUN_AFTER.match(text, match.end)) and not _PREPOSITION_BEFORE.search(
        text, max(0, match.start - 12), match.start
    )


def _qualifies_the_name_before(text: str, match: Match, ends: Container[int]) -> bool:
    """ "In Mexico, Maine, a mill town": the apposition after a name that qualifies the place
    named before it (``ends``: where the text's names end) calls the pair, that is the
    first, a town; not after another word ("In March, Lebanon, a town in Ohio")."""
    found = _COMMA_BEFORE.search(text, max(0, match.start - 4), match.start)
    return found is not None and found.start() in ends


def _called_a_town_before(text: str, match: Match) -> bool:
    """ "the town of Mexico", but not "the main town of Kakheti" (a rank within the area)."""
    before = max(0, match.start - 30)
    return bool(_CITY_BEFORE.search(text, before, match.start)) and not _RANKED_BEFORE.search(
        text, max(0, match.start - 45), match.start
    )


def _reads_as_a_town(text: str, match: Match, prime: Candidate, ends: Container[int]) -> bool:
    """Local copy's evidence that a country's or state's name is a town: "the town of X",
    "X police", "X, a town of 11,000", "508 Cumberland St., X", "Glover, 22, X", a dateline
    "X (AP) --", and for a country (whose people have a demonym) "a X man", "the X
    resident"."""
    before = max(0, match.start - 30)
    return bool(
        _called_a_town_before(text, match)
        or _ADDRESS_OR_AGE_BEFORE.search(text, before, match.start)
        or _TOWN_AFTER.match(text, match.end)
        or (
            _TOWN_APPOSITION.match(text, match.end) is not None
            and not _qualifies_the_name_before(text, match, ends)
        )
        or opens_a_dateline(text, match.start, match.end)
        or (prime.feature_class == FeatureClass.COUNTRY and _RESIDENT_AFTER.match(text, match.end))
    )


def _prime(candidates: Sequence[Candidate]) -> Candidate | None:
    """The name's largest reading as a country, first-order region, continent, region or sea
    (by name, alternate name, abbreviation or demonym), unless a town or county of the name
    is larger still ("Paris" has none: its largest reading is a city)."""
    primes = [
        c
        for c in candidates
        if c.feature_class in _PRIME_CLASSES
        and c.name_kind != NameKind.VARIANT
        # a county Natural Earth lists as admin-1 (Kent) is no GeoNames first-order region
        and (c.feature_class != FeatureClass.ADMIN1 or c.admin1_code)
    ]
    if not primes:
        return None
    prime = max(primes, key=lambda c: c.importance)
    places = (FeatureClass.CITY, FeatureClass.ADMIN2)
    if any(c.feature_class in places and c.importance > prime.importance for c in candidates):
        return None
    return prime


# Between a place and the country or admin-1 that qualifies it: "Aleppo, Syria", "Tripoli
# (North", "Kita in Mali", "Kita, in western Mali"
# ... an area's word may close the qualified name: "Chaldoran county, West Azerbaijan
# province", "Diyala province, Iraq"
_QUALIFIER_GAP = re.compile(
    rf"\s*(?:(?i:{alternation(_WORDS.admin_words)})\s*)?"
    rf"(?:,|\(|,?\s*in(?:\s+{alternation(_WORDS.directions)})?)\s*",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Qualifications:
    """What the names right beside each match say of where it is, by ``id`` of the match."""

    qualifiers: defaultdict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    whose: defaultdict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    held: defaultdict[int, list[Candidate]] = field(default_factory=lambda: defaultdict(list))
    parts: set[int] = field(default_factory=set)  # "the X district of Y": X is part of Y
    apposed: set[int] = field(default_factory=set)  # "Santiago, the Chilean capital"
    # "X, a town south-west of Y": the readings of Y that X lies some way from
    bearing: defaultdict[int, list[Candidate]] = field(default_factory=lambda: defaultdict(list))
    bearing_km: dict[int, float] = field(default_factory=dict)  # ... and how far off at most
    qualified: defaultdict[int, list[Candidate]] = field(
        default_factory=lambda: defaultdict(list)
    )  # by the qualifier's match: the readings of the place it qualifies
    counties: defaultdict[int, list[Candidate]] = field(
        default_factory=lambda: defaultdict(list)
    )  # "Wellington, Somerset": the county readings of the qualifier


def _attach_qualifiers(groups: Sequence[_Group], found: _Qualifications) -> None:
    for group in groups:
        for match in group.matches:
            group.qualifiers.update(found.qualifiers.get(id(match), ()))
            group.whose.update(found.whose.get(id(match), ()))
            group.held.extend(found.held.get(id(match), ()))
            group.qualified.extend(found.qualified.get(id(match), ()))
            group.part_of_the_held = group.part_of_the_held or id(match) in found.parts
            group.bearing_from.extend(found.bearing.get(id(match), ()))
            group.bearing_km = max(group.bearing_km, found.bearing_km.get(id(match), 0.0))
            group.counties.extend(found.counties.get(id(match), ()))


def _qualifications(text: str, matches: Sequence[Match]) -> _Qualifications:
    """'Aleppo, Syria': a country or admin-1 named right after a place qualifies it; every
    reading of the qualifier counts ("Athens, Georgia": the state or the country), and the
    qualifier keeps the qualified place's readings (``qualified``) to tell which of its own
    holds one."""
    found = _Qualifications()
    named_for: list[tuple[Match, Match]] = []
    for left, right in itertools.pairwise(matches):
        gap = text[left.end : right.start]
        if (
            (
                _PART_OF_GAP.fullmatch(gap)
                # "the Old City of Taizz": a part named with "the", of the place after "of"
                or (
                    _OF_GAP.fullmatch(gap)
                    and _THE_BEFORE.search(text, max(0, left.start - 5), left.start)
                )
            )
            and right.candidates
            and right.candidates[0].feature_class in _HOLDING_CLASSES  # not "of Angola"
            and left.candidates
            and left.candidates[0].importance < right.candidates[0].importance
        ):
            # "the Dora district of (southern) Baghdad": a part of the city, not Ad Dawr; the
            # larger place first says whose the part is ("the Houston suburb of Katy", "the
            # Lebanese district of Chouf")
            found.held[id(left)].extend(_holding_readings(right))
            found.parts.add(id(left))
            continue
        if (
            _PART_APPOSITION_GAP.fullmatch(gap)
            and right.candidates
            and right.candidates[0].feature_class in _HOLDING_CLASSES
            and not (left.candidates and left.candidates[0].feature_class in _LARGE_CLASSES)
        ):
            # "al-Zahra, a mainly Alawite neighbourhood in the eastern part of Homs": a place
            # of Homs, not Libya's Az Zahra, which would pull Homs to Libya's Al Khums
            found.held[id(left)].extend(_holding_readings(right))
            found.parts.add(id(left))
            continue
        if (
            right.kind == MentionKind.DEMONYM
            and right.candidates
            and left.candidates
            and _ADJECTIVE_APPOSITION_GAP.fullmatch(gap)
            and _APPOSITION_NOUN_AFTER.match(text, right.end)
        ):
            # "Santiago, the Chilean capital": the place is the country's, whatever the focus
            found.whose[id(left)].update(_area_codes(right.candidates[0]))
            found.apposed.add(id(left))
            continue
        if _WHOSE_PLACE_NOUN.fullmatch(gap) and left.candidates:
            # "the Indian state of Punjab", "the Syrian city of Aleppo": the country before
            # the noun says where the place is
            found.whose[id(right)].update(_area_codes(left.candidates[0]))
            continue
        if (
            _POSSESSIVE_GAP.fullmatch(gap)
            and left.candidates
            and left.candidates[0].feature_class in (FeatureClass.COUNTRY, FeatureClass.ADMIN1)
        ):
            # "Uganda's Eastern Region", "Ukraine's Kharkiv": the area whose place it is
            found.whose[id(right)].update(_area_codes(left.candidates[0]))
            continue
        if (
            (bearing := _BEARING_GAP.fullmatch(gap))
            and not _RANK_IN.search(gap)  # "the largest city east of the Urals"
            and left.candidates
            and left.candidates[0].feature_class in _TOWNS  # "Louisville, Kentucky, about..."
            and (off := _likely_towns(right))
        ):
            # "Baharestan, a working-class town south-west of Tehran": some way from it
            found.bearing[id(left)].extend(off)
            found.bearing_km[id(left)] = _bearing_reach(bearing)
            continue
        if not _QUALIFIER_GAP.fullmatch(gap) or not right.candidates:
            continue
        if left.key == right.key and "(" in gap:
            # "near Saida (Saida, South)": ACLED's district named for its town qualifies
            # nothing ("Marib, Marib province" and "DJIBOUTI, Djibouti" do); what qualifies
            # the district qualifies the town
            named_for.append((left, right))
            continue
        if (
            right.candidates[0].feature_class == FeatureClass.COUNTRY
            and _ATTRIBUTIVE_ABBREVIATION.fullmatch(right.text)
            and _NOUN_AFTER.match(text, right.end)
        ):
            continue  # "near Syria's borders with Iraq and Jordan, U.S. officials said"
        if (
            right.candidates[0].feature_class == FeatureClass.COUNTRY
            and left.candidates
            and left.candidates[0].feature_class in _LARGE_CLASSES
            and _A_LIST_GOES_ON.match(text, right.end)
        ):
            continue  # "bases for France, China, Japan and Italy": no town China of Japan
        codes = _area_codes(right.candidates[0])
        # a name read only as first-order areas ("(Tripoli, North)": North Lebanon, Cameroon's
        # Nord...) qualifies by each of them, as a country or a state would
        if all(c.feature_class == FeatureClass.ADMIN1 for c in right.candidates):
            readings = right.candidates
        else:
            readings = [
                c for c in right.candidates[1:_VOTING_CANDIDATES] if c.name_kind == NameKind.NAME
            ]
        for candidate in readings:
            codes |= _area_codes(candidate)
        counties = _county_readings(right)
        if codes:
            found.qualifiers[id(left)].update(codes)
        # "ATHENS, Georgia" in running text ("in" says less of the two; "Marib, Marib
        # province" is one name, whose readings are the city's and the area's alike; in
        # ACLED's "(Marib City, Marib)" the chain tells its areas, and the name is also the
        # town's, "in Marib (...)")
        if (
            (codes or counties)
            and "," in gap  # ", in western Georgia" too
            and "(" not in gap
            and left.key != right.key
            and left.candidates
            and left.candidates[0].feature_class not in _LARGE_CLASSES  # "Sudan, Mali"
            and not admin_chain.closes(text, right.start, right.end)
            and not _LIST_GOES_ON.match(text, right.end)  # "Saraqeb, Idlib and Hama"
        ):
            if codes:
                found.qualified[id(right)].extend(left.candidates[:_VOTING_CANDIDATES])
            found.counties[id(left)].extend(counties)
        if _ADMIN_AFTER.match(text, right.end):
            # "al-Rami, Idlib province": the word makes the qualifier an area holding the
            # place, not the next name of a list ("Aleppo, Idlib and Hama")
            found.held[id(left)].extend(
                c for c in right.candidates if c.feature_class == FeatureClass.ADMIN1
            )
        elif (
            _COMMA_GAP.fullmatch(gap)
            and admin_chain.opens(text, left.start, left.end)
            and admin_chain.closes(text, right.start, right.end)
            and any(c.feature_class == FeatureClass.ADMIN1 for c in right.candidates)
        ):
            # ACLED's "(Al Qahirah, Taizz)": the district lies in the province, whatever
            # capital abroad bears its name (Cairo); no list of areas, though a large name
            found.held[id(left)].extend(
                c for c in right.candidates if c.feature_class == FeatureClass.ADMIN1
            )
            found.parts.add(id(left))
        elif (
            _COMMA_GAP.fullmatch(gap)
            and not right.context_only  # "Wagner" read as its home country, not named
            and right.candidates[0].feature_class == FeatureClass.COUNTRY
            and right.candidates[0].name_kind == NameKind.NAME
        ):
            # "Taji, Iraq": a town the text puts in a country (or, "Athens, Georgia", in a
            # state of that name) is no namesake in China
            found.held[id(left)].extend(
                c
                for c in right.candidates[:_VOTING_CANDIDATES]
                if c.feature_class in (FeatureClass.COUNTRY, FeatureClass.ADMIN1)
                and c.name_kind == NameKind.NAME
            )
        elif _IN_GAP.fullmatch(gap) and right.candidates[0].feature_class in _HOLDING_CLASSES:
            # "Kabani in Jabal al-Akrad", "Mariano Escobedo in Morelia": a village of the
            # region, a quarter of the city named after it (not "across the river from
            # Detroit in Canada": a country's hold is the qualifier's weight, see _score)
            found.held[id(left)].extend(_holding_readings(right))
    for town, district in named_for:
        if district_qualifiers := found.qualifiers.get(id(district)):
            found.qualifiers[id(town)].update(district_qualifiers)
        found.held[id(town)].extend(found.held.get(id(district), ()))
        if id(district) in found.parts:
            found.parts.add(id(town))
    _hold_the_chain_heads(text, matches, found)
    return found


# Between the place an ACLED chain follows and its bracket: "Bashiqa (", "Al-Jineh village ("
_CHAIN_HEAD_GAP = re.compile(r"\s*(?:[a-z]+\s+)?\(")


def _hold_the_chain_heads(text: str, matches: Sequence[Match], found: _Qualifications) -> None:
    """ "rockets at the camp near Bashiqa (Bashiqa, Mosul, Ninewa)": the province closing
    ACLED's chain holds the place the chain follows, as "al-Rami, Idlib province" does (not
    Başak of Turkey, a spelling the store has nearer the name)."""
    for index, province in enumerate(matches):
        if not admin_chain.closes(text, province.start, province.end):
            continue
        areas = [c for c in province.candidates if c.feature_class == FeatureClass.ADMIN1]
        opening = text.rfind("(", 0, province.start)
        head = next((m for m in reversed(matches[:index]) if m.end <= opening), None)
        if areas and head is not None and _CHAIN_HEAD_GAP.fullmatch(text, head.end, opening + 1):
            found.held[id(head)].extend(areas)


def _holds_the_qualified(group: _Group, candidate: Candidate) -> bool:
    """ "ATHENS, Georgia": the state holds an Athens, the country none; "Batumi, Georgia"."""
    if candidate.feature_class == FeatureClass.ADMIN1 and candidate.admin1_code:
        return any(q.admin1_code == candidate.admin1_code for q in group.qualified)
    if candidate.feature_class == FeatureClass.COUNTRY and candidate.country_code:
        return any(q.country_code == candidate.country_code for q in group.qualified)
    return False


def _holding_readings(match: Match) -> list[Candidate]:
    return [c for c in match.candidates[:_VOTING_CANDIDATES] if c.feature_class in _HOLDING_CLASSES]


def _senses(text: str, matches: Sequence[Match], found: _Qualifications) -> dict[int, int]:
    """Which place of its name each match is, where the text qualifies one name by areas no
    one reading lies in ("FLORENCE, Alabama — a designer from Florence will show her
    collection in Florence, Italy"): each such qualification is a place of its own, as is an
    unqualified dateline's town beside one qualified namesake ("NEWPORT — ... its namesake,
    Newport, Rhode Island"); a mention the text leaves unqualified is the place last named
    before it (the first, for a mention before any).
    Elsewhere a name is one place in a text (no entry here)."""
    by_name: defaultdict[tuple[str, MentionKind], list[Match]] = defaultdict(list)
    for match in matches:
        by_name[(match.key, match.kind)].append(match)
    senses: dict[int, int] = {}
    # the names the text calls areas with a word of their own ("Niger State": "niger")
    areas = {
        key.rsplit(" ", 1)[0]
        for key, _ in by_name
        if " " in key and key.rsplit(" ", 1)[1] in _ADMIN_WORDS
    }
    for named in by_name.values():
        places = _qualified_places(named, found)
        home = named[0]
        if (
            len(places) == 1
            and id(home) not in found.qualifiers
            and opens_a_dateline(text, home.start, home.end)
        ):
            # "NEWPORT — ... its namesake, Newport, Rhode Island": the dateline's town is
            # the place the story is filed from, the qualified one another
            places = [[home], *places]
        if len(places) >= 2:
            anchors = [(m.start, sense) for sense, place in enumerate(places) for m in place]
            for match in named:
                before = [anchor for anchor in anchors if anchor[0] <= match.start]
                senses[id(match)] = max(before)[1] if before else min(anchors)[1]
        # the river and an apposition's place are places of their own whatever the rest
        _tell_the_river_apart(text, named, senses, named[0].key in areas)
        _tell_the_apposed_apart(named, found, senses)
        _tell_the_city_apart(text, named, senses)
    return senses


_RIVER_SENSE = -1


def _the_bare_name(text: str, match: Match) -> bool:
    """ "south of the Elbe,": "the" before a name that ends its phrase, a water's way of being
    named."""
    return bool(
        _THE_BEFORE.search(text, max(0, match.start - 5), match.start)
        and _PHRASE_ENDS.match(text, match.end)
    )


def _tell_the_river_apart(
    text: str, named: Sequence[Match], senses: dict[int, int], area_named: bool
) -> None:
    """ "the Helmand river" in a text that also writes "Helmand province": the river is a
    place of its own, read as a river; the other mentions as the text has them. So is the
    bare name after "the" ("floodwaters from the Niger", "where the Niger meets the Benue")
    where the text calls the name an area too ("Niger State", ``area_named``): the area named
    for its river."""
    if not any(c.feature_class == FeatureClass.RIVER for c in named[0].candidates):
        return
    rivers = [match for match in named if _RIVER_AFTER.match(text, match.end)]
    if area_named or any(_says_admin(text, match) for match in named):
        rivers += [m for m in named if _the_bare_name(text, m) and m not in rivers]
    if rivers and (len(rivers) < len(named) or area_named):
        senses.update((id(match), _RIVER_SENSE) for match in rivers)


def _tell_the_apposed_apart(
    named: Sequence[Match], found: _Qualifications, senses: dict[int, int]
) -> None:
    """ "Visitors confuse the city with Tripoli, the Libyan capital": a mention an apposition
    ties to a country is a place of its own; the text's other mentions of the name keep
    theirs (Tripoli of Lebanon)."""
    apposed = [match for match in named if id(match) in found.apposed]
    if 0 < len(apposed) < len(named):
        senses.update((id(match), _APPOSED_SENSE - n) for n, match in enumerate(apposed))


_APPOSED_SENSE = -2


def _tell_the_city_apart(text: str, named: Sequence[Match], senses: dict[int, int]) -> None:
    """ "Ramouseh (Jebel Saman, Aleppo), on the south-western edge of Aleppo city": a name of
    a city and its province is two places where the text calls one mention the city
    ("Aleppo city", "the city of Idlib", a dateline, the place an ACLED chain opening with
    its name follows: "Al Qubbah (Al Qubbah, Derna)") and another the area (the province
    closing the chain, "Idlib province", the district opening it): the mentions called the
    city are a place of their own, the others as the text has them."""
    if not _a_province_s_capital(named[0].candidates):
        return
    free = [match for match in named if id(match) not in senses]
    cities = [
        match
        for match in free
        if _CITY_AFTER.match(text, match.end)
        or _called_a_town_before(text, match)
        or opens_a_dateline(text, match.start, match.end)
        or _heads_its_own_chain(text, match)
    ]
    called = {id(match) for match in cities}
    if cities and any(
        id(m) not in called and (_says_admin(text, m) or _opens_a_chain_of_areas(text, m))
        for m in free
    ):
        # ("TRIPOLI, Lebanon — ... the northern city of Tripoli": no area, one place)
        senses.update((id(match), _CITY_SENSE) for match in cities)


def _heads_its_own_chain(text: str, match: Match) -> bool:
    """ "Al Qubbah (Al Qubbah, Derna)": the place before an ACLED chain that opens with its
    name, the district named for its town."""
    opening = text.find("(", match.end, match.end + 3)
    if opening < 0 or text[match.end : opening].strip():
        return False
    rest = text[opening + 1 : opening + 3 + len(match.text) + 2].lstrip()
    return (
        rest.startswith(match.text)
        and admin_chain.CONTINUES.match(rest, len(match.text)) is not None
    )


def _opens_a_chain_of_areas(text: str, match: Match) -> bool:
    """The district opening an ACLED chain before its province: "(Al Qubbah, Derna)"."""
    return admin_chain.opens(text, match.start, match.end) and bool(
        admin_chain.CONTINUES.match(text, match.end)
    )


# below every apposed sense (_APPOSED_SENSE - n): no text apposes so many of one name
_CITY_SENSE = -1000


def _says_admin(text: str, match: Match) -> bool:
    """ "Anbar province", "the countryside of Idleb", a province closing an ACLED chain."""
    return bool(
        _ADMIN_AFTER.match(text, match.end)
        or _ADMIN_BEFORE.search(text, max(0, match.start - 30), match.start)
        or admin_chain.closes(text, match.start, match.end)
    )


def _the_capitals(cities: Sequence[Candidate]) -> list[Candidate]:
    """The cities of a name in the countries whose provinces are named for their capitals
    ("Aleppo", not Aleppo, Pennsylvania)."""
    return [c for c in cities if c.country_code in LOOSE_SCOPE]


def _a_province_s_capital(candidates: Sequence[Candidate]) -> bool:
    """The name reads as a city and as the area of its name around it, in a country whose
    provinces are named for their capitals and romanised (Aleppo, Idlib, Taizz): the notes
    of conflict monitors name both in one breath. (Elsewhere a name's words for a city and
    an area are evidence for one place: "rural Paris" and "Paris City Hall" in Tennessee.)"""
    areas = {
        (c.country_code, c.admin1_code)
        for c in candidates[:_VOTING_CANDIDATES]
        if c.feature_class in _ADMIN and c.country_code in LOOSE_SCOPE
    }
    return any(
        c.feature_class == FeatureClass.CITY and (c.country_code, c.admin1_code) in areas
        for c in candidates[:_VOTING_CANDIDATES]
    )


def _keep_to_the_qualified_readings(groups: Sequence[_Group], senses: Mapping[int, int]) -> None:
    """A place of a name the text told apart by its qualifiers is read only as what they fit
    ("Plymouth, England" in a story from Plymouth, Mass.: the English city, whatever the focus);
    one told apart as the city of a province's name, only as a city; as a river, as one."""
    for group in groups:
        if not any(id(match) in senses for match in group.matches):
            continue
        fitting = [c for c in group.candidates if group.qualifiers & _qualified_codes(c)]
        if fitting:
            group.candidates = fitting
        if senses.get(id(group.matches[0])) == _CITY_SENSE:
            group.candidates = _the_city_readings(group, bool(fitting)) or group.candidates
        elif senses.get(id(group.matches[0])) == _RIVER_SENSE:
            group.candidates = [
                c for c in group.candidates if c.feature_class == FeatureClass.RIVER
            ] or group.candidates


def _the_city_readings(group: _Group, qualified: bool) -> list[Candidate]:
    """The readings of a name told apart as a city: its cities inside the areas the text puts
    it in ("Al Qubbah (Al Qubbah, Derna)"), or those its qualifiers fit, or else those in the
    countries whose provinces are named for their capitals (none: the group reads on)."""
    cities = [c for c in group.candidates if c.feature_class == FeatureClass.CITY]
    if group.held:
        areas = {(area.country_code, area.admin1_code) for area in group.held}
        return [c for c in cities if (c.country_code, c.admin1_code) in areas]
    return cities if qualified else _the_capitals(cities)


# How far outside the province the text names a reading of the place may lie: coded
# first-order areas and the areas' outlines disagree near their borders (Abu Ghraib is
# Baghdad's in GeoNames, Anbar's by Natural Earth's outline).
_HOLDING_AREA_SLACK_KM = 25.0
_HOLDING_CLASSES = frozenset(
    {FeatureClass.ADMIN1, FeatureClass.ADMIN2, FeatureClass.REGION, FeatureClass.CITY}
)
_IN_GAP = re.compile(r"\s+in\s+", re.IGNORECASE)
# "X, a working-class town south-west of Y", "X, about 40 km north of Y", "X, north-east of
# the capital Y": an apposition that puts X some way off Y in a direction
_BEARING_GAP = re.compile(
    r",\s+(?:(?:an?|the)\s+(?:[\w-]+\s+){0,4}?"
    rf"{alternation((*_WORDS.city_words, *_WORDS.part_words))}\s+)?"
    rf"(?:{alternation(_WORDS.approximations)}\s+)?"
    r"(?:(?P<distance>\d[\d,.]*)\s*(?P<unit>km|kilometres|kilometers|miles)\s+)?"
    rf"{alternation(_WORDS.bearings)}(?:ern)?\s+of\s+"
    r"(?:the\s+)?(?:(?:capital|city|town)\s+(?:of\s+)?)?",
    re.IGNORECASE,
)
# "al-Zahra, a mainly Alawite neighbourhood in the eastern part of Homs", "Kafr Nabl, a town
# in southern Idlib", "al-Houta, the capital of Lahij governorate": an apposition that puts
# the place in another
_PART_APPOSITION_GAP = re.compile(
    r",\s+(?:(?:an?|the)\s+(?:[\w-]+\s+){0,4}?"
    rf"{alternation((*_WORDS.city_words, *_WORDS.part_words))}\s+in\s+(?:the\s+)?"
    rf"(?:{alternation(_WORDS.directions)}\s+"
    r"(?:(?:part|parts|outskirts|suburbs|side|countryside)\s+of\s+(?:the\s+)?)?)?"
    r"(?:(?:capital|city|town)\s+of\s+)?"
    r"|(?:the\s+)?(?:[\w-]+\s+)?capital\s+of\s+(?:the\s+)?)",
    re.IGNORECASE,
)
# How far off the place it lies a town so placed may be (a province's breadth), or half as far
# again as the distance the text gives ("about 186 miles southeast of Alliance")
_BEARING_REACH_KM = 300.0
_RANK_IN = re.compile(rf"\b{alternation(_WORDS.rank_words)}\b", re.IGNORECASE)
_KM_PER_MILE = 1.609344
# The readings of the place it lies off: those within this of its likeliest ("Tehran" is the
# city, not a village of Isfahan; "Alliance" any of two towns of some size)
_LIKELY_MARGIN = 1.0


def _bearing_reach(found: re.Match[str]) -> float:
    if found["distance"] is None:
        return _BEARING_REACH_KM
    km = float(found["distance"].replace(",", ""))
    if found["unit"].lower() == "miles":
        km *= _KM_PER_MILE
    return max(_BEARING_REACH_KM, 1.5 * km)


def _likely_towns(match: Match) -> list[Candidate]:
    """The town readings of a name within ``_LIKELY_MARGIN`` of its likeliest reading (a
    river's or a range's point says nothing of how far a town lies from it)."""
    if not match.candidates:
        return []
    best = max(c.importance for c in match.candidates)
    return [
        c
        for c in match.candidates
        if c.feature_class == FeatureClass.CITY and c.importance >= best - _LIKELY_MARGIN
    ]


_OF_GAP = re.compile(r"\s+of\s+")
_LIST_GOES_ON = re.compile(r",?\s+(?:and|or|&)\s+[A-Z]")
_A_LIST_GOES_ON = re.compile(r",?\s+(?:and|or|&)\s+[A-Z]|,\s*[A-Z]")
_COMMA_GAP = re.compile(r"\s*,\s*")
_NAME_GOES_ON = re.compile(r" [A-Z]")
_PART_OF_GAP = re.compile(
    rf"\s+{alternation(_WORDS.part_words)}\s+of\s+(?:the\s+)?(?:{alternation(_WORDS.directions)}\s+)?",
    re.IGNORECASE,
)
# A name with a reading this large is no place a text puts in an area that does not hold it:
# "Tunis, Libya and Egypt" is a list.
_LARGE_PLACE = 6.0
_LIST_OF_AREAS = frozenset({FeatureClass.ADMIN1, FeatureClass.COUNTRY, FeatureClass.CONTINENT})


def _keep_inside_the_holding_areas(
    groups: Sequence[_Group], km_outside: Callable[[int, float, float], float]
) -> None:
    """A place the text puts in a province ("al-Rami, Idlib province", "Joseph in Idlib
    governorate"), a region or a city ("Kabani in Jabal al-Akrad") is a place of it: where
    the gazetteer has no reading of the name in or near it, the name stays unresolved (the
    events stage places what happened there at the area) instead of reading a namesake
    hundreds of kilometres off. A reading with no first-order area (a river, a region, a
    range) may lie in it. A name with a reading of first order or larger is the first of a
    list of areas ("in Riau, Jambi province and Central Kalimantan"), unless the text calls
    it a part of the place ("the Karrada district of Baghdad": not Karaj)."""
    for group in groups:
        if not (group.held and group.candidates) or (
            not group.part_of_the_held
            and any(
                c.feature_class in _LIST_OF_AREAS or c.importance >= _LARGE_PLACE
                for c in group.candidates
            )
        ):
            continue
        areas = {area.position: area for area in group.held}.values()
        pairs = [(candidate, area) for candidate in group.candidates for area in areas]
        # the codes first: a distance to an outline is worked out only when no code says
        if not any(_coded_in(c, a) for c, a in pairs) and not any(
            _near(c, a, km_outside) for c, a in pairs
        ):
            group.candidates = []
            group.outside_the_holding_area = True
        elif group.part_of_the_held and not group.qualifiers:
            # "al-Houta, the capital of Lahij governorate": Lahij's, not Hadramawt's Hawtah
            # (not where another mention is qualified: "BILASPUR, Himachal Pradesh — ...
            # Bilaspur, the much larger city in Chhattisgarh")
            group.candidates = [
                c
                for c in group.candidates
                if any(_coded_in(c, a) or _near(c, a, km_outside) for a in areas)
            ]


def _county_readings(qualifier: Match) -> list[Candidate]:
    """The readings of a qualifier that are counties with an outline: first-order areas
    finer than GeoNames' (Natural Earth's English and Irish counties, which carry no GeoNames
    code: "Somerset" is in England). GeoNames' second-order areas have only a point, and a
    county's reach round it takes in its neighbours' towns."""
    return [c for c in qualifier.candidates[:_VOTING_CANDIDATES] if _outlined_county(c)]


def _outlined_county(area: Candidate) -> bool:
    return (
        area.feature_class == FeatureClass.ADMIN1
        and area.admin1_code is None
        and area.name_kind != NameKind.VARIANT
    )


# A town on a county's outline is in it (Natural Earth's coast and GeoNames' point differ by a
# few km); the holding slack of a province would take in the next county's towns.
_IN_COUNTY_SLACK_KM = 5.0
# ... but a country's or region's name is a village of the county only inside it (outlines
# and points still disagree by a few hundred metres on a coast)
_PRIME_IN_COUNTY_SLACK_KM = 1.0


def _in_county(
    town: Candidate,
    county: Candidate,
    km_outside: Callable[[int, float, float], float],
    slack: float = _IN_COUNTY_SLACK_KM,
) -> bool:
    """The town lies in the county, or within ``slack`` km of its outline."""
    return km_outside(county.position, town.lat, town.lon) <= slack


def _find_the_towns_in_the_named_counties(
    groups: Sequence[_Group], km_outside: Callable[[int, float, float], float]
) -> None:
    """ "Wellington, Somerset", "RICHMOND, North Yorkshire": the county names no first-order
    area of GeoNames, so the state's codes cannot tell the town of it from its namesakes in
    the same country; its outline can."""
    for group in groups:
        if not group.counties:
            continue
        group.in_the_named_county = frozenset(
            town.id
            for town in group.candidates[:_SCORED_CANDIDATES]
            if town.feature_class == FeatureClass.CITY
            and any(_in_county(town, county, km_outside) for county in group.counties)
        )


def _keep_within_reach_of_the_bearing(groups: Sequence[_Group]) -> None:
    """A town the text puts some way off another ("Baharestan, a working-class town south-west
    of Tehran") lies within a province's breadth of it (Yuendumu, "north-west of Alice
    Springs", 290 km): no namesake 343 km off in Isfahan."""
    for group in groups:
        if not (group.bearing_from and group.candidates):
            continue
        kept = [c for c in group.candidates if _near_any(c, group.bearing_from, group.bearing_km)]
        if not kept:
            group.too_far_off = True
        group.candidates = kept


def _drop_far_spellings(
    groups: Sequence[_Group], nearest_spelling: Callable[[int, str], float]
) -> None:
    """A romanisation variant reading is as near the text's spelling as the nearest of its
    names sharing the key (``Gazetteer.nearest_spelling``: "Tooz" is Tuz Khurmatu's "Tuz"),
    and is kept only where that is near enough."""
    for group in groups:
        written = group.matches[0].text
        for c in group.candidates:
            if c.name_kind == NameKind.VARIANT:
                group.spellings[c.position] = nearest_spelling(c.position, written)
        _spell_areas_as_their_seats(group)
        kept = [
            c
            for c in group.candidates
            if group.spellings.get(c.position, 0.0) <= _FARTHEST_SPELLING
        ]
        if group.candidates and not kept:
            group.spelt_far = True
        group.candidates = kept


def _spell_areas_as_their_seats(group: _Group) -> None:
    """An admin-1 area read by a variant is spelt as near as its seat, a city in it read by
    the same name: "Hodeidah" is the city's own alternate name, and the governorate named for
    it is no farther from the text ("Hodeidah governorate")."""
    seats: dict[str, float] = {}
    for c in group.candidates:
        if c.feature_class == FeatureClass.CITY and c.admin1_code is not None:
            spelt = _spelling_distance(group, c)
            seats[c.admin1_code] = min(spelt, seats.get(c.admin1_code, spelt))
    for c in group.candidates:
        seat = seats.get(c.admin1_code or "")
        variant_area = c.feature_class == FeatureClass.ADMIN1 and c.name_kind == NameKind.VARIANT
        if variant_area and seat is not None:
            group.spellings[c.position] = min(group.spellings[c.position], seat)


def _coded_in(candidate: Candidate, area: Candidate) -> bool:
    if candidate.position == area.position or (
        candidate.admin1_code is None and candidate.feature_class != FeatureClass.CITY
    ):
        return True  # the area itself; a river, a sea, a region or a range may cross it
    return _inside(candidate, area)


def _near(
    candidate: Candidate, area: Candidate, km_outside: Callable[[int, float, float], float]
) -> bool:
    """Within reach of the area: a city's quarters and suburbs, the border of an area (the
    Golan, the Shebaa Farms)."""
    if area.feature_class == FeatureClass.CITY:
        km = great_circle_km(candidate.lat, candidate.lon, area.lat, area.lon)
    else:
        km = km_outside(area.position, candidate.lat, candidate.lon)
    if (
        candidate.feature_class == FeatureClass.CITY
        and area.country_code is not None
        and candidate.country_code != area.country_code
    ):
        # a town across a border is no town of the province ("Chaldoran, West Azerbaijan
        # province" is no Çaldıran of Turkey, 20 km from Iran): only the outlines' slack
        return km <= _IN_COUNTY_SLACK_KM
    return km <= _HOLDING_AREA_SLACK_KM


def _qualified_places(named: Sequence[Match], found: _Qualifications) -> list[list[Match]]:
    """The qualified mentions of one name, gathered by the readings their qualifiers fit:
    mentions whose fitting readings overlap are one place."""
    places: list[tuple[set[str], list[Match]]] = []
    for match in named:
        codes = found.qualifiers.get(id(match))
        if not codes:
            continue
        fits = {c.id for c in match.candidates if codes & _qualified_codes(c)}
        if not fits:
            continue
        same = next((place for place in places if place[0] & fits), None)
        if same is None:
            places.append((fits, [match]))
        else:
            same[0].update(fits)
            same[1].append(match)
    return [mentions for _, mentions in places]


def _area_codes(candidate: Candidate) -> set[str]:
    if candidate.feature_class == FeatureClass.COUNTRY and candidate.country_code:
        return {candidate.country_code}
    if candidate.feature_class == FeatureClass.ADMIN1 and candidate.admin1_code:
        return {candidate.admin1_code}
    return set()


def _contribution(group: _Group) -> tuple[Weights, Weights]:
    """What one name adds to the document focus: its likely country and admin-1 area."""
    countries: Weights = defaultdict(float)
    admin1: Weights = defaultdict(float)
    if not group.candidates or group.kind == MentionKind.ORGANISATION:
        # "Dublin City Council": a body's name says whose; the place inside it counts once,
        # as a mention of its own, not again as the body's
        return countries, admin1
    best = group.candidates[0]
    if best.feature_class == FeatureClass.CITY and not best.population:
        return countries, admin1  # a place of unknown size ranks on a guess: no steer
    weight = float(len(group.matches))
    # Too ambiguous to steer the others unless the rivals that would steer elsewhere rank
    # well below: Montreal's city and its region agree on Canada and Quebec.
    if best.country_code and _clear_of(best, group.candidates, _same_country):
        countries[best.country_code] += weight
    if best.admin1_code and _clear_of(best, group.candidates, _same_admin1):
        share = 1.0 if best.feature_class == FeatureClass.ADMIN1 else 0.5
        admin1[best.admin1_code] += weight * share
    return countries, admin1


def _same_country(one: Candidate, other: Candidate) -> bool:
    return one.country_code == other.country_code


def _same_admin1(one: Candidate, other: Candidate) -> bool:
    return _same_country(one, other) and one.admin1_code == other.admin1_code


def _clear_of(
    best: Candidate, candidates: Sequence[Candidate], agree: Callable[[Candidate, Candidate], bool]
) -> bool:
    """Whether the best candidate leads every rival that disagrees with it by a point (the
    candidates come best prior first, so the first rival that disagrees is the strongest)."""
    if best.feature_class in _LARGE_CLASSES:
        return True
    within = best.importance - 1.0
    for candidate in itertools.islice(candidates, 1, None):
        if candidate.importance <= within:
            return True
        if not agree(best, candidate):
            return False
    return True


def _focus(groups: Sequence[_Group]) -> tuple[_Focus, dict[int, tuple[Weights, Weights]]]:
    focus = _Focus(defaultdict(float), defaultdict(float))
    contributions: dict[int, tuple[Weights, Weights]] = {}
    for group in groups:
        _cast_votes(group)
        focus.voters += 1
        for code, vote in group.admin1_votes.items():
            focus.admin1_votes[code] += vote
        for code, vote in group.country_votes.items():
            focus.country_votes[code] += vote
        countries, admin1 = _contribution(group)
        contributions[id(group)] = (countries, admin1)
        for code, weight in countries.items():
            focus.countries[code] += weight
        for code, weight in admin1.items():
            focus.admin1[code] += weight
    focus.country_total = sum(focus.countries.values())
    focus.admin1_total = sum(focus.admin1.values())
    return focus, contributions


def _distance_km(a: Candidate, b: Candidate) -> float:
    return _distance_between(a.lat, a.lon, b.lat, b.lon)


@functools.lru_cache(maxsize=1 << 16)
def _distance_between(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> float:
    """Great-circle km; memoised because the coherence pass asks about the same pairs."""
    return great_circle_km(lat_a, lon_a, lat_b, lon_b)


def _coherence(candidate: Candidate, anchors: Sequence[Candidate]) -> float:
    if not anchors or candidate.feature_class in _LARGE_CLASSES:
        return 0.0
    lat, lon = candidate.lat, candidate.lon  # _distance_km without a call per pair
    closeness = [
        # a country's point is no place to be near: being in the country is the closeness
        1.0
        if anchor.feature_class == FeatureClass.COUNTRY
        and anchor.country_code == candidate.country_code
        else math.exp(-_distance_between(lat, lon, anchor.lat, anchor.lon) / _COHERENCE_KM)
        for anchor in anchors
    ]
    return sum(closeness) / len(closeness)


def _score(
    candidate: Candidate,
    group: _Group,
    focus: _Focus,
    exclude: tuple[Weights, Weights],
    reasons: list[str] | None = None,
) -> float:
    """The candidate's score without coherence; ``reasons`` (if given) says why."""
    score = candidate.importance
    # a country needs no focus to be read, but where two share the name ("Congo", "Korea")
    # the text's other places tell them apart
    large = candidate.feature_class in _LARGE_CLASSES and not (
        group.rival_countries and candidate.feature_class == FeatureClass.COUNTRY
    )
    if reasons is not None:
        if candidate.name_kind == NameKind.VARIANT:
            reasons.append(f"romanisation variant of {candidate.name}")
        reasons.append(f"prior {candidate.importance:.1f} ({candidate.feature_class.value})")
        if candidate.id in FORMER_STATES:
            reasons.append("a former state, placed on the states that succeeded it")
    country_share = 0.0 if large else focus.country_share(candidate.country_code, exclude[0])
    if country_share:
        score += WEIGHTS["country_focus"] * country_share
        if reasons is not None:
            reasons.append(f"document focus {candidate.country_code} ({country_share:.0%})")
    admin1_share = (
        0.0 if large else focus.admin1_share(candidate.admin1_code, exclude[1], exclude[0])
    )
    if admin1_share:
        score += WEIGHTS["admin1_focus"] * admin1_share
        if reasons is not None:
            reasons.append(f"document focus {candidate.admin1_code} ({admin1_share:.0%})")
    if group.qualifiers and group.qualifiers & _qualified_codes(candidate):
        score += WEIGHTS["qualifier"]
        if reasons is not None:
            reasons.append("qualified by the name that follows it")
    if candidate.id in group.in_the_named_county:
        score += WEIGHTS["qualifier"]
        if reasons is not None:
            reasons.append("lies in the county named after it")
    if _holds_the_qualified(group, candidate):
        score += WEIGHTS["qualifier"]
        if reasons is not None:
            reasons.append("qualifies a place that lies in it")
    if group.among_admin1 and candidate.feature_class == FeatureClass.ADMIN1:
        score += WEIGHTS["admin1_list"]
        if reasons is not None:
            reasons.append("listed with first-order areas")
    if (
        group.among_countries
        and candidate.feature_class == FeatureClass.COUNTRY
        and reasons is not None
    ):
        reasons.append("listed with countries")
    if group.among_large_cities and _large_city(candidate):
        score += WEIGHTS["large_city_list"]
        if reasons is not None:
            reasons.append("listed with large cities")
    if candidate.id in group.in_named_county and candidate.id not in group.in_the_named_county:
        score += WEIGHTS["named_county"]
        if reasons is not None:
            reasons.append("the county it lies in named in the text")
    if reasons is not None and group.whose & {candidate.country_code, candidate.admin1_code}:
        reasons.append(
            "its country or state named beside it ('the X state of', \"Uganda's\", 'the "
            "Chilean capital')"
        )
    if not large:
        admin1_support, country_support = focus.support(group, candidate)
        if admin1_support >= 0.05:
            score += WEIGHTS["admin1_support"] * admin1_support
            if reasons is not None:
                reasons.append(f"other names fit {candidate.admin1_code} ({admin1_support:.0%})")
        score += WEIGHTS["country_support"] * country_support
    if group.after_preposition:
        score += WEIGHTS["place_preposition"]
        if reasons is not None:
            reasons.append("after 'in', 'near'...")
        if len(group.candidates) == 1:
            score += WEIGHTS["sole_reading"]
            if reasons is not None:
                reasons.append("the name's only reading")
    if candidate.name_kind == NameKind.VARIANT:
        distance = _spelling_distance(group, candidate)
        score -= WEIGHTS["variant_spelling"] * (distance - _nearest_spelling(group))
        if reasons is not None:
            reasons.append(f"spelling distance {distance:.2f}")
    if candidate.name_kind == NameKind.NAME:
        score += WEIGHTS["own_name"]
    elif (
        (candidate.name_kind == NameKind.ALT and group.has_own_name)
        or (candidate.name_kind == NameKind.VARIANT and group.has_exact_name)
    ) and not _seat_of_a_reading(candidate, group):
        score -= WEIGHTS["alt_name_penalty"]
    if (
        candidate.feature_class == FeatureClass.ADMIN1
        and candidate.country_code in group.country_codes
        and not group.says_admin
    ):
        # "In Guatemala": the country, not its department of that name (which the
        # country's other places would otherwise bring into focus)
        score -= WEIGHTS["admin_word"]
    if group.says_admin:
        if candidate.feature_class in _ADMIN:
            score += WEIGHTS["admin_word"]
            if reasons is not None:
                reasons.append("an administrative word beside it ('province', 'countryside')")
        elif candidate.feature_class == FeatureClass.CITY and group.has_area:
            score -= WEIGHTS["admin_word"] / 2  # "Afrin countryside": the city, if no area
    if group.says_city:
        if candidate.feature_class == FeatureClass.CITY:
            score += WEIGHTS["admin_word"]
            if reasons is not None:
                reasons.append(
                    "called a city, town or village ('Gaza City', 'the town of', a dateline)"
                )
        elif candidate.feature_class in _ADMIN:
            score -= WEIGHTS["admin_word"] / 2
    if group.says_country and candidate.feature_class == FeatureClass.COUNTRY:
        score += WEIGHTS["country_apposition"]
        if reasons is not None:
            reasons.append("an apposition calls it a country ('the former Soviet republic')")
    if group.says_border and candidate.feature_class == FeatureClass.COUNTRY:
        score += WEIGHTS["border"]
        if reasons is not None:
            reasons.append("a frontier's word beside it ('the border with')")
    if group.says_town and candidate.feature_class in _PRIME_CLASSES and group.has_town:
        score -= WEIGHTS["town_words"]  # (with no town to read, the words mean another place)
    if group.river_after and group.has_river:
        # "the Tocantins river": the river, not the state named after it
        if candidate.feature_class == FeatureClass.RIVER:
            score += WEIGHTS["admin_word"]
            if reasons is not None:
                reasons.append("'river' written after it ('the Tocantins river')")
        else:
            score -= WEIGHTS["admin_word"] / 2
    elif group.the_bare_name and group.has_water and group.has_land:
        if candidate.feature_class in _WATER and reasons is not None:
            reasons.append("'the' before its bare name, as a river's ('south of the Elbe')")
    elif candidate.feature_class in _WATER and not group.says_water and group.has_land:
        score -= WEIGHTS["bare_water_penalty"]
        if group.after_preposition and not group.in_a_longer_name:
            score -= WEIGHTS["water_after_preposition"]
    if (
        group.names_open_water
        and group.has_water
        and candidate.feature_class not in _WATER
        and not group.says_admin
    ):
        score -= WEIGHTS["open_water_name"]
    return score


def _seat_of_a_reading(candidate: Candidate, group: _Group) -> bool:
    """A city in an admin-1 area that the name also reads as: the area's seat, named like it
    under another spelling ("Ta'izz" is the area's own name and the city Taiz's alternate;
    "Omran" the area Amran's alternate and a variant of the city 'Amran). The spelling does
    not make the area likelier than its seat."""
    city = candidate.feature_class == FeatureClass.CITY
    return city and candidate.admin1_code in group.area_codes


def _qualified_codes(candidate: Candidate) -> set[str | None]:
    """The areas whose name after a place qualifies ``candidate``: its country's and its
    admin-1 area's, but an area is not qualified by its own name ("Daraa, Daraa province",
    ACLED's "(Hama, Hama)": the city in it)."""
    if candidate.feature_class == FeatureClass.ADMIN1:
        return {candidate.country_code}
    return {candidate.country_code, candidate.admin1_code}


def _spelling_distance(group: _Group, candidate: Candidate) -> float:
    known = group.spellings.get(candidate.position)
    return spelling_distance(group.matches[0].text, candidate.name) if known is None else known


def _nearest_spelling(group: _Group) -> float:
    """The spelling distance of the name's nearest variant reading: the others are weighed
    against it, so that spelling chooses among variants, not against an exact name."""
    if group.nearest_spelling is None:
        group.nearest_spelling = min(
            (
                _spelling_distance(group, c)
                for c in group.candidates[:_SCORED_CANDIDATES]
                if c.name_kind == NameKind.VARIANT
            ),
            default=0.0,
        )
    return group.nearest_spelling


def _rank_by_base_score(group: _Group, focus: _Focus, exclude: tuple[Weights, Weights]) -> None:
    """Score the candidates without coherence, best first (ties keep the gazetteer's order)."""
    group.base = sorted(
        (
            (_score(c, group, focus, exclude), position)
            for position, c in enumerate(group.candidates[:_SCORED_CANDIDATES])
        ),
        key=lambda item: (-item[0], item[1]),
    )


def _choose(
    group: _Group, focus: _Focus, exclude: tuple[Weights, Weights], anchors: Sequence[Candidate]
) -> None:
    if not group.base:
        group.choice = None
        group.reasons = [
            f"no reading of the name lies in or near {group.held[0].name}, where the text puts it"
            if group.outside_the_holding_area
            else f"no reading of the name lies within {group.bearing_km:.0f} km of "
            f"{group.bearing_from[0].name}, where the text puts it"
            if group.too_far_off
            else "every reading is a romanisation variant spelt far from it"
            if group.spelt_far
            else "no gazetteer candidate"
        ]
        return
    # Coherence adds at most its weight, so only candidates within that of the best (and the
    # first few, for the runner-up) can change the outcome; the rest keep their base score.
    candidates = group.candidates
    reach = group.base[0][0] - WEIGHTS["coherence"]
    scored = sorted(
        (
            (
                score + WEIGHTS["coherence"] * _coherence(candidates[position], anchors)
                if anchors and (score >= reach or rank < 3)
                else score,
                position,
            )
            for rank, (score, position) in enumerate(group.base)
        ),
        key=lambda item: (-item[0], item[1]),
    )
    allowed = [item for item in scored if _allowed(group, candidates[item[1]])]
    if not allowed:  # (the readings that fit what the text says of it were spelt far)
        group.choice, group.reasons = None, ["no reading fits what the text says of it"]
        return
    best_score, best_position = allowed[0]
    best = candidates[best_position]
    reasons: list[str] = []
    _score(best, group, focus, exclude, reasons)
    if group.by_side:
        group.supported = bool(
            group.qualifiers & {best.country_code, best.admin1_code}
            or focus.country_share(best.country_code, exclude[0])
            or focus.support(group, best)[1]
        )
    reasons.extend(_prior_reasons(group, best, candidates[scored[0][1]]))
    group.choice, group.score, group.reasons = best, best_score, reasons
    group.runner_up = allowed[1][0] if len(allowed) > 1 else None


# A county's point is the population centre of its towns: the town a story names with its
# county lies this near (Lebanon 11 km from Wilson County's, China 19 km from Kennebec's); a
# town of the next county does not (Lebanon, Pennsylvania, 30 km from Lancaster County's).
_COUNTY_REACH_KM = 20.0
_COUNTY_WORD = re.compile(r"\b(?:county|parish|borough)\b", re.IGNORECASE)


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)")
_LARGE_CITY_PRIOR = 5.0  # 100,000 people


def _marked_by_their_lists(
    text: str,
    matches: Sequence[Match],
    groups: Sequence[_Group],
    focus: _Focus,
    contributions: dict[int, tuple[Weights, Weights]],
) -> list[_Group]:
    """The names a list speaks for, marked to be ranked again: a name listed only with names
    read as large cities ("fans from as far as Atlanta and Nashville", "from Buffalo and
    Pittsburgh and Cleveland") that a large city has as its name, a mark kept when the
    coherence pass would pull it to a village of the story's region ("flights link Oaxaca
    with Mexico City, Houston and Los Angeles"); a name listed only with first-order areas
    that one has as its name ("Ohio, Michigan and Ontario"); and a name listed only with
    countries that a country has as its name ("from as far as Mexico and Ukraine")."""
    marked = []
    for listed in _lists(text, matches, groups):
        besides = _main_country_besides(listed, focus, contributions)
        for group in listed:
            others = [other for other in listed if other is not group]
            if not others:
                continue  # "(Isfahan, Isfahan)": ACLED's chain, the name listed with itself
            if (
                group.choice is not None
                and _could_be_a_large_city(group)
                and all(_could_be_a_large_city(other) for other in others)
                and any(_large_city(other.choice) for other in others if other.choice)
            ):
                group.among_large_cities = True
                # abroad: beyond the country the text's other names speak for, or, where
                # they name none, beyond the small reading's
                home = besides or group.choice.country_code
                group.among_cities_abroad = not _large_city(group.choice) and any(
                    other.choice is not None and other.choice.country_code != home
                    for other in others
                )
                marked.append(group)
            elif (
                group.choice is not None
                and group.choice.feature_class != FeatureClass.ADMIN1
                and any(c.feature_class == FeatureClass.ADMIN1 for c in group.candidates)
                and all(_an_admin1(other) for other in others)
            ):
                # "Ohio, Michigan and Ontario have agreed": the province, not the Californian
                # city a story from Toledo would make of it
                group.among_admin1 = True
                marked.append(group)
            elif any(_a_country_by_name(c) for c in group.candidates) and all(
                _a_country(other) for other in others
            ):
                # "performers from as far as Mexico and Ukraine": the country, though the
                # story's own county holds a Mexico (marked even where the country is read
                # already, for the coherence pass to keep it)
                group.among_countries = True
                if not _a_country(group):
                    marked.append(group)
    return marked


def _main_country_besides(
    listed: Sequence[_Group], focus: _Focus, contributions: dict[int, tuple[Weights, Weights]]
) -> str | None:
    """The country the text's other names (not the list's) speak for most, if any."""
    weights = dict(focus.countries)
    for group in {id(group): group for group in listed}.values():
        for code, weight in contributions[id(group)][0].items():
            weights[code] = weights.get(code, 0.0) - weight
    best = max(weights, key=weights.__getitem__, default=None)
    return best if best is not None and weights[best] > 1e-9 else None


def _could_be_a_large_city(group: _Group) -> bool:
    """Read as a large city, or as a town or area where a large city has the name too ("in
    Chicago and Melbourne and São Paulo", before the list has ranked them again)."""
    choice = group.choice
    return choice is not None and (
        _large_city(choice)
        or (
            choice.feature_class in (FeatureClass.CITY, FeatureClass.ADMIN1)
            and any(_large_city(c) for c in group.candidates)
        )
    )


def _a_country_by_name(candidate: Candidate) -> bool:
    return candidate.feature_class == FeatureClass.COUNTRY and candidate.name_kind == NameKind.NAME


def _a_country(group: _Group) -> bool:
    return group.choice is not None and group.choice.feature_class == FeatureClass.COUNTRY


def _an_admin1(group: _Group) -> bool:
    return group.choice is not None and group.choice.feature_class == FeatureClass.ADMIN1


def _lists(text: str, matches: Sequence[Match], groups: Sequence[_Group]) -> list[list[_Group]]:
    """The names written as lists: "A, B and C", "A and B", "A or B"."""
    group_of = {id(match): group for group in groups for match in group.matches}
    lists: list[list[_Group]] = []
    last: Match | None = None  # the last name of the list being read
    for left, right in itertools.pairwise(matches):
        if not _LIST_GAP.fullmatch(text, left.end, right.start):
            continue
        if lists and last is left:
            lists[-1].append(group_of[id(right)])
        else:
            lists.append([group_of[id(left)], group_of[id(right)]])
        last = right
    return lists


def _large_city(candidate: Candidate) -> bool:
    return (
        candidate.feature_class == FeatureClass.CITY and candidate.importance >= _LARGE_CITY_PRIOR
    )


def _attach_named_counties(groups: Sequence[_Group]) -> list[_Group]:
    """For each name, its towns in a county the text names with the county's word ("Wilson
    County" in a story about Lebanon, Tennessee; "Latah County" beside Moscow, Idaho): a
    vote for a town of that name in any reading of the county ("Henry County" is in many
    states; the pair of a town and its county that fit is the evidence for both), and for
    a name of a country, state or sea, evidence as specific as the state beside it if the
    county is resolved to the one that holds the town ("Fulton County" in a story about
    Atlanta holds no Mexico: the Mexico by Fulton County, Indiana, is no evidence). The
    groups given such towns are returned, to be ranked again."""
    counties = [
        group
        for group in groups
        if any(_COUNTY_WORD.search(match.key) for match in group.matches)
        and any(c.feature_class == FeatureClass.ADMIN2 for c in group.candidates)
    ]
    if not counties:
        return []
    readings = [
        county
        for group in counties
        for county in group.candidates
        if county.feature_class == FeatureClass.ADMIN2 and county.name_kind == NameKind.NAME
    ]
    chosen = [
        group.choice for group in counties if group.choice is not None and group.choice in readings
    ]
    changed = []
    for group in groups:
        towns = [
            town
            for town in group.candidates
            if town.feature_class == FeatureClass.CITY and town.name_kind == NameKind.NAME
        ]
        group.in_named_county = frozenset(t.id for t in towns if _in_one_of(t, readings))
        group.in_chosen_county = frozenset(t.id for t in towns if _in_one_of(t, chosen))
        if group.in_named_county:
            changed.append(group)
    return changed


def _attach_named_areas(
    groups: Sequence[_Group], km_outside: Callable[[int, float, float], float]
) -> list[_Group]:
    """For each name, its towns inside an area the text names that is finer than GeoNames'
    first-order areas (a second-order area, or one of Natural Earth's English counties,
    French departments, Italian and Philippine provinces, which carry no GeoNames code):
    "the festival at Canterbury" in a story that names Kent is Kent's city, as a town is its
    named county's (:func:`_attach_named_counties`). The groups given such towns are
    returned."""
    areas = [
        (group, area)
        for group in groups
        if group.choice is not None and _finer(group.choice)
        for area in group.candidates
        if _outlined_county(area)
        and area.name_kind == NameKind.NAME
        and area.country_code == group.choice.country_code
    ]
    if not areas:
        return []
    changed = []
    for group in groups:
        if any(_outlined_county(c) for c in group.candidates):
            continue  # the name is such an area itself ("Bulacan"), no town of another's
        inside = frozenset(
            town.id
            for town in group.candidates[:_SCORED_CANDIDATES]
            if town.feature_class == FeatureClass.CITY
            and town.name_kind == NameKind.NAME
            and any(
                named.key != group.key
                and town.country_code == area.country_code
                # a country's or region's name is a village only inside the named county,
                # not by its edge ("north Wales" in a story naming Derbyshire is no village
                # of South Yorkshire 4 km from it)
                and _in_county(
                    town,
                    area,
                    km_outside,
                    _PRIME_IN_COUNTY_SLACK_KM if group.prime else _IN_COUNTY_SLACK_KM,
                )
                for named, area in areas
            )
        )
        if inside:
            group.in_named_county |= inside
            group.in_chosen_county |= inside
            changed.append(group)
    return changed


def _finer(area: Candidate) -> bool:
    """An area finer than GeoNames' first-order ones (its outline is the first-order reading
    of the name that has no GeoNames code: "Kent" is read as the county's second-order area
    of GeoNames and Natural Earth's county alike)."""
    return area.feature_class == FeatureClass.ADMIN2 or (
        area.feature_class == FeatureClass.ADMIN1 and area.admin1_code is None
    )


def _in_one_of(town: Candidate, counties: Sequence[Candidate]) -> bool:
    return any(
        county.admin1_code == town.admin1_code
        and _distance_between(town.lat, town.lon, county.lat, county.lon) <= _COUNTY_REACH_KM
        for county in counties
    )


def _homonym_evidence(group: _Group, candidate: Candidate) -> str | None:
    """What in the text names this smaller reading rather than the country, region or sea
    of the same name: its state or country after it, a town's or an area's word beside it."""
    prime = group.prime
    if (
        group.qualifiers & {candidate.country_code, candidate.admin1_code}
        and prime is not None
        and not group.qualifiers & {prime.country_code, prime.admin1_code}
    ):
        return "its state or country named after it"
    if group.among_countries:
        return None  # a list of countries outweighs the story's words for a town or county
    if candidate.feature_class == FeatureClass.CITY and (group.says_city or group.says_town):
        return "local copy's words for a town beside it ('the town of', 'police', an address)"
    if candidate.id in group.in_chosen_county:
        return "the county it lies in named in the text"
    if candidate.id in group.at_home:
        return "in the state of the text's other places, the region of the name abroad"
    if candidate.feature_class in _ADMIN and group.says_admin:
        return "'county' or another area's word beside it"
    return None


def _allowed(group: _Group, candidate: Candidate) -> bool:
    """A small homonym outside the name's country, first-order region or sea needs evidence
    ("China", Texas); a place inside it competes on the scores ("Kuwait" the city, "Aleppo"
    the city or its governorate), as does a large city."""
    if (
        group.whose
        and not group.whose & {candidate.country_code, candidate.admin1_code}
        and any(group.whose & {c.country_code, c.admin1_code} for c in group.candidates)
    ):
        return False  # "the Indian state of Punjab": not Pakistan's
    if (
        candidate.name_kind == NameKind.VARIANT
        and _spelling_distance(group, candidate) > _nearest_spelling(group) + _SPELLING_MARGIN
    ):
        return False  # "Radaa" is Rada', never Riyadh, however large
    if group.among_cities_abroad and candidate.feature_class == FeatureClass.CITY:
        # "sites in London and Boston", "in Chicago and Melbourne and São Paulo": a list of
        # world cities, not a village of the story's county among them
        return _large_city(candidate)
    if (
        group.the_bare_name
        and group.has_water
        and candidate.feature_class in _TOWNS
        and not (group.says_town or group.says_city)  # "the town of X" elsewhere
    ):
        return False  # "south of the Elbe,": English writes no "the" before a town's name
    prime = group.prime
    return (
        prime is None
        or candidate.feature_class in _PRIME_CLASSES
        or candidate.importance >= min(prime.importance, _LARGE_HOMONYM)
        or _inside(candidate, prime)
        or _homonym_evidence(group, candidate) is not None
    )


def _inside(candidate: Candidate, area: Candidate) -> bool:
    if area.feature_class == FeatureClass.COUNTRY:
        return candidate.country_code == area.country_code
    if area.feature_class == FeatureClass.ADMIN1:
        return area.admin1_code is not None and candidate.admin1_code == area.admin1_code
    return False


def _prior_reasons(group: _Group, chosen: Candidate, best_scored: Candidate) -> list[str]:
    """Which evidence won between the name's large reading and a small homonym."""
    prime = group.prime
    if prime is None:
        return []
    if chosen.feature_class in _PRIME_CLASSES and best_scored.feature_class not in _PRIME_CLASSES:
        where = best_scored.admin1_code or best_scored.country_code
        return [
            f"the name of {_KIND_WORDS[chosen.feature_class]}: the "
            f"{best_scored.feature_class.value} "
            f"{best_scored.name} ({where}) would need its state, county or 'the town of' "
            "beside it"
        ]
    evidence = _homonym_evidence(group, chosen)
    if evidence is not None and chosen.feature_class not in _PRIME_CLASSES:
        return [f"not the {prime.feature_class.value} {prime.name}: {evidence}"]
    return []


def _confidence(group: _Group) -> float:
    if group.choice is None:
        return 0.0
    margin = group.score - group.runner_up if group.runner_up is not None else 4.0
    support = min(1.0, group.score / 8.0)
    return round(max(0.05, min(0.99, (1 - 0.5 * math.exp(-margin)) * support)), 3)


def resolve_matches(
    text: str,
    matches: Sequence[Match],
    context: Sequence[Match] = (),
    geonameid_of: Callable[[str], int | None] | None = None,
    km_outside: Callable[[int, float, float], float] | None = None,
    nearest_spelling: Callable[[int, str], float] | None = None,
) -> list[Mention]:
    """Resolve recognised spans to mentions; unresolved ones keep their span and a reason.

    ``context`` matches (other places the text names) inform the focus and coherence but
    are not reported: gold-span evaluation resolves given spans with the whole text's help.
    ``geonameid_of`` gives a resolved entry's GeoNames id (``Gazetteer.geonameid_of``),
    ``km_outside`` how far a point lies outside an area (``Gazetteer.km_outside``): with it,
    a place the text puts in a province is read only where the province holds it;
    ``nearest_spelling`` how near a reading's names are spelt (``Gazetteer.nearest_spelling``):
    with it, a romanisation variant spelt far from every name of its reading is none.
    """
    reported = {id(match) for match in matches}
    everything = sorted([*matches, *context], key=lambda m: (m.start, m.end))
    found = _qualifications(text, everything)
    senses = _senses(text, everything, found)
    groups = _groups(text, everything, senses)
    _attach_qualifiers(groups, found)
    if nearest_spelling is not None:
        _drop_far_spellings(groups, nearest_spelling)
    if km_outside is not None:
        _keep_inside_the_holding_areas(groups, km_outside)
        _find_the_towns_in_the_named_counties(groups, km_outside)
    _keep_within_reach_of_the_bearing(groups)
    if senses:
        _keep_to_the_qualified_readings(groups, senses)
    focus, contributions = _focus(groups)
    for group in groups:
        _rank_by_base_score(group, focus, contributions[id(group)])
        _choose(group, focus, contributions[id(group)], ())
    marked = [
        *_attach_named_counties(groups),
        *(_attach_named_areas(groups, km_outside) if km_outside is not None else ()),
        *_marked_by_their_lists(text, everything, groups, focus, contributions),
    ]
    for group in {id(group): group for group in marked}.values():  # once each
        _rank_by_base_score(group, focus, contributions[id(group)])
        _choose(group, focus, contributions[id(group)], ())
    # Second pass: coherence with the confident choices (each name's confidence is kept up
    # to date as the pass re-chooses, instead of being recomputed for every pair).
    confident = [group.choice is not None and _confidence(group) >= 0.6 for group in groups]
    for position, group in enumerate(groups):
        if len(group.candidates) < 2:
            continue  # nothing to choose between: coherence cannot change the reading
        anchors = [
            other.choice
            for index, other in enumerate(groups)
            if confident[index] and index != position and other.choice is not None
        ]
        _choose(group, focus, contributions[id(group)], anchors)
        confident[position] = group.choice is not None and _confidence(group) >= 0.6
    _read_regions_abroad_as_towns_at_home(groups, focus, contributions)
    _keep_to_the_text_continents(groups, focus, contributions)
    _keep_near_the_text(groups, focus, contributions)
    _keep_a_river_s_towns_near_the_text(groups, focus, contributions)
    return sorted(
        (mention for group in groups for mention in _mentions(group, reported, geonameid_of)),
        key=lambda mention: (mention.start, mention.end),
    )


def _is_resolved(group: _Group) -> bool:
    return (
        group.choice is not None
        and not group.far_off
        and group.supported
        and (group.score >= WEIGHTS["min_score"] or bool(group.qualifiers))
    )


def _keep_to_the_text_continents(
    groups: Sequence[_Group], focus: _Focus, contributions: dict[int, tuple[Weights, Weights]]
) -> None:
    """A place on another continent than every other place of the text needs evidence of its
    own: a qualifier ("Turku, Finland"), its country named in the text, the prior of a large
    city ("Moscow"), or being the own name of a town with no reading on the text's
    continents near its towns ("Aleppo" in a report from Moscow; "Geneva" in a story from
    Darfur that names the United States). Failing that, the best candidate on the text's
    continents is taken, if it has the support; else the name stays unresolved ("Abo",
    Turku's Swedish name, is not Turku in a report from Idlib). Demonyms, and countries named
    only before a noun ("US forces"), count as the text's continents only for a name with a
    reading on theirs: "a Russian general killed in Deir Ezzor" keeps Deir Ezzor. The least
    confident go first, so that of two places far apart the stronger stays."""
    placed = [g for g in groups if g.kind != MentionKind.ORGANISATION and _is_resolved(g)]
    if len({g.choice.continent for g in placed if g.choice and g.choice.continent}) < 2:
        return  # most texts: one continent, nothing far off
    named = _countries_named(placed)
    weights: Weights = defaultdict(float)
    # A demonym says whose ("a Russian general", "the Lebanese army") more often than where:
    # it helps choose between a name's readings but alone puts no place far off.
    by_name: Weights = defaultdict(float)
    for group in placed:
        if group.choice is not None and group.choice.continent:
            weights[group.choice.continent] += _confidence(group)
            if group.kind == MentionKind.TOPONYM and not _says_whose(group):
                by_name[group.choice.continent] += _confidence(group)
    for group in sorted(placed, key=_confidence):
        choice = group.choice
        if (
            choice is None
            or group.kind != MentionKind.TOPONYM
            or not choice.continent
            or choice.feature_class in _LARGE_CLASSES
            # a first-order area by its own name: "birds fly from Alaska to New Zealand"; not
            # one named for a side ("two towns of that name in the South East": no district
            # of Singapore)
            or (
                choice.feature_class == FeatureClass.ADMIN1
                and choice.name_kind == NameKind.NAME
                and not _SIDE_NAME.fullmatch(choice.name)
            )
            or choice.importance >= _FAR_PRIOR
            or group.qualifiers
            or choice.country_code in named
            or group.among_cities_abroad  # "building sites in London and Boston"
        ):
            continue
        own = _confidence(group)
        weights[choice.continent] -= own
        by_name[choice.continent] -= own
        others = {continent for continent, weight in weights.items() if weight > 1e-9}
        named_elsewhere = any(weight > 1e-9 for weight in by_name.values())
        if (
            not others
            or choice.continent in others
            # across a continent's edge from the text's other places, not far from them
            # ("Gaza" in a story from Cairo is no province of Mozambique)
            or _near_any(choice, _other_towns(placed, group), FAR_KM)
            or not (named_elsewhere or any(c.continent in others for c in group.candidates))
            or (  # its own name, and no reading of it nearer: "Aleppo" in a report from Moscow
                _own_name_there(group, choice.continent)
                and not _a_reading_near_the_towns(group, others, _other_towns(placed, group))
            )
        ):
            weights[choice.continent] += own
            continue
        _choose_on(group, others, focus, contributions[id(group)])
        if _is_resolved(group) and group.choice is not None and group.choice.continent:
            weights[group.choice.continent] += _confidence(group)
            by_name[group.choice.continent] += _confidence(group)


# Other places of the text in one first-order area that make it the text's home, and how
# near one of its towns a town of the region's name must lie (Santa Fe is 90 km from Taos;
# Miranda 70 km from Aquidauana)
_HOME_PLACES = 2
_HOME_REACH_KM = 250.0


def _read_regions_abroad_as_towns_at_home(
    groups: Sequence[_Group], focus: _Focus, contributions: dict[int, tuple[Weights, Weights]]
) -> None:
    """A first-order region's name is that region unless the text says otherwise: a story
    whose places lie in one state, none in the region's country, says otherwise for a town
    of the name in that state ("prices climb toward those of Santa Fe" in a story from Taos,
    New Mexico, is no Argentine province; "a ranch near Miranda" in the Pantanal, no state
    of Venezuela). Countries keep their priors ("tariffs on China" in Texas)."""
    placed = [g for g in groups if g.kind != MentionKind.ORGANISATION and _is_resolved(g)]
    for group in placed:
        choice = group.choice
        if (
            choice is None
            or choice is not group.prime
            or choice.feature_class != FeatureClass.ADMIN1
            or group.qualifiers
            or group.whose
            or group.says_admin
            or group.among_admin1  # "Ohio, Michigan and Ontario have agreed"
        ):
            continue
        others = [g.choice for g in placed if g.key != group.key and g.choice is not None]
        if any(other.country_code == choice.country_code for other in others):
            continue  # "Mexican officials said ... in Sonora": the text is in the country
        named = [
            g.choice
            for g in placed
            if g.key != group.key and g.kind == MentionKind.TOPONYM and g.choice is not None
        ]
        areas = Counter(other.admin1_code for other in named if other.admin1_code)
        towns = [other for other in named if other.feature_class not in _PRIME_CLASSES]
        home = frozenset(
            town.id
            for town in group.candidates[:_SCORED_CANDIDATES]
            if town.feature_class == FeatureClass.CITY
            and town.name_kind == NameKind.NAME
            and town.admin1_code is not None
            and areas[town.admin1_code] >= _HOME_PLACES
            # near them, not anywhere in their state: "SAN DIEGO, Calif. — ... a warehouse in
            # Sonora" is no Sonora, California, 660 km off
            and _near_any(town, towns, _HOME_REACH_KM)
        )
        if not home:
            continue
        group.at_home = home
        before = (group.choice, group.score, group.reasons, group.runner_up)
        _choose_where(
            group,
            _one_of(home),
            focus,
            contributions[id(group)],
            ("a town of the state of the text's other places", "far from"),
        )
        if group.far_off:  # no town of it there scores enough: the region stays
            group.far_off, group.at_home = False, frozenset()
            group.choice, group.score, group.reasons, group.runner_up = before


def _one_of(ids: frozenset[str]) -> Callable[[Candidate], bool]:
    return lambda candidate: candidate.id in ids


def _a_reading_near_the_towns(
    group: _Group, continents: set[str], towns: Sequence[Candidate]
) -> bool:
    """Some reading of the name on ``continents`` lies near the text's towns, or the text
    names none: "a UN official in Geneva", in a story from Darfur that names the United
    States, is no town of Illinois, 9,000 km from every town the story names."""
    return any(
        c.continent in continents and (not towns or _near_any(c, towns, FAR_KM))
        for c in group.candidates
    )


def _other_towns(placed: Sequence[_Group], group: _Group) -> list[Candidate]:
    """The places of the text, other than ``group``'s, that put it somewhere physically:
    towns, areas and features, not the countries or continents it names."""
    return [
        g.choice
        for g in placed
        if g is not group
        and g.key != group.key
        and g.kind == MentionKind.TOPONYM
        and g.choice is not None
        and g.choice.feature_class not in _LARGE_CLASSES
        and _is_resolved(g)
    ]


def _countries_named(placed: Sequence[_Group]) -> set[str | None]:
    """The countries the text names among its resolved places (a qualifier of sorts for the
    towns in them)."""
    return {
        g.choice.country_code
        for g in placed
        if g.choice is not None and g.choice.feature_class == FeatureClass.COUNTRY
    }


def _own_name_there(group: _Group, continent: str) -> bool:
    """The name is the own name of an area or a town of some size on ``continent`` ("Aden"
    the city, when the text means its governorate, `Adan)."""
    return any(
        c.name_kind == NameKind.NAME
        and c.continent == continent
        and (c.feature_class != FeatureClass.CITY or c.importance >= _FAR_OWN_NAME_PRIOR)
        and not _SIDE_NAME.fullmatch(c.name)  # "South East", a district of Singapore
        for c in group.candidates
    )


def _says_whose(group: _Group) -> bool:
    """A country named only before nouns ("US forces", "a US patrol") is a demonym's use."""
    return (
        group.only_attributive
        and group.choice is not None
        and group.choice.feature_class == FeatureClass.COUNTRY
    )


def _choose_on(
    group: _Group, continents: set[str], focus: _Focus, exclude: tuple[Weights, Weights]
) -> None:
    """Re-choose the group among its candidates on ``continents``, or mark it far off."""
    _choose_where(
        group,
        lambda candidate: candidate.continent in continents,
        focus,
        exclude,
        ("on the continent of the text's other places", "on another continent than"),
    )


def _choose_where(
    group: _Group,
    fits: Callable[[Candidate], bool],
    focus: _Focus,
    exclude: tuple[Weights, Weights],
    why: tuple[str, str],
) -> None:
    """Re-choose the group among its candidates that fit, or mark it far off; ``why`` says
    what fitting is and where the far candidate lies against the text's other places."""
    far = group.choice
    for score, position in group.base:
        candidate = group.candidates[position]
        if fits(candidate) and score >= WEIGHTS["min_score"] and _allowed(group, candidate):
            reasons: list[str] = []
            _score(candidate, group, focus, exclude, reasons)
            reasons.append(why[0])
            runner_up = group.score
            group.choice, group.score, group.reasons = candidate, score, reasons
            group.runner_up = runner_up
            return
    group.far_off = True
    if far is not None:
        group.reasons = [
            f"best candidate {far.name} ({far.country_code}) is {why[1]} every other place of "
            "the text, with no qualifier or country named beside it"
        ]


def _keep_near_the_text(
    groups: Sequence[_Group], focus: _Focus, contributions: dict[int, tuple[Weights, Weights]]
) -> None:
    """A town abroad, farther than ``FAR_KM`` from the two or more other places the text
    names, none in its country, needs the evidence a place on another continent needs: a
    continent as large as Asia holds both a report's Sanandaj and a village of Japan ("Koya",
    Koysinjaq's short name, is not Kōya). The own name of a town of some size goes unchecked,
    as does a metropolis by any name; "Jibin", an alternate name of Yibin, is no reason to
    read a village of Hama in China.
    Such doubtful towns vouch for one another only within one first-order area, where the
    text has places beyond doubt: "Banda", "Run" and "Seram", in a story from Maluku, are no
    three towns of India that agree on India.
    Failing a reading near the others, the name stays unresolved."""
    named = _countries_named(
        [g for g in groups if g.kind != MentionKind.ORGANISATION and _is_resolved(g)]
    )
    placed = [
        g
        for g in groups
        if g.kind == MentionKind.TOPONYM and _is_resolved(g) and not _says_whose(g)
    ]
    doubted = {id(g) for g in placed if _doubtful(g, named)}
    vouching = _vouching(placed, doubted)
    for group in sorted(placed, key=_confidence):
        choice = group.choice
        if choice is None or not _is_resolved(group) or id(group) not in doubted:
            continue
        variant = choice.name_kind == NameKind.VARIANT
        anchors = _anchors(placed, group)
        supporters = [
            g.choice
            for g in placed
            if g.choice is not None
            and g.choice in anchors
            and (id(g) in vouching or _same_area(g.choice, choice))
        ]
        reach = _VARIANT_FAR_KM if variant else FAR_KM
        if (
            len(anchors) < 2
            or any(anchor.country_code == choice.country_code for anchor in supporters)
            or _near_any(choice, supporters, reach)
        ):
            continue
        _choose_where(
            group,
            functools.partial(_near_any, anchors=supporters, reach=reach),
            focus,
            contributions[id(group)],
            (f"within {reach:.0f} km of the text's other places", "far from"),
        )


def _doubtful(group: _Group, named: set[str | None]) -> bool:
    """A town (or, by a romanisation variant, any area: "a woman in Koyra", in a story from
    Bangladesh, is no Cairo) with nothing to vouch for it on its own: not the own name of the
    one town of some size so named ("Tortola" in a story from Florida), nor another name of a
    metropolis ("New Delhi" for Delhi), not qualified, its country not named."""
    choice = group.choice
    if choice is None:
        return False
    variant = choice.name_kind == NameKind.VARIANT
    return not (
        choice.feature_class not in (_VARIANT_AREAS if variant else _TOWNS)
        or (
            choice.importance >= _FAR_OWN_NAME_PRIOR
            and choice.name_kind == NameKind.NAME
            and not _a_namesake_of_its_size(group, choice)
        )
        or (choice.importance >= _FAR_METROPOLIS_PRIOR and not variant)
        or bool(group.qualifiers)
        or choice.country_code in named
    )


# A town named like the river the text names ("the Vakhsh river") stands in for it where it
# lies this near the text's other places (the river passes by); farther, it is another place.
_RIVER_TOWN_KM = 200.0


def _keep_a_river_s_towns_near_the_text(
    groups: Sequence[_Group], focus: _Focus, contributions: dict[int, tuple[Weights, Weights]]
) -> None:
    """ "along the Sajur river front line north of Manbij": the name is a river's; a town of
    it is read only near the text's other places (a village of Israel 465 km off is none)."""
    if not any(group.river_after for group in groups):
        return  # most texts
    placed = [g for g in groups if g.kind == MentionKind.TOPONYM and _is_resolved(g)]
    for group in placed:
        choice = group.choice
        if not group.river_after or choice is None or choice.feature_class not in _TOWNS:
            continue
        anchors = _anchors(placed, group)
        if not anchors or _near_any(choice, anchors, _RIVER_TOWN_KM):
            continue
        _choose_where(
            group,
            functools.partial(_near_any, anchors=anchors, reach=_RIVER_TOWN_KM),
            focus,
            contributions[id(group)],
            (f"a river's name, read as a town within {_RIVER_TOWN_KM:.0f} km", "far from"),
        )


def _anchors(placed: Sequence[_Group], group: _Group) -> list[Candidate]:
    """The text's other places (not a continent, a sea or a river, whose point says little of
    where the text is: the Nile's is its mouth, 300 km from Jordan's Karameh)."""
    return [
        g.choice
        for g in placed
        if g is not group
        and g.key != group.key
        and g.choice is not None
        and g.choice.feature_class != FeatureClass.CONTINENT
        and g.choice.feature_class not in _WATER
        and _is_resolved(g)
    ]


def _vouching(placed: Sequence[_Group], doubted: set[int]) -> set[int]:
    """The places that vouch for others: those beyond doubt, then each doubtful one in the
    country of, or within ``FAR_KM`` of, one that vouches (all of them, where none is beyond
    doubt: a story of small towns only)."""
    vouching = {id(g) for g in placed if id(g) not in doubted}
    if not vouching:
        return {id(g) for g in placed}
    waiting = [g for g in placed if id(g) in doubted and g.choice is not None]
    grew = True
    while grew:
        grew = False
        voices = [g.choice for g in placed if id(g) in vouching and g.choice is not None]
        for group in waiting:
            choice = group.choice
            assert choice is not None
            if id(group) in vouching:
                continue
            if any(v.country_code == choice.country_code for v in voices) or _near_any(
                choice, voices, FAR_KM
            ):
                vouching.add(id(group))
                grew = True
    return vouching


def _same_area(a: Candidate, b: Candidate) -> bool:
    return a.admin1_code is not None and (a.country_code, a.admin1_code) == (
        b.country_code,
        b.admin1_code,
    )


def _a_namesake_of_its_size(group: _Group, choice: Candidate) -> bool:
    """A town of another country bears the name and is about as large: "San Javier" is a town
    of Chile, of Spain and two of Argentina, and none of them the Medellín district a story
    means. (An area's prior runs below a town's of its population: only towns compare.)"""
    return choice.feature_class == FeatureClass.CITY and any(
        c.country_code != choice.country_code
        and c.name_kind == NameKind.NAME
        and c.feature_class == FeatureClass.CITY
        and c.importance > choice.importance - _NAMESAKE_MARGIN
        for c in group.candidates
    )


def _near_any(candidate: Candidate, anchors: Sequence[Candidate], reach: float) -> bool:
    return any(_distance_km(candidate, anchor) <= reach for anchor in anchors)


def _mentions(
    group: _Group, reported: set[int], geonameid_of: Callable[[str], int | None] | None
) -> list[Mention]:
    choice = group.choice
    resolved = _is_resolved(group)
    reason = "; ".join(group.reasons)
    if choice is not None and not resolved and not group.far_off:
        reason = (
            f"best candidate {choice.name} ({choice.country_code}) has too little support: {reason}"
        )
    geonameid = None
    if resolved and choice is not None and geonameid_of is not None:
        geonameid = geonameid_of(choice.id)
    mentions = []
    for match in group.matches:
        if id(match) not in reported:
            continue
        base = {
            "start": match.start,
            "end": match.end,
            "text": match.text,
            "kind": match.kind,
            "government_actor": match.government_actor,
            "in_organisation": match.in_organisation,
        }
        said = "; ".join(filter(None, (match.read_as, reason)))
        if resolved and choice is not None:
            mentions.append(
                Mention(
                    **base,
                    gazetteer_id=choice.id,
                    name=choice.name,
                    lat=round(choice.lat, 6),
                    lon=round(choice.lon, 6),
                    feature_class=choice.feature_class.value,
                    country=choice.country_code,
                    geonameid=geonameid,
                    confidence=_confidence(group),
                    reason=said,
                )
            )
        else:
            mentions.append(Mention(**base, reason=said or "no gazetteer candidate"))
    return mentions
