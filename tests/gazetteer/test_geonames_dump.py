"""``geo gazetteer build --geonames FILE...``: GeoNames dumps in their published format (a zip
holding a tab-separated .txt: 19 columns for the geoname table, 10 for alternateNamesV2),
added to the bundled sources without duplicating them, and refused in one line when bad.

One real build (about a minute) serves every check of the built store.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.model import FeatureClass
from gazetteer.sources import geonames_dump
from geo.errors import InputError

VILLAGE_ID = 10924171  # no bundled entry has it (checked below)
WADI_ID = 10924172
HILL_ID = 10924173
SCHOOL_ID = 10924174
ABANDONED_ID = 10924175
SARAQIB_ID = 164816  # a bundled city (cities500)
IDLIB_GOVERNORATE_ID = 169387  # a bundled admin-1 polygon (Natural Earth, linked by code)


def _row(
    geonameid: int,
    name: str,
    alternates: str,
    lat: float,
    lon: float,
    feature: tuple[str, str],
    admin1: str = "12",
    population: int = 0,
) -> str:
    """One line of the geoname table, in its 19 columns."""
    columns = [
        str(geonameid), name, name, alternates, f"{lat:.5f}", f"{lon:.5f}", *feature,
        "SY", "", admin1, "", "", "", str(population), "", "320", "Asia/Damascus", "2023-04-12",
    ]  # fmt: skip
    assert len(columns) == geonames_dump.GEONAME_COLUMNS
    return "\t".join(columns) + "\n"


ROWS = [
    _row(VILLAGE_ID, "Kafr Amim", "Kafr `Amim,Kfar Amim", 35.8211, 36.8702, ("P", "PPL")),
    _row(WADI_ID, "Wadi Abu Zaydan", "", 35.7702, 36.9105, ("H", "WAD")),
    _row(HILL_ID, "Tall Muzayrib", "", 35.8355, 36.8451, ("T", "HLL")),
    _row(SCHOOL_ID, "Madrasat Kafr Amim", "", 35.8213, 36.8704, ("S", "SCH")),
    _row(ABANDONED_ID, "Khirbat Amim", "", 35.8301, 36.8801, ("P", "PPLQ")),
    # bundled ids, under other names: never a second entry
    _row(SARAQIB_ID, "Saraqib Dump Copy", "", 35.86447, 36.80591, ("P", "PPLA2"), population=34),
    _row(IDLIB_GOVERNORATE_ID, "Idlib Dump Copy", "", 35.75, 36.63, ("A", "ADM1")),
]
ALTERNATE_ROWS = [
    # alternateNameId, geonameid, isolanguage, name, preferred, short, colloquial, historic,
    # from, to
    ("90000001", str(VILLAGE_ID), "en", "Kefr Emim", "1", "", "", "", "", ""),
    ("90000002", str(VILLAGE_ID), "post", "12345", "", "", "", "", "", ""),
    ("90000003", str(VILLAGE_ID), "", "Kafr Amim al Qadima", "", "", "", "1", "", ""),
    ("90000004", str(VILLAGE_ID), "link", "https://en.wikipedia.org/wiki/Kafr_Amim", "", "", "",
     "", "", ""),
    ("90000005", str(VILLAGE_ID), "ar", "كفر عميم", "", "", "", "", "", ""),
    ("90000006", "99999999", "en", "Nowhere Kept", "", "", "", "", "", ""),
]  # fmt: skip


def _zip(path: Path, member: str, text: str, extra: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, text)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return path


def _alternates_text(rows: list[tuple[str, ...]]) -> str:
    assert all(len(row) == geonames_dump.ALTERNATE_NAMES_COLUMNS for row in rows)
    return "".join("\t".join(row) + "\n" for row in rows)


def geo(*args: str, store: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if store is not None:
        env["GEO_GAZETTEER_DIR"] = str(store)
    return subprocess.run(
        [sys.executable, "-m", "geo.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


@pytest.fixture(scope="module")
def dumps(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("dumps")
    country = _zip(folder / "SY.zip", "SY.txt", "".join(ROWS), {"readme.txt": "GeoNames\n"})
    alternates = _zip(
        folder / "alternateNamesV2.zip",
        "alternateNamesV2.txt",
        _alternates_text(ALTERNATE_ROWS),
        {"iso-languagecodes.txt": "ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\n"},
    )
    return [country, alternates]


@pytest.fixture(scope="module")
def store(dumps: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("store") / "built"
    result = geo("gazetteer", "build", "--output", str(target), "--geonames", *map(str, dumps))
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="module")
def built(store: Path) -> Gazetteer:
    return Gazetteer(store)


def test_fixture_ids_are_new_or_bundled() -> None:
    bundled = open_gazetteer()
    for geonameid in (VILLAGE_ID, WADI_ID, HILL_ID, SCHOOL_ID, ABANDONED_ID):
        assert bundled.index_of(f"geonames:{geonameid}") is None
    assert bundled.index_of(f"geonames:{SARAQIB_ID}") is not None
    assert bundled.geonameid_of("admin1:SY.12") == IDLIB_GOVERNORATE_ID


def test_a_village_only_in_the_dump_is_found_by_geo_places(store: Path, tmp_path: Path) -> None:
    article = tmp_path / "kafr_amim.txt"
    article.write_text(
        "Shelling near Saraqib\nRegime artillery shelled the village of Kafr Amim, east of "
        "Saraqib in Idlib province, on Monday.\n",
        encoding="utf-8",
    )
    result = geo("places", str(article), "--json", store=store)
    assert result.returncode == 0, result.stderr
    toponyms = json.loads(result.stdout)["toponyms"]
    village = next(row for row in toponyms if row["text"] == "Kafr Amim")
    assert village["gazetteer_id"] == f"geonames:{VILLAGE_ID}"
    assert village["geonameid"] == VILLAGE_ID
    assert village["country"] == "SY"


@pytest.mark.parametrize(
    ("name", "geonameid", "feature_class"),
    [
        ("Kafr Amim", VILLAGE_ID, FeatureClass.CITY),
        ("Kfar Amim", VILLAGE_ID, FeatureClass.CITY),  # the dump's alternatenames column
        ("Kefr Emim", VILLAGE_ID, FeatureClass.CITY),  # alternateNamesV2
        ("Wadi Abu Zaydan", WADI_ID, FeatureClass.RIVER),
        ("Tall Muzayrib", HILL_ID, FeatureClass.REGION),
    ],
)
def test_dump_rows_become_entries(
    built: Gazetteer, name: str, geonameid: int, feature_class: FeatureClass
) -> None:
    found = [e for e in built.lookup(name, limit=5, geometry=False) if e.geonameid == geonameid]
    assert found, name
    assert found[0].feature_class == feature_class
    assert found[0].admin1_code == "SY.12"


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("Madrasat Kafr Amim", SCHOOL_ID),  # a school: class S is not read
        ("Khirbat Amim", ABANDONED_ID),  # an abandoned place (PPLQ)
        ("Kafr Amim al Qadima", None),  # a historic alternate name
        ("12345", None),  # a postal code
        ("Nowhere Kept", None),  # the alternate name of an id the dumps do not add
        ("Saraqib Dump Copy", None),  # a bundled id: the bundled entry stays, unchanged
        ("Idlib Dump Copy", None),
    ],
)
def test_rows_not_taken(built: Gazetteer, name: str, geonameid: int | None) -> None:
    assert all(
        e.name != name and name not in e.alt_names
        for e in built.lookup(name, limit=5, geometry=False)
    )
    if geonameid is not None:
        assert built.index_of(f"geonames:{geonameid}") is None


@pytest.mark.parametrize(
    ("geonameid", "bundled_id"),
    [(SARAQIB_ID, f"geonames:{SARAQIB_ID}"), (IDLIB_GOVERNORATE_ID, "admin1:SY.12")],
)
def test_a_bundled_geonameid_does_not_duplicate(
    built: Gazetteer, geonameid: int, bundled_id: str
) -> None:
    ids = [built.candidate(i).id for i in range(len(built))]
    assert [i for i in ids if built.geonameid_of(i) == geonameid] == [bundled_id]
    entry = built.get(bundled_id, geometry=False)
    assert entry is not None and entry.source != "GeoNames dump SY.zip"


def test_counts_and_sources(built: Gazetteer) -> None:
    bundled = open_gazetteer()
    assert len(built) == len(bundled) + 3  # the village, the wadi and the hill
    assert any("SY.zip" in source for source in built.meta["sources"])


# -- bad files ---------------------------------------------------------------------------------
def _bad_files(folder: Path) -> dict[str, Path]:
    text = folder / "notes.txt"
    text.write_text("just some text\n", encoding="utf-8")
    not_zip = folder / "allCountries.zip"
    not_zip.write_bytes(b"PK\x03\x04 truncated")
    wrong_columns = _zip(folder / "cities1000.zip", "cities1000.txt", ROWS[0].replace("\t", ",", 3))
    bad_number = _zip(folder / "XK.zip", "XK.txt", ROWS[0].replace("35.82110", "north"))
    empty = _zip(folder / "YE.zip", "readme.txt", "GeoNames\n")
    alternates = _zip(
        folder / "alternateNamesV2.zip", "alternateNamesV2.txt", "1\t2\ten\tOld format\t\t\t\t\n"
    )
    return {
        "notes.txt": text,
        "allCountries.zip": not_zip,
        "cities1000.zip": wrong_columns,
        "XK.zip": bad_number,
        "YE.zip": empty,
        "alternateNamesV2.zip": alternates,
        "missing.zip": folder / "missing.zip",
    }


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("notes.txt", "notes.txt:1: not a GeoNames geoname table (1 columns, expected 19)"),
        ("allCountries.zip", "cannot read GeoNames dump"),
        ("cities1000.zip", "not a GeoNames geoname table (16 columns, expected 19)"),
        ("XK.zip", "XK.zip:1: not a GeoNames dump (bad number 'north')"),
        ("YE.zip", "not a GeoNames dump (expected one data .txt inside"),
        ("alternateNamesV2.zip", "not a GeoNames alternateNamesV2 file (8 columns, expected 10)"),
        ("missing.zip", "missing.zip: no such GeoNames dump file"),
    ],
)
def test_a_bad_file_is_refused_before_the_build(tmp_path: Path, name: str, message: str) -> None:
    path = _bad_files(tmp_path)[name]
    with pytest.raises(InputError, match="GeoNames") as caught:
        geonames_dump.check_dumps([path])
        list(geonames_dump.load_dump_entries([path], frozenset()))
    assert message in str(caught.value)


def test_cli_refuses_a_bad_file_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "store"
    bad = _bad_files(tmp_path)["cities1000.zip"]
    result = geo("gazetteer", "build", "--output", str(target), "--geonames", str(bad))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "expected 19" in result.stderr
    assert not target.exists()
    assert not any(p.name.startswith(".gazetteer-build-") for p in tmp_path.iterdir())
