"""``geo places --jsonl --workers N``: the same bytes as one process, in input order, with a
bad line reported once in its place in the count, through the real command line."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from geo.documents import Document
from geo.places.find import find_places
from geo.places.mentions import places_json_line
from geo.streaming import CHUNK

REPO = Path(__file__).resolve().parents[1]

SENTENCES = (
    "Syrian government jets shelled Kafr Zita north of Hama on Tuesday.",
    "Rebels shot down a helicopter near Aleppo, activists said.",
    "Flooding closed roads in Lebanon, Pennsylvania, and in Beirut.",
    "The mayor of Springfield met officials from Illinois in Chicago.",
    "Turkish artillery struck Afrin, west of Manbij.",
    "Nothing here names a place at all.",
)
DOCUMENTS = CHUNK * 4 + 5  # several chunks for each of two workers
BAD_LINE = 40  # a line of the input (1-based) that is not a document


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = random.Random(17)
    lines = [
        json.dumps({"id": f"doc-{n:03d}", "text": " ".join(rng.sample(SENTENCES, 3))})
        for n in range(DOCUMENTS)
    ]
    lines.insert(BAD_LINE - 1, '{"id": "no-text"}')
    path = tmp_path_factory.mktemp("places") / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _expected(corpus: Path) -> str:
    """The lines find_places gives in this process, one document after another."""
    lines = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "text" in record:
            document = Document(id=record["id"], text=record["text"])
            lines.append(places_json_line(find_places(document)) + "\n")
    return "".join(lines)


@pytest.mark.parametrize("workers", [1, 2])
def test_places_jsonl_is_the_same_for_any_number_of_workers(corpus: Path, workers: int) -> None:
    command = ["places", "--jsonl", str(corpus), "--workers", str(workers)]
    result = subprocess.run(
        [sys.executable, "-m", "geo.cli", *command],
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 3, result.stderr
    assert result.stdout == _expected(corpus)
    assert result.stderr.splitlines() == [
        f"geo: {corpus}:{BAD_LINE}: needs an object with a string 'text'",
        f"geo: 1 input(s) failed, {DOCUMENTS} processed",
    ]
