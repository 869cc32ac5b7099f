"""Containment: a place the text puts inside another ("Kafr Zita in the countryside of Hama").

Conflict reporting names small places by their container: "shelled Kafr Zita in the
northern countryside of Hama", "Tal Tamr, Hasakah province", "the village of Um Batna in
Quneitra". The events stage reads two things from such a phrase:

* a check: a contained place resolved outside its container is the wrong homonym; the entry
  of that name inside the container is taken instead, or the container when it has none;
* a place the gazetteer does not know is still inside its container: an event there is
  placed at the area around it (the province of the container's name, not its city), with
  the area's uncertainty, never at a city centre with a city's.

The words of these phrases (place nouns, the generic first words of Arabic, Kurdish and
Turkish names, links, area phrases) are data: ``containment.toml`` beside this module.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Final, NamedTuple

import shapely

from gazetteer import Gazetteer
from gazetteer.geodesy import great_circle_km
from gazetteer.model import Candidate, FeatureClass
from gazetteer.normalize import variant_key
from geo.places import admin_chain
from geo.places.mentions import Mention
from geo.vocabulary import (
    Alternatives,
    LowerAlternatives,
    Vocabulary,
    alternation,
    load_vocabulary,
)

__all__ = [
    "ADMIN_WORDS",
    "COMPASS_SIDE",
    "DISTRICT_RADIUS_KM",
    "DISTRICT_WORD_AFTER",
    "PLACE_NOUNS",
    "ContainmentFile",
    "UnknownPlace",
    "admin_area_named_like",
    "admin_word_after",
    "candidate_inside",
    "container_after",
    "contains",
    "holds_place",
    "in_admin_chain",
    "part_of_a_city",
    "unknown_place_before",
    "within_the_city",
]


class ContainmentFile(Vocabulary):
    """``containment.toml``: the words of "X in Y" phrases."""

    place_nouns: LowerAlternatives
    urban_nouns: LowerAlternatives
    toponym_heads: Alternatives
    links: LowerAlternatives
    area_phrases: LowerAlternatives
    admin_words: LowerAlternatives
    district_words: LowerAlternatives


_WORDS: Final = load_vocabulary("geo.events", "containment.toml", ContainmentFile)

_SIDES = r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
COMPASS_SIDE: Final = rf"(?:{_SIDES}(?:ern)?\s+)?"
"""An optional side word before a name ("southern ", "north-west "), as a regex."""
# Between a contained name and its container: "X in", "X village in the southern
# countryside of", "X, in rural".
_NOUNS = alternation(_WORDS.place_nouns)
PLACE_NOUNS: Final = _NOUNS
"""The nouns that call a name a place ("village", "neighbourhood"), as a regex alternation."""
_TAIL = rf"(?:the\s+)?{COMPASS_SIDE}(?:{alternation(_WORDS.area_phrases)}\s+)?"
# "X in", "X village in", "X, in", or a noun and "of": "the X quarter of"; or an apposition
# that calls X a place: "X, a Druze town in", "X, a border village in".
_APPOSITION = rf"\s*,\s+an?\s+(?:[\w-]+\s+){{0,2}}?(?P<apposed>{_NOUNS})"
# A capitalised name of up to four words, with the article particles of romanised names
# ("Kafr Zita", "Tal al-Abyad", "Deir ez-Zor", "Ma'arrat al-Nu'man").
_WORD = r"[A-Z\u00c0-\u024f'’][\w'’]*(?:-[\w'’]+)*"
_NAME = rf"{_WORD}(?:\s+(?:[a-z]{{1,3}}-)?{_WORD}){{0,3}}"
# ACLED's own notation opens a parenthesis on the containers: "Al-Jineh village (Atareb,
# Aleppo)", "Khana Sor (Sinjar, Ninewa)" - the location, then its admin areas.
_PARENTHESIS = rf"(?:\s+(?P<paren_noun>{_NOUNS}|city|district))?\s*\(\s*"
ADMIN_WORDS: Final = alternation(_WORDS.admin_words)
"""The words that name an area by its place's name ("Lahj governorate"), as an alternation."""
# The nouns a contained name may carry before its link: a place noun, or an admin word ("Sahar
# district of Sa'ada governorate", "Abs district in Hajjah").
_CONTAINED_NOUNS = rf"{_NOUNS}|{ADMIN_WORDS}"
_LINK = (
    rf"(?:\s+(?:{_CONTAINED_NOUNS})\s+of\s+"
    rf"|(?:\s+(?:{_CONTAINED_NOUNS})|{_APPOSITION.replace('?P<apposed>', '')})?"
    rf"\s*,?\s+{alternation(_WORDS.links)}\s+|{_PARENTHESIS.replace('?P<paren_noun>', '')}"
    rf"(?:{_NAME}\s*,\s*)?)"  # "Aleppo city (Jebel Saman, Aleppo)": an unknown area between
)
_LINK += _TAIL
_LINK_GAP = re.compile(rf"^{_LINK}$", re.IGNORECASE)
# "Kafr Nabl, Idlib governorate", "Dibilou village, Centre-Nord region"
_COMMA_GAP = re.compile(rf"^(?:\s+(?:{_NOUNS}))?\s*,\s+(?:the\s+)?$", re.IGNORECASE)
# A comma and a side of the next place: "al-Dora, southern Baghdad", "Kafr Nabl, northern
# Idlib" (not the next item of a list: "Idlib, northern Hama and western Aleppo", "the Gaza
# Strip, southern Lebanon and the occupied West Bank", "Idlib, northern Hama, the Ghab").
_COMMA_SIDE_GAP = re.compile(rf"^\s*,\s+(?:the\s+)?{_SIDES}ern\s+$", re.IGNORECASE)
_LIST_GOES_ON = re.compile(
    rf"\s*(?:,\s*(?:and\s+|or\s+)?(?:the\s+|in\s+)?(?:[A-Z]|{_SIDES}(?:ern)?\s)"
    r"|\s+(?:and|or)\s)"
)
# Inside those parentheses each name lies in the next: "(Atareb, Aleppo)".
_IN_PARENTHESES_GAP = re.compile(r"^(?:-[\w'’]+)*\s*,\s*$")  # "(Minieh-Danniyeh, North)"
_ADMIN_WORD_AFTER = re.compile(rf"^\s+{ADMIN_WORDS}\b", re.IGNORECASE)
DISTRICT_WORD_AFTER: Final = re.compile(
    rf"\s+{alternation(_WORDS.district_words)}\b", re.IGNORECASE
)
"""The word after a town's name that makes it its district's ("Jamshoro district")."""
# The link before a container, at the end of the text before it (with the noun, if any, that
# calls the contained name a place), then the capitalised name before that link.
_LINK_AT_END = re.compile(
    rf"(?:\s+(?P<of_noun>{_NOUNS})\s+of\s+|(?:\s+(?P<noun>{_NOUNS})|{_APPOSITION})?\s*,?\s+"
    rf"{alternation(_WORDS.links)}\s+|{_PARENTHESIS}){_TAIL}$",
    re.IGNORECASE,
)
_NAME_AT_END = re.compile(rf"{_NAME}$")
# A capitalised word made an adjective by a participle after its hyphen ("ISIS-held",
# "Turkish-backed", "SDF-controlled"): no name.
_PARTICIPLE_END = re.compile(r"-(?:[a-z]+ed|led|run|held)$")
_NOUN_OF_BEFORE = re.compile(
    rf"\b(?P<noun>{alternation(_WORDS.place_nouns)})\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
_HEAD = re.compile(rf"^(?:{alternation(_WORDS.toponym_heads)})(?:\s|-)")
_URBAN = re.compile(rf"^(?:{alternation(_WORDS.urban_nouns)})$", re.IGNORECASE)

_MAX_GAP = 60  # characters between a contained name and its container
_BORDER_TOLERANCE_DEG = 0.1  # a town on a boundary line is inside (outlines are coarse)
_CITY_EXTENT_KM = 30.0  # how far from a city's point its neighbourhoods and suburbs reach
# How far the district named for a town may reach when the gazetteer has no outline of it
# (a district of 5,000 km², the size of many in Syria, Iraq and Iran, is 40 km across).
_DISTRICT_REACH_KM = 60.0
# ... and how far a place in such a district may lie from its town, as an uncertainty: a
# district 40 km across, its town off its centre.
DISTRICT_RADIUS_KM = 40.0
_AREA_CLASSES = (FeatureClass.ADMIN1, FeatureClass.ADMIN2)


class UnknownPlace(NamedTuple):
    """A name the text calls a place, which the gazetteer does not know."""

    name: str
    start: int
    end: int
    urban: bool  # a part of a city ("the Sheikh Maqsoud neighbourhood")


def container_after(text: str, mention: Mention, mentions: Sequence[Mention]) -> Mention | None:
    """The place the text puts ``mention`` in: "X in [the countryside of] Y", "X, Y province",
    "X, southern Y".

    >>> from geo.places.mentions import MentionKind
    >>> def m(name: str) -> Mention:
    ...     start = text.index(name)
    ...     return Mention(start=start, end=start + len(name), text=name,
    ...                    kind=MentionKind.TOPONYM)
    >>> text = "Shelling hit Kafr Nubl in the southern countryside of Idlib."
    >>> container_after(text, m("Kafr Nubl"), [m("Kafr Nubl"), m("Idlib")]).text
    'Idlib'
    >>> text = "Strikes hit Aleppo, Idlib and Hama."
    >>> container_after(text, m("Aleppo"), [m("Aleppo"), m("Idlib"), m("Hama")]) is None
    True
    """
    for other in mentions:
        if other.start < mention.end:
            continue
        if other.start - mention.end > _MAX_GAP:
            return None
        gap = text[mention.end : other.start]
        if _LINK_GAP.match(gap):
            return other
        if _COMMA_GAP.match(gap) and _ADMIN_WORD_AFTER.match(text[other.end : other.end + 20]):
            return other
        if _COMMA_SIDE_GAP.match(gap) and not _LIST_GOES_ON.match(text, other.end):
            return other
        if _IN_PARENTHESES_GAP.match(gap) and _closes_parentheses(text, mention, other):
            return other
        return None
    return None


# "Al-Jineh (Atareb, Aleppo)": a name in such a parenthesis, before a comma or its end.
_CHAIN_BEFORE = re.compile(rf"\w\s\((?:\s*{_NAME}\s*,)?\s*$")
# The first name of the chain, which the gazetteer does not know: "(Jebel Saman, " before B.
_UNKNOWN_CHAIN_HEAD = re.compile(rf"\w\s\(\s*(?P<name>{_NAME})\s*,\s*$")


# "Kukawa (Kukawa, Kukawa, Borno), a town near Lake Chad": what lies between a place and a
# relation phrase that describes it in an apposition.
_APPOSED_RELATION_GAP = re.compile(
    rf"(?:\s*\([^()]{{1,80}}\))?\s*,\s+an?\s+(?:[\w-]+\s+){{0,2}}?(?:{_NOUNS})\s+$",
    re.IGNORECASE,
)


def described_by_relation(
    text: str, relation_start: int, mentions: Sequence[Mention]
) -> Mention | None:
    """The resolved place an apposition says a relation phrase starting at
    ``relation_start`` describes ("entered Kukawa (Kukawa, Kukawa, Borno), a town near Lake
    Chad": Kukawa), if any.

    >>> from geo.places.mentions import MentionKind
    >>> text = "Fighters entered Kukawa, a town near Lake Chad."
    >>> kukawa = Mention(start=17, end=23, text="Kukawa", kind=MentionKind.TOPONYM,
    ...                  gazetteer_id="x", lat=12.9, lon=13.6)
    >>> described_by_relation(text, text.index("near"), [kukawa]) is kukawa
    True
    """
    return next(
        (
            m
            for m in mentions
            if m.resolved
            and m.end <= relation_start
            and _APPOSED_RELATION_GAP.fullmatch(text, m.end, relation_start) is not None
        ),
        None,
    )


def in_admin_chain(text: str, mention: Mention) -> bool:
    """Whether ``mention`` is one of the admin areas ACLED writes in parentheses after a
    location: "Al-Jineh village (Atareb, Aleppo)" - a location, as "in Aleppo" is."""
    return bool(
        admin_chain.GOES_ON.match(text, mention.end)
        and _CHAIN_BEFORE.search(text, max(0, mention.start - _MAX_GAP), mention.start)
    )


def _closes_parentheses(text: str, inner: Mention, outer: Mention) -> bool:
    """ "(Atareb, Aleppo)": ``outer`` closes a parenthesis that ``inner`` is in."""
    opened = text.rfind("(", max(0, inner.start - _MAX_GAP), inner.start)
    return (
        opened >= 0
        and ")" not in text[opened : inner.start]
        and bool(admin_chain.CLOSING.match(text, outer.end))
    )


def unknown_place_before(
    text: str,
    container: Mention,
    mentions: Sequence[Mention],
    actor_spans: Sequence[tuple[int, int]] = (),
) -> UnknownPlace | None:
    """A place the text puts inside ``container`` that is no resolved mention: a name called
    a place by a noun ("the village of X", "X town") or by its first word ("Kafr Zita").

    >>> from geo.places.mentions import MentionKind
    >>> text = "Regime forces shelled Kafr Zita in the northern countryside of Hama."
    >>> hama = Mention(start=text.index("Hama"), end=text.index("Hama") + 4, text="Hama",
    ...                kind=MentionKind.TOPONYM)
    >>> unknown_place_before(text, hama, [hama])
    UnknownPlace(name='Kafr Zita', start=22, end=31, urban=False)
    >>> text = "Gunmen shot a man in Hama."
    >>> hama = hama.model_copy(update={"start": 21, "end": 25})
    >>> unknown_place_before(text, hama, [hama]) is None
    True
    """
    window_start = max(0, container.start - 120)
    window = text[window_start : container.start]
    link = _LINK_AT_END.search(window)
    if link is None:
        return _unknown_chain_head(text, window, window_start, mentions, container)
    named = _NAME_AT_END.search(window, 0, link.start())
    if named is None or _PARTICIPLE_END.search(named.group()):
        return None  # "the largest ISIS-held town in the Euphrates valley": whose, not which
    name = named.group()
    noun = (
        link.group("noun")
        or link.group("of_noun")
        or link.group("apposed")
        or link.group("paren_noun")
    )
    start, end = window_start + named.start(), window_start + named.end()
    if any(m.start < end and start < m.end for m in mentions if m is not container and m.resolved):
        # a name the places stage read: the check, not this, applies (one it found no
        # reading of in the area the text puts it in is unknown: "near Amerli (Tooz, ...)")
        return None
    if any(a_start < end and start < a_end for a_start, a_end in actor_spans):
        return None  # "Syrian Democratic Forces in Raqqa": who, not where
    noun_before = _NOUN_OF_BEFORE.search(text[max(0, start - 40) : start])
    if noun is None and noun_before is not None:
        noun = noun_before.group("noun")
    if noun is None and not _HEAD.match(name) and not _opens_a_chain_of_two(text, link, container):
        return None
    urban = bool(noun and _URBAN.match(noun)) or _part_of_a_city(window, link, text, container)
    return UnknownPlace(name, start, end, urban=urban)


_OF_THE_CONTAINER = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)


