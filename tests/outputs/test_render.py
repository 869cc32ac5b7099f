"""The HTML map as text: normalized snippets, the data each layer carries, escaping, links,
input validation and the offline file's self-containment. (What a browser shows is in
test_browser.py.)"""

from __future__ import annotations

import copy
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    DELETE,
    XSS_TEXT,
    XSS_TITLE,
    XSS_URL,
    changed,
    skip_or_fail_in_ci,
    vocabulary_data,
)
from pydantic import BaseModel, ValidationError

from gazetteer.model import FeatureClass
from geo.errors import InputError, OutputError
from geo.events.taxonomy import EventType
from geo.outputs.assets import (
    CDN_ASSETS,
    INSTALL_COMMAND,
    escape_inline_script,
    inline_assets,
    node_modules_dir,
    require_assets,
)
from geo.outputs.render import (
    BASEMAP_LAYER,
    CLUSTER_THRESHOLD,
    MAP_STYLE,
    ONLINE_LAYER,
    EventProperties,
    FeatureProperties,
    MapStyleFile,
    PathStyle,
    PlaceProperties,
    ZoneProperties,
    escape_text,
    event_popup_html,
    event_style,
    event_table_row,
    feature_tooltip_html,
    link_or_text,
    parse_collection,
    place_popup_html,
    render_map,
    script_json,
    zone_tooltip_html,
)


@pytest.fixture(autouse=True)
def offline_assets() -> Path:
    """The installed npm assets (every map inlines them): skipped when missing here, failed
    when missing in CI."""
    modules = node_modules_dir()
    if not (modules / "leaflet" / "dist" / "leaflet.js").is_file():
        skip_or_fail_in_ci(f"offline assets missing: run `{INSTALL_COMMAND}`")
    return modules


needs_assets = pytest.mark.usefixtures("offline_assets")
_DECODER = json.JSONDecoder()


def normalise(html: str) -> str:
    """folium names elements with random hex ids; make them comparable."""
    return re.sub(r"_[0-9a-f]{32}\b", "_ID", html)


def _json_after(html: str, marker: str) -> list[Any]:
    """Every JSON value written right after ``marker`` (the templates' ``tojson`` output)."""
    values = []
    for match in re.finditer(re.escape(marker), html):
        value, _ = _DECODER.raw_decode(html, match.end())
        values.append(value)
    return values


def layer_features(html: str) -> list[dict[str, Any]]:
    """All features of every VectorFeatures layer, in map order, each with its style."""
    features = []
    for layer in _json_after(html, "_shapes = "):
        for feature in layer["features"]:
            style = layer["styles"][feature["properties"]["style"]]
            features.append({**feature, "properties": {**feature["properties"], "style": style}})
    return features


def event_records(html: str) -> list[list[Any]]:
    """``[lat, lon, icon, title, popup, date]`` of every event marker, the popup joined."""
    records = []
    for parts, block in zip(
        _json_after(html, "var parts = "), _json_after(html, "var records = "), strict=True
    ):
        for record in block:
            popup = "".join(parts[index] for index in record[4])
            records.append([*record[:4], popup, *record[5:]])
    return records


def table_rows(html: str) -> list[dict[str, Any]]:
    """The event table's rows, as field -> value."""
    (fields,) = _json_after(html, "var fields = ")
    (rows,) = _json_after(html, "var rows = ")
    return [dict(zip(fields, row, strict=True)) for row in rows]


def with_classes(html: str, css_class: str) -> list[dict[str, Any]]:
    return [f for f in layer_features(html) if css_class in f["properties"]["style"]["className"]]


def _event(**overrides: Any) -> dict[str, Any]:
    properties = {"kind": "event", "id": "ev-1", "event_type": "air_strike", "date": "2017-06-06"}
    properties.update(overrides)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [39.0, 35.9]},
        "properties": properties,
    }


def _collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


# --- layers and controls ------------------------------------------------------------------


