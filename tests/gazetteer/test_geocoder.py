"""The geopy-compatible offline geocoder."""

from __future__ import annotations

import pytest
from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from gazetteer.geocoder import OfflineGazetteer


@pytest.fixture(scope="module")
def geocoder() -> OfflineGazetteer:
    return OfflineGazetteer()


def test_is_a_geopy_geocoder(geocoder: OfflineGazetteer) -> None:
    assert isinstance(geocoder, Geocoder)


@pytest.mark.parametrize(
    ("query", "lat", "lon"),
    [("Damascus", 33.51, 36.29), ("Deir ez-Zor", 35.34, 40.14), ("Washington", 38.90, -77.04)],
)
def test_geocode_returns_a_location_in_lat_lon_order(
    geocoder: OfflineGazetteer, query: str, lat: float, lon: float
) -> None:
    location = geocoder.geocode(query)
    assert isinstance(location, Location)
    assert location.latitude == pytest.approx(lat, abs=0.1)
    assert location.longitude == pytest.approx(lon, abs=0.1)
    assert location.raw["id"]


def test_geocode_many(geocoder: OfflineGazetteer) -> None:
    locations = geocoder.geocode("Damascus", exactly_one=False, limit=3)
    assert isinstance(locations, list) and len(locations) == 3
    assert {loc.raw["country_code"] for loc in locations} >= {"SY", "US"}


def test_no_match_is_none(geocoder: OfflineGazetteer) -> None:
    assert geocoder.geocode("Qwxzyville") is None


def test_empty_query_is_a_geopy_error(geocoder: OfflineGazetteer) -> None:
    with pytest.raises(GeocoderQueryError):
        geocoder.geocode("  ")


@pytest.mark.parametrize("query", ["35.95, 39.01", (35.95, 39.01)])
def test_reverse_accepts_strings_and_tuples(geocoder: OfflineGazetteer, query: object) -> None:
    location = geocoder.reverse(query)
    assert isinstance(location, Location) and "Raqqah" in location.address


@pytest.mark.parametrize("query", ["not a point", "95, 10"])
def test_reverse_bad_point(geocoder: OfflineGazetteer, query: str) -> None:
    with pytest.raises((GeocoderQueryError, ValueError)):
        geocoder.reverse(query)


def test_transport_refuses_the_network(geocoder: OfflineGazetteer) -> None:
    with pytest.raises(GeocoderQueryError, match="no network"):
        geocoder.adapter.get_json(
            "https://nominatim.openstreetmap.org/search", timeout=1, headers={}
        )
