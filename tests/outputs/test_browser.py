"""What a person sees: the rendered maps opened in Debian's Chromium, driven by playwright.

No network: every request that is not a local file or data URI is aborted and recorded (the
online test serves folium's CDN URLs from geo/outputs/assets/node_modules and stubs tiles). Skipped
with a reason when Chromium or the npm assets are missing, but failed when ``CI`` is set.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SEEDS_DIR, XSS_TEXT, XSS_TITLE, skip_or_fail_in_ci

from geo.outputs.assets import CDN_ASSETS, INSTALL_COMMAND, node_modules_dir
from geo.outputs.render import BASEMAP_LAYER, CLUSTER_THRESHOLD, ONLINE_LAYER, render_map

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# 1x1 transparent PNG served for every tile request of the online map.
TILE_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
FIND_MAP_JS = "Object.values(window).find((v) => v instanceof L.Map)"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium; never a playwright-downloaded browser."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        skip_or_fail_in_ci(f"{CHROMIUM} not installed: apt-get install -y chromium")
    if not (node_modules_dir() / "leaflet").is_dir():
        skip_or_fail_in_ci(f"offline assets missing: run `{INSTALL_COMMAND}`")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class PageLog:
    """Everything a page did that a test may have to reject."""

    errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    tiles: list[str] = field(default_factory=list)


def _serve_cdn_or_block(route: Any, log: PageLog, *, online: bool) -> None:
    url: str = route.request.url
    if url.startswith(("file://", "data:")):
        route.continue_()
    elif online and url in CDN_ASSETS:
        path = CDN_ASSETS[url].locate(node_modules_dir())
        kind = "text/css" if url.endswith(".css") else "application/javascript"
        route.fulfill(status=200, body=path.read_bytes(), content_type=kind)
    elif online and "tile.openstreetmap.org" in url:
        log.tiles.append(url)
        route.fulfill(status=200, body=TILE_PNG, content_type="image/png")
    else:
        log.blocked.append(url)
        route.abort()


def _open(browser: Any, html: str, directory: Path, *, online: bool = False) -> tuple[Any, PageLog]:
    path = directory / "map.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    log = PageLog()
    page.on("pageerror", lambda error: log.errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            log.console_errors.append(message.text) if message.type == "error" else None
        ),
    )

    def on_dialog(dialog: Any) -> None:
        log.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.route("**/*", lambda route: _serve_cdn_or_block(route, log, online=online))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_selector(".leaflet-control-layers", state="attached", timeout=10_000)
    return page, log


def _assert_clean(log: PageLog) -> None:
    assert log.errors == [], f"page errors: {log.errors}"
    assert log.console_errors == [], f"console errors: {log.console_errors}"
    assert log.blocked == [], f"unexpected requests: {log.blocked}"
    assert log.dialogs == [], f"dialogs opened: {log.dialogs}"


def _on_screen_paths(page: Any, selector: str) -> int:
    """How many SVG paths matching ``selector`` have a visible box inside the viewport."""
    count: int = page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector)).filter((el) => {
            const box = el.getBoundingClientRect();
            return box.width + box.height > 0 && box.right > 0 && box.bottom > 0
                && box.left < window.innerWidth && box.top < window.innerHeight;
        }).length""",
        selector,
    )
    return count


def _synthetic_events(count: int) -> dict[str, Any]:
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [36.0 + (i % 40) * 0.1, 33.0 + i // 40 * 0.1],
            },
            "properties": {
                "kind": "event",
                "id": f"ev-{i}",
                "event_type": "air_strike",
                "date": f"2017-06-{1 + i % 28:02d}",
                "precision": "point",
            },
        }
        for i in range(count)
    ]
    return {"type": "FeatureCollection", "features": features}


