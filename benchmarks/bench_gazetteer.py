"""Gazetteer benchmark: cold open time, lookup latency (median, p99), memory, entry counts.

Run: .venv/bin/python benchmarks/bench_gazetteer.py
Targets (issue 2): open < 0.5 s, lookup < 50 µs median, < 400 MB RSS.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time

_COLD_OPEN = """
import resource, time, json
started = time.perf_counter()
from gazetteer import open_gazetteer
imported = time.perf_counter()
gazetteer = open_gazetteer()
opened = time.perf_counter()
print(json.dumps({"import_s": imported - started, "open_s": opened - imported,
                  "total_s": opened - started,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

NAMES = [
    "Washington",
    "Syria",
    "Raqqa",
    "Paris",
    "London",
    "Damascus",
    "Springfield",
    "Atlanta",
    "Moscow",
    "Aleppo",
    "Deir ez-Zor",
    "Euphrates",
    "Baltic Sea",
    "Georgia",
    "Lagos",
    "Kyiv",
    "Gaza",
    "Idlib",
    "Mosul",
    "Homs",
    "Jordan",
    "Lebanon",
    "Tripoli",
    "Alexandria",
    "Dublin",
    "Ohio",
    "Texas",
    "Laurel County",
    "Sinjar",
    "Golan Heights",
    "Persian Gulf",
    "Qwxzyville",
]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    runs = [
        json.loads(subprocess.check_output([sys.executable, "-c", _COLD_OPEN], text=True))
        for _ in range(5)
    ]
    cold = statistics.median(run["total_s"] for run in runs)
    opening = statistics.median(run["open_s"] for run in runs)

    from gazetteer import open_gazetteer

    gazetteer = open_gazetteer()
    rng = random.Random(7)
    queries = [rng.choice(NAMES) for _ in range(20_000)]
    timings: dict[str, list[float]] = {"candidates": [], "lookup_1": [], "lookup_10": []}
    for name in queries:
        started = time.perf_counter()
        gazetteer.candidates(name)
        timings["candidates"].append(time.perf_counter() - started)
    for name in queries[:5000]:
        started = time.perf_counter()
        gazetteer.lookup(name, limit=1, geometry=False)
        timings["lookup_1"].append(time.perf_counter() - started)
        started = time.perf_counter()
        gazetteer.lookup(name, limit=10, geometry=False)
        timings["lookup_10"].append(time.perf_counter() - started)
    import resource

    print(f"store: {gazetteer.path}  entries: {len(gazetteer):,}")
    print(f"counts: {gazetteer.meta['counts']}")
    print(
        f"cold start (new process: import + open), median of 5: {cold * 1000:.0f} ms "
        f"(open alone {opening * 1000:.0f} ms); RSS after open {statistics.median(r['rss_mb'] for r in runs):.0f} MB"
    )
    for label, values in timings.items():
        micro = [v * 1e6 for v in values]
        print(
            f"{label:<11} median {statistics.median(micro):6.1f} µs   p99 {_percentile(micro, 0.99):7.1f} µs   (n={len(micro)})"
        )
    print(
        f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