def test_every_kind_gets_a_named_switchable_layer(sample_collection: dict[str, Any]) -> None:
    html = normalise(render_map(sample_collection, title="Syria"))
    for name in ("Features", "Zones", "Uncertainty", "Places", "Events"):
        assert f'"{name}" : feature_group_ID,' in html
    assert "L.control.layers(" in html
    assert '"collapsed": false' in html


def test_fixture_layers_carry_the_expected_shapes(sample_collection: dict[str, Any]) -> None:
    html = render_map(sample_collection, title="Syria")
    assert len(event_records(html)) == 5
    assert len(with_classes(html, "geo-zone")) == 1
    (river,) = with_classes(html, "geo-targeting-line")
    assert river["geometry"]["type"] == "LineString"
    assert river["properties"]["style"]["dashArray"]
    assert "targeting line" in river["properties"]["tooltip"]
    (sea,) = with_classes(html, "geo-sea")
    assert sea["geometry"]["type"] == "Polygon"
    places = with_classes(html, "geo-place")
    assert [p["properties"]["style"]["radius"] for p in places] == [6.0, 7.5, 6.8, 6.0]


def test_uncertainty_is_zone_or_circle_and_absent_for_points(
    sample_collection: dict[str, Any],
) -> None:
    html = render_map(sample_collection, title="Syria")
    shapes = with_classes(html, "geo-uncertainty")
    radii = sorted(s["properties"].get("radius_m", 0) for s in shapes)
    # city 10 km, city 15 km, country 300 km as circles; the threat uses its zone polygon.
    assert radii == [0, 10_000, 15_000, 300_000]
    (zone_shape,) = [s for s in shapes if "radius_m" not in s["properties"]]
    assert zone_shape["geometry"]["type"] == "Polygon"


@pytest.mark.parametrize(
    ("count", "clustered"),
    [(0, False), (1, False), (CLUSTER_THRESHOLD, False), (CLUSTER_THRESHOLD + 1, True)],
)
def test_clustering_only_when_many_events(count: int, clustered: bool) -> None:
    events = [_event(id=f"ev-{i}") for i in range(count)]
    html = render_map(_collection(*events), title="t", cdn=True)
    assert ("L.markerClusterGroup(" in html) is clustered
    assert ("leaflet.markercluster.js" in html) is clustered
    assert '"maxZoom": 18' in html  # MarkerCluster needs it, tiles or not
    assert len(event_records(html)) == count


def test_legend_time_slider_and_title(sample_collection: dict[str, Any]) -> None:
    html = render_map(sample_collection, title="Syria, June 2017")
    (legend,) = _json_after(html, "var entries = ")
    assert legend == [
        ["Air strike", "#8e44ad"],
        ["Condemnation", "#1f77b4"],  # no colour of its own: one of the fallback colours
        ["Shoot-down", "#c0392b"],
        ["Threat", "#e67e22"],
    ]
    (dates,) = _json_after(html, "var dates = ")
    assert dates == ["2017-06-01", "2017-06-06", "2017-06-18", "2017-06-19"]
    assert _json_after(html, "var title = ") == ["Syria, June 2017"]
    assert [r[5] for r in event_records(html)].count(None) == 1  # the undated event


def test_no_events_means_no_legend_and_no_slider() -> None:
    html = normalise(render_map(_collection(), title="Empty"))
    assert "var entries = " not in html and "var dates = " not in html
    assert "var rows = " not in html and "geo-table-panel" not in html
    assert "map_ID.fitBounds(" not in html


def test_undated_events_only_have_no_slider() -> None:
    html = render_map(_collection(_event(date=None)), title="t")
    assert "var dates = " not in html
    assert event_records(html)[0][5] is None


def test_bounds_fit_events_zones_and_places(sample_collection: dict[str, Any]) -> None:
    html = normalise(render_map(sample_collection, title="t"))
    assert "map_ID.fitBounds(\n                [[32.31, 35.78], [36.83, 41.1]]," in html


