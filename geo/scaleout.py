"""Running the pipeline on a Dask cluster: the same events as one process, from many.

The client cuts the inputs into blocks (:func:`geo.documents.load_in_blocks`) and keeps at
most a few blocks per worker in flight, never the whole input. When every worker sees the
inputs as the client does (:func:`workers_see`: a local cluster, a shared filesystem), the
workers read them: a plain JSONL file is cut into byte ranges of about :data:`BLOCK_BYTES`
ending at newlines (the client reads the bytes once to count the lines before each range,
never decoding or parsing them), a Parquet file into runs of row groups (from its footer).
Otherwise, and for compressed or UTF-16/32 JSONL, which cannot be cut, the client reads
them: JSONL as blocks of :data:`BLOCK_LINES` lines read but not parsed, other files as
batches of documents. Each block is one task: the worker reads and parses it and runs the
pipeline's per-document stages (:func:`geo.pipeline.events_by_document`) with the
gazetteer it opened once (:class:`GazetteerPlugin`).

Dedup: each block's events stay on its worker, split by event type; one task per type then
merges that type's reports from every block (:func:`geo.events.dedup.merge_events`). The
type is the blocking key because it is the one key that cannot separate two reports the
single-process dedup would merge, nor change the order it takes them in: ``compatible``
requires equal types, and every bucket of its candidate index is keyed by type, including
the caps on candidates. Area and date buckets cannot be: an event placed nowhere or only
in a country is compatible with every area, a month-, year- or undated report with every
date bucket, and the greedy merge (a loosely dated report joins a cluster only when
exactly one fits) lets such a report's outcome depend on clusters in every bucket. The
merged clusters are put back in the order one process creates them (each founding report's
place in :func:`~geo.events.dedup.report_order`, then in the input), so event ids,
sources, properties and order are those of one process.

A worker lost mid-run (killed, out of memory) costs its tasks, which Dask runs again from
their inputs; a task that loses workers more than Dask's ``allowed-failures`` times ends
the run with a :class:`~geo.errors.ClusterError`.
"""

from __future__ import annotations

import gc
import itertools
import os
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin

from geo.documents import (
    Document,
    DocumentFailure,
    JsonlBlock,
    JsonlRange,
    ParquetPart,
    block_documents,
    load_in_blocks,
    read_parquet_part,
    read_range,
)
from geo.errors import ClusterError, InputError

if TYPE_CHECKING:
    import datetime as dt

    from geo.events.model import DocumentSummary, Event, EventCollection

__all__ = [
    "BLOCK_BYTES",
    "BLOCK_LINES",
    "GazetteerPlugin",
    "connect",
    "extract_on_cluster",
    "merge_type",
    "process_block",
    "workers_see",
]

# JSONL lines (or documents) one task processes: large enough that the pipeline's batches
# fill and the scheduler's few milliseconds a task are nothing, small enough to spread.
BLOCK_LINES = 512
# Bytes of a plain JSONL file one task reads itself: about BLOCK_LINES news articles.
BLOCK_BYTES = 256 * 1024
# Blocks read ahead per worker: enough to keep every worker busy while the client reads.
AHEAD_PER_WORKER = 3

Position = tuple[int, int]  # (block, event in the block): the input order of a report
Rank = tuple[tuple[bool, bool, Any, str, str], Position]


@dataclass
class BlockResult:
    """What a block gives: its failures and documents, and its events by type."""

    failures: list[str]
    summaries: list[DocumentSummary]
    events: dict[str, list[tuple[Position, Event]]] = field(default_factory=dict)


@dataclass
class BlockHead:
    """The part of a block's result the client reads: everything but the events."""

    failures: list[str]
    summaries: list[DocumentSummary]
    event_types: dict[str, int]  # reports of each type


class GazetteerPlugin(WorkerPlugin):
    """Opens the gazetteer once in each worker process as it starts (a Dask worker plugin),
    so tasks find it open and it is never shipped with them."""

    name = "geo-gazetteer"

    def setup(self, worker: Any) -> None:
        from gazetteer import open_gazetteer

        open_gazetteer()


