"""A geopy geocoder backed by the offline gazetteer.

Code written for geopy's Nominatim runs unchanged and offline:

>>> from gazetteer.geocoder import OfflineGazetteer
>>> location = OfflineGazetteer().geocode("Deir ez-Zor")  # doctest: +SKIP
>>> location.latitude, location.longitude  # doctest: +SKIP
(35.33588, 40.14084)

geopy speaks ``(lat, lon)``; this module is the only place that order appears.
"""

from __future__ import annotations

from typing import Any

from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from gazetteer.model import Entry
from gazetteer.store import Gazetteer, open_gazetteer
from geo.errors import QueryError

__all__ = ["OfflineGazetteer"]


class _NoNetworkAdapter(BaseSyncAdapter):  # type: ignore[misc]
    """geopy wants a transport; this one refuses, so nothing can leave the machine."""

    def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
        raise GeocoderQueryError(f"OfflineGazetteer makes no network requests (asked for {url})")

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        raise GeocoderQueryError(f"OfflineGazetteer makes no network requests (asked for {url})")


def _location(entry: Entry) -> Location:
    address = ", ".join(part for part in (entry.name, entry.country_code) if part)
    raw = entry.model_dump(mode="json", exclude={"geometry"})
    return Location(address, (entry.lat, entry.lon), raw)


class OfflineGazetteer(Geocoder):  # type: ignore[misc]
    """geopy ``Geocoder`` answering from the local gazetteer store, with no network."""

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("adapter_factory", _NoNetworkAdapter)
        super().__init__(**kwargs)
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = open_gazetteer()
        return self._gazetteer

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        limit: int | None = None,
        timeout: Any = DEFAULT_SENTINEL,
    ) -> Location | list[Location] | None:
        """Best match for a name (or a list with ``exactly_one=False``); None if no match."""
        try:
            entries = self.gazetteer.lookup(
                query, limit=1 if exactly_one else (limit or 10), geometry=False
            )
        except QueryError as err:
            raise GeocoderQueryError(str(err)) from err
        if not entries:
            return None
        locations = [_location(entry) for entry in entries]
        return locations[0] if exactly_one else locations

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
    ) -> Location | list[Location] | None:
        """Nearest populated place to a point given as ``"lat, lon"``, a tuple or a Point."""
        try:
            point = Point(query)
            result = self.gazetteer.reverse(point.latitude, point.longitude)
        except (ValueError, TypeError) as err:
            raise GeocoderQueryError(f"cannot read a point from {query!r}: {err}") from err
        if result.nearest_place is None:
            return None
        location = _location(result.nearest_place)
        return location if exactly_one else [location]
