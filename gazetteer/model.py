"""The gazetteer's records: what one entry knows about a place.

Coordinates are named, never positional: ``lat``/``lon`` fields on models, GeoJSON
geometries in (lon, lat) order, and geopy's ``(lat, lon)`` tuples only at the geopy boundary
(:mod:`gazetteer.geocoder`).
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AREA_CLASSES",
    "WATER_CLASSES",
    "Candidate",
    "Entry",
    "FeatureClass",
    "NameKind",
    "ReverseResult",
]


class FeatureClass(StrEnum):
    """What kind of place an entry is; ordered roughly from largest to smallest."""

    CONTINENT = "continent"
    COUNTRY = "country"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    REGION = "region"
    SEA = "sea"
    LAKE = "lake"
    RIVER = "river"
    CITY = "city"


class NameKind(IntEnum):
    """How a key names its entry; recognition treats each differently."""

    NAME = 0  # the entry's own name
    ALT = 1  # an alternate name or spelling
    ABBREVIATION = 2  # 'US', 'UAE': must be upper case in text
    DEMONYM = 3  # 'Syrian', 'Russians': an adjective or people, not the place itself
    VARIANT = 4  # a romanisation variant: the loose key of a name (gazetteer.normalize)


class Candidate(NamedTuple):
    """A light view of an entry for ranking: no geometry, no parsing, built from arrays."""

    position: int
    id: str
    name: str
    feature_class: FeatureClass
    country_code: str | None
    admin1_code: str | None
    population: int
    lat: float
    lon: float
    importance: float
    name_kind: NameKind
    continent: str | None = None  # GeoNames continent code of its country ("AS", "EU")


class PostalPlace(NamedTuple):
    """A place of GeoNames' postal-code files (:mod:`gazetteer.sources.postal`): a village no
    entry names, kept apart from the entries, for the back-off's answers."""

    name: str
    country: str
    lat: float
    lon: float


AREA_CLASSES = frozenset(
    {
        FeatureClass.CONTINENT,
        FeatureClass.COUNTRY,
        FeatureClass.ADMIN1,
        FeatureClass.ADMIN2,
        FeatureClass.REGION,
    }
)
WATER_CLASSES = frozenset({FeatureClass.SEA, FeatureClass.LAKE, FeatureClass.RIVER})


class Entry(BaseModel):
    """One gazetteer entry, with its source record kept beside the clean fields."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(
        description="Stable id, e.g. 'geonames:170794', 'country:SY', 'river:euphrates'."
    )
    name: str
    alt_names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = Field(default=(), description="'Syrian', 'Syrians' for Syria.")
    abbreviations: tuple[str, ...] = Field(
        default=(), description="Upper-case short forms: 'US', 'U.S.', 'UAE'. Matched by case."
    )
    feature_class: FeatureClass
    country_code: str | None = Field(
        default=None, description="ISO 3166-1 alpha-2, if in one country."
    )
    country_codes: tuple[str, ...] = Field(
        default=(), description="Every country the feature touches."
    )
    admin1_code: str | None = Field(
        default=None, description="GeoNames admin-1 code, e.g. 'SY.04'."
    )
    geonameid: int | None = Field(
        default=None,
        description="The GeoNames id of the same place (163843 for Syria), so outputs join "
        "with GeoNames-keyed data; None where no source gives one (rivers, seas, regions).",
    )
    population: int = 0
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    importance: float = Field(
        default=0.0, description="Prior used to rank candidates; higher first."
    )
    geometry: dict[str, Any] | None = Field(
        default=None, description="GeoJSON geometry, lon/lat order."
    )
    source: str = ""
    raw: dict[str, Any] = Field(default_factory=dict, description="The source record, as loaded.")

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        geometry = self.geometry or {"type": "Point", "coordinates": [self.lon, self.lat]}
        return {
            "type": "Feature",
            "id": self.id,
            "geometry": geometry,
            "properties": {
                "name": self.name,
                "feature_class": self.feature_class.value,
                "country_code": self.country_code,
                "geonameid": self.geonameid,
                "population": self.population,
            },
        }


class ReverseResult(BaseModel):
    """What lies at a point: its country, admin-1 area and nearest populated place."""

    lat: float
    lon: float
    country: Entry | None = None
    admin1: Entry | None = None
    nearest_place: Entry | None = None
    nearest_place_km: float | None = None
