"""Score events whose town the gazetteer lacks: the note sets with each town renamed.

Half the coded locations of real conflict notes have no entry under the name the note uses,
and many villages have none at all. This benchmark writes a copy of the blind note sets in
which every note coded to a town (ACLED precision 1, no place of 50,000 people or more of that
name within 25 km of the coded point) has that town's name replaced, everywhere in its text, by
an invented one no gazetteer entry bears ("Kafr Zubayrah"), and scores it as
``event_accuracy.py`` does. An event then can only be located by what the text says around
the name (its chain of admin areas, "in the countryside of Idlib", a district named for a
town); *honest* says whether the radius it gets covers the coded point.

    .venv/bin/python benchmarks/missing_villages.py
    .venv/bin/python benchmarks/missing_villages.py --geo /path/to/other/geo --failures honest
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from event_accuracy import report, run_extract  # noqa: E402

from gazetteer import Gazetteer, open_gazetteer  # noqa: E402
from gazetteer.geodesy import great_circle_km  # noqa: E402
from gazetteer.normalize import loose_key  # noqa: E402
from geo.events.evaluation import CodedRecord, events_by_record, score  # noqa: E402

NOTE_SETS = sorted((REPO / "tests" / "data" / "events").glob("blind_notes*.jsonl"))
# Syllables of invented names in the shape of Levantine and Mesopotamian village names.
_STEMS = ("Zub", "Qar", "Hul", "Mish", "Ruq", "Tab", "Jaz", "Dum", "Sal", "Kut", "Bar", "Nim")
_ENDINGS = ("ayrah", "iyah", "un", "at", "ayn", "ir", "ah", "iq", "ayb")
_HEADS = ("Kafr ", "Tal ", "Al-", "Ain ", "Deir ", "", "", "")
_LARGE_PLACE = 50_000  # a town this large keeps its name: the gazetteer has such towns
_NEAR_KM = 25.0


def invented_name(rng: random.Random, gazetteer: Gazetteer) -> str:
    """A village name no gazetteer entry bears, by its exact or its loose key."""
    while True:
        name = rng.choice(_STEMS) + rng.choice("aiu") + rng.choice(_STEMS).lower()
        name = rng.choice(_HEADS) + name + rng.choice(_ENDINGS)
        if not gazetteer.candidates(name):
            return name


def is_a_small_town(note: dict[str, Any], gazetteer: Gazetteer) -> bool:
    """A note coded to a town that is not named like its province (renaming "Marib" in
    "Marib City (Marib, Marib)" would rename the province too)."""
    gold = note["gold"]
    place = gold["place"]
    if gold.get("geo_precision") != 1 or len(place) < 3 or place not in note["text"]:
        return False
    province = set(loose_key(gold.get("admin1") or "").split())
    if province & set(loose_key(place).split()):
        return False
    return not any(
        candidate.population >= _LARGE_PLACE
        and great_circle_km(candidate.lat, candidate.lon, gold["latitude"], gold["longitude"])
        <= _NEAR_KM
        for candidate in gazetteer.candidates(place)
    )


def renamed_notes(gazetteer: Gazetteer, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    notes = []
    for path in NOTE_SETS:
        for line in path.read_text(encoding="utf-8").splitlines():
            note = json.loads(line)
            if not is_a_small_town(note, gazetteer):
                continue
            name = invented_name(rng, gazetteer)
            note["text"] = note["text"].replace(note["gold"]["place"], name)
            note["gold"]["place"] = name
            notes.append(note)
    return notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--geo", default=str(REPO / ".venv" / "bin" / "geo"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--failures", choices=("located", "honest"), default=None)
    args = parser.parse_args()
    notes = renamed_notes(open_gazetteer(), args.seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "missing_villages.jsonl"
        path.write_text("".join(json.dumps(n) + "\n" for n in notes), encoding="utf-8")
        found = events_by_record(run_extract(path, args.geo))
    records = [CodedRecord.from_json(note) for note in notes]
    outcomes = [score(record, found.get(record.id, [])) for record in records]
    report("blind notes, towns renamed", outcomes, records)
    if args.failures:
        for note, outcome in zip(notes, outcomes, strict=True):
            if not getattr(outcome, args.failures):
                print(f"\n{note['id']} ({outcome.nearest_km} km): {note['text'][:300]}")


if __name__ == "__main__":
    main()