def test_attributions_are_escaped_and_deduplicated() -> None:
    html = render_map(
        _collection(),
        title="t",
        attributions=["GeoNames (CC BY 4.0)", "GeoNames (CC BY 4.0)", "<b>x</b> & y", ""],
    )
    assert _json_after(html, "attributionControl.addAttribution(") == [
        "GeoNames (CC BY 4.0)",
        "&lt;b&gt;x&lt;/b&gt; &amp; y",
    ]


# --- base layers: the offline basemap, online tiles offered -------------------------------

_BASEMAP = _collection(
    {"type": "Feature", "properties": {},
     "geometry": {"type": "Polygon", "coordinates": [[[35, 33], [36, 33], [36, 34], [35, 33]]]}},
)  # fmt: skip


@pytest.mark.parametrize(
    ("options", "base_layers", "shown"),
    [
        ({"basemap": _BASEMAP}, [BASEMAP_LAYER, ONLINE_LAYER], BASEMAP_LAYER),  # the CLI default
        ({"basemap": _BASEMAP, "offline": True}, [BASEMAP_LAYER], BASEMAP_LAYER),
        ({}, [ONLINE_LAYER], ONLINE_LAYER),  # no basemap: the tiles are the base
        ({"offline": True}, [], None),
    ],
)
def test_base_layers(options: dict[str, Any], base_layers: list[str], shown: str | None) -> None:
    html = normalise(render_map(_collection(_event()), title="t", **options))
    (control,) = re.findall(r"base_layers : \{(.*?)\},", html, flags=re.DOTALL)
    names = re.findall(r'"([^"]+)" : (\w+),', control)
    assert [name for name, _ in names] == base_layers
    added = [name for name, variable in names if f"{variable}.addTo(map_ID)" in html]
    assert added == ([shown] if shown else [])
    assert ("tile.openstreetmap.org" in html) is (ONLINE_LAYER in base_layers)


def test_offline_maps_cannot_use_cdns() -> None:
    with pytest.raises(ValueError, match="offline"):
        render_map(_collection(), title="t", offline=True, cdn=True)


def test_cdn_urls_name_the_pinned_versions() -> None:
    """A CDN URL and its inlined copy are the same file only at the same version."""
    pinned = json.loads((Path(__file__).parents[2] / "geo/outputs/assets/package.json").read_text())
    for url, asset in CDN_ASSETS.items():
        version = pinned["dependencies"][asset.package]
        assert f"{asset.package}@{version}/" in url or f"/{asset.package}/{version}/" in url, url


# --- the event table ----------------------------------------------------------------------


def test_the_table_lists_every_event_in_marker_order(sample_collection: dict[str, Any]) -> None:
    html = render_map(sample_collection, title="t", cdn=True)
    rows = table_rows(html)
    records = event_records(html)
    assert len(rows) == len(records) == 5
    assert [row["date"] for row in rows] == [record[5] for record in records]
    assert rows[1] == {
        "date": "2017-06-19",
        "date_precision": "day",
        "event_type": "threat",
        "type": "Threat",
        "actors": "Russia (initiator); United States (target)",
        "place": "Syria west of the Euphrates",
        "precision": "zone",
        "sources": 1,
    }
    assert _json_after(html, "var types = ") == [[
        ["air_strike", "Air strike"], ["condemnation", "Condemnation"],
        ["shoot_down", "Shoot-down"], ["threat", "Threat"],
    ]]  # fmt: skip
    assert "tabulator-tables@" in html  # its assets come with the table


@pytest.mark.parametrize(
    ("properties", "expected"),
    [
        ({}, {"date": None, "date_precision": "unknown", "event_type": "air_strike",
              "type": "Air strike", "actors": "", "place": "unnamed location",
              "precision": "unknown", "sources": 0}),
        ({"date": "2017-06", "date_precision": "month"},
         {"date": "2017-06-01", "date_precision": "month"}),
        ({"actors": [{"name": "A"}, {"name": "B", "role": "target", "country": "SY"}]},
         {"actors": "A; B (target)"}),
        ({"event_label": "Strike <b>", "location_name": "Raqqa", "precision": "city",
          "sources": [{"title": "x"}, {"title": "y"}], "sentence": "It <i>was</i>."},
         {"type": "Strike <b>", "place": "Raqqa", "precision": "city", "sources": 2}),
    ],
)  # fmt: skip
def test_event_table_row(properties: dict[str, Any], expected: dict[str, Any]) -> None:
    event = EventProperties.model_validate(
        {"kind": "event", "id": "e", "event_type": "air_strike", **properties}
    )
    row = event_table_row(event)
    assert {key: row[key] for key in expected} == expected
    assert ("sentence" in row) is False  # the search reads it from the popup


