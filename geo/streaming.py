"""Streaming extraction: one JSON line per document, in input order, in bounded memory.

Documents are read lazily. On one process they go through the pipeline a batch at a time
(:data:`geo.pipeline.BATCH` documents); with a pool of ``workers`` processes, in windows of
:data:`WINDOW` documents shared out in chunks. Each batch's or window's results are written,
in order, before the next is read. Memory is bounded by the window, not by the input size.
Cross-document dedup needs the whole corpus, so streamed events are per document.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import signal
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from geo.documents import Document

if TYPE_CHECKING:
    from geo.events.model import DocumentSummary, Event

__all__ = ["WINDOW", "document_line", "stream_jsonl"]

WINDOW = 256


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


def _windows(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while window := list(itertools.islice(iterator, size)):
        yield window


def stream_jsonl(documents: Iterable[Document], *, workers: int = 1) -> None:
    """Write one line per document to standard output as ``documents`` are read."""
    from geo.errors import InputError

    if workers < 1:
        raise InputError(f"--workers must be at least 1, got {workers}")
    if workers == 1:
        for line in _lines(documents):
            sys.stdout.write(line + "\n")
        return
    from gazetteer import open_gazetteer

    open_gazetteer()  # build once in the parent, before the workers fork
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_signals)
    try:
        for window in _windows(documents, WINDOW):
            # Each worker takes whole chunks, so the pipeline batches documents inside them.
            chunks = list(_windows(window, max(1, len(window) // (workers * 4))))
            for lines in pool.map(_chunk_lines, chunks):
                sys.stdout.write("".join(line + "\n" for line in lines))
            sys.stdout.flush()
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
