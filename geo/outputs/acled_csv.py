"""ACLED CSV: one row per (merged) event, in the column layout of ACLED's data exports.

Analysts who work with ACLED keep their Excel sheets, R and pandas code; geo's events drop
into them. The columns, their order and every code mapping (time and geo precision, inter
codes) are reviewed data: ``acled_csv.toml`` beside this module, whose column descriptions
are the README's table. :func:`acled_rows` turns an
:class:`~geo.events.model.EventCollection` into :class:`AcledRow` models (a stage like the
others, model to model); :func:`write_acled_csv` writes them atomically.

Rows follow the GeoJSON's event order (date, then id). Text cells that a spreadsheet would
run as a formula (starting ``=``, ``+``, ``-``, ``@``, tab or carriage return: CSV injection)
are written with a leading ``'``, as OWASP advises; numbers are never touched. The file is
UTF-8 without a byte-order mark, comma-separated, quoted where needed (RFC 4180).

>>> from geo.events.model import EventCollection
>>> [row.event_id_cnty for row in acled_rows(EventCollection(), gazetteer=None)]
[]
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import os
from collections.abc import Iterable, Sequence
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field, model_validator

from geo.events.fatalities import stated_fatalities
from geo.events.model import Event, EventCollection, EventLocation, LocationPrecision
from geo.events.timex import DatePrecision
from geo.named_actors import ActorKind
from geo.outputs.files import atomic_writer
from geo.outputs.geojson import ordered_events
from geo.vocabulary import Vocabulary, load_vocabulary

__all__ = [
    "ACLED_COLUMNS",
    "AcledFile",
    "AcledRow",
    "acled_columns_markdown",
    "acled_rows",
    "write_acled_csv",
]

COORDINATE_DECIMALS: Final = 4  # as ACLED's exports: about 10 m
_UNKNOWN_COUNTRY: Final = "XXX"
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
_SEPARATOR: Final = "; "


class AcledRow(BaseModel):
    """One event in ACLED's columns; None is an empty cell."""

    model_config = ConfigDict(frozen=True)

    event_id_cnty: str
    event_date: str | None = None
    year: int | None = None
    time_precision: int | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str | None = None
    notes: str | None = None
    fatalities: int | None = None
    geo_event_id: str


class AcledColumn(Vocabulary):
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)


class _Foreign(Vocabulary):
    kinds: tuple[ActorKind, ...] = Field(min_length=1)
    code: int = Field(ge=1, le=8)


class AcledFile(Vocabulary):
    """``acled_csv.toml``: the columns in order, and geo's codes mapped to ACLED's."""

    column: tuple[AcledColumn, ...] = Field(min_length=1)
    time_precision: dict[DatePrecision, int]
    geo_precision: dict[LocationPrecision, int]
    geo_precision_by_feature_class: dict[str, int]
    inter: dict[ActorKind, int]
    foreign: _Foreign

    @model_validator(mode="after")
    def _columns_are_the_row_fields(self) -> AcledFile:
        names = [column.name for column in self.column]
        if names != list(AcledRow.model_fields):
            raise ValueError(
                f"columns {names} must be AcledRow's fields in order: {list(AcledRow.model_fields)}"
            )
        return self


_FILE: Final = load_vocabulary("geo.outputs", "acled_csv.toml", AcledFile)
ACLED_COLUMNS: Final = tuple(column.name for column in _FILE.column)
"""The CSV's header, in order."""


# ------------------------------------------------------------------------------ areas


class _Areas:
    """Country, admin-1 and admin-2 names of event locations, from the gazetteer (cached)."""

    def __init__(self, gazetteer: Any) -> None:
        self._gazetteer = gazetteer

    @functools.cache  # noqa: B019 - one instance per export, few keys
    def country(self, code: str | None) -> tuple[str | None, str]:
        """The country's name and its ISO alpha-3 code (``XXX`` when unknown)."""
        entry = self._entry(f"country:{code}") if code else None
        if entry is None:
            return None, _UNKNOWN_COUNTRY
        iso3 = (entry.raw or {}).get("iso3") or _UNKNOWN_COUNTRY
        return entry.name, str(iso3)

    @functools.cache  # noqa: B019
    def admin(
        self, gazetteer_id: str | None, lat: float | None, lon: float | None
    ) -> tuple[str | None, str | None]:
        """The admin-1 and admin-2 names of a location: from its entry, else its point."""
        entry = self._entry(gazetteer_id) if gazetteer_id else None
        if entry is not None:
            feature_class = str(entry.feature_class)
            if feature_class == "admin1":
                return entry.name, None
            admin1 = self._entry(f"admin1:{entry.admin1_code}") if entry.admin1_code else None
            admin2 = entry.name if feature_class == "admin2" else None
            if admin1 is not None or feature_class in ("country", "admin2"):
                return (admin1.name if admin1 else None), admin2
        if lat is None or lon is None or self._gazetteer is None:
            return None, None
        _, admin1 = self._gazetteer.areas_at(lat, lon)
        return (admin1.name if admin1 else None), None

    @functools.cache  # noqa: B019
    def country_at(self, lat: float | None, lon: float | None) -> str | None:
        """The ISO code of the country a point lies in (None at sea or unplaced)."""
        if lat is None or lon is None or self._gazetteer is None:
            return None
        found, _ = self._gazetteer.areas_at(lat, lon)
        return found.country_code if found is not None else None

    def feature_class(self, gazetteer_id: str | None) -> str | None:
        entry = self._entry(gazetteer_id) if gazetteer_id else None
        return str(entry.feature_class) if entry is not None else None

    @functools.cache  # noqa: B019
    def _entry(self, entry_id: str) -> Any:
        if self._gazetteer is None:
            return None
        return self._gazetteer.get(entry_id, geometry=False)


