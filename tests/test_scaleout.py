"""geo.scaleout: on a two-worker LocalCluster the events are those of one process (ids,
sources, properties, order), bad records are reported as one process reports them, and a
worker killed mid-run changes nothing."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cloudpickle
import pyarrow
import pyarrow.parquet
import pytest
from conftest import DATA_DIR
from distributed import Client, WorkerPlugin

import geo.scaleout
from geo.cli import main
from geo.documents import (
    Document,
    DocumentFailure,
    JsonlRange,
    ParquetPart,
    block_documents,
    load_documents,
    load_in_blocks,
    read_parquet_part,
    read_range,
)
from geo.pipeline import extract_events
from geo.scaleout import connect, extract_on_cluster

# The kill plugin below travels to the workers by value: they cannot import this module.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

EDGE = dt.date(2020, 5, 31)  # a month's last day: near-duplicates fall on both sides of it


def _records() -> Iterator[dict[str, Any]]:
    """Every article text of tests/data/events, with its date when it has one."""
    for path in sorted((DATA_DIR / "events").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for article in (record.get("a"), record.get("b"), record):
                if isinstance(article, dict) and isinstance(article.get("text"), str):
                    yield article


def _corpus(folder: Path) -> list[str]:
    """A few hundred articles in a plain and a compressed JSONL file and a text file, with
    near-duplicates a day apart across a month's edge and bad lines in between, a Parquet
    dataset repeating some of them."""
    lines: list[str] = []
    for number, record in enumerate(_records()):
        published = record.get("published") or (EDGE - dt.timedelta(days=number % 5)).isoformat()
        lines.append(json.dumps({"id": f"a{number}", "text": record["text"],
                                 "published": published}))
        if number % 4 == 0:  # the same report the next day, worded a little differently
            day = dt.date.fromisoformat(published[:10]) + dt.timedelta(days=1)
            lines.append(json.dumps({"id": f"b{number}", "text": "Update: " + record["text"],
                                     "published": day.isoformat(), "source": "Second Wire"}))
        if number % 97 == 5:
            lines.append('{"id": "broken", "text": ')
        if number % 89 == 7:
            lines.append(json.dumps({"id": "no-text", "title": "nothing"}))
    half = len(lines) // 2
    plain, packed = folder / "news.jsonl", folder / "more.jsonl.gz"
    plain.write_text("\n".join(lines[:half]) + "\n", encoding="utf-8")
    data = gzip.compress(("\n".join(lines[half:]) + "\n").encode())
    packed.write_bytes(data[: len(data) - 40])  # truncated: the last lines are lost
    dataset = folder / "dataset"  # a Parquet dataset: part files of the document columns
    dataset.mkdir()
    for part, chunk in enumerate((lines[:40], lines[40:80])):
        rows = [json.loads(line) for line in chunk if line.startswith('{"id": "a')]
        pyarrow.parquet.write_table(
            pyarrow.Table.from_pylist([{**row, "id": f"p{row['id']}"} for row in rows]),
            dataset / f"part-{part}.parquet",
        )
    text = folder / "story.txt"
    text.write_text("Shelling hit Aleppo on 30 May 2020.\n\nRegime forces shelled Aleppo "
                    "on 30 May 2020, killing three.\n", encoding="utf-8")
    return [str(plain), str(folder / "missing.jsonl"), str(packed), str(dataset), str(text)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return _corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def one_process(corpus: list[str]) -> tuple[dict[str, Any], list[str]]:
    items = list(load_documents(corpus))
    failures = [item.message for item in items if isinstance(item, DocumentFailure)]
    documents = [item for item in items if isinstance(item, Document)]
    return extract_events(documents).model_dump(mode="json"), failures


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with connect(None, 2) as client:
        yield client


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geo.scaleout, "BLOCK_LINES", 24)  # many blocks over two workers
    monkeypatch.setattr(geo.scaleout, "BLOCK_BYTES", 3000)  # and ranges, cut mid-line


def _on_cluster(
    client: Client, corpus: list[str], workers_read: bool | None = None
) -> tuple[dict[str, Any], list[str]]:
    failures: list[str] = []
    collection, _ = extract_on_cluster(
        client, corpus, report=failures.append, workers_read=workers_read
    )
    return collection.model_dump(mode="json"), failures


def test_corpus_has_duplicates_merged_and_bad_lines(
    one_process: tuple[dict[str, Any], list[str]],
) -> None:
    collection, failures = one_process
    assert len(collection["documents"]) > 300
    assert any(len({s["document_id"] for s in e["sources"]}) > 1 for e in collection["events"])
    assert len(failures) >= 4  # bad lines, a missing file, a truncated archive


@pytest.mark.usefixtures("small_blocks")
@pytest.mark.parametrize("workers_read", [True, False])  # byte ranges, or lines sent
def test_two_workers_give_the_events_of_one_process(
    client: Client, corpus: list[str], one_process: tuple[dict[str, Any], list[str]],
    workers_read: bool,
) -> None:
    assert _on_cluster(client, corpus, workers_read) == one_process


def test_workers_of_a_local_cluster_see_the_inputs(client: Client, corpus: list[str]) -> None:
    assert geo.scaleout.workers_see(client, corpus)


# A plain JSONL file whose records straddle range edges: a UTF-8 byte order mark, CRLF and
# blank lines, a long record, a broken line and a Windows-1252 one amid them, no final
# newline.
_RAGGED = (
    b'\xef\xbb\xbf{"id": "first", "text": "Shelling hit Aleppo on 3 May 2020."}\r\n'
    b"\n   \n"
    b'{"text": "Fighting near Homs ' + b"went on " * 40 + b'."}\n'
    b'{"id": "broken", "text": \n'
    b"\n"
    b'{"id": "cafe", "text": "A caf\xe9 was bombed in Beirut."}\n'
    b'{"title": "no text"}\r\n'
    b'{"id": "last", "text": "Clashes in Idlib."}'
)


def _items(items: Iterator[Any]) -> list[dict[str, Any]]:
    return [item.model_dump(mode="json") for item in items]


@pytest.mark.parametrize("block_bytes", [1, 7, 50, 64, 333, 10_000])
@pytest.mark.parametrize("data", [_RAGGED, _RAGGED + b"\n", b"\n\n" + _RAGGED[3:]])
def test_byte_ranges_give_the_lines_of_one_process(
    tmp_path: Path, block_bytes: int, data: bytes
) -> None:
    path = tmp_path / "ragged.jsonl"
    path.write_bytes(data)
    units = list(load_in_blocks([str(path)], block_bytes=block_bytes))
    ranges = [unit for unit in units if isinstance(unit, JsonlRange)]
    assert ranges == units  # nothing read on this side
    assert [part.start for part in ranges] == [0] + [part.end for part in ranges[:-1]]
    assert ranges[-1].end == len(data)
    assert (len(ranges) > 1) == (block_bytes < len(data))
    split = [item for part in ranges for item in block_documents(read_range(part))]
    assert _items(iter(split)) == _items(load_documents([str(path)]))
    assert sum(isinstance(item, DocumentFailure) for item in split) == 2


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("packed.jsonl.gz", gzip.compress(_RAGGED)),  # a compressed stream cannot be cut
        ("wide.jsonl", "\ufeff{\"text\": \"Clashes in Idlib.\"}\n".encode("utf-16-le")),
    ],
)
def test_files_that_cannot_be_cut_are_read_in_lines(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    units = list(load_in_blocks([str(path)], block_bytes=8))
    assert units and not any(isinstance(unit, JsonlRange) for unit in units)
    items = [item for unit in units for item in block_documents(unit)]
    assert _items(iter(items)) == _items(load_documents([str(path)]))


class _KillOnce(WorkerPlugin):  # type: ignore[misc]
    """Ends its worker's process the first time a block starts on it (once per marker)."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        name = key if isinstance(key, str) else str(key[0])
        if finish == "executing" and name.startswith("process_block"):
            try:
                os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL))
            except FileExistsError:
                return
            os._exit(1)