def test_uncertainty_shapes_name_their_events(sample_collection: dict[str, Any]) -> None:
    """The table shows a shape while one of its events is listed: the indices must be right."""
    html = render_map(sample_collection, title="t", cdn=True)
    rows = table_rows(html)
    shapes = with_classes(html, "geo-uncertainty")
    assert sorted(i for shape in shapes for i in shape["properties"]["events"]) == [0, 1, 2, 4]
    for shape in shapes:
        for index in shape["properties"]["events"]:
            assert rows[index]["precision"] != "point"


def test_hostile_text_reaches_the_table_only_as_json(xss_collection: dict[str, Any]) -> None:
    html = render_map(xss_collection, title="t", cdn=True)
    rows = table_rows(html)
    assert {row["type"] for row in rows} == {XSS_TITLE}
    assert all(row["actors"].startswith(XSS_TITLE) for row in rows if row["actors"])
    assert XSS_TITLE not in html and "<img src=x" not in html  # every "<" is \u003c


# --- escaping and links -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "is_link"),
    [
        ("https://www.example.com/a?b=1&c=2", True),
        ("http://news.example.org/x", True),
        ("HTTPS://EXAMPLE.COM/", True),
        ("  https://example.com/padded  ", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("file:///etc/passwd", False),
        ("//evil.example.com/x", False),
        ("/relative/path", False),
        ("http://", False),
        ("https:///no-host", False),
        ("http://[broken", False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_urls_become_links(url: str | None, is_link: bool) -> None:
    html = link_or_text('Title "quoted" <b>', url)
    assert ("<a href=" in html) is is_link
    assert "Title &quot;quoted&quot; &lt;b&gt;" in html
    assert "<script" not in html and "<b>" not in html


def test_link_href_cannot_break_out_of_its_attribute() -> None:
    html = link_or_text("t", 'https://example.com/"onmouseover="alert(1)')
    assert 'href="https://example.com/&quot;onmouseover=&quot;alert(1)"' in html


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        (XSS_TITLE, "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("O'Brien & Sons", "O&#x27;Brien &amp; Sons"),
        ("", ""),
        (None, ""),
        (3.5, "3.5"),
    ],
)
def test_escape_text(text: object, escaped: str) -> None:
    assert escape_text(text) == escaped


def _hostile_event() -> EventProperties:
    return EventProperties.model_validate(
        {
            "kind": "event",
            "id": "e",
            "event_type": "shoot_down",
            "event_label": XSS_TITLE,
            "actors": [{"name": XSS_TEXT, "role": XSS_TEXT, "country": "SY"}],
            "location_name": XSS_TEXT,
            "precision": XSS_TEXT,
            "reason": XSS_TEXT,
            "sentence": XSS_TEXT,
            "sources": [
                {"title": XSS_TITLE, "url": XSS_URL, "source": XSS_TEXT, "published": XSS_TEXT},
                {"title": "ok", "url": "https://example.com/ok"},
            ],
        }
    )


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(event_popup_html(_hostile_event()), id="event popup"),
        pytest.param(
            zone_tooltip_html(
                ZoneProperties(
                    kind="zone",
                    id="z",
                    label=XSS_TITLE,
                    statement=XSS_TEXT,
                    sources=_hostile_event().sources,
                )
            ),
            id="zone tooltip",
        ),
        pytest.param(
            place_popup_html(
                PlaceProperties.model_validate(
                    {
                        "kind": "place",
                        "id": "p",
                        "name": XSS_TITLE,
                        "country": XSS_TEXT,
                        "mentions": [{"document_id": XSS_TITLE, "text": XSS_TEXT, "start": 1}],
                    }
                )
            ),
            id="place popup",
        ),
        pytest.param(
            feature_tooltip_html(
                FeatureProperties(kind="feature", id="f", name=XSS_TEXT, role="targeting line")
            ),
            id="feature tooltip",
        ),
    ],
)
def test_popups_and_tooltips_escape_article_text(html: str) -> None:
    for raw in ("<script", "<img", "<b>bold", "</script", 'href="javascript'):
        assert raw not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html or "&lt;script&gt;" in html