# ------------------------------------------------------------------------------- rows


def _event_date(event: Event) -> tuple[str | None, int | None, int | None]:
    """``event_date``, ``year`` and ``time_precision``; a month or year shows its mid-point."""
    date, precision = event.date.date, event.date.precision
    code = _FILE.time_precision.get(precision)
    if date is None or code is None:
        return None, None, None
    if precision is DatePrecision.MONTH:
        date = date.replace(day=15)
    elif precision is DatePrecision.YEAR:
        date = dt.date(date.year, 7, 1)
    return date.isoformat(), date.year, code


def _inter(kind: ActorKind, country: str | None, event_country: str | None) -> int | None:
    if kind in _FILE.foreign.kinds and country and event_country and country != event_country:
        return _FILE.foreign.code
    return _FILE.inter.get(kind)


def _actors(event: Event, role: str) -> tuple[str | None, str | None, int | None]:
    """The first actor of ``role``, the others joined, and the first one's inter code."""
    names: list[str] = []
    first_code: int | None = None
    for actor in event.actors:
        if actor.role is None or actor.role.value != role or actor.name in names:
            continue
        if not names:
            first_code = _inter(actor.kind, actor.country, event.location.country)
        names.append(actor.name)
    if not names:
        return None, None, None
    return names[0], _SEPARATOR.join(names[1:]) or None, first_code


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    codes = sorted(code for code in (inter1, inter2) if code is not None)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) == 2 else 0)


def _geo_precision(location: EventLocation, areas: _Areas) -> int | None:
    feature_class = areas.feature_class(location.gazetteer_id)
    if feature_class in _FILE.geo_precision_by_feature_class:
        return _FILE.geo_precision_by_feature_class[feature_class]
    return _FILE.geo_precision.get(location.precision)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, COORDINATE_DECIMALS) + 0.0


def _sources(event: Event) -> str | None:
    names: list[str] = []
    for source in event.sources:
        name = source.source or source.title or source.document_id
        if name not in names:
            names.append(name)
    return _SEPARATOR.join(names) or None


def _fatalities(event: Event) -> int | None:
    tolls = [stated_fatalities(source.sentence) for source in event.sources]
    stated = [toll for toll in tolls if toll is not None]
    return max(stated) if stated else None


def _row(event: Event, number: int, iso3: str, country: str | None, areas: _Areas) -> AcledRow:
    location = event.location
    event_date, year, time_precision = _event_date(event)
    actor1, assoc1, inter1 = _actors(event, "initiator")
    actor2, assoc2, inter2 = _actors(event, "target")
    admin1, admin2 = areas.admin(location.gazetteer_id, location.lat, location.lon)
    located = location.lat is not None and location.lon is not None
    return AcledRow(
        event_id_cnty=f"{iso3}{number}",
        event_date=event_date,
        year=year,
        time_precision=time_precision,
        event_type=event.acled_event_type,
        sub_event_type=event.acled_sub_event_type,
        actor1=actor1,
        assoc_actor_1=assoc1,
        inter1=inter1,
        actor2=actor2,
        assoc_actor_2=assoc2,
        inter2=inter2,
        interaction=_interaction(inter1, inter2),
        country=country,
        admin1=admin1,
        admin2=admin2,
        location=location.name,
        latitude=_round(location.lat) if located else None,
        longitude=_round(location.lon) if located else None,
        geo_precision=_geo_precision(location, areas) if located else None,
        source=_sources(event),
        notes=event.sources[0].sentence if event.sources else None,
        fatalities=_fatalities(event),
        geo_event_id=event.id,
    )


def acled_rows(collection: EventCollection, *, gazetteer: Any) -> list[AcledRow]:
    """One :class:`AcledRow` per event of ``collection``, in the GeoJSON's order.

    ``gazetteer`` (:func:`gazetteer.open_gazetteer`) names countries and admin areas; with
    None those cells stay empty and every id is ``XXX<n>``.
    """
    areas = _Areas(gazetteer)
    numbers: dict[str, int] = {}
    rows: list[AcledRow] = []
    for event in ordered_events(collection.events):
        location = event.location
        # ACLED codes every event in a country: a region's point ("the Sahel") is taken in
        # the country it lies in; its geo_precision (3) says how little that means.
        code = location.country or areas.country_at(location.lat, location.lon)
        country, iso3 = areas.country(code)
        numbers[iso3] = numbers.get(iso3, 0) + 1
        rows.append(_row(event, numbers[iso3], iso3, country, areas))
    return rows


# ---------------------------------------------------------------------------- writing


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    return str(value)


def write_acled_csv(rows: Iterable[AcledRow], path: str | os.PathLike[str]) -> None:
    """Write ``rows`` to ``path`` atomically: the header, then one line per row."""
    with atomic_writer(path, "w") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(ACLED_COLUMNS)
        for row in rows:
            writer.writerow([_cell(getattr(row, name)) for name in ACLED_COLUMNS])


def acled_columns_markdown(columns: Sequence[AcledColumn] = _FILE.column) -> str:
    """The README's table of the CSV's columns, from ``acled_csv.toml``."""
    lines = ["| column | what geo writes |", "|---|---|"]
    lines += [f"| `{column.name}` | {column.description} |" for column in columns]
    return "\n".join(lines) + "\n"