def test_offline_map_draws_every_layer_without_network(
    browser: Any,
    sample_collection: dict[str, Any],
    natural_earth_basemap: dict[str, Any],
    tmp_path: Path,
) -> None:
    html = render_map(
        sample_collection,
        title="Syria, June 2017",
        offline=True,
        basemap=natural_earth_basemap,
        attributions=["GeoNames (CC BY 4.0)", "Natural Earth (public domain)"],
    )
    page, log = _open(browser, html, tmp_path)
    try:
        events = [f for f in sample_collection["features"] if f["properties"]["kind"] == "event"]
        assert page.locator(".geo-event-marker").count() == len(events)
        assert _on_screen_paths(page, "path.geo-targeting-line") == 1
        assert _on_screen_paths(page, "path.geo-zone") == 1
        assert _on_screen_paths(page, "path.geo-sea") == 1
        assert _on_screen_paths(page, "path.geo-place") == 4
        # Every event less precise than a point has a circle or its zone drawn.
        assert page.locator("path.geo-uncertainty").count() == 4
        assert page.locator("path.geo-basemap").count() > 5
        layer_names = page.locator(".leaflet-control-layers-overlays").inner_text()
        for name in ("Features", "Zones", "Uncertainty", "Places", "Events"):
            assert name in layer_names
        assert page.locator(".leaflet-control-layers-base").inner_text().strip() == BASEMAP_LAYER
        assert page.locator(".geo-map-title").inner_text() == "Syria, June 2017"
        attribution = page.locator(".leaflet-control-attribution").inner_text()
        assert "GeoNames (CC BY 4.0)" in attribution and "Natural Earth" in attribution
        assert page.locator(".geo-legend").inner_text().count("\n") >= 4
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "offline_map.png"))
        page.locator(".geo-event-marker[title^='Shoot-down']").click()
        popup = page.locator(".leaflet-popup-content")
        for expected in (
            "Shoot-down",
            "2017-06-18 (precision: day)",
            "United States (initiator",
            "Sources",
            "precision: city, \u00b115 km",
            "Why here:",
        ):
            assert expected in popup.inner_text()
        assert popup.locator("a[href^='https://www.example.com/']").count() == 1
        page.wait_for_function(
            "getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'"
        )
        page.wait_for_timeout(400)  # let the auto-pan finish before the screenshot
        page.screenshot(path=str(ARTIFACTS / "offline_map_popup.png"))
        _assert_clean(log)
    finally:
        page.close()


@pytest.mark.parametrize(
    ("slider_index", "show_undated", "expected_markers"),
    [
        (3, True, 5),  # last date: everything
        (0, True, 2),  # 2017-06-01 and the undated event
        (0, False, 1),
        (2, False, 3),  # up to 2017-06-18
    ],
)
def test_time_slider_filters_events_by_date(
    browser: Any,
    sample_collection: dict[str, Any],
    tmp_path: Path,
    slider_index: int,
    show_undated: bool,
    expected_markers: int,
) -> None:
    page, log = _open(browser, render_map(sample_collection, title="t", offline=True), tmp_path)
    try:
        page.locator(".geo-time-slider").fill(str(slider_index))
        if not show_undated:
            page.locator(".geo-time-undated").uncheck()
        assert page.locator(".geo-event-marker").count() == expected_markers
        _assert_clean(log)
    finally:
        page.close()


def test_many_events_are_clustered_and_none_lost(browser: Any, tmp_path: Path) -> None:
    count = CLUSTER_THRESHOLD * 3
    page, log = _open(
        browser, render_map(_synthetic_events(count), title="many", offline=True), tmp_path
    )
    try:
        page.wait_for_selector(".marker-cluster", timeout=10_000)
        # Clusters of the previous zoom stay in the DOM until the fitBounds animation ends.
        page.wait_for_function(
            "!document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim')",
            timeout=10_000,
        )
        in_clusters = sum(
            int(text) for text in page.locator(".marker-cluster span").all_inner_texts()
        )
        single = page.locator(".geo-event-marker").count()
        assert in_clusters > 0
        assert in_clusters + single == count
        _assert_clean(log)
    finally:
        page.close()


def test_online_map_loads_only_cdn_assets_and_tiles(
    browser: Any, sample_collection: dict[str, Any], tmp_path: Path
) -> None:
    html = render_map(sample_collection, title="online", cdn=True)
    page, log = _open(browser, html, tmp_path, online=True)
    try:
        page.wait_for_selector(".leaflet-tile-loaded", state="attached", timeout=10_000)
        events = [f for f in sample_collection["features"] if f["properties"]["kind"] == "event"]
        assert page.locator(".geo-event-marker").count() == len(events)
        assert _on_screen_paths(page, "path.geo-zone") == 1
        assert log.tiles, "no tile was requested"
        assert "OpenStreetMap" in page.locator(".leaflet-control-attribution").inner_text()
        _assert_clean(log)
    finally:
        page.close()


def test_default_map_opens_offline_and_offers_online_tiles(
    browser: Any,
    sample_collection: dict[str, Any],
    natural_earth_basemap: dict[str, Any],
    tmp_path: Path,
) -> None:
    """The default page: drawn on the offline basemap with the network cut; online tiles
    are one click away in the layer control, and load when the network is there."""
    html = render_map(sample_collection, title="t", basemap=natural_earth_basemap)
    page, log = _open(browser, html, tmp_path)
    try:
        assert page.locator(".geo-event-marker").count() == 5
        assert page.locator("path.geo-basemap").count() > 5
        assert page.locator(".leaflet-tile").count() == 0
        _assert_clean(log)
    finally:
        page.close()
    page, log = _open(browser, html, tmp_path, online=True)
    try:
        page.get_by_label(ONLINE_LAYER).check()
        page.wait_for_selector(".leaflet-tile-loaded", state="attached", timeout=10_000)
        assert log.tiles, "no tile was requested"
        assert page.locator("path.geo-basemap").count() == 0  # a base layer replaces the other
        assert "OpenStreetMap" in page.locator(".leaflet-control-attribution").inner_text()
        _assert_clean(log)
    finally:
        page.close()


