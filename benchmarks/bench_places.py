"""Benchmark of the places stage: documents per second and peak memory (not a test).

Measures, on a corpus in the gold JSONL format (default ``../shared/eval/lgl.jsonl``):

* ``geo places --jsonl CORPUS --workers 1`` as a subprocess: wall-clock documents per
  second (start-up and gazetteer opening included) and its peak RSS;
* the same command on the corpus repeated ``--stream-copies`` times in one file (each copy's
  documents given distinct ids), on one process and with the default ``--workers`` (a fork
  pool of the CPUs this process may use): documents per second of wall time with the
  start-up included (issue 17's bar: at least 1,000 on ten copies of LGL), and once started
  (the wall time of the command on an empty file taken off), and the peak RSS and PSS sums
  of the process tree (parent and workers; :mod:`measure`);
* :func:`geo.places.find.find_places` and :func:`geo.places.recognition.recognize` in
  process, after a warm-up pass, best of ``--repeat`` passes.

The project's modules are byte-compiled first, as an installed package's are (a checkout
run with ``PYTHONDONTWRITEBYTECODE`` would compile them at every start, about 0.1 s).

Run::

    .venv/bin/python benchmarks/bench_places.py [CORPUS] [--repeat 3] [--json]

Target (issue 3): at least 1,000 documents a second on one process, under 500 MB.
"""

from __future__ import annotations

import argparse
import compileall
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from measure import run_measured
from pydantic import BaseModel

from gazetteer import open_gazetteer
from geo.documents import Document
from geo.places.find import find_places, person_names
from geo.places.recognition import recognize

__all__ = [
    "BenchReport",
    "StreamRun",
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
    pool_stream_seconds: float
    pool_stream_docs_per_second_with_startup: float
    pool_stream_docs_per_second: float
    pool_peak_rss_sum_mb: float
    pool_peak_pss_sum_mb: float
    pool_processes: int
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


class StreamRun(BaseModel):
    """``geo places --jsonl`` over copies of a corpus: wall seconds and process-tree memory."""

    documents: int
    seconds: float
    peak_rss_sum_mb: float
    peak_pss_sum_mb: float
    processes: int


def bench_cli_stream(corpus: Path, copies: int) -> tuple[float, StreamRun, StreamRun]:
    """Start-up seconds, then ``geo places --jsonl`` over ``copies`` copies of the corpus in
    one file on one process, and with the default workers."""
    lines = copies_of(corpus, copies)
    with tempfile.TemporaryDirectory() as scratch:
        empty = Path(scratch) / "empty.jsonl"
        empty.write_text("", encoding="utf-8")
        stream = Path(scratch) / "stream.jsonl"
        stream.write_text("\n".join(lines) + "\n", encoding="utf-8")
        startup = min(bench_cli(empty)[0] for _ in range(3))
        runs = [_stream_run(stream, len(lines), flags) for flags in (["--workers", "1"], [])]
    return startup, runs[0], runs[1]


def _stream_run(stream: Path, documents: int, flags: list[str]) -> StreamRun:
    measured = run_measured([str(GEO), "places", "--jsonl", str(stream), *flags], interval=0.05)
    if measured.returncode != 0:
        raise SystemExit(f"bench_places: geo places failed ({measured.returncode})")
    return StreamRun(
        documents=documents,
        seconds=measured.seconds,
        peak_rss_sum_mb=measured.peak_rss_mb,
        peak_pss_sum_mb=measured.peak_pss_mb,
        processes=measured.peak_processes,
    )


def bench_cli(corpus: Path) -> tuple[float, float]:
    """Seconds and peak RSS in MB of ``geo places --jsonl corpus --workers 1`` (output
    discarded)."""
    measured = run_measured(
        [str(GEO), "places", "--jsonl", str(corpus), "--workers", "1"], interval=0.05
    )
    if measured.returncode != 0:
        raise SystemExit(f"bench_places: geo places failed ({measured.returncode})")
    return measured.seconds, measured.peak_rss_mb


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
    for package in ("geo", "gazetteer"):
        compileall.compile_dir(ROOT / package, quiet=1)
    documents = read_documents(args.corpus)
    cli_seconds, peak_mb = bench_cli(args.corpus)
    startup, one, pool = bench_cli_stream(args.corpus, args.stream_copies)
    places_rate, recognize_rate = bench_in_process(documents, args.repeat)
    report = BenchReport(
        corpus=str(args.corpus),
        documents=len(documents),
        characters=sum(len(document.text) for document in documents),
        cli_seconds=round(cli_seconds, 2),
        cli_docs_per_second=round(len(documents) / cli_seconds, 1),
        cli_startup_seconds=round(startup, 2),
        cli_stream_documents=one.documents,
        cli_stream_seconds=round(one.seconds, 2),
        cli_stream_docs_per_second_with_startup=round(one.documents / one.seconds, 1),
        cli_stream_docs_per_second=round(one.documents / (one.seconds - startup), 1),
        cli_peak_rss_mb=round(max(peak_mb, one.peak_rss_sum_mb), 1),
        pool_stream_seconds=round(pool.seconds, 2),
        pool_stream_docs_per_second_with_startup=round(pool.documents / pool.seconds, 1),
        pool_stream_docs_per_second=round(pool.documents / (pool.seconds - startup), 1),
        pool_peak_rss_sum_mb=round(pool.peak_rss_sum_mb, 1),
        pool_peak_pss_sum_mb=round(pool.peak_pss_sum_mb, 1),
        pool_processes=pool.processes,
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
