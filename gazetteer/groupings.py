"""Groupings of countries as gazetteer places: continents with their adjectives and shapes,
supranational and cultural regions ("European Union", "Arab world"), former states.

Their members are reviewed data (``groupings.toml`` beside this module, sources in its
header); their shapes are unions of the member countries' polygons, taken from the country
entries of the same build, so they follow Natural Earth's coastlines and borders.

>>> from gazetteer.model import Entry, FeatureClass
>>> square = {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]}
>>> country = Entry(id="country:AA", name="A", feature_class=FeatureClass.COUNTRY,
...                 country_code="AA", lat=1, lon=1, geometry=square)
>>> entry = union_entry(Region(id="region:a", name="A", members=("AA", "BB")), {"AA": country})
>>> entry.feature_class.value, [round(value, 2) for value in (entry.lat, entry.lon)]
('region', [1.0, 1.0])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, Field, model_validator

from gazetteer.geodesy import main_body_point
from gazetteer.model import Entry, FeatureClass
from geo.errors import GazetteerDataError
from geo.vocabulary import CountryCode, Vocabulary, distinct, load_vocabulary

# shapely is imported where geometry is handled: the pipeline reads FORMER_STATES only,
# never a shape, and it costs every command's start-up.
if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

__all__ = ["FORMER_STATES", "GroupingsFile", "Region", "add_groupings", "union_entry"]

_Names = Annotated[tuple[str, ...], AfterValidator(distinct)]
_Lat = Annotated[float, Field(ge=-90, le=90)]
_Lon = Annotated[float, Field(ge=-180, le=180)]
# Degrees: a union of dozens of countries is drawn at this detail (about 5 km).
_SIMPLIFY_DEGREES = 0.05
# Degrees: the gaps between first-order areas' simplified borders (about 2 km).
_AREA_GAP_DEGREES = 0.02


class Region(Vocabulary):
    """One grouping: its entry id, names, and member countries; or, for a region within
    one country (East Germany), that country and the first-order areas it covered; or, for a
    former state with one successor (the Ottoman Empire), that successor."""

    id: Annotated[str, Field(pattern=r"^region:[a-z-]+$")]
    name: str
    alt_names: _Names = ()
    abbreviations: _Names = ()
    demonyms: _Names = ()
    former: bool = False
    point: tuple[_Lat, _Lon] | None = None  # (lat, lon)
    members: Annotated[tuple[CountryCode, ...], Field(min_length=1), AfterValidator(distinct)]
    areas: Annotated[tuple[str, ...], AfterValidator(distinct)] = ()

    @model_validator(mode="after")
    def _a_grouping_of_one_is_a_successor_or_its_areas(self) -> Region:
        if len(self.members) == 1 and not (self.former or self.areas):
            raise ValueError(f"{self.id}: a grouping of one country needs areas or former = true")
        if self.areas and len(self.members) != 1:
            raise ValueError(f"{self.id}: areas belong to one member country")
        if any(not area.startswith(f"admin1:{self.members[0]}.") for area in self.areas):
            raise ValueError(f"{self.id}: every area is a first-order area of its member")
        return self


class GroupingsFile(Vocabulary):
    """``groupings.toml``: continents' adjectives, regions, adjectives of other entries."""

    continents: dict[Annotated[str, Field(pattern=r"^[A-Z]{2}$")], _Names]
    region: tuple[Region, ...]
    demonyms: dict[str, _Names] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ids_once(self) -> GroupingsFile:
        ids = [region.id for region in self.region]
        distinct(tuple(ids))
        return self


def _union(
    members: Iterable[str], entries: Mapping[str, Entry], what: str, gap: float = 0.0
) -> BaseGeometry:
    """The members' shapes as one; parts up to ``gap`` degrees apart are joined (first-order
    areas, simplified one by one, no longer share their borders exactly)."""
    from shapely.geometry import shape
    from shapely.ops import unary_union

    shapes = [
        shape(entries[key].geometry) for key in members if key in entries and entries[key].geometry
    ]
    if not shapes:
        raise GazetteerDataError(f"{what}: none of its members has a shape")
    union = (
        unary_union([s.buffer(gap) for s in shapes]).buffer(-gap) if gap else unary_union(shapes)
    )
    return union.simplify(_SIMPLIFY_DEGREES, preserve_topology=True)


