"""How many country, region, continent and sea names amid local places resolve to what
they mean, and how many homonyms the text marks ("Lebanon, Pennsylvania") resolve to them.

Each row of the table (default ``tests/data/places/country_names_local.jsonl``: sentences
written for this project in the style of local and world news) is run through the places
stage alone; a row is right when the name resolves to the expected kind of place in the
expected country (countries, admin-1 areas), within 161 km (towns), or with the expected
name (continents, regions, seas); see ``geo.places.evaluation.judge_expected``.

    .venv/bin/python benchmarks/place_priors.py [--misses]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from gazetteer import open_gazetteer  # noqa: E402
from geo.documents import Document  # noqa: E402
from geo.places.evaluation import judge_expected, read_expected  # noqa: E402
from geo.places.find import find_places  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument(
        "table", nargs="?", type=Path,
        default=REPO / "tests" / "data" / "places" / "country_names_local.jsonl",
    )  # fmt: skip
    parser.add_argument("--misses", action="store_true", help="list the rows missed")
    args = parser.parse_args()
    gazetteer = open_gazetteer()
    rows = read_expected(args.table)
    hits, misses = 0, []
    by_kind: dict[str, list[int]] = {}
    for row in rows:
        mentions = find_places(Document(id=row.id, text=row.text), gazetteer).mentions
        right, what = judge_expected(row, mentions)
        hits += right
        tally = by_kind.setdefault(row.kind, [0, 0])
        tally[0] += right
        tally[1] += 1
        if not right:
            misses.append(f"{row.id}: {row.mention!r} ({row.kind} {row.country or row.name}) "
                          f"-> {what}")  # fmt: skip
    kinds = ", ".join(f"{kind} {right}/{total}" for kind, (right, total) in by_kind.items())
    print(f"{args.table.name}: {hits}/{len(rows)} right ({hits / len(rows):.2f}); {kinds}")
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