def test_event_popup_lists_every_source_and_links_only_http() -> None:
    html = event_popup_html(_hostile_event())
    assert html.count("<li>") == 3  # one actor, two sources
    assert html.count("<a href=") == 1
    assert '<a href="https://example.com/ok"' in html
    assert '<span class="geo-url">javascript:alert(3)</span>' in html


@pytest.mark.parametrize(
    ("date", "precision", "shown"),
    [
        ("2020-05-03", "day", "2020-05-03 (precision: day)"),
        ("2020-05-04", "on_or_before", "on or before 2020-05-04"),
        (None, "unknown", "date unknown"),
    ],
)
def test_event_popup_shows_the_date_with_its_precision(
    date: str | None, precision: str, shown: str
) -> None:
    event = EventProperties.model_validate(
        {"kind": "event", "id": "e", "date": date, "date_precision": precision}
    )
    assert f'<p class="geo-meta">{shown}</p>' in event_popup_html(event)


def test_rendered_page_never_contains_raw_hostile_text(xss_collection: dict[str, Any]) -> None:
    html = render_map(xss_collection, title=XSS_TITLE, attributions=[XSS_TEXT])
    for raw in ("<img src=x", '"><script>alert(1)', "<b>bold</b>", 'href="javascript'):
        assert raw not in html
    # Text reaches JavaScript only as JSON, and JSON-escaped "<" cannot end a script.
    assert html.count("</script>") == html.count("<script")
    assert XSS_TITLE in _json_after(html, "var title = ")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "</script><script>alert(1)</script>",
            '"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"',
        ),
        ("<!-- x", '"\\u003c!-- x"'),
        ("line\u2028sep", '"line\\u2028sep"'),
        ("Dayr az Zawr دير الزور", '"Dayr az Zawr دير الزور"'),
        ({"a": [1, None, True]}, '{"a":[1,null,true]}'),
        ("", '""'),
    ],
)
def test_script_json_cannot_end_the_script(value: Any, expected: str) -> None:
    assert script_json(value) == expected
    assert json.loads(script_json(value)) == value


def test_events_sharing_a_zone_get_one_uncertainty_outline(
    sample_collection: dict[str, Any],
) -> None:
    threat = next(
        f
        for f in sample_collection["features"]
        if f["properties"]["kind"] == "event" and f["properties"]["zone_id"]
    )
    again = copy.deepcopy(threat)
    again["properties"].update(id="ev-threat-repeat", date="2017-06-25")
    sample_collection["features"].append(again)
    html = render_map(sample_collection, title="t")
    outlines = [
        s for s in with_classes(html, "geo-uncertainty") if "radius_m" not in s["properties"]
    ]
    assert len(outlines) == 1
    assert outlines[0]["properties"]["date"] == "2017-06-19"
    assert outlines[0]["properties"]["events"] == [1, 5]  # shown while either is listed


# --- input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-06-18", "2017-06-18"),
        ("2017-06", "2017-06-01"),
        ("2017", "2017-01-01"),
        ("2017-06-18T10:30:00Z", "2017-06-18"),
        (None, None),
        ("", None),
    ],
)
def test_partial_dates_start_their_period(value: str | None, expected: str | None) -> None:
    html = render_map(_collection(_event(date=value)), title="t")
    assert event_records(html)[0][5] == expected