def process_block(
    block: JsonlBlock | JsonlRange | ParquetPart | list[Document],
    index: int,
    published: dt.date | None,
) -> BlockResult:
    """Run the per-document stages on one block (a task, on a worker)."""
    from gazetteer import open_gazetteer
    from geo.pipeline import events_by_document

    if isinstance(block, JsonlRange):
        block = read_range(block)
    items: Iterable[Document | DocumentFailure] = (
        block_documents(block, published=published) if isinstance(block, JsonlBlock)
        else read_parquet_part(block, published=published) if isinstance(block, ParquetPart)
        else block
    )
    failures: list[str] = []
    documents: list[Document] = []
    for item in items:
        if isinstance(item, DocumentFailure):
            failures.append(item.message)
        else:
            documents.append(item)
    result = BlockResult(failures=failures, summaries=[])
    sequence = itertools.count()
    for events, summary in events_by_document(documents, open_gazetteer()):
        result.summaries.append(summary)
        for event in events:
            result.events.setdefault(event.event_type.value, []).append(
                ((index, next(sequence)), event)
            )
    _keep_out_of_collections()
    return result


def _keep_out_of_collections() -> None:
    """Collect this block's garbage, then leave every object alive (the events the worker
    holds until their merge) out of later collections: otherwise each full collection
    rescans every block's events, a cost that grows with the blocks a worker holds."""
    gc.collect()
    gc.freeze()


def _head(result: BlockResult) -> BlockHead:
    counts = {event_type: len(reports) for event_type, reports in result.events.items()}
    return BlockHead(result.failures, result.summaries, counts)


def _part(result: BlockResult, event_type: str) -> list[tuple[Position, Event]]:
    return result.events[event_type]


def merge_type(parts: Sequence[list[tuple[Position, Event]]]) -> list[tuple[Rank, Event]]:
    """Merge one event type's reports from every block (given in input order); each merged
    event comes with the rank of its founding report in the order one process takes them."""
    from geo.events.dedup import merge_events, report_order

    reports = [report for part in parts for report in part]
    ranks: dict[str, Rank] = {}
    for position, event in sorted(reports, key=lambda item: (report_order(item[1]), item[0])):
        ranks.setdefault(event.id, (report_order(event), position))
    return [(ranks[event.id], event) for event in merge_events(event for _, event in reports)]


@contextmanager
def connect(address: str | None, workers: int | None = None) -> Iterator[Client]:
    """A client of the scheduler at ``address``, or of a local cluster of ``workers``
    single-threaded processes (default: one per processor), closed on leaving."""
    import logging

    if workers is not None and workers < 1:
        raise InputError(f"--workers must be at least 1, got {workers}")
    if address:
        try:
            client = Client(address, timeout="20s")  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as err:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {err}") from err
        cluster = None
    else:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port: 8787 may be taken by another cluster
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)  # type: ignore[no-untyped-call]
    try:
        client.register_plugin(GazetteerPlugin(), name=GazetteerPlugin.name)
        yield client
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()


@dataclass
class _Pending:
    result: Future[BlockResult] | None
    head: Future[BlockHead] | None
    failures: list[str]


def _units(
    paths: Sequence[str], published: dt.date | None, block_bytes: int | None
) -> Iterator[JsonlBlock | JsonlRange | ParquetPart | list[Document] | str]:
    """Blocks, ranges, batches of documents (up to :data:`BLOCK_LINES`) and failure
    messages, in input order."""
    batch: list[Document] = []
    items = load_in_blocks(
        paths, published=published, block_lines=BLOCK_LINES, block_bytes=block_bytes
    )
    for item in items:
        if isinstance(item, Document):
            batch.append(item)
            if len(batch) == BLOCK_LINES:
                yield batch
                batch = []
            continue
        if batch:  # what comes before a block or a failure, in order
            yield batch
            batch = []
        yield item.message if isinstance(item, DocumentFailure) else item
    if batch:
        yield batch


