"""Spatial relations: "west of the Euphrates in Syria", "20 km north of Aleppo" → a zone.

News often names an area by its relation to a place rather than by a name. This stage
finds those phrases in one sentence (:func:`find_relations`) and turns each into the
geometry it describes (:func:`relation_geometry`), a :class:`~geo.events.model.Zone`.

Detection (one sentence, resolved place mentions only):

* ``(to the |just |due )west|north-east|... of <place>`` → ``west_of``, ``northeast_of`` ...
* ``<N> km|kilometres|miles [(M miles)] [to the] <direction> of <place>`` → ``offset``
* ``<N> km from|outside|away from <place>`` → ``near`` with a distance (a ring)
* ``near|close to|outside|on the outskirts of|in the vicinity of|around <place>`` → ``near``
* ``between <place> and <place>`` → ``between`` (places under 400 km apart, not countries,
  and not after "talks", "relations", "border" ...: those name no area)
* ``along <river>`` → ``along``
* ``the <place>-<place> road|highway...`` → ``road`` (the two places the road's ends, under
  400 km apart, not countries); a road comes after the sentence's other relations, since it
  says least of where on it the event is
* ``(the) northern|south-eastern... [countryside|parts|areas... of] <area>`` → ``part``
  with a bearing ("northern Syria", "the southern countryside of Idleb", "eastern Homs
  province"): the side of an area (a country, an admin area, a region), never of a city

A few words may sit between the phrase and the place: "west of the Syrian city of Aleppo".
Anything else ("north of 2,000 troops in Aleppo", "west of here") is not a relation.
The words of these phrases (modifiers, units and their length in km, number words, "near"
phrases, the words that make "between" no area, filler nouns and adjectives) and the "near"
radius by feature class are data: ``relations.toml`` beside this module, read once at
import and validated by :class:`RelationsFile`; the regex grammar that joins them, and the
bearings of the compass words it spells, stay here.

The clip area bounds the zone. It is chosen in this order (the relation's ``reason`` says
which): a country or admin-1 mention right after the anchor ("the Euphrates River *in
Syria*"); the nearest one in the sentence after a locative word ("in", "inside"); for a
city or an admin area, the nearest other one in its own country; for a river, the
article's focus country (a country named in passing, "jets of the US-led coalition", does
not clip a river). A river also carries the document's other countries and admin-1 areas,
most named first, as alternatives. At geometry time the first of these clips that the
anchor touches is used; when none does, the default applies: the anchor's country for
points and areas (both countries for "between"), and for a river the union of the
countries it crosses.

Geometry (shapely 2; km measured in a local azimuthal equidistant projection, so buffers
are metric, not degrees):

* direction of a river: the clip polygon cut by the river line (its ends prolonged to leave
  the clip), keeping the pieces on the requested bank;
* direction of a point: a 90° sector of :data:`SECTOR_RADIUS_KM` around the bearing, clipped;
* direction of an area: the half of the area beyond the line through its centroid
  perpendicular to the bearing ("north of Idlib province" is read as its northern half);
* near: a buffer of :data:`NEAR_RADIUS_KM` by anchor class (a ring at the stated distance
  for "20 km from X"), clipped;
* offset: the geodesic destination point with an uncertainty disc of 25 % of the distance
  (at least 5 km), not clipped;
* between, road: the convex hull of both anchors (cities buffered 10 km), clipped;
* along: the river buffered 10 km inside the clip.
* part: the half of the area beyond the line through its centroid, as for a direction of
  an area; an area the gazetteer has only as a point gives no zone.

Degenerate input (an anchor with no geometry, a river that touches its clip without
dividing it, such as a border river, leaving under 1 % or over 99 % of the clip on the
asked side; an empty intersection) gives ``None``; the caller falls back to the plain
place. A stated clip that the anchor does not touch at all ("west of the Euphrates in
Lebanon") is read as a wrongly chosen clip, and the anchor's default clip applies.
A point sector that its clip would cut to under a tenth ("west of Latakia": the sea) is
left unclipped.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Annotated, Any, Final, NamedTuple

import numpy as np
import shapely
from geographiclib.geodesic import Geodesic
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from shapely.errors import GEOSException
from shapely.geometry.polygon import orient

from gazetteer.geodesy import great_circle_km
from gazetteer.model import FeatureClass
from gazetteer.store import Gazetteer
from geo.events.model import Zone
from geo.events.text import CaseBlind
from geo.places.mentions import Mention, MentionKind
from geo.prefilter import Prefilter, spellings
from geo.vocabulary import (
    LowerAlternative,
    LowerAlternatives,
    LowerStr,
    Vocabulary,
    alternation,
    covers,
    distinct,
    load_vocabulary,
)

__all__ = [
    "BEARINGS",
    "NEAR_RADIUS_KM",
    "OFFSET_UNCERTAINTY_SHARE",
    "SECTOR_RADIUS_KM",
    "RelationKind",
    "RelationsFile",
    "SpatialRelation",
    "destination",
    "find_relations",
    "relation_geometry",
]

_EARTH_RADIUS_KM: Final = 6371.0088


class RelationKind(StrEnum):
    """What a spatial phrase says about the area it names."""

    NORTH_OF = "north_of"
    NORTHEAST_OF = "northeast_of"
    EAST_OF = "east_of"
    SOUTHEAST_OF = "southeast_of"
    SOUTH_OF = "south_of"
    SOUTHWEST_OF = "southwest_of"
    WEST_OF = "west_of"
    NORTHWEST_OF = "northwest_of"
    NEAR = "near"
    OFFSET = "offset"
    BETWEEN = "between"
    ROAD = "road"  # "the Tripoli-Akkar road": somewhere on the road between its two ends
    ALONG = "along"
    PART = "part"  # "northern Syria", "the southern countryside of Idleb": a side of an area


# Degrees clockwise from north, by compass word (hyphens and spaces removed): the eight
# words the direction grammar below spells, each the stem of a RelationKind ("west" → west_of).
BEARINGS: Final[dict[str, float]] = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
}
_DIRECTION_KINDS: Final[dict[str, RelationKind]] = {
    word: RelationKind(f"{word}_of") for word in BEARINGS
}


# -- vocabulary ---------------------------------------------------------------------------
# A cheap test before the measure patterns run: every unit word holds one of these (checked
# when relations.toml loads). They start with a literal, so re jumps from one occurrence to
# the next, where the measure patterns are tried at every character; "mi" alone would occur
# in most sentences ("military"), hence its word boundary.
_UNIT_WORDS: Final = tuple(CaseBlind(word) for word in ("km", "kilomet", r"mi(?:les?)?\b"))


def _fixed_width(word: str) -> str:
    try:
        re.compile(rf"(?<!{word} )")
    except re.error:
        raise ValueError(f"{word!r} does not fit a look-behind (fixed width only)") from None
    return word


_KmPerUnit = dict[LowerAlternative, Annotated[float, Field(gt=0)]]


def _seen_by_unit_words(units: _KmPerUnit) -> _KmPerUnit:
    """Refuse a unit some spelling of which :data:`_UNIT_WORDS` would not find: the measure
    patterns would then run only on sentences that also hold another unit."""
    for unit in units:
        written = spellings(unit)
        if written is None:
            raise ValueError(
                f"unit {unit!r} has too many spellings to check against the cheap test "
                "_UNIT_WORDS in geo/events/spatial.py: write a few ('km', 'kms')"
            )
        # A unit is followed by a word boundary: a space stands for what comes next.
        unseen = sorted(s for s in written if not any(w.search(f"{s} ") for w in _UNIT_WORDS))
        if unseen:
            raise ValueError(
                f"unit {unit!r} ({', '.join(unseen)}) holds no word of the cheap test "
                "_UNIT_WORDS in geo/events/spatial.py, which would hide it in sentences "
                "without another unit: add its word there"
            )
    return units


class _Direction(Vocabulary):
    """``[direction]``: "(just) west of <place>"."""

    modifiers: LowerAlternatives
    not_after: Annotated[
        tuple[Annotated[LowerStr, AfterValidator(_fixed_width)], ...],
        AfterValidator(distinct),
    ]


class _Measure(Vocabulary):
    """``[measure]``: "20 km (to the) north of <place>", "20 km from <place>"."""

    units: Annotated[_KmPerUnit, Field(min_length=1), AfterValidator(_seen_by_unit_words)]
    offset_modifiers: LowerAlternatives
    distance_connectives: LowerAlternatives
    number_words: dict[LowerStr, Annotated[float, Field(gt=0)]]


class _Near(Vocabulary):
    """``[near]``: "near <place>" and its radius by the place's feature class."""

    phrases: LowerAlternatives
    radius_km: Annotated[dict[FeatureClass, Annotated[float, Field(gt=0)]], covers(FeatureClass)]


