"""Time and peak memory of one very large text through ``geo places``, ``extract`` and ``map``.

A news dump of tens of megabytes arrives as one file. The script builds one plain-text file
of each requested size from synthetic wire briefs run together (see :mod:`synthetic`),
then runs the real CLI on it in a subprocess and reports wall time and the peak memory of
the process tree (see :mod:`measure`), per megabyte of input as well, so that growth
faster than linear shows at a glance.

    .venv/bin/python benchmarks/bench_big_text.py --command places --sizes 1 5
    .venv/bin/python benchmarks/bench_big_text.py --command extract --sizes 5 50
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import run_measured
from synthetic import write_large_text

REPO = Path(__file__).resolve().parents[1]
COMMANDS = {
    "places": ["places", "{input}"],
    "extract": ["extract", "{input}"],
    "map": ["map", "{input}", "-o", "{workdir}/big.html"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--command", choices=sorted(COMMANDS), default="extract")
    parser.add_argument("--sizes", type=float, nargs="+", default=[5.0, 50.0], help="MB")
    parser.add_argument("--workdir", type=Path, help="keep inputs and outputs here")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="geo-bench-big-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print("| command | input MB | seconds | s/MB | peak RSS MB | peak RSS / input |")
    print("|---|---:|---:|---:|---:|---:|")
    for megabytes in args.sizes:
        source = write_large_text(workdir / f"big_{megabytes:g}MB.txt", megabytes)
        size = source.stat().st_size / 1e6
        command = [sys.executable, "-m", "geo.cli"] + [
            part.format(input=source, workdir=workdir) for part in COMMANDS[args.command]
        ]
        m = run_measured(command, cwd=REPO, interval=0.05)
        status = "" if m.returncode == 0 else f" (exit {m.returncode})"
        print(
            f"| {args.command}{status} | {size:.1f} | {m.seconds:.1f} | {m.seconds / size:.2f} | "
            f"{m.peak_rss_mb:.0f} | {m.peak_rss_mb / size:.1f}x |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
