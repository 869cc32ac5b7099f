"""ACLED-layout CSV: codes per row from hand-built events, and a whole `geo extract --csv`
run read back with pandas and checked against the same run's JSON."""

from __future__ import annotations

import datetime as dt
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from gazetteer import open_gazetteer
from geo.events.actors import Actor, ActorKind, ActorRole
from geo.events.model import (
    Event,
    EventCollection,
    EventDate,
    EventLocation,
    LocationPrecision,
    Source,
)
from geo.events.taxonomy import EventType
from geo.events.timex import DatePrecision
from geo.events.triggers import Modality
from geo.outputs.acled_csv import (
    ACLED_COLUMNS,
    AcledRow,
    acled_columns_markdown,
    acled_rows,
    write_acled_csv,
)

REPO = Path(__file__).resolve().parents[2]
NOTES = REPO / "tests" / "data" / "events" / "acled_located.jsonl"
SENTENCE = "Syrian government jets shelled Kafr Zita north of Hama, killing 12 people."


def _actor(name: str, kind: ActorKind, country: str | None, role: ActorRole | None) -> Actor:
    return Actor(id=name, name=name, kind=kind, country=country, role=role, start=0,
                 end=len(name), text=name)


def _event(**changes: Any) -> Event:
    fields: dict[str, Any] = {
        "id": "ev-1",
        "event_type": EventType.SHELLING,
        "label": "Shelling",
        "acled_event_type": "Explosions/Remote violence",
        "acled_sub_event_type": "Shelling/artillery/missile attack",
        "modality": Modality.ASSERTED,
        "trigger": "shelled",
        "actors": [
            _actor("Syrian military", ActorKind.STATE_FORCES, "SY", ActorRole.INITIATOR),
            _actor("civilians", ActorKind.CIVILIANS, None, ActorRole.TARGET),
        ],
        "date": EventDate(date=dt.date(2017, 6, 20), precision=DatePrecision.DAY),
        "location": EventLocation(
            name="Hama", gazetteer_id="geonames:170017", feature_class="city", country="SY",
            lat=35.13179, lon=36.75783, precision=LocationPrecision.CITY,
        ),
        "sources": [Source(document_id="d1", source="Example Wire", sentence=SENTENCE,
                           start=0, end=len(SENTENCE), trigger_start=23, trigger_end=30)],
    }
    return Event(**(fields | changes))


def _row(**changes: Any) -> AcledRow:
    [row] = acled_rows(EventCollection(events=[_event(**changes)]), gazetteer=open_gazetteer())
    return row


def test_a_located_dated_event_fills_every_column() -> None:
    row = _row()
    assert row.model_dump() == {
        "event_id_cnty": "SYR1", "event_date": "2017-06-20", "year": 2017,
        "time_precision": 1, "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "actor1": "Syrian military",
        "assoc_actor_1": None, "inter1": 1, "actor2": "civilians", "assoc_actor_2": None,
        "inter2": 7, "interaction": 17, "country": "Syria", "admin1": "Hamah",
        "admin2": None, "location": "Hama", "latitude": 35.1318, "longitude": 36.7578,
        "geo_precision": 1, "source": "Example Wire", "notes": SENTENCE, "fatalities": 12,
        "geo_event_id": "ev-1",
    }


@pytest.mark.parametrize(
    ("precision", "date", "event_date", "code"),
    [
        (DatePrecision.DAY, dt.date(2020, 5, 3), "2020-05-03", 1),
        (DatePrecision.WEEK, dt.date(2020, 5, 4), "2020-05-04", 2),
        (DatePrecision.ON_OR_BEFORE, dt.date(2020, 5, 3), "2020-05-03", 2),
        (DatePrecision.MONTH, dt.date(2020, 5, 1), "2020-05-15", 3),
        (DatePrecision.YEAR, dt.date(2020, 1, 1), "2020-07-01", 3),
        (DatePrecision.UNKNOWN, None, None, None),
    ],
)
def test_time_precision_is_acleds(
    precision: DatePrecision, date: dt.date | None, event_date: str | None, code: int | None
) -> None:
    row = _row(date=EventDate(date=date, precision=precision))
    assert (row.event_date, row.time_precision) == (event_date, code)
    assert row.year == (int(event_date[:4]) if event_date else None)