def _part_of_a_city(window: str, link: re.Match[str], text: str, container: Mention) -> bool:
    """ "the al-Junaina area of Basra", "the Dar Saad district of Aden": a place called a
    part "of" a city, the city's name right after, is in the city, not in the province named
    for it (a "district of Saada governorate" is the province's)."""
    return (
        link.group("of_noun") is not None
        and _OF_THE_CONTAINER.fullmatch(window, link.end("of_noun")) is not None
        and container.feature_class == FeatureClass.CITY
        and not admin_word_after(text, container)
    )


# "the Ortakoy district of Istanbul", "the Karrada district in Baghdad", "the Jamila market
# in Baghdad": a part of a city, the city's name right after.
_CITY_PART_GAP = re.compile(
    rf"^\s+(?:{alternation(_WORDS.urban_nouns)}|(?P<district>districts?))\s+(?:of|in)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
# A city this populous has districts of its own; a smaller town's "district" is the one named
# for it ("Abs district in Hajjah").
_CITY_WITH_DISTRICTS = 250_000


def part_of_a_city(text: str, place: Mention, container: Mention, gazetteer: Gazetteer) -> bool:
    """Whether the text calls ``place`` a part of the city ``container`` ("the Ortakoy
    district of Istanbul"): it lies within the city, whatever farther place shares its name."""
    if container.feature_class != FeatureClass.CITY or admin_word_after(text, container):
        return False
    found = _CITY_PART_GAP.match(text[place.end : container.start])
    if found is None:
        return False
    if found.group("district") is None:
        return True
    index = gazetteer.index_of(container.gazetteer_id or "")
    return index is not None and gazetteer.candidate(index).population >= _CITY_WITH_DISTRICTS


def within_the_city(city: Mention, place: Mention) -> bool:
    """Whether the resolved ``place`` lies within a city's reach of the resolved ``city``."""
    return (
        city.lat is not None
        and city.lon is not None
        and place.lat is not None
        and place.lon is not None
        and great_circle_km(city.lat, city.lon, place.lat, place.lon) <= _CITY_EXTENT_KM
    )


def _opens_a_chain_of_two(text: str, link: re.Match[str], container: Mention) -> bool:
    """ "retook Hamam al-Alil (Mosul, Ninewa)": ACLED's notation, a location and then its
    district and province in parentheses, makes the name before them a place, whatever its
    words."""
    return "(" in link.group() and admin_chain.CONTINUES.match(text, container.end) is not None


def _unknown_chain_head(
    text: str, window: str, window_start: int, mentions: Sequence[Mention], container: Mention
) -> UnknownPlace | None:
    """ "(Jebel Saman, Aleppo)", "(Abu Rasin, Ras Al Ain, Al-Hasakeh)": an admin area the
    gazetteer does not know, inside the next."""
    head = _UNKNOWN_CHAIN_HEAD.search(window)
    if head is None or not admin_chain.GOES_ON.match(text, container.end):
        return None
    start, end = window_start + head.start("name"), window_start + head.end("name")
    if any(m.start < end and start < m.end for m in mentions if m is not container):
        # any name the places stage found, read or not: an area inside the chain it could
        # not read ("(Al Qahirah, Taizz)", no Cairo) leaves the event at the place the chain
        # follows ("the Old City of Taizz"), not spread over the province
        return None
    return UnknownPlace(head.group("name"), start, end, urban=False)


def contains(gazetteer: Gazetteer, container: Mention, lat: float, lon: float) -> bool:
    """Whether the resolved ``container``, or the admin area of a city's name, holds the
    point (lat, lon)."""
    if container.lat is None or container.lon is None:
        return True
    index = gazetteer.index_of(container.gazetteer_id or "")
    if index is None:
        return great_circle_km(container.lat, container.lon, lat, lon) <= _CITY_EXTENT_KM
    if _holds(gazetteer, gazetteer.candidate(index), lat, lon):
        return True
    # "Kafr Zita in Hama": a city's name is also its province's, which holds the village.
    if container.feature_class != FeatureClass.CITY:
        return False
    area = admin_area_named_like(gazetteer, container)
    if area is None:
        # "Rask (Sarbaz county, ...)": a district of the town's name the gazetteer lacks
        return great_circle_km(container.lat, container.lon, lat, lon) <= _DISTRICT_REACH_KM
    return _holds(gazetteer, area, lat, lon)


# Named "in Syria" for their part there ("the Euphrates River in Syria"): their point (a
# river's mouth, a sea's open water) may lie outside the container that holds that part.
_EXTENDED_CLASSES = frozenset(
    {FeatureClass.RIVER.value, FeatureClass.LAKE.value, FeatureClass.SEA.value}
)


def holds_place(gazetteer: Gazetteer, container: Mention, place: Mention) -> bool:
    """Whether the resolved ``container`` holds the resolved ``place``: its point, or any
    part of a river, lake or sea."""
    assert place.lat is not None and place.lon is not None
    container_index = gazetteer.index_of(container.gazetteer_id or "")
    place_index = gazetteer.index_of(place.gazetteer_id or "")
    if (
        place.feature_class in _EXTENDED_CLASSES
        and container_index is not None
        and place_index is not None
    ):
        outline = _outline(gazetteer, container_index)
        extent = gazetteer.geometry(place_index)
        if outline is not None and extent is not None:
            return bool(outline.intersects(extent))
    if (
        container_index is not None
        and place_index is not None
        and _coded_in(gazetteer.candidate(place_index), gazetteer.candidate(container_index))
    ):
        return True
    return contains(gazetteer, container, place.lat, place.lon)


def _coded_in(place: Candidate, area: Candidate) -> bool:
    """Whether GeoNames codes the place in the first-order area: Natural Earth's outlines,
    coarse at the borders, leave out towns of it (Tarmiyah is Baghdad's, 10 km outside
    the outline)."""
    return (
        area.feature_class == FeatureClass.ADMIN1
        and area.admin1_code is not None
        and place.admin1_code == area.admin1_code
        and place.position != area.position
    )


def _holds(gazetteer: Gazetteer, area: Candidate, lat: float, lon: float) -> bool:
    outline = _outline(gazetteer, area.position)
    if outline is not None:
        return bool(shapely.distance(outline, shapely.Point(lon, lat)) <= _BORDER_TOLERANCE_DEG)
    reach = _CITY_EXTENT_KM
    if area.feature_class != FeatureClass.CITY:
        reach = max(reach, gazetteer.radius_km(area.position))
    return great_circle_km(area.lat, area.lon, lat, lon) <= reach


@lru_cache(maxsize=256)
def _outline(gazetteer: Gazetteer, index: int) -> shapely.Geometry | None:
    geometry = gazetteer.geometry(index)
    if geometry is None or geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    shapely.prepare(geometry)
    return geometry


def candidate_inside(gazetteer: Gazetteer, name: str, container: Mention) -> Candidate | None:
    """The best-ranked entry called ``name`` that lies inside ``container``."""
    index = gazetteer.index_of(container.gazetteer_id or "")
    area = None if index is None else gazetteer.candidate(index)
    for candidate in gazetteer.candidates(name):
        if candidate.id != container.gazetteer_id and (
            (area is not None and _coded_in(candidate, area))
            or contains(gazetteer, container, candidate.lat, candidate.lon)
        ):
            return candidate
    return None


def admin_area_named_like(gazetteer: Gazetteer, city: Mention) -> Candidate | None:
    """The admin area that bears a city's name and holds it (Hama province for Hama):
    first-order before second, the area a "village in Hama" certainly lies in."""
    if city.lat is None or city.lon is None or not city.text.strip():
        return None
    # The name as written, then the city's own ("Lahj" is Laḩij, whose province is Lahij),
    # each also by its romanisation variants (Erbil is in the governorate of Arbil).
    names = dict.fromkeys(name for name in (city.text, city.name) if name)
    keys = dict.fromkeys(key for name in names if (key := variant_key(name)) is not None)
    readings = [c for name in names for c in gazetteer.candidates(name)]
    readings += [c for key in keys for c in gazetteer.candidates_for_key(key)]
    areas = [
        candidate
        for candidate in dict((c.position, c) for c in readings).values()
        if candidate.feature_class in _AREA_CLASSES
        and candidate.country_code == city.country
        and _holds(gazetteer, candidate, city.lat, city.lon)
    ]
    areas.sort(key=lambda c: (_AREA_CLASSES.index(c.feature_class), -c.importance))
    return areas[0] if areas else None


def admin_word_after(text: str, mention: Mention) -> bool:
    """Whether an administrative word follows a city's name ("Lahj governorate", "Khanaqin
    district"): the text means the area of that name, not the city."""
    return mention.feature_class == FeatureClass.CITY and bool(
        _ADMIN_WORD_AFTER.match(text[mention.end : mention.end + 30])
    )
