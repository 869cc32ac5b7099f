"""Pipeline benchmark: places alone vs the whole pipeline (places + events) on lgl.jsonl texts.

Run: .venv/bin/python benchmarks/bench_pipeline.py [../shared/eval/lgl.jsonl] [--repeat 5]

Target (issue 4): the whole pipeline at no less than half the speed of places alone. The
whole pipeline is the product's path (``extract_events``, ``geo extract``, ``geo map``):
:func:`geo.pipeline.events_by_document`, which finds the places of a batch of documents
before their events. Unseen runs also time :func:`geo.pipeline.document_events` called one
document at a time, where the stages alternate on every document. Speeds are CPU seconds of
the timed process (time.process_time, steadier on a shared machine); each figure is the best
of ``--repeat`` runs, the stages alternating so that a busy spell on the machine hits all.
Two measurements:

* **unseen documents** (the product's case: a batch of new articles): each run is a fresh
  process that opens the gazetteer, warms up on the first ``--warm-up`` documents (lazy
  loads, first-call costs) and times one pass over the others, which it has never seen.
* **the same documents again**: one process passes over the whole corpus repeatedly. The
  places stage memoises gazetteer and person-name lookups, so from the second pass on it
  answers every lookup of these very documents from memory, a speed no new article gets;
  the events stage has little to memoise. This figure is the steadier one for comparing
  commits. It also times the events stage alone, on places found beforehand.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from gazetteer import Gazetteer, open_gazetteer
from geo.documents import Document
from geo.events.extract import events_from_places
from geo.pipeline import document_events, events_by_document
from geo.places.find import find_places

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "lgl.jsonl"
TARGET = 0.5
STAGES = {  # what each unseen run times, and its label
    "places": "places alone:",
    "pipeline": "whole pipeline:",
    "single": "pipeline, one document at a time:",
}


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


def run_stage(stage: str, documents: Sequence[Document], gazetteer: Gazetteer) -> list[object]:
    """One pass of a stage over documents, keeping every result as a caller would."""
    if stage == "places":
        return [find_places(document, gazetteer) for document in documents]
    if stage == "pipeline":  # the product's path: extract_events, geo extract and geo map
        return list(events_by_document(documents, gazetteer))
    return [document_events(document, gazetteer) for document in documents]  # one at a time


def one_pass(corpus: Path, stage: str, warm_up: int) -> None:
    """In a fresh process: warm up on the first documents, time one pass over the others."""
    documents = read_documents(corpus)
    gazetteer = open_gazetteer()
    run_stage(stage, documents[:warm_up], gazetteer)
    unseen = documents[warm_up:]
    seconds = cpu_seconds(lambda: run_stage(stage, unseen, gazetteer))
    print(json.dumps({"seconds": seconds, "documents": len(unseen)}))


def fresh_process_seconds(corpus: Path, stage: str, warm_up: int) -> tuple[float, int]:
    command = [sys.executable, __file__, str(corpus), "--one-pass", stage]
    command += ["--warm-up", str(warm_up)]
    result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return float(result["seconds"]), int(result["documents"])


def report_unseen(corpus: Path, repeat: int, warm_up: int) -> None:
    best = dict.fromkeys(STAGES, float("inf"))
    count = 0
    for _ in range(repeat):
        for stage in best:
            seconds, count = fresh_process_seconds(corpus, stage, warm_up)
            best[stage] = min(best[stage], seconds)
    print(f"unseen documents ({count}, each run a fresh process after {warm_up} for warm-up):")
    for stage, label in STAGES.items():
        seconds = best[stage]
        rate = f"{count / seconds:7.0f} docs/s ({seconds * 1000 / count:.2f} ms/doc)"
        print(f"  {label:<34}{rate}")
    ratio = best["places"] / best["pipeline"]
    print(f"  pipeline speed / places speed: {ratio:.3f} (target >= {TARGET})")
    print(f"  one document at a time / places speed: {best['places'] / best['single']:.3f}")


def report_repeated(documents: Sequence[Document], repeat: int) -> None:
    gazetteer = open_gazetteer()

    def places() -> None:
        for document in documents:
            find_places(document, gazetteer)

    events = 0

    def pipeline() -> None:
        nonlocal events
        events = sum(len(found) for found, _ in events_by_document(documents, gazetteer))

    found = [find_places(document, gazetteer) for document in documents]

    def events_stage() -> None:
        for document, result in zip(documents, found, strict=True):
            events_from_places(document, result, gazetteer)

    for warm_up in (places, pipeline, events_stage):
        warm_up()
    places_seconds = pipeline_seconds = events_seconds = float("inf")
    for _ in range(repeat):
        places_seconds = min(places_seconds, cpu_seconds(places))
        pipeline_seconds = min(pipeline_seconds, cpu_seconds(pipeline))
        events_seconds = min(events_seconds, cpu_seconds(events_stage))

    count = len(documents)
    per_document = 1000 / count
    print(f"the same documents again ({count}, in one process, after a first pass):")
    print(f"  places alone:   {count / places_seconds:7.0f} docs/s")
    print(
        f"  whole pipeline: {count / pipeline_seconds:7.0f} docs/s, {events} events "
        f"({events / pipeline_seconds:.0f} events/s)"
    )
    print(f"  pipeline speed / places speed: {places_seconds / pipeline_seconds:.3f}")
    print(
        f"  per document: places {places_seconds * per_document:.2f} ms, events stage given "
        f"the places {events_seconds * per_document:.2f} ms, whole pipeline "
        f"{pipeline_seconds * per_document:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--warm-up", type=int, default=8, help="documents (unseen runs)")
    parser.add_argument("--one-pass", choices=tuple(STAGES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_pass:
        one_pass(args.corpus, args.one_pass, args.warm_up)
        return
    documents = read_documents(args.corpus)
    characters = sum(len(document.text) for document in documents)
    print(f"corpus: {args.corpus} ({len(documents)} documents, {characters:,} characters)")
    report_unseen(args.corpus, args.repeat, args.warm_up)
    report_repeated(documents, args.repeat)
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