@pytest.mark.parametrize(
    ("collection", "message"),
    [
        ({"type": "Feature"}, "expected a GeoJSON FeatureCollection"),
        (_collection(_event(kind="river")), "invalid map feature"),
        (_collection(_event(date="June 2017")), "date"),
        (_collection(_event(confidence=2.0)), "confidence"),
        (_collection(_event(uncertainty_km=-1)), "uncertainty_km"),
        (_collection({"type": "Feature", "geometry": None, "properties": {}}), "geometry"),
        (
            _collection({**_event(), "geometry": {"type": "Point", "coordinates": []}}),
            "geometry",
        ),
        ("not a collection", "not a GeoJSON FeatureCollection"),
        (
            _collection({**_event(), "geometry": {"type": "Point", "coordinates": [35.9, 139.0]}}),
            "longitude, latitude",
        ),
        (
            _collection(
                {**_event(), "geometry": {"type": "Point", "coordinates": [float("nan"), 1.0]}}
            ),
            "finite",
        ),
    ],
)
def test_invalid_input_raises_input_error(collection: Any, message: str) -> None:
    with pytest.raises(InputError, match=message):
        render_map(collection, title="t")


def test_all_problems_are_counted_in_one_error() -> None:
    bad = _collection(_event(confidence=5), _event(date="someday"), _event())
    with pytest.raises(InputError, match=r"^2 invalid map feature"):
        parse_collection(bad)


class _Exported(BaseModel):
    type: str = "FeatureCollection"
    features: list[dict[str, Any]]


class _GeoInterface:
    def __init__(self, mapping: dict[str, Any]) -> None:
        self.__geo_interface__ = mapping


@pytest.mark.parametrize("wrap", [dict, _GeoInterface, lambda m: _Exported(**m)])
def test_collection_like_inputs(sample_collection: dict[str, Any], wrap: Any) -> None:
    assert len(parse_collection(wrap(sample_collection)).events) == 5


def test_unknown_event_types_get_a_stable_colour() -> None:
    assert event_style("shoot_down") == "#c0392b"
    assert event_style("blockade") == event_style("blockade")
    assert re.fullmatch(r"#[0-9a-f]{6}", event_style("blockade"))


# --- styles (map_style.toml) ----------------------------------------------------------------

MAP_STYLE_DATA = vocabulary_data("geo/outputs/map_style.toml")
_NOT_A_COLOUR = "String should match pattern '^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$'"


def test_the_shipped_map_style_file_is_valid() -> None:
    assert MapStyleFile.model_validate(MAP_STYLE_DATA) == MAP_STYLE
    assert event_style("air_strike") == MAP_STYLE.events.colours[EventType.AIR_STRIKE]


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        ("events.colours.air_strike", "purple", f"events.colours.air_strike\n  {_NOT_A_COLOUR}"),
        ("events.colours.air_strike", "#8e44a", _NOT_A_COLOUR),
        ("events.colours.air_strike", "#8e44add", _NOT_A_COLOUR),
        ("events.colours.air_strikes", "#8e44ad", "air_strikes.[key]\n  Input should be 'air_"),
        ("events.colours.warning", "#f39c12", "warning.[key]\n  Input should be 'air_strike'"),
        ("events.fallback_colours", ["#1f77b4", "#1f77b4"], "listed more than once"),
        ("events.fallback_colours", [], "at least 1 item"),
        ("events.fallback_colours", ["#1f77b4", "blue"], f"fallback_colours.1\n  {_NOT_A_COLOUR}"),
        ("zone.weight", 0, "greater than 0"),
        ("zone.weight", "thick", "Input should be a valid integer"),
        ("zone.fillOpacity", 1.5, "less than or equal to 1"),
        ("zone.fillOpacity", -0.1, "greater than or equal to 0"),
        ("zone.dashArray", "dotted", "zone.dashArray\n  String should match pattern"),
        ("zone.className", 'geo-zone"><b', "zone.className\n  String should match pattern"),
        ("zone.className", DELETE, "zone.className\n  Field required"),
        ("zone.colour", "#c0392b", "zone.colour\n  Extra inputs are not permitted"),
        ("place.radius", 5, "place.radius\n  Extra inputs are not permitted"),
        ("uncertainty.color", "#000", "takes its event's colour"),
        ("features.by_class.ocean", {"className": "geo-sea"}, "Input should be"),
        ("basemap.background", "blue", f"basemap.background\n  {_NOT_A_COLOUR}"),
    ],
)
def test_a_malformed_map_style_file_is_refused(path: str, value: Any, problem: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(problem)):
        MapStyleFile.model_validate(changed(MAP_STYLE_DATA, path, value))


