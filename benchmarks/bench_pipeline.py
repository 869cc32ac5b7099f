"""Pipeline benchmark: places alone vs the whole pipeline (places + events) on lgl.jsonl texts.

Run: .venv/bin/python benchmarks/bench_pipeline.py [../shared/eval/lgl.jsonl] [--repeat 5]

Both stages are timed warm (after one pass each fills the per-process caches), in CPU
seconds of this process (time.process_time, steadier on a shared machine), alternating
passes so that a busy spell on the machine hits both; each figure is the best pass.
Target (issue 4): the whole pipeline at no less than half the speed of places alone. The
events stage is also timed alone, on places found beforehand: the whole pipeline costs more
than the sum of its stages, because each stage runs on caches the other has just filled.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Callable
from pathlib import Path

from gazetteer import open_gazetteer
from geo.documents import Document
from geo.pipeline import document_events, events_from_places
from geo.places import find_places

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "lgl.jsonl"


def read_documents(corpus: Path) -> list[Document]:
    with corpus.open(encoding="utf-8") as handle:
        return [
            Document(id=str(record["id"]), text=record["text"])
            for record in map(json.loads, handle)
        ]


def cpu_seconds(run: Callable[[], object]) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    documents = read_documents(args.corpus)
    gazetteer = open_gazetteer()

    def places() -> None:
        for document in documents:
            find_places(document, gazetteer)

    events = 0

    def pipeline() -> None:
        nonlocal events
        events = sum(len(document_events(document, gazetteer)[0]) for document in documents)

    found = [find_places(document, gazetteer) for document in documents]

    def events_stage() -> None:
        for document, result in zip(documents, found, strict=True):
            events_from_places(document, result, gazetteer)

    places(), pipeline(), events_stage()  # warm-up
    places_seconds = pipeline_seconds = events_seconds = float("inf")
    for _ in range(args.repeat):
        places_seconds = min(places_seconds, cpu_seconds(places))
        pipeline_seconds = min(pipeline_seconds, cpu_seconds(pipeline))
        events_seconds = min(events_seconds, cpu_seconds(events_stage))

    count = len(documents)
    characters = sum(len(document.text) for document in documents)
    print(f"corpus: {args.corpus} ({count} documents, {characters:,} characters)")
    print(f"places alone:   {count / places_seconds:7.0f} docs/s")
    print(
        f"whole pipeline: {count / pipeline_seconds:7.0f} docs/s, {events} events "
        f"({events / pipeline_seconds:.0f} events/s)"
    )
    print(f"pipeline speed / places speed: {places_seconds / pipeline_seconds:.2f} (target >= 0.5)")
    per_document = 1000 / count
    print(
        f"per document: places {places_seconds * per_document:.2f} ms, events stage given the "
        f"places {events_seconds * per_document:.2f} ms, whole pipeline "
        f"{pipeline_seconds * per_document:.2f} ms"
    )
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
