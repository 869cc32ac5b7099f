"""Score ``geo extract`` on coded conflict records: located, dated, typed, honest.

Also the share *in window*: an event whose days (``earliest`` to ``latest``) meet the
coder's, which an event dated "on or before" its report's day may, though not dated on it.

Every record of a gold file is one document; the whole file goes through one
``geo extract FILE`` run, as a user would run it, so events of different records may be
merged by cross-document dedup. The figures and the two gold layouts (ACLED-style notes,
UCDP GED) are defined in ``geo/events/evaluation.py``.

    .venv/bin/python benchmarks/event_accuracy.py tests/data/events/conflict_notes.jsonl
    .venv/bin/python benchmarks/event_accuracy.py ../shared/eval/ucdp_ged_sample.jsonl \\
        --failures located
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo.events.evaluation import (  # noqa: E402
    CodedRecord,
    Outcome,
    events_by_record,
    figures,
    score,
)
from geo.events.model import Event  # noqa: E402

FLAGS = ("located", "dated", "in_window", "typed", "honest")


def run_extract(path: Path, geo: str) -> list[Event]:
    done = subprocess.run(
        [geo, "extract", str(path.resolve())], capture_output=True, text=True, check=False
    )
    if done.returncode not in (0, 3):
        raise SystemExit(f"geo extract failed ({done.returncode}): {done.stderr.strip()}")
    return [Event.model_validate(event) for event in json.loads(done.stdout)["events"]]


def report(name: str, outcomes: list[Outcome], records: list[CodedRecord]) -> None:
    summary = figures(outcomes, records)
    print(f"{name}: {summary.records} records")
    print(f"  yield     {summary.yielded:.2f}")
    for flag in FLAGS:
        hits = sum(getattr(outcome, flag) for outcome in outcomes)
        print(f"  {flag:<9} {getattr(summary, flag):.2f} ({hits}/{summary.records})")
    if summary.sub_typed is not None:
        print(f"  sub-type {summary.sub_typed:.2f}")
    for precision in sorted({record.precision for record in records}):
        rows = [o for o, r in zip(outcomes, records, strict=True) if r.precision == precision]
        hits = sum(row.located for row in rows)
        print(f"  precision {precision}: located {hits / len(rows):.2f} ({hits}/{len(rows)})")


def describe(event: Event) -> str:
    where = event.location
    return (
        f"{event.event_type}/{event.acled_event_type}/{event.acled_sub_event_type} at "
        f"{where.name} ({where.precision}, "
        f"±{where.uncertainty_km} km) on {event.date.date} ({event.date.precision})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("gold", type=Path, help="JSONL gold file")
    parser.add_argument("--geo", default=str(REPO / ".venv" / "bin" / "geo"))
    parser.add_argument(
        "--failures", choices=(*FLAGS, "sub_typed"), help="list the records failing this"
    )
    args = parser.parse_args()
    lines = args.gold.read_text(encoding="utf-8").splitlines()
    raw: list[dict[str, Any]] = [json.loads(line) for line in lines if line.strip()]
    records = [CodedRecord.from_json(record) for record in raw]
    found = events_by_record(run_extract(args.gold, args.geo))
    outcomes = [score(record, found.get(record.id, [])) for record in records]
    report(args.gold.name, outcomes, records)
    if args.failures is None:
        return
    texts = {record["id"]: record["text"] for record in raw}
    for outcome, record in zip(outcomes, records, strict=True):
        if getattr(outcome, args.failures):
            continue
        km = "-" if outcome.nearest_km is None else f"{outcome.nearest_km:.0f} km"
        print(f"\n{record.id} [prec {record.precision}, {km}, {record.date_start}.."
              f"{record.date_end}, {sorted(record.event_types)}, {record.sub_event_type}]")
        print(f"  {texts[record.id][:300]}")
        print("  -> " + "; ".join(map(describe, found.get(record.id, []))) or "no event")


if __name__ == "__main__":
    main()
