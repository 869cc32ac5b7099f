"""GeoNames dumps as gazetteer entries: village-level coverage for users who download them.

``geo gazetteer build --geonames FILE...`` reads the files of
https://download.geonames.org/export/dump/ as they are published: ``allCountries.zip``, a
country's ``XX.zip``, ``cities1000.zip`` (each a zip holding one tab-separated ``.txt`` in the
19 columns of the readme's 'geoname' table), and ``alternateNamesV2.zip`` (its own 10 columns:
alternateNameId, geonameid, isolanguage, alternate name, isPreferredName, isShortName,
isColloquial, isHistoric, from, to). An unzipped ``.txt`` of either kind is read the same way.

Files are streamed line by line, never held whole: with alternate names, the dumps are read
twice (first the ids they add, then the entries), so only the names of those ids are kept.
Which rows become entries, as what, is reviewed data: ``geonames_dump.toml``.

A row whose geonameid a bundled entry already carries is skipped: the bundled entry has the
polygon, the curated names and the tuned prior.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NamedTuple

from pydantic import Field

from gazetteer.model import Entry, FeatureClass
from gazetteer.normalize import is_latin
from gazetteer.sources.geonames import clean_alt_names
from geo.errors import InputError
from geo.vocabulary import LowerWords, Vocabulary, load_vocabulary

__all__ = [
    "ALTERNATE_NAMES_COLUMNS",
    "GEONAME_COLUMNS",
    "DumpRules",
    "check_dumps",
    "is_alternate_names",
    "load_dump_entries",
    "read_alternate_names",
    "read_geoname_rows",
]

GEONAME_COLUMNS = 19
ALTERNATE_NAMES_COLUMNS = 10
_ALTERNATE_NAMES_STEM = "alternatenames"


class _ClassRule(Vocabulary):
    class_: Annotated[FeatureClass, Field(alias="class")]
    skip: tuple[str, ...] = ()


class _CodeRule(Vocabulary):
    class_: Annotated[FeatureClass, Field(alias="class")]
    prior: float | None = None


class _AlternateNames(Vocabulary):
    not_names: LowerWords


class DumpRules(Vocabulary):
    """geonames_dump.toml: feature classes and codes taken, and names that are not names."""

    classes: dict[str, _ClassRule]
    codes: dict[str, _CodeRule]
    alternate_names: _AlternateNames


RULES = load_vocabulary("gazetteer.sources", "geonames_dump.toml", DumpRules)


class _Row(NamedTuple):
    """The columns of a geoname row that the gazetteer keeps."""

    geonameid: int
    name: str
    asciiname: str
    alternatenames: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    population: int
    timezone: str


def is_alternate_names(path: Path) -> bool:
    """True for alternateNamesV2.zip (or .txt); every other file is a geoname table."""
    return path.name.lower().startswith(_ALTERNATE_NAMES_STEM)


@contextmanager
def _open_text(path: Path) -> Iterator[Iterable[str]]:
    """The lines of the dump's .txt: the member of the zip named like the zip, else its only
    data file (a country zip also holds readme.txt)."""
    try:
        if path.suffix.lower() != ".zip":
            with path.open(encoding="utf-8") as handle:
                yield handle
            return
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".txt")]
            wanted = f"{path.stem}.txt".lower()
            data = [n for n in names if n.lower() == wanted] or [
                n for n in names if n.lower() not in ("readme.txt", "iso-languagecodes.txt")
            ]
            if len(data) != 1:
                raise InputError(
                    f"{path}: not a GeoNames dump (expected one data .txt inside, found "
                    f"{names or 'none'})"
                )
            with archive.open(data[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8")
    except (OSError, zipfile.BadZipFile, EOFError) as err:
        raise InputError(f"{path}: cannot read GeoNames dump ({err})") from err


def _fields(path: Path, columns: int, what: str) -> Generator[tuple[int, list[str]]]:
    with _open_text(path) as lines:
        try:
            for number, line in enumerate(lines, start=1):
                fields = line.rstrip("\r\n").split("\t")
                if len(fields) != columns:
                    raise InputError(
                        f"{path}:{number}: not a GeoNames {what} ({len(fields)} columns, "
                        f"expected {columns})"
                    )
                yield number, fields
        except UnicodeDecodeError as err:
            raise InputError(f"{path}: not a GeoNames dump (not UTF-8: {err})") from err
        except (OSError, zipfile.BadZipFile, EOFError) as err:
            raise InputError(f"{path}: cannot read GeoNames dump ({err})") from err


def _number(path: Path, number: int, text: str, parse: Callable[[str], float | int]) -> float:
    try:
        return parse(text) if text else 0
    except ValueError as err:
        raise InputError(f"{path}:{number}: not a GeoNames dump (bad number {text!r})") from err


def check_dumps(paths: Sequence[Path]) -> None:
    """Fail fast, before the long build, on a file that is no GeoNames dump: each must open
    and its first row have its kind's columns (a bad row further on still stops the build
    before anything is written)."""
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such GeoNames dump file")
        if is_alternate_names(path):
            rows = _fields(path, ALTERNATE_NAMES_COLUMNS, "alternateNamesV2 file")
        else:
            rows = _fields(path, GEONAME_COLUMNS, "geoname table")
        if next(rows, None) is None:
            raise InputError(f"{path}: not a GeoNames dump (no rows)")
        rows.close()


def read_geoname_rows(path: Path) -> Iterator[_Row]:
    """Every row of a geoname table, checked (19 columns, numbers, coordinates in range)."""
    for number, f in _fields(path, GEONAME_COLUMNS, "geoname table"):
        lat = float(_number(path, number, f[4], float))
        lon = float(_number(path, number, f[5], float))
        if not f[0] or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InputError(f"{path}:{number}: not a GeoNames dump (no id or bad coordinates)")
        yield _Row(
            int(_number(path, number, f[0], int)),
            f[1],
            f[2],
            f[3],
            lat,
            lon,
            f[6],
            f[7],
            f[8],
            f[10],
            int(_number(path, number, f[14], int)),
            f[17],
        )


def read_alternate_names(path: Path, wanted: set[int]) -> dict[int, list[str]]:
    """Latin-script, non-historic names of the ``wanted`` ids (postal and airport codes,
    links and the like left out: geonames_dump.toml)."""
    not_names = set(RULES.alternate_names.not_names)
    found: dict[int, list[str]] = {}
    for number, f in _fields(path, ALTERNATE_NAMES_COLUMNS, "alternateNamesV2 file"):
        geonameid = int(_number(path, number, f[1], int))
        if geonameid not in wanted or f[2] in not_names or f[7] == "1":
            continue
        if is_latin(f[3]):
            found.setdefault(geonameid, []).append(f[3])
    return found


_Rule = tuple[FeatureClass, float | None]  # the gazetteer class of a row, and its prior if set


def _rule(row: _Row) -> _Rule | None:
    whole = RULES.classes.get(row.feature_class)
    if whole is not None:
        return None if row.feature_code in whole.skip else (whole.class_, None)
    code = RULES.codes.get(row.feature_code)
    return None if code is None else (code.class_, code.prior)


def _entry(row: _Row, rule: _Rule, names: list[str], source: str) -> Entry:
    feature_class, prior = rule
    alternates = [row.asciiname, *row.alternatenames.split(","), *names]
    raw: dict[str, object] = {
        "geonameid": row.geonameid,
        "feature_code": row.feature_code,
        "timezone": row.timezone or None,
        "capital": row.feature_code == "PPLC",
    }
    if prior is not None:
        raw["prior"] = prior
    if feature_class != FeatureClass.CITY:
        raw["spread_km"] = 0.0  # an area or feature known by a point only: no outline
    code = row.country_code or None
    return Entry(
        id=f"geonames:{row.geonameid}",
        name=row.name,
        alt_names=clean_alt_names(row.name, alternates),
        feature_class=feature_class,
        country_code=code,
        country_codes=(code,) if code else (),
        admin1_code=f"{code}.{row.admin1_code}" if code and row.admin1_code else None,
        geonameid=row.geonameid,
        population=max(row.population, 0),
        lat=row.lat,
        lon=row.lon,
        source=source,
        raw=raw,
    )


def _taken(paths: Sequence[Path], known: frozenset[int]) -> Iterator[tuple[Path, _Row, _Rule]]:
    seen: set[int] = set()
    for path in paths:
        for row in read_geoname_rows(path):
            rule = _rule(row)
            if rule is None or row.geonameid in known or row.geonameid in seen:
                continue
            seen.add(row.geonameid)
            yield path, row, rule


def load_dump_entries(paths: Sequence[Path], known: frozenset[int]) -> Iterator[Entry]:
    """Entries for the rows of the geoname tables among ``paths`` that the rules take and no
    bundled entry (``known`` geonameids) or earlier row already carries, with the alternate
    names of the alternateNamesV2 files among ``paths``."""
    tables = [p for p in paths if not is_alternate_names(p)]
    alternates = [p for p in paths if is_alternate_names(p)]
    names: dict[int, list[str]] = {}
    if alternates:
        wanted = {row.geonameid for _, row, _ in _taken(tables, known)}
        for path in alternates:
            for geonameid, found in read_alternate_names(path, wanted).items():
                names.setdefault(geonameid, []).extend(found)
    for path, row, rule in _taken(tables, known):
        yield _entry(row, rule, names.get(row.geonameid, []), f"GeoNames dump {path.name}")
