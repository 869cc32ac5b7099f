"""Render time and file size of a large event map (the default self-contained page) in Chromium.

An analyst's export may hold 10,000 events. The script runs the real pipeline (``geo map``
in a subprocess, timed) on synthetic wire briefs (:mod:`synthetic`, about five events
each) until it has enough events, keeps the first ``--events`` of them with every zone,
feature and place, and renders the page ``geo map`` writes by default (everything inlined,
the Natural Earth basemap of the area, online tiles offered). It opens the page in Debian's
Chromium with the network blocked and reports the Python render time, the file size, the
time from navigation start until the map's clusters and the table's rows are drawn, and
the time of a table search, a slider move and a row click (popup open), each until the
page has painted.

    .venv/bin/python benchmarks/bench_map.py --events 1000 10000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_jsonl

from gazetteer import open_gazetteer
from geo.outputs.basemap import basemap_collection
from geo.outputs.render import render_map

CHROMIUM = "/usr/bin/chromium"
REPO = Path(__file__).resolve().parents[1]
EVENTS_PER_ARTICLE = 5.0  # what the synthetic briefs give, measured: 5258 from 1000
# Rendered, painted and settled: two animation frames after the last change.
PAINTED_JS = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"


def pipeline_collection(events: int, workdir: Path) -> tuple[dict[str, Any], float]:
    """At least ``events`` events from ``geo map`` on synthetic articles, and its seconds."""
    articles = int(events / EVENTS_PER_ARTICLE * 1.1) + 10
    source = write_jsonl(workdir / f"articles_{articles}.jsonl", articles)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "geo.cli", "map", str(source),
         "-o", str(workdir / "pipeline.html"), "--geojson", str(workdir / "pipeline.geojson")],
        cwd=REPO, check=True, capture_output=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    loaded: dict[str, Any] = json.loads((workdir / "pipeline.geojson").read_text("utf-8"))
    return loaded, seconds


def first_events(collection: dict[str, Any], count: int) -> dict[str, Any]:
    """The first ``count`` located events, with every other feature."""
    kept, features = 0, []
    for feature in collection["features"]:
        if feature["geometry"] is None:
            continue
        if feature["properties"]["kind"] == "event":
            if kept == count:
                continue
            kept += 1
        features.append(feature)
    if kept < count:
        raise SystemExit(f"the pipeline gave {kept} located events, fewer than {count}")
    return {"type": "FeatureCollection", "features": features}


def _bounds(collection: dict[str, Any]) -> tuple[float, float, float, float]:
    points = [f["geometry"]["coordinates"] for f in collection["features"]
              if f["properties"]["kind"] == "event"]  # fmt: skip
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return (min(lons), min(lats), max(lons), max(lats))


def _timed(page: Any, action: str, ready: str) -> float:
    """Seconds from running ``action`` (JS) until ``ready(listed)`` (JS, true; ``listed`` is
    the table's count line before the action) and a painted frame."""
    before = page.locator(".geo-table-count").inner_text()
    start = time.perf_counter()
    page.evaluate(action)
    page.wait_for_function(ready, arg=before, timeout=60_000)
    page.evaluate(PAINTED_JS)
    return time.perf_counter() - start


def measure(
    pipeline: dict[str, Any], count: int, workdir: Path, browser: Any
) -> dict[str, float]:
    collection = first_events(pipeline, count)
    started = time.perf_counter()
    basemap = basemap_collection(open_gazetteer(), _bounds(collection))
    html = render_map(collection, title=f"{count} events", basemap=basemap)
    render_seconds = time.perf_counter() - started
    path = workdir / f"map_{count}.html"
    path.write_text(html, encoding="utf-8")

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route(
        "**/*",
        lambda route: route.continue_()
        if route.request.url.startswith(("file:", "data:"))
        else (errors.append(f"blocked {route.request.url}"), route.abort()),
    )
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_selector(".tabulator-row", timeout=60_000)
    page.wait_for_selector(".marker-cluster, .geo-event-marker", timeout=60_000)
    page.evaluate(PAINTED_JS)
    drawn_ms: float = page.evaluate("performance.now()")
    count_changed = "(before) => document.querySelector('.geo-table-count').textContent !== before"
    search = _timed(
        page,
        "() => { const s = document.querySelector('.geo-table-search');"
        " s.value = 'said'; s.dispatchEvent(new Event('input')); }",
        count_changed,
    )
    slider = _timed(
        page,
        "() => { const s = document.querySelector('.geo-time-slider');"
        " s.value = Math.floor(s.max / 2); s.dispatchEvent(new Event('input')); }",
        count_changed,
    )
    click = _timed(
        page,
        "() => document.querySelector('.tabulator-row').click()",
        "() => !!document.querySelector('.leaflet-popup-content')",
    )
    listed = page.locator(".geo-table-count").inner_text()
    page.close()
    if errors:
        raise SystemExit(f"page errors: {errors[:3]}")
    return {
        "events": count,
        "render_s": render_seconds,
        "file_mb": len(html.encode("utf-8")) / 1e6,
        "browser_drawn_s": drawn_ms / 1000,
        "search_s": search,
        "slider_s": slider,
        "row_click_s": click,
        "listed_after": float(listed.split()[0]),
    }


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000])
    parser.add_argument("--workdir", type=Path, help="keep the HTML files here")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="geo-bench-map-"))
    workdir.mkdir(parents=True, exist_ok=True)
    pipeline, pipeline_seconds = pipeline_collection(max(args.events), workdir)
    located = sum(f["properties"]["kind"] == "event" for f in pipeline["features"])
    print(f"geo map (pipeline and page, in a subprocess): {located} events in "
          f"{pipeline_seconds:.1f} s\n")  # fmt: skip
    print("| events | render s (Python) | file MB | drawn in Chromium s | search s | "
          "slider s | row click s |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu",
                                            "--disable-dev-shm-usage"]
        )  # fmt: skip
        for count in args.events:
            m = measure(pipeline, count, workdir, browser)
            print(
                f"| {count} | {m['render_s']:.2f} | {m['file_mb']:.1f} | "
                f"{m['browser_drawn_s']:.2f} | {m['search_s']:.2f} | {m['slider_s']:.2f} | "
                f"{m['row_click_s']:.2f} |",
                flush=True,
            )
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