@pytest.mark.parametrize(
    ("location", "code", "admin1", "admin2"),
    [
        (EventLocation(name="Idlib", gazetteer_id="geonames:169389", country="SY",
                       lat=35.93, lon=36.63, precision=LocationPrecision.CITY), 1, "Idlib", None),
        (EventLocation(name="near Idlib", country="SY", lat=35.9, lon=36.7,
                       precision=LocationPrecision.ZONE), 2, "Idlib", None),
        (EventLocation(name="Rif Dimashq", gazetteer_id="admin1:SY.08", country="SY",
                       lat=33.6, lon=36.9, precision=LocationPrecision.ADMIN1), 3, "Rif Dimashq",
         None),
        (EventLocation(name="Syria", gazetteer_id="country:SY", country="SY", lat=35.0,
                       lon=38.0, precision=LocationPrecision.COUNTRY), 3, None, None),
        (EventLocation(name="Mediterranean", country=None, lat=34.0, lon=33.0,
                       precision=LocationPrecision.WATER_BODY), 3, None, None),
        (EventLocation(name=None, precision=LocationPrecision.UNKNOWN), None, None, None),
    ],
    ids=["town", "zone", "province", "country", "sea", "unplaced"],
)
def test_geo_precision_and_admin_areas(
    location: EventLocation, code: int | None, admin1: str | None, admin2: str | None
) -> None:
    row = _row(location=location)
    assert (row.geo_precision, row.admin1, row.admin2) == (code, admin1, admin2)
    if location.lat is None:
        assert (row.latitude, row.longitude, row.event_id_cnty) == (None, None, "XXX1")


def test_admin2_location_names_its_district_and_province() -> None:
    entry = open_gazetteer().get("geonames:4888671", geometry=False)  # Cook County, Illinois
    assert entry is not None and str(entry.feature_class) == "admin2"
    location = EventLocation(name=entry.name, gazetteer_id=entry.id, country="US",
                             lat=entry.lat, lon=entry.lon, precision=LocationPrecision.ADMIN1)
    row = _row(location=location)
    assert (row.admin2, row.geo_precision, row.admin1) == ("Cook County", 2, "Illinois")


@pytest.mark.parametrize(
    ("actors", "expected"),
    [
        pytest.param(
            [("Syrian military", ActorKind.STATE_FORCES, "SY", ActorRole.INITIATOR),
             ("Russian air force", ActorKind.STATE_FORCES, "RU", ActorRole.INITIATOR),
             ("Islamic State", ActorKind.ARMED_GROUP, None, ActorRole.TARGET)],
            ("Syrian military", "Russian air force", 1, "Islamic State", None, 2, 12),
            id="associated-initiator",
        ),
        pytest.param(
            [("US military", ActorKind.STATE_FORCES, "US", ActorRole.INITIATOR),
             ("Islamic State", ActorKind.ARMED_GROUP, None, ActorRole.TARGET)],
            ("US military", None, 8, "Islamic State", None, 2, 28), id="foreign-forces-are-8",
        ),
        pytest.param(
            [("protesters", ActorKind.PROTESTERS, "SY", ActorRole.INITIATOR)],
            ("protesters", None, 6, None, None, None, 60), id="sole-actor",
        ),
        pytest.param(
            [("gunmen", ActorKind.OTHER, None, ActorRole.INITIATOR),
             ("villagers", ActorKind.CIVILIANS, None, ActorRole.TARGET),
             ("a doctor", ActorKind.CIVILIANS, None, ActorRole.TARGET),
             ("witnesses", ActorKind.OTHER, None, None)],
            ("gunmen", None, None, "villagers", "a doctor", 7, 70), id="unknown-kind-no-code",
        ),
        pytest.param([], (None, None, None, None, None, None, None), id="no-actors"),
    ],
)
def test_actors_and_interaction(
    actors: list[tuple[str, ActorKind, str | None, ActorRole | None]],
    expected: tuple[Any, ...],
) -> None:
    row = _row(actors=[_actor(*actor) for actor in actors])
    assert (row.actor1, row.assoc_actor_1, row.inter1, row.actor2, row.assoc_actor_2,
            row.inter2, row.interaction) == expected


def test_fatalities_take_the_largest_report_and_stay_empty_when_unstated() -> None:
    def source(sentence: str) -> Source:
        return Source(document_id=sentence[:5], sentence=sentence, start=0,
                      end=len(sentence), trigger_start=0, trigger_end=1)

    reports = [source("Shelling killed 4 in Hama."), source("At least 9 people were killed.")]
    assert _row(sources=reports).fatalities == 9
    assert _row(sources=[source("Jets shelled Hama on Tuesday.")]).fatalities is None


