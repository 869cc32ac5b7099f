"""Benchmark of the places stage: documents per second and peak memory (not a test).

Measures, on a corpus in the gold JSONL format (default ``../shared/eval/lgl.jsonl``):

* ``geo places --jsonl CORPUS`` as a subprocess, one process: wall-clock documents per
  second (start-up and gazetteer opening included) and the child's peak RSS, read with
  ``resource.getrusage(RUSAGE_CHILDREN)`` after it exits;
* the same command on the corpus repeated ``--stream-copies`` times in one file (each copy's
  documents given distinct ids): documents per second of wall time with the start-up
  included (issue 17's bar: at least 1,000 on ten copies of LGL), and once started (the
  wall time of the command on an empty file taken off);
* :func:`geo.places.find.find_places` and :func:`geo.places.recognition.recognize` in
  process, after a warm-up pass, best of ``--repeat`` passes.

Run::

    .venv/bin/python benchmarks/bench_places.py [CORPUS] [--repeat 3] [--json]

Target (issue 3): at least 1,000 documents a second on one process, under 500 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from gazetteer import open_gazetteer
from geo.documents import Document
from geo.places.find import find_places, person_names
from geo.places.recognition import recognize

__all__ = [
    "BenchReport",
    "bench_cli",
    "bench_cli_stream",
    "bench_in_process",
    "copies_of",
    "main",
    "read_documents",
]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "lgl.jsonl"
GEO = Path(sys.executable).parent / "geo"


class BenchReport(BaseModel):
    """Throughput and memory of the places stage on one corpus."""

    corpus: str
    documents: int
    characters: int
    cli_seconds: float
    cli_docs_per_second: float
    cli_startup_seconds: float
    cli_stream_documents: int
    cli_stream_seconds: float
    cli_stream_docs_per_second_with_startup: float
    cli_stream_docs_per_second: float
    cli_peak_rss_mb: float
    find_places_docs_per_second: float
    recognize_docs_per_second: float


def read_documents(corpus: Path) -> list[Document]:
    """The corpus's documents (id and text only)."""
    documents = []
    with corpus.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                record = json.loads(line)
                documents.append(Document(id=str(record.get("id", number)), text=record["text"]))
    return documents


def copies_of(corpus: Path, copies: int) -> list[str]:
    """The corpus's JSONL lines ``copies`` times, each copy's ids made distinct ("id#2")."""
    text = corpus.read_text(encoding="utf-8")
    # split("\n"), not splitlines(): JSON strings may hold U+2028, a line end to splitlines
    records = [json.loads(line) for line in text.split("\n") if line.strip()]
    lines = []
    for copy in range(1, copies + 1):
        for number, record in enumerate(records, 1):
            copied = {**record, "id": f"{record.get('id', number)}#{copy}"}
            lines.append(json.dumps(copied, ensure_ascii=False))
    return lines


def bench_cli_stream(corpus: Path, copies: int) -> tuple[float, int, float]:
    """Start-up seconds, documents, and wall seconds of ``geo places --jsonl`` over
    ``copies`` copies of the corpus in one file."""
    lines = copies_of(corpus, copies)
    with tempfile.TemporaryDirectory() as scratch:
        empty = Path(scratch) / "empty.jsonl"
        empty.write_text("", encoding="utf-8")
        stream = Path(scratch) / "stream.jsonl"
        stream.write_text("\n".join(lines) + "\n", encoding="utf-8")
        startup = min(bench_cli(empty)[0] for _ in range(3))
        seconds, _ = bench_cli(stream)
    return startup, len(lines), seconds


def bench_cli(corpus: Path) -> tuple[float, float]:
    """Seconds and peak RSS in MB of ``geo places --jsonl corpus`` (output discarded)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [str(GEO), "places", "--jsonl", str(corpus)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far (KB on Linux); this is the
    # only child, so a rise means it is its own peak.
    peak_kb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return seconds, peak_kb / 1024


def bench_in_process(documents: list[Document], repeat: int) -> tuple[float, float]:
    """Best documents per second of find_places and of recognize alone, after a warm-up."""
    gazetteer = open_gazetteer()
    people = person_names(gazetteer)
    for document in documents:  # warm-up: opening, caches, lazy imports
        find_places(document, gazetteer)

    def best_rate(run: Callable[[Document], object]) -> float:
        best = 0.0
        for _ in range(repeat):
            started = time.perf_counter()
            for document in documents:
                run(document)
            best = max(best, len(documents) / (time.perf_counter() - started))
        return best

    places_rate = best_rate(lambda document: find_places(document, gazetteer))
    recognize_rate = best_rate(lambda document: recognize(document.text, gazetteer, people))
    return places_rate, recognize_rate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stream-copies", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"bench_places: {args.corpus}: no such corpus", file=sys.stderr)
        return 2
    documents = read_documents(args.corpus)
    cli_seconds, peak_mb = bench_cli(args.corpus)
    startup, stream_documents, stream_seconds = bench_cli_stream(args.corpus, args.stream_copies)
    places_rate, recognize_rate = bench_in_process(documents, args.repeat)
    report = BenchReport(
        corpus=str(args.corpus),
        documents=len(documents),
        characters=sum(len(document.text) for document in documents),
        cli_seconds=round(cli_seconds, 2),
        cli_docs_per_second=round(len(documents) / cli_seconds, 1),
        cli_startup_seconds=round(startup, 2),
        cli_stream_documents=stream_documents,
        cli_stream_seconds=round(stream_seconds, 2),
        cli_stream_docs_per_second_with_startup=round(stream_documents / stream_seconds, 1),
        cli_stream_docs_per_second=round(stream_documents / (stream_seconds - startup), 1),
        cli_peak_rss_mb=round(peak_mb, 1),
        find_places_docs_per_second=round(places_rate, 1),
        recognize_docs_per_second=round(recognize_rate, 1),
    )
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        for name, value in report.model_dump().items():
            print(f"{name:>40}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
