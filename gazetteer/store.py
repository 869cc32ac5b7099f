"""The gazetteer store: open it, look names up, fetch entries, reverse-geocode points.

Opening maps the name index and reads small per-entry arrays; full records and geometry
stay in SQLite until asked for, so opening is fast and lookups cost microseconds.
"""

from __future__ import annotations

import json
import math
import mmap
import os
import sqlite3
import struct
import sys
import threading
import zipfile
from collections.abc import Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import marisa_trie
import numpy as np

from gazetteer.build import (
    CLASS_ORDER,
    DEFAULT_MIN_POPULATION,
    FORMAT_VERSION,
    GEONAMES_ID_PREFIX,
    POSTAL_FILE,
    POSTAL_RECORD,
    build_store,
    variant_spellings,
)
from gazetteer.geodesy import great_circle_km_to_many
from gazetteer.model import Candidate, Entry, FeatureClass, NameKind, PostalPlace, ReverseResult
from gazetteer.normalize import (
    normalize,
    query_keys,
    run_together_keys,
    spelling_distance,
    variant_key,
)
from geo.errors import GazetteerDataError, QueryError

# shapely is imported where geometry is read: name lookups (all of `geo places`) need none,
# and importing it costs every command's start-up.
if TYPE_CHECKING:
    import shapely
    from shapely.strtree import STRtree

__all__ = ["Gazetteer", "default_store_path", "open_gazetteer"]

_STORE_FILES = (
    "names.marisa",
    "arrays.npz",
    "strings.json",
    "entries.sqlite",
    "meta.json",
    "people.marisa",
    POSTAL_FILE,
)
_REBUILD = "rebuild it with `geo gazetteer build`"


def default_store_path() -> Path:
    """Where the store lives: $GEO_GAZETTEER_DIR, else gazetteer/data/built in the package."""
    override = os.environ.get("GEO_GAZETTEER_DIR")
    if override:
        return Path(override)
    return Path(__file__).parent / "data" / "built"