class _Between(Vocabulary):
    """``[between]``: words before "between" that name no area ("talks between")."""

    not_an_area_after: LowerAlternatives


class _Road(Vocabulary):
    """``[road]``: the nouns after two places joined by a dash that make them a road's ends."""

    nouns: LowerAlternatives


class _Filler(Vocabulary):
    """``[filler]``: what may sit between a phrase and its place, and after the place."""

    adjectives: LowerAlternatives
    place_nouns: LowerAlternatives
    trailing_nouns: LowerAlternatives


class _Clip(Vocabulary):
    """``[clip]``: words that tie an area to the phrase as the area it lies in."""

    after_place: LowerAlternatives
    locative: LowerAlternatives


class _Part(Vocabulary):
    """``[part]``: nouns between a compass adjective and "of" ("the northern countryside of")."""

    nouns: LowerAlternatives


class RelationsFile(Vocabulary):
    """``relations.toml``: the words spatial relations are built from, by relation."""

    direction: _Direction
    measure: _Measure
    near: _Near
    between: _Between
    road: _Road
    filler: _Filler
    clip: _Clip
    part: _Part


_WORDS: Final = load_vocabulary("geo.events", "relations.toml", RelationsFile)

# By the class's value: mentions carry their feature class as a string.
NEAR_RADIUS_KM: Final[dict[str, float]] = {
    feature_class.value: km for feature_class, km in _WORDS.near.radius_km.items()
}
# Reach of "north of <city>" when no distance is given.
SECTOR_RADIUS_KM: Final = 100.0
_SECTOR_HALF_ANGLE: Final = 45.0
_ALONG_RADIUS_KM: Final = 10.0
_BETWEEN_CITY_RADIUS_KM: Final = 10.0
_BETWEEN_MAX_KM: Final = 400.0
_OFFSET_MIN_UNCERTAINTY_KM: Final = 5.0
OFFSET_UNCERTAINTY_SHARE: Final = 0.25
_MAX_VERTICES: Final = 2000
_MIN_CLIPPED_SHARE: Final = 0.1
_MAX_ALTERNATIVE_CLIPS: Final = 5
_DIVIDING_SHARE: Final = (0.01, 0.99)

_POINT_CLASSES: Final = frozenset({"city"})
_AREA_CLASSES: Final = frozenset({"country", "admin1", "admin2", "region", "continent"})
_CLIP_CLASSES: Final = frozenset({"country", "admin1"})
# Anchors that lie in one country: their clip must be in that country too.
_NATIONAL_CLASSES: Final = frozenset({"city", "admin1", "admin2"})
_NO_NEAR_CLASSES: Final = frozenset({"country", "continent"})

