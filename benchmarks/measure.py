"""Run a command and measure its wall time and the peak memory of its whole process tree.

Memory is sampled from ``/proc`` every ``interval`` seconds: for the process and all its
descendants (``geo extract --workers 2`` forks a pool), the sum of RSS and the sum of PSS
(proportional set size, from ``/proc/<pid>/smaps_rollup``). Forked workers share the
parent's gazetteer pages copy-on-write, so the RSS sum counts those pages once per process
and overstates the real use; the PSS sum splits shared pages between their users and is
the honest figure for a tree. Peaks shorter than the interval can be missed.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

__all__ = ["Measurement", "run_measured"]


@dataclass(frozen=True)
class Measurement:
    """What one measured run took."""

    returncode: int
    seconds: float
    peak_rss_mb: float
    peak_pss_mb: float
    peak_processes: int


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
        except OSError:
            continue
        found.extend(int(child) for child in text.split())
    return found


def _tree(pid: int) -> list[int]:
    pids, pending = [], [pid]
    while pending:
        current = pending.pop()
        pids.append(current)
        pending.extend(_children(current))
    return pids


def _kilobytes(path: str, key: str) -> int:
    try:
        with open(path, encoding="ascii") as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return 0
    return 0


def _sample(pid: int) -> tuple[int, int, int]:
    pids = _tree(pid)
    rss = sum(_kilobytes(f"/proc/{p}/status", "VmRSS:") for p in pids)
    pss = sum(_kilobytes(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
    return rss, pss, len(pids)


def run_measured(
    command: Sequence[str],
    *,
    stdout: IO[bytes] | int | None = subprocess.DEVNULL,
    interval: float = 0.1,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    on_sample: Callable[[float, float, float], None] | None = None,
) -> Measurement:
    """Run ``command`` to completion, sampling its process tree's memory as it runs.

    ``on_sample(seconds, rss_mb, pss_mb)`` is called after every sample (progress reports).
    """
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(list(command), stdout=stdout, stderr=errors, env=env, cwd=cwd)
        peak_rss = peak_pss = peak_processes = 0
        while process.poll() is None:
            rss, pss, processes = _sample(process.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            peak_processes = max(peak_processes, processes)
            if on_sample is not None:
                on_sample(time.perf_counter() - started, rss / 1024, pss / 1024)
            time.sleep(interval)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace")[-2000:]
            print(f"command failed ({process.returncode}): {tail}")
    return Measurement(
        returncode=process.returncode,
        seconds=seconds,
        peak_rss_mb=peak_rss / 1024,
        peak_pss_mb=peak_pss / 1024,
        peak_processes=peak_processes,
    )
