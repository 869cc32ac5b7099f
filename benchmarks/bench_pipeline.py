"""Pipeline benchmark: places alone vs the whole pipeline (places + events) on lgl.jsonl texts.

Run: .venv/bin/python benchmarks/bench_pipeline.py [../shared/eval/lgl.jsonl]
Times are CPU seconds of this process (time.process_time), steadier on a shared machine.
Target (issue 4): the whole pipeline at no less than half the speed of places alone.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from gazetteer import open_gazetteer
from geo.documents import Document
from geo.pipeline import document_events
from geo.places import find_places


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/lgl.jsonl")
    with corpus.open(encoding="utf-8") as handle:
        documents = [
            Document(id=str(record["id"]), text=record["text"])
            for record in map(json.loads, handle)
        ]
    gazetteer = open_gazetteer()
    find_places(documents[0], gazetteer)
    document_events(documents[0], gazetteer)

    started = time.process_time()
    for document in documents:
        find_places(document, gazetteer)
    places_seconds = time.process_time() - started

    started = time.process_time()
    events = 0
    for document in documents:
        events += len(document_events(document, gazetteer)[0])
    pipeline_seconds = time.process_time() - started

    count = len(documents)
    print(
        f"corpus: {corpus} ({count} documents, {sum(len(d.text) for d in documents):,} characters)"
    )
    print(f"places alone:  {count / places_seconds:7.0f} docs/s")
    print(
        f"whole pipeline:{count / pipeline_seconds:7.0f} docs/s, {events} events "
        f"({events / pipeline_seconds:.0f} events/s)"
    )
    print(f"pipeline speed / places speed: {places_seconds / pipeline_seconds:.2f} (target >= 0.5)")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