def _stat(paths: Sequence[str]) -> list[tuple[bool, int, int] | None]:
    """Each path's (is a directory, size, modification time), None where there is none."""
    found: list[tuple[bool, int, int] | None] = []
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            found.append(None)
            continue
        folder = stat.S_ISDIR(status.st_mode)
        found.append((folder, 0 if folder else status.st_size, status.st_mtime_ns))
    return found


def workers_see(client: Client, paths: Sequence[str]) -> bool:
    """Whether every worker sees ``paths`` as the client does: the same absolute paths,
    sizes and modification times (a local cluster, a shared filesystem)."""
    located = [os.path.abspath(path) for path in paths if path != "-"]
    here = _stat(located)
    seen = client.run(_stat, located)
    return all(there == here for there in seen.values())


@contextmanager
def _young_collections_only() -> Iterator[None]:
    """Python's cyclic collector limited to the young generations while the client
    receives results: the summaries and events it keeps are hundreds of thousands of
    objects, and full collections scanning them again and again took most of the client's
    CPU (benchmarks/README.md). Short-lived cycles are still collected at each block."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect(1)
        gc.freeze()  # and out of the full collections while the outputs are written
        if enabled:
            gc.enable()


def extract_on_cluster(
    client: Client,
    paths: Sequence[str],
    *,
    published: dt.date | None = None,
    report: Callable[[str], None],
    workers_read: bool | None = None,
) -> tuple[EventCollection, int]:
    """The events of ``paths`` computed on the cluster, identical to
    :func:`geo.pipeline.extract_events` on one process, and how many documents were read.
    Each bad input is passed to ``report`` as one line, in input order.

    Plain JSONL files are cut into byte ranges that the workers read themselves when
    ``workers_read`` (by default: when :func:`workers_see` the inputs); otherwise the
    client reads them and sends their lines."""
    if workers_read is None:
        workers_read = workers_see(client, paths)
    try:
        with _young_collections_only():
            return _extract(client, paths, published, report, workers_read)
    except KilledWorker as err:
        raise ClusterError(f"a task lost its worker too many times: {err}") from err


def _extract(
    client: Client,
    paths: Sequence[str],
    published: dt.date | None,
    report: Callable[[str], None],
    workers_read: bool,
) -> tuple[EventCollection, int]:
    from gazetteer import open_gazetteer
    from geo.pipeline import assemble

    ahead = AHEAD_PER_WORKER * max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
    pending: deque[_Pending] = deque()
    parts: dict[str, list[Future[Any]]] = {}
    reports: dict[str, int] = {}
    summaries: list[DocumentSummary] = []

    def drain() -> None:
        gc.collect(1)
        done = pending.popleft()
        for message in done.failures:
            report(message)
        if done.head is None:
            return
        head: BlockHead = done.head.result()
        for message in head.failures:
            report(message)
        summaries.extend(head.summaries)
        for event_type, count in head.event_types.items():
            parts.setdefault(event_type, []).append(
                client.submit(_part, done.result, event_type, pure=False)
            )
            reports[event_type] = reports.get(event_type, 0) + count

    block_bytes = BLOCK_BYTES if workers_read else None
    for index, unit in enumerate(_units(paths, published, block_bytes)):
        if isinstance(unit, str):
            pending.append(_Pending(None, None, [unit]))
        else:
            result = client.submit(process_block, unit, index, published, pure=False)
            pending.append(_Pending(result, client.submit(_head, result, pure=False), []))
        while len(pending) > ahead:
            drain()
    while pending:
        drain()
    # The largest merges first (Dask runs tasks in the order given): the run ends with the
    # small ones spread over the workers, not with one worker merging the largest alone.
    largest_first = sorted(parts, key=lambda key: (-reports[key], key))
    merged: list[list[tuple[Rank, Event]]] = client.gather(  # type: ignore[no-untyped-call]
        [client.submit(merge_type, parts[key], pure=False) for key in largest_first]
    )
    ranked = sorted(
        (pair for type_events in merged for pair in type_events), key=lambda pair: pair[0]
    )
    events = [event for _, event in ranked]
    return assemble(events, summaries, open_gazetteer()), len(summaries)
