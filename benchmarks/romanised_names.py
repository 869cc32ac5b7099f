"""How many romanised spellings of towns resolve to the town: within 25 km of it.

Each line of the table (default ``tests/data/places/romanised_spellings.jsonl``: spellings
of towns in Syria, Iraq and Yemen as news media, ACLED, SOHR and OCHA write them, with the
town's point) is put in a sentence of conflict reporting and run through the places stage;
the mention covering the spelling must resolve within ``--km`` of the town. With
``--with-country`` the sentence names the town's country after it ("in Tal Tamr, Syria,"),
with ``--with-province`` its first-order area as the gazetteer spells it ("in Tal Tamr,
Al Hasakah province,").

    .venv/bin/python benchmarks/romanised_names.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from gazetteer import open_gazetteer  # noqa: E402
from gazetteer.geodesy import great_circle_km  # noqa: E402
from geo.documents import Document  # noqa: E402
from geo.places.find import find_places  # noqa: E402

TEMPLATE = "Clashes were reported in {} on Monday, a monitor said."
TEMPLATE_WITH_COUNTRY = "Clashes were reported in {}, {}, on Monday, a monitor said."
TEMPLATE_WITH_PROVINCE = "Clashes were reported in {}, {} province, on Monday, a monitor said."


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument(
        "table", nargs="?", type=Path,
        default=REPO / "tests" / "data" / "places" / "romanised_spellings.jsonl",
    )  # fmt: skip
    parser.add_argument("--km", type=float, default=25.0)
    parser.add_argument("--misses", action="store_true", help="list the spellings missed")
    parser.add_argument(
        "--with-country", action="store_true", help="name the town's country after it"
    )
    parser.add_argument(
        "--with-province",
        action="store_true",
        help="name the first-order area holding the town's point after it, as the gazetteer "
        "spells it (ACLED and wire copy name the province)",
    )
    args = parser.parse_args()
    gazetteer = open_gazetteer()
    rows = [json.loads(line) for line in args.table.read_text(encoding="utf-8").splitlines()
            if line.strip()]  # fmt: skip
    hits, misses = 0, []
    for row in rows:
        if args.with_province:
            _, admin1 = gazetteer.areas_at(row["latitude"], row["longitude"])
            assert admin1 is not None, row
            text = TEMPLATE_WITH_PROVINCE.format(row["spelling"], admin1.name)
        elif args.with_country:
            country = gazetteer.get(f"country:{row['country']}", geometry=False)
            assert country is not None, row["country"]
            text = TEMPLATE_WITH_COUNTRY.format(row["spelling"], country.name)
        else:
            text = TEMPLATE.format(row["spelling"])
        start = text.index(row["spelling"])
        end = start + len(row["spelling"])
        mentions = find_places(Document(id="s", text=text), gazetteer=gazetteer).mentions
        found = next((m for m in mentions if m.start < end and start < m.end and m.resolved),
                     None)  # fmt: skip
        km = None
        if found is not None and found.lat is not None and found.lon is not None:
            km = great_circle_km(found.lat, found.lon, row["latitude"], row["longitude"])
        if km is not None and km <= args.km:
            hits += 1
        else:
            where = "nothing" if found is None else f"{found.name} ({found.country}, {km:.0f} km)"
            misses.append(f"{row['spelling']!r} ({row['standard_name']}, {row['country']}) "
                          f"-> {where}")  # fmt: skip
    print(f"{args.table.name}: {hits}/{len(rows)} within {args.km:g} km ({hits / len(rows):.2f})")
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
