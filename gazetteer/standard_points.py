"""GeoNames' own points for the few entries whose bundled point lies far from it.

Scored corpora and GeoNames-keyed data put India at GeoNames' 22 N 79 E, not at the CIA
factbook's 20 N 77 E that countryinfo carries. ``standard_points.toml`` beside this module
lists such entries (its header says where the values come from); the store's build gives them
that point, and the GeoNames id where the entry has none. Their polygons stay their geometry.

>>> from gazetteer.model import Entry, FeatureClass
>>> india = Entry(id="country:IN", name="India", feature_class=FeatureClass.COUNTRY,
...               lat=20.0, lon=77.0)
>>> moved = with_standard_point(india)
>>> moved.lat, moved.lon, moved.geonameid
(22.0, 79.0, 1269750)
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from gazetteer.model import Entry
from geo.vocabulary import Vocabulary, load_vocabulary

__all__ = ["StandardPoint", "StandardPointsFile", "with_standard_point"]


class StandardPoint(Vocabulary):
    """One entry's GeoNames point."""

    id: Annotated[str, Field(min_length=3)]
    geonameid: Annotated[int, Field(gt=0)]
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]


class StandardPointsFile(Vocabulary):
    """``standard_points.toml``: a ``[[point]]`` table per entry."""

    point: tuple[StandardPoint, ...]

    @model_validator(mode="after")
    def _each_entry_once(self) -> StandardPointsFile:
        ids = [row.id for row in self.point]
        if len(ids) != len(set(ids)):
            raise ValueError("an entry is listed twice")
        return self


_POINTS = {
    row.id: row
    for row in load_vocabulary("gazetteer", "standard_points.toml", StandardPointsFile).point
}


def with_standard_point(entry: Entry) -> Entry:
    """The entry at GeoNames' point, if the file lists it; else the entry unchanged."""
    row = _POINTS.get(entry.id)
    if row is None:
        return entry
    return entry.model_copy(
        update={"lat": row.lat, "lon": row.lon, "geonameid": entry.geonameid or row.geonameid}
    )
