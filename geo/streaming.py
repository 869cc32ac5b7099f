"""Streaming over JSONL: one line per document, in input order, in bounded memory.

Documents are read lazily and handed out in chunks of :data:`CHUNK`: on one process each
chunk goes through the stage in turn; with a pool of ``workers`` forked processes, at most
:data:`WINDOW` documents are out at a time and each chunk's results are written as soon as
it and every chunk before it are done. Memory is bounded by the window, not by the input.
:func:`map_in_order` is the machinery (``geo extract --jsonl`` and ``geo places --jsonl``
share it); by default it uses every CPU this process may run on once the input is longer
than one window, one process otherwise (a fork does not pay for a few hundred documents).
Cross-document dedup needs the whole corpus, so streamed events are per document.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from geo.documents import Document

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

    from geo.events.model import DocumentSummary, Event

__all__ = [
    "CHUNK",
    "WINDOW",
    "available_cpus",
    "document_line",
    "map_in_order",
    "stream_jsonl",
]

WINDOW = 256  # documents out at a time in a pool; also the input a pool must exceed by default
CHUNK = 32  # documents a worker takes at a time (a few pipeline calls per inter-process trip)

Item = TypeVar("Item")
Result = TypeVar("Result")


def document_line(document: Document) -> str:
    """The JSON line for one document: its events and resolved places."""
    from gazetteer import open_gazetteer
    from geo.pipeline import document_events

    return _line(*document_events(document, open_gazetteer()))


def _line(events: list[Event], summary: DocumentSummary) -> str:
    record = {
        "id": summary.id,
        "events": [event.model_dump(mode="json") for event in events],
        "places": [
            mention.model_dump(mode="json") for mention in summary.mentions if mention.resolved
        ],
    }
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def _lines(documents: Iterable[Document]) -> Iterator[str]:
    """:func:`document_line` of each document, in order, the pipeline's batches at a time."""
    from gazetteer import open_gazetteer
    from geo.pipeline import events_by_document

    for events, summary in events_by_document(documents, open_gazetteer()):
        yield _line(events, summary)


def _chunk_lines(documents: list[Document]) -> list[str]:
    return list(_lines(documents))


def stream_jsonl(documents: Iterable[Document], *, workers: int | None = None) -> None:
    """Write one line per document to standard output as ``documents`` are read.

    ``workers``: processes, as :func:`map_in_order` takes them (``None``: its default).
    """
    from gazetteer import open_gazetteer

    open_gazetteer()  # once, before any worker forks: the workers share its pages
    map_in_order(_chunk_lines, documents, _write_lines, workers=workers)


def _write_lines(lines: list[str]) -> None:
    sys.stdout.write("".join(line + "\n" for line in lines))
    sys.stdout.flush()


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, not the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def map_in_order(
    function: Callable[[list[Item]], list[Result]],
    items: Iterable[Item],
    emit: Callable[[list[Result]], None],
    *,
    workers: int | None = None,
) -> None:
    """``emit(function(chunk))`` for each chunk of :data:`CHUNK` items, in input order.

    With ``workers`` above 1 the chunks go to a pool of that many forked processes (so
    ``function`` must be a module-level function or a ``functools.partial`` of one, and
    whatever it needs opened, such as the gazetteer, is best opened before the call: the
    workers then share its pages). ``None`` means :func:`available_cpus` for an input longer
    than one :data:`WINDOW`, else 1. A worker's exception is raised here, in the caller.
    ``emit`` runs in the caller's process (a callback, not a generator, so that the pool
    ends as an error or an interrupt leaves this call, not whenever a generator is freed).
    """
    from geo.errors import InputError

    if workers is not None and workers < 1:
        raise InputError(f"--workers must be at least 1, got {workers}")
    chunks = _windows(items, CHUNK)
    if workers is None:
        ahead = list(itertools.islice(chunks, WINDOW // CHUNK + 1))
        workers = available_cpus() if len(ahead) > WINDOW // CHUNK else 1
        chunks = itertools.chain(ahead, chunks)
    if workers == 1:
        for chunk in chunks:
            emit(function(chunk))
    else:
        _pooled(function, chunks, emit, workers)


def _windows(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while window := list(itertools.islice(iterator, size)):
        yield window


def _pooled(
    function: Callable[[list[Item]], list[Result]],
    chunks: Iterator[list[Item]],
    emit: Callable[[list[Result]], None],
    workers: int,
) -> None:
    """The chunks' results on a fork pool, in order, at most a window of items out at once.

    A queue of pending chunks, not ``Pool.map`` window by window: a worker that finishes
    early takes the next chunk instead of waiting for the slowest of its window.
    """
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_signals)
    try:
        pending: deque[AsyncResult[list[Result]]] = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(function, (chunk,)))
            if len(pending) >= max(workers, WINDOW // CHUNK):
                emit(pending.popleft().get())
        while pending:
            emit(pending.popleft().get())
        pool.close()  # let idle workers exit on their own once the queue is drained
        pool.join()
    finally:
        pool.terminate()  # on an error or an interrupt; a no-op after join()


def _worker_signals() -> None:
    """Give a forked worker the default signal dispositions back, and ignore Ctrl-C.

    Workers inherit the CLI's SIGTERM handler (``SystemExit`` for cleanup), so the SIGTERM
    ``Pool.terminate`` sends would unwind a worker through cleanup code inherited from the
    parent, where it can block on a lock forever and hang the parent in ``join``. With the
    default action the worker just ends. Ctrl-C reaches the whole process group; only the
    parent handles it (one message, no traceback per worker), then terminates the pool.
    """
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
