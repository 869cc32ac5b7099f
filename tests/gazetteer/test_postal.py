"""GeoNames' postal places (gazetteer/sources/postal.py): one place a name, country and
cluster of codes, none a bundled entry already names; written to and read from the store's
postal index."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.build import write_postal_index
from gazetteer.model import PostalPlace
from gazetteer.sources import postal
from geo.errors import GazetteerDataError


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def _row(name: str, country: str, lat: float, lon: float) -> dict[str, object]:
    return {"country_code": country, "postal_code": "X1", "city": name, "state": "",
            "latitude": lat, "longitude": lon, "accuracy": 4, "source": "allCountries"}  # fmt: skip


def _dump(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "geonames_data.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.writelines(json.dumps(row) + "\n" for row in rows)
    return path


def test_a_town_s_codes_are_one_place_and_a_namesake_far_off_another(tmp_path: Path) -> None:
    rows = [
        _row("Newtown", "GB", 52.51, -3.31),  # Powys
        _row("Newtown", "GB", 52.53, -3.30),  # another of its codes
        _row("Newtown", "GB", 51.30, -1.30),  # Hampshire: another village
        _row("Newtown", "IE", 53.00, -7.00),
        _row("Dublin 4", "IE", 53.33, -6.23),  # a code's district
        _row("Cartmel", "GB", 54.20, -2.95),
    ]
    places = list(
        postal.distinct_places(postal._records(_dump(tmp_path, rows)), known={("GB", "cartmel")})
    )
    assert [(p.name, p.country, p.lat) for p in places] == [
        ("Newtown", "GB", 52.51),
        ("Newtown", "GB", 51.30),
        ("Newtown", "IE", 53.00),
    ]


def test_an_unreadable_file_is_a_gazetteer_data_error(tmp_path: Path) -> None:
    path = tmp_path / "geonames_data.jsonl.gz"
    path.write_bytes(b"not gzip")
    with pytest.raises(GazetteerDataError, match="unreadable GeoNames postal data"):
        list(postal._records(path))


def test_the_index_gives_back_every_place_of_a_name(tmp_path: Path) -> None:
    places = [
        PostalPlace("El Rocío", "ES", 37.13, -6.48),
        PostalPlace("El Rocio", "MX", 20.49, -100.44),
        PostalPlace("Cartmel", "GB", 54.2, -2.95),
    ]
    assert write_postal_index(tmp_path / "postal.marisa", places) == 3
    import marisa_trie

    trie = marisa_trie.BytesTrie()
    trie.mmap(str(tmp_path / "postal.marisa"))
    assert len(trie.get("el rocio", [])) == 2


def test_the_store_answers_a_village_cities500_lacks(gazetteer: Gazetteer) -> None:
    assert not gazetteer.candidates("Cartmel")
    [cartmel] = [p for p in gazetteer.postal_places("Cartmel") if p.country == "GB"]
    assert (round(cartmel.lat, 1), round(cartmel.lon, 1)) == (54.2, -3.0)
    assert gazetteer.postal_places("  ") == []