def test_ids_number_events_per_country_in_export_order() -> None:
    events = [
        _event(id="b", date=EventDate(date=dt.date(2020, 1, 2), precision=DatePrecision.DAY)),
        _event(id="a", date=EventDate(date=dt.date(2020, 1, 1), precision=DatePrecision.DAY)),
        _event(id="c", date=EventDate(date=dt.date(2020, 1, 3), precision=DatePrecision.DAY),
               location=EventLocation(name="Mosul", country="IQ", lat=36.3, lon=43.1,
                                      precision=LocationPrecision.CITY)),
    ]
    rows = acled_rows(EventCollection(events=events), gazetteer=open_gazetteer())
    assert [(row.geo_event_id, row.event_id_cnty) for row in rows] == [
        ("a", "SYR1"), ("b", "SYR2"), ("c", "IRQ1")
    ]


HOSTILE = '=HYPERLINK("http://x.example","click") said "quoted", a comma\nand a newline'


def test_written_file_reads_back_with_text_intact_and_formulas_defused(tmp_path: Path) -> None:
    events = [
        _event(id="hostile", location=EventLocation(name="-2+3", country="SY", lat=35.0,
                                                     lon=-0.5, precision=LocationPrecision.CITY),
               sources=[Source(document_id="d", source="@wire", sentence=HOSTILE, start=0,
                               end=len(HOSTILE), trigger_start=0, trigger_end=1)]),
    ]
    path = tmp_path / "events.csv"
    write_acled_csv(acled_rows(EventCollection(events=events), gazetteer=None), path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(ACLED_COLUMNS)
    [row] = frame.to_dict("records")
    assert row["notes"] == "'" + HOSTILE
    assert (row["location"], row["source"]) == ("'-2+3", "'@wire")
    assert row["longitude"] == "-0.5"  # numbers are never prefixed
    assert row["country"] == "" and row["event_id_cnty"] == "XXX1"


def test_readme_documents_every_column() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert acled_columns_markdown() in readme


def _geo(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo.cli", *args], cwd=cwd, capture_output=True, text=True,
        timeout=300, check=False,
    )


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("acled")
    result = _geo("extract", str(NOTES), "--csv", str(folder / "notes.csv"), cwd=REPO)
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(folder / "notes.csv", keep_default_na=False, na_values=[""])
    return frame, json.loads(result.stdout)


def test_csv_rows_match_the_extracted_events(
    extracted: tuple[pd.DataFrame, dict[str, Any]],
) -> None:
    frame, output = extracted
    events = {event["id"]: event for event in output["events"]}
    assert len(frame) == len(events) > 50
    assert list(frame.columns) == list(ACLED_COLUMNS)
    assert frame["event_id_cnty"].is_unique
    for row in frame.to_dict("records"):
        event = events[row["geo_event_id"]]
        assert _text(row["event_type"]) == event["acled_event_type"]
        assert _text(row["sub_event_type"]) == event["acled_sub_event_type"]
        assert _text(row["notes"]) == event["sources"][0]["sentence"]
        assert _text(row["location"]) == event["location"]["name"]
        location = event["location"]
        if location["lat"] is None:
            assert math.isnan(row["latitude"])
        else:
            assert row["latitude"] == pytest.approx(location["lat"], abs=1e-4)
            assert row["longitude"] == pytest.approx(location["lon"], abs=1e-4)
        date = event["date"]
        if date["precision"] in ("day", "week", "on_or_before"):
            assert row["event_date"] == date["date"]
        if date["date"] is not None:
            assert int(row["year"]) == int(date["date"][:4])
        initiators = [a["name"] for a in event["actors"] if a["role"] == "initiator"]
        assert _text(row["actor1"]) == (initiators[0] if initiators else None)


def test_csv_columns_hold_acled_codes(extracted: tuple[pd.DataFrame, dict[str, Any]]) -> None:
    frame, _ = extracted
    assert set(frame["time_precision"].dropna()) <= {1, 2, 3}
    assert set(frame["geo_precision"].dropna()) <= {1, 2, 3}
    assert set(frame["inter1"].dropna()) | set(frame["inter2"].dropna()) <= set(range(1, 9))
    assert frame["fatalities"].dropna().ge(0).all()
    assert frame["fatalities"].notna().sum() > 10
    assert frame["country"].notna().mean() > 0.9


def _text(value: Any) -> Any:
    """A cell as text, NaN (empty) as None, a defused formula without its quote."""
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(value)
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text