class Gazetteer:
    """Read-only access to a built store. Thread-safe for lookups; one SQLite handle a thread."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        for name in _STORE_FILES:
            if not (self.path / name).is_file():
                raise GazetteerDataError(
                    f"{self.path / name}: gazetteer store file missing; {_REBUILD}"
                )
        self.meta = self._read_meta()
        self._trie = self._load_trie()
        self._load_arrays()
        self._local = threading.local()
        # A country outline is read again for every relation in it: parsing the US from its
        # WKB takes over a millisecond.
        self._recent_geometries = lru_cache(maxsize=128)(self._read_geometry)

    # -- opening -------------------------------------------------------------------------
    def _read_meta(self) -> dict[str, Any]:
        path = self.path / "meta.json"
        try:
            meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise GazetteerDataError(
                f"{path}: corrupt gazetteer store ({err}); {_REBUILD}"
            ) from err
        if meta.get("format_version") != FORMAT_VERSION:
            raise GazetteerDataError(f"{path}: gazetteer store format is outdated; {_REBUILD}")
        return meta

    def _load_trie(self) -> marisa_trie.RecordTrie:
        return _mapped(marisa_trie.RecordTrie("<IB"), self.path / "names.marisa")

    def _load_arrays(self) -> None:
        arrays_path = self.path / "arrays.npz"
        strings_path = self.path / "strings.json"
        try:
            arrays = _mapped_npz(arrays_path)
            self._class = arrays["feature_class"]
            self._country = arrays["country_code"]
            self._admin1 = arrays["admin1_code"]
            self._population = arrays["population"]
            self._lat = arrays["lat"]
            self._lon = arrays["lon"]
            self._importance = arrays["importance"]
            self._radius = arrays["radius_km"]
            strings = json.loads(strings_path.read_text(encoding="utf-8"))
            self._ids: list[str] = strings["ids"]
            self._names: list[str] = strings["names"]
            # by country code, and by id for the continents themselves
            self._continents: dict[str, str] = strings["continents"]
            self._geonameids: dict[str, int] = strings["geonameids"]
        except (OSError, ValueError, KeyError) as err:
            raise GazetteerDataError(
                f"{arrays_path.parent}: corrupt gazetteer store ({err}); {_REBUILD}"
            ) from err
        if len(self._ids) != len(self._class):
            raise GazetteerDataError(f"{strings_path}: does not match arrays.npz; {_REBUILD}")
        # No Python lists of 275,000 values each (70 ms at every start): a run reads a few
        # thousand entries, each once (recognition memoises candidates by name), and
        # ndarray.item gives the same Python int, float or str as tolist would.

    @property
    def _db(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "db", None)
        if connection is None:
            uri = f"file:{self.path / 'entries.sqlite'}?mode=ro"
            try:
                connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
                connection.execute("SELECT 1 FROM entries LIMIT 1")
            except sqlite3.Error as err:
                raise GazetteerDataError(
                    f"{self.path / 'entries.sqlite'}: corrupt gazetteer store ({err}); {_REBUILD}"
                ) from err
            self._local.db = connection
        return connection

    def __len__(self) -> int:
        return len(self._ids)

    # -- names ---------------------------------------------------------------------------
    def has_key(self, key: str) -> bool:
        """True if a normalised name is in the index (recognition's fast path)."""
        return key in self._trie

    def has_prefix(self, key: str) -> bool:
        """True if some indexed name starts with this normalised prefix."""
        return next(self._trie.iterkeys(key), None) is not None

    def candidates_for_key(self, key: str) -> list[Candidate]:
        """Every entry indexed under one normalised key, best prior first."""
        found = [self.candidate(index, NameKind(kind)) for index, kind in self._trie.get(key, ())]
        found.sort(key=lambda c: (-c.importance, c.name_kind, c.position))
        return found

    def country(self, code: str) -> Candidate | None:
        """The country entry of an ISO 3166-1 alpha-2 code, as a candidate, or None."""
        index = self.index_of(f"country:{code}")
        return None if index is None else self.candidate(index)

    def candidate(self, index: int, name_kind: NameKind = NameKind.NAME) -> Candidate:
        country: str = self._country.item(index)
        return Candidate(
            index,
            self._ids[index],
            self._names[index],
            CLASS_ORDER[self._class.item(index)],
            country or None,
            self._admin1.item(index) or None,
            self._population.item(index),
            self._lat.item(index),
            self._lon.item(index),
            self._importance.item(index),
            name_kind,
            self._continents.get(country or self._ids[index]),
        )

    def candidates(self, name: str) -> list[Candidate]:
        """Candidates for a free-form name, best prior first (cheap: no records, no geometry).

        Where no exact key is found, the romanisation variants of the name ("Ras al-Ain" for
        Ra's al 'Ayn), marked :attr:`NameKind.VARIANT`.
        """
        if not name or not name.strip():
            raise QueryError("empty place name")
        best: dict[int, Candidate] = {}
        variant = variant_key(name)
        keys = query_keys(name)
        if variant is not None:
            keys.append((variant, None))
        for key, classes in keys:
            for candidate in self.candidates_for_key(key):
                if classes is not None and candidate.feature_class.value not in classes:
                    continue
                if (
                    candidate.position not in best
                    or candidate.name_kind < best[candidate.position].name_kind
                ):
                    best[candidate.position] = candidate
            if best:
                break
        return sorted(best.values(), key=lambda c: (-c.importance, c.name_kind, c.position))

    def postal_places(self, name: str) -> list[PostalPlace]:
        """The places GeoNames' postal codes list under a name that no entry has in their
        country (:mod:`gazetteer.sources.postal`): villages, for the back-off's answers."""
        key = normalize(name)
        if not key:
            return []
        places = []
        for value in self._postal.get(key, ()):
            lat, lon, country = POSTAL_RECORD.unpack_from(value)
            written = value[POSTAL_RECORD.size :].decode("utf-8")
            places.append(PostalPlace(written, country.decode("ascii"), lat, lon))
        return places

    @cached_property
    def _postal(self) -> marisa_trie.BytesTrie:
        # mapped when first asked for: only the back-off of given spans reads it
        return _mapped(marisa_trie.BytesTrie(), self.path / POSTAL_FILE)

    def lookup(self, name: str, *, limit: int = 10, geometry: bool = True) -> list[Entry]:
        """Entries for a name, ranked by prior importance, with full records."""
        if limit < 1:
            raise QueryError(f"limit must be at least 1, got {limit}")
        return [self.entry(c.position, geometry=geometry) for c in self.candidates(name)[:limit]]

    def nearest_spelling(self, index: int, written: str) -> float:
        """How far ``written`` is spelt from the nearest of the entry's names that share its
        romanisation key (:func:`gazetteer.normalize.spelling_distance`): "Tooz" is 0.43 from
        Tuz Khurmatu's "Tuz", though 0.75 from its main name. A lower-case alternate name
        ("afran" for Ifrane) is a transcription from another script, not a spelling a source
        writes; with no name sharing the key, the main name's distance."""
        key = variant_key(written)
        entry = self.entry(index, geometry=False)
        if key is None:
            return spelling_distance(written, entry.name)
        written_names = tuple(name for name in entry.alt_names if name != name.lower())
        sharing = [
            spelling
            for spelling in variant_spellings(entry.model_copy(update={"alt_names": written_names}))
            if variant_key(spelling) == key or key in run_together_keys(spelling)
        ]
        return min(spelling_distance(written, name) for name in (entry.name, *sharing))

    # -- records -------------------------------------------------------------------------
    def entry(self, index: int, *, geometry: bool = True) -> Entry:
        column = "record, geometry" if geometry else "record, NULL"
        row = self._db.execute(f"SELECT {column} FROM entries WHERE idx = ?", (index,)).fetchone()
        if row is None:
            raise KeyError(index)
        entry = Entry.model_validate_json(row[0])
        if row[1] is not None:
            import shapely
            from shapely.geometry import mapping

            entry = entry.model_copy(update={"geometry": mapping(shapely.from_wkb(row[1]))})
        return entry

    def get(self, entry_id: str, *, geometry: bool = True) -> Entry | None:
        """The entry with this id, or None."""
        row = self._db.execute("SELECT idx FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return None if row is None else self.entry(int(row[0]), geometry=geometry)

    def geonameid_of(self, entry_id: str | None) -> int | None:
        """The GeoNames id of an entry (None if it has none), without reading its record.

        >>> open_gazetteer().geonameid_of("country:SY")  # doctest: +SKIP
        163843
        """
        if not entry_id:
            return None
        if entry_id.startswith(GEONAMES_ID_PREFIX):
            return int(entry_id[len(GEONAMES_ID_PREFIX) :])
        return self._geonameids.get(entry_id)

    def index_of(self, entry_id: str) -> int | None:
        return self._index_by_id.get(entry_id)

    @cached_property
    def _index_by_id(self) -> dict[str, int]:
        return {entry_id: index for index, entry_id in enumerate(self._ids)}

    def radius_km(self, index: int) -> float:
        """The uncertainty radius of a location at the entry: that of a circle with its area
        (see :func:`gazetteer.geodesy.radius_km`)."""
        return float(self._radius[index])  # seldom asked: no list of 275,000 floats

    def geometry(self, index: int) -> shapely.Geometry | None:
        """The shapely geometry of an entry (None for points); the same object for repeated
        calls while it is among the last few read (geometries are immutable)."""
        return self._recent_geometries(index)

    def km_outside(self, index: int, lat: float, lon: float) -> float:
        """How far a point lies outside an entry's area, in km: 0 inside it; for an entry
        with no outline, the distance to its point less its radius."""
        import shapely
        from shapely.ops import nearest_points

        from gazetteer.geodesy import great_circle_km

        point = shapely.Point(lon, lat)
        area = self.geometry(index)
        if area is None or area.geom_type not in ("Polygon", "MultiPolygon"):
            distance = great_circle_km(lat, lon, self._lat.item(index), self._lon.item(index))
            return max(0.0, distance - self.radius_km(index))
        if area.covers(point):
            return 0.0
        nearest = nearest_points(area, point)[0]
        return great_circle_km(lat, lon, nearest.y, nearest.x)

    def _read_geometry(self, index: int) -> shapely.Geometry | None:
        import shapely

        row = self._db.execute("SELECT geometry FROM entries WHERE idx = ?", (index,)).fetchone()
        if row is None or row[0] is None:
            return None
        return shapely.from_wkb(row[0])

    # -- reverse -------------------------------------------------------------------------
    def reverse(self, lat: float, lon: float) -> ReverseResult:
        """The country, admin-1 area and nearest populated place for a point."""
        country, admin1 = self.areas_at(lat, lon)
        nearest, distance = self._nearest_city(lat, lon)
        return ReverseResult(
            lat=lat,
            lon=lon,
            country=country,
            admin1=admin1,
            nearest_place=None if nearest is None else self.entry(nearest, geometry=False),
            nearest_place_km=None if distance is None else round(distance, 3),
        )

    def areas_at(self, lat: float, lon: float) -> tuple[Entry | None, Entry | None]:
        """The country and admin-1 area a point lies in (no geometry): :meth:`reverse`
        without its nearest-place search, which costs a scan of every city."""
        import shapely

        _check_coordinates(lat, lon)
        point = shapely.Point(lon, lat)
        country = self._containing(self._area_index(FeatureClass.COUNTRY), point)
        admin1 = self._containing(self._area_index(FeatureClass.ADMIN1), point)
        return (
            None if country is None else self.entry(country, geometry=False),
            None if admin1 is None else self.entry(admin1, geometry=False),
        )

    def _area_index(self, feature_class: FeatureClass) -> tuple[STRtree, list[int]]:
        cache: dict[FeatureClass, tuple[STRtree, list[int]]] = self.__dict__.setdefault(
            "_areas", {}
        )
        if feature_class not in cache:
            import shapely
            from shapely.strtree import STRtree

            rows = self._db.execute(
                "SELECT idx, geometry FROM entries "
                "WHERE feature_class = ? AND geometry IS NOT NULL",
                (feature_class.value,),
            ).fetchall()
            geometries = shapely.from_wkb([row[1] for row in rows])
            cache[feature_class] = (STRtree(geometries), [int(row[0]) for row in rows])
        return cache[feature_class]

    @staticmethod
    def _containing(index: tuple[STRtree, list[int]], point: shapely.Point) -> int | None:
        import shapely

        tree, indices = index
        hits = tree.query(point, predicate="intersects")
        if len(hits) == 0:
            return None
        # Overlapping areas (disputed borders): the smallest one is the most specific.
        geometries = tree.geometries
        best: int = min(hits.tolist(), key=lambda hit: float(shapely.area(geometries[hit])))
        return indices[best]

    @cached_property
    def _city_indices(self) -> np.ndarray[Any, Any]:
        return np.flatnonzero(self._class == CLASS_ORDER.index(FeatureClass.CITY))

    def _nearest_city(self, lat: float, lon: float) -> tuple[int | None, float | None]:
        indices = self._city_indices
        if len(indices) == 0:
            return None, None
        distances = great_circle_km_to_many(lat, lon, self._lat[indices], self._lon[indices])
        best = int(np.argmin(distances))
        return int(indices[best]), float(distances[best])

    def names_within(self, feature_classes: Sequence[FeatureClass]) -> list[int]:
        """Indices of every entry of these classes, in index order."""
        wanted = [CLASS_ORDER.index(fc) for fc in feature_classes]
        indices: list[int] = np.flatnonzero(np.isin(self._class, wanted)).tolist()
        return indices


_Trie = TypeVar("_Trie", marisa_trie.RecordTrie, marisa_trie.BytesTrie)


def _mapped(trie: _Trie, path: Path) -> _Trie:
    """``trie`` mapped from the index file at ``path``."""
    try:
        trie.mmap(str(path))
    except Exception as err:  # marisa raises bare RuntimeError/Exception on bad files
        raise GazetteerDataError(f"{path}: corrupt gazetteer index ({err}); {_REBUILD}") from err
    return trie


def _check_coordinates(lat: float, lon: float) -> None:
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise QueryError(f"coordinates must be finite numbers, got {lat}, {lon}")
    if not -90 <= lat <= 90:
        raise QueryError(f"latitude {lat} is outside -90..90")
    if not -180 <= lon <= 180:
        raise QueryError(f"longitude {lon} is outside -180..180")


def _needs_build(target: Path) -> bool:
    """The default store is a cache of the installed sources: build it when absent or outdated."""
    try:
        meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return not target.exists() or not any(target.iterdir())
    return bool(meta.get("format_version") != FORMAT_VERSION)


_ZIP_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... name and extra lengths


def _mapped_npz(path: Path) -> dict[str, np.ndarray[Any, Any]]:
    """The arrays of an uncompressed ``.npz`` (``np.savez``) mapped from the file, read-only.

    ``np.load`` copies every array into memory (tens of milliseconds at each start, and a
    copy per process); a mapping costs neither, pages are read as entries are, and forked
    workers share them. A compressed member is read the usual way. Raises ValueError for a
    file that is no such archive.
    """
    try:
        with path.open("rb") as handle, zipfile.ZipFile(handle) as archive:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            return {
                info.filename.removesuffix(".npy"): _mapped_member(handle, archive, info, mapped)
                for info in archive.infolist()
            }
    except (zipfile.BadZipFile, struct.error, EOFError, TypeError) as err:
        raise ValueError(f"not an array archive ({err})") from err


def _mapped_member(
    handle: IO[bytes], archive: zipfile.ZipFile, info: zipfile.ZipInfo, mapped: mmap.mmap
) -> np.ndarray[Any, Any]:
    if info.compress_type != zipfile.ZIP_STORED:
        with archive.open(info) as member:
            loaded: np.ndarray[Any, Any] = np.load(member, allow_pickle=False)
            return loaded
    handle.seek(info.header_offset)
    signature, name_length, extra_length = _ZIP_LOCAL_HEADER.unpack(
        handle.read(_ZIP_LOCAL_HEADER.size)
    )
    if signature != b"PK\x03\x04":
        raise ValueError(f"{info.filename}: not a zip member")
    handle.seek(info.header_offset + _ZIP_LOCAL_HEADER.size + name_length + extra_length)
    version = np.lib.format.read_magic(handle)
    if version == (1, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(handle)
    else:
        shape, fortran, dtype = np.lib.format.read_array_header_2_0(handle)
    if dtype.hasobject:
        raise ValueError(f"{info.filename}: holds Python objects")
    return np.ndarray(
        shape, dtype, buffer=mapped, offset=handle.tell(), order="F" if fortran else "C"
    )


_OPENED: dict[Path, Gazetteer] = {}
_OPEN_LOCK = threading.Lock()


def open_gazetteer(path: Path | None = None, *, build_if_missing: bool = True) -> Gazetteer:
    """The shared gazetteer at ``path`` (default: :func:`default_store_path`).

    The default store is built on first use from the installed sources (about half a minute);
    an explicit path must already hold a store.
    """
    target = Path(path) if path is not None else default_store_path()
    with _OPEN_LOCK:
        if target in _OPENED:
            return _OPENED[target]
        if path is None and build_if_missing and _needs_build(target):
            print(f"geo: building the gazetteer into {target} (one time)...", file=sys.stderr)
            build_store(target, min_population=DEFAULT_MIN_POPULATION)
        gazetteer = Gazetteer(target)
        _OPENED[target] = gazetteer
        return gazetteer