@pytest.mark.usefixtures("small_blocks")
def test_a_worker_killed_mid_run_changes_nothing(
    client: Client, corpus: list[str], one_process: tuple[dict[str, Any], list[str]],
    tmp_path: Path,
) -> None:
    marker = tmp_path / "killed"
    client.register_plugin(_KillOnce(str(marker)), name="kill-once")
    try:
        assert _on_cluster(client, corpus) == one_process
    finally:
        client.unregister_worker_plugin("kill-once")
    assert marker.exists()  # a worker did die


def test_cli_dask_writes_what_one_process_writes(
    corpus: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runs = []
    for name, flags in (("one", []), ("dask", ["--dask", "--workers", "2"])):
        csv, parquet = tmp_path / f"{name}.csv", tmp_path / f"{name}.parquet"
        code = main(["extract", *corpus, "--csv", str(csv), "--parquet", str(parquet), *flags])
        out, err = capsys.readouterr()
        runs.append((code, out, err, csv.read_bytes(), parquet.exists()))
    assert runs[0] == runs[1]
    assert runs[0][0] == 3


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--dask", "--jsonl"], "geo: error: --dask merges events across documents"),
        (["--dask", "--workers", "0"], "geo: error: --workers must be at least 1, got 0"),
    ],
)
def test_cli_dask_refuses_bad_flags_in_one_line(
    corpus: list[str], flags: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", corpus[0], *flags]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


@pytest.mark.parametrize("block_lines", [1, 4, 5, 100])
def test_parquet_row_groups_give_the_rows_of_one_process(
    tmp_path: Path, block_lines: int
) -> None:
    path = tmp_path / "rows.parquet"
    rows = [{"id": f"r{row}", "text": f"Clashes in Idlib on day {row}."} for row in range(11)]
    rows[5] = {"id": None, "text": "An article without an id, in Homs."}
    rows[7] = {"id": "blank", "text": "   "}  # a bad row amid the others
    pyarrow.parquet.write_table(pyarrow.Table.from_pylist(rows), path, row_group_size=3)
    units = list(load_in_blocks([str(path)], block_lines=block_lines, block_bytes=1))
    parts = [unit for unit in units if isinstance(unit, ParquetPart)]
    assert parts == units
    assert [group for part in parts for group in part.row_groups] == [0, 1, 2, 3]
    split = [item for part in parts for item in read_parquet_part(part)]
    assert _items(iter(split)) == _items(load_documents([str(path)]))
    assert sum(isinstance(item, DocumentFailure) for item in split) == 1
