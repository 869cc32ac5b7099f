"""``--dask`` on synthetic news: 1 vs 2 workers, peak memory per worker, shuffle volume.

Generates N synthetic articles (deterministic, see :mod:`synthetic`) as JSONL and runs
:func:`geo.scaleout.extract_on_cluster` on a LocalCluster of 1 and of 2 single-threaded
workers (cluster start-up not timed). Reports wall time, docs/s, the speed-up, each
worker's peak RSS (``VmHWM``), the bytes workers sent each other (the dedup shuffle:
blocks' events moved to their type's merge task, and what the client gathers), the CPU
seconds spent in the workers and in the client (and in each of the client's threads), and
the client's peak RSS. Each run's line is printed as it ends.

    .venv/bin/python benchmarks/bench_dask.py --size 100000 --corpus /tmp/synthetic_100000.jsonl

The client never holds the articles: the workers read their byte ranges of the file
(:class:`geo.documents.JsonlRange`); it holds the documents' summaries and the merged events.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_jsonl

from geo.scaleout import connect, extract_on_cluster


def _peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM: ru_maxrss would count its parent's before exec)."""
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_seconds() -> float:
    return time.process_time()


def _thread_cpu() -> dict[str, float]:
    """CPU seconds of each of this process's live threads, by name (the client's own work
    in its main thread; receiving and unpickling results in Dask's "IO loop" and
    "Dask-Offload" threads, where the local cluster's scheduler also runs)."""
    tick = os.sysconf("SC_CLK_TCK")
    names = {thread.native_id: thread.name for thread in threading.enumerate()}
    seconds: dict[str, float] = {}
    for native_id, name in names.items():
        try:
            fields = Path(f"/proc/self/task/{native_id}/stat").read_text().rsplit(")", 1)[1]
        except OSError:
            continue
        user, system = fields.split()[11:13]
        seconds[name] = seconds.get(name, 0.0) + (int(user) + int(system)) / tick
    return seconds


def _sent_bytes(dask_worker: Any) -> int:
    return int(dask_worker.transfer_outgoing_bytes_total)


def run(corpus: Path, workers: int) -> dict[str, Any]:
    with connect(None, workers) as client:
        client.wait_for_workers(workers)
        cpu_before = client.run(_cpu_seconds)
        threads_before = _thread_cpu()
        start, client_cpu = time.perf_counter(), time.process_time()
        collection, documents = extract_on_cluster(client, [str(corpus)], report=print)
        seconds = time.perf_counter() - start
        client_cpu = time.process_time() - client_cpu
        client_rss = _peak_rss_mb()
        threads = {
            name: value - threads_before.get(name, 0.0)
            for name, value in _thread_cpu().items()
        }
        cpu = client.run(_cpu_seconds)
        peaks = client.run(_peak_rss_mb)
        sent = client.run(_sent_bytes)
    return {
        "workers": workers,
        "seconds": seconds,
        "documents": documents,
        "events": len(collection.events),
        "peak_rss_mb": sorted(round(value) for value in peaks.values()),
        "shuffle_mb": sum(sent.values()) / 1e6,
        "worker_cpu": sum(cpu[key] - cpu_before.get(key, 0.0) for key in cpu),
        "client_cpu": client_cpu,
        "client_rss_mb": client_rss,
        "client_threads": {
            name: round(value, 1) for name, value in threads.items() if value >= 0.1
        },
    }


def _line(result: dict[str, Any]) -> str:
    return (
        f"{result['workers']} worker(s): {result['seconds']:.1f} s, "
        f"{result['documents'] / result['seconds']:.0f} docs/s, {result['events']} events; "
        f"peak RSS per worker {result['peak_rss_mb']} MB; "
        f"CPU {result['worker_cpu']:.0f} s in workers, {result['client_cpu']:.1f} s in the "
        f"client (its peak RSS so far {result['client_rss_mb']:.0f} MB, the scheduler's "
        f"included); {result['shuffle_mb']:.1f} MB sent by workers (to each other and the "
        f"client); client CPU by thread {result['client_threads']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--corpus", type=Path, help="reuse (or keep) the synthetic JSONL here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = args.corpus or Path(folder) / "synthetic.jsonl"
        if not corpus.exists():
            write_jsonl(corpus, args.size)
        results = []
        for workers in args.workers:
            results.append(run(corpus, workers))
            print(_line(results[-1]), flush=True)
    print(f"speed-up {results[0]['seconds'] / results[-1]['seconds']:.2f}")


if __name__ == "__main__":
    main()
