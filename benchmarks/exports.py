"""Write times and sizes of the ACLED CSV and the GeoParquet file for 10,000 events.

The events are real extractions multiplied: ``tests/data/events/conflict_notes.jsonl`` (160
conflict notes, about 430 merged events) goes through the pipeline once, then each event is
copied with a new id, its date moved by whole days and its point by a few hundredths of a
degree, until there are ``--events`` of them (so the gazetteer sees many distinct points,
as in a real corpus). Timed: building the rows or features and writing the file, each in a
fresh temporary folder, best of ``--repeat`` runs; the GeoJSON's figures are given beside
them for scale.

    .venv/bin/python benchmarks/exports.py --events 10000
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gazetteer import open_gazetteer  # noqa: E402
from geo.documents import Document, load_documents  # noqa: E402
from geo.events.model import Event, EventCollection  # noqa: E402
from geo.outputs.acled_csv import acled_rows, write_acled_csv  # noqa: E402
from geo.outputs.files import atomic_write_text  # noqa: E402
from geo.outputs.geojson import dumps_feature_collection, to_feature_collection  # noqa: E402
from geo.outputs.geoparquet import write_geoparquet  # noqa: E402
from geo.pipeline import extract_events  # noqa: E402

NOTES = REPO / "tests" / "data" / "events" / "conflict_notes.jsonl"


def _copy(event: Event, number: int) -> Event:
    """The ``number``-th copy of ``event``: new id, date and point moved a little."""
    date = event.date
    if date.date is not None:
        date = date.model_copy(update={"date": date.date + dt.timedelta(days=number % 90)})
    location = event.location
    if location.lat is not None and location.lon is not None:
        shift = (number % 7) * 0.01
        location = location.model_copy(
            update={"lat": min(90.0, location.lat + shift), "lon": min(180.0, location.lon + shift)}
        )
    return event.model_copy(update={"id": f"{event.id}-{number}", "date": date,
                                    "location": location})


def synthetic_collection(count: int) -> EventCollection:
    documents = [d for d in load_documents([NOTES]) if isinstance(d, Document)]
    extracted = extract_events(documents, open_gazetteer())
    base = extracted.events
    events = [_copy(base[i % len(base)], i // len(base)) for i in range(count)]
    return EventCollection(events=events, places=extracted.places, features=extracted.features)


def _best(repeat: int, run: Callable[[Path], Path]) -> tuple[float, int]:
    """Best wall time of ``run`` over ``repeat`` fresh folders, and the file's size."""
    best, size = float("inf"), 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            path = run(Path(folder))
            best = min(best, time.perf_counter() - start)
            size = path.stat().st_size
    return best, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    collection = synthetic_collection(args.events)
    gazetteer = open_gazetteer()

    def csv(folder: Path) -> Path:
        path = folder / "events.csv"
        write_acled_csv(acled_rows(collection, gazetteer=gazetteer), path)
        return path

    def parquet(folder: Path) -> Path:
        path = folder / "events.parquet"
        write_geoparquet(to_feature_collection(collection), path)
        return path

    def geojson(folder: Path) -> Path:
        path = folder / "events.geojson"
        atomic_write_text(path, dumps_feature_collection(to_feature_collection(collection)))
        return path

    print(f"{len(collection.events):,} events, {len(collection.places):,} places, "
          f"{len(collection.features):,} referenced features")
    for name, run in (("ACLED CSV", csv), ("GeoParquet", parquet), ("GeoJSON", geojson)):
        seconds, size = _best(args.repeat, run)
        print(f"{name:<11} {seconds:6.2f} s  {size / 1e6:6.2f} MB")


if __name__ == "__main__":
    main()
