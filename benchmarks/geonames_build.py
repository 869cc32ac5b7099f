"""``geo gazetteer build --geonames`` on a synthetic GeoNames dump: build time, peak memory,
store size, open time and lookup speed of the store it builds.

The dump is written in the published format (allCountries.zip: one tab-separated .txt in
the 19 columns of the geoname table), deterministically from a seed: made-up names of two or
three syllables, feature classes in about allCountries' shares (P 40 %, H 20 %, T 20 %, S 10 %,
A 5 %, L 5 %), points anywhere on land or sea, populations mostly unknown. With
``--alternates N`` an alternateNamesV2.zip of N rows (10 columns) is written too.

Run: .venv/bin/python benchmarks/geonames_build.py [--rows 1000000] [--alternates 0]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import run_measured

_SYLLABLES = (
    "ka fa ra ma sa ta na ba da la ha za qa ya wa ki fi ri mi si ti ni bi di li hu zu qu yu "
    "wu ko fo ro mo so to no bo do lo ar el in um ash ad"
).split()
_CLASSES = (
    [("P", "PPL")] * 38
    + [("P", "PPLA4")] * 2
    + [("H", "STM")] * 8
    + [("H", "LK")] * 4
    + [("H", "WLL")] * 6
    + [("H", "BAY")] * 2
    + [("T", "HLL")] * 8
    + [("T", "MT")] * 8
    + [("T", "ISL")] * 4
    + [("S", "SCH")] * 10
    + [("A", "ADM3")] * 3
    + [("A", "ADM4")] * 2
    + [("L", "AREA")] * 3
    + [("L", "RGN")] * 2
)
_COUNTRIES = "SY IQ YE LB TR IR AF US GB FR DE NG KE IN PK CN BR MX RU UA".split()
_COLD_OPEN = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
from gazetteer import Gazetteer
imported = time.perf_counter()
gazetteer = Gazetteer(Path(sys.argv[1]))
opened = time.perf_counter()
print(json.dumps({"open_s": opened - imported, "total_s": opened - started}))
"""
_REAL_NAMES = ["Aleppo", "Damascus", "Springfield", "Idlib", "Euphrates", "Paris", "Kafr Nubl"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).title()


def write_dump(folder: Path, rows: int, alternates: int, seed: int = 17) -> list[Path]:
    """allCountries.zip (and alternateNamesV2.zip) with ``rows`` synthetic rows; ids from
    20,000,000 up, so no row has a bundled geonameid. Deterministic for a seed."""
    rng = random.Random(seed)
    dump = folder / "allCountries.zip"
    with (
        zipfile.ZipFile(dump, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("allCountries.txt", "w") as raw,
    ):
        for index in range(rows):
            name = _name(rng)
            feature_class, code = rng.choice(_CLASSES)
            population = rng.choice((0, 0, 0, rng.randint(50, 50_000)))
            columns = [
                str(20_000_000 + index), name, name, f"{name} {_name(rng)},{_name(rng)}",
                f"{rng.uniform(-60, 70):.5f}", f"{rng.uniform(-180, 180):.5f}", feature_class,
                code, rng.choice(_COUNTRIES), "", f"{rng.randint(1, 30):02d}", "", "", "",
                str(population), "", str(rng.randint(0, 3000)), "Etc/UTC", "2024-01-01",
            ]  # fmt: skip
            raw.write(("\t".join(columns) + "\n").encode("utf-8"))
    paths = [dump]
    if alternates:
        names = folder / "alternateNamesV2.zip"
        with (
            zipfile.ZipFile(names, "w", compression=zipfile.ZIP_DEFLATED) as archive,
            archive.open("alternateNamesV2.txt", "w") as raw,
        ):
            for index in range(alternates):
                columns = [
                    str(index + 1), str(20_000_000 + rng.randrange(rows)),
                    rng.choice(("en", "fr", "", "post", "ar")), _name(rng), "", "", "", "",
                    "", "",
                ]  # fmt: skip
                raw.write(("\t".join(columns) + "\n").encode("utf-8"))
        paths.append(names)
    return paths


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def _lookups(store: Path, names: list[str]) -> dict[str, float]:
    from gazetteer import Gazetteer

    gazetteer = Gazetteer(store)
    timings: list[float] = []
    top: list[float] = []
    for name in names:
        started = time.perf_counter()
        gazetteer.candidates(name)
        timings.append(time.perf_counter() - started)
    for name in names[:5000]:
        started = time.perf_counter()
        gazetteer.lookup(name, limit=1, geometry=False)
        top.append(time.perf_counter() - started)
    micro = sorted(t * 1e6 for t in timings)
    return {
        "entries": float(len(gazetteer)),
        "candidates_median_us": statistics.median(micro),
        "candidates_p99_us": micro[int(len(micro) * 0.99)],
        "lookup_1_median_us": statistics.median(t * 1e6 for t in top),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--alternates", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="default: a temporary folder, removed")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="geonames-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        dumps = write_dump(workdir, args.rows, args.alternates)
        print(
            f"dump: {args.rows:,} rows, {sum(p.stat().st_size for p in dumps) / 1e6:.1f} MB "
            f"zipped, written in {time.perf_counter() - started:.1f} s"
        )
        store = workdir / "store"
        command = [sys.executable, "-m", "geo.cli", "gazetteer", "build", "--output", str(store)]
        run = run_measured([*command, "--geonames", *map(str, dumps)], interval=0.5)
        if run.returncode != 0:
            raise SystemExit(f"build failed ({run.returncode})")
        print(f"build: {run.seconds:.1f} s wall, peak RSS {run.peak_rss_mb:,.0f} MB")
        counts = json.loads((store / "meta.json").read_text(encoding="utf-8"))["counts"]
        print(f"store: {_size_mb(store):,.1f} MB ({counts})")
        opens = [
            json.loads(subprocess.check_output([sys.executable, "-c", _COLD_OPEN, str(store)]))
            for _ in range(3)
        ]
        opening = statistics.median(o["open_s"] for o in opens)
        total = statistics.median(o["total_s"] for o in opens)
        print(f"open (new process, median of 3): {opening:.2f} s, {total:.2f} s with imports")
        rng = random.Random(5)
        synthetic = [_name(rng) for _ in range(15_000)]
        names = [rng.choice(synthetic + _REAL_NAMES * 500) for _ in range(20_000)]
        for key, value in _lookups(store, names).items():
            print(f"{key}: {value:,.1f}")
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
