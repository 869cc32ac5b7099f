"""Areas split into first-order areas named for their sides, as one region each: "Darfur"
(North, South, East, West and Central Darfur), "Kivu" (Nord-Kivu, Sud-Kivu), "Sussex".

The side words and the generic shared names that make no region are data:
``split_areas.toml`` beside this module. A shared name is a region when two or more
first-order areas of one country with outlines share it, no country, first-order area or
region already has it as a name, and no city of that country does (Nouakchott Nord and Sud
are the city's parts, not a region of its name). Its shape is the union of theirs, its
point the pole of inaccessibility of the union's main body.

>>> shared_name("North Darfur"), shared_name("Sud-Kivu"), shared_name("Cheshire West and Chester")
('Darfur', 'Kivu', 'Cheshire')
>>> shared_name("Darfur") is None
True
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from gazetteer.geodesy import main_body_point
from gazetteer.model import Entry, FeatureClass
from gazetteer.normalize import normalize
from geo.vocabulary import LowerWords, Vocabulary, load_vocabulary

__all__ = ["SplitAreasFile", "add_split_areas", "shared_name"]


class SplitAreasFile(Vocabulary):
    """``split_areas.toml``: the side words, and the shared names that are generic."""

    sides: LowerWords
    generic: LowerWords


_WORDS = load_vocabulary("gazetteer", "split_areas.toml", SplitAreasFile)
_SIDE = "|".join(_WORDS.sides)
_SIDE_FIRST = re.compile(rf"^(?:{_SIDE})[\s-]+(?P<name>.+)$", re.IGNORECASE)
_SIDE_LAST = re.compile(rf"^(?P<name>.+?)[\s-]+(?:{_SIDE})(?:\s+and\s+.+)?$", re.IGNORECASE)
_GENERIC = frozenset(_WORDS.generic)
_NAMED_CLASSES = (FeatureClass.COUNTRY, FeatureClass.ADMIN1, FeatureClass.REGION)
# Degrees: the union is drawn at this detail (about 1 km), as the parts are.
_SIMPLIFY_DEGREES = 0.01


def shared_name(area: str) -> str | None:
    """The name an area shares with the other sides of the whole it is one side of."""
    found = _SIDE_FIRST.match(area) or _SIDE_LAST.match(area)
    if found is None or normalize(found["name"]) in _GENERIC:
        return None
    return found["name"]


def add_split_areas(entries: Iterable[Entry]) -> Iterator[Entry]:
    """Every entry, then a region for each area split into first-order areas by side."""
    collected = list(entries)
    yield from collected
    named = {
        normalize(name)
        for entry in collected
        if entry.feature_class in _NAMED_CLASSES
        for name in (entry.name, *entry.alt_names)
    }
    cities = {
        (entry.country_code, normalize(name))
        for entry in collected
        if entry.feature_class == FeatureClass.CITY
        for name in (entry.name, *entry.alt_names)
    }
    sides: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in collected:
        if entry.feature_class == FeatureClass.ADMIN1 and entry.geometry and entry.country_code:
            name = shared_name(entry.name)
            key = None if name is None else normalize(name)
            if name is not None and key not in named and (entry.country_code, key) not in cities:
                sides[(entry.country_code, name)].append(entry)
    for (country, name), parts in sorted(sides.items()):
        if len(parts) >= 2:
            yield _region(country, name, parts)


def _region(country: str, name: str, parts: list[Entry]) -> Entry:
    from shapely.geometry import mapping, shape
    from shapely.ops import unary_union

    union = unary_union([shape(part.geometry) for part in parts]).simplify(
        _SIMPLIFY_DEGREES, preserve_topology=True
    )
    lat, lon = main_body_point(union)
    return Entry(
        id=f"region:{country.lower()}-{normalize(name).replace(' ', '-')}",
        name=name,
        feature_class=FeatureClass.REGION,
        country_code=country,
        country_codes=(country,),
        population=sum(part.population for part in parts),
        lat=lat,
        lon=lon,
        geometry=mapping(union),
        source="union of the Natural Earth admin-1 areas named for its sides "
        "(gazetteer/split_areas.py)",
        raw={"subtype": "split area", "parts": [part.name for part in parts]},
    )
