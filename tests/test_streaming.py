"""geo.streaming.map_in_order: chunks out, results back in input order, on one process or a
fork pool; the default count of workers; a worker's error raised in the caller."""

from __future__ import annotations

import functools
import os

import pytest

from geo.errors import InputError
from geo.streaming import CHUNK, WINDOW, available_cpus, map_in_order


def _squares_with_pid(numbers: list[int]) -> list[tuple[int, int]]:
    return [(number * number, os.getpid()) for number in numbers]


def _fail_at(numbers: list[int], *, bad: int) -> list[int]:
    if bad in numbers:
        raise ValueError(f"item {bad} is bad")
    return numbers


@pytest.mark.parametrize(
    ("count", "workers", "pooled"),
    [
        (0, 1, False),  # no input at all
        (1, 2, True),  # one chunk, pool asked for
        (CHUNK * 5 + 3, 1, False),
        (CHUNK * 5 + 3, 2, True),
        (WINDOW * 3 + 1, 2, True),  # longer than the in-flight bound
        (WINDOW, None, False),  # default: one window is too short to fork for
        (WINDOW + 1, None, available_cpus() > 1),
    ],
)
def test_results_come_back_in_input_order(count: int, workers: int | None, pooled: bool) -> None:
    chunks: list[list[tuple[int, int]]] = []
    map_in_order(_squares_with_pid, range(count), chunks.append, workers=workers)

    assert [square for chunk in chunks for square, _ in chunk] == [n * n for n in range(count)]
    assert all(0 < len(chunk) <= CHUNK for chunk in chunks)
    pids = {pid for chunk in chunks for _, pid in chunk}
    assert (os.getpid() not in pids) == pooled or count == 0


@pytest.mark.parametrize("workers", [1, 2])
def test_an_error_in_a_chunk_is_raised_in_the_caller(workers: int) -> None:
    failing = functools.partial(_fail_at, bad=CHUNK * 3)
    with pytest.raises(ValueError, match=f"item {CHUNK * 3} is bad"):
        map_in_order(failing, range(CHUNK * 6), print, workers=workers)


@pytest.mark.parametrize("workers", [0, -1])
def test_workers_must_be_positive(workers: int) -> None:
    with pytest.raises(InputError, match=f"--workers must be at least 1, got {workers}"):
        map_in_order(_squares_with_pid, range(3), print, workers=workers)


def test_available_cpus_follow_the_affinity_mask() -> None:
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    assert available_cpus() == (expected or os.cpu_count() or 1)
