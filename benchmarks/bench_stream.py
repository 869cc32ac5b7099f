"""Throughput and peak memory of ``geo extract --jsonl --workers N`` on synthetic news.

Generates N synthetic articles (deterministic, see :mod:`synthetic`) as JSONL, streams
them through the real CLI in a subprocess, and reports documents per second and the peak
memory of the whole process tree (parent and pool workers; see :mod:`measure`). Memory
should not depend on N: documents are read lazily and processed in fixed windows.

    .venv/bin/python benchmarks/bench_stream.py --sizes 10000 100000 --workers 2
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Measurement, run_measured
from synthetic import write_jsonl

REPO = Path(__file__).resolve().parents[1]


class Checkpoints:
    """Prints throughput and memory each time another ``every`` output lines are written."""

    def __init__(self, output: Path, every: int) -> None:
        self.output, self.every = output, every
        self.lines = self.position = 0
        self.next_report = every
        self.peak_pss = 0.0

    def __call__(self, seconds: float, rss_mb: float, pss_mb: float) -> None:
        self.peak_pss = max(self.peak_pss, pss_mb)
        with self.output.open("rb") as handle:
            handle.seek(self.position)
            data = handle.read()
        self.position += len(data)
        self.lines += data.count(b"\n")
        while self.lines >= self.next_report:
            print(
                f"  after {self.next_report:>7,} docs: {seconds:7.1f} s, "
                f"{self.lines / seconds:5.0f} docs/s so far, RSS sum {rss_mb:5.0f} MB, "
                f"PSS sum {pss_mb:5.0f} MB (peak so far {self.peak_pss:.0f} MB)",
                flush=True,
            )
            self.next_report += self.every


def bench(size: int, workers: int, workdir: Path, every: int) -> tuple[Measurement, int, float]:
    """Run one size; return the measurement, the output line count and the input MB."""
    corpus = write_jsonl(workdir / f"synthetic_{size}.jsonl", size)
    output = workdir / f"synthetic_{size}.out.jsonl"
    command = [
        sys.executable,
        "-m",
        "geo.cli",
        "extract",
        "--jsonl",
        "--workers",
        str(workers),
        str(corpus),
    ]
    with output.open("wb") as handle:
        measurement = run_measured(
            command, stdout=handle, cwd=REPO, interval=0.5, on_sample=Checkpoints(output, every)
        )
    with output.open("rb") as handle:
        lines = sum(1 for _ in handle)
    return measurement, lines, corpus.stat().st_size / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="keep inputs and outputs here")
    parser.add_argument("--every", type=int, default=10_000, help="progress report interval")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="geo-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(
        "| articles | input MB | workers | seconds | docs/s | peak RSS sum MB | "
        "peak PSS sum MB | processes | output lines |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        m, lines, megabytes = bench(size, args.workers, workdir, args.every)
        print(
            f"| {size:,} | {megabytes:.1f} | {args.workers} | {m.seconds:.1f} | "
            f"{size / m.seconds:.0f} | {m.peak_rss_mb:.0f} | {m.peak_pss_mb:.0f} | "
            f"{m.peak_processes} | {lines:,} |",
            flush=True,
        )
        if m.returncode != 0 or lines != size:
            print(f"FAILED: exit {m.returncode}, {lines} lines for {size} articles")
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