def test_a_colour_and_a_style_added_to_the_data_are_accepted() -> None:
    city = {"className": "geo-feature geo-city", "weight": 2}
    data = changed(
        changed(MAP_STYLE_DATA, "features.by_class.city", city), "events.colours.riot", "#123"
    )
    loaded = MapStyleFile.model_validate(data)
    assert loaded.events.colours[EventType.RIOT] == "#123"
    assert loaded.features.by_class[FeatureClass.CITY].leaflet() == {
        "className": "geo-feature geo-city",
        "weight": 2,
    }


def test_styles_reach_the_page_in_leaflet_order_whatever_the_file_order() -> None:
    style = PathStyle.model_validate(
        tomllib.loads(
            "fillOpacity = 1\nfill = false\nweight = 0.6\ncolor = '#333'\nclassName = 'a'"
        )
    )
    assert list(style.leaflet()) == ["className", "color", "weight", "fill", "fillOpacity"]
    assert list(style.leaflet("radius")) == [
        "className", "radius", "color", "weight", "fill", "fillOpacity"
    ]  # fmt: skip
    assert style.leaflet()["fillOpacity"] == 1 and isinstance(style.leaflet()["fillOpacity"], int)


def test_the_page_carries_the_styles_of_the_data(sample_collection: dict[str, Any]) -> None:
    basemap = _collection(
        {"type": "Feature", "properties": {},
         "geometry": {"type": "LineString", "coordinates": [[35, 33], [36, 34]]}},
    )  # fmt: skip
    html = render_map(sample_collection, title="Syria", basemap=basemap)
    styles = {
        "geo-zone": MAP_STYLE.zone.leaflet(),
        "geo-targeting-line": MAP_STYLE.features.by_role["targeting line"].leaflet(),
        "geo-sea": MAP_STYLE.features.by_class[FeatureClass.SEA].leaflet(),
        "geo-basemap-water": MAP_STYLE.basemap.water.leaflet(),
    }
    for css_class, style in styles.items():
        drawn = with_classes(html, css_class)[0]["properties"]["style"]
        assert list(drawn.items()) == list(style.items())
    place = with_classes(html, "geo-place")[0]["properties"]["style"]
    assert list(place) == list(MAP_STYLE.place.leaflet("radius"))
    (outline, *_) = with_classes(html, "geo-uncertainty")
    assert list(outline["properties"]["style"]) == list(MAP_STYLE.uncertainty.leaflet("color"))
    assert f"background: {MAP_STYLE.basemap.background};" in html


# --- offline ------------------------------------------------------------------------------


@needs_assets
def test_offline_map_is_self_contained(
    sample_collection: dict[str, Any], natural_earth_basemap: dict[str, Any]
) -> None:
    online = render_map(sample_collection, title="t", cdn=True)
    assert re.search(r'<script[^>]+src="https?://', online)
    for offline in (
        render_map(sample_collection, title="t", offline=True, basemap=natural_earth_basemap),
        render_map(sample_collection, title="t", basemap=natural_earth_basemap),  # the default
    ):
        assert not re.search(r"<script[^>]+src=", offline)
        assert not re.search(r"<link[^>]+href=", offline)
        assert "url(images/" not in offline  # the layer-control icon is a data URI now
        assert 'url("data:image/png;base64,' in offline
        assert "L.Icon.Default.mergeOptions(" in offline
        assert "new Tabulator(" in offline and ".tabulator-row" in offline
        assert len(with_classes(offline, "geo-basemap")) == len(natural_earth_basemap["features"])
        assert len(offline) < 2_000_000