# --- the event table ----------------------------------------------------------------------

LISTED_EVENTS_JS = """async () => {
    // The table draws only the rows in view: scroll through it and collect them all.
    const holder = document.querySelector(".geo-table .tabulator-tableholder");
    const listed = new Set();
    const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    for (let top = 0; ; top += Math.max(50, holder.clientHeight / 2)) {
        holder.scrollTop = top;
        await frame();
        document.querySelectorAll(".geo-table .tabulator-row[data-event]").forEach((row) => {
            if (!row.closest(".leaflet-pane") && row.textContent.trim()) {
                listed.add(row.getAttribute("data-event"));
            }
        });
        if (top >= holder.scrollHeight) { break; }
    }
    return listed.size;
}"""


def _listed_events(page: Any) -> int:
    """How many distinct events the table lists, outside the map panes."""
    count: int = page.evaluate(LISTED_EVENTS_JS)
    return count


def _table_column(page: Any, field: str) -> list[str]:
    texts: list[str] = page.locator(
        f".geo-table .tabulator-row .tabulator-cell[tabulator-field='{field}']"
    ).all_inner_texts()
    return texts


@pytest.mark.parametrize(
    ("action", "expected_places"),
    [
        ("", ["Deir ez-Zor", "Raqqa", "south of Tabqa", "Syria west of the Euphrates", "Syria"]),
        ("search=raqqa", ["Raqqa", "south of Tabqa"]),  # a place; a source's title
        ("search=super hornet", ["south of Tabqa"]),  # the sentence, read from the popup
        ("search=united   STATES", ["south of Tabqa", "Syria west of the Euphrates"]),
        ("search=no such words", []),
        ("type=air_strike", ["Deir ez-Zor", "Raqqa"]),
        ("from=2017-06-06", ["Raqqa", "south of Tabqa", "Syria west of the Euphrates"]),
        ("to=2017-06-06", ["Deir ez-Zor", "Raqqa"]),
        ("slider=2", ["Deir ez-Zor", "Raqqa", "south of Tabqa", "Syria"]),  # undated kept
        ("slider=1&search=struck", ["Deir ez-Zor", "Raqqa"]),  # both filters at once
    ],
)
def test_table_filters_and_the_map_show_the_same_events(
    browser: Any, sample_collection: dict[str, Any], tmp_path: Path, action: str,
    expected_places: list[str],
) -> None:  # fmt: skip
    page, log = _open(browser, render_map(sample_collection, title="t", offline=True), tmp_path)
    try:
        for step in filter(None, action.split("&")):
            control, value = step.split("=")
            if control == "type":
                page.locator(".geo-table-type").select_option(value)
            elif control == "slider":
                page.locator(".geo-time-slider").fill(value)
            else:
                page.locator(f".geo-table-{control}").fill(value)
        places = [text.split(" (")[0] for text in _table_column(page, "place")]
        assert places == expected_places  # sorted by date, undated last
        assert page.locator(".geo-event-marker").count() == len(expected_places)
        assert page.locator(".geo-table-count").inner_text() == f"{len(places)} of 5 events"
        _assert_clean(log)
    finally:
        page.close()


def test_table_sorts_by_a_column_and_a_row_click_opens_its_popup(
    browser: Any, sample_collection: dict[str, Any], tmp_path: Path
) -> None:
    page, log = _open(browser, render_map(sample_collection, title="t", offline=True), tmp_path)
    try:
        page.locator(".tabulator-col[tabulator-field='type']").click()
        types = _table_column(page, "type")
        assert types == sorted(types) and len(types) == 5
        page.locator(".tabulator-row", has_text="Raqqa").click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(timeout=10_000)
        assert "Raqqa" in popup.inner_text() and "Air strike" in popup.inner_text()
        zoom: float = page.evaluate(f"eval({FIND_MAP_JS!r}).getZoom()")
        assert zoom >= 9
        _assert_clean(log)
    finally:
        page.close()


