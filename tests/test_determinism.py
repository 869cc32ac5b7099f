"""Same inputs, same bytes: GeoJSON across runs, and ``--jsonl`` output across worker counts.

Runs the real CLI in subprocesses with different hash seeds (``PYTHONHASHSEED``), so that
an output depending on set or dict iteration order of strings shows up as a difference.
The JSONL corpus is longer than one streaming window (:data:`geo.streaming.WINDOW`), so
the order across windows and worker chunks is exercised too.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from geo.streaming import WINDOW

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

PLACES = (
    "Hama",
    "Aleppo",
    "Idlib",
    "Homs",
    "Raqqa",
    "Deir ez-Zor",
    "Palmyra",
    "Mosul",
    "the Euphrates",
    "Damascus",
    "Latakia",
    "Tartus",
    "Kobani",
    "Manbij",
    "Afrin",
)
ACTORS = (
    "Syrian government jets",
    "Russian warplanes",
    "Rebel fighters",
    "US-led coalition aircraft",
    "Turkish artillery",
    "Islamic State militants",
    "Kurdish forces",
    "A US warplane",
)
TRIGGERS = (
    "shelled",
    "struck",
    "attacked",
    "bombed",
    "shot down a drone near",
    "clashed with rebels in",
)
RELATIONS = ("", "", "west of ", "20 km north of ", "near ", "the outskirts of ")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _record(rng: random.Random, number: int) -> dict[str, str]:
    sentences = [
        f"{rng.choice(ACTORS)} {rng.choice(TRIGGERS)} {rng.choice(RELATIONS)}"
        f"{rng.choice(PLACES)} on {rng.choice(DAYS)}, officials said."
        for _ in range(rng.randint(1, 4))
    ]
    return {
        "id": f"wire-{number:05d}",
        "title": f"Fighting near {rng.choice(PLACES)}",
        "published": f"2017-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "text": " ".join(sentences),
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds plus a JSONL file of a little over one streaming window of short articles."""
    root = tmp_path_factory.mktemp("corpus")
    for seed in sorted(SEEDS.glob("*.txt")):
        (root / seed.name).write_bytes(seed.read_bytes())
    rng = random.Random(7)
    lines = [json.dumps(_record(rng, n)) for n in range(WINDOW + 40)]
    (root / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _geo(args: list[str], cwd: Path, hash_seed: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONHASHSEED=hash_seed)
    result = subprocess.run(
        [sys.executable, "-m", "geo.cli", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def test_map_geojson_is_byte_identical_across_runs(tmp_path: Path) -> None:
    outputs = []
    for run, hash_seed in enumerate(("1", "2")):
        out = tmp_path / f"run{run}"
        out.mkdir()
        _geo(["map", str(SEEDS), "-o", str(out / "seeds.html")], tmp_path, hash_seed)
        outputs.append((out / "seeds.geojson").read_bytes())
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["features"], "the seeds gave no feature at all"


def test_extract_geojson_is_byte_identical_across_runs(tmp_path: Path, corpus: Path) -> None:
    outputs = []
    for run, hash_seed in enumerate(("3", "4")):
        target = tmp_path / f"run{run}.geojson"
        result = _geo(["extract", str(corpus), "--geojson", str(target)], tmp_path, hash_seed)
        outputs.append((target.read_bytes(), result.stdout))
    assert outputs[0] == outputs[1]


def test_jsonl_stream_is_identical_for_one_and_two_workers(tmp_path: Path, corpus: Path) -> None:
    one = _geo(["extract", "--jsonl", "--workers", "1", str(corpus)], tmp_path, "5").stdout
    two = _geo(["extract", "--jsonl", "--workers", "2", str(corpus)], tmp_path, "6").stdout

    assert one == two
    ids = [json.loads(line)["id"] for line in one.splitlines()]
    expected_wire = [f"wire-{n:05d}" for n in range(WINDOW + 40)]
    assert ids[-len(expected_wire) :] == expected_wire
    assert len(ids) == len(expected_wire) + len(list(SEEDS.glob("*.txt")))