@needs_assets
def test_offline_clustered_map_inlines_markercluster() -> None:
    events = [_event(id=f"ev-{i}") for i in range(CLUSTER_THRESHOLD + 1)]
    html = render_map(_collection(*events), title="t", offline=True)
    assert "L.MarkerClusterGroup" in html and ".marker-cluster-small" in html
    assert "cdnjs.cloudflare.com" not in html


def test_offline_without_assets_names_the_fix(
    sample_collection: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("geo.outputs.assets.ASSETS_DIR", tmp_path)
    with pytest.raises(OutputError, match=re.escape(f"run `{INSTALL_COMMAND}`")):
        render_map(sample_collection, title="t", offline=True)
    with pytest.raises(OutputError, match="offline assets missing"):
        require_assets(tmp_path)


@needs_assets
@pytest.mark.parametrize(
    "tag",
    [
        '<script src="https://unpkg.com/unknown@1.0.0/x.js"></script>',
        '<link rel="stylesheet" href="https://example.com/x.css"/>',
        '<script defer src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>',
    ],
)
def test_inlining_refuses_unknown_remote_assets(tag: str) -> None:
    with pytest.raises(OutputError, match="offline"):
        inline_assets(f"<html><head>{tag}</head></html>")


@needs_assets
def test_inlining_replaces_every_known_asset() -> None:
    tags = "".join(
        f'<script src="{url}"></script>'
        if url.endswith(".js")
        else f'<link rel="stylesheet" href="{url}"/>'
        for url in CDN_ASSETS
    )
    html = inline_assets(f"<html><head>{tags}</head><body></body></html>")
    scripts = sum(url.endswith(".js") for url in CDN_ASSETS)
    assert html.count("<script>") == scripts and html.count("<style>") == len(CDN_ASSETS) - scripts
    assert "http" not in re.sub(r"<(script|style)>.*?</\1>", "", html, flags=re.DOTALL)


@pytest.mark.parametrize(
    ("source", "escaped"),
    [
        ('s = "</script>";', 's = "<\\/script>";'),
        ("s = '</SCRIPT >'", "s = '<\\/SCRIPT >'"),
        ("a </ b; c < /script", "a </ b; c < /script"),
        ("", ""),
    ],
)
def test_inline_script_cannot_close_its_element(source: str, escaped: str) -> None:
    assert escape_inline_script(source) == escaped


def test_fixture_has_every_kind_and_a_country_precision_event(
    sample_collection: dict[str, Any],
) -> None:
    kinds = [f["properties"]["kind"] for f in sample_collection["features"]]
    assert {k: kinds.count(k) for k in set(kinds)} == {
        "event": 5,
        "zone": 1,
        "feature": 2,
        "place": 4,
    }
    precisions = {f["properties"].get("precision") for f in sample_collection["features"]}
    assert "country" in precisions
    assert copy.deepcopy(sample_collection) == json.loads(json.dumps(sample_collection))


def test_shared_popup_blocks_and_styles_are_written_once() -> None:
    """10,000 events stay small: events of one article share their sources block, and
    thousands of uncertainty circles share a few styles."""
    source = {"title": "One article", "url": "https://example.org/a"}
    events = [
        _event(id=f"ev-{i}", sources=[source], precision="city", uncertainty_km=10)
        for i in range(20)
    ]
    html = render_map(_collection(*events), title="t", cdn=True)
    (parts,) = _json_after(html, "var parts = ")
    assert sum("One article" in part for part in parts) == 1
    assert all(record[4].count("One article") == 1 for record in event_records(html))
    (shapes,) = [layer for layer in _json_after(html, "_shapes = ") if layer["features"]]
    assert len(shapes["features"]) == 20 and len(shapes["styles"]) == 1