def test_a_row_click_finds_its_event_inside_a_cluster(browser: Any, tmp_path: Path) -> None:
    count = CLUSTER_THRESHOLD * 3
    page, log = _open(
        browser, render_map(_synthetic_events(count), title="many", offline=True), tmp_path
    )
    try:
        assert _listed_events(page) == count
        page.locator(".geo-table-search").fill("2017-06-28")
        page.locator(".tabulator-row").first.click()
        page.locator(".leaflet-popup-content").wait_for(timeout=10_000)
        _assert_clean(log)
    finally:
        page.close()


def test_hostile_text_stays_text(
    browser: Any, xss_collection: dict[str, Any], tmp_path: Path
) -> None:
    page, log = _open(browser, render_map(xss_collection, title=XSS_TITLE, offline=True), tmp_path)
    try:
        shown: list[str] = page.evaluate(
            """(findMap) => {
                const map = eval(findMap);
                const texts = [];
                const injected = () => document.querySelectorAll(
                    ".leaflet-pane img:not(.leaflet-marker-icon):not(.leaflet-marker-shadow),"
                    + " .leaflet-pane script, .leaflet-pane b, a[href^='javascript'],"
                    + " .geo-table-panel img, .geo-table-panel script, .geo-table-panel b"
                ).length;
                let found = injected();
                map.eachLayer((layer) => {
                    if (layer.getPopup && layer.getPopup()) {
                        layer.openPopup();
                        texts.push(layer.getPopup().getElement().textContent);
                        found += injected();
                        layer.closePopup();
                    }
                    if (layer.getTooltip && layer.getTooltip()) {
                        layer.openTooltip();
                        texts.push(layer.getTooltip().getElement().textContent);
                        found += injected();
                        layer.closeTooltip();
                    }
                });
                return [String(found)].concat(texts);
            }""",
            FIND_MAP_JS,
        )
        injected_count, texts = int(shown[0]), shown[1:]
        assert injected_count == 0
        assert len(texts) >= 10
        assert any(XSS_TEXT in text for text in texts)
        assert any(XSS_TITLE in text for text in texts), texts
        assert page.title() == XSS_TITLE
        assert page.locator(".geo-map-title").inner_text() == XSS_TITLE
        # The table: headline (the event's label) and actor names shown as text.
        assert set(_table_column(page, "type")) == {XSS_TITLE}
        assert any(text.startswith(XSS_TITLE) for text in _table_column(page, "actors"))
        assert any(XSS_TEXT in text for text in _table_column(page, "place"))
        page.locator(".geo-table-search").fill("<script>")
        assert page.locator(".geo-table .tabulator-row").count() == 5
        options = page.locator(".geo-table-type option").all_inner_texts()
        assert XSS_TITLE in options
        assert page.locator(".geo-table-panel img, .geo-table-panel script").count() == 0
        assert page.locator("script[src]").count() == 0
        _assert_clean(log)
    finally:
        page.close()


@pytest.mark.parametrize("flags", [[], ["--offline"]], ids=["default", "offline"])
def test_seeds_map_from_the_cli_renders_without_network(
    browser: Any, tmp_path: Path, flags: list[str]
) -> None:
    """The main job's own output: `geo map seeds` (and `--offline`), opened with the
    network cut: Leaflet running, the Euphrates, the zone, the events on the map and in the
    table, beside the map panes."""
    import json
    import shutil
    import subprocess
    import sys

    seeds = SEEDS_DIR
    workdir = tmp_path / "work"
    shutil.copytree(seeds, workdir / "seeds")
    (workdir / "maps").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "geo.cli", "map", "seeds", *flags,
         "-o", "maps/seeds.html", "--geojson", "maps/seeds.geojson"],
        cwd=workdir, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    html = (workdir / "maps" / "seeds.html").read_text(encoding="utf-8")
    collection = json.loads((workdir / "maps" / "seeds.geojson").read_text(encoding="utf-8"))
    located_events = [
        f for f in collection["features"]
        if f["properties"]["kind"] == "event" and f["geometry"] is not None
    ]  # fmt: skip
    page, log = _open(browser, html, tmp_path)
    try:
        assert page.evaluate("typeof L === 'object' && L.version") == "1.9.3"
        assert page.locator(".geo-event-marker").count() == len(located_events)
        assert _on_screen_paths(page, "path.geo-targeting-line") >= 1  # the Euphrates
        assert _on_screen_paths(page, "path.geo-zone") >= 1  # Syria west of it
        assert page.locator("path.geo-basemap").count() > 5
        base_layers = page.locator(".leaflet-control-layers-base").inner_text()
        assert (ONLINE_LAYER in base_layers) is not flags and BASEMAP_LAYER in base_layers
        assert _listed_events(page) >= 0.8 * len(located_events)
        assert _listed_events(page) == len(located_events)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"seeds_map_{'_'.join(flags) or 'default'}.png"))
        _assert_clean(log)
    finally:
        page.close()