_GROUPINGS = load_vocabulary("gazetteer", "groupings.toml", GroupingsFile)
FORMER_STATES = frozenset(region.id for region in _GROUPINGS.region if region.former)
"""Ids of the regions that are former states, placed on their successor states."""


def union_entry(
    region: Region, countries: Mapping[str, Entry], areas: Mapping[str, Entry] | None = None
) -> Entry:
    """The region as an entry: the union of its members' polygons (of its areas', if it
    lists them), its own point or a point in its main body."""
    from shapely.geometry import mapping

    if region.areas:
        parts, keys, gap = areas or {}, region.areas, _AREA_GAP_DEGREES
    else:
        parts, keys, gap = countries, region.members, 0.0
    geometry = _union(keys, parts, region.id, gap)
    lat, lon = (
        region.point
        or (_centre_inside(geometry) if region.areas else None)
        or main_body_point(geometry)
    )
    population = sum(parts[key].population for key in keys if key in parts)
    note = "a former state, placed on its successor states" if region.former else ""
    return Entry(
        id=region.id,
        name=region.name,
        alt_names=region.alt_names,
        abbreviations=region.abbreviations,
        demonyms=region.demonyms,
        feature_class=FeatureClass.REGION,
        country_codes=region.members,
        population=population,
        lat=lat,
        lon=lon,
        geometry=mapping(geometry),
        source="union of Natural Earth countries (gazetteer/groupings.toml)",
        raw={"subtype": "former state" if region.former else "grouping", "note": note},
    )


def _centre_inside(geometry: BaseGeometry) -> tuple[float, float] | None:
    """The centroid, where it lies inside: the point rule of a first-order area, kept for a
    union of them (the pole of inaccessibility of West Germany lies in its widest part,
    Bavaria)."""
    centre = geometry.centroid
    return (centre.y, centre.x) if geometry.contains(centre) else None


def _continent(entry: Entry, adjectives: tuple[str, ...], countries: Mapping[str, Entry]) -> Entry:
    """A continent with its adjectives and the union of its countries as its shape; its
    point stays GeoNames' (the union's main body would put Europe's in Siberia)."""
    from shapely.geometry import mapping

    code = str(entry.raw.get("code"))
    members = [c for c, country in countries.items() if country.raw.get("continent") == code]
    update: dict[str, Any] = {"demonyms": (*entry.demonyms, *adjectives)}
    if members:
        update["geometry"] = mapping(_union(members, countries, entry.id))
    return entry.model_copy(update=update)


def add_groupings(
    entries: Iterable[Entry], groupings: GroupingsFile | None = None
) -> Iterator[Entry]:
    """Every entry, continents and listed entries with their adjectives and shapes, then
    the regions of ``groupings`` (default: ``groupings.toml``)."""
    groupings = groupings or _GROUPINGS
    collected = list(entries)
    countries = {
        e.country_code: e
        for e in collected
        if e.feature_class == FeatureClass.COUNTRY and e.country_code
    }
    areas = {e.id: e for e in collected if e.feature_class == FeatureClass.ADMIN1}
    for entry in collected:
        if entry.feature_class == FeatureClass.CONTINENT:
            adjectives = groupings.continents.get(str(entry.raw.get("code")), ())
            yield _continent(entry, adjectives, countries)
        elif entry.id in groupings.demonyms:
            yield entry.model_copy(
                update={"demonyms": (*entry.demonyms, *groupings.demonyms[entry.id])}
            )
        else:
            yield entry
    for region in groupings.region:
        yield union_entry(region, countries, areas)