# -- detection patterns -----------------------------------------------------------------
# The grammar of each phrase, built from the words of relations.toml.
_DIRECTION = (
    "".join(rf"(?<!{word} )" for word in _WORDS.direction.not_after)
    + r"(?P<dir>(?:north|south)[- ]?(?:east|west)|north|south|east|west)"
)
_NUMBER_WORDS: Final[dict[str, float]] = dict(_WORDS.measure.number_words)
# Each unit pattern with its factor, tried in order on a matched unit: the first that spells
# it is the alternative the unit alternation took, as it tries them in the same order.
_KM_PER_UNIT: Final = tuple(
    (re.compile(unit, re.IGNORECASE), km) for unit, km in _WORDS.measure.units.items()
)
_NUMBER = (
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True))
    + r")"
)
_UNIT = rf"(?P<unit>{alternation(tuple(_WORDS.measure.units))})\b\.?"
_ASIDE = r"(?:\s*\([^()]{0,40}\))?"  # "20 km (12 miles)"
_MEASURE = rf"\b{_NUMBER}(?:\s*|-){_UNIT}{_ASIDE}\s+"
_OFFSET_RE = re.compile(
    rf"{_MEASURE}(?:{alternation(_WORDS.measure.offset_modifiers)}\s+)?{_DIRECTION}\s+of\s+",
    re.IGNORECASE,
)
_DISTANCE_RE = re.compile(
    rf"{_MEASURE}{alternation(_WORDS.measure.distance_connectives)}\s+", re.IGNORECASE
)
_DIRECTION_RE = re.compile(
    rf"\b(?:{alternation(_WORDS.direction.modifiers)}\s+)?{_DIRECTION}\s+of\s+",
    re.IGNORECASE,
)
_NEAR_RE = re.compile(rf"\b{alternation(_WORDS.near.phrases)}\s+", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"\bbetween\s+", re.IGNORECASE)
_ALONG_RE = re.compile(r"\balong\s+(?:the\s+)?(?:banks?\s+of\s+)?", re.IGNORECASE)
_PART_RE = re.compile(
    r"\b(?:the\s+)?"
    + _DIRECTION
    + rf"(?:ern)?\s+(?:(?:{alternation(_WORDS.part.nouns)})\s+of\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
_RELATION_PATTERNS: Final = (
    _OFFSET_RE,
    _DISTANCE_RE,
    _DIRECTION_RE,
    _NEAR_RE,
    _BETWEEN_RE,
    _ALONG_RE,
    _PART_RE,
)
_RELATION_WORDS = Prefilter([pattern.pattern for pattern in _RELATION_PATTERNS])
# The same patterns in lower case, run over the lower-cased document (several times faster).
_OFFSET, _DISTANCE, _DIRECTION_OF, _NEAR, _BETWEEN, _ALONG, _PART = (
    CaseBlind(pattern.pattern) for pattern in _RELATION_PATTERNS
)
# A cheap test like _UNIT_WORDS: every match of a direction pattern holds "<compass word> of ".
_COMPASS_OF: Final = tuple(
    CaseBlind(rf"{word}\s+of\s") for word in ("north", "south", "east", "west")
)
_AND_RE = re.compile(r"\s+and\s+", re.IGNORECASE)
_ROAD_DASH_RE = re.compile(r"\s?[-–—]\s?")
_ROAD_NOUN_RE = re.compile(rf"\s+{alternation(_WORDS.road.nouns)}\b", re.IGNORECASE)
_NOT_AN_AREA_BEFORE_BETWEEN = re.compile(
    rf"\b{alternation(_WORDS.between.not_an_area_after)}\s+$", re.IGNORECASE
)

_PLACE_NOUN = alternation(_WORDS.filler.place_nouns)
_ADJECTIVE = alternation(_WORDS.filler.adjectives)
_FILLER_RE = re.compile(
    rf"(?:the\s+)?(?:(?:{_ADJECTIVE}\s+)?(?:[A-Z][\w-]+\s+)?{_PLACE_NOUN}\s+of\s+(?:the\s+)?)?",
)
_TRAILING_NOUN_RE = re.compile(rf"\s+{alternation(_WORDS.filler.trailing_nouns)}\b", re.IGNORECASE)
_ADJACENT_CLIP_RE = re.compile(
    rf"\s*,?\s*(?:{alternation(_WORDS.clip.after_place)}\s+)?(?:the\s+)?"
    rf"(?:(?:north|south|east|west)(?:ern)?\s+|central\s+|{_ADJECTIVE}\s+)?",
    re.IGNORECASE,
)
_LOCATIVE_BEFORE_RE = re.compile(
    rf"(?:\b{alternation(_WORDS.clip.locative)}\s+(?:the\s+)?"
    rf"(?:(?:north|south|east|west)(?:ern)?\s+|{_ADJECTIVE}\s+)?"
    r"|\b(?:north|south|east|west)(?:ern)?\s+(?:part\s+)?of\s+(?:the\s+)?)$",
    re.IGNORECASE,
)


class SpatialRelation(BaseModel):
    """One spatial phrase of a sentence: what relation, to which place, inside which area."""

    model_config = ConfigDict(frozen=True)

    relation: RelationKind
    start: int = Field(ge=0, description="Phrase start offset in the document text.")
    end: int = Field(ge=0)
    text: str = Field(description="The phrase: 'west of the Euphrates River in Syria'.")
    anchors: tuple[Mention, ...] = Field(
        min_length=1, description="The place(s) the relation is to; two for 'between'."
    )
    clip: Mention | None = Field(
        default=None, description="The country or admin-1 area that bounds the zone."
    )
    alternative_clips: tuple[Mention, ...] = Field(
        default=(),
        description="Clips tried in order when the anchor does not touch ``clip`` (a river "
        "with no stated area: the countries the article names, most named first).",
    )
    distance_km: float | None = Field(default=None, gt=0)
    bearing: float | None = Field(
        default=None, ge=0, lt=360, description="Degrees clockwise from north."
    )
    reason: str = Field(default="", description="How the relation and its clip were chosen.")

    @property
    def anchor(self) -> Mention:
        return self.anchors[0]


# -- detection ---------------------------------------------------------------------------
def find_relations(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[Mention],
    *,
    focus: Mention | None = None,
) -> list[SpatialRelation]:
    """The spatial relations of the sentence ``text[start:end]``, in text order.

    ``mentions`` are the document's resolved place mentions (offsets into ``text``); only
    those inside the sentence are anchors or stated clips. ``focus`` (the article's focus
    country) clips a river when the sentence names no area, and the document's other
    countries become the river's alternative clips.

    >>> find_relations("Troops massed west of here.", 0, 27, [])
    []
    """
    sentence = [m for m in mentions if start <= m.start and m.end <= end and _usable(m)]
    if not sentence:
        return []  # no place to relate to: most sentences stop here
    sentence.sort(key=lambda m: m.start)
    # Only the detectors whose words occur (in the order they are listed) before the last
    # place: a phrase ends where its place begins.
    words = _RELATION_WORDS.candidates(text[start : sentence[-1].start])
    detectors = [_DETECTORS[index] for index in words]
    if len(sentence) >= 2:
        detectors.append(_roads)  # its noun follows its places: no prefilter word before them
    if not detectors:
        return []
    found: list[SpatialRelation] = []
    taken: list[tuple[int, int]] = []
    for detect in detectors:
        for relation in detect(text, start, end, sentence):
            if any(relation.start < e and s < relation.end for s, e in taken):
                continue
            taken.append((relation.start, relation.end))
            found.append(_with_clip(text, relation, sentence, focus, mentions))
    # a road says least of where on it the event is: any other relation comes first
    return sorted(
        _without_clipping_sides(found), key=lambda r: (r.relation == RelationKind.ROAD, r.start)
    )


def _without_clipping_sides(found: list[SpatialRelation]) -> list[SpatialRelation]:
    """ "east of the Euphrates in northern Syria": the side of the area that clips another
    relation's zone is no zone of its own."""
    clips = {r.clip.start for r in found if r.clip is not None}
    return [r for r in found if r.relation != RelationKind.PART or r.anchor.start not in clips]


def _usable(mention: Mention) -> bool:
    return (
        mention.resolved
        and mention.kind == MentionKind.TOPONYM
        and not mention.in_organisation
        and not mention.government_actor
        and mention.lat is not None
        and mention.lon is not None
    )


def _anchor_after(text: str, at: int, sentence: Sequence[Mention]) -> Mention | None:
    """The place a phrase ending at ``at`` is about, if only filler words sit between."""
    for mention in sentence:
        if mention.start < at:
            continue
        gap = text[at : mention.start]
        return mention if _FILLER_RE.fullmatch(gap) else None
    return None


def _phrase_end(text: str, anchor: Mention) -> int:
    """The anchor's end, past a trailing "River" or "province"."""
    trailing = _TRAILING_NOUN_RE.match(text, anchor.end)
    return trailing.end() if trailing else anchor.end


def _matches(
    pattern: CaseBlind, text: str, start: int, end: int, needs: Sequence[Sequence[CaseBlind]] = ()
) -> list[re.Match[str]]:
    """Matches in ``text[start:end]`` (of the lower-cased document: read the surface text
    from ``text`` with their offsets).

    Each group of ``needs`` holds patterns one of which every match contains: a sentence
    without any of a group has no match, and the pattern is not run.
    """
    if not all(_finds_any(group, text, start, end) for group in needs):
        return []
    return list(pattern.finditer_in_document(text, start, end))


def _finds_any(patterns: Sequence[CaseBlind], text: str, start: int, end: int) -> bool:
    return any(pattern.search_in_document(text, start, end) for pattern in patterns)


def _direction_word(match: re.Match[str]) -> str:
    return match.group("dir").lower().replace("-", "").replace(" ", "")


def _distance_km(match: re.Match[str]) -> float | None:
    raw = match.group("num").lower().replace(",", "")
    value = _NUMBER_WORDS.get(raw)
    if value is None:
        value = float(raw)
    unit = match.group("unit")
    value *= next(km for pattern, km in _KM_PER_UNIT if pattern.fullmatch(unit))
    return round(value, 3) if value > 0 else None


def _relation(
    text: str,
    match: re.Match[str],
    anchors: tuple[Mention, ...],
    kind: RelationKind,
    reason: str,
    distance_km: float | None = None,
    bearing: float | None = None,
) -> SpatialRelation:
    end = _phrase_end(text, anchors[-1])
    return SpatialRelation(
        relation=kind,
        start=match.start(),
        end=end,
        text=text[match.start() : end],
        anchors=anchors,
        distance_km=distance_km,
        bearing=bearing,
        reason=reason,
    )


def _offsets(text: str, start: int, end: int, sentence: Sequence[Mention]) -> list[SpatialRelation]:
    found = []
    for match in _matches(_OFFSET, text, start, end, (_UNIT_WORDS, _COMPASS_OF)):
        anchor = _anchor_after(text, match.end(), sentence)
        distance = _distance_km(match)
        if anchor is None or distance is None:
            continue
        word = _direction_word(match)
        reason = f"a distance and a direction from {anchor.text!r}"
        found.append(
            _relation(text, match, (anchor,), RelationKind.OFFSET, reason, distance, BEARINGS[word])
        )
    return found


def _distances(
    text: str, start: int, end: int, sentence: Sequence[Mention]
) -> list[SpatialRelation]:
    found = []
    for match in _matches(_DISTANCE, text, start, end, (_UNIT_WORDS,)):
        anchor = _anchor_after(text, match.end(), sentence)
        distance = _distance_km(match)
        if anchor is None or distance is None:
            continue
        reason = f"a distance from {anchor.text!r}, no direction"
        found.append(_relation(text, match, (anchor,), RelationKind.NEAR, reason, distance))
    return found


def _directions(
    text: str, start: int, end: int, sentence: Sequence[Mention]
) -> list[SpatialRelation]:
    found = []
    for match in _matches(_DIRECTION_OF, text, start, end, (_COMPASS_OF,)):
        anchor = _anchor_after(text, match.end(), sentence)
        if anchor is None or anchor.feature_class in {"sea", "lake"}:
            continue
        word = _direction_word(match)
        reason = f"a direction from {anchor.text!r}"
        found.append(
            _relation(text, match, (anchor,), _DIRECTION_KINDS[word], reason, None, BEARINGS[word])
        )
    return found


def _nears(text: str, start: int, end: int, sentence: Sequence[Mention]) -> list[SpatialRelation]:
    found = []
    for match in _matches(_NEAR, text, start, end):
        anchor = _anchor_after(text, match.end(), sentence)
        if anchor is None or anchor.feature_class in _NO_NEAR_CLASSES:
            continue
        reason = f"{text[match.start() : match.end()].strip()!r} {anchor.text!r}"
        found.append(_relation(text, match, (anchor,), RelationKind.NEAR, reason))
    return found


def _betweens(
    text: str, start: int, end: int, sentence: Sequence[Mention]
) -> list[SpatialRelation]:
    found = []
    for match in _matches(_BETWEEN, text, start, end):
        if _NOT_AN_AREA_BEFORE_BETWEEN.search(text, max(start, match.start() - 30), match.start()):
            continue
        first = _anchor_after(text, match.end(), sentence)
        if first is None:
            continue
        joint = _AND_RE.match(text, _phrase_end(text, first))
        second = None if joint is None else _anchor_after(text, joint.end(), sentence)
        if second is None or not _forms_a_corridor(first, second):
            continue
        reason = f"between {first.text!r} and {second.text!r}"
        found.append(_relation(text, match, (first, second), RelationKind.BETWEEN, reason))
    return found


def _roads(text: str, start: int, end: int, sentence: Sequence[Mention]) -> list[SpatialRelation]:
    """ "the Tripoli-Akkar road", "the Aleppo–Damascus highway": two places joined by a dash
    before a road's noun are its ends, no place of the event; it is somewhere between them."""
    found = []
    for first, second in itertools.pairwise(sentence):
        if not _ROAD_DASH_RE.fullmatch(text, first.end, second.start):
            continue
        noun = _ROAD_NOUN_RE.match(text, second.end)
        if noun is None or noun.end() > end or not _forms_a_corridor(first, second):
            continue
        found.append(
            SpatialRelation(
                relation=RelationKind.ROAD,
                start=first.start,
                end=noun.end(),
                text=text[first.start : noun.end()],
                anchors=(first, second),
                reason=f"the road between {first.text!r} and {second.text!r}",
            )
        )
    return found


def _forms_a_corridor(first: Mention, second: Mention) -> bool:
    """Two distinct, nearby places that are not countries ("talks between Moscow and Kyiv")."""
    if first.gazetteer_id == second.gazetteer_id:
        return False
    if first.feature_class in _NO_NEAR_CLASSES or second.feature_class in _NO_NEAR_CLASSES:
        return False
    assert first.lat is not None and first.lon is not None  # checked by _usable
    assert second.lat is not None and second.lon is not None
    apart = great_circle_km(first.lat, first.lon, second.lat, second.lon)
    return apart <= _BETWEEN_MAX_KM


def _alongs(text: str, start: int, end: int, sentence: Sequence[Mention]) -> list[SpatialRelation]:
    found = []
    for match in _matches(_ALONG, text, start, end):
        anchor = _anchor_after(text, match.end(), sentence)
        if anchor is None or anchor.feature_class != "river":
            continue
        reason = f"along the river {anchor.text!r}"
        found.append(_relation(text, match, (anchor,), RelationKind.ALONG, reason))
    return found


_BANK = re.compile(r"\bbanks?\b", re.IGNORECASE)


def _parts(text: str, start: int, end: int, sentence: Sequence[Mention]) -> list[SpatialRelation]:
    found = []
    for match in _matches(_PART, text, start, end):
        anchor = _anchor_after(text, match.end(), sentence)
        if anchor is not None and anchor.feature_class == "river":
            if not _BANK.search(text, match.start(), match.end()):
                continue  # "western Euphrates villages": no bank written
            # "the eastern bank of the Euphrates": the land east of the river
            word = _direction_word(match)
            reason = f"a bank of {anchor.text!r}"
            kind = _DIRECTION_KINDS[word]
            found.append(_relation(text, match, (anchor,), kind, reason, None, BEARINGS[word]))
            continue
        if anchor is None or anchor.feature_class not in _AREA_CLASSES:
            continue  # "northern Aleppo" is the city, all of it
        bearing = BEARINGS[_direction_word(match)]
        reason = f"a side of {anchor.text!r}"
        found.append(_relation(text, match, (anchor,), RelationKind.PART, reason, None, bearing))
    return found


_Detector = Callable[[str, int, int, Sequence[Mention]], list[SpatialRelation]]
# By the index of their pattern in _RELATION_PATTERNS; also the order they claim text in.
_DETECTORS: Final[tuple[_Detector, ...]] = (
    _offsets,
    _distances,
    _directions,
    _nears,
    _betweens,
    _alongs,
    _parts,
)


# -- clip --------------------------------------------------------------------------------
def _with_clip(
    text: str,
    relation: SpatialRelation,
    sentence: Sequence[Mention],
    focus: Mention | None,
    document: Sequence[Mention],
) -> SpatialRelation:
    """The relation with its clip chosen (and alternatives for a river)."""
    anchor = relation.anchor
    if relation.relation == RelationKind.OFFSET or anchor.feature_class in _NO_NEAR_CLASSES:
        return relation
    relation = _with_stated_clip(text, relation, sentence, focus)
    if anchor.feature_class in _NATIONAL_CLASSES:
        return relation
    return relation.model_copy(update={"alternative_clips": _document_clips(relation, document)})


def _document_clips(relation: SpatialRelation, document: Sequence[Mention]) -> tuple[Mention, ...]:
    """The document's countries and admin-1 areas, most named first (demonyms count a quarter).

    A river's stated clip can be wrong ("the US-led coalition west of the Euphrates"); the
    areas the whole article names are the next best guess, checked against the river.
    """
    weights: dict[str, float] = {}
    first_seen: dict[str, Mention] = {}
    for mention in document:
        if mention.in_organisation or mention.government_actor or not _can_clip(mention, ()):
            continue
        if mention.kind not in (MentionKind.TOPONYM, MentionKind.DEMONYM):
            continue
        key = mention.gazetteer_id or ""
        weight = 1.0 if mention.kind == MentionKind.TOPONYM else 0.25
        weights[key] = weights.get(key, 0.0) + weight
        first_seen.setdefault(key, mention)
    stated = relation.clip.gazetteer_id if relation.clip else None
    ranked = sorted(weights, key=lambda key: (-weights[key], first_seen[key].start))
    return tuple(first_seen[key] for key in ranked if key != stated)[:_MAX_ALTERNATIVE_CLIPS]


def _with_stated_clip(
    text: str, relation: SpatialRelation, sentence: Sequence[Mention], focus: Mention | None
) -> SpatialRelation:
    """The relation with the clip the sentence states, its span widened over "in Syria"."""
    anchor = relation.anchor
    candidates = [m for m in sentence if _can_clip(m, relation.anchors)]
    adjacent = _adjacent_clip(text, relation.end, candidates)
    if adjacent is not None:
        return relation.model_copy(
            update={
                "clip": adjacent,
                "end": adjacent.end,
                "text": text[relation.start : adjacent.end],
                "reason": f"{relation.reason}; clipped to {adjacent.text!r}, named right after",
            }
        )
    if anchor.feature_class not in _NATIONAL_CLASSES:
        # Nothing ties a river to a country named in passing ("jets of the US-led
        # coalition west of the Euphrates"): only a locative mention ("in Syria") clips it.
        candidates = [m for m in candidates if _is_locative(text, m)]
    if candidates:
        clip = min(candidates, key=lambda m: _clip_rank(text, relation, m))
        return relation.model_copy(
            update={
                "clip": clip,
                "reason": f"{relation.reason}; clipped to {clip.text!r}, named in the sentence",
            }
        )
    if anchor.feature_class == "river" and focus is not None and _can_clip(focus, ()):
        return relation.model_copy(
            update={
                "clip": focus,
                "reason": f"{relation.reason}; clipped to the article's focus, {focus.text!r}",
            }
        )
    return relation


def _can_clip(mention: Mention, anchors: Sequence[Mention]) -> bool:
    if mention.feature_class not in _CLIP_CLASSES or not mention.resolved:
        return False
    if any(mention.gazetteer_id == anchor.gazetteer_id for anchor in anchors):
        return False
    national = [a for a in anchors if a.feature_class in _NATIONAL_CLASSES]
    if any(a.feature_class == "admin1" for a in national) and mention.feature_class == "admin1":
        return False
    return all(a.country == mention.country for a in national)


def _adjacent_clip(text: str, at: int, candidates: Sequence[Mention]) -> Mention | None:
    for mention in candidates:
        if mention.start >= at and _ADJACENT_CLIP_RE.fullmatch(text, at, mention.start):
            return mention
    return None


def _is_locative(text: str, mention: Mention) -> bool:
    return bool(_LOCATIVE_BEFORE_RE.search(text, max(0, mention.start - 30), mention.start))


def _clip_rank(text: str, relation: SpatialRelation, mention: Mention) -> tuple[int, int]:
    """Locative mentions ("in Syria") first, then the nearest to the phrase."""
    locative = _is_locative(text, mention)
    gap = (
        relation.start - mention.end
        if mention.end <= relation.start
        else (mention.start - relation.end)
    )
    return (0 if locative else 1, abs(gap))


# -- geometry ----------------------------------------------------------------------------
class _Area:
    """A resolved clip or anchor area: geometry, id and display name."""

    def __init__(self, geometry: shapely.Geometry, gazetteer_id: str | None, name: str) -> None:
        self.geometry = geometry
        self.gazetteer_id = gazetteer_id
        self.name = name


class _Place(NamedTuple):
    """What a zone's geometry reads of a mention."""

    gazetteer_id: str | None
    lat: float | None
    lon: float | None
    feature_class: str | None
    country: str | None
    name: str

    @classmethod
    def of(cls, mention: Mention) -> _Place:
        return cls(
            mention.gazetteer_id,
            mention.lat,
            mention.lon,
            mention.feature_class,
            mention.country,
            mention.name or mention.text,
        )


class _ZoneInputs(NamedTuple):
    """All a zone's geometry depends on: relations that share these share their geometry
    ("west of the Euphrates in Syria" in every article on the war)."""

    relation: RelationKind
    anchors: tuple[_Place, ...]
    clips: tuple[_Place, ...]  # the stated clip, then the alternatives, in order
    distance_km: float | None
    bearing: float | None

    @classmethod
    def of(cls, relation: SpatialRelation) -> _ZoneInputs:
        clips = (relation.clip, *relation.alternative_clips)
        return cls(
            relation.relation,
            tuple(_Place.of(anchor) for anchor in relation.anchors),
            tuple(_Place.of(clip) for clip in clips if clip is not None),
            relation.distance_km,
            relation.bearing,
        )

    @property
    def anchor(self) -> _Place:
        return self.anchors[0]


def relation_geometry(relation: SpatialRelation, gazetteer: Gazetteer) -> Zone | None:
    """The zone a relation describes, or ``None`` when its geometry cannot be built.

    The geometry is a valid GeoJSON (Multi)Polygon, counter-clockwise exterior rings,
    coordinates rounded to 6 decimals, at most about 2,000 vertices.
    """
    built = _zone_shape(gazetteer, _ZoneInputs.of(relation))
    if built is None:
        return None
    clip, polygonal = built
    return _zone(relation, clip, polygonal)


@functools.lru_cache(maxsize=256)
def _zone_shape(
    gazetteer: Gazetteer, inputs: _ZoneInputs
) -> tuple[_Area | None, shapely.Geometry] | None:
    """The clip and the finished polygon of a zone (memoised: news repeats its zones)."""
    anchor_shapes = [_shape_of(gazetteer, anchor) for anchor in inputs.anchors]
    if any(geometry is None or geometry.is_empty for geometry in anchor_shapes):
        return None
    shapes = [geometry for geometry in anchor_shapes if geometry is not None]
    clip = _clip_area(inputs, shapes[0], gazetteer)
    try:
        geometry, clip = _build(inputs, shapes, clip)
        if geometry is None:
            return None
        polygonal = _finish(geometry)
    except GEOSException:
        # Topology failures on odd source geometry are degenerate input: the caller falls
        # back to the plain place, as for a river that misses its clip.
        return None
    if polygonal is None:
        return None
    return clip, polygonal


def _shape_of(gazetteer: Gazetteer, place: _Place) -> shapely.Geometry | None:
    if place.gazetteer_id is None or place.lat is None or place.lon is None:
        return None
    index = gazetteer.index_of(place.gazetteer_id)
    if index is None:
        return None
    geometry = gazetteer.geometry(index)
    if geometry is None:
        return shapely.Point(place.lon, place.lat)
    return geometry


def _clip_area(inputs: _ZoneInputs, anchor: shapely.Geometry, gazetteer: Gazetteer) -> _Area | None:
    """The first clip the anchor touches (stated, then alternatives), else the default."""
    if inputs.relation == RelationKind.OFFSET:
        return None
    for clip in inputs.clips:
        if clip.gazetteer_id is None:
            continue
        clip_shape = _shape_of(gazetteer, clip)
        if clip_shape is not None and _touches(anchor, clip_shape):
            return _Area(clip_shape, clip.gazetteer_id, clip.name)
    first = inputs.anchor
    if first.feature_class == "river":
        return _countries_crossed(gazetteer, first)
    # Points and areas: their own country; "between" two places, both their countries.
    codes = {a.country for a in inputs.anchors if a.country and a.feature_class != "country"}
    area = _countries_area(gazetteer, sorted(codes))
    if area is None or not _touches(anchor, area.geometry):
        return None
    return area


def _touches(anchor: shapely.Geometry, area: shapely.Geometry) -> bool:
    if anchor.geom_type == "Point":
        return bool(area.dwithin(anchor, 0.05))  # a city on the coast or the border line
    return bool(area.intersects(anchor))


def _countries_crossed(gazetteer: Gazetteer, river: _Place) -> _Area | None:
    assert river.gazetteer_id is not None
    entry = gazetteer.get(river.gazetteer_id, geometry=False)
    if entry is None:
        return None
    return _countries_area(gazetteer, sorted(entry.country_codes))


def _countries_area(gazetteer: Gazetteer, codes: Sequence[str]) -> _Area | None:
    """One country, or the union of several (with no single gazetteer id)."""
    shapes, names, ids = [], [], []
    for code in codes:
        country_id = f"country:{code}"
        index = gazetteer.index_of(country_id)
        shape = None if index is None else gazetteer.geometry(index)
        if index is not None and shape is not None:
            shapes.append(shape)
            names.append(gazetteer.candidate(index).name)
            ids.append(country_id)
    if not shapes:
        return None
    if len(shapes) == 1:
        return _Area(shapes[0], ids[0], names[0])
    return _Area(shapely.union_all(shapes), None, _joined(names))


def _joined(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _build(
    inputs: _ZoneInputs, shapes: Sequence[shapely.Geometry], clip: _Area | None
) -> tuple[shapely.Geometry | None, _Area | None]:
    """The relation's raw geometry and the clip it was actually cut to."""
    kind = inputs.relation
    anchor = shapes[0]
    feature_class = inputs.anchor.feature_class or "city"
    if kind == RelationKind.OFFSET:
        return _offset_disc(inputs), None
    if kind in (RelationKind.BETWEEN, RelationKind.ROAD):
        return _clipped(_between(shapes), clip), clip
    if kind == RelationKind.ALONG:
        return _clipped(_buffer_km(anchor, _ALONG_RADIUS_KM), clip), clip
    if kind == RelationKind.NEAR:
        return _clipped(_near(anchor, feature_class, inputs.distance_km), clip), clip
    if kind == RelationKind.PART:
        if anchor.geom_type == "Point" or inputs.bearing is None:
            return None, clip  # an area known only by its point has no side to take
        if clip is not None and not clip.geometry.contains(anchor.centroid):
            # "near the Syrian border in the northern Bekaa": a side of an area is of that
            # area, not cut to another country the sentence names
            clip = None
        return _clipped(_half_towards(anchor, inputs.bearing), clip), clip
    if inputs.bearing is None:
        return None, clip
    if feature_class == "river":
        if clip is None:
            return None, None
        return _river_side(clip.geometry, anchor, inputs.bearing), clip
    if anchor.geom_type == "Point":
        return _sector_within(_sector(anchor, inputs.bearing, SECTOR_RADIUS_KM), clip)
    if feature_class in _AREA_CLASSES:
        return _clipped(_half_towards(anchor, inputs.bearing), clip), clip
    return None, clip


def _clipped(geometry: shapely.Geometry | None, clip: _Area | None) -> shapely.Geometry | None:
    if geometry is None or clip is None:
        return geometry
    return _intersection(geometry, clip.geometry)


def _intersection(shape: shapely.Geometry, area: shapely.Geometry) -> shapely.Geometry:
    """``shape`` cut to ``area``; a shape inside the area is kept as it is.

    Intersecting with a detailed country outline costs milliseconds (the US has 27,000
    vertices); testing containment against the prepared outline costs microseconds, and a
    buffer round a city usually lies inside its country.
    """
    shapely.prepare(area)  # once per outline: the gazetteer hands back the same object
    if area.contains(shape):
        return shape
    return shapely.intersection(shape, area)


def _sector_within(
    sector: shapely.Geometry, clip: _Area | None
) -> tuple[shapely.Geometry, _Area | None]:
    """The sector cut to its clip, or whole when the clip keeps almost none of it.

    "West of Latakia" points out to sea: the reader means the water off the coast, not a
    sliver of beach, so a clip that keeps under a tenth of the sector is not applied.
    """
    if clip is None:
        return sector, None
    clipped = _intersection(sector, clip.geometry)
    if clipped.area < _MIN_CLIPPED_SHARE * sector.area:
        return sector, None
    return clipped, clip


# -- local metric projection -------------------------------------------------------------
def _to_local(lat0: float, lon0: float) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """Forward and inverse spherical azimuthal equidistant projection (km) about a point.

    Distances and bearings from the centre are true, so buffers of tens or hundreds of km
    around the centre are metric rather than stretched degrees.
    """
    phi0, lam0 = math.radians(lat0), math.radians(lon0)
    sin0, cos0 = math.sin(phi0), math.cos(phi0)

    def forward(coords: Any) -> Any:
        lam = np.radians(coords[:, 0]) - lam0
        phi = np.radians(coords[:, 1])
        cos_c = np.clip(sin0 * np.sin(phi) + cos0 * np.cos(phi) * np.cos(lam), -1.0, 1.0)
        c = np.arccos(cos_c)
        k = np.where(c < 1e-12, 1.0, c / np.where(c < 1e-12, 1.0, np.sin(c)))
        x = _EARTH_RADIUS_KM * k * np.cos(phi) * np.sin(lam)
        y = _EARTH_RADIUS_KM * k * (cos0 * np.sin(phi) - sin0 * np.cos(phi) * np.cos(lam))
        return np.column_stack([x, y])

    def inverse(coords: Any) -> Any:
        x, y = coords[:, 0], coords[:, 1]
        rho = np.hypot(x, y)
        c = rho / _EARTH_RADIUS_KM
        safe_rho = np.where(rho < 1e-12, 1.0, rho)
        sin_c, cos_c = np.sin(c), np.cos(c)
        phi = np.arcsin(np.clip(cos_c * sin0 + y * sin_c * cos0 / safe_rho, -1.0, 1.0))
        lam = lam0 + np.arctan2(x * sin_c, rho * cos0 * cos_c - y * sin0 * sin_c)
        phi = np.where(rho < 1e-12, phi0, phi)
        lon = (np.degrees(lam) + 180.0) % 360.0 - 180.0
        return np.column_stack([lon, np.degrees(phi)])

    return forward, inverse


def _in_local_km(
    geometry: shapely.Geometry, build: Callable[[shapely.Geometry], shapely.Geometry]
) -> shapely.Geometry:
    """Apply ``build`` to the geometry projected about its centre, and project back."""
    centre = geometry.centroid
    forward, inverse = _to_local(centre.y, centre.x)
    local = shapely.transform(geometry, forward)
    return shapely.transform(build(local), inverse)


def _buffer_km(geometry: shapely.Geometry, radius_km: float) -> shapely.Geometry:
    return _in_local_km(geometry, lambda local: local.buffer(radius_km, quad_segs=16))


def _near(
    anchor: shapely.Geometry, feature_class: str, distance_km: float | None
) -> shapely.Geometry:
    if distance_km is None:
        return _buffer_km(anchor, NEAR_RADIUS_KM.get(feature_class, NEAR_RADIUS_KM["city"]))
    if anchor.geom_type != "Point":
        return _buffer_km(anchor, distance_km * 1.25)
    # "20 km from X": a ring around the stated distance, a disc when it is short.
    inner = distance_km * 0.75
    outer = _buffer_km(anchor, distance_km * 1.25)
    if inner < _OFFSET_MIN_UNCERTAINTY_KM:
        return outer
    return outer.difference(_buffer_km(anchor, inner))


def _sector(point: shapely.Point, bearing: float, radius_km: float) -> shapely.Geometry:
    """A wedge of ±45° about the bearing, its apex at the point."""
    steps = np.linspace(bearing - _SECTOR_HALF_ANGLE, bearing + _SECTOR_HALF_ANGLE, 19)
    angles = np.radians(steps)
    arc = np.column_stack([radius_km * np.sin(angles), radius_km * np.cos(angles)])
    ring = np.vstack([[0.0, 0.0], arc, [0.0, 0.0]])
    _, inverse = _to_local(point.y, point.x)
    return shapely.Polygon(inverse(ring))


def _half_towards(area: shapely.Geometry, bearing: float) -> shapely.Geometry:
    """The part of an area beyond the line through its centroid, perpendicular to bearing."""

    def half(local: shapely.Geometry) -> shapely.Geometry:
        centre = local.centroid
        minx, miny, maxx, maxy = local.bounds
        reach = 2.0 * math.hypot(maxx - minx, maxy - miny) + 1.0
        dx, dy = math.sin(math.radians(bearing)), math.cos(math.radians(bearing))
        px, py = -dy, dx  # along the dividing line
        cx, cy = centre.x, centre.y
        plane = shapely.Polygon(
            [
                (cx + px * reach, cy + py * reach),
                (cx + px * reach + dx * reach, cy + py * reach + dy * reach),
                (cx - px * reach + dx * reach, cy - py * reach + dy * reach),
                (cx - px * reach, cy - py * reach),
            ]
        )
        return shapely.intersection(local, plane)

    return _in_local_km(area, half)


def _offset_disc(inputs: _ZoneInputs) -> shapely.Geometry | None:
    anchor = inputs.anchor
    if inputs.distance_km is None or inputs.bearing is None:
        return None
    if anchor.lat is None or anchor.lon is None:
        return None
    lat, lon = destination(anchor.lat, anchor.lon, inputs.bearing, inputs.distance_km)
    uncertainty = max(_OFFSET_MIN_UNCERTAINTY_KM, OFFSET_UNCERTAINTY_SHARE * inputs.distance_km)
    return _buffer_km(shapely.Point(lon, lat), uncertainty)


# WGS-84 with its axis in kilometres, as geopy's geodesic distance sets it up: distances in
# km give the very numbers geopy gives. geographiclib directly, because importing
# geopy.distance imports every geopy geocoder (and requests): a twentieth of a second at
# every start of geo.
_WGS84_KM: Final = Geodesic(6378.137, 1 / 298.257223563)


def destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """``(lat, lon)`` ``km`` from ``(lat, lon)`` along ``bearing`` (degrees clockwise from
    north) on the WGS-84 ellipsoid: a degree of longitude at the equator is 111.32 km.

    >>> destination(0.0, 0.0, 90.0, 111.319491)  # doctest: +ELLIPSIS
    (0.0, 1.0000000...)
    """
    found = _WGS84_KM.Direct(lat, lon, bearing, km, Geodesic.LATITUDE | Geodesic.LONGITUDE)
    return found["lat2"], found["lon2"]


def _between(shapes: Sequence[shapely.Geometry]) -> shapely.Geometry:
    grown = [
        _buffer_km(shape, _BETWEEN_CITY_RADIUS_KM) if shape.geom_type == "Point" else shape
        for shape in shapes
    ]
    return shapely.union_all(grown).convex_hull


# -- river split -------------------------------------------------------------------------
def _river_side(
    clip: shapely.Geometry, river: shapely.Geometry, bearing: float
) -> shapely.Geometry | None:
    """The parts of ``clip`` that lie in direction ``bearing`` across ``river``.

    The clip is cut into faces by the river (ends prolonged out of the clip). A face is on
    the requested side when stepping from the river in that direction lands in it more
    often than stepping the opposite way; faces the river does not border (islands,
    exclaves) are judged by the direction from the nearest river point.
    """
    line = _single_line(river)
    if line is None or not line.intersects(clip):
        return None
    line = _prolonged(line, clip)
    faces = _faces(clip, line)
    if len(faces) < 2:
        return None
    latitude = clip.centroid.y
    step = np.array(
        [
            math.sin(math.radians(bearing)) / max(0.05, math.cos(math.radians(latitude))),
            math.cos(math.radians(bearing)),
        ]
    )
    towards, away = _bank_votes(faces, line.intersection(clip), step)
    kept = []
    for face, plus, minus in zip(faces, towards, away, strict=True):
        if plus + minus == 0:
            if _faces_direction(face, line, step):
                kept.append(face)
        elif plus > minus:
            kept.append(face)
    if not kept:
        return None
    side = shapely.union_all(kept)
    share = side.area / clip.area if clip.area > 0 else 0.0
    # A river along the clip's border (the Jordan for Jordan, the Tigris for Syria) leaves
    # a sliver or the whole clip on one side: it does not divide the area, so no zone.
    if not _DIVIDING_SHARE[0] < share < _DIVIDING_SHARE[1]:
        return None
    return side


def _single_line(river: shapely.Geometry) -> shapely.LineString | None:
    """The river as one line: merged pieces, gaps bridged in order of nearest ends."""
    if river.geom_type == "LineString":
        return river if not river.is_empty else None
    if river.geom_type != "MultiLineString":
        return None
    merged = shapely.line_merge(river)
    if merged.geom_type == "LineString":
        return merged
    pieces = [list(piece.coords) for piece in merged.geoms]
    chain = pieces.pop(0)
    while pieces:
        best = min(
            range(len(pieces)),
            key=lambda i: min(
                math.dist(chain[-1], pieces[i][0]),
                math.dist(chain[-1], pieces[i][-1]),
                math.dist(chain[0], pieces[i][0]),
                math.dist(chain[0], pieces[i][-1]),
            ),
        )
        piece = pieces.pop(best)
        ends = {
            "tail_head": math.dist(chain[-1], piece[0]),
            "tail_tail": math.dist(chain[-1], piece[-1]),
            "head_tail": math.dist(chain[0], piece[-1]),
            "head_head": math.dist(chain[0], piece[0]),
        }
        join = min(ends, key=lambda k: ends[k])
        if join == "tail_head":
            chain = chain + piece
        elif join == "tail_tail":
            chain = chain + piece[::-1]
        elif join == "head_tail":
            chain = piece + chain
        else:
            chain = piece[::-1] + chain
    return shapely.LineString(chain)


def _prolonged(line: shapely.LineString, clip: shapely.Geometry) -> shapely.LineString:
    """The line with each end that lies inside the clip prolonged along its last segment."""
    coords = [tuple(c) for c in np.asarray(line.coords)[:, :2]]
    if len(coords) < 2:
        return line
    minx, miny, maxx, maxy = clip.bounds
    reach = 2.0 * math.hypot(maxx - minx, maxy - miny)

    def beyond(end: tuple[float, float], previous: tuple[float, float]) -> tuple[float, float]:
        dx, dy = end[0] - previous[0], end[1] - previous[1]
        length = math.hypot(dx, dy) or 1.0
        return (end[0] + dx / length * reach, end[1] + dy / length * reach)

    if clip.covers(shapely.Point(coords[0])):
        coords.insert(0, beyond(coords[0], coords[1]))
    if clip.covers(shapely.Point(coords[-1])):
        coords.append(beyond(coords[-1], coords[-2]))
    return shapely.LineString(coords)


def _faces(clip: shapely.Geometry, line: shapely.LineString) -> list[shapely.Geometry]:
    """The pieces of the clip between its boundary and the line."""
    noded = shapely.union_all([clip.boundary, line])
    pieces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    return [
        piece
        for piece in pieces
        if not piece.is_empty and clip.contains(piece.representative_point())
    ]


def _bank_votes(
    faces: Sequence[shapely.Geometry], river_in_clip: shapely.Geometry, step: Any
) -> tuple[list[int], list[int]]:
    """How often a small step from the river towards / away from the bearing lands in a face."""
    samples = []
    for part in shapely.get_parts(river_in_clip):
        if part.geom_type != "LineString" or part.length == 0:
            continue
        count = max(8, int(part.length / 0.02))  # a sample every ~2 km
        samples.append(
            shapely.get_coordinates(
                shapely.line_interpolate_point(part, np.linspace(0.0, 1.0, count), normalized=True)
            )
        )
    if not samples:
        return [0] * len(faces), [0] * len(faces)
    points = np.vstack(samples)
    size = 0.01  # ~1 km: beyond the river's own width, well inside any face worth keeping
    ahead, behind = points + step * size, points - step * size
    towards = [int(shapely.contains_xy(face, ahead[:, 0], ahead[:, 1]).sum()) for face in faces]
    away = [int(shapely.contains_xy(face, behind[:, 0], behind[:, 1]).sum()) for face in faces]
    return towards, away


def _faces_direction(face: shapely.Geometry, line: shapely.LineString, step: Any) -> bool:
    inside = face.representative_point()
    nearest = line.interpolate(line.project(inside))
    offset = np.array([inside.x - nearest.x, inside.y - nearest.y])
    return float(offset @ step) > 0


# -- output ------------------------------------------------------------------------------
def _finish(geometry: shapely.Geometry) -> shapely.Geometry | None:
    """Valid, polygonal, simplified, rounded to 6 decimals, exterior rings counter-clockwise."""
    polygonal = _polygonal(shapely.make_valid(geometry))
    if polygonal is None:
        return None
    tolerance = 0.0005
    simplified = polygonal.simplify(tolerance, preserve_topology=True)
    while shapely.get_num_coordinates(simplified) > _MAX_VERTICES:
        tolerance *= 2
        simplified = polygonal.simplify(tolerance, preserve_topology=True)
    rounded = shapely.transform(simplified, lambda coords: np.round(coords, 6))
    polygonal = _polygonal(shapely.make_valid(rounded))
    if polygonal is None:
        return None
    parts = [orient(part, 1.0) for part in shapely.get_parts(polygonal)]
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _polygonal(geometry: shapely.Geometry) -> shapely.Geometry | None:
    polygons = [
        part
        for part in shapely.get_parts(geometry)
        if part.geom_type in ("Polygon", "MultiPolygon") and not part.is_empty
    ]
    flat = [p for poly in polygons for p in shapely.get_parts(poly) if p.area > 0]
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else shapely.MultiPolygon(flat)


def _zone(relation: SpatialRelation, clip: _Area | None, geometry: shapely.Geometry) -> Zone:
    anchor_ids = "+".join(a.gazetteer_id or "?" for a in relation.anchors)
    clip_key = "none" if clip is None else clip.gazetteer_id or "countries"
    zone_id = f"zone:{relation.relation.value}:{anchor_ids}:{clip_key}"
    if relation.distance_km is not None:
        zone_id += f":{relation.distance_km:g}km"
    return Zone(
        id=zone_id,
        relation=relation.relation.value,
        label=_label(relation, clip),
        anchor_id=relation.anchor.gazetteer_id,
        anchor_name=_name(relation.anchor),
        clip_id=None if clip is None else clip.gazetteer_id,
        clip_name=None if clip is None else clip.name,
        distance_km=relation.distance_km,
        geometry=_geojson(geometry),
        text=relation.text,
    )


def _geojson(geometry: shapely.Geometry) -> dict[str, Any]:
    """The GeoJSON of a (Multi)Polygon in plain lists, as JSON has them (what shapely's
    ``mapping`` gives after a JSON round trip, without the round trip)."""
    if geometry.geom_type == "Polygon":
        return {"type": "Polygon", "coordinates": _rings(geometry)}
    return {"type": "MultiPolygon", "coordinates": [_rings(part) for part in geometry.geoms]}


def _rings(polygon: shapely.Polygon) -> list[list[list[float]]]:
    rings = (polygon.exterior, *polygon.interiors)
    coordinates: list[list[list[float]]] = [shapely.get_coordinates(r).tolist() for r in rings]
    return coordinates


def _name(mention: Mention) -> str:
    name = mention.name or mention.text
    return f"the {name}" if mention.feature_class in {"river", "sea", "lake"} else name


def _label(relation: SpatialRelation, clip: _Area | None) -> str:
    kind = relation.relation
    anchor = _name(relation.anchor)
    if kind == RelationKind.BETWEEN:
        return f"between {anchor} and {_name(relation.anchors[1])}"
    if kind == RelationKind.ROAD:
        return f"on the road between {anchor} and {_name(relation.anchors[1])}"
    if kind == RelationKind.OFFSET:
        direction = _compass_word(relation)
        return f"{_km(relation.distance_km)} km {direction} of {anchor}"
    if kind == RelationKind.NEAR:
        near = f"{_km(relation.distance_km)} km from" if relation.distance_km else "near"
        where = (
            ""
            if clip is None or relation.anchor.feature_class in _POINT_CLASSES
            else (f" in {clip.name}")
        )
        return f"{near} {anchor}{where}"
    if kind == RelationKind.ALONG:
        return f"along {anchor}" + ("" if clip is None else f" in {clip.name}")
    if kind == RelationKind.PART:
        return f"{_compass_word(relation)}ern {anchor}"
    direction = kind.value.removesuffix("_of")
    if relation.anchor.feature_class == "river" and clip is not None:
        return f"{clip.name} {direction} of {anchor}"
    return f"{direction} of {anchor}"


def _km(distance: float | None) -> str:
    """A distance for a label: whole km from 10 km up ("48 km"), one decimal below."""
    if distance is None:
        return "?"
    return f"{distance:.0f}" if distance >= 10 else f"{distance:.1f}".removesuffix(".0")


def _compass_word(relation: SpatialRelation) -> str:
    """The compass word of a relation's bearing: 'north', 'southwest'."""
    bearing = relation.bearing or 0.0
    return min(BEARINGS, key=lambda word: abs((BEARINGS[word] - bearing + 180) % 360 - 180))
